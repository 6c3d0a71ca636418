package csv_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/csv"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestWriteGolden(t *testing.T) {
	dir := t.TempDir()
	if _, err := csv.Write(context.Background(), dir, exporttest.Graph()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "nasty")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(golden, os.DirFS(dir)); err != nil {
			t.Fatal(err)
		}
	}
	got, want := readDir(t, dir), readDir(t, golden)
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s was not written", name)
		} else if g != w {
			t.Errorf("%s differs from %s (run go test -update to accept):\n%s", name, golden, g)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not in %s (run go test -update to accept)", name, golden)
		}
	}
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// TestRoundTrip reads the files back the way neo4j-admin does (quoted fields, doubled
// quotes, fields across lines, typed columns, arrays split on the delimiter, an empty
// unquoted field for no value, an empty array for no value either) and, with the empty
// lists set again, finds every node and relationship unchanged.
func TestRoundTrip(t *testing.T) {
	g := exporttest.Graph()
	dir := t.TempDir()
	im, err := csv.Write(context.Background(), dir, g)
	if err != nil {
		t.Fatal(err)
	}
	back := graph.New()
	for _, f := range im.Nodes {
		for _, rec := range readCSV(t, filepath.Join(dir, f.Path), im.ArrayDelimiter) {
			back.AddNode(f.Name, rec.ids[0], rec.props)
		}
	}
	labelOf := map[string]string{}
	for _, n := range back.Nodes() {
		labelOf[n.Key] = n.Label
	}
	for _, f := range im.Rels {
		for _, rec := range readCSV(t, filepath.Join(dir, f.Path), im.ArrayDelimiter) {
			start := graph.Ref{Label: labelOf[rec.ids[0]], Key: rec.ids[0]}
			end := graph.Ref{Label: labelOf[rec.ids[1]], Key: rec.ids[1]}
			if back.AddRel(f.Name, start, end, rec.props) == nil {
				t.Errorf("%s: relationship %s -> %s names a missing node", f.Path, rec.ids[0], rec.ids[1])
			}
		}
	}
	// What Import.EmptyLists gives back (TestImportMatchesLoad runs it for real).
	if len(im.EmptyLists) == 0 {
		t.Error("the graph has an empty list but EmptyLists is empty")
	}
	for _, n := range g.Nodes() {
		for k, v := range n.Props {
			if list, ok := v.([]string); ok && len(list) == 0 {
				back.Node(n.Ref()).Props[k] = []string{}
			}
		}
	}
	if got, want := back.Nodes(), g.Nodes(); !reflect.DeepEqual(got, want) {
		t.Errorf("nodes read back differ:\ngot  %v\nwant %v", got, want)
	}
	if got, want := back.Rels(), g.Rels(); !reflect.DeepEqual(got, want) {
		t.Errorf("relationships read back differ:\ngot  %v\nwant %v", got, want)
	}
}

func TestArrayDelimiter(t *testing.T) {
	tests := []struct {
		name    string
		aliases []string
		want    rune
	}{
		{"plain data", []string{"a;b", "c,d"}, 0x1f},
		{"unit separator in data", []string{"a\x1fb"}, 0x1e},
		{"all ASCII separators in data", []string{"\x1c\x1d\x1e\x1f"}, 0xe000},
		{"private use too", []string{"\x1c\x1d\x1e\x1f\ue000"}, 0xe001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph.New()
			g.AddNode(schema.Organization, "org:x", graph.Props{"aliases": tt.aliases})
			im, err := csv.Write(context.Background(), t.TempDir(), g)
			if err != nil {
				t.Fatal(err)
			}
			if im.ArrayDelimiter != tt.want {
				t.Errorf("ArrayDelimiter = %U, want %U", im.ArrayDelimiter, tt.want)
			}
			if args, want := im.Args("neo4j"), fmt.Sprintf("--array-delimiter=U+%04X", tt.want); !slices.Contains(args, want) {
				t.Errorf("Args = %v, want %s among them", args, want)
			}
		})
	}
}

func TestEmptyLists(t *testing.T) {
	tests := []struct {
		name  string
		build func(g *graph.Graph)
		want  []string
	}{
		{"none", func(g *graph.Graph) {
			g.AddNode(schema.Organization, "org:a", graph.Props{"aliases": []string{"x"}})
		}, nil},
		{"every node that lacks it", func(g *graph.Graph) {
			g.AddNode(schema.Organization, "org:a", graph.Props{"aliases": []string{}})
			g.AddNode(schema.Organization, "org:b", graph.Props{"aliases": []string{"x"}})
		}, []string{"MATCH (n:Organization) WHERE n.aliases IS NULL SET n.aliases = []"}},
		{"some nodes lack it", func(g *graph.Graph) {
			g.AddNode(schema.Person, "person:a", graph.Props{"aliases": []string{}})
			g.AddNode(schema.Person, "person:b'", graph.Props{"aliases": []string{}})
			g.AddNode(schema.Person, "person:c", nil)
		}, []string{`MATCH (n:Person) WHERE n.key IN ['person:a', 'person:b\''] SET n.aliases = []`}},
		{"relationships", func(g *graph.Graph) {
			a := g.AddNode(schema.Person, "person:a", nil).Ref()
			e := g.AddNode(schema.Event, "event:e", nil).Ref()
			o := g.AddNode(schema.Organization, "org:o", nil).Ref()
			g.AddRel(schema.ParticipatedIn, a, e, graph.Props{"as": []string{}})
			g.AddRel(schema.ParticipatedIn, o, e, nil)
		}, []string{"MATCH (:Person {key: 'person:a'})-[r:PARTICIPATED_IN]->(:Event {key: 'event:e'}) SET r.`as` = []"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph.New()
			tt.build(g)
			im, err := csv.Write(context.Background(), t.TempDir(), g)
			if err != nil {
				t.Fatal(err)
			}
			if got := im.EmptyLists; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("EmptyLists = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsImportFile(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"README.md", true},
		{"nodes-Person.csv", true},
		{"relationships-HOLDS.csv", true},
		{"nodes-Person.csv.bak", false},
		{"people.csv", false},
		{"notes.md", false},
	}
	for _, tt := range tests {
		if got := csv.IsImportFile(tt.name); got != tt.want {
			t.Errorf("IsImportFile(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	dir := t.TempDir()
	if _, err := csv.Write(context.Background(), dir, exporttest.Graph()); err != nil {
		t.Fatal(err)
	}
	for name := range readDir(t, dir) {
		if !csv.IsImportFile(name) {
			t.Errorf("Write wrote %s, which IsImportFile does not own", name)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func(g *graph.Graph)
		want  string
	}{
		{"shared key", func(g *graph.Graph) {
			g.AddNode(schema.Person, "x", nil)
			g.AddNode(schema.Place, "x", nil)
		}, "unique across labels"},
		{"mixed types", func(g *graph.Graph) {
			g.AddNode(schema.Person, "person:a", graph.Props{"name": "a"})
			g.AddNode(schema.Person, "person:b", graph.Props{"name": []string{"b"}})
		}, "node person:b: property name is a string[] here"},
		{"a relationship's value of no CSV type", func(g *graph.Graph) {
			a := g.AddNode(schema.Article, "article:1", nil).Ref()
			p := g.AddNode(schema.Person, "person:a", nil).Ref()
			g.AddRel(schema.Mentions, a, p, graph.Props{"weight": struct{}{}})
		}, "relationship MENTIONS:article:1->person:a: property weight: unsupported type"},
		{"label outside the schema", func(g *graph.Graph) {
			g.AddNode("Person,Evil", "x", nil)
		}, "not in the schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph.New()
			tt.build(g)
			_, err := csv.Write(context.Background(), t.TempDir(), g)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestWriteCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := csv.Sink{Dir: t.TempDir()}.Write(ctx, exporttest.Graph())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Write = %v, want context.Canceled", err)
	}
}

type record struct {
	ids   []string
	props graph.Props
}

// readCSV parses one import file as neo4j-admin does with the options of Import.Args.
func readCSV(t *testing.T, path string, delim rune) []record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := parseCSV(t, string(b))
	header := lines[0]
	var out []record
	for _, fields := range lines[1:] {
		if len(fields) != len(header) {
			t.Fatalf("%s: a row has %d fields, the header %d", path, len(fields), len(header))
		}
		rec := record{props: graph.Props{}}
		for i, h := range header {
			f := fields[i]
			name, typ, _ := strings.Cut(h.text, ":")
			switch {
			case typ == "ID" || typ == "START_ID" || typ == "END_ID":
				rec.ids = append(rec.ids, f.text)
			case !f.quoted && f.text == "":
				// No value: no property.
			case typ == "" || typ == "string":
				rec.props[name] = f.text
			case typ == "string[]":
				if f.text == "" {
					// neo4j-admin reads an empty array as no value; Import.EmptyLists
					// sets it afterwards.
					break
				}
				rec.props[name] = strings.Split(f.text, string(delim))
			case typ == "long":
				v, err := strconv.ParseInt(f.text, 10, 64)
				if err != nil {
					t.Fatal(err)
				}
				rec.props[name] = v
			case typ == "double":
				v, err := strconv.ParseFloat(f.text, 64)
				if err != nil {
					t.Fatal(err)
				}
				rec.props[name] = v
			case typ == "boolean":
				rec.props[name] = f.text == "true"
			default:
				t.Fatalf("%s: unknown column type %q", path, typ)
			}
		}
		out = append(out, rec)
	}
	return out
}

type csvField struct {
	text   string
	quoted bool
}

// parseCSV splits RFC 4180 text into rows of fields, keeping whether each was quoted.
func parseCSV(t *testing.T, s string) [][]csvField {
	t.Helper()
	var rows [][]csvField
	var row []csvField
	for len(s) > 0 {
		var f csvField
		if s[0] == '"' {
			f.quoted = true
			s = s[1:]
			var b strings.Builder
			for {
				i := strings.IndexByte(s, '"')
				if i < 0 {
					t.Fatal("unterminated quoted field")
				}
				b.WriteString(s[:i])
				s = s[i+1:]
				if strings.HasPrefix(s, `"`) {
					b.WriteByte('"')
					s = s[1:]
					continue
				}
				break
			}
			f.text = b.String()
		} else {
			i := strings.IndexAny(s, ",\n")
			if i < 0 {
				i = len(s)
			}
			f.text, s = s[:i], s[i:]
		}
		row = append(row, f)
		switch {
		case strings.HasPrefix(s, ","):
			s = s[1:]
		case strings.HasPrefix(s, "\n"):
			s = s[1:]
			rows = append(rows, row)
			row = nil
		case s == "":
			rows = append(rows, row)
			row = nil
		default:
			t.Fatalf("unexpected text after a field: %.20q", s)
		}
	}
	return rows
}

// FuzzWrite writes any string as a name and in a list and parses the file back: both
// come back unchanged, whatever quotes, separators or line breaks they hold.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"", "a", exporttest.Quotes, exporttest.Delims, exporttest.Newlines, "\x1f", "\"\"", "a\"\n\"b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		g := graph.New()
		n := g.AddNode(schema.Person, "person:"+s, graph.Props{"name": s, "aliases": []string{s, "x"}})
		dir := t.TempDir()
		im, err := csv.Write(context.Background(), dir, g)
		if err != nil {
			t.Fatal(err)
		}
		recs := readCSV(t, filepath.Join(dir, im.Nodes[0].Path), im.ArrayDelimiter)
		if len(recs) != 1 {
			t.Fatalf("read %d rows, want 1", len(recs))
		}
		if got := recs[0].ids[0]; got != n.Key {
			t.Errorf("key read back %q, want %q", got, n.Key)
		}
		if got := recs[0].props["name"]; got != s {
			t.Errorf("name read back %q, want %q", got, s)
		}
		if got, want := recs[0].props["aliases"], n.Props["aliases"]; !reflect.DeepEqual(got, want) {
			t.Errorf("aliases read back %q, want %q", got, want)
		}
	})
}

// BenchmarkWrite writes a graph of 200,000 relationships with provenance, the shape of an
// archive's MENTIONS and HOLDS.
func BenchmarkWrite(b *testing.B) {
	g := graph.New()
	const persons, articles = 5000, 40000
	for i := range articles {
		a := g.AddNode(schema.Article, graph.ArticleKey("file:"+strconv.Itoa(i)), graph.Props{"title": "标题" + strconv.Itoa(i), "date": "2015-01-02"}).Ref()
		for j := range 5 {
			p := g.AddNode(schema.Person, "person:某"+strconv.Itoa((i*7+j*131)%persons), graph.Props{"name": "某"}).Ref()
			g.AddRel(schema.Mentions, a, p, graph.Provenance(a.Key, "某某出席会议并讲话，强调要抓好各项工作落实。"))
		}
	}
	dir := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		if _, err := csv.Write(context.Background(), dir, g); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteStreamStopsAtError: an error the nodes or the relationships yield ends the
// write with it, before any file is written.
func TestWriteStreamStopsAtError(t *testing.T) {
	g := exporttest.Graph()
	boom := errors.New("run file cut short")
	dir := filepath.Join(t.TempDir(), "import")
	if _, err := csv.WriteStream(context.Background(), dir, graph.Listed(g.Nodes()), exporttest.RelsFailing(g, 1, boom)); !errors.Is(err, boom) {
		t.Errorf("got %v, want the relationships' error", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder was made: %v", err)
	}
}
