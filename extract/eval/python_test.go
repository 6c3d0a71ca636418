package eval

import "testing"

// The expectations below are what Python 3.11 prints for the same input.

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"李 强", "李强"},
		{"ＣＥＯ祁睿", "CEO祁睿"},
		{"中国共产党上海市委员会", "中共上海市委员会"},
		{"a\u3000b\x1cc\u200bd\u00a0e\n", "abc\u200bde"}, // U+200B is no space to Python
		{"Ⅱ号", "II号"},
		{"①", "1"},
		{"ﬁ", "fi"},
		{"智擎科技（深圳）有限公司", "智擎科技(深圳)有限公司"},
		{"马蒂亚斯·克劳斯", "马蒂亚斯·克劳斯"},
		{"中国共产\u3000党", "中共"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeysMatch(t *testing.T) {
	tests := []struct {
		name   string
		groups []string
		text   string
		want   bool
	}{
		{"every group", []string{"协作小组", "会议"}, "协作小组第一次会议", true},
		{"a group missing", []string{"协作小组", "会议"}, "协作小组", false},
		{"an alternative", []string{"质量奖|颁奖"}, "颁奖仪式", true},
		{"normalized both sides", []string{"ＡＩ 产业"}, "AI产业园开园", true},
		{"no groups match anything", nil, "随便", true},
		{"an empty alternative matches anything", []string{"x|"}, "随便", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keysMatch(tt.groups, tt.text); got != tt.want {
				t.Errorf("keysMatch(%q, %q) = %v, want %v", tt.groups, tt.text, got, tt.want)
			}
		})
	}
}

func TestPyRepr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"张三", `'张三'`},
		{"it's", `"it's"`},
		{`a'b"c`, `'a\'b"c'`},
		{`back\slash`, `'back\\slash'`},
		{"tab\tnl\n", `'tab\tnl\n'`},
		{"\x7f\x01", `'\x7f\x01'`},
		{"\u00ad soft", `'\xad soft'`},
		{"\u200b", `'\u200b'`},
		{"\u3000", `'\u3000'`},
		{"😀", `'😀'`},
		{"\u2028", `'\u2028'`},
		{"é", `'é'`},
		{"\u0085", `'\x85'`},
	}
	for _, tt := range tests {
		if got := pyRepr(tt.in); got != tt.want {
			t.Errorf("pyRepr(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	if got, want := pyList([]string{"a", "b"}), `['a', 'b']`; got != want {
		t.Errorf("pyList = %s, want %s", got, want)
	}
	if got, want := pyList(nil), `[]`; got != want {
		t.Errorf("pyList(nil) = %s, want %s", got, want)
	}
}

func TestRound3(t *testing.T) {
	tests := []struct {
		in          float64
		fixed, json string
	}{
		{0.0005, "0.001", "0.001"}, // just above the tie in binary
		{0.0015, "0.002", "0.002"},
		{2.0 / 3, "0.667", "0.667"},
		{0.8125, "0.812", "0.812"}, // an exact tie goes to even
		{0.1235, "0.123", "0.123"},
		{0.9995, "1.000", "1.0"},
		{1, "1.000", "1.0"},
		{0, "0.000", "0.0"},
		{0.5, "0.500", "0.5"},
	}
	for _, tt := range tests {
		if got := fixed3(tt.in); got != tt.fixed {
			t.Errorf("fixed3(%v) = %s, want %s", tt.in, got, tt.fixed)
		}
		if got := pyFloat(round3(tt.in)); got != tt.json {
			t.Errorf("pyFloat(round3(%v)) = %s, want %s", tt.in, got, tt.json)
		}
	}
}
