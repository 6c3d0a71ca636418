package extract

import (
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// wordFlags say which lexicons hold a word, so that a token is looked up once instead
// of once per lexicon (the lookups were a fifth of extraction time).
type wordFlags uint16

const (
	wBody wordFlags = 1 << iota
	wRelOrg
	wTitle
	wPlace
	wCountry
	wPerson
	wForeign
	wEvent
	wSuffix
	wNotName
	// wPrefix marks a proper prefix, cut at a character, of a word isLexiconWord knows:
	// a run of tokens that is not one cannot be the start of such a word.
	wPrefix
)

// wLexicon are the lexicons isLexiconWord reads.
const wLexicon = wBody | wRelOrg | wTitle | wPlace | wCountry | wPerson | wForeign

// wordIndex is every word of the lexicons with the lexicons that hold it. It is built
// once per lexicon, after analysts' dictionaries are applied, and never changes.
type wordIndex map[string]wordFlags

func newWordIndex(l *lexicon.Lexicon) wordIndex {
	idx := wordIndex{}
	add := func(s string, f wordFlags) {
		idx[s] |= f
		if f&wLexicon == 0 {
			return
		}
		for i := 0; i < len(s); {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if i < len(s) {
				idx[s[:i]] |= wPrefix
			}
		}
	}
	for s, v := range l.Bodies {
		if v != nil {
			add(s, wBody)
		}
	}
	for s := range relOrgs {
		add(s, wRelOrg)
	}
	for s, v := range l.Titles {
		if v != nil {
			add(s, wTitle)
		}
	}
	for s, v := range l.Places {
		if v != nil {
			add(s, wPlace)
		}
	}
	for s, c := range l.Countries {
		if c != "" {
			add(s, wCountry)
		}
	}
	for s, ok := range l.Persons {
		if ok {
			add(s, wPerson)
		}
	}
	for s, c := range l.ForeignNames {
		if c != "" {
			add(s, wForeign)
		}
	}
	for s, k := range l.EventWords {
		if k != "" {
			add(s, wEvent)
		}
	}
	for s := range l.Suffixes {
		add(s, wSuffix)
	}
	for s, ok := range l.NotNames {
		if ok {
			add(s, wNotName)
		}
	}
	return idx
}
