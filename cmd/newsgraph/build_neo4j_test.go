package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestBuildFilesMatchLoad checks the files build writes for the examples against the real
// Neo4j of scripts/neo4j: graph.cypher run statement by statement, build itself with
// NEO4J_URI set (which merges the graph into the database), and import/ imported with the real
// neo4j-admin by the exact command of import/README.md followed by its statements, each
// give the database every node, relationship and property of graph.jsonl.
func TestBuildFilesMatchLoad(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	// read before buildRun, which unsets NEO4J_URI for the rest of the test: afterwards
	// FromEnv gives the default server, not the one driver talks to
	env := neo4jtest.FromEnv()
	dir := filepath.Join(t.TempDir(), "out")
	examples := filepath.Join("..", "..", "examples")
	stdout, stderr, code := buildRun(t, "--quiet", "--out", dir, examples)
	if code != 0 {
		t.Fatalf("build exited %d\n%s%s", code, stdout, stderr)
	}
	want := readBuilt(t, dir)
	ctx := context.Background()
	exec := func(driver neo4j.DriverWithContext, db, st string) {
		t.Helper()
		if _, err := neo4j.ExecuteQuery(ctx, driver, st, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
			t.Fatalf("%.200s: %v", st, err)
		}
	}
	readBack := func(uri, user, password, db string) *graph.Graph {
		t.Helper()
		s, err := neo4jsink.Open(ctx, neo4jsink.Config{URI: uri, User: user, Password: password, Database: db})
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := s.Close(ctx); err != nil {
				t.Error(err)
			}
		}()
		g, err := s.ReadGraph(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}

	t.Run("graph.cypher", func(t *testing.T) {
		neo4jtest.Reset(t, driver, db)
		script, err := os.ReadFile(filepath.Join(dir, "graph.cypher"))
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range strings.Split(strings.TrimSuffix(string(script), ";\n"), ";\n") {
			exec(driver, db, st)
		}
		exporttest.SameGraph(t, "graph.cypher", readBack(env.URI, env.User, env.Password, db), want)
	})

	t.Run("build with NEO4J_URI", func(t *testing.T) {
		neo4jtest.Reset(t, driver, db)
		t.Setenv("NEO4J_URI", env.URI)
		t.Setenv("NEO4J_USERNAME", env.User)
		t.Setenv("NEO4J_PASSWORD", env.Password)
		t.Setenv("NEO4J_DATABASE", db)
		var out, errOut bytes.Buffer
		if code := run(ctx, []string{"newsgraph", "build", "--out", filepath.Join(t.TempDir(), "out"), examples}, &out, &errOut); code != 0 {
			t.Fatalf("build exited %d\n%s%s", code, out.String(), errOut.String())
		}
		if !strings.Contains(out.String(), "loaded into") {
			t.Errorf("the summary does not say it loaded:\n%s", out.String())
		}
		exporttest.SameGraph(t, "build with NEO4J_URI", readBack(env.URI, env.User, env.Password, db), want)
	})

	// spilled, the graph is created in the empty database, then merged into it again
	t.Run("build --spill with NEO4J_URI", func(t *testing.T) {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // --spill lowers the process's
		neo4jtest.Reset(t, driver, db)
		t.Setenv("NEO4J_URI", env.URI)
		t.Setenv("NEO4J_USERNAME", env.User)
		t.Setenv("NEO4J_PASSWORD", env.Password)
		t.Setenv("NEO4J_DATABASE", db)
		n, _ := want.Len()
		for i, says := range []string{fmt.Sprintf("nodes:         %d created, 0 updated, 0 unchanged", n), fmt.Sprintf("nodes:         0 created, 0 updated, %d unchanged", n)} {
			var out, errOut bytes.Buffer
			args := []string{"newsgraph", "build", "--spill", "--format", "jsonl,csv", "--out", filepath.Join(t.TempDir(), "out"), examples}
			if code := run(ctx, args, &out, &errOut); code != 0 {
				t.Fatalf("build %d exited %d\n%s%s", i+1, code, out.String(), errOut.String())
			}
			if !strings.Contains(out.String(), "loaded into") || !strings.Contains(out.String(), says) {
				t.Errorf("build %d: the summary does not say %q:\n%s", i+1, says, out.String())
			}
			exporttest.SameGraph(t, "build --spill with NEO4J_URI", readBack(env.URI, env.User, env.Password, db), want)
		}
	})

	t.Run("import", func(t *testing.T) {
		importDir := filepath.Join(dir, "import")
		args, after := readImportReadme(t, filepath.Join(importDir, "README.md"))
		for i, a := range args {
			// The command runs in import/; the test runs elsewhere.
			for _, flag := range []string{"--nodes=", "--relationships="} {
				if rest, ok := strings.CutPrefix(a, flag); ok {
					name, file, _ := strings.Cut(rest, "=")
					args[i] = flag + name + "=" + filepath.Join(importDir, file)
				}
			}
		}
		idriver, idb := neo4jtest.ImportServer(t, "newsgraph", args...)
		for _, st := range after {
			exec(idriver, idb, st)
		}
		target := idriver.Target()
		exporttest.SameGraph(t, "import/", readBack(target.String(), neo4jtest.DefaultUser, neo4jtest.DefaultPassword, idb), want)
	})
}

// readImportReadme returns the options of the neo4j-admin command in README.md (the words
// after `neo4j-admin database import full`, less the database name) and the Cypher
// statements to run after the import.
func readImportReadme(t *testing.T, path string) (options, statements []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block := func(lang string) string {
		_, rest, ok := strings.Cut(string(b), "```"+lang+"\n")
		if !ok {
			t.Fatalf("%s has no %s block", path, lang)
		}
		body, _, _ := strings.Cut(rest, "```")
		return body
	}
	words := strings.Fields(strings.ReplaceAll(block("sh"), "\\\n", " "))
	if len(words) < 6 || strings.Join(words[:4], " ") != "neo4j-admin database import full" {
		t.Fatalf("the command in %s is not an import: %q", path, words)
	}
	options = words[4 : len(words)-1]
	for _, st := range strings.Split(strings.TrimSpace(block("cypher")), ";\n") {
		if st = strings.TrimSuffix(strings.TrimSpace(st), ";"); st != "" {
			statements = append(statements, st)
		}
	}
	return options, statements
}
