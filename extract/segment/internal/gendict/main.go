// Command gendict compiles gse's simplified Chinese dictionary (data/dict/zh/s_1.txt of
// the github.com/go-ego/gse version go.mod requires, jieba's word list with frequencies and
// tags) into the blob package segment embeds. Run it with go generate in extract/segment.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/extract/segment"
	"github.com/newsgraph/newsgraph/extract/segment/internal/zhsrc"
)

func main() {
	out := flag.String("o", "zh_s.dict", "the `file` to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	text, path, err := zhsrc.Read()
	if err != nil {
		return err
	}
	blob, err := segment.Compile(text)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.WriteFile(out, blob, 0o644); err != nil {
		return err
	}
	fmt.Printf("gendict: %s (%d bytes) from %s\n", out, len(blob), path)
	return nil
}
