package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// countEach is what placeIndex.count replaces: strings.Count for every name.
func countEach(places map[string]*lexicon.Place, text string) map[*lexicon.Place]int {
	counts := map[*lexicon.Place]int{}
	for name, p := range places {
		if p.Level == "country" || utf8.RuneCountInString(name) < 2 {
			continue
		}
		if n := strings.Count(text, name); n > 0 {
			counts[p] += n
		}
	}
	return counts
}

func samePlaceCounts(a, b map[*lexicon.Place]int) bool {
	if len(a) != len(b) {
		return false
	}
	for p, n := range a {
		if b[p] != n {
			return false
		}
	}
	return true
}

func placeIndexTexts(t testing.TB) []string {
	texts := []string{
		"",
		"上海市委书记、上海市长；上海上海上海",
		"浦东新区和浦东；江苏省无锡市、无锡",
		"南京、杭州、宁波、无锡和苏州市环保产业协会",
		"中华人民共和国和中国",
		"上\xff海市，\xe4\xb8上海",
		"北京北京北京市",
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
		texts = append(texts, string(b))
	}
	return texts
}

func TestPlaceIndexCountsAsStringsCount(t *testing.T) {
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	ix := newPlaceIndex(lex.Places)
	for _, text := range placeIndexTexts(t) {
		got, want := ix.count(text), countEach(lex.Places, text)
		if !samePlaceCounts(got, want) {
			t.Errorf("count(%.60q…): %d places, strings.Count finds %d", text, len(got), len(want))
			for p, n := range want {
				if got[p] != n {
					t.Errorf("  %s: %d, want %d", p.Name, got[p], n)
				}
			}
		}
	}
}

func FuzzPlaceIndex(f *testing.F) {
	for _, text := range placeIndexTexts(f) {
		f.Add(text)
	}
	lex, err := lexicon.Load()
	if err != nil {
		f.Fatal(err)
	}
	ix := newPlaceIndex(lex.Places)
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := ix.count(text), countEach(lex.Places, text); !samePlaceCounts(got, want) {
			t.Errorf("count(%q) differs from strings.Count: %v, want %v", text, got, want)
		}
	})
}

func TestNamesRelativeBody(t *testing.T) {
	texts := []string{"", "市", "上海市委书记", "据省人民政府消息", "中共中央", "区政协委员", "江苏省", "自治区党委"}
	for w := range relOrgs {
		texts = append(texts, "前"+w+"后", w)
	}
	for _, s := range texts {
		want := false
		for w := range relOrgs {
			want = want || strings.Contains(s, w)
		}
		if got := namesRelativeBody(s); got != want {
			t.Errorf("namesRelativeBody(%q) = %v, want %v", s, got, want)
		}
	}
}
