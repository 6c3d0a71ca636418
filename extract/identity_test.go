package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// fact is one thing an article says, for building test graphs the way Extract does.
type fact struct {
	person, title, org, kind, status string
	orgAliases                       []string
	event                            string // the person took part in this event
}

// holds says person holds title at org (of kind); an empty org is a role with no body.
func holds(person, title, org, kind string) fact {
	return fact{person: person, title: title, org: org, kind: kind, status: "current"}
}

// former is holds with status former (原…).
func former(person, title, org, kind string) fact {
	f := holds(person, title, org, kind)
	f.status = "former"
	return f
}

// mention says the article names person and nothing else of them.
func mention(person string) fact { return fact{person: person} }

// attends says person took part in event.
func attends(person, event string) fact { return fact{person: person, event: event} }

// body says the article names org of kind, with aliases it teaches.
func body(org, kind string, aliases ...string) fact {
	return fact{org: org, kind: kind, orgAliases: aliases}
}

// article builds one article's graph as Extract would: the article, its persons and
// organizations with MENTIONS, roles with HOLDS (dated) and OF, participation.
func article(key, date string, facts ...fact) *graph.Graph {
	g := graph.New()
	art := g.AddNode(schema.Article, key, graph.Props{"title": key, "source": key + ".txt", "date": date}).Ref()
	say := func(what string) graph.Props { return graph.Provenance(key, key+"说"+what+"。") }
	addOrg := func(f fact) graph.Ref {
		p := graph.Props{"name": f.org, "aliases": append([]string{}, f.orgAliases...)}
		if f.kind != "" {
			p["kind"] = f.kind
		}
		ref := g.AddNode(schema.Organization, graph.OrgKey(f.org), p).Ref()
		g.AddRel(schema.Mentions, art, ref, say(f.org))
		return ref
	}
	for _, f := range facts {
		if f.person == "" {
			addOrg(f)
			continue
		}
		p := g.AddNode(schema.Person, graph.PersonKey(f.person), graph.Props{"name": f.person}).Ref()
		g.AddRel(schema.Mentions, art, p, say(f.person))
		switch {
		case f.event != "":
			ev := g.AddNode(schema.Event, graph.EventKey(date, f.event), graph.Props{"name": f.event, "kind": "meeting", "date": date}).Ref()
			props := say(f.person + "出席" + f.event)
			props["as"] = []string{"attendee"}
			g.AddRel(schema.ParticipatedIn, p, ev, props)
		case f.title != "":
			role := g.AddNode(schema.Role, graph.RoleKey(f.org, f.title), graph.Props{"title": f.title}).Ref()
			props := say(f.org + f.title + f.person)
			props["firstSeen"], props["lastSeen"], props["status"] = date, date, f.status
			g.AddRel(schema.Holds, p, role, props)
			if f.org != "" {
				g.AddRel(schema.Of, role, addOrg(f), nil)
			}
		}
	}
	return g
}

// corpus merges article graphs in order, as Run does.
func corpus(arts ...*graph.Graph) *graph.Graph {
	g := graph.New()
	for _, a := range arts {
		g.Merge(a)
	}
	return g
}

var (
	testIdentityOnce sync.Once
	testIdentity     *Identity
	testIdentityErr  error
)

// identity returns the identity pass with the built-in lexicons.
func identity(t testing.TB) *Identity {
	t.Helper()
	testIdentityOnce.Do(func() { testIdentity, testIdentityErr = NewIdentity(nil) })
	if testIdentityErr != nil {
		t.Fatal(testIdentityErr)
	}
	return testIdentity
}

// personRoles returns, for every Person node of g, its key and its roles as
// "org/title", sorted: "person:刘伟 [应急管理部/副部长]".
func personRoles(g *graph.Graph) []string {
	var out []string
	for _, n := range g.NodesOf(schema.Person) {
		var roles []string
		for _, r := range g.RelsOf(schema.Holds) {
			if r.Start == n.Ref() {
				roles = append(roles, strings.TrimPrefix(r.End.Key, "role:"))
			}
		}
		slices.Sort(roles)
		out = append(out, fmt.Sprintf("%s %v", n.Key, roles))
	}
	return out
}

const (
	kindGov      = "government"
	kindParty    = "party"
	kindMinistry = "ministry"
	kindCompany  = "company"
	kindUniv     = "university"
)

// TestResolvePersons: constructed cases both ways — what must stay one person, what
// must become two.
func TestResolvePersons(t *testing.T) {
	tests := []struct {
		name string
		arts []*graph.Graph
		want []string
	}{
		{"one body, two titles over time", []*graph.Graph{
			article("article:a1", "2019-04-10", holds("秦思远", "副市长", "苏州市人民政府", kindGov)),
			article("article:a2", "2020-06-18", holds("秦思远", "市长", "苏州市人民政府", kindGov)),
		}, []string{"person:秦思远 [苏州市人民政府/副市长 苏州市人民政府/市长]"}},
		{"government to party committee of one place, then the province", []*graph.Graph{
			article("article:a1", "2020-06-18", holds("秦思远", "市长", "苏州市人民政府", kindGov)),
			article("article:a2", "2021-09-23", holds("秦思远", "书记", "中共苏州市委", kindParty)),
			article("article:a3", "2022-11-30", holds("秦思远", "副省长", "江苏省人民政府", kindGov)),
		}, []string{"person:秦思远 [中共苏州市委/书记 江苏省人民政府/副省长 苏州市人民政府/市长]"}},
		{"a local post, then a central one", []*graph.Graph{
			article("article:a1", "2021-05-28", holds("李强", "书记", "中共上海市委", kindParty)),
			article("article:a2", "2023-03-12", holds("李强", "总理", "国务院", kindGov)),
		}, []string{"person:李强 [中共上海市委/书记 国务院/总理]"}},
		{"a university, then a ministry", []*graph.Graph{
			article("article:a1", "2020-09-10", holds("上官清", "校长", "云岭大学", kindUniv)),
			article("article:a2", "2022-07-14", holds("上官清", "副部长", "教育部", kindMinistry)),
		}, []string{"person:上官清 [云岭大学/校长 教育部/副部长]"}},
		{"two companies", []*graph.Graph{
			article("article:a1", "2021-03-25", holds("呼延青", "总经理", "滇池建设投资有限公司", kindCompany)),
			article("article:a2", "2023-02-08", holds("呼延青", "董事长", "澜沧新能源科技集团有限公司", kindCompany)),
		}, []string{"person:呼延青 [滇池建设投资有限公司/总经理 澜沧新能源科技集团有限公司/董事长]"}},
		{"a title with no body tells nothing", []*graph.Graph{
			article("article:a1", "2021-05-28", holds("刘伟", "副部长", "应急管理部", kindMinistry)),
			article("article:a2", "2021-06-16", holds("刘伟", "主任", "", "")),
		}, []string{"person:刘伟 [/主任 应急管理部/副部长]"}},
		{"a mention with no role joins the first", []*graph.Graph{
			article("article:a1", "2021-05-28", holds("刘伟", "副部长", "应急管理部", kindMinistry)),
			article("article:a2", "2021-06-16", holds("刘伟", "总经理", "滇池建设投资有限公司", kindCompany)),
			article("article:a3", "2021-07-01", mention("刘伟")),
		}, []string{"person:刘伟 [应急管理部/副部长]", "person:刘伟#2 [滇池建设投资有限公司/总经理]"}},
		{"a ministry and a company: two persons", []*graph.Graph{
			article("article:a1", "2021-05-28", holds("刘伟", "副部长", "应急管理部", kindMinistry)),
			article("article:a2", "2021-06-16", holds("刘伟", "总经理", "滇池建设投资有限公司", kindCompany)),
			article("article:a3", "2022-01-11", holds("刘伟", "董事长", "滇池建设投资有限公司", kindCompany)),
			article("article:a4", "2022-03-02", holds("刘伟", "副部长", "应急管理部", kindMinistry)),
		}, []string{"person:刘伟 [应急管理部/副部长]", "person:刘伟#2 [滇池建设投资有限公司/总经理 滇池建设投资有限公司/董事长]"}},
		{"keys follow article dates, not input order", []*graph.Graph{
			article("article:a1", "2022-03-02", holds("刘伟", "副部长", "应急管理部", kindMinistry)),
			article("article:a2", "2021-06-16", holds("刘伟", "总经理", "滇池建设投资有限公司", kindCompany)),
		}, []string{"person:刘伟 [滇池建设投资有限公司/总经理]", "person:刘伟#2 [应急管理部/副部长]"}},
		{"one date: the article key decides", []*graph.Graph{
			article("article:b", "2021-06-16", holds("刘伟", "副部长", "应急管理部", kindMinistry)),
			article("article:a", "2021-06-16", holds("刘伟", "总经理", "滇池建设投资有限公司", kindCompany)),
		}, []string{"person:刘伟 [滇池建设投资有限公司/总经理]", "person:刘伟#2 [应急管理部/副部长]"}},
		{"a foreign office and a domestic one", []*graph.Graph{
			article("article:a1", "2023-04-14", holds("卢拉", "总统", "巴西", "other")),
			article("article:a2", "2023-05-01", holds("卢拉", "董事长", "卢拉科技有限公司", kindCompany)),
		}, []string{"person:卢拉 [巴西/总统]", "person:卢拉#2 [卢拉科技有限公司/董事长]"}},
		{"local posts in two provinces in one week", []*graph.Graph{
			article("article:a1", "2023-03-02", holds("东方立新", "副市长", "南京市人民政府", kindGov)),
			article("article:a2", "2023-03-09", holds("东方立新", "副市长", "成都市人民政府", kindGov)),
			article("article:a3", "2023-09-15", holds("东方立新", "副市长", "南京市人民政府", kindGov)),
		}, []string{"person:东方立新 [南京市人民政府/副市长]", "person:东方立新#2 [成都市人民政府/副市长]"}},
		{"local posts in two provinces half a year apart: a transfer", []*graph.Graph{
			article("article:a1", "2023-03-02", holds("东方立新", "副市长", "南京市人民政府", kindGov)),
			article("article:a2", "2023-09-09", holds("东方立新", "副市长", "成都市人民政府", kindGov)),
		}, []string{"person:东方立新 [南京市人民政府/副市长 成都市人民政府/副市长]"}},
		{"a city and its province in one week", []*graph.Graph{
			article("article:a1", "2023-03-02", holds("东方立新", "书记", "中共南京市委", kindParty)),
			article("article:a2", "2023-03-09", holds("东方立新", "常委", "中共江苏省委", kindParty)),
		}, []string{"person:东方立新 [中共南京市委/书记 中共江苏省委/常委]"}},
		{"a former post is no longer held", []*graph.Graph{
			article("article:a1", "2023-03-02", former("东方立新", "副市长", "南京市人民政府", kindGov)),
			article("article:a2", "2023-03-09", holds("东方立新", "副市长", "成都市人民政府", kindGov)),
		}, []string{"person:东方立新 [南京市人民政府/副市长 成都市人民政府/副市长]"}},
		{"an article naming both bodies joins the two", []*graph.Graph{
			article("article:a1", "2021-05-28", holds("刘伟", "副部长", "应急管理部", kindMinistry)),
			article("article:a2", "2021-06-16", holds("刘伟", "总经理", "滇池建设投资有限公司", kindCompany)),
			article("article:a3", "2022-01-11", holds("刘伟", "副部长", "应急管理部", kindMinistry), holds("刘伟", "董事", "滇池建设投资有限公司", kindCompany)),
		}, []string{"person:刘伟 [应急管理部/副部长 滇池建设投资有限公司/总经理 滇池建设投资有限公司/董事]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := corpus(tt.arts...)
			identity(t).Resolve(g)
			if got := personRoles(g); !slices.Equal(got, tt.want) {
				t.Errorf("persons:\n got %q\nwant %q", got, tt.want)
			}
			checkClosed(t, g)
		})
	}
}

// checkClosed fails when a relationship has an end that is not a node, or a person's
// MENTIONS or HOLDS name a source no article of the person's own holds.
func checkClosed(t *testing.T, g *graph.Graph) {
	t.Helper()
	for _, r := range g.Rels() {
		if g.Node(r.Start) == nil || g.Node(r.End) == nil {
			t.Errorf("%s: an end is no node", r.ID())
		}
		sources, _ := r.Props["sources"].([]string)
		evidence, _ := r.Props["evidence"].([]string)
		if len(evidence) > len(sources) || len(evidence) > graph.MaxEvidence {
			t.Errorf("%s: %d sentences for %d sources", r.ID(), len(evidence), len(sources))
		}
		for i, e := range evidence {
			if !strings.HasPrefix(e, sources[i]) {
				t.Errorf("%s: sentence %q is not from %s", r.ID(), e, sources[i])
			}
		}
		if r.Type == schema.Mentions && len(sources) != 1 {
			t.Errorf("%s: MENTIONS with sources %v", r.ID(), sources)
		}
	}
}

func TestResolveSplitKeepsEvidence(t *testing.T) {
	g := corpus(
		article("article:a1", "2021-05-28", holds("刘伟", "副部长", "应急管理部", kindMinistry), attends("刘伟", "防汛会议")),
		article("article:a2", "2021-06-16", holds("刘伟", "总经理", "滇池建设投资有限公司", kindCompany), attends("刘伟", "防汛会议")),
		article("article:a3", "2022-01-11", holds("刘伟", "总经理", "滇池建设投资有限公司", kindCompany)),
	)
	rep := identity(t).Resolve(g)
	if !slices.Equal(rep.Split, []string{"刘伟"}) {
		t.Errorf("Split = %v", rep.Split)
	}
	one, two := graph.Ref{Label: schema.Person, Key: "person:刘伟"}, graph.Ref{Label: schema.Person, Key: "person:刘伟#2"}
	if n := g.Node(two); n == nil || n.Props["name"] != "刘伟" {
		t.Fatalf("person:刘伟#2 = %+v", n)
	}
	// the event both attended is cut in two, each part with its own article
	ev := graph.Ref{Label: schema.Event, Key: graph.EventKey("2021-05-28", "防汛会议")}
	ev2 := graph.Ref{Label: schema.Event, Key: graph.EventKey("2021-06-16", "防汛会议")}
	for _, c := range []struct {
		typ        string
		start, end graph.Ref
		sources    []string
		first      string
		last       string
	}{
		{schema.ParticipatedIn, one, ev, []string{"article:a1"}, "", ""},
		{schema.ParticipatedIn, two, ev2, []string{"article:a2"}, "", ""},
		{schema.Holds, two, graph.Ref{Label: schema.Role, Key: graph.RoleKey("滇池建设投资有限公司", "总经理")}, []string{"article:a2", "article:a3"}, "2021-06-16", "2022-01-11"},
		{schema.Mentions, graph.Ref{Label: schema.Article, Key: "article:a3"}, two, []string{"article:a3"}, "", ""},
		{schema.Mentions, graph.Ref{Label: schema.Article, Key: "article:a1"}, one, []string{"article:a1"}, "", ""},
	} {
		r := g.Rel(c.typ, c.start, c.end)
		if r == nil {
			t.Errorf("no %s %s -> %s", c.typ, c.start.Key, c.end.Key)
			continue
		}
		if got := r.Props["sources"]; !reflect.DeepEqual(got, c.sources) {
			t.Errorf("%s sources %v, want %v", r.ID(), got, c.sources)
		}
		if c.first != "" && (r.Props["firstSeen"] != c.first || r.Props["lastSeen"] != c.last) {
			t.Errorf("%s seen %v–%v, want %s–%s", r.ID(), r.Props["firstSeen"], r.Props["lastSeen"], c.first, c.last)
		}
	}
	if r := g.Rel(schema.Mentions, graph.Ref{Label: schema.Article, Key: "article:a2"}, one); r != nil {
		t.Errorf("person:刘伟 kept the mention of article a2")
	}
	checkClosed(t, g)
}

// TestResolveOrgs: aliases across articles, both ways.
func TestResolveOrgs(t *testing.T) {
	const full = "澜沧新能源科技集团有限公司"
	tests := []struct {
		name string
		arts []*graph.Graph
		want []string // Organization keys with their aliases
	}{
		{"a short name an article taught", []*graph.Graph{
			article("article:a1", "2022-03-02", body(full, kindCompany, "澜沧集团"), holds("欧阳明远", "董事长", full, kindCompany)),
			article("article:a2", "2022-05-11", holds("司马青云", "总经理", "澜沧集团", kindCompany)),
		}, []string{"org:澜沧新能源科技集团有限公司 [澜沧集团]"}},
		{"the short name first, the full name later", []*graph.Graph{
			article("article:a1", "2022-03-02", holds("司马青云", "总经理", "澜沧集团", kindCompany)),
			article("article:a2", "2022-05-11", body(full, kindCompany, "澜沧集团")),
		}, []string{"org:澜沧新能源科技集团有限公司 [澜沧集团]"}},
		{"a relative name never matches across articles", []*graph.Graph{
			article("article:a1", "2023-03-02", body("中共南京市委", kindParty, "市委", "南京市委")),
			article("article:a2", "2023-03-02", body("中共上海市委", kindParty, "市委")),
			article("article:a3", "2023-03-03", body("市委", kindParty)),
		}, []string{"org:中共上海市委 [市委]", "org:中共南京市委 [南京市委 市委]", "org:市委 []"}},
		{"a short name that keeps no start of the full one stays", []*graph.Graph{
			article("article:a1", "2021-05-28", body("长三角区域生态环境保护协作小组", "group", "协作小组")),
			article("article:a2", "2022-05-28", body("协作小组", "group")),
		}, []string{"org:协作小组 []", "org:长三角区域生态环境保护协作小组 [协作小组]"}},
		{"kinds that disagree stay apart", []*graph.Graph{
			article("article:a1", "2022-03-02", body(full, kindCompany, "澜沧集团")),
			article("article:a2", "2022-05-11", body("澜沧集团", "university")),
		}, []string{"org:澜沧新能源科技集团有限公司 [澜沧集团]", "org:澜沧集团 []"}},
		{"two bodies teach one short name: the one seen first takes it", []*graph.Graph{
			article("article:a2", "2022-05-11", body("澜沧集团有限责任公司", kindCompany, "澜沧集团")),
			article("article:a1", "2022-03-02", body(full, kindCompany, "澜沧集团")),
			article("article:a3", "2022-06-01", body("澜沧集团", kindCompany)),
		}, []string{"org:澜沧新能源科技集团有限公司 [澜沧集团]", "org:澜沧集团有限责任公司 [澜沧集团]"}},
		{"the built-in table decides", []*graph.Graph{
			article("article:a1", "2023-02-15", body("发改委", "other")),
			article("article:a2", "2023-04-20", body("国家发展和改革委员会", kindMinistry, "国家发改委")),
		}, []string{"org:国家发展和改革委员会 [发改委 国家发改委]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := corpus(tt.arts...)
			identity(t).Resolve(g)
			var got []string
			for _, n := range g.NodesOf(schema.Organization) {
				got = append(got, fmt.Sprintf("%s %v", n.Key, n.Props["aliases"]))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("organizations:\n got %q\nwant %q", got, tt.want)
			}
			checkClosed(t, g)
		})
	}
	t.Run("roles and their holders move with the body", func(t *testing.T) {
		g := corpus(
			article("article:a1", "2022-03-02", body(full, kindCompany, "澜沧集团"), holds("欧阳明远", "董事长", full, kindCompany)),
			article("article:a2", "2022-05-11", holds("欧阳明远", "董事长", "澜沧集团", kindCompany)),
		)
		rep := identity(t).Resolve(g)
		if rep.OrgsMerged != 1 {
			t.Errorf("OrgsMerged = %d, want 1", rep.OrgsMerged)
		}
		want := []graph.Ref{{Label: schema.Organization, Key: "org:澜沧集团"}, {Label: schema.Role, Key: "role:澜沧集团/董事长"}}
		if !slices.Equal(rep.Retired, want) {
			t.Errorf("Retired = %v, want %v", rep.Retired, want)
		}
		r := g.Rel(schema.Holds, graph.Ref{Label: schema.Person, Key: "person:欧阳明远"}, graph.Ref{Label: schema.Role, Key: graph.RoleKey(full, "董事长")})
		if r == nil {
			t.Fatalf("no HOLDS to the full name's role:\n%s", strings.Join(personRoles(g), "\n"))
		}
		if got, want := r.Props["sources"], []string{"article:a1", "article:a2"}; !reflect.DeepEqual(got, want) {
			t.Errorf("sources %v, want %v", got, want)
		}
		if r.Props["firstSeen"] != "2022-03-02" || r.Props["lastSeen"] != "2022-05-11" {
			t.Errorf("seen %v–%v", r.Props["firstSeen"], r.Props["lastSeen"])
		}
		checkClosed(t, g)
	})
}

// TestResolveDictionary: an analyst's entries decide before inference.
func TestResolveDictionary(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.tsv")
	text := "person\t聂远航\t-\t交通运输部|中国远洋海运集团有限公司\n" +
		"person\t卢拉\t卢拉·达席尔瓦\n" +
		"org\t云岭大学第一附属医院\thospital\t云大一院\n" +
		"org\t澜沧控股集团有限公司\tcompany\t澜沧集团\n"
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	id, err := NewIdentity([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	g := corpus(
		article("article:a1", "2022-04-21", holds("聂远航", "副部长", "交通运输部", kindMinistry)),
		article("article:a2", "2023-05-18", holds("聂远航", "董事长", "中国远洋海运集团有限公司", kindCompany)),
		article("article:a3", "2023-04-14", holds("卢拉·达席尔瓦", "总统", "巴西", "other")),
		article("article:a4", "2023-04-15", mention("卢拉")),
		// a node from before the dictionary, and an alias an article taught that the
		// dictionary gives to another body
		article("article:a5", "2022-06-09", body("云大一院", "hospital")),
		article("article:a6", "2022-03-02", body("澜沧新能源科技集团有限公司", kindCompany, "澜沧集团")),
		article("article:a7", "2022-05-11", body("澜沧集团", kindCompany)),
	)
	id.Resolve(g)
	want := []string{"person:卢拉 [巴西/总统]", "person:聂远航 [中国远洋海运集团有限公司/董事长 交通运输部/副部长]"}
	if got := personRoles(g); !slices.Equal(got, want) {
		t.Errorf("persons:\n got %q\nwant %q", got, want)
	}
	if n := g.Node(graph.Ref{Label: schema.Person, Key: "person:卢拉"}); n == nil || !reflect.DeepEqual(n.Props["aliases"], []string{"卢拉·达席尔瓦"}) {
		t.Errorf("person:卢拉 = %+v, want the alias", n)
	}
	var orgs []string
	for _, n := range g.NodesOf(schema.Organization) {
		orgs = append(orgs, fmt.Sprintf("%s %v %v", n.Key, n.Props["aliases"], n.Props["kind"]))
	}
	wantOrgs := []string{
		"org:中国远洋海运集团有限公司 [] company", "org:云岭大学第一附属医院 [云大一院] hospital",
		"org:交通运输部 [] ministry", "org:巴西 [] other",
		"org:澜沧控股集团有限公司 [澜沧集团] company", "org:澜沧新能源科技集团有限公司 [澜沧集团] company",
	}
	if !slices.Equal(orgs, wantOrgs) {
		t.Errorf("organizations:\n got %q\nwant %q", orgs, wantOrgs)
	}
	// the probe asks a store for every name the dictionary declares
	probe := id.Probe(graph.New())
	for _, n := range []string{"聂远航", "卢拉", "卢拉·达席尔瓦"} {
		if !slices.Contains(probe.Persons, n) {
			t.Errorf("Probe.Persons lacks %s: %v", n, probe.Persons)
		}
	}
	for _, n := range []string{"云大一院", "云岭大学第一附属医院", "澜沧集团"} {
		if !slices.Contains(probe.Orgs, n) {
			t.Errorf("Probe.Orgs lacks %s", n)
		}
	}
}

// sameGraph fails when two graphs differ in a node, a relationship or a property.
func sameGraph(t *testing.T, got, want *graph.Graph) {
	t.Helper()
	gn, wn := got.Nodes(), want.Nodes()
	if len(gn) != len(wn) {
		t.Errorf("%d nodes, want %d", len(gn), len(wn))
	}
	for _, n := range wn {
		o := got.Node(n.Ref())
		if o == nil || !reflect.DeepEqual(o.Props, n.Props) {
			t.Errorf("node %s:\n got %v\nwant %v", n.Key, o, n.Props)
		}
	}
	for _, n := range gn {
		if want.Node(n.Ref()) == nil {
			t.Errorf("extra node %s", n.Key)
		}
	}
	gr, wr := got.Rels(), want.Rels()
	if len(gr) != len(wr) {
		t.Errorf("%d relationships, want %d", len(gr), len(wr))
	}
	for _, r := range wr {
		o := got.Rel(r.Type, r.Start, r.End)
		if o == nil || !reflect.DeepEqual(o.Props, r.Props) {
			var p graph.Props
			if o != nil {
				p = o.Props
			}
			t.Errorf("relationship %s:\n got %v\nwant %v", r.ID(), p, r.Props)
		}
	}
	for _, r := range gr {
		if want.Rel(r.Type, r.Start, r.End) == nil {
			t.Errorf("extra relationship %s", r.ID())
		}
	}
}

// identityCorpus is a small archive in date order with merges, splits and aliases.
func identityCorpus() []*graph.Graph {
	const full = "澜沧新能源科技集团有限公司"
	return []*graph.Graph{
		article("article:a01", "2021-03-01", holds("司马青云", "总经理", "澜沧集团", kindCompany), attends("司马青云", "年度会议")),
		article("article:a02", "2021-05-28", holds("刘伟", "副部长", "应急管理部", kindMinistry), attends("刘伟", "防汛会议")),
		article("article:a03", "2021-06-16", holds("刘伟", "总经理", "滇池建设投资有限公司", kindCompany), attends("刘伟", "防汛会议")),
		article("article:a04", "2021-07-01", body(full, kindCompany, "澜沧集团"), holds("欧阳明远", "董事长", full, kindCompany)),
		article("article:a05", "2021-09-23", holds("秦思远", "书记", "中共苏州市委", kindParty), mention("刘伟")),
		article("article:a06", "2022-01-11", holds("刘伟", "董事长", "滇池建设投资有限公司", kindCompany), holds("司马青云", "总经理", "澜沧集团", kindCompany)),
		article("article:a07", "2022-03-02", holds("刘伟", "副部长", "应急管理部", kindMinistry), holds("东方立新", "副市长", "南京市人民政府", kindGov)),
		article("article:a08", "2022-03-09", holds("东方立新", "副市长", "成都市人民政府", kindGov), holds("秦思远", "副省长", "江苏省人民政府", kindGov)),
		article("article:a09", "2022-09-15", holds("东方立新", "副市长", "南京市人民政府", kindGov), holds("欧阳明远", "董事长", "澜沧集团", kindCompany)),
		article("article:a10", "2023-01-05", holds("刘伟", "董事", "滇池建设投资有限公司", kindCompany), attends("刘伟", "防汛会议")),
		article("article:a11", "2023-01-05", holds("刘伟", "副部长", "应急管理部", kindMinistry), attends("刘伟", "防汛会议")),
	}
}

// cuttings are ways of cutting identityCorpus into batches in order: batch sizes.
var cuttings = [][]int{{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {3, 3, 5}, {5, 6}, {1, 10}, {10, 1}, {2, 5, 4}, {11}}

// resolvedBatches cuts arts into batches of sizes, in order, each resolved on its own
// (as extract does for a batch).
func resolvedBatches(id *Identity, arts []*graph.Graph, sizes []int) []*graph.Graph {
	var out []*graph.Graph
	at := 0
	for _, n := range sizes {
		batch := corpus(arts[at : at+n]...)
		at += n
		id.Resolve(batch)
		out = append(out, batch)
	}
	return out
}

// TestResolveBatches: resolving a batch merged with the resolved graph of the earlier
// ones gives the graph that resolving everything at once gives, for every way of
// cutting the archive into batches in order; resolving twice changes nothing.
func TestResolveBatches(t *testing.T) {
	id := identity(t)
	arts := identityCorpus()
	whole := corpus(arts...)
	id.Resolve(whole)
	again := corpus(arts...)
	id.Resolve(again)
	id.Resolve(again)
	sameGraph(t, again, whole)
	for _, sizes := range cuttings {
		t.Run(fmt.Sprint(sizes), func(t *testing.T) {
			stored := graph.New()
			for _, batch := range resolvedBatches(id, arts, sizes) {
				combined := graph.New()
				combined.Merge(stored)
				combined.Merge(batch)
				id.Resolve(combined)
				stored = combined
			}
			sameGraph(t, stored, whole)
		})
	}
	t.Logf("the archive resolved:\n%s", strings.Join(personRoles(whole), "\n"))
}

// TestResolveSettlesBatches: batches each resolved on its own and merged, as a streamed
// load writes them, resolve to what resolving everything at once gives; and Resolve
// changes no relationship it keeps in place (it replaces each one it moves or merges
// into), which is how the load tells what to write again.
func TestResolveSettlesBatches(t *testing.T) {
	id := identity(t)
	arts := identityCorpus()
	whole := corpus(arts...)
	id.Resolve(whole)
	moved := 0
	for _, sizes := range cuttings {
		t.Run(fmt.Sprint(sizes), func(t *testing.T) {
			written := graph.New()
			for _, batch := range resolvedBatches(id, arts, sizes) {
				written.Absorb(batch)
			}
			kept := map[*graph.Rel]graph.Props{}
			written.Each(nil, func(r *graph.Rel) {
				p := graph.Props{}
				for k, v := range r.Props {
					if l, ok := v.([]string); ok {
						v = slices.Clone(l)
					}
					p[k] = v
				}
				kept[r] = p
			})
			id.Resolve(written)
			sameGraph(t, written, whole)
			for r, p := range kept {
				switch now := written.Rel(r.Type, r.Start, r.End); {
				case now != r:
					moved++
				case !reflect.DeepEqual(r.Props, p):
					t.Errorf("%s kept in place with its properties changed:\n %v\nwas %v", r.ID(), r.Props, p)
				}
			}
		})
	}
	if moved == 0 {
		t.Errorf("no relationship moved: every cutting was resolved alike, which tests nothing")
	}
}

// TestResolveLexicon checks the lexicon facts the rules rely on.
func TestResolveLexicon(t *testing.T) {
	id := identity(t)
	for _, c := range []struct{ org, place string }{
		{"中共南京市委", "南京市"}, {"南京市人民政府", "南京市"}, {"中国人民政治协商会议南京市委员会", "南京市"},
		{"江苏省人民政府", "江苏省"}, {"国务院", ""}, {"应急管理部", ""},
	} {
		p := id.placeOf(c.org)
		got := ""
		if p != nil {
			got = p.Name
		}
		if got != c.place {
			t.Errorf("placeOf(%s) = %q, want %q", c.org, got, c.place)
		}
	}
	for _, c := range []struct {
		alias, full string
		want        bool
	}{
		{"中国移动", "中国移动通信集团有限公司", true},
		{"澜沧集团", "澜沧新能源科技集团有限公司", true},
		{"光明乳业", "光明乳业股份有限公司", true},
		{"协作小组", "长三角区域生态环境保护协作小组", false},
		{"华山医院", "复旦大学附属华山医院", true}, // bodies.txt says so
		{"瑞康医院", "赣江医科大学附属瑞康医院", false},
		{"市委", "中共上海市委", false},
		{"市防汛指挥部", "上海市防汛指挥部", false},
		{"有限公司", "澜沧新能源科技集团有限公司", false},
		{"发改委", "国家发展和改革委员会", true},
		{"发改委", "澜沧发改委有限公司", false},
	} {
		if got := id.usableAlias(c.alias, c.full); got != c.want {
			t.Errorf("usableAlias(%s, %s) = %v, want %v", c.alias, c.full, got, c.want)
		}
	}
	if !tracksClash("public", "business") || tracksClash("public", "academia") || !tracksClash("foreign:巴西", "foreign:美国") || tracksClash("foreign", "foreign:美国") {
		t.Error("tracksClash disagrees with the documented table")
	}
	var _ *lexicon.Place = id.placeOf("中共南京市委")
}

// archive builds n articles of city-paper news: each names four persons from a pool of
// n/4 names (a few very often), each holding a post at one of n/10 bodies, some bodies
// named short in some articles and in full in others, some names shared by a company man
// and an official.
func archive(n int) *graph.Graph {
	var arts []*graph.Graph
	kinds := []string{kindGov, kindParty, kindCompany, kindMinistry, kindUniv}
	titles := []string{"书记", "副书记", "市长", "副市长", "董事长", "总经理", "副部长", "校长"}
	names, bodies := max(n/4, 8), max(n/10, 5)
	for a := 0; a < n; a++ {
		date := fmt.Sprintf("20%02d-%02d-%02d", 18+a*7/n, 1+a%12, 1+a%28)
		var facts []fact
		for i := 0; i < 4; i++ {
			p := (a*7 + i*13) % names
			if i == 0 {
				p %= 5 // the few in the news every day
			}
			b := (p + a/50) % bodies
			org := fmt.Sprintf("第%d号机构", b)
			kind := kinds[b%len(kinds)]
			if kind == kindCompany {
				org = fmt.Sprintf("第%d号科技集团有限公司", b)
				if a%3 == 0 {
					facts = append(facts, body(org, kind, fmt.Sprintf("第%d号集团", b)))
				} else if a%3 == 1 {
					org = fmt.Sprintf("第%d号集团", b)
				}
			}
			facts = append(facts, holds(fmt.Sprintf("人物%d", p), titles[(p+b)%len(titles)], org, kind))
		}
		arts = append(arts, article(fmt.Sprintf("article:%012d", a), date, facts...))
	}
	return corpus(arts...)
}

// benchArticles is the size of BenchmarkResolve's archive: NEWSGRAPH_BENCH_ARTICLES, or
// 2,000.
var benchArticles = func() int {
	if n, err := strconv.Atoi(os.Getenv("NEWSGRAPH_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 2000
}()

// BenchmarkResolve resolves an archive of benchArticles articles.
func BenchmarkResolve(b *testing.B) {
	id := identity(b)
	for b.Loop() {
		b.StopTimer()
		g := archive(benchArticles)
		b.StartTimer()
		id.Resolve(g)
	}
}

// TestResolveArchive: on a larger archive, resolving is idempotent and leaves every
// relationship's ends in the graph.
func TestResolveArchive(t *testing.T) {
	g := archive(600)
	rep := identity(t).Resolve(g)
	if rep.OrgsMerged == 0 || len(rep.Split) == 0 {
		t.Errorf("the archive gave no merge or no split: %+v", rep)
	}
	checkClosed(t, g)
	before := personRoles(g)
	nodes, rels := g.Len()
	again := identity(t).Resolve(g)
	if n, r := g.Len(); n != nodes || r != rels || again.OrgsMerged != 0 || len(again.Retired) != 0 || !slices.Equal(personRoles(g), before) {
		t.Errorf("resolving again changed the graph: %+v", again)
	}
}

// TestClashesWindow: local posts in places apart clash only within concurrentDays of each
// other, before or after, whatever order the sightings joined the person in; a post held
// no longer, or a sighting with no local post, never clashes on place.
func TestClashesWindow(t *testing.T) {
	id := identity(t)
	day := func(d int) time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	seen := func(d int, org string, former bool) *sighting {
		return &sighting{article: fmt.Sprint(d, org), date: day(d), dated: true, orgs: map[string]bool{},
			roles: []roleSeen{{org: org, local: id.placeOf(org), former: former}}}
	}
	const sh, js = "上海市人民政府", "江苏省人民政府"
	if id.placeOf(sh) == nil || id.placeOf(js) == nil {
		t.Fatalf("the lexicon places neither %s nor %s", sh, js)
	}
	tests := []struct {
		name  string
		known []*sighting
		s     *sighting
		want  bool
	}{
		{"apart, ten days later", []*sighting{seen(110, js, false)}, seen(100, sh, false), true},
		{"apart, ten days earlier", []*sighting{seen(90, js, false)}, seen(100, sh, false), true},
		{"apart, thirty days later", []*sighting{seen(130, js, false)}, seen(100, sh, false), true},
		{"apart, thirty-one days later", []*sighting{seen(131, js, false)}, seen(100, sh, false), false},
		{"apart, thirty-one days earlier", []*sighting{seen(69, js, false)}, seen(100, sh, false), false},
		{"among many, one within", []*sighting{seen(10, js, false), seen(300, js, false), seen(115, js, false), seen(500, js, false)}, seen(100, sh, false), true},
		{"the same place", []*sighting{seen(100, sh, false)}, seen(100, sh, false), false},
		{"a post held no longer", []*sighting{seen(100, js, true)}, seen(100, sh, false), false},
		{"no local post", []*sighting{seen(100, js, false)}, seen(100, "国务院", false), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &homonym{orgs: map[string]bool{}, tracks: map[string]bool{}}
			for _, s := range tt.known {
				h.add(s)
			}
			if got := id.clashes(h, tt.s); got != tt.want {
				t.Errorf("clashes = %v, want %v", got, tt.want)
			}
		})
	}
}
