package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// detach copies the strings an article's graph keeps out of the text they were read
// from. A sentence kept as evidence, a title or a name is a substring of its page, and
// would keep the whole page in memory for as long as the merged graph lives. Each
// distinct string is copied once.
func detach(g *graph.Graph) {
	own := map[string]string{}
	clone := func(s string) string {
		c, ok := own[s]
		if !ok {
			c = strings.Clone(s)
			own[s] = c
		}
		return c
	}
	// one-element lists, the sources and evidence of most facts, are shared by the
	// article's facts, already boxed: graph never changes a list in place
	ones := map[string]any{}
	d := func(p graph.Props) { detachProps(p, clone, ones) }
	g.Each(func(n *graph.Node) { d(n.Props) }, func(r *graph.Rel) { d(r.Props) })
}

func detachProps(p graph.Props, clone func(string) string, ones map[string]any) {
	for k, v := range p {
		switch v := v.(type) {
		case string:
			p[k] = clone(v)
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
