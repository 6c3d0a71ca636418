package eval_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/eval"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
)

// sameReport fails the test at the first line where Score's report and score.py's
// output differ.
func sameReport(t *testing.T, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("line %d differs from score.py\n  go: %q\n  py: %q\nwhole go report:\n%s\nwhole score.py output:\n%s", i+1, gl, wl, got, want)
			return
		}
	}
}

// TestScoreMatchesScorePy extracts the seed (../shared/seed) and every example, writes
// each graph as JSON lines, and wants Score to print exactly what score.py prints for
// them — every category, event dates, parts, articles, the verbose lists and the headline
// — one gold at a time and all golds together.
func TestScoreMatchesScorePy(t *testing.T) {
	scorePy(t)
	seed := filepath.Join(repoRoot(t), "..", "shared", "seed", "jiefang-2021-05-28.gold.json")
	if _, err := os.Stat(seed); err != nil {
		missing(t, "the seed is not there: %v", err)
	}
	golds := loadGolds(t, append([]string{seed}, examplePaths(t)...))
	dir := t.TempDir()
	var graphs []*graph.Graph
	var pairs []string
	for i, gold := range golds {
		g := predict(t, gold)
		pred := writeJSONL(t, dir, fmt.Sprintf("%02d.jsonl", i), g)
		graphs = append(graphs, g)
		pairs = append(pairs, gold.Path, pred)
		t.Run(filepath.Base(gold.Path), func(t *testing.T) {
			t.Parallel()
			want := runScorePy(t, gold.Path, pred, "--verbose", "--json")
			got := eval.Score([]*eval.Gold{gold}, []*graph.Graph{g}).Report(true, true)
			sameReport(t, got, want)

			f, err := os.Open(pred)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			back, err := jsonl.Read(f)
			if err != nil {
				t.Fatal(err)
			}
			if again := eval.Score([]*eval.Gold{gold}, []*graph.Graph{back}).Report(true, true); again != got {
				t.Errorf("the graph read back from %s scores differently:\n%s\nin memory:\n%s", pred, again, got)
			}
		})
	}
	t.Run("all together", func(t *testing.T) {
		t.Parallel()
		all := eval.Score(golds, graphs)
		for _, flags := range []struct{ verbose, json bool }{{true, true}, {true, false}, {false, false}, {false, true}} {
			args := append([]string{}, pairs...)
			if flags.verbose {
				args = append(args, "--verbose")
			}
			if flags.json {
				args = append(args, "--json")
			}
			sameReport(t, all.Report(flags.verbose, flags.json), runScorePy(t, args...))
		}
		t.Logf("all %d golds:\n%s", len(golds), all)
	})
}

// TestScoreCasesMatchScorePy wants score.py to agree with the hand counts of the table
// cases, and with Score's report of them.
func TestScoreCasesMatchScorePy(t *testing.T) {
	scorePy(t)
	dir := t.TempDir()
	for i, c := range scoreCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			gold := caseGold(t, dir, i, c)
			g := c.graph()
			written := g
			if written == nil {
				written = graph.New()
			}
			pred := writeJSONL(t, dir, fmt.Sprintf("case%d.jsonl", i), written)
			want := runScorePy(t, gold.Path, pred, "--verbose", "--json")
			sameReport(t, eval.Score([]*eval.Gold{gold}, []*graph.Graph{g}).Report(true, true), want)
		})
	}
}
