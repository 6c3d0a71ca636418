package segment

import (
	"bytes"
	"crypto/sha256"
	"testing"

	"github.com/newsgraph/newsgraph/extract/segment/internal/zhsrc"
)

// TestCompiledIsFresh wants zh_s.dict to be what internal/gendict makes of the zh_s text
// of the gse version go.mod requires: compiled from that very text (its SHA-256) and, but
// with -short, byte for byte what Compile makes of it now.
func TestCompiledIsFresh(t *testing.T) {
	text, path, err := zhsrc.Read()
	if err != nil {
		t.Fatal(err)
	}
	d, err := builtin()
	if err != nil {
		t.Fatal(err)
	}
	if d.source != sha256.Sum256(text) {
		t.Fatalf("zh_s.dict was compiled from another text than %s: run go generate ./extract/segment", path)
	}
	if testing.Short() {
		t.Skip("-short: the source's hash is checked, the blob is not compiled again")
	}
	blob, err := Compile(text)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(blob, zhS) {
		t.Errorf("zh_s.dict (%d bytes) is not what Compile makes of %s now (%d bytes): run go generate ./extract/segment", len(zhS), path, len(blob))
	}
}

// TestReadCompiledRefuses wants an error, not a panic, for a blob cut short or not one.
func TestReadCompiledRefuses(t *testing.T) {
	for _, n := range []int{0, 10, 80, 200, len(zhS) / 2, len(zhS) - 1} {
		if _, err := readCompiled(zhS[:n]); err == nil {
			t.Errorf("readCompiled of the first %d bytes: no error", n)
		}
	}
	if _, err := readCompiled(append(bytes.Clone(zhS), 0)); err == nil {
		t.Error("readCompiled with a byte more: no error")
	}
}
