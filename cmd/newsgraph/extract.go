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
		),
		Action: func(c *cli.Context) error {
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
	if output == "" || output == "-" {
		return jsonl.Write(ctx, stdout, g)
	}
	f, err := os.Create(output)
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	if err := jsonl.Write(ctx, f, g); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", output, err)
	}
	return f.Close()
}
