package segment

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
)

// trie is a double-array trie over character codes, read in place from its bytes: node i
// is the little-endian uint64 at 8*i, holding its base (bits 0-20), its check (bits
// 21-41) and its info (bits 42-63). The root is node 0. The child of node s by code c
// (c ≥ 1) is node base(s)+c when that node's check is s; a free node's check is noParent.
// info is 0 for a node that ends no word, else wordBit with what the word is (a class and
// a tag for gse's dictionary, an index for a user dictionary).
type trie struct {
	nodes []byte
	n     int // number of nodes
}

const (
	nodeSize  = 8
	fieldBits = 21
	fieldMask = 1<<fieldBits - 1
	noParent  = fieldMask // the check of a free node
	maxNodes  = noParent  // so that no node is noParent
	infoShift = 2 * fieldBits
	wordBit   = 1 << (64 - infoShift - 1) // in info
)

func newTrie(nodes []byte) (trie, error) {
	if len(nodes)%nodeSize != 0 || len(nodes) == 0 || len(nodes)/nodeSize > maxNodes {
		return trie{}, fmt.Errorf("trie: %d bytes is no whole number of nodes, or too many", len(nodes))
	}
	return trie{nodes: nodes, n: len(nodes) / nodeSize}, nil
}

// node returns node i's word.
func (t trie) node(i int32) uint64 {
	return binary.LittleEndian.Uint64(t.nodes[int(i)*nodeSize:])
}

// child returns the child by code c of node s, whose word is w, and the child's word; or
// -1.
func (t trie) child(s int32, w uint64, c uint32) (int32, uint64) {
	i := int(w&fieldMask) + int(c)
	if i >= t.n {
		return -1, 0
	}
	cw := binary.LittleEndian.Uint64(t.nodes[i*nodeSize:])
	if int32(cw>>fieldBits&fieldMask) != s {
		return -1, 0
	}
	return int32(i), cw
}

// info returns the info in a node's word: 0 when the node ends no word.
func info(w uint64) uint32 { return uint32(w >> infoShift) }

// lookup walks codes from the root and returns the node reached, or -1, and its word.
func (t trie) lookup(codes []uint32) (int32, uint64) {
	s, w := int32(0), t.node(0)
	for _, c := range codes {
		if s, w = t.child(s, w, c); s < 0 {
			return -1, 0
		}
	}
	return s, w
}

// trieKey is a word to build into a trie: its codes and the info of its node.
type trieKey struct {
	codes []uint32
	info  uint32
}

// buildTrie lays out keys (distinct code sequences, every code ≥ 1, every info with
// wordBit and below 2×wordBit) as a double array, and returns its bytes; the same keys
// always give the same bytes.
//
// A node's base may be chosen before its own place is known (its children's check, its
// place, is written last), so bases are chosen for the nodes with the most children first,
// each at the lowest base where all its children fit: the wide nodes near the root fit
// while the array is still empty, and the many nodes with a child or two fill the holes
// they leave.
func buildTrie(keys []trieKey) ([]byte, error) {
	keys = slices.Clone(keys)
	slices.SortFunc(keys, func(a, b trieKey) int { return slices.Compare(a.codes, b.codes) })
	nodes := plainTrie(keys)
	order := make([]int32, 0, len(nodes))
	for i, nd := range nodes {
		if len(nd.codes) > 0 {
			order = append(order, int32(i))
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		na, nb := &nodes[a], &nodes[b]
		return cmp.Or(cmp.Compare(len(nb.codes), len(na.codes)),
			cmp.Compare(nb.codes[len(nb.codes)-1]-nb.codes[0], na.codes[len(na.codes)-1]-na.codes[0]))
	})
	var b arrayBuilder
	b.take(0) // the root's place: no one's child
	for _, i := range order {
		nd := &nodes[i]
		nd.base = int32(b.findBase(nd.codes))
		for _, c := range nd.codes {
			b.take(int(nd.base) + int(c))
		}
	}
	if b.n > maxNodes {
		return nil, fmt.Errorf("trie: %d nodes, more than %d", b.n, maxNodes)
	}
	// every node's place, parents before children
	words := make([]uint64, b.n)
	for i := range words {
		words[i] = noParent << fieldBits
	}
	place := make([]int32, len(nodes))
	for i := range nodes {
		nd := &nodes[i]
		words[place[i]] |= uint64(nd.base) | uint64(nd.info)<<infoShift
		for k, c := range nd.codes {
			child := nd.base + int32(c)
			place[nd.children+int32(k)] = child
			words[child] = words[child]&^(fieldMask<<fieldBits) | uint64(place[i])<<fieldBits
		}
	}
	out := make([]byte, len(words)*nodeSize)
	for i, w := range words {
		binary.LittleEndian.PutUint64(out[i*nodeSize:], w)
	}
	return out, nil
}

// plainNode is a node of a trie before it is laid out: its children are the nodes
// children, children+1, ... by codes, in order.
type plainNode struct {
	codes    []uint32
	children int32
	info     uint32
	base     int32
}

// plainTrie builds the trie of sorted keys, breadth first, so that a node's children are
// numbered after it.
func plainTrie(keys []trieKey) []plainNode {
	type span struct{ lo, hi, depth int }
	size := 1
	for _, k := range keys {
		size += len(k.codes)
	}
	nodes := make([]plainNode, 1, size)
	spans := make([]span, 1, size)
	spans[0] = span{0, len(keys), 0}
	codes := make([]uint32, 0, size) // every node's codes, in order
	for i := 0; i < len(nodes); i++ {
		sp := spans[i]
		lo := sp.lo
		if lo < sp.hi && len(keys[lo].codes) == sp.depth {
			nodes[i].info = keys[lo].info
			lo++
		}
		nodes[i].children = int32(len(nodes))
		start := len(codes)
		for j := lo; j < sp.hi; {
			c := keys[j].codes[sp.depth]
			k := j + 1
			for k < sp.hi && keys[k].codes[sp.depth] == c {
				k++
			}
			codes = append(codes, c)
			nodes = append(nodes, plainNode{})
			spans = append(spans, span{j, k, sp.depth + 1})
			j = k
		}
		nodes[i].codes = codes[start:len(codes):len(codes)]
	}
	return nodes
}

// arrayBuilder keeps which places of a double array are taken.
type arrayBuilder struct {
	taken []uint64 // a bit set
	n     int      // places up to the last taken one
	full  int      // the words of taken before it are full
}

// take marks place p taken.
func (b *arrayBuilder) take(p int) {
	for p/64 >= len(b.taken) {
		b.taken = append(b.taken, 0)
	}
	b.taken[p/64] |= 1 << (p % 64)
	b.n = max(b.n, p+1)
}

// at returns the taken bits of places p to p+63, place p in bit 0.
func (b *arrayBuilder) at(p int) uint64 {
	i, s := p/64, p%64
	var lo, hi uint64
	if i < len(b.taken) {
		lo = b.taken[i]
	}
	if i+1 < len(b.taken) {
		hi = b.taken[i+1]
	}
	if s == 0 {
		return lo
	}
	return lo>>s | hi<<(64-s)
}

// findBase returns the lowest base ≥ 0 at which every code's place is free. It tries 64
// bases at a time, and skips runs of places taken for the first code.
func (b *arrayBuilder) findBase(codes []uint32) int {
	first := int(codes[0])
	for b.full < len(b.taken) && b.taken[b.full] == ^uint64(0) {
		b.full++
	}
	for base := max(0, 64*b.full-first); ; base += 64 {
		for b.at(base+first) == ^uint64(0) {
			base += 64
		}
		fits := ^uint64(0)
		for _, c := range codes {
			if fits &^= b.at(base + int(c)); fits == 0 {
				break
			}
		}
		if fits != 0 {
			return base + bits.TrailingZeros64(fits)
		}
	}
}
