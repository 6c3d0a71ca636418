package csv

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/cypher"
)

// emptyLists returns the Cypher statements that give back the empty lists an import loses:
// neo4j-admin reads an empty string[] field as no value, and no field spells an empty
// array. Where every element of a label or type that lacks the property had it empty, one
// statement per property sets it on all of them; otherwise the statement names them.
// nodes and rels are the graph's by label and by type, each in the graph's order.
func emptyLists(nodes map[string][]*graph.Node, rels map[string][]*graph.Rel) []string {
	var out []string
	for _, label := range sortedKeys(nodes) {
		props := make([]graph.Props, len(nodes[label]))
		for i, n := range nodes[label] {
			props[i] = n.Props
		}
		for _, e := range findEmpty(props) {
			prop := cypher.Name(e.prop)
			if e.all {
				out = append(out, "MATCH (n:"+label+") WHERE n."+prop+" IS NULL SET n."+prop+" = []")
				continue
			}
			keys := make([]string, len(e.at))
			for i, at := range e.at {
				keys[i] = cypher.Quote(nodes[label][at].Key)
			}
			out = append(out, "MATCH (n:"+label+") WHERE n.key IN ["+strings.Join(keys, ", ")+"] SET n."+prop+" = []")
		}
	}
	for _, typ := range sortedKeys(rels) {
		props := make([]graph.Props, len(rels[typ]))
		for i, r := range rels[typ] {
			props[i] = r.Props
		}
		for _, e := range findEmpty(props) {
			prop := cypher.Name(e.prop)
			if e.all {
				out = append(out, "MATCH ()-[r:"+typ+"]->() WHERE r."+prop+" IS NULL SET r."+prop+" = []")
				continue
			}
			for _, at := range e.at {
				r := rels[typ][at]
				out = append(out, "MATCH (:"+r.Start.Label+" {key: "+cypher.Quote(r.Start.Key)+"})-[r:"+typ+"]->(:"+
					r.End.Label+" {key: "+cypher.Quote(r.End.Key)+"}) SET r."+prop+" = []")
			}
		}
	}
	return out
}

// empty names a list property that some elements hold empty: at lists them, and all says
// that every element lacking a value in the import is one of them.
type empty struct {
	prop string
	at   []int
	all  bool
}

func findEmpty(props []graph.Props) []empty {
	emptyAt := map[string][]int{}
	for i, p := range props {
		for k, v := range p {
			if list, ok := v.([]string); ok && len(list) == 0 {
				emptyAt[k] = append(emptyAt[k], i)
			}
		}
	}
	var out []empty
	for _, k := range sortedKeys(emptyAt) {
		all := true
		for _, p := range props {
			if _, ok := p[k]; !ok {
				all = false
				break
			}
		}
		out = append(out, empty{prop: k, at: emptyAt[k], all: all})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
