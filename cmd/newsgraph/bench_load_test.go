package main

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph/neo4jsink"
	"github.com/newsgraph/newsgraph/graph/neo4jsink/neo4jsinktest"
)

// TestBenchLoad runs bench --load into the emptied test server, both ways a load into
// an empty database goes (overlapped, and with --spill), and wants the load's part of
// the report and the database holding the graph.
func TestBenchLoad(t *testing.T) {
	for _, tt := range []struct {
		flags []string
		want  string
	}{
		{nil, "newsgraph load's way into an empty database, with extraction and writing overlapped"},
		{[]string{"--spill"}, "newsgraph load --spill's way into an empty database"},
	} {
		s := neo4jsinktest.Open(t, neo4jsink.Config{})
		args := append([]string{"bench", "--examples", examplesDir, "--repeat", "20KB", "--count", "1", "--load"}, tt.flags...)
		code, stdout, stderr := runCLI(t, append(args, loadArgs(t, s.Config())...)...)
		if code != 0 {
			t.Fatalf("bench %v exited %d: %s", tt.flags, code, stderr)
		}
		for _, want := range []string{"## Load", tt.want, "| loading not slower than extracting | writing "} {
			if !strings.Contains(stdout, want) {
				t.Errorf("bench %v: the report lacks %q:\n%s", tt.flags, want, stdout)
			}
		}
		tab, err := s.Query(t.Context(), "MATCH ()-[r]->() RETURN count(r)", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(tab.Rows) != 1 || tab.Rows[0][0] == int64(0) {
			t.Errorf("bench %v: the database holds %v relationships", tt.flags, tab.Rows)
		}
	}
}
