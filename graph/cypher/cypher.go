package cypher

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Sink writes a graph to W as a Cypher script.
type Sink struct {
	W io.Writer
}

// Write implements graph.Sink.
func (s Sink) Write(ctx context.Context, g *graph.Graph) error { return Write(ctx, s.W, g) }

// Write writes g to w as a Cypher script: a comment header, every statement of
// schema.All(), a MERGE per node and a MATCH … MERGE per relationship, in the graph's
// sorted order, each statement ending with ";\n".
func Write(ctx context.Context, w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriter(w)
	nodes, rels := g.Len()
	fmt.Fprintf(bw, "// newsgraph: %d nodes, %d relationships.\n", nodes, rels)
	fmt.Fprintf(bw, "// Run with: cypher-shell -f graph.cypher (or paste into Neo4j Browser).\n")
	for _, st := range schema.All() {
		bw.WriteString(st.Cypher)
		bw.WriteString(";\n")
	}
	for i, n := range g.Nodes() {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		st, err := NodeStatement(n)
		if err != nil {
			return err
		}
		bw.WriteString(st)
		bw.WriteString(";\n")
	}
	for i, r := range g.Rels() {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		st, err := RelStatement(r)
		if err != nil {
			return err
		}
		bw.WriteString(st)
		bw.WriteString(";\n")
	}
	return bw.Flush()
}

// NodeStatement returns the statement, without its final ";", that merges n on its key
// and sets its properties.
func NodeStatement(n *graph.Node) (string, error) {
	if !schema.IsLabel(n.Label) {
		return "", fmt.Errorf("node %s: label %q is not in the schema", n.Key, n.Label)
	}
	props, err := mapLiteral(n.Props)
	if err != nil {
		return "", fmt.Errorf("node %s: %w", n.Key, err)
	}
	st := "MERGE (n:" + n.Label + " {" + schema.KeyProperty + ": " + Quote(n.Key) + "})"
	if props != "" {
		st += " SET n += " + props
	}
	return st, nil
}

// RelStatement returns the statement, without its final ";", that matches both ends of r
// by key, merges r between them and sets its properties.
func RelStatement(r *graph.Rel) (string, error) {
	switch {
	case !schema.IsType(r.Type):
		return "", fmt.Errorf("relationship %s: type %q is not in the schema", r.ID(), r.Type)
	case !schema.IsLabel(r.Start.Label) || !schema.IsLabel(r.End.Label):
		return "", fmt.Errorf("relationship %s: an end's label is not in the schema", r.ID())
	}
	props, err := mapLiteral(r.Props)
	if err != nil {
		return "", fmt.Errorf("relationship %s: %w", r.ID(), err)
	}
	key := schema.KeyProperty
	st := "MATCH (a:" + r.Start.Label + " {" + key + ": " + Quote(r.Start.Key) + "}) " +
		"MATCH (b:" + r.End.Label + " {" + key + ": " + Quote(r.End.Key) + "}) " +
		"MERGE (a)-[r:" + r.Type + "]->(b)"
	if props != "" {
		st += " SET r += " + props
	}
	return st, nil
}

// mapLiteral returns props as a Cypher map literal with sorted keys, leaving out the key
// property, or "" when nothing is left.
func mapLiteral(props graph.Props) (string, error) {
	names := make([]string, 0, len(props))
	for k := range props {
		if k != schema.KeyProperty {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return "", nil
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range names {
		lit, err := Literal(props[k])
		if err != nil {
			return "", fmt.Errorf("property %s: %w", k, err)
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(Name(k))
		b.WriteString(": ")
		b.WriteString(lit)
	}
	b.WriteByte('}')
	return b.String(), nil
}
