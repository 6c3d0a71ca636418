package extract

import (
	"context"
	"io"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/graph"
)

// Stats says what a run read and where its time went.
type Stats struct {
	Inputs   int // files, records and stdin named or found, the ones that failed included
	Failed   int // inputs that could not be read: paths, files, JSON-lines records
	Articles int
	Bytes    int64
	Stages   map[string]time.Duration // by Stage name, summed over workers
	// Swept are the directories of spilled runs that were killed, which RunSpilled found
	// in its directory and removed.
	Swept []string
}

// Progress is what a run has merged so far: Options.OnMerged receives it after each
// document, and once more when every document is merged.
type Progress struct {
	Docs     int   // documents merged (files, records, stdin)
	Articles int   // articles merged
	Bytes    int64 // text of the documents merged
	// Done is set on the last call: every document is merged, and Run resolves names
	// next (RunBatches hands over its last batch).
	Done bool
	// Graph is the graph being merged (RunBatches: the current batch's): read it during
	// the call only, never keep or change it.
	Graph *graph.Graph
}

// job is one document on its way through the pool, numbered for ordered merging.
type job struct {
	seq      int
	doc      Doc
	bytes    int64
	articles int
	gs       []*graph.Graph
}

// Run reads every input, extracts its articles on a bounded pool of workers and merges
// their graphs in input order, so the result does not depend on scheduling, then
// resolves identities across articles (Identity.Resolve). Problems with single inputs go
// to onErr and the rest is still read; Run returns only ctx's error.
//
// A run's memory is the graph it merges plus a bounded window of documents: the reader
// stays at most 4 documents per worker ahead of the merger, a document's text is dropped
// once its articles are extracted, and the strings an article's graph keeps are copied out
// of the text (detach). A JSON-lines file is read in pieces when it is large (stream.go).
func (x *Extractor) Run(ctx context.Context, paths []string, stdin io.Reader, onErr func(error)) (*graph.Graph, Stats, error) {
	return x.run(ctx, paths, stdin, onErr, nil, nil, nil)
}

// Batching says how RunBatches cuts its input into batches of documents.
type Batching struct {
	// First is the number of documents in the first batch (at least 1).
	First int
	// Doubling gives each later batch as many documents as all the batches before it
	// (First, First, 2×First, 4×First …); otherwise every batch has First. Doubling keeps
	// the batches few (a writer's cost per batch, such as resolving it against all that
	// came before, adds up to a few times the final graph, not to the graph times the
	// number of batches) while the first ones start the writer early; fixed batches bound
	// the memory a batch holds instead.
	Doubling bool
}

// RunBatches is Run for writers that should start before the whole input is read, and
// (with fixed batches) for archives larger than memory: it cuts the input into batches
// of documents (b), resolves each batch when it is merged (Identity.Resolve, within the
// batch), hands it to write and starts the next, so that memory holds one batch being
// merged and one being written. write runs on its own goroutine, one batch at a time
// and in input order, while the next batch is extracted; it must resolve identities
// across batches itself, as newsgraph load does (resolving at the end all it wrote).
// RunBatches returns ctx's error or write's.
func (x *Extractor) RunBatches(ctx context.Context, paths []string, stdin io.Reader, onErr func(error), b Batching, write func(context.Context, *graph.Graph) error) (Stats, error) {
	b.First = max(b.First, 1)
	_, st, err := x.run(ctx, paths, stdin, onErr, &b, write, nil)
	return st, err
}

// run is Run, and RunBatches when b is not nil. With sp, relationships go to sp's files
// instead of the graph, and the graph returned (nodes only) is not resolved.
func (x *Extractor) run(ctx context.Context, paths []string, stdin io.Reader, onErr func(error), b *Batching, write func(context.Context, *graph.Graph) error, sp *spiller) (*graph.Graph, Stats, error) {
	batch := 0 // documents in the batch being merged; 0: one graph, no batches
	if b != nil {
		batch = b.First
	}
	st := Stats{}
	times := &StageTimes{}
	xr := *x // the run's own copy times its stages
	xr.stages = times
	var mu sync.Mutex
	report := func(err error) { // a failed input is an input
		mu.Lock()
		st.Inputs++
		st.Failed++
		mu.Unlock()
		onErr(err)
	}
	files, errs := ExpandPaths(paths)
	for _, err := range errs {
		report(err)
	}
	workers := x.workers()
	g, ctx := errgroup.WithContext(ctx)
	window := make(chan struct{}, 4*workers) // documents read and not yet merged
	in := make(chan *job, workers)
	out := make(chan *job, workers)
	// reader: one goroutine reads inputs in order
	g.Go(func() error {
		defer close(in)
		start := time.Now()
		var waited time.Duration
		defer func() { times.Add(StageRead, time.Since(start)-waited) }()
		seq := 0
		for _, f := range files {
			err := readInputStreamed(ctx, f, stdin, func(d Doc) error {
				mu.Lock()
				st.Inputs++
				st.Bytes += int64(len(d.Text))
				mu.Unlock()
				t0 := time.Now()
				defer func() { waited += time.Since(t0) }()
				select {
				case window <- struct{}{}:
				case <-ctx.Done():
					return ctx.Err()
				}
				select {
				case in <- &job{seq: seq, doc: d, bytes: int64(len(d.Text))}:
					seq++
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}, report)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				report(err)
			}
		}
		return nil
	})
	// workers
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			for j := range in {
				lap := times.Lap()
				arts := xr.Split(j.doc)
				lap.Mark(StageSplit)
				for _, a := range arts {
					ag := xr.Extract(a)
					detach(ag, sp == nil)
					j.gs = append(j.gs, ag)
				}
				lap.Mark(StageExtract)
				j.articles = len(arts)
				j.doc = Doc{} // the text is not kept once extracted
				select {
				case out <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}
	go func() { wg.Wait(); close(out) }()
	// writer, for batches: one goroutine, one batch at a time
	batches := make(chan *graph.Graph)
	if batch > 0 {
		g.Go(func() error {
			for bg := range batches {
				t0 := time.Now()
				if err := write(ctx, bg); err != nil {
					return err
				}
				times.Add(StageWrite, time.Since(t0))
			}
			return nil
		})
	}
	// merger: one goroutine, in input order
	merged := graph.New()
	resolve := func(g *graph.Graph) {
		lap := times.Lap()
		x.Identity().Resolve(g) // one node per body and per person across articles (identity.go)
		lap.Mark(StageResolve)
	}
	g.Go(func() error {
		if batch > 0 {
			defer close(batches)
		}
		pending := map[int]*job{}
		next, inBatch := 0, 0
		p := Progress{Graph: merged}
		for j := range out {
			pending[j.seq] = j
			for pending[next] != nil {
				lap := times.Lap()
				jj := pending[next]
				delete(pending, next)
				for _, ag := range jj.gs {
					if sp != nil {
						if err := sp.add(ag); err != nil {
							return err
						}
						merged.AbsorbNodes(ag, spillsNode)
						continue
					}
					merged.Absorb(ag) // ag is not used again
				}
				lap.Mark(StageMerge)
				mu.Lock()
				st.Articles += jj.articles
				mu.Unlock()
				next++
				inBatch++
				<-window
				if x.opts.OnMerged != nil {
					p.Docs++
					p.Articles += jj.articles
					p.Bytes += jj.bytes
					x.opts.OnMerged(p)
				}
				if batch > 0 && inBatch == batch {
					if err := handOver(ctx, batches, resolve, merged); err != nil {
						return err
					}
					merged, inBatch = graph.New(), 0
					if b.Doubling {
						batch = next // as many as every batch before
					}
					p.Graph = merged
				}
			}
		}
		if x.opts.OnMerged != nil && len(pending) == 0 {
			p.Done = true
			x.opts.OnMerged(p)
		}
		if batch > 0 && inBatch > 0 {
			return handOver(ctx, batches, resolve, merged)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		st.Stages = times.Map()
		return nil, st, err
	}
	if batch > 0 {
		st.Stages = times.Map()
		return nil, st, nil
	}
	if sp == nil {
		resolve(merged)
	}
	st.Stages = times.Map()
	return merged, st, nil
}

// handOver resolves a finished batch and gives it to the writer.
func handOver(ctx context.Context, batches chan<- *graph.Graph, resolve func(*graph.Graph), g *graph.Graph) error {
	resolve(g)
	select {
	case batches <- g:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// workers returns how many articles the extractor extracts at once: Options.Workers, or
// one per core.
func (x *Extractor) workers() int {
	if x.opts.Workers > 0 {
		return x.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}
