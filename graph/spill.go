package graph

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"unsafe"

	"github.com/newsgraph/newsgraph/schema"
)

// A graph too large for memory keeps some of its nodes and writes the rest, and its
// relationships, to files (extract's spilled run): these are the pieces of that.
// AppendRel and DecodeRel, AppendNode and DecodeNode give an element a compact binary
// form that keeps every value as it is (a nil list apart from an empty one); CompareRels
// and CompareNodes order elements as Rels and Nodes do, and RecordKey orders their binary
// forms the same way without decoding them, for merging sorted runs; the node helpers let
// several graphs share one set of nodes.

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
	if r.raw != nil {
		return append(b, r.raw...), nil
	}
	b = appendStr(b, r.Type)
	b = appendStr(b, r.Start.Label)
	b = appendStr(b, r.Start.Key)
	b = appendStr(b, r.End.Label)
	b = appendStr(b, r.End.Key)
	b, err := appendProps(b, r.Props)
	if err != nil {
		return b, fmt.Errorf("relationship %s: %w", r.ID(), err)
	}
	return b, nil
}

// AppendNode appends n's binary form to b; see AppendRel.
func AppendNode(b []byte, n *Node) ([]byte, error) {
	b = appendStr(b, n.Label)
	b = appendStr(b, n.Key)
	b, err := appendProps(b, n.Props)
	if err != nil {
		return b, fmt.Errorf("node %s: %w", n.Key, err)
	}
	return b, nil
}

// appendProps appends p, its keys sorted (the same props, the same bytes).
func appendProps(b []byte, p Props) ([]byte, error) {
	var scratch [8]string // most props have fewer keys: no allocation
	keys := scratch[:0]
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendStr(b, k)
		switch v := p[k].(type) {
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
			return b, fmt.Errorf("property %s: a %T is no value the graph keeps", k, v)
		}
	}
	return b, nil
}

func appendStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errShort = errors.New("record cut short or malformed")

// DecodeRel reads one relationship written by AppendRel from the start of b and returns
// it with what follows it.
func DecodeRel(b []byte) (*Rel, []byte, error) {
	d := decoder{b: b}
	r := &Rel{Type: d.name(), Start: Ref{d.name(), d.str()}, End: Ref{d.name(), d.str()}}
	if r.Props = d.props(); d.err != nil {
		return nil, b, d.err
	}
	return r, d.b, nil
}

// DecodeRelKeep is DecodeRel for a record the caller gives away and never changes: the
// relationship's strings are the record's bytes, not copies, and it keeps the record as
// its binary form, which AppendRel writes as it is until a graph merges anything into
// the relationship (AddRelOwned adds it so). Change such a relationship through a graph
// only: its fields set by hand would leave AppendRel writing the record as it was read.
func DecodeRelKeep(rec []byte) (*Rel, []byte, error) {
	d := decoder{b: rec, view: true}
	r := &Rel{Type: d.name(), Start: Ref{d.name(), d.str()}, End: Ref{d.name(), d.str()}}
	if r.Props = d.props(); d.err != nil {
		return nil, rec, d.err
	}
	r.raw = rec[: len(rec)-len(d.b) : len(rec)-len(d.b)]
	return r, d.b, nil
}

// DecodeNode reads one node written by AppendNode from the start of b and returns it
// with what follows it.
func DecodeNode(b []byte) (*Node, []byte, error) {
	d := decoder{b: b}
	n := &Node{Label: d.name(), Key: d.str()}
	if n.Props = d.props(); d.err != nil {
		return nil, b, d.err
	}
	return n, d.b, nil
}

// props reads what appendProps wrote; on error it returns nil and d.err says why.
func (d *decoder) props() Props {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)) { // each property takes two bytes at least
		d.err = errShort
	}
	if d.err != nil {
		return nil
	}
	p := make(Props, n)
	for range n {
		k := d.name()
		switch kind := d.byte(); kind {
		case kString:
			p[k] = d.name()
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
			p[k] = l
		case kNilList:
			p[k] = []string(nil)
		case kInt:
			v, w := binary.Varint(d.b)
			if w <= 0 {
				d.err = errShort
				break
			}
			d.b = d.b[w:]
			p[k] = v
		case kFloat:
			if len(d.b) < 8 {
				d.err = errShort
				break
			}
			p[k] = math.Float64frombits(binary.LittleEndian.Uint64(d.b))
			d.b = d.b[8:]
		case kTrue, kFalse:
			p[k] = kind == kTrue
		default:
			if d.err == nil {
				d.err = fmt.Errorf("record: unknown value kind %d", kind)
			}
		}
		if d.err != nil {
			return nil
		}
	}
	return p
}

// decoder reads the binary form; the first error sticks. With view set, the strings it
// returns are b's bytes (DecodeRelKeep).
type decoder struct {
	b    []byte
	err  error
	view bool
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
	var s string
	if d.view {
		s = unsafe.String(unsafe.SliceData(d.b), n)
	} else {
		s = string(d.b[:n])
	}
	d.b = d.b[n:]
	return s
}

// name is str for the strings every element repeats: a type, a label, a property's
// name or a short value the graph keeps in many (a status) is the one string of names,
// not a copy per element decoded.
func (d *decoder) name() string {
	b := d.bytes()
	if s, ok := names[string(b)]; ok {
		return s
	}
	if d.view && len(b) > 0 {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}

// names holds the strings name gives as one: the schema's types and labels, the
// properties the extractor writes, and a relationship's statuses.
var names = func() map[string]string {
	m := map[string]string{}
	for _, l := range [][]string{schema.Types, schema.Labels, schema.ListProperties, {
		schema.KeyProperty, "name", "title", "kind", "date", "source", "place", "url",
		"firstSeen", "lastSeen", "status", "current", "former", "acting",
	}} {
		for _, s := range l {
			m[s] = s
		}
	}
	return m
}()

// bytes is str without a copy: the bytes are b's.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.err = errShort
		return nil
	}
	s := d.b[:n:n]
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

// A RecordKey is what orders an element's binary form as CompareRels or CompareNodes
// orders the element, read without decoding the rest: runs of records are merged by it,
// and only the merged records decoded. Its bytes are the record's.
type RecordKey struct {
	rank  int       // the type's or the label's place in the schema
	parts [5][]byte // compared in order: what the comparison after rank reads
}

// RelRecordKey returns the key of a record AppendRel wrote.
func RelRecordKey(b []byte) (RecordKey, error) {
	d := decoder{b: b}
	typ, sl, sk, el, ek := d.bytes(), d.bytes(), d.bytes(), d.bytes(), d.bytes()
	if d.err != nil {
		return RecordKey{}, d.err
	}
	return RecordKey{rank: rankOf(typ, schema.Types), parts: [5][]byte{typ, sk, sl, ek, el}}, nil
}

// NodeRecordKey returns the key of a record AppendNode wrote.
func NodeRecordKey(b []byte) (RecordKey, error) {
	d := decoder{b: b}
	label, key := d.bytes(), d.bytes()
	if d.err != nil {
		return RecordKey{}, d.err
	}
	return RecordKey{rank: rankOf(label, schema.Labels), parts: [5][]byte{label, key}}, nil
}

// rankOf is schema.TypeRank or schema.LabelRank of b, without making a string of it.
func rankOf(b []byte, order []string) int {
	for i, n := range order {
		if string(b) == n {
			return i
		}
	}
	return len(order)
}

// Compare returns -1, 0 or +1 as the element of k comes before, with or after o's.
func (k RecordKey) Compare(o RecordKey) int {
	if k.rank != o.rank {
		return cmp.Compare(k.rank, o.rank)
	}
	for i := range k.parts {
		if c := bytes.Compare(k.parts[i], o.parts[i]); c != 0 {
			return c
		}
	}
	return 0
}

// CompareRels orders relationships as Rels does: by type (schema.Types order), start,
// end.
func CompareRels(a, b *Rel) int {
	return compareRanked(rankedRel{schema.TypeRank(a.Type), a}, rankedRel{schema.TypeRank(b.Type), b})
}

// CompareNodes orders nodes as Nodes does: by label (schema.Labels order), then key.
func CompareNodes(a, b *Node) int {
	if ra, rb := schema.LabelRank(a.Label), schema.LabelRank(b.Label); ra != rb {
		return cmp.Compare(ra, rb)
	}
	return cmp.Or(strings.Compare(a.Label, b.Label), strings.Compare(a.Key, b.Key))
}

// Listed yields the elements of l, never an error: a graph's Nodes or Rels given to what
// reads a graph in order, as a spilled run's are (jsonl.WriteStream, csv.WriteStream).
func Listed[T any](l []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, v := range l {
			if !yield(v, nil) {
				return
			}
		}
	}
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

// Share adds n to g as it is, the same *Node, unless g has a node of its label and key: a
// node shared this way changes in every graph that has it.
func (g *Graph) Share(n *Node) {
	if _, ok := g.nodes[n.Ref()]; !ok {
		g.nodes[n.Ref()] = n
	}
}

// AdoptNodes adds to g, as they are, the nodes of o that g does not have, but those skip
// says true for (skip may be nil), and returns how many it added.
func (g *Graph) AdoptNodes(o *Graph, skip func(*Node) bool) int {
	added := 0
	for ref, n := range o.nodes {
		if _, ok := g.nodes[ref]; !ok && (skip == nil || !skip(n)) {
			g.nodes[ref] = n
			added++
		}
	}
	return added
}
