package neo4jsink_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/graph/neo4jsink/neo4jsinktest"
	"github.com/newsgraph/newsgraph/schema"
)

// open empties the test server's database and returns a Sink on it with the schema
// applied. It skips the test when no server runs (fails under CI=true).
func open(t *testing.T, cfg neo4jsink.Config) *neo4jsink.Sink {
	t.Helper()
	return neo4jsinktest.Open(t, cfg)
}

// readBack reads the database back as a graph.
func readBack(t *testing.T, s *neo4jsink.Sink) *graph.Graph {
	t.Helper()
	g, err := s.ReadGraph(context.Background())
	if err != nil {
		t.Fatalf("ReadGraph: %v", err)
	}
	return g
}

// randomGraph returns a graph of a few articles' worth of sightings drawn from small
// pools, so that two random graphs overlap: the same people, roles and facts seen from
// different articles, on different dates, with different statuses and aliases.
func randomGraph(r *rand.Rand, articles int) *graph.Graph {
	g := graph.New()
	names := []string{"李强", "龚正", "吴清", "杨杰", "赵英民", "李萌"}
	orgs := []string{"中共上海市委", "上海市人民政府", "生态环境部", "中国移动通信集团有限公司"}
	titles := []string{"书记", "副书记", "市长", "副部长", "董事长"}
	dates := []string{"2021-05-27", "2021-05-28", "2022-01-10", "2023-03-01", "2024-07-15"}
	statuses := []string{"current", "former", "acting"}
	roles := []string{"host", "speaker", "attendee", "guest", "signatory"}
	events := []string{"协作小组第一次会议", "市委常委会会议", "战略合作协议签约仪式"}
	pick := func(pool []string) string { return pool[r.IntN(len(pool))] }
	subset := func(pool []string) []string {
		var out []string
		for _, s := range pool {
			if r.IntN(3) == 0 {
				out = append(out, s)
			}
		}
		sort.Strings(out)
		return out
	}
	for a := 0; a < articles; a++ {
		date := pick(dates)
		text := fmt.Sprintf("article %d %d", a, r.Int())
		art := g.AddNode(schema.Article, graph.ArticleKey(text), graph.Props{
			"title": "标题 " + text, "source": fmt.Sprintf("file%d.txt", a), "date": date,
		}).Ref()
		sentence := func(what string) graph.Props {
			return graph.Provenance(art.Key, fmt.Sprintf("%s 的句子 in %s。", what, text))
		}
		ev := pick(events)
		event := g.AddNode(schema.Event, graph.EventKey(date, ev), graph.Props{"name": ev, "kind": "meeting", "date": date}).Ref()
		g.AddRel(schema.Reports, art, event, sentence("report"))
		for i, n := 0, 1+r.IntN(4); i < n; i++ {
			name := pick(names)
			p := g.AddNode(schema.Person, graph.PersonKey(name), graph.Props{"name": name, "aliases": subset([]string{"小" + name, name + "同志"})}).Ref()
			o := pick(orgs)
			org := g.AddNode(schema.Organization, graph.OrgKey(o), graph.Props{"name": o, "aliases": subset([]string{o[:6], "简称" + o})}).Ref()
			t := pick(titles)
			role := g.AddNode(schema.Role, graph.RoleKey(o, t), graph.Props{"title": t}).Ref()
			g.AddRel(schema.Of, role, org, nil)
			holds := sentence(name + t)
			holds["firstSeen"], holds["lastSeen"], holds["status"] = date, date, pick(statuses)
			g.AddRel(schema.Holds, p, role, holds)
			part := sentence(name + ev)
			part["as"] = subset(roles)
			g.AddRel(schema.ParticipatedIn, p, event, part)
			g.AddRel(schema.Mentions, art, p, sentence("mention "+name))
		}
	}
	return g
}

// merged returns the graph that merging gs in memory, in order, gives.
func merged(gs ...*graph.Graph) *graph.Graph {
	out := graph.New()
	for _, g := range gs {
		out.Merge(g)
	}
	return out
}
