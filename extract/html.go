package extract

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// blockTags end a paragraph in an HTML page.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "tr": true, "section": true, "article": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true,
}

// htmlText returns an HTML page's title and its visible text, one paragraph per line,
// headings written as "## " lines so that page splitting sees them as headlines.
func htmlText(data []byte) (title, text string) {
	z := html.NewTokenizer(bytes.NewReader(data))
	var b strings.Builder
	skip := 0
	inTitle := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(title), b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "script" || tag == "style" || tag == "noscript":
				skip++
			case tag == "title":
				inTitle = true
			case len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6':
				b.WriteString("\n\n## ")
			case blockTags[tag]:
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "script" || tag == "style" || tag == "noscript":
				if skip > 0 {
					skip--
				}
			case tag == "title":
				inTitle = false
			case blockTags[tag]:
				b.WriteString("\n\n")
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if inTitle {
				title += t
				continue
			}
			b.WriteString(strings.Join(strings.Fields(t), " "))
		}
	}
}
