package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
)

// The extraction rules change often, and with them the graph of the seed page. Whoever
// changes a rule regenerates the golden file with
//
//	go test ./extract -run Golden -update
//
// and commits it with the rule: its diff is what the change did to the seed page's graph,
// to be read in review like any other diff.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const (
	seedFile   = "jiefang-2021-05-28.txt"
	seedDate   = "2021-05-28"
	seedGolden = "jiefang-2021-05-28.golden.jsonl"
)

// extractJSONL runs an extractor with opts over paths and returns the graph as the JSON
// lines `newsgraph extract` writes. Every input must read cleanly.
func extractJSONL(t *testing.T, opts Options, paths ...string) []byte {
	t.Helper()
	x, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	g, st, err := x.Run(context.Background(), paths, nil, func(err error) { t.Errorf("input: %v", err) })
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if st.Articles == 0 {
		t.Fatalf("no articles in %q", paths)
	}
	var buf bytes.Buffer
	if err := jsonl.Write(context.Background(), &buf, g); err != nil {
		t.Fatalf("write JSON lines: %v", err)
	}
	return buf.Bytes()
}

// firstDiff describes where two JSON-lines outputs first differ.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := range max(len(g), len(w)) {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, gl, wl)
		}
	}
	return "no difference"
}

func TestGoldenSeedPage(t *testing.T) {
	got := extractJSONL(t, Options{Date: seedDate}, filepath.Join(examplesDir, seedFile))
	golden := filepath.Join("testdata", seedGolden)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", golden)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run Golden -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the seed page's graph differs from %s at %s\n"+
			"if a rule changed on purpose, run go test ./extract -run Golden -update and review the diff",
			golden, firstDiff(got, want))
	}
	// every line is one APOC record, and the whole reads back as a graph
	sc := bufio.NewScanner(bytes.NewReader(got))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var rec struct {
			Type string `json:"type"`
			ID   string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.ID == "" || (rec.Type != "node" && rec.Type != "relationship") {
			t.Errorf("line %d is no APOC record (%v): %s", n, err, sc.Bytes())
		}
	}
	if _, err := jsonl.Read(bytes.NewReader(got)); err != nil {
		t.Errorf("the output does not read back: %v", err)
	}
}

func TestGoldenRunsAreIdentical(t *testing.T) {
	seed := filepath.Join(examplesDir, seedFile)
	first := extractJSONL(t, Options{Date: seedDate}, seed)
	second := extractJSONL(t, Options{Date: seedDate}, seed)
	if !bytes.Equal(first, second) {
		t.Errorf("two runs over the seed page differ at %s", firstDiff(second, first))
	}
}

// TestGoldenWorkersDeterministic: the graph of the whole examples folder does not depend
// on how many articles are extracted at once.
func TestGoldenWorkersDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts every example twice; skipped with -short")
	}
	one := extractJSONL(t, Options{Workers: 1}, examplesDir)
	four := extractJSONL(t, Options{Workers: 4}, examplesDir)
	if !bytes.Equal(one, four) {
		t.Errorf("Workers=4 differs from Workers=1 at %s", firstDiff(four, one))
	}
}

// TestExamplesProvenance: on every example page, each relationship's evidence is a
// sentence of the article its source names (what FuzzExtract checks on random text).
func TestExamplesProvenance(t *testing.T) {
	x := sharedExtractor(t)
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example pages: %v", err)
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			doc := readExample(t, filepath.Base(p))
			g := graph.New()
			sentences := map[string]map[string]bool{}
			for _, a := range x.Split(doc) {
				set := map[string]bool{}
				for _, s := range Sentences(a) {
					set[s.Text] = true
				}
				sentences[a.Key] = set
				g.Merge(x.Extract(a))
			}
			checkProvenance(t, g, sentences)
		})
	}
}
