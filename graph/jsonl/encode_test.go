package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/schema"
)

// referenceWrite is what Write wrote before it had its own encoder: json.Encoder, HTML
// escaping off, one record a line. Write must give the same bytes.
func referenceWrite(w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, n := range g.Nodes() {
		props := make(map[string]any, len(n.Props)+1)
		for k, v := range n.Props {
			props[k] = v
		}
		props[schema.KeyProperty] = n.Key
		if err := enc.Encode(record{Type: "node", ID: n.Key, Labels: []string{n.Label}, Properties: props}); err != nil {
			return err
		}
	}
	for _, r := range g.Rels() {
		props := map[string]any(r.Props)
		if props == nil {
			props = map[string]any{}
		}
		if err := enc.Encode(record{
			Type: "relationship", ID: r.ID(), Label: r.Type, Properties: props,
			Start: &endRef{ID: r.Start.Key, Labels: []string{r.Start.Label}},
			End:   &endRef{ID: r.End.Key, Labels: []string{r.End.Label}},
		}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func TestWriteEqualsEncodingJSON(t *testing.T) {
	odd := []string{"", "plain 中文", `q"uote`, `back\slash`, "ctl\x00\x01\x1f\b\f\n\r\t", "del\x7f",
		"html <b>&amp;</b>", "sep\u2028\u2029", "line sep \u2028 alone", "para sep \u2029 alone",
		"near \u2027\u202a\u2000 them", "cut \xe2\x80", "bad utf8 \xff\xfe", "emoji 🙂", "a\u00e9"}
	big := graph.New()
	var prev graph.Ref
	for i := range 5000 { // more than one piece
		s := odd[i%len(odd)]
		ref := big.AddNode("Person", fmt.Sprintf("person:%d%s", i, s), graph.Props{
			"name": s, "aliases": []string{s, "b" + s}, "n": int64(i), "f": float64(i) / 3, "ok": i%2 == 0,
		}).Ref()
		if i%7 == 0 {
			big.Node(ref).Props["key"] = "a key property of its own " + s
		}
		if i%5 == 0 {
			big.Node(ref).Props["none"] = []string(nil)
		}
		if i > 0 {
			p := graph.Provenance("article:"+s, s)
			if i%3 == 0 {
				p = nil
			}
			big.AddRel("KNOWS"+s, prev, ref, p)
		}
		prev = ref
	}
	big.AddRel("", prev, prev, nil)
	for name, g := range map[string]*graph.Graph{"nasty": exporttest.Graph(), "big": big, "empty": graph.New()} {
		var got, want bytes.Buffer
		if err := Write(context.Background(), &got, g); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := referenceWrite(&want, g); err != nil {
			t.Fatalf("%s: reference: %v", name, err)
		}
		var streamed bytes.Buffer
		if err := WriteStream(context.Background(), &streamed, graph.Listed(g.Nodes()), graph.Listed(g.Rels())); err != nil {
			t.Fatalf("%s: WriteStream: %v", name, err)
		}
		if !bytes.Equal(streamed.Bytes(), got.Bytes()) {
			t.Errorf("%s: WriteStream writes %d bytes, Write %d", name, streamed.Len(), got.Len())
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			gl, wl := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
			for i := range min(len(gl), len(wl)) {
				if gl[i] != wl[i] {
					t.Fatalf("%s: line %d differs:\n got %s\nwant %s", name, i+1, gl[i], wl[i])
				}
			}
			t.Fatalf("%s: %d lines, want %d", name, len(gl), len(wl))
		}
	}
}

func TestWriteUnencodable(t *testing.T) {
	g := graph.New()
	g.AddNode("Person", "person:x", graph.Props{"score": math.NaN()})
	err := Write(context.Background(), io.Discard, g)
	if err == nil || !strings.Contains(err.Error(), "person:x") {
		t.Errorf("a NaN property: got %v, want an error naming the node", err)
	}
}

func TestWriteStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, io.Discard, exporttest.Graph()); err != context.Canceled {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func FuzzAppendString(f *testing.F) {
	// the edges of plain's three-byte path: U+2028 and U+2029, a surrogate and an
	// overlong form (invalid), a character cut short or broken, the last CJK lead byte
	for _, s := range []string{"", "中文", `"\`, "\x00\u2028", "\xff", "<&>", "a\u2028", "\u2029b", "\xed\xa0\x80", "\xe0\x80\x80", "中\xe4\xb8", "\xe4\xb8a", "\xe4a\xb8", "\u9fff\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendString(nil, s)
		want, err := appendJSON(nil, s)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
		var e encoder
		if got := e.appendValue(nil, []string{s, s}); !bytes.Equal(got, []byte("["+string(want)+","+string(want)+"]")) {
			t.Errorf("list of %q: got %s", s, got)
		}
	})
}

// TestWriteStreamStopsAtError: an error the relationships yield ends the write with it.
func TestWriteStreamStopsAtError(t *testing.T) {
	g := exporttest.Graph()
	boom := errors.New("run file cut short")
	if err := WriteStream(context.Background(), io.Discard, graph.Listed(g.Nodes()), exporttest.RelsFailing(g, 2, boom)); !errors.Is(err, boom) {
		t.Errorf("got %v, want the relationships' error", err)
	}
}
