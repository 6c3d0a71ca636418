package exporttest

import (
	"iter"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Nasty values, each used somewhere in Graph.
const (
	Quotes    = `他说："不忘初心" and 'single' and "double"`
	Backslash = `C:\news\2021\a.txt \n is not a newline \\ \u2028`
	Newlines  = "line one\nline two\r\nline three\ttabbed"
	LineSep   = "before\u2028after\u2029paragraph"
	Script    = `</script><script>alert("x")</script><!-- -->`
	Injection = `'}) MATCH (n) DETACH DELETE n; // ";
CREATE (x)`
	Delims = `a,b;c|d "e" 、；，`
)

// Evidence is the sentence Graph gives as the evidence of 李强's HOLDS; the HTML test
// looks for it after clicking him.
const Evidence = "上海市委书记、协作小组组长李强主持会议并讲话。"

// ArticleTitle is the title of the one article, which evidence is shown with.
const ArticleTitle = "长三角区域生态环境保护协作小组会议召开 " + Script

// RelsFailing yields g's relationships in order up to the one at index at, then err in its
// place: a spilled run's file cut short, for the writers that read relationships as a
// stream.
func RelsFailing(g *graph.Graph, at int, err error) iter.Seq2[*graph.Rel, error] {
	return func(yield func(*graph.Rel, error) bool) {
		for i, r := range g.Rels() {
			if i == at {
				yield(nil, err)
				return
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

// Graph returns a fresh copy of the nasty graph.
func Graph() *graph.Graph {
	g := graph.New()
	art := g.AddNode(schema.Article, "article:0123456789ab", graph.Props{
		"title": ArticleTitle, "source": Backslash, "date": "2021-05-28", "paper": Quotes,
	}).Ref()
	li := g.AddNode(schema.Person, graph.PersonKey("李强"), graph.Props{
		"name": "李强", "aliases": []string{Quotes, Newlines},
	}).Ref()
	odd := g.AddNode(schema.Person, graph.PersonKey(`O'Neil "\`+"\u2028"), graph.Props{
		"name": `O'Neil "\` + "\u2028", "aliases": []string{LineSep, Script, Injection},
	}).Ref()
	org := g.AddNode(schema.Organization, graph.OrgKey("中共上海市委"), graph.Props{
		"name": "中共上海市委", "aliases": []string{"上海市委", Delims}, "kind": "party",
	}).Ref()
	empty := g.AddNode(schema.Organization, graph.OrgKey("MATCH"), graph.Props{
		"name": "MATCH", "aliases": []string{},
	}).Ref()
	role := g.AddNode(schema.Role, graph.RoleKey("中共上海市委", "书记"), graph.Props{"title": "书记"}).Ref()
	bare := g.AddNode(schema.Role, graph.RoleKey("", Injection), graph.Props{"title": Injection}).Ref()
	ev := g.AddNode(schema.Event, graph.EventKey("2021-05-27", "长三角区域生态环境保护协作小组第一次会议"), graph.Props{
		"name": "长三角区域生态环境保护协作小组第一次会议", "kind": "meeting", "date": "2021-05-27", "place": "无锡",
		"attendance": int64(42), "score": 0.5, "confirmed": true,
	}).Ref()
	place := g.AddNode(schema.Place, graph.PlaceKey("无锡"), graph.Props{"name": "无锡"}).Ref()

	prov := func(sentence string) graph.Props { return graph.Provenance(art.Key, sentence) }
	with := func(p graph.Props, more graph.Props) graph.Props {
		for k, v := range more {
			p[k] = v
		}
		return p
	}
	g.AddRel(schema.Holds, li, role, with(prov(Evidence), graph.Props{
		"firstSeen": "2021-05-28", "lastSeen": "2021-05-28", "status": "current",
	}))
	g.AddRel(schema.Holds, odd, bare, with(prov(Newlines+" "+LineSep), graph.Props{"status": "former"}))
	g.AddRel(schema.Of, role, org, nil)
	g.AddRel(schema.ParticipatedIn, li, ev, with(prov("李强主持会议并讲话。"), graph.Props{"as": []string{"host", "speaker"}}))
	g.AddRel(schema.ParticipatedIn, empty, ev, with(prov(Script), graph.Props{"as": []string{"attendee"}}))
	g.AddRel(schema.HeldIn, ev, place, prov("5月27日下午,长三角区域生态环境保护协作小组第一次会议在江苏无锡召开。"))
	g.AddRel(schema.PartOf, empty, org, nil)
	g.AddRel(schema.Reports, art, ev, prov(Quotes))
	g.AddRel(schema.Mentions, art, li, prov(Evidence))
	g.AddRel(schema.Mentions, art, odd, prov(Backslash))
	g.AddRel(schema.Mentions, art, org, prov(Delims))
	return g
}
