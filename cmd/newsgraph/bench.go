package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	archive "github.com/newsgraph/newsgraph/internal/corpus"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:  "bench",
		Usage: "measure extraction speed and memory against gse's own tagger on the same text",
		Description: "Measures, in one process and on the same text: gse's dictionary tagger (Pos) alone,\n" +
			"newsgraph's own segmenter alone (gse's cut from a compiled dictionary), newsgraph extract with one worker and with every core, start-up to the first article\n" +
			"extracted, the time of each stage, and the peak resident memory of each run; then prints\n" +
			"a report (Markdown) with the targets it meets. Without PATH it reads the bundled\n" +
			"examples repeated to --repeat; --generate DIR first builds a corpus of --size from the\n" +
			"examples (names, places and dates varied) and measures that. --load also loads the\n" +
			"graph into Neo4j and times it: use a database you can empty.",
		ArgsUsage: "[PATH...] (files or directories; default: the examples, repeated)",
		Flags: append(append(inputFlags(), neo4jFlags()...),
			&cli.StringFlag{Name: "report", Usage: "also write the report to `FILE`"},
			&cli.StringFlag{Name: "examples", Value: "examples", Usage: "the example pages' `DIR`: the default input, and what --generate builds from"},
			&cli.StringFlag{Name: "repeat", Value: "4MB", Usage: "repeat the examples to this `SIZE` when no PATH is given"},
			&cli.StringFlag{Name: "generate", Usage: "build a corpus in `DIR` (one JSON-lines file a day) and measure it"},
			&cli.StringFlag{Name: "size", Value: "200MB", Usage: "`SIZE` of the corpus --generate builds (KB, MB, GB: powers of 1000)"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "the corpus's random `SEED`: the same seed gives the same files"},
			&cli.BoolFlag{Name: "generate-only", Usage: "build the corpus and stop"},
			&cli.StringFlag{Name: "output", Usage: "write the graph (the write stage) to `FILE` rather than to a temporary file"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the extraction runs to `FILE` (go tool pprof)"},
			&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile, taken when the graph is complete, to `FILE`"},
			&cli.IntFlag{Name: "count", Value: 1, Usage: "measure every run `N` times and report the median (by wall time) of each"},
			&cli.BoolFlag{Name: "spill", Usage: "extract as newsgraph extract --spill does: relationships, articles and events on disk while extracting"},
			&cli.BoolFlag{Name: "load", Usage: "also load the input into Neo4j as it is extracted, in batches (--batch), and time it; with --spill, as load --spill does: extracted spilled, then created"},
			&cli.IntFlag{Name: "batch", Value: defaultFirstBatch, Usage: "documents `N` in the first batch of --load (later ones double, as newsgraph load's; 0: one batch)"},
		),
		Action: func(c *cli.Context) error {
			opts := benchOptions{
				Input:        readInputOptions(c),
				Paths:        c.Args().Slice(),
				Report:       c.String("report"),
				Examples:     c.String("examples"),
				Generate:     c.String("generate"),
				GenerateOnly: c.Bool("generate-only"),
				Seed:         c.Uint64("seed"),
				Output:       c.String("output"),
				CPUProfile:   c.String("cpuprofile"),
				MemProfile:   c.String("memprofile"),
				Load:         c.Bool("load"),
				Spill:        c.Bool("spill"),
				Batching:     batchingFlag(c.Int("batch")),
				Count:        c.Int("count"),
				Neo4j:        readNeo4jConfig(c),
				Log:          c.App.ErrWriter,
			}
			var err error
			if opts.Repeat, err = parseSize(c.String("repeat")); err != nil {
				return fmt.Errorf("--repeat: %w", err)
			}
			if opts.Size, err = parseSize(c.String("size")); err != nil {
				return fmt.Errorf("--size: %w", err)
			}
			if opts.GenerateOnly && opts.Generate == "" {
				return fmt.Errorf("--generate-only needs --generate DIR")
			}
			return runBench(c.Context, opts, c.App.Writer)
		},
	})
}

// benchOptions is everything runBench needs.
type benchOptions struct {
	Input        inputOptions
	Paths        []string
	Report       string
	Examples     string
	Repeat       int64
	Generate     string
	GenerateOnly bool
	Size         int64
	Seed         uint64
	Output       string
	CPUProfile   string
	MemProfile   string
	Load         bool
	Spill        bool             // extraction runs spilled (extract.RunSpilled)
	Batching     extract.Batching // how the load cuts its input
	Count        int              // rounds of runs, each run's median reported
	Neo4j        neo4jsink.Config
	Log          io.Writer // what is being measured, as it goes
}

// runBench measures and prints the report. The extractor is built first, so that
// start-up is what a fresh `newsgraph extract` pays; the runs follow one another, each
// from a collected heap and with its own peak memory.
func runBench(ctx context.Context, opts benchOptions, stdout io.Writer) error {
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	if opts.GenerateOnly {
		lex, err := lexicon.Load()
		if err != nil {
			return err
		}
		_, _, err = benchInputs(ctx, opts, lex, log)
		return err
	}
	r := &benchResults{Started: processStart(), Workers: opts.Input.Workers, LoadBefore: loadAvg(), Spill: opts.Spill}
	if r.Workers <= 0 {
		r.Workers = runtime.GOMAXPROCS(0)
	}
	newExtractor := func(workers int, onMerged func(extract.Progress)) (*extract.Extractor, error) {
		return extract.New(extract.Options{Date: opts.Input.Date, Home: opts.Input.Home, Workers: workers, Dicts: opts.Input.Dicts, OnMerged: onMerged})
	}
	hooks := &benchHooks{}
	xAll, err := newExtractor(r.Workers, hooks.merged)
	if err != nil {
		return err
	}
	r.Ready = time.Since(r.Started)
	r.ReadyRSS, r.StartPeak = memStatus()
	r.ReadyCPU = cpuTime()
	runtime.GC()
	r.ReadyHeap = liveHeap()

	paths, input, err := benchInputs(ctx, opts, xAll.Lexicon(), log)
	if err != nil {
		return err
	}
	r.Input = input
	fmt.Fprintf(log, "bench: %s\n", input.Describe)

	if opts.CPUProfile != "" {
		f, err := os.Create(opts.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	fmt.Fprintf(log, "bench: newsgraph extract, %d workers\n", r.Workers)
	all, g, err := benchExtract(ctx, xAll, hooks, paths, input.Bytes, opts.Spill)
	if err != nil {
		return err
	}
	defer func() { g.close() }() // the g of the moment: the graph is let go once written
	if all.Bytes == 0 {
		return fmt.Errorf("bench: no text in %s: nothing to measure", input.Describe)
	}
	r.Startup = r.Ready + all.First
	if opts.MemProfile != "" {
		if err := writeHeapProfile(opts.MemProfile); err != nil {
			return err
		}
	}
	if r.Write, r.GraphBytes, err = benchWrite(ctx, g, opts.Output); err != nil {
		return err
	}
	r.Nodes, r.Rels = g.Len()
	if err := g.close(); err != nil {
		return err
	}
	g = benchGraph{}
	if opts.Load {
		how := batchingText(opts.Batching)
		if opts.Spill {
			how = "spilled"
		}
		fmt.Fprintf(log, "bench: newsgraph load, %s, into %s\n", how, neo4jsink.RedactURI(opts.Neo4j.URI))
		if r.Load, err = benchLoad(ctx, xAll, opts, paths); err != nil {
			return err
		}
	}

	xOne, err := newExtractor(1, hooks.merged)
	if err != nil {
		return err
	}
	alls := []*benchRun{all}
	var ones, pos1s, posNs, seg1s []*benchRun
	for round := range max(1, opts.Count) {
		if round > 0 {
			fmt.Fprintf(log, "bench: round %d: newsgraph extract, %d workers\n", round+1, r.Workers)
			all, g, err := benchExtract(ctx, xAll, hooks, paths, input.Bytes, opts.Spill)
			if err != nil {
				return err
			}
			if err := g.close(); err != nil {
				return err
			}
			alls = append(alls, all)
		}
		fmt.Fprintf(log, "bench: round %d: newsgraph extract, 1 worker\n", round+1)
		one, g, err := benchExtract(ctx, xOne, hooks, paths, input.Bytes, opts.Spill)
		if err != nil {
			return err
		}
		if err := g.close(); err != nil {
			return err
		}
		ones = append(ones, one)
		if round == 0 && opts.CPUProfile != "" {
			pprof.StopCPUProfile()
		}
	}
	// gse's dictionary stays in memory once loaded: its runs come after every extraction run,
	// so that their peak memory is extraction's own
	for round := range max(1, opts.Count) {
		fmt.Fprintf(log, "bench: round %d: gse Pos alone\n", round+1)
		pos1, err := benchPos(ctx, xAll, paths, 1)
		if err != nil {
			return err
		}
		posN, err := benchPos(ctx, xAll, paths, r.Workers)
		if err != nil {
			return err
		}
		fmt.Fprintf(log, "bench: round %d: newsgraph segmenter alone\n", round+1)
		seg1, err := benchSegment(ctx, xAll, paths, 1)
		if err != nil {
			return err
		}
		pos1s, posNs, seg1s = append(pos1s, pos1), append(posNs, posN), append(seg1s, seg1)
	}
	r.Pos, r.One, r.All = medianRun(pos1s), medianRun(ones), medianRun(alls)
	r.All.Name = fmt.Sprintf("newsgraph extract, %d workers", r.Workers)
	r.One.Name = "newsgraph extract, 1 worker"
	r.Runs = []*benchRun{r.Pos, medianRun(posNs), medianRun(seg1s), r.One, r.All}
	r.Rounds = max(1, opts.Count)
	r.LoadAfter = loadAvg()

	text := r.String()
	if _, err := io.WriteString(stdout, text); err != nil {
		return err
	}
	if opts.Report != "" {
		if err := os.WriteFile(opts.Report, []byte(text), 0o644); err != nil {
			return fmt.Errorf("write the report: %w", err)
		}
	}
	return nil
}

// medianRun returns the run of median wall time (the slower of the middle two).
func medianRun(runs []*benchRun) *benchRun {
	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b *benchRun) int { return cmp.Compare(a.Wall, b.Wall) })
	return sorted[len(sorted)/2]
}

// parseSize reads 200MB, 4MB, 100KB, 1.5GB (powers of 1000), 64MiB (of 1024) or bytes.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	units := []struct {
		suffix string
		n      float64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"B", 1}}
	mult := 1.0
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.n
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q is no size: want 200MB, 4MB, 100KB, 1GB", s)
	}
	return int64(v * mult), nil
}

// benchInput is the text measured.
type benchInput struct {
	Describe string
	Files    int   // files read in a run, a file repeated counting each time
	Bytes    int64 // bytes of those files
}

// benchInputs returns the paths every run reads: the corpus --generate built, the paths
// given, or the examples repeated to --repeat.
func benchInputs(ctx context.Context, opts benchOptions, lex *lexicon.Lexicon, log io.Writer) ([]string, benchInput, error) {
	if opts.Generate != "" {
		fmt.Fprintf(log, "bench: generating %s of JSON lines in %s\n", mb(opts.Size), opts.Generate)
		seeds, err := archive.LoadSeeds(opts.Examples)
		if err != nil {
			return nil, benchInput{}, err
		}
		t0 := time.Now()
		st, err := archive.Generate(ctx, opts.Generate, seeds, lex, archive.Options{Size: opts.Size, Seed: opts.Seed})
		if err != nil {
			return nil, benchInput{}, fmt.Errorf("generate the corpus: %w", err)
		}
		fmt.Fprintf(log, "bench: %d articles in %d files, %s, %s to %s, in %.1f s\n", st.Articles, st.Files, mb(st.Bytes),
			st.First.Format(time.DateOnly), st.Last.Format(time.DateOnly), time.Since(t0).Seconds())
		opts.Paths = []string{opts.Generate}
	}
	if len(opts.Paths) > 0 {
		files, errs := extract.ExpandPaths(opts.Paths)
		if len(errs) > 0 {
			return nil, benchInput{}, errs[0]
		}
		in := benchInput{Files: len(files)}
		for _, f := range files {
			if f == "-" {
				return nil, benchInput{}, fmt.Errorf("bench reads each input several times: name files, not -")
			}
			info, err := os.Stat(f)
			if err != nil {
				return nil, benchInput{}, err
			}
			in.Bytes += info.Size()
		}
		in.Describe = fmt.Sprintf("%s (%d files, %s)", strings.Join(opts.Paths, " "), in.Files, mb(in.Bytes))
		return opts.Paths, in, nil
	}
	files, err := exampleInputs(opts.Examples)
	if err != nil {
		return nil, benchInput{}, err
	}
	var once int64
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			return nil, benchInput{}, err
		}
		once += info.Size()
	}
	times := int(max(1, (opts.Repeat+once-1)/max(once, 1)))
	var paths []string
	for range times {
		paths = append(paths, files...)
	}
	in := benchInput{Files: len(paths), Bytes: once * int64(times)}
	in.Describe = fmt.Sprintf("the %d example pages of %s repeated %d times (%s)", len(files), opts.Examples, times, mb(in.Bytes))
	return paths, in, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// mb writes a byte count in MB (10^6 bytes).
func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
