package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/csv"
	"github.com/newsgraph/newsgraph/graph/jsonl"
	gencorpus "github.com/newsgraph/newsgraph/internal/corpus"
	"github.com/newsgraph/newsgraph/schema"
)

// TestRunSpilledEqualsRun: a spilled run, written out, is byte for byte the graph Run
// gives: on the example pages, on the identity cases with their dictionary (bodies
// folded, persons split, names joined by the dictionary), and on a generated archive
// whose names recur with other careers.
func TestRunSpilledEqualsRun(t *testing.T) {
	seeds, err := gencorpus.LoadSeeds(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	archive := t.TempDir()
	size := int64(3e6)
	if testing.Short() {
		size = 5e5
	}
	if _, err := gencorpus.Generate(context.Background(), archive, seeds, lex, gencorpus.Options{Size: size, Seed: 3, Days: 400, People: 120}); err != nil {
		t.Fatal(err)
	}
	identity := filepath.Join(examplesDir, "identity")
	// two bodies teach one alias, the one read first having the later key: the alias
	// goes to the first (unifyOrgs' earliest article, which a spilled run keeps aside)
	claims := filepath.Join(t.TempDir(), "claims.jsonl")
	writeFile(t, claims, `{"id": "c/0", "date": "2020-06-01", "title": "澜沧新能源签约", "text": "本报讯 5月31日，澜沧新能源科技集团有限公司与云岭大学签署战略合作协议。澜沧集团董事长欧阳明远出席签约仪式。"}
{"id": "c/1", "date": "2021-01-05", "title": "澜沧控股签约", "text": "本报讯 1月4日，澜沧控股集团有限公司与昆明市人民政府签署合作协议。澜沧集团总经理司马青云出席签约仪式。"}
{"id": "c/2", "date": "2022-01-01", "title": "澜沧集团召开年度工作会议", "text": "本报讯 12月31日，澜沧集团召开年度工作会议。澜沧集团副总经理呼延青出席会议并讲话。"}
`)
	// a dictionary that makes three names of the identity cases one person's
	aliases := filepath.Join(t.TempDir(), "aliases.dict.tsv")
	writeFile(t, aliases, "person\t秦思远\t钟离远|上官清\n")
	cases := []struct {
		name  string
		paths []string
		opts  Options
		split bool // the case must split a name, so that the person pass is tested
		parts int  // partitions, when not as the input's size gives
	}{
		{"examples", []string{examplesDir}, Options{}, false, 0},
		{"identity", []string{identity}, Options{Dicts: []string{filepath.Join(identity, "dictionary.dict.tsv")}}, true, 0},
		{"identity, one worker", []string{identity}, Options{Workers: 1, Dicts: []string{filepath.Join(identity, "dictionary.dict.tsv")}}, true, 0},
		{"identity, 5 workers", []string{identity}, Options{Workers: 5, Dicts: []string{filepath.Join(identity, "dictionary.dict.tsv")}}, true, 0},
		{"archive", []string{archive}, Options{Workers: 2}, true, 0},
		{"archive, 3 partitions", []string{archive}, Options{Workers: 2}, true, 3},
		{"archive, 700 partitions", []string{archive}, Options{Workers: 2}, true, 700},
		{"claims", []string{claims}, Options{}, false, 0},
		{"aliases", []string{identity}, Options{Dicts: []string{aliases}}, true, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.parts > 0 {
				defer func(f func(int64, bool) int) { spillPartsFor = f }(spillPartsFor)
				spillPartsFor = func(int64, bool) int { return c.parts }
			}
			x, err := New(c.opts)
			if err != nil {
				t.Fatal(err)
			}
			onErr := func(err error) { t.Error(err) }
			g, _, err := x.Run(context.Background(), c.paths, nil, onErr)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := jsonl.Write(context.Background(), &want, g); err != nil {
				t.Fatal(err)
			}
			if c.split && !strings.Contains(want.String(), `"id":"person:`) || c.split && !strings.Contains(want.String(), "#2\"") {
				t.Fatalf("the case splits no name: it does not test the person pass")
			}
			tmp := t.TempDir()
			s, st, err := x.RunSpilled(context.Background(), c.paths, nil, onErr, tmp)
			if err != nil {
				t.Fatal(err)
			}
			if st.Articles == 0 {
				t.Fatal("no article read")
			}
			// the files read for the last time are gone: only what Nodes and Rels read,
			// and the lock that keeps the directory the run's, are left
			files, err := os.ReadDir(s.dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if n := f.Name(); n != spillLockName && !strings.HasPrefix(n, "run-") && !strings.HasPrefix(n, "noderun-") {
					t.Errorf("after the run, %s is still in its directory", f.Name())
				}
			}
			var got bytes.Buffer
			if err := jsonl.WriteStream(context.Background(), &got, s.Nodes(), s.Rels()); err != nil {
				t.Fatal(err)
			}
			if wn, wr := g.Len(); func() bool { n, r := s.Len(); return n != wn || r != wr }() {
				n, r := s.Len()
				t.Errorf("Len: %d nodes, %d relationships; Run has %d, %d", n, r, wn, wr)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("the spilled run writes %d bytes, Run's graph %d; first difference at line %d", got.Len(), want.Len(), firstDiffLine(got.String(), want.String()))
			}
			// the names read as several persons: those with a second person's key
			var split []string
			for _, n := range g.NodesOf(schema.Person) {
				if name, ok := strings.CutSuffix(n.Key, "#2"); ok {
					split = append(split, strings.TrimPrefix(name, "person:"))
				}
			}
			slices.Sort(split)
			if rep := s.Identity(); !slices.Equal(rep.Split, split) || rep.Retired != nil {
				t.Errorf("Identity: split %q, retired %v; the graph has second persons of %q", rep.Split, rep.Retired, split)
			}
			t.Logf("Identity: %d bodies folded, %d names split", s.Identity().OrgsMerged, len(s.Identity().Split))
			// the CSV files of an import too, read from the runs twice
			memDir, spillDir := filepath.Join(t.TempDir(), "mem"), filepath.Join(t.TempDir(), "spill")
			if _, err := csv.Write(context.Background(), memDir, g); err != nil {
				t.Fatal(err)
			}
			if _, err := csv.WriteStream(context.Background(), spillDir, s.Nodes(), s.Rels()); err != nil {
				t.Fatal(err)
			}
			sameFiles(t, memDir, spillDir)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Errorf("Close left %d files in the directory", len(left))
			}
		})
	}
}

func firstDiffLine(a, b string) int {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

// TestRunSpilledBadDir: a directory the run cannot write to is an error before anything
// is read.
// TestEachPartition holds the partitions' pool to giving each partition once, stopping at
// the first error and at a cancelled context.
func TestEachPartition(t *testing.T) {
	boom := errors.New("boom")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name    string
		ctx     context.Context
		workers int
		failAt  int // -1: none
		want    error
		all     bool // every partition given
		most    int  // else the last that may be: with one worker, the one it waited with
	}{
		{"one worker", context.Background(), 1, -1, nil, true, 0},
		{"three workers", context.Background(), 3, -1, nil, true, 0},
		{"more workers than partitions", context.Background(), 200, -1, nil, true, 0},
		// with more workers, how many begin before the error is seen depends on scheduling
		{"an error", context.Background(), 2, 40, boom, false, minSpillParts - 1},
		{"an error, one worker", context.Background(), 1, 40, boom, false, 41},
		{"an error on the last", context.Background(), 2, minSpillParts - 1, boom, true, 0},
		{"cancelled", cancelled, 2, -1, context.Canceled, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var mu sync.Mutex
			var got []int
			err := eachPartition(c.ctx, c.workers, 1, minSpillParts, func(p int) error {
				mu.Lock()
				got = append(got, p)
				mu.Unlock()
				if p == c.failAt {
					return fmt.Errorf("partition %d: %w", p, boom)
				}
				return nil
			})
			if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			slices.Sort(got)
			if len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Errorf("a partition was given twice: %v", got)
			}
			if c.all && (len(got) != minSpillParts-1 || got[0] != 1 || got[len(got)-1] != minSpillParts-1) {
				t.Errorf("gave %d partitions (%v), want all %d", len(got), got, minSpillParts-1)
			}
			if !c.all && len(got) > 0 && got[len(got)-1] > c.most {
				t.Errorf("gave partitions up to %d (%v), want none past %d", got[len(got)-1], got, c.most)
			}
		})
	}
}

func TestRunSpilledBadDir(t *testing.T) {
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "no", "such", "dir")
	if _, _, err := x.RunSpilled(context.Background(), []string{examplesDir}, nil, func(error) {}, missing); err == nil {
		t.Fatal("no error for a directory that does not exist")
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameFiles fails t unless directories a and b hold the same files with the same bytes.
func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	ea, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	eb, err := os.ReadDir(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(ea) != len(eb) || len(ea) < 2 {
		t.Fatalf("%d files in %s, %d in %s", len(ea), a, len(eb), b)
	}
	for i, e := range ea {
		if eb[i].Name() != e.Name() {
			t.Fatalf("file %s where %s has %s", eb[i].Name(), a, e.Name())
		}
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, _ := os.ReadFile(filepath.Join(b, e.Name()))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs: %d bytes written from memory, %d from the runs", e.Name(), len(x), len(y))
		}
	}
}

// TestSpillParts: a person's name falls in the partition of the key it would have, the
// hash is FNV-1a's, and no relationship outside OF and PART_OF falls in partition 0.
func TestSpillParts(t *testing.T) {
	for _, parts := range []int{2, minSpillParts, 1000, maxSpillParts} {
		for _, s := range []string{"", "龚正", "person:", "a longer name, 欧阳济川"} {
			h := fnv.New32a()
			h.Write([]byte("person:" + s))
			want := 1 + int(h.Sum32()%uint32(parts-1))
			if got := keySpillPart("person:"+s, parts); got != want {
				t.Errorf("keySpillPart(%q, %d) = %d, FNV-1a gives %d", "person:"+s, parts, got, want)
			}
			if got := nameSpillPart(s, parts); got != want || got == 0 || got >= parts {
				t.Errorf("nameSpillPart(%q, %d) = %d, want %d", s, parts, got, want)
			}
		}
	}
	// one partition per 512 KiB of input, within bounds, and as many as 512 MB has when
	// there may be more input than is known
	for _, c := range []struct {
		bytes int64
		known bool
		want  int
	}{
		{0, true, minSpillParts}, {200e6, true, minSpillParts}, {210e6, true, 400}, {2e9, true, 3814}, {1e12, true, maxSpillParts},
		{0, false, unknownSpillParts}, {1e9, false, 1907}, {1e12, false, maxSpillParts},
	} {
		if got := spillPartsFor(c.bytes, c.known); got != c.want {
			t.Errorf("spillPartsFor(%d, %v) = %d, want %d", c.bytes, c.known, got, c.want)
		}
	}
}

// TestMergeRuns: the runs' records come out in order, whole, across batches and decoders,
// and a run cut short, a malformed record or a missing run end the merge with an error
// after the records before it; a reader that stops early leaves no goroutine behind.
func TestMergeRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	dir := t.TempDir()
	var all []*graph.Rel
	var runs []string
	for i := range 5 {
		var rels []*graph.Rel
		for j := range 700 * (i + 1) {
			rels = append(rels, &graph.Rel{Type: schema.Types[rng.IntN(len(schema.Types))],
				Start: graph.Ref{Label: schema.Person, Key: fmt.Sprintf("person:%d", rng.IntN(5000))},
				End:   graph.Ref{Label: schema.Role, Key: fmt.Sprintf("role:%d/%d", i, j)},
				Props: graph.Props{"sources": []string{fmt.Sprint("article:", j)}}})
		}
		slices.SortFunc(rels, graph.CompareRels)
		path := filepath.Join(dir, fmt.Sprint("run-", i))
		if _, err := writeRecords(path, rels, graph.AppendRel); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, path)
		all = append(all, rels...)
	}
	slices.SortFunc(all, graph.CompareRels)
	read := func(runs []string, workers, stop int) ([]*graph.Rel, error) {
		var got []*graph.Rel
		for r, err := range mergeRuns(runs, graph.RelRecordKey, graph.DecodeRel, workers) {
			if err != nil {
				return got, err
			}
			if got = append(got, r); len(got) == stop {
				break
			}
		}
		return got, nil
	}
	same := func(got, want []*graph.Rel) bool {
		return slices.EqualFunc(got, want, func(a, b *graph.Rel) bool {
			return a.ID() == b.ID() && reflect.DeepEqual(a.Props, b.Props)
		})
	}
	for _, workers := range []int{0, 1, 3} {
		got, err := read(runs, workers, -1)
		if err != nil || !same(got, all) {
			t.Errorf("%d workers: %d of %d relationships, error %v", workers, len(got), len(all), err)
		}
	}
	before := runtime.NumGoroutine()
	if got, err := read(runs, 2, 1500); err != nil || !same(got, all[:1500]) {
		t.Errorf("stopped early: %d relationships, error %v", len(got), err)
	}
	for i := 0; runtime.NumGoroutine() > before; i++ {
		if i == 200 {
			t.Fatalf("%d goroutines left after a reader stopped early, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// the last run cut short, a record of it malformed, a run missing
	data, err := os.ReadFile(runs[4])
	if err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short")
	writeFile(t, short, string(data[:len(data)/2]))
	bad := filepath.Join(dir, "bad")
	writeFile(t, bad, string(append([]byte{3, 9, 9, 9}, data...)))
	for _, c := range []struct {
		name string
		run  string
		want string
	}{
		{"cut short", short, "short"},
		{"malformed", bad, "bad"},
		{"missing", filepath.Join(dir, "missing"), "missing"},
	} {
		got, err := read(append(slices.Clone(runs[:4]), c.run), 2, -1)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %s", c.name, err, c.want)
		}
		if !same(got, all[:len(got)]) || c.name == "cut short" && len(got) == 0 {
			t.Errorf("%s: %d records before the error, not the merge's first ones", c.name, len(got))
		}
	}
}

// TestLoadSpillPart: a partition file's records merge into the graph as AddRel merges
// them, with ends shared from the nodes in memory or added bare when spilled; a file cut
// short in a record or in its length, a malformed record or a relationship whose end is
// nowhere is an error that names the file.
func TestLoadSpillPart(t *testing.T) {
	person := graph.Ref{Label: schema.Person, Key: "person:甲"}
	role := graph.Ref{Label: schema.Role, Key: "role:乙局/局长"}
	article := graph.Ref{Label: schema.Article, Key: "article:1"}
	nodes := graph.New()
	nodes.AddNode(person.Label, person.Key, graph.Props{"name": "甲"})
	nodes.AddNode(role.Label, role.Key, graph.Props{"title": "局长"})
	rels := []*graph.Rel{
		{Type: schema.Holds, Start: person, End: role, Props: graph.Props{"sources": []string{"article:1"}, "evidence": []string{"乙局局长甲"}}},
		{Type: schema.Mentions, Start: article, End: person, Props: graph.Props{"sources": []string{"article:1"}, "evidence": []string{"乙局局长甲"}}},
		{Type: schema.Holds, Start: person, End: role, Props: graph.Props{"sources": []string{"article:2"}, "evidence": []string{"局长甲"}}},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "part")
	if _, err := writeRecords(path, rels, graph.AppendRel); err != nil {
		t.Fatal(err)
	}
	want := graph.New()
	want.AddNode(person.Label, person.Key, graph.Props{"name": "甲"})
	want.AddNode(role.Label, role.Key, graph.Props{"title": "局长"})
	want.AddNode(article.Label, article.Key, nil)
	for _, r := range rels {
		want.AddRel(r.Type, r.Start, r.End, r.Props)
	}
	g := graph.New()
	if err := loadSpillPart(g, path, nodes); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, want)
	if g.Node(person) != nodes.Node(person) {
		t.Error("the person is a copy, not the node in memory")
	}
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	stray, err := graph.AppendRel(nil, &graph.Rel{Type: schema.Holds, Start: graph.Ref{Label: schema.Person, Key: "person:丙"}, End: role})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"cut short", whole[:len(whole)-3], "cut short"},
		{"a length cut short", append(slices.Clone(whole), 0x80), "length"},
		{"malformed", append(slices.Clone(whole), 2, 0xff, 0xff), "malformed"},
		{"an end nowhere", append(append(slices.Clone(whole), byte(len(stray))), stray...), "names a node"},
	} {
		bad := filepath.Join(dir, "bad")
		if err := os.WriteFile(bad, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := loadSpillPart(graph.New(), bad, nodes)
		if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %s and saying %q", c.name, err, bad, c.want)
		}
	}
}
