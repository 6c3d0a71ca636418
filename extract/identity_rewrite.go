package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// The identity pass moves relationships between nodes: an organization's onto the body it
// is an alias of, a person's onto the homonym each article means. This file is the
// mechanics: relationships are cut into parts by source article, the parts are sent to
// their new ends, and parts that land on one relationship are merged.

// part is the share of a relationship bound for new ends.
type part struct {
	start, end graph.Ref
	// keep are the source articles the part carries; nil means all of them.
	keep map[string]bool
}

// sourcePair is one source article of a relationship with the sentence read there, if
// the relationship still kept it.
type sourcePair struct {
	source, evidence string
	hasEvidence      bool
}

// pairsOf returns a relationship's sources with their evidence: evidence[i] belongs to
// sources[i] (graph's merge keeps them aligned; it stops keeping sentences at five).
func pairsOf(p graph.Props) []sourcePair {
	sources, _ := p["sources"].([]string)
	evidence, _ := p["evidence"].([]string)
	out := make([]sourcePair, len(sources))
	for i, s := range sources {
		out[i] = sourcePair{source: s}
		if i < len(evidence) {
			out[i].evidence, out[i].hasEvidence = evidence[i], true
		}
	}
	return out
}

// contribution is what one part brings to the relationship it lands on.
type contribution struct {
	props graph.Props // everything but sources and evidence
	pairs []sourcePair
	whole bool // the whole of one relationship, order and all
}

// rewriter moves relationships. dates gives each article's date, for ordering.
type rewriter struct {
	g     *graph.Graph
	dates map[string]string
}

// articleOrder is the sort key of an article: its date, undated last, then its key.
func (w *rewriter) articleOrder(key string) string {
	d := w.dates[key]
	if d == "" {
		d = "~"
	}
	return d + "\x00" + key
}

// rewrite replaces each of rels by the parts route gives it; a relationship route sends
// whole to its own ends is left alone. Parts that land on one relationship (with each
// other or with one already there) are merged: their properties by graph's rules, their
// sources ordered by article date and key, evidence kept for the first five while
// aligned; firstSeen and lastSeen are read again from the dates of the sources a part
// keeps. A part whose two ends are one node is dropped. The new ends must be nodes of g.
func (w *rewriter) rewrite(rels []*graph.Rel, route func(*graph.Rel) []part) {
	landing := map[relKey][]contribution{}
	var order []relKey
	removed := map[*graph.Rel]bool{}
	// first route every relationship, so that none is taken for one already in place
	// before its own route is known
	for _, r := range rels {
		if removed[r] || w.g.Rel(r.Type, r.Start, r.End) != r {
			continue // seen already, or no longer in g
		}
		parts := route(r)
		if len(parts) == 1 && parts[0].start == r.Start && parts[0].end == r.End && parts[0].keep == nil {
			continue
		}
		removed[r] = true
		w.g.RemoveRel(r)
		all := pairsOf(r.Props)
		for _, p := range parts {
			if p.start == p.end {
				continue
			}
			c := contribution{props: withoutProvenance(r.Props), whole: p.keep == nil}
			for _, sp := range all {
				if p.keep == nil || p.keep[sp.source] {
					c.pairs = append(c.pairs, sp)
				}
			}
			if len(all) > 0 && len(c.pairs) == 0 {
				continue
			}
			id := relKey{r.Type, p.start, p.end}
			if _, ok := landing[id]; !ok {
				order = append(order, id)
			}
			landing[id] = append(landing[id], c)
		}
	}
	// each landing is on a relationship of its own: the order they land in changes
	// nothing but is kept the same from run to run
	slices.SortFunc(order, func(a, b relKey) int {
		return cmp.Or(strings.Compare(a.typ, b.typ), strings.Compare(a.start.Key, b.start.Key), strings.Compare(a.start.Label, b.start.Label),
			strings.Compare(a.end.Key, b.end.Key), strings.Compare(a.end.Label, b.end.Label))
	})
	for _, id := range order {
		cs := landing[id]
		// a relationship already there, and staying, joins what lands on it
		if old := w.g.Rel(id.typ, id.start, id.end); old != nil {
			cs = append([]contribution{{props: withoutProvenance(old.Props), pairs: pairsOf(old.Props), whole: true}}, cs...)
			w.g.RemoveRel(old)
		}
		w.land(id.typ, id.start, id.end, cs)
	}
}

// relKey names a relationship by its type and ends.
type relKey struct {
	typ        string
	start, end graph.Ref
}

// land writes the relationship that contributions make together.
func (w *rewriter) land(typ string, start, end graph.Ref, cs []contribution) {
	if len(cs) == 1 && cs[0].whole {
		// one relationship moved whole keeps its order
		p := cs[0].props
		if len(cs[0].pairs) > 0 {
			p = withPairs(p, cs[0].pairs)
		}
		w.g.AddRel(typ, start, end, p)
		return
	}
	for i := range cs {
		w.redate(cs[i].props, cs[i].pairs)
	}
	sort.SliceStable(cs, func(i, j int) bool { return w.firstOf(cs[i].pairs) < w.firstOf(cs[j].pairs) })
	var r *graph.Rel
	var pairs []sourcePair
	for _, c := range cs {
		r = w.g.AddRel(typ, start, end, c.props)
		pairs = append(pairs, c.pairs...)
	}
	if r == nil {
		return
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		return w.articleOrder(pairs[i].source) < w.articleOrder(pairs[j].source)
	})
	// one source once, with a sentence when any copy has one
	var merged []sourcePair
	at := map[string]int{}
	for _, p := range pairs {
		if i, ok := at[p.source]; ok {
			if !merged[i].hasEvidence && p.hasEvidence {
				merged[i] = p
			}
			continue
		}
		at[p.source] = len(merged)
		merged = append(merged, p)
	}
	if len(merged) > 0 {
		setPairs(r.Props, merged)
	}
}

// firstOf returns the order key of the earliest source among pairs.
func (w *rewriter) firstOf(pairs []sourcePair) string {
	first := "\U0010FFFF"
	for _, p := range pairs {
		if k := w.articleOrder(p.source); k < first {
			first = k
		}
	}
	return first
}

// redate sets firstSeen and lastSeen of props from the dates of the sources it keeps,
// when it has them and every such source is dated.
func (w *rewriter) redate(p graph.Props, pairs []sourcePair) {
	if _, ok := p["firstSeen"]; !ok || len(pairs) == 0 {
		return
	}
	first, last := "", ""
	for _, sp := range pairs {
		d := w.dates[sp.source]
		if d == "" {
			return
		}
		if first == "" || d < first {
			first = d
		}
		if d > last {
			last = d
		}
	}
	p["firstSeen"], p["lastSeen"] = first, last
}

// withoutProvenance copies props without sources and evidence.
func withoutProvenance(p graph.Props) graph.Props {
	out := graph.Props{}
	for k, v := range p {
		if k == "sources" || k == "evidence" {
			continue
		}
		if l, ok := v.([]string); ok {
			v = slices.Clone(l)
		}
		out[k] = v
	}
	return out
}

// withPairs returns a copy of props with sources and evidence made from pairs.
func withPairs(p graph.Props, pairs []sourcePair) graph.Props {
	out := withoutProvenance(p)
	setPairs(out, pairs)
	return out
}

// setPairs writes pairs as sources and evidence: every source, and the sentences of the
// first ones while each has one, at most graph.MaxEvidence.
func setPairs(p graph.Props, pairs []sourcePair) {
	sources := make([]string, 0, len(pairs))
	var evidence []string
	for i, sp := range pairs {
		sources = append(sources, sp.source)
		if len(evidence) == i && sp.hasEvidence && len(evidence) < graph.MaxEvidence {
			evidence = append(evidence, sp.evidence)
		}
	}
	p["sources"] = sources
	if len(evidence) > 0 {
		p["evidence"] = evidence
	} else {
		delete(p, "evidence")
	}
}

// adjacency returns the relationships of g by the nodes of the given labels they touch
// (the nodes the identity pass asks about), each list in g.Rels order (sorted list by
// list: sorting all of a large graph's relationships at once cost more).
func (id *Identity) adjacency(g *graph.Graph, labels ...string) map[graph.Ref][]*graph.Rel {
	return id.adjacencyOf(g, func(ref graph.Ref) bool { return slices.Contains(labels, ref.Label) })
}

// adjacencyOf is adjacency for the nodes asked about.
func (id *Identity) adjacencyOf(g *graph.Graph, asked func(graph.Ref) bool) map[graph.Ref][]*graph.Rel {
	adj := map[graph.Ref][]*graph.Rel{}
	g.Each(nil, func(r *graph.Rel) {
		if asked(r.Start) {
			adj[r.Start] = append(adj[r.Start], r)
		}
		if r.End != r.Start && asked(r.End) {
			adj[r.End] = append(adj[r.End], r)
		}
	})
	// the lists sorted on every core, each on its own
	var lists [][]*graph.Rel
	for _, rs := range adj {
		if len(rs) > 1 {
			lists = append(lists, rs)
		}
	}
	workers := id.cores()
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			for i := k; i < len(lists); i += workers {
				graph.SortRels(lists[i])
			}
		})
	}
	wg.Wait()
	return adj
}
