package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/examples/queries"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:  "query",
		Usage: "run one of the example Cypher queries (examples/queries) and print a table",
		Description: "Without NAME, lists the queries, the question each answers and its parameters.\n" +
			"Parameters have defaults that fit the seed page; --param NAME=VALUE replaces one.",
		ArgsUsage: "[NAME]",
		Flags: append(neo4jFlags(),
			&cli.GenericFlag{Name: "param", Aliases: []string{"p"}, Value: &paramValues{}, Usage: "a parameter `NAME=VALUE` (repeatable)"},
			&cli.StringFlag{Name: "file", Usage: "run the Cypher query in `FILE` instead (same header format)"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output `FORMAT`: table, tsv or json (one object per row)"},
		),
		Action: func(c *cli.Context) error {
			// The flag's value lives as long as the command: empty it for the next run
			// in the same process.
			defer c.Generic("param").(*paramValues).reset()
			cfg, opts, err := readQueryArgs(c)
			if err != nil {
				return err
			}
			if opts.Name == "" && opts.File == "" {
				return listQueries(c.App.Writer)
			}
			return runQuery(c.Context, cfg, opts, c.App.Writer)
		},
	})
}

// readQueryArgs reads the flags, including those written after NAME
// (`newsgraph query NAME --param k=v`), which the command line parser leaves as
// arguments: they are parsed again here, on top of the ones given before NAME.
func readQueryArgs(c *cli.Context) (neo4jsink.Config, queryOptions, error) {
	params := c.Generic("param").(*paramValues)
	args := c.Args().Slice()
	if len(args) > 1 {
		fs := flag.NewFlagSet("query", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		for _, name := range []string{"uri", "user", "password", "database", "file", "format"} {
			fs.String(name, c.String(name), "")
		}
		fs.Var(params, "param", "")
		fs.Var(params, "p", "")
		if err := fs.Parse(args[1:]); err != nil {
			return neo4jsink.Config{}, queryOptions{}, fmt.Errorf("query: %w", err)
		}
		if fs.NArg() > 0 {
			return neo4jsink.Config{}, queryOptions{}, fmt.Errorf("query takes one NAME, got also %q", fs.Args())
		}
		get := func(name string) string { return fs.Lookup(name).Value.String() }
		cfg := neo4jsink.Config{URI: get("uri"), User: get("user"), Password: get("password"), Database: get("database")}
		return cfg, queryOptions{Name: args[0], File: get("file"), Params: params.m, Format: get("format")}, nil
	}
	return readNeo4jConfig(c), queryOptions{Name: c.Args().First(), File: c.String("file"), Params: params.m, Format: c.String("format")}, nil
}

// paramValues collects --param NAME=VALUE; unlike a string slice flag it does not split
// values at commas.
type paramValues struct{ m map[string]string }

func (p *paramValues) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("want NAME=VALUE, got %q", s)
	}
	if p.m == nil {
		p.m = map[string]string{}
	}
	p.m[name] = value
	return nil
}

func (p *paramValues) reset() { p.m = nil }

func (p *paramValues) String() string {
	if p == nil {
		return ""
	}
	names := make([]string, 0, len(p.m))
	for k := range p.m {
		names = append(names, k+"="+p.m[k])
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// queryOptions say which query to run and how to print it.
type queryOptions struct {
	Name   string
	File   string
	Params map[string]string
	Format string
}

func listQueries(w io.Writer) error {
	all, err := queries.All()
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, q := range all {
		fmt.Fprintf(&b, "%s\n    %s\n", q.Name, q.Question)
		for _, p := range q.Params {
			fmt.Fprintf(&b, "    --param %s=%s\n", p.Name, p.Default)
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// runQuery runs one query in a read transaction and prints its rows.
func runQuery(ctx context.Context, cfg neo4jsink.Config, opts queryOptions, w io.Writer) (err error) {
	var q queries.Query
	if opts.File != "" {
		b, err := os.ReadFile(opts.File)
		if err != nil {
			return err
		}
		if q, err = queries.Parse(opts.File, string(b)); err != nil {
			return err
		}
	} else if q, err = queries.Get(opts.Name); err != nil {
		return err
	}
	params, err := q.Bind(opts.Params)
	if err != nil {
		return err
	}
	switch opts.Format {
	case "table", "tsv", "json":
	default:
		return fmt.Errorf("format %q is not table, tsv or json", opts.Format)
	}
	sink, err := neo4jsink.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := sink.Close(context.WithoutCancel(ctx)); cerr != nil && err == nil {
			err = cerr
		}
	}()
	t, err := sink.Query(ctx, q.Cypher, params)
	if err != nil {
		return fmt.Errorf("query %s: %w", q.Name, err)
	}
	switch opts.Format {
	case "json":
		return writeJSONRows(w, t)
	case "tsv":
		return writeTSV(w, t)
	default:
		return writeTable(w, t)
	}
}

// cell renders a value on one line: lists joined with ", ", newlines and tabs escaped.
func cell(v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		s = x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		s = "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		s = string(b)
	case int64:
		s = strconv.FormatInt(x, 10)
	default:
		s = fmt.Sprint(x)
	}
	return strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
}

// width is the number of terminal columns s takes: East Asian wide characters take two.
func width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

func wide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF && r != 0x303F,
		r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return false
}

// writeTable prints an aligned table with a header rule and a row count.
func writeTable(w io.Writer, t *neo4jsink.Table) error {
	cells := make([][]string, 0, len(t.Rows)+1)
	cells = append(cells, t.Columns)
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = cell(v)
		}
		cells = append(cells, row)
	}
	widths := make([]int, len(t.Columns))
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], width(c))
		}
	}
	var b strings.Builder
	line := func(row []string) {
		for i, c := range row {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-width(c)))
			}
		}
		b.WriteString("\n")
	}
	line(cells[0])
	rule := make([]string, len(widths))
	for i, n := range widths {
		rule[i] = strings.Repeat("-", n)
	}
	b.WriteString(strings.Join(rule, "-+-") + "\n")
	for _, row := range cells[1:] {
		line(row)
	}
	fmt.Fprintf(&b, "(%d rows)\n", len(t.Rows))
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTSV(w io.Writer, t *neo4jsink.Table) error {
	var b strings.Builder
	b.WriteString(strings.Join(t.Columns, "\t") + "\n")
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for i, v := range r {
			row[i] = cell(v)
		}
		b.WriteString(strings.Join(row, "\t") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeJSONRows(w io.Writer, t *neo4jsink.Table) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range t.Rows {
		obj := make(map[string]any, len(r))
		for i, v := range r {
			obj[t.Columns[i]] = v
		}
		if err := enc.Encode(obj); err != nil {
			return err
		}
	}
	return nil
}
