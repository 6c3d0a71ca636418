package jsonl

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func TestRoundTrip(t *testing.T) {
	g := graph.New()
	p := g.AddNode("Person", "person:龚正", graph.Props{"name": "龚正", "aliases": []string{}}).Ref()
	r := g.AddNode("Role", "role:上海市人民政府/市长", graph.Props{"title": "市长"}).Ref()
	props := graph.Provenance("article:abc", "引号\"、反斜杠\\、换行\n和\u2028都在。")
	props["status"] = "current"
	g.AddRel("HOLDS", p, r, props)

	var first bytes.Buffer
	if err := Write(context.Background(), &first, g); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&first)
	if err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := Write(context.Background(), &second, back); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := Write(context.Background(), &again, g); err != nil {
		t.Fatal(err)
	}
	if got, want := second.String(), again.String(); got != want {
		t.Errorf("round trip changed the file:\ngot  %s\nwant %s", got, want)
	}
	lines := strings.Split(strings.TrimSpace(again.String()), "\n")
	if got, want := len(lines), 3; got != want {
		t.Fatalf("got %d lines, want %d", got, want)
	}
	if !strings.HasPrefix(lines[0], `{"type":"node","id":"person:龚正"`) || !strings.HasPrefix(lines[2], `{"type":"relationship"`) {
		t.Errorf("nodes must come before relationships:\n%s", again.String())
	}
}

func TestReadErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"not JSON", "{\"type\":\"node\",\"id\":\"a\",\"labels\":[\"Person\"],\"properties\":{}}\n{oops\n", "line 2"},
		{"unknown type", `{"type":"edge","id":"x"}`, "line 1: unknown record type"},
		{"dangling relationship", `{"type":"relationship","id":"r","label":"HOLDS","properties":{},"start":{"id":"a","labels":["Person"]},"end":{"id":"b","labels":["Role"]}}`, "line 1: relationship"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
