package segment_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/extract/segment"
)

// oddPieces are what news text rarely holds and gse's splitting has rules for: Latin
// letters and digits in runs, letters of two bytes, full-width forms, bytes that are not
// UTF-8, U+FFFD itself, emoji, NUL, spaces and controls.
var oddPieces = []string{
	"CEO", "ceo", "AB", "ab1", "Ab1", "Wi-Fi", "iPhone", "5G", "3D打印", "4S店", "AA制",
	"2024", "6.5%", "1号店", "GDP", "x", "X", "Ⅻ", "²", "½", "αβγ", "дом", "é", "e\u0301", "ǅ",
	"ＡＢＣ", "ｗｉｄｅ", "１２３", "，", "。", "、", "“", "”", "（", "）", "Ｃ罗",
	"\xff", "\xfe", "\x80", "\xe4\xb8", "\xe4", "\xed\xa0\x80", "\uFFFD", "\xef\xbf\xbd",
	"🙂", "👨\u200d👩\u200d👧", "𠀀", "\x00", " ", "  ", "\t", "\n", "\r\n", "\u3000", "\u00a0",
	"中", "国", "中国", "人民", "中华人民共和国", "的", "了", "主任", "副主任", "上海市委",
}

// randomTexts makes n texts of odd pieces and pieces of the examples' text, cut at any
// byte.
func randomTexts(t testing.TB, n int, seed uint64) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples (%v)", err)
	}
	var prose []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		prose = append(prose, b...)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			if rng.IntN(2) == 0 {
				b.WriteString(oddPieces[rng.IntN(len(oddPieces))])
			} else {
				at := rng.IntN(len(prose))
				b.Write(prose[at:min(len(prose), at+1+rng.IntN(40))])
			}
		}
		texts[i] = b.String()
	}
	return texts
}

// TestSameAsGSEOnOddText compares random mixtures of odd pieces and prose.
func TestSameAsGSEOnOddText(t *testing.T) {
	p := loadPair(t, lexiconDict(t))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	t.Logf("%d texts compared", p.compare(t, "odd text", randomTexts(t, n, 1)))
}

// FuzzSameAsGSE compares the two on any string.
func FuzzSameAsGSE(f *testing.F) {
	p := loadPair(f, lexiconDict(f))
	for _, s := range oddPieces {
		f.Add(s)
	}
	for _, s := range randomTexts(f, 200, 2) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := p.diff(s); d != "" {
			t.Errorf("%q:\n%s", s, d)
		}
	})
}

// TestSegmentConcurrently cuts from four goroutines at once what one cut alone (run it
// with -race).
func TestSegmentConcurrently(t *testing.T) {
	p := loadPair(t, lexiconDict(t))
	texts := randomTexts(t, 400, 4)
	want := make([][]segment.Word, len(texts))
	for i, s := range texts {
		want[i] = p.ours.Segment(s)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(texts); i += 4 {
				if got := p.ours.Segment(texts[i]); !slices.Equal(got, want[i]) {
					t.Errorf("%q: %v from a goroutine, %v alone", texts[i], got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

// TestAppendSegment cuts text after text into one slice: each text's words follow the
// ones before, as Segment gives them.
func TestAppendSegment(t *testing.T) {
	p := loadPair(t, lexiconDict(t))
	texts := append(randomTexts(t, 100, 7), "", "上海市委书记李强")
	var all, want []segment.Word
	for _, s := range texts {
		all = p.ours.AppendSegment(all, s)
		want = append(want, p.ours.Segment(s)...)
	}
	if !slices.Equal(all, want) {
		t.Errorf("AppendSegment over %d texts differs from Segment's words one after the other", len(texts))
	}
}
