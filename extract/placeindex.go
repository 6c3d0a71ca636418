package extract

import (
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// placeIndex finds the lexicon's place names in a page in one pass over the text, for
// inferring the page's home. Counting each of the ~3,400 names with strings.Count
// scanned a page thousands of times and was half of all extraction time.
//
// It holds the names of two runes or more, except countries, by their first two runes.
// It is read-only once built and safe for concurrent use.
type placeIndex struct {
	byPrefix map[uint64][]placeName // by pair (two runes), not by string: no string hashing
	starts   [1 << 16 / 64]uint64   // the first runes of names, of the Basic Multilingual Plane
}

type placeName struct {
	name  string
	place *lexicon.Place
}

func newPlaceIndex(places map[string]*lexicon.Place) *placeIndex {
	ix := &placeIndex{byPrefix: map[uint64][]placeName{}}
	for name, p := range places {
		if p.Level == "country" || utf8.RuneCountInString(name) < 2 {
			continue
		}
		k := pair(name)
		ix.byPrefix[k] = append(ix.byPrefix[k], placeName{name, p})
		if r, _ := utf8.DecodeRuneInString(name); r < 1<<16 {
			ix.starts[r/64] |= 1 << (r % 64)
		}
	}
	return ix
}

// mayStart reports whether a name may start with r: false for most runes of a page.
func (ix *placeIndex) mayStart(r rune) bool {
	return r >= 1<<16 || ix.starts[r/64]&(1<<(r%64)) != 0
}

// count returns how often the text names each place: for every name, its
// non-overlapping occurrences as strings.Count counts them, added up per place (a
// page's 上海市 counts once for 上海市 and once for 上海).
func (ix *placeIndex) count(text string) map[*lexicon.Place]int {
	counts := map[*lexicon.Place]int{}
	var next map[string]int // where a name may match again, for names that overlap themselves
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !ix.mayStart(r) {
			i += n
			continue
		}
		if cands := ix.byPrefix[pair(text[i:])]; cands != nil {
			for _, c := range cands {
				if len(text)-i < len(c.name) || text[i:i+len(c.name)] != c.name {
					continue
				}
				if at, ok := next[c.name]; ok && i < at {
					continue
				}
				if next == nil {
					next = map[string]int{}
				}
				next[c.name] = i + len(c.name)
				counts[c.place]++
			}
		}
		i += n
	}
	return counts
}

// pair returns the first two runes of s in one number (a rune is 21 bits; a missing
// one is -1).
func pair(s string) uint64 {
	r1, n := utf8.DecodeRuneInString(s)
	r2 := rune(-1)
	if n < len(s) {
		r2, _ = utf8.DecodeRuneInString(s[n:])
	} else if n == 0 {
		r1 = -1
	}
	return uint64(uint32(r1))<<32 | uint64(uint32(r2))
}
