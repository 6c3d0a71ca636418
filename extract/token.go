package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// Token categories, from the lexicons.
const (
	catNone    = iota
	catPunct   // punctuation and spaces
	catTitle   // a position: 书记, 副部长, 董事长
	catGeneric // a word that looks like a position but is none: 负责人, 记者, 市领导
	catBody    // a named body: 国务院, 生态环境部, 中国移动
	catRelOrg  // a body named relative to the paper's home: 市委, 省政府, 县委常委会
	catPlace   // an administrative division: 上海市, 无锡
	catCountry // a foreign country: 俄罗斯
	catSuffix  // the last word of an organization's name: 有限公司, 医院, 协作小组
	catEvent   // an event word: 会议, 会见, 签约仪式
	catDeputy  // 副 split from a glued token, joined to the title that follows
)

// relOrgs are the bodies a paper names relative to its home, with what they are.
var relOrgs = map[string]string{
	"省委": "party", "市委": "party", "县委": "party", "区委": "party", "州委": "party", "自治区党委": "party",
	"省政府": "government", "市政府": "government", "县政府": "government", "区政府": "government",
	"省人民政府": "government", "市人民政府": "government", "县人民政府": "government", "区人民政府": "government",
	"省委常委会": "party", "市委常委会": "party", "县委常委会": "party", "区委常委会": "party",
	"省人大常委会": "government", "市人大常委会": "government", "县人大常委会": "government", "区人大常委会": "government",
	"省政协": "government", "市政协": "government", "县政协": "government", "区政协": "government",
	"省纪委": "party", "市纪委": "party", "县纪委": "party", "区纪委": "party",
	"省监委": "government", "市监委": "government", "县监委": "government", "区监委": "government",
}

// tok is a token with what the lexicons know of it.
type tok struct {
	Token
	cat   int
	title *lexicon.Title
	body  *lexicon.Body
	place *lexicon.Place
	event string // event kind
	weak  bool   // a suffix read from a word's last character (教育局): a name only after a place or body
}

// isPunct reports whether a token is punctuation or space.
func isPunct(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff || r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false // ideographs, Latin letters and digits, the most of any text, asked first
		}
		if !unicode.IsPunct(r) && !unicode.IsSpace(r) && !unicode.IsSymbol(r) {
			return false
		}
	}
	return true
}

// blank reports whether s is empty or white space alone, as strings.TrimSpace(s) == ""
// does, but answers at the first rune for a word that starts with an ideograph (TrimSpace
// decoded both ends of every token: 0.8 % of a spilled 200 MB run's CPU).
func blank(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff || !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// tagTokens gives every token its lexicon category and splits the glued words gse's
// dictionary holds (市委书记, 科主任, 医院院长, 部副) into the lexicon's pieces. It reuses
// toks's array, and takes the result's from sl.
func (x *Extractor) tagTokens(sent string, toks []Token, extra map[string]*lexicon.Place, sl *slab[tok]) []tok {
	toks = x.repairBoundaries(toks)
	toks = x.mergeLexicon(sent, toks, extra)
	toks = x.splitTrailingFunction(toks)
	out := sl.take(len(toks) + len(toks)/4 + 4)
	for _, t := range toks {
		if blank(t.Text) {
			continue // spaces between words carry nothing
		}
		if p := extra[t.Text]; p != nil {
			out = append(out, tok{Token: t, cat: catPlace, place: p})
			continue
		}
		if p := x.town(t.Text, extra); p != nil {
			out = append(out, tok{Token: t, cat: catPlace, place: p})
			continue
		}
		tt, ok := x.classify(t)
		if ok && tt.cat != catSuffix || ok && x.lex.Suffixes[t.Text] != "" {
			out = append(out, tt)
			continue
		}
		// a word gse glued together is split before it is taken for a name by its ending
		if pieces := x.splitGlue(t); pieces != nil {
			out = append(out, pieces...)
			continue
		}
		if ok {
			out = append(out, tt)
			continue
		}
		if pieces := x.splitVerbEvent(t); pieces != nil {
			out = append(out, pieces...)
			continue
		}
		out = append(out, tok{Token: t})
	}
	// join 副 to the title after it
	for i := 0; i+1 < len(out); i++ {
		if out[i].cat == catDeputy && out[i+1].cat == catTitle {
			if t := x.lex.Titles["副"+out[i+1].Text]; t != nil {
				out[i+1].Text = "副" + out[i+1].Text
				out[i+1].Start = out[i].Start
				out[i+1].title = t
				out = append(out[:i], out[i+1:]...)
			}
		}
	}
	return out
}

// classify tags a token that is a lexicon word as a whole.
func (x *Extractor) classify(t Token) (tok, bool) {
	tt := tok{Token: t}
	s := t.Text
	f := x.words.get(s)
	switch {
	case isPunct(s):
		tt.cat = catPunct
	case f&wBody != 0:
		tt.cat, tt.body = catBody, x.lex.Bodies[s]
	case f&wRelOrg != 0:
		tt.cat = catRelOrg
	case f&wTitle != 0:
		tt.title = x.lex.Titles[s]
		tt.cat = catTitle
		if tt.title.Class == lexicon.ClassGeneric {
			tt.cat = catGeneric
		}
	case f&wPlace != 0:
		tt.cat, tt.place = catPlace, x.lex.Places[s]
	case f&wCountry != 0:
		tt.cat = catCountry
	case f&wEvent != 0:
		tt.cat, tt.event = catEvent, x.lex.EventWords[s]
	case x.isSuffixWord(s, f):
		tt.cat = catSuffix
	case utf8.RuneCountInString(s) >= 2 && strings.Contains(weakSuffixes, lastRune(s)) && f&wNotName == 0 && !notOrgWords[s] &&
		(t.Pos == "" || t.Pos[0] == 'n' || t.Pos == "j"):
		tt.cat, tt.weak = catSuffix, true
	default:
		return tt, false
	}
	return tt, true
}

// singleSuffixes are the one-character suffixes trusted only as a token of their own.
const singleSuffixes = "科处室局厅署所院办部司委"

// weakSuffixes end a word that names a body only when a place or body comes first
// (广州市教育局, but not 格局).
const weakSuffixes = "局厅署办院所处科室司部委"

// isSuffixWord reports whether s is, or ends with, an organization suffix.
// f is what the word index holds for s.
func (x *Extractor) isSuffixWord(s string, f wordFlags) bool {
	if f&wSuffix != 0 {
		return utf8.RuneCountInString(s) > 1 || strings.Contains(singleSuffixes, s)
	}
	suf, _ := x.lex.Suffix(s)
	return utf8.RuneCountInString(suf) >= 2 && utf8.RuneCountInString(s) > utf8.RuneCountInString(suf)
}

// splitGlue splits a token that is a concatenation of lexicon words (at most three
// pieces, the last a title, an event word or a suffix), or returns nil.
func (x *Extractor) splitGlue(t Token) []tok {
	s := t.Text
	if utf8.RuneCountInString(s) < 2 {
		return nil
	}
	var best []tok
	var try func(off int, rest string, acc []tok) bool
	try = func(off int, rest string, acc []tok) bool {
		if rest == "" {
			if len(acc) >= 2 {
				best = append([]tok(nil), acc...)
				return true
			}
			return false
		}
		if len(acc) >= 3 {
			return false
		}
		// longest piece first; the whole token alone is no split
		end := len(rest)
		if len(acc) == 0 {
			_, n := utf8.DecodeLastRuneInString(rest)
			end -= n
		}
		for end > 0 {
			piece := rest[:end]
			var pt tok
			ok := false
			if piece == "副" {
				pt, ok = tok{Token: Token{Text: piece, Pos: "b"}, cat: catDeputy}, true
			} else {
				pt, ok = x.classify(Token{Text: piece})
				if ok && pt.cat == catPunct {
					ok = false
				}
			}
			if ok {
				pt.Start = t.Start + off
				pt.End = pt.Start + len(piece)
				if pt.Pos == "" {
					pt.Pos = "n"
				}
				if try(off+end, rest[end:], append(acc, pt)) {
					return true
				}
			}
			_, n := utf8.DecodeLastRuneInString(piece)
			end -= n
		}
		return false
	}
	if try(0, s, nil) {
		return best
	}
	return nil
}

// splitVerbEvent splits a verb glued to an event word (出席会议, 参加会见) into the two.
func (x *Extractor) splitVerbEvent(t Token) []tok {
	if utf8.RuneCountInString(t.Text) < 3 {
		return nil // a verb of one character or more and an event word of two or more
	}
	for _, verb := range glueVerbs {
		if !strings.HasPrefix(t.Text, verb) || len(t.Text) == len(verb) {
			continue
		}
		rest := t.Text[len(verb):]
		kind, ok := x.lex.EventWords[rest]
		if !ok {
			continue
		}
		v := tok{Token: Token{Text: verb, Pos: "v", Start: t.Start, End: t.Start + len(verb)}}
		e := tok{Token: Token{Text: rest, Pos: "n", Start: t.Start + len(verb), End: t.End}, cat: catEvent, event: kind}
		return []tok{v, e}
	}
	return nil
}

// mergeLexicon joins runs of up to four tokens that together make one lexicon word gse
// cut apart (市委|常委会, 诸葛|宇杰, 住房和城乡建设部 in pieces), longest first. It writes
// into toks's array: a token is written only where one already read stood.
func (x *Extractor) mergeLexicon(sent string, toks []Token, extra map[string]*lexicon.Place) []Token {
	out := toks[:0]
	for i := 0; i < len(toks); {
		merged := false
		// a lexicon word of two tokens or more starts with the first two
		lex := i+1 < len(toks) && x.words.get(sent[toks[i].Start:toks[i+1].End])&(wLexicon|wPrefix) != 0
		for k := min(4, len(toks)-i); k >= 2; k-- {
			text := sent[toks[i].Start:toks[i+k-1].End]
			if lex && x.isLexiconWord(text) || extra[text] != nil || k == 2 && x.town(text, extra) != nil && !x.isLexiconWord(toks[i].Text) {
				out = append(out, Token{Text: text, Pos: "n", Start: toks[i].Start, End: toks[i+k-1].End})
				i += k
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, toks[i])
			i++
		}
	}
	return out
}

// isLexiconWord reports whether s is a whole word of one of the lexicons.
func (x *Extractor) isLexiconWord(s string) bool {
	return x.words.get(s)&wLexicon != 0
}

// repairBoundaries moves a cut gse placed inside a lexicon word: 外交部|长毛|罗 becomes
// 外交部长|毛|罗 because 外交部长 is a title. It changes toks in place.
func (x *Extractor) repairBoundaries(toks []Token) []Token {
	out := toks
	for i := 0; i+1 < len(out); i++ {
		a, b := out[i], out[i+1]
		if x.words.get(a.Text)&wPrefix == 0 || isPunct(a.Text) || isPunct(b.Text) {
			continue // a lexicon word a.Text+head starts with a.Text
		}
		rb := []rune(b.Text)
		for c := len(rb) - 1; c >= 1; c-- {
			head := string(rb[:c])
			if x.isLexiconWord(a.Text+head) && !x.isLexiconWord(b.Text) && x.splitGlue(b) == nil {
				n := len(head)
				out[i] = Token{Text: a.Text + head, Pos: "n", Start: a.Start, End: b.Start + n}
				out[i+1] = Token{Text: b.Text[n:], Pos: "x", Start: b.Start + n, End: b.End}
				break
			}
		}
	}
	return out
}

// glueVerbs are the verbs gse glues to the event word they govern, longest first.
var glueVerbs = func() []string {
	vs := []string{"举行", "召开", "进行", "举办", "开展"}
	for v := range verbRoles {
		vs = append(vs, v)
	}
	sort.Slice(vs, func(i, j int) bool {
		if len(vs[i]) != len(vs[j]) {
			return len(vs[i]) > len(vs[j])
		}
		return vs[i] < vs[j]
	})
	return slices.Compact(vs)
}()

// notTowns start words that end in 镇 or 乡 without naming a town.
const notTowns = "城乡全该各本小古重家故下返老他异名集市村"

// town reads a township named by its own word (白沙镇, 石门乡, 双河街道) as a place under
// the paper's home.
func (x *Extractor) town(s string, extra map[string]*lexicon.Place) *lexicon.Place {
	if !strings.HasSuffix(s, "镇") && !strings.HasSuffix(s, "乡") && !strings.HasSuffix(s, "街道") {
		return nil
	}
	rs := []rune(s)
	n := len(rs)
	suffix := ""
	switch {
	case n >= 3 && n <= 4 && (rs[n-1] == '镇' || rs[n-1] == '乡'):
		suffix = string(rs[n-1])
	case n >= 4 && n <= 5 && strings.HasSuffix(s, "街道"):
		suffix = "街道"
	default:
		return nil
	}
	if strings.ContainsRune(notTowns, rs[0]) || x.lex.NotNames[s] {
		return nil
	}
	for _, r := range rs {
		if r < 0x4e00 || r > 0x9fff {
			return nil
		}
	}
	parent := ""
	for _, p := range extra {
		parent = p.Name
	}
	return &lexicon.Place{Name: s, Level: "town", Parent: parent, Short: strings.TrimSuffix(s, suffix)}
}

// notOrgWords end like a body's name (局, 部, 署, 院) but are ordinary words.
var notOrgWords = map[string]bool{
	"部署": true, "布局": true, "格局": true, "大局": true, "全局": true, "结局": true, "当局": true, "开局": true,
	"干部": true, "内部": true, "全部": true, "局部": true, "外部": true, "西部": true, "东部": true, "中部": true,
	"南部": true, "北部": true, "头部": true, "底部": true, "顶部": true, "腹部": true, "总部": true, "本部": true,
	"各部": true, "部委": true, "场所": true, "住所": true, "处所": true, "厕所": true, "诊所": true, "各处": true,
	"好处": true, "到处": true, "之处": true, "用处": true, "难处": true, "大厅": true, "客厅": true, "餐厅": true,
	"庭院": true, "寺院": true, "学科": true, "本科": true, "专科": true, "百科": true, "教科": true, "卧室": true,
	"课室": true, "各司": true, "上司": true, "官司": true,
}

// splitTrailingFunction splits a word gse took from a name and the word after it when
// the lexicon knows it as a body: 麦景|华为|广州市 is 麦景华|为|广州市 (华为 is a company).
func (x *Extractor) splitTrailingFunction(toks []Token) []Token {
	var out []Token // nil until a token splits
	for i, t := range toks {
		if x.words.get(t.Text)&wBody != 0 && i > 0 && i+1 < len(toks) {
			rs := []rune(t.Text)
			if len(rs) == 2 && strings.ContainsRune("为和与在", rs[1]) {
				next := toks[i+1].Text
				if x.words.get(next)&(wPlace|wBody|wTitle|wRelOrg) != 0 {
					if out == nil {
						out = append(make([]Token, 0, len(toks)+1), toks[:i]...)
					}
					n := len(string(rs[0]))
					out = append(out, Token{Text: string(rs[0]), Pos: "x", Start: t.Start, End: t.Start + n},
						Token{Text: string(rs[1]), Pos: "p", Start: t.Start + n, End: t.End})
					continue
				}
			}
		}
		if out != nil {
			out = append(out, t)
		}
	}
	if out == nil {
		return toks
	}
	return out
}
