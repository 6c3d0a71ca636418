// Package exporttest holds what the exporters' tests share: Graph builds a small graph
// with every label and relationship type of the schema and values that break careless
// escaping (quotes, backslashes, newlines, U+2028, "</script>", Cypher keywords, CSV
// delimiters), and SameGraph compares a graph read back from Neo4j or a file with the one
// that was written.
package exporttest
