package main

import "testing"

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
