package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestGCPercentFor(t *testing.T) {
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, gcMaxPct},
		{16 << 20, gcMaxPct}, // small heaps: the most headroom allowed
		{96 << 20, 200},      // 192 MB beyond 96 MB
		{gcHeadroom, 100},    // from here on, Go's default
		{4 << 30, 100},       // big graphs are collected as Go would
		{gcHeadroom * 100 / 300, 300},
	} {
		if got := gcPercentFor(tt.live); got != tt.want {
			t.Errorf("gcPercentFor(%d MB) = %d, want %d", tt.live>>20, got, tt.want)
		}
	}
}

func TestSoftMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // as it was
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "GOMEMLIMIT" {
				return v
			}
			return ""
		}
	}
	debug.SetMemoryLimit(math.MaxInt64)
	if got := softMemoryLimit(env(""), 16<<30); got != 12<<30 || debug.SetMemoryLimit(-1) != 12<<30 {
		t.Errorf("16 GiB machine: limit %d, runtime's %d; want 12 GiB", got, debug.SetMemoryLimit(-1))
	}
	debug.SetMemoryLimit(math.MaxInt64)
	for _, tt := range []struct {
		name     string
		env      string
		physical uint64
	}{
		{"GOMEMLIMIT set", "2GiB", 16 << 30},
		{"memory unknown", "", 0},
	} {
		if got := softMemoryLimit(env(tt.env), tt.physical); got != 0 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
			t.Errorf("%s: limit %d, runtime's %d; want none set", tt.name, got, debug.SetMemoryLimit(-1))
		}
	}
	if runtime.GOOS == "linux" && physicalMemory() == 0 {
		t.Error("physicalMemory() = 0 on Linux")
	}
}

func TestLowerMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // as it was
	defer func(f, c int64) { spillFloor.Store(f); spillCeiling.Store(c) }(spillFloor.Load(), spillCeiling.Load())
	spillFloor.Store(0)
	none := func(string) string { return "" }
	debug.SetMemoryLimit(12 << 30)
	if got := lowerMemoryLimit(none, spillMemoryLimit); got != spillMemoryLimit || debug.SetMemoryLimit(-1) != spillMemoryLimit {
		t.Errorf("from 12 GiB: %d, runtime's %d; want %d", got, debug.SetMemoryLimit(-1), spillMemoryLimit)
	}
	if spillFloor.Load() != spillMemoryLimit || spillCeiling.Load() != 12<<30 {
		t.Errorf("the spilled limit's bounds: %d to %d, want %d to %d", spillFloor.Load(), spillCeiling.Load(), spillMemoryLimit, int64(12<<30))
	}
	debug.SetMemoryLimit(900 << 20) // as tuneGC raises it for a big heap; then the next spilled run
	lowerMemoryLimit(none, spillMemoryLimit)
	if spillCeiling.Load() != 12<<30 {
		t.Errorf("a second spilled run took the raised limit, %d MiB, for the machine's", spillCeiling.Load()>>20)
	}
	spillFloor.Store(0)
	debug.SetMemoryLimit(100 << 20)
	if got := lowerMemoryLimit(none, spillMemoryLimit); got != 100<<20 || debug.SetMemoryLimit(-1) != 100<<20 {
		t.Errorf("a lower limit was raised: %d", got)
	}
	debug.SetMemoryLimit(12 << 30)
	set := func(k string) string {
		if k == "GOMEMLIMIT" {
			return "12GiB"
		}
		return ""
	}
	if got := lowerMemoryLimit(set, spillMemoryLimit); got != 12<<30 || debug.SetMemoryLimit(-1) != 12<<30 {
		t.Errorf("GOMEMLIMIT set: the limit became %d", debug.SetMemoryLimit(-1))
	}
	if spillFloor.Load() != 0 {
		t.Errorf("a limit not lowered has a floor: %d", spillFloor.Load())
	}
}

func TestSpillLimitFor(t *testing.T) {
	const mib = 1 << 20
	for _, tt := range []struct{ live, want int64 }{
		{0, spillMemoryLimit},
		{180 * mib, spillMemoryLimit}, // the 200 MB corpus's most: under the floor
		{226 * mib, spillMemoryLimit}, // half as much again reaches the floor
		{256 * mib, 384 * mib},
		{600 * mib, 900 * mib}, // half as much again
		{8000 * mib, 10000 * mib},
	} {
		if got := spillLimitFor(tt.live, spillMemoryLimit, 10000*mib); got != tt.want {
			t.Errorf("spillLimitFor(%d MiB) = %d MiB, want %d MiB", tt.live/mib, got/mib, tt.want/mib)
		}
	}
}
