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
	for id, r := range g.rels {
		if gone[r.Start] || gone[r.End] {
			delete(g.rels, id)
		}
	}
}
