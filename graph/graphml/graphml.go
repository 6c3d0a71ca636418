package graphml

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// The attributes every node or edge carries besides its properties.
const (
	AttrLabels = "labels" // node: ":" + its label
	AttrLabel  = "label"  // node: its name, title or key; edge: its relationship type
)

// Sink writes a graph to W as GraphML.
type Sink struct {
	W io.Writer
}

// Write implements graph.Sink.
func (s Sink) Write(ctx context.Context, g *graph.Graph) error { return Write(ctx, s.W, g) }

// key is one declared GraphML key.
type key struct {
	id, domain, name, typ string
}

// Write writes g to w as one directed GraphML graph.
func Write(ctx context.Context, w io.Writer, g *graph.Graph) error {
	nodes, rels := g.Nodes(), g.Rels()
	nodeProps := make([]graph.Props, len(nodes))
	for i, n := range nodes {
		for _, a := range []string{AttrLabels, AttrLabel} {
			if _, ok := n.Props[a]; ok {
				return fmt.Errorf("graphml: node %s: property %q clashes with the attribute GraphML files carry", n.Key, a)
			}
		}
		nodeProps[i] = n.Props
	}
	relProps := make([]graph.Props, len(rels))
	for i, r := range rels {
		if _, ok := r.Props[AttrLabel]; ok {
			return fmt.Errorf("graphml: relationship %s: property %q clashes with the attribute GraphML files carry", r.ID(), AttrLabel)
		}
		relProps[i] = r.Props
	}
	// A node's attributes and key, and a relationship's type, are written beside the
	// props, not copied into them: an archive has millions.
	nodeKeys, err := declare("node", []string{AttrLabels, AttrLabel, schema.KeyProperty}, nodeProps)
	if err != nil {
		return err
	}
	edgeKeys, err := declare("edge", []string{AttrLabel}, relProps)
	if err != nil {
		return err
	}

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range append(nodeKeys, edgeKeys...) {
		fmt.Fprintf(bw, "  <key id=\"%s\" for=\"%s\" attr.name=\"", k.id, k.domain)
		escape(bw, k.name, true)
		fmt.Fprintf(bw, "\" attr.type=\"%s\"/>\n", k.typ)
	}
	bw.WriteString("  <graph id=\"newsgraph\" edgedefault=\"directed\">\n")
	index := make(map[graph.Ref]int, len(nodes))
	for i, n := range nodes {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		index[n.Ref()] = i
		fmt.Fprintf(bw, "    <node id=\"n%d\">", i)
		fixed := []attr{{AttrLabels, ":" + n.Label}, {AttrLabel, displayName(n)}, {schema.KeyProperty, n.Key}}
		if err := writeData(bw, nodeKeys, fixed, n.Props); err != nil {
			return fmt.Errorf("graphml: node %s: %w", n.Key, err)
		}
		bw.WriteString("</node>\n")
	}
	for i, r := range rels {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"n%d\" target=\"n%d\">", i, index[r.Start], index[r.End])
		if err := writeData(bw, edgeKeys, []attr{{AttrLabel, r.Type}}, r.Props); err != nil {
			return fmt.Errorf("graphml: relationship %s: %w", r.ID(), err)
		}
		bw.WriteString("</edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// displayName returns what a viewer should print on a node: its name, its title or its key.
func displayName(n *graph.Node) string {
	for _, p := range []string{"name", "title"} {
		if s, ok := n.Props[p].(string); ok && s != "" {
			return s
		}
	}
	return n.Key
}

// declare returns the keys of one domain: the two attributes first, then the properties
// sorted by name, each with the type all its values share. fixed names the string
// attributes every element carries besides its props, which take their place.
func declare(domain string, fixed []string, props []graph.Props) ([]key, error) {
	types := map[string]string{}
	for _, name := range fixed {
		types[name] = "string"
	}
	for _, p := range props {
		for name, v := range p {
			if slices.Contains(fixed, name) {
				continue
			}
			t, err := typeOf(v)
			if err != nil {
				return nil, fmt.Errorf("graphml: %s property %s: %w", domain, name, err)
			}
			if old, ok := types[name]; ok && old != t {
				return nil, fmt.Errorf("graphml: %s property %s is a %s in one place and a %s in another; a GraphML key has one type", domain, name, t, old)
			}
			types[name] = t
		}
	}
	names := make([]string, 0, len(types))
	for name := range types {
		names = append(names, name)
	}
	rank := func(s string) int {
		switch s {
		case AttrLabels:
			return 0
		case AttrLabel:
			return 1
		case schema.KeyProperty:
			return 2
		}
		return 3
	}
	sort.Slice(names, func(i, j int) bool {
		if ri, rj := rank(names[i]), rank(names[j]); ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	out := make([]key, len(names))
	for i, name := range names {
		out[i] = key{id: fmt.Sprintf("%s%d", domain[:1], i), domain: domain, name: name, typ: types[name]}
	}
	return out, nil
}

func typeOf(v any) (string, error) {
	switch v.(type) {
	case string, []string:
		return "string", nil
	case int64, int:
		return "long", nil
	case float64:
		return "double", nil
	case bool:
		return "boolean", nil
	default:
		return "", fmt.Errorf("unsupported type %T", v)
	}
}

// attr is an attribute written beside an element's props (see declare).
type attr struct{ name, value string }

// writeData writes a <data> element for each key that fixed or else p has a value for.
func writeData(w *bufio.Writer, keys []key, fixed []attr, p graph.Props) error {
	for _, k := range keys {
		var v any
		ok := false
		for _, a := range fixed {
			if a.name == k.name {
				v, ok = a.value, true
				break
			}
		}
		if !ok {
			if v, ok = p[k.name]; !ok {
				continue
			}
		}
		s, err := text(v)
		if err != nil {
			return fmt.Errorf("property %s: %w", k.name, err)
		}
		fmt.Fprintf(w, "<data key=\"%s\">", k.id)
		escape(w, s, false)
		w.WriteString("</data>")
	}
	return nil
}

// text returns a value as the text of a <data> element.
func text(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case []string:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(x); err != nil {
			return "", err
		}
		return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int:
		return strconv.Itoa(x), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	default:
		return "", fmt.Errorf("unsupported type %T", v)
	}
}

// escape writes s as XML character data, or as a double-quoted attribute's value when attr
// is set: markup characters and line breaks as references (a parser would turn a raw CR
// into LF), characters XML 1.0 cannot hold as U+FFFD.
func escape(w *bufio.Writer, s string, attr bool) {
	for _, r := range s {
		switch r {
		case '&':
			w.WriteString("&amp;")
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		case '"':
			if attr {
				w.WriteString("&quot;")
			} else {
				w.WriteByte('"')
			}
		case '\n':
			w.WriteString("&#xA;")
		case '\r':
			w.WriteString("&#xD;")
		case '\t':
			w.WriteString("&#x9;")
		default:
			if !xmlChar(r) {
				r = utf8.RuneError
			}
			w.WriteRune(r)
		}
	}
}

// xmlChar reports whether r is a Char of XML 1.0.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
