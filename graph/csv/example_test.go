package csv_test

import (
	"context"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/csv"
	"github.com/newsgraph/newsgraph/schema"
)

func ExampleWrite() {
	g := graph.New()
	li := g.AddNode(schema.Person, graph.PersonKey("李强"), graph.Props{"name": "李强"})
	role := g.AddNode(schema.Role, graph.RoleKey("中共上海市委", "书记"), graph.Props{"title": "书记"})
	g.AddRel(schema.Holds, li.Ref(), role.Ref(), graph.Props{"status": "current"})

	dir, err := os.MkdirTemp("", "import")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	im, err := csv.Write(context.Background(), dir, g)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(im.Command("neo4j"))
	// Output:
	// neo4j-admin database import full \
	//     --nodes=Person=nodes-Person.csv \
	//     --nodes=Role=nodes-Role.csv \
	//     --relationships=HOLDS=relationships-HOLDS.csv \
	//     --id-type=string \
	//     --array-delimiter=U+001F \
	//     --multiline-fields=true \
	//     neo4j
}
