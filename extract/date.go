package extract

import (
	"iter"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// dateExpr finds the date expressions a news sentence uses for when something happened.
var dateExpr = regexp.MustCompile(`(?:(\d{4}|[〇零一二三四五六七八九]{4})年)?(?:(\d{1,2}|[一二三四五六七八九十]{1,3})月)?(\d{1,2}|[一二三四五六七八九十]{1,3})日|(` + strings.Join(relativeDays, "|") + `)`)

var cnDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// cnNumber reads an Arabic or a Chinese number (十二, 二十七, 二〇二一).
func cnNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	rs := []rune(s)
	if !strings.ContainsRune(s, '十') {
		n := 0
		for _, r := range rs {
			n = n*10 + cnDigits[r]
		}
		return n
	}
	n, cur := 0, 0
	for _, r := range rs {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
			continue
		}
		cur = cnDigits[r]
	}
	return n + cur
}

// resolveDate returns the date of the first date expression in s, resolved against the
// article date ref (YYYY-MM-DD, may be ""): 昨天 is the day before, 27日 the 27th of the
// article's month (or of the month before when that day is still to come).
// mayHoldDate reports whether dateExpr can match in s: a 日 right after a digit or a
// Chinese numeral up to ten, or one of the relative day words. Most sentences have
// neither, and the expression is slow to say so.
func mayHoldDate(s string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], "日")
		if k < 0 {
			break
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i+k]); r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十", r) {
			return true
		}
		i += k + len("日")
	}
	for _, w := range relativeDays {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// relativeDays are the day words of dateExpr's last group.
var relativeDays = []string{"前天", "昨天", "昨日", "今天", "今日", "昨晚", "昨夜", "前日"}

func resolveDate(s, ref string) (date string, ok bool) {
	if !mayHoldDate(s) {
		return "", false
	}
	var base time.Time
	hasRef := false
	if t, err := time.Parse("2006-01-02", ref); err == nil {
		base, hasRef = t, true
	}
	for m := range dateMatches(s) {
		if m[4] != "" {
			if !hasRef {
				return "", true
			}
			switch m[4] {
			case "前天", "前日":
				return base.AddDate(0, 0, -2).Format("2006-01-02"), true
			case "昨天", "昨日", "昨晚", "昨夜":
				return base.AddDate(0, 0, -1).Format("2006-01-02"), true
			default:
				return ref, true
			}
		}
		day := cnNumber(m[3])
		if day < 1 || day > 31 {
			continue
		}
		y, mo := 0, 0
		if m[1] != "" {
			y = cnNumber(m[1])
		}
		if m[2] != "" {
			mo = cnNumber(m[2])
		}
		if mo == 0 && y == 0 && !hasRef {
			continue
		}
		if y == 0 {
			if !hasRef {
				return "", true
			}
			y = base.Year()
			if mo == 0 {
				mo = int(base.Month())
				if day > base.Day() {
					mo--
					if mo == 0 {
						mo, y = 12, y-1
					}
				}
			} else if mo > int(base.Month()) {
				y--
			}
		}
		if d := ymd(y, mo, day); d != "" {
			return d, true
		}
	}
	return "", false
}

// dateMatches yields dateExpr's matches in s with their groups, as FindAllStringSubmatch
// gives them, one at a time: most sentences stop at the first.
func dateMatches(s string) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		for pos := 0; pos < len(s); {
			loc := dateExpr.FindStringSubmatchIndex(s[pos:])
			if loc == nil {
				return
			}
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = s[pos+loc[2*i] : pos+loc[2*i+1]]
				}
			}
			if !yield(m) {
				return
			}
			pos += max(loc[1], 1)
		}
	}
}
