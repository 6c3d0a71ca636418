package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// Stage: chain. Needs the sentence's tokens with organizations; adds units (organization,
// title, person, other) and the roles read from title chains such as
// 上海市委副书记、市长龚正: titles share the body named first unless one names its own,
// heads of government go to the people's government, party posts to the party committee.

const (
	uOther = iota
	uOrg
	uTitle
	uPerson
	uPlace
	uPunct
)

type unit struct {
	kind       int
	start, end int // token span
	org        *org
	title      string
	tclass     *lexicon.Title
	status     string // current, former, acting
	name       string
	byline     bool // a reporter's name after 记者 or 通讯员
}

// role is one position read from a chain.
type role struct {
	person, title, org, orgKind, parent, status string
	place                                       *lexicon.Place
}

// nationalDefaults are the bodies of titles unique to one national body, used when a
// title follows a name with no body (习近平总书记, 李强总理), after SPEC §1.
var nationalDefaults = map[string]string{
	"总书记": "中共中央", "总理": "国务院", "副总理": "国务院", "国务委员": "国务院",
	"委员长": "全国人民代表大会常务委员会", "副委员长": "全国人民代表大会常务委员会",
}

// units turns tokens into units, reading persons where the context allows them.
func (st *articleState) units(toks []tok, orgs []*org) []unit {
	orgAt := map[int]*org{}
	for _, o := range orgs {
		if o.end > o.start {
			if old, ok := orgAt[o.start]; !ok || o.end > old.end {
				orgAt[o.start] = o
			}
		}
	}
	us := st.sc.units.take(len(toks) + 4)
	// nameAt reads the same places more than once (a list item, then the item after it);
	// it only reads, so each answer is kept
	st.sc.names = append(st.sc.names[:0], make([]nameRead, 2*len(toks))...)
	memo := st.sc.names
	nameAt := func(i int, strong bool) (int, string) {
		k := 2 * i
		if strong {
			k++
		}
		if !memo[k].done {
			end, name := st.nameAt(toks, i, strong)
			memo[k] = nameRead{end, name, true}
		}
		return memo[k].end, memo[k].name
	}
	lastList := -1 // the last list mark 、 of the sentence
	for k := range toks {
		if toks[k].Text == "、" {
			lastList = k
		}
	}
	status := ""
	for i := 0; i < len(toks); {
		t := toks[i]
		if o := orgAt[i]; o != nil {
			us = append(us, unit{kind: uOrg, start: i, end: o.end, org: o})
			i = o.end
			continue
		}
		next := catNone
		if i+1 < len(toks) {
			next = toks[i+1].cat
		}
		beforePost := next == catTitle || next == catBody || next == catRelOrg || next == catPlace || next == catCountry || orgAt[i+1] != nil
		switch {
		case (t.Text == "原" || t.Text == "前") && beforePost:
			status = "former"
			i++
			continue
		case (t.Text == "代" || t.Text == "代理") && beforePost:
			status = "acting"
			i++
			continue
		case t.cat == catTitle || t.cat == catGeneric:
			title, start := t.Text, i
			// 名誉校长, 首任院长: a qualifier is part of the title
			if len(us) > 0 && us[len(us)-1].kind == uOther && titleQualifiers[tokText(toks, us[len(us)-1])] {
				title = tokText(toks, us[len(us)-1]) + title
				start = us[len(us)-1].start
				us = us[:len(us)-1]
			}
			us = append(us, unit{kind: uTitle, start: start, end: i + 1, title: title, tclass: t.title, status: status})
			status = ""
			i++
			continue
		case t.cat == catCountry:
			c := st.x.lex.Countries[t.Text]
			us = append(us, unit{kind: uOrg, start: i, end: i + 1, org: &org{start: i, end: i + 1, name: c, surface: t.Text, kind: "other"}})
			i++
			continue
		case t.cat == catPunct:
			us = append(us, unit{kind: uPunct, start: i, end: i + 1})
			status = ""
			i++
			continue
		}
		// the items of a list that began with a name are names too: 副委员长李鸿忠、铁凝
		listed := len(us) > 1 && us[len(us)-1].kind == uPunct && toks[us[len(us)-1].start].Text == "、" && us[len(us)-2].kind == uPerson
		strong := listed || len(us) > 0 && us[len(us)-1].kind == uTitle && us[len(us)-1].tclass != nil &&
			(us[len(us)-1].tclass.Class != lexicon.ClassGeneric || us[len(us)-1].title != "代表")
		weak := len(us) == 0 || i == 0 || us[len(us)-1].kind == uPunct || isCoord(toks[i-1].Text) ||
			(i > 0 && (stopVerbs[toks[i-1].Text] || toks[i-1].Pos == "p" || toks[i-1].Pos == "c" ||
				strings.HasPrefix(toks[i-1].Pos, "v") && toks[i-1].Pos != "vn"))
		if !strong && st.appointee(toks, i) {
			strong = true
		}
		// an item of a 、-list whose previous item is no person is no name either:
		// 家庭、医疗、教育、养老
		if !strong && i > 0 && toks[i-1].Text == "、" && (len(us) < 2 || us[len(us)-2].kind != uPerson) {
			weak = false
		}
		tried := strong || weak || st.x.words.get(t.Text)&wPerson != 0
		if tried {
			if end, name := nameAt(i, strong); end > 0 {
				u := unit{kind: uPerson, start: i, end: end, name: name}
				if strong && len(us) > 0 && isByline(us[len(us)-1].title) {
					u.byline = true
				}
				us = append(us, u)
				i = end
				continue
			}
		}
		// nameAt, when tried, read first the names knownAt knows
		if !tried {
			if end, name := st.knownAt(toks, i); end > 0 {
				us = append(us, unit{kind: uPerson, start: i, end: end, name: name})
				i = end
				continue
			}
		}
		// a list of names vouches for each of its items: 朱琳琅、田冲、吕中应邀出席
		if i < lastList {
			if end, name := nameAt(i, false); end > 0 && end+1 < len(toks) && toks[end].Text == "、" {
				if end2, _ := nameAt(end+1, false); end2 > 0 {
					us = append(us, unit{kind: uPerson, start: i, end: end, name: name})
					i = end
					continue
				}
			}
		}
		if t.cat == catPlace {
			us = append(us, unit{kind: uPlace, start: i, end: i + 1})
		} else {
			us = append(us, unit{kind: uOther, start: i, end: i + 1})
		}
		status = ""
		i++
	}
	return us
}

// link is one title of a chain with the body or place named right before it.
type link struct {
	org   *org
	place *lexicon.Place
	title unit
}

// roles reads the title chains of a sentence's units: titles before a name
// (上海市委书记李强), a national title after one (习近平总书记), and the forms of
// appointment notices (任命张三为X局局长, 免去李四的X局局长职务).
func (st *articleState) roles(us []unit, toks []tok) []role {
	var out []role
	for k := 0; k < len(us); k++ {
		if us[k].kind != uPerson || us[k].byline {
			continue
		}
		person := us[k].name
		if k+2 < len(us) && us[k+1].kind == uOther && appointVerbs[tokText(toks, us[k+1])] {
			// an appointment: 张三为X局局长；李四的X局局长职务；王五任中共X市委书记；
			// 赵六不再担任X局局长职务
			verb := tokText(toks, us[k+1])
			chain, end := chainAfter(us, toks, k+2)
			isPost := verb != "的" || end < len(us) && strings.HasPrefix(tokText(toks, us[end]), "职务")
			if len(chain) > 0 && chain[len(chain)-1].title.tclass != nil && isPost {
				status := ""
				if verb == "不再担任" || verb == "辞去" {
					status = "former"
				} else if verb == "的" || st.removal(us, toks) {
					if end < len(us) && tokText(toks, us[end]) == "职务" || st.removal(us, toks) {
						status = "former"
					}
				}
				out = append(out, st.chainRoles(chain, []string{person}, status)...)
			}
		}
		if k == 0 || us[k-1].kind != uTitle {
			// a title after the name: 习近平总书记
			if k+1 < len(us) && us[k+1].kind == uTitle && (k+2 >= len(us) || us[k+2].kind != uPerson) {
				t := us[k+1].title
				if body, ok := nationalDefaults[t]; ok {
					out = append(out, role{person: person, title: t, org: st.canonBody(body), orgKind: st.bodyKind(body), status: "current"})
				}
			}
			continue
		}
		chain := chainBefore(us, toks, k)
		persons := []string{person}
		// a list of names sharing the chain: 副委员长王晨、曹建明、张春贤
		for m := k + 1; m+1 < len(us) && tokText(toks, us[m]) == "、" && us[m+1].kind == uPerson; m += 2 {
			if m+2 < len(us) && us[m+2].kind == uTitle {
				break
			}
			persons = append(persons, us[m+1].name)
		}
		status := ""
		if st.removal(us[:k], toks) {
			status = "former"
		}
		out = append(out, st.chainRoles(chain, persons, status)...)
	}
	return out
}

// removal reports whether units speak of leaving a post: 免去, 辞去, 不再担任.
func (st *articleState) removal(us []unit, toks []tok) bool {
	for _, u := range us {
		switch tokText(toks, u) {
		case "免去", "辞去", "免职", "撤销", "不再担任", "卸任", "辞职":
			return true
		}
	}
	return false
}

func tokText(toks []tok, u unit) string { return toks[u.start].Text }

// chainBefore walks back from the name at k over [org|place]? title ( 、 [org|place]? title )*
// and returns the links in reading order.
func chainBefore(us []unit, toks []tok, k int) []link {
	var chain []link
	j := k - 1
	for j >= 0 && us[j].kind == uTitle {
		l := link{title: us[j]}
		j--
		if j >= 0 && us[j].kind == uOther && isLevelWord(tokText(toks, us[j])) {
			// 市纪委书记 cut as 市|纪委书记: the level word names the home's body
			j--
		} else if j >= 0 && us[j].kind == uOrg {
			l.org = us[j].org
			j--
		} else if j >= 0 && us[j].kind == uPlace {
			l.place = toks[us[j].start].place
			j--
		}
		chain = append(chain, l)
		if j >= 1 && isTitleJoin(toks[us[j].start].Text) && us[j-1].kind == uTitle {
			j--
			continue
		}
		break
	}
	for a, b := 0, len(chain)-1; a < b; a, b = a+1, b-1 {
		chain[a], chain[b] = chain[b], chain[a]
	}
	return chain
}

// chainAfter reads [org|place]? title ( 、 [org|place]? title )* from unit k on and
// returns the links and the index after the chain.
func chainAfter(us []unit, toks []tok, k int) ([]link, int) {
	var chain []link
	j := k
	for j < len(us) {
		var l link
		switch us[j].kind {
		case uOrg:
			l.org = us[j].org
			j++
		case uPlace:
			l.place = toks[us[j].start].place
			j++
		}
		if j >= len(us) || us[j].kind != uTitle {
			break
		}
		l.title = us[j]
		j++
		chain = append(chain, l)
		if j+1 < len(us) && isTitleJoin(tokText(toks, us[j])) {
			j++
			continue
		}
		break
	}
	return chain, j
}

// chainRoles gives every person the roles of a chain, carrying the body named first.
func (st *articleState) chainRoles(chain []link, persons []string, status string) []role {
	var out []role
	var cur *org
	var curPlace *lexicon.Place
	for _, l := range chain {
		if l.org != nil {
			cur = l.org
			curPlace = l.org.place
		}
		if l.place != nil {
			curPlace = l.place
		}
		if l.title.tclass == nil || l.title.tclass.Class == lexicon.ClassGeneric {
			continue
		}
		r := st.roleFor(l.title, l.org, cur, curPlace)
		if r.title == "" {
			continue
		}
		if status != "" && r.status == "current" {
			r.status = status
		}
		for _, p := range persons {
			rr := r
			rr.person = p
			out = append(out, rr)
		}
	}
	return out
}

// roleFor decides the body of one title of a chain.
func (st *articleState) roleFor(t unit, explicit, cur *org, place *lexicon.Place) role {
	r := role{title: t.title, status: "current"}
	if t.status != "" {
		r.status = t.status
	}
	class := t.tclass.Class
	title := t.title
	// 校长, 校党委书记: the school the article is about
	if explicit == nil && (cur == nil || cur.kind != "university") && schoolTitle(title) {
		if school := st.firstOfKind("university"); school != "" {
			r.title = strings.TrimPrefix(title, "校")
			if r.title == "长" || r.title == "" {
				r.title = title
			}
			if strings.HasSuffix(title, "校长") {
				r.title = title
			}
			r.org, r.orgKind = school, "university"
			return r
		}
	}
	// 纪委书记: the discipline commission's secretary, of the place the chain names
	if strings.HasPrefix(title, "纪委") && len(title) > len("纪委") && explicit == nil {
		r.title = strings.TrimPrefix(title, "纪委")
		p := place
		if p == nil {
			p = st.homeAt("")
		}
		if p != nil {
			r.org, r.orgKind = canonicalRel(p, "X纪委")
		}
		return r
	}
	switch {
	case class == lexicon.ClassGovHead:
		if explicit != nil && explicit.kind == "government" {
			r.org, r.orgKind = explicit.name, explicit.kind
			return r
		}
		level := strings.TrimPrefix(strings.TrimPrefix(title, "常务"), "副")
		level = strings.TrimPrefix(level, "常务副")
		lv := ""
		if rs := []rune(level); len(rs) > 0 {
			lv = string(rs[0])
		}
		p := place
		if p != nil {
			p = st.x.placeAtLevel(p, lv)
		} else {
			p = st.homeAt(lv)
		}
		if p != nil {
			r.org, r.orgKind = p.Name+"人民政府", "government"
			r.place = p
		}
		return r
	case strings.HasPrefix(title, "党组"):
		base := explicit
		if base == nil {
			base = cur
		}
		if base != nil {
			r.org, r.orgKind, r.parent = strings.TrimSuffix(base.name, "党组")+"党组", "party", base.name
		}
		return r
	case class == lexicon.ClassParty && (title == "书记" || title == "副书记" || title == "常委" || title == "委员" || title == "常务副书记" || title == "候补委员"):
		if explicit != nil {
			r.org, r.orgKind = explicit.name, explicit.kind
			return r
		}
		if cur != nil && cur.kind == "party" {
			r.org, r.orgKind = cur.name, cur.kind
			return r
		}
		if place != nil {
			r.org, r.orgKind = partyCommittee(place), "party"
		}
		return r
	case (title == "党委书记" || title == "党委副书记" || title == "党委委员") && explicit == nil && cur == nil && place != nil:
		r.org, r.orgKind = partyCommittee(place), "party"
		return r
	}
	if explicit != nil {
		r.org, r.orgKind, r.place = explicit.name, explicit.kind, explicit.place
		return r
	}
	// 国务委员吴政隆, 副委员长王晨: titles only one national body has
	if body, ok := nationalDefaults[title]; ok && cur == nil && place == nil {
		r.org, r.orgKind = st.canonBody(body), st.bodyKind(body)
		return r
	}
	if cur != nil && cur.kind != "party" {
		r.org, r.orgKind = cur.name, cur.kind
		return r
	}
	if cur != nil {
		// 市委常委、秘书长: the chain's body carries to the titles after it
		r.org, r.orgKind = cur.name, cur.kind
	}
	return r
}

func (st *articleState) canonBody(name string) string {
	if b := st.x.lex.Bodies[name]; b != nil {
		return b.Canonical
	}
	return name
}

func (st *articleState) bodyKind(name string) string {
	if b := st.x.lex.Bodies[name]; b != nil {
		return b.Kind
	}
	return "other"
}

// isByline reports whether a word introduces a reporter's name rather than a person of the story.
func isByline(w string) bool {
	return w == "记者" || w == "通讯员" || w == "实习生" || w == "摄影" || w == "见习记者" || w == "特约记者" || w == "本报记者"
}

// partyCommittee names a place's party committee: 中共X委, or 中共X委员会 for a township.
func partyCommittee(p *lexicon.Place) string {
	if p.Level == "town" {
		return "中共" + p.Name + "委员会"
	}
	return "中共" + p.Name + "委"
}

// isTitleJoin reports whether a word joins two titles of one person: 、 or 兼.
func isTitleJoin(s string) bool { return s == "、" || s == "兼" }

// appointee reports whether toks[i] starts a name that an appointment notice names:
// 任命阴和俊为科学技术部部长, 免去王志刚的科学技术部部长职务.
func (st *articleState) appointee(toks []tok, i int) bool {
	if i > 0 {
		switch toks[i-1].Text {
		case "任命", "免去", "决定任命", "提名", "、", "，", "；":
		default:
			return false
		}
	}
	for j := i + 1; j < len(toks) && j <= i+4; j++ {
		if toks[j].Text == "为" || toks[j].Text == "的" {
			if j+1 < len(toks) {
				switch toks[j+1].cat {
				case catBody, catRelOrg, catPlace, catTitle:
					return st.x.words.get(firstRune(toks[i].Text))&wSurname != 0
				}
			}
			return false
		}
		if toks[j].cat != catNone {
			return false
		}
	}
	return false
}

// titleQualifiers are words printed before a title that belong to it.
var titleQualifiers = map[string]bool{"名誉": true, "荣誉": true, "执行": true, "常务": true, "专职": true, "终身": true}

// schoolTitle reports whether a title names its school by itself: 校长, 副校长,
// 校党委书记.
func schoolTitle(t string) bool {
	return strings.HasSuffix(t, "校长") || strings.HasPrefix(t, "校党委") || strings.HasPrefix(t, "校纪委")
}

// firstOfKind returns the first organization of a kind the article names.
func (st *articleState) firstOfKind(kind string) string {
	for _, o := range st.orgOrder {
		if st.orgKind[o] == kind {
			return o
		}
	}
	return ""
}

// appointVerbs stand between a name and the posts an appointment gives or takes.
var appointVerbs = map[string]bool{
	"为": true, "的": true, "任": true, "担任": true, "出任": true, "兼任": true, "当选": true, "当选为": true,
	"不再担任": true, "辞去": true,
}
