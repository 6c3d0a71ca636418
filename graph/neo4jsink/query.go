package neo4jsink

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Table is the result of a query: column names and rows of plain values (nil, bool,
// int64, float64, string, []any, map[string]any). Nodes, relationships and paths come
// back as short strings that name them by key.
type Table struct {
	Columns []string
	Rows    [][]any
}

// Query runs one read-only statement with params in a managed read transaction.
func (s *Sink) Query(ctx context.Context, cypher string, params map[string]any) (_ *Table, err error) {
	if s.cfg.DryRun {
		return nil, errors.New("query: a dry run is not connected to Neo4j")
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: neo4j.AccessModeRead})
	defer closeSession(ctx, sess, &err)
	t, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (*Table, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		keys, err := res.Keys()
		if err != nil {
			return nil, err
		}
		t := &Table{Columns: keys}
		for _, rec := range recs {
			row := make([]any, len(rec.Values))
			for i, v := range rec.Values {
				row[i] = plain(v)
			}
			t.Rows = append(t.Rows, row)
		}
		return t, nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return nil, classify(err, s.uri, s.cfg.User, true)
	}
	return t, nil
}

// plain turns driver values into plain ones.
func plain(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plain(e)
		}
		return out
	case dbtype.Node:
		return nodeString(x)
	case dbtype.Relationship:
		return "[:" + x.Type + "]"
	case dbtype.Path:
		var b strings.Builder
		for i, n := range x.Nodes {
			if i > 0 {
				r := x.Relationships[i-1]
				if r.StartElementId == x.Nodes[i-1].ElementId {
					fmt.Fprintf(&b, "-[:%s]->", r.Type)
				} else {
					fmt.Fprintf(&b, "<-[:%s]-", r.Type)
				}
			}
			b.WriteString(nodeString(n))
		}
		return b.String()
	case neo4j.Date:
		return x.String()
	default:
		return v
	}
}

func nodeString(n dbtype.Node) string {
	labels := append([]string(nil), n.Labels...)
	sort.Strings(labels)
	key, _ := n.Props["key"].(string)
	return fmt.Sprintf("(:%s %s)", strings.Join(labels, ":"), key)
}
