package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// testExtractor is the extractor the tests share: New loads the gse dictionary, which
// takes about a second, so it runs once per test binary.
var testExtractor = sync.OnceValues(func() (*Extractor, error) { return New(Options{}) })

// sharedExtractor returns testExtractor or stops the test.
func sharedExtractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := testExtractor()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return x
}

// trickySeeds are inputs that have broken page splitting or extraction before, or might:
// lone headlines, punctuation only, unbalanced quotes and brackets, openers without a
// body, titles without names, invalid bytes.
var trickySeeds = []string{
	"",
	"## 标题",
	"#",
	"## ",
	"标题\n\n副标题",
	"**本报讯**",
	"本报讯",
	"本报讯 **",
	"新华社北京3月5日电（记者",
	"新华社北京3月5日电（记者 张三）",
	"。。。！？",
	"、、、、、、",
	"，，，：：",
	"“李强说：“好。",
	"”“”（（（》》《",
	"（）（）（",
	"\ufeff\r\r\n\u3000",
	"０１２３ＡＢＣ",
	"市委书记",
	"市委副书记、市长",
	"李强、、、龚正出席会议。",
	"上海市委书记、\n\n市长",
	"任命张三为上海市副市长。免去李四的上海市副市长职务。",
	"昨天前天27日二〇二〇年五月二十七日3月5日32日2月30日",
	"上海市、江苏省、浙江省、安徽省人民政府签署了协议。",
	"南京、杭州、宁波、无锡和苏州市环保产业协会签署了备忘录。",
	"## 甲\n\n本报讯 会议昨天召开，市长出席\n\n第2版\n\n签约仪式。",
	"解放日报 2021年5月28日 星期五\n\n第2版",
	"李强主持会议并讲话。\n\n李强主持会议并讲话。",
	"上海市委书记李强主持会议并讲话。上海市委书记李强主持会议并讲话。",
	"习近平总书记",
	"俄罗斯总统普京会见了巴西总统卢拉。",
	"\xff\xfe上海\xc3",
	"上海\xe5\xb8市委书记",
	"a\x00b",
	"市委书记李强\x00主持会议。",
}

// exampleTexts returns the example pages, the best seeds there are.
func exampleTexts(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no example pages in %s: %v", examplesDir, err)
	}
	var out []string
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func addSeeds(f *testing.F) {
	for _, s := range trickySeeds {
		f.Add(s)
	}
	for _, s := range exampleTexts(f) {
		f.Add(s)
	}
	// very long lines: one without punctuation, one sentence of many names (long enough
	// to find what is quadratic, short enough that the fuzzer still runs fast: a sentence
	// of 48 KB takes a second to extract)
	f.Add(strings.Repeat("上海市委书记李强", 400))
	f.Add("本报讯 " + strings.Repeat("上海市委副书记、市长龚正，", 100) + "出席会议。")
}

// FuzzSplitPage: splitting any text never panics, every sentence of every article is
// where its offsets say, and the same text gives the same articles and keys.
func FuzzSplitPage(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := Doc{Source: "fuzz.txt", Text: text}
		arts := SplitPage(doc)
		again := SplitPage(doc)
		if len(arts) != len(again) {
			t.Fatalf("%d articles, then %d for the same text", len(arts), len(again))
		}
		for i, a := range arts {
			if a.Key != again[i].Key || a.Title != again[i].Title {
				t.Errorf("article %d: %s %q, then %s %q for the same text", i, a.Key, a.Title, again[i].Key, again[i].Title)
			}
			if got, want := a.Key, graph.ArticleKey(a.Text()); got != want {
				t.Errorf("article %d: key %s, want %s (of its text)", i, got, want)
			}
			if len(a.Paragraphs) == 0 {
				t.Errorf("article %d has no paragraphs", i)
			}
			for j, p := range a.Paragraphs {
				if strings.TrimSpace(p) == "" || strings.Contains(p, "\n") {
					t.Errorf("article %d paragraph %d is %q", i, j, p)
				}
			}
			if a.Title == "" || !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text()) {
				t.Errorf("article %d: title %q, or its text, is empty or not UTF-8", i, a.Title)
			}
			checkOffsets(t, a, Sentences(a))
		}
	})
}

// FuzzExtract: extracting any valid text never panics, and every relationship carries
// provenance that holds: its sources are articles of the graph and each evidence
// sentence is one of the sentences of the article it is paired with.
func FuzzExtract(f *testing.F) {
	addSeeds(f)
	x := sharedExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		// ReadInput lets only UTF-8 through
		text = strings.ToValidUTF8(text, "\uFFFD")
		g := graph.New()
		sentences := map[string]map[string]bool{}
		for _, a := range x.Split(Doc{Source: "fuzz.txt", Text: text, Date: "2021-05-28"}) {
			set := sentences[a.Key]
			if set == nil {
				set = map[string]bool{}
				sentences[a.Key] = set
			}
			ss := Sentences(a)
			checkOffsets(t, a, ss)
			for _, s := range ss {
				set[s.Text] = true
			}
			g.Merge(x.Extract(a))
		}
		checkProvenance(t, g, sentences)
	})
}

// checkProvenance checks every relationship of g against the sentences of each article
// key: sources name articles of g, evidence[i] is a sentence of sources[i], and only OF
// and PART_OF may come without them.
func checkProvenance(t testing.TB, g *graph.Graph, sentences map[string]map[string]bool) {
	t.Helper()
	for _, n := range g.NodesOf(schema.Article) {
		if sentences[n.Key] == nil {
			t.Errorf("article node %s is none of the articles extracted", n.Key)
		}
	}
	for _, r := range g.Rels() {
		if g.Node(r.Start) == nil || g.Node(r.End) == nil {
			t.Errorf("%s: an end is not a node of the graph", r.ID())
		}
		sources, _ := r.Props["sources"].([]string)
		evidence, _ := r.Props["evidence"].([]string)
		if r.Type == schema.Of || r.Type == schema.PartOf {
			if len(sources) > 0 || len(evidence) > 0 {
				t.Errorf("%s carries provenance %q %q; OF and PART_OF carry none", r.ID(), sources, evidence)
			}
			continue
		}
		if len(sources) == 0 || len(evidence) == 0 {
			t.Errorf("%s: sources %q, evidence %q; a fact no sentence supports is not emitted", r.ID(), sources, evidence)
			continue
		}
		if len(evidence) > len(sources) || len(evidence) > graph.MaxEvidence {
			t.Errorf("%s: %d evidence sentences for %d sources", r.ID(), len(evidence), len(sources))
		}
		for i, src := range sources {
			if g.Node(graph.Ref{Label: schema.Article, Key: src}) == nil {
				t.Errorf("%s: source %q is no article of the graph", r.ID(), src)
				continue
			}
			if i < len(evidence) && !sentences[src][evidence[i]] {
				t.Errorf("%s: evidence %q is no sentence of %s", r.ID(), evidence[i], src)
			}
		}
		if slices.Contains(evidence, "") {
			t.Errorf("%s: empty evidence %q", r.ID(), evidence)
		}
	}
}

// FuzzBlank holds blank to strings.TrimSpace(s) == "", which it replaced in tagTokens.
func FuzzBlank(f *testing.F) {
	for _, s := range []string{"", " ", "\t\n\v\f\r ", "\u3000", "\u00a0\u0085", "\u2028\u205f", "市委", " 市委 ", "a", "\xff", " \xe4", "\u200b", "\u1680\u3000 ", "　书记"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("blank(%q) = %v, TrimSpace says %v", s, got, want)
		}
	})
}
