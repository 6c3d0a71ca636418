package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"reflect"
	"sort"
	"time"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
)

// resolvedLoad writes one load with the identity rules applied across everything the
// database holds: each batch resolved against what is stored of its names
// (writeResolved), or, for a streamed load into an empty database, what was written
// settled at the end (settle). It adds up what they did and where the time went.
type resolvedLoad struct {
	sink *neo4jsink.Sink
	id   *extract.Identity

	Batches    int
	Spilled    bool            // extracted spilled, then created (spillArticles)
	Split      map[string]bool // names read as several persons, in any batch
	OrgsMerged int             // organization nodes folded, summed over resolutions
	Prune      neo4jsink.PruneStats
	// where the writer's time went, summed over batches and the settling (reading back,
	// for a load into a database that holds a graph, counts as resolving)
	Resolve, Diff, Write, Pruning time.Duration
}

// newResolvedLoad returns a load into sink with the identity pass id.
func newResolvedLoad(sink *neo4jsink.Sink, id *extract.Identity) *resolvedLoad {
	return &resolvedLoad{sink: sink, id: id, Split: map[string]bool{}}
}

// writeResolved writes a batch into the database with the identity rules applied against
// what the database already holds, so that loading an archive in batches gives the graph
// loading it at once gives:
//
//  1. read back the stored persons and bodies that the batch's names reach, with their
//     relationships, roles and articles (neo4jsink.ReadAround, extract.Identity.Probe);
//  2. resolve them together with the batch (extract.Identity.Resolve);
//  3. write what is new or changed, and the batch itself (a MERGE, as always);
//  4. prune: delete the stored relationships and nodes that the decision retired, and set
//     exactly the properties that merging would have kept stale (one transaction).
//
// Writing comes before pruning, so a load cut short between the two leaves duplicates,
// never losses; loading the same batch again resolves them away. In a dry run only the
// batch is counted. When the database holds nothing of the batch, g itself is resolved.
func (l *resolvedLoad) writeResolved(ctx context.Context, g *graph.Graph) error {
	l.Batches++
	sink := l.sink
	if sink.Config().DryRun {
		return sink.Write(ctx, g)
	}
	t0 := time.Now()
	probe := l.id.Probe(g)
	stored, err := sink.ReadAround(ctx, neo4jsink.Names{Persons: probe.Persons, Orgs: probe.Orgs})
	if err != nil {
		return fmt.Errorf("read back the stored persons and organizations: %w", err)
	}
	// With nothing stored, g is resolved and written as it is, and nothing is pruned:
	// merging g into an empty graph, and changedOrOwn, would only copy it (a graph's
	// properties are as its merge keeps them, so each copy is equal to what it copies).
	// On a first load into an empty database that saves copying the batch twice.
	final, write, p := g, g, neo4jsink.Pruning{}
	if nodes, _ := stored.Len(); nodes > 0 {
		final = graph.New()
		final.Merge(stored)
		final.Merge(g)
	}
	rep := l.id.Resolve(final)
	t2 := time.Now()
	l.Resolve += t2.Sub(t0)
	if final != g {
		write, p = changedOrOwn(final, stored, g), pruning(stored, final)
	}
	t3 := time.Now()
	l.Diff += t3.Sub(t2)
	if err := sink.Write(ctx, write); err != nil {
		return err
	}
	t4 := time.Now()
	l.Write += t4.Sub(t3)
	st, err := sink.Prune(ctx, p)
	l.Pruning += time.Since(t4)
	if err != nil {
		return err
	}
	l.note(rep, st)
	return nil
}

// settle finishes a streamed load (streamArticles): written is every batch it wrote,
// each resolved within itself, merged, which is all the database holds. settle resolves
// written as a whole, in place (Identity.Resolve decides from the graph alone, so this
// gives what resolving all of the articles at once gives), and writes the difference:
// the relationships and nodes the decisions made or changed are written, and set
// exactly where they replace stored ones; the ones they retired are deleted. The
// identity pass replaces every relationship it moves or merges into by a new one and
// changes nodes only through their maps, so a relationship not made anew is stored as
// it is, and a node's change shows against a copy of its properties.
func (l *resolvedLoad) settle(ctx context.Context, written *graph.Graph) error {
	t0 := time.Now()
	nodes, rels := written.Len()
	before := make(map[*graph.Rel]bool, rels)
	props := make(map[graph.Ref]graph.Props, nodes)
	written.Each(func(n *graph.Node) {
		props[n.Ref()] = maps.Clone(n.Props)
	}, func(r *graph.Rel) {
		before[r] = true
	})
	rep := l.id.Resolve(written)
	t1 := time.Now()
	l.Resolve += t1.Sub(t0)
	diff := graph.New()
	var p neo4jsink.Pruning
	add := func(n *graph.Node) { diff.AddNode(n.Label, n.Key, n.Props) }
	written.Each(func(n *graph.Node) {
		old, ok := props[n.Ref()]
		switch {
		case !ok:
			add(n)
		case !reflect.DeepEqual(old, n.Props):
			add(n)
			p.ExactNode = append(p.ExactNode, n)
		}
	}, func(r *graph.Rel) {
		if !before[r] {
			add(written.Node(r.Start))
			add(written.Node(r.End))
			diff.AddRel(r.Type, r.Start, r.End, r.Props)
		}
	})
	for r := range before {
		switch now := written.Rel(r.Type, r.Start, r.End); {
		case now == nil:
			p.Rels = append(p.Rels, r)
		case now != r:
			p.ExactRels = append(p.ExactRels, now)
		}
	}
	for ref := range props {
		if written.Node(ref) == nil {
			p.Nodes = append(p.Nodes, ref)
		}
	}
	graph.SortRels(p.Rels)
	graph.SortRels(p.ExactRels)
	sort.Slice(p.Nodes, func(i, j int) bool {
		return p.Nodes[i].Label+"\x00"+p.Nodes[i].Key < p.Nodes[j].Label+"\x00"+p.Nodes[j].Key
	})
	t2 := time.Now()
	l.Diff += t2.Sub(t1)
	if err := l.sink.Write(ctx, diff); err != nil {
		return err
	}
	t3 := time.Now()
	l.Write += t3.Sub(t2)
	st, err := l.sink.Prune(ctx, p)
	l.Pruning += time.Since(t3)
	if err != nil {
		return err
	}
	l.note(rep, st)
	return nil
}

// busy is the writer's time: resolving, comparing, writing and pruning.
func (l *resolvedLoad) busy() time.Duration { return l.Resolve + l.Diff + l.Write + l.Pruning }

// note adds what one resolution decided and pruned to the load's account.
func (l *resolvedLoad) note(rep extract.IdentityReport, st neo4jsink.PruneStats) {
	for _, name := range rep.Split {
		l.Split[name] = true
	}
	l.OrgsMerged += rep.OrgsMerged
	l.Prune.NodesDeleted += st.NodesDeleted
	l.Prune.RelsDeleted += st.RelsDeleted
	l.Prune.PropertiesSet += st.PropertiesSet
	l.Prune.NodesKept += st.NodesKept
}

// report prints whether the load spilled, and what the identity pass changed over it, if
// anything.
func (l *resolvedLoad) report(stdout io.Writer) {
	if l.Spilled {
		fmt.Fprintln(stdout, "spilled:       extracted with the relationships, articles and events on disk, then created")
	}
	st := l.Prune
	if n := len(l.Split); n > 0 || l.OrgsMerged > 0 || st != (neo4jsink.PruneStats{}) {
		fmt.Fprintf(stdout, "identity:      %d names read as several persons, %d organization nodes folded; stored: %d nodes and %d relationships retired, %d rewritten\n",
			n, l.OrgsMerged, st.NodesDeleted, st.RelsDeleted, st.PropertiesSet)
	}
	if st.NodesKept > 0 {
		fmt.Fprintf(stdout, "identity:      %d retired nodes kept: they have relationships the load did not read\n", st.NodesKept)
	}
}

// changedOrOwn returns the part of final to write: every node and relationship of the
// batch g or not stored as it is in final, with the nodes their relationships need.
func changedOrOwn(final, stored, g *graph.Graph) *graph.Graph {
	out := graph.New()
	add := func(n *graph.Node) { out.AddNode(n.Label, n.Key, n.Props) }
	for _, n := range final.Nodes() {
		s := stored.Node(n.Ref())
		if g.Node(n.Ref()) != nil || s == nil || !reflect.DeepEqual(s.Props, n.Props) {
			add(n)
		}
	}
	for _, r := range final.Rels() {
		s := stored.Rel(r.Type, r.Start, r.End)
		if g.Rel(r.Type, r.Start, r.End) != nil || s == nil || !reflect.DeepEqual(s.Props, r.Props) {
			add(final.Node(r.Start))
			add(final.Node(r.End))
			out.AddRel(r.Type, r.Start, r.End, r.Props)
		}
	}
	return out
}

// pruning returns what to remove or overwrite once final is written over stored: the
// stored relationships and nodes final no longer has, and the ones whose merged
// properties would differ from final's.
func pruning(stored, final *graph.Graph) neo4jsink.Pruning {
	var p neo4jsink.Pruning
	for _, r := range stored.Rels() {
		f := final.Rel(r.Type, r.Start, r.End)
		switch {
		case f == nil:
			p.Rels = append(p.Rels, r)
		case !reflect.DeepEqual(mergedRel(r, f), f.Props):
			p.ExactRels = append(p.ExactRels, f)
		}
	}
	for _, n := range stored.Nodes() {
		f := final.Node(n.Ref())
		switch {
		case f == nil:
			p.Nodes = append(p.Nodes, n.Ref())
		case !reflect.DeepEqual(mergedNode(n, f), f.Props):
			p.ExactNode = append(p.ExactNode, f)
		}
	}
	return p
}

// mergedRel returns the properties the database holds once f is merged over the stored
// s: graph's merge, which the loader's MERGE statements follow.
func mergedRel(s, f *graph.Rel) graph.Props {
	t := graph.New()
	t.AddNode(s.Start.Label, s.Start.Key, nil)
	t.AddNode(s.End.Label, s.End.Key, nil)
	t.AddRel(s.Type, s.Start, s.End, s.Props)
	return t.AddRel(s.Type, s.Start, s.End, f.Props).Props
}

// mergedNode is mergedRel for a node.
func mergedNode(s, f *graph.Node) graph.Props {
	t := graph.New()
	t.AddNode(s.Label, s.Key, s.Props)
	return t.AddNode(s.Label, s.Key, f.Props).Props
}
