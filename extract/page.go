package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
)

// Article is one article of a page: its headline, its body paragraphs (rejoined where a
// column broke them) and what is known of where and when it was printed.
//
// Stage: page. Needs a Doc; adds the articles with title, date and body.
type Article struct {
	Key        string // graph.ArticleKey of Text()
	Source     string
	Title      string
	Date       string // YYYY-MM-DD or ""
	Paper      string
	Home       string   // the paper's home place, e.g. 上海; "" for a national paper
	Dateline   string   // 本报讯, 新华社北京3月5日电（记者 X）, ...
	Headlines  []string // every headline line printed with the article
	Paragraphs []string
}

// Text returns the body: paragraphs joined by newlines.
func (a *Article) Text() string { return strings.Join(a.Paragraphs, "\n") }

var (
	// opener matches the words that open an article's body.
	opener = regexp.MustCompile(`^(?:【[^】]{0,20}】)?(本报讯|本报[^\s，,。]{0,12}[电讯]|(?:新华社|中新社|人民网|新华网|央视网|中国新闻网)[^\s，,。]{0,16}?电|央视网消息|人民网消息|新华网消息|据新华社[^\s，,。]{0,12}电)(?:\s*[（(][^）)]{0,40}[）)])?[\s：:]*`)
	// metaLine matches page furniture that is neither headline nor body.
	metaLine  = regexp.MustCompile(`^(?:(?:本报)?(?:记者|通讯员|实习生|见习记者|特约记者|编辑|责任编辑|美编|校对)[\s：:]|[（(](?:完|记者[^）)]*|本报记者[^）)]*)[）)]$|第\s*\d+\s*版|[-—=]{3,})`)
	pageDate  = regexp.MustCompile(`^[^。，,]{0,12}?(\d{4})年(\d{1,2})月(\d{1,2})日[^。，,]{0,16}$`)
	terminals = "。！？!?；;…”’」』）)"
)

// line kinds
const (
	kindBody = iota
	kindHeadline
	kindMeta
)

type pageLine struct {
	text  string
	kind  int
	md    bool   // printed as a markdown headline
	open  string // the opener, for a body line that starts an article
	blank bool   // a blank line came before it
}

// SplitPage splits a document into its articles. Headlines may stand before or after
// their body; a paragraph broken across a page column is joined again.
func SplitPage(doc Doc) []*Article {
	text := normalizeText(doc.Text)
	lines := classify(text)
	pageDay := ""
	for _, l := range lines {
		if l.kind == kindMeta {
			if m := pageDate.FindStringSubmatch(l.text); m != nil {
				pageDay = normalizeDate(m[1] + "年" + m[2] + "月" + m[3] + "日")
				break
			}
		}
	}
	var arts []*Article
	var cur *Article
	headless := false
	var pending []pageLine
	mainHead := map[*Article]string{}
	take := func(a *Article) {
		for _, h := range pending {
			a.Headlines = append(a.Headlines, h.text)
			if h.md && mainHead[a] == "" {
				mainHead[a] = h.text
			}
		}
		pending = nil
	}
	newArticle := func(dateline string) {
		cur = &Article{Source: doc.Source, Paper: doc.Paper, Dateline: strings.TrimRight(dateline, " \t：:")}
		headless = len(pending) == 0
		take(cur)
		arts = append(arts, cur)
	}
	for _, l := range lines {
		switch l.kind {
		case kindMeta:
			continue
		case kindHeadline:
			pending = append(pending, l)
			continue
		}
		switch {
		case l.open != "" || cur == nil:
			newArticle(l.open)
		case len(pending) > 0 && pending[0].md:
			// A markdown headline before a body without an opener starts a new article.
			newArticle("")
		case len(pending) > 0:
			// Subheadings inside an article are not sentences; keep them as headlines.
			take(cur)
		}
		body := strings.TrimSpace(strings.TrimPrefix(l.text, l.open))
		if body == "" {
			continue
		}
		n := len(cur.Paragraphs)
		if n > 0 && !endsSentence(cur.Paragraphs[n-1]) {
			cur.Paragraphs[n-1] += body
		} else {
			cur.Paragraphs = append(cur.Paragraphs, body)
		}
	}
	if len(pending) > 0 && cur != nil && headless {
		take(cur)
	}
	out := arts[:0]
	for _, a := range arts {
		if len(a.Paragraphs) == 0 {
			continue
		}
		a.Title = pickTitle(mainHead[a], a.Headlines, doc.Title, a.Paragraphs)
		a.Date = doc.Date
		if a.Date == "" {
			a.Date = pageDay
		}
		if a.Date == "" {
			a.Date = dateFromName(doc.Source)
		}
		a.Key = graph.ArticleKey(a.Text())
		out = append(out, a)
	}
	return out
}

// classify splits text into lines and tells headlines, body and page furniture apart.
// A body line that stops mid-sentence swallows the lines that continue it.
func classify(text string) []pageLine {
	var out []pageLine
	blank := false
	for _, raw := range strings.Split(text, "\n") {
		s := strings.TrimSpace(raw)
		if s == "" {
			blank = true
			continue
		}
		l := pageLine{blank: blank}
		blank = false
		md := strings.HasPrefix(s, "#")
		s = strings.TrimSpace(strings.TrimLeft(s, "#"))
		s = strings.ReplaceAll(s, "**", "")
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		l.text = s
		// An opener starts a new article and page furniture is no prose, even right
		// after a line that stops mid-sentence; the line after the furniture continues it.
		switch {
		case md:
			l.kind = kindHeadline
			l.md = true
		case opener.MatchString(s):
			l.kind = kindBody
			l.open = opener.FindString(s)
		case metaLine.MatchString(s) || strings.Contains(s, "日") && pageDate.MatchString(s): // pageDate needs a 日
			l.kind = kindMeta
		case continuing(out):
			l.kind = kindBody
		case isHeadline(s):
			l.kind = kindHeadline
		default:
			l.kind = kindBody
		}
		out = append(out, l)
	}
	return out
}

// continuing reports whether the last line before the page furniture at the end of out
// is body text that stops mid-sentence, so that the next line continues it.
func continuing(out []pageLine) bool {
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].kind != kindMeta {
			return out[i].kind == kindBody && !endsSentence(out[i].text)
		}
	}
	return false
}

// isHeadline tells a headline from body text: short, and no sentence punctuation.
func isHeadline(s string) bool {
	if utf8.RuneCountInString(s) > 48 {
		return false
	}
	if strings.ContainsAny(s, "。！？；;!?") {
		return false
	}
	// A line that opens a quote or bracket it does not close was broken mid-sentence.
	if strings.Count(s, "“") > strings.Count(s, "”") || strings.Count(s, "（") > strings.Count(s, "）") ||
		strings.Count(s, "《") > strings.Count(s, "》") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune("，、：:", last)
}

// endsSentence reports whether a paragraph ends where a sentence may end.
func endsSentence(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune(terminals, last)
}

// pickTitle chooses the main headline: the first markdown headline, else the first
// headline line, else the document's title, else the start of the first sentence.
func pickTitle(md string, heads []string, docTitle string, paras []string) string {
	if md != "" {
		return md
	}
	if len(heads) > 0 {
		return heads[0]
	}
	if docTitle != "" {
		return docTitle
	}
	first := paras[0]
	if i := strings.IndexAny(first, "。，,！？"); i > 0 {
		first = first[:i]
	}
	if r := []rune(first); len(r) > 40 {
		first = string(r[:40])
	}
	return first
}
