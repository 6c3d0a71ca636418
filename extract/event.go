package extract

import (
	"strings"
	"unicode/utf8"
)

// Stage: event. Needs the sentence's units; adds the events the sentence reports or
// refers to, and who took part as what.

// event is one event of an article.
type event struct {
	name, kind, date, place string
	evidence                string
	parts                   map[string][]string // person → as
	orgParts                map[string][]string // organization → as
	order                   []string
	orgOrder                []string
	ev                      map[string]string // participant → the sentence that showed it
	first                   int               // where the article first names it
	sent                    *string           // the sentence the article is reading
}

// add records that a person took part, as what; the sentence being read is the
// evidence of the first sighting.
func (e *event) add(person string, as ...string) {
	if e.parts == nil {
		e.parts = map[string][]string{}
	}
	if _, ok := e.parts[person]; !ok {
		e.order = append(e.order, person)
		e.note("p:" + person)
	}
	for _, a := range as {
		if !contains(e.parts[person], a) {
			e.parts[person] = append(e.parts[person], a)
		}
	}
}

func (e *event) addOrg(o string, as ...string) {
	if e.orgParts == nil {
		e.orgParts = map[string][]string{}
	}
	if _, ok := e.orgParts[o]; !ok {
		e.orgOrder = append(e.orgOrder, o)
		e.note("o:" + o)
	}
	for _, a := range as {
		if !contains(e.orgParts[o], a) {
			e.orgParts[o] = append(e.orgParts[o], a)
		}
	}
}

// note records the sentence being read as the evidence of a participant.
func (e *event) note(key string) {
	if e.ev == nil {
		e.ev = map[string]string{}
	}
	if e.ev[key] == "" && e.sent != nil {
		e.ev[key] = *e.sent
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// verbRoles map the verbs after a person to what the person did at the event.
var verbRoles = map[string]string{
	"主持": "host", "主持召开": "host", "召集": "host", "带队": "host", "率队": "host", "率团": "host",
	"举行": "host", "举办": "host",
	"讲话": "speaker", "致辞": "speaker", "发言": "speaker", "指出": "speaker", "强调": "speaker",
	"表示": "speaker", "说": "speaker", "介绍": "speaker", "作报告": "speaker", "宣读": "speaker",
	"通报": "speaker", "汇报": "speaker", "提出": "speaker", "要求": "speaker", "致词": "speaker",
	"传达": "speaker", "作部署": "speaker", "解读": "speaker", "点评": "speaker", "总结": "speaker",
	"出席": "attendee", "参加": "attendee", "列席": "attendee", "陪同": "attendee", "见证": "attendee",
	"参会": "attendee", "与会": "attendee",
	"颁奖": "presenter", "颁发": "presenter", "授牌": "presenter", "揭牌": "presenter",
	"获奖": "awardee", "荣获": "awardee", "获得": "awardee", "受表彰": "awardee",
	"签约": "signatory", "签署": "signatory", "签订": "signatory",
}

// mentionTriggers are verbs after which an event word names an event already reported.
var referVerbs = map[string]bool{"出席": true, "参加": true, "主持": true, "列席": true, "参加了": true, "出席了": true}

// sentenceEvents finds the events one sentence names.
func (st *articleState) sentenceEvents(toks []tok, us []unit, s Sentence) []*event {
	date, hasDate := resolveDate(s.Text, st.a.Date)
	if hasDate && date != "" {
		st.curDate = date
	}
	var evs []*event
	for k := 0; k < len(us); k++ {
		u := us[k]
		if u.kind != uOther && u.kind != uPlace {
			continue
		}
		if k > 0 && tokText(toks, us[k-1]) == "上述" {
			continue
		}
		t := toks[u.start]
		kind := t.event
		if t.cat != catEvent {
			// a noun phrase ending in an event word: 颁奖仪式, 常务会议
			kind = st.eventSuffix(t.Text)
			if kind == "" {
				continue
			}
		}
		ev := st.eventAt(toks, us, k, kind, s)
		if ev != nil && !containsEvent(evs, ev) {
			evs = append(evs, ev)
		}
	}
	return evs
}

// participate reads the participation of one sentence into its events: target is the
// event its verbs refer to when it names none.
func (st *articleState) participate(toks []tok, us []unit, s Sentence, evs []*event, target *event) {
	if target == nil {
		return
	}
	// 蔡奇、王毅等参加上述活动: every event reported so far
	if strings.Contains(s.Text, "上述活动") || strings.Contains(s.Text, "上述会见") || strings.Contains(s.Text, "上述会谈") {
		for _, e := range st.events {
			if e.first > s.Para*1_000_000+s.Start {
				break
			}
			st.participation(toks, us, s, nil, e)
		}
		return
	}
	st.participation(toks, us, s, evs, target)
}

func containsEvent(evs []*event, e *event) bool {
	for _, x := range evs {
		if x == e {
			return true
		}
	}
	return false
}

// eventSuffix returns the kind of the event word a token ends with.
func (st *articleState) eventSuffix(s string) string {
	rs := []rune(s)
	for n := 2; n < len(rs); n++ {
		if k, ok := st.x.lex.EventWords[string(rs[len(rs)-n:])]; ok && n >= 2 {
			switch k {
			case "meeting", "ceremony", "signing":
				return k
			}
		}
	}
	return ""
}

// eventAt builds or finds the event whose word is at unit k.
func (st *articleState) eventAt(toks []tok, us []unit, k int, kind string, s Sentence) *event {
	word := toks[us[k].start].Text
	switch {
	case kind == "meeting_with" && !nounEvent(word):
		return st.meetingWith(toks, us, k, s)
	case kind == "inspection" && !nounEvent(word):
		return st.inspection(toks, us, k, s)
	case kind == "signing" && !nounEvent(word):
		if isDocument(word) {
			return nil
		}
		return st.signing(toks, us, k, s)
	case !nounEvent(word):
		// 讲话, 发布, 访问: what someone did, not an event of its own
		return nil
	}
	// an event named only as the object of passing on or studying (传达…会议精神) is
	// not one the article reports
	if referenced(toks, us, k) {
		return nil
	}
	// a noun phrase ending with the event word
	a := k
	for a > 0 {
		p := us[a-1]
		if p.kind == uOrg || p.kind == uPlace || p.kind == uTitle && p.tclass != nil {
			a--
			continue
		}
		if p.kind == uOther {
			t := toks[p.start]
			if isNameWord(t) || innerVerb(t) {
				a--
				continue
			}
		}
		if p.kind == uPunct {
			txt := toks[p.start].Text
			if txt == "”" || txt == "“" || txt == "》" || txt == "《" {
				a--
				continue
			}
		}
		break
	}
	for a < k && (us[a].kind == uPunct && toks[us[a].start].Text != "“" && toks[us[a].start].Text != "《" ||
		us[a].kind == uOther && innerVerb(toks[us[a].start]) && !isNameWord(toks[us[a].start])) {
		a++
	}
	name := ""
	if a < k {
		name = s.Text[toks[us[a].start].Start:toks[us[k].end-1].End]
	}
	bare := name == "" || name == word
	if bare && kind == "speech" {
		return st.latest("speech")
	}
	if bare {
		if e := st.firstWord(kind, word); e != nil {
			st.current = e
			return e
		}
		if k > 0 && referVerbs[toks[us[k-1].start].Text] && st.current != nil {
			return st.current
		}
		// name it after the body that holds it (市委常委会昨天举行会议), else after
		// the persons who hold it (习近平为卢拉举行欢迎仪式)
		for _, u := range us[:k] {
			if kind != "meeting" {
				break
			}
			if u.kind == uOrg {
				name = u.org.name + word
				break
			}
		}
		if name == "" && kind != "meeting" && kind != "other" {
			if ps := personsIn(us, clauseStart(us, toks, k), k); len(ps) > 0 {
				name = strings.Join(ps, "、") + word
			}
		}
		if name == "" {
			return nil
		}
	} else {
		// expand relative bodies inside the name: 市委常委会会议 → 中共上海市委常委会会议
		for _, u := range us[a:k] {
			if u.kind == uOrg && u.org.surface != u.org.name && strings.HasPrefix(name, u.org.surface) && u.org.place != nil {
				name = u.org.name + strings.TrimPrefix(name, u.org.surface)
				break
			}
		}
	}
	return st.event(name, kind, s, us, toks, k)
}

// isNameWord reports whether a token may stand inside an event's name.
func isNameWord(t tok) bool {
	if t.cat == catEvent {
		return nounEvent(t.Text) || isDocument(t.Text)
	}
	if t.cat == catSuffix || t.cat == catBody {
		return true
	}
	p := t.Pos
	if p == "" || stopVerbs[t.Text] {
		return false
	}
	switch {
	case p[0] == 'n' && !strings.HasPrefix(p, "nr"), p == "vn", p == "j", p == "l", p == "b", p == "a" && len(t.Text) <= 6:
		return true
	case p == "m" || p == "x" || p == "mq":
		// 第一次, 2020年度, 十四届
		return t.Text != "" && !isPunct(t.Text)
	case p == "f" && t.Text == "上":
		return false
	}
	if strings.HasSuffix(t.Text, "年度") || strings.HasSuffix(t.Text, "届") || strings.HasPrefix(t.Text, "第") {
		return true
	}
	return false
}

// latest returns the article's most recent event of a kind.
func (st *articleState) latest(kind string) *event {
	for i := len(st.events) - 1; i >= 0; i-- {
		if st.events[i].kind == kind {
			return st.events[i]
		}
	}
	return nil
}

// event finds the article's event of this name or starts it.
func (st *articleState) event(name, kind string, s Sentence, us []unit, toks []tok, k int) *event {
	for _, e := range st.events {
		if e.name == name {
			st.current = e
			return e
		}
	}
	e := &event{name: name, kind: kind, date: st.curDate, evidence: s.Text, first: s.Para*1_000_000 + s.Start, sent: &st.sent}
	if e.date == "" {
		e.date = st.a.Date
	}
	e.place = st.placeOf(us, toks, k)
	st.events = append(st.events, e)
	st.current = e
	return e
}

// placeOf finds where an event took place: the last place named after 在, 于 or 赴.
func (st *articleState) placeOf(us []unit, toks []tok, k int) string {
	place := ""
	in := false
	for _, u := range us {
		t := toks[u.start]
		switch {
		case t.Text == "在" || t.Text == "于" || t.Text == "赴" || t.Text == "到":
			in = true
		case u.kind == uPunct:
			in = false
		case in && u.kind == uPlace:
			place = t.Text
		case in && u.kind == uOrg && u.org.kind == "other" && strings.Contains(t.Text, "大会堂"):
			place = u.org.name
		}
	}
	return place
}

// personsIn returns the persons of units [a, b).
func personsIn(us []unit, a, b int) []string {
	var out []string
	for _, u := range us[a:b] {
		if u.kind == uPerson && !u.byline {
			out = append(out, u.name)
		}
	}
	return out
}

// meetingWith reads 甲会见乙: the persons before the verb host, those after are guests.
func (st *articleState) meetingWith(toks []tok, us []unit, k int, s Sentence) *event {
	if k > 0 && referVerbs[toks[us[k-1].start].Text] {
		if e := st.latest("meeting_with"); e != nil {
			return e
		}
	}
	a := clauseStart(us, toks, k)
	hosts := personsIn(us, a, k)
	guests := personsIn(us, k+1, clauseEnd(us, toks, k))
	// 甲同乙举行会谈: those after 同, 与 or 和 are the guests
	for m := a; m < k; m++ {
		if t := tokText(toks, us[m]); (t == "同" || t == "与") && us[m].kind == uOther {
			hosts = personsIn(us, a, m)
			guests = append(personsIn(us, m+1, k), guests...)
			break
		}
	}
	if len(hosts) == 0 && len(guests) == 0 {
		return st.latest("meeting_with")
	}
	word := toks[us[k].start].Text
	// 赵乐际、李强分别会见卢拉: one meeting per host
	if len(hosts) > 1 && separately(us, toks, a, k) {
		var last *event
		for _, h := range hosts {
			e := st.event(h+word+strings.Join(guests, "、"), "meeting_with", s, us, toks, k)
			e.add(h, "host")
			for _, g := range guests {
				e.add(g, "guest")
			}
			last = e
		}
		return last
	}
	// 王宁分别会见了甲、乙: one meeting per guest
	if len(hosts) == 1 && len(guests) > 1 && separately(us, toks, a, k) {
		var last *event
		for _, g := range guests {
			e := st.event(hosts[0]+word+g, "meeting_with", s, us, toks, k)
			e.add(hosts[0], "host")
			e.add(g, "guest")
			last = e
		}
		return last
	}
	name := strings.Join(hosts, "、") + word + strings.Join(guests, "、")
	if len(guests) == 0 {
		for _, u := range us[k+1 : clauseEnd(us, toks, k)] {
			if u.kind == uOrg {
				name += u.org.name
				break
			}
		}
	}
	e := st.event(name, "meeting_with", s, us, toks, k)
	for _, h := range hosts {
		e.add(h, "host")
	}
	for _, g := range guests {
		e.add(g, "guest")
	}
	return e
}

// inspection reads 甲在乙调研.
func (st *articleState) inspection(toks []tok, us []unit, k int, s Sentence) *event {
	// 陪同调研: those who accompany attend the inspection already reported
	for _, u := range us[:k] {
		if tokText(toks, u) == "陪同" {
			return st.latest("inspection")
		}
	}
	// the inspector is often named a clause before (张三来湘，深入益阳调研), unless
	// another of their acts stands between (李强主持会议…听取督查情况)
	a := 0
	for m := k - 1; m >= 0; m-- {
		if v := tokText(toks, us[m]); us[m].kind == uOther && verbRoles[v] != "" && !leads(v) {
			a = m + 1
			break
		}
	}
	hosts := personsIn(us, a, k)
	if len(hosts) == 0 {
		if e := st.latest("inspection"); e != nil {
			return e
		}
		// 市人大常委会执法检查组…开展执法检查: a body inspects; who leads it comes later
		for _, u := range us[:k] {
			if u.kind == uOrg {
				e := st.event(u.org.name+toks[us[k].start].Text, "inspection", s, us, toks, k)
				e.addOrg(u.org.name, "organizer")
				return e
			}
		}
		return nil
	}
	place := ""
	for _, u := range us[a:k] {
		if u.kind == uPlace || u.kind == uOrg {
			place = s.Text[toks[u.start].Start:toks[u.end-1].End]
		}
	}
	name := hosts[0]
	if place != "" {
		name += "在" + place
	}
	name += toks[us[k].start].Text
	if e := st.latest("inspection"); e != nil && strings.HasPrefix(e.name, hosts[0]) {
		return e
	}
	e := st.event(name, "inspection", s, us, toks, k)
	if e.place == "" {
		e.place = place
	}
	e.add(hosts[0], "host")
	return e
}

// signing reads 甲与乙签署丙: the bodies before the verb sign.
func (st *articleState) signing(toks []tok, us []unit, k int, s Sentence) *event {
	a := clauseStart(us, toks, k)
	var orgs []string
	for _, u := range us[a:k] {
		if u.kind == uOrg {
			orgs = append(orgs, u.org.name)
		}
	}
	persons := personsIn(us, a, k)
	if len(orgs) < 2 {
		// 代表双方签约, 见证签约: the signing already reported, if any
		if e := st.latest("signing"); e != nil || len(persons) < 2 {
			return e
		}
		// 甲和乙分别代表两国政府签署…: a signing between the persons' sides
		orgs = persons
	}
	obj := ""
	end := clauseEnd(us, toks, k)
	if k+1 < end {
		obj = s.Text[toks[us[k+1].start].Start:toks[us[end-1].end-1].End]
		obj = strings.TrimPrefix(obj, "了")
	}
	name := strings.Join(orgs, "与") + toks[us[k].start].Text + obj
	e := st.event(name, "signing", s, us, toks, k)
	if len(persons) == 0 || len(orgs) != len(persons) {
		for _, o := range orgs {
			e.addOrg(o, "signatory")
		}
	}
	return e
}

// clauseStart returns the first unit of the clause holding unit k (clauses end at ，；：).
func clauseStart(us []unit, toks []tok, k int) int {
	for a := k - 1; a >= 0; a-- {
		if us[a].kind == uPunct && isClauseBreak(toks[us[a].start].Text) {
			// a clause made only of a title chain and a name belongs to the next one
			if onlyChain(us[:a], toks) {
				continue
			}
			return a + 1
		}
	}
	return 0
}

func clauseEnd(us []unit, toks []tok, k int) int {
	for b := k + 1; b < len(us); b++ {
		if us[b].kind == uPunct && (isClauseBreak(toks[us[b].start].Text) || strings.ContainsAny(toks[us[b].start].Text, "。！？")) {
			return b
		}
	}
	return len(us)
}

func isClauseBreak(s string) bool {
	return s == "，" || s == "," || s == "；" || s == ";" || s == "：" || s == ":" || s == "。"
}

// onlyChain reports whether the clause ending the units holds only titles, bodies and
// names: 上海市委副书记、市长龚正，江苏省委副书记、省长吴政隆，…分别介绍了.
func onlyChain(us []unit, toks []tok) bool {
	start := 0
	for a := len(us) - 1; a >= 0; a-- {
		if us[a].kind == uPunct && isClauseBreak(toks[us[a].start].Text) {
			start = a + 1
			break
		}
	}
	seen := false
	for _, u := range us[start:] {
		switch u.kind {
		case uPerson:
			seen = true
		case uTitle, uOrg, uPlace:
		case uPunct:
			if toks[u.start].Text != "、" {
				return false
			}
		default:
			return false
		}
	}
	return seen
}

// participation gives each person of the sentence what the verbs of their clause say.
// Clauses without a verb (a title chain and a name, a list of names) lend their persons
// to the next clause that has one: 甲，乙，丙出席会议.
func (st *articleState) participation(toks []tok, us []unit, s Sentence, evs []*event, target *event) {
	var accPersons []string
	var accOrgs []string
	start := 0
	clause := func(end int) {
		if start >= end {
			return
		}
		persons := personsIn(us, start, end)
		orgs := standaloneOrgs(us, start, end)
		var roles []string
		otherVerb := false
		seenPerson := false
		for _, u := range us[start:end] {
			if u.kind == uPerson {
				seenPerson = true
			}
			if u.kind != uOther {
				continue
			}
			t := toks[u.start]
			if r, ok := verbRoles[t.Text]; ok {
				roles = append(roles, r)
				continue
			}
			if strings.HasSuffix(t.Text, "讲话") && t.Text != "讲话" {
				roles = append(roles, "speaker")
				continue
			}
			// a verb after the clause's persons is their predicate; one before them
			// describes them (国家话剧院导演闫平)
			if t.Pos != "" && t.Pos[0] == 'v' && t.Pos != "vn" && utf8.RuneCountInString(t.Text) > 1 && (seenPerson || len(persons) == 0) {
				otherVerb = true
			}
		}
		if len(roles) == 0 {
			if otherVerb {
				accPersons, accOrgs = nil, nil
				return
			}
			accPersons = append(accPersons, persons...)
			accOrgs = append(accOrgs, orgs...)
			return
		}
		persons = append(accPersons, persons...)
		orgs = append(accOrgs, orgs...)
		accPersons, accOrgs = nil, nil
		// 习近平总书记…提出了新的要求: a leader named with a title after the name, in a
		// clause about guidance, is quoted, not present
		text := s.Text[toks[us[start].start].Start:toks[us[end-1].end-1].End]
		for _, w := range []string{"精神", "指示", "重要讲话", "重要论述", "思想", "批示", "要求"} {
			if strings.Contains(text, w) {
				persons = dropQuoted(persons, us, start, end)
				break
			}
		}
		ev := target
		// the event a clause names beats the sentence's last one
		for _, e := range evs {
			if strings.Contains(text, e.name) {
				ev = e
			}
		}
		guests := guestsIn(us, toks, start, end)
		for _, r := range roles {
			for _, p := range persons {
				if r == "host" && guests[p] {
					ev.add(p, "guest")
					continue
				}
				ev.add(p, r)
			}
			if r == "awardee" || r == "signatory" && len(persons) == 0 {
				for _, o := range orgs {
					ev.addOrg(o, r)
				}
			}
		}
	}
	for k := 0; k < len(us); k++ {
		if us[k].kind == uPunct {
			t := toks[us[k].start].Text
			if isClauseBreak(t) || strings.ContainsAny(t, "。！？") {
				clause(k)
				start = k + 1
			}
		}
	}
	clause(len(us))
}

// standaloneOrgs returns the bodies of units [a, b) that no title follows.
func standaloneOrgs(us []unit, a, b int) []string {
	var out []string
	for k := a; k < b; k++ {
		if us[k].kind == uOrg && (k+1 >= b || us[k+1].kind != uTitle) {
			out = append(out, us[k].org.name)
		}
	}
	return out
}

// separately reports whether 分别 stands among units [a, k).
func separately(us []unit, toks []tok, a, k int) bool {
	for _, u := range us[a:k] {
		if tokText(toks, u) == "分别" {
			return true
		}
	}
	return false
}

// nounEnds are the endings of words that name an event (座谈会, 颁奖仪式, 开学典礼);
// other event words are verbs (会见, 调研, 签署) whose event is read from who did what.
var nounEnds = []string{"会", "会议", "仪式", "典礼", "论坛", "峰会", "讲座", "宴会", "展", "展览", "比赛", "大赛",
	"马拉松", "演练", "党课", "式", "节", "活动", "报告"}

func nounEvent(w string) bool {
	for _, e := range nounEnds {
		if strings.HasSuffix(w, e) && w != "会" && w != "专题报告" && w != "作报告" {
			return true
		}
	}
	return false
}

// isDocument reports whether a signing word names the document signed (合作协议).
func isDocument(w string) bool {
	return strings.HasSuffix(w, "协议") || strings.HasSuffix(w, "备忘录") || strings.HasSuffix(w, "合同") || strings.HasSuffix(w, "协定")
}

// referenced reports whether the event word at unit k names an event the sentence only
// refers to: one whose spirit is passed on (传达…会议精神) or at which someone spoke earlier
// (在…会议上的重要讲话).
func referenced(toks []tok, us []unit, k int) bool {
	for m := k + 1; m < len(us) && m <= k+3; m++ {
		switch tokText(toks, us[m]) {
		case "精神", "上的", "重要讲话", "闭幕会", "开幕会":
			return true
		}
	}
	for m := k - 1; m >= 0 && m >= k-8; m-- {
		t := tokText(toks, us[m])
		if us[m].kind == uPunct {
			break
		}
		switch t {
		case "传达", "学习", "贯彻", "落实", "学习贯彻", "贯彻落实", "传达学习":
			return true
		}
	}
	return false
}

// innerVerb reports whether a verb may stand inside an event's name (集中开工活动,
// 揭牌仪式): a word of two or more characters that is no role verb.
func innerVerb(t tok) bool {
	return t.cat == catNone && strings.HasPrefix(t.Pos, "v") && utf8.RuneCountInString(t.Text) >= 2 &&
		verbRoles[t.Text] == "" && !stopVerbs[t.Text] && !referVerbs[t.Text]
}

// leads reports whether a verb says who leads a visit: 带队调研, 率队考察.
func leads(v string) bool { return v == "带队" || v == "率队" || v == "率团" }

// firstWord returns the article's first event of a kind that a bare word refers to: a
// bare 会议 is any meeting, a bare 欢迎宴会 only an event named so.
func (st *articleState) firstWord(kind, word string) *event {
	for _, e := range st.events {
		if e.kind != kind {
			continue
		}
		if strings.HasSuffix(e.name, word) || word == "会议" || word == "会" || word == "活动" ||
			kind == "signing" || kind == "meeting_with" || kind == "inspection" {
			return e
		}
	}
	return nil
}

// guestsIn returns the persons a clause names after 为, 同 or 与: those an event is held
// for or with (习近平为卢拉举行欢迎仪式).
func guestsIn(us []unit, toks []tok, a, b int) map[string]bool {
	out := map[string]bool{}
	after := false
	for _, u := range us[a:b] {
		if u.kind == uOther {
			switch tokText(toks, u) {
			case "为", "同", "与":
				after = true
			}
		}
		if after && u.kind == uPerson {
			out[u.name] = true
		}
	}
	return out
}

// dropQuoted removes the persons of units [a, b) named with a title after the name
// (习近平总书记).
func dropQuoted(persons []string, us []unit, a, b int) []string {
	quoted := map[string]bool{}
	for k := a; k+1 < b; k++ {
		if us[k].kind == uPerson && us[k+1].kind == uTitle {
			quoted[us[k].name] = true
		}
	}
	var out []string
	for _, p := range persons {
		if !quoted[p] {
			out = append(out, p)
		}
	}
	return out
}
