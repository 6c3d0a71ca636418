package jsonl

import (
	"bytes"
	"encoding/json"
	"slices"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// The line encoder: what json.Encoder (HTML escaping off) writes for a record, built
// without reflection. Strings that need no escaping, and lists of them, are copied as
// they are; any other value, and any string that needs escaping, goes through
// encoding/json, so the bytes are encoding/json's (a test and a fuzz test hold it to that).

// encoder appends lines to b. keys is scratch space; err is the first value that did
// not encode.
type encoder struct {
	keys []string
	err  error
}

// appendNode appends n's line, newline included.
func (e *encoder) appendNode(b []byte, n *graph.Node) []byte {
	b = append(b, `{"type":"node","id":`...)
	b = appendString(b, n.Key)
	b = append(b, `,"labels":[`...)
	b = appendString(b, n.Label)
	b = append(b, `],"properties":`...)
	b = e.appendProps(b, n.Props, schema.KeyProperty, n.Key)
	return append(b, "}\n"...)
}

// appendRel appends r's line, newline included.
func (e *encoder) appendRel(b []byte, r *graph.Rel) []byte {
	b = append(b, `{"type":"relationship","id":`...)
	if plain(r.Type) && plain(r.Start.Key) && plain(r.End.Key) {
		// r.ID() without building it
		b = append(b, '"')
		b = append(b, r.Type...)
		b = append(b, ':')
		b = append(b, r.Start.Key...)
		b = append(b, "->"...)
		b = append(b, r.End.Key...)
		b = append(b, '"')
	} else {
		b = appendString(b, r.ID())
	}
	if r.Type != "" {
		b = append(b, `,"label":`...)
		b = appendString(b, r.Type)
	}
	b = append(b, `,"properties":`...)
	b = e.appendProps(b, r.Props, "", "")
	b = appendEnd(b, `,"start":{"id":`, r.Start)
	b = appendEnd(b, `,"end":{"id":`, r.End)
	return append(b, "}\n"...)
}

func appendEnd(b []byte, head string, ref graph.Ref) []byte {
	b = append(b, head...)
	b = appendString(b, ref.Key)
	b = append(b, `,"labels":[`...)
	b = appendString(b, ref.Label)
	return append(b, "]}"...)
}

// appendProps appends p as a JSON object with its keys sorted, and with extra=value
// among them when extra is not empty (it wins over a property of that name).
func (e *encoder) appendProps(b []byte, p graph.Props, extra, value string) []byte {
	keys := e.keys[:0]
	for k := range p {
		if k != extra || extra == "" {
			keys = append(keys, k)
		}
	}
	if extra != "" {
		keys = append(keys, extra)
	}
	slices.Sort(keys)
	e.keys = keys
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		if extra != "" && k == extra {
			b = appendString(b, value)
			continue
		}
		b = e.appendValue(b, p[k])
	}
	return append(b, '}')
}

func (e *encoder) appendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendString(b, v)
	case []string:
		if v == nil {
			return append(b, "null"...)
		}
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']')
	}
	out, err := appendJSON(b, v)
	if err != nil && e.err == nil {
		e.err = err
	}
	return out
}

// appendString appends s quoted; one that needs escaping goes through encoding/json.
func appendString(b []byte, s string) []byte {
	if plain(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	out, _ := appendJSON(b, s) // a string always encodes
	return out
}

// plain reports whether encoding/json writes s between quotes as it is: valid UTF-8 with
// no control character, quote, backslash, U+2028 or U+2029.
func plain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		// one pass over Chinese text, where most bytes are not ASCII: a CJK character's
		// three bytes (leads E3 to E9, which no special rule of UTF-8 concerns) at once
		if c >= 0xE3 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// appendJSON appends what json.Encoder with HTML escaping off writes for v, without the
// newline.
func appendJSON(b []byte, v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}
