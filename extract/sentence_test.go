package extract

import (
	"slices"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name  string
		paras []string
		want  []Sentence
	}{
		{
			name:  "split at 。",
			paras: []string{"会议召开。李强主持会议。"},
			want:  []Sentence{{"会议召开。", 0, 0}, {"李强主持会议。", 0, 15}},
		},
		{
			name:  "a closing quote stays with the sentence it closes",
			paras: []string{"“打好这场硬仗，关键在于行动。”龚正指出。"},
			want:  []Sentence{{"“打好这场硬仗，关键在于行动。”", 0, 0}, {"龚正指出。", 0, 48}},
		},
		{
			name:  "runs of end marks and closing brackets stay together",
			paras: []string{"真的吗？！（笑。）好!ok?"},
			want:  []Sentence{{"真的吗？！", 0, 0}, {"（笑。）", 0, 15}, {"好!", 0, 27}, {"ok?", 0, 31}},
		},
		{
			name:  "a paragraph that does not end a sentence gives its rest",
			paras: []string{"会议召开。李强主持会议，龚正出席"},
			want:  []Sentence{{"会议召开。", 0, 0}, {"李强主持会议，龚正出席", 0, 15}},
		},
		{
			name:  "semicolons and commas do not end sentences",
			paras: []string{"一是加强协作；二是推进改革，三是……"},
			want:  []Sentence{{"一是加强协作；二是推进改革，三是……", 0, 0}},
		},
		{
			name:  "spaces and tabs around a sentence are left out, offsets follow",
			paras: []string{"  会议召开。 \t李强主持。  "},
			want:  []Sentence{{"会议召开。", 0, 2}, {"李强主持。", 0, 19}},
		},
		{
			name:  "paragraphs are numbered; empty ones give nothing",
			paras: []string{"第一段。", "", "  ", "第三段。第二句。"},
			want:  []Sentence{{"第一段。", 0, 0}, {"第三段。", 3, 0}, {"第二句。", 3, 12}},
		},
		{
			name:  "only end marks",
			paras: []string{"。。。"},
			want:  []Sentence{{"。。。", 0, 0}},
		},
		{
			name: "no paragraphs",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &Article{Paragraphs: tt.paras}
			got := Sentences(a)
			if want := tt.want; !slices.Equal(got, want) {
				t.Errorf("Sentences = %+v\nwant        %+v", got, want)
			}
			checkOffsets(t, a, got)
		})
	}
}

// checkOffsets checks every sentence against the invariant
// Paragraphs[Para][Start:Start+len(Text)] == Text.
func checkOffsets(t testing.TB, a *Article, ss []Sentence) {
	t.Helper()
	for _, s := range ss {
		if s.Para < 0 || s.Para >= len(a.Paragraphs) {
			t.Fatalf("sentence %q: paragraph %d of %d", s.Text, s.Para, len(a.Paragraphs))
		}
		p := a.Paragraphs[s.Para]
		if s.Start < 0 || s.Start+len(s.Text) > len(p) || p[s.Start:s.Start+len(s.Text)] != s.Text {
			t.Fatalf("sentence %q at %d of paragraph %d %q breaks Paragraphs[Para][Start:Start+len(Text)] == Text", s.Text, s.Start, s.Para, p)
		}
		if s.Text == "" {
			t.Fatalf("empty sentence in paragraph %d at %d", s.Para, s.Start)
		}
	}
}
