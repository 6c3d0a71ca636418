package jsonl

import (
	"strings"
	"testing"
)

var plainSink bool

// BenchmarkPlain checks a sentence of Chinese and a key, as most strings of a graph are.
func BenchmarkPlain(b *testing.B) {
	s := strings.Repeat("上海市人民政府市长龚正出席会议并讲话。", 4) + "article:3f2a"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		plainSink = plain(s)
	}
}
