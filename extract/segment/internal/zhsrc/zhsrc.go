// Package zhsrc finds the text segment's dictionary is compiled from: data/dict/zh/s_1.txt
// of the github.com/go-ego/gse module this module requires, in the module cache. It runs
// the go command, so it is for the generator and tests, never for newsgraph itself.
package zhsrc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Module is the module whose dictionary is compiled.
const Module = "github.com/go-ego/gse"

// Rel is the dictionary's path in Module.
const Rel = "data/dict/zh/s_1.txt"

// Read returns the dictionary text and the file it was read from. It asks the go command
// where the required version of Module is, downloading it first if it has to.
func Read() ([]byte, string, error) {
	dir, err := goCmd("list", "-m", "-f", "{{.Dir}}", Module)
	if err == nil && dir == "" {
		if _, err = goCmd("mod", "download", Module); err == nil {
			dir, err = goCmd("list", "-m", "-f", "{{.Dir}}", Module)
		}
	}
	if err != nil {
		return nil, "", err
	}
	path := filepath.Join(dir, filepath.FromSlash(Rel))
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	return b, path, nil
}

// goCmd runs the go command and returns its output, trimmed.
func goCmd(args ...string) (string, error) {
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = fmt.Errorf("%w: %s", err, bytes.TrimSpace(ee.Stderr))
		}
		return "", fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}
