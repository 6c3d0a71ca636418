package graph

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"unsafe"
)

func TestMergeProps(t *testing.T) {
	tests := []struct {
		name     string
		dst, src Props
		want     Props
	}{
		{
			name: "lists are sorted sets",
			dst:  Props{"aliases": []string{"市委"}},
			src:  Props{"aliases": []string{"上海市委", "市委"}},
			want: Props{"aliases": []string{"上海市委", "市委"}},
		},
		{
			name: "first and last seen widen",
			dst:  Props{"firstSeen": "2021-05-28", "lastSeen": "2021-05-28", "status": "current"},
			src:  Props{"firstSeen": "2020-01-02", "lastSeen": "2022-03-04", "status": "former"},
			want: Props{"firstSeen": "2020-01-02", "lastSeen": "2022-03-04", "status": "former"},
		},
		{
			name: "an older sighting keeps the newer status",
			dst:  Props{"lastSeen": "2022-03-04", "status": "current"},
			src:  Props{"lastSeen": "2020-01-02", "status": "former"},
			want: Props{"lastSeen": "2022-03-04", "status": "current"},
		},
		{
			name: "scalars keep the first value",
			dst:  Props{"name": "李强"},
			src:  Props{"name": "别的", "kind": "party"},
			want: Props{"name": "李强", "kind": "party"},
		},
		{
			name: "an empty set is an empty list, nil or not",
			dst:  Props{},
			src:  Props{"aliases": []string(nil), "as": []string{}},
			want: Props{"aliases": []string{}, "as": []string{}},
		},
		{
			name: "sources and evidence stay parallel",
			dst:  Provenance("article:a", "甲。"),
			src:  Props{"sources": []string{"article:a", "article:b"}, "evidence": []string{"甲又。", "乙。"}},
			want: Props{"sources": []string{"article:a", "article:b"}, "evidence": []string{"甲。", "乙。"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Props{}
			mergeProps(got, tt.dst, nil)
			mergeProps(got, tt.src, nil)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMergeChanges(t *testing.T) {
	full := Props{"sources": []string{"a", "b", "c", "d", "e"}, "evidence": []string{"1", "2", "3", "4", "5"}}
	tests := []struct {
		name     string
		dst, src Props
		want     bool
	}{
		{"nothing to merge", Props{"name": "甲"}, nil, false},
		{"into nothing", nil, Props{"name": "甲"}, true},
		{"nothing into nothing", nil, Props{}, false},
		{"the same", Props{"name": "甲", "aliases": []string{"x", "y"}}, Props{"name": "甲", "aliases": []string{"y"}}, false},
		{"another first value is not kept", Props{"name": "甲"}, Props{"name": "乙"}, false},
		{"a new key", Props{"name": "甲"}, Props{"kind": "party"}, true},
		{"a set grows", Props{"aliases": []string{"x"}}, Props{"aliases": []string{"y"}}, true},
		{"an empty set is written as one", Props{}, Props{"aliases": []string(nil)}, true},
		{"a source listed", Provenance("a", "1"), Provenance("a", "another"), false},
		{"a new source", Provenance("a", "1"), Provenance("b", "2"), true},
		{"a new source past the evidence cap", full, Provenance("f", "6"), true},
		{"an earlier first sighting", Props{"firstSeen": "2021-01-02"}, Props{"firstSeen": "2020-01-02"}, true},
		{"a later first sighting", Props{"firstSeen": "2021-01-02"}, Props{"firstSeen": "2022-01-02"}, false},
		{"a later status", Props{"lastSeen": "2021", "status": "current"}, Props{"lastSeen": "2022", "status": "former"}, true},
		{"an older status", Props{"lastSeen": "2021", "status": "current"}, Props{"lastSeen": "2020", "status": "former"}, false},
		{"a value the graph does not compare", Props{"n": 1}, Props{"n": 1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fmt.Sprint(tt.dst)
			if got := MergeChanges(tt.dst, tt.src); got != tt.want {
				t.Errorf("MergeChanges(%v, %v) = %v, want %v", tt.dst, tt.src, got, tt.want)
			}
			if after := fmt.Sprint(tt.dst); after != before {
				t.Errorf("dst changed: %s, was %s", after, before)
			}
		})
	}
}

func TestEvidenceIsCapped(t *testing.T) {
	g := New()
	a := g.AddNode("Person", "person:甲", nil).Ref()
	b := g.AddNode("Event", "event:x", nil).Ref()
	for i := 0; i < 8; i++ {
		g.AddRel("PARTICIPATED_IN", a, b, Provenance(fmt.Sprintf("article:%d", i), fmt.Sprintf("句%d。", i)))
	}
	r := g.Rel("PARTICIPATED_IN", a, b)
	sources, evidence := r.Props["sources"].([]string), r.Props["evidence"].([]string)
	if got, want := len(sources), 8; got != want {
		t.Errorf("sources: got %d, want %d", got, want)
	}
	if got, want := len(evidence), MaxEvidence; got != want {
		t.Errorf("evidence: got %d, want %d", got, want)
	}
	for i, e := range evidence {
		if want := fmt.Sprintf("句%d。", i); e != want {
			t.Errorf("evidence[%d] = %q, want %q (the sentence of sources[%d])", i, e, want, i)
		}
	}
}

func TestOrderAndMerge(t *testing.T) {
	g := New()
	p := g.AddNode("Person", "person:乙", Props{"name": "乙"}).Ref()
	g.AddNode("Organization", "org:丙", Props{"name": "丙"})
	art := g.AddNode("Article", "article:1", Props{"title": "t"}).Ref()
	g.AddRel("MENTIONS", art, p, Provenance("article:1", "乙。"))
	if g.AddRel("HOLDS", p, Ref{"Role", "role:missing"}, nil) != nil {
		t.Error("a relationship to a node not in the graph was added")
	}
	var labels []string
	for _, n := range g.Nodes() {
		labels = append(labels, n.Label)
	}
	if got, want := labels, []string{"Article", "Person", "Organization"}; !reflect.DeepEqual(got, want) {
		t.Errorf("node order: got %v, want %v", got, want)
	}
	h := New()
	h.Merge(g)
	h.Merge(g)
	if n, r := h.Len(); n != 3 || r != 1 {
		t.Errorf("merging twice: got %d nodes %d relationships, want 3 and 1", n, r)
	}
	h.RemoveNode(p)
	if n, r := h.Len(); n != 2 || r != 0 {
		t.Errorf("after RemoveNode: got %d nodes %d relationships, want 2 and 0", n, r)
	}

}

func TestEachVisitsEverythingOnce(t *testing.T) {
	g := New()
	a := g.AddNode("Person", "person:甲", nil).Ref()
	b := g.AddNode("Person", "person:乙", nil).Ref()
	o := g.AddNode("Organization", "org:某局", nil).Ref()
	g.AddRel("MEMBER_OF", a, o, nil)
	g.AddRel("MEMBER_OF", b, o, nil)
	g.AddRel("MEMBER_OF", b, o, nil)
	nodes, rels := map[string]int{}, map[string]int{}
	g.Each(func(n *Node) { nodes[n.Key]++ }, func(r *Rel) { rels[r.ID()]++ })
	if len(nodes) != 3 || len(rels) != 2 {
		t.Fatalf("Each saw %d nodes and %d relationships, want 3 and 2", len(nodes), len(rels))
	}
	for k, n := range nodes {
		if n != 1 {
			t.Errorf("node %s seen %d times", k, n)
		}
	}
	for k, n := range rels {
		if n != 1 {
			t.Errorf("relationship %s seen %d times", k, n)
		}
	}
	g.Each(nil, nil) // either callback may be nil
}

// TestLongListsGrowApart: a long sources list the graph grew is grown in place by the
// props that grew it last, and copied by any other props sharing it, so neither sees the
// other's sources; a source listed already, in either, is not listed again.
func TestLongListsGrowApart(t *testing.T) {
	for _, size := range []int{2 * longList, veryLong + 10} {
		t.Run(strconv.Itoa(size), func(t *testing.T) {
			gr := growth{}
			src := func(s string) Props { return Provenance(s, "句。") }
			a := Props{}
			var base []string
			for i := range size {
				s := fmt.Sprintf("article:%d", i)
				mergeProps(a, src(s), gr)
				base = append(base, s)
			}
			b := maps.Clone(a) // shares a's lists, as a copied map does
			grownInPlace := 0
			for i := range 3 * longList {
				before := unsafe.SliceData(a["sources"].([]string))
				mergeProps(a, src(fmt.Sprintf("a:%d", i)), gr)
				if unsafe.SliceData(a["sources"].([]string)) == before {
					grownInPlace++
				}
				mergeProps(a, src(fmt.Sprintf("a:%d", i)), gr)            // listed already
				mergeProps(a, src(fmt.Sprintf("article:%d", i%size)), gr) // listed before the copy
				mergeProps(b, src(fmt.Sprintf("b:%d", i)), gr)
				mergeProps(b, src(fmt.Sprintf("article:%d", size-1-i%size)), gr)
			}
			mergeProps(b, src("a:0"), gr) // a's, not b's
			mergeProps(a, src("b:0"), gr)
			wantA, wantB := slices.Clone(base), slices.Clone(base)
			for i := range 3 * longList {
				wantA = append(wantA, fmt.Sprintf("a:%d", i))
				wantB = append(wantB, fmt.Sprintf("b:%d", i))
			}
			wantA, wantB = append(wantA, "b:0"), append(wantB, "a:0")
			if got := a["sources"].([]string); !slices.Equal(got, wantA) {
				t.Errorf("a's sources: %d, ending %v; want %d ending %v", len(got), got[len(got)-3:], len(wantA), wantA[len(wantA)-3:])
			}
			if got := b["sources"].([]string); !slices.Equal(got, wantB) {
				t.Errorf("b's sources: %d, ending %v; want %d ending %v", len(got), got[len(got)-3:], len(wantB), wantB[len(wantB)-3:])
			}
			if grownInPlace < 2*longList {
				t.Errorf("a's list grew in place %d times of %d: it is copied to grow", grownInPlace, 3*longList)
			}
			if got := a["evidence"].([]string); len(got) != MaxEvidence {
				t.Errorf("a has %d sentences, want %d", len(got), MaxEvidence)
			}
		})
	}
}

// BenchmarkManySources merges one relationship read in 20,000 articles, a post in the
// news every day for years.
func BenchmarkManySources(b *testing.B) {
	for b.Loop() {
		g := New()
		p := g.AddNode("Person", "person:a", nil).Ref()
		r := g.AddNode("Role", "role:x", nil).Ref()
		for i := range 20000 {
			g.AddRel("HOLDS", p, r, Provenance("article:"+strconv.Itoa(i), "句。"))
		}
	}
}
