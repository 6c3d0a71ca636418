package extract

import (
	"context"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/graph"
)

// Stats says what a run read and where its time went.
type Stats struct {
	Inputs   int // files, records and stdin named or found, the ones that failed included
	Failed   int // inputs that could not be read: paths, files, JSON-lines records
	Articles int
	Bytes    int64
	Stages   map[string]time.Duration // by Stage name, summed over workers
}

// Progress is what a run has merged so far: Options.OnMerged receives it after each
// document.
type Progress struct {
	Docs     int   // documents merged (files, records, stdin)
	Articles int   // articles merged
	Bytes    int64 // text of the documents merged
	// Graph is the merged graph so far: read it during the call only, never keep or change it.
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
	st := Stats{}
	times := &StageTimes{}
	xr := *x // Run's own copy times its stages
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
	workers := x.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
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
	for w := 0; w < workers; w++ {
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			for j := range in {
				lap := times.Lap()
				arts := xr.Split(j.doc)
				lap.Mark(StageSplit)
				for _, a := range arts {
					ag := xr.Extract(a)
					detach(ag)
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
	// merger: one goroutine, in input order
	merged := graph.New()
	g.Go(func() error {
		pending := map[int]*job{}
		next := 0
		p := Progress{Graph: merged}
		for j := range out {
			pending[j.seq] = j
			for pending[next] != nil {
				lap := times.Lap()
				jj := pending[next]
				delete(pending, next)
				for _, ag := range jj.gs {
					merged.Merge(ag)
				}
				lap.Mark(StageMerge)
				mu.Lock()
				st.Articles += jj.articles
				mu.Unlock()
				next++
				<-window
				if x.opts.OnMerged != nil {
					p.Docs++
					p.Articles += jj.articles
					p.Bytes += jj.bytes
					x.opts.OnMerged(p)
				}
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		st.Stages = times.Map()
		return nil, st, err
	}
	lap := times.Lap()
	x.Identity().Resolve(merged) // one node per body and per person across articles (identity.go)
	lap.Mark(StageResolve)
	st.Stages = times.Map()
	return merged, st, nil
}

// detach copies the strings an article's graph keeps out of the text they were read
// from. A sentence kept as evidence, a title or a name is a substring of its page, and
// would keep the whole page in memory for as long as the merged graph lives. Each
// distinct string is copied once.
func detach(g *graph.Graph) {
	own := map[string]string{}
	clone := func(s string) string {
		c, ok := own[s]
		if !ok {
			c = strings.Clone(s)
			own[s] = c
		}
		return c
	}
	for _, n := range g.Nodes() {
		detachProps(n.Props, clone)
	}
	for _, r := range g.Rels() {
		detachProps(r.Props, clone)
	}
}

func detachProps(p graph.Props, clone func(string) string) {
	for k, v := range p {
		switch v := v.(type) {
		case string:
			p[k] = clone(v)
		case []string:
			c := make([]string, len(v))
			for i, s := range v {
				c[i] = clone(s)
			}
			p[k] = c
		}
	}
}

// Split splits a document into articles and gives each its date and home: the
// document's own, else the options', else what the page says.
func (x *Extractor) Split(d Doc) []*Article {
	arts := SplitPage(d)
	home := x.opts.Home
	if home == "" {
		home = x.InferHome(d.Text)
	}
	if home != "" && x.lex.Places[home] == nil && x.lex.Places[home+"市"] == nil && x.lex.Places[home+"省"] == nil {
		home = homeLevel(home, d.Text)
	}
	for _, a := range arts {
		if d.Date == "" && x.opts.Date != "" {
			a.Date = x.opts.Date
		}
		a.Home = home
	}
	return arts
}

// InferHome guesses a paper's home from a page: the place most often named before a
// relative body word or alone, when the page uses relative bodies (市委, 省政府) at all.
// A national page (新华社, 人民日报) has no home.
func (x *Extractor) InferHome(text string) string {
	for _, nat := range []string{"新华社", "人民日报", "中新社", "央视网消息"} {
		if strings.Contains(text, nat) {
			return ""
		}
	}
	relative := false
	for w := range relOrgs {
		if strings.Contains(text, w) {
			relative = true
			break
		}
	}
	if !relative {
		return ""
	}
	counts := x.places.count(text)
	type pc struct {
		p *lexicon.Place
		n int
	}
	var ranked []pc
	for p, n := range counts {
		ranked = append(ranked, pc{p, n})
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].n != ranked[j].n {
			return ranked[i].n > ranked[j].n
		}
		return ranked[i].p.Name < ranked[j].p.Name
	})
	if len(ranked) == 0 || ranked[0].n < 2 {
		return ""
	}
	return ranked[0].p.Name
}
