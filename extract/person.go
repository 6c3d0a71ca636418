package extract

import (
	"strings"
	"unicode/utf8"
)

// Stage: mention (persons). Needs tagged tokens; adds person names. A name is a surname
// (one of the lexicon's, compound ones included) and one or two more characters, made of
// whole gse tokens, that no lexicon knows as another word and that is followed by what
// follows names in news: punctuation, a verb, a preposition, a title.

// nameStops are characters that end a given name rather than belong to it.
const nameStops = "为与和及在对向同等是的了也将就到把被从给让并于曾又还都均即已他她它我你您作"

// thingEnds end words that name things, not persons.
const thingEnds = "奖会局部委院厅处室所站村镇乡省市县区类型性化式费率量"

// followerWords follow names directly.
var followerWords = map[string]bool{
	"一行": true, "等": true, "等人": true, "同志": true, "先生": true, "女士": true, "分别": true,
	"夫妇": true, "夫人": true, "率": true, "率团": true, "带队": true, "出席": true, "代表": true,
}

// nameAt tries to read a person's name starting at toks[i]. strong is true right after a
// title chain, where any surname will do; elsewhere the surname must be a common one.
// It returns the end token index and the name, or -1.
func (st *articleState) nameAt(toks []tok, i int, strong bool) (int, string) {
	end, name := st.readName(toks, i, strong)
	// after a title, a two-character name followed by two more characters and a list mark
	// is a four-character name: 巴桑顿珠, 洛桑江村
	if strong && end > 0 && utf8.RuneCountInString(name) == 2 && end+1 < len(toks) {
		t := toks[end]
		if t.cat == catNone && utf8.RuneCountInString(t.Text) == 2 && !functionWord(t) && !st.x.lex.NotNames[t.Text] &&
			!followerWords[t.Text] && t.Pos != "m" && t.Pos != "q" && t.Pos != "mq" &&
			(toks[end+1].cat == catPunct || functionWord(toks[end+1])) {
			return end + 1, name + t.Text
		}
	}
	return end, name
}

// readName is nameAt without the four-character rule.
func (st *articleState) readName(toks []tok, i int, strong bool) (int, string) {
	if i >= len(toks) {
		return -1, ""
	}
	x := st.x
	// names the article already knows, and analysts' and the lexicon's foreign names
	if end, name := st.knownAt(toks, i); end > 0 {
		return end, name
	}
	if c := toks[i].cat; c != catNone && !(strong && c == catPlace && st.x.words.get(firstRune(toks[i].Text))&wSurname != 0) {
		return -1, ""
	}
	f := x.words.get(toks[i].Text)
	if f&wPerson != 0 {
		return i + 1, toks[i].Text
	}
	if f&wForeign != 0 || strings.HasPrefix(toks[i].Pos, "nrf") && strong {
		return i + 1, toks[i].Text
	}
	// a name written with a middle dot: 毛罗·维埃拉, 雪克来提·扎克尔
	if st.dotted {
		if end, name := dottedAt(toks, i); end > 0 {
			return end, name
		}
	}
	bestEnd, best := -1, ""
	text := ""
	for j := i; j < len(toks) && j < i+4; j++ {
		t := toks[j]
		// after a title a given name may read as a place: 冯卫东
		givenPlace := strong && t.cat == catPlace && (j > i || st.x.words.get(t.Text)&wSurname != 0 ||
			utf8.RuneCountInString(t.Text) == 2 && st.x.words.get(firstRune(t.Text))&wSurname != 0)
		if t.cat != catNone && !givenPlace || isPunct(t.Text) {
			break
		}
		text = st.sent[toks[i].Start:t.End] // tokens are contiguous pieces of the sentence
		n := utf8.RuneCountInString(text)
		if n > 4 {
			break
		}
		// a whole token gse's dictionary tags as a name may have a rarer surname
		wholeName := j == i && strings.HasPrefix(t.Pos, "nr")
		if n < 2 || !st.validName(text, strong || wholeName) {
			continue
		}
		// after a title, a full name (surname and two characters) that ends where a longer
		// word begins needs no other witness: 沈卓然|宣布
		fullAfterTitle := strong && n >= 3 && j+1 < len(toks) && utf8.RuneCountInString(toks[j+1].Text) >= 2
		if !st.followsName(toks, j+1, strong) && !(strong && j+1 < len(toks) && toks[j+1].cat != catNone) && !fullAfterTitle {
			continue
		}
		if !st.nameTokens(toks[i:j+1], strong) {
			continue
		}
		bestEnd, best = j+1, text
	}
	// a word in quotes is a term, not a name: “双抢”
	if bestEnd > 0 && !strong && i > 0 && toks[i-1].Text == "“" && bestEnd < len(toks) && toks[bestEnd].Text == "”" {
		return -1, ""
	}
	if bestEnd < 0 && strong {
		// foreign names: a run of transliteration characters, with a middle dot
		if end, name := st.foreignAt(toks, i); end > 0 {
			return end, name
		}
	}
	return bestEnd, best
}

// validName checks the shape of a Chinese name.
func (st *articleState) validName(s string, strong bool) bool {
	lex := st.x.lex
	if st.x.words.get(s)&(wNotName|wTitle|wPlace|wBody|wCountry) != 0 {
		return false
	}
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 {
		return false // a surname of one or two characters and a given name of one or two
	}
	_, one := utf8.DecodeRuneInString(s)
	_, second := utf8.DecodeRuneInString(s[one:])
	given := 0
	switch {
	case n >= 3 && st.x.words.get(s[:one+second])&wSurname != 0:
		given = n - 2
	case st.x.words.get(s[:one])&wSurname != 0:
		given = n - 1
		if !strong && !lex.Common[s[:one]] {
			return false
		}
	default:
		return false
	}
	if given < 1 || given > 2 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	// 中方, 巴方, 双方: the sides of talks, unless a title vouches for the name;
	// 贡献奖, 白沙镇: words that end like things
	if !strong && (n == 2 && last == '方' || strings.ContainsRune(thingEnds, last)) {
		return false
	}
	if strings.ContainsRune(nameStops, last) {
		return false
	}
	for _, r := range s {
		if r < 0x4e00 || r > 0x9fff {
			return false
		}
	}
	return true
}

// followsName reports whether the token at i may follow a name.
func (st *articleState) followsName(toks []tok, i int, strong bool) bool {
	if i >= len(toks) {
		return true
	}
	t := toks[i]
	if t.cat == catPunct || t.cat == catTitle || t.cat == catEvent {
		return true
	}
	if t.cat == catGeneric {
		// 企业家精神 is no name before a title; 张三代表, 李四同志 are
		return strong || t.Text == "代表" || t.Text == "同志"
	}
	if followerWords[t.Text] || stopVerbs[t.Text] || verbRoles[t.Text] != "" {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(t.Text); strings.ContainsRune(nameStops, r) && utf8.RuneCountInString(t.Text) <= 2 {
		return true
	}
	p := t.Pos
	return p != "" && (p[0] == 'v' || p[0] == 'p' || p[0] == 'c' || p[0] == 'd' || p == "zg") && !strings.HasPrefix(p, "vn")
}

// notePrefixes remembers the proper prefixes of a name the article has read, so that
// knownAt stops reading as soon as no known name can follow.
func (st *articleState) notePrefixes(name string) {
	for i := 0; i < len(name); {
		_, n := utf8.DecodeRuneInString(name[i:])
		i += n
		if i < len(name) {
			st.namePrefixes[name[:i]] = true
		}
	}
}

// knownAt matches a name the article has already read at toks[i].
func (st *articleState) knownAt(toks []tok, i int) (int, string) {
	text := ""
	bestEnd, best := -1, ""
	for j := i; j < len(toks) && j < i+6; j++ {
		if toks[j].cat == catPunct && toks[j].Text != "·" {
			break
		}
		text = st.sent[toks[i].Start:toks[j].End]
		if st.persons[text] || st.x.words.get(text)&(wPerson|wForeign) != 0 {
			bestEnd, best = j+1, text
		} else if full := st.shortNames[text]; full != "" && (j+1 >= len(toks) || toks[j+1].Text != "·") {
			// 彭伯顿 after 詹姆斯·彭伯顿: a foreign name shortened to its last part
			bestEnd, best = j+1, full
		}
		if !st.namePrefixes[text] && st.x.words.get(text)&wPrefix == 0 {
			break // no longer name starts with text
		}
	}
	return bestEnd, best
}

// foreignAt reads a transliterated foreign name: characters the lexicon lists as used in
// transliterations, optionally joined by a middle dot.
func (st *articleState) foreignAt(toks []tok, i int) (int, string) {
	text := ""
	end := -1
	for j := i; j < len(toks); j++ {
		s := toks[j].Text
		if s == "·" || s == "•" || s == "・" {
			if text == "" {
				break
			}
			text += "·"
			continue
		}
		ok := toks[j].cat == catNone
		for _, r := range s {
			if !st.x.lex.Translit[r] {
				ok = false
			}
		}
		if !ok {
			break
		}
		text += s
		end = j + 1
	}
	text = strings.TrimSuffix(text, "·")
	if utf8.RuneCountInString(text) < 2 || end < 0 {
		return -1, ""
	}
	return end, text
}

// nameTokens checks how gse cut a candidate name: a single token must be one gse tags
// as a name (or, after a title, any unknown word); several tokens must start with the
// surname itself or with a token tagged as a name, and no token may be a known verb.
func (st *articleState) nameTokens(ts []tok, strong bool) bool {
	for _, t := range ts {
		if verbRoles[t.Text] != "" || stopVerbs[t.Text] || referVerbs[t.Text] {
			return false
		}
	}
	first := ts[0]
	nr := strings.HasPrefix(first.Pos, "nr")
	if len(ts) == 1 {
		if nr {
			return true
		}
		if !strong {
			return false
		}
		p := first.Pos
		return p == "" || p == "n" || p == "nz" || p == "x" || p == "a" || p == "ag" || p == "ng"
	}
	if nr {
		return true
	}
	rs := []rune(first.Text)
	// after a title, a first word of two characters may start with the surname: 龙海|波
	return len(rs) == 1 || len(rs) == 2 && (st.x.lex.Surnames[first.Text] || strong && st.x.lex.Surnames[string(rs[:1])])
}

// isDot reports whether s is a middle dot as names use it.
func isDot(s string) bool { return s == "·" || s == "•" || s == "・" || s == "‧" }

// dottedAt reads a name of parts joined by middle dots, each part one to six characters
// of ordinary words, starting at toks[i].
func dottedAt(toks []tok, i int) (int, string) {
	var parts []string
	j := i
	for {
		part := ""
		for j < len(toks) && toks[j].cat == catNone && !isPunct(toks[j].Text) && utf8.RuneCountInString(part+toks[j].Text) <= 6 &&
			!(functionWord(toks[j]) && utf8.RuneCountInString(toks[j].Text) > 1) && !followerWords[toks[j].Text] &&
			!(part != "" && (strings.HasPrefix(toks[j].Pos, "u") || toks[j].Pos == "m" || toks[j].Pos == "q")) {
			part += toks[j].Text
			j++
		}
		if part == "" {
			break
		}
		parts = append(parts, part)
		if j+1 < len(toks) && isDot(toks[j].Text) {
			j++
			continue
		}
		break
	}
	if len(parts) < 2 {
		return -1, ""
	}
	return j, strings.Join(parts, "·")
}

// functionWord reports whether a token is a verb, preposition, conjunction, particle or
// adverb: never part of a name.
func functionWord(t tok) bool {
	if verbRoles[t.Text] != "" || stopVerbs[t.Text] || referVerbs[t.Text] {
		return true
	}
	p := t.Pos
	if p == "" || strings.HasPrefix(p, "nr") {
		return false
	}
	switch p[0] {
	case 'v', 'p', 'c', 'u', 'd':
		return true
	}
	return false
}

// firstRune returns the first character of s ("" for "").
func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}
