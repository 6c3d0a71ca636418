package graphml_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphml"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestWriteGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := graphml.Write(context.Background(), &buf, exporttest.Graph()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "nasty.graphml")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != string(want) {
		t.Errorf("GraphML differs from %s (run go test -update to accept):\n%s", golden, got)
	}
}

// TestWellFormed decodes the whole file with encoding/xml, which rejects what is not
// well-formed XML.
func TestWellFormed(t *testing.T) {
	var buf bytes.Buffer
	if err := graphml.Write(context.Background(), &buf, exporttest.Graph()); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&buf)
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
}

// TestNetworkx reads the file with networkx, a real GraphML reader, and finds the graph's
// counts, every node's key, label and properties and every edge's type and properties
// unchanged (lists as JSON arrays).
func TestNetworkx(t *testing.T) {
	python := requireNetworkx(t)
	g := exporttest.Graph()
	path := filepath.Join(t.TempDir(), "graph.graphml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := (graphml.Sink{W: f}).Write(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, filepath.Join("testdata", "read_networkx.py"), path).Output()
	if err != nil {
		t.Fatalf("networkx: %v\n%s", err, stderrOf(err))
	}
	var got struct {
		Directed bool
		Nodes    []struct {
			ID    string
			Attrs map[string]any
		}
		Edges []struct {
			Source, Target string
			Attrs          map[string]any
		}
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber() // 42 and 42.0 stay a long and a double
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	nodes, rels := g.Len()
	if !got.Directed || len(got.Nodes) != nodes || len(got.Edges) != rels {
		t.Fatalf("networkx read directed=%v, %d nodes, %d edges; want directed, %d nodes, %d edges",
			got.Directed, len(got.Nodes), len(got.Edges), nodes, rels)
	}
	back := graph.New()
	keyOf := map[string]graph.Ref{}
	for _, n := range got.Nodes {
		label := strings.TrimPrefix(n.Attrs[graphml.AttrLabels].(string), ":")
		key := n.Attrs[schema.KeyProperty].(string)
		props := fromNetworkx(t, n.Attrs, graphml.AttrLabels, graphml.AttrLabel, schema.KeyProperty)
		back.AddNode(label, key, props)
		keyOf[n.ID] = graph.Ref{Label: label, Key: key}
	}
	for _, e := range got.Edges {
		typ := e.Attrs[graphml.AttrLabel].(string)
		props := fromNetworkx(t, e.Attrs, graphml.AttrLabel, "id") // networkx adds the edge's id
		if back.AddRel(typ, keyOf[e.Source], keyOf[e.Target], props) == nil {
			t.Errorf("edge %s -> %s names a node networkx did not read", e.Source, e.Target)
		}
	}
	for i, want := range g.Nodes() {
		if got := back.Nodes()[i]; !reflect.DeepEqual(got, want) {
			t.Errorf("node read by networkx differs:\ngot  %+v\nwant %+v", got, want)
		}
	}
	for i, want := range g.Rels() {
		if got := back.Rels()[i]; !reflect.DeepEqual(got, want) {
			t.Errorf("edge read by networkx differs:\ngot  %+v\nwant %+v", got, want)
		}
	}
	for _, n := range got.Nodes {
		if n.Attrs[graphml.AttrLabel] == "" {
			t.Errorf("node %s has no display label", n.ID)
		}
	}
}

// listProps are the properties the test graph holds as lists, which GraphML carries as
// JSON arrays.
var listProps = map[string]bool{"aliases": true, "sources": true, "evidence": true, "as": true}

// fromNetworkx turns networkx's attribute values back into graph properties.
func fromNetworkx(t *testing.T, attrs map[string]any, skip ...string) graph.Props {
	t.Helper()
	p := graph.Props{}
	for k, v := range attrs {
		switch {
		case slices.Contains(skip, k):
		case listProps[k]:
			var list []string
			if err := json.Unmarshal([]byte(v.(string)), &list); err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			if list == nil {
				list = []string{}
			}
			p[k] = list
		default:
			p[k] = v
			if num, ok := v.(json.Number); ok {
				if i, err := num.Int64(); err == nil {
					p[k] = i
				} else if f, err := num.Float64(); err == nil {
					p[k] = f
				}
			}
		}
	}
	return p
}

// requireNetworkx returns the python3 that imports networkx; it skips without one, or
// fails under CI=true, where the CI script installs it.
func requireNetworkx(t *testing.T) string {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(python, "-c", "import networkx").Run()
	}
	if err != nil {
		msg := "python3 with networkx is needed to read GraphML for real (pip install networkx): " + err.Error()
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return python
}

func stderrOf(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(ee.Stderr)
	}
	return ""
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name  string
		build func(g *graph.Graph)
		want  string
	}{
		{"mixed types", func(g *graph.Graph) {
			g.AddNode(schema.Person, "person:a", graph.Props{"name": "a"})
			g.AddNode(schema.Place, "place:b", graph.Props{"name": int64(1)})
		}, "one type"},
		{"reserved attribute", func(g *graph.Graph) {
			g.AddNode(schema.Person, "person:a", graph.Props{"labels": "x"})
		}, "clashes"},
		{"unsupported type", func(g *graph.Graph) {
			g.AddNode(schema.Person, "person:a", graph.Props{"x": []int{1}})
		}, "unsupported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph.New()
			tt.build(g)
			err := graphml.Write(context.Background(), &bytes.Buffer{}, g)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestWriteCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := graphml.Write(ctx, &bytes.Buffer{}, exporttest.Graph())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Write = %v, want context.Canceled", err)
	}
}

// FuzzWrite writes any string as a name and an alias and reads the file back with
// encoding/xml: the text is unchanged, except characters XML cannot hold, which are
// U+FFFD.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"", "李强", exporttest.Quotes, exporttest.Newlines, exporttest.LineSep, exporttest.Script, "\x00\x1f\ufffe", "a\rb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g := graph.New()
		g.AddNode(schema.Person, "person:x", graph.Props{"name": s, "aliases": []string{s}})
		var buf bytes.Buffer
		if err := graphml.Write(context.Background(), &buf, g); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Keys []struct {
				ID   string `xml:"id,attr"`
				Name string `xml:"attr.name,attr"`
			} `xml:"key"`
			Nodes []struct {
				Data []struct {
					Key  string `xml:"key,attr"`
					Text string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"graph>node"`
		}
		if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, buf.String())
		}
		names := map[string]string{}
		for _, k := range doc.Keys {
			names[k.ID] = k.Name
		}
		got := map[string]string{}
		for _, d := range doc.Nodes[0].Data {
			got[names[d.Key]] = d.Text
		}
		want := []rune(s)
		for i, r := range want {
			if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
				want[i] = '\uFFFD'
			}
		}
		if got["name"] != string(want) {
			t.Errorf("name read back %q, want %q", got["name"], string(want))
		}
		var aliases []string
		if err := json.Unmarshal([]byte(got["aliases"]), &aliases); err != nil || len(aliases) != 1 {
			t.Fatalf("aliases read back %q: %v", got["aliases"], err)
		}
	})
}
