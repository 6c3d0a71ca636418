package graph

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/newsgraph/newsgraph/schema"
)

// randomArticle builds a small graph the way an article's is built, with props that are
// sometimes in Merge's form and sometimes not (unsorted sets, nil lists, empty dates,
// repeated sources, too many sentences).
func randomArticle(r *rand.Rand, i int) *Graph {
	g := New()
	art := g.AddNode("Article", fmt.Sprintf("article:%d", i), Props{"title": "t"}).Ref()
	pick := func(n int) string { return fmt.Sprint(r.IntN(n)) }
	list := func() any {
		switch r.IntN(4) {
		case 0:
			return []string(nil)
		case 1:
			return []string{"b", "a"}
		default:
			return []string{"a", pick(3)}
		}
	}
	prov := func() Props {
		p := Provenance(fmt.Sprintf("article:%d", r.IntN(i+1)), "句"+pick(4))
		switch r.IntN(5) {
		case 0:
			p["sources"] = []string{"article:1", "article:1"}
		case 1:
			p["evidence"] = []string{"1", "2", "3", "4", "5", "6"}
		case 2:
			p["firstSeen"], p["lastSeen"] = "", "2020-01-0"+pick(9)
		case 3:
			p["status"] = "former"
		}
		return p
	}
	var refs []Ref
	for range 1 + r.IntN(4) {
		n := g.AddNode("Person", "person:"+pick(6), Props{"name": pick(6), "aliases": list()})
		if r.IntN(3) == 0 {
			n.Props["aliases"] = list() // set by hand, not through AddNode
		}
		refs = append(refs, n.Ref())
		rel := g.AddRel("MENTIONS", art, n.Ref(), prov())
		if r.IntN(3) == 0 {
			for k, v := range prov() {
				rel.Props[k] = v
			}
		}
	}
	if len(refs) > 1 {
		g.AddRel("MET", refs[0], refs[1], Props{"as": list(), "sources": []string{}})
	}
	return g
}

func TestAbsorbEqualsMerge(t *testing.T) {
	for seed := range uint64(200) {
		r1, r2 := rand.New(rand.NewPCG(seed, 1)), rand.New(rand.NewPCG(seed, 1))
		merged, absorbed := New(), New()
		for i := range 12 {
			merged.Merge(randomArticle(r1, i))
			absorbed.Absorb(randomArticle(r2, i))
		}
		if got, want := dump(absorbed), dump(merged); got != want {
			t.Fatalf("seed %d: Absorb gives\n%s\nMerge gives\n%s", seed, got, want)
		}
	}
}

func dump(g *Graph) string {
	s := ""
	for _, n := range g.Nodes() {
		s += fmt.Sprintf("%s %s %#v\n", n.Label, n.Key, n.Props)
	}
	for _, r := range g.Rels() {
		s += fmt.Sprintf("%s %#v\n", r.ID(), r.Props)
	}
	return s
}

func TestSettled(t *testing.T) {
	tests := []struct {
		p    Props
		want bool
	}{
		{nil, false},
		{Props{}, true},
		{Provenance("article:1", "句"), true},
		{Props{"sources": []string{"a", "a"}, "evidence": []string{"x"}}, false},
		{Props{"sources": []string{"a"}, "evidence": []string{"x", "y"}}, false},
		{Props{"sources": []string{}}, false},
		{Props{"aliases": []string{"b", "a"}}, false},
		{Props{"aliases": []string(nil)}, false},
		{Props{"aliases": []string{"a", "b"}, "firstSeen": "2020-01-01"}, true},
		{Props{"firstSeen": ""}, false},
	}
	for _, tt := range tests {
		if got := settled(tt.p); got != tt.want {
			t.Errorf("settled(%#v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	// and it says the truth: mergeProps into an empty map gives back what it was told
	// is settled
	for _, tt := range tests {
		if !tt.want {
			continue
		}
		out := Props{}
		mergeProps(out, tt.p, nil)
		if !reflect.DeepEqual(out, tt.p) {
			t.Errorf("settled %#v, but merged it is %#v", tt.p, out)
		}
	}
}

// TestOwnedEqualsCopied: nodes and relationships that take the maps given them
// (AddNodeOwned, AddRelShared), some not yet in merged form, give what copying gives.
func TestOwnedEqualsCopied(t *testing.T) {
	props := func(r *rand.Rand) Props {
		p := Provenance(fmt.Sprint("article:", r.IntN(3)), "句")
		switch r.IntN(4) {
		case 0:
			p["as"] = []string{"host", "attendee"} // not a set yet
		case 1:
			p["firstSeen"] = ""
		case 2:
			p["as"] = []string{"attendee", "host"}
		}
		return p
	}
	for seed := range uint64(100) {
		r1, r2 := rand.New(rand.NewPCG(seed, 2)), rand.New(rand.NewPCG(seed, 2))
		copied, owned := New(), New()
		for range 30 {
			a, b := fmt.Sprint("person:", r1.IntN(4)), fmt.Sprint("person:", r1.IntN(4))
			r2.IntN(4)
			r2.IntN(4)
			pa, pb := props(r1), props(r2)
			copied.AddNode("Person", a, Props{"name": a})
			copied.AddNode("Person", b, Props{"name": b})
			copied.AddRel("KNOWS", Ref{"Person", a}, Ref{"Person", b}, pa)
			owned.AddNodeOwned("Person", a, Props{"name": a})
			owned.AddNodeOwned("Person", b, Props{"name": b})
			owned.AddRelShared("KNOWS", Ref{"Person", a}, Ref{"Person", b}, pb)
		}
		if got, want := dump(owned), dump(copied); got != want {
			t.Fatalf("seed %d: owned\n%s\ncopied\n%s", seed, got, want)
		}
	}
	g := New()
	if g.AddRelShared("KNOWS", Ref{"Person", "person:a"}, Ref{"Person", "person:b"}, Props{}) != nil {
		t.Error("a relationship between nodes not in the graph was added")
	}
}

// TestSharedEqualsCopied: relationships sharing props maps (AddRelShared), merged into
// again and absorbed into another graph article by article, give what copying every
// map gives, and a merge into one never shows in another that shared its map.
func TestSharedEqualsCopied(t *testing.T) {
	for seed := range uint64(100) {
		r := rand.New(rand.NewPCG(seed, 3))
		copied, shared := New(), New()
		for art := range 6 {
			ag := New()
			maps := []Props{Provenance(fmt.Sprint("article:", art), "句一"), Provenance(fmt.Sprint("article:", art), "句二")}
			maps[1]["as"] = []string{"host"}
			for step := range 8 {
				a, b := fmt.Sprint("person:", r.IntN(4)), fmt.Sprint("event:", r.IntN(3))
				p := maps[r.IntN(2)]
				for _, g := range []*Graph{copied, ag} {
					g.AddNode("Person", a, Props{"name": a})
					g.AddNode("Event", b, Props{"name": b})
				}
				copied.AddRel("PARTICIPATED_IN", Ref{"Person", a}, Ref{"Event", b}, p)
				if r.IntN(2) == 0 {
					ag.AddRelShared("PARTICIPATED_IN", Ref{"Person", a}, Ref{"Event", b}, p)
				} else {
					ag.AddRel("PARTICIPATED_IN", Ref{"Person", a}, Ref{"Event", b}, p)
				}
				if step == 4 || step == 7 {
					ag.ShareEqualProps() // and later steps merge into what it shared
				}
			}
			shared.Absorb(ag)
			if got, want := dump(shared), dump(copied); got != want {
				t.Fatalf("seed %d, article %d: shared\n%s\ncopied\n%s", seed, art, got, want)
			}
			for i, m := range maps {
				if src := m["sources"].([]string); len(src) != 1 {
					t.Fatalf("seed %d: shared map %d changed by a merge: %v", seed, i, m)
				}
			}
		}
	}
}

// TestShareEqualProps: relationships with equal props end with one map between them,
// marked shared, so that a merge into one leaves the other as it was.
func TestShareEqualProps(t *testing.T) {
	tests := []struct {
		name  string
		props [2]Props
		share bool
	}{
		{"equal provenance", [2]Props{Provenance("article:a", "句一"), Provenance("article:a", "句一")}, true},
		{"equal, keys in any order", [2]Props{{"status": "current", "sources": []string{"a"}}, {"sources": []string{"a"}, "status": "current"}}, true},
		{"other sentence", [2]Props{Provenance("article:a", "句一"), Provenance("article:a", "句二")}, false},
		{"a list against no list", [2]Props{{"as": []string{}}, {"as": []string(nil)}}, false},
		{"a key more", [2]Props{{"status": "current"}, {"status": "current", "firstSeen": "2021-05-28"}}, false},
		{"a string against a list", [2]Props{{"as": "host"}, {"as": []string{"host"}}}, false},
		{"a value the graph does not keep", [2]Props{{"n": []int{1}}, {"n": []int{1}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New()
			g.AddNode("Person", "person:甲", nil)
			ends := []Ref{{"Event", "event:a"}, {"Event", "event:b"}}
			var rels [2]*Rel
			for i, e := range ends {
				g.AddNode(e.Label, e.Key, nil)
				rels[i] = g.AddRel("PARTICIPATED_IN", Ref{"Person", "person:甲"}, e, tt.props[i])
				rels[i].Props = tt.props[i] // as given, nil list and all
			}
			dropped := g.ShareEqualProps()
			if got := sameMap(rels[0].Props, rels[1].Props); got != tt.share || dropped != map[bool]int{true: 1}[tt.share] {
				t.Fatalf("one map = %v, dropped %d; want %v", got, dropped, tt.share)
			}
			if again := g.ShareEqualProps(); again != 0 {
				t.Errorf("a second pass dropped %d maps", again)
			}
			before := dumpProps(rels[1].Props)
			g.AddRel("PARTICIPATED_IN", Ref{"Person", "person:甲"}, ends[0], Props{"sources": []string{"article:z"}, "status": "former"})
			if after := dumpProps(rels[1].Props); after != before {
				t.Errorf("a merge into one changed the other: %s, was %s", after, before)
			}
		})
	}
}

func dumpProps(p Props) string {
	keys := slices.Sorted(maps.Keys(p))
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%#v;", k, p[k])
	}
	return b.String()
}

// TestSortRelsInParts sorts a slice large enough to be sorted in parts on every core
// and wants the order of one sort over all of it.
func TestSortRelsInParts(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	types := []string{"MENTIONS", "HOLDS", "OF", "KNOWS"}
	var rels []*Rel
	for i := range 1<<16 + 12345 {
		rels = append(rels, &Rel{
			Type:  types[r.IntN(len(types))],
			Start: Ref{"Person", fmt.Sprint("person:", r.IntN(5000))},
			End:   Ref{"Role", fmt.Sprint("role:", i)},
		})
	}
	want := slices.Clone(rels)
	slices.SortFunc(want, func(a, b *Rel) int {
		return compareRanked(rankedRel{schema.TypeRank(a.Type), a}, rankedRel{schema.TypeRank(b.Type), b})
	})
	for _, procs := range []int{2, 3, 4} {
		got := slices.Clone(rels)
		old := runtime.GOMAXPROCS(procs)
		SortRels(got)
		runtime.GOMAXPROCS(old)
		if !slices.Equal(got, want) {
			t.Errorf("GOMAXPROCS %d: the parts merged are not in order", procs)
		}
	}
}

func TestRemoveNodesTouchedEqualsRemoveNodes(t *testing.T) {
	for seed := range uint64(50) {
		r := rand.New(rand.NewPCG(seed, 3))
		build := func() *Graph { return randomArticle(rand.New(rand.NewPCG(seed, 4)), 5) }
		a, b := build(), build()
		var refs []Ref
		for _, n := range a.NodesOf("Person") {
			if r.IntN(2) == 0 {
				refs = append(refs, n.Ref())
			}
		}
		touching := map[Ref][]*Rel{}
		for _, rel := range b.Rels() {
			touching[rel.Start] = append(touching[rel.Start], rel)
			touching[rel.End] = append(touching[rel.End], rel)
		}
		a.RemoveNodes(refs)
		b.RemoveNodesTouched(refs, func(ref Ref) []*Rel { return touching[ref] })
		if got, want := dump(b), dump(a); got != want {
			t.Fatalf("seed %d: RemoveNodesTouched leaves\n%s\nRemoveNodes\n%s", seed, got, want)
		}
	}
}

// A relationship the graph keeps names its ends with the nodes' own key strings, however
// it came in: an article's copies of the keys are not kept alive by the merged graph.
func TestRelsKeepNodesKeys(t *testing.T) {
	// keys built at run time, so that equal keys are distinct strings
	key := func(s string) string { return strings.Clone("person:" + s) }
	sameString := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	g := New()
	a, b := g.AddNode("Person", key("a"), Props{"name": "a"}), g.AddNode("Person", key("b"), Props{"name": "b"})
	prov := Props{"sources": []string{"article:1"}}
	cases := map[string]func(start, end Ref) *Rel{
		"AddRel":       func(s, e Ref) *Rel { return g.AddRel("KNOWS", s, e, prov) },
		"AddRelShared": func(s, e Ref) *Rel { return g.AddRelShared("MET", s, e, prov) },
		"Absorb": func(s, e Ref) *Rel {
			o := New()
			o.AddNode("Person", s.Key, Props{"name": "a"})
			o.AddNode("Person", e.Key, Props{"name": "b"})
			o.AddRelShared("SAW", s, e, prov)
			g.Absorb(o)
			return g.Rel("SAW", s, e)
		},
	}
	for name, add := range cases {
		r := add(Ref{"Person", key("a")}, Ref{"Person", key("b")})
		if r == nil {
			t.Fatalf("%s: no relationship", name)
		}
		if !sameString(r.Start.Key, a.Key) || !sameString(r.End.Key, b.Key) {
			t.Errorf("%s: the relationship keeps its own copies of its ends' keys", name)
		}
	}
}
