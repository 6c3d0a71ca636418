package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func indexExtractor(t *testing.T) *Extractor {
	t.Helper()
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// naiveFlags asks every lexicon, as the extractor did before the word index.
func naiveFlags(x *Extractor, s string) wordFlags {
	l := x.lex
	var f wordFlags
	set := func(ok bool, w wordFlags) {
		if ok {
			f |= w
		}
	}
	set(l.Bodies[s] != nil, wBody)
	set(relOrgs[s] != "", wRelOrg)
	set(l.Titles[s] != nil, wTitle)
	set(l.Places[s] != nil, wPlace)
	set(l.Countries[s] != "", wCountry)
	set(l.Persons[s], wPerson)
	set(l.ForeignNames[s] != "", wForeign)
	set(l.EventWords[s] != "", wEvent)
	_, suffix := l.Suffixes[s]
	set(suffix, wSuffix)
	set(l.NotNames[s], wNotName)
	set(l.Surnames[s], wSurname)
	return f
}

// TestWordIndex checks the index against the lexicons themselves: every word and every
// prefix of the lexicons, and every piece of the examples' text up to six characters.
func TestWordIndex(t *testing.T) {
	x := indexExtractor(t)
	words := map[string]bool{}
	for _, s := range x.words.t.keys {
		if s != "" {
			words[s] = true
		}
	}
	for _, text := range exampleTexts(t) {
		rs := []rune(text)
		for i := range rs {
			for n := 1; n <= 6 && i+n <= len(rs); n++ {
				words[string(rs[i:i+n])] = true
			}
		}
	}
	words[""], words["\xff"], words["a\xffb"] = true, true, true
	prefixes := map[string]bool{}
	for s := range words {
		if naiveFlags(x, s)&wLexicon == 0 {
			continue
		}
		for i := 0; i < len(s); {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if i < len(s) {
				prefixes[s[:i]] = true
			}
		}
	}
	for s := range words {
		want := naiveFlags(x, s)
		if prefixes[s] {
			want |= wPrefix
		}
		if got := x.words.get(s); got&^wPrefix != want&^wPrefix || want&wPrefix != 0 && got&wPrefix == 0 {
			t.Errorf("get(%q) = %b, want %b", s, got, want)
		}
	}
}

// TestSplitVerbEventShortest pins what splitVerbEvent's shortcut assumes: no glued verb
// and event word together are shorter than three characters.
func TestSplitVerbEventShortest(t *testing.T) {
	x := indexExtractor(t)
	for w, kind := range x.lex.EventWords {
		if kind != "" && utf8.RuneCountInString(w) < 2 {
			t.Errorf("event word %q has one character: splitVerbEvent skips tokens under three", w)
		}
	}
	for _, v := range glueVerbs {
		if strings.TrimSpace(v) == "" {
			t.Errorf("empty glue verb")
		}
	}
}
