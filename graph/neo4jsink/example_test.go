package neo4jsink_test

import (
	"context"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/schema"
)

// A dry run needs no server: it counts what a load would send.
func ExampleSink_dryRun() {
	ctx := context.Background()
	g := graph.New()
	a := g.AddNode(schema.Article, graph.ArticleKey("…"), graph.Props{"title": "李强主持会议", "source": "a.txt"}).Ref()
	p := g.AddNode(schema.Person, graph.PersonKey("李强"), graph.Props{"name": "李强"}).Ref()
	g.AddRel(schema.Mentions, a, p, graph.Provenance(a.Key, "李强主持会议并讲话。"))

	s, err := neo4jsink.Open(ctx, neo4jsink.Config{DryRun: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Write(ctx, g); err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Stats().Report(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// dry run: nothing was sent to Neo4j
	// would write 1 articles, 2 nodes and 1 relationships in 3 statements
	//   Article                1 rows
	//   Person                 1 rows
	//   MENTIONS               1 rows
}
