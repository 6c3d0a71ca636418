package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// normalizeText turns full-width digits, letters and spaces into their ASCII forms and
// line endings into "\n"; Chinese punctuation is kept as printed. Every later stage, and
// every evidence sentence, works on this text.
func normalizeText(s string) string {
	if !needsNormalizing(s) {
		return s // most text has nothing to change: no copy
	}
	return normalizeRunes(s)
}

// normalizeRunes is normalizeText rune by rune.
func normalizeRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			b.WriteRune(r - 0xFEE0)
		case r == '．':
			b.WriteRune('.')
		case r == '\u3000' || r == '\u00a0':
			b.WriteRune(' ')
		case r == '\r':
		case r == '\ufeff':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsNormalizing reports whether normalizeText would change s: whether it holds \r, a
// no-break or ideographic space, a byte-order mark, or a full-width digit, letter or
// full stop, or bytes that are not UTF-8 (they become U+FFFD). It looks at bytes and
// decodes only at the lead bytes of those.
func needsNormalizing(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r':
			return true
		case 0xC2, 0xE3, 0xEF:
			r, _ := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '\u00a0', r == '\u3000', r == '\ufeff', r == '．',
				r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
				return true
			}
		}
	}
	return false
}

var isoDate = regexp.MustCompile(`^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$`)

// normalizeDate returns a date written as YYYY-MM-DD, YYYY/M/D or YYYY年M月D日 as
// YYYY-MM-DD, or "" when s is not such a date. A time after the date, as in a feed's
// 2021-05-28T08:30:00+08:00 or 2021-05-28 08:30, is dropped: the day is the one written.
func normalizeDate(s string) string {
	m := isoDate.FindStringSubmatch(strings.TrimSpace(normalizeText(s)))
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return ymd(y, mo, d)
}

// ymd formats a date, or returns "" when it does not exist.
func ymd(y, m, d int) string {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// NormalizeDate is the exported form of the date normalization used for --date and
// JSON-lines records: it returns YYYY-MM-DD or "" when s is not a date.
func NormalizeDate(s string) string { return normalizeDate(s) }

var fileDate = regexp.MustCompile(`(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})`)

// dateFromName finds a date such as 2021-05-28 or 20210528 in a file name.
func dateFromName(name string) string {
	for _, m := range fileDate.FindAllStringSubmatch(name, -1) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if y >= 1949 && y <= 2100 {
			if s := ymd(y, mo, d); s != "" {
				return s
			}
		}
	}
	return ""
}
