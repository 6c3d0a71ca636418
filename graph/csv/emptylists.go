package csv

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph/cypher"
)

// emptyLists returns the Cypher statements that give back the empty lists an import loses:
// neo4j-admin reads an empty string[] field as no value, and no field spells an empty
// array. Where every element of a label or type that lacks the property had it empty, one
// statement per property sets it on all of them; otherwise the statement names them (in
// the graph's order).
func (sc *scan) emptyLists() []string {
	var out []string
	for _, label := range sortedKeys(sc.nodes) {
		k := sc.nodes[label]
		for _, prop := range sortedKeys(k.emptyAt) {
			p := cypher.Name(prop)
			if k.has[prop] == k.count {
				out = append(out, "MATCH (n:"+label+") WHERE n."+p+" IS NULL SET n."+p+" = []")
				continue
			}
			out = append(out, "MATCH (n:"+label+") WHERE n.key IN ["+strings.Join(k.emptyAt[prop], ", ")+"] SET n."+p+" = []")
		}
	}
	for _, typ := range sortedKeys(sc.rels) {
		k := sc.rels[typ]
		for _, prop := range sortedKeys(k.emptyAt) {
			p := cypher.Name(prop)
			if k.has[prop] == k.count {
				out = append(out, "MATCH ()-[r:"+typ+"]->() WHERE r."+p+" IS NULL SET r."+p+" = []")
				continue
			}
			for _, at := range k.emptyAt[prop] {
				out = append(out, at+" SET r."+p+" = []")
			}
		}
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
