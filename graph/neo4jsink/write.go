package neo4jsink

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
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
	create bool   // the rows are absent from the database: cypher creates them
	cypher string // merges rows into what the database holds (creates them, with create)
	byID   string // with create, for relationships: cypher for rows whose ends' ids are known
	// fresh, when set, is the cheaper statement sent first (see freshNodeStatement);
	// cypher then merges only the rows it found existing.
	fresh     string
	rows      []row
	startNode string // labels of a relationship's ends
	endNode   string
	// stored is set once a batch found most of its rows stored already: the group's
	// batches not yet begun then go straight to cypher (so, when some rows were stored,
	// how many statements a write takes depends on timing). Guarded by writer.mu.
	stored bool
}

// row is one node (key k) or relationship (ends s and e) to write, with its properties.
// A batch's rows become the statement's parameter only when it is sent (params): a
// parameter row is a map, several times the size of a row, and a large load's rows
// would otherwise all be maps at once.
type row struct {
	k, s, e string
	p       map[string]any
}

// params returns rows as the statement's $rows, each with its index i in the group
// (from, for rows[0]): what a fresh statement names the rows that existed by.
func params(rows []row, rel bool, from int) []map[string]any {
	out := make([]map[string]any, len(rows))
	for j, r := range rows {
		if rel {
			out[j] = map[string]any{"s": r.s, "e": r.e, "p": r.p, "i": from + j}
		} else {
			out[j] = map[string]any{"k": r.k, "p": r.p, "i": from + j}
		}
	}
	return out
}

// batch is the rows gr.rows[lo:hi], which one statement writes (two, with a fresh
// statement), and the nodes it may lock: for each label its rows name, the least and
// the greatest key.
type batch struct {
	gr        *group
	n, of     int // the n-th of the group's batches, from 1
	lo, hi    int
	keyRanges map[string][2]string
}

// batches cuts gr into batches of size rows.
func batches(gr *group, size int) []*batch {
	var out []*batch
	of := (len(gr.rows) + size - 1) / size
	for lo := 0; lo < len(gr.rows); lo += size {
		b := &batch{gr: gr, n: len(out) + 1, of: of, lo: lo, hi: min(lo+size, len(gr.rows)), keyRanges: map[string][2]string{}}
		for _, r := range gr.rows[b.lo:b.hi] {
			if gr.rel {
				b.widen(gr.startNode, r.s)
				b.widen(gr.endNode, r.e)
			} else {
				b.widen(gr.what, r.k)
			}
		}
		out = append(out, b)
	}
	return out
}

// row returns the index in its group of a row of b the server named by its i.
func (b *batch) row(i int64) (int, error) {
	if i < int64(b.lo) || i >= int64(b.hi) {
		return 0, fmt.Errorf("the server named row %d, not one of rows %d to %d", i, b.lo, b.hi-1)
	}
	return int(i), nil
}

// widen adds key of label to the nodes b may lock.
func (b *batch) widen(label, key string) {
	r, ok := b.keyRanges[label]
	if !ok {
		b.keyRanges[label] = [2]string{key, key}
		return
	}
	b.keyRanges[label] = [2]string{min(r[0], key), max(r[1], key)}
}

// overlaps reports whether b and o may lock a node in common: whether they name a
// label in common with key ranges that overlap.
func (b *batch) overlaps(o *batch) bool {
	for label, r := range b.keyRanges {
		if q, ok := o.keyRanges[label]; ok && r[0] <= q[1] && q[0] <= r[1] {
			return true
		}
	}
	return false
}

// Write implements graph.Sink: it merges g into the database, all nodes first, in
// batches of Config.BatchSize rows. Up to Config.Workers statements are in flight at
// once, never two that may lock the same node (two whose rows name one label with key
// ranges that overlap), so they cannot deadlock. It stops at the first failing batch
// with a *BatchError; what was committed before stays, and writing g again completes
// it.
func (s *Sink) Write(ctx context.Context, g *graph.Graph) error { return s.write(ctx, g, nil) }

// WriteKnown is Write for a caller that knows what the database holds: known is that
// graph, as in a load into an empty database that keeps what it has written, merged
// (and that nobody else writes to). What known does not have is created without being
// looked for, which costs the server less (a quarter less per relationship in bare
// statements, a tenth of a first year's load); relationships between nodes the Sink
// created find their ends by the ids the server gave them, not by key (another eighth).
// What known has is merged as Write merges it, unless merging would change nothing
// (graph.MergeChanges): that is not sent, and counts as unchanged.
func (s *Sink) WriteKnown(ctx context.Context, g, known *graph.Graph) error {
	return s.write(ctx, g, known)
}

func (s *Sink) write(ctx context.Context, g, known *graph.Graph) (err error) {
	groups, same, err := plan(g.Nodes(), g.Rels(), known)
	if err != nil {
		return err
	}
	for label, n := range same.nodes {
		s.stats.addNode(label, Counts{Rows: n})
	}
	for typ, n := range same.rels {
		s.stats.addRel(typ, Counts{Rows: n})
	}
	total := 0
	for _, gr := range groups {
		total += len(gr.rows)
	}
	bar := newProgress(s.cfg.Progress, total)
	defer func() {
		if err != nil {
			bar.finish()
		}
	}()
	if err := s.run(ctx, groups, bar); err != nil {
		return err
	}
	bar.finish()
	return nil
}

// run writes the groups plan made, their progress shown on bar (which it does not
// finish): the nodes' batches, then the relationships'.
func (s *Sink) run(ctx context.Context, groups []*group, bar *progress) error {
	var nodes, rels [][]*batch
	for _, gr := range groups {
		if gr.rel {
			rels = append(rels, batches(gr, s.cfg.BatchSize))
		} else {
			nodes = append(nodes, batches(gr, s.cfg.BatchSize))
		}
	}
	w := &writer{s: s, bar: bar}
	// Relationships need both their nodes: the node phase ends before theirs begins.
	for _, phase := range [][][]*batch{nodes, rels} {
		if err := w.run(ctx, interleave(phase)); err != nil {
			return err
		}
	}
	return nil
}

// interleave returns the batches of groups in the order workers should take them: the
// first batch of every group, then the second, and so on, the groups with the most
// batches first. The batches of one group usually overlap one another, so each group
// is a chain of statements one after the other; the longest chains start first.
func interleave(groups [][]*batch) []*batch {
	groups = slices.Clone(groups)
	slices.SortStableFunc(groups, func(a, b []*batch) int { return cmp.Compare(len(b), len(a)) })
	var out []*batch
	for i := 0; len(groups) > 0 && i < len(groups[0]); i++ {
		for _, g := range groups {
			if i < len(g) {
				out = append(out, g[i])
			}
		}
	}
	return out
}

// writer runs the statements of one Write; mu guards the Sink's stats, the progress
// bar and the scheduling state.
type writer struct {
	s        *Sink
	bar      *progress
	mu       sync.Mutex
	inFlight []*batch
}

// run writes batches with up to Config.Workers workers, each taking the first waiting
// batch that overlaps no batch in flight.
func (w *writer) run(ctx context.Context, waiting []*batch) error {
	workers := max(1, min(w.s.cfg.Workers, len(waiting)))
	waiting = slices.Clone(waiting)
	w.inFlight = nil
	wake := make(chan struct{}, workers) // a batch finished: look again
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
				j := slices.IndexFunc(waiting, func(b *batch) bool {
					return !slices.ContainsFunc(w.inFlight, b.overlaps)
				})
				if j < 0 {
					w.mu.Unlock()
					select {
					case <-wake:
						continue
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				b := waiting[j]
				waiting = slices.Delete(waiting, j, j+1)
				w.inFlight = append(w.inFlight, b)
				w.mu.Unlock()

				err := w.write(ctx, sess, b)

				w.mu.Lock()
				w.inFlight = slices.DeleteFunc(w.inFlight, func(o *batch) bool { return o == b })
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

// write writes one batch. With a fresh statement, the batch goes first through it and
// then, the rows that existed, through the full merge; once most of a batch existed,
// the group's other batches go straight to the full merge.
func (w *writer) write(ctx context.Context, sess neo4j.SessionWithContext, b *batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s, gr := w.s, b.gr
	rows := gr.rows[b.lo:b.hi]
	fail := func(err error) error {
		if ctx.Err() != nil {
			return err
		}
		return &BatchError{What: gr.what, Batch: b.n, Batches: b.of, Err: err}
	}
	w.mu.Lock()
	fresh := gr.fresh != "" && !gr.stored
	w.mu.Unlock()
	c := Counts{Rows: len(rows)}
	var props, statements int
	send := func(cypher string, rows []map[string]any) (outcome, error) {
		o, err := s.exec(ctx, sess, cypher, map[string]any{"rows": rows})
		if err != nil {
			return o, fail(err)
		}
		statements++
		props += o.propsSet
		c.Created += o.nodesCreated + o.relsCreated
		c.Updated += o.updated
		if !s.cfg.DryRun {
			c.Missing += len(rows) - o.rows
		}
		return o, nil
	}
	if gr.create {
		if err := w.create(send, fail, b); err != nil {
			return err
		}
		w.done(b, c, statements, props)
		return nil
	}
	all := params(rows, gr.rel, b.lo)
	merge := all
	if fresh {
		o, err := send(gr.fresh, all)
		if err != nil {
			return err
		}
		merge = make([]map[string]any, len(o.existing))
		for j, i := range o.existing {
			k, err := b.row(i)
			if err != nil {
				return fail(err)
			}
			merge[j] = all[k-b.lo]
		}
		if 2*len(o.existing) > len(rows) {
			w.mu.Lock()
			gr.stored = true
			w.mu.Unlock()
		}
	}
	if len(merge) > 0 {
		if _, err := send(gr.cypher, merge); err != nil {
			return err
		}
	}
	w.done(b, c, statements, props)
	return nil
}

// done counts a written batch.
func (w *writer) done(b *batch, c Counts, statements, props int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.s.stats.Statements += statements
	w.s.stats.PropertiesSet += props
	if b.gr.rel {
		w.s.stats.addRel(b.gr.what, c)
	} else {
		w.s.stats.addNode(b.gr.what, c)
	}
	w.bar.add(b.hi - b.lo)
}

// create writes a batch of a group whose rows are absent from the database. Created
// nodes' ids are kept; a relationship whose two ends have one is created by id
// (createRelByIDStatement), the others by key.
func (w *writer) create(send func(string, []map[string]any) (outcome, error), fail func(error) error, b *batch) error {
	gr := b.gr
	rows := gr.rows[b.lo:b.hi]
	if !gr.rel {
		o, err := send(gr.cypher, params(rows, false, b.lo))
		if err != nil {
			return err
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		for j, i := range o.made {
			k, err := b.row(i)
			if err != nil {
				return fail(err)
			}
			w.s.ids[graph.Ref{Label: gr.what, Key: gr.rows[k].k}] = o.ids[j]
		}
		return nil
	}
	var byID []map[string]any
	var byKey []row
	w.mu.Lock()
	for _, r := range rows {
		a, okA := w.s.ids[graph.Ref{Label: gr.startNode, Key: r.s}]
		z, okZ := w.s.ids[graph.Ref{Label: gr.endNode, Key: r.e}]
		if okA && okZ {
			byID = append(byID, map[string]any{"a": a, "b": z, "p": r.p})
		} else {
			byKey = append(byKey, r)
		}
	}
	w.mu.Unlock()
	if len(byID) > 0 {
		if _, err := send(gr.byID, byID); err != nil {
			return err
		}
	}
	if len(byKey) > 0 {
		if _, err := send(gr.cypher, params(byKey, true, 0)); err != nil {
			return err
		}
	}
	return nil
}

// unchanged counts, by label and by relationship type, the rows plan found nothing to
// write for.
type unchanged struct{ nodes, rels map[string]int }

// plan groups g into statements: one per label in schema order, then one per
// relationship type and pair of end labels. A label or type not in the schema is an
// error before anything is written. With known (see WriteKnown), what known lacks and
// merging would set as it is goes to a statement of its own per label or type that
// creates it; what known has and merging would not change is left out, and counted in
// the second result; the rest is merged, without a fresh statement first (it exists).
func plan(nodes []*graph.Node, rels []*graph.Rel, known *graph.Graph) ([]*group, unchanged, error) {
	same := unchanged{nodes: map[string]int{}, rels: map[string]int{}}
	// fresh statements only pay where rows may be new: not with known
	fresh := func(props []prop, rows []graph.Props) bool {
		return known == nil && len(props) > 0 && allSettable(rows)
	}
	var groups []*group
	type nodeKey struct {
		label  string
		create bool
	}
	byLabel := map[nodeKey]*group{}
	var nodeProps = map[*group][]graph.Props{}
	for _, n := range nodes {
		var has *graph.Node
		if known != nil {
			if has = known.Node(n.Ref()); has != nil && !graph.MergeChanges(has.Props, n.Props) {
				same.nodes[n.Label]++
				continue
			}
		}
		k := nodeKey{n.Label, known != nil && has == nil && settable(n.Props)}
		gr := byLabel[k]
		if gr == nil {
			if !schema.IsLabel(n.Label) {
				return nil, same, fmt.Errorf("node %s: label %q is not in the schema", n.Key, n.Label)
			}
			gr = &group{what: n.Label, create: k.create}
			byLabel[k] = gr
			groups = append(groups, gr)
		}
		gr.rows = append(gr.rows, row{k: n.Key, p: values(n.Props)})
		nodeProps[gr] = append(nodeProps[gr], n.Props)
	}
	for _, gr := range groups {
		props, err := batchProps(nodeProps[gr]) // property names checked for create too
		if err != nil {
			return nil, same, fmt.Errorf("%s nodes: %w", gr.what, err)
		}
		if gr.create {
			if gr.cypher, err = createNodeStatement(gr.what); err != nil {
				return nil, same, err
			}
			continue
		}
		if gr.cypher, err = nodeStatement(gr.what, props); err != nil {
			return nil, same, err
		}
		if fresh(props, nodeProps[gr]) {
			if gr.fresh, err = freshNodeStatement(gr.what); err != nil {
				return nil, same, err
			}
		}
	}
	type relKey struct {
		typ, start, end string
		create          bool
	}
	byType := map[relKey]*group{}
	relProps := map[*group][]graph.Props{}
	var relGroups []*group
	for _, r := range rels {
		var has *graph.Rel
		if known != nil {
			if has = known.Rel(r.Type, r.Start, r.End); has != nil && !graph.MergeChanges(has.Props, r.Props) {
				same.rels[r.Type]++
				continue
			}
		}
		k := relKey{r.Type, r.Start.Label, r.End.Label, known != nil && has == nil && settable(r.Props)}
		gr := byType[k]
		if gr == nil {
			if !schema.IsType(r.Type) {
				return nil, same, fmt.Errorf("relationship %s: type %q is not in the schema", r.ID(), r.Type)
			}
			gr = &group{what: r.Type, rel: true, create: k.create, startNode: r.Start.Label, endNode: r.End.Label}
			byType[k] = gr
			relGroups = append(relGroups, gr)
		}
		gr.rows = append(gr.rows, row{s: r.Start.Key, e: r.End.Key, p: values(r.Props)})
		relProps[gr] = append(relProps[gr], r.Props)
	}
	orderByBusierEnd(relGroups)
	for _, gr := range relGroups {
		props, err := batchProps(relProps[gr])
		if err != nil {
			return nil, same, fmt.Errorf("%s relationships: %w", gr.what, err)
		}
		if gr.create {
			if gr.cypher, err = createRelStatement(gr.what, gr.startNode, gr.endNode); err != nil {
				return nil, same, err
			}
			if gr.byID, err = createRelByIDStatement(gr.what, gr.startNode, gr.endNode, props); err != nil {
				return nil, same, err
			}
			continue
		}
		if gr.cypher, err = relStatement(gr.what, gr.startNode, gr.endNode, props); err != nil {
			return nil, same, err
		}
		if fresh(props, relProps[gr]) {
			if gr.fresh, err = freshRelStatement(gr.what, gr.startNode, gr.endNode); err != nil {
				return nil, same, err
			}
		}
	}
	return append(groups, relGroups...), same, nil
}

// orderByBusierEnd orders the rows of each relationship group by the key of the end
// whose label more relationship rows name (by start key otherwise, as they come), so
// that each batch of a group spans a short range of that label's keys and may run
// beside the batches of other groups on the same label: HOLDS, PARTICIPATED_IN and
// MENTIONS rows all in the order of their persons.
func orderByBusierEnd(groups []*group) {
	rows := map[string]int{}
	for _, gr := range groups {
		rows[gr.startNode] += len(gr.rows)
		if gr.endNode != gr.startNode {
			rows[gr.endNode] += len(gr.rows)
		}
	}
	for _, gr := range groups {
		if rows[gr.endNode] <= rows[gr.startNode] {
			continue
		}
		slices.SortFunc(gr.rows, func(a, b row) int { // (e, s) is unique in a group
			if c := strings.Compare(a.e, b.e); c != 0 {
				return c
			}
			return strings.Compare(a.s, b.s)
		})
	}
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
