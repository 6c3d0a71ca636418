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
func Write(ctx context.Context, w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, n := range g.Nodes() {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		props := make(map[string]any, len(n.Props)+1)
		for k, v := range n.Props {
			props[k] = v
		}
		props[schema.KeyProperty] = n.Key
		if err := enc.Encode(record{Type: "node", ID: n.Key, Labels: []string{n.Label}, Properties: props}); err != nil {
			return fmt.Errorf("write node %s: %w", n.Key, err)
		}
	}
	for i, r := range g.Rels() {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		props := map[string]any(r.Props)
		if props == nil {
			props = map[string]any{}
		}
		rec := record{
			Type: "relationship", ID: r.ID(), Label: r.Type, Properties: props,
			Start: &endRef{ID: r.Start.Key, Labels: []string{r.Start.Label}},
			End:   &endRef{ID: r.End.Key, Labels: []string{r.End.Label}},
		}
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("write relationship %s: %w", r.ID(), err)
		}
	}
	return bw.Flush()
}

// Read parses APOC JSON lines written by Write back into a graph. Errors name the line.
func Read(r io.Reader) (*graph.Graph, error) {
	g := graph.New()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	type pending struct {
		rec  record
		line int
	}
	var rels []pending
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		var rec record
		if err := json.Unmarshal(b, &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		switch rec.Type {
		case "node":
			if len(rec.Labels) != 1 {
				return nil, fmt.Errorf("line %d: node %q has %d labels, want 1", line, rec.ID, len(rec.Labels))
			}
			props := graph.Props{}
			for k, v := range rec.Properties {
				if k != schema.KeyProperty {
					props[k] = fromJSON(v)
				}
			}
			g.AddNode(rec.Labels[0], rec.ID, props)
		case "relationship":
			rels = append(rels, pending{rec, line})
		default:
			return nil, fmt.Errorf("line %d: unknown record type %q", line, rec.Type)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	for _, p := range rels {
		rec := p.rec
		if rec.Start == nil || rec.End == nil || len(rec.Start.Labels) != 1 || len(rec.End.Labels) != 1 {
			return nil, fmt.Errorf("line %d: relationship %q lacks a start or end", p.line, rec.ID)
		}
		props := graph.Props{}
		for k, v := range rec.Properties {
			props[k] = fromJSON(v)
		}
		start := graph.Ref{Label: rec.Start.Labels[0], Key: rec.Start.ID}
		end := graph.Ref{Label: rec.End.Labels[0], Key: rec.End.ID}
		if g.AddRel(rec.Label, start, end, props) == nil {
			return nil, fmt.Errorf("line %d: relationship %q names a node not in the file", p.line, rec.ID)
		}
	}
	return g, nil
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
