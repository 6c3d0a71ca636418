package html_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/html"
	"github.com/newsgraph/newsgraph/schema"
)

func ExampleSink() {
	g := graph.New()
	li := g.AddNode(schema.Person, graph.PersonKey("李强"), graph.Props{"name": "李强"})
	role := g.AddNode(schema.Role, graph.RoleKey("", "书记"), graph.Props{"title": "书记"})
	g.AddRel(schema.Holds, li.Ref(), role.Ref(), graph.Props{"status": "current"})

	var page bytes.Buffer
	if err := (html.Sink{W: &page, Title: "两个节点"}).Write(context.Background(), g); err != nil {
		fmt.Println(err)
		return
	}
	s := page.String()
	fmt.Println(strings.HasPrefix(s, "<!DOCTYPE html>"))
	fmt.Println(strings.Contains(s, "<title>两个节点</title>"))
	fmt.Println(strings.Contains(s, `"name":"李强"`))
	fmt.Println(strings.Contains(s, "<script src") || strings.Contains(s, "<link")) // nothing to fetch
	// Output:
	// true
	// true
	// true
	// false
}
