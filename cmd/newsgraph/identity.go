package main

import (
	"context"
	"fmt"
	"io"
	"reflect"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
)

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
func writeResolved(ctx context.Context, sink *neo4jsink.Sink, g *graph.Graph, dicts []string, stdout io.Writer) error {
	if sink.Config().DryRun {
		return sink.Write(ctx, g)
	}
	id, err := extract.NewIdentity(dicts)
	if err != nil {
		return err
	}
	probe := id.Probe(g)
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
	rep := id.Resolve(final)
	if final != g {
		write, p = changedOrOwn(final, stored, g), pruning(stored, final)
	}
	if err := sink.Write(ctx, write); err != nil {
		return err
	}
	st, err := sink.Prune(ctx, p)
	if err != nil {
		return err
	}
	if n := len(rep.Split); n > 0 || rep.OrgsMerged > 0 || !p.Empty() {
		fmt.Fprintf(stdout, "identity:      %d names read as several persons, %d organization nodes folded; stored: %d nodes and %d relationships retired, %d rewritten\n",
			n, rep.OrgsMerged, st.NodesDeleted, st.RelsDeleted, st.PropertiesSet)
	}
	if st.NodesKept > 0 {
		fmt.Fprintf(stdout, "identity:      %d retired nodes kept: they have relationships the load did not read\n", st.NodesKept)
	}
	return nil
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
