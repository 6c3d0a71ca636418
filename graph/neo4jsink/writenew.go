package neo4jsink

import (
	"context"
	"iter"

	"github.com/newsgraph/newsgraph/graph"
)

// chunkBatches is the number of batches of rows WriteNew plans at once: enough for the
// workers to find batches that lock no node in common, few enough that the rows of the
// chunk being written, of the next and of the one being read (20,000 each at the default
// batch size) stay small beside a spilled run's memory. Loading the 200 MB corpus, the
// client's writing took 131 CPU-seconds at 16, two thirds of them the garbage
// collector's (195 s in all, 486 MB at peak), and 27 at 4 (152 s, 369 MB).
const chunkBatches = 4

// WriteNew creates in the database the nodes, then the relationships, that nodes and
// rels yield: a graph too large to hold in memory (extract.Spilled's), written into a
// database that holds none of it, as WriteKnown writes a graph into an empty one. Only a
// chunk of rows (Config.BatchSize times chunkBatches) is planned at a time, the next one
// read while it is written; of what is written, the Sink keeps only the ids of the nodes
// it created, which the relationships are created by. Each node and relationship must
// come once, and each relationship's ends among the nodes (or stored already): a node
// already stored fails its batch on the key's constraint. total, the number of both, is
// the progress bar's (0 draws none). WriteNew stops at the first error an iterator
// yields or the first failing batch (a *BatchError); what was committed before stays.
func (s *Sink) WriteNew(ctx context.Context, nodes iter.Seq2[*graph.Node, error], rels iter.Seq2[*graph.Rel, error], total int) error {
	return s.writeChunks(ctx, nodes, rels, total, graph.New()) // knowing nothing stored: every row is created
}

// WriteStream is WriteNew for a database that may hold some of the graph already: each
// chunk is merged into it as Write merges a graph, and the database then holds what
// writing the whole graph at once gives. Each node and relationship must come once.
func (s *Sink) WriteStream(ctx context.Context, nodes iter.Seq2[*graph.Node, error], rels iter.Seq2[*graph.Rel, error], total int) error {
	return s.writeChunks(ctx, nodes, rels, total, nil)
}

// writeChunks writes the nodes, then the relationships, a chunk at a time, each planned
// with known (see WriteKnown; nil: merged).
func (s *Sink) writeChunks(ctx context.Context, nodes iter.Seq2[*graph.Node, error], rels iter.Seq2[*graph.Rel, error], total int, known *graph.Graph) error {
	bar := newProgress(s.cfg.Progress, total)
	defer bar.finish()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan chunk, 1)
	read := make(chan error, 1)
	go func() {
		defer close(chunks)
		read <- readChunks(ctx, nodes, rels, s.cfg.BatchSize*chunkBatches, chunks)
	}()
	var err error
	for c := range chunks {
		if err != nil {
			continue // drained, so that the reader ends
		}
		var groups []*group
		if groups, _, err = plan(c.nodes, c.rels, known); err == nil {
			err = s.run(ctx, groups, bar)
		}
		if err != nil {
			cancel()
		}
	}
	if rerr := <-read; err == nil { // else the reader stopped for it
		err = rerr
	}
	return err
}

// chunk is writeChunks' rows for one plan: nodes or relationships, up to a number of each.
type chunk struct {
	nodes []*graph.Node
	rels  []*graph.Rel
}

// readChunks sends the nodes, then the relationships, in chunks of size on out, every
// node before the first relationship; it stops at the first error an iterator yields,
// or when ctx is done.
func readChunks(ctx context.Context, nodes iter.Seq2[*graph.Node, error], rels iter.Seq2[*graph.Rel, error], size int, out chan<- chunk) error {
	var c chunk
	send := func() error {
		if len(c.nodes)+len(c.rels) == 0 {
			return nil
		}
		select {
		case out <- c:
			c = chunk{}
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for n, err := range nodes {
		if err != nil {
			return err
		}
		if c.nodes = append(c.nodes, n); len(c.nodes) == size {
			if err := send(); err != nil {
				return err
			}
		}
	}
	if err := send(); err != nil { // the last nodes, before the relationships
		return err
	}
	for r, err := range rels {
		if err != nil {
			return err
		}
		if c.rels = append(c.rels, r); len(c.rels) == size {
			if err := send(); err != nil {
				return err
			}
		}
	}
	return send()
}
