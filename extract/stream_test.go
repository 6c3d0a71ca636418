package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
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

// TestReadStdin: JSON lines on standard input are read as a .jsonl file's are, whole
// (ReadInput) and a piece at a time (readInputStreamed; readJSONLFrom in pieces smaller
// than a record), with <stdin> for the file's name; text on standard input is one
// document, as before; read in pieces, a bad piece ends standard input with an error
// naming it, after the documents before it.
func TestReadStdin(t *testing.T) {
	records := "\ufeff\n" + `{"id": "xh-001", "text": "新华社北京5月27日电 会议召开。", "title": "会议召开", "date": "2021/5/27"}` + "\n\n" +
		`{"text": "没有编号的一篇，来源是文件和行号。"}` + "\n" + `{"text": "坏的 JSON。"` + "\r\n" +
		`{"text": "` + strings.Repeat("很长的一行。", 40) + `"}` + "\n" + `{"text": "最后一篇。"}`
	path := filepath.Join(t.TempDir(), "news.jsonl")
	if err := os.WriteFile(path, []byte(records), 0o644); err != nil {
		t.Fatal(err)
	}
	want := readLog(func(emit func(Doc) error, onErr func(error)) error {
		return ReadInput(context.Background(), path, nil, emit, onErr)
	})
	want = strings.ReplaceAll(strings.ReplaceAll(want, path, stdinName), "news.jsonl:", "stdin:")
	if strings.Count(want, "doc ") != 4 || strings.Count(want, "line error") != 1 {
		t.Fatalf("the file reads as\n%s", want)
	}
	reads := map[string]func(emit func(Doc) error, onErr func(error)) error{
		"whole": func(emit func(Doc) error, onErr func(error)) error {
			return ReadInput(context.Background(), "-", strings.NewReader(records), emit, onErr)
		},
		"streamed": func(emit func(Doc) error, onErr func(error)) error {
			return readInputStreamed(context.Background(), "-", strings.NewReader(records), emit, onErr)
		},
	}
	for _, piece := range []int{16, 100, 1000} {
		reads[fmt.Sprint("in pieces of ", piece)] = func(emit func(Doc) error, onErr func(error)) error {
			return readJSONLFrom(context.Background(), stdinName, strings.NewReader(records), piece, true, emit, onErr)
		}
	}
	for name, read := range reads {
		if got := readLog(read); got != want {
			t.Errorf("%s:\n%s\nthe file:\n%s", name, got, want)
		}
	}
	// streamed, JSON lines are extracted before the whole of standard input is read:
	// here a pipe that breaks after more than a piece
	rec := `{"text": "一篇。"}` + "\n"
	broken := io.MultiReader(strings.NewReader(strings.Repeat(rec, jsonlPiece/len(rec)+10)), iotest.ErrReader(errors.New("a broken pipe")))
	n := 0
	err := readInputStreamed(context.Background(), "-", broken, func(Doc) error { n++; return nil }, func(err error) { t.Error(err) })
	if n < jsonlPiece/len(rec)/2 || err == nil || !strings.Contains(err.Error(), "a broken pipe") {
		t.Errorf("a pipe broken after %d bytes: %d documents, error %v", jsonlPiece+10*len(rec), n, err)
	}
	// a page of text is one document, as it always was
	page := "## 市委常委会举行会议\n\n本报讯 市委常委会昨天举行会议。\n"
	for name, read := range map[string]func(context.Context, string, io.Reader, func(Doc) error, func(error)) error{
		"whole": ReadInput, "streamed": readInputStreamed,
	} {
		var docs []Doc
		err := read(context.Background(), "-", strings.NewReader(page), func(d Doc) error { docs = append(docs, d); return nil }, func(err error) { t.Error(err) })
		if err != nil || len(docs) != 1 || docs[0].Text != page || docs[0].Source != "stdin" {
			t.Errorf("%s: a page on stdin read as %+q, %v", name, docs, err)
		}
	}
	// a bad piece: what came before it is read, and the error names standard input
	bad := records + "\n" + `{"text": "坏` + "\xff" + `字节。"}` + "\n" + `{"text": "之后。"}` + "\n"
	got := readLog(func(emit func(Doc) error, onErr func(error)) error {
		return readJSONLFrom(context.Background(), stdinName, strings.NewReader(bad), 100, true, emit, onErr)
	})
	if !strings.Contains(got, "error "+stdinName+": ") || !strings.Contains(got, "not UTF-8") || strings.Count(got, "doc ") < 3 || strings.Contains(got, "之后") {
		t.Errorf("a bad piece read as\n%s", got)
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

// FuzzReadStdin: any bytes on standard input are read, whole and streamed, without a
// panic; JSON lines that are text read in small pieces give what reading them whole
// gives: the same documents, line errors and error.
func FuzzReadStdin(f *testing.F) {
	f.Add([]byte(`{"id": "a", "text": "一篇。"}` + "\n\n" + `{"text": "坏"` + "\n" + `{"text": "第三篇。", "date": "2021-05-28"}`))
	f.Add([]byte("\ufeff {\"text\": \"x\"}\r\n"))
	f.Add([]byte("## 标题\n\n本报讯 正文。\n"))
	f.Add([]byte("{\x00}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		whole := readLog(func(emit func(Doc) error, onErr func(error)) error {
			return ReadInput(context.Background(), "-", bytes.NewReader(data), emit, onErr)
		})
		streamed := readLog(func(emit func(Doc) error, onErr func(error)) error {
			return readInputStreamed(context.Background(), "-", bytes.NewReader(data), emit, onErr)
		})
		if checkText(data) != nil || !startsJSONL(data) {
			return // text is one document either way; a bad piece ends a stream early
		}
		if streamed != whole {
			t.Fatalf("streamed:\n%s\nwhole:\n%s", streamed, whole)
		}
		pieces := readLog(func(emit func(Doc) error, onErr func(error)) error {
			return readJSONLFrom(context.Background(), stdinName, bytes.NewReader(data), 8, true, emit, onErr)
		})
		if pieces != whole {
			t.Fatalf("in pieces of 8 bytes:\n%s\nwhole:\n%s", pieces, whole)
		}
	})
}
