package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
	"github.com/newsgraph/newsgraph/schema"
)

const goodArticle = "## 市防汛工作会议召开\n\n本报讯 上海市防汛工作会议昨天召开。市委副书记、市长龚正出席会议并讲话。\n"

// badInputs writes a good article and inputs that cannot be read into a new folder and
// returns the folder, the good article's path and the bad paths with what their error
// line must say.
func badInputs(t *testing.T) (dir, good string, bad map[string]string) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{
		"good.txt": goodArticle,
		// "上海市委" in GB18030
		"gb18030.txt": "\xc9\xcf\xba\xa3\xca\xd0\xce\xaf\n",
		"binary.txt":  "PK\x03\x04\x00\x00",
		"empty.txt":   "",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad = map[string]string{
		filepath.Join(dir, "gb18030.txt"): "not UTF-8 text",
		filepath.Join(dir, "binary.txt"):  "binary file, not text",
		filepath.Join(dir, "empty.txt"):   "empty file",
		filepath.Join(dir, "missing.txt"): "no such file or directory",
	}
	return dir, filepath.Join(dir, "good.txt"), bad
}

// readGraph parses stdout as APOC JSON lines, checking that each line is one JSON object.
func readGraph(t *testing.T, stdout string) *graph.Graph {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if !json.Valid(sc.Bytes()) {
			t.Errorf("stdout line %d is not JSON: %s", n, sc.Bytes())
		}
	}
	g, err := jsonl.Read(strings.NewReader(stdout))
	if err != nil {
		t.Fatalf("stdout is not APOC JSON lines: %v", err)
	}
	return g
}

// articleTitles returns the titles of the Article nodes of g, by source.
func articleTitles(g *graph.Graph) map[string]string {
	out := map[string]string{}
	for _, n := range g.NodesOf(schema.Article) {
		src, _ := n.Props["source"].(string)
		title, _ := n.Props["title"].(string)
		out[src] = title
	}
	return out
}

// TestExtractSomeInputsFail: bad inputs give one error line each, naming the file, exit
// status 1, and the graph of the good article is still written.
func TestExtractSomeInputsFail(t *testing.T) {
	dir, good, bad := badInputs(t)
	var badPaths []string
	for p := range bad {
		badPaths = append(badPaths, p)
	}
	tests := []struct {
		name  string
		paths []string
	}{
		{"files named one by one", append([]string{good}, badPaths...)},
		{"a folder and a missing file", []string{dir, filepath.Join(dir, "missing.txt")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"extract", "--date", "2021-05-28"}, tt.paths...)...)
			if got, want := code, 1; got != want {
				t.Errorf("exit status %d, want %d; stderr:\n%s", got, want, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			for path, why := range bad {
				var found []string
				for _, l := range lines {
					if strings.Contains(l, path+":") {
						found = append(found, l)
					}
				}
				if len(found) != 1 {
					t.Errorf("%d error lines name %s, want 1:\n%s", len(found), path, stderr)
					continue
				}
				if want := "newsgraph: " + path + ": " + why; !strings.HasPrefix(found[0], want) {
					t.Errorf("error line %q, want it to start with %q", found[0], want)
				}
			}
			if strings.Contains(stderr, good) {
				t.Errorf("the good article is named on stderr:\n%s", stderr)
			}
			if got, want := len(lines), len(bad)+1; got != want {
				t.Errorf("%d stderr lines, want one per bad input and a summary:\n%s", got, stderr)
			}
			if last := lines[len(lines)-1]; !strings.Contains(last, "inputs failed; the others were processed") {
				t.Errorf("last stderr line %q, want the summary", last)
			}
			g := readGraph(t, stdout)
			if got, want := articleTitles(g), map[string]string{"good.txt": "市防汛工作会议召开"}; !maps.Equal(got, want) {
				t.Errorf("articles on stdout %q, want %q", got, want)
			}
			if len(g.NodesOf(schema.Person)) == 0 {
				t.Errorf("no person in the good article's graph:\n%s", stdout)
			}
		})
	}
}

// TestExtractSummaryCountsEveryInput: the summary line counts every input named or found,
// the ones that could not be read included, and every record of a JSON-lines file.
func TestExtractSummaryCountsEveryInput(t *testing.T) {
	dir, good, bad := badInputs(t)
	jsonlPath := filepath.Join(dir, "news.jsonl")
	if err := os.WriteFile(jsonlPath, []byte(`{"text": "上海市防汛工作会议昨天召开。"}`+"\n{bad\n"+`{"text": "会议召开。"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var badPaths []string
	for p := range bad {
		badPaths = append(badPaths, p)
	}
	tests := []struct {
		name  string
		paths []string
		want  string
	}{
		{"four bad files and a good one", append([]string{good}, badPaths...), "newsgraph: 4 of 5 inputs failed; the others were processed"},
		{"one bad record of three", []string{jsonlPath}, "newsgraph: 1 of 3 inputs failed; the others were processed"},
		{"a missing file and a good one", []string{good, filepath.Join(dir, "missing.txt")}, "newsgraph: 1 of 2 inputs failed; the others were processed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append([]string{"extract"}, tt.paths...)...)
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if got, want := lines[len(lines)-1], tt.want; code != 1 || got != want {
				t.Errorf("exit %d, summary %q; want exit 1, %q", code, got, want)
			}
		})
	}
}

// TestExtractStdin: "-" reads standard input, alone or with files, from a file or from a
// pipe, spilled or not.
func TestExtractStdin(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // --spill lowers the limit of the process the CLI runs in
	// run reads os.Stdin (readInputOptions); give it a file or a pipe for the test's time.
	stdin := filepath.Join(t.TempDir(), "stdin")
	const piped = "## 市委常委会举行会议\n\n本报讯 市委常委会昨天举行会议。市委书记李强主持会议并讲话。\n"
	if err := os.WriteFile(stdin, []byte(piped), 0o644); err != nil {
		t.Fatal(err)
	}
	withStdin := func(t *testing.T) {
		f, err := os.Open(stdin)
		if err != nil {
			t.Fatal(err)
		}
		old := os.Stdin
		os.Stdin = f
		t.Cleanup(func() { os.Stdin = old; f.Close() })
	}
	_, good, _ := badInputs(t)
	tests := []struct {
		name      string
		args      []string
		wantCode  int
		wantTitle map[string]string
	}{
		{"stdin alone", []string{"extract", "--date", "2021-05-28", "-"}, 0, map[string]string{"stdin": "市委常委会举行会议"}},
		{"stdin and a file", []string{"extract", "-", good}, 0, map[string]string{"stdin": "市委常委会举行会议", "good.txt": "市防汛工作会议召开"}},
	}
	// a pipe, as in `cat page.txt | newsgraph extract -`, whose size is read, not told
	withPipe := func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		go func() { w.WriteString(piped); w.Close() }()
		old := os.Stdin
		os.Stdin = r
		t.Cleanup(func() { os.Stdin = old; r.Close() })
	}
	feeds := map[string]func(*testing.T){"a file": withStdin, "a pipe": withPipe}
	for _, tt := range tests {
		for _, spill := range []bool{false, true} {
			args := tt.args
			if spill {
				args = append([]string{args[0], "--spill"}, args[1:]...)
			}
			for feedName, feed := range feeds {
				t.Run(fmt.Sprintf("%s from %s, spilled %v", tt.name, feedName, spill), func(t *testing.T) {
					feed(t)
					code, stdout, stderr := runCLI(t, args...)
					if code != tt.wantCode {
						t.Errorf("exit status %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
					}
					if got, want := articleTitles(readGraph(t, stdout)), tt.wantTitle; !maps.Equal(got, want) {
						t.Errorf("articles %q, want %q", got, want)
					}
				})
			}
		}
	}
	t.Run("empty stdin", func(t *testing.T) {
		f, err := os.Open(os.DevNull)
		if err != nil {
			t.Fatal(err)
		}
		old := os.Stdin
		os.Stdin = f
		t.Cleanup(func() { os.Stdin = old; f.Close() })
		code, stdout, stderr := runCLI(t, "extract", "-")
		if got, want := code, 1; got != want {
			t.Errorf("exit status %d, want %d", got, want)
		}
		if !strings.HasPrefix(stderr, "newsgraph: <stdin>: empty file\n") {
			t.Errorf("stderr %q, want it to start with the error naming <stdin>", stderr)
		}
		if g := readGraph(t, stdout); len(g.Nodes()) != 0 {
			t.Errorf("a graph from empty stdin: %s", stdout)
		}
	})
}

// TestExtractOutputFile: -o writes the same bytes as stdout would get.
func TestExtractOutputFile(t *testing.T) {
	_, good, _ := badInputs(t)
	out := filepath.Join(t.TempDir(), "graph.jsonl")
	code, stdout, stderr := runCLI(t, "extract", "--date", "2021-05-28", "-o", out, good)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and nothing on stdout", code, stdout, stderr)
	}
	_, want, _ := runCLI(t, "extract", "--date", "2021-05-28", good)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, []byte(want)) {
		t.Errorf("%s differs from what stdout gets", out)
	}
}

// TestExtractSpill: --spill writes what extract writes without it, and fails the same
// way on inputs that cannot be read (the others still written, every bad one named).
func TestExtractSpill(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // --spill lowers the limit of the process the CLI runs in
	dir, _, _ := badInputs(t)
	for _, paths := range [][]string{{"../../examples"}, {dir, filepath.Join(dir, "missing.txt")}} {
		args := append([]string{"extract", "--date", "2021-05-28"}, paths...)
		code, stdout, stderr := runCLI(t, args...)
		scode, sstdout, sstderr := runCLI(t, append([]string{"extract", "--spill", "--date", "2021-05-28"}, paths...)...)
		if scode != code || sstderr != stderr {
			t.Errorf("%v: --spill exits %d with stderr\n%s\nwithout it %d with\n%s", paths, scode, sstderr, code, stderr)
		}
		if sstdout != stdout {
			t.Errorf("%v: --spill writes %d bytes, without it %d", paths, len(sstdout), len(stdout))
		}
		if len(stdout) == 0 {
			t.Errorf("%v: nothing written", paths)
		}
	}
}

// TestInputSize: a standard input of unknown size is read up to the limit first; what
// ends before it is known and read again from memory, what does not is a lower bound and
// read whole all the same; a failing one is an error, and one not named is not read.
func TestInputSize(t *testing.T) {
	const text = "0123456789"
	unsized := func(r io.Reader) io.Reader { return struct{ io.Reader }{r} } // no Len, no Stat
	for _, c := range []struct {
		name  string
		paths []string
		stdin io.Reader
		limit int64
		size  int64
		known bool
		err   string
	}{
		{"ends before the limit", []string{"-"}, unsized(strings.NewReader(text)), 100, 10, true, ""},
		{"reaches the limit", []string{"-"}, unsized(strings.NewReader(text)), 10, 10, false, ""},
		{"goes past it", []string{"-"}, unsized(strings.NewReader(text)), 4, 4, false, ""},
		{"fails", []string{"-"}, unsized(iotest.ErrReader(errors.New("a broken pipe"))), 4, 0, false, "read standard input: a broken pipe"},
		{"not named", nil, unsized(strings.NewReader(text)), 4, 0, true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := inputOptions{Stdin: c.stdin}
			size, known, err := opts.inputSize(c.paths, c.limit)
			if size != c.size || known != c.known || fmt.Sprint(err) != cmp.Or(c.err, "<nil>") {
				t.Fatalf("inputSize = %d, %v, %v; want %d, %v, %s", size, known, err, c.size, c.known, cmp.Or(c.err, "<nil>"))
			}
			if err != nil {
				return
			}
			rest, err := io.ReadAll(opts.stdin())
			if err != nil || string(rest) != text {
				t.Errorf("then standard input reads %q, %v; want %q", rest, err, text)
			}
		})
	}
}
