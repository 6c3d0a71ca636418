package main

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"time"
)

// The process's own figures, read from /proc on Linux; elsewhere they are zero and the
// report says unknown.

// mainInit is when package main was initialised: the process start when /proc does not
// say better.
var mainInit = time.Now()

// processStart returns when the process started: /proc/self/stat's start time (in clock
// ticks, 100 a second on Linux) against /proc/uptime, to 10 ms; else mainInit.
func processStart() time.Time {
	stat, err1 := os.ReadFile("/proc/self/stat")
	up, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return mainInit
	}
	// the command name may hold spaces: fields count from the last ')'
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	uf := strings.Fields(string(up))
	if len(f) < 20 || len(uf) < 1 {
		return mainInit
	}
	ticks, err1 := strconv.ParseFloat(f[19], 64) // field 22 of the whole line
	uptime, err2 := strconv.ParseFloat(uf[0], 64)
	if err1 != nil || err2 != nil {
		return mainInit
	}
	age := time.Duration((uptime - ticks/100) * float64(time.Second))
	start := time.Now().Add(-age)
	if start.After(mainInit) {
		return mainInit
	}
	return start
}

// memStatus returns the current and the peak resident set size, in bytes.
func memStatus() (rss, peak int64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		fs := strings.Fields(v)
		if len(fs) == 0 {
			continue
		}
		kb, err := strconv.ParseInt(fs[0], 10, 64)
		if err != nil {
			continue
		}
		if k == "VmRSS" {
			rss = kb << 10
		} else {
			peak = kb << 10
		}
	}
	return rss, peak
}

// resetPeak makes the peak resident set size start again from the current one, so that
// each phase of the benchmark has its own; it reports whether the kernel allowed it.
func resetPeak() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// loadAvg returns the one-minute load average, or "" when unknown.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return ""
}
