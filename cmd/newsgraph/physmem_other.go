//go:build !linux

package main

// physicalMemory returns 0: off Linux the machine's memory is not looked up, and no
// default memory limit is set.
func physicalMemory() uint64 { return 0 }
