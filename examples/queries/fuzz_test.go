package queries

import (
	"strings"
	"testing"
)

// FuzzParse: any text either parses into a query with a question and distinct
// parameters that Bind accepts with their defaults, or gives an error; never a panic.
func FuzzParse(f *testing.F) {
	all, err := All()
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range all {
		f.Add(q.Cypher)
	}
	f.Add("// Q?\n// param n:int = x\n")
	f.Add("//\n//param =\n// param a = 1\n// param a = 2\n")
	f.Fuzz(func(t *testing.T, text string) {
		q, err := Parse("fuzz", text)
		if err != nil {
			return
		}
		if q.Question == "" {
			t.Errorf("parsed with an empty question: %q", text)
		}
		seen := map[string]bool{}
		for _, p := range q.Params {
			if seen[p.Name] || p.Name == "" || strings.ContainsAny(p.Name, " =") {
				t.Errorf("bad parameter %+v from %q", p, text)
			}
			seen[p.Name] = true
		}
		if _, err := q.Bind(nil); err != nil {
			t.Errorf("defaults do not bind: %v", err)
		}
	})
}
