package csv_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/csv"
	"github.com/newsgraph/newsgraph/graph/internal/exporttest"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestImportMatchesLoad imports the files with the real `neo4j-admin database import full`
// into a fresh database, reads it back, then empties it, loads the same graph with
// neo4jsink (what `newsgraph load` does) and reads it back again: both give the graph,
// every property of every node and relationship unchanged.
func TestImportMatchesLoad(t *testing.T) {
	g := exporttest.Graph()
	dir := t.TempDir()
	im, err := csv.Write(context.Background(), dir, g)
	if err != nil {
		t.Fatal(err)
	}
	driver, db := neo4jtest.ImportServer(t, "newsgraph", im.Options(dir)...)
	target := driver.Target()
	ctx := context.Background()
	s, err := neo4jsink.Open(ctx, neo4jsink.Config{
		URI: target.String(), User: neo4jtest.DefaultUser, Password: neo4jtest.DefaultPassword, Database: db,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(context.Background()); err != nil {
			t.Error(err)
		}
	}()

	for _, st := range im.AfterImport() {
		if _, err := neo4j.ExecuteQuery(ctx, driver, st, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
			t.Fatalf("%s: %v", st, err)
		}
	}
	imported, err := s.ReadGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "imported", imported, g)

	if _, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (n) DETACH DELETE n", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, g); err != nil {
		t.Fatal(err)
	}
	loaded, err := s.ReadGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "loaded", loaded, g)
}

// sameGraph fails the test when got and want differ in a count, a node, a relationship
// or a property value.
func sameGraph(t *testing.T, what string, got, want *graph.Graph) {
	t.Helper()
	gn, gr := got.Len()
	wn, wr := want.Len()
	if gn != wn || gr != wr {
		t.Errorf("%s: %d nodes and %d relationships, want %d and %d", what, gn, gr, wn, wr)
	}
	for _, w := range want.Nodes() {
		n := got.Node(w.Ref())
		if n == nil {
			t.Errorf("%s: node %s %q missing", what, w.Label, w.Key)
			continue
		}
		if !reflect.DeepEqual(n.Props, w.Props) {
			t.Errorf("%s: node %q:\ngot  %s\nwant %s", what, w.Key, show(n.Props), show(w.Props))
		}
	}
	for _, w := range want.Rels() {
		r := got.Rel(w.Type, w.Start, w.End)
		if r == nil {
			t.Errorf("%s: relationship %q missing", what, w.ID())
			continue
		}
		if !reflect.DeepEqual(r.Props, w.Props) {
			t.Errorf("%s: relationship %q:\ngot  %s\nwant %s", what, w.ID(), show(r.Props), show(w.Props))
		}
	}
}

func show(p graph.Props) string {
	s := ""
	for k, v := range p {
		s += fmt.Sprintf("%s=%#v ", k, v)
	}
	return s
}
