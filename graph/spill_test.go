package graph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestRelRoundTrip: DecodeRel gives back what AppendRel wrote, every kind of value as it
// was (a nil list apart from an empty one), record after record.
func TestRelRoundTrip(t *testing.T) {
	rels := []*Rel{
		{Type: "HOLDS", Start: Ref{"Person", "person:龚正"}, End: Ref{"Role", "role:上海市人民政府/市长"}, Props: Props{
			"sources": []string{"article:1", "article:2"}, "evidence": []string{"上海市委副书记、市长龚正"},
			"firstSeen": "2021-05-28", "lastSeen": "2021-05-29", "status": "current",
		}},
		{Type: "OF", Start: Ref{"Role", "role:x/y"}, End: Ref{"Organization", "org:x"}, Props: Props{}},
		{Type: "T", Start: Ref{"A", ""}, End: Ref{"B", "b"}, Props: Props{
			"empty": []string{}, "nil": []string(nil), "n": int64(-42), "big": int64(math.MaxInt64),
			"f": 2.5, "nan-free": math.Inf(-1), "yes": true, "no": false, "s": "", "quote\"": "a\x00b",
		}},
		{Type: "NIL", Start: Ref{"A", "a"}, End: Ref{"A", "a"}},
	}
	var b []byte
	for _, r := range rels {
		var err error
		if b, err = AppendRel(b, r); err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range rels {
		got, rest, err := DecodeRel(b)
		if err != nil {
			t.Fatalf("relationship %d: %v", i, err)
		}
		wantProps := want.Props
		if wantProps == nil {
			wantProps = Props{}
		}
		if got.Type != want.Type || got.Start != want.Start || got.End != want.End || !reflect.DeepEqual(got.Props, wantProps) {
			t.Errorf("relationship %d: got %+v, want %+v", i, got, want)
		}
		for k, v := range wantProps {
			if l, ok := v.([]string); ok && (l == nil) != (got.Props[k].([]string) == nil) {
				t.Errorf("relationship %d: %s: nil and empty lists confused", i, k)
			}
		}
		b = rest
	}
	if len(b) != 0 {
		t.Errorf("%d bytes left over", len(b))
	}
	if _, err := AppendRel(nil, &Rel{Type: "T", Props: Props{"x": 3}}); err == nil {
		t.Error("an int (not int64) encoded: the graph keeps no such value")
	}
}

// FuzzDecodeRel: any bytes decode to a relationship or an error, never a panic, and what
// decodes encodes back to the bytes it was read from.
func FuzzDecodeRel(f *testing.F) {
	seed, _ := AppendRel(nil, &Rel{Type: "HOLDS", Start: Ref{"Person", "person:a"}, End: Ref{"Role", "role:b"}, Props: Props{
		"sources": []string{"article:1"}, "n": int64(7), "f": 1.5, "b": true, "nil": []string(nil),
	}})
	f.Add(seed)
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, rest, err := DecodeRel(b)
		if err != nil {
			return
		}
		again, err := AppendRel(nil, r)
		if err != nil {
			t.Fatalf("a decoded relationship does not encode: %v", err)
		}
		// the same keys in sorted order give the same bytes; a record written with keys
		// out of order or twice decodes to fewer or reordered keys, so compare decoded
		r2, rest2, err := DecodeRel(again)
		if err != nil || len(rest2) != 0 {
			t.Fatalf("re-encoded relationship does not decode whole: %v", err)
		}
		third, _ := AppendRel(nil, r2) // bytes, not values: a NaN equals itself here
		if r2.Type != r.Type || r2.Start != r.Start || r2.End != r.End || string(third) != string(again) {
			t.Fatalf("round trip changed the relationship: %+v → %+v", r, r2)
		}
		if len(rest) > len(b) {
			t.Fatal("rest longer than the input")
		}
		kept, restKept, err := DecodeRelKeep(slices.Clone(b))
		if err != nil || len(restKept) != len(rest) {
			t.Fatalf("DecodeRelKeep: %v, %d bytes left, DecodeRel %d", err, len(restKept), len(rest))
		}
		if keptAgain, _ := AppendRel(nil, kept); string(keptAgain) != string(b[:len(b)-len(rest)]) {
			t.Fatal("a kept relationship does not write the record it was read from")
		}
		if r3, _, err := DecodeRel(b); err != nil || r3.Type != kept.Type || r3.Start != kept.Start || r3.End != kept.End || !reflect.DeepEqual(fmt.Sprint(r3.Props), fmt.Sprint(kept.Props)) {
			t.Fatalf("DecodeRelKeep read %+v, DecodeRel %+v", kept, r3)
		}
		k, err := RelRecordKey(b)
		if err != nil {
			t.Fatalf("a record that decodes has no key: %v", err)
		}
		if k2, err := RelRecordKey(again); err != nil || k.Compare(k2) != 0 {
			t.Fatalf("the key changed on the round trip: %v", err)
		}
	})
}

// TestDecodeRelKeep: DecodeRelKeep reads what DecodeRel reads, its strings the record's
// own bytes; AddRelOwned adds the relationship itself, which AppendRel writes as it was
// read until the graph merges into it, and after that as it then is.
func TestDecodeRelKeep(t *testing.T) {
	start, end := Ref{"Person", "person:龚正"}, Ref{"Role", "role:上海市人民政府/市长"}
	props := func(sources ...string) Props {
		return Props{"sources": sources, "evidence": []string{"上海市委副书记、市长龚正"}, "status": "current"}
	}
	rec, err := AppendRel(nil, &Rel{Type: "HOLDS", Start: start, End: end, Props: props("article:1")})
	if err != nil {
		t.Fatal(err)
	}
	whole := append(slices.Clone(rec), 0xff) // a record followed by what is not its
	r, rest, err := DecodeRelKeep(whole)
	if err != nil || len(rest) != 1 {
		t.Fatalf("DecodeRelKeep: %v, %d bytes left, want 1", err, len(rest))
	}
	want, _, _ := DecodeRel(rec)
	if r.Type != want.Type || r.Start != want.Start || r.End != want.End || !reflect.DeepEqual(r.Props, want.Props) {
		t.Fatalf("DecodeRelKeep read %+v, DecodeRel %+v", r, want)
	}
	inRecord := func(s string) bool {
		p, b := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(&whole[0]))
		return p >= b && p < b+uintptr(len(whole))
	}
	if ev := r.Props["evidence"].([]string)[0]; !inRecord(r.Start.Key) || !inRecord(ev) {
		t.Error("the strings are copies, not the record's bytes")
	}
	appended := func(r *Rel) []byte {
		b, err := AppendRel([]byte("x"), r)
		if err != nil {
			t.Fatal(err)
		}
		return b[1:]
	}
	if got := appended(r); string(got) != string(rec) {
		t.Fatalf("AppendRel of a kept relationship: %x, want the record %x", got, rec)
	}
	g := New()
	g.AddNode(start.Label, start.Key, nil)
	g.AddNode(end.Label, end.Key, nil)
	if got := g.AddRelOwned(r); got != r {
		t.Fatal("AddRelOwned did not add the relationship itself")
	}
	if got := appended(r); string(got) != string(rec) {
		t.Fatal("added, the relationship no longer writes its record")
	}
	// a second record of the same relationship merges into the first
	again, _, _ := DecodeRelKeep(slices.Clone(rec))
	again.Props["sources"] = []string{"article:2"}
	if got := g.AddRelOwned(again); got != r {
		t.Fatal("a second record of one relationship was not merged into it")
	}
	fresh := New() // the same two records merged by a graph that read them with DecodeRel
	fresh.AddNode(start.Label, start.Key, nil)
	fresh.AddNode(end.Label, end.Key, nil)
	fresh.AddRel("HOLDS", start, end, props("article:1"))
	merged := fresh.AddRel("HOLDS", start, end, props("article:2"))
	if got, want := appended(r), appended(merged); string(got) != string(want) {
		t.Errorf("after a merge AppendRel wrote %x, want %x (the record as read: %x)", got, want, rec)
	}
	// props not in merged form are merged into a relationship of the graph's own
	odd, _, _ := DecodeRelKeep(slices.Clone(rec))
	odd.Start = Ref{"Person", "person:乙"}
	odd.Props["sources"] = []string{"article:3", "article:3"}
	g.AddNode("Person", "person:乙", nil)
	got := g.AddRelOwned(odd)
	if got == nil || got == odd {
		t.Fatalf("props with a repeated source taken as they are (%p, %p)", got, odd)
	}
	if l := got.Props["sources"].([]string); !slices.Equal(l, []string{"article:3"}) {
		t.Errorf("sources %q, want one article:3", l)
	}
	if _, _, err := DecodeRelKeep(rec[:len(rec)-1]); err == nil {
		t.Error("a record cut short decoded")
	}
}

// TestNodeRoundTrip: DecodeNode gives back what AppendNode wrote.
func TestNodeRoundTrip(t *testing.T) {
	want := &Node{Label: "Article", Key: "article:1", Props: Props{"title": "标题", "date": "2021-05-28", "aliases": []string{}}}
	b, err := AppendNode(nil, want)
	if err != nil {
		t.Fatal(err)
	}
	got, rest, err := DecodeNode(append(b, 7))
	if err != nil || got.Label != want.Label || got.Key != want.Key || !reflect.DeepEqual(got.Props, want.Props) || len(rest) != 1 {
		t.Errorf("got %+v, rest %v, err %v; want %+v", got, rest, err, want)
	}
	if _, _, err := DecodeNode(b[:len(b)-1]); err == nil {
		t.Error("a record cut short decodes")
	}
	if _, err := AppendNode(nil, &Node{Label: "A", Key: "a", Props: Props{"x": []int{1}}}); err == nil || !strings.Contains(err.Error(), "node a") {
		t.Errorf("a []int: got %v, want an error naming the node", err)
	}
}

// FuzzDecodeNode: any bytes decode to a node or an error, never a panic.
func FuzzDecodeNode(f *testing.F) {
	seed, _ := AppendNode(nil, &Node{Label: "Event", Key: "event:x", Props: Props{"name": "x", "as": []string{"a"}}})
	f.Add(seed)
	f.Fuzz(func(t *testing.T, b []byte) {
		n, _, err := DecodeNode(b)
		if err != nil {
			return
		}
		again, err := AppendNode(nil, n)
		if err != nil {
			t.Fatalf("a decoded node does not encode: %v", err)
		}
		k, err := NodeRecordKey(b)
		if err != nil {
			t.Fatalf("a record that decodes has no key: %v", err)
		}
		if k2, err := NodeRecordKey(again); err != nil || k.Compare(k2) != 0 {
			t.Fatalf("the key changed on the round trip: %v", err)
		}
	})
}

// TestOrders: CompareRels and CompareNodes order a graph's elements as Rels and Nodes
// do, and so do the keys of their records, read without decoding them.
func TestOrders(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	labels := []string{"Person", "Role", "Organization", "Article", "Zeta", "Alpha"}
	types := []string{"HOLDS", "OF", "MENTIONS", "ZZ", "AA"}
	keys := []string{"", "a", "ab", "b", "a\x00", "王", "王五", "z"}
	g := New()
	var refs []Ref
	for range 60 {
		refs = append(refs, g.AddNode(labels[rng.IntN(len(labels))], keys[rng.IntN(len(keys))]+fmt.Sprint(rng.IntN(3)), nil).Ref())
	}
	for range 400 {
		g.AddRel(types[rng.IntN(len(types))], refs[rng.IntN(len(refs))], refs[rng.IntN(len(refs))], nil)
	}
	rels, nodes := g.Rels(), g.Nodes()
	if len(rels) < 300 || len(nodes) < 40 {
		t.Fatalf("%d relationships, %d nodes: too few to test", len(rels), len(nodes))
	}
	shuffled := slices.Clone(rels)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if slices.SortFunc(shuffled, CompareRels); !slices.Equal(shuffled, rels) {
		t.Error("CompareRels orders relationships otherwise than Rels")
	}
	type rec struct {
		b []byte
		r *Rel
	}
	var recs []rec
	for _, r := range shuffled {
		b, err := AppendRel(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec{b, r})
	}
	rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	slices.SortFunc(recs, func(a, b rec) int {
		ka, err := RelRecordKey(a.b)
		if err != nil {
			t.Fatal(err)
		}
		kb, err := RelRecordKey(b.b)
		if err != nil {
			t.Fatal(err)
		}
		return ka.Compare(kb)
	})
	for i, r := range recs {
		if r.r != rels[i] {
			t.Fatalf("record keys order relationship %d as %s, Rels as %s", i, r.r.ID(), rels[i].ID())
		}
	}
	nshuffled := slices.Clone(nodes)
	rng.Shuffle(len(nshuffled), func(i, j int) { nshuffled[i], nshuffled[j] = nshuffled[j], nshuffled[i] })
	if slices.SortFunc(nshuffled, CompareNodes); !slices.Equal(nshuffled, nodes) {
		t.Error("CompareNodes orders nodes otherwise than Nodes")
	}
	rng.Shuffle(len(nshuffled), func(i, j int) { nshuffled[i], nshuffled[j] = nshuffled[j], nshuffled[i] })
	slices.SortFunc(nshuffled, func(a, b *Node) int {
		ba, _ := AppendNode(nil, a)
		bb, _ := AppendNode(nil, b)
		ka, err := NodeRecordKey(ba)
		if err != nil {
			t.Fatal(err)
		}
		kb, _ := NodeRecordKey(bb)
		return ka.Compare(kb)
	})
	if !slices.Equal(nshuffled, nodes) {
		t.Error("node record keys order nodes otherwise than Nodes")
	}
	if _, err := RelRecordKey([]byte{3, 'a'}); err == nil {
		t.Error("a record cut short has a key")
	}
}

// BenchmarkDecodeRel decodes the two commonest relationships of a spilled run: a MENTIONS
// with its sentence and a HOLDS with its dates and status.
func BenchmarkDecodeRel(b *testing.B) {
	var rec []byte
	for _, r := range []*Rel{
		{Type: "MENTIONS", Start: Ref{"Article", "article:ffffb03c72fd"}, End: Ref{"Person", "person:温琪俊"}, Props: Props{
			"evidence": []string{"吴江区委书记温琪俊主持揭牌仪式。"}, "sources": []string{"article:ffffb03c72fd"}}},
		{Type: "HOLDS", Start: Ref{"Person", "person:丁东"}, End: Ref{"Role", "role:/主席"}, Props: Props{
			"evidence": []string{"省政协党组书记、主席丁东传达全国政协十四届一次会议精神。"}, "firstSeen": "2017-12-14",
			"lastSeen": "2017-12-14", "sources": []string{"article:e613c40a35bc"}, "status": "current"}},
	} {
		var err error
		if rec, err = AppendRel(rec, r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(rec)))
	b.ReportAllocs()
	for b.Loop() {
		rest := rec
		for len(rest) > 0 {
			var err error
			if _, rest, err = DecodeRel(rest); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestShareAndAdopt: graphs sharing nodes hold the same *Node values, so a node changed
// through one is changed in the other; Share and AdoptNodes add only what is missing,
// AdoptNodes skipping what skip says.
func TestShareAndAdopt(t *testing.T) {
	g := New()
	a := g.AddNode("Person", "person:a", Props{"name": "a"})
	g.AddNode("Article", "article:1", nil)
	all := g.ShareNodes()
	if n, r := all.Len(); n != 2 || r != 0 || all.Node(a.Ref()) != a {
		t.Fatalf("ShareNodes: %d nodes, %d relationships, a shared: %v", n, r, all.Node(a.Ref()) == a)
	}
	some := New()
	some.Share(a)
	some.Share(&Node{Label: "Person", Key: "person:a", Props: Props{"name": "other"}}) // had already
	if some.Node(a.Ref()) != a {
		t.Fatal("Share replaced a node the graph had")
	}
	some.AddNode("Person", "person:a", Props{"aliases": []string{"甲"}}) // merges into the shared node
	if _, ok := a.Props["aliases"]; !ok {
		t.Error("a node changed through one graph is not changed in the one it is shared from")
	}
	b := some.AddNode("Person", "person:b", nil)
	some.AddNode("Event", "event:x", nil)
	into := New()
	into.Share(a)
	added := into.AdoptNodes(some, func(n *Node) bool { return n.Label == "Event" })
	if added != 1 || into.Node(b.Ref()) != b || into.Node(Ref{"Event", "event:x"}) != nil {
		t.Errorf("AdoptNodes added %d, b adopted as it is: %v, the event skipped: %v", added, into.Node(b.Ref()) == b, into.Node(Ref{"Event", "event:x"}) == nil)
	}
}
