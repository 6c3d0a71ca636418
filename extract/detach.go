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
	g.Each(func(n *graph.Node) { detachProps(n.Props, clone) }, func(r *graph.Rel) { detachProps(r.Props, clone) })
}

func detachProps(p graph.Props, clone func(string) string) {
	for k, v := range p {
		switch v := v.(type) {
		case string:
			p[k] = clone(v)
		case []string:
			c := make([]string, len(v))
			for i, s := range v {
				c[i] = clone(s)
			}
			p[k] = c
		}
	}
}
