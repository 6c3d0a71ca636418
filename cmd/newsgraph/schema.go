package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/schema"
)

func init() {
	commands = append(commands, &cli.Command{
		Name:  "schema",
		Usage: "print the constraints and indexes newsgraph uses, or create them with --apply",
		Flags: append(neo4jFlags(),
			&cli.BoolFlag{Name: "apply", Usage: "create them in Neo4j (each IF NOT EXISTS) and wait until they are online"},
		),
		Action: func(c *cli.Context) error {
			if !c.Bool("apply") {
				return printSchema(c.App.Writer)
			}
			return applySchema(c.Context, readNeo4jConfig(c), c.App.Writer)
		},
	})
}

// printSchema writes the schema as a Cypher script: one statement per line.
func printSchema(w io.Writer) error {
	for _, st := range schema.All() {
		if _, err := fmt.Fprintf(w, "%s;\n", st.Cypher); err != nil {
			return err
		}
	}
	return nil
}

// applySchema creates the schema in the database cfg names.
func applySchema(ctx context.Context, cfg neo4jsink.Config, w io.Writer) (err error) {
	sink, err := neo4jsink.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := sink.Close(context.WithoutCancel(ctx)); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if err := sink.ApplySchema(ctx); err != nil {
		return err
	}
	st := sink.Stats()
	_, err = fmt.Fprintf(w, "schema of %d statements applied to %s, database %s: %d constraints and %d indexes added, the rest existed\n",
		len(schema.All()), neo4jsink.RedactURI(sink.Config().URI), sink.Config().Database, st.ConstraintsAdded, st.IndexesAdded)
	return err
}
