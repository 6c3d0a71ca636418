package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// org is an organization mention resolved to its canonical name.
//
// Stage: mention. Needs tagged tokens and the article's home; adds organizations.
type org struct {
	start, end int // token span in the sentence
	name       string
	surface    string
	kind       string
	parent     string         // the body a department belongs to
	place      *lexicon.Place // for a party committee or a people's government
}

// stopVerbs never stand inside an organization's name.
var stopVerbs = map[string]bool{
	"听取": true, "审议": true, "通过": true, "会见": true, "签署": true, "出席": true, "主持": true,
	"召开": true, "举行": true, "参加": true, "表示": true, "获得": true, "代表": true, "感谢": true,
	"支持": true, "推动": true, "推进": true, "加强": true, "欢迎": true, "组建": true, "走访": true,
	"考察": true, "调研": true, "视察": true, "来到": true, "前往": true, "深入": true, "陪同": true,
	"依托": true, "围绕": true, "获奖": true, "颁奖": true, "签约": true, "会谈": true, "看望": true,
	"慰问": true, "致辞": true, "讲话": true, "指出": true, "强调": true, "介绍": true, "召集": true,
	"任命": true, "免去": true, "决定": true, "担任": true, "当选": true, "同意": true, "批准": true,
}

// material reports whether a token may stand inside an organization's name.
func material(t tok) bool {
	switch t.cat {
	case catBody, catRelOrg, catPlace, catCountry, catSuffix:
		return true
	case catNone:
	default:
		return false
	}
	if stopVerbs[t.Text] {
		return false
	}
	p := t.Pos
	switch {
	case p == "":
		return false
	case p[0] == 'n', p == "vn", p == "j", p == "b", p == "l", p == "an", p == "nz", p == "f" && t.Text == "间":
		return !strings.HasPrefix(p, "nr") || utf8.RuneCountInString(t.Text) > 1
	case p[0] == 'v':
		return utf8.RuneCountInString(t.Text) == 2
	case p == "x" || p == "eng" || p == "m":
		// letters and digits inside names (5G), never bare numbers
		return isAlnum(t.Text) && !isDigits(t.Text)
	}
	return false
}

func isAlnum(s string) bool {
	for _, r := range s {
		if !(r < 128 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z')) {
			return false
		}
	}
	return s != ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// isHead reports whether a token can end an organization's name.
func isHead(t tok) bool {
	return t.cat == catBody || t.cat == catRelOrg || t.cat == catSuffix
}

// findOrgs finds the organizations of one sentence. Coordinated names
// (上海市、江苏省人民政府) are distributed into one organization per place.
func (st *articleState) findOrgs(toks []tok, s string) []*org {
	var out []*org
	for i := 0; i < len(toks); {
		if !material(toks[i]) {
			i++
			continue
		}
		j := i
		for j < len(toks) && (material(toks[j]) || innerAnd(toks, j)) {
			if j > i && toks[j-1].cat == catTitle {
				break // a name follows a title: 院士上官文渊
			}
			j++
			// 晶璞半导体（苏州）有限公司: a place in brackets inside a name
			if j+3 < len(toks) && isOpenBracket(toks[j].Text) && toks[j+1].cat == catPlace &&
				isCloseBracket(toks[j+2].Text) && material(toks[j+3]) {
				j += 3
			}
		}
		// 县农业农村局, 市防汛指挥部: a level word before the name means the home's
		if i > 0 && isLevelWord(toks[i-1].Text) && toks[i].cat != catPlace && toks[i].cat != catRelOrg {
			i--
		} else if strongHead(toks[i:j]) {
			// a company's own name gse does not know: 华|昱|新能源科技集团有限公司
			for n := 0; n < 2 && i > 0 && nameChar(toks[i-1]); n++ {
				i--
			}
		}
		out = append(out, st.orgsInRun(toks, s, i, j)...)
		i = j
	}
	return out
}

// orgsInRun resolves the organizations in a run of name material toks[a:b]: the run may
// hold several bodies back to back (上海市人民政府中国移动 is rare, 复旦大学附属华山医院感染科 is one).
func (st *articleState) orgsInRun(toks []tok, s string, a, b int) []*org {
	// the last head in the run ends the name
	h := -1
	for k := b - 1; k >= a; k-- {
		if isHead(toks[k]) && (!toks[k].weak || hasAnchor(toks[a:k]) || k+1 < len(toks) && toks[k+1].cat == catTitle) {
			h = k
			break
		}
	}
	if h < 0 {
		return nil
	}
	var out []*org
	// a sentence-level run can hold two names: split at a known body that follows a head
	start := a
	for k := a + 1; k <= h; k++ {
		if toks[k].cat == catBody && isHead(toks[k-1]) && toks[k-1].cat != catBody && !strings.HasPrefix(toks[k].Text, "附属") {
			if o := st.resolveOrg(toks, s, start, k); o != nil {
				out = append(out, o)
			}
			start = k
		}
	}
	// trim leading single verbs, and everything up to a verb that governs the name:
	// 草案提请|全国人大常委会
	for start < h && toks[start].cat == catNone && toks[start].Pos != "" && toks[start].Pos[0] == 'v' {
		start++
	}
	for m := h - 1; m > start; m-- {
		if toks[m].cat == catNone && strings.HasPrefix(toks[m].Pos, "v") && toks[m].Pos != "vn" &&
			(toks[m+1].cat == catBody || toks[m+1].cat == catRelOrg || toks[m+1].cat == catPlace) {
			start = m + 1
			break
		}
	}
	o := st.resolveOrg(toks, s, start, h+1)
	if o == nil {
		return out
	}
	out = append(out, o)
	// a department of a named body: 复旦大学附属华山医院感染科
	if toks[h].cat == catSuffix && h > start && isDepartment(toks[h].Text) {
		for k := h - 1; k >= start; k-- {
			if isHead(toks[k]) && utf8.RuneCountInString(toks[k].Text) > 1 {
				if p := st.resolveOrg(toks, s, start, k+1); p != nil && p.name != o.name {
					o.parent = p.name
				}
				break
			}
		}
	}
	// distribute over a coordinated list before the name: 上海市、江苏省、浙江省、安徽省人民政府
	if toks[o.start].cat == catPlace {
		rest := s[toks[o.start].End:toks[o.end-1].End]
		k := o.start - 1
		for k >= 1 && isCoord(toks[k].Text) && toks[k-1].cat == catPlace {
			p := toks[k-1].place
			name := p.Name
			if !strings.HasSuffix(toks[o.start].Text, lastRune(p.Name)) {
				// keep the form the list uses for the last item: 南京、无锡和苏州市 → 南京市
				name = toks[k-1].Text
				if strings.HasSuffix(toks[o.start].Text, lastRune(toks[o.start].place.Name)) && toks[o.start].Text == toks[o.start].place.Name {
					name = p.Name
				}
			}
			fake := []tok{{Token: Token{Text: name, Pos: "ns"}, cat: catPlace, place: p}}
			fake = append(fake, toks[o.start+1:o.end]...)
			surface := name + rest
			if d := st.resolveSurface(fake, surface); d != nil {
				d.start, d.end = k-1, k
				out = append(out, d)
			}
			k -= 2
		}
	}
	return out
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

func isCoord(s string) bool {
	return s == "、" || s == "和" || s == "及" || s == "与" || s == "以及"
}

// resolveOrg resolves toks[a:b] to an organization, or nil.
func (st *articleState) resolveOrg(toks []tok, s string, a, b int) *org {
	if a >= b {
		return nil
	}
	o := st.resolveSurface(toks[a:b], s[toks[a].Start:toks[b-1].End])
	if o != nil {
		o.start, o.end = a, b
	}
	return o
}

// resolveSurface turns the tokens of one organization name into its canonical form.
func (st *articleState) resolveSurface(ts []tok, surface string) *org {
	last := ts[len(ts)-1]
	o := &org{surface: surface}
	// a place's party committee or government, named relative or in full
	var place *lexicon.Place
	if len(ts) >= 2 && ts[len(ts)-2].cat == catPlace {
		place = ts[len(ts)-2].place
	}
	// 上海市|委: a place's party committee, cut apart
	if last.Text == "委" && place != nil && len(ts) == 2 {
		o.place = place
		o.name, o.kind = "中共"+place.Name+"委", "party"
		return o
	}
	if last.cat == catRelOrg || isGovSuffix(last.Text) && (place != nil || len(ts) == 1) {
		rel := last.Text
		level := ""
		if last.cat == catRelOrg {
			level = string([]rune(rel)[0])
		}
		if place == nil {
			if len(ts) > 1 && ts[len(ts)-2].cat != catPlace {
				// 市委宣传部 and the like end elsewhere; a relative body needs a place or the home
				if ts[0].cat != catPlace {
					place = nil
				}
			}
			if place == nil {
				place = st.homeAt(level)
			}
		} else if level != "" {
			place = st.x.placeAtLevel(place, level)
		}
		if place == nil {
			return nil
		}
		o.place = place
		o.name, o.kind = canonicalRel(place, rel)
		return o
	}
	if len(ts) == 1 && last.cat == catBody {
		o.name, o.kind = last.body.Canonical, last.body.Kind
		return o
	}
	if b := st.x.lex.Bodies[surface]; b != nil {
		o.name, o.kind = b.Canonical, b.Kind
		return o
	}
	name := surface
	// 市防汛指挥部: a body of the home named without the home
	if first := ts[0].Text; (first == "市" || first == "省" || first == "县" || first == "区") && len(ts) > 1 {
		if home := st.homeAt(first); home != nil {
			name = strings.TrimSuffix(home.Name, lastRune(home.Name)) + surface
		}
	}
	if c, ok := st.aliasTo[name]; ok {
		o.name = c
		o.kind = st.orgKind[c]
		return o
	}
	// a short name of a body named in full earlier in the article: 协作小组, 协作小组办公室
	if c := st.expandShort(ts, name); c != "" {
		o.name = c
	} else {
		// a lone suffix word is no name
		if len(ts) == 1 && last.cat == catSuffix {
			if _, ok := st.x.lex.Suffixes[last.Text]; ok {
				return nil
			}
		}
		if len(ts) == 1 && ts[0].cat == catPlace {
			return nil
		}
		o.name = name
	}
	// 省卫生健康委: a commission named short
	if last.Text == "委" && len(ts) > 2 && utf8.RuneCountInString(ts[len(ts)-2].Text) >= 2 {
		o.name += "员会"
	}
	_, kind := st.x.lex.Suffix(o.name)
	if b := st.x.lex.Bodies[o.name]; b != nil {
		o.name, kind = b.Canonical, b.Kind
	}
	if kind == "" {
		kind = "other"
	}
	o.kind = kind
	return o
}

func isGovSuffix(s string) bool { return s == "人民政府" || s == "政府" }

// canonicalRel names a place's body: 中共X委 for party committees, X人民政府 for governments.
func canonicalRel(p *lexicon.Place, rel string) (name, kind string) {
	r := []rune(rel)
	tail := string(r[1:]) // 委, 政府, 委常委会, 人大常委会 ...
	if isGovSuffix(rel) {
		return p.Name + "人民政府", "government"
	}
	switch {
	case tail == "委" || rel == "自治区党委":
		return "中共" + p.Name + "委", "party"
	case strings.HasPrefix(tail, "委"):
		return "中共" + p.Name + tail, "party"
	case tail == "纪委":
		return "中共" + p.Name + "纪律检查委员会", "party"
	case tail == "监委":
		return p.Name + "监察委员会", "government"
	case tail == "人大常委会":
		return p.Name + "人民代表大会常务委员会", "government"
	case tail == "政协":
		return "中国人民政治协商会议" + p.Name + "委员会", "government"
	case tail == "政府" || tail == "人民政府":
		return p.Name + "人民政府", "government"
	}
	return p.Name + tail, "government"
}

// placeAtLevel walks up from p to the place whose name ends with level (省, 市, 县, 区).
func (x *Extractor) placeAtLevel(p *lexicon.Place, level string) *lexicon.Place {
	for k := 0; p != nil && k < 4; k++ {
		if p.Level == "country" {
			return nil
		}
		if level == "" || strings.HasSuffix(p.Name, level) || level == "州" {
			return p
		}
		if level == "区" && p.Level == "province" && strings.HasSuffix(p.Name, "自治区") {
			return p
		}
		if p.Parent == "" {
			break
		}
		p = x.lex.Places[p.Parent]
	}
	return nil
}

// expandShort finds the full name of a body named short: an organization of the article
// whose name ends with, or holds at a name's end, the short name's head (协作小组 in
// 长三角区域生态环境保护协作小组; 瑞康医院 in 赣江医科大学附属瑞康医院心血管专科联盟), or that
// starts with the short name's first word and holds its suffix (华昱集团).
func (st *articleState) expandShort(ts []tok, name string) string {
	surface := ""
	for _, t := range ts {
		surface += t.Text
	}
	for k := len(ts); k >= 1; k-- {
		head := ""
		for _, t := range ts[:k] {
			head += t.Text
		}
		if utf8.RuneCountInString(head) < 2 || k == 1 && ts[0].cat == catPlace {
			continue
		}
		rest := strings.TrimPrefix(surface, head)
		for _, c := range st.orgOrder {
			if c == head {
				continue
			}
			if strings.HasSuffix(c, head) {
				return c + rest
			}
			if isHead(ts[k-1]) && utf8.RuneCountInString(head) >= 4 {
				if i := strings.Index(c, head); i > 0 {
					return c[:i+len(head)] + rest
				}
			}
		}
	}
	// 华昱集团 for 华昱新能源科技集团有限公司
	if len(ts) >= 2 && ts[len(ts)-1].cat == catSuffix {
		suf := ts[len(ts)-1].Text
		pre := strings.TrimSuffix(surface, suf)
		if utf8.RuneCountInString(pre) >= 2 && (suf == "集团" || suf == "公司" || suf == "银行") {
			for _, c := range st.orgOrder {
				if c != surface && !strings.Contains(c, surface) && strings.HasPrefix(c, pre) && strings.Contains(c[len(pre):], suf) {
					return c
				}
			}
		}
	}
	return ""
}

// isDepartment reports whether a suffix names a department inside a larger body.
func isDepartment(s string) bool {
	switch s {
	case "科", "处", "室", "部", "司", "办公室", "研究所", "研究院", "学院", "中心", "党委", "党组", "纪委":
		return true
	}
	return false
}

// innerAnd reports whether 和 at j joins two words inside one name (发展和改革委员会)
// rather than two names (上海市和江苏省).
func innerAnd(toks []tok, j int) bool {
	return toks[j].Text == "和" && j > 0 && j+1 < len(toks) && toks[j-1].cat == catNone &&
		toks[j+1].cat == catNone && material(toks[j-1]) && material(toks[j+1]) &&
		!strings.HasPrefix(toks[j-1].Pos, "nr") && !strings.HasPrefix(toks[j+1].Pos, "nr")
}

// hasAnchor reports whether tokens hold a place or a named body.
func hasAnchor(ts []tok) bool {
	for _, t := range ts {
		if t.cat == catPlace || t.cat == catBody || t.cat == catRelOrg {
			return true
		}
	}
	return false
}

// isLevelWord reports whether s is a one-character level word standing for the home.
func isLevelWord(s string) bool { return s == "市" || s == "省" || s == "县" || s == "区" }

// strongHead reports whether a run ends in a suffix that only organizations have
// (有限公司, 集团, 大学, 医院, 协会), so the words before it are the body's own name.
func strongHead(ts []tok) bool {
	for k := len(ts) - 1; k >= 0; k-- {
		if ts[k].cat == catSuffix && !ts[k].weak && utf8.RuneCountInString(ts[k].Text) >= 2 {
			switch {
			case strings.HasSuffix(ts[k].Text, "公司"), strings.HasSuffix(ts[k].Text, "集团"),
				strings.HasSuffix(ts[k].Text, "大学"), strings.HasSuffix(ts[k].Text, "医院"),
				strings.HasSuffix(ts[k].Text, "协会"), strings.HasSuffix(ts[k].Text, "银行"),
				strings.HasSuffix(ts[k].Text, "学院"), strings.HasSuffix(ts[k].Text, "研究院"):
				return true
			}
		}
	}
	return false
}

// nameChar reports whether a token may be part of a body's own name: a one-character
// word that is no function word, no punctuation and no lexicon word.
func nameChar(t tok) bool {
	if t.cat != catNone || utf8.RuneCountInString(t.Text) > 2 || isPunct(t.Text) || isAlnum(t.Text) {
		return false
	}
	if utf8.RuneCountInString(t.Text) == 2 && !(strings.HasPrefix(t.Pos, "n") || t.Pos == "j" || t.Pos == "g" || t.Pos == "x") {
		return false
	}
	switch t.Pos {
	case "p", "c", "u", "uj", "ul", "d", "r", "m", "q", "t", "f", "zg", "y", "e":
		return false
	}
	return !isLevelWord(t.Text) && !strings.Contains(nameStops, t.Text)
}

func isOpenBracket(s string) bool  { return s == "（" || s == "(" }
func isCloseBracket(s string) bool { return s == "）" || s == ")" }
