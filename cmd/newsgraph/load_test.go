package main

import (
	"bytes"
	"context"
	"math"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract"
)

// runCLI runs newsgraph with args and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"newsgraph"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// The examples hold a copy of the seed page.
var (
	examplesDir = filepath.Join("..", "..", "examples")
	seedCopy    = filepath.Join(examplesDir, "jiefang-2021-05-28.txt")
)

// closedPort returns a port on 127.0.0.1 that nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}

// TestLoadNotRunning: with no server at the address, load, schema --apply and query
// each fail with one clear line on stderr within 10 s, print nothing on stdout, exit
// non-zero, and never show the password.
func TestLoadNotRunning(t *testing.T) {
	const password = "pw-must-not-show"
	port := closedPort(t)
	tests := []struct {
		name string
		args []string
	}{
		{"load bolt", []string{"load", "--uri", "bolt://127.0.0.1:" + port, "--password", password, seedCopy}},
		{"load routing", []string{"load", "--uri", "neo4j://127.0.0.1:" + port, "--password", password, seedCopy}},
		{"schema --apply", []string{"schema", "--apply", "--uri", "bolt://127.0.0.1:" + port, "--password", password}},
		{"query", []string{"query", "--uri", "bolt://127.0.0.1:" + port, "--password", password, "person-roles"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			code, stdout, stderr := runCLI(t, tt.args...)
			elapsed := time.Since(start)
			if code == 0 {
				t.Errorf("exit code 0, want non-zero")
			}
			if elapsed > 10*time.Second {
				t.Errorf("took %s, want under 10 s", elapsed)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], "cannot connect to Neo4j at") || !strings.Contains(lines[0], "127.0.0.1:"+port) {
				t.Errorf("stderr = %q, want one line saying it cannot connect to 127.0.0.1:%s", stderr, port)
			}
			if strings.Contains(stdout+stderr, password) {
				t.Errorf("output shows the password")
			}
			t.Logf("%s, %s", elapsed.Round(time.Millisecond), strings.TrimSpace(stderr))
		})
	}
}

// TestLoadDryRun extracts and counts without a server.
func TestLoadDryRun(t *testing.T) {
	code, stdout, stderr := runCLI(t, "load", "--dry-run", "--uri", "bolt://127.0.0.1:"+closedPort(t), seedCopy)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "nothing was sent to Neo4j") || !strings.Contains(stdout, "would write 5 articles") {
		t.Errorf("dry run printed:\n%s", stdout)
	}
}

// TestPasswordNotInHelp: the environment's password does not leak into help texts.
func TestPasswordNotInHelp(t *testing.T) {
	const password = "env-secret-x9"
	t.Setenv("NEO4J_PASSWORD", password)
	for _, cmd := range []string{"load", "schema", "query"} {
		_, stdout, stderr := runCLI(t, cmd, "--help")
		if strings.Contains(stdout+stderr, password) {
			t.Errorf("%s --help shows the password", cmd)
		}
		if !strings.Contains(stdout, "NEO4J_PASSWORD") {
			t.Errorf("%s --help does not name NEO4J_PASSWORD:\n%s", cmd, stdout)
		}
	}
}

// TestSchemaPrint prints every constraint and index, one statement a line.
func TestSchemaPrint(t *testing.T) {
	code, stdout, _ := runCLI(t, "schema")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 12 {
		t.Errorf("%d statements, want 12 (6 constraints, 6 indexes):\n%s", len(lines), stdout)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "CREATE ") || !strings.HasSuffix(l, " IF NOT EXISTS FOR"+l[strings.Index(l, " FOR")+4:]) || !strings.HasSuffix(l, ";") {
			t.Errorf("line %q is not a CREATE … IF NOT EXISTS statement", l)
		}
	}
}

// TestQueryList lists the example queries with their questions.
func TestQueryList(t *testing.T) {
	code, stdout, _ := runCLI(t, "query")
	if code != 0 || !strings.Contains(stdout, "person-roles\n    Which positions does a person hold") {
		t.Errorf("exit %d, output:\n%s", code, stdout)
	}
}

// TestBatchingFlag: --batch N starts with N documents and doubles; 0 is one batch.
func TestBatchingFlag(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want extract.Batching
	}{
		{1000, extract.Batching{First: 1000, Doubling: true}},
		{1, extract.Batching{First: 1, Doubling: true}},
		{0, extract.Batching{First: math.MaxInt}},
		{-5, extract.Batching{First: math.MaxInt}},
	} {
		if got := batchingFlag(tt.n); got != tt.want {
			t.Errorf("--batch %d: %+v, want %+v", tt.n, got, tt.want)
		}
	}
}

// TestLoadSpills: a run (extract, build, load) spills when told, or else from spillFrom
// bytes of input (a sparse file here), and never with --spill=false.
func TestLoadSpills(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(spillFrom); err != nil {
		t.Fatal(err)
	}
	f.Close()
	yes, no := true, false
	tests := []struct {
		paths []string
		spill *bool
		want  bool
	}{
		{[]string{examplesDir}, nil, false},
		{[]string{examplesDir}, &yes, true},
		{[]string{big}, nil, true},
		{[]string{big}, &no, false},
		{[]string{examplesDir, big}, nil, true},
	}
	for _, tt := range tests {
		var opts inputOptions
		got, _, err := opts.spills(tt.paths, tt.spill)
		if err != nil || got != tt.want {
			t.Errorf("spills(%v, --spill %v) = %v, %v; want %v", tt.paths, tt.spill, got, err, tt.want)
		}
	}
}
