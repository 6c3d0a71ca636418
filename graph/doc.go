// Package graph owns newsgraph's data model: nodes and relationships with stable keys,
// how two sightings of the same fact merge, their binary form for graphs kept on disk
// (spill.go), and the Sink interface that every output (JSON lines, Cypher, CSV, GraphML,
// HTML, Neo4j) implements in a subpackage.
//
// A Graph is not safe for concurrent use; extract builds one per article and a single
// goroutine merges them.
package graph
