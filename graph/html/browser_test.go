package html_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/html"
	"github.com/newsgraph/newsgraph/graph/html/htmltest"
	"github.com/newsgraph/newsgraph/internal/exporttest"
)

// TestBrowser opens the page of the nasty graph in headless Chromium: it draws every node
// and edge, loads nothing from the network, runs no injected script, finds nodes by name,
// and a click on a person shows the evidence sentences with their article's title.
func TestBrowser(t *testing.T) {
	g := exporttest.Graph()
	path := filepath.Join(t.TempDir(), "graph.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := html.Write(context.Background(), f, g, title); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	p := htmltest.Open(t, path)
	nodes, rels := g.Len()
	if got := p.DrawnNodes(); got != nodes {
		t.Errorf("the page drew %d nodes, the file holds %d", got, nodes)
	}
	if got := p.DrawnEdges(); got != rels {
		t.Errorf("the page drew %d edges, the file holds %d", got, rels)
	}
	if got := htmltest.Eval[int](p, `document.scripts.length`); got != 3 {
		t.Errorf("the page runs %d scripts, want 3: a value became markup", got)
	}
	if got, want := htmltest.Eval[string](p, `document.title`), `Nasty </title><script>alert("title")</script> & co`; got != want {
		t.Errorf("document.title = %q, want %q", got, want)
	}

	persons := p.Nodes("Person")
	var li *htmltest.Node
	for i := range persons {
		if persons[i].Name == "李强" {
			li = &persons[i]
		}
	}
	if li == nil {
		t.Fatalf("no Person 李强 among %v", persons)
	}
	p.Click(li.X, li.Y)
	details := p.Text("#details")
	for _, want := range []string{"李强", "HOLDS", exporttest.Evidence, "长三角区域生态环境保护协作小组会议召开 </script><script>alert(\"x\")</script>", "person:李强"} {
		if !strings.Contains(details, want) {
			t.Errorf("after clicking 李强 the panel lacks %q; it reads:\n%s", want, details)
		}
	}
	p.Screenshot("person-clicked")

	p.Type("#search", "O'Neil")
	if got := p.Text("#results"); !strings.Contains(got, `O'Neil "\`) {
		t.Errorf("searching O'Neil lists %q", got)
	}
	p.Screenshot("search")

	for _, u := range p.Requests() {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "about:") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s: it must work offline", u)
		}
	}
}

// TestBrowserEmptyGraph opens the page of an empty graph: it loads without a script error
// and draws nothing.
func TestBrowserEmptyGraph(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := html.Write(context.Background(), f, graph.New(), ""); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	p := htmltest.Open(t, path)
	if got := p.DrawnNodes(); got != 0 {
		t.Errorf("the page of an empty graph drew %d nodes", got)
	}
	if got := p.Text("#counts"); got != "0 nodes · 0 relationships" {
		t.Errorf("counts read %q", got)
	}
}
