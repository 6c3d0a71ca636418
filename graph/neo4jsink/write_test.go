package neo4jsink

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/schema"
)

func TestDryRun(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Config{DryRun: true, BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	g := exporttest.Graph()
	if err := s.Write(ctx, g); err != nil {
		t.Fatal(err)
	}
	nodes, rels := g.Len()
	st := s.Stats()
	if got, want := st.NodeTotal().Rows, nodes; got != want {
		t.Errorf("node rows = %d, want %d", got, want)
	}
	if got, want := st.RelTotal().Rows, rels; got != want {
		t.Errorf("relationship rows = %d, want %d", got, want)
	}
	// One row per batch: a statement per node and relationship.
	if got, want := st.Statements, nodes+rels; got != want {
		t.Errorf("statements = %d, want %d", got, want)
	}
	var b strings.Builder
	if err := st.Report(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "nothing was sent") {
		t.Errorf("dry-run report does not say so:\n%s", b.String())
	}
	if _, err := s.Query(ctx, "RETURN 1", nil); err == nil {
		t.Error("Query in a dry run did not fail")
	}
}

func TestPlanGroups(t *testing.T) {
	g := exporttest.Graph()
	groups, _, err := plan(g.Nodes(), g.Rels(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, gr := range groups {
		if gr.rel {
			got = append(got, gr.what+"("+gr.startNode+"->"+gr.endNode+")")
		} else {
			got = append(got, gr.what)
		}
	}
	want := []string{"Article", "Person", "Organization", "Role", "Event", "Place",
		"HOLDS(Person->Role)", "OF(Role->Organization)",
		"PARTICIPATED_IN(Organization->Event)", "PARTICIPATED_IN(Person->Event)",
		"HELD_IN(Event->Place)", "PART_OF(Organization->Organization)",
		"REPORTS(Article->Event)", "MENTIONS(Article->Organization)", "MENTIONS(Article->Person)"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("groups =\n%v\nwant\n%v", got, want)
	}
	for _, gr := range groups {
		for _, v := range []string{exporttest.Injection, "李强", "2021-05-28"} {
			if strings.Contains(gr.cypher, v) {
				t.Errorf("%s statement contains the value %q:\n%s", gr.what, v, gr.cypher)
			}
		}
	}
}

func TestPlanRejects(t *testing.T) {
	tests := []struct {
		name  string
		build func(g *graph.Graph)
		want  string
	}{
		{"label outside the schema", func(g *graph.Graph) {
			g.AddNode("Person`) DETACH DELETE (n", "x", graph.Props{"name": "x"})
		}, "not in the schema"},
		{"type outside the schema", func(g *graph.Graph) {
			a := g.AddNode(schema.Person, "person:a", graph.Props{"name": "a"}).Ref()
			b := g.AddNode(schema.Person, "person:b", graph.Props{"name": "b"}).Ref()
			g.AddRel("KNOWS", a, b, nil)
		}, "not in the schema"},
		{"property name", func(g *graph.Graph) {
			g.AddNode(schema.Person, "person:a", graph.Props{"name` = 1 //": "a"})
		}, "not a plain identifier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph.New()
			tt.build(g)
			for _, known := range []*graph.Graph{nil, graph.New()} { // merged, and created
				_, _, err := plan(g.Nodes(), g.Rels(), known)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("plan(known %v) = %v, want an error containing %q", known != nil, err, tt.want)
				}
			}
		})
	}
}

// TestPlanKnown: told what the database holds, plan creates what it lacks, leaves out
// what merging would not change, and merges the rest (no fresh statement: it exists);
// what merging would not set as it is (a source twice) is merged even when new.
func TestPlanKnown(t *testing.T) {
	g := graph.New()
	a := g.AddNode(schema.Article, "article:1", graph.Props{"title": "t"}).Ref()
	p := g.AddNode(schema.Person, "person:a", graph.Props{"name": "a"}).Ref()
	q := g.AddNode(schema.Person, "person:b", graph.Props{"name": "b"}).Ref()
	o := g.AddNode(schema.Organization, "org:o", graph.Props{"name": "o", "aliases": []string{"y"}}).Ref()
	g.AddRel(schema.Mentions, a, p, graph.Provenance(a.Key, "s"))
	g.AddRel(schema.Mentions, a, q, graph.Provenance(a.Key, "s"))
	g.AddRel(schema.Mentions, a, o, nil).Props = graph.Props{"sources": []string{a.Key, a.Key}}
	g.AddRel(schema.Mentions, p, o, graph.Provenance(a.Key, "s"))
	known := graph.New()
	known.AddNode(schema.Person, "person:a", graph.Props{"name": "a"})
	known.AddNode(schema.Article, "article:1", graph.Props{"title": "t"})
	known.AddNode(schema.Organization, "org:o", graph.Props{"name": "o", "aliases": []string{"x"}})
	known.AddRel(schema.Mentions, a, p, graph.Provenance(a.Key, "s"))
	known.AddRel(schema.Mentions, p, o, graph.Provenance("article:0", "s"))
	groups, same, err := plan(g.Nodes(), g.Rels(), known)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, gr := range groups {
		how := "merge"
		if gr.create {
			how = "create"
			if !strings.Contains(gr.cypher, "CREATE") || strings.Contains(gr.cypher, "MERGE") {
				t.Errorf("%s: a create group's statement:\n%s", gr.what, gr.cypher)
			}
		}
		if gr.fresh != "" {
			t.Errorf("%s: a fresh statement with known:\n%s", gr.what, gr.fresh)
		}
		got[how+" "+gr.what+"("+gr.startNode+"->"+gr.endNode+")"] += len(gr.rows)
	}
	want := map[string]int{
		"merge Organization(->)": 1, "create Person(->)": 1,
		"create MENTIONS(Article->Person)": 1, "merge MENTIONS(Article->Organization)": 1,
		"merge MENTIONS(Person->Organization)": 1,
	}
	if !maps.Equal(got, want) {
		t.Errorf("groups %v, want %v", got, want)
	}
	if want := map[string]int{schema.Article: 1, schema.Person: 1}; !maps.Equal(same.nodes, want) {
		t.Errorf("unchanged nodes %v, want %v", same.nodes, want)
	}
	if want := map[string]int{schema.Mentions: 1}; !maps.Equal(same.rels, want) {
		t.Errorf("unchanged relationships %v, want %v", same.rels, want)
	}
}

func TestWriteCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, err := Open(context.Background(), Config{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, exporttest.Graph()); !errors.Is(err, context.Canceled) {
		t.Fatalf("Write with a canceled context = %v, want context.Canceled", err)
	}
}

func TestProgress(t *testing.T) {
	var b strings.Builder
	p := newProgress(&b, 4)
	for i := 0; i < 4; i++ {
		p.add(1)
	}
	p.finish()
	if !strings.Contains(b.String(), "100% 4/4 rows") || !strings.HasSuffix(b.String(), "\n") {
		t.Errorf("progress output %q", b.String())
	}
	if newProgress(nil, 4) != nil {
		t.Error("a progress bar without a writer")
	}
}

func TestSettable(t *testing.T) {
	six := []string{"a", "b", "c", "d", "e", "f"}
	tests := []struct {
		name  string
		props graph.Props
		want  bool
	}{
		{"no provenance", graph.Props{"name": "x", "aliases": []string{"b", "a"}}, true},
		{"one source and sentence", graph.Provenance("article:1", "句子"), true},
		{"sources without evidence", graph.Props{"sources": []string{"a", "b"}}, true},
		{"five sentences for six sources", graph.Props{"sources": six, "evidence": six[:5]}, true},
		{"six sentences", graph.Props{"sources": six, "evidence": six}, false},
		{"more sentences than sources", graph.Props{"sources": []string{"a"}, "evidence": []string{"x", "y"}}, false},
		{"a source twice", graph.Props{"sources": []string{"a", "b", "a"}, "evidence": []string{"x"}}, false},
		{"empty sources", graph.Props{"sources": []string{}}, false},
		{"empty evidence", graph.Props{"sources": []string{"a"}, "evidence": []string{}}, false},
		{"evidence without sources", graph.Props{"evidence": []string{"x"}}, false},
		{"sources not a list", graph.Props{"sources": "a"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := settable(tt.props); got != tt.want {
				t.Errorf("settable(%v) = %v, want %v", tt.props, got, tt.want)
			}
		})
	}
}

// TestPlanFresh checks which groups get a fresh statement: those with properties, all
// of them settable.
func TestPlanFresh(t *testing.T) {
	g := graph.New()
	a := g.AddNode(schema.Article, "article:1", graph.Props{"title": "t"}).Ref()
	p := g.AddNode(schema.Person, "person:a", graph.Props{"name": "a"}).Ref()
	o := g.AddNode(schema.Organization, "org:o", graph.Props{"name": "o"}).Ref()
	r := g.AddNode(schema.Role, "role:o/x", nil).Ref()
	g.AddRel(schema.Mentions, a, p, graph.Provenance(a.Key, "s"))
	g.AddRel(schema.Mentions, a, o, nil).Props = graph.Props{"sources": []string{a.Key, a.Key}}
	g.AddRel(schema.Of, r, o, nil)
	groups, _, err := plan(g.Nodes(), g.Rels(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, gr := range groups {
		got[gr.what+"("+gr.startNode+"->"+gr.endNode+")"] = gr.fresh != ""
		if gr.fresh != "" && !strings.Contains(gr.fresh, "SET x += row.p") {
			t.Errorf("%s: fresh statement sets no properties:\n%s", gr.what, gr.fresh)
		}
	}
	want := map[string]bool{
		"Article(->)": true, "Person(->)": true, "Organization(->)": true,
		"Role(->)":                        false, // no properties: the merge is as cheap
		"MENTIONS(Article->Person)":       true,
		"MENTIONS(Article->Organization)": false, // a source twice: only the merge dedupes it
		"OF(Role->Organization)":          false,
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s has a fresh statement: %v, want %v", k, got[k], w)
		}
	}
}

// TestBatchesOverlap cuts groups into batches and checks which may run side by side:
// those whose rows name no label in common with overlapping key ranges.
func TestBatchesOverlap(t *testing.T) {
	nodes := func(label string, keys ...string) *group {
		gr := &group{what: label}
		for _, k := range keys {
			gr.rows = append(gr.rows, row{k: k})
		}
		return gr
	}
	rels := func(typ, start, end string, pairs ...[2]string) *group {
		gr := &group{what: typ, rel: true, startNode: start, endNode: end}
		for _, p := range pairs {
			gr.rows = append(gr.rows, row{s: p[0], e: p[1]})
		}
		return gr
	}
	persons := batches(nodes(schema.Person, "person:a", "person:b", "person:c", "person:d"), 2)
	if got, want := len(persons), 2; got != want {
		t.Fatalf("%d batches of persons, want %d", got, want)
	}
	if p := persons[1]; p.n != 2 || p.of != 2 || p.lo != 2 || p.hi != 4 || p.keyRanges[schema.Person] != [2]string{"person:c", "person:d"} {
		t.Errorf("second batch of persons: %+v", *p)
	}
	holds := batches(rels(schema.Holds, schema.Person, schema.Role,
		[2]string{"person:a", "role:x"}, [2]string{"person:b", "role:y"},
		[2]string{"person:c", "role:x"}, [2]string{"person:d", "role:z"}), 2)
	events := batches(rels(schema.ParticipatedIn, schema.Person, schema.Event,
		[2]string{"person:c", "event:1"}, [2]string{"person:d", "event:2"}), 2)
	places := batches(nodes(schema.Place, "place:a"), 2)
	tests := []struct {
		name string
		a, b *batch
		want bool
	}{
		{"persons a-b, persons c-d", persons[0], persons[1], false},
		{"persons a-b, places", persons[0], places[0], false},
		{"holds of a-b, holds of c-d: roles x-y and x-z", holds[0], holds[1], true},
		{"holds of a-b, events of c-d", holds[0], events[0], false},
		{"holds of c-d, events of c-d", holds[1], events[0], true},
	}
	for _, tt := range tests {
		if got := tt.a.overlaps(tt.b); got != tt.want || tt.b.overlaps(tt.a) != got {
			t.Errorf("%s: overlaps = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestInterleave(t *testing.T) {
	mk := func(what string, n int) []*batch {
		var out []*batch
		for i := 1; i <= n; i++ {
			out = append(out, &batch{gr: &group{what: what}, n: i, of: n})
		}
		return out
	}
	var got []string
	for _, b := range interleave([][]*batch{mk("a", 1), mk("b", 3), mk("c", 2)}) {
		got = append(got, fmt.Sprintf("%s%d", b.gr.what, b.n))
	}
	if want := "b1 c1 a1 b2 c2 b3"; strings.Join(got, " ") != want {
		t.Errorf("interleave = %v, want %s", got, want)
	}
}

// TestOrderByBusierEnd: MENTIONS rows go in the order of their persons when more rows
// name persons than articles, and are numbered again.
func TestOrderByBusierEnd(t *testing.T) {
	g := graph.New()
	a1 := g.AddNode(schema.Article, "article:1", nil).Ref()
	a2 := g.AddNode(schema.Article, "article:2", nil).Ref()
	p1 := g.AddNode(schema.Person, "person:1", nil).Ref()
	p2 := g.AddNode(schema.Person, "person:2", nil).Ref()
	r := g.AddNode(schema.Role, "role:x", nil).Ref()
	g.AddRel(schema.Mentions, a1, p2, nil)
	g.AddRel(schema.Mentions, a2, p1, nil)
	g.AddRel(schema.Mentions, a1, p1, nil)
	g.AddRel(schema.Holds, p1, r, nil)
	g.AddRel(schema.Holds, p2, r, nil)
	groups, _, err := plan(g.Nodes(), g.Rels(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, gr := range groups {
		if gr.what != schema.Mentions {
			continue
		}
		var got []string
		for i, row := range params(gr.rows, true, 0) {
			if row["i"] != i {
				t.Errorf("row %d is numbered %v", i, row["i"])
			}
			got = append(got, row["s"].(string)+">"+row["e"].(string))
		}
		if want := "article:1>person:1 article:2>person:1 article:1>person:2"; strings.Join(got, " ") != want {
			t.Errorf("MENTIONS rows %v, want %s", got, want)
		}
	}
}
