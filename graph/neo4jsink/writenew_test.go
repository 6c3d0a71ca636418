package neo4jsink

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/exporttest"
)

// seqOf yields xs, then err when it is not nil.
func seqOf[T any](xs []T, err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, x := range xs {
			if !yield(x, nil) {
				return
			}
		}
		var zero T
		if err != nil {
			yield(zero, err)
		}
	}
}

// TestReadChunks: every node comes before the first relationship, each once, in chunks
// of size at most; an iterator's error stops the chunks.
func TestReadChunks(t *testing.T) {
	g := exporttest.Graph()
	nodes, rels := g.Nodes(), g.Rels()
	for _, size := range []int{1, 2, 3, len(nodes) + len(rels)} {
		out := make(chan chunk, 1000)
		if err := readChunks(context.Background(), seqOf(nodes, nil), seqOf(rels, nil), size, out); err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		close(out)
		var gotN []*graph.Node
		var gotR []*graph.Rel
		for c := range out {
			if n := len(c.nodes) + len(c.rels); n == 0 || n > size || (len(c.nodes) > 0 && len(c.rels) > 0) {
				t.Errorf("size %d: a chunk of %d nodes and %d relationships", size, len(c.nodes), len(c.rels))
			}
			if len(c.nodes) > 0 && len(gotR) > 0 {
				t.Errorf("size %d: nodes after relationships", size)
			}
			gotN, gotR = append(gotN, c.nodes...), append(gotR, c.rels...)
		}
		if len(gotN) != len(nodes) || len(gotR) != len(rels) {
			t.Errorf("size %d: %d nodes and %d relationships, want %d and %d", size, len(gotN), len(gotR), len(nodes), len(rels))
		}
	}
	bad := errors.New("a run cut short")
	out := make(chan chunk, 1000)
	if err := readChunks(context.Background(), seqOf(nodes, nil), seqOf(rels[:1], bad), 2, out); err != bad {
		t.Errorf("readChunks with a failing iterator = %v, want %v", err, bad)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := readChunks(ctx, seqOf(nodes, nil), seqOf(rels, nil), 1, make(chan chunk)); !errors.Is(err, context.Canceled) {
		t.Errorf("readChunks canceled = %v, want context.Canceled", err)
	}
}

// TestWriteNewDryRun counts every node and relationship as written once, and returns
// the relationships' iterator's error.
func TestWriteNewDryRun(t *testing.T) {
	g := exporttest.Graph()
	s, err := Open(context.Background(), Config{DryRun: true, BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteNew(context.Background(), seqOf(g.Nodes(), nil), seqOf(g.Rels(), nil), 0); err != nil {
		t.Fatal(err)
	}
	nodes, rels := g.Len()
	if st := s.Stats(); st.NodeTotal().Rows != nodes || st.RelTotal().Rows != rels {
		t.Errorf("rows %d nodes and %d relationships, want %d and %d", st.NodeTotal().Rows, st.RelTotal().Rows, nodes, rels)
	}
	bad := errors.New("a run cut short")
	if err := s.WriteNew(context.Background(), seqOf(g.Nodes(), nil), seqOf(g.Rels(), bad), 0); err != bad {
		t.Errorf("WriteNew with a failing iterator = %v, want %v", err, bad)
	}
}
