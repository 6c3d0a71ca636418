package neo4jsink_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/schema"
)

// identityFixture is two articles about a company named short in one and in full in the
// other, two homonyms, and an unrelated person.
func identityFixture() *graph.Graph {
	g := graph.New()
	art := func(key, date string) graph.Ref {
		return g.AddNode(schema.Article, key, graph.Props{"title": key, "source": key, "date": date}).Ref()
	}
	a1, a2, a3 := art("article:000000000001", "2021-05-28"), art("article:000000000002", "2021-06-16"), art("article:000000000003", "2022-01-01")
	person := func(key, name string) graph.Ref {
		return g.AddNode(schema.Person, key, graph.Props{"name": name}).Ref()
	}
	org := func(name, kind string, aliases ...string) graph.Ref {
		return g.AddNode(schema.Organization, graph.OrgKey(name), graph.Props{"name": name, "kind": kind, "aliases": append([]string{}, aliases...)}).Ref()
	}
	holds := func(p graph.Ref, title string, o graph.Ref, org, src, date string) {
		role := g.AddNode(schema.Role, graph.RoleKey(org, title), graph.Props{"title": title}).Ref()
		g.AddRel(schema.Of, role, o, nil)
		props := graph.Provenance(src, org+title)
		props["firstSeen"], props["lastSeen"], props["status"] = date, date, "current"
		g.AddRel(schema.Holds, p, role, props)
	}
	short := org("澜沧集团", "company")
	full := org("澜沧新能源科技集团有限公司", "company", "澜沧集团")
	ministry := org("应急管理部", "ministry")
	liu, liu2, other := person("person:刘伟", "刘伟"), person("person:刘伟#2", "刘伟"), person("person:龚正", "龚正")
	holds(liu, "副部长", ministry, "应急管理部", a1.Key, "2021-05-28")
	holds(liu2, "总经理", short, "澜沧集团", a2.Key, "2021-06-16")
	holds(other, "董事长", full, "澜沧新能源科技集团有限公司", a3.Key, "2022-01-01")
	for _, m := range []struct{ a, n graph.Ref }{{a1, liu}, {a2, liu2}, {a2, short}, {a3, full}, {a3, other}, {a1, ministry}} {
		g.AddRel(schema.Mentions, m.a, m.n, graph.Provenance(m.a.Key, "…"))
	}
	return g
}

func refs(g *graph.Graph) []string {
	var out []string
	for _, n := range g.Nodes() {
		out = append(out, n.Key)
	}
	for _, r := range g.Rels() {
		out = append(out, r.ID())
	}
	return out
}

// TestReadAround reads back what a batch naming 刘伟 and 澜沧集团 reaches: both 刘伟
// nodes, both bodies that have the name (one as its alias), their roles and the holders
// of those roles, the nodes at the other ends, and the articles of the sources.
func TestReadAround(t *testing.T) {
	s := open(t, neo4jsink.Config{})
	ctx := context.Background()
	g := identityFixture()
	if err := s.Write(ctx, g); err != nil {
		t.Fatal(err)
	}
	got, err := s.ReadAround(ctx, neo4jsink.Names{Persons: []string{"刘伟"}, Orgs: []string{"澜沧集团"}})
	if err != nil {
		t.Fatal(err)
	}
	// 龚正 holds a role of 澜沧新能源科技集团有限公司, so he is read too; 应急管理部 is
	// only the body of a role read, so its own relationships are not
	g.RemoveRel(g.Rel(schema.Mentions, graph.Ref{Label: schema.Article, Key: "article:000000000001"}, graph.Ref{Label: schema.Organization, Key: "org:应急管理部"}))
	if a, b := refs(got), refs(g); !slices.Equal(a, b) {
		t.Errorf("read around:\n got %v\nwant %v", a, b)
	}
	for _, n := range g.Nodes() {
		if m := got.Node(n.Ref()); m == nil || !reflect.DeepEqual(m.Props, n.Props) {
			t.Errorf("node %s read as %v, want %v", n.Key, m, n.Props)
		}
	}
	for _, r := range g.Rels() {
		if m := got.Rel(r.Type, r.Start, r.End); m == nil || !reflect.DeepEqual(m.Props, r.Props) {
			t.Errorf("relationship %s read as %v, want %v", r.ID(), m, r.Props)
		}
	}

	// the same, reading the relationships of one node per query
	restore := neo4jsink.SetReadKeysPerQuery(1)
	one, err := s.ReadAround(ctx, neo4jsink.Names{Persons: []string{"刘伟"}, Orgs: []string{"澜沧集团"}})
	restore()
	if err != nil {
		t.Fatal(err)
	}
	if a, b := refs(one), refs(got); !slices.Equal(a, b) {
		t.Errorf("read around, one node per query:\n got %v\nwant %v", a, b)
	}
	for _, r := range got.Rels() {
		if m := one.Rel(r.Type, r.Start, r.End); m == nil || !reflect.DeepEqual(m.Props, r.Props) {
			t.Errorf("relationship %s read one node per query as %v, want %v", r.ID(), m, r.Props)
		}
	}

	only, err := s.ReadAround(ctx, neo4jsink.Names{Persons: []string{"刘伟"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"person:龚正", "org:澜沧新能源科技集团有限公司"} {
		if slices.Contains(refs(only), key) {
			t.Errorf("reading around 刘伟 read %s", key)
		}
	}
	for _, key := range []string{"person:刘伟", "person:刘伟#2", "role:澜沧集团/总经理", "org:澜沧集团", "article:000000000002"} {
		if !slices.Contains(refs(only), key) {
			t.Errorf("reading around 刘伟 missed %s", key)
		}
	}
	none, err := s.ReadAround(ctx, neo4jsink.Names{Persons: []string{"无名氏"}, Orgs: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if n, r := none.Len(); n+r != 0 {
		t.Errorf("reading around an unknown name read %d nodes and %d relationships", n, r)
	}
}

// TestPrune deletes retired relationships and nodes in one go, keeps a retired node
// that still has a relationship, and sets properties exactly.
func TestPrune(t *testing.T) {
	s := open(t, neo4jsink.Config{})
	ctx := context.Background()
	g := identityFixture()
	if err := s.Write(ctx, g); err != nil {
		t.Fatal(err)
	}
	short := graph.Ref{Label: schema.Organization, Key: "org:澜沧集团"}
	role := graph.Ref{Label: schema.Role, Key: "role:澜沧集团/总经理"}
	liu2 := graph.Ref{Label: schema.Person, Key: "person:刘伟#2"}
	a2 := graph.Ref{Label: schema.Article, Key: "article:000000000002"}
	var p neo4jsink.Pruning
	// the short name's node and role go; the person keeps a MENTIONS, so it stays
	p.Rels = []*graph.Rel{g.Rel(schema.Of, role, short), g.Rel(schema.Holds, liu2, role), g.Rel(schema.Mentions, a2, short)}
	p.Nodes = []graph.Ref{short, role, liu2, a2}
	ministry := *g.Node(graph.Ref{Label: schema.Organization, Key: "org:应急管理部"})
	ministry.Props = graph.Props{"name": "应急管理部", "kind": "ministry", "aliases": []string{"中华人民共和国应急管理部"}}
	holds := *g.Rel(schema.Holds, graph.Ref{Label: schema.Person, Key: "person:刘伟"}, graph.Ref{Label: schema.Role, Key: "role:应急管理部/副部长"})
	holds.Props = graph.Props{"sources": []string{"article:000000000003"}, "evidence": []string{"改写"}, "firstSeen": "2022-01-01", "lastSeen": "2022-01-01", "status": "former"}
	p.ExactNode = []*graph.Node{&ministry}
	p.ExactRels = []*graph.Rel{&holds}

	st, err := s.Prune(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	// an Article is never deleted, a node with a relationship left is kept
	if want := (neo4jsink.PruneStats{RelsDeleted: 3, NodesDeleted: 2, NodesKept: 2, PropertiesSet: 2}); st != want {
		t.Errorf("Prune = %+v, want %+v", st, want)
	}
	got := readBack(t, s)
	for _, ref := range []graph.Ref{short, role} {
		if got.Node(ref) != nil {
			t.Errorf("%s not deleted", ref.Key)
		}
	}
	for _, ref := range []graph.Ref{liu2, a2} {
		if got.Node(ref) == nil {
			t.Errorf("%s deleted", ref.Key)
		}
	}
	if n := got.Node(ministry.Ref()); n == nil || !reflect.DeepEqual(n.Props, ministry.Props) {
		t.Errorf("应急管理部 = %v, want exactly %v", n, ministry.Props)
	}
	if r := got.Rel(holds.Type, holds.Start, holds.End); r == nil || !reflect.DeepEqual(r.Props, holds.Props) {
		t.Errorf("HOLDS = %v, want exactly %v", r, holds.Props)
	}

	dry, err := neo4jsink.Open(ctx, neo4jsink.Config{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := dry.Prune(ctx, p); err != nil || st != (neo4jsink.PruneStats{}) {
		t.Errorf("dry-run Prune = %+v, %v", st, err)
	}
	if g, err := dry.ReadAround(ctx, neo4jsink.Names{Persons: []string{"刘伟"}}); err != nil || g == nil {
		t.Errorf("dry-run ReadAround = %v, %v", g, err)
	}
}

// TestCreatedIDs: WriteKnown keeps the id of every node it creates, the database's own,
// and Prune forgets those of the nodes it may delete, since the server gives the ids of
// deleted nodes to new ones.
func TestCreatedIDs(t *testing.T) {
	s := open(t, neo4jsink.Config{BatchSize: 2})
	ctx := context.Background()
	g := identityFixture()
	if err := s.WriteKnown(ctx, g, graph.New()); err != nil {
		t.Fatal(err)
	}
	for _, n := range g.Nodes() {
		tab, err := s.Query(ctx, "MATCH (n:"+n.Label+" {key: $k}) RETURN id(n)", map[string]any{"k": n.Key})
		if err != nil {
			t.Fatal(err)
		}
		id, ok := s.CreatedID(n.Ref())
		if len(tab.Rows) != 1 || !ok || tab.Rows[0][0] != id {
			t.Errorf("%s: kept id %d (%v), the database's %v", n.Key, id, ok, tab.Rows)
		}
	}
	short := graph.Ref{Label: schema.Organization, Key: "org:澜沧集团"}
	role := graph.Ref{Label: schema.Role, Key: "role:澜沧集团/总经理"}
	liu2 := graph.Ref{Label: schema.Person, Key: "person:刘伟#2"}
	p := neo4jsink.Pruning{
		Rels:  []*graph.Rel{g.Rel(schema.Of, role, short), g.Rel(schema.Holds, liu2, role)},
		Nodes: []graph.Ref{short, role},
	}
	if _, err := s.Prune(ctx, p); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []graph.Ref{short, role} {
		if _, ok := s.CreatedID(ref); ok {
			t.Errorf("%s: id kept after Prune", ref.Key)
		}
	}
	if _, ok := s.CreatedID(liu2); !ok {
		t.Errorf("%s: id forgotten, but Prune did not touch it", liu2.Key)
	}
}
