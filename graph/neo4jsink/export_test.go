package neo4jsink

// SetReadKeysPerQuery makes readRels read the relationships of n nodes per query until
// the returned function restores the default.
func SetReadKeysPerQuery(n int) (restore func()) {
	old := readKeysPerQuery
	readKeysPerQuery = n
	return func() { readKeysPerQuery = old }
}
