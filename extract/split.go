package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// Split splits a document into articles and gives each its date and home: the
// document's own, else the options', else what the page says.
func (x *Extractor) Split(d Doc) []*Article {
	arts := SplitPage(d)
	home := x.opts.Home
	if home == "" {
		home = x.InferHome(d.Text)
	}
	if home != "" && x.lex.Places[home] == nil && x.lex.Places[home+"市"] == nil && x.lex.Places[home+"省"] == nil {
		home = homeLevel(home, d.Text)
	}
	for _, a := range arts {
		if d.Date == "" && x.opts.Date != "" {
			a.Date = x.opts.Date
		}
		a.Home = home
	}
	return arts
}

// InferHome guesses a paper's home from a page: the place most often named before a
// relative body word or alone, when the page uses relative bodies (市委, 省政府) at all.
// A national page (新华社, 人民日报) has no home.
func (x *Extractor) InferHome(text string) string {
	for _, nat := range []string{"新华社", "人民日报", "中新社", "央视网消息"} {
		if strings.Contains(text, nat) {
			return ""
		}
	}
	if !namesRelativeBody(text) {
		return ""
	}
	counts := x.places.count(text)
	type pc struct {
		p *lexicon.Place
		n int
	}
	var ranked []pc
	for p, n := range counts {
		ranked = append(ranked, pc{p, n})
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].n != ranked[j].n {
			return ranked[i].n > ranked[j].n
		}
		return ranked[i].p.Name < ranked[j].p.Name
	})
	if len(ranked) == 0 || ranked[0].n < 2 {
		return ""
	}
	return ranked[0].p.Name
}

// relOrgStarts are the first runes of the relative body words (relOrgs), and
// relOrgsAt the words by their first rune.
var relOrgStarts, relOrgsAt = func() ([]rune, map[rune][]string) {
	var starts []rune
	at := map[rune][]string{}
	for w := range relOrgs {
		r, _ := utf8.DecodeRuneInString(w)
		if _, ok := at[r]; !ok {
			starts = append(starts, r)
		}
		at[r] = append(at[r], w)
	}
	return starts, at
}()

// namesRelativeBody reports whether text holds one of relOrgs (市委, 省政府), in one pass
// over it: asking strings.Contains for each of the words scanned a page forty times.
func namesRelativeBody(text string) bool {
	for i, r := range text {
		if !slices.Contains(relOrgStarts, r) {
			continue
		}
		for _, w := range relOrgsAt[r] {
			if strings.HasPrefix(text[i:], w) {
				return true
			}
		}
	}
	return false
}
