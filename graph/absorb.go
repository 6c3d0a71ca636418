package graph

// Absorb is Merge for a graph that is not used again, such as one article's graph merged
// into a run's: a node or relationship that g does not have yet is taken over as it is,
// props map included, instead of being copied, when its props are already in the form
// Merge would give them (they are, when o was built with AddNode and AddRel and changed
// only by replacing values with equal ones). The result equals Merge's; o must not be
// read or changed afterwards, since its nodes and relationships may now be g's.
func (g *Graph) Absorb(o *Graph) {
	for ref, n := range o.nodes {
		if _, ok := g.nodes[ref]; !ok && settled(n.Props) {
			g.nodes[ref] = n
			continue
		}
		g.AddNode(n.Label, n.Key, n.Props)
	}
	for id, r := range o.rels {
		if _, ok := g.rels[id]; !ok && settled(r.Props) && g.nodes[r.Start] != nil && g.nodes[r.End] != nil {
			g.rels[id] = r
			continue
		}
		g.AddRel(r.Type, r.Start, r.End, r.Props)
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
	if _, ok := g.rels[id]; !ok && settled(props) && g.nodes[start] != nil && g.nodes[end] != nil {
		r := &Rel{Type: typ, Start: start, End: end, Props: props, shared: true}
		g.rels[id] = r
		return r
	}
	return g.AddRel(typ, start, end, props)
}
