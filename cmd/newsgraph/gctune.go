package main

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// Extraction keeps little (the graph) and allocates much (tokens, per sentence). With Go's
// default GOGC of 100 a small live heap is collected every few megabytes allocated, which
// cost a sixth of extraction's CPU time on the examples (docs/bench). tuneGC gives the heap
// a minimum headroom instead: it may grow by gcHeadroom beyond what is live before a
// collection, or by what is live when that is more (GOGC 100), so that large graphs are
// collected as Go would and small ones much less often. GOGC set in the environment
// disables it.
const (
	gcHeadroom = 192 << 20
	gcMaxPct   = 400
)

// gcPercentFor returns the GOGC that gives a live heap of live bytes its headroom.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return gcMaxPct
	}
	pct := int(uint64(gcHeadroom) * 100 / live)
	return max(100, min(gcMaxPct, pct))
}

// tuneGC sets GOGC from the live heap every 100 ms until ctx ends, and the soft memory
// limit of a spilled run (spillLimitFor).
func tuneGC(ctx context.Context) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	last := -1
	var lastLimit int64
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		metrics.Read(sample)
		var live uint64
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live = sample[0].Value.Uint64()
		}
		if pct := gcPercentFor(live); pct != last {
			debug.SetGCPercent(pct)
			last = pct
		}
		if floor := spillFloor.Load(); floor > 0 {
			if limit := spillLimitFor(int64(live), floor, spillCeiling.Load()); limit != lastLimit {
				debug.SetMemoryLimit(limit)
				lastLimit = limit
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// A graph too large for the machine would, with the heap allowed to double what is live,
// ask for twice its size before the first collection that could have kept it in memory.
// softMemoryLimit sets Go's soft memory limit to memoryShare of the machine's memory, so
// that near it the collector runs more often instead; GOMEMLIMIT set in the environment
// wins (a smaller one trades CPU for memory: docs/bench/README.md). It returns the limit
// set, 0 when none.
const memoryShare = 0.75

func softMemoryLimit(getenv func(string) string, physical uint64) int64 {
	if getenv("GOMEMLIMIT") != "" || physical == 0 {
		return 0
	}
	limit := int64(float64(physical) * memoryShare)
	debug.SetMemoryLimit(limit)
	return limit
}

// spillMemoryLimit is the soft memory limit of a spilled run (extract --spill, bench
// --spill): what it keeps is small (persons, bodies, roles, places, and one partition of
// relationships at a time: 50 to 180 MB live on the 200 MB corpus), so the headroom
// tuneGC allows would be most of its footprint; near this limit the collector runs more
// often instead, which costs little on a small heap.
const spillMemoryLimit = 340 << 20

// lowerMemoryLimit lowers Go's soft memory limit to limit, unless GOMEMLIMIT is set in
// the environment or the limit is lower already, and returns the limit in force.
// What it lowers the limit to is the floor of a limit that then follows the live heap
// (spillLimitFor), up to the limit it found.
func lowerMemoryLimit(getenv func(string) string, limit int64) int64 {
	cur := debug.SetMemoryLimit(-1)
	if getenv("GOMEMLIMIT") != "" || cur <= limit {
		return cur
	}
	debug.SetMemoryLimit(limit)
	if spillFloor.Load() == 0 { // a later spilled run finds the limit tuneGC raised, not the machine's
		spillCeiling.Store(cur)
	}
	spillFloor.Store(limit)
	return limit
}

// spillFloor and spillCeiling bound the soft memory limit of a spilled run, as
// lowerMemoryLimit set them (0: no spilled run lowered it).
var spillFloor, spillCeiling atomic.Int64

// spillLimitFor returns the soft memory limit of a spilled run whose live heap is live:
// floor, or the live heap and half as much again when that is more, never above ceiling.
// What a spilled run keeps grows with the archive's persons, bodies and roles: under the
// floor on the 200 MB corpus, past it on 1 GB, where a limit fixed below the live heap kept
// the collector running back to back (1 GB: 467 s and 959 MB at peak with the limit fixed,
// 372 s and 1.19 GB following the live heap, 328 s and 1.71 GB with GOMEMLIMIT=3GiB).
func spillLimitFor(live, floor, ceiling int64) int64 {
	return min(ceiling, max(floor, live+live/2))
}
