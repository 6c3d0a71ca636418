package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// physicalMemory returns the memory the process may use in bytes: the machine's, or
// its control group's limit (cgroup v2, as in a container) when that is less; 0 when
// it cannot tell.
func physicalMemory() uint64 {
	var si syscall.Sysinfo_t
	if err := syscall.Sysinfo(&si); err != nil {
		return 0
	}
	total := uint64(si.Totalram) * uint64(si.Unit)
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && n < total {
			total = n // "max" when there is no limit: not a number
		}
	}
	return total
}
