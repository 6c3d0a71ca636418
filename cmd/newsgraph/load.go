package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:  "load",
		Usage: "extract the graph from news articles and merge it into Neo4j",
		Description: "Connects first, creates the constraints and indexes (newsgraph schema), then writes\n" +
			"nodes and relationships in batches of UNWIND … MERGE. Loading the same input twice\n" +
			"changes nothing; a second article about the same person adds to the same node.\n" +
			"Into an empty database, articles are written in batches while the next batch is\n" +
			"extracted (--batch documents, then as many as all before; what the load has not\n" +
			"written before is created, not merged), and at the end identities across batches\n" +
			"are settled by writing the difference: the database loading everything at once\n" +
			"gives (for inputs in date order). Inputs of 64 MB or more (--spill) are extracted\n" +
			"as newsgraph extract --spill extracts them, in the memory of that, and then created\n" +
			"in an empty database a chunk at a time. Into a database that holds a graph, the\n" +
			"articles are extracted first and resolved against what it holds of their names.",
		ArgsUsage: "PATH... (files, directories, or - for stdin)",
		Flags: append(append(inputFlags(), neo4jFlags()...),
			&cli.StringSliceFlag{Name: "graph", Usage: "also load a `FILE` of APOC JSON lines written by newsgraph extract (repeatable)"},
			&cli.IntFlag{Name: "batch-size", Value: neo4jsink.DefaultBatchSize, Usage: "rows per UNWIND statement"},
			&cli.IntFlag{Name: "batch", Value: defaultFirstBatch, Usage: "documents `N` in the first batch written while the rest is extracted, into an empty database (later batches double); 0: one batch, written once everything is extracted"},
			&cli.IntFlag{Name: "writers", Value: neo4jsink.DefaultWorkers, Usage: "statements in flight at once (never two that may lock the same node)"},
			retryFlag(),
			&cli.BoolFlag{Name: "dry-run", Usage: "extract and count what would be written; do not connect"},
			&cli.BoolFlag{Name: "no-schema", Usage: "do not create constraints and indexes (they must exist: MERGE without them scans)"},
			&cli.BoolFlag{Name: "spill", Usage: "into an empty database: extract with the relationships, articles and events on disk (in $TMPDIR), as newsgraph extract --spill does, then create the graph a chunk at a time; memory stays near a spilled run's, and nothing is written before extraction ends (default: when the inputs add up to 64 MB or more or come through a pipe on stdin; --spill=false: never; a database that holds a graph is loaded in memory)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar"},
		),
		Action: func(c *cli.Context) error {
			cfg := readNeo4jConfig(c)
			cfg.BatchSize = c.Int("batch-size")
			cfg.Workers = c.Int("writers")
			cfg.RetryTime = c.Duration("retry-time")
			cfg.DryRun = c.Bool("dry-run")
			if !c.Bool("quiet") {
				cfg.Progress = terminal(c.App.ErrWriter)
			}
			opts := loadOptions{
				Input:    readInputOptions(c),
				Paths:    c.Args().Slice(),
				Graphs:   c.StringSlice("graph"),
				Neo4j:    cfg,
				NoSchema: c.Bool("no-schema"),
				Batching: batchingFlag(c.Int("batch")),
				Status:   cfg.Progress,
			}
			if c.IsSet("spill") {
				spill := c.Bool("spill")
				opts.Spill = &spill
			}
			return runLoad(c.Context, opts, c.App.Writer)
		},
	})
}

// defaultFirstBatch is the number of documents in a load's first batch.
const defaultFirstBatch = 1000

// batchingFlag returns the batches --batch asks for: first documents, then as many as
// all before; with 0 or less, one batch of everything.
func batchingFlag(first int) extract.Batching {
	if first <= 0 {
		return extract.Batching{First: math.MaxInt}
	}
	return extract.Batching{First: first, Doubling: true}
}

// loadOptions is everything runLoad needs.
type loadOptions struct {
	Input    inputOptions
	Paths    []string // article inputs
	Graphs   []string // APOC JSON-lines files
	Neo4j    neo4jsink.Config
	NoSchema bool
	Batching extract.Batching // how article inputs are cut into batches; zero: defaults
	Spill    *bool            // into an empty database, spill (spillArticles); nil: from 64 MB of input
	Status   io.Writer        // the terminal for a spilled extraction's status line; nil: none
}

// runLoad connects (failing fast when Neo4j is not there), applies the schema while the
// inputs are read, then loads the article inputs (loadArticles), then the graph files,
// each as a batch of its own resolved against the database; it prints what it did. When
// some inputs fail, the graph of the others is loaded and the error says how many
// failed. A dry run extracts everything at once and counts what it would write.
func runLoad(ctx context.Context, opts loadOptions, stdout io.Writer) (err error) {
	if len(opts.Paths) == 0 && len(opts.Graphs) == 0 {
		return errors.New("no input: name files, directories or - for stdin, or give --graph FILE")
	}
	sink, err := neo4jsink.Open(ctx, opts.Neo4j)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := sink.Close(context.WithoutCancel(ctx)); cerr != nil && err == nil {
			err = fmt.Errorf("close the Neo4j connection: %w", cerr)
		}
	}()

	// The server creates the schema while the inputs are read.
	sch := startSchema(ctx, sink, opts.NoSchema || opts.Neo4j.DryRun)
	defer sch.stop()

	// the extractor's lexicons serve the identity pass too; graph files alone need
	// only the identity pass
	var x *extract.Extractor
	var id *extract.Identity
	spill := false
	if len(opts.Paths) > 0 {
		if !opts.Neo4j.DryRun {
			var size int64
			if spill, size, err = opts.Input.spills(opts.Paths, opts.Spill); err != nil {
				return err
			}
			if spill { // the status line of the extraction, which takes a while
				opts.Input.Progress = newRunProgress(opts.Status, size)
			}
		}
		if x, err = newExtractor(opts.Input); err != nil {
			return err
		}
		id = x.Identity()
	} else if id, err = extract.NewIdentity(opts.Input.Dicts); err != nil {
		return err
	}
	l := newResolvedLoad(sink, id)
	into := func(err error) error {
		return fmt.Errorf("load into %s: %w", neo4jsink.RedactURI(sink.Config().URI), err)
	}
	var partial error
	if opts.Neo4j.DryRun {
		partial, err = dryRunLoad(ctx, x, opts, l)
	} else if len(opts.Paths) > 0 {
		partial, err = loadArticles(ctx, x, opts, spill, sch, l)
	}
	var we *writeError
	if errors.As(err, &we) {
		return into(we.err)
	}
	if err != nil {
		return err
	}
	if !opts.Neo4j.DryRun {
		for _, path := range opts.Graphs {
			g, err := readGraphFile(path)
			if err != nil {
				return err
			}
			if err := sch.wait(); err != nil {
				return err
			}
			if err := l.writeResolved(ctx, g); err != nil {
				return into(err)
			}
		}
	}
	l.report(stdout)
	st := sink.Stats()
	if !st.DryRun {
		cfg := sink.Config()
		fmt.Fprintf(stdout, "loaded into %s, database %s\n", neo4jsink.RedactURI(cfg.URI), cfg.Database)
	}
	if err := st.Report(stdout); err != nil {
		return err
	}
	return partial
}

// writeError is an error of the writer of a batched load, told apart from the
// extraction's.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// loadArticles loads the article inputs. Into a database that holds nothing yet it
// writes while it extracts (streamArticles) or, with spill, once a spilled run has
// extracted and resolved everything (spillArticles); into one that holds a graph, it
// extracts everything, then resolves it against what is stored
// (resolvedLoad.writeResolved), reading that back once. It returns a *partialError when some inputs failed (they are
// reported on stderr as they fail), and a *writeError when writing failed.
func loadArticles(ctx context.Context, x *extract.Extractor, opts loadOptions, spill bool, sch *schemaJob, l *resolvedLoad) (partial, err error) {
	empty, err := isEmpty(ctx, l.sink)
	if err != nil {
		return nil, err
	}
	if empty {
		var st extract.Stats
		if spill {
			st, err = spillArticles(ctx, x, opts, sch, l)
		} else {
			st, err = streamArticles(ctx, x, opts.Paths, opts.Input.stdin(), opts.Input.reporter(), opts.Batching, sch.wait, l)
		}
		if err != nil {
			return nil, err
		}
		return partialOf(st), nil
	}
	g, st, err := x.Run(ctx, opts.Paths, opts.Input.stdin(), opts.Input.reporter())
	opts.Input.Progress.end()
	if err != nil {
		return nil, err
	}
	if err := sch.wait(); err != nil {
		return nil, err
	}
	if err := l.writeResolved(ctx, g); err != nil {
		return nil, &writeError{err}
	}
	return partialOf(st), nil
}

// spillArticles loads the article inputs into a database that held nothing when the
// load began, in the memory of a spilled run: the articles are extracted and resolved
// with their relationships, articles and events on disk (extract.RunSpilled, as extract
// --spill runs), and the graph is then created in the database a chunk at a time
// (neo4jsink.Sink.WriteNew), nothing written before it is whole. The database then holds
// what newsgraph extract writes of the inputs, and what loading everything at once gives.
func spillArticles(ctx context.Context, x *extract.Extractor, opts loadOptions, sch *schemaJob, l *resolvedLoad) (extract.Stats, error) {
	s, st, err := runSpilled(ctx, x, opts.Input, opts.Paths)
	opts.Input.Progress.end()
	if err != nil {
		return st, err
	}
	defer s.Close()
	if err := sch.wait(); err != nil {
		return st, err
	}
	l.note(s.Identity(), neo4jsink.PruneStats{})
	l.Spilled = true
	nodes, rels := s.Len()
	t := time.Now()
	err = l.sink.WriteNew(ctx, s.Nodes(), s.Rels(), nodes+rels)
	l.Batches++
	l.Write += time.Since(t)
	if err != nil {
		return st, &writeError{err}
	}
	if err := s.Close(); err != nil {
		return st, fmt.Errorf("spill: %w", err)
	}
	return st, nil
}

// isEmpty reports whether the database holds no node at all.
func isEmpty(ctx context.Context, sink *neo4jsink.Sink) (bool, error) {
	t, err := sink.Query(ctx, "MATCH (n) RETURN 1 LIMIT 1", nil)
	if err != nil {
		return false, fmt.Errorf("see whether the database is empty: %w", err)
	}
	return len(t.Rows) == 0, nil
}

// streamArticles loads the article inputs into a database that held nothing when the
// load began, writing while it extracts. Each batch of documents (b; by default 1,000,
// then as many as all before) is resolved within itself and merged into the database
// as it is while the next is extracted, and kept: what the process keeps is then what
// the database holds. Once every batch is written, that graph is resolved as a whole
// (identities across batches) and only the difference is written and pruned
// (resolvedLoad.settle): the database loading everything at once gives, with no read
// back. What a batch adds to what was written is created, not merged (WriteKnown): it
// cannot be in the database yet, provided nobody else writes to it meanwhile. A load cut
// short leaves the batches as each was resolved within itself; loading the same input
// again resolves it against them. ready is waited for before the first write (the
// schema).
func streamArticles(ctx context.Context, x *extract.Extractor, paths []string, stdin io.Reader, onErr func(error), b extract.Batching, ready func() error, l *resolvedLoad) (extract.Stats, error) {
	if b.First <= 0 {
		b = extract.Batching{First: defaultFirstBatch, Doubling: true}
	}
	written := graph.New()
	st, err := x.RunBatches(ctx, paths, stdin, onErr, b, func(ctx context.Context, g *graph.Graph) error {
		if err := ready(); err != nil {
			return err
		}
		l.Batches++
		t := time.Now()
		// what written lacks, the database lacks: it is created, not looked for
		err := l.sink.WriteKnown(ctx, g, written)
		l.Write += time.Since(t)
		if err != nil {
			return &writeError{err}
		}
		written.Absorb(g) // the database merges as graph does; g is not used again
		return nil
	})
	if err != nil {
		return st, err
	}
	if err := l.settle(ctx, written); err != nil {
		return st, &writeError{err}
	}
	return st, nil
}

// dryRunLoad extracts the article inputs at once, merges the graph files into them and
// counts what a load would write.
func dryRunLoad(ctx context.Context, x *extract.Extractor, opts loadOptions, l *resolvedLoad) (partial, err error) {
	// Merging costs a copy of the graph: done only when there are several.
	var graphs []*graph.Graph
	if len(opts.Paths) > 0 {
		extracted, st, err := x.Run(ctx, opts.Paths, opts.Input.stdin(), opts.Input.reporter())
		if err != nil {
			return nil, err
		}
		partial = partialOf(st)
		graphs = append(graphs, extracted)
	}
	for _, path := range opts.Graphs {
		read, err := readGraphFile(path)
		if err != nil {
			return nil, err
		}
		graphs = append(graphs, read)
	}
	g := graphs[0]
	if len(graphs) > 1 {
		g = graph.New()
		for _, o := range graphs {
			g.Merge(o)
		}
	}
	if err := l.writeResolved(ctx, g); err != nil {
		return nil, &writeError{err}
	}
	return partial, nil
}

// schemaJob applies the schema on its own goroutine.
type schemaJob struct {
	cancel context.CancelFunc
	done   chan error
	err    error
}

// startSchema starts applying the schema, unless skip.
func startSchema(ctx context.Context, sink *neo4jsink.Sink, skip bool) *schemaJob {
	ctx, cancel := context.WithCancel(ctx)
	j := &schemaJob{cancel: cancel, done: make(chan error, 1)}
	if skip {
		j.done <- nil
		return j
	}
	go func() { j.done <- sink.ApplySchema(ctx) }()
	return j
}

// wait waits until the schema is applied and returns what went wrong.
func (j *schemaJob) wait() error {
	if j.done != nil {
		j.err = <-j.done
		j.done = nil
		j.cancel()
	}
	return j.err
}

// stop cancels what is left to do and waits, for a load that fails before it writes:
// its error, if any, is then no news.
func (j *schemaJob) stop() {
	j.cancel()
	j.wait()
}

func readGraphFile(path string) (*graph.Graph, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	g, err := jsonl.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}
