// Package cypher writes a graph as a Cypher script that Neo4j Browser or cypher-shell runs
// as it is: the schema's constraints and indexes first, then one MERGE on key per node,
// then one MATCH … MERGE per relationship. The script is self-contained, so every value
// is a literal, escaped by Quote; labels, types and property names never come from input
// text. Statements end with ";\n" and no literal contains a raw newline, so splitting the
// script on ";\n" gives the statements.
//
// The script is meant for an empty database or one it wrote before: SET n += {…} gives
// each property the script's value, where `newsgraph load` merges lists with what the
// database already holds.
//
// Sink and the functions of this package are safe for concurrent use when their writers are.
package cypher
