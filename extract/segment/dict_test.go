package segment

import (
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// word returns what the segmenter knows of a word (a key, letters in lower case): its
// distance and tag.
func (sg *Segmenter) word(key string) (dist float32, tag string, ok bool) {
	var codes []uint32
	for _, r := range keyRunes(key) {
		codes = append(codes, sg.code(r))
	}
	if _, w := sg.user.lookup(codes); info(w) != 0 {
		i := info(w) &^ wordBit
		return sg.userDist[i], sg.tags[sg.userTag[i]], true
	}
	if _, w := sg.dict.trie.lookup(codes); info(w) != 0 {
		return sg.classDist[infoClass(info(w))], sg.tags[infoTag(info(w))], true
	}
	return 0, "", false
}

// decimalDict gives the lexicons' words frequencies with decimals, whose sums round.
func decimalDict(t *testing.T) string {
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, line := range strings.Split(lex.GSEDict(), "\n") {
		if f := strings.Fields(line); len(f) == 3 {
			fmt.Fprintf(&b, "%s %.3f %s\n", f[0], 2.1+float64(i%977)*0.731, f[2])
		}
	}
	return b.String()
}

// TestDictionaryIsGSEs wants every word gse's dictionary holds, and only those, with the
// distance gse computes for it to the bit and its tag, and the same total frequency: with
// no user dictionary, the lexicons', one whose frequencies have decimals (the total is
// then summed word by word in gse's order) and one with lines of every odd kind.
func TestDictionaryIsGSEs(t *testing.T) {
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	odd, err := os.ReadFile("testdata/odd.dict")
	if err != nil {
		t.Fatal(err)
	}
	for name, dict := range map[string]string{
		"none":     "",
		"lexicons": lex.GSEDict(),
		"decimals": decimalDict(t),
		"odd":      string(odd),
	} {
		t.Run(name, func(t *testing.T) {
			g, err := NewGSE(dict)
			if err != nil {
				t.Fatal(err)
			}
			sg, err := New(dict)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := sg.totalFreq, g.Dict.TotalFreq(); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("total frequency %v (%x), gse's %v (%x)", got, math.Float64bits(got), want, math.Float64bits(want))
			}
			if got, want := sg.nUser+sg.dict.numWords()-sg.nShadowed, g.Dict.NumTokens(); got != want {
				t.Errorf("%d words, gse has %d", got, want)
			}
			bad := 0
			for i := range g.Dict.Tokens {
				tok := &g.Dict.Tokens[i]
				want := float32(reflect.ValueOf(tok).Elem().FieldByName("distance").Float())
				dist, tag, ok := sg.word(tok.Text())
				if !ok || math.Float32bits(dist) != math.Float32bits(want) || tag != tok.Pos() {
					if bad++; bad <= 5 {
						t.Errorf("%q: distance %v, tag %q, found %v; gse: %v, %q", tok.Text(), dist, tag, ok, want, tok.Pos())
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d words differ", bad, len(g.Dict.Tokens))
			}
		})
	}
}
