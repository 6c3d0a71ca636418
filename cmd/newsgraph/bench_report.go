package main

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/extract"
)

// The targets of the archive-speed issue.
const (
	targetShareOfPos = 0.5                    // one worker, of gse Pos's MB/s
	targetScaling    = 1.7                    // all cores, of one worker's MB/s
	targetStartup    = 500 * time.Millisecond // to the first article extracted
	targetPeak       = 400e6                  // bytes of resident memory, on the 200 MB corpus
	targetCorpus     = 200e6                  // bytes of input the peak target is for
)

// benchResults is everything runBench measured.
type benchResults struct {
	Started               time.Time
	Workers               int
	Rounds                int // each run measured so many times, the median reported
	LoadBefore, LoadAfter string
	Ready                 time.Duration // from the process start to the extractor built
	ReadyCPU              time.Duration // CPU time used by then
	ReadyRSS, StartPeak   int64
	ReadyHeap             int64
	Startup               time.Duration // from the process start to the first article extracted
	Input                 benchInput
	Runs                  []*benchRun
	Pos, One, All         *benchRun
	Write                 time.Duration
	GraphBytes            int64
	Nodes, Rels           int
	Load                  *benchLoadResult
	Spill                 bool // the extraction runs spilled
}

func (r *benchRun) mbps() float64 { return float64(r.Bytes) / 1e6 / r.Wall.Seconds() }

func (r *benchRun) mbPerCPU() float64 {
	if r.CPU <= 0 {
		return 0
	}
	return float64(r.Bytes) / 1e6 / r.CPU.Seconds()
}

// peakVerdict judges the peak RSS of a run over inputBytes of input: a peak under the
// target says nothing about the 200 MB corpus when the input was smaller.
func peakVerdict(peak, inputBytes int64) string {
	switch {
	case peak <= 0 || float64(peak) >= targetPeak:
		return met(false)
	case float64(inputBytes) < targetCorpus:
		return "not judged: the target is for 200 MB of input"
	}
	return met(true)
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

func mib(n int64) string {
	if n <= 0 {
		return "?"
	}
	return fmt.Sprintf("%.0f", float64(n)/1e6)
}

// String renders the report as Markdown.
func (r *benchResults) String() string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# newsgraph bench\n\n")
	w("- input: %s; %d documents, %d articles, %s of text\n", r.Input.Describe, r.All.Docs, r.All.Articles, mb(r.All.Bytes))
	w("- machine: %s/%s, %d CPUs, GOMAXPROCS %d, %s; %d workers for the all-cores run\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), r.Workers)
	w("- a run's workers (`--workers`) extract articles and then resolve names; the reader, the merge and the garbage collector run beside them\n")
	if r.Spill {
		w("- extraction as `newsgraph extract --spill` runs it: relationships, articles and events on disk while extracting, persons, bodies, roles and places in memory\n")
	}
	if r.LoadBefore != "" {
		w("- load average %s before, %s after (2 CPUs busy = 2.0): wall times count the time other processes held the CPUs, CPU times do not\n", r.LoadBefore, r.LoadAfter)
	}
	w("\n## Speed\n\n")
	if r.Rounds > 1 {
		w("Each run measured %d times; the table gives the median by wall time, and so do the figures below.\n\n", r.Rounds)
	}
	w("| run | wall s | CPU s | of it GC | MB/s | MB per CPU-second | articles/s | peak RSS MB |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, run := range r.Runs {
		arts := "–"
		if run.Articles > 0 {
			arts = fmt.Sprintf("%.0f", float64(run.Articles)/run.Wall.Seconds())
		}
		gc := "–"
		if run.GCShare > 0 {
			gc = fmt.Sprintf("%.0f %%", 100*run.GCShare)
		}
		w("| %s | %.2f | %.2f | %s | %.2f | %.2f | %s | %s |\n", run.Name, run.Wall.Seconds(), run.CPU.Seconds(), gc, run.mbps(), run.mbPerCPU(), arts, mib(run.Peak))
	}
	share, shareCPU := r.One.mbps()/r.Pos.mbps(), r.One.mbPerCPU()/r.Pos.mbPerCPU()
	scale := r.All.mbps() / r.One.mbps()
	posScale := r.Runs[1].mbps() / r.Pos.mbps()
	w("\n- one worker against gse Pos alone: **%.0f %%** of its MB/s (%.0f %% by CPU time)\n", 100*share, 100*shareCPU)
	w("- %d workers against one: **%.2f×** (gse Pos alone on %d goroutines: %.2f×, what this machine allows now)\n", r.Workers, scale, r.Workers, posScale)

	w("\n## Start-up\n\n")
	w("- lexicons and the segmenter's dictionary loaded %.0f ms after the process started, having used %.0f ms of CPU (RSS then %s MB)\n", ms(r.Ready), ms(r.ReadyCPU), mib(r.ReadyRSS))
	w("- first article extracted **%.0f ms** after the process started (%.0f ms into the run)\n", ms(r.Startup), ms(r.All.First))

	w("\n## Stages\n\nTime in each stage, summed over goroutines, for the one-worker run (%.2f s) and the %d-worker run (%.2f s). "+
		"The reader runs beside the workers, so shares add up to more than 100 %%; segment, tag, mentions, roles and events are parts of extract.\n\n",
		r.One.Wall.Seconds(), r.Workers, r.All.Wall.Seconds())
	w("| stage | 1 worker s | share | %d workers s |\n|---|---:|---:|---:|\n", r.Workers)
	for _, s := range extract.Stages() {
		one, all := r.One.Stages[s.String()], r.All.Stages[s.String()]
		if s == extract.StageWrite {
			one, all = r.Write, r.Write
		}
		w("| %s | %.2f | %.0f %% | %.2f |\n", s, one.Seconds(), 100*one.Seconds()/r.One.Wall.Seconds(), all.Seconds())
	}
	if r.One.Stages[extract.StageSegment.String()] == 0 {
		w("\nsegment, tag, mentions, roles and events read 0: Extract does not mark them (extract/build.go).\n")
	} else {
		var parts time.Duration
		for _, s := range []extract.Stage{extract.StageSegment, extract.StageTag, extract.StageMentions, extract.StageRoles, extract.StageEvents} {
			parts += r.One.Stages[s.String()]
		}
		w("\nThe rest of extract (sentences, graph building, the article's setup): %.2f s.\n", (r.One.Stages[extract.StageExtract.String()] - parts).Seconds())
	}

	w("\n## Memory\n\n")
	w("- peak RSS: %s MB with %d workers, %s MB with one; %s MB at start-up\n", mib(r.All.Peak), r.Workers, mib(r.One.Peak), mib(r.StartPeak))
	w("- the graph: %d nodes, %d relationships; as JSON lines %s, written in %.2f s\n", r.Nodes, r.Rels, mb(r.GraphBytes), r.Write.Seconds())
	if len(r.All.Samples) > 0 {
		w("\nAs the %d-worker run went (live heap: what the last garbage collection kept, the dictionary's %s MB included):\n\n", r.Workers, mib(r.ReadyHeap))
		w("| text read MB | articles | nodes | relationships | live heap MB | RSS MB |\n|---:|---:|---:|---:|---:|---:|\n")
		for _, s := range r.All.Samples {
			w("| %.1f | %d | %d | %d | %s | %s |\n", float64(s.Bytes)/1e6, s.Articles, s.Nodes, s.Rels, mib(s.Heap), mib(s.Resident))
		}
		end := r.All.Samples[len(r.All.Samples)-1]
		kept := end.Heap - r.ReadyHeap
		if r.Spill {
			// the elements in memory are the nodes kept: relationships, articles and
			// events are on disk, and bytes per element would not compare with a run in
			// memory
			w("\nAt the end the run kept %s MB beyond start-up, with %d nodes in memory (relationships, articles and events on disk): %.2f bytes per byte of text read.\n",
				mib(kept), end.Nodes, float64(kept)/float64(max(1, end.Bytes)))
		} else {
			w("\nAt the end the run kept %s MB beyond start-up: %.0f bytes per node or relationship, %.2f bytes per byte of text read.\n",
				mib(kept), float64(kept)/float64(max(1, end.Nodes+end.Rels)), float64(kept)/float64(max(1, end.Bytes)))
		}
	}
	if l := r.Load; l != nil {
		w("\n## Load\n\n")
		wr := l.Writer
		if l.Spilled {
			w("newsgraph load --spill's way into an empty database: the articles extracted and resolved as extract --spill does them, then the graph created in Neo4j "+
				"a chunk at a time (UNWIND … CREATE, relationships by their ends' ids). Into %s:\n\n", l.Server)
			w("- %d statements; %.1f s in all (%.2f MB/s), peak RSS %s MB\n", l.Statements, l.Run.Wall.Seconds(), l.Run.mbps(), mib(l.Run.Peak))
			w("- writing %.1f s, after extracting and resolving %.1f s; extracting alone took %.1f s with %d workers\n",
				wr.Write.Seconds(), (l.Run.Wall - wr.Write).Seconds(), r.All.Wall.Seconds(), r.Workers)
		} else {
			w("newsgraph load's way into an empty database, with extraction and writing overlapped: RunBatches hands every batch (%s), resolved within itself, "+
				"to a writer that writes it into Neo4j (UNWIND … CREATE for what it has not written before, … MERGE for the rest) while the next batch is extracted; at the end the writer resolves what it wrote as a whole "+
				"(identities across batches) and writes the difference. Into %s:\n\n", batchingText(l.Batching), l.Server)
			w("- %d batches, %d statements; %.1f s in all (%.2f MB/s), peak RSS %s MB\n", wr.Batches, l.Statements, l.Run.Wall.Seconds(), l.Run.mbps(), mib(l.Run.Peak))
			w("- the writer was busy %.1f s; extracting alone took %.1f s with %d workers\n", l.Writer.busy().Seconds(), r.All.Wall.Seconds(), r.Workers)
			w("- the writer's time: writing %.1f s (the batches and the difference); settling identities at the end: resolving %.1f s, "+
				"comparing %.1f s, pruning %.1f s\n", wr.Write.Seconds(), wr.Resolve.Seconds(), wr.Diff.Seconds(), wr.Pruning.Seconds())
			w("- settling: %d names read as several persons, %d organization nodes folded; %d relationships and %d nodes deleted, %d set exactly\n",
				len(wr.Split), wr.OrgsMerged, wr.Prune.RelsDeleted, wr.Prune.NodesDeleted, wr.Prune.PropertiesSet)
		}
	}
	w("\n## Targets\n\n| target | measured | |\n|---|---|---|\n")
	w("| one worker ≥ %.0f %% of gse Pos MB/s | %.0f %% (by CPU time %.0f %%) | %s |\n", 100*targetShareOfPos, 100*share, 100*shareCPU, met(share >= targetShareOfPos))
	w("| all cores ≥ %.1f× one worker | %.2f× | %s |\n", targetScaling, scale, met(scale >= targetScaling))
	w("| start-up < %.0f ms | %.0f ms | %s |\n", ms(targetStartup), ms(r.Startup), met(r.Startup < targetStartup))
	peak := max(r.All.Peak, r.One.Peak, r.StartPeak)
	w("| peak RSS < %.0f MB (on the 200 MB corpus) | %s MB on %s | %s |\n", targetPeak/1e6, mib(peak), mb(r.All.Bytes), peakVerdict(peak, r.Input.Bytes))
	if l := r.Load; l != nil {
		w("| loading not slower than extracting | writing %.1f s, extracting %.1f s; the load %.1f s in all | %s |\n",
			l.Writer.busy().Seconds(), r.All.Wall.Seconds(), l.Run.Wall.Seconds(), met(l.Writer.busy() <= r.All.Wall))
	} else {
		w("| loading not slower than extracting | not measured (--load) | |\n")
	}
	return b.String()
}

// batchingText says how a load cuts its input.
func batchingText(b extract.Batching) string {
	if b.First == math.MaxInt {
		return "one batch of everything"
	}
	if b.Doubling {
		return fmt.Sprintf("%d documents, then as many as all before", b.First)
	}
	return fmt.Sprintf("%d documents each", b.First)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
