package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
)

// inputOptions are the flags every command that reads articles shares.
type inputOptions struct {
	Date    string
	Home    string
	Workers int
	Dicts   []string
	Stdin   io.Reader
	Stderr  io.Writer
	// Progress, when set, shows what is read on a terminal (the command ends it);
	// problems with single inputs are printed through it.
	Progress *runProgress
}

// inputFlags returns the flags behind inputOptions.
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "date", Usage: "article date `YYYY-MM-DD` for inputs that give none (resolves 昨天, 27日)"},
		&cli.StringFlag{Name: "home", Usage: "the paper's home `PLACE` (上海, 江苏省) for resolving 市委, 市政府; default inferred per page"},
		&cli.IntFlag{Name: "workers", Usage: "articles extracted at once, and goroutines resolving names at the end (default: one per core)"},
		&cli.StringSliceFlag{Name: "dict", Usage: "an analyst's dictionary `FILE` of persons, organizations and titles (repeatable)"},
	}
}

// readInputOptions reads the shared flags of a command.
func readInputOptions(c *cli.Context) inputOptions {
	return inputOptions{
		Date:    c.String("date"),
		Home:    c.String("home"),
		Workers: c.Int("workers"),
		Dicts:   c.StringSlice("dict"),
		Stdin:   os.Stdin,
		Stderr:  c.App.ErrWriter,
	}
}

// extractInputs extracts every input into one graph. Problems with single inputs are
// printed one per line on stderr as they happen; the graph of the others is returned
// together with a *partialError.
func extractInputs(ctx context.Context, opts inputOptions, paths []string) (*graph.Graph, error) {
	g, _, err := extractWithStats(ctx, opts, paths)
	return g, err
}

// newExtractor returns the extractor the options ask for.
func newExtractor(opts inputOptions) (*extract.Extractor, error) {
	o := extract.Options{Date: opts.Date, Home: opts.Home, Workers: opts.Workers, Dicts: opts.Dicts}
	if opts.Progress != nil {
		o.OnMerged = opts.Progress.merged
	}
	return extract.New(o)
}

// stdin is the standard input the options give, or the process's.
func (opts inputOptions) stdin() io.Reader {
	if opts.Stdin == nil {
		return os.Stdin
	}
	return opts.Stdin
}

// inputSize returns the bytes of the inputs paths name, and whether that is all of them.
// A standard input whose size cannot be told (a pipe) is read up to limit bytes first:
// when it ends before, its size is known, and opts reads it from memory; when it does
// not, the size is a lower bound (known false), and opts reads what was read and then
// the rest.
func (opts *inputOptions) inputSize(paths []string, limit int64) (int64, bool, error) {
	size, known := extract.InputSize(paths, opts.stdin())
	if known {
		return size, true, nil
	}
	head, err := io.ReadAll(io.LimitReader(opts.stdin(), limit))
	if err != nil {
		return 0, false, fmt.Errorf("read standard input: %w", err)
	}
	if int64(len(head)) < limit {
		opts.Stdin = bytes.NewReader(head)
		return size + int64(len(head)), true, nil
	}
	opts.Stdin = io.MultiReader(bytes.NewReader(head), opts.stdin())
	return size + limit, false, nil
}

// spills decides whether a run over the inputs paths name spills: as told, when told is
// not nil; else when they add up to spillFrom bytes or more, or come through a pipe whose
// first spillFrom bytes do not end it (opts then reads those from memory: inputSize). It
// also returns the inputs' size for the status line, 0 when unknown.
func (opts *inputOptions) spills(paths []string, told *bool) (bool, int64, error) {
	size, known, err := opts.inputSize(paths, spillFrom)
	if err != nil {
		return false, 0, err
	}
	spill := !known || size >= spillFrom
	if told != nil {
		spill = *told
	}
	if !known {
		size = 0
	}
	return spill, size, nil
}

// reporter returns what prints the problems of single inputs, one per line on the
// options' stderr (or the process's).
func (opts inputOptions) reporter() func(error) {
	stderr := opts.Stderr
	if stderr == nil {
		stderr = os.Stderr
	}
	if opts.Progress != nil {
		return opts.Progress.report
	}
	return func(err error) { fmt.Fprintf(stderr, "newsgraph: %v\n", err) }
}

// extractWithStats is extractInputs that also returns what the run read.
func extractWithStats(ctx context.Context, opts inputOptions, paths []string) (*graph.Graph, extract.Stats, error) {
	x, err := extractorFor(opts, paths)
	if err != nil {
		return nil, extract.Stats{}, err
	}
	g, st, err := x.Run(ctx, paths, opts.stdin(), opts.reporter())
	if err != nil {
		return nil, st, err
	}
	return g, st, partialOf(st)
}

// extractSpilled is extractWithStats for a spilled run (extract.RunSpilled), under the
// lower memory limit of one. The Spilled, to be closed, comes with a *partialError when
// some inputs failed.
func extractSpilled(ctx context.Context, opts inputOptions, paths []string) (*extract.Spilled, extract.Stats, error) {
	x, err := extractorFor(opts, paths)
	if err != nil {
		return nil, extract.Stats{}, err
	}
	s, st, err := runSpilled(ctx, x, opts, paths)
	if err != nil {
		return nil, st, err
	}
	return s, st, partialOf(st)
}

// runSpilled runs x spilled over the inputs, under the lower memory limit of a spilled
// run, and reports the directories it swept. The Spilled is to be closed; some inputs
// may have failed (Stats.Failed).
func runSpilled(ctx context.Context, x *extract.Extractor, opts inputOptions, paths []string) (*extract.Spilled, extract.Stats, error) {
	lowerMemoryLimit(os.Getenv, spillMemoryLimit)
	s, st, err := x.RunSpilled(ctx, paths, opts.stdin(), opts.reporter(), "")
	for _, d := range st.Swept {
		opts.reporter()(fmt.Errorf("removed %s, which a spilled run that was killed left behind", d))
	}
	return s, st, err
}

// extractorFor returns the extractor the options ask for, once there is input to read.
func extractorFor(opts inputOptions, paths []string) (*extract.Extractor, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no input: name files, directories or - for stdin")
	}
	return newExtractor(opts)
}

// partialOf returns a *partialError when some of a run's inputs failed, else nil.
func partialOf(st extract.Stats) error {
	if st.Failed > 0 {
		return &partialError{Failed: st.Failed, Total: st.Inputs}
	}
	return nil
}
