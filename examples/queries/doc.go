// Package queries holds the example Cypher queries (the *.cypher files beside it,
// embedded) and reads their headers: the question each answers and its parameters with
// their defaults. `newsgraph query NAME` runs them. The types are safe for concurrent use.
package queries
