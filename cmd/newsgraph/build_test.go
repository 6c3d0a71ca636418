package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
	"github.com/newsgraph/newsgraph/schema"
)

// buildRun runs `newsgraph build ARGS...` in-process with NEO4J_URI unset, so that it
// writes files only, and returns what it printed and its exit status.
func buildRun(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("NEO4J_URI", "")
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"newsgraph", "build"}, args...), &out, &errOut)
	return out.String(), errOut.String(), code
}

// seedPage returns the seed page of ../shared, or one of the examples when it is absent.
func seedPage(t *testing.T) string {
	t.Helper()
	seed := filepath.Join("..", "..", "..", "shared", "seed", "jiefang-2021-05-28.txt")
	if _, err := os.Stat(seed); err == nil {
		return seed
	}
	matches, err := filepath.Glob(filepath.Join("..", "..", "examples", "*.txt"))
	if err != nil || len(matches) == 0 {
		t.Fatalf("neither %s nor examples/*.txt is there", seed)
	}
	t.Logf("%s is not there; using %s", seed, matches[0])
	return matches[0]
}

// readBuilt reads the graph.jsonl of an output folder.
func readBuilt(t *testing.T, dir string) *graph.Graph {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "graph.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := jsonl.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestBuildWritesEveryFormat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := buildRun(t, "--date", "2021-05-28", "--out", dir, seedPage(t))
	if code != 0 {
		t.Fatalf("build exited %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, name := range []string{"graph.jsonl", "graph.cypher", "graph.graphml", "graph.html", "import/README.md", "import/nodes-Person.csv", "import/relationships-HOLDS.csv"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s was not written: %v", name, err)
		}
	}
	g := readBuilt(t, dir)
	nodes, rels := g.Len()
	if nodes == 0 || rels == 0 {
		t.Fatalf("the seed page gave %d nodes and %d relationships", nodes, rels)
	}
	for _, want := range []string{"articles", "persons", "organizations", "roles", "events", "relationships", "most connected people", "graph.html", "import/README.md", dir} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, stdout)
		}
	}
	if stderr != "" {
		t.Errorf("build into a new folder printed on stderr:\n%s", stderr)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 5 {
		t.Errorf("the folder holds %d entries, want the 5 outputs (no staging folder left)", len(entries))
	}
}

func TestBuildJSONAndQuiet(t *testing.T) {
	seed := seedPage(t)
	dir := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := buildRun(t, "--date", "2021-05-28", "--json", "--out", dir, seed)
	if code != 0 {
		t.Fatalf("build --json exited %d: %s", code, stderr)
	}
	var sum buildSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("build --json printed no JSON: %v\n%s", err, stdout)
	}
	g := readBuilt(t, dir)
	nodes, rels := g.Len()
	got := []int{sum.Articles, sum.Persons, sum.Organizations, sum.Roles, sum.Events, sum.Nodes, sum.Relationships}
	want := []int{len(g.NodesOf(schema.Article)), len(g.NodesOf(schema.Person)), len(g.NodesOf(schema.Organization)),
		len(g.NodesOf(schema.Role)), len(g.NodesOf(schema.Event)), nodes, rels}
	if !slices.Equal(got, want) {
		t.Errorf("JSON counts %v, graph.jsonl holds %v", got, want)
	}
	if len(sum.TopPeople) == 0 || sum.TopPeople[0].Relationships == 0 {
		t.Errorf("no most connected people: %+v", sum.TopPeople)
	}
	if sum.Out != dir || len(sum.Files) != 5 {
		t.Errorf("out = %q, files = %v", sum.Out, sum.Files)
	}

	stdout, stderr, code = buildRun(t, "--date", "2021-05-28", "--quiet", "--out", dir, seed)
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("build --quiet exited %d and printed %q, %q; want nothing", code, stdout, stderr)
	}
}

// TestBuildReplacesOnlyItsOwnFiles builds into a folder that holds an earlier build and
// files of the user's: the earlier outputs are replaced, the rest left as they were, and
// build says so.
func TestBuildReplacesOnlyItsOwnFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("graph.html", "old page")
	write("graph.cypher", "old script")
	write("notes.txt", "my notes")
	write("import/nodes-Stale.csv", "key:ID\n")
	write("import/my-query.cypher", "MATCH (n) RETURN n")
	write(".newsgraph-tmp-123/graph.html", "left by an interrupted run")

	stdout, stderr, code := buildRun(t, "--date", "2021-05-28", "--out", dir, seedPage(t))
	if code != 0 {
		t.Fatalf("build exited %d\n%s%s", code, stdout, stderr)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return ""
		}
		return string(b)
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{"notes.txt kept", read("notes.txt") == "my notes"},
		{"import/my-query.cypher kept", read("import/my-query.cypher") == "MATCH (n) RETURN n"},
		{"graph.html replaced", strings.HasPrefix(read("graph.html"), "<!DOCTYPE html>")},
		{"graph.cypher replaced", strings.Contains(read("graph.cypher"), "MERGE")},
		{"stale CSV removed", read("import/nodes-Stale.csv") == ""},
		{"new CSV written", read("import/nodes-Person.csv") != ""},
		{"staging leftovers removed", read(".newsgraph-tmp-123/graph.html") == ""},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("%s: no", tt.name)
		}
	}
	for _, want := range []string{"replaced graph.cypher, graph.html", "left them as they were", "notes.txt", "import/my-query.cypher"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestBuildSomeFormats: --format writes only what it names, and leaves build's other
// files of an earlier run as they were.
func TestBuildSomeFormats(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "graph.html"), []byte("old page"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := buildRun(t, "--date", "2021-05-28", "--out", dir, "--format", "CSV", "--format", "jsonl,cypher", seedPage(t))
	if code != 0 {
		t.Fatalf("build exited %d\n%s%s", code, stdout, stderr)
	}
	var got []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if want := []string{"graph.cypher", "graph.html", "graph.jsonl", "import"}; !slices.Equal(got, want) {
		t.Errorf("the folder holds %v, want %v", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "graph.html")); string(b) != "old page" {
		t.Errorf("graph.html was replaced: %.40q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "import", "nodes-Person.csv")); err != nil {
		t.Errorf("no CSV written: %v", err)
	}
	if readBuilt(t, dir).NodesOf(schema.Person) == nil {
		t.Errorf("graph.jsonl holds no person")
	}
	for _, want := range []string{"graph.jsonl", "graph.cypher", "import/"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the summary does not list %s:\n%s", want, stdout)
		}
	}
	for _, unwanted := range []string{"graph.graphml", "to see the graph"} {
		if strings.Contains(stdout, unwanted) {
			t.Errorf("the summary mentions %q, which was not written:\n%s", unwanted, stdout)
		}
	}
	if !strings.Contains(stderr, "left them as they were: graph.html") {
		t.Errorf("stderr does not say graph.html was left alone:\n%s", stderr)
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in   []string
		want formats
		err  string
	}{
		{nil, nil, ""},
		{[]string{"csv"}, formats{"csv": true}, ""},
		{[]string{" HTML , jsonl", "csv"}, formats{"html": true, "jsonl": true, "csv": true}, ""},
		{[]string{"csv,pdf"}, nil, `--format "pdf": choose from jsonl, cypher, graphml, html, csv`},
		{[]string{""}, nil, `--format ""`},
	}
	for _, tt := range tests {
		got, err := parseFormats(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseFormats(%q) = %v, %v; want an error saying %s", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || !maps.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("parseFormats(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestBuildDefaultsToExamples(t *testing.T) {
	out := t.TempDir()
	t.Chdir(filepath.Join("..", ".."))
	stdout, stderr, code := buildRun(t, "--quiet", "--json", "--out", out)
	if code != 0 {
		t.Fatalf("build exited %d\n%s%s", code, stdout, stderr)
	}
	var sum buildSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	want, err := exampleInputs("examples")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inputs != len(want) || sum.Articles < len(want) {
		t.Errorf("build read %d inputs and %d articles, want the %d example files", sum.Inputs, sum.Articles, len(want))
	}
	for _, n := range readBuilt(t, out).NodesOf(schema.Article) {
		if src, _ := n.Props["source"].(string); strings.HasSuffix(src, "README.md") {
			t.Errorf("an example folder's README became an article: %s", src)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "import"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"import is a file", []string{"--out", dir, filepath.Join("..", "..", "examples")}, "is a file"},
		{"no examples here", []string{"--out", t.TempDir()}, "no bundled examples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "no examples here" {
				t.Chdir(t.TempDir())
			}
			_, stderr, code := buildRun(t, tt.args...)
			if code == 0 || !strings.Contains(stderr, tt.want) {
				t.Errorf("build exited %d with %q, want a failure saying %q", code, stderr, tt.want)
			}
		})
	}
}

// TestBuildSpill: --spill writes the same JSON lines, CSV import and summary as a build
// in memory, and is refused for a format a spilled run cannot write.
func TestBuildSpill(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // --spill lowers the limit of the process the CLI runs in
	mem, spilled := t.TempDir(), t.TempDir()
	args := []string{"--json", "--format", "jsonl,csv", "../../examples", "../../examples/identity"}
	memOut, stderr, code := buildRun(t, append([]string{"--out", mem, "--spill=false"}, args...)...)
	if code != 0 {
		t.Fatalf("build exited %d: %s", code, stderr)
	}
	spillOut, stderr, code := buildRun(t, append([]string{"--out", spilled, "--spill"}, args...)...)
	if code != 0 {
		t.Fatalf("build --spill exited %d: %s", code, stderr)
	}
	if strings.ReplaceAll(spillOut, spilled, "DIR") != strings.ReplaceAll(memOut, mem, "DIR") {
		t.Errorf("the summaries differ:\n%s\n%s", spillOut, memOut)
	}
	if !strings.Contains(memOut, `"topPeople": [`) {
		t.Errorf("no people in the summary:\n%s", memOut)
	}
	for _, name := range []string{"graph.jsonl", "import/nodes-Person.csv", "import/relationships-HOLDS.csv", "import/README.md"} {
		a, err := os.ReadFile(filepath.Join(mem, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(spilled, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs: %d bytes in memory, %d spilled", name, len(a), len(b))
		}
	}
	if _, stderr, code := buildRun(t, "--out", t.TempDir(), "--spill", "--format", "html", "../../examples"); code == 0 || !strings.Contains(stderr, "--spill writes only jsonl and csv") {
		t.Errorf("--spill --format html: exit %d, stderr %s", code, stderr)
	}
}
