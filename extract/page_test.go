package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// examplesDir holds the example pages and their gold files (one is the seed page).
var examplesDir = filepath.Join("..", "examples")

// readExample returns an example page as the document ReadInput gives for it.
func readExample(t testing.TB, name string) Doc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return Doc{Source: name, Text: string(b)}
}

// goldTitleKeys returns the title_keys of each article of an example's gold file.
func goldTitleKeys(t *testing.T, name string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Articles []struct {
			TitleKeys []string `json:"title_keys"`
		} `json:"articles"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var keys [][]string
	for _, a := range gold.Articles {
		keys = append(keys, a.TitleKeys)
	}
	return keys
}

// titleMatches reports whether title holds one alternative ("a|b") of every key group,
// as the evaluation reads the gold's title_keys.
func titleMatches(groups []string, title string) bool {
	for _, g := range groups {
		if !slices.ContainsFunc(strings.Split(g, "|"), func(alt string) bool { return strings.Contains(title, alt) }) {
			return false
		}
	}
	return true
}

func TestSplitPageExamples(t *testing.T) {
	tests := []struct {
		name       string
		file, gold string
		wantDate   string
		// headlineAfter is the index of the article whose title is printed after its body.
		headlineAfter int
		// joined are texts a column broke across two lines, which must be in one paragraph.
		joined []string
	}{
		{
			name: "the seed page", file: "jiefang-2021-05-28.txt", gold: "jiefang-2021-05-28.gold.json",
			wantDate: "2021-05-28", headlineAfter: 4,
			joined: []string{"在新起点上", "示范区,打造", "聚焦重点", "雨水排水", "关键在于行动", "压实企业主体责任"},
		},
		{
			name: "a city paper's news page", file: "suzhou-2024-05-22-yaowen-ban.txt", gold: "suzhou-2024-05-22-yaowen-ban.gold.json",
			wantDate: "2024-05-22", headlineAfter: 3,
			joined: []string{"12英寸晶圆的能力"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := readExample(t, tt.file)
			keys := goldTitleKeys(t, tt.gold)
			arts := SplitPage(doc)
			if got, want := len(arts), len(keys); got != want {
				var titles []string
				for _, a := range arts {
					titles = append(titles, a.Title)
				}
				t.Fatalf("%d articles %q, want %d", got, titles, want)
			}
			for i, a := range arts {
				if !titleMatches(keys[i], a.Title) {
					t.Errorf("article %d: title %q does not hold %q", i, a.Title, keys[i])
				}
				if got, want := a.Date, tt.wantDate; got != want {
					t.Errorf("article %d: date %q, want %q (from the file name)", i, got, want)
				}
				if got, want := a.Source, tt.file; got != want {
					t.Errorf("article %d: source %q, want %q", i, got, want)
				}
				if !strings.HasPrefix(a.Dateline, "本报讯") {
					t.Errorf("article %d: dateline %q, want 本报讯…", i, a.Dateline)
				}
				for j, p := range a.Paragraphs {
					if !endsSentence(p) {
						t.Errorf("article %d paragraph %d ends mid-sentence: …%s", i, j, tail(p, 12))
					}
					if strings.Contains(p, "本报讯") || strings.Contains(p, "**") || strings.HasPrefix(p, "#") {
						t.Errorf("article %d paragraph %d holds page marks: %s…", i, j, head(p, 20))
					}
				}
				if got, want := a.Key, keyOf(a); got != want {
					t.Errorf("article %d: key %q, want %q (of its text)", i, got, want)
				}
			}
			// The headline printed after the body: it stands in the page after the last
			// paragraph of its article.
			a := arts[tt.headlineAfter]
			text := normalizeText(doc.Text)
			last := a.Paragraphs[len(a.Paragraphs)-1]
			if !slices.Contains(a.Headlines, a.Title) {
				t.Errorf("title %q is not one of the headlines %q", a.Title, a.Headlines)
			}
			if strings.Index(text, a.Title) < strings.Index(text, tail(last, 10)) {
				t.Errorf("title %q of article %d stands before its body; want the headline printed after it", a.Title, tt.headlineAfter)
			}
			all := ""
			for _, a := range arts {
				all += a.Text() + "\n"
			}
			for _, j := range tt.joined {
				if !strings.Contains(all, j) {
					t.Errorf("%q, broken across a column, is not joined again", j)
				}
			}
		})
	}
}

func keyOf(a *Article) string { return graph.ArticleKey(a.Text()) }

func head(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func tail(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// wantArticle is what a test expects of one article of a page.
type wantArticle struct {
	Title     string
	Date      string
	Dateline  string
	Headlines []string
	Paras     []string
}

func TestSplitPage(t *testing.T) {
	tests := []struct {
		name   string
		doc    Doc
		want   []wantArticle
		source string
	}{
		{
			name: "Xinhua opener: the byline goes to the dateline, the title is the first clause",
			doc:  Doc{Source: "x.txt", Text: "新华社北京3月5日电（记者 张三 李四）第十四届全国人民代表大会第一次会议5日上午在人民大会堂开幕。\n\n习近平等出席大会。\n"},
			want: []wantArticle{{
				Title:    "第十四届全国人民代表大会第一次会议5日上午在人民大会堂开幕",
				Dateline: "新华社北京3月5日电（记者 张三 李四）",
				Paras:    []string{"第十四届全国人民代表大会第一次会议5日上午在人民大会堂开幕。", "习近平等出席大会。"},
			}},
		},
		{
			name: "full-width digits, letters and spaces are normalized",
			doc:  Doc{Source: "x.txt", Text: "## 全国人大会议开幕\r\n\r\n新华社北京３月５日电(记者张三)　第十四届全国人大第一次会议５日上午开幕，ＡＩ产业代表出席。\r\n"},
			want: []wantArticle{{
				Title:     "全国人大会议开幕",
				Dateline:  "新华社北京3月5日电(记者张三)",
				Headlines: []string{"全国人大会议开幕"},
				Paras:     []string{"第十四届全国人大第一次会议5日上午开幕，AI产业代表出席。"},
			}},
		},
		{
			name: "bare 本报讯 and bold **本报讯**",
			doc:  Doc{Source: "x.txt", Text: "本报讯 市委常委会昨天举行会议。\n\n## 第二篇\n\n**本报讯** 市政府常务会议昨天举行。\n"},
			want: []wantArticle{
				{Title: "市委常委会昨天举行会议", Dateline: "本报讯", Paras: []string{"市委常委会昨天举行会议。"}},
				{Title: "第二篇", Dateline: "本报讯", Headlines: []string{"第二篇"}, Paras: []string{"市政府常务会议昨天举行。"}},
			},
		},
		{
			name: "本报某地电 and a byline in brackets",
			doc:  Doc{Source: "x.txt", Text: "## 标题\n\n本报无锡5月27日电（记者 王五 通讯员 赵六）会议召开。\n\n（完）\n"},
			want: []wantArticle{{
				Title: "标题", Dateline: "本报无锡5月27日电（记者 王五 通讯员 赵六）",
				Headlines: []string{"标题"}, Paras: []string{"会议召开。"},
			}},
		},
		{
			name: "a byline line and an editor line are page furniture",
			doc:  Doc{Source: "x.txt", Text: "## 标题\n\n本报记者 王五\n\n会议昨天召开。\n\n责任编辑：赵六\n"},
			want: []wantArticle{{Title: "标题", Headlines: []string{"标题"}, Paras: []string{"会议昨天召开。"}}},
		},
		{
			name: "a headline after the body of the last article",
			doc: Doc{Source: "x.txt", Text: "## 第一篇\n\n本报讯 会议召开。\n\n" +
				"本报讯 上海市人民政府与中国移动昨天签约。\n\n市委书记李强出席。\n\n李强会见中国移动杨杰\n\n## 欢迎在沪布局\n"},
			want: []wantArticle{
				{Title: "第一篇", Dateline: "本报讯", Headlines: []string{"第一篇"}, Paras: []string{"会议召开。"}},
				{Title: "欢迎在沪布局", Dateline: "本报讯", Headlines: []string{"李强会见中国移动杨杰", "欢迎在沪布局"},
					Paras: []string{"上海市人民政府与中国移动昨天签约。", "市委书记李强出席。"}},
			},
		},
		{
			name: "a subheading inside an article is a headline, not a paragraph",
			doc:  Doc{Source: "x.txt", Text: "## 大标题\n\n本报讯 会议昨天召开。\n\n坚持人民至上\n\n会议指出，要坚持人民至上。\n"},
			want: []wantArticle{{
				Title: "大标题", Dateline: "本报讯", Headlines: []string{"大标题", "坚持人民至上"},
				Paras: []string{"会议昨天召开。", "会议指出，要坚持人民至上。"},
			}},
		},
		{
			name: "a kicker line before the markdown headline: the markdown headline is the title",
			doc:  Doc{Source: "x.txt", Text: "李强主持市委常委会会议\n\n## 对四大品牌再聚焦\n\n本报讯 会议召开。\n"},
			want: []wantArticle{{
				Title: "对四大品牌再聚焦", Dateline: "本报讯", Headlines: []string{"李强主持市委常委会会议", "对四大品牌再聚焦"},
				Paras: []string{"会议召开。"},
			}},
		},
		{
			name: "a page date line dates the articles and is no text",
			doc:  Doc{Source: "renmin-20230305.txt", Text: "解放日报 2021年5月28日 星期五\n\n第2版\n\n## 标题\n\n本报讯 会议昨天召开。\n"},
			want: []wantArticle{{Title: "标题", Date: "2021-05-28", Dateline: "本报讯", Headlines: []string{"标题"}, Paras: []string{"会议昨天召开。"}}},
		},
		{
			name: "a file name date",
			doc:  Doc{Source: "renmin-20230305.txt", Text: "本报讯 会议昨天召开。\n"},
			want: []wantArticle{{Title: "会议昨天召开", Date: "2023-03-05", Dateline: "本报讯", Paras: []string{"会议昨天召开。"}}},
		},
		{
			name: "a record's own date and title win",
			doc:  Doc{Source: "renmin-20230305.txt", Date: "2024-01-06", Title: "国务院常务会议", Paper: "人民日报", Text: "解放日报 2021年5月28日\n\n会议昨天召开。\n"},
			want: []wantArticle{{Title: "国务院常务会议", Date: "2024-01-06", Paras: []string{"会议昨天召开。"}}},
		},
		{
			name: "no date anywhere",
			doc:  Doc{Source: "stdin", Text: "会议召开。\n"},
			want: []wantArticle{{Title: "会议召开", Paras: []string{"会议召开。"}}},
		},
		{
			name: "a paragraph broken across a column is joined again",
			doc:  Doc{Source: "x.txt", Text: "## 标题\n\n本报讯 必须深入学习贯彻习近平生态文明思想,在\n\n新起点上不断提高到新水平。\n\n“打好这场硬仗,关键在于行\n\n动。”龚正指出。\n"},
			want: []wantArticle{{
				Title: "标题", Dateline: "本报讯", Headlines: []string{"标题"},
				Paras: []string{"必须深入学习贯彻习近平生态文明思想,在新起点上不断提高到新水平。", "“打好这场硬仗,关键在于行动。”龚正指出。"},
			}},
		},
		{
			name: "page furniture inside a broken paragraph is dropped and the paragraph joined",
			doc:  Doc{Source: "x.txt", Text: "## 甲\n\n本报讯 会议昨天召开，市长出席\n\n第2版\n\n签约仪式。\n"},
			want: []wantArticle{{Title: "甲", Dateline: "本报讯", Headlines: []string{"甲"}, Paras: []string{"会议昨天召开，市长出席签约仪式。"}}},
		},
		{
			name: "an opener after a line that stops mid-sentence starts a new article",
			doc:  Doc{Source: "x.txt", Text: "## 甲\n\n本报讯 会议昨天召开，市长出席签约仪式\n\n新华社北京3月5日电 另一个会议召开。\n"},
			want: []wantArticle{
				{Title: "甲", Dateline: "本报讯", Headlines: []string{"甲"}, Paras: []string{"会议昨天召开，市长出席签约仪式"}},
				{Title: "另一个会议召开", Dateline: "新华社北京3月5日电", Paras: []string{"另一个会议召开。"}},
			},
		},
		{
			name: "two wire stories without headlines",
			doc:  Doc{Source: "x.txt", Text: "新华社北京3月5日电 第一篇。\n\n中新社上海3月5日电：第二篇。\n"},
			want: []wantArticle{
				{Title: "第一篇", Dateline: "新华社北京3月5日电", Paras: []string{"第一篇。"}},
				{Title: "第二篇", Dateline: "中新社上海3月5日电", Paras: []string{"第二篇。"}},
			},
		},
		{
			name: "headlines only: no article",
			doc:  Doc{Source: "x.txt", Text: "## 标题\n\n副标题\n"},
		},
		{
			name: "nothing",
			doc:  Doc{Source: "x.txt", Text: " \n\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts := SplitPage(tt.doc)
			var got []wantArticle
			for _, a := range arts {
				got = append(got, wantArticle{a.Title, a.Date, a.Dateline, a.Headlines, a.Paragraphs})
				if a.Source != tt.doc.Source || a.Paper != tt.doc.Paper {
					t.Errorf("source %q paper %q, want %q %q", a.Source, a.Paper, tt.doc.Source, tt.doc.Paper)
				}
				if got, want := a.Key, keyOf(a); got != want {
					t.Errorf("key %q, want %q", got, want)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d articles, want %d:\n got %+v\nwant %+v", len(got), len(tt.want), got, tt.want)
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.Title != w.Title || g.Date != w.Date || g.Dateline != w.Dateline ||
					!slices.Equal(g.Headlines, w.Headlines) || !slices.Equal(g.Paras, w.Paras) {
					t.Errorf("article %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}
