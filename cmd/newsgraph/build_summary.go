package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/schema"
)

// topPeople is how many of the most connected people the summary lists.
const topPeople = 5

// buildSummary is what build reports: on the terminal as text, with --json as JSON.
type buildSummary struct {
	Inputs        int          `json:"inputs"`
	Articles      int          `json:"articles"`
	Persons       int          `json:"persons"`
	Organizations int          `json:"organizations"`
	Roles         int          `json:"roles"`
	Events        int          `json:"events"`
	Places        int          `json:"places"`
	Nodes         int          `json:"nodes"`
	Relationships int          `json:"relationships"`
	TopPeople     []person     `json:"topPeople"`
	Out           string       `json:"out"`
	Files         []string     `json:"files"`
	Replaced      []string     `json:"replaced"`
	Kept          []string     `json:"kept"`
	Neo4j         *loadSummary `json:"neo4j,omitempty"`
	formats       formats      // the outputs written
}

// person is one of the most connected people.
type person struct {
	Name          string   `json:"name"`
	Key           string   `json:"key"`
	Relationships int      `json:"relationships"`
	Roles         []string `json:"roles"`
}

// loadSummary is what loading into Neo4j did.
type loadSummary struct {
	URI                  string `json:"uri"`
	Database             string `json:"database"`
	NodesCreated         int    `json:"nodesCreated"`
	NodesUpdated         int    `json:"nodesUpdated"`
	RelationshipsCreated int    `json:"relationshipsCreated"`
	RelationshipsUpdated int    `json:"relationshipsUpdated"`
	stats                neo4jsink.Stats
}

func summarize(g *graph.Graph, inputs int, w *written) *buildSummary {
	nodes, rels := g.Len()
	s := &buildSummary{
		Inputs:        inputs,
		Articles:      len(g.NodesOf(schema.Article)),
		Persons:       len(g.NodesOf(schema.Person)),
		Organizations: len(g.NodesOf(schema.Organization)),
		Roles:         len(g.NodesOf(schema.Role)),
		Events:        len(g.NodesOf(schema.Event)),
		Places:        len(g.NodesOf(schema.Place)),
		Nodes:         nodes,
		Relationships: rels,
		TopPeople:     mostConnected(g, topPeople),
		Out:           w.Dir,
		Files:         w.Files,
		Replaced:      nonNil(w.Replaced),
		Kept:          nonNil(w.Kept),
		formats:       w.formats,
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// mostConnected returns the n people with the most relationships, with the roles they
// hold ("中共上海市委书记"), most first, then by name.
func mostConnected(g *graph.Graph, n int) []person {
	degree := map[graph.Ref]int{}
	roles := map[graph.Ref][]string{}
	orgOf := map[graph.Ref]string{}
	for _, r := range g.RelsOf(schema.Of) {
		if org := g.Node(r.End); org != nil {
			orgOf[r.Start], _ = org.Props["name"].(string)
		}
	}
	for _, r := range g.Rels() {
		degree[r.Start]++
		degree[r.End]++
		if r.Type == schema.Holds {
			if role := g.Node(r.End); role != nil {
				title, _ := role.Props["title"].(string)
				roles[r.Start] = append(roles[r.Start], orgOf[r.End]+title)
			}
		}
	}
	var out []person
	for _, p := range g.NodesOf(schema.Person) {
		name, _ := p.Props["name"].(string)
		out = append(out, person{Name: name, Key: p.Key, Relationships: degree[p.Ref()], Roles: nonNil(roles[p.Ref()])})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Relationships != out[j].Relationships {
			return out[i].Relationships > out[j].Relationships
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// print writes the summary for a person at a terminal.
func (s *buildSummary) print(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d articles from %d inputs: %d persons, %d organizations, %d roles, %d events, %d places; %d relationships\n",
		s.Articles, s.Inputs, s.Persons, s.Organizations, s.Roles, s.Events, s.Places, s.Relationships)
	if len(s.TopPeople) > 0 {
		fmt.Fprintf(&b, "\nmost connected people:\n")
		wide := 0
		for _, p := range s.TopPeople {
			wide = max(wide, width(p.Name))
		}
		for _, p := range s.TopPeople {
			fmt.Fprintf(&b, "  %s%s %4d  %s\n", p.Name, strings.Repeat(" ", wide-width(p.Name)), p.Relationships, list(p.Roles, 3))
		}
	}
	fmt.Fprintf(&b, "\nwrote %s:\n", s.Out)
	for _, f := range outputFiles {
		if s.formats.has(f.Format) {
			fmt.Fprintf(&b, "  %-15s %-22s %s\n", f.Name, f.What, f.Hint)
		}
	}
	if s.formats.has(csvFormat) {
		fmt.Fprintf(&b, "  %-15s %-22s %s\n", importDir+"/", "CSV for neo4j-admin", "the command is in "+filepath.Join(importDir, "README.md"))
	}
	if s.formats.has("html") {
		fmt.Fprintf(&b, "open %s to see the graph\n", filepath.Join(s.Out, "graph.html"))
	}
	if s.Neo4j != nil {
		fmt.Fprintf(&b, "\nloaded into %s, database %s\n", s.Neo4j.URI, s.Neo4j.Database)
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
		return s.Neo4j.stats.Report(w)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
