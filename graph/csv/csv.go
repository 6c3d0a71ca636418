package csv

import (
	"bufio"
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/cypher"
	"github.com/newsgraph/newsgraph/schema"
)

// ReadmeName is the file name of the import instructions written beside the CSV files.
const ReadmeName = "README.md"

// IsImportFile reports whether a file name is one Write writes: README.md or a node or
// relationship file. A folder's other files are not this package's.
func IsImportFile(name string) bool {
	if name == ReadmeName {
		return true
	}
	return strings.HasSuffix(name, ".csv") && (strings.HasPrefix(name, nodePrefix) || strings.HasPrefix(name, relPrefix))
}

// The prefixes of the file names: nodes-Person.csv, relationships-HOLDS.csv.
const (
	nodePrefix = "nodes-"
	relPrefix  = "relationships-"
)

// Sink writes the import files of a graph into the folder Dir, creating it if needed.
type Sink struct {
	Dir string
}

// Write implements graph.Sink.
func (s Sink) Write(ctx context.Context, g *graph.Graph) error {
	_, err := Write(ctx, s.Dir, g)
	return err
}

// File is one CSV file of an import: the label or relationship type it holds, its name
// inside the folder and its number of data rows.
type File struct {
	Name  string // label or relationship type
	Path  string // file name, relative to the folder
	Count int
}

// Import describes the files written by Write and how neo4j-admin reads them.
type Import struct {
	Nodes          []File
	Rels           []File
	ArrayDelimiter rune
	// EmptyLists are the Cypher statements that set the empty lists the import leaves
	// out (see AfterImport).
	EmptyLists []string
}

// Write writes one CSV file per label and per relationship type present in g, and
// README.md, into dir, and returns what it wrote.
func Write(ctx context.Context, dir string, g *graph.Graph) (*Import, error) {
	return WriteStream(ctx, dir, graph.Listed(g.Nodes()), graph.Listed(g.Rels()))
}

// WriteStream is Write for a graph read from disk (extract.Spilled): nodes and rels must
// yield the graph's elements in graph.Nodes and graph.Rels order, and do so twice, once
// to learn the columns, the array delimiter and the empty lists, once to write the files.
// It stops at the first error either yields.
func WriteStream(ctx context.Context, dir string, nodes iter.Seq2[*graph.Node, error], rels iter.Seq2[*graph.Rel, error]) (*Import, error) {
	sc := newScan()
	for n, err := range nodes {
		if err != nil {
			return nil, err
		}
		sc.node(n)
	}
	for r, err := range rels {
		if err != nil {
			return nil, err
		}
		sc.rel(r)
	}
	if err := sc.err(); err != nil {
		return nil, err
	}
	delim := sc.delimiter()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	im := &Import{ArrayDelimiter: delim, EmptyLists: sc.emptyLists()}
	// one file per label, then per type, in the order their elements come
	var f *fileWriter
	done := func(into *[]File) error {
		if f == nil {
			return nil
		}
		err := f.close()
		*into = append(*into, f.file)
		f = nil
		return err
	}
	// at starts the file of name (a label or a type) unless it is the one being written
	at := func(name, prefix string, idCols []string, k *kind, into *[]File) error {
		if f != nil && f.file.Name == name {
			return nil
		}
		if err := done(into); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		f, err = createFile(dir, File{Name: name, Path: prefix + name + ".csv"}, idCols, k.cols(), delim)
		return err
	}
	for n, err := range nodes {
		if err == nil {
			err = at(n.Label, nodePrefix, []string{schema.KeyProperty + ":ID"}, sc.nodes[n.Label], &im.Nodes)
		}
		if err != nil {
			return nil, err
		}
		f.row([2]string{n.Key}, n.Props)
	}
	if err := done(&im.Nodes); err != nil {
		return nil, err
	}
	for r, err := range rels {
		if err == nil {
			err = at(r.Type, relPrefix, []string{":START_ID", ":END_ID"}, sc.rels[r.Type], &im.Rels)
		}
		if err != nil {
			return nil, err
		}
		f.row([2]string{r.Start.Key, r.End.Key}, r.Props)
	}
	if err := done(&im.Rels); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, ReadmeName), []byte(im.Readme()), 0o644); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	return im, nil
}

// scan is what the first pass over a graph learns: the label of every key, the runes
// list elements use, and for each label and type its columns and empty lists. It keeps
// the first problem in the order Write met them before it streamed: a key naming two
// labels first, then, label by label and type by type, one not in the schema or a
// property that no column can hold.
type scan struct {
	labels      map[string]string // key → label
	used        map[rune]bool
	nodes, rels map[string]*kind
	keyErr      error
	elemErr     error
}

func newScan() *scan {
	return &scan{labels: map[string]string{}, used: map[rune]bool{}, nodes: map[string]*kind{}, rels: map[string]*kind{}}
}

func (sc *scan) err() error {
	if sc.keyErr != nil {
		return sc.keyErr
	}
	return sc.elemErr
}

func (sc *scan) node(n *graph.Node) {
	if other, ok := sc.labels[n.Key]; ok && sc.keyErr == nil {
		sc.keyErr = fmt.Errorf("csv: key %q names both a %s and a %s node; neo4j-admin's one id space needs keys unique across labels", n.Key, other, n.Label)
	}
	sc.labels[n.Key] = n.Label
	k := sc.kindOf(sc.nodes, n.Label, schema.IsLabel, "label")
	sc.element(k, row{ids: [2]string{n.Key}, props: n.Props}, func() string { return cypher.Quote(n.Key) })
}

func (sc *scan) rel(r *graph.Rel) {
	k := sc.kindOf(sc.rels, r.Type, schema.IsType, "relationship type")
	sc.element(k, row{ids: [2]string{r.Start.Key, r.End.Key}, props: r.Props, typ: r.Type}, func() string {
		return "MATCH (:" + r.Start.Label + " {key: " + cypher.Quote(r.Start.Key) + "})-[r:" + r.Type + "]->(:" + r.End.Label + " {key: " + cypher.Quote(r.End.Key) + "})"
	})
}

// kindOf returns what the scan knows of the label or type name, in m, noting a name the
// schema does not know (known says which) at its first element.
func (sc *scan) kindOf(m map[string]*kind, name string, known func(string) bool, what string) *kind {
	k := m[name]
	if k == nil {
		k = newKind()
		m[name] = k
		if !known(name) && sc.elemErr == nil {
			sc.elemErr = fmt.Errorf("csv: %s %q is not in the schema", what, name)
		}
	}
	return k
}

// element notes one element's properties; at says how a statement names it when a list
// of it is empty.
func (sc *scan) element(k *kind, r row, at func() string) {
	k.count++
	for name, v := range r.props {
		if list, ok := v.([]string); ok {
			for _, s := range list {
				for _, c := range s {
					if c < 0x20 || (c >= 0xe000 && c <= 0xf8ff) {
						sc.used[c] = true
					}
				}
			}
			if len(list) == 0 {
				k.emptyAt[name] = append(k.emptyAt[name], at())
			}
		}
		k.has[name]++
		if name == schema.KeyProperty {
			continue
		}
		t, err := typeOf(v)
		if err != nil {
			if sc.elemErr == nil {
				sc.elemErr = fmt.Errorf("csv: %s: property %s: %w", r.what(), name, err)
			}
			continue
		}
		if old, ok := k.types[name]; ok && old != t {
			if sc.elemErr == nil {
				sc.elemErr = fmt.Errorf("csv: %s: property %s is a %s here and a %s elsewhere; a CSV column has one type", r.what(), name, t, old)
			}
			continue
		}
		k.types[name] = t
	}
}

// kind is what the first pass learns of one label or type.
type kind struct {
	count   int
	types   map[string]string   // property → column type
	has     map[string]int      // property → elements that hold it
	emptyAt map[string][]string // list property → how statements name the elements holding it empty
}

func newKind() *kind {
	return &kind{types: map[string]string{}, has: map[string]int{}, emptyAt: map[string][]string{}}
}

// cols returns the property columns, sorted by name.
func (k *kind) cols() []column {
	out := make([]column, 0, len(k.types))
	for name, t := range k.types {
		out = append(out, column{name, t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// delimiter returns the first candidate that no list element uses.
func (sc *scan) delimiter() rune {
	for r := range delimiterCandidates {
		if !sc.used[r] {
			return r
		}
	}
	// Every one of 6,404 candidates occurs in the data; the import will split some
	// elements, which is the least bad answer left.
	return 0x1f
}

// delimiterCandidates are tried in order for the array delimiter: the ASCII separators,
// then the private use area.
func delimiterCandidates(yield func(rune) bool) {
	for _, r := range []rune{0x1f, 0x1e, 0x1d, 0x1c} {
		if !yield(r) {
			return
		}
	}
	for r := rune(0xe000); r <= 0xf8ff; r++ {
		if !yield(r) {
			return
		}
	}
}

type row struct {
	ids   [2]string // a node's key, or a relationship's ends
	props graph.Props
	typ   string // a relationship's type; "" for a node
}

// what names the row in errors, as graph.Rel.ID does a relationship.
func (r *row) what() string {
	if r.typ != "" {
		return "relationship " + r.typ + ":" + r.ids[0] + "->" + r.ids[1]
	}
	return "node " + r.ids[0]
}

// column is one property column: its name and neo4j-admin type.
type column struct {
	name, typ string
}

func typeOf(v any) (string, error) {
	switch v.(type) {
	case string:
		return "string", nil
	case []string:
		return "string[]", nil
	case int64, int:
		return "long", nil
	case float64:
		return "double", nil
	case bool:
		return "boolean", nil
	default:
		return "", fmt.Errorf("unsupported type %T", v)
	}
}

// fileWriter writes one CSV file, a row at a time.
type fileWriter struct {
	file  File
	f     *os.File
	w     *bufio.Writer
	ids   int
	cols  []column
	delim rune
}

// createFile starts the file f in dir with a header of idCols and the property columns.
func createFile(dir string, file File, idCols []string, cols []column, delim rune) (*fileWriter, error) {
	f, err := os.Create(filepath.Join(dir, file.Path))
	if err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	fw := &fileWriter{file: file, f: f, w: bufio.NewWriter(f), ids: len(idCols), cols: cols, delim: delim}
	header := append([]string(nil), idCols...)
	for _, c := range cols {
		if c.typ == "string" {
			header = append(header, c.name)
		} else {
			header = append(header, c.name+":"+c.typ)
		}
	}
	fw.w.WriteString(strings.Join(header, ","))
	fw.w.WriteByte('\n')
	return fw, nil
}

// row writes one line: the ids, then the value of each column.
func (fw *fileWriter) row(ids [2]string, props graph.Props) {
	for i := range fw.ids {
		if i > 0 {
			fw.w.WriteByte(',')
		}
		writeQuoted(fw.w, ids[i])
	}
	for _, c := range fw.cols {
		fw.w.WriteByte(',')
		if v, ok := props[c.name]; ok {
			writeField(fw.w, v, fw.delim)
		}
	}
	fw.w.WriteByte('\n')
	fw.file.Count++
}

func (fw *fileWriter) close() error {
	if err := fw.w.Flush(); err != nil {
		fw.f.Close()
		return fmt.Errorf("csv: %w", err)
	}
	if err := fw.f.Close(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

// writeField writes a value as a CSV field. Strings and lists are always quoted, so an
// empty string ("") differs from an absent value (nothing).
func writeField(w *bufio.Writer, v any, delim rune) {
	switch x := v.(type) {
	case string:
		writeQuoted(w, x)
	case []string:
		w.WriteByte('"')
		for i, s := range x {
			if i > 0 {
				w.WriteRune(delim)
			}
			writeEscaped(w, s)
		}
		w.WriteByte('"')
	case int64:
		w.WriteString(strconv.FormatInt(x, 10))
	case int:
		w.WriteString(strconv.Itoa(x))
	case float64:
		w.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		w.WriteString(strconv.FormatBool(x))
	}
	// columns rejected every other type
}

// writeQuoted writes s in double quotes with its quotes doubled.
func writeQuoted(w *bufio.Writer, s string) {
	w.WriteByte('"')
	writeEscaped(w, s)
	w.WriteByte('"')
}

// writeEscaped writes s with its double quotes doubled.
func writeEscaped(w *bufio.Writer, s string) {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			w.WriteString(s)
			return
		}
		w.WriteString(s[:i+1])
		w.WriteByte('"')
		s = s[i+1:]
	}
}
