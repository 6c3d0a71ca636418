package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/graph/neo4jsink/neo4jsinktest"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/schema"
)

var (
	benchReport   = flag.String("bench-report", filepath.Join("..", "..", "docs", "bench", "load-benchmark.md"), "file BenchmarkLoad writes its report to")
	benchArticles = flag.Int("bench-articles", 4500, "articles in BenchmarkLoad's generated corpus (4500 give about 100,000 relationships)")
)

// loadRun is one timed load.
type loadRun struct {
	elapsed    time.Duration
	statements int
	at         time.Time
	load       string // the machine's load average when it ended
}

// BenchmarkLoad loads a generated corpus of at least 100,000 relationships into the
// test server, into an emptied database each time, with `newsgraph load` (batched
// UNWIND … MERGE, schema first) and with a naive loader that sends one MERGE statement
// per node and per relationship (schema created first, untimed). It also times
// neo4jsink.Sink.Write alone on the naive loader's terms (graph in memory, schema in
// place), which separates the loader from reading the file and resolving identity. Each
// of b.N rounds runs all three, one after the other, so that a busy machine slows them
// alike. It reports
// relationships per second for both and writes a report with the ratio to -bench-report:
//
//	go test ./cmd/newsgraph -run '^$' -bench BenchmarkLoad -benchtime 3x -timeout 60m
//
// (go test runs one round first to size b.N; the report covers the last b.N rounds.)
func BenchmarkLoad(b *testing.B) {
	cfg := neo4jsinktest.Config(b, neo4jsink.Config{})
	driver, db := neo4jtest.Driver(b)
	g := corpus(1, *benchArticles)
	nodes, rels := g.Len()
	if rels < 100_000 && *benchArticles >= 4500 {
		b.Fatalf("the corpus has %d relationships, want at least 100,000", rels)
	}
	file := writeCorpus(b, g)
	ctx := context.Background()
	b.Setenv("NEO4J_PASSWORD", cfg.Password)
	args := []string{"newsgraph", "load", "--quiet", "--graph", file, "--uri", cfg.URI, "--user", cfg.User, "--database", cfg.Database}

	var batched, sinkOnly, naive []loadRun
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		neo4jtest.Reset(b, driver, db)
		var out, errb bytes.Buffer
		b.StartTimer()
		start := time.Now()
		code := run(ctx, args, &out, &errb)
		elapsed := time.Since(start)
		b.StopTimer()
		if code != 0 {
			b.Fatalf("newsgraph load exited %d: %s", code, errb.String())
		}
		checkCounts(b, driver, db, nodes, rels)
		batched = append(batched, loadRun{elapsed, statementsOf(out.String()), time.Now(), loadAverage()})

		// The loader alone, on the same terms as the naive one: graph in memory,
		// schema in place.
		neo4jtest.Reset(b, driver, db)
		sink, err := neo4jsink.Open(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := sink.ApplySchema(ctx); err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		err = sink.Write(ctx, g)
		elapsed = time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		sinkOnly = append(sinkOnly, loadRun{elapsed, sink.Stats().Statements, time.Now(), loadAverage()})
		if err := sink.Close(ctx); err != nil {
			b.Fatal(err)
		}
		checkCounts(b, driver, db, nodes, rels)

		neo4jtest.Reset(b, driver, db)
		applySchemaFor(b, cfg)
		start = time.Now()
		n, err := naiveLoad(ctx, driver, db, g)
		elapsed = time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		checkCounts(b, driver, db, nodes, rels)
		naive = append(naive, loadRun{elapsed, n, time.Now(), loadAverage()})
		b.StartTimer()
	}
	b.StopTimer()
	bm, _ := median(batched)
	nm, _ := median(naive)
	b.ReportMetric(float64(rels)/bm.elapsed.Seconds(), "batched-rels/s")
	b.ReportMetric(float64(rels)/nm.elapsed.Seconds(), "naive-rels/s")
	sm, _ := median(sinkOnly)
	b.ReportMetric(float64(rels)/sm.elapsed.Seconds(), "write-rels/s")
	b.ReportMetric(nm.elapsed.Seconds()/bm.elapsed.Seconds(), "ratio")
	if err := writeBenchReport(ctx, driver, db, nodes, rels, batched, sinkOnly, naive); err != nil {
		b.Fatal(err)
	}
}

// naiveLoad is the loader to beat: one MERGE … SET += statement per node and per
// relationship, each in its own managed transaction. It returns the statements sent.
func naiveLoad(ctx context.Context, driver neo4j.DriverWithContext, db string, g *graph.Graph) (int, error) {
	sent := 0
	exec := func(q string, params map[string]any) error {
		sent++
		_, err := neo4j.ExecuteQuery(ctx, driver, q, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		return err
	}
	for _, n := range g.Nodes() {
		if !schema.IsLabel(n.Label) {
			return sent, fmt.Errorf("label %q", n.Label)
		}
		if err := exec("MERGE (n:"+n.Label+" {key: $key}) SET n += $props", map[string]any{"key": n.Key, "props": map[string]any(n.Props)}); err != nil {
			return sent, fmt.Errorf("node %s: %w", n.Key, err)
		}
	}
	for _, r := range g.Rels() {
		if !schema.IsType(r.Type) || !schema.IsLabel(r.Start.Label) || !schema.IsLabel(r.End.Label) {
			return sent, fmt.Errorf("relationship %s", r.ID())
		}
		q := "MATCH (a:" + r.Start.Label + " {key: $s}) MATCH (b:" + r.End.Label + " {key: $e}) MERGE (a)-[r:" + r.Type + "]->(b) SET r += $props"
		props := map[string]any(r.Props)
		if props == nil {
			props = map[string]any{}
		}
		if err := exec(q, map[string]any{"s": r.Start.Key, "e": r.End.Key, "props": props}); err != nil {
			return sent, fmt.Errorf("relationship %s: %w", r.ID(), err)
		}
	}
	return sent, nil
}

func applySchemaFor(b *testing.B, cfg neo4jsink.Config) {
	b.Helper()
	s, err := neo4jsink.Open(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(context.Background())
	if err := s.ApplySchema(context.Background()); err != nil {
		b.Fatal(err)
	}
}

func checkCounts(b *testing.B, driver neo4j.DriverWithContext, db string, nodes, rels int) {
	b.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), driver,
		"CALL { MATCH (n) RETURN count(n) AS n } CALL { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		b.Fatal(err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	r, _ := res.Records[0].Values[1].(int64)
	if int(n) != nodes || int(r) != rels {
		b.Fatalf("database holds %d nodes and %d relationships, want %d and %d", n, r, nodes, rels)
	}
}

// statementsOf reads the statement count from load's report.
func statementsOf(report string) int {
	var props, n int
	for _, line := range strings.Split(report, "\n") {
		if _, err := fmt.Sscanf(line, "properties set: %d, in %d statements", &props, &n); err == nil {
			return n
		}
	}
	return 0
}

// median returns the run of median time (the lower middle one of an even count) and the best.
func median(runs []loadRun) (med, best loadRun) {
	sorted := append([]loadRun(nil), runs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].elapsed < sorted[j].elapsed })
	return sorted[(len(sorted)-1)/2], sorted[0]
}

func writeBenchReport(ctx context.Context, driver neo4j.DriverWithContext, db string, nodes, rels int, batched, sinkOnly, naive []loadRun) error {
	version := "unknown"
	if res, err := neo4j.ExecuteQuery(ctx, driver, "CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v",
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err == nil && len(res.Records) > 0 {
		version = fmt.Sprint(res.Records[0].Values[0])
	}
	bm, bb := median(batched)
	sm, sb := median(sinkOnly)
	nm, nb := median(naive)
	rate := func(r loadRun) float64 { return float64(rels) / r.elapsed.Seconds() }
	var w strings.Builder
	fmt.Fprintf(&w, "# newsgraph load benchmark\n\n")
	fmt.Fprintf(&w, "Written by `BenchmarkLoad` (cmd/newsgraph/bench_test.go) on %s.\n\n", time.Now().UTC().Format(time.RFC3339))
	fmt.Fprintf(&w, "- server: %s, database %s\n", version, db)
	fmt.Fprintf(&w, "- client: %s/%s, %d CPUs, %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(&w, "- corpus: %d generated articles, %d nodes, %d relationships (`corpus` in corpus_test.go)\n", *benchArticles, nodes, rels)
	fmt.Fprintf(&w, "- every load starts from an empty database. `newsgraph load --graph FILE` is timed whole: reading the\n"+
		"  JSON lines, creating the schema, writing. The naive loader gets the graph in memory and the schema\n"+
		"  created before its clock starts; it sends each statement with `neo4j.ExecuteQuery` (a managed transaction).\n\n")
	fmt.Fprintf(&w, "| loader | statements | median s | relationships/s (median) | best s | relationships/s (best) |\n|---|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(&w, "| `newsgraph load` (UNWIND batches of %d, MERGE on key) | %d | %.1f | %.0f | %.1f | %.0f |\n",
		neo4jsink.DefaultBatchSize, bm.statements, bm.elapsed.Seconds(), rate(bm), bb.elapsed.Seconds(), rate(bb))
	fmt.Fprintf(&w, "| `neo4jsink.Sink.Write` alone (graph in memory, schema in place) | %d | %.1f | %.0f | %.1f | %.0f |\n",
		sm.statements, sm.elapsed.Seconds(), rate(sm), sb.elapsed.Seconds(), rate(sb))
	fmt.Fprintf(&w, "| naive (one MERGE per node and per relationship) | %d | %.1f | %.0f | %.1f | %.0f |\n\n",
		nm.statements, nm.elapsed.Seconds(), rate(nm), nb.elapsed.Seconds(), rate(nb))
	fmt.Fprintf(&w, "Ratio of relationships per second, `newsgraph load` over naive: **%.1f×** (medians), %.1f× (best runs).\n", rate(bm)/rate(nm), rate(bb)/rate(nb))
	fmt.Fprintf(&w, "The loader alone over naive, on equal terms: **%.1f×** (medians), %.1f× (best runs).\n\n", rate(sm)/rate(nm), rate(sb)/rate(nb))
	fmt.Fprintf(&w, "Every round: newsgraph load, the loader alone, naive (the machine is shared; its load average shows how busy it was):\n\n"+
		"| round | loader | ended (UTC) | seconds | relationships/s | load average |\n|---:|---|---|---:|---:|---|\n")
	for i := range batched {
		for _, r := range []struct {
			name string
			run  loadRun
		}{{"newsgraph load", batched[i]}, {"Sink.Write", sinkOnly[i]}, {"naive", naive[i]}} {
			fmt.Fprintf(&w, "| %d | %s | %s | %.1f | %.0f | %s |\n", i+1, r.name, r.run.at.UTC().Format("15:04:05"), r.run.elapsed.Seconds(), rate(r.run), r.run.load)
		}
	}
	if err := os.MkdirAll(filepath.Dir(*benchReport), 0o755); err != nil {
		return err
	}
	return os.WriteFile(*benchReport, []byte(w.String()), 0o644)
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
