//go:build unix

package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestExtractSweeps: a spilled extract removes the directory a killed spilled run left in
// $TMPDIR (its lock file free) and says so; its own is gone when it ends.
func TestExtractSweeps(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	stale := filepath.Join(tmp, "newsgraph-spill-123")
	if err := os.Mkdir(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"lock", "part-07"} {
		if err := os.WriteFile(filepath.Join(stale, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runCLI(t, "extract", "--spill", "--date", "2021-05-28", "../../examples/jiefang-2021-05-28.txt")
	if code != 0 || stdout == "" {
		t.Fatalf("exit %d, %d bytes written, stderr:\n%s", code, len(stdout), stderr)
	}
	if want := "newsgraph: removed " + stale + ", which a spilled run that was killed left behind\n"; stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) > 0 {
		t.Errorf("left in $TMPDIR: %v", left)
	}
}
