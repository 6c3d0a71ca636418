package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
	"github.com/newsgraph/newsgraph/schema"
)

// corpus generates the graph of n articles of city-paper news: each reports an event
// held somewhere, with four to eight people, each holding a post at a body, and
// sometimes bodies, taking part; people and bodies recur across articles with a skew,
// so facts merge (more sources and sentences, later dates, aliases) as in real news.
// About 24 relationships an article; the same seed gives the same graph.
func corpus(seed uint64, n int) *graph.Graph {
	r := rand.New(rand.NewPCG(seed, 2021))
	persons := max(50, n*2)
	orgs := max(20, n/5)
	places := 200
	titles := []string{"书记", "副书记", "常委", "市长", "副市长", "主任", "副主任", "董事长", "总经理", "院长", "局长", "副局长"}
	as := []string{"host", "speaker", "attendee", "presenter", "awardee", "signatory", "guest", "organizer"}
	kinds := []string{"meeting", "ceremony", "signing", "meeting_with", "inspection", "speech"}
	// skewed draws: a few people and bodies are in the news all the time
	skew := func(k int) int { return int(float64(k) * r.Float64() * r.Float64()) }
	date := func() string { return fmt.Sprintf("20%02d-%02d-%02d", 18+r.IntN(7), 1+r.IntN(12), 1+r.IntN(28)) }
	g := graph.New()
	var events []graph.Ref
	for a := 0; a < n; a++ {
		d := date()
		title := fmt.Sprintf("第%d篇 市政新闻“%s” \\ {x} `MATCH` 'q'", a, d)
		art := g.AddNode(schema.Article, graph.ArticleKey(title), graph.Props{
			"title": title, "source": fmt.Sprintf("corpus/%05d.txt", a), "date": d, "paper": "测试日报",
		}).Ref()
		say := func(what string) graph.Props {
			return graph.Provenance(art.Key, fmt.Sprintf("第%d篇文章中关于%s的句子,含“引号”和\\反斜杠。", a, what))
		}
		var ev graph.Ref
		if len(events) > 0 && r.IntN(5) == 0 {
			ev = events[r.IntN(len(events))]
		} else {
			name := fmt.Sprintf("第%d次工作会议", a)
			place := fmt.Sprintf("地点%d", r.IntN(places))
			ev = g.AddNode(schema.Event, graph.EventKey(d, name), graph.Props{
				"name": name, "kind": kinds[r.IntN(len(kinds))], "date": d, "place": place,
			}).Ref()
			pl := g.AddNode(schema.Place, graph.PlaceKey(place), graph.Props{"name": place}).Ref()
			g.AddRel(schema.HeldIn, ev, pl, say("地点"))
			events = append(events, ev)
		}
		g.AddRel(schema.Reports, art, ev, say("会议"))
		for i, k := 0, 4+r.IntN(5); i < k; i++ {
			pi := skew(persons)
			name := fmt.Sprintf("人物%d", pi)
			p := g.AddNode(schema.Person, graph.PersonKey(name), graph.Props{
				"name": name, "aliases": []string{fmt.Sprintf("%s同志", name)},
			}).Ref()
			oi := (pi*7 + r.IntN(3)) % orgs
			oname := fmt.Sprintf("机构%d", oi)
			o := g.AddNode(schema.Organization, graph.OrgKey(oname), graph.Props{
				"name": oname, "aliases": []string{fmt.Sprintf("简称%d", oi)}, "kind": "government",
			}).Ref()
			t := titles[(pi+r.IntN(2))%len(titles)]
			role := g.AddNode(schema.Role, graph.RoleKey(oname, t), graph.Props{"title": t}).Ref()
			g.AddRel(schema.Of, role, o, nil)
			holds := say(name + t)
			holds["firstSeen"], holds["lastSeen"], holds["status"] = d, d, "current"
			g.AddRel(schema.Holds, p, role, holds)
			part := say(name + "出席")
			part["as"] = []string{as[r.IntN(len(as))]}
			g.AddRel(schema.ParticipatedIn, p, ev, part)
			g.AddRel(schema.Mentions, art, p, say(name))
			if r.IntN(2) == 0 {
				g.AddRel(schema.Mentions, art, o, say(oname))
			}
			if oi%10 == 1 {
				parent := g.AddNode(schema.Organization, graph.OrgKey(fmt.Sprintf("机构%d", oi-1)), graph.Props{
					"name": fmt.Sprintf("机构%d", oi-1), "aliases": []string{},
				}).Ref()
				g.AddRel(schema.PartOf, o, parent, nil)
			}
		}
		if r.IntN(3) == 0 {
			oname := fmt.Sprintf("机构%d", skew(orgs))
			o := g.AddNode(schema.Organization, graph.OrgKey(oname), graph.Props{"name": oname, "aliases": []string{}}).Ref()
			part := say(oname + "参加")
			part["as"] = []string{"signatory"}
			g.AddRel(schema.ParticipatedIn, o, ev, part)
		}
	}
	return g
}

// writeCorpus writes g as the APOC JSON lines `newsgraph load --graph` reads.
func writeCorpus(t testing.TB, g *graph.Graph) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := jsonl.Write(t.Context(), f, g); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCorpusSize(t *testing.T) {
	for _, n := range []int{100, 4500} {
		g := corpus(1, n)
		nodes, rels := g.Len()
		t.Logf("%d articles: %d nodes, %d relationships", n, nodes, rels)
		if rels < n*15 {
			t.Errorf("%d articles gave %d relationships, want at least %d", n, rels, n*15)
		}
	}
}
