package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestBenchReport measures the examples repeated to a little more than once and wants
// every part of the report, on stdout and in --report.
func TestBenchReport(t *testing.T) {
	report := filepath.Join(t.TempDir(), "bench.md")
	code, stdout, stderr := runCLI(t, "bench", "--examples", examplesDir, "--repeat", "50KB", "--workers", "2", "--report", report)
	if code != 0 {
		t.Fatalf("bench exited %d: %s", code, stderr)
	}
	written, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if string(written) != stdout {
		t.Error("the report file differs from what bench printed")
	}
	for _, want := range []string{
		"the 17 example pages of " + examplesDir + " repeated 2 times",
		"| gse Pos alone, 1 goroutine |", "| gse Pos alone, 2 goroutines |", "| newsgraph segmenter alone, 1 goroutine |",
		"| newsgraph extract, 1 worker |", "| newsgraph extract, 2 workers |",
		"one worker against gse Pos alone", "first article extracted",
		"| split |", "| segment |", "| merge |", "| write |",
		"peak RSS", "## Targets", "| start-up < 500 ms |",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the report lacks %q:\n%s", want, stdout)
		}
	}
}

// TestBenchGenerateOnly builds a small corpus and stops.
func TestBenchGenerateOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	code, stdout, stderr := runCLI(t, "bench", "--examples", examplesDir, "--generate", dir, "--size", "100KB", "--generate-only")
	if code != 0 || stdout != "" {
		t.Fatalf("bench exited %d, printed %q: %s", code, stdout, stderr)
	}
	files, err := filepath.Glob(filepath.Join(dir, "2015", "2015-01-*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Errorf("no daily files in %s: %v", dir, err)
	}
	if !strings.Contains(stderr, "articles in") {
		t.Errorf("stderr does not say what was generated: %s", stderr)
	}
}

func TestBenchErrors(t *testing.T) {
	empty := t.TempDir()
	blank := t.TempDir()
	if err := os.WriteFile(filepath.Join(blank, "a.txt"), []byte(" \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad size", []string{"--size", "lots", "--generate", "x"}, `--size: "lots" is no size`},
		{"generate-only alone", []string{"--generate-only"}, "--generate-only needs --generate DIR"},
		{"no examples", []string{"--examples", "no-such-dir"}, "no input given and no bundled examples here"},
		{"stdin", []string{"-"}, "bench reads each input several times"},
		{"a directory with no input", []string{empty}, empty + ": no .txt, .md"},
		{"no text", []string{blank}, "nothing to measure"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append([]string{"bench"}, tc.args...)...)
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("bench %v: exit %d, stderr %q; want 1 and %q", tc.args, code, stderr, tc.want)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"200MB": 200e6, "4mb": 4e6, "100KB": 100e3, "1.5GB": 1.5e9, "64MiB": 64 << 20, "12345": 12345, " 2 MB ": 2e6} {
		got, err := parseSize(in)
		if err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1MB", "lots"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) gave no error", in)
		}
	}
}

func TestPeakVerdict(t *testing.T) {
	for _, tt := range []struct {
		peak, input int64
		want        string
	}{
		{300e6, 200e6, "met"},
		{300e6, 4e6, "not judged: the target is for 200 MB of input"}, // the examples
		{500e6, 20e6, "**not met**"},                                  // over already
		{500e6, 200e6, "**not met**"},
		{0, 200e6, "**not met**"}, // not measured
	} {
		if got := peakVerdict(tt.peak, tt.input); got != tt.want {
			t.Errorf("peakVerdict(%d MB, %d MB) = %q, want %q", tt.peak/1e6, tt.input/1e6, got, tt.want)
		}
	}
}

// TestBenchSpill: --spill measures the spilled extraction, says so, writes the same graph
// (--output) as without it, and leaves no spill files behind.
func TestBenchSpill(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // --spill lowers the limit of the process the CLI runs in
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	out := filepath.Join(t.TempDir(), "graph.jsonl")
	code, stdout, stderr := runCLI(t, "bench", "--spill", "--examples", examplesDir, "--repeat", "50KB", "--workers", "2", "--output", out)
	if code != 0 {
		t.Fatalf("bench exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "newsgraph extract --spill") || !strings.Contains(stdout, "| newsgraph extract, 1 worker |") ||
		!strings.Contains(stdout, "nodes in memory (relationships, articles and events on disk)") {
		t.Errorf("the report does not say the runs spilled:\n%s", stdout)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	inMemory := filepath.Join(t.TempDir(), "graph.jsonl")
	if code, _, stderr := runCLI(t, "bench", "--examples", examplesDir, "--repeat", "50KB", "--workers", "2", "--output", inMemory); code != 0 {
		t.Fatalf("bench exited %d: %s", code, stderr)
	}
	want, err := os.ReadFile(inMemory)
	if err != nil {
		t.Fatal(err)
	}
	if string(written) != string(want) || len(want) == 0 {
		t.Errorf("bench --spill wrote %d bytes, bench without it %d", len(written), len(want))
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("%d files left in TMPDIR", len(left))
	}
}
