package html

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"text/template"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

var (
	//go:embed assets/cytoscape.min.js
	library string
	//go:embed assets/VERSION
	libraryVersion string
	//go:embed assets/page.html
	pageHTML string
	//go:embed assets/page.css
	pageCSS string
	//go:embed assets/page.js
	pageJS string
)

// pageHead and pageTail are the page before and after the graph's data, which Write
// streams between them instead of holding the whole page in memory.
var pageHead, pageTail = func() (*template.Template, *template.Template) {
	head, tail, ok := strings.Cut(pageHTML, "{{.Data}}")
	if !ok || strings.Contains(tail, "{{.Data}}") {
		panic("html: assets/page.html must name {{.Data}} once")
	}
	return template.Must(template.New("head").Parse(head)), template.Must(template.New("tail").Parse(tail))
}()

// LibraryVersion returns the version of cytoscape the page inlines.
func LibraryVersion() string { return strings.TrimSpace(libraryVersion) }

// Style is how the page draws the nodes of one label.
type Style struct {
	Color string `json:"color"`
	Shape string `json:"shape"` // a cytoscape node shape
}

// Styles gives every schema label its colour and shape; a label missing here is grey.
var Styles = map[string]Style{
	schema.Article:      {"#8c959f", "round-rectangle"},
	schema.Person:       {"#e4572e", "ellipse"},
	schema.Organization: {"#2e86ab", "round-hexagon"},
	schema.Role:         {"#f3a712", "round-diamond"},
	schema.Event:        {"#7b2cbf", "star"},
	schema.Place:        {"#3bb273", "round-triangle"},
}

// Sink writes a graph to W as a standalone HTML page.
type Sink struct {
	W     io.Writer
	Title string // the page's title; DefaultTitle when empty
}

// DefaultTitle is the title of a page whose Sink names none.
const DefaultTitle = "newsgraph"

// Write implements graph.Sink.
func (s Sink) Write(ctx context.Context, g *graph.Graph) error {
	return Write(ctx, s.W, g, s.Title)
}

type label struct {
	Name string `json:"name"`
	Style
}

type node struct {
	ID    string      `json:"id"`
	Label string      `json:"label"`
	Key   string      `json:"key"`
	Name  string      `json:"name"`
	Props graph.Props `json:"props"`
}

type edge struct {
	ID     string      `json:"id"`
	Source string      `json:"source"`
	Target string      `json:"target"`
	Type   string      `json:"type"`
	Props  graph.Props `json:"props"`
}

// Write writes g to w as a standalone page titled title. The graph's data is written one
// node or edge at a time, so the page is never held in memory whole (an archive's graph
// makes a page of a gigabyte); it is what json.Marshal gives for
// {"labels": [...], "nodes": [...], "edges": [...]}.
func Write(ctx context.Context, w io.Writer, g *graph.Graph, title string) error {
	if title == "" {
		title = DefaultTitle
	}
	orgOf := map[graph.Ref]string{} // a role's organization, named on its node
	for _, r := range g.RelsOf(schema.Of) {
		if org := g.Node(r.End); org != nil {
			orgOf[r.Start] = displayName(org)
		}
	}
	nodes := g.Nodes()
	labels := []label{}
	seen := map[string]bool{}
	index := make(map[graph.Ref]string, len(nodes))
	for i, n := range nodes {
		if !seen[n.Label] {
			seen[n.Label] = true
			st, ok := Styles[n.Label]
			if !ok {
				st = Style{"#8b949e", "ellipse"}
			}
			labels = append(labels, label{n.Label, st})
		}
		index[n.Ref()] = "n" + strconv.Itoa(i)
	}
	fields := map[string]string{
		"Title":          titleEscaper.Replace(html.EscapeString(title)),
		"CSS":            pageCSS,
		"Library":        library,
		"LibraryVersion": LibraryVersion(),
		"Script":         pageJS,
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := pageHead.Execute(bw, fields); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	// json.Marshal escapes <, >, & and U+2028/U+2029, so the data can neither end the
	// script element nor break the script that parses it.
	put := func(v any) error {
		js, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("html: %w", err)
		}
		_, err = bw.Write(js)
		return err
	}
	bw.WriteString(`{"labels":`)
	if err := put(labels); err != nil {
		return err
	}
	bw.WriteString(`,"nodes":[`)
	for i, n := range nodes {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		props := n.Props
		if props == nil {
			props = graph.Props{}
		}
		if err := put(node{ID: index[n.Ref()], Label: n.Label, Key: n.Key, Name: orgOf[n.Ref()] + displayName(n), Props: props}); err != nil {
			return err
		}
	}
	bw.WriteString(`],"edges":[`)
	for i, r := range g.Rels() {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		props := r.Props
		if props == nil {
			props = graph.Props{}
		}
		if err := put(edge{ID: "e" + strconv.Itoa(i), Source: index[r.Start], Target: index[r.End], Type: r.Type, Props: props}); err != nil {
			return err
		}
	}
	bw.WriteString(`]}`)
	if err := pageTail.Execute(bw, fields); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	return bw.Flush()
}

// titleEscaper writes the line and paragraph separators of a title as references, so the
// page holds neither raw.
var titleEscaper = strings.NewReplacer("\u2028", "&#x2028;", "\u2029", "&#x2029;")

// displayName returns what the page prints on a node: its name, its title or its key. A
// role's title follows the name of its organization (中共上海市委书记), as Chinese writes it.
func displayName(n *graph.Node) string {
	for _, p := range []string{"name", "title"} {
		if s, ok := n.Props[p].(string); ok && s != "" {
			return s
		}
	}
	return n.Key
}
