package queries_test

import (
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Event names of the fixture, used by the expected rows.
const (
	e1 = "长三角区域生态环境保护协作小组第一次会议"
	e2 = "上海市委常委会会议"
	e4 = "2020年度上海市市长质量奖颁奖仪式"
	e5 = "李强龚正会见中国移动杨杰一行"
	e6 = "上海市人民政府与中国移动通信集团有限公司“十四五”战略合作协议签约"
	eB = "上海市委常委会会议"
)

// Sentences the fixture's facts rest on.
const (
	s1  = "上海市委书记、协作小组组长李强主持会议并讲话。"
	s2  = "上海市委副书记、市长龚正,江苏省委副书记、省长吴政隆分别介绍了本省市生态环境保护工作。"
	s3  = "生态环境部副部长赵英民,科学技术部副部长李萌出席会议。"
	sA2 = "市委书记李强主持会议并讲话。"
	sA4 = "市委副书记、市长龚正为获奖组织和个人颁奖并讲话。"
	sA5 = "市委书记李强,市委副书记、市长龚正会见了中国移动董事长杨杰一行。"
	s6  = "市委常委、副市长吴清与中国移动副总经理李慧镭代表双方签约。"
)

// Article titles.
const (
	tA1 = "长三角区域生态环境保护协作小组会议召开"
	tA2 = "对“四大品牌”再聚焦再深化再提升"
	tA4 = "打造具有国际竞争力质量高地"
	tA5 = "李强龚正会见中国移动杨杰一行"
	tB  = "市委常委会举行会议(测试用文章)"
)

// builder writes a fixture graph article by article, the way the extractor does.
type builder struct {
	g       *graph.Graph
	article graph.Ref
	date    string
}

var orgAliases = map[string][]string{
	"中共上海市委":        {"上海市委", "市委"},
	"上海市人民政府":       {"上海市政府", "市政府"},
	"中国移动通信集团有限公司":  {"中国移动"},
	"复旦大学附属华山医院":    {"华山医院"},
	"复旦大学附属华山医院感染科": {"华山医院感染科"},
}

func (b *builder) start(title, date string) {
	b.date = date
	b.article = b.g.AddNode(schema.Article, graph.ArticleKey(title), graph.Props{
		"title": title, "source": "fixture.txt", "date": date, "paper": "解放日报",
	}).Ref()
}

func (b *builder) person(name, sentence string) graph.Ref {
	p := b.g.AddNode(schema.Person, graph.PersonKey(name), graph.Props{"name": name}).Ref()
	b.g.AddRel(schema.Mentions, b.article, p, graph.Provenance(b.article.Key, sentence))
	return p
}

func (b *builder) org(name, sentence string) graph.Ref {
	aliases := orgAliases[name]
	if aliases == nil {
		aliases = []string{}
	}
	o := b.g.AddNode(schema.Organization, graph.OrgKey(name), graph.Props{"name": name, "aliases": aliases}).Ref()
	b.g.AddRel(schema.Mentions, b.article, o, graph.Provenance(b.article.Key, sentence))
	return o
}

func (b *builder) holds(person, title, org, sentence string) {
	p := b.person(person, sentence)
	o := b.org(org, sentence)
	r := b.g.AddNode(schema.Role, graph.RoleKey(org, title), graph.Props{"title": title}).Ref()
	b.g.AddRel(schema.Of, r, o, nil)
	props := graph.Provenance(b.article.Key, sentence)
	props["firstSeen"], props["lastSeen"], props["status"] = b.date, b.date, "current"
	b.g.AddRel(schema.Holds, p, r, props)
}

func (b *builder) event(name, kind, date, place, sentence string) graph.Ref {
	props := graph.Props{"name": name, "kind": kind, "date": date}
	if place != "" {
		props["place"] = place
	}
	e := b.g.AddNode(schema.Event, graph.EventKey(date, name), props).Ref()
	b.g.AddRel(schema.Reports, b.article, e, graph.Provenance(b.article.Key, sentence))
	if place != "" {
		pl := b.g.AddNode(schema.Place, graph.PlaceKey(place), graph.Props{"name": place}).Ref()
		b.g.AddRel(schema.HeldIn, e, pl, graph.Provenance(b.article.Key, sentence))
	}
	return e
}

func (b *builder) took(who graph.Ref, event graph.Ref, sentence string, as ...string) {
	props := graph.Provenance(b.article.Key, sentence)
	props["as"] = as
	b.g.AddRel(schema.ParticipatedIn, who, event, props)
}

// fixture returns two graphs, loaded one after the other: four stories of the seed
// page as the gold annotation has them, then a later test article that adds a second
// 书记 of 中共上海市委 and a later sighting of 龚正 as 市长.
func fixture() (seed, later *graph.Graph) {
	b := &builder{g: graph.New()}

	b.start(tA1, "2021-05-28")
	ev1 := b.event(e1, "meeting", "2021-05-27", "无锡", "5月27日下午,长三角区域生态环境保护协作小组第一次会议在江苏无锡召开。")
	b.holds("李强", "书记", "中共上海市委", s1)
	b.holds("李强", "组长", "长三角区域生态环境保护协作小组", s1)
	b.holds("娄勤俭", "副书记", "中共江苏省委", "江苏省委副书记娄勤俭致辞。")
	b.holds("龚正", "副书记", "中共上海市委", s2)
	b.holds("龚正", "市长", "上海市人民政府", s2)
	b.holds("吴政隆", "副书记", "中共江苏省委", s2)
	b.holds("吴政隆", "省长", "江苏省人民政府", s2)
	b.holds("赵英民", "副部长", "生态环境部", s3)
	b.holds("李萌", "副部长", "科学技术部", s3)
	b.took(b.person("李强", s1), ev1, s1, "host", "speaker")
	b.took(b.person("娄勤俭", s1), ev1, "江苏省委副书记娄勤俭致辞。", "speaker")
	b.took(b.person("龚正", s2), ev1, s2, "attendee", "speaker")
	b.took(b.person("吴政隆", s2), ev1, s2, "attendee", "speaker")
	b.took(b.person("赵英民", s3), ev1, s3, "attendee", "speaker")
	b.took(b.person("李萌", s3), ev1, s3, "attendee")

	b.start(tA2, "2021-05-28")
	ev2 := b.event(e2, "meeting", "2021-05-27", "", "市委常委会昨天举行会议。")
	b.holds("李强", "书记", "中共上海市委", sA2)
	b.took(b.person("李强", sA2), ev2, sA2, "host", "speaker")

	b.start(tA4, "2021-05-28")
	ev4 := b.event(e4, "ceremony", "2021-05-27", "", "2020年度上海市市长质量奖颁奖仪式昨天举行。")
	b.holds("龚正", "副书记", "中共上海市委", sA4)
	b.holds("龚正", "市长", "上海市人民政府", sA4)
	const award = "复旦大学附属华山医院感染科主任张文宏、上海中医药大学附属龙华医院院长肖臻获奖。"
	b.holds("张文宏", "主任", "复旦大学附属华山医院感染科", award)
	b.holds("肖臻", "院长", "上海中医药大学附属龙华医院", award)
	b.g.AddRel(schema.PartOf, b.org("复旦大学附属华山医院感染科", award), b.org("复旦大学附属华山医院", award), nil)
	b.took(b.person("龚正", sA4), ev4, sA4, "presenter", "speaker")
	b.took(b.person("张文宏", award), ev4, award, "awardee")
	b.took(b.person("肖臻", award), ev4, award, "awardee")
	b.took(b.org("光明乳业股份有限公司", "光明乳业股份有限公司获奖。"), ev4, "光明乳业股份有限公司获奖。", "awardee")

	b.start(tA5, "2021-05-28")
	ev5 := b.event(e5, "meeting_with", "2021-05-27", "", sA5)
	ev6 := b.event(e6, "signing", "2021-05-27", "", "上海市人民政府与中国移动通信集团有限公司昨天在沪签署“十四五”战略合作协议。")
	b.holds("杨杰", "董事长", "中国移动通信集团有限公司", sA5)
	b.holds("李强", "书记", "中共上海市委", sA5)
	b.holds("龚正", "副书记", "中共上海市委", sA5)
	b.holds("龚正", "市长", "上海市人民政府", sA5)
	b.holds("吴清", "常委", "中共上海市委", s6)
	b.holds("吴清", "副市长", "上海市人民政府", s6)
	b.holds("李慧镭", "副总经理", "中国移动通信集团有限公司", s6)
	b.took(b.person("李强", sA5), ev5, sA5, "host")
	b.took(b.person("龚正", sA5), ev5, sA5, "host")
	b.took(b.person("杨杰", sA5), ev5, sA5, "guest")
	const signed = "龚正、杨杰出席签约仪式。"
	b.took(b.person("龚正", signed), ev6, signed, "attendee")
	b.took(b.person("杨杰", signed), ev6, signed, "attendee")
	b.took(b.person("吴清", s6), ev6, s6, "signatory")
	b.took(b.person("李慧镭", s6), ev6, s6, "signatory")
	const orgs = "上海市人民政府与中国移动通信集团有限公司昨天在沪签署“十四五”战略合作协议。"
	b.took(b.org("上海市人民政府", orgs), ev6, orgs, "signatory")
	b.took(b.org("中国移动通信集团有限公司", orgs), ev6, orgs, "signatory")
	seed = b.g

	b = &builder{g: graph.New()}
	b.start(tB, "2023-01-05")
	evB := b.event(eB, "meeting", "2023-01-04", "", "市委常委会昨天举行会议。")
	b.holds("陈吉宁", "书记", "中共上海市委", "市委书记陈吉宁主持会议并讲话。")
	b.holds("龚正", "市长", "上海市人民政府", "市委副书记、市长龚正出席。")
	b.took(b.person("陈吉宁", "市委书记陈吉宁主持会议并讲话。"), evB, "市委书记陈吉宁主持会议并讲话。", "host", "speaker")
	b.took(b.person("龚正", "市委副书记、市长龚正出席。"), evB, "市委副书记、市长龚正出席。", "attendee")
	return seed, b.g
}
