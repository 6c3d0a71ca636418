package neo4jsink_test

import (
	"context"
	"errors"
	"iter"
	"math/rand/v2"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/graph/neo4jsink/neo4jsinktest"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/schema"
)

// TestWriteTwice loads the nasty graph (quotes, backslashes, newlines, Cypher keywords
// and injections in values) twice: the first load stores every value exactly as
// written, the second changes nothing and says so.
func TestWriteTwice(t *testing.T) {
	s := open(t, neo4jsink.Config{})
	ctx := context.Background()
	g := exporttest.Graph()
	nodes, rels := g.Len()

	if err := s.Write(ctx, g); err != nil {
		t.Fatalf("first Write: %v", err)
	}
	first := s.Stats()
	if got := first.NodeTotal(); got.Created != nodes || got.Updated != 0 {
		t.Errorf("first load nodes %+v, want %d created", got, nodes)
	}
	if got := first.RelTotal(); got.Created != rels || got.Updated != 0 || got.Missing != 0 {
		t.Errorf("first load relationships %+v, want %d created", got, rels)
	}
	neo4jsinktest.SameGraph(t, readBack(t, s), g)

	if err := s.Write(ctx, exporttest.Graph()); err != nil {
		t.Fatalf("second Write: %v", err)
	}
	second := s.Stats()
	if got, want := second.NodeTotal().Created, first.NodeTotal().Created; got != want {
		t.Errorf("second load created nodes: %d, want none (%d)", got-want, want)
	}
	if got, want := second.RelTotal().Created, first.RelTotal().Created; got != want {
		t.Errorf("second load created relationships: %d, want none", got-want)
	}
	if got, want := second.NodeTotal().Updated+second.RelTotal().Updated, 0; got != want {
		t.Errorf("second load updated %d rows, want %d", got, want)
	}
	if got, want := second.PropertiesSet, first.PropertiesSet; got != want {
		t.Errorf("second load set %d properties, want none", got-want)
	}
	neo4jsinktest.SameGraph(t, readBack(t, s), g)
}

// TestWriteMergesLikeGraph loads random overlapping graphs one after the other and
// checks that the database holds what merging them in memory gives: the Cypher merge
// and graph's merge agree on sets, parallel sources and evidence, dates and status.
func TestWriteMergesLikeGraph(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		r := rand.New(rand.NewPCG(seed, 42))
		g1, g2, g3 := randomGraph(r, 3), randomGraph(r, 4), randomGraph(r, 2)
		batch := []int{1, 3, 1000, 7}[seed-1]
		s := open(t, neo4jsink.Config{BatchSize: batch})
		ctx := context.Background()
		for _, g := range []*graph.Graph{g1, g2, g3} {
			if err := s.Write(ctx, g); err != nil {
				t.Fatalf("seed %d: Write: %v", seed, err)
			}
		}
		neo4jsinktest.SameGraph(t, readBack(t, s), merged(g1, g2, g3))
		// The other order gives the other merge.
		s = open(t, neo4jsink.Config{BatchSize: batch})
		for _, g := range []*graph.Graph{g3, g1, g2} {
			if err := s.Write(ctx, g); err != nil {
				t.Fatalf("seed %d: Write: %v", seed, err)
			}
		}
		neo4jsinktest.SameGraph(t, readBack(t, s), merged(g3, g1, g2))
		if t.Failed() {
			t.Fatalf("seed %d (batch size %d) differs", seed, batch)
		}
	}
}

// TestWriteKnownMergesLikeGraph is TestWriteMergesLikeGraph for WriteKnown told, each
// time, what was written before: what that lacks is created, the rest merged, and the
// database holds what merging the graphs in memory gives, nothing twice.
func TestWriteKnownMergesLikeGraph(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		r := rand.New(rand.NewPCG(seed, 43))
		gs := []*graph.Graph{randomGraph(r, 3), randomGraph(r, 4), randomGraph(r, 2)}
		s := open(t, neo4jsink.Config{BatchSize: []int{1, 3, 1000, 7}[seed-1]})
		ctx := context.Background()
		known := graph.New()
		for i, g := range gs {
			nodes, rels := 0, 0
			g.Each(func(n *graph.Node) {
				if known.Node(n.Ref()) == nil {
					nodes++
				}
			}, func(r *graph.Rel) {
				if known.Rel(r.Type, r.Start, r.End) == nil {
					rels++
				}
			})
			before := s.Stats()
			if err := s.WriteKnown(ctx, g, known); err != nil {
				t.Fatalf("seed %d: WriteKnown: %v", seed, err)
			}
			after := s.Stats()
			if got := after.NodeTotal().Created - before.NodeTotal().Created; got != nodes {
				t.Errorf("seed %d, graph %d: %d nodes created, want %d", seed, i+1, got, nodes)
			}
			if got := after.RelTotal().Created - before.RelTotal().Created; got != rels {
				t.Errorf("seed %d, graph %d: %d relationships created, want %d", seed, i+1, got, rels)
			}
			known.Merge(g)
		}
		neo4jsinktest.SameGraph(t, readBack(t, s), merged(gs...))
		neo4jsinktest.NoDuplicates(t, s)
		if t.Failed() {
			t.Fatalf("seed %d differs", seed)
		}
	}
}

// TestWriteUnsettable loads properties that graph's merge would change (a source twice,
// more sentences than sources or than graph.MaxEvidence, an empty list of sentences):
// the database holds them as merging them into nothing gives, as it does for settable
// ones, whether the nodes and relationships are new or stored already.
func TestWriteUnsettable(t *testing.T) {
	s := open(t, neo4jsink.Config{})
	ctx := context.Background()
	g := graph.New()
	a := g.AddNode(schema.Article, "article:a", graph.Props{"title": "a"}).Ref()
	p := g.AddNode(schema.Person, "person:甲", graph.Props{"name": "甲"}).Ref()
	q := g.AddNode(schema.Person, "person:乙", graph.Props{"name": "乙"}).Ref()
	e := g.AddNode(schema.Event, "event:unknown:会", graph.Props{"name": "会", "kind": "meeting"}).Ref()
	seven := []string{"1", "2", "3", "4", "5", "6", "7"}
	g.AddRel(schema.ParticipatedIn, p, e, nil).Props = graph.Props{
		"sources": []string{"s1", "s2", "s1"}, "evidence": []string{"e1", "e2", "e3"}, "as": []string{"host"}}
	g.AddRel(schema.ParticipatedIn, q, e, nil).Props = graph.Props{"sources": seven, "evidence": seven}
	g.AddRel(schema.Mentions, a, p, nil).Props = graph.Props{"sources": []string{"s1"}, "evidence": []string{}}
	g.AddRel(schema.Mentions, a, q, graph.Provenance("s1", "settable"))
	want := graph.New()
	want.Merge(g)
	for i := 0; i < 2; i++ {
		if err := s.Write(ctx, g); err != nil {
			t.Fatalf("Write %d: %v", i+1, err)
		}
		neo4jsinktest.SameGraph(t, readBack(t, s), want)
	}
	// told the database holds none of it, WriteKnown creates only what is settable
	s = open(t, neo4jsink.Config{})
	if err := s.WriteKnown(ctx, g, graph.New()); err != nil {
		t.Fatalf("WriteKnown: %v", err)
	}
	neo4jsinktest.SameGraph(t, readBack(t, s), want)
	neo4jsinktest.NoDuplicates(t, s)
}

// TestSecondArticleAddsToSameNode loads two articles that name the same person in the
// same post: one node, one HOLDS, with both sources and sentences in order; and a
// fact seen in seven articles keeps seven sources but five sentences.
func TestSecondArticleAddsToSameNode(t *testing.T) {
	s := open(t, neo4jsink.Config{})
	ctx := context.Background()
	article := func(i int, date, status string) *graph.Graph {
		g := graph.New()
		a := g.AddNode(schema.Article, graph.ArticleKey(strings.Repeat("x", i)), graph.Props{"title": "第" + string(rune('0'+i)) + "篇", "source": "a.txt", "date": date}).Ref()
		p := g.AddNode(schema.Person, graph.PersonKey("龚正"), graph.Props{"name": "龚正", "aliases": []string{"龚正同志" + string(rune('0'+i))}}).Ref()
		r := g.AddNode(schema.Role, graph.RoleKey("上海市人民政府", "市长"), graph.Props{"title": "市长"}).Ref()
		props := graph.Provenance(a.Key, "句子"+string(rune('0'+i)))
		props["firstSeen"], props["lastSeen"], props["status"] = date, date, status
		g.AddRel(schema.Holds, p, r, props)
		return g
	}
	dates := []string{"2021-05-28", "2020-01-01", "2023-06-30", "2022-02-02", "2021-01-01", "2024-01-01", "2019-09-09"}
	var all []*graph.Graph
	for i, d := range dates {
		status := "current"
		if i == 5 {
			status = "former"
		}
		g := article(i+1, d, status)
		all = append(all, g)
		if err := s.Write(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	tab, err := s.Query(ctx, `MATCH (p:Person {name: '龚正'})-[h:HOLDS]->(r:Role)
RETURN count(DISTINCT p) AS persons, count(h) AS holds, h.sources AS sources, h.evidence AS evidence,
       h.firstSeen AS first, h.lastSeen AS last, h.status AS status, p.aliases AS aliases`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 1 {
		t.Fatalf("%d rows, want 1", len(tab.Rows))
	}
	row := tab.Rows[0]
	if row[0] != int64(1) || row[1] != int64(1) {
		t.Errorf("%v persons and %v HOLDS, want 1 and 1", row[0], row[1])
	}
	if got := len(row[2].([]any)); got != 7 {
		t.Errorf("%d sources, want 7", got)
	}
	ev := row[3].([]any)
	want := []any{"句子1", "句子2", "句子3", "句子4", "句子5"}
	if len(ev) != len(want) {
		t.Fatalf("evidence %v, want %v", ev, want)
	}
	for i := range want {
		if ev[i] != want[i] {
			t.Errorf("evidence[%d] = %v, want %v", i, ev[i], want[i])
		}
	}
	if row[4] != "2019-09-09" || row[5] != "2024-01-01" || row[6] != "former" {
		t.Errorf("firstSeen %v, lastSeen %v, status %v; want 2019-09-09, 2024-01-01, former", row[4], row[5], row[6])
	}
	if got := len(row[7].([]any)); got != 7 {
		t.Errorf("%d aliases, want 7", got)
	}
	neo4jsinktest.SameGraph(t, readBack(t, s), merged(all...))
}

// TestRoutingURI loads through neo4j:// (the routing driver a cluster or Aura needs)
// against the single test server.
func TestRoutingURI(t *testing.T) {
	open(t, neo4jsink.Config{}) // empties the database
	cfg := neo4jsinktest.Config(t, neo4jsink.Config{})
	if !strings.HasPrefix(cfg.URI, "bolt://") {
		t.Skipf("NEO4J_URI %s is not bolt://", cfg.URI)
	}
	cfg.URI = "neo4j://" + strings.TrimPrefix(cfg.URI, "bolt://")
	ctx := context.Background()
	s, err := neo4jsink.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open neo4j://: %v", err)
	}
	defer s.Close(ctx)
	if err := s.ApplySchema(ctx); err != nil {
		t.Fatal(err)
	}
	g := exporttest.Graph()
	if err := s.Write(ctx, g); err != nil {
		t.Fatal(err)
	}
	neo4jsinktest.SameGraph(t, readBack(t, s), g)
}

// TestWrongPassword: the server refuses, the error says so at once, names the user and
// never the password.
func TestWrongPassword(t *testing.T) {
	cfg := neo4jsinktest.Config(t, neo4jsink.Config{})
	const secret = "not-the-password-%s3cr3t"
	cfg.Password = secret
	start := time.Now()
	_, err := neo4jsink.Open(context.Background(), cfg)
	var auth *neo4jsink.AuthError
	if !errors.As(err, &auth) {
		t.Fatalf("Open with a wrong password = %T %v, want *AuthError", err, err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error shows the password: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s to report wrong credentials", d)
	}
}

// TestNotRunning points at a closed port: one *ConnectError within 10 s.
func TestNotRunning(t *testing.T) {
	for _, scheme := range []string{"bolt", "neo4j"} {
		t.Run(scheme, func(t *testing.T) {
			uri := scheme + "://127.0.0.1:" + closedPort(t)
			start := time.Now()
			_, err := neo4jsink.Open(context.Background(), neo4jsink.Config{URI: uri, User: "neo4j", Password: "pw-never-shown"})
			elapsed := time.Since(start)
			var ce *neo4jsink.ConnectError
			if !errors.As(err, &ce) {
				t.Fatalf("Open(%s) = %T %v, want *ConnectError", uri, err, err)
			}
			if elapsed > 10*time.Second {
				t.Errorf("took %s, want under 10 s", elapsed)
			}
			if !strings.Contains(err.Error(), uri) || strings.Contains(err.Error(), "pw-never-shown") {
				t.Errorf("error %q should name %s and not the password", err, uri)
			}
		})
	}
}

// closedPort returns a port nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}

// TestWriteCanceledMidway cancels the context while batches are being written.
func TestWriteCanceledMidway(t *testing.T) {
	s := open(t, neo4jsink.Config{BatchSize: 1})
	ctx, cancel := context.WithCancel(context.Background())
	g := randomGraph(rand.New(rand.NewPCG(7, 7)), 40)
	go func() {
		time.Sleep(200 * time.Millisecond)
		cancel()
	}()
	err := s.Write(ctx, g)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Write canceled midway = %v, want context.Canceled", err)
	}
}

// TestValuesStoredExactly loads values that break string-built Cypher (quotes,
// backslashes, backticks, braces, Cypher keywords, newlines, emoji, control
// characters) as an article's title and text-derived keys, and reads each back
// unchanged.
func TestValuesStoredExactly(t *testing.T) {
	s := open(t, neo4jsink.Config{})
	values := []string{
		"`MATCH (n) DETACH DELETE n`",
		"'}) MATCH (n) DETACH DELETE n //",
		`"}) RETURN 1; CREATE (:Pwned {x: "y"}) //`,
		`C:\path\to\file \\ \n \u0000 \'`,
		"{braces} {{double}} $param ${x} $rows",
		"line\nbreak\r\nand\ttab\u2028sep",
		"emoji 🙂 and 中文“引号”‘单引号’「」",
		"\x01\x7f control",
		"CALL apoc.cypher.runMany('MATCH (n) DELETE n', {}) YIELD value",
		"",
	}
	g := graph.New()
	for i, v := range values {
		a := g.AddNode(schema.Article, graph.ArticleKey(v+string(rune('a'+i))), graph.Props{"title": v, "source": v, "paper": v}).Ref()
		p := g.AddNode(schema.Person, graph.PersonKey(v), graph.Props{"name": v, "aliases": []string{v, v + "2"}}).Ref()
		g.AddRel(schema.Mentions, a, p, graph.Provenance(a.Key, v))
	}
	ctx := context.Background()
	if err := s.Write(ctx, g); err != nil {
		t.Fatal(err)
	}
	neo4jsinktest.SameGraph(t, readBack(t, s), g)
	for _, v := range values {
		tab, err := s.Query(ctx, "MATCH (a:Article {title: $v})-[m:MENTIONS]->(p:Person {key: $k}) RETURN a.source, p.name, m.evidence[0]",
			map[string]any{"v": v, "k": graph.PersonKey(v)})
		if err != nil {
			t.Fatal(err)
		}
		if len(tab.Rows) != 1 || tab.Rows[0][0] != v || tab.Rows[0][1] != v || tab.Rows[0][2] != v {
			t.Errorf("%q read back as %q", v, tab.Rows)
		}
	}
	tab, err := s.Query(ctx, "MATCH (n) WHERE NOT n:Article AND NOT n:Person RETURN count(n)", nil)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows[0][0] != int64(0) {
		t.Errorf("%v nodes of other labels appeared", tab.Rows[0][0])
	}
}

// TestWriteNew streams a graph into an empty database in chunks of every size from one
// row: the database holds the graph, nothing twice, every row created once and the
// relationships by the ids of their ends. Writing it again fails on the keys' constraint
// instead of duplicating a node.
func TestWriteNew(t *testing.T) {
	for seed, size := range []int{1, 3, 1000} {
		r := rand.New(rand.NewPCG(uint64(seed), 44))
		g := merged(randomGraph(r, 3), randomGraph(r, 4), exporttest.Graph())
		s := open(t, neo4jsink.Config{BatchSize: size})
		ctx := context.Background()
		nodes, rels := g.Len()
		if err := s.WriteNew(ctx, seqOf(g.Nodes()), seqOf(g.Rels()), nodes+rels); err != nil {
			t.Fatalf("batch size %d: WriteNew: %v", size, err)
		}
		st := s.Stats()
		if st.NodeTotal().Created != nodes || st.RelTotal().Created != rels {
			t.Errorf("batch size %d: created %d nodes and %d relationships, want %d and %d", size, st.NodeTotal().Created, st.RelTotal().Created, nodes, rels)
		}
		for _, n := range g.Nodes() {
			if _, ok := s.CreatedID(n.Ref()); !ok {
				t.Errorf("batch size %d: %s: no id kept", size, n.Key)
			}
		}
		neo4jsinktest.SameGraph(t, readBack(t, s), g)
		neo4jsinktest.NoDuplicates(t, s)
		var be *neo4jsink.BatchError
		if err := s.WriteNew(ctx, seqOf(g.Nodes()), seqOf(g.Rels()), 0); !errors.As(err, &be) {
			t.Errorf("batch size %d: WriteNew again = %v, want a *BatchError", size, err)
		}
		neo4jsinktest.NoDuplicates(t, s)
		if t.Failed() {
			t.Fatalf("batch size %d differs", size)
		}
	}
}

// TestWriteStream streams random overlapping graphs into a database one after the other
// in chunks of every size from one row: the database holds what merging them in memory
// gives, as with Write.
func TestWriteStream(t *testing.T) {
	for seed, size := range []int{1, 3, 1000} {
		r := rand.New(rand.NewPCG(uint64(seed), 45))
		gs := []*graph.Graph{randomGraph(r, 3), randomGraph(r, 4), randomGraph(r, 2)}
		s := open(t, neo4jsink.Config{BatchSize: size})
		for _, g := range gs {
			if err := s.WriteStream(context.Background(), seqOf(g.Nodes()), seqOf(g.Rels()), 0); err != nil {
				t.Fatalf("batch size %d: WriteStream: %v", size, err)
			}
		}
		neo4jsinktest.SameGraph(t, readBack(t, s), merged(gs...))
		neo4jsinktest.NoDuplicates(t, s)
		if t.Failed() {
			t.Fatalf("batch size %d differs", size)
		}
	}
}

// seqOf yields xs, none with an error.
func seqOf[T any](xs []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, x := range xs {
			if !yield(x, nil) {
				return
			}
		}
	}
}
