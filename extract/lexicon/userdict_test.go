package lexicon

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeDict writes a dictionary file into a temporary folder and returns its path.
func writeDict(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadUserDict(t *testing.T) {
	l, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := writeDict(t, "analyst.tsv", strings.Join([]string{
		"# persons, bodies and titles of one analyst",
		"person\t诸葛宇杰",
		"person\t卢拉\t路易斯·伊纳西奥·卢拉·达席尔瓦|卢拉·达席尔瓦",
		"person\t聂文涛\t-\t中国蓝海航运集团有限公司|交通运输部",
		"person\t聂文涛\t-\t中国远洋海运集团有限公司",
		"",
		"org\t华昱新能源科技集团有限公司\tcompany\t华昱集团|华昱",
		"org\t中国移动控股\tcompany\t中国移动",
		"org\t华昱新能源科技集团有限公司\t-\t华昱新能源",
		"title\t首席数据官\tcorp",
		"title\t首席科学家\tacademic\thead",
	}, "\n")+"\n")
	if err := l.LoadUserDict(p); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"诸葛宇杰", "卢拉", "卢拉·达席尔瓦", "聂文涛"} {
		if !l.Persons[n] {
			t.Errorf("person %s not declared", n)
		}
	}
	if got, want := l.Dict.Canonical("卢拉·达席尔瓦"), "卢拉"; got != want {
		t.Errorf("Canonical(卢拉·达席尔瓦) = %s, want %s", got, want)
	}
	if got, want := l.Dict.Canonical("无名氏"), "无名氏"; got != want {
		t.Errorf("Canonical(无名氏) = %s, want %s", got, want)
	}
	if got, want := l.Dict.Persons["聂文涛"].Bodies, []string{"中国蓝海航运集团有限公司", "交通运输部", "中国远洋海运集团有限公司"}; !slices.Equal(got, want) {
		t.Errorf("聂文涛's bodies = %v, want %v (a second line adds)", got, want)
	}
	for name, want := range map[string]string{
		"华昱集团": "华昱新能源科技集团有限公司", "华昱": "华昱新能源科技集团有限公司", "华昱新能源": "华昱新能源科技集团有限公司",
		// the analyst's entry takes 中国移动 from the built-in 中国移动通信集团有限公司
		"中国移动": "中国移动控股", "中国移动控股": "中国移动控股",
		// a built-in body keeps its other names
		"中国移动通信集团": "中国移动通信集团有限公司",
	} {
		b := l.Bodies[name]
		if b == nil || b.Canonical != want {
			t.Errorf("Bodies[%s] = %+v, want canonical %s", name, b, want)
		}
		if _, dict := l.Dict.Bodies[name]; dict != (want != "中国移动通信集团有限公司") {
			t.Errorf("Dict.Bodies[%s] present = %v", name, dict)
		}
	}
	if got := l.Bodies["华昱"].Kind; got != "company" {
		t.Errorf("华昱 kind %s, want company (the first line's)", got)
	}
	if tt := l.Titles["首席科学家"]; tt == nil || tt.Class != ClassAcademic || !tt.Head {
		t.Errorf("首席科学家 = %+v", tt)
	}
	if got, want := l.Dict.Titles, []string{"首席数据官", "首席科学家"}; !slices.Equal(got, want) {
		t.Errorf("Dict.Titles = %v, want %v", got, want)
	}
	// the segmenter keeps the declared words whole
	dict := l.GSEDict()
	for _, w := range []string{"卢拉·达席尔瓦 ", "华昱新能源 ", "首席数据官 "} {
		if !strings.Contains(dict, "\n"+w) {
			t.Errorf("gse dictionary lacks %q", w)
		}
	}
}

// TestLoadUserDictErrors: every bad line is a *ParseError with the file and the line.
func TestLoadUserDictErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		line int
		msg  string
	}{
		{"unknown kind", "# c\nperson\t甲乙\nplace\t上海\n", 3, `unknown entry kind "place"`},
		{"no name", "person\n", 1, "want at least 2 TAB-separated fields"},
		{"spaces not tabs", "org 中国移动 company\n", 1, "want at least 2 TAB-separated fields"},
		{"empty name", "person\t\t-\n", 1, "empty name"},
		{"unknown org kind", "\n\norg\t某某公司\tfirm\n", 3, `unknown organization kind "firm"`},
		{"unknown title class", "title\t首席官\tboss\n", 1, `unknown title class "boss"`},
		{"unknown title flag", "title\t首席官\tcorp\tbig\n", 1, `unknown title flag "big"`},
		{"too many person fields", "person\t甲乙\t-\t-\textra\n", 1, "want at most 4"},
		{"too many org fields", "org\t某公司\tcompany\t某|某某\textra\n", 1, "want at most 4"},
		{"hash in a name", "person\t刘伟#2\n", 1, "# is reserved"},
		{"space in a name", "org\t某 公司\n", 1, "has a space"},
		{"no-break space for a name", "person\t\u00a0\n", 1, "empty name"},
		{"no-break space in a name", "person\t张\u00a0三\n", 1, "has a space"},
		{"NUL in a name", "person\t张\x00三\n", 1, "control character"},
		{"control character in a name", "person\t张三\x01\n", 1, "control character"},
		{"alias of two bodies", "org\t甲公司\tcompany\t甲\norg\t甲集团\tcompany\t甲\n", 2, "甲 already names 甲公司"},
		{"alias of two persons", "person\t张三\t张老三\nperson\t李四\t张老三\n", 2, "alias 张老三 already names person 张三"},
		{"a person named by another's alias", "person\t张三\t张老三\nperson\t张老三\n", 2, "already an alias of 张三"},
		{"not UTF-8", "person\t\xff\xfe\n", 1, "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Load()
			if err != nil {
				t.Fatal(err)
			}
			p := writeDict(t, "bad.tsv", tt.text)
			err = l.LoadUserDict(p)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.File != p || pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("err = %v, want %s:%d: …%s…", err, p, tt.line, tt.msg)
			}
			if want := p + ":" + itoa(tt.line) + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("message %q does not start with %q", err, want)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		l, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "none.tsv")
		err = l.LoadUserDict(p)
		if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), p) {
			t.Errorf("err = %v, want one that names %s and wraps os.ErrNotExist", err, p)
		}
	})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// FuzzLoadUserDict: any file is loaded or refused with a *ParseError; it never panics.
func FuzzLoadUserDict(f *testing.F) {
	f.Add("person\t诸葛宇杰\norg\t中国移动通信集团有限公司\tcompany\t中国移动\ntitle\t首席数据官\tcorp\n")
	f.Add("person\t卢拉\t卢拉·达席尔瓦\t巴西政府\n# c\n\n")
	f.Add("org\t甲\t-\t-\norg\t乙\t-\t甲\n")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, text string) {
		l, err := Load()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "fuzz.tsv")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		err = l.LoadUserDict(p)
		var pe *ParseError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("err = %v, want a *ParseError", err)
		}
	})
}
