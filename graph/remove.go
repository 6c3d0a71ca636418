package graph

// RemoveNodes deletes the nodes refs and every relationship that touches one of them,
// in one pass over the relationships, where RemoveNode makes one pass per node: the
// identity pass (extract.Identity) retires many nodes of a large graph at once.
func (g *Graph) RemoveNodes(refs []Ref) {
	if len(refs) == 0 {
		return
	}
	gone := make(map[Ref]bool, len(refs))
	for _, ref := range refs {
		gone[ref] = true
		delete(g.nodes, ref)
	}
	for r := range g.rels.all {
		if gone[r.Start] || gone[r.End] {
			g.rels.remove(r.id())
		}
	}
}

// RemoveNodesTouched is RemoveNodes for a caller that knows the relationships of the
// nodes: touched(ref) lists every relationship of g that touches ref (ones no longer in g
// may be listed too). It deletes those instead of looking through every relationship of g.
func (g *Graph) RemoveNodesTouched(refs []Ref, touched func(Ref) []*Rel) {
	for _, ref := range refs {
		for _, r := range touched(ref) {
			if id := r.id(); g.rels.get(id) == r {
				g.rels.remove(id)
			}
		}
		delete(g.nodes, ref)
	}
}
