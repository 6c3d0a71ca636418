package graphml_test

import (
	"context"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphml"
	"github.com/newsgraph/newsgraph/schema"
)

func ExampleWrite() {
	g := graph.New()
	li := g.AddNode(schema.Person, graph.PersonKey("李强"), graph.Props{"name": "李强"})
	role := g.AddNode(schema.Role, graph.RoleKey("", "书记"), graph.Props{"title": "书记"})
	g.AddRel(schema.Holds, li.Ref(), role.Ref(), graph.Props{"sources": []string{"article:1"}})
	if err := graphml.Write(context.Background(), os.Stdout, g); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
	//   <key id="n0" for="node" attr.name="labels" attr.type="string"/>
	//   <key id="n1" for="node" attr.name="label" attr.type="string"/>
	//   <key id="n2" for="node" attr.name="key" attr.type="string"/>
	//   <key id="n3" for="node" attr.name="name" attr.type="string"/>
	//   <key id="n4" for="node" attr.name="title" attr.type="string"/>
	//   <key id="e0" for="edge" attr.name="label" attr.type="string"/>
	//   <key id="e1" for="edge" attr.name="sources" attr.type="string"/>
	//   <graph id="newsgraph" edgedefault="directed">
	//     <node id="n0"><data key="n0">:Person</data><data key="n1">李强</data><data key="n2">person:李强</data><data key="n3">李强</data></node>
	//     <node id="n1"><data key="n0">:Role</data><data key="n1">书记</data><data key="n2">role:/书记</data><data key="n4">书记</data></node>
	//     <edge id="e0" source="n0" target="n1"><data key="e0">HOLDS</data><data key="e1">["article:1"]</data></edge>
	//   </graph>
	// </graphml>
}
