package extract

import (
	"hash/maphash"
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
	// wSurname marks the lexicon's surnames (one character or two)
	wSurname
	// wPrefix marks a proper prefix, cut at a character, of a word isLexiconWord knows:
	// a run of tokens that is not one cannot be the start of such a word.
	wPrefix
)

// wLexicon are the lexicons isLexiconWord reads.
const wLexicon = wBody | wRelOrg | wTitle | wPlace | wCountry | wPerson | wForeign

// wordIndex is every word of the lexicons with the lexicons that hold it. It is built
// once per lexicon, after analysts' dictionaries are applied, and never changes.
//
// Most words looked up are in no lexicon; a bit set over a hash of the word's length
// and its first and last bytes (64 KB, about 17,000 words and prefixes set) answers most
// of those without the table.
type wordIndex struct {
	t    wordTable
	seen []uint64
	one  []wordFlags // words of one character below U+10000, by character
}

const wordBits = 19 // bits of the seen set's index

// wordHash mixes a word's length with its first and last three bytes.
func wordHash(s string) uint64 {
	h := uint64(len(s))
	if len(s) >= 3 {
		h |= uint64(s[0])<<8 | uint64(s[1])<<16 | uint64(s[2])<<24
		n := len(s)
		h |= uint64(s[n-3])<<32 | uint64(s[n-2])<<40 | uint64(s[n-1])<<48
	} else {
		for i := 0; i < len(s); i++ {
			h |= uint64(s[i]) << (8 * (i + 1))
		}
	}
	return (h * 0x9e3779b97f4a7c15) >> (64 - wordBits)
}

// get returns the lexicons that hold s.
func (idx *wordIndex) get(s string) wordFlags {
	if len(s) <= 3 && len(s) > 0 {
		if r, n := utf8.DecodeRuneInString(s); n == len(s) && r != utf8.RuneError {
			return idx.one[r]
		}
	}
	h := wordHash(s)
	if idx.seen[h>>6]&(1<<(h&63)) == 0 {
		return 0
	}
	return idx.t.get(s)
}

// wordTable is an open-addressing hash table of the words, read-only once built: a
// lookup that hits (most of what passes the bit set) costs a hash and a comparison or
// two, where Go's map cost about twice that.
type wordTable struct {
	seed  maphash.Seed
	keys  []string // "" is an empty slot
	flags []wordFlags
	mask  uint64
}

func newWordTable(m map[string]wordFlags) wordTable {
	size := uint64(1)
	for size < 2*uint64(len(m)) {
		size <<= 1
	}
	t := wordTable{seed: maphash.MakeSeed(), keys: make([]string, size), flags: make([]wordFlags, size), mask: size - 1}
	for s, f := range m {
		if s == "" {
			continue
		}
		i := maphash.String(t.seed, s) & t.mask
		for t.keys[i] != "" {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.flags[i] = s, f
	}
	return t
}

func (t *wordTable) get(s string) wordFlags {
	if len(t.keys) == 0 || s == "" {
		return 0
	}
	for i := maphash.String(t.seed, s) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case s:
			return t.flags[i]
		case "":
			return 0
		}
	}
}

func newWordIndex(l *lexicon.Lexicon) *wordIndex {
	m := map[string]wordFlags{} // the words, until the table is built from them
	idx := &wordIndex{seen: make([]uint64, 1<<wordBits/64), one: make([]wordFlags, 1<<16)}
	mark := func(s string) {
		h := wordHash(s)
		idx.seen[h>>6] |= 1 << (h & 63)
	}
	add := func(s string, f wordFlags) {
		m[s] |= f
		mark(s)
		if f&wLexicon == 0 {
			return
		}
		for i := 0; i < len(s); {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if i < len(s) {
				m[s[:i]] |= wPrefix
				mark(s[:i])
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
	for s, ok := range l.Surnames {
		if ok {
			add(s, wSurname)
		}
	}
	idx.t = newWordTable(m)
	for s, f := range m {
		if r, n := utf8.DecodeRuneInString(s); n == len(s) && r != utf8.RuneError && r < 1<<16 {
			idx.one[r] = f
		}
	}
	return idx
}
