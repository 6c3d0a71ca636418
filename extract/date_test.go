package extract

import (
	"reflect"
	"testing"
)

func TestResolveDate(t *testing.T) {
	tests := []struct {
		name     string
		sentence string
		ref      string
		want     string
		wantOK   bool
	}{
		{"昨天", "市委常委会昨天举行会议。", "2021-05-28", "2021-05-27", true},
		{"昨天 on the first of a month", "会议昨天召开。", "2021-03-01", "2021-02-28", true},
		{"昨天 on New Year's Day", "会议昨天召开。", "2024-01-01", "2023-12-31", true},
		{"昨日", "昨日，会议召开。", "2021-05-28", "2021-05-27", true},
		{"昨晚", "昨晚举行音乐会。", "2021-05-28", "2021-05-27", true},
		{"前天", "前天，代表团抵达北京。", "2021-05-28", "2021-05-26", true},
		{"前天 across a leap day", "前天，代表团抵达北京。", "2024-03-01", "2024-02-28", true},
		{"今天", "今天上午，会议开幕。", "2021-05-28", "2021-05-28", true},
		{"27日 in the same month", "5月27日下午，会议在江苏无锡召开。", "2021-05-28", "2021-05-27", true},
		{"27日 alone in the same month", "27日下午，会议召开。", "2021-05-28", "2021-05-27", true},
		{"the article's own day", "28日上午，会议召开。", "2021-05-28", "2021-05-28", true},
		{"30日 still to come is of the month before", "30日下午，会议召开。", "2021-05-28", "2021-04-30", true},
		{"27日 in January still to come is of December before", "27日，会议召开。", "2021-01-05", "2020-12-27", true},
		{"31日 of a month before that has 30 days is no date", "31日，会议召开。", "2021-05-28", "", false},
		{"3月5日 in an article of the same year", "3月5日，大会开幕。", "2021-05-28", "2021-03-05", true},
		{"3月5日 in an article in January is of the year before", "3月5日，大会开幕。", "2021-01-10", "2020-03-05", true},
		{"十二月三十一日 in an article in January", "十二月三十一日，全会召开。", "2021-01-02", "2020-12-31", true},
		{"二〇二〇年五月二十七日", "二〇二〇年五月二十七日，会议召开。", "2021-05-28", "2020-05-27", true},
		{"二〇二一年十月一日", "二〇二一年十月一日，庆典举行。", "", "2021-10-01", true},
		{"a full date", "2020年5月27日，会议召开。", "2021-05-28", "2020-05-27", true},
		{"a full date needs no reference", "2020年5月27日，会议召开。", "", "2020-05-27", true},
		{"a range starts on its first day", "5月20日至21日，检查组开展执法检查。", "2024-05-22", "2024-05-20", true},
		{"the first expression counts", "会议于5月27日召开，28日闭幕。", "2021-05-28", "2021-05-27", true},
		{"an impossible day is skipped for the next one", "2月30日有误，应为3月1日。", "2021-05-28", "2021-03-01", true},
		{"day 32 is no day", "32日", "2021-05-28", "", false},
		{"no reference: 昨天 is a date not known", "会议昨天召开。", "", "", true},
		{"no reference: 5月27日 is a date not known", "5月27日，会议召开。", "", "", true},
		{"no reference: 27日 is skipped", "27日，会议召开。", "", "", false},
		{"a bad reference is no reference", "会议昨天召开。", "28/05/2021", "", true},
		{"no date", "会议指出，要强化责任落实。", "2021-05-28", "", false},
		{"a year and a month are no day", "2020年5月，会议召开。", "2021-05-28", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := resolveDate(tt.sentence, tt.ref)
			if want := tt.want; got != want || ok != tt.wantOK {
				t.Errorf("resolveDate(%q, %q) = %q, %v; want %q, %v", tt.sentence, tt.ref, got, ok, want, tt.wantOK)
			}
		})
	}
}

func TestCNNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"27", 27}, {"五", 5}, {"十", 10}, {"十二", 12}, {"二十", 20}, {"二十七", 27}, {"三十一", 31},
		{"二〇二〇", 2020}, {"二零二一", 2021}, {"一九四九", 1949},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, want := cnNumber(tt.in), tt.want; got != want {
				t.Errorf("cnNumber(%q) = %d, want %d", tt.in, got, want)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2021-05-28", "2021-05-28"},
		{"2021/5/28", "2021-05-28"},
		{"2021.5.8", "2021-05-08"},
		{"2021年5月28日", "2021-05-28"},
		{"２０２１年５月２８日", "2021-05-28"},
		{" 2021-05-28 ", "2021-05-28"},
		{"2021-02-29", ""},
		{"2021-13-01", ""},
		{"28/05/2021", ""},
		{"昨天", ""},
		{"", ""},
		{"2021-05-28T10:00:00Z", "2021-05-28"},
		{"2021-05-27T23:30:00-05:00", "2021-05-27"},
		{"2021-05-28T08:30:00.123+0800", "2021-05-28"},
		{"2021-05-28 08:30", "2021-05-28"},
		{"2021年5月28日 08:30", "2021-05-28"},
		{"2021-05-28 morning", ""},
		{"2021-05-28T", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, want := NormalizeDate(tt.in), tt.want; got != want {
				t.Errorf("NormalizeDate(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}

func TestDateFromName(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"jiefang-2021-05-28.txt", "2021-05-28"},
		{"renmin-20230305.txt", "2023-03-05"},
		{"xinhua_2023_04_14_lula.txt", "2023-04-14"},
		{"page-1234-99-99-then-2024.01.06.md", "2024-01-06"},
		{"id-18000101.txt", ""},
		{"stdin", ""},
		{"news.jsonl:12", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := dateFromName(tt.name), tt.want; got != want {
				t.Errorf("dateFromName(%q) = %q, want %q", tt.name, got, want)
			}
		})
	}
}

// FuzzMayHoldDate checks the shortcut before dateExpr: wherever the expression matches,
// mayHoldDate must say it may.
func FuzzMayHoldDate(f *testing.F) {
	for _, s := range []string{"5月28日", "二〇二一年五月二十八日", "昨天下午", "日前", "今日头条", "十一日", "周日", "31日", "天津", "x日"} {
		f.Add(s)
	}
	for _, s := range exampleTexts(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if dateExpr.MatchString(s) && !mayHoldDate(s) {
			t.Errorf("mayHoldDate(%q) = false, but dateExpr matches %q", s, dateExpr.FindString(s))
		}
	})
}

// FuzzDateMatches checks that matching dates one at a time gives FindAllStringSubmatch's
// matches, in its order.
func FuzzDateMatches(f *testing.F) {
	for _, s := range []string{"5月28日", "2021年5月28日至29日，昨天", "今日头条", "十一日二十日", "", "日日日"} {
		f.Add(s)
	}
	for _, s := range exampleTexts(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got [][]string
		for m := range dateMatches(s) {
			got = append(got, m)
		}
		if want := dateExpr.FindAllStringSubmatch(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: one at a time %q, FindAll %q", s, got, want)
		}
	})
}

// FuzzNormalizeText checks normalizeText's shortcut: text it leaves alone is text that
// normalizing rune by rune gives back unchanged.
func FuzzNormalizeText(f *testing.F) {
	for _, s := range []string{"", "２０２１年５月２８日", "ＡＢＣ ａｂｃ．", "a\u3000b\u00a0c\r\n\ufeff", "，：（）", "\xff\xfe", "中文"} {
		f.Add(s)
	}
	for _, s := range exampleTexts(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalizeText(s), normalizeRunes(s); got != want {
			t.Errorf("normalizeText(%q) = %q, rune by rune %q", s, got, want)
		}
	})
}
