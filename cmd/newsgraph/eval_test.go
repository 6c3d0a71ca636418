package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalRun runs `newsgraph ARGS...` in-process and returns what it printed and its status.
func evalRun(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"newsgraph"}, args...), &out, &errOut)
	return out.String(), errOut.String(), code
}

// exampleGold is the seed page's gold among the examples; its "file" is relative to
// examples/, not to this test's folder.
var exampleGold = filepath.Join("..", "..", "examples", "jiefang-2021-05-28.gold.json")

func TestEvalExtractsAndScores(t *testing.T) {
	stdout, stderr, code := evalRun(t, "eval", "--json", exampleGold)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "triples F1 ") {
		t.Fatalf("want a JSON line and the headline, got:\n%s", stdout)
	}
	var scores map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &scores); err != nil {
		t.Fatalf("the first line is not JSON: %v\n%s", err, lines[0])
	}
	for _, k := range []string{"persons", "orgs", "roles", "events", "participation", "triples", "event_dates_right", "participation_as_right", "articles"} {
		if _, ok := scores[k]; !ok {
			t.Errorf("no %q in %s", k, lines[0])
		}
	}

	// Flags after the gold files, as score.py takes them, mean the same.
	again, _, code := evalRun(t, "eval", exampleGold, "--json")
	if code != 0 || again != stdout {
		t.Errorf("eval GOLD --json (exit %d):\n%s\nwant:\n%s", code, again, stdout)
	}

	// Scoring what extract writes gives the same report as extracting.
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	if _, stderr, code := evalRun(t, "extract", "--date", "2021-05-28", "--home", "上海", "-o", pred,
		filepath.Join("..", "..", "examples", "jiefang-2021-05-28.txt")); code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	fromPred, stderr, code := evalRun(t, "eval", "--json", "--pred", pred, exampleGold)
	if code != 0 || fromPred != stdout {
		t.Errorf("eval --pred (exit %d, %s):\n%s\nwant:\n%s", code, stderr, fromPred, stdout)
	}
}

func TestEvalVerboseText(t *testing.T) {
	pred := filepath.Join(t.TempDir(), "empty.jsonl")
	if err := os.WriteFile(pred, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := evalRun(t, "eval", "--verbose", "--pred", pred, exampleGold)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		exampleGold + ":\n",
		"  persons missed: ['习近平', ",
		"\npersons        P 0.000  R 0.000  F1 0.000\n",
		"\narticles       0 found, 5 expected, 0 titled right\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}
	if !strings.HasSuffix(stdout, "\ntriples F1 0.000\n") {
		t.Errorf("the headline is not last:\n%s", stdout)
	}
}

func TestEvalErrors(t *testing.T) {
	dir := t.TempDir()
	noText := filepath.Join(dir, "lost.gold.json")
	if err := os.WriteFile(noText, []byte(`{"file": "lost.txt", "date": "2021-05-28", "persons": [], "orgs": [], "roles": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.gold.json")
	if err := os.WriteFile(broken, []byte("{\"persons\": [\n}"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no gold", []string{"eval"}, "no gold files"},
		{"a missing gold", []string{"eval", filepath.Join(dir, "nope.gold.json")}, "nope.gold.json"},
		{"a broken gold", []string{"eval", broken}, broken + ":2:1: "},
		{"a missing text", []string{"eval", noText}, filepath.Join(dir, "lost.txt")},
		{"too few predictions", []string{"eval", "--pred", "a.jsonl", exampleGold, noText}, "1 --pred files for 2 gold files"},
		{"a missing prediction", []string{"eval", "--pred", filepath.Join(dir, "none.jsonl"), exampleGold}, "none.jsonl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := evalRun(t, tt.args...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not say %q", stderr, tt.want)
			}
			if stdout != "" {
				t.Errorf("printed a report on error:\n%s", stdout)
			}
		})
	}
}
