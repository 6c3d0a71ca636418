package extract

import (
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
)

// detach copies the strings an article's graph keeps out of the text they were read
// from. A sentence kept as evidence, a title or a name is a substring of its page, and
// would keep the whole page in memory for as long as the merged graph lives. Each
// distinct string is copied once, and relationships with equal properties keep one map.
// With rels false only the nodes' strings are: a spilled run writes the relationships
// to disk as they are merged, which copies their strings, and keeps none of them.
func detach(g *graph.Graph, rels bool) {
	m := detachMaps.Get().(*detachMemo)
	defer func() {
		if len(m.own) > 1<<12 { // clearing costs what the map once held: a large one goes
			m.own, m.ones, m.boxed = map[string]string{}, map[string]any{}, map[string]any{}
		} else {
			clear(m.own)
			clear(m.ones)
			clear(m.boxed)
		}
		detachMaps.Put(m)
	}()
	clone := func(s string) string {
		c, ok := m.own[s]
		if !ok {
			c = strings.Clone(s)
			m.own[s] = c
		}
		return c
	}
	// one-element lists, the sources and evidence of most facts, are shared by the
	// article's facts, already boxed: graph never changes a list in place; so are
	// strings (a date, a status), which a props map holds boxed too
	box := func(s string) any {
		b, ok := m.boxed[s]
		if !ok {
			b = clone(s)
			m.boxed[s] = b
		}
		return b
	}
	d := func(p graph.Props) { detachProps(p, clone, box, m.ones) }
	if !rels {
		g.Each(func(n *graph.Node) { d(n.Props) }, nil)
		return
	}
	g.Each(func(n *graph.Node) { d(n.Props) }, func(r *graph.Rel) { d(r.Props) })
	g.ShareEqualProps()
}

// detachMemo is detach's memory of the strings it copied, reused article after article
// (cleared, so no article's strings outlive it).
type detachMemo struct {
	own   map[string]string
	ones  map[string]any // one-element lists, boxed
	boxed map[string]any // strings, boxed
}

var detachMaps = sync.Pool{New: func() any {
	return &detachMemo{own: map[string]string{}, ones: map[string]any{}, boxed: map[string]any{}}
}}

func detachProps(p graph.Props, clone func(string) string, box func(string) any, ones map[string]any) {
	for k, v := range p {
		switch v := v.(type) {
		case string:
			p[k] = box(v)
		case []string:
			if len(v) == 1 {
				one, ok := ones[v[0]]
				if !ok {
					one = []string{clone(v[0])}
					ones[v[0]] = one
				}
				p[k] = one
				continue
			}
			c := make([]string, len(v))
			for i, s := range v {
				c[i] = clone(s)
			}
			p[k] = c
		}
	}
}
