package queries_test

import (
	"fmt"

	"github.com/newsgraph/newsgraph/examples/queries"
)

func ExampleGet() {
	q, err := queries.Get("role-holders")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q.Question)
	params, err := q.Bind(map[string]string{"org": "市委"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(params["title"], params["org"])
	// Output:
	// Who has held a given position over time? The organization may be named by its canonical name or by an alias.
	// 书记 市委
}
