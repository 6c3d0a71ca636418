package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:  "build",
		Usage: "extract the graph and write it as files: JSON lines, Cypher, CSV for neo4j-admin, GraphML and an HTML picture",
		Description: "Extracts the inputs (the bundled examples/ when none is given) and writes into one folder:\n" +
			"  graph.jsonl    APOC JSON lines (CALL apoc.import.json)\n" +
			"  graph.cypher   a Cypher script: constraints, then MERGE statements (cypher-shell -f)\n" +
			"  import/        CSV files and the neo4j-admin database import command (import/README.md)\n" +
			"  graph.graphml  GraphML for Gephi, yEd, networkx\n" +
			"  graph.html     a page that draws the graph, offline\n" +
			"--format picks some of them (jsonl, cypher, csv, graphml, html): for an archive's first\n" +
			"load into an empty database, --format csv and neo4j-admin are the fast way.\n" +
			"In a folder that holds other files, only the files written are replaced. With\n" +
			"NEO4J_URI (or --uri) set, the graph is also merged into Neo4j by key, schema first\n" +
			"(newsgraph load also resolves the names against what the database holds).",
		ArgsUsage: "[PATH...] (files, directories, or - for stdin; default: examples/)",
		Flags: append(append(inputFlags(), neo4jFlags()...),
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "out", Usage: "write the files into `DIR`"},
			&cli.StringSliceFlag{Name: "format", Usage: "write only the outputs `NAME`: jsonl, cypher, csv (import/), graphml, html; repeat or separate with commas (default: all)"},
			&cli.StringFlag{Name: "title", Usage: "the `TITLE` of graph.html (default: newsgraph and the inputs)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but errors"},
			&cli.BoolFlag{Name: "json", Usage: "print the summary as one JSON object, for scripts"},
			&cli.BoolFlag{Name: "spill", Usage: "keep the relationships, articles and events on disk (in $TMPDIR) while extracting, as newsgraph extract does; only for --format jsonl and csv, which it loads too when told to (default: for those, when the inputs add up to 64 MB or more or come through a pipe on stdin; --spill=false: never)"},
		),
		Action: func(c *cli.Context) error {
			fs, err := parseFormats(c.StringSlice("format"))
			if err != nil {
				return err
			}
			opts := buildOptions{
				Input:   readInputOptions(c),
				Paths:   c.Args().Slice(),
				Out:     c.String("out"),
				Title:   c.String("title"),
				Formats: fs,
				Quiet:   c.Bool("quiet"),
				JSON:    c.Bool("json"),
			}
			if c.IsSet("spill") {
				spill := c.Bool("spill")
				opts.Spill = &spill
			}
			if c.IsSet("uri") && c.String("uri") != "" {
				cfg := readNeo4jConfig(c)
				opts.Neo4j = &cfg
			}
			if !opts.Quiet && !opts.JSON {
				opts.Progress = terminal(c.App.ErrWriter)
			}
			return runBuild(c.Context, opts, c.App.Writer, c.App.ErrWriter)
		},
	})
}

// buildOptions is everything runBuild needs.
type buildOptions struct {
	Input    inputOptions
	Paths    []string // default: the articles of examples/
	Out      string
	Title    string
	Formats  formats // nil: every output
	Quiet    bool
	JSON     bool
	Neo4j    *neo4jsink.Config // load into Neo4j as well; nil: files only
	Progress io.Writer         // a terminal for status lines, or nil
	Spill    *bool             // spill (extract.RunSpilled); nil: from 64 MB of input, when it can
}

// runBuild extracts the inputs, writes the files, loads them into Neo4j when asked to and
// prints the summary. When some inputs fail, the files of the others are written and the
// error says how many failed.
func runBuild(ctx context.Context, opts buildOptions, stdout, stderr io.Writer) error {
	paths := opts.Paths
	if len(paths) == 0 {
		var err error
		if paths, err = exampleInputs("examples"); err != nil {
			return err
		}
	}
	status := newStatus(opts.Progress)
	defer status.clear()

	streamable := opts.Formats.streamable()
	if opts.Spill != nil && *opts.Spill && !streamable {
		return errors.New("--spill writes only jsonl and csv: give --format jsonl,csv")
	}
	told := opts.Spill
	if told == nil && !streamable {
		told = new(bool) // a format a spilled run cannot write: never
	}
	spill, size, err := opts.Input.spills(paths, told)
	if err != nil {
		return err
	}
	// what is read, while it is read, on the status line
	opts.Input.Progress = newRunProgress(opts.Progress, size)
	var g *graph.Graph
	var s *extract.Spilled
	var st extract.Stats
	if spill {
		s, st, err = extractSpilled(ctx, opts.Input, paths)
		if s != nil { // a partial error leaves a graph to write
			defer s.Close()
		}
	} else {
		g, st, err = extractWithStats(ctx, opts.Input, paths)
	}
	opts.Input.Progress.end()
	var partial *partialError
	if err != nil && !errors.As(err, &partial) {
		return err
	}
	title := opts.Title
	if title == "" {
		title = pageTitle(paths)
	}
	out, err := writeOutputs(ctx, g, s, opts.Out, title, opts.Formats, status)
	if err != nil {
		return err
	}
	status.clear()
	if !opts.Quiet && !opts.JSON {
		out.note(stderr)
	}

	var sum *buildSummary
	var loadErr error
	if s != nil {
		if sum, err = summarizeStream(s.Nodes(), s.Rels(), st.Inputs, out); err != nil {
			return err
		}
		if opts.Neo4j != nil {
			cfg := *opts.Neo4j
			cfg.Progress = opts.Progress
			sum.Neo4j, loadErr = loadInto(ctx, cfg, func(sink *neo4jsink.Sink) error { return writeSpilled(ctx, sink, s) })
		}
		if err := s.Close(); err != nil {
			return fmt.Errorf("spill: %w", err)
		}
	} else {
		sum = summarize(g, st.Inputs, out)
		if opts.Neo4j != nil {
			cfg := *opts.Neo4j
			cfg.Progress = opts.Progress
			sum.Neo4j, loadErr = loadInto(ctx, cfg, func(sink *neo4jsink.Sink) error { return sink.Write(ctx, g) })
		}
	}
	switch {
	case opts.JSON:
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	case !opts.Quiet:
		if err := sum.print(stdout); err != nil {
			return err
		}
	}
	if loadErr != nil {
		return fmt.Errorf("the files are in %s, but loading failed: %w", out.Dir, loadErr)
	}
	if partial != nil {
		return partial
	}
	return nil
}

// exampleInputs returns the article files at the top of the examples folder: the
// default input of build. Subfolders hold other things (queries/).
func exampleInputs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("no input given and no bundled examples here (%w): name files or directories to read", err)
	}
	var paths []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".txt", ".md", ".html", ".jsonl":
			if !e.IsDir() {
				paths = append(paths, filepath.Join(dir, e.Name()))
			}
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no input given and %s holds no articles: name files or directories to read", dir)
	}
	sort.Strings(paths)
	return paths, nil
}

// pageTitle names the page after its input when there is one, else after the count.
func pageTitle(paths []string) string {
	if len(paths) == 1 {
		return "newsgraph · " + filepath.Base(paths[0])
	}
	return fmt.Sprintf("newsgraph · %d inputs", len(paths))
}

// writeSpilled writes a spilled run's graph into the database, a chunk at a time:
// created into an empty database, merged into one that holds a graph.
func writeSpilled(ctx context.Context, sink *neo4jsink.Sink, s *extract.Spilled) error {
	empty, err := isEmpty(ctx, sink)
	if err != nil {
		return err
	}
	nodes, rels := s.Len()
	if empty {
		return sink.WriteNew(ctx, s.Nodes(), s.Rels(), nodes+rels)
	}
	return sink.WriteStream(ctx, s.Nodes(), s.Rels(), nodes+rels)
}

// loadInto merges a graph into Neo4j with write, schema first.
func loadInto(ctx context.Context, cfg neo4jsink.Config, write func(*neo4jsink.Sink) error) (_ *loadSummary, err error) {
	sink, err := neo4jsink.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := sink.Close(context.WithoutCancel(ctx)); cerr != nil && err == nil {
			err = fmt.Errorf("close the Neo4j connection: %w", cerr)
		}
	}()
	if err := sink.ApplySchema(ctx); err != nil {
		return nil, err
	}
	if err := write(sink); err != nil {
		return nil, err
	}
	st := sink.Stats()
	c := sink.Config()
	return &loadSummary{
		URI:                  neo4jsink.RedactURI(c.URI),
		Database:             c.Database,
		NodesCreated:         st.NodeTotal().Created,
		NodesUpdated:         st.NodeTotal().Updated,
		RelationshipsCreated: st.RelTotal().Created,
		RelationshipsUpdated: st.RelTotal().Updated,
		stats:                st,
	}, nil
}
