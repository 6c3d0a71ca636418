package cypher_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/cypher"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/schema"
)

// TestScriptMatchesLoad runs the script statement by statement, as cypher-shell does,
// against the real Neo4j of scripts/neo4j, reads the database back, then empties it and
// loads the same graph with neo4jsink (what `newsgraph load` does): both give the graph,
// every value unchanged, and the script creates the schema's constraints and indexes.
// Running the script a second time changes nothing.
func TestScriptMatchesLoad(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	neo4jtest.Reset(t, driver, db)
	ctx := context.Background()
	g := exporttest.Graph()

	var script bytes.Buffer
	if err := cypher.Write(ctx, &script, g); err != nil {
		t.Fatal(err)
	}
	run := func(st string) neo4j.ResultSummary {
		t.Helper()
		res, err := neo4j.ExecuteQuery(ctx, driver, st, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		if err != nil {
			t.Fatalf("%s: %v", st, err)
		}
		return res.Summary
	}
	runScript := func() (nodes, rels, props int) {
		t.Helper()
		for _, st := range strings.Split(strings.TrimSuffix(script.String(), ";\n"), ";\n") {
			c := run(st).Counters()
			nodes += c.NodesCreated()
			rels += c.RelationshipsCreated()
			props += c.PropertiesSet()
		}
		return nodes, rels, props
	}
	nodes, rels, _ := runScript()
	wantNodes, wantRels := g.Len()
	if nodes != wantNodes || rels != wantRels {
		t.Errorf("the script created %d nodes and %d relationships, want %d and %d", nodes, rels, wantNodes, wantRels)
	}

	env := neo4jtest.FromEnv()
	s, err := neo4jsink.Open(ctx, neo4jsink.Config{URI: env.URI, User: env.User, Password: env.Password, Database: db})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	read := func() *graph.Graph {
		t.Helper()
		back, err := s.ReadGraph(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return back
	}
	fromScript := read()
	exporttest.SameGraph(t, "script", fromScript, g)

	names := run0(t, ctx, driver, db, "SHOW INDEXES YIELD name RETURN name")
	for _, st := range schema.All() {
		if !slices.Contains(names, st.Name) {
			t.Errorf("the script did not create %s (indexes: %v)", st.Name, names)
		}
	}

	if nodes, rels, _ := runScript(); nodes != 0 || rels != 0 {
		t.Errorf("running the script again created %d nodes and %d relationships", nodes, rels)
	}
	exporttest.SameGraph(t, "script run twice", read(), g)

	run("MATCH (n) DETACH DELETE n")
	if err := s.Write(ctx, g); err != nil {
		t.Fatal(err)
	}
	exporttest.SameGraph(t, "load", read(), fromScript)
}

// run0 runs a query and returns the first column of every row as a string.
func run0(t *testing.T, ctx context.Context, driver neo4j.DriverWithContext, db, query string) []string {
	t.Helper()
	res, err := neo4j.ExecuteQuery(ctx, driver, query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	var out []string
	for _, rec := range res.Records {
		out = append(out, fmt.Sprint(rec.Values[0]))
	}
	return out
}
