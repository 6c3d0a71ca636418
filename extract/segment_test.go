package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// segmentTexts are the example pages' sentences and a few with letters and digits.
func segmentTexts(t testing.TB, x *Extractor) []string {
	texts := []string{
		"",
		"中国移动5G联合创新中心由CEO张三和CTO李四共同揭牌。",
		"深港AI＋5G产业发展论坛在GDP增长6.5%的背景下举行，iPhone与HarmonyOS均有展示。",
		"ABC abc AbC 123 Ⅻ ｗｉｄｅ Ǆ",
		"坏\xff字节\xe4\xb8",
	}
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range x.Split(Doc{Text: string(b)}) {
			for _, s := range Sentences(a) {
				texts = append(texts, s.Text)
			}
		}
	}
	return texts
}

// checkSegment wants segment's tokens to be gse Pos's with the same dictionaries, in
// order, as the sentence prints them (Pos gives Latin letters in lower case), with offsets
// that cover the sentence.
func checkSegment(t *testing.T, x *Extractor, s string) {
	g, err := x.GSESegmenter()
	if err != nil {
		t.Fatal(err)
	}
	toks := new(scratch).segment(x.seg, s)
	pos := g.Pos(s, false)
	if len(toks) != len(pos) {
		t.Fatalf("segment(%q): %d tokens, Pos gives %d", s, len(toks), len(pos))
	}
	off := 0
	for i, tk := range toks {
		if lowerASCII(tk.Text) != pos[i].Text || tk.Pos != pos[i].Pos {
			t.Errorf("segment(%q) token %d = %q/%s, Pos gives %q/%s", s, i, tk.Text, tk.Pos, pos[i].Text, pos[i].Pos)
		}
		if tk.Start != off || tk.End < tk.Start || tk.End > len(s) || s[tk.Start:tk.End] != tk.Text {
			t.Errorf("segment(%q) token %d %q at [%d:%d], want it at %d", s, i, tk.Text, tk.Start, tk.End, off)
		}
		off = tk.End
	}
	if len(s) > 0 && off != len(s) {
		t.Errorf("segment(%q): tokens end at %d of %d", s, off, len(s))
	}
}

func TestSegmentIsPos(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range segmentTexts(t, x) {
		checkSegment(t, x, s)
	}
}

// TestSegmentIsPosWithDicts is TestSegmentIsPos with an analyst's dictionary, whose words
// the segmenter lays over the lexicons'.
func TestSegmentIsPosWithDicts(t *testing.T) {
	x, err := New(Options{Dicts: []string{filepath.Join(examplesDir, "identity", "dictionary.dict.tsv")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(segmentTexts(t, x), "诸葛宇杰会见卢拉·达席尔瓦和聂远航，中国移动首席数据官出席。") {
		checkSegment(t, x, s)
	}
}

func FuzzSegment(f *testing.F) {
	x, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range segmentTexts(f, x) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSegment(t, x, s) })
}

// lowerASCII is what gse does to the letters of words it matches.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
