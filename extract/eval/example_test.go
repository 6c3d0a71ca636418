package eval_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/extract/eval"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

func ExampleScore() {
	gold, err := eval.ParseGold("page.gold.json", []byte(`{
		"persons": ["李强", "龚正"],
		"orgs": [["中共上海市委", "上海市委", "市委"]],
		"roles": [{"person": "李强", "title": "书记", "org": "中共上海市委"},
		          {"person": "龚正", "title": "副书记", "org": "中共上海市委"}],
		"events": [{"id": "e1", "date": "2021-05-27", "keys": ["协作小组", "会议"]}],
		"participation": [{"person": "李强", "event": "e1", "as": ["host"]}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}

	g := graph.New()
	li := g.AddNode(schema.Person, graph.PersonKey("李强"), graph.Props{"name": "李强"}).Ref()
	party := g.AddNode(schema.Organization, graph.OrgKey("中共上海市委"), graph.Props{"name": "中共上海市委", "aliases": []string{"上海市委"}}).Ref()
	secretary := g.AddNode(schema.Role, graph.RoleKey("中共上海市委", "书记"), graph.Props{"title": "书记"}).Ref()
	g.AddRel(schema.Holds, li, secretary, nil)
	g.AddRel(schema.Of, secretary, party, nil)
	meeting := g.AddNode(schema.Event, graph.EventKey("2021-05-27", "长三角区域生态环境保护协作小组第一次会议"),
		graph.Props{"name": "长三角区域生态环境保护协作小组第一次会议", "date": "2021-05-27"}).Ref()
	g.AddRel(schema.ParticipatedIn, li, meeting, graph.Props{"as": []string{"host", "speaker"}})

	r := eval.Score([]*eval.Gold{gold}, []*graph.Graph{g})
	fmt.Print(r.Verbose())
	fmt.Println(r)
	// Output:
	// page.gold.json:
	//   persons missed: ['龚正']  spurious: []
	//   orgs missed: []  spurious: []
	//   roles missed: ['龚正|副书记|中共上海市委']
	//   roles spurious: []
	//   events missed: []  spurious/duplicate: []
	//   participation missed: []
	//   participation spurious: []
	// persons        P 1.000  R 0.500  F1 0.667
	// orgs           P 1.000  R 1.000  F1 1.000
	// roles          P 1.000  R 0.500  F1 0.667
	// events         P 1.000  R 1.000  F1 1.000
	// participation  P 1.000  R 1.000  F1 1.000
	// triples        P 1.000  R 0.667  F1 0.800
	// event_dates_right 1/1
	// participation_as_right 1/1
	// triples F1 0.800
}
