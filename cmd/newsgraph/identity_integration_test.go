package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/graph/neo4jsink/neo4jsinktest"
	"github.com/newsgraph/newsgraph/schema"
)

// identityArchive writes every article of examples/identity into one JSON-lines file in
// date order (then id), and the same articles cut into n batch files in that order; it
// returns the archive, the batches and the dictionary the cases use.
func identityArchive(t *testing.T, n int) (whole string, batches []string, dict string) {
	t.Helper()
	dir := filepath.Join(examplesDir, "identity")
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples/identity/*.jsonl (%v)", err)
	}
	type rec struct {
		id, date, line string
	}
	var recs []rec
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var r struct{ ID, Date string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			recs = append(recs, rec{r.ID, r.Date, sc.Text()})
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		fh.Close()
	}
	sort.Slice(recs, func(i, j int) bool {
		if recs[i].date != recs[j].date {
			return recs[i].date < recs[j].date
		}
		return recs[i].id < recs[j].id
	})
	out := t.TempDir()
	write := func(name string, rs []rec) string {
		var b strings.Builder
		for _, r := range rs {
			b.WriteString(r.line + "\n")
		}
		p := filepath.Join(out, name)
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	whole = write("archive.jsonl", recs)
	for i := 0; i < n; i++ {
		lo, hi := i*len(recs)/n, (i+1)*len(recs)/n
		batches = append(batches, write(fmt.Sprintf("batch-%02d.jsonl", i+1), recs[lo:hi]))
	}
	return whole, batches, filepath.Join(dir, "dictionary.dict.tsv")
}

// loadAll empties the database and runs newsgraph load once per input, in order, and
// returns what the database then holds.
func loadAll(t *testing.T, dict string, inputs ...string) (*graph.Graph, string) {
	t.Helper()
	return loadAllWith(t, dict, nil, inputs...)
}

// loadAllWith is loadAll with flags given to every load. It fails the test when the
// database holds anything twice.
func loadAllWith(t *testing.T, dict string, flags []string, inputs ...string) (*graph.Graph, string) {
	t.Helper()
	s := neo4jsinktest.Open(t, neo4jsink.Config{})
	conn := loadArgs(t, s.Config())
	var out strings.Builder
	for _, in := range inputs {
		code, stdout, stderr := runCLI(t, append(append(append([]string{"load", "--quiet", "--dict", dict}, conn...), flags...), in)...)
		if code != 0 {
			t.Fatalf("load %s exited %d:\n%s%s", filepath.Base(in), code, stdout, stderr)
		}
		out.WriteString(stdout)
	}
	neo4jsinktest.NoDuplicates(t, s)
	g, err := s.ReadGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return g, out.String()
}

// TestLoadInBatchesIsLoadingAtOnce loads the multi-article identity cases (merges and
// splits of persons, alias chains, two homes, a post changing hands) into the real
// server at once and in ten batches in date order, and wants the two databases equal
// in every node, relationship and property; in reverse order, equal but for the order
// in which each fact's sources were read (keys and dates follow article dates, not load
// order). It also asks the example query role-holder-at who held a post at two dates.
func TestLoadInBatchesIsLoadingAtOnce(t *testing.T) {
	whole, batches, dict := identityArchive(t, 10)
	atOnce, _ := loadAll(t, dict, whole)

	// what the database holds is what extract gives for the whole archive
	want, err := extractInputs(context.Background(), inputOptions{Dicts: []string{dict}, Stderr: os.Stderr}, []string{whole})
	if err != nil {
		t.Fatal(err)
	}
	neo4jsinktest.SameGraph(t, atOnce, want)
	for _, key := range []string{"person:慕容刚#2", "person:东方立新#2"} {
		if atOnce.Node(graph.Ref{Label: schema.Person, Key: key}) == nil {
			t.Errorf("loaded at once, the database has no %s", key)
		}
	}

	t.Run("ten batches in date order", func(t *testing.T) {
		inBatches, out := loadAll(t, dict, batches...)
		neo4jsinktest.SameGraph(t, inBatches, atOnce)
		if !regexp.MustCompile(`stored: [1-9]\d* nodes`).MatchString(out) {
			t.Errorf("no batch retired a stored node (the archive holds aliases learned late and homonyms):\n%s", out)
		}
		t.Logf("batch loads said:\n%s", out)

		// loading a batch again changes nothing
		s := neo4jsinktest.Config(t, neo4jsink.Config{})
		code, stdout, stderr := runCLI(t, append(append([]string{"load", "--quiet", "--dict", dict}, loadArgs(t, s)...), batches[3])...)
		if code != 0 {
			t.Fatalf("load again exited %d:\n%s%s", code, stdout, stderr)
		}
		if !strings.Contains(stdout, " 0 created, 0 updated") || strings.Contains(stdout, "identity:") && !strings.Contains(stdout, "stored: 0 nodes and 0 relationships retired, 0 rewritten") {
			t.Errorf("loading a batch again changed something:\n%s", stdout)
		}
		sink, err := neo4jsink.Open(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		defer sink.Close(context.Background())
		again, err := sink.ReadGraph(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		neo4jsinktest.SameGraph(t, again, atOnce)

		conn := loadArgs(t, s)
		for _, c := range []struct{ date, want string }{{"2021-06-01", "夏侯文"}, {"2022-06-01", "赵立群"}} {
			rows := query(t, conn, "role-holder-at", "title=市长", "org=无锡市人民政府", "date="+c.date)
			if len(rows) != 1 || rows[0]["person"] != c.want {
				t.Errorf("role-holder-at 无锡市人民政府 市长 on %s: %v, want %s", c.date, rows, c.want)
			}
		}
	})

	// one load into the empty database cutting the archive into batches itself, each
	// written while the next is extracted, identities across batches settled at the end:
	// 3, 3, 6, 12 and 13 records; 1, 1, 2, 4, 8, 16 and 5; all 37 at once
	for _, flags := range [][]string{{"--batch", "3"}, {"--batch", "1"}, {"--batch", "0"}} {
		t.Run("one load, "+strings.Join(flags, " "), func(t *testing.T) {
			got, _ := loadAllWith(t, dict, flags, whole)
			neo4jsinktest.SameGraph(t, got, atOnce)
		})
	}

	t.Run("ten batches in reverse order", func(t *testing.T) {
		rev := slices.Clone(batches)
		slices.Reverse(rev)
		got, _ := loadAll(t, dict, rev...)
		if a, b := ids(got), ids(atOnce); !slices.Equal(a, b) {
			t.Errorf("loaded in reverse, the database has other nodes or relationships:\n%s", diffLines(a, b))
		}
		// only the order in which sources (and their sentences) were read differs
		neo4jsinktest.SameGraph(t, sourcesSorted(got), sourcesSorted(atOnce))
	})
}

// sourcesSorted returns a copy of g whose relationships list their sources, with the
// sentence of each, sorted by source.
func sourcesSorted(g *graph.Graph) *graph.Graph {
	out := graph.New()
	for _, n := range g.Nodes() {
		out.AddNode(n.Label, n.Key, nil).Props = n.Props
	}
	for _, r := range g.Rels() {
		p := graph.Props{}
		for k, v := range r.Props {
			p[k] = v
		}
		src, _ := p["sources"].([]string)
		ev, _ := p["evidence"].([]string)
		if len(src) > 0 && len(ev) == len(src) {
			idx := make([]int, len(src))
			for i := range idx {
				idx[i] = i
			}
			sort.Slice(idx, func(a, b int) bool { return src[idx[a]] < src[idx[b]] })
			s2, e2 := make([]string, len(src)), make([]string, len(ev))
			for i, j := range idx {
				s2[i], e2[i] = src[j], ev[j]
			}
			p["sources"], p["evidence"] = s2, e2
		}
		out.AddRel(r.Type, r.Start, r.End, nil).Props = p
	}
	return out
}

// ids lists the keys of a graph's nodes and the ids of its relationships, sorted.
func ids(g *graph.Graph) []string {
	var out []string
	for _, n := range g.Nodes() {
		out = append(out, n.Label+" "+n.Key)
	}
	for _, r := range g.Rels() {
		out = append(out, r.ID())
	}
	sort.Strings(out)
	return out
}

func diffLines(got, want []string) string {
	var b strings.Builder
	for _, x := range got {
		if !slices.Contains(want, x) {
			b.WriteString("  + " + x + "\n")
		}
	}
	for _, x := range want {
		if !slices.Contains(got, x) {
			b.WriteString("  - " + x + "\n")
		}
	}
	return b.String()
}

// TestSettleSetsWhatMergingCannot: a streamed load wrote a body under its full name as
// kind other and, in another batch, its short name as a company; settling folds the
// short name into the full one, which takes the kind company. Merging keeps a stored
// kind, so settle must set the node exactly, and delete the folded node's
// relationships and the node: the database must then hold what settle resolved.
func TestSettleSetsWhatMergingCannot(t *testing.T) {
	s := neo4jsinktest.Open(t, neo4jsink.Config{})
	ctx := context.Background()
	written := graph.New()
	art := func(key, date string) graph.Ref {
		return written.AddNode(schema.Article, key, graph.Props{"title": key, "source": key, "date": date}).Ref()
	}
	a1, a2 := art("article:000000000001", "2021-05-28"), art("article:000000000002", "2021-06-16")
	full := written.AddNode(schema.Organization, graph.OrgKey("华昱新能源科技集团有限公司"),
		graph.Props{"name": "华昱新能源科技集团有限公司", "kind": "other", "aliases": []string{"华昱集团"}}).Ref()
	short := written.AddNode(schema.Organization, graph.OrgKey("华昱集团"),
		graph.Props{"name": "华昱集团", "kind": "company", "aliases": []string{}}).Ref()
	written.AddRel(schema.Mentions, a1, full, graph.Provenance(a1.Key, "中国华昱新能源科技集团有限公司……"))
	written.AddRel(schema.Mentions, a2, short, graph.Provenance(a2.Key, "华昱集团……"))
	if err := s.Write(ctx, written); err != nil {
		t.Fatal(err)
	}
	id, err := extract.NewIdentity(nil)
	if err != nil {
		t.Fatal(err)
	}
	l := newResolvedLoad(s, id)
	if err := l.settle(ctx, written); err != nil {
		t.Fatal(err)
	}
	if written.Node(short) != nil || written.Node(full).Props["kind"] != "company" {
		t.Fatalf("settling did not fold 华昱集团 into the full name as a company: %v", written.Nodes())
	}
	got, err := s.ReadGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	neo4jsinktest.SameGraph(t, got, written)
	if l.OrgsMerged != 1 || l.Prune.RelsDeleted != 1 || l.Prune.NodesDeleted != 1 || l.Prune.PropertiesSet != 1 {
		t.Errorf("settle's account: %d bodies folded; %+v", l.OrgsMerged, l.Prune)
	}
}
