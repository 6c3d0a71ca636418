// Package neo4jsink loads a graph into Neo4j and runs read queries against it.
//
// A Sink implements graph.Sink. It writes the nodes, then the relationships, one statement
// per label or per relationship type and pair of end labels, in batches of rows sent as
// one parameter to an `UNWIND $rows AS row MERGE …` statement, each batch in its own
// managed write transaction so the driver retries transient errors. Batches that cannot
// lock a node in common run side by side (Config.Workers). Labels and relationship types come only from package schema; every
// value, article text included, is a query parameter.
//
// Writing is a merge, with the same rules as graph's in-memory merge: aliases and as are
// sorted sets, sources and evidence grow as parallel lists (evidence at most
// graph.MaxEvidence), firstSeen keeps the earliest date, lastSeen the latest, status
// follows the latest sighting, and any other property keeps its first value. Loading the
// same graph twice therefore changes nothing, and loading two graphs one after the other
// gives the database the graph that merging them in memory gives. Rows whose properties
// that merge would leave as they are (any graph built with graph.AddNode and AddRel) go
// first through a short statement that gives what it creates the row's properties and
// names the rows that existed; only those go through the full merge, whose long Cypher
// the server is slow to plan and run. On an empty database nothing else is sent.
//
// With Config.DryRun a Sink never connects: it counts what it would send.
//
// A Sink is not safe for concurrent use: it counts what it writes in one Stats.
package neo4jsink
