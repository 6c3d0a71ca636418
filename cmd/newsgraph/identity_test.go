package main

import (
	"context"
	"os"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink/neo4jsinktest"
)

// TestNothingStoredWritesAll checks what writeResolved relies on when the database holds
// nothing of a batch: merging the batch into an empty graph gives the batch, changedOrOwn
// then gives the resolved graph itself and pruning nothing, for the identity cases
// (merges, splits, aliases) and the generated corpus.
func TestNothingStoredWritesAll(t *testing.T) {
	whole, _, dict := identityArchive(t, 1)
	cases, err := extractInputs(context.Background(), inputOptions{Dicts: []string{dict}, Stderr: os.Stderr}, []string{whole})
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]*graph.Graph{"identity cases": cases, "corpus": corpus(7, 300)} {
		t.Run(name, func(t *testing.T) {
			id, err := extract.NewIdentity([]string{dict})
			if err != nil {
				t.Fatal(err)
			}
			stored := graph.New()
			final := graph.New()
			final.Merge(stored)
			final.Merge(g)
			neo4jsinktest.SameGraph(t, final, g)
			id.Resolve(final)
			neo4jsinktest.SameGraph(t, changedOrOwn(final, stored, g), final)
			if p := pruning(stored, final); !p.Empty() {
				t.Errorf("pruning against nothing stored: %+v", p)
			}
		})
	}
}
