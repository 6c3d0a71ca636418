//go:build !unix

package extract

import "os"

// Without flock a spilled run's directory is not locked, and no directory is swept: one
// left by a killed run stays until removed by hand.

func lockSpillDir(string) (*os.File, error) { return nil, nil }

func sweepSpillDirs(string) []string { return nil }
