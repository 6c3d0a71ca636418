package graph

import (
	"hash/maphash"
	"reflect"
	"slices"
)

// Absorb is Merge for a graph that is not used again, such as one article's graph merged
// into a run's: a node or relationship that g does not have yet is taken over as it is,
// props map included, instead of being copied, when its props are already in the form
// Merge would give them (they are, when o was built with AddNode and AddRel and changed
// only by replacing values with equal ones). The result equals Merge's; o must not be
// read or changed afterwards, since its nodes and relationships may now be g's.
func (g *Graph) Absorb(o *Graph) {
	g.AbsorbNodes(o, nil)
	for r := range o.rels.all {
		id := r.id()
		if h := g.rels.hash(id); g.rels.getHashed(h, id) == nil && settled(r.Props) {
			if sn, en := g.nodes[r.Start], g.nodes[r.End]; sn != nil && en != nil {
				// the ends named by the nodes' own keys: an article's copies of
				// them are let go
				r.Start, r.End = sn.Ref(), en.Ref()
				g.rels.putHashed(h, id, r)
				continue
			}
		}
		g.AddRel(r.Type, r.Start, r.End, r.Props)
	}
}

// AbsorbNodes is Absorb for o's nodes alone, but those skip says true for (skip may be
// nil): its relationships are left out.
func (g *Graph) AbsorbNodes(o *Graph, skip func(*Node) bool) {
	for ref, n := range o.nodes {
		if skip != nil && skip(n) {
			continue
		}
		// looked up once: most of an article's persons and bodies are the run's already
		if old := g.nodes[ref]; old != nil {
			mergeProps(old.Props, n.Props, g.grown)
			continue
		}
		if settled(n.Props) {
			g.nodes[ref] = n
			continue
		}
		g.AddNode(n.Label, n.Key, n.Props)
	}
}

// settled reports whether mergeProps into an empty map would give p back unchanged: a
// non-nil map whose sets are sorted and non-nil, whose dates are non-empty strings, and
// whose sources are distinct with no more sentences than sources (nor than MaxEvidence).
func settled(p Props) bool {
	if p == nil {
		return false
	}
	for k, v := range p {
		switch k {
		case "sources":
			s, ok := v.([]string)
			if !ok || len(s) == 0 || !distinct(s) {
				return false
			}
		case "evidence":
			e, ok := v.([]string)
			s, _ := p["sources"].([]string)
			if !ok || len(e) == 0 || len(e) > min(MaxEvidence, len(s)) {
				return false
			}
		case "firstSeen", "lastSeen":
			if s, _ := v.(string); s == "" {
				return false
			}
		case "status":
		default:
			if l, ok := v.([]string); ok && (l == nil || !isSet(l)) {
				return false
			}
		}
	}
	return true
}

// AddNodeOwned is AddNode for props made for this call alone: when the node is new and
// props is in merged form, props becomes the node's own map instead of being copied. The
// caller must not use props afterwards.
func (g *Graph) AddNodeOwned(label, key string, props Props) *Node {
	ref := Ref{label, key}
	if _, ok := g.nodes[ref]; !ok && settled(props) {
		n := &Node{Label: label, Key: key, Props: props}
		g.nodes[ref] = n
		return n
	}
	return g.AddNode(label, key, props)
}

// AddRelShared is AddRel for a props map made to be kept, by this relationship alone or
// by several, such as the provenance that all the facts read in one sentence share: when
// the relationship is new and props is in merged form, the relationship takes props as
// it is instead of a copy, and the graph copies it before it merges anything into it.
// Neither the caller nor anyone holding the map may change it afterwards.
func (g *Graph) AddRelShared(typ string, start, end Ref, props Props) *Rel {
	id := relID{typ, start.Key, end.Key}
	if h := g.rels.hash(id); g.rels.getHashed(h, id) == nil && settled(props) {
		if sn, en := g.nodes[start], g.nodes[end]; sn != nil && en != nil {
			r := &Rel{Type: typ, Start: sn.Ref(), End: en.Ref(), Props: props, shared: true}
			g.rels.putHashed(h, id, r)
			return r
		}
	}
	return g.AddRel(typ, start, end, props)
}

// AddRelOwned is AddRel for a relationship made for this call alone, such as one
// DecodeRel or DecodeRelKeep gave: when it is new, its two ends are in g and its props
// are in merged form, r itself is added, its props its own, and its binary form kept.
// Otherwise it merges as AddRel does. The caller must not use r afterwards.
func (g *Graph) AddRelOwned(r *Rel) *Rel {
	id := r.id()
	if h := g.rels.hash(id); g.rels.getHashed(h, id) == nil && settled(r.Props) {
		if sn, en := g.nodes[r.Start], g.nodes[r.End]; sn != nil && en != nil {
			r.Start, r.End, r.shared = sn.Ref(), en.Ref(), false
			g.rels.putHashed(h, r.id(), r)
			return r
		}
	}
	return g.AddRel(r.Type, r.Start, r.End, r.Props)
}

// ShareEqualProps lets the relationships of g whose props are equal share one map, as
// AddRelShared's do (the graph copies a shared map before it merges into it): one
// article's facts often carry the same provenance, a person and the body named beside
// them read in the same sentences. It returns how many maps were let go.
func (g *Graph) ShareEqualProps() int {
	seed := maphash.MakeSeed() // buckets only: which equal map is kept changes nothing
	var h maphash.Hash
	h.SetSeed(seed)
	seen := map[uint64][]*Rel{}
	dropped := 0
	for r := range g.rels.all {
		if len(r.Props) == 0 {
			continue
		}
		sum := propsHash(&h, r.Props)
		var same *Rel
		for _, o := range seen[sum] {
			if equalProps(o.Props, r.Props) {
				same = o
				break
			}
		}
		if same == nil {
			seen[sum] = append(seen[sum], r)
			continue
		}
		if !sameMap(same.Props, r.Props) {
			r.Props = same.Props
			dropped++
		}
		r.shared, same.shared = true, true
	}
	return dropped
}

// propsHash hashes p's keys and values, whatever order the map gives them in.
func propsHash(h *maphash.Hash, p Props) uint64 {
	var sum uint64
	for k, v := range p {
		h.Reset()
		h.WriteString(k)
		switch v := v.(type) {
		case string:
			h.WriteString(v)
		case []string:
			for _, s := range v {
				h.WriteByte(0)
				h.WriteString(s)
			}
		}
		sum += h.Sum64() // order-free; other kinds of value are compared, not hashed
	}
	return sum
}

// equalProps reports whether a and b hold the same keys with equal values.
func equalProps(a, b Props) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok {
			return false
		}
		switch va := va.(type) {
		case []string:
			l, ok := vb.([]string)
			if !ok || (va == nil) != (l == nil) || !slices.Equal(va, l) {
				return false
			}
		case string, int64, float64, bool:
			if va != vb {
				return false
			}
		default:
			return false // a kind of value the graph does not keep: never shared
		}
	}
	return true
}

// sameMap reports whether a and b are one map.
func sameMap(a, b Props) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}
