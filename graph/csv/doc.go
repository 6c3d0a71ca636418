// Package csv writes a graph as the CSV files that `neo4j-admin database import full`
// reads into a new database: one node file per label, one relationship file per type,
// each with its header, and a README.md holding the exact import command.
//
// Every node's key is its import id, in one global id space, so one relationship file can
// hold a type whose ends have different labels (PARTICIPATED_IN from a Person or an
// Organization); keys carry their label as a prefix, and Write refuses a graph in which two
// labels share a key. The id column is named key, so the key property is stored as newsgraph
// load stores it.
//
// Strings are always quoted, with quotes doubled; an absent property is an empty unquoted
// field. Lists are string[] columns whose elements are joined with a delimiter chosen so
// that no element contains it (U+001F unless the data holds it); the import command names it.
// Values may span lines, so the command turns on --multiline-fields.
//
// Write is safe for concurrent use on different folders.
package csv
