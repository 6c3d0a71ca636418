//go:build unix

package extract

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for a spilled run in another process: with
// NEWSGRAPH_TEST_HOLD_SPILL set to a directory, it locks it, says so and waits to be
// killed.
func TestMain(m *testing.M) {
	if dir := os.Getenv("NEWSGRAPH_TEST_HOLD_SPILL"); dir != "" {
		if _, err := lockSpillDir(dir); err != nil {
			os.Exit(2)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// TestSweepSpillDirs: a spilled run's directory is removed by a later run once no process
// holds it (its own process killed with SIGKILL), and not before; directories without a
// lock file, or not named as spill directories, are left alone.
func TestSweepSpillDirs(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string, lock bool) string {
		d := filepath.Join(dir, name)
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if lock {
			writeFile(t, filepath.Join(d, spillLockName), "")
		}
		writeFile(t, filepath.Join(d, "part-01"), "records")
		return d
	}
	stale := mk(spillDirPrefix+"stale", true)
	held := mk(spillDirPrefix+"held", false)
	f, err := lockSpillDir(held) // held by this process, through a file of its own
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bare := mk(spillDirPrefix+"bare", false)
	other := mk("other", true)
	killed := mk(spillDirPrefix+"killed", false)

	// another process holds killed's lock until it is killed
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "NEWSGRAPH_TEST_HOLD_SPILL="+killed)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("the other process did not lock its directory: %q, %v", line, err)
	}
	if got := sweepSpillDirs(dir); !slices.Equal(got, []string{stale}) {
		t.Fatalf("swept %v, want only %s", got, stale)
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	// a run in dir sweeps what the killed process left, and says so
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, st, err := x.RunSpilled(context.Background(), []string{filepath.Join(examplesDir, "jiefang-2021-05-28.txt")}, nil, func(err error) { t.Error(err) }, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(st.Swept, []string{killed}) {
		t.Errorf("the run swept %v, want %s", st.Swept, killed)
	}
	own := s.dir
	if got := sweepSpillDirs(dir); len(got) > 0 {
		t.Errorf("a sweep removed %v while the run that made it was open", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{stale, killed, own} {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", d, err)
		}
	}
	for _, d := range []string{held, bare, other} {
		if _, err := os.Stat(filepath.Join(d, "part-01")); err != nil {
			t.Errorf("%s was removed: %v", d, err)
		}
	}
}
