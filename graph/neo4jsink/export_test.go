package neo4jsink

import "github.com/newsgraph/newsgraph/graph"

// SetReadKeysPerQuery makes readRels read the relationships of n nodes per query until
// the returned function restores the default.
func SetReadKeysPerQuery(n int) (restore func()) {
	old := readKeysPerQuery
	readKeysPerQuery = n
	return func() { readKeysPerQuery = old }
}

// CreatedID returns the id s keeps for a node it created, for creating relationships on
// it by id.
func (s *Sink) CreatedID(ref graph.Ref) (int64, bool) {
	id, ok := s.ids[ref]
	return id, ok
}
