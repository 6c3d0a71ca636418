package graph

import (
	"cmp"
	"context"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/schema"
)

// MaxEvidence is the most evidence sentences a relationship keeps.
const MaxEvidence = 5

// Props holds property values. A value is a string, an int64, a float64, a bool or a
// []string; lists are kept sorted and free of duplicates, except sources and evidence,
// which are parallel lists in the order the facts were read.
type Props map[string]any

// Ref names a node by label and key.
type Ref struct {
	Label string
	Key   string
}

// Node is a labelled node with a unique key within its label.
type Node struct {
	Label string
	Key   string
	Props Props
}

// Ref returns the reference to n.
func (n *Node) Ref() Ref { return Ref{n.Label, n.Key} }

// Rel is a typed relationship between two nodes.
type Rel struct {
	Type  string
	Start Ref
	End   Ref
	// Props may be one map shared by several relationships (AddRelShared): the graph
	// copies it before merging into it. Change it through the graph (AddRel), or give the
	// relationship a map of its own, unless DecodeRelKeep made it (see raw).
	Props Props
	// shared is set while Props may be another relationship's too.
	shared bool
	// raw is the binary form the relationship was decoded from (DecodeRelKeep), until
	// the graph merges anything into it; AppendRel writes it as it is. Such a
	// relationship is changed through the graph only.
	raw []byte
}

// ID returns the relationship's stable identity: its type and its two ends.
func (r *Rel) ID() string { return r.Type + ":" + r.Start.Key + "->" + r.End.Key }

// Graph is a set of nodes and relationships, merged by key.
type Graph struct {
	nodes map[Ref]*Node
	rels  relIndex
	grown growth // long sources lists the graph may grow in place
}

// relID is what ID renders, kept in pieces so that looking a relationship up builds no
// string.
type relID struct{ typ, start, end string }

func (r *Rel) id() relID { return relID{r.Type, r.Start.Key, r.End.Key} }

// New returns an empty graph.
func New() *Graph {
	return &Graph{nodes: map[Ref]*Node{}, rels: newRelIndex(), grown: growth{}}
}

// AddNode adds a node, or merges props into the node already there, and returns it.
func (g *Graph) AddNode(label, key string, props Props) *Node {
	ref := Ref{label, key}
	if n, ok := g.nodes[ref]; ok {
		mergeProps(n.Props, props, g.grown)
		return n
	}
	n := &Node{Label: label, Key: key, Props: make(Props, len(props))}
	mergeProps(n.Props, props, g.grown)
	g.nodes[ref] = n
	return n
}

// Node returns the node named by ref, or nil.
func (g *Graph) Node(ref Ref) *Node { return g.nodes[ref] }

// Rel returns the relationship of type typ between start and end, or nil.
func (g *Graph) Rel(typ string, start, end Ref) *Rel {
	return g.rels.get(relID{typ, start.Key, end.Key})
}

// AddRel adds a relationship, or merges props into the one already there, and returns it.
// Both ends must already be nodes of g; AddRel returns nil otherwise.
func (g *Graph) AddRel(typ string, start, end Ref, props Props) *Rel {
	sn, en := g.nodes[start], g.nodes[end]
	if sn == nil || en == nil {
		return nil
	}
	id := relID{typ, start.Key, end.Key}
	h := g.rels.hash(id)
	if old := g.rels.getHashed(h, id); old != nil {
		if old.shared {
			old.Props, old.shared = maps.Clone(old.Props), false
		}
		old.raw = nil
		mergeProps(old.Props, props, g.grown)
		return old
	}
	r := &Rel{Type: typ, Start: sn.Ref(), End: en.Ref(), Props: make(Props, len(props))}
	mergeProps(r.Props, props, g.grown)
	g.rels.putHashed(h, id, r)
	return r
}

// RemoveNode deletes a node and every relationship that touches it.
func (g *Graph) RemoveNode(ref Ref) {
	delete(g.nodes, ref)
	for r := range g.rels.all {
		if r.Start == ref || r.End == ref {
			g.rels.remove(r.id())
		}
	}
}

// RemoveRel deletes one relationship.
func (g *Graph) RemoveRel(r *Rel) { g.rels.remove(r.id()) }

// Merge adds every node and relationship of o to g. Each of o's nodes and relationships
// merges into a different one of g, so the order they are taken in does not matter.
func (g *Graph) Merge(o *Graph) {
	for _, n := range o.nodes {
		g.AddNode(n.Label, n.Key, n.Props)
	}
	for r := range o.rels.all {
		g.AddRel(r.Type, r.Start, r.End, r.Props)
	}
}

// Each calls node for every node and then rel for every relationship, in no particular
// order: for work whose result does not depend on it. Either may be nil.
func (g *Graph) Each(node func(*Node), rel func(*Rel)) {
	if node != nil {
		for _, n := range g.nodes {
			node(n)
		}
	}
	if rel != nil {
		for r := range g.rels.all {
			rel(r)
		}
	}
}

// Len returns the number of nodes and relationships.
func (g *Graph) Len() (nodes, rels int) { return len(g.nodes), g.rels.len() }

// Nodes returns the nodes ordered by label (schema.Labels order), then key.
func (g *Graph) Nodes() []*Node {
	out := make([]*Node, 0, len(g.nodes))
	for _, n := range g.nodes {
		out = append(out, n)
	}
	sortNodes(out)
	return out
}

func sortNodes(out []*Node) {
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := schema.LabelRank(a.Label), schema.LabelRank(b.Label); ra != rb {
			return ra < rb
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.Key < b.Key
	})
}

// NodesOf returns the nodes with one label, ordered by key.
func (g *Graph) NodesOf(label string) []*Node {
	var out []*Node
	for ref, n := range g.nodes {
		if ref.Label == label {
			out = append(out, n)
		}
	}
	sortNodes(out)
	return out
}

// Rels returns the relationships ordered by type (schema.Types order), start, end.
func (g *Graph) Rels() []*Rel {
	out := make([]*Rel, 0, g.rels.len())
	for r := range g.rels.all {
		out = append(out, r)
	}
	SortRels(out)
	return out
}

// SortRels sorts relationships in Rels order: by type (schema.Types order), start, end.
// A large slice is sorted in parts on every core, then the parts are merged.
func SortRels(rels []*Rel) {
	rs := make([]rankedRel, len(rels))
	for i, r := range rels {
		rs[i] = rankedRel{schema.TypeRank(r.Type), r}
	}
	parts := runtime.GOMAXPROCS(0)
	if len(rs) < 1<<16 || parts < 2 {
		slices.SortFunc(rs, compareRanked)
	} else {
		// sort parts concurrently, then merge them pairwise
		var bounds []int
		for i := 0; i <= parts; i++ {
			bounds = append(bounds, i*len(rs)/parts)
		}
		var wg sync.WaitGroup
		for i := range parts {
			wg.Go(func() { slices.SortFunc(rs[bounds[i]:bounds[i+1]], compareRanked) })
		}
		wg.Wait()
		buf := make([]rankedRel, len(rs))
		for len(bounds) > 2 {
			var next []int
			for i := 0; i+1 < len(bounds); i += 2 {
				lo := bounds[i]
				if i+2 >= len(bounds) { // an odd part out stays as it is
					copy(buf[lo:bounds[i+1]], rs[lo:bounds[i+1]])
					next = append(next, lo)
					continue
				}
				mid, hi := bounds[i+1], bounds[i+2]
				wg.Go(func() { mergeRanked(buf[lo:hi], rs[lo:mid], rs[mid:hi]) })
				next = append(next, lo)
			}
			wg.Wait()
			next = append(next, len(rs))
			bounds = next
			rs, buf = buf, rs
		}
	}
	for i, r := range rs {
		rels[i] = r.r
	}
}

// rankedRel is a relationship with its type's rank, looked up once: on a large graph,
// sorting is most of what Rels costs, and a load calls it several times.
type rankedRel struct {
	rank int
	r    *Rel
}

func compareRanked(a, b rankedRel) int {
	if a.rank != b.rank {
		return cmp.Compare(a.rank, b.rank)
	}
	x, y := a.r, b.r
	if c := strings.Compare(x.Type, y.Type); c != 0 {
		return c
	}
	if c := strings.Compare(x.Start.Key, y.Start.Key); c != 0 {
		return c
	}
	if c := strings.Compare(x.Start.Label, y.Start.Label); c != 0 {
		return c
	}
	if c := strings.Compare(x.End.Key, y.End.Key); c != 0 {
		return c
	}
	return strings.Compare(x.End.Label, y.End.Label)
}

// mergeRanked merges the sorted a and b into dst, len(a)+len(b) long; of equal elements
// a's come first, as a stable merge keeps them.
func mergeRanked(dst, a, b []rankedRel) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if compareRanked(b[j], a[i]) < 0 {
			dst[k] = b[j]
			j++
		} else {
			dst[k] = a[i]
			i++
		}
		k++
	}
	k += copy(dst[k:], a[i:])
	copy(dst[k:], b[j:])
}

// RelsOf returns the relationships of one type, in Rels order.
func (g *Graph) RelsOf(typ string) []*Rel {
	var out []*Rel
	for r := range g.rels.all {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	SortRels(out)
	return out
}

// Sink receives a finished graph: an exporter, a loader, a dry run.
type Sink interface {
	Write(ctx context.Context, g *Graph) error
}
