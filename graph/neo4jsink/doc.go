// Package neo4jsink loads a graph into Neo4j and runs read queries against it.
//
// A Sink implements graph.Sink. It writes nodes label by label and then relationships
// type by type, in batches of rows sent as one parameter to an `UNWIND $rows AS row MERGE …`
// statement, each batch in its own managed write transaction so the driver retries
// transient errors. Labels and relationship types come only from package schema; every
// value, article text included, is a query parameter.
//
// Writing is a merge, with the same rules as graph's in-memory merge: aliases and as are
// sorted sets, sources and evidence grow as parallel lists (evidence at most
// graph.MaxEvidence), firstSeen keeps the earliest date, lastSeen the latest, status
// follows the latest sighting, and any other property keeps its first value. Loading the
// same graph twice therefore changes nothing, and loading two graphs one after the other
// gives the database the graph that merging them in memory gives.
//
// With Config.DryRun a Sink never connects: it counts what it would send.
//
// A Sink is not safe for concurrent use: it counts what it writes in one Stats.
package neo4jsink
