package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadJSONLPieces reads JSON-lines files in pieces smaller than one record and
// wants exactly what ReadInput gives reading them whole: the same documents, line
// numbers, file:line sources and errors.
func TestReadJSONLPieces(t *testing.T) {
	records := []string{
		`{"id": "xh-001", "text": "新华社北京5月27日电 会议召开。", "title": "会议召开", "date": "2021/5/27"}`,
		`{"id": 42, "text": "第二篇。"}`,
		``,
		`{"text": "没有编号的一篇，来源是文件和行号。"}`,
		`{"text": "坏的 JSON。"`,
		`{"id": "no-text", "title": "只有标题"}`,
		`["not", "an", "object"]`,
		`  {"id": 7.5, "text": "小数编号。", "date": "２０２１年５月２８日"}  `,
		`{"text": "` + strings.Repeat("很长的一行。", 200) + `"}`,
		`{"text": "最后一篇。"}`,
	}
	joined := strings.Join(records, "\n")
	tests := []struct {
		name    string
		content string
	}{
		{"records", joined + "\n"},
		{"no newline at the end", joined},
		{"CRLF line ends", strings.ReplaceAll(joined, "\n", "\r\n")},
		{"byte-order mark", "\ufeff" + joined},
		{"blank lines", "\n\n" + joined + "\n\n\n"},
		{"empty", " \n \n"},
		{"invalid UTF-8 late", joined + "\n{\"text\": \"坏\xff字节。\"}\n"},
		{"cut rune at the end", joined + "\n" + string([]byte("中")[:2])},
		{"NUL byte", joined + "\n\x00\n"},
		{"UTF-16", "\xff\xfe{\x00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "news.jsonl")
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			want := readLog(func(emit func(Doc) error, onErr func(error)) error {
				return ReadInput(context.Background(), path, nil, emit, onErr)
			})
			for _, piece := range []int{16, 100, 1000, 1 << 20} {
				got := readLog(func(emit func(Doc) error, onErr func(error)) error {
					return readJSONLPieces(context.Background(), path, piece, emit, onErr)
				})
				if got != want {
					t.Errorf("in pieces of %d bytes:\n%s\nwhole:\n%s", piece, got, want)
				}
			}
		})
	}
}

// readLog runs a reader and writes down everything it gave, in order.
func readLog(read func(emit func(Doc) error, onErr func(error)) error) string {
	var b strings.Builder
	err := read(func(d Doc) error {
		fmt.Fprintf(&b, "doc %+q\n", d)
		return nil
	}, func(err error) {
		fmt.Fprintf(&b, "line error %v\n", err)
	})
	fmt.Fprintf(&b, "error %v\n", err)
	return b.String()
}

// TestReadJSONLPiecesStops: a canceled context stops the reader between records.
func TestReadJSONLPiecesStops(t *testing.T) {
	path := filepath.Join(t.TempDir(), "news.jsonl")
	if err := os.WriteFile(path, []byte(strings.Repeat(`{"text": "一篇。"}`+"\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := readJSONLPieces(ctx, path, 64, func(Doc) error {
		n++
		if n == 3 {
			cancel()
		}
		return nil
	}, func(err error) { t.Error(err) })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n != 3 {
		t.Errorf("%d documents read, want 3", n)
	}
}

// TestLooksLikeText: a rune cut by a block boundary is no invalid UTF-8.
func TestLooksLikeText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.jsonl")
	// 1 MiB blocks: "中" is 3 bytes, so some rune straddles every boundary
	if err := os.WriteFile(path, []byte(strings.Repeat("中", 1<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	ok, err := looksLikeText(path)
	if err != nil || !ok {
		t.Errorf("looksLikeText = %v, %v; want true, nil", ok, err)
	}
}
