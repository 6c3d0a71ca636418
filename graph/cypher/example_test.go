package cypher_test

import (
	"context"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/cypher"
	"github.com/newsgraph/newsgraph/schema"
)

func ExampleQuote() {
	fmt.Println(cypher.Quote("O'Neil said \"hi\"\n"))
	// Output: 'O\'Neil said \"hi\"\n'
}

func ExampleNodeStatement() {
	g := graph.New()
	n := g.AddNode(schema.Person, graph.PersonKey("李强"), graph.Props{"name": "李强"})
	st, err := cypher.NodeStatement(n)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st)
	// Output: MERGE (n:Person {key: 'person:李强'}) SET n += {name: '李强'}
}

func ExampleSink() {
	g := graph.New()
	li := g.AddNode(schema.Person, graph.PersonKey("李强"), graph.Props{"name": "李强"})
	role := g.AddNode(schema.Role, graph.RoleKey("", "书记"), graph.Props{"title": "书记"})
	g.AddRel(schema.Holds, li.Ref(), role.Ref(), graph.Props{"status": "current"})
	// The script starts with the schema's constraints and indexes, left out here.
	st, err := cypher.RelStatement(g.Rels()[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(st)
	if err := (cypher.Sink{W: os.Stdout}).Write(context.Background(), graph.New()); err != nil {
		fmt.Println(err)
	}
	// Output:
	// MATCH (a:Person {key: 'person:李强'}) MATCH (b:Role {key: 'role:/书记'}) MERGE (a)-[r:HOLDS]->(b) SET r += {status: 'current'}
	// // newsgraph: 0 nodes, 0 relationships.
	// // Run with: cypher-shell -f graph.cypher (or paste into Neo4j Browser).
	// CREATE CONSTRAINT article_key IF NOT EXISTS FOR (n:Article) REQUIRE n.key IS UNIQUE;
	// CREATE CONSTRAINT person_key IF NOT EXISTS FOR (n:Person) REQUIRE n.key IS UNIQUE;
	// CREATE CONSTRAINT organization_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.key IS UNIQUE;
	// CREATE CONSTRAINT role_key IF NOT EXISTS FOR (n:Role) REQUIRE n.key IS UNIQUE;
	// CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE;
	// CREATE CONSTRAINT place_key IF NOT EXISTS FOR (n:Place) REQUIRE n.key IS UNIQUE;
	// CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
	// CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
	// CREATE INDEX role_title IF NOT EXISTS FOR (n:Role) ON (n.title);
	// CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
	// CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
	// CREATE INDEX article_date IF NOT EXISTS FOR (n:Article) ON (n.date);
}
