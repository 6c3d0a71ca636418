package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
)

// benchRun is one measured run over the input.
type benchRun struct {
	Name     string
	Wall     time.Duration
	CPU      time.Duration // user and system, every thread; 0 when unknown
	GCShare  float64       // the garbage collector's share of the CPU time, as the Go runtime estimates it
	Bytes    int64         // text of the documents read
	Docs     int
	Articles int
	Failed   int           // inputs that could not be read
	First    time.Duration // from the run's start to the first article merged
	Peak     int64         // peak resident memory during the run; 0 when unknown
	Stages   map[string]time.Duration
	Samples  []benchSample // memory as the run went
}

// benchSample is the memory of a run once so much text was merged.
type benchSample struct {
	Bytes          int64
	Articles       int
	Nodes, Rels    int
	Heap, Resident int64
}

// liveHeap returns the heap the last garbage collection found live: what the run keeps,
// without the garbage not yet collected.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// cpuClasses returns the Go runtime's estimates of the CPU time its garbage collector
// took and of the CPU time it used in all (its available time less idle time). They are
// estimates, comparable with each other only, not with the system's CPU time.
func cpuClasses() (gc, used float64) {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/total:cpu-seconds"}, {Name: "/cpu/classes/idle:cpu-seconds"}}
	metrics.Read(s)
	for _, x := range s {
		if x.Value.Kind() != metrics.KindFloat64 {
			return 0, 0
		}
	}
	return s[0].Value.Float64(), s[1].Value.Float64() - s[2].Value.Float64()
}

// benchHooks passes the extractors' progress to the run being measured.
type benchHooks struct {
	onMerged func(extract.Progress)
}

func (h *benchHooks) merged(p extract.Progress) {
	if h.onMerged != nil {
		h.onMerged(p)
	}
}

// startRun collects the heap and resets the peak memory, so that a run does not pay
// for the one before, and returns the run with its clocks started.
func startRun() (*benchRun, func(*benchRun)) {
	runtime.GC()
	debug.FreeOSMemory()
	peakKnown := resetPeak()
	start, cpu0 := time.Now(), cpuTime()
	gc0, used0 := cpuClasses()
	return &benchRun{}, func(r *benchRun) {
		r.Wall = time.Since(start)
		if cpu0 > 0 {
			r.CPU = cpuTime() - cpu0
		}
		if gc, used := cpuClasses(); used > used0 {
			r.GCShare = (gc - gc0) / (used - used0)
		}
		if _, peak := memStatus(); peakKnown {
			r.Peak = peak
		}
	}
}

// benchGraph is the graph a run made: in memory, or spilled.
type benchGraph struct {
	g *graph.Graph
	s *extract.Spilled
}

// Len returns the number of nodes and relationships.
func (b benchGraph) Len() (int, int) {
	if b.s != nil {
		return b.s.Len()
	}
	if b.g == nil {
		return 0, 0
	}
	return b.g.Len()
}

// write writes the graph as JSON lines.
func (b benchGraph) write(ctx context.Context, w io.Writer) error {
	if b.s != nil {
		return jsonl.WriteStream(ctx, w, b.s.Nodes(), b.s.Rels())
	}
	return jsonl.Write(ctx, w, b.g)
}

// close removes a spilled graph's files.
func (b benchGraph) close() error { return b.s.Close() }

// benchExtract runs x over the paths as `newsgraph extract` does (with --spill when
// spill) and returns the run and the graph, which the caller closes. It samples memory
// twenty times, by the text merged.
func benchExtract(ctx context.Context, x *extract.Extractor, hooks *benchHooks, paths []string, total int64, spill bool) (*benchRun, benchGraph, error) {
	r, stop := startRun()
	start := time.Now()
	step := max(total/20, 1)
	next := step
	sample := func(p extract.Progress) {
		rss, _ := memStatus()
		n, rels := p.Graph.Len()
		r.Samples = append(r.Samples, benchSample{Bytes: p.Bytes, Articles: p.Articles, Nodes: n, Rels: rels, Heap: liveHeap(), Resident: rss})
	}
	var last extract.Progress
	hooks.onMerged = func(p extract.Progress) {
		if r.First == 0 && p.Articles > 0 {
			r.First = time.Since(start)
		}
		if p.Bytes >= next {
			sample(p)
			for next <= p.Bytes {
				next += step
			}
		}
		last = p
	}
	defer func() { hooks.onMerged = nil }()
	var out benchGraph
	var st extract.Stats
	var err error
	if spill {
		// under the memory limit extract --spill sets, for this run alone (gse's
		// dictionary, loaded for the runs after, is more than a spilled run keeps)
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
		lowerMemoryLimit(os.Getenv, spillMemoryLimit)
		out.s, st, err = x.RunSpilled(ctx, paths, nil, func(error) {}, "")
	} else {
		out.g, st, err = x.Run(ctx, paths, nil, func(error) {})
	}
	if err != nil {
		return nil, benchGraph{}, err
	}
	stop(r)
	// the last sample is the finished graph alone: a collection first (the clock has
	// stopped), so that the live heap is not that of some moment of the identity pass
	runtime.GC()
	if last.Graph != nil && (len(r.Samples) == 0 || r.Samples[len(r.Samples)-1].Bytes < last.Bytes) {
		sample(last)
	} else if n := len(r.Samples); n > 0 {
		r.Samples[n-1].Heap = liveHeap()
	}
	r.Bytes, r.Docs, r.Articles, r.Failed, r.Stages = st.Bytes, st.Inputs-st.Failed, st.Articles, st.Failed, st.Stages
	return r, out, nil
}

// benchPos runs gse's Pos alone over the same documents, on n goroutines fed by one
// reader as the extraction's workers are. gse's dictionary is loaded before the clock
// starts.
func benchPos(ctx context.Context, x *extract.Extractor, paths []string, n int) (*benchRun, error) {
	seg, err := x.GSESegmenter()
	if err != nil {
		return nil, fmt.Errorf("load gse: %w", err)
	}
	return benchCut(ctx, "gse Pos alone", func(t string) { seg.Pos(t, false) }, paths, n)
}

// benchSegment runs extraction's own segmenter alone (extract/segment, gse's cut
// reproduced) over the same documents.
func benchSegment(ctx context.Context, x *extract.Extractor, paths []string, n int) (*benchRun, error) {
	seg := x.WordSegmenter()
	return benchCut(ctx, "newsgraph segmenter alone", func(t string) { seg.Segment(t) }, paths, n)
}

// benchCut times cut over every document on n goroutines fed by one reader.
func benchCut(ctx context.Context, name string, cut func(string), paths []string, n int) (*benchRun, error) {
	r, stop := startRun()
	r.Name = fmt.Sprintf("%s, %d goroutine", name, n)
	if n > 1 {
		r.Name += "s"
	}
	files, _ := extract.ExpandPaths(paths)
	texts := make(chan string, 2*n)
	var bytes atomic.Int64
	var docs atomic.Int64
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(texts)
		for _, f := range files {
			err := extract.ReadInput(ctx, f, nil, func(d extract.Doc) error {
				select {
				case texts <- d.Text:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}, func(error) {})
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				r.Failed++
			}
		}
		return nil
	})
	for range n {
		g.Go(func() error {
			for t := range texts {
				cut(t)
				bytes.Add(int64(len(t)))
				docs.Add(1)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	stop(r)
	r.Bytes, r.Docs = bytes.Load(), int(docs.Load())
	return r, nil
}

// benchWrite writes the graph as JSON lines, the write stage of newsgraph extract, to
// output or to a temporary file it removes; it returns the time and the bytes written.
func benchWrite(ctx context.Context, g benchGraph, output string) (time.Duration, int64, error) {
	var f *os.File
	var err error
	if output == "" {
		f, err = os.CreateTemp("", "newsgraph-bench-*.jsonl")
		if err == nil {
			defer os.Remove(f.Name())
		}
	} else {
		f, err = os.Create(output)
	}
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if err := g.write(ctx, f); err != nil {
		f.Close()
		return 0, 0, fmt.Errorf("write the graph: %w", err)
	}
	if err := f.Close(); err != nil {
		return 0, 0, fmt.Errorf("write the graph: %w", err)
	}
	d := time.Since(start)
	info, err := os.Stat(f.Name())
	if err != nil {
		return d, 0, err
	}
	return d, info.Size(), nil
}

// benchLoadResult is a load measured: extraction and writing overlapped, or spilled.
type benchLoadResult struct {
	Run        *benchRun
	Spilled    bool // spillArticles: extracted spilled, then created
	Batching   extract.Batching
	Writer     *resolvedLoad // the batches written, where the writer's time went
	Statements int
	Server     string
}

// benchLoad loads the paths into Neo4j as newsgraph load does into an empty database,
// with extraction and writing overlapped: the schema first, then streamArticles, each
// batch written while the next is extracted, and the identities across batches settled
// at the end; with opts.Spill, as load --spill does (spillArticles). The database must
// be empty.
func benchLoad(ctx context.Context, x *extract.Extractor, opts benchOptions, paths []string) (res *benchLoadResult, err error) {
	sink, err := neo4jsink.Open(ctx, opts.Neo4j)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := sink.Close(context.WithoutCancel(ctx)); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if empty, err := isEmpty(ctx, sink); err != nil || !empty {
		if err == nil {
			err = errors.New("the database is not empty (scripts/neo4j reset empties the project's own)")
		}
		return nil, fmt.Errorf("load into %s: %w", neo4jsink.RedactURI(sink.Config().URI), err)
	}
	r, stop := startRun()
	r.Name = "newsgraph load, batches"
	if opts.Spill {
		r.Name = "newsgraph load, spilled"
	}
	if err := sink.ApplySchema(ctx); err != nil {
		return nil, err
	}
	res = &benchLoadResult{Run: r, Spilled: opts.Spill, Batching: opts.Batching, Server: neo4jsink.RedactURI(sink.Config().URI)}
	l := newResolvedLoad(sink, x.Identity())
	res.Writer = l
	var st extract.Stats
	if opts.Spill {
		// under the memory limit load --spill sets, for this run alone
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
		st, err = spillArticles(ctx, x, loadOptions{Paths: paths, Input: inputOptions{Stderr: io.Discard}}, startSchema(ctx, sink, true), l)
	} else {
		st, err = streamArticles(ctx, x, paths, nil, func(error) {}, opts.Batching, func() error { return nil }, l)
	}
	if err != nil {
		return nil, fmt.Errorf("load into %s: %w", res.Server, err)
	}
	stop(r)
	r.Bytes, r.Docs, r.Articles, r.Failed, r.Stages = st.Bytes, st.Inputs-st.Failed, st.Articles, st.Failed, st.Stages
	res.Statements = sink.Stats().Statements
	return res, nil
}
