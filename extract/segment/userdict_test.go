package segment_test

import (
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/segment"
)

// oddDict has every kind of line gse's LoadDictStr treats in its own way.
func oddDict(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/odd.dict")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSameAsGSEWithOddDictionaries compares the two with user dictionaries whose lines
// gse reads in its own ways, and with frequencies that make its total frequency
// fractional, infinite or NaN.
func TestSameAsGSEWithOddDictionaries(t *testing.T) {
	odd := oddDict(t)
	texts := append(randomTexts(t, 3000, 3), "☃☄", "在☃☄的", "a☃☄1")
	for _, line := range strings.Split(odd, "\n") {
		if w, _, ok := strings.Cut(line, " "); ok {
			texts = append(texts, strings.TrimSpace(w), "在"+strings.TrimSpace(w)+"的")
		}
	}
	for name, dict := range map[string]string{
		"odd lines":     odd,
		"odd and more":  odd + lexiconDict(t),
		"infinite freq": "中国 1e400 n\n人民 inf n\n" + odd,
		"NaN freq":      "中国 NaN n\n" + odd,
		"huge freq":     "中国 1e12 n\n" + odd, // distances above the pseudo word's 32
		// with a total of 1e20, ☃☄'s distance is 63.1: one word beats two characters the
		// dictionary lacks only if each of those counts 32
		"pseudo words": "中国 1e20 n\n☃☄ 10 n\n" + odd,
		"empty":        "",
	} {
		t.Run(name, func(t *testing.T) {
			loadPair(t, dict).compare(t, name, texts)
		})
	}
}

// TestNewRefuses wants an error for the words that corrupt gse's trie: gse panics on
// them (index out of range, nil dereference) when cutting text with a NUL or the word.
func TestNewRefuses(t *testing.T) {
	for _, dict := range []string{" 5 x\n", "\u00a0 9 n\n", "中华人民\x00 50000 nt\n", "中华\x00人民 5 nt\n"} {
		if _, err := segment.New("中国 5 n\n" + dict); err == nil {
			t.Errorf("New(%q): no error", dict)
		}
	}
}
