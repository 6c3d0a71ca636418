package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/html/htmltest"
	"github.com/newsgraph/newsgraph/schema"
)

// TestBuildPageInBrowser opens the graph.html that build writes for the seed page in
// headless Chromium: it draws as many nodes as graph.jsonl holds, loads nothing from the
// network, and clicking the most connected person shows one of that person's evidence
// sentences with its article's title. Screenshots of the page go to the test log's paths.
func TestBuildPageInBrowser(t *testing.T) {
	htmltest.Chromium(t) // skip before the work when there is no browser
	dir := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := buildRun(t, "--date", "2021-05-28", "--quiet", "--out", dir, seedPage(t))
	if code != 0 {
		t.Fatalf("build exited %d\n%s%s", code, stdout, stderr)
	}
	g := readBuilt(t, dir)
	nodes, rels := g.Len()

	p := htmltest.Open(t, filepath.Join(dir, "graph.html"))
	if got := p.DrawnNodes(); got != nodes {
		t.Errorf("the page drew %d nodes, graph.jsonl holds %d", got, nodes)
	}
	if got := p.DrawnEdges(); got != rels {
		t.Errorf("the page drew %d edges, graph.jsonl holds %d", got, rels)
	}
	p.Screenshot("seed")

	persons := p.Nodes(schema.Person)
	if len(persons) == 0 {
		t.Fatal("the page has no Person")
	}
	top := persons[0]
	p.Click(top.X, top.Y)
	details := p.Text("#details")
	if !strings.Contains(details, top.Name) {
		t.Fatalf("after clicking %s the panel reads:\n%s", top.Name, details)
	}
	sentence, title := evidenceOf(g, graph.Ref{Label: schema.Person, Key: top.Key})
	if sentence == "" {
		t.Fatalf("%s has no evidence in graph.jsonl", top.Name)
	}
	for _, want := range []string{sentence, title} {
		if !strings.Contains(details, want) {
			t.Errorf("after clicking %s the panel lacks %q; it reads:\n%s", top.Name, want, details)
		}
	}
	p.Screenshot("seed-person")

	for _, u := range p.Requests() {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "about:") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s: it must work offline", u)
		}
	}
}

// evidenceOf returns the first evidence sentence of a relationship of ref and the title
// of the article it was read from.
func evidenceOf(g *graph.Graph, ref graph.Ref) (sentence, title string) {
	for _, r := range g.Rels() {
		if r.Start != ref && r.End != ref {
			continue
		}
		ev, _ := r.Props["evidence"].([]string)
		src, _ := r.Props["sources"].([]string)
		if len(ev) == 0 || len(src) == 0 {
			continue
		}
		if art := g.Node(graph.Ref{Label: schema.Article, Key: src[0]}); art != nil {
			title, _ = art.Props["title"].(string)
		}
		return ev[0], title
	}
	return "", ""
}
