package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/extract/eval"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:  "eval",
		Usage: "score the extractor against gold annotations, exactly as tools/score.py does",
		Description: "Each GOLD.json names its text file (\"file\", relative to the gold's folder), the\n" +
			"article date and the paper's home; eval extracts that file with them, scores every\n" +
			"gold against its graph and prints the scores added up over all golds, the headline\n" +
			"'triples F1' last. With --pred, the i-th JSON-lines file is scored against the i-th\n" +
			"gold instead (files written by newsgraph extract), like score.py GOLD PRED.\n" +
			"The gold format: examples/*.gold.json. Golds of many articles (examples/identity)\n" +
			"may name dictionaries (\"dicts\") and score persons across articles (\"identities\")\n" +
			"and who held a post when (\"holders\"); without --json those two lines come first.",
		ArgsUsage: "GOLD.json...",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list each gold's misses and spurious items first"},
			&cli.BoolFlag{Name: "json", Usage: "print the scores as one JSON object, then the headline"},
			&cli.GenericFlag{Name: "pred", Value: &pathList{}, Usage: "score the JSON-lines `PRED.jsonl` instead of extracting: once per gold, in gold order"},
			&cli.IntFlag{Name: "workers", Usage: "articles extracted at once, and goroutines resolving names at the end (default: one per core)"},
			&cli.StringSliceFlag{Name: "dict", Usage: "an analyst's dictionary `FILE` of persons, organizations and titles (repeatable)"},
		},
		Action: func(c *cli.Context) error {
			opts, golds, err := readEvalArgs(c)
			if err != nil {
				return err
			}
			return runEval(c.Context, opts, golds, c.App.Writer)
		},
	})
}

// evalOptions are the flags of newsgraph eval.
type evalOptions struct {
	Verbose bool
	JSON    bool
	Preds   []string // one prediction per gold, or none to extract
	Workers int
	Dicts   []string
	Stderr  io.Writer
}

// readEvalArgs reads the flags, also those written between or after the gold files as
// score.py allows (`newsgraph eval a.gold.json --verbose`), which the command line parser
// leaves as arguments.
func readEvalArgs(c *cli.Context) (evalOptions, []string, error) {
	preds := c.Generic("pred").(*pathList)
	opts := evalOptions{
		Verbose: c.Bool("verbose"),
		JSON:    c.Bool("json"),
		Preds:   preds.take(),
		Workers: c.Int("workers"),
		Dicts:   c.StringSlice("dict"),
		Stderr:  c.App.ErrWriter,
	}
	later := &pathList{}
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&opts.Verbose, "verbose", opts.Verbose, "")
	fs.BoolVar(&opts.Verbose, "v", opts.Verbose, "")
	fs.BoolVar(&opts.JSON, "json", opts.JSON, "")
	fs.Var(later, "pred", "")
	var golds []string
	args := c.Args().Slice()
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return opts, nil, fmt.Errorf("eval: %w", err)
		}
		args = fs.Args()
		if len(args) > 0 {
			golds = append(golds, args[0])
			args = args[1:]
		}
	}
	opts.Preds = append(opts.Preds, later.take()...)
	return opts, golds, nil
}

// runEval extracts (or reads) a graph for every gold, scores them all together and
// prints the report score.py prints with the same flags.
func runEval(ctx context.Context, opts evalOptions, goldPaths []string, stdout io.Writer) error {
	if len(goldPaths) == 0 {
		return errors.New("eval: no gold files: name one or more GOLD.json")
	}
	if len(opts.Preds) > 0 && len(opts.Preds) != len(goldPaths) {
		return fmt.Errorf("eval: %d --pred files for %d gold files: give one per gold, in gold order", len(opts.Preds), len(goldPaths))
	}
	golds := make([]*eval.Gold, len(goldPaths))
	for i, p := range goldPaths {
		g, err := eval.LoadGold(p)
		if err != nil {
			return err
		}
		golds[i] = g
	}
	graphs := make([]*graph.Graph, len(golds))
	if len(opts.Preds) > 0 {
		for i, p := range opts.Preds {
			g, err := readPrediction(p)
			if err != nil {
				return err
			}
			graphs[i] = g
		}
	} else {
		extractors := map[[3]string]*extract.Extractor{}
		for i, gold := range golds {
			dicts := append(append([]string(nil), opts.Dicts...), gold.DictPaths()...)
			key := [3]string{gold.Date, gold.Home, strings.Join(dicts, "\x00")}
			x := extractors[key]
			if x == nil {
				var err error
				x, err = extract.New(extract.Options{Date: gold.Date, Home: gold.Home, Workers: opts.Workers, Dicts: dicts})
				if err != nil {
					return fmt.Errorf("gold %s: %w", gold.Path, err)
				}
				extractors[key] = x
			}
			g, err := extractGold(ctx, x, gold)
			if err != nil {
				return err
			}
			graphs[i] = g
		}
	}
	r := eval.Score(golds, graphs)
	if !opts.JSON {
		// identities and holders of multi-article golds, which score.py does not score,
		// come first so that the headline stays the last line
		if id := eval.ScoreIdentity(golds, graphs); id.Holders.Total > 0 || id.Identities != (eval.Count{}) {
			var b strings.Builder
			if opts.Verbose {
				b.WriteString(strings.Join(id.Lines, "\n") + "\n")
			}
			b.WriteString(id.String() + "\n")
			if _, err := io.WriteString(stdout, b.String()); err != nil {
				return fmt.Errorf("write report: %w", err)
			}
		}
	}
	if _, err := io.WriteString(stdout, r.Report(opts.Verbose, opts.JSON)); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// extractGold extracts the text file a gold annotates. Any problem reading it fails the
// evaluation: a score without the article would mislead.
func extractGold(ctx context.Context, x *extract.Extractor, gold *eval.Gold) (*graph.Graph, error) {
	path := gold.TextPath()
	if path == "" {
		return nil, fmt.Errorf("gold %s: no \"file\" names the annotated text (or give --pred)", gold.Path)
	}
	var errs []error
	g, _, err := x.Run(ctx, []string{path}, strings.NewReader(""), func(err error) { errs = append(errs, err) })
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("gold %s: %w", gold.Path, errors.Join(errs...))
	}
	return g, nil
}

// readPrediction reads a JSON-lines graph written by newsgraph extract.
func readPrediction(path string) (*graph.Graph, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pred: %w", err)
	}
	defer f.Close()
	g, err := jsonl.Read(f)
	if err != nil {
		return nil, fmt.Errorf("pred %s: %w", path, err)
	}
	return g, nil
}

// pathList collects a repeatable path flag; unlike a string slice flag it does not split
// paths at commas.
type pathList struct{ paths []string }

func (p *pathList) Set(s string) error {
	if s == "" {
		return errors.New("want a path")
	}
	p.paths = append(p.paths, s)
	return nil
}

func (p *pathList) String() string { return strings.Join(p.paths, " ") }

// take returns the paths and empties the list: the flag's value outlives one run of the
// command (commands are built once per process).
func (p *pathList) take() []string {
	out := p.paths
	p.paths = nil
	return out
}
