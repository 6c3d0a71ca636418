package neo4jsink

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/schema"
)

// Counts is what happened to the rows of one label or relationship type.
type Counts struct {
	Rows    int // rows sent
	Created int // from the result summaries
	Updated int // existed and had a property changed
	Missing int // relationships whose start or end node was not in the database
}

// Unchanged returns the rows that existed and were left as they were.
func (c Counts) Unchanged() int { return c.Rows - c.Created - c.Updated - c.Missing }

func (c *Counts) add(o Counts) {
	c.Rows += o.Rows
	c.Created += o.Created
	c.Updated += o.Updated
	c.Missing += o.Missing
}

// Stats is what a Sink did, summed over its writes.
type Stats struct {
	DryRun           bool
	Nodes            map[string]Counts // by label
	Rels             map[string]Counts // by relationship type
	PropertiesSet    int
	Statements       int // write statements sent (or, in a dry run, that would be)
	ConstraintsAdded int
	IndexesAdded     int
}

func (s *Stats) addNode(label string, c Counts) {
	if s.Nodes == nil {
		s.Nodes = map[string]Counts{}
	}
	n := s.Nodes[label]
	n.add(c)
	s.Nodes[label] = n
}

func (s *Stats) addRel(typ string, c Counts) {
	if s.Rels == nil {
		s.Rels = map[string]Counts{}
	}
	r := s.Rels[typ]
	r.add(c)
	s.Rels[typ] = r
}

// NodeTotal sums the node counts over labels.
func (s Stats) NodeTotal() Counts { return total(s.Nodes) }

// RelTotal sums the relationship counts over types.
func (s Stats) RelTotal() Counts { return total(s.Rels) }

func total(m map[string]Counts) Counts {
	var t Counts
	for _, c := range m {
		t.add(c)
	}
	return t
}

// Report writes a short account of s: articles, nodes and relationships created,
// updated and unchanged, then one line per label and type.
func (s Stats) Report(w io.Writer) error {
	var b strings.Builder
	nodes, rels := s.NodeTotal(), s.RelTotal()
	articles := s.Nodes[schema.Article]
	if s.DryRun {
		fmt.Fprintf(&b, "dry run: nothing was sent to Neo4j\n")
		fmt.Fprintf(&b, "would write %d articles, %d nodes and %d relationships in %d statements\n",
			articles.Rows, nodes.Rows, rels.Rows, s.Statements)
	} else {
		fmt.Fprintf(&b, "articles:      %d (%d new)\n", articles.Rows, articles.Created)
		fmt.Fprintf(&b, "nodes:         %d created, %d updated, %d unchanged\n", nodes.Created, nodes.Updated, nodes.Unchanged())
		fmt.Fprintf(&b, "relationships: %d created, %d updated, %d unchanged", rels.Created, rels.Updated, rels.Unchanged())
		if rels.Missing > 0 {
			fmt.Fprintf(&b, ", %d skipped (an end node is missing)", rels.Missing)
		}
		fmt.Fprintf(&b, "\nproperties set: %d, in %d statements\n", s.PropertiesSet, s.Statements)
	}
	line := func(name string, c Counts) {
		if s.DryRun {
			fmt.Fprintf(&b, "  %-16s %7d rows\n", name, c.Rows)
			return
		}
		fmt.Fprintf(&b, "  %-16s %7d rows  %7d created  %7d updated\n", name, c.Rows, c.Created, c.Updated)
	}
	for _, l := range sortedKeys(s.Nodes, schema.LabelRank) {
		line(l, s.Nodes[l])
	}
	for _, t := range sortedKeys(s.Rels, schema.TypeRank) {
		line(t, s.Rels[t])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func sortedKeys(m map[string]Counts, rank func(string) int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := rank(out[i]), rank(out[j]); ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}
