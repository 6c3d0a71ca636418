package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/jsonl"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:      "extract",
		Usage:     "extract the graph from news articles and write it as APOC JSON lines",
		ArgsUsage: "PATH... (files, directories, or - for stdin)",
		Flags: append(inputFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of stdout"},
			&cli.BoolFlag{Name: "spill", Usage: "keep the relationships, articles and events on disk (in $TMPDIR) while extracting, not in memory; the output is the same (default: when the inputs add up to 64 MB or more, or come through a pipe on stdin, whose size is unknown; --spill=false: never)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress line (shown only when stderr is a terminal)"},
		),
		Action: func(c *cli.Context) error {
			paths := c.Args().Slice()
			opts := readInputOptions(c)
			var told *bool
			if c.IsSet("spill") {
				spill := c.Bool("spill")
				told = &spill
			}
			spill, size, err := opts.spills(paths, told)
			if err != nil {
				return err
			}
			if !c.Bool("quiet") {
				opts.Progress = newRunProgress(terminal(c.App.ErrWriter), size)
			}
			if spill {
				return runExtractSpilled(c.Context, opts, paths, c.String("output"), c.App.Writer)
			}
			return runExtract(c.Context, opts, paths, c.String("output"), c.App.Writer)
		},
	})
}

// spillFrom is the size of input from which extract spills when not told: in memory, the
// graph peaks near 18 times the text it is read from (the 200 MB corpus: 3.6 GB), spilled
// it stays near 340 MB, at the same speed (docs/bench). Standard input from a pipe, whose
// size nobody knows before reading it, spills too.
const spillFrom = 64 << 20

// runExtract writes the graph of the inputs as JSON lines. When some inputs fail, the
// graph of the others is still written and the error says how many failed.
func runExtract(ctx context.Context, opts inputOptions, paths []string, output string, stdout io.Writer) error {
	defer opts.Progress.end()
	g, err := extractInputs(ctx, opts, paths)
	var partial *partialError
	if err != nil && !errors.As(err, &partial) {
		return err
	}
	opts.Progress.status("writing the graph…")
	if werr := writeJSONL(ctx, g, output, stdout); werr != nil {
		return werr
	}
	return err
}

func writeJSONL(ctx context.Context, g *graph.Graph, output string, stdout io.Writer) error {
	return writeOutput(output, stdout, func(w io.Writer) error { return jsonl.Write(ctx, w, g) })
}

// writeOutput runs write on the output file (stdout for "" or -).
func writeOutput(output string, stdout io.Writer, write func(io.Writer) error) error {
	if output == "" || output == "-" {
		return write(stdout)
	}
	f, err := os.Create(output)
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", output, err)
	}
	return f.Close()
}

// runExtractSpilled is runExtract with the relationships, articles and events kept on
// disk while the run lasts (extract.RunSpilled), under a lower memory limit.
func runExtractSpilled(ctx context.Context, opts inputOptions, paths []string, output string, stdout io.Writer) error {
	defer opts.Progress.end()
	s, st, err := extractSpilled(ctx, opts, paths)
	var partial *partialError
	if err != nil && !errors.As(err, &partial) {
		return err
	}
	defer s.Close()
	opts.Progress.status("writing the graph…")
	if err := writeOutput(output, stdout, func(w io.Writer) error {
		return jsonl.WriteStream(ctx, w, s.Nodes(), s.Rels())
	}); err != nil {
		return err
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	return partialOf(st)
}
