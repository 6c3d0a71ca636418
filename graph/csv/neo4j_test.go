package csv_test

import (
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph/csv"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/internal/exporttest"
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
	exporttest.SameGraph(t, "imported", imported, g)

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
	exporttest.SameGraph(t, "loaded", loaded, g)
}
