package eval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalize is score.py's norm: NFKC, every whitespace character removed, 中国共产党
// shortened to 中共.
func normalize(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if isPySpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.ReplaceAll(s, "中国共产党", "中共")
}

// isPySpace reports whether Python's str.split() splits at r: Unicode White_Space plus
// the ASCII information separators U+001C to U+001F.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// keysMatch is score.py's keys_match: text contains, for every group, one of the group's
// '|'-separated alternatives, all compared normalized.
func keysMatch(groups []string, text string) bool {
	text = normalize(text)
	for _, g := range groups {
		found := false
		for _, alt := range strings.Split(g, "|") {
			if strings.Contains(text, normalize(alt)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
