package eval_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/eval"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// builder makes small graphs the way the extractor shapes them.
type builder struct{ g *graph.Graph }

func newGraph() *builder { return &builder{graph.New()} }

func (b *builder) person(name string) graph.Ref {
	return b.g.AddNode(schema.Person, graph.PersonKey(name), graph.Props{"name": name}).Ref()
}

func (b *builder) org(name string, aliases ...string) graph.Ref {
	return b.g.AddNode(schema.Organization, graph.OrgKey(name), graph.Props{"name": name, "aliases": append([]string{}, aliases...)}).Ref()
}

// role gives person the title at orgs (none: a role with no OF).
func (b *builder) role(person, title string, orgs ...graph.Ref) {
	orgName := ""
	if len(orgs) > 0 {
		orgName = strings.TrimPrefix(orgs[0].Key, "org:")
	}
	r := b.g.AddNode(schema.Role, graph.RoleKey(orgName, title), graph.Props{"title": title}).Ref()
	b.g.AddRel(schema.Holds, b.person(person), r, graph.Props{"status": "current"})
	for _, o := range orgs {
		b.g.AddRel(schema.Of, r, o, nil)
	}
}

func (b *builder) event(name, date string) graph.Ref {
	props := graph.Props{"name": name, "kind": "meeting"}
	if date != "" {
		props["date"] = date
	}
	return b.g.AddNode(schema.Event, graph.EventKey(date, name), props).Ref()
}

// took says who took part in ev; as is a []string, a string or nil.
func (b *builder) took(who, ev graph.Ref, as any) {
	props := graph.Props{}
	if as != nil {
		props["as"] = as
	}
	b.g.AddRel(schema.ParticipatedIn, who, ev, props)
}

func (b *builder) article(title string) {
	b.g.AddNode(schema.Article, graph.ArticleKey(title), graph.Props{"title": title, "source": "test"})
}

type scoreCase struct {
	name     string
	gold     string // a gold file's JSON
	graph    func() *graph.Graph
	want     eval.Counts
	dates    eval.Fraction
	as       eval.Fraction
	articles eval.ArticleCount
}

// scoreCases are small gold and graph pairs, one or two categories each; TestScore checks
// them against hand counts and TestScoreCasesMatchScorePy against score.py.
var scoreCases = []scoreCase{
	{
		name: "persons: hits, misses, spurious, optional, whitespace",
		gold: `{"persons": ["李强", "龚正", "吴清"], "optional_persons": ["诸葛宇杰"], "orgs": [], "roles": []}`,
		graph: func() *graph.Graph {
			b := newGraph()
			for _, n := range []string{"李 强", "龚正", "诸葛宇杰", "张三"} {
				b.person(n)
			}
			return b.g
		},
		want: eval.Counts{Persons: eval.Count{TP: 2, FP: 1, FN: 1}},
	},
	{
		name: "orgs: aliases, a second node for one body, optional, NFKC, 中国共产党",
		gold: `{"persons": [], "roles": [],
			"orgs": [["中国移动通信集团有限公司", "中国移动"], ["中共上海市委", "上海市委", "市委"],
			         ["上海市人民政府", "上海市政府"], ["深圳市ＡＩ产业协会"],
			         ["中共江苏省委", "中国共产党江苏省委员会"]],
			"optional_orgs": [["复旦大学"]]}`,
		graph: func() *graph.Graph {
			b := newGraph()
			b.org("中国移动")                     // the short name: body 0
			b.org("中国移动通信集团有限公司", "中国移动通信集团") // body 0 again: a false positive
			b.org("上海市委员会", "上海市委")           // by its alias: body 1
			b.org("复旦大学")                     // optional
			b.org("研究部署")                     // not a body
			b.org("深圳市AI产业协会")                // NFKC: body 3
			b.org("中共江苏省委员会")                 // 中国共产党 → 中共: body 4
			return b.g
		},
		want: eval.Counts{Orgs: eval.Count{TP: 4, FP: 2, FN: 1}},
	},
	{
		name: "roles: the body by any of its gold names, a list of names, a wrong body",
		gold: `{"persons": ["李强", "龚正", "杨杰", "吴清"],
			"orgs": [["中共上海市委", "上海市委", "市委"], ["上海市人民政府", "上海市政府"],
			         ["中国移动通信集团有限公司", "中国移动"]],
			"roles": [
				{"person": "李强", "title": "书记", "org": "中共上海市委"},
				{"person": "龚正", "title": "市长", "org": "上海市人民政府"},
				{"person": "杨杰", "title": "董事长", "org": ["中国移动通信集团有限公司"]},
				{"person": "吴清", "title": "副市长", "org": "上海市人民政府"}]}`,
		graph: func() *graph.Graph {
			b := newGraph()
			party, gov, cmcc := b.org("上海市委"), b.org("上海市政府"), b.org("中国移动")
			b.role("李强", "书记", party)
			b.role("龚正", "市长", gov)
			b.role("杨杰", "董事长", cmcc)
			b.role("吴清", "副市长", party)
			return b.g
		},
		want: eval.Counts{
			Persons: eval.Count{TP: 4},
			Orgs:    eval.Count{TP: 3},
			Roles:   eval.Count{TP: 3, FP: 1, FN: 1},
		},
	},
	{
		name: "roles: optional body, no body, title alternatives, optional roles",
		gold: `{"persons": ["习近平", "赵乐际", "刘秉钧", "诸葛宇杰"],
			"orgs": [["中共中央", "党中央"], ["成都市人民政府", "市政府"]],
			"optional_orgs": [["全国人大常委会"]],
			"roles": [
				{"person": "习近平", "title": "总书记", "org": "中共中央", "org_optional": true},
				{"person": "赵乐际", "title": "委员长", "org": null},
				{"person": "刘秉钧", "title": "常务副市长|副市长", "org": "成都市人民政府"}],
			"optional_roles": [{"person": "诸葛宇杰", "title": "市领导|领导"}]}`,
		graph: func() *graph.Graph {
			b := newGraph()
			b.role("习近平", "总书记")
			b.role("赵乐际", "委员长", b.org("全国人大常委会"))
			b.role("刘秉钧", "副市长", b.org("成都市人民政府"))
			b.role("诸葛宇杰", "领导")
			b.role("诸葛宇杰", "书记")
			return b.g
		},
		want: eval.Counts{
			Persons: eval.Count{TP: 4},
			Orgs:    eval.Count{TP: 1, FN: 1},
			Roles:   eval.Count{TP: 3, FP: 1},
		},
	},
	{
		name: "roles: a gold role matches one prediction",
		gold: `{"persons": ["李强"], "orgs": [["中共上海市委", "上海市委"]],
			"roles": [{"person": "李强", "title": "书记", "org": "中共上海市委"}]}`,
		graph: func() *graph.Graph {
			b := newGraph()
			b.role("李强", "书记", b.org("上海市委"))
			b.role("李强", "书记", b.org("中共上海市委"))
			return b.g
		},
		want: eval.Counts{
			Persons: eval.Count{TP: 1},
			Orgs:    eval.Count{TP: 1, FP: 1},
			Roles:   eval.Count{TP: 1, FP: 1},
		},
	},
	{
		name: "events: every key group, '|' alternatives, duplicates, optional, dates",
		gold: `{"persons": [], "orgs": [], "roles": [],
			"events": [
				{"id": "e1", "date": "2021-05-27", "keys": ["协作小组", "会议"]},
				{"id": "e2", "date": "2021-05-27", "keys": ["质量奖|颁奖"]},
				{"id": "e3", "keys": ["会见"]},
				{"id": "e4", "date": "2021-05-27", "keys": ["防汛"]}],
			"optional_events": [{"keys": ["全国两会"]}]}`,
		graph: func() *graph.Graph {
			b := newGraph()
			b.event("长三角区域生态环境保护协作小组第一次会议", "2021-05-27") // e1, date right
			b.event("协作小组", "2021-05-27")                 // lacks 会议
			b.event("2020年度上海市市长质量奖颁奖仪式", "2021-05-26")   // e2, date wrong
			b.event("颁奖典礼", "")                           // e2 again
			b.event("会见中国移动客人", "2021-05-27")             // e3, no gold date
			b.event("学习全国两会精神", "")                       // optional
			return b.g
		},
		want:  eval.Counts{Events: eval.Count{TP: 3, FP: 2, FN: 1}},
		dates: eval.Fraction{Right: 1, Total: 2},
	},
	{
		name: "participation: matched events, parts, optional events, organizations not scored",
		gold: `{"persons": ["李强", "龚正", "吴清", "杨杰"], "orgs": [["中国移动"]], "roles": [],
			"events": [{"id": "e1", "keys": ["会议"]}, {"id": "e2", "keys": ["签约|签署"]}],
			"optional_events": [{"keys": ["座谈会"]}],
			"participation": [
				{"person": "李强", "event": "e1", "as": ["host", "speaker"]},
				{"person": "龚正", "event": "e1", "as": ["attendee"]},
				{"person": "吴清", "event": "e2", "as": ["signatory"]},
				{"person": "杨杰", "event": "e2", "as": ["attendee"]}]}`,
		graph: func() *graph.Graph {
			b := newGraph()
			e1, e2 := b.event("第一次会议", ""), b.event("战略合作签约仪式", "")
			opt, other := b.event("企业座谈会", ""), b.event("参观活动", "")
			li, gong, wu := b.person("李强"), b.person("龚正"), b.person("吴清")
			b.took(li, e1, []string{"host"})      // right part
			b.took(gong, e1, []string{"speaker"}) // wrong part
			b.took(wu, e2, "signatory")           // one part, not a list
			b.took(li, opt, []string{"attendee"}) // at an optional event
			b.took(gong, other, nil)              // at an event not in the gold
			b.took(b.org("中国移动"), e2, []string{"signatory"})
			return b.g
		},
		want: eval.Counts{
			Persons:       eval.Count{TP: 3, FN: 1},
			Orgs:          eval.Count{TP: 1},
			Events:        eval.Count{TP: 2, FP: 1},
			Participation: eval.Count{TP: 3, FP: 1, FN: 1},
		},
		as: eval.Fraction{Right: 2, Total: 3},
	},
	{
		name: "articles: found, expected, titled",
		gold: `{"persons": [], "orgs": [], "roles": [],
			"articles": [{"title_keys": ["协作小组|生态绿色一体化"]}, {"title_keys": ["防汛"]}, {"title_keys": ["质量"]}]}`,
		graph: func() *graph.Graph {
			b := newGraph()
			b.article("推进生态绿色一体化 共建美丽和谐长三角")
			b.article("全市防汛工作会议")
			return b.g
		},
		articles: eval.ArticleCount{Found: 2, Expected: 3, Titled: 2},
	},
	{
		name:  "empty gold, empty graph",
		gold:  `{"persons": [], "orgs": [], "roles": []}`,
		graph: func() *graph.Graph { return graph.New() },
	},
	{
		name:  "no graph is an empty prediction",
		gold:  `{"persons": ["李强"], "orgs": [["国务院"]], "roles": [{"person": "李强", "title": "总理", "org": "国务院"}]}`,
		graph: func() *graph.Graph { return nil },
		want: eval.Counts{
			Persons: eval.Count{FN: 1},
			Orgs:    eval.Count{FN: 1},
			Roles:   eval.Count{FN: 1},
		},
	},
}

// caseGold writes a case's gold into dir (so that reports name the same path as score.py
// prints) and loads it.
func caseGold(t *testing.T, dir string, i int, c scoreCase) *eval.Gold {
	t.Helper()
	path := filepath.Join(dir, "case"+string(rune('a'+i))+".gold.json")
	if err := os.WriteFile(path, []byte(c.gold), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := eval.LoadGold(path)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestScore(t *testing.T) {
	dir := t.TempDir()
	for i, c := range scoreCases {
		t.Run(c.name, func(t *testing.T) {
			gold := caseGold(t, dir, i, c)
			got := eval.Score([]*eval.Gold{gold}, []*graph.Graph{c.graph()})
			if got.Counts != c.want {
				t.Errorf("counts\n got %+v\nwant %+v\n%s", got.Counts, c.want, got.Verbose())
			}
			if got.EventDates != c.dates {
				t.Errorf("event dates: got %v, want %v", got.EventDates, c.dates)
			}
			if got.ParticipationAs != c.as {
				t.Errorf("participation as: got %v, want %v", got.ParticipationAs, c.as)
			}
			if got.Articles != c.articles {
				t.Errorf("articles: got %v, want %v", got.Articles, c.articles)
			}
			if len(got.Pairs) != 1 || got.Pairs[0].Counts != got.Counts {
				t.Errorf("one pair's report should hold the totals: %+v", got.Pairs)
			}
		})
	}
}

func TestScoreAddsPairsUp(t *testing.T) {
	dir := t.TempDir()
	var golds []*eval.Gold
	var graphs []*graph.Graph
	var want eval.Counts
	for i, c := range scoreCases {
		golds = append(golds, caseGold(t, dir, i, c))
		graphs = append(graphs, c.graph())
		for _, p := range []struct{ sum, add *eval.Count }{
			{&want.Persons, &c.want.Persons}, {&want.Orgs, &c.want.Orgs}, {&want.Roles, &c.want.Roles},
			{&want.Events, &c.want.Events}, {&want.Participation, &c.want.Participation},
		} {
			p.sum.TP += p.add.TP
			p.sum.FP += p.add.FP
			p.sum.FN += p.add.FN
		}
	}
	got := eval.Score(golds, graphs)
	if got.Counts != want {
		t.Errorf("got %+v, want %+v", got.Counts, want)
	}
	if len(got.Pairs) != len(scoreCases) {
		t.Errorf("got %d pair reports, want %d", len(got.Pairs), len(scoreCases))
	}
	if tr := got.Triples(); tr.TP != want.Roles.TP+want.Participation.TP || tr.FP != want.Roles.FP+want.Participation.FP {
		t.Errorf("triples %+v are not roles %+v plus participation %+v", tr, want.Roles, want.Participation)
	}
}

func TestCountPRF(t *testing.T) {
	tests := []struct {
		name     string
		c        eval.Count
		p, r, f1 float64
	}{
		{name: "nothing to find, nothing found", c: eval.Count{}, p: 1, r: 1, f1: 1},
		{name: "all missed", c: eval.Count{FN: 3}, p: 0, r: 0, f1: 0},
		{name: "only spurious", c: eval.Count{FP: 2}, p: 0, r: 1, f1: 0},
		{name: "mixed", c: eval.Count{TP: 2, FP: 1, FN: 1}, p: 2.0 / 3, r: 2.0 / 3, f1: 2.0 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f1 := tt.c.PRF()
			if p != tt.p || r != tt.r || f1 != tt.f1 {
				t.Errorf("got %v %v %v, want %v %v %v", p, r, f1, tt.p, tt.r, tt.f1)
			}
		})
	}
}

func TestReportFormats(t *testing.T) {
	r := eval.Result{
		Counts:          eval.Counts{Persons: eval.Count{TP: 2, FP: 1}, Roles: eval.Count{TP: 1, FN: 2}},
		EventDates:      eval.Fraction{Right: 1, Total: 2},
		ParticipationAs: eval.Fraction{},
		Pairs:           []eval.PairReport{{Gold: "a.gold.json", Lines: []string{"  persons missed: []  spurious: ['张三']"}}},
	}
	wantText := `persons        P 0.667  R 1.000  F1 0.800
orgs           P 1.000  R 1.000  F1 1.000
roles          P 1.000  R 0.333  F1 0.500
events         P 1.000  R 1.000  F1 1.000
participation  P 1.000  R 1.000  F1 1.000
triples        P 1.000  R 0.333  F1 0.500
event_dates_right 1/2
participation_as_right 0/0
triples F1 0.500`
	if got := r.String(); got != wantText {
		t.Errorf("String:\n%s\nwant:\n%s", got, wantText)
	}
	wantJSON := `{"persons": {"p": 0.667, "r": 1.0, "f1": 0.8}, "orgs": {"p": 1.0, "r": 1.0, "f1": 1.0}, ` +
		`"roles": {"p": 1.0, "r": 0.333, "f1": 0.5}, "events": {"p": 1.0, "r": 1.0, "f1": 1.0}, ` +
		`"participation": {"p": 1.0, "r": 1.0, "f1": 1.0}, "triples": {"p": 1.0, "r": 0.333, "f1": 0.5}, ` +
		`"event_dates_right": "1/2", "participation_as_right": "0/0"}`
	if got := r.JSON(); got != wantJSON {
		t.Errorf("JSON:\n%s\nwant:\n%s", got, wantJSON)
	}
	wantReport := "a.gold.json:\n  persons missed: []  spurious: ['张三']\n" + wantJSON + "\ntriples F1 0.500\n"
	if got := r.Report(true, true); got != wantReport {
		t.Errorf("Report(verbose, json):\n%s\nwant:\n%s", got, wantReport)
	}
	r.Articles = eval.ArticleCount{Found: 3, Expected: 2, Titled: 1}
	if got := r.String(); !strings.Contains(got, "\narticles       3 found, 2 expected, 1 titled right\ntriples F1 0.500") {
		t.Errorf("String with articles:\n%s", got)
	}
}
