// Package jsonl writes a graph as JSON lines in the APOC export format (one node or
// relationship per line, nodes first), which `CALL apoc.import.json(...)` reads, and reads
// such files back.
package jsonl

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"runtime"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

type endRef struct {
	ID     string   `json:"id"`
	Labels []string `json:"labels"`
}

type record struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Labels     []string       `json:"labels,omitempty"`
	Label      string         `json:"label,omitempty"`
	Properties map[string]any `json:"properties"`
	Start      *endRef        `json:"start,omitempty"`
	End        *endRef        `json:"end,omitempty"`
}

// Sink writes a graph to W as APOC JSON lines.
type Sink struct {
	W io.Writer
}

// Write implements graph.Sink.
func (s Sink) Write(ctx context.Context, g *graph.Graph) error { return Write(ctx, s.W, g) }

// Write writes g to w: every node, then every relationship, in the graph's sorted order.
// Lines are encoded on one goroutine per core, a run of elements at a time, and written
// in order.
func Write(ctx context.Context, w io.Writer, g *graph.Graph) error {
	nodes, rels := g.Nodes(), g.Rels()
	workers := runtime.GOMAXPROCS(0)
	type piece struct {
		b    []byte
		err  error
		done chan struct{}
	}
	const run = 2048 // elements a piece
	// a piece's buffer is used again once written: growing fresh ones allocated as much
	// as the file's size, and with a large graph in memory every allocation pays for
	// garbage collection
	bufs := &bufPool{free: make(chan []byte, 3*workers)}
	stop := make(chan struct{})
	defer close(stop)
	jobs := make(chan func(), workers)
	pieces := make(chan *piece, 2*workers) // in order; bounds what is encoded and not written
	go func() {
		defer close(jobs)
		defer close(pieces)
		total := len(nodes) + len(rels)
		for lo := 0; lo < total; lo += run {
			if ctx.Err() != nil {
				return
			}
			hi := min(lo+run, total)
			p := &piece{done: make(chan struct{}), b: bufs.get()}
			select {
			case pieces <- p:
			case <-stop:
				return
			}
			job := func() {
				defer close(p.done)
				var e encoder
				for i := lo; i < hi; i++ {
					if i < len(nodes) {
						n := nodes[i]
						if p.b = e.appendNode(p.b, n); e.err != nil {
							p.err = fmt.Errorf("write node %s: %w", n.Key, e.err)
							return
						}
						continue
					}
					r := rels[i-len(nodes)]
					if p.b = e.appendRel(p.b, r); e.err != nil {
						p.err = fmt.Errorf("write relationship %s: %w", r.ID(), e.err)
						return
					}
				}
			}
			select {
			case jobs <- job:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for job := range jobs {
				job()
			}
		}()
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	for p := range pieces {
		<-p.done
		if p.err != nil {
			return p.err
		}
		if _, err := bw.Write(p.b); err != nil {
			return err
		}
		bufs.put(p.b)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return bw.Flush()
}

// bufPool keeps the buffers of pieces written.
type bufPool struct{ free chan []byte }

func (p *bufPool) get() []byte {
	select {
	case b := <-p.free:
		return b[:0]
	default:
		return make([]byte, 0, 1<<20)
	}
}

func (p *bufPool) put(b []byte) {
	select {
	case p.free <- b:
	default:
	}
}

// Read parses APOC JSON lines written by Write back into a graph. Errors name the line.
// Lines are decoded on one goroutine per core, a chunk of lines at a time, and added to
// the graph in file order, so the graph and the error are those of reading one line after
// the other.
func Read(r io.Reader) (*graph.Graph, error) {
	stop := make(chan struct{})
	defer close(stop)
	chunks := decodeChunks(r, stop)
	g := graph.New()
	var rels []decoded
	for c := range chunks {
		<-c.done
		for _, d := range c.lines {
			if d.err != nil {
				return nil, d.err
			}
			rec := d.rec
			switch rec.Type {
			case "node":
				if len(rec.Labels) != 1 {
					return nil, fmt.Errorf("line %d: node %q has %d labels, want 1", d.line, rec.ID, len(rec.Labels))
				}
				g.AddNode(rec.Labels[0], rec.ID, d.props)
			case "relationship":
				rels = append(rels, d)
			default:
				return nil, fmt.Errorf("line %d: unknown record type %q", d.line, rec.Type)
			}
		}
		if c.err != nil {
			return nil, c.err
		}
	}
	for _, d := range rels {
		rec := d.rec
		if rec.Start == nil || rec.End == nil || len(rec.Start.Labels) != 1 || len(rec.End.Labels) != 1 {
			return nil, fmt.Errorf("line %d: relationship %q lacks a start or end", d.line, rec.ID)
		}
		start := graph.Ref{Label: rec.Start.Labels[0], Key: rec.Start.ID}
		end := graph.Ref{Label: rec.End.Labels[0], Key: rec.End.ID}
		if g.AddRel(rec.Label, start, end, d.props) == nil {
			return nil, fmt.Errorf("line %d: relationship %q names a node not in the file", d.line, rec.ID)
		}
	}
	return g, nil
}

// decoded is one line decoded: the record and its properties as graph values (a node's
// without its key), or the error that names the line.
type decoded struct {
	line  int
	rec   record
	props graph.Props
	err   error
}

// chunk is a run of lines; done is closed once they are decoded. err is a read error
// after the last of them.
type chunk struct {
	text  []byte
	ends  []int // text[ends[i-1]:ends[i]] is the i-th line
	first int   // number of the first line
	lines []decoded
	done  chan struct{}
	err   error
}

// chunkLines is how many lines a chunk holds.
const chunkLines = 512

// decodeChunks reads r in chunks of lines, has them decoded by one goroutine per core,
// and sends them in file order; it stops when stop is closed.
func decodeChunks(r io.Reader, stop <-chan struct{}) <-chan *chunk {
	workers := runtime.GOMAXPROCS(0)
	ordered := make(chan *chunk, 2*workers)
	work := make(chan *chunk, 2*workers)
	for i := 0; i < workers; i++ {
		go func() {
			for c := range work {
				c.decode()
				close(c.done)
			}
		}()
	}
	go func() {
		defer close(ordered)
		defer close(work)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
		line := 0
		next := func() *chunk { return &chunk{first: line + 1, done: make(chan struct{})} }
		send := func(c *chunk) bool {
			select {
			case ordered <- c:
			case <-stop:
				return false
			}
			select {
			case work <- c:
			case <-stop:
				return false
			}
			return true
		}
		c := next()
		for sc.Scan() {
			line++
			c.text = append(c.text, sc.Bytes()...)
			c.ends = append(c.ends, len(c.text))
			if len(c.ends) == chunkLines {
				if !send(c) {
					return
				}
				c = next()
			}
		}
		if err := sc.Err(); err != nil {
			c.err = fmt.Errorf("line %d: %w", line+1, err)
		}
		send(c)
	}()
	return ordered
}

// decode decodes the lines of c, up to the first that is not JSON.
func (c *chunk) decode() {
	start := 0
	for i, end := range c.ends {
		b := c.text[start:end]
		start = end
		if len(b) == 0 {
			continue
		}
		d := decoded{line: c.first + i}
		if err := json.Unmarshal(b, &d.rec); err != nil {
			d.err = fmt.Errorf("line %d: %w", d.line, err)
			c.lines = append(c.lines, d)
			return
		}
		d.props = graph.Props{}
		for k, v := range d.rec.Properties {
			if k != schema.KeyProperty || d.rec.Type != "node" {
				d.props[k] = fromJSON(v)
			}
		}
		d.rec.Properties = nil
		c.lines = append(c.lines, d)
	}
	c.text, c.ends = nil, nil
}

// fromJSON turns decoded JSON values back into the graph's property types.
func fromJSON(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
		return x
	default:
		return v
	}
}

// WriteStream writes the nodes and then the relationships that nodes and rels yield, in
// the order they come, as Write writes a graph's: for a graph read from disk in order
// (extract.Spilled), one line at a time. It stops at the first error either yields.
func WriteStream(ctx context.Context, w io.Writer, nodes iter.Seq2[*graph.Node, error], rels iter.Seq2[*graph.Rel, error]) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var e encoder
	var b []byte
	i := 0
	for n, err := range nodes {
		if err != nil {
			return err
		}
		if b = e.appendNode(b[:0], n); e.err != nil {
			return fmt.Errorf("write node %s: %w", n.Key, e.err)
		}
		if _, err := bw.Write(b); err != nil {
			return err
		}
		if i++; i%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	for r, err := range rels {
		if err != nil {
			return err
		}
		if b = e.appendRel(b[:0], r); e.err != nil {
			return fmt.Errorf("write relationship %s: %w", r.ID(), e.err)
		}
		if _, err := bw.Write(b); err != nil {
			return err
		}
		if i++; i%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return bw.Flush()
}
