package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFiles writes name → content under dir, making folders as needed, and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// under returns the slash-separated names as paths under dir.
func under(dir string, names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, filepath.Join(dir, filepath.FromSlash(n)))
	}
	return out
}

// readAll runs ReadInput on path and returns the documents it emitted, the errors it
// passed to onErr (one per bad JSON line) and the error it returned.
func readAll(t *testing.T, path, stdin string) (docs []Doc, lineErrs []error, err error) {
	t.Helper()
	err = ReadInput(context.Background(), path, strings.NewReader(stdin),
		func(d Doc) error { docs = append(docs, d); return nil },
		func(e error) { lineErrs = append(lineErrs, e) })
	return docs, lineErrs, err
}

// gb18030 is "上海市委书记李强主持会议。" encoded in GB18030, as a paper's archive may hold it.
var gb18030 = string([]byte{
	0xc9, 0xcf, 0xba, 0xa3, 0xca, 0xd0, 0xce, 0xaf, 0xca, 0xe9, 0xbc, 0xc7,
	0xc0, 0xee, 0xc7, 0xbf, 0xd6, 0xf7, 0xb3, 0xd6, 0xbb, 0xe1, 0xd2, 0xe9, 0xa1, 0xa3,
})

const goodArticle = "## 市防汛工作会议召开\n\n**本报讯** 上海市防汛工作会议昨天召开。市委副书记、市长龚正出席会议并讲话。\n"

func TestExpandPaths(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"b.txt":              "b",
		"a.md":               "a",
		"README.md":          "docs, not news",
		"sub/readme.MD":      "docs, not news",
		"sub/c.html":         "<p>c</p>",
		"sub/d.jsonl":        `{"text":"d"}`,
		"sub/e.HTM":          "<p>e</p>",
		"sub/f.TXT":          "f",
		"sub/deeper/g.txt":   "g",
		"skip/photo.jpg":     "\xff\xd8",
		"skip/notes.docx":    "PK",
		"skip/data.json":     "{}",
		"skip/README.txt.gz": "x",
	})
	single := filepath.Join(dir, "skip", "data.json")
	missing := filepath.Join(dir, "nope.txt")
	in := func(names ...string) []string { return under(dir, names...) }
	tests := []struct {
		name      string
		paths     []string
		wantFiles []string
		wantErrs  []string // each error's text, in order
	}{
		{
			name:      "a directory is walked recursively, sorted, only news files, no README",
			paths:     []string{dir},
			wantFiles: in("a.md", "b.txt", "sub/c.html", "sub/d.jsonl", "sub/deeper/g.txt", "sub/e.HTM", "sub/f.TXT"),
		},
		{
			name:      "a file named on the command line is read whatever its extension",
			paths:     []string{single},
			wantFiles: []string{single},
		},
		{
			name:      "stdin passes through",
			paths:     []string{"-"},
			wantFiles: []string{"-"},
		},
		{
			name:      "a missing path is an error naming it, the others are kept in order",
			paths:     []string{single, missing, "-", filepath.Join(dir, "sub", "deeper")},
			wantFiles: append([]string{single, "-"}, in("sub/deeper/g.txt")...),
			wantErrs:  []string{missing + ": no such file or directory"},
		},
		{
			name:  "nothing",
			paths: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, errs := ExpandPaths(tt.paths)
			if got, want := files, tt.wantFiles; !slices.Equal(got, want) {
				t.Errorf("files = %q, want %q", got, want)
			}
			var got []string
			for _, err := range errs {
				got = append(got, err.Error())
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Errorf("error %v is a %T, want *InputError", err, err)
				}
			}
			if want := tt.wantErrs; !slices.Equal(got, want) {
				t.Errorf("errors = %q, want %q", got, want)
			}
		})
	}
	t.Run("missing path is fs.ErrNotExist", func(t *testing.T) {
		_, errs := ExpandPaths([]string{missing})
		if len(errs) != 1 || !errors.Is(errs[0], fs.ErrNotExist) {
			t.Errorf("errors = %v, want one fs.ErrNotExist", errs)
		}
	})
}

// TestExpandPathsLinks: an archive put together from links is walked through them, each
// directory once, and what cannot be read is named.
func TestExpandPathsLinks(t *testing.T) {
	store := writeFiles(t, t.TempDir(), map[string]string{
		"2015/0101.jsonl": `{"text":"a"}`,
		"2016/0101.jsonl": `{"text":"b"}`,
		"one.txt":         "c",
	})
	dir := writeFiles(t, t.TempDir(), map[string]string{"own.txt": "d", "empty/notes.docx": "PK"})
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	link(filepath.Join(store, "2015"), "2015")
	link(filepath.Join(store, "2016"), "b-2016")
	link(filepath.Join(store, "2016"), "c-2016-again") // one directory twice: walked once
	link(filepath.Join(store, "one.txt"), "linked.txt")
	link(dir, "loop") // a link to its own parent
	link(filepath.Join(store, "gone.txt"), "gone.txt")
	in := func(names ...string) []string { return under(dir, names...) }
	tests := []struct {
		name      string
		paths     []string
		wantFiles []string
		wantErrs  []string
	}{
		{
			name:      "links to directories and files are followed, each directory once",
			paths:     []string{dir},
			wantFiles: in("2015/0101.jsonl", "b-2016/0101.jsonl", "linked.txt", "own.txt"),
			wantErrs:  []string{filepath.Join(dir, "gone.txt") + ": a link to nothing readable: no such file or directory"},
		},
		{
			name:      "a link named on the command line is walked under its own name",
			paths:     []string{filepath.Join(dir, "2015")},
			wantFiles: in("2015/0101.jsonl"),
		},
		{
			name:     "a directory with no input in it is an error naming it",
			paths:    []string{filepath.Join(dir, "empty")},
			wantErrs: []string{filepath.Join(dir, "empty") + ": " + ErrNoInputs.Error()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, errs := ExpandPaths(tt.paths)
			if !slices.Equal(files, tt.wantFiles) {
				t.Errorf("files = %q, want %q", files, tt.wantFiles)
			}
			var got []string
			for _, err := range errs {
				got = append(got, err.Error())
			}
			if !slices.Equal(got, tt.wantErrs) {
				t.Errorf("errors = %q, want %q", got, tt.wantErrs)
			}
		})
	}
}

func TestReadInput(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"good.txt":      goodArticle,
		"gb18030.txt":   "第一行是 UTF-8。\n" + gb18030 + "\n",
		"binary.txt":    "PK\x03\x04\x00\x00\x08\x00",
		"empty.txt":     "",
		"blank.md":      " \n\t\r\n\u3000\n",
		"folder.txt/x":  "a folder named like a file",
		"utf16le.txt":   "\xff\xfe\x07\x68\x98\x98\n\x00", // "标题\n" as Windows Notepad saves "Unicode"
		"utf16be.txt":   "\xfe\xff\x68\x07\x98\x98\x00\n",
		"page.html":     "<html><head><title> 防汛 会议 </title><script>var x = '不是正文';</script><style>p{}</style></head><body><h1>切实筑牢防汛防台安全防线</h1><p>上海市防汛工作会议昨天召开。</p><div>龚正出席会议<b>并讲话</b>。</div><noscript>请启用脚本</noscript></body></html>",
		"bom.txt":       "\ufeff" + goodArticle,
		"crlf.txt":      strings.ReplaceAll(goodArticle, "\n", "\r\n"),
		"article.jsonl": "",
	})
	path := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name     string
		path     string
		stdin    string
		wantDocs []Doc
		wantErr  error  // errors.Is target; nil for success
		wantMsg  string // the error's text starts with this
	}{
		{
			name:     "a text file is one document named by its base name",
			path:     path("good.txt"),
			wantDocs: []Doc{{Source: "good.txt", Text: goodArticle}},
		},
		{
			name:     "stdin",
			path:     "-",
			stdin:    goodArticle,
			wantDocs: []Doc{{Source: "stdin", Text: goodArticle}},
		},
		{
			name:    "GB18030 bytes are not UTF-8: the error names the file, the line and iconv",
			path:    path("gb18030.txt"),
			wantErr: ErrNotUTF8,
			wantMsg: path("gb18030.txt") + ": not UTF-8 text (invalid byte at offset 22, line 2; convert it with iconv -f GB18030 -t UTF-8)",
		},
		{
			name:    "a binary file",
			path:    path("binary.txt"),
			wantErr: ErrBinary,
			wantMsg: path("binary.txt") + ": binary file, not text (NUL byte at offset 4)",
		},
		{
			name:    "UTF-16 text is not called binary",
			path:    path("utf16le.txt"),
			wantErr: ErrNotUTF8,
			wantMsg: path("utf16le.txt") + ": not UTF-8 text (UTF-16 text; convert it with iconv -f UTF-16 -t UTF-8)",
		},
		{
			name:    "big-endian UTF-16",
			path:    path("utf16be.txt"),
			wantErr: ErrNotUTF8,
			wantMsg: path("utf16be.txt") + ": not UTF-8 text (UTF-16 text; convert it with iconv -f UTF-16 -t UTF-8)",
		},
		{
			name:    "an empty file",
			path:    path("empty.txt"),
			wantErr: ErrEmpty,
			wantMsg: path("empty.txt") + ": empty file",
		},
		{
			name:    "a file of whitespace only is empty",
			path:    path("blank.md"),
			wantErr: ErrEmpty,
			wantMsg: path("blank.md") + ": empty file",
		},
		{
			name:    "empty stdin names stdin",
			path:    "-",
			stdin:   "",
			wantErr: ErrEmpty,
			wantMsg: "<stdin>: empty file",
		},
		{
			name:    "binary stdin names stdin",
			path:    "-",
			stdin:   "a\x00b",
			wantErr: ErrBinary,
			wantMsg: "<stdin>: binary file, not text (NUL byte at offset 1)",
		},
		{
			name:    "a missing file",
			path:    path("missing.txt"),
			wantErr: fs.ErrNotExist,
			wantMsg: path("missing.txt") + ": no such file or directory",
		},
		{
			// A read that fails even for root: the path is a folder.
			name:    "a folder given as a file cannot be read",
			path:    path("folder.txt"),
			wantMsg: path("folder.txt") + ": is a directory",
		},
		{
			name:    "an empty JSON-lines file",
			path:    path("article.jsonl"),
			wantErr: ErrEmpty,
			wantMsg: path("article.jsonl") + ": empty file",
		},
		{
			name: "HTML: the title, headings as headlines, paragraphs, no scripts or styles",
			path: path("page.html"),
			wantDocs: []Doc{{
				Source: "page.html",
				Title:  "防汛 会议",
				Text:   "\n\n## 切实筑牢防汛防台安全防线\n\n\n\n上海市防汛工作会议昨天召开。\n\n\n\n龚正出席会议并讲话。\n\n",
			}},
		},
		{
			name:     "a byte-order mark is kept for normalization to drop",
			path:     path("bom.txt"),
			wantDocs: []Doc{{Source: "bom.txt", Text: "\ufeff" + goodArticle}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, lineErrs, err := readAll(t, tt.path, tt.stdin)
			if len(lineErrs) > 0 {
				t.Errorf("line errors %v for a whole-file input", lineErrs)
			}
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("ReadInput: %v", err)
				}
			} else {
				if err == nil {
					t.Fatalf("ReadInput gave no error, want %q", tt.wantMsg)
				}
				if got, want := err.Error(), tt.wantMsg; got != want {
					t.Errorf("error = %q, want %q", got, want)
				}
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Errorf("error is a %T, want *InputError", err)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("error %v is not %v", err, tt.wantErr)
				}
			}
			if got, want := docs, tt.wantDocs; !slices.Equal(got, want) {
				t.Errorf("docs = %+q\nwant   %+q", got, want)
			}
		})
	}
}

// TestReadInputText checks that what the readers give splits into the expected articles.
func TestReadInputText(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"crlf.txt":  strings.ReplaceAll(goodArticle, "\n", "\r\n"),
		"bom.txt":   "\ufeff" + goodArticle,
		"page.html": `<title>解放日报</title><h2>市防汛工作会议召开</h2><p>本报讯 上海市防汛工作会议昨天召开。</p><p>市委副书记、市长龚正出席会议并讲话。</p>`,
	})
	tests := []struct {
		name      string
		file      string
		wantTitle string
		wantParas []string
	}{
		{"CRLF line ends", "crlf.txt", "市防汛工作会议召开", []string{"上海市防汛工作会议昨天召开。市委副书记、市长龚正出席会议并讲话。"}},
		{"byte-order mark", "bom.txt", "市防汛工作会议召开", []string{"上海市防汛工作会议昨天召开。市委副书记、市长龚正出席会议并讲话。"}},
		{"HTML heading before the body wins over <title>", "page.html", "市防汛工作会议召开", []string{"上海市防汛工作会议昨天召开。", "市委副书记、市长龚正出席会议并讲话。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, lineErrs, err := readAll(t, filepath.Join(dir, tt.file), "")
			if err != nil || len(lineErrs) > 0 || len(docs) != 1 {
				t.Fatalf("ReadInput: %d docs, %v, %v", len(docs), lineErrs, err)
			}
			arts := SplitPage(docs[0])
			if len(arts) != 1 {
				t.Fatalf("%d articles, want 1", len(arts))
			}
			if got, want := arts[0].Title, tt.wantTitle; got != want {
				t.Errorf("title = %q, want %q", got, want)
			}
			if got, want := arts[0].Paragraphs, tt.wantParas; !slices.Equal(got, want) {
				t.Errorf("paragraphs = %q, want %q", got, want)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	lines := []string{
		/* 1 */ `{"id": "xh-001", "text": "新华社北京5月27日电 会议召开。", "title": "会议召开", "date": "2021/5/27", "url": "https://example.com/1", "source": "新华社"}`,
		/* 2 */ `{"id": 42, "text": "第二篇。"}`,
		/* 3 */ `{"text": "第三篇。", "url": "https://example.com/3"}`,
		/* 4 */ `{"text": "第四篇。"}`,
		/* 5 */ ``,
		/* 6 */ `{"text": "坏的 JSON。"`,
		/* 7 */ `{"id": "no-text", "title": "只有标题"}`,
		/* 8 */ `{"id": "blank-text", "text": "  \n "}`,
		/* 9 */ `["not", "an", "object"]`,
		/* 10 */ `{"text": 5}`,
		/* 11 */ `{"id": 20210528001, "text": "长编号。"}`,
		/* 12 */ `{"id": "", "url": "", "text": "空编号。", "date": "昨天"}`,
		/* 13 */ `  {"id": 7.5, "text": "小数编号。", "date": "２０２１年５月２８日"}  `,
	}
	path := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"news.jsonl": strings.Join(lines, "\n") + "\n"}), "news.jsonl")
	docs, lineErrs, err := readAll(t, path, "")
	if err != nil {
		t.Fatalf("ReadInput: %v", err)
	}
	wantDocs := []Doc{
		{Source: "xh-001", Text: "新华社北京5月27日电 会议召开。", Title: "会议召开", Date: "2021-05-27", Paper: "新华社"},
		{Source: "42", Text: "第二篇。"},
		{Source: "https://example.com/3", Text: "第三篇。"},
		{Source: "news.jsonl:4", Text: "第四篇。"},
		{Source: "20210528001", Text: "长编号。"},
		{Source: "news.jsonl:12", Text: "空编号。"},
		{Source: "7.5", Text: "小数编号。", Date: "2021-05-28"},
	}
	if len(docs) != len(wantDocs) {
		t.Errorf("%d documents, want %d: %+q", len(docs), len(wantDocs), docs)
	}
	for i := range min(len(docs), len(wantDocs)) {
		if got, want := docs[i], wantDocs[i]; got != want {
			t.Errorf("doc %d = %+q, want %+q", i, got, want)
		}
	}
	wantErrs := []struct {
		line int
		is   error
		msg  string
	}{
		{6, nil, path + ":6: bad JSON at column "},
		{7, ErrNoText, path + `:7: record has no "text"`},
		{8, ErrNoText, path + `:8: record has no "text"`},
		{9, ErrBadRecord, path + ":9: not a JSON object: "},
		{10, ErrBadRecord, path + ":10: not a JSON object: "},
	}
	if len(lineErrs) != len(wantErrs) {
		t.Errorf("%d line errors, want %d: %v", len(lineErrs), len(wantErrs), lineErrs)
	}
	for i := range min(len(lineErrs), len(wantErrs)) {
		err, want := lineErrs[i], wantErrs[i]
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("error %v is a %T, want *InputError", err, err)
			continue
		}
		if got, want := ie.Line, want.line; got != want {
			t.Errorf("error %q: line %d, want %d", err, got, want)
		}
		if got, want := ie.Path, path; got != want {
			t.Errorf("error %q: path %q, want %q", err, got, want)
		}
		if !strings.HasPrefix(err.Error(), want.msg) {
			t.Errorf("error = %q, want it to start with %q", err, want.msg)
		}
		if want.is != nil && !errors.Is(err, want.is) {
			t.Errorf("error %q is not %v", err, want.is)
		}
	}
}

func TestReadJSONLEdges(t *testing.T) {
	tests := []struct {
		name     string
		content  string
		wantSrcs []string
		wantErrs []string
	}{
		{
			name:     "CRLF line ends",
			content:  "{\"text\": \"一。\"}\r\n{\"text\": \"二。\"}\r\n",
			wantSrcs: []string{"x.jsonl:1", "x.jsonl:2"},
		},
		{
			name:     "a byte-order mark before the first record",
			content:  "\ufeff{\"id\": \"a\", \"text\": \"一。\"}\n{\"id\": \"b\", \"text\": \"二。\"}\n",
			wantSrcs: []string{"a", "b"},
		},
		{
			name:     "no newline at the end",
			content:  `{"id": "a", "text": "一。"}`,
			wantSrcs: []string{"a"},
		},
		{
			name:     "a record that is JSON null has no text",
			content:  "null\n{\"text\": \"二。\"}",
			wantSrcs: []string{"x.jsonl:2"},
			wantErrs: []string{`x.jsonl:1: record has no "text"`},
		},
		{
			name:     "an id that is neither string nor number falls back to the url",
			content:  `{"id": {"n": 1}, "url": "u", "text": "一。"}` + "\n" + `{"id": true, "text": "二。"}`,
			wantSrcs: []string{"u", "x.jsonl:2"},
		},
		{
			name:     "every line bad",
			content:  "{\n}\n",
			wantErrs: []string{"x.jsonl:1: bad JSON at column 1", `x.jsonl:2: bad JSON at column 1`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{"x.jsonl": tt.content})
			docs, lineErrs, err := readAll(t, filepath.Join(dir, "x.jsonl"), "")
			if err != nil {
				t.Fatalf("ReadInput: %v", err)
			}
			var srcs []string
			for _, d := range docs {
				srcs = append(srcs, d.Source)
			}
			if got, want := srcs, tt.wantSrcs; !slices.Equal(got, want) {
				t.Errorf("sources = %q, want %q", got, want)
			}
			var errs []string
			for _, e := range lineErrs {
				errs = append(errs, strings.TrimPrefix(e.Error(), dir+string(filepath.Separator)))
			}
			if len(errs) != len(tt.wantErrs) {
				t.Fatalf("errors = %q, want %q", errs, tt.wantErrs)
			}
			for i := range errs {
				if !strings.HasPrefix(errs[i], tt.wantErrs[i]) {
					t.Errorf("error %d = %q, want it to start with %q", i, errs[i], tt.wantErrs[i])
				}
			}
		})
	}
}

func TestReadInputStops(t *testing.T) {
	lines := strings.Repeat(`{"text": "一。"}`+"\n", 3)
	path := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"x.jsonl": lines}), "x.jsonl")
	t.Run("an emit error stops the reading and is returned", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := ReadInput(context.Background(), path, nil, func(Doc) error { n++; return stop }, func(error) {})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("ReadInput = %v after %d docs, want stop after 1", err, n)
		}
	})
	t.Run("a canceled context stops the reading", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		n := 0
		err := ReadInput(ctx, path, nil, func(Doc) error { n++; return nil }, func(error) {})
		if !errors.Is(err, context.Canceled) || n != 0 {
			t.Errorf("ReadInput = %v after %d docs, want context.Canceled after 0", err, n)
		}
	})
}

func TestInputErrorText(t *testing.T) {
	tests := []struct {
		name string
		err  *InputError
		want string
	}{
		{"file", &InputError{Path: "a.txt", Err: ErrEmpty}, "a.txt: empty file"},
		{"line", &InputError{Path: "a.jsonl", Line: 3, Err: ErrNoText}, `a.jsonl:3: record has no "text"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.err.Error(), tt.want; got != want {
				t.Errorf("Error() = %q, want %q", got, want)
			}
			if !errors.Is(tt.err, tt.err.Err) {
				t.Errorf("Unwrap does not give %v", tt.err.Err)
			}
		})
	}
}

// TestInputSize: the files named and those found in directories count, missing files do
// not; standard input counts when its size can be told, and InputSize says when it cannot.
func TestInputSize(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"a.txt": 300, "sub/b.jsonl": 700, "c.bin": 5000} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, bytes.Repeat([]byte("x"), size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		paths []string
		n     int64
		want  bool
	}{
		{[]string{dir}, 1000, true}, // a.txt and sub/b.jsonl; c.bin is no input
		{[]string{dir}, 1001, false},
		{[]string{filepath.Join(dir, "a.txt"), "-", filepath.Join(dir, "missing.txt")}, 300, true},
		{[]string{filepath.Join(dir, "a.txt"), "-"}, 301, false},
		{nil, 1, false},
	}
	for _, tt := range tests {
		if n, _ := InputSize(tt.paths, nil); n >= tt.n != tt.want {
			t.Errorf("InputSize(%v, nil) >= %d is %v, want %v", tt.paths, tt.n, n >= tt.n, tt.want)
		}
	}
	// standard input counts when its size can be told: a file, bytes in memory
	file, err := os.Open(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	b := filepath.Join(dir, "sub", "b.jsonl")
	for _, c := range []struct {
		name  string
		paths []string
		stdin io.Reader
		n     int64
		known bool
	}{
		{"a file", []string{b, "-"}, file, 1000, true},
		{"bytes", []string{"-", b}, bytes.NewReader(make([]byte, 42)), 742, true},
		{"a pipe", []string{b, "-"}, pr, 700, false},
		{"a reader", []string{"-"}, io.MultiReader(strings.NewReader("x")), 0, false},
		{"not named", []string{b}, pr, 700, true},
		{"none", []string{"-"}, nil, 0, false},
	} {
		if n, known := InputSize(c.paths, c.stdin); n != c.n || known != c.known {
			t.Errorf("%s: InputSize = %d, %v; want %d, %v", c.name, n, known, c.n, c.known)
		}
	}
}
