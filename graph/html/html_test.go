package html_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/html"
	"github.com/newsgraph/newsgraph/graph/jsonl"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const title = `Nasty </title><script>alert("title")</script> & co`

func write(t *testing.T, g *graph.Graph) string {
	t.Helper()
	var buf bytes.Buffer
	if err := (html.Sink{W: &buf, Title: title}).Write(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestWriteGolden compares the page, less the inlined library, with testdata/nasty.html.
func TestWriteGolden(t *testing.T) {
	page := write(t, exporttest.Graph())
	lib, err := os.ReadFile(filepath.Join("assets", "cytoscape.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(page, string(lib)) != 1 {
		t.Fatal("the page does not inline the library exactly once")
	}
	got := strings.Replace(page, string(lib), "/* assets/cytoscape.min.js */\n", 1)
	golden := filepath.Join("testdata", "nasty.html")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("page differs from %s (run go test -update to accept)", golden)
	}
}

// TestScriptsStayClosed checks that no value ends a script element early: the page has
// exactly its three </script> tags and no raw U+2028 or U+2029 in its scripts.
func TestScriptsStayClosed(t *testing.T) {
	page := write(t, exporttest.Graph())
	if got := strings.Count(strings.ToLower(page), "</script"); got != 3 {
		t.Errorf("page has %d </script tags, want 3", got)
	}
	if got := strings.Count(page, "<script"); got != 3 {
		t.Errorf("page has %d <script tags, want 3", got)
	}
	if strings.ContainsAny(page, "\u2028\u2029") {
		t.Error("page holds a raw U+2028 or U+2029")
	}
	if !strings.Contains(page, "<title>Nasty &lt;/title&gt;&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &amp; co</title>") {
		t.Error("the title is not escaped")
	}
}

// TestEmbeddedData reads the JSON embedded in the page back and finds every value of the
// graph unchanged.
func TestEmbeddedData(t *testing.T) {
	g := exporttest.Graph()
	page := write(t, g)
	const open = `<script type="application/json" id="graph-data">`
	i := strings.Index(page, open)
	if i < 0 {
		t.Fatal("no graph-data script")
	}
	rest := page[i+len(open):]
	js := rest[:strings.Index(rest, "</script>")]
	var data struct {
		Nodes []struct {
			ID, Label, Key, Name string
			Props                map[string]any
		}
		Edges []struct {
			ID, Source, Target, Type string
			Props                    map[string]any
		}
	}
	if err := json.Unmarshal([]byte(js), &data); err != nil {
		t.Fatal(err)
	}
	// Rebuild APOC JSON lines from the page's data and read them with jsonl.Read, which
	// turns JSON values back into the graph's property types.
	var lines bytes.Buffer
	enc := json.NewEncoder(&lines)
	byID := map[string]graph.Ref{}
	for _, n := range data.Nodes {
		byID[n.ID] = graph.Ref{Label: n.Label, Key: n.Key}
		props := map[string]any{schema.KeyProperty: n.Key}
		for k, v := range n.Props {
			props[k] = v
		}
		if err := enc.Encode(map[string]any{"type": "node", "id": n.Key, "labels": []string{n.Label}, "properties": props}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range data.Edges {
		s, d := byID[e.Source], byID[e.Target]
		rec := map[string]any{"type": "relationship", "id": e.ID, "label": e.Type, "properties": e.Props,
			"start": map[string]any{"id": s.Key, "labels": []string{s.Label}},
			"end":   map[string]any{"id": d.Key, "labels": []string{d.Label}}}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	back, err := jsonl.Read(&lines)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range g.Nodes() {
		if got := back.Nodes()[i]; !reflect.DeepEqual(got, want) {
			t.Errorf("node in the page differs:\ngot  %+v\nwant %+v", got, want)
		}
	}
	for i, want := range g.Rels() {
		if got := back.Rels()[i]; !reflect.DeepEqual(got, want) {
			t.Errorf("relationship in the page differs:\ngot  %+v\nwant %+v", got, want)
		}
	}
}

// TestAssets checks the inlined library: it cannot close or confuse its script element,
// and its version and licence are there.
func TestAssets(t *testing.T) {
	lib, err := os.ReadFile(filepath.Join("assets", "cytoscape.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"</script", "<!--"} {
		if bytes.Contains(bytes.ToLower(lib), []byte(bad)) {
			t.Errorf("cytoscape.min.js contains %q", bad)
		}
	}
	if v := html.LibraryVersion(); v == "" || !bytes.Contains(lib, []byte(v)) && !strings.Contains(string(lib), "cytoscape") {
		t.Errorf("LibraryVersion() = %q", v)
	}
	license, err := os.ReadFile(filepath.Join("assets", "LICENSE.cytoscape"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(license, []byte("Permission is hereby granted")) {
		t.Error("LICENSE.cytoscape is not the MIT licence")
	}
	for _, name := range []string{"page.js", "page.css"} {
		b, err := os.ReadFile(filepath.Join("assets", name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(b), []byte("</script")) || bytes.Contains(b, []byte("<!--")) {
			t.Errorf("%s contains </script or <!--", name)
		}
		for _, remote := range []string{"http://", "https://", "//cdn", "@import", "url("} {
			if bytes.Contains(b, []byte(remote)) {
				t.Errorf("%s refers to %q: the page must work offline", name, remote)
			}
		}
	}
}

func TestWriteCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := html.Write(ctx, &bytes.Buffer{}, exporttest.Graph(), "")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Write = %v, want context.Canceled", err)
	}
}

// FuzzWrite puts any string in the title and in a node's name: the page keeps its three
// script elements closed where they should be, holds no raw U+2028 or U+2029, and the
// embedded JSON gives the name back.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"", exporttest.Script, exporttest.LineSep, "</SCRIPT >", "<!--<script>", "]]>", "{{.Data}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g := graph.New()
		g.AddNode(schema.Person, "person:x", graph.Props{"name": s})
		var buf bytes.Buffer
		if err := html.Write(context.Background(), &buf, g, s); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		if got := strings.Count(strings.ToLower(page), "</script"); got != 3 {
			t.Fatalf("page has %d </script tags, want 3", got)
		}
		if got := strings.Count(strings.ToLower(page), "<!--"); got != 0 {
			t.Fatalf("page has %d <!-- openers, want 0", got)
		}
		if strings.ContainsAny(page, "\u2028\u2029") {
			t.Fatal("page holds a raw U+2028 or U+2029")
		}
		const open = `<script type="application/json" id="graph-data">`
		rest := page[strings.Index(page, open)+len(open):]
		var data struct {
			Nodes []struct{ Props struct{ Name string } }
		}
		if err := json.Unmarshal([]byte(rest[:strings.Index(rest, "</script>")]), &data); err != nil {
			t.Fatal(err)
		}
		// json.Marshal turns each invalid byte into U+FFFD.
		if got, want := data.Nodes[0].Props.Name, string([]rune(s)); got != want {
			t.Errorf("name read back %q, want %q", got, want)
		}
	})
}
