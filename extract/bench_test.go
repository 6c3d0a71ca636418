package extract

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
	gencorpus "github.com/newsgraph/newsgraph/internal/corpus"
)

// The benchmarks measure extraction against gse's own dictionary tagger on the same
// text, the bundled examples, one stage at a time:
//
//	go test ./extract -run '^$' -bench . -benchmem
//
// BenchmarkPos is gse alone (Segmenter.Pos over each document), the ceiling; BenchmarkExtract
// is what one worker does with the same documents; BenchmarkRun is the whole pipeline,
// reading files, on one worker and on every core. Compare their MB/s. BenchmarkSplit,
// BenchmarkSegment, BenchmarkMerge, BenchmarkResolveExamples, BenchmarkResolveSpilled and
// BenchmarkWrite time one stage each; the stages inside Extract are timed by Run (Stats.Stages, the bench report).
// `newsgraph bench` measures the same on any corpus, with start-up and memory.

// benchDocs reads the example pages once.
func benchDocs(b *testing.B) ([]Doc, int64) {
	b.Helper()
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no example pages in %s: %v", examplesDir, err)
	}
	var docs []Doc
	var n int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, Doc{Source: filepath.Base(f), Text: string(data)})
		n += int64(len(data))
	}
	return docs, n
}

func benchExtractor(b *testing.B, opts Options) *Extractor {
	b.Helper()
	x, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	return x
}

// BenchmarkPos is gse's dictionary tagger alone on each example page.
func BenchmarkPos(b *testing.B) {
	x := benchExtractor(b, Options{})
	seg, err := x.GSESegmenter()
	if err != nil {
		b.Fatal(err)
	}
	docs, n := benchDocs(b)
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			seg.Pos(d.Text, false)
		}
	}
}

// BenchmarkSplit is the page stage: documents into articles.
func BenchmarkSplit(b *testing.B) {
	x := benchExtractor(b, Options{})
	docs, n := benchDocs(b)
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			x.Split(d)
		}
	}
}

// BenchmarkSegment is the segment stage: the segmenter over each sentence, with offsets.
func BenchmarkSegment(b *testing.B) {
	x := benchExtractor(b, Options{})
	docs, n := benchDocs(b)
	var sents []string
	for _, d := range docs {
		for _, a := range x.Split(d) {
			for _, s := range Sentences(a) {
				sents = append(sents, s.Text)
			}
		}
	}
	sc := new(scratch)
	b.SetBytes(n)
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			sc.segment(x.seg, s)
		}
	}
}

// BenchmarkExtract is one worker's work: split each page and extract its articles.
func BenchmarkExtract(b *testing.B) {
	x := benchExtractor(b, Options{})
	docs, n := benchDocs(b)
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			for _, a := range x.Split(d) {
				x.Extract(a)
			}
		}
	}
}

// BenchmarkRun is the whole pipeline over the examples folder, reading the files and
// merging the graphs, on one worker and on every core.
func BenchmarkRun(b *testing.B) {
	_, n := benchDocs(b)
	for _, w := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			x := benchExtractor(b, Options{Workers: w})
			b.SetBytes(n)
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := x.Run(context.Background(), []string{examplesDir}, nil, func(err error) { b.Error(err) }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadDictionary is the start-up every process pays once: the lexicons and the
// segmenter's dictionary (gse's simplified Chinese one) with the lexicons' words.
func BenchmarkLoadDictionary(b *testing.B) {
	for b.Loop() {
		lex, err := lexicon.Load()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := newSegmenter(lex.GSEDict()); err != nil {
			b.Fatal(err)
		}
	}
}

// benchGraphs extracts the example pages' articles, one graph each, detached as Run
// detaches them.
func benchGraphs(b *testing.B, x *Extractor, docs []Doc) []*graph.Graph {
	b.Helper()
	var gs []*graph.Graph
	for _, d := range docs {
		for _, a := range x.Split(d) {
			g := x.Extract(a)
			detach(g, true)
			gs = append(gs, g)
		}
	}
	return gs
}

// BenchmarkMerge is the merge stage: the articles' graphs merged in input order, as Run's
// merger takes them over (graph.Absorb). Extraction is not timed.
func BenchmarkMerge(b *testing.B) {
	x := benchExtractor(b, Options{})
	docs, n := benchDocs(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		gs := benchGraphs(b, x, docs)
		b.StartTimer()
		merged := graph.New()
		for _, g := range gs {
			merged.Absorb(g)
		}
	}
}

// BenchmarkResolveExamples is the resolve stage on the examples' merged graph.
func BenchmarkResolveExamples(b *testing.B) {
	x := benchExtractor(b, Options{})
	docs, n := benchDocs(b)
	b.SetBytes(n)
	for b.Loop() {
		b.StopTimer()
		merged := graph.New()
		for _, g := range benchGraphs(b, x, docs) {
			merged.Absorb(g)
		}
		b.StartTimer()
		x.Identity().Resolve(merged)
	}
}

// benchArchive generates the spilled benchmarks' archive: 8 MB of JSON lines.
func benchArchive(b *testing.B, x *Extractor) (string, gencorpus.Stats) {
	seeds, err := gencorpus.LoadSeeds(examplesDir)
	if err != nil {
		b.Fatal(err)
	}
	archive := b.TempDir()
	st, err := gencorpus.Generate(context.Background(), archive, seeds, x.lex, gencorpus.Options{Size: 8e6, Seed: 3, Days: 400, People: 2000})
	if err != nil {
		b.Fatal(err)
	}
	return archive, st
}

// BenchmarkResolveSpilled is a spilled run's resolve stage (what RunSpilled does after
// extracting) on a generated archive of 8 MB, in as many partitions for its size as the
// 200 MB corpus has.
func BenchmarkResolveSpilled(b *testing.B) {
	x := benchExtractor(b, Options{})
	archive, st := benchArchive(b, x)
	b.SetBytes(st.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		id := x.Identity()
		sp, err := newSpiller(id, dir, spillPartsFor(200<<20, true)*int(st.Bytes)/(200<<20)+1)
		if err != nil {
			b.Fatal(err)
		}
		nodes, _, err := x.run(context.Background(), []string{archive}, nil, func(err error) { b.Error(err) }, nil, nil, sp)
		if err == nil {
			err = sp.close()
		}
		if err != nil {
			b.Fatal(err)
		}
		s := &Spilled{nodes: nodes, dir: dir, workers: id.cores()}
		b.StartTimer()
		if err := s.resolve(context.Background(), id, sp); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite is the write stage: the examples' resolved graph as JSON lines.
func BenchmarkWrite(b *testing.B) {
	x := benchExtractor(b, Options{})
	g, _, err := x.Run(context.Background(), []string{examplesDir}, nil, func(err error) { b.Error(err) })
	if err != nil {
		b.Fatal(err)
	}
	_, n := benchDocs(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		if err := jsonl.Write(context.Background(), io.Discard, g); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSpilled is a spilled run's write stage: the runs of a generated archive
// of 8 MB, in as many partitions for its size as the 200 MB corpus has, merged in order,
// decoded and written as JSON lines.
func BenchmarkWriteSpilled(b *testing.B) {
	x := benchExtractor(b, Options{})
	archive, st := benchArchive(b, x)
	defer func(f func(int64, bool) int) { spillPartsFor = f }(spillPartsFor)
	parts := spillPartsFor(200<<20, true)*int(st.Bytes)/(200<<20) + 1
	spillPartsFor = func(int64, bool) int { return parts }
	s, _, err := x.RunSpilled(context.Background(), []string{archive}, nil, func(err error) { b.Error(err) }, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.SetBytes(st.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		if err := jsonl.WriteStream(context.Background(), io.Discard, s.Nodes(), s.Rels()); err != nil {
			b.Fatal(err)
		}
	}
}
