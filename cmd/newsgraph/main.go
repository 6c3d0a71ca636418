// Command newsgraph reads Chinese news and builds a knowledge graph of people, roles,
// organizations and events, written as files or loaded into Neo4j.
//
// This package only wires: each command lives in its own file, parses its flags and calls
// a run function; extract, graph and its sinks do the work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/urfave/cli/v2"
)

// commands is filled by each command's file in its init function.
var commands []*cli.Command

func newApp(stdout, stderr io.Writer) *cli.App {
	cmds := append([]*cli.Command(nil), commands...)
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
	return &cli.App{
		Name:           "newsgraph",
		Usage:          "build a knowledge graph of people, roles, organizations and events from Chinese news",
		Commands:       cmds,
		Writer:         stdout,
		ErrWriter:      stderr,
		ExitErrHandler: func(*cli.Context, error) {},
	}
}

func main() {
	if os.Getenv("GOGC") == "" {
		go tuneGC(context.Background())
	}
	softMemoryLimit(os.Getenv, physicalMemory())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the command line and returns the exit status; it is the one place that
// decides what an error prints and which code it returns.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := newApp(stdout, stderr).RunContext(ctx, args)
	if err == nil {
		return 0
	}
	var partial *partialError
	if errors.As(err, &partial) {
		// The problems were already printed one per line as they happened.
		fmt.Fprintf(stderr, "newsgraph: %v\n", err)
		return 1
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "newsgraph: interrupted")
		return 130
	}
	fmt.Fprintf(stderr, "newsgraph: %v\n", err)
	return 1
}

// partialError reports that some inputs failed while the rest were processed and written.
type partialError struct {
	Failed int
	Total  int
}

func (e *partialError) Error() string {
	return fmt.Sprintf("%d of %d inputs failed; the others were processed", e.Failed, e.Total)
}
