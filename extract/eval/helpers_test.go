package eval_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/extract/eval"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
)

// repoRoot returns the folder holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = up
	}
}

// missing fails the test under CI=true and skips it otherwise: the referee and python3
// are part of CI, a developer's machine may lack them.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format+" (CI=true: a failure, not a skip)", args...)
	}
	t.Skipf(format+" (skipped outside CI)", args...)
}

var (
	pythonOnce sync.Once
	pythonPath string
)

// realPython returns the interpreter python3 runs, so that a version manager's shim
// (pyenv) is started once, not for every score.py run.
func realPython() string {
	pythonOnce.Do(func() {
		shim, err := exec.LookPath("python3")
		if err != nil {
			return
		}
		pythonPath = shim
		out, err := exec.Command(shim, "-c", "import sys; print(sys.executable)").Output()
		if exe := strings.TrimSpace(string(out)); err == nil && exe != "" {
			pythonPath = exe
		}
	})
	return pythonPath
}

// scorePy returns the python3 and score.py paths of the referee, ../shared/tools/score.py.
func scorePy(t testing.TB) (python, script string) {
	t.Helper()
	python = realPython()
	if python == "" {
		missing(t, "python3 is not on PATH")
	}
	script = filepath.Join(repoRoot(t), "..", "shared", "tools", "score.py")
	if _, err := os.Stat(script); err != nil {
		missing(t, "the referee is not there: %v", err)
	}
	return python, script
}

// runScorePy runs score.py with args and returns what it printed.
func runScorePy(t testing.TB, args ...string) string {
	t.Helper()
	python, script := scorePy(t)
	var out, errOut bytes.Buffer
	cmd := exec.Command(python, append([]string{script}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("score.py %v: %v\n%s", args, err, errOut.String())
	}
	return out.String()
}

// writeJSONL writes g to a file in dir and returns its path.
func writeJSONL(t testing.TB, dir, name string, g *graph.Graph) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := jsonl.Write(context.Background(), f, g); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// examplePaths returns examples/*.gold.json.
func examplePaths(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(repoRoot(t), "examples", "*.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no examples/*.gold.json")
	}
	return paths
}

var (
	extractMu    sync.Mutex
	extractCache = map[string]*graph.Graph{}
	extractors   = map[[2]string]*extract.Extractor{}
)

// predict extracts the text file a gold annotates, with the gold's date and home, the
// way newsgraph eval does; graphs are kept for the other tests of the run.
func predict(t testing.TB, gold *eval.Gold) *graph.Graph {
	t.Helper()
	extractMu.Lock()
	defer extractMu.Unlock()
	if g := extractCache[gold.Path]; g != nil {
		return g
	}
	key := [2]string{gold.Date, gold.Home}
	x := extractors[key]
	if x == nil {
		var err error
		x, err = extract.New(extract.Options{Date: gold.Date, Home: gold.Home})
		if err != nil {
			t.Fatal(err)
		}
		extractors[key] = x
	}
	var errs []error
	g, _, err := x.Run(context.Background(), []string{gold.TextPath()}, bytes.NewReader(nil), func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("extract %s: %v", gold.TextPath(), err)
	}
	extractCache[gold.Path] = g
	return g
}

// loadGolds loads gold files.
func loadGolds(t testing.TB, paths []string) []*eval.Gold {
	t.Helper()
	var golds []*eval.Gold
	for _, p := range paths {
		g, err := eval.LoadGold(p)
		if err != nil {
			t.Fatal(err)
		}
		golds = append(golds, g)
	}
	return golds
}
