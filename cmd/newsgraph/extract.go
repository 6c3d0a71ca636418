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
			&cli.BoolFlag{Name: "spill", Usage: "keep the relationships on disk (in $TMPDIR) while extracting, not in memory: for archives whose graph does not fit in memory; the output is the same"},
		),
		Action: func(c *cli.Context) error {
			if c.Bool("spill") {
				return runExtractSpilled(c.Context, readInputOptions(c), c.Args().Slice(), c.String("output"), c.App.Writer)
			}
			return runExtract(c.Context, readInputOptions(c), c.Args().Slice(), c.String("output"), c.App.Writer)
		},
	})
}

// runExtract writes the graph of the inputs as JSON lines. When some inputs fail, the
// graph of the others is still written and the error says how many failed.
func runExtract(ctx context.Context, opts inputOptions, paths []string, output string, stdout io.Writer) error {
	g, err := extractInputs(ctx, opts, paths)
	var partial *partialError
	if err != nil && !errors.As(err, &partial) {
		return err
	}
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

// runExtractSpilled is runExtract with the relationships kept on disk while the run
// lasts (extract.RunSpilled).
func runExtractSpilled(ctx context.Context, opts inputOptions, paths []string, output string, stdout io.Writer) error {
	if len(paths) == 0 {
		return fmt.Errorf("no input: name files, directories or - for stdin")
	}
	x, err := newExtractor(opts)
	if err != nil {
		return err
	}
	s, st, err := x.RunSpilled(ctx, paths, opts.stdin(), opts.reporter(), "")
	if err != nil {
		return err
	}
	defer s.Close()
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
