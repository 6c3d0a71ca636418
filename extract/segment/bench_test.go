package segment_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/extract/segment"
)

// liveHeap returns the bytes of heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkLexiconLoad is the other half of start-up: the lexicons, from which the user
// dictionary is rendered.
func BenchmarkLexiconLoad(b *testing.B) {
	for b.Loop() {
		lex, err := lexicon.Load()
		if err != nil {
			b.Fatal(err)
		}
		_ = lex.GSEDict()
	}
}

// benchLoad measures load with the lexicons' user dictionary; live-MB is the heap what it
// loads keeps.
func benchLoad(b *testing.B, load func(userDict string) (any, error)) {
	dict := lexiconDict(b)
	before := liveHeap()
	var kept any
	for b.Loop() {
		var err error
		if kept, err = load(dict); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(liveHeap()-before)/1e6, "live-MB")
	runtime.KeepAlive(kept)
}

// BenchmarkNew is a Segmenter's start-up with the lexicons' user dictionary.
func BenchmarkNew(b *testing.B) {
	benchLoad(b, func(d string) (any, error) { return segment.New(d) })
}

// BenchmarkNewGSE is gse's start-up with the same dictionaries, for comparison.
func BenchmarkNewGSE(b *testing.B) {
	benchLoad(b, func(d string) (any, error) { return segment.NewGSE(d) })
}

// benchCut measures cut over the example pages' sentences, as extraction cuts them, with
// the lexicons' user dictionary.
func benchCut(b *testing.B, cut func(p *pair, s string)) {
	p := loadPair(b, lexiconDict(b))
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no examples (%v)", err)
	}
	var texts []string
	var n int64
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range sentences(string(text)) {
			texts = append(texts, s)
			n += int64(len(s))
		}
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			cut(p, s)
		}
	}
}

// BenchmarkSegment cuts the examples' sentences; BenchmarkGSEPos and BenchmarkGSESegment
// cut them with gse, the same dictionaries loaded.
func BenchmarkSegment(b *testing.B) { benchCut(b, func(p *pair, s string) { p.ours.Segment(s) }) }

func BenchmarkGSEPos(b *testing.B) { benchCut(b, func(p *pair, s string) { p.gse.Pos(s, false) }) }

func BenchmarkGSESegment(b *testing.B) {
	benchCut(b, func(p *pair, s string) { p.gse.Segment([]byte(s)) })
}
