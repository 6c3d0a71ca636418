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
	Inputs   int // files, records and stdin read, failed ones included
	Failed   int // inputs that could not be read
	Articles int
	Bytes    int64
	Stages   map[string]time.Duration // split, extract, merge: summed over workers
}

// job is one document on its way through the pool, numbered for ordered merging.
type job struct {
	seq  int
	doc  Doc
	arts []*Article
	gs   []*graph.Graph
}

// Run reads every input, extracts its articles on a bounded pool of workers and merges
// their graphs in input order, so the result does not depend on scheduling, then
// resolves identities across articles (Identity.Resolve). Problems with
// single inputs go to onErr and the rest is still read; Run returns only ctx's error.
func (x *Extractor) Run(ctx context.Context, paths []string, stdin io.Reader, onErr func(error)) (*graph.Graph, Stats, error) {
	st := Stats{Stages: map[string]time.Duration{}}
	var mu sync.Mutex
	// every failure is an input that failed: a path that could not be listed, a file
	// that could not be read, a JSON-lines record that could not be parsed
	report := func(err error) {
		mu.Lock()
		st.Failed++
		st.Inputs++
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
	in := make(chan *job, workers*2)
	out := make(chan *job, workers*2)
	// reader: one goroutine reads inputs in order
	g.Go(func() error {
		defer close(in)
		seq := 0
		for _, f := range files {
			err := ReadInput(ctx, f, stdin, func(d Doc) error {
				mu.Lock()
				st.Inputs++
				st.Bytes += int64(len(d.Text))
				mu.Unlock()
				select {
				case in <- &job{seq: seq, doc: d}:
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
			var split, extract time.Duration
			defer func() {
				mu.Lock()
				st.Stages["split"] += split
				st.Stages["extract"] += extract
				mu.Unlock()
			}()
			for j := range in {
				t0 := time.Now()
				j.arts = x.Split(j.doc)
				t1 := time.Now()
				for _, a := range j.arts {
					j.gs = append(j.gs, x.Extract(a))
				}
				split += t1.Sub(t0)
				extract += time.Since(t1)
				j.doc.Text = "" // the text is not kept once extracted
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
		var merge time.Duration
		pending := map[int]*job{}
		next := 0
		for j := range out {
			pending[j.seq] = j
			for pending[next] != nil {
				t0 := time.Now()
				jj := pending[next]
				delete(pending, next)
				for _, ag := range jj.gs {
					merged.Merge(ag)
				}
				mu.Lock()
				st.Articles += len(jj.arts)
				mu.Unlock()
				next++
				merge += time.Since(t0)
			}
		}
		mu.Lock()
		st.Stages["merge"] += merge
		mu.Unlock()
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, st, err
	}
	x.Identity().Resolve(merged) // one node per body and per person across articles (identity.go)
	return merged, st, nil
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
	counts := map[*lexicon.Place]int{}
	for name, p := range x.lex.Places {
		if p.Level == "country" || len([]rune(name)) < 2 {
			continue
		}
		if n := strings.Count(text, name); n > 0 {
			counts[p] += n
		}
	}
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
