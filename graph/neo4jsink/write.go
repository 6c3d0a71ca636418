package neo4jsink

import (
	"context"
	"fmt"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// group is the rows of one statement: the nodes of one label, or the relationships of
// one type between two labels.
type group struct {
	what   string // label or type, for messages and stats
	rel    bool
	cypher string // merges rows into what the database holds
	// fresh, when set, is the cheaper statement sent first (see freshNodeStatement);
	// cypher then merges only the rows it found existing.
	fresh     string
	rows      []map[string]any
	startNode string // labels of a relationship's ends
	endNode   string
}

// startLabel and endLabel return the labels whose nodes the group's statement locks.
func (gr *group) startLabel() string {
	if gr.rel {
		return gr.startNode
	}
	return gr.what
}

func (gr *group) endLabel() string {
	if gr.rel {
		return gr.endNode
	}
	return gr.what
}

// Write implements graph.Sink: it merges g into the database, all nodes first, in
// batches of Config.BatchSize rows. Up to Config.Workers statements are in flight at
// once, never two whose labels overlap: such statements lock disjoint nodes, so they
// cannot deadlock. It stops at the first failing batch with a *BatchError; what was
// committed before stays, and writing g again completes it.
func (s *Sink) Write(ctx context.Context, g *graph.Graph) (err error) {
	groups, err := plan(g)
	if err != nil {
		return err
	}
	total := 0
	var nodes, rels []*group
	for _, gr := range groups {
		total += len(gr.rows)
		if gr.rel {
			rels = append(rels, gr)
		} else {
			nodes = append(nodes, gr)
		}
	}
	w := &writer{s: s, bar: newProgress(s.cfg.Progress, total)}
	defer func() {
		if err != nil {
			w.bar.finish()
		}
	}()
	// Relationships need both their nodes: the node phase ends before theirs begins.
	for _, phase := range [][]*group{nodes, rels} {
		if err := w.run(ctx, phase); err != nil {
			return err
		}
	}
	w.bar.finish()
	return nil
}

// writer runs the statements of one Write; mu guards the Sink's stats, the progress
// bar and the scheduling state.
type writer struct {
	s    *Sink
	bar  *progress
	mu   sync.Mutex
	busy map[string]bool // labels of the groups in flight
}

// run writes groups with up to Config.Workers workers, each taking the first waiting
// group whose labels no group in flight has, and writing its batches in order.
func (w *writer) run(ctx context.Context, groups []*group) error {
	workers := max(1, min(w.s.cfg.Workers, len(groups)))
	w.busy = map[string]bool{}
	waiting := append([]*group(nil), groups...)
	wake := make(chan struct{}, workers) // a group finished: look again
	eg, ctx := errgroup.WithContext(ctx)
	for i := 0; i < workers; i++ {
		eg.Go(func() (err error) {
			sess := w.s.session(ctx)
			defer closeSession(ctx, sess, &err)
			for {
				w.mu.Lock()
				if len(waiting) == 0 {
					w.mu.Unlock()
					return nil
				}
				var gr *group
				for j, c := range waiting {
					if !w.busy[c.startLabel()] && !w.busy[c.endLabel()] {
						gr = c
						waiting = append(waiting[:j:j], waiting[j+1:]...)
						break
					}
				}
				if gr == nil {
					w.mu.Unlock()
					select {
					case <-wake:
						continue
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				w.busy[gr.startLabel()], w.busy[gr.endLabel()] = true, true
				w.mu.Unlock()

				err := w.group(ctx, sess, gr)

				w.mu.Lock()
				delete(w.busy, gr.startLabel())
				delete(w.busy, gr.endLabel())
				w.mu.Unlock()
				for k := 0; k < workers; k++ {
					select {
					case wake <- struct{}{}:
					default:
					}
				}
				if err != nil {
					return err
				}
			}
		})
	}
	return eg.Wait()
}

// group writes the batches of one group in order. With a fresh statement, each batch
// goes first through it and then, the rows that existed, through the full merge; once
// most of a batch existed, the rest go straight to the full merge.
func (w *writer) group(ctx context.Context, sess neo4j.SessionWithContext, gr *group) error {
	s := w.s
	fresh := gr.fresh
	batches := (len(gr.rows) + s.cfg.BatchSize - 1) / s.cfg.BatchSize
	for i := 0; i < batches; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		lo, hi := i*s.cfg.BatchSize, min((i+1)*s.cfg.BatchSize, len(gr.rows))
		batch := gr.rows[lo:hi]
		fail := func(err error) error {
			if ctx.Err() != nil {
				return err
			}
			return &BatchError{What: gr.what, Batch: i + 1, Batches: batches, Err: err}
		}
		c := Counts{Rows: len(batch)}
		var props, statements int
		merge := batch
		if fresh != "" {
			o, err := s.exec(ctx, sess, fresh, map[string]any{"rows": batch})
			if err != nil {
				return fail(err)
			}
			statements++
			props += o.propsSet
			c.Created += o.nodesCreated + o.relsCreated
			if !s.cfg.DryRun {
				c.Missing += len(batch) - o.rows
			}
			merge = make([]map[string]any, len(o.existing))
			for j, k := range o.existing {
				if k < lo || k >= hi {
					return fail(fmt.Errorf("the server named row %d, not one of rows %d to %d", k, lo, hi-1))
				}
				merge[j] = gr.rows[k]
			}
			if 2*len(o.existing) > len(batch) {
				fresh = ""
			}
		}
		if len(merge) > 0 {
			o, err := s.exec(ctx, sess, gr.cypher, map[string]any{"rows": merge})
			if err != nil {
				return fail(err)
			}
			statements++
			props += o.propsSet
			c.Created += o.nodesCreated + o.relsCreated
			c.Updated += o.updated
			if !s.cfg.DryRun {
				c.Missing += len(merge) - o.rows
			}
		}
		w.mu.Lock()
		s.stats.Statements += statements
		s.stats.PropertiesSet += props
		if gr.rel {
			s.stats.addRel(gr.what, c)
		} else {
			s.stats.addNode(gr.what, c)
		}
		w.bar.add(len(batch))
		w.mu.Unlock()
	}
	return nil
}

// plan groups g into statements: one per label in schema order, then one per
// relationship type and pair of end labels. A label or type not in the schema is an
// error before anything is written.
func plan(g *graph.Graph) ([]*group, error) {
	var groups []*group
	byLabel := map[string]*group{}
	var nodeProps = map[*group][]graph.Props{}
	for _, n := range g.Nodes() {
		gr := byLabel[n.Label]
		if gr == nil {
			if !schema.IsLabel(n.Label) {
				return nil, fmt.Errorf("node %s: label %q is not in the schema", n.Key, n.Label)
			}
			gr = &group{what: n.Label}
			byLabel[n.Label] = gr
			groups = append(groups, gr)
		}
		p := values(n.Props)
		gr.rows = append(gr.rows, map[string]any{"k": n.Key, "p": p, "i": len(gr.rows)})
		nodeProps[gr] = append(nodeProps[gr], n.Props)
	}
	for _, gr := range groups {
		props, err := batchProps(nodeProps[gr])
		if err != nil {
			return nil, fmt.Errorf("%s nodes: %w", gr.what, err)
		}
		if gr.cypher, err = nodeStatement(gr.what, props); err != nil {
			return nil, err
		}
		if len(props) > 0 && allSettable(nodeProps[gr]) {
			if gr.fresh, err = freshNodeStatement(gr.what); err != nil {
				return nil, err
			}
		}
	}
	type relKey struct{ typ, start, end string }
	byType := map[relKey]*group{}
	relProps := map[*group][]graph.Props{}
	var relGroups []*group
	for _, r := range g.Rels() {
		k := relKey{r.Type, r.Start.Label, r.End.Label}
		gr := byType[k]
		if gr == nil {
			if !schema.IsType(r.Type) {
				return nil, fmt.Errorf("relationship %s: type %q is not in the schema", r.ID(), r.Type)
			}
			gr = &group{what: r.Type, rel: true, startNode: r.Start.Label, endNode: r.End.Label}
			byType[k] = gr
			relGroups = append(relGroups, gr)
		}
		gr.rows = append(gr.rows, map[string]any{"s": r.Start.Key, "e": r.End.Key, "p": values(r.Props), "i": len(gr.rows)})
		relProps[gr] = append(relProps[gr], r.Props)
	}
	for _, gr := range relGroups {
		props, err := batchProps(relProps[gr])
		if err != nil {
			return nil, fmt.Errorf("%s relationships: %w", gr.what, err)
		}
		if gr.cypher, err = relStatement(gr.what, gr.startNode, gr.endNode, props); err != nil {
			return nil, err
		}
		if len(props) > 0 && allSettable(relProps[gr]) {
			if gr.fresh, err = freshRelStatement(gr.what, gr.startNode, gr.endNode); err != nil {
				return nil, err
			}
		}
	}
	return append(groups, relGroups...), nil
}

// allSettable reports whether every one of props is settable.
func allSettable(props []graph.Props) bool {
	for _, p := range props {
		if !settable(p) {
			return false
		}
	}
	return true
}

// values returns props as a query parameter, without the key: props itself when it has
// none (the rows only read it), a copy otherwise.
func values(p graph.Props) map[string]any {
	if _, ok := p[schema.KeyProperty]; !ok && p != nil {
		return p
	}
	out := make(map[string]any, len(p))
	for k, v := range p {
		if k != schema.KeyProperty {
			out[k] = v
		}
	}
	return out
}
