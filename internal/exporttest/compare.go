package exporttest

import (
	"reflect"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// SameGraph fails the test when got and want differ in a count, a node, a relationship or
// a property value; what names got in the messages.
func SameGraph(t testing.TB, what string, got, want *graph.Graph) {
	t.Helper()
	gn, gr := got.Len()
	wn, wr := want.Len()
	if gn != wn || gr != wr {
		t.Errorf("%s: %d nodes and %d relationships, want %d and %d", what, gn, gr, wn, wr)
	}
	for _, w := range want.Nodes() {
		n := got.Node(w.Ref())
		if n == nil {
			t.Errorf("%s: node %s %q missing", what, w.Label, w.Key)
		} else if !reflect.DeepEqual(n.Props, w.Props) {
			t.Errorf("%s: node %q:\ngot  %#v\nwant %#v", what, w.Key, n.Props, w.Props)
		}
	}
	for _, w := range want.Rels() {
		r := got.Rel(w.Type, w.Start, w.End)
		if r == nil {
			t.Errorf("%s: relationship %q missing", what, w.ID())
		} else if !reflect.DeepEqual(r.Props, w.Props) {
			t.Errorf("%s: relationship %q:\ngot  %#v\nwant %#v", what, w.ID(), r.Props, w.Props)
		}
	}
}
