package extract

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// bigJSONL is the size from which Run reads a JSON-lines file in pieces rather than whole.
const bigJSONL = 64 << 20

// maxJSONLine is the longest line the JSON-lines reader accepts.
const maxJSONLine = 256 << 20

// jsonlPiece is how much of a big JSON-lines file is read at once, in whole lines.
const jsonlPiece = 8 << 20

// readInputStreamed reads one input as ReadInput does, except that a JSON-lines file of
// bigJSONL bytes or more is read a piece of whole lines at a time, so that a run's memory
// does not grow with the size of one file (an archive exported as a single file).
func readInputStreamed(ctx context.Context, path string, stdin io.Reader, emit func(Doc) error, onErr func(error)) error {
	if path == "-" {
		// JSON lines on standard input, an archive piped in, are read a piece at a time
		in := bufio.NewReaderSize(stdin, 64<<10)
		head, _ := in.Peek(64 << 10)
		if !startsJSONL(head) {
			return ReadInput(ctx, path, in, emit, onErr)
		}
		return readJSONLFrom(ctx, stdinName, in, jsonlPiece, true, emit, onErr)
	}
	if strings.ToLower(filepath.Ext(path)) != ".jsonl" {
		return ReadInput(ctx, path, stdin, emit, onErr)
	}
	if info, err := os.Stat(path); err != nil || info.Size() < bigJSONL {
		return ReadInput(ctx, path, stdin, emit, onErr)
	}
	return readJSONLPieces(ctx, path, jsonlPiece, emit, onErr)
}

// readJSONLPieces reads a JSON-lines file with ReadInput's own checks and record reader,
// holding about piece bytes at a time: it first streams through the file to check that
// it is text (when it may not be, it checks the whole file as ReadInput does, for the same
// error), then hands the record reader one piece of whole lines after another, each
// preceded by as many empty lines as came before it, so that line numbers in errors and
// in file:line sources are the file's.
func readJSONLPieces(ctx context.Context, path string, piece int, emit func(Doc) error, onErr func(error)) error {
	ok, err := looksLikeText(path)
	if err != nil {
		return &InputError{Path: path, Err: unwrapPathError(err)}
	}
	if !ok {
		data, err := os.ReadFile(path)
		if err != nil {
			return &InputError{Path: path, Err: unwrapPathError(err)}
		}
		if err := checkText(data); err != nil {
			return &InputError{Path: path, Err: err}
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return &InputError{Path: path, Err: unwrapPathError(err)}
	}
	defer f.Close()
	return readJSONLFrom(ctx, path, f, piece, false, emit, onErr)
}

// readJSONLFrom is readJSONLPieces' reading of r, named name, a piece at a time. With
// check set, each piece is checked as ReadInput checks a whole input, for what cannot be
// checked before reading it (standard input): the pieces before a bad one are read.
func readJSONLFrom(ctx context.Context, name string, r io.Reader, piece int, check bool, emit func(Doc) error, onErr func(error)) error {
	lines := 0 // lines before the current piece
	blank := true
	buf := make([]byte, 0, piece)
	for eof := false; !eof; {
		// fill the buffer after what the last piece left, then cut after its last newline
		for len(buf) < cap(buf) && !eof {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if errors.Is(err, io.EOF) {
				eof = true
			} else if err != nil {
				return &InputError{Path: name, Line: lines + 1, Err: err}
			}
		}
		cut := len(buf)
		if !eof {
			cut = bytes.LastIndexByte(buf, '\n') + 1
			if cut == 0 && len(buf) < maxJSONLine { // one line longer than the buffer: read on
				buf = append(buf, 0)[:len(buf)]
				continue
			}
			if cut == 0 { // longer than any record may be: the record reader says so
				cut, eof = len(buf), true
			}
		}
		data := make([]byte, lines+cut)
		for i := range lines {
			data[i] = '\n'
		}
		copy(data[lines:], buf[:cut])
		if check {
			// the empty lines before a piece keep its line numbers the input's; a blank
			// piece is no empty input unless all are
			err := checkText(data)
			if errors.Is(err, ErrEmpty) {
				err = nil
			} else {
				blank = false
			}
			if err != nil {
				return &InputError{Path: name, Err: err}
			}
		}
		if err := readJSONL(ctx, name, data, emit, onErr); err != nil {
			return err
		}
		lines += bytes.Count(buf[:cut], []byte{'\n'})
		rest := copy(buf, buf[cut:])
		buf = buf[:rest]
	}
	if check && blank {
		return &InputError{Path: name, Err: ErrEmpty}
	}
	return nil
}

// startsJSONL reports whether text that begins with head is JSON lines: its first
// character, after a byte-order mark and spaces, opens an object. A page of news never
// begins so.
func startsJSONL(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(head) > 0 && head[0] == '{'
}

// looksLikeText streams through a file and reports whether checkText would surely
// accept it: not empty, no byte-order mark of UTF-16, no NUL byte, valid UTF-8. When it
// reports false the file may still be text; checkText decides.
func looksLikeText(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	carry := 0 // bytes of a rune cut at the end of the last block
	first, nonSpace := true, false
	for {
		n, err := io.ReadFull(f, buf[carry:])
		end := carry + n
		block := buf[:end]
		if first && (bytes.HasPrefix(block, []byte{0xff, 0xfe}) || bytes.HasPrefix(block, []byte{0xfe, 0xff})) {
			return false, nil
		}
		first = false
		if bytes.IndexByte(block[carry:], 0) >= 0 {
			return false, nil
		}
		if !nonSpace && len(bytes.TrimSpace(block)) > 0 {
			nonSpace = true
		}
		done := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !done {
			return false, err
		}
		// keep a rune cut at the block's end for the next block
		valid := end
		if !done {
			valid = lastRuneStart(block)
		}
		if !utf8.Valid(block[:valid]) {
			return false, nil
		}
		if done {
			return nonSpace, nil
		}
		carry = copy(buf, block[valid:])
	}
}

// lastRuneStart returns where the last, possibly incomplete, rune of b starts when it is
// incomplete, and len(b) when b ends with a whole rune.
func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}
