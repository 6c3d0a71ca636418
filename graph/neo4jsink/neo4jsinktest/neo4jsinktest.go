package neo4jsinktest

import (
	"context"
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// Config returns cfg with the connection settings of the test server filled in. It
// skips the test when no server answers (fails it under CI=true).
func Config(t testing.TB, cfg neo4jsink.Config) neo4jsink.Config {
	t.Helper()
	_, db := neo4jtest.Driver(t)
	env := neo4jtest.FromEnv()
	cfg.URI, cfg.User, cfg.Password, cfg.Database = env.URI, env.User, env.Password, db
	return cfg
}

// Open empties the test server's database and returns a Sink on it with the schema
// applied, closed when the test ends.
func Open(t testing.TB, cfg neo4jsink.Config) *neo4jsink.Sink {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	neo4jtest.Reset(t, driver, db)
	cfg = Config(t, cfg)
	ctx := context.Background()
	s, err := neo4jsink.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("neo4jsinktest: Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(context.Background()); err != nil {
			t.Errorf("neo4jsinktest: Close: %v", err)
		}
	})
	if err := s.ApplySchema(ctx); err != nil {
		t.Fatalf("neo4jsinktest: ApplySchema: %v", err)
	}
	return s
}

// SameGraph fails the test when got and want differ in any node, relationship or
// property value.
func SameGraph(t testing.TB, got, want *graph.Graph) {
	t.Helper()
	gn, gr := got.Len()
	wn, wr := want.Len()
	if gn != wn || gr != wr {
		t.Errorf("database holds %d nodes and %d relationships, want %d and %d", gn, gr, wn, wr)
	}
	diffs := 0
	report := func(format string, args ...any) {
		t.Helper()
		if diffs++; diffs <= 10 {
			t.Errorf(format, args...)
		}
	}
	for _, n := range want.Nodes() {
		g := got.Node(n.Ref())
		if g == nil {
			report("node %s %s missing", n.Label, n.Key)
			continue
		}
		if !reflect.DeepEqual(g.Props, n.Props) {
			report("node %s:\n got %#v\nwant %#v", n.Key, g.Props, n.Props)
		}
	}
	for _, r := range want.Rels() {
		g := got.Rel(r.Type, r.Start, r.End)
		if g == nil {
			report("relationship %s missing", r.ID())
			continue
		}
		if !reflect.DeepEqual(nonNil(g.Props), nonNil(r.Props)) {
			report("relationship %s:\n got %#v\nwant %#v", r.ID(), g.Props, r.Props)
		}
	}
}

func nonNil(p graph.Props) graph.Props {
	if p == nil {
		return graph.Props{}
	}
	return p
}

// NoDuplicates fails the test when the database holds two relationships of one type
// between the same two nodes, or two nodes of one label with the same key: what reading
// it back into a graph would merge, and so hide.
func NoDuplicates(t testing.TB, s *neo4jsink.Sink) {
	t.Helper()
	for _, q := range []string{
		"MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS n WHERE n > 1 RETURN t + ' ' + a.key + ' -> ' + b.key + ' ×' + toString(n) LIMIT 5",
		"MATCH (n) WITH labels(n) AS l, n.key AS k, count(*) AS c WHERE c > 1 RETURN l[0] + ' ' + k + ' ×' + toString(c) LIMIT 5",
	} {
		tab, err := s.Query(context.Background(), q, nil)
		if err != nil {
			t.Fatalf("neo4jsinktest: NoDuplicates: %v", err)
		}
		for _, row := range tab.Rows {
			t.Errorf("the database holds a duplicate: %v", row[0])
		}
	}
}
