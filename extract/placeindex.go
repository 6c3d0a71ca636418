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
	byPrefix map[string][]placeName
	starts   [1 << 16 / 64]uint64 // the first runes of names, of the Basic Multilingual Plane
}

type placeName struct {
	name  string
	place *lexicon.Place
}

func newPlaceIndex(places map[string]*lexicon.Place) *placeIndex {
	ix := &placeIndex{byPrefix: map[string][]placeName{}}
	for name, p := range places {
		if p.Level == "country" || utf8.RuneCountInString(name) < 2 {
			continue
		}
		k := firstRunes(name, 2)
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
		if cands := ix.byPrefix[firstRunes(text[i:], 2)]; cands != nil {
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

// firstRunes returns the prefix of s of k runes, or all of s when it is shorter.
func firstRunes(s string, k int) string {
	i := 0
	for ; k > 0 && i < len(s); k-- {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return s[:i]
}
