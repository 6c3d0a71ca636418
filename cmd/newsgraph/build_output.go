package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/csv"
	"github.com/newsgraph/newsgraph/graph/cypher"
	"github.com/newsgraph/newsgraph/graph/graphml"
	"github.com/newsgraph/newsgraph/graph/html"
	"github.com/newsgraph/newsgraph/graph/jsonl"
)

// importDir is the folder of the CSV files inside the output folder.
const importDir = "import"

// stagingPrefix starts the name of the folder build writes into before it moves the
// files into place; one left behind by an interrupted run is removed by the next.
const stagingPrefix = ".newsgraph-tmp-"

// outputFile is one file that build writes at the top of the output folder.
type outputFile struct {
	Format string // its name for --format
	Name   string
	What   string
	Hint   string
	write  func(ctx context.Context, w io.Writer, g *graph.Graph, title string) error
}

var outputFiles = []outputFile{
	{"jsonl", "graph.jsonl", "APOC JSON lines", "CALL apoc.import.json(…)", func(ctx context.Context, w io.Writer, g *graph.Graph, _ string) error {
		return jsonl.Write(ctx, w, g)
	}},
	{"cypher", "graph.cypher", "Cypher script", "cypher-shell -f graph.cypher", func(ctx context.Context, w io.Writer, g *graph.Graph, _ string) error {
		return cypher.Write(ctx, w, g)
	}},
	{"graphml", "graph.graphml", "GraphML", "Gephi, yEd, networkx", func(ctx context.Context, w io.Writer, g *graph.Graph, _ string) error {
		return graphml.Write(ctx, w, g)
	}},
	{"html", "graph.html", "picture of the graph", "open it in a browser", html.Write},
}

// csvFormat is --format's name for the import/ folder.
const csvFormat = "csv"

// formats is the set of outputs build writes; nil means every one.
type formats map[string]bool

// streamable reports whether a spilled run can write every output of fs: JSON lines and
// the CSV import, which are written in order.
func (fs formats) streamable() bool {
	if fs == nil {
		return false
	}
	for f := range fs {
		if f != "jsonl" && f != csvFormat {
			return false
		}
	}
	return true
}

// formatNames lists --format's names in the order build writes them.
func formatNames() []string {
	var names []string
	for _, f := range outputFiles {
		names = append(names, f.Format)
	}
	return append(names, csvFormat)
}

// parseFormats reads --format's values (each may be a comma-separated list); none means
// every output.
func parseFormats(values []string) (formats, error) {
	if len(values) == 0 {
		return nil, nil
	}
	out := formats{}
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if !slices.Contains(formatNames(), name) {
				return nil, fmt.Errorf("--format %q: choose from %s", name, strings.Join(formatNames(), ", "))
			}
			out[name] = true
		}
	}
	return out, nil
}

// has reports whether build writes the output named format.
func (fs formats) has(format string) bool { return fs == nil || fs[format] }

// isOwnEntry reports whether a name at the top of the output folder is one that build
// writes with fs.
func isOwnEntry(name string, fs formats) bool {
	if name == importDir {
		return fs.has(csvFormat)
	}
	if strings.HasPrefix(name, stagingPrefix) {
		return true
	}
	for _, f := range outputFiles {
		if f.Name == name {
			return fs.has(f.Format)
		}
	}
	return false
}

// written says where build put its files and what it found there before.
type written struct {
	Dir      string   // the output folder
	Files    []string // paths of the files written, import/ as a folder
	Replaced []string // build's own files that were there before, relative to Dir
	Kept     []string // other files that were there and were left alone, relative to Dir
	formats  formats  // what was asked for
}

// writeOutputs writes the files of fs into a staging folder inside dir, then moves them
// into place, replacing the same files of an earlier run and nothing else.
//
// With s (a spilled run) instead of g, only jsonl and csv can be written (streamable).
func writeOutputs(ctx context.Context, g *graph.Graph, s *extract.Spilled, dir, title string, fs formats, st *status) (*written, error) {
	if dir == "" {
		return nil, errors.New("no output folder: give --out DIR")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	w := &written{Dir: dir, formats: fs}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	for _, e := range entries {
		switch name := e.Name(); {
		case strings.HasPrefix(name, stagingPrefix):
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return nil, fmt.Errorf("remove the leftovers of an interrupted run: %w", err)
			}
		case name == importDir && !e.IsDir() && fs.has(csvFormat):
			return nil, fmt.Errorf("%s is a file, where build writes the folder of CSV files: move it away or choose another --out", filepath.Join(dir, name))
		case isOwnEntry(name, fs):
			if name == importDir {
				name += "/"
			}
			w.Replaced = append(w.Replaced, name)
		default:
			w.Kept = append(w.Kept, name)
		}
	}

	staging, err := os.MkdirTemp(dir, stagingPrefix)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	defer os.RemoveAll(staging)
	for _, f := range outputFiles {
		if !fs.has(f.Format) {
			continue
		}
		st.show("writing %s…", f.Name)
		write := f.write
		if s != nil {
			if f.Format != "jsonl" {
				return nil, fmt.Errorf("write %s: a spilled run writes only jsonl and csv", f.Name)
			}
			write = func(ctx context.Context, w io.Writer, _ *graph.Graph, _ string) error {
				return jsonl.WriteStream(ctx, w, s.Nodes(), s.Rels())
			}
		}
		if err := writeFile(ctx, filepath.Join(staging, f.Name), g, title, write); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.Name, err)
		}
	}
	if fs.has(csvFormat) {
		st.show("writing %s/…", importDir)
		var err error
		if s != nil {
			_, err = csv.WriteStream(ctx, filepath.Join(staging, importDir), s.Nodes(), s.Rels())
		} else {
			_, err = csv.Write(ctx, filepath.Join(staging, importDir), g)
		}
		if err != nil {
			return nil, fmt.Errorf("write %s/: %w", importDir, err)
		}
	}

	// Everything is written: now replace, file by file.
	for _, f := range outputFiles {
		if !fs.has(f.Format) {
			continue
		}
		if err := os.Rename(filepath.Join(staging, f.Name), filepath.Join(dir, f.Name)); err != nil {
			return nil, fmt.Errorf("move %s into place: %w", f.Name, err)
		}
		w.Files = append(w.Files, filepath.Join(dir, f.Name))
	}
	if fs.has(csvFormat) {
		kept, err := replaceImport(filepath.Join(staging, importDir), filepath.Join(dir, importDir))
		if err != nil {
			return nil, err
		}
		for _, k := range kept {
			w.Kept = append(w.Kept, filepath.Join(importDir, k))
		}
		w.Files = append(w.Files, filepath.Join(dir, importDir)+string(filepath.Separator))
	}
	sort.Strings(w.Kept)
	return w, nil
}

// writeFile writes one output to path.
func writeFile(ctx context.Context, path string, g *graph.Graph, title string, write func(context.Context, io.Writer, *graph.Graph, string) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(ctx, bw, g, title); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// replaceImport moves the new CSV folder to dst. Where dst exists, the files of an earlier
// import are removed and any other file is kept; replaceImport returns the names it kept.
func replaceImport(src, dst string) ([]string, error) {
	entries, err := os.ReadDir(dst)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(src, dst); err != nil {
			return nil, fmt.Errorf("move %s/ into place: %w", importDir, err)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s/: %w", importDir, err)
	}
	var kept []string
	for _, e := range entries {
		if e.IsDir() || !csv.IsImportFile(e.Name()) {
			kept = append(kept, e.Name())
			continue
		}
		if err := os.Remove(filepath.Join(dst, e.Name())); err != nil {
			return nil, fmt.Errorf("remove the earlier %s: %w", filepath.Join(importDir, e.Name()), err)
		}
	}
	fresh, err := os.ReadDir(src)
	if err != nil {
		return nil, err
	}
	for _, e := range fresh {
		if err := os.Rename(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return nil, fmt.Errorf("move %s into place: %w", filepath.Join(importDir, e.Name()), err)
		}
	}
	return kept, nil
}

// note tells, on stderr, what build found in a folder that was not empty.
func (w *written) note(stderr io.Writer) {
	if len(w.Replaced) == 0 && len(w.Kept) == 0 {
		return
	}
	if len(w.Replaced) > 0 {
		fmt.Fprintf(stderr, "newsgraph: %s already held newsgraph's files; replaced %s\n", w.Dir, strings.Join(w.Replaced, ", "))
	}
	if len(w.Kept) > 0 {
		fmt.Fprintf(stderr, "newsgraph: %s holds other files too; left them as they were: %s\n", w.Dir, list(w.Kept, 8))
	}
}

// list joins up to max names and says how many more there are.
func list(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
}
