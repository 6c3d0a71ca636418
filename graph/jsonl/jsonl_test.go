package jsonl

import (
	"bytes"
	"context"
	"fmt"
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

// TestReadManyChunks reads a file of many chunks of lines back whole, and names the line
// of an error in a later chunk even when a chunk after it is broken too.
func TestReadManyChunks(t *testing.T) {
	g := graph.New()
	for i := range 3 * chunkLines {
		a := g.AddNode("Article", fmt.Sprintf("article:%04d", i), graph.Props{"title": fmt.Sprint(i)}).Ref()
		p := g.AddNode("Person", fmt.Sprintf("person:%d", i%97), graph.Props{"name": fmt.Sprint(i % 97), "aliases": []string{fmt.Sprint(i)}}).Ref()
		g.AddRel("MENTIONS", a, p, graph.Provenance(a.Key, "句子"))
	}
	var b bytes.Buffer
	if err := Write(context.Background(), &b, g); err != nil {
		t.Fatal(err)
	}
	back, err := Read(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := Write(context.Background(), &again, back); err != nil {
		t.Fatal(err)
	}
	if again.String() != b.String() {
		t.Error("reading many chunks changed the graph")
	}
	lines := strings.SplitAfter(b.String(), "\n")
	lines[1500] = "{oops\n"
	lines[2600] = `{"type":"edge"}` + "\n"
	if _, err := Read(strings.NewReader(strings.Join(lines, ""))); err == nil || !strings.HasPrefix(err.Error(), "line 1501: ") {
		t.Errorf("got error %v, want one naming line 1501", err)
	}
}
