package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// TestRunReportsProgressInOrder: OnMerged sees every document once, in input order,
// then once more marked done, and its last call adds up to the run's Stats.
func TestRunReportsProgressInOrder(t *testing.T) {
	var got []Progress
	x, err := New(Options{Workers: 3, OnMerged: func(p Progress) {
		n, r := p.Graph.Len()
		p.Graph = nil
		got = append(got, p)
		if n == 0 || r == 0 {
			t.Errorf("after %d documents the graph is empty", p.Docs)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, st, err := x.Run(context.Background(), files, nil, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(files)+1 {
		t.Fatalf("OnMerged called %d times for %d documents, want once more at the end", len(got), len(files))
	}
	done := got[len(got)-1]
	got = got[:len(got)-1]
	if was := got[len(got)-1]; !done.Done || done.Docs != was.Docs || done.Articles != was.Articles || done.Bytes != was.Bytes {
		t.Errorf("the last call %+v, want the last document's counts %+v and Done", done, was)
	}
	var bytes int64
	for i, p := range got {
		if p.Done {
			t.Errorf("call %d says done", i)
		}
		b, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		bytes += int64(len(b))
		if p.Docs != i+1 || p.Bytes != bytes {
			t.Errorf("call %d: %d documents, %d bytes; want %d and %d (in input order)", i, p.Docs, p.Bytes, i+1, bytes)
		}
	}
	if last := got[len(got)-1]; last.Articles != st.Articles || last.Bytes != st.Bytes {
		t.Errorf("last progress %d articles, %d bytes; Stats %d and %d", last.Articles, last.Bytes, st.Articles, st.Bytes)
	}
	var parts time.Duration
	for _, s := range []Stage{StageRead, StageSplit, StageSegment, StageTag, StageMentions, StageRoles, StageEvents, StageExtract, StageMerge} {
		if st.Stages[s.String()] <= 0 {
			t.Errorf("stage %s took no time: %v", s, st.Stages)
		}
		if s >= StageSegment && s <= StageEvents {
			parts += st.Stages[s.String()]
		}
	}
	if whole := st.Stages[StageExtract.String()]; parts > whole {
		t.Errorf("the parts of extract took %v, more than the whole of it, %v", parts, whole)
	}
}

// TestRunStopsWhenCanceled: a canceled run returns context.Canceled, whichever
// goroutine sees it first.
func TestRunStopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	x, err := New(Options{Workers: 2, OnMerged: func(Progress) { cancel() }})
	if err != nil {
		t.Fatal(err)
	}
	paths := make([]string, 40)
	for i := range paths {
		paths[i] = examplesDir
	}
	g, _, err := x.Run(ctx, paths, nil, func(err error) { t.Error(err) })
	if !errors.Is(err, context.Canceled) || g != nil {
		t.Errorf("Run = %v, %v; want nil, context.Canceled", g, err)
	}
}

// TestDetach: no string of a merged article's graph points into the page it was read
// from, so that a kept sentence does not keep its page; with rels false (a spilled run,
// which writes relationships out) no string of its nodes does.
func TestDetach(t *testing.T) {
	for _, rels := range []bool{true, false} {
		t.Run(fmt.Sprint("rels=", rels), func(t *testing.T) { testDetach(t, rels) })
	}
}

func testDetach(t *testing.T, rels bool) {
	x, err := New(Options{Date: "2021-05-28"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(examplesDir, "jiefang-2021-05-28.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string // every string the page's articles are made of
	var graphs []*graph.Graph
	for _, a := range x.Split(Doc{Text: string(b)}) {
		texts = append(texts, a.Title, a.Dateline, a.Text())
		texts = append(texts, a.Paragraphs...)
		texts = append(texts, a.Headlines...)
		g := x.Extract(a)
		detach(g, rels)
		graphs = append(graphs, g)
	}
	inside := func(s string) bool {
		if s == "" {
			return false
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, text := range texts {
			if text == "" {
				continue
			}
			start := uintptr(unsafe.Pointer(unsafe.StringData(text)))
			if p >= start && p < start+uintptr(len(text)) {
				return true
			}
		}
		return false
	}
	n, nodes := 0, 0
	check := func(what string, props graph.Props) {
		for k, v := range props {
			var ss []string
			switch v := v.(type) {
			case string:
				ss = []string{v}
			case []string:
				ss = v
			}
			for _, s := range ss {
				n++
				if inside(s) {
					t.Errorf("%s %s: %.30q… points into the page", what, k, s)
				}
			}
		}
	}
	for _, g := range graphs {
		for _, nd := range g.Nodes() {
			check(nd.Key, nd.Props)
		}
	}
	nodes = n
	if rels {
		for _, g := range graphs {
			for _, r := range g.Rels() {
				check(r.ID(), r.Props)
			}
		}
	}
	if nodes < 50 || rels && n-nodes < 100 {
		t.Errorf("only %d strings of nodes and %d of relationships checked", nodes, n-nodes)
	}
}

// ExampleStageTimes times two stages of one goroutine.
func ExampleStageTimes() {
	var times StageTimes
	lap := times.Lap()
	words := strings.Fields(strings.Repeat("读 ", 1000)) // a stage's work
	lap.Mark(StageSegment)
	text := strings.Join(words, "") // the next one's
	lap.Mark(StageMerge)
	fmt.Println(times.Get(StageSegment) > 0, times.Get(StageMerge) > 0 && text != "", times.Get(StageWrite) == 0)
	// Output: true true true
}

// TestRunBatches: batches come in input order, each resolved on its own, and together
// hold every article Run finds; doubling batches grow to the size of all before them;
// the writer's error ends the run.
func TestRunBatches(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	whole, want, err := x.Run(context.Background(), files, nil, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	var batches []*graph.Graph
	st, err := x.RunBatches(context.Background(), files, nil, func(err error) { t.Error(err) }, Batching{First: 5}, func(_ context.Context, g *graph.Graph) error {
		batches = append(batches, g)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(batches), (len(files)+4)/5; got != want {
		t.Errorf("%d batches of 5 documents for %d, want %d", got, len(files), want)
	}
	if st.Articles != want.Articles || st.Inputs != want.Inputs {
		t.Errorf("RunBatches read %d inputs, %d articles; Run %d and %d", st.Inputs, st.Articles, want.Inputs, want.Articles)
	}
	var got []string
	for i, b := range batches {
		for _, a := range b.NodesOf(schema.Article) {
			src := a.Props["source"].(string)
			got = append(got, src)
			if k := slices.Index(files, filepath.Join(examplesDir, src)); k/5 != i {
				t.Errorf("batch %d holds %s, document %d", i, src, k)
			}
		}
	}
	var sources []string
	for _, a := range whole.NodesOf(schema.Article) {
		sources = append(sources, a.Props["source"].(string))
	}
	slices.Sort(sources)
	slices.Sort(got)
	if !slices.Equal(got, sources) {
		t.Errorf("the batches' articles:\n%v\nRun's:\n%v", got, sources)
	}

	// doubling: 2, 2, 4, 8, then what is left
	var sizes []int
	var doubled []string
	_, err = x.RunBatches(context.Background(), files, nil, func(err error) { t.Error(err) }, Batching{First: 2, Doubling: true}, func(_ context.Context, g *graph.Graph) error {
		docs := map[string]bool{}
		for _, a := range g.NodesOf(schema.Article) {
			src := a.Props["source"].(string)
			docs[src] = true
			doubled = append(doubled, src)
		}
		sizes = append(sizes, len(docs))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var wantSizes []int
	for left, next := len(files), 2; left > 0; {
		n := min(next, left)
		wantSizes = append(wantSizes, n)
		left -= n
		if len(wantSizes) > 1 {
			next *= 2
		}
	}
	if !slices.Equal(sizes, wantSizes) {
		t.Errorf("doubling batches of %d documents: %v, want %v", len(files), sizes, wantSizes)
	}
	slices.Sort(doubled)
	if !slices.Equal(doubled, sources) {
		t.Errorf("the doubling batches' articles:\n%v\nRun's:\n%v", doubled, sources)
	}

	boom := errors.New("the database went away")
	n := 0
	_, err = x.RunBatches(context.Background(), files, nil, func(err error) { t.Error(err) }, Batching{First: 2}, func(context.Context, *graph.Graph) error {
		n++
		if n == 2 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || n != 2 {
		t.Errorf("RunBatches after a failed write = %v after %d writes; want %v after 2", err, n, boom)
	}
}
