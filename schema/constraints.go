package schema

import "strings"

// Statement is one schema statement with the name Neo4j knows it by.
type Statement struct {
	Name   string
	Cypher string
}

// Constraints returns the uniqueness constraints on key, one per label; Neo4j backs each
// with an index, so MERGE on key does not scan.
func Constraints() []Statement {
	out := make([]Statement, 0, len(Labels))
	for _, l := range Labels {
		name := strings.ToLower(l) + "_key"
		out = append(out, Statement{
			Name:   name,
			Cypher: "CREATE CONSTRAINT " + name + " IF NOT EXISTS FOR (n:" + l + ") REQUIRE n." + KeyProperty + " IS UNIQUE",
		})
	}
	return out
}

// Indexes returns the secondary indexes that the example queries use.
func Indexes() []Statement {
	idx := []struct{ label, prop string }{
		{Person, "name"},
		{Organization, "name"},
		{Role, "title"},
		{Event, "date"},
		{Event, "name"},
		{Article, "date"},
	}
	out := make([]Statement, 0, len(idx))
	for _, i := range idx {
		name := strings.ToLower(i.label) + "_" + i.prop
		out = append(out, Statement{
			Name:   name,
			Cypher: "CREATE INDEX " + name + " IF NOT EXISTS FOR (n:" + i.label + ") ON (n." + i.prop + ")",
		})
	}
	return out
}

// All returns constraints then indexes.
func All() []Statement { return append(Constraints(), Indexes()...) }
