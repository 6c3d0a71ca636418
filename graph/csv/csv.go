package csv

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
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
	if err := checkKeys(g); err != nil {
		return nil, err
	}
	// sorted once: every pass below reads these
	nodes := map[string][]*graph.Node{}
	for _, n := range g.Nodes() {
		nodes[n.Label] = append(nodes[n.Label], n)
	}
	rels := map[string][]*graph.Rel{}
	for _, r := range g.Rels() {
		rels[r.Type] = append(rels[r.Type], r)
	}
	delim := chooseDelimiter(nodes, rels)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	im := &Import{ArrayDelimiter: delim, EmptyLists: emptyLists(nodes, rels)}
	for _, label := range present(schema.Labels, nodes) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !schema.IsLabel(label) {
			return nil, fmt.Errorf("csv: label %q is not in the schema", label)
		}
		f := File{Name: label, Path: nodePrefix + label + ".csv", Count: len(nodes[label])}
		rows := make([]row, len(nodes[label]))
		for i, n := range nodes[label] {
			rows[i] = row{ids: [2]string{n.Key}, props: n.Props}
		}
		if err := writeFile(filepath.Join(dir, f.Path), []string{schema.KeyProperty + ":ID"}, rows, delim); err != nil {
			return nil, err
		}
		im.Nodes = append(im.Nodes, f)
	}
	for _, typ := range present(schema.Types, rels) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !schema.IsType(typ) {
			return nil, fmt.Errorf("csv: relationship type %q is not in the schema", typ)
		}
		f := File{Name: typ, Path: relPrefix + typ + ".csv", Count: len(rels[typ])}
		rows := make([]row, len(rels[typ]))
		for i, r := range rels[typ] {
			rows[i] = row{ids: [2]string{r.Start.Key, r.End.Key}, props: r.Props, typ: typ}
		}
		if err := writeFile(filepath.Join(dir, f.Path), []string{":START_ID", ":END_ID"}, rows, delim); err != nil {
			return nil, err
		}
		im.Rels = append(im.Rels, f)
	}
	if err := os.WriteFile(filepath.Join(dir, ReadmeName), []byte(im.Readme()), 0o644); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	return im, nil
}

// present returns the names of order that m holds, then any others m holds, sorted.
func present[V any](order []string, m map[string]V) []string {
	var out, rest []string
	for _, name := range order {
		if _, ok := m[name]; ok {
			out = append(out, name)
		}
	}
	for name := range m {
		if !slices.Contains(order, name) {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// checkKeys makes sure no key names nodes of two labels, which one id space cannot hold.
func checkKeys(g *graph.Graph) error {
	seen := map[string]string{}
	for _, n := range g.Nodes() {
		if other, ok := seen[n.Key]; ok {
			return fmt.Errorf("csv: key %q names both a %s and a %s node; neo4j-admin's one id space needs keys unique across labels", n.Key, other, n.Label)
		}
		seen[n.Key] = n.Label
	}
	return nil
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

// chooseDelimiter returns the first candidate that no list element of the nodes and
// relationships contains.
func chooseDelimiter(nodes map[string][]*graph.Node, rels map[string][]*graph.Rel) rune {
	used := map[rune]bool{}
	note := func(p graph.Props) {
		for _, v := range p {
			if list, ok := v.([]string); ok {
				for _, s := range list {
					for _, r := range s {
						if r < 0x20 || (r >= 0xe000 && r <= 0xf8ff) {
							used[r] = true
						}
					}
				}
			}
		}
	}
	for _, ns := range nodes {
		for _, n := range ns {
			note(n.Props)
		}
	}
	for _, rs := range rels {
		for _, r := range rs {
			note(r.Props)
		}
	}
	for r := range delimiterCandidates {
		if !used[r] {
			return r
		}
	}
	// Every one of 6,404 candidates occurs in the data; the import will split some
	// elements, which is the least bad answer left.
	return 0x1f
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

// columns returns the property columns of rows, sorted by name, with the type their
// values share.
func columns(rows []row) ([]column, error) {
	types := map[string]string{}
	for _, r := range rows {
		for k, v := range r.props {
			if k == schema.KeyProperty {
				continue
			}
			t, err := typeOf(v)
			if err != nil {
				return nil, fmt.Errorf("%s: property %s: %w", r.what(), k, err)
			}
			if old, ok := types[k]; ok && old != t {
				return nil, fmt.Errorf("%s: property %s is a %s here and a %s elsewhere; a CSV column has one type", r.what(), k, t, old)
			}
			types[k] = t
		}
	}
	out := make([]column, 0, len(types))
	for k, t := range types {
		out = append(out, column{k, t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
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

// writeFile writes a header of idCols and the property columns, then one line per row.
func writeFile(path string, idCols []string, rows []row, delim rune) error {
	cols, err := columns(rows)
	if err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	bw := bufio.NewWriter(f)
	header := append([]string(nil), idCols...)
	for _, c := range cols {
		if c.typ == "string" {
			header = append(header, c.name)
		} else {
			header = append(header, c.name+":"+c.typ)
		}
	}
	bw.WriteString(strings.Join(header, ","))
	bw.WriteByte('\n')
	for _, r := range rows {
		for i := range idCols {
			if i > 0 {
				bw.WriteByte(',')
			}
			writeQuoted(bw, r.ids[i])
		}
		for _, c := range cols {
			bw.WriteByte(',')
			if v, ok := r.props[c.name]; ok {
				writeField(bw, v, delim)
			}
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("csv: %w", err)
	}
	if err := f.Close(); err != nil {
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
