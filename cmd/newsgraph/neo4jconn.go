package main

import (
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/graph/neo4jsink"
)

// neo4jFlags are the connection flags of load, schema --apply and query. Each falls back
// to the environment variable Neo4j's own tools use.
func neo4jFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "uri", EnvVars: []string{"NEO4J_URI"}, Value: "bolt://localhost:7687",
			Usage: "server `URI`: bolt://host:7687 (one server), neo4j://host (routing: cluster, Aura), or their +s forms"},
		&cli.StringFlag{Name: "user", EnvVars: []string{"NEO4J_USERNAME"}, Value: "neo4j", Usage: "user `NAME`"},
		&cli.StringFlag{Name: "password", EnvVars: []string{"NEO4J_PASSWORD"}, Usage: "`PASSWORD` (prefer the environment variable: a flag shows in ps)"},
		&cli.StringFlag{Name: "database", EnvVars: []string{"NEO4J_DATABASE"}, Value: neo4jsink.DefaultDatabase, Usage: "database `NAME`"},
	}
}

// readNeo4jConfig reads the connection flags.
func readNeo4jConfig(c *cli.Context) neo4jsink.Config {
	return neo4jsink.Config{
		URI:      c.String("uri"),
		User:     c.String("user"),
		Password: c.String("password"),
		Database: c.String("database"),
	}
}

// terminal returns w when it is a terminal, for progress bars, and nil otherwise.
func terminal(w io.Writer) io.Writer {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return w
}

// retryFlag bounds the driver's retries of a failed transaction.
func retryFlag() cli.Flag {
	return &cli.DurationFlag{Name: "retry-time", Value: neo4jsink.DefaultRetryTime,
		Usage: "how long to retry a batch that failed with a transient error (lost connection, leader switch)"}
}
