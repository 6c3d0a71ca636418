//go:build unix

package extract

import (
	"os"
	"path/filepath"
	"syscall"
)

// A spilled run holds a lock on a file in its directory for as long as the directory is
// in use. The kernel lets go of it when the process ends, however it ends, so a directory
// whose lock can be taken was left behind by a run that was killed (SIGKILL, the
// out-of-memory killer) and is removed by the next spilled run in the same place.

// lockSpillDir creates and locks dir's lock file, and returns it: closing it unlocks. The
// file is locked under another name and then renamed, so that a sweep never finds it
// unlocked.
func lockSpillDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, spillLockName)
	f, err := os.OpenFile(path+".new", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		os.Remove(path + ".new")
		return nil, err
	}
	if err := os.Rename(path+".new", path); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// sweepSpillDirs removes the spill directories in dir that no process holds, and returns
// them. A directory without a lock file (one being made, or made by an older newsgraph)
// is left alone.
func sweepSpillDirs(dir string) []string {
	if dir == "" {
		dir = os.TempDir()
	}
	stale, _ := filepath.Glob(filepath.Join(dir, spillDirPattern))
	var removed []string
	for _, d := range stale {
		f, err := os.OpenFile(filepath.Join(d, spillLockName), os.O_RDWR, 0)
		if err != nil {
			continue
		}
		// held (EWOULDBLOCK) by a run going on, or a file system without locks: left
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil && os.RemoveAll(d) == nil {
			removed = append(removed, d)
		}
		f.Close()
	}
	return removed
}
