package neo4jsink

import (
	"context"
	"fmt"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// ReadGraph reads the whole database back as a graph: every node with a key, and the
// relationships between them. It is meant for tests and checks on small databases.
func (s *Sink) ReadGraph(ctx context.Context) (*graph.Graph, error) {
	g := graph.New()
	nodes, err := s.Query(ctx, "MATCH (n) WHERE n.key IS NOT NULL RETURN head(labels(n)) AS label, n.key AS key, properties(n) AS props", nil)
	if err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	for _, row := range nodes.Rows {
		label, _ := row[0].(string)
		key, _ := row[1].(string)
		// Set, not merged: the graph's merge would sort lists and hide a wrong order.
		g.AddNode(label, key, nil).Props = props(row[2])
	}
	rels, err := s.Query(ctx, `MATCH (a)-[r]->(b) WHERE a.key IS NOT NULL AND b.key IS NOT NULL
RETURN type(r) AS type, head(labels(a)) AS sl, a.key AS sk, head(labels(b)) AS el, b.key AS ek, properties(r) AS props`, nil)
	if err != nil {
		return nil, fmt.Errorf("read relationships: %w", err)
	}
	for _, row := range rels.Rows {
		str := func(i int) string { s, _ := row[i].(string); return s }
		start := graph.Ref{Label: str(1), Key: str(2)}
		end := graph.Ref{Label: str(3), Key: str(4)}
		if r := g.AddRel(str(0), start, end, nil); r != nil {
			r.Props = props(row[5])
		}
	}
	return g, nil
}

// props turns a property map read from the database into graph.Props: lists become
// []string, the only list type the graph uses.
func props(v any) graph.Props {
	m, _ := v.(map[string]any)
	out := graph.Props{}
	for k, v := range m {
		if k == schema.KeyProperty {
			continue
		}
		if l, ok := v.([]any); ok {
			ss := make([]string, len(l))
			for i, e := range l {
				ss[i] = fmt.Sprint(e)
			}
			out[k] = ss
			continue
		}
		out[k] = v
	}
	return out
}
