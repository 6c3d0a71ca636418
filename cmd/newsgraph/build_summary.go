package main

import (
	"fmt"
	"io"
	"iter"
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

// summarize says what build made of g, from how many inputs, and where it wrote it.
func summarize(g *graph.Graph, inputs int, w *written) *buildSummary {
	s, _ := summarizeStream(graph.Listed(g.Nodes()), graph.Listed(g.Rels()), inputs, w) // lists yield no error
	return s
}

// summarizeStream is summarize for a graph read in order (graph.Nodes, graph.Rels), as a
// spilled run gives it: one pass over each. It stops at the first error either yields.
func summarizeStream(nodes iter.Seq2[*graph.Node, error], rels iter.Seq2[*graph.Rel, error], inputs int, w *written) (*buildSummary, error) {
	s := &buildSummary{
		Inputs:   inputs,
		Out:      w.Dir,
		Files:    w.Files,
		Replaced: nonNil(w.Replaced),
		Kept:     nonNil(w.Kept),
		formats:  w.formats,
	}
	count := map[string]*int{schema.Article: &s.Articles, schema.Person: &s.Persons, schema.Organization: &s.Organizations,
		schema.Role: &s.Roles, schema.Event: &s.Events, schema.Place: &s.Places}
	names := map[graph.Ref]string{}  // organizations' names
	titles := map[graph.Ref]string{} // roles' titles
	var people []person
	for n, err := range nodes {
		if err != nil {
			return nil, err
		}
		s.Nodes++
		if c := count[n.Label]; c != nil {
			*c++
		}
		switch n.Label {
		case schema.Organization:
			names[n.Ref()], _ = n.Props["name"].(string)
		case schema.Role:
			titles[n.Ref()], _ = n.Props["title"].(string)
		case schema.Person:
			name, _ := n.Props["name"].(string)
			people = append(people, person{Name: name, Key: n.Key})
		}
	}
	// the most connected people, with the roles they hold ("中共上海市委书记"), most first,
	// then by name
	degree := map[graph.Ref]int{}
	holds := map[graph.Ref][]graph.Ref{} // a person's roles, in relationship order
	orgOf := map[graph.Ref]string{}      // a role's organization's name
	for r, err := range rels {
		if err != nil {
			return nil, err
		}
		s.Relationships++
		degree[r.Start]++
		degree[r.End]++
		switch r.Type {
		case schema.Holds:
			if _, ok := titles[r.End]; ok {
				holds[r.Start] = append(holds[r.Start], r.End)
			}
		case schema.Of:
			if name, ok := names[r.End]; ok {
				orgOf[r.Start] = name
			}
		}
	}
	for i := range people {
		ref := graph.Ref{Label: schema.Person, Key: people[i].Key}
		people[i].Relationships = degree[ref]
		roles := []string{}
		for _, role := range holds[ref] {
			roles = append(roles, orgOf[role]+titles[role])
		}
		people[i].Roles = roles
	}
	sort.SliceStable(people, func(i, j int) bool {
		if people[i].Relationships != people[j].Relationships {
			return people[i].Relationships > people[j].Relationships
		}
		return people[i].Name < people[j].Name
	})
	s.TopPeople = people[:min(len(people), topPeople)]
	return s, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
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
