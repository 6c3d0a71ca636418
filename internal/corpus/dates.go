package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// dateExpr matches the dates a page writes in digits: 2021年5月28日, 5月28日, 28日, and a
// year alone, 2020年.
var dateExpr = regexp.MustCompile(`(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日|(\d{4})年`)

// near is how far from a page's date a date or a year is moved with it: further ones
// (1949年10月1日, 2035年) are history or plans and stay.
const near = 2

// shiftDates moves every date of a page dated from to the same distance from to: the
// page's own date becomes to, 27日 the day before it, 2020年 a year before to's year.
// A day alone is of the page's month, or of the month before when it is still to come,
// as the extractor reads it. Dates that are no dates (2月30日) are left as they are.
func shiftDates(text string, from, to time.Time) string {
	days := int(to.Sub(from).Hours() / 24)
	years := to.Year() - from.Year()
	return dateExpr.ReplaceAllStringFunc(text, func(m string) string {
		sm := dateExpr.FindStringSubmatch(m)
		if sm[4] != "" { // a year alone
			y, _ := strconv.Atoi(sm[4])
			if y < from.Year()-near || y > from.Year()+near {
				return m
			}
			return strconv.Itoa(y+years) + "年"
		}
		day, _ := strconv.Atoi(sm[3])
		switch {
		case sm[1] != "" && sm[2] != "":
			y, _ := strconv.Atoi(sm[1])
			mo, _ := strconv.Atoi(sm[2])
			d, ok := date(y, mo, day)
			if !ok || y < from.Year()-near || y > from.Year()+near {
				return m
			}
			d = d.AddDate(0, 0, days)
			return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
		case sm[1] != "": // a year and a day: no date
			return m
		case sm[2] != "":
			mo, _ := strconv.Atoi(sm[2])
			d, ok := nearest(from, func(y int) (time.Time, bool) { return date(y, mo, day) }, from.Year()-1, from.Year(), from.Year()+1)
			if !ok {
				return m
			}
			d = d.AddDate(0, 0, days)
			return fmt.Sprintf("%d月%d日", d.Month(), d.Day())
		default:
			month := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
			if day > from.Day() {
				month = month.AddDate(0, -1, 0)
			}
			d, ok := date(month.Year(), int(month.Month()), day)
			if !ok {
				return m
			}
			return fmt.Sprintf("%d日", d.AddDate(0, 0, days).Day())
		}
	})
}

// date returns the day y-mo-d, and false when there is no such day.
func date(y, mo, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return t, mo >= 1 && mo <= 12 && t.Day() == d && int(t.Month()) == mo
}

// nearest returns the day closest to ref among those day(k) gives for the ks.
func nearest(ref time.Time, day func(k int) (time.Time, bool), ks ...int) (time.Time, bool) {
	var best time.Time
	found := false
	for _, k := range ks {
		t, ok := day(k)
		if ok && (!found || absDur(t.Sub(ref)) < absDur(best.Sub(ref))) {
			best, found = t, true
		}
	}
	return best, found
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
