// Package neo4jsinktest gives tests a Sink on the test server of internal/neo4jtest,
// emptied and with the schema applied. The server is held for the test process by
// neo4jtest.Driver's lock, so packages that load into it run one after the other.
//
// It is for tests only; nothing in it is safe for concurrent use.
package neo4jsinktest
