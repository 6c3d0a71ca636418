package graph

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/newsgraph/newsgraph/schema"
)

// A graph too large for memory keeps its nodes and writes its relationships to files
// (extract's spilled run): these are the pieces of that. AppendRel and DecodeRel give a
// relationship a compact binary form that keeps every value as it is (a nil list apart
// from an empty one); the node helpers let several graphs share one set of nodes.

// value kinds in the binary form
const (
	kString  byte = iota + 1
	kList         // []string, not nil
	kNilList      // []string(nil)
	kInt
	kFloat
	kTrue
	kFalse
)

// AppendRel appends r's binary form to b. It fails on a property value of a kind the
// graph does not keep (string, []string, int64, float64, bool).
func AppendRel(b []byte, r *Rel) ([]byte, error) {
	b = appendStr(b, r.Type)
	b = appendStr(b, r.Start.Label)
	b = appendStr(b, r.Start.Key)
	b = appendStr(b, r.End.Label)
	b = appendStr(b, r.End.Key)
	keys := make([]string, 0, len(r.Props))
	for k := range r.Props {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same relationship, the same bytes
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendStr(b, k)
		switch v := r.Props[k].(type) {
		case string:
			b = appendStr(append(b, kString), v)
		case []string:
			if v == nil {
				b = append(b, kNilList)
				continue
			}
			b = binary.AppendUvarint(append(b, kList), uint64(len(v)))
			for _, s := range v {
				b = appendStr(b, s)
			}
		case int64:
			b = binary.AppendVarint(append(b, kInt), v)
		case float64:
			b = binary.LittleEndian.AppendUint64(append(b, kFloat), math.Float64bits(v))
		case bool:
			if v {
				b = append(b, kTrue)
			} else {
				b = append(b, kFalse)
			}
		default:
			return b, fmt.Errorf("relationship %s: property %s: a %T is no value the graph keeps", r.ID(), k, v)
		}
	}
	return b, nil
}

func appendStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errShort = errors.New("relationship record cut short or malformed")

// DecodeRel reads one relationship written by AppendRel from the start of b and returns
// it with what follows it.
func DecodeRel(b []byte) (*Rel, []byte, error) {
	d := decoder{b: b}
	r := &Rel{Type: d.str(), Start: Ref{d.str(), d.str()}, End: Ref{d.str(), d.str()}}
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)) { // each property takes two bytes at least
		d.err = errShort
	}
	if d.err != nil {
		return nil, b, d.err
	}
	r.Props = make(Props, n)
	for range n {
		k := d.str()
		switch kind := d.byte(); kind {
		case kString:
			r.Props[k] = d.str()
		case kList:
			m := d.uvarint()
			if m > uint64(len(d.b)) {
				d.err = errShort
				break
			}
			l := make([]string, m)
			for i := range l {
				l[i] = d.str()
			}
			r.Props[k] = l
		case kNilList:
			r.Props[k] = []string(nil)
		case kInt:
			v, w := binary.Varint(d.b)
			if w <= 0 {
				d.err = errShort
				break
			}
			d.b = d.b[w:]
			r.Props[k] = v
		case kFloat:
			if len(d.b) < 8 {
				d.err = errShort
				break
			}
			r.Props[k] = math.Float64frombits(binary.LittleEndian.Uint64(d.b))
			d.b = d.b[8:]
		case kTrue, kFalse:
			r.Props[k] = kind == kTrue
		default:
			if d.err == nil {
				d.err = fmt.Errorf("relationship record: unknown value kind %d", kind)
			}
		}
		if d.err != nil {
			return nil, b, d.err
		}
	}
	return r, d.b, nil
}

// decoder reads the binary form; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, w := binary.Uvarint(d.b)
	if w <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[w:]
	return v
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = errShort
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if len(d.b) == 0 {
		d.err = errShort
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// CompareRels orders relationships as Rels does: by type (schema.Types order), start,
// end.
func CompareRels(a, b *Rel) int {
	return compareRanked(rankedRel{schema.TypeRank(a.Type), a}, rankedRel{schema.TypeRank(b.Type), b})
}

// ShareNodes returns a graph with g's nodes, the same *Node values, and no
// relationships. A node changed through either graph changes in both; a node added to or
// removed from one is not added to or removed from the other (AdoptNodes).
func (g *Graph) ShareNodes() *Graph {
	o := New()
	o.nodes = make(map[Ref]*Node, len(g.nodes))
	for ref, n := range g.nodes {
		o.nodes[ref] = n
	}
	return o
}

// AdoptNodes adds to g, as they are, the nodes of o that g does not have, and returns
// how many it added.
func (g *Graph) AdoptNodes(o *Graph) int {
	added := 0
	for ref, n := range o.nodes {
		if _, ok := g.nodes[ref]; !ok {
			g.nodes[ref] = n
			added++
		}
	}
	return added
}
