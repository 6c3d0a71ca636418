package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Doc is one input text before it is split into articles: a file, one record of a
// JSON-lines file, or standard input.
type Doc struct {
	Source string // file name, record id or URL, or file:line
	Text   string
	Title  string // given by a JSON-lines record
	Date   string // given by a JSON-lines record, YYYY-MM-DD
	Paper  string // given by a JSON-lines record
}

// InputError is a problem with one input: it names the file and, for JSON lines, the line.
type InputError struct {
	Path string
	Line int
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// Errors a user may see about an input.
var (
	ErrEmpty     = errors.New("empty file")
	ErrBinary    = errors.New("binary file, not text")
	ErrNotUTF8   = errors.New("not UTF-8 text")
	ErrNoText    = errors.New(`record has no "text"`)
	ErrBadRecord = errors.New("not a JSON object")
	ErrNoInputs  = errors.New("no .txt, .md, .html, .htm or .jsonl file in this directory")
)

// inputExts are the file kinds read when walking a directory.
var inputExts = map[string]bool{".txt": true, ".md": true, ".html": true, ".htm": true, ".jsonl": true}

// ExpandPaths turns the command line's paths into the list of inputs to read: files as
// given, directories walked recursively for *.txt, *.md, *.html and *.jsonl (sorted,
// following links to files and to directories, each directory once), and "-" for
// standard input. Paths that cannot be listed, broken links, and a directory with no
// input in it become InputErrors.
func ExpandPaths(paths []string) (files []string, errs []error) {
	for _, p := range paths {
		if p == "-" {
			files = append(files, p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &InputError{Path: p, Err: unwrapPathError(err)})
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		w := walker{seen: map[string]bool{}}
		w.walk(p)
		errs = append(errs, w.errs...)
		if len(w.found) == 0 && len(w.errs) == 0 {
			errs = append(errs, &InputError{Path: p, Err: ErrNoInputs})
		}
		sort.Strings(w.found)
		files = append(files, w.found...)
	}
	return files, errs
}

// walker lists the inputs under one directory of the command line.
type walker struct {
	seen  map[string]bool // directories walked, by their path with links resolved
	found []string
	errs  []error
}

// walk adds the inputs under dir, and walks on through the links to directories it
// holds; a directory reached twice (a link to a parent, two links to one place) is
// walked once.
func (w *walker) walk(dir string) {
	root := dir
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		root += string(filepath.Separator) // WalkDir goes into a link only so
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			w.errs = append(w.errs, &InputError{Path: path, Err: unwrapPathError(err)})
			return nil
		}
		if d.IsDir() {
			real, err := filepath.EvalSymlinks(path)
			if err != nil {
				w.errs = append(w.errs, &InputError{Path: path, Err: unwrapPathError(err)})
				return fs.SkipDir
			}
			if w.seen[real] {
				return fs.SkipDir
			}
			w.seen[real] = true
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(path)
			if err != nil {
				w.errs = append(w.errs, &InputError{Path: path, Err: fmt.Errorf("a link to nothing readable: %w", unwrapPathError(err))})
				return nil
			}
			if info.IsDir() {
				w.walk(path)
				return nil
			}
		}
		// a folder's README is documentation, not news
		if inputExts[strings.ToLower(filepath.Ext(path))] && !strings.EqualFold(d.Name(), "README.md") {
			w.found = append(w.found, path)
		}
		return nil
	})
	if err != nil {
		w.errs = append(w.errs, &InputError{Path: dir, Err: err})
	}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// stdinName names standard input in errors; in an article's source it is "stdin", as a
// file is its base name (sourceName).
const stdinName = "<stdin>"

// sourceName is what an article's source calls the input named name.
func sourceName(name string) string {
	if name == stdinName {
		return "stdin"
	}
	return filepath.Base(name)
}

// ReadInput reads one input (a path or "-" for stdin) and calls emit for each document it
// holds. A file is read by its extension; standard input is JSON lines when it begins
// with an object (startsJSONL), else text. Problems with single JSON lines are passed to
// onErr and the other lines are still read; a problem with the whole input is returned.
func ReadInput(ctx context.Context, path string, stdin io.Reader, emit func(Doc) error, onErr func(error)) error {
	var data []byte
	var err error
	name := path
	if path == "-" {
		name = stdinName
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return &InputError{Path: name, Err: unwrapPathError(err)}
	}
	if err := checkText(data); err != nil {
		return &InputError{Path: name, Err: err}
	}
	ext := strings.ToLower(filepath.Ext(path))
	if path == "-" && startsJSONL(data) {
		ext = ".jsonl" // JSON lines piped in
	}
	switch ext {
	case ".jsonl":
		return readJSONL(ctx, name, data, emit, onErr)
	case ".html", ".htm":
		title, text := htmlText(data)
		return emit(Doc{Source: filepath.Base(path), Text: text, Title: title})
	default:
		return emit(Doc{Source: sourceName(name), Text: string(data)})
	}
}

// checkText rejects empty, binary and non-UTF-8 data, naming where the bad bytes are.
func checkText(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return ErrEmpty
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		// UTF-16 text (Windows' "Unicode") is full of NUL bytes: say what it is
		return fmt.Errorf("%w (UTF-16 text; convert it with iconv -f UTF-16 -t UTF-8)", ErrNotUTF8)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line := bytes.Count(data[:off], []byte("\n")) + 1
		return fmt.Errorf("%w (invalid byte at offset %d, line %d; convert it with iconv -f GB18030 -t UTF-8)", ErrNotUTF8, off, line)
	}
	return nil
}

// record is one line of a JSON-lines input.
type record struct {
	Text   *string         `json:"text"`
	ID     json.RawMessage `json:"id"`
	Title  string          `json:"title"`
	Date   string          `json:"date"`
	URL    string          `json:"url"`
	Source string          `json:"source"`
}

// recordID returns a record's id as written: a string's value, or a number's digits
// (20210528001, not 2.0210528001e+10), so that results join back to the input; "" for
// anything else.
func recordID(raw json.RawMessage) string {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String()
	}
	return ""
}

func readJSONL(ctx context.Context, name string, data []byte, emit func(Doc) error, onErr func(error)) error {
	// a byte-order mark, as Windows tools write, is no part of the first record
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 1<<16), 256<<20)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return err
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var rec record
		if err := json.Unmarshal(b, &rec); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				onErr(&InputError{Path: name, Line: line, Err: fmt.Errorf("bad JSON at column %d: %w", se.Offset, err)})
			} else {
				onErr(&InputError{Path: name, Line: line, Err: fmt.Errorf("%w: %v", ErrBadRecord, err)})
			}
			continue
		}
		if rec.Text == nil || strings.TrimSpace(*rec.Text) == "" {
			onErr(&InputError{Path: name, Line: line, Err: ErrNoText})
			continue
		}
		src := recordID(rec.ID)
		if src == "" {
			src = rec.URL
		}
		if src == "" {
			src = fmt.Sprintf("%s:%d", sourceName(name), line)
		}
		doc := Doc{Source: src, Text: *rec.Text, Title: rec.Title, Date: normalizeDate(rec.Date), Paper: rec.Source}
		if err := emit(doc); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return &InputError{Path: name, Line: line + 1, Err: err}
	}
	return nil
}

// InputSize returns the bytes of the inputs paths name, directories walked as Run walks
// them; what cannot be read counts nothing. Standard input, stdin, counts when paths name
// it ("-") and its size can be told: a file (a shell's redirection from one), or bytes in
// memory (a reader with a Len method, such as bytes.Reader). known is false when paths
// name a standard input whose size cannot be told before it is read: a pipe, a terminal.
func InputSize(paths []string, stdin io.Reader) (n int64, known bool) {
	files, _ := ExpandPaths(paths)
	known = true
	for _, f := range files {
		if f != "-" {
			if info, err := os.Stat(f); err == nil {
				n += info.Size()
			}
			continue
		}
		size, ok := fileSize(stdin)
		n += size
		known = known && ok
	}
	return n, known
}

// fileSize returns the size of r when it can be told.
func fileSize(r io.Reader) (int64, bool) {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len()), true
	case interface{ Stat() (os.FileInfo, error) }:
		info, err := r.Stat()
		if err != nil || !info.Mode().IsRegular() {
			return 0, false
		}
		return info.Size(), true
	}
	return 0, false
}
