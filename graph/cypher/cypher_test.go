package cypher_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/cypher"
	"github.com/newsgraph/newsgraph/internal/exporttest"
	"github.com/newsgraph/newsgraph/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestWriteGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := cypher.Write(context.Background(), &buf, exporttest.Graph()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "nasty.cypher")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != string(want) {
		t.Errorf("script differs from %s (run go test -update to accept):\n%s", golden, got)
	}
}

// TestStatementsSplit checks the promise a script runner relies on: splitting on ";\n"
// gives the schema statements, then one statement per node and relationship, each on
// one line, and no statement holds a raw line separator.
func TestStatementsSplit(t *testing.T) {
	g := exporttest.Graph()
	var buf bytes.Buffer
	if err := cypher.Write(context.Background(), &buf, g); err != nil {
		t.Fatal(err)
	}
	script := buf.String()
	if !strings.HasSuffix(script, ";\n") {
		t.Fatalf("script does not end with ;\\n")
	}
	stmts := strings.Split(strings.TrimSuffix(script, ";\n"), ";\n")
	nodes, rels := g.Len()
	if got, want := len(stmts), len(schema.All())+nodes+rels; got != want {
		t.Fatalf("got %d statements, want %d", got, want)
	}
	for i, st := range stmts {
		body := st
		if i == 0 {
			// The header comment lines stand before the first statement.
			lines := strings.Split(st, "\n")
			body = lines[len(lines)-1]
			for _, l := range lines[:len(lines)-1] {
				if !strings.HasPrefix(l, "//") {
					t.Errorf("header line %q is not a comment", l)
				}
			}
		}
		if strings.ContainsAny(body, "\n\r\u2028\u2029") {
			t.Errorf("statement %d holds a raw line break: %q", i, body)
		}
	}
	for i, st := range schema.All() {
		if !strings.HasSuffix(stmts[i], st.Cypher) {
			t.Errorf("statement %d = %q, want the schema's %q", i, stmts[i], st.Cypher)
		}
	}
}

func TestQuote(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "李强", `'李强'`},
		{"empty", "", `''`},
		{"single quote", "O'Neil", `'O\'Neil'`},
		{"double quote", `say "hi"`, `'say \"hi\"'`},
		{"backslash", `a\b\n`, `'a\\b\\n'`},
		{"newlines", "a\nb\r\nc\td", `'a\nb\r\nc\td'`},
		{"line separators", "a\u2028b\u2029c\u0085d", `'a\u2028b\u2029c\u0085d'`},
		{"control", "a\x00b\x1fc\x7f", `'a\u0000b\u001Fc\u007F'`},
		{"backspace and form feed", "\b\f", `'\b\f'`},
		{"astral", "😀", `'😀'`},
		{"injection", `'}) DETACH DELETE n //`, `'\'}) DETACH DELETE n //'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cypher.Quote(tt.in); got != tt.want {
				t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
			}
			if got, err := unquote(cypher.Quote(tt.in)); err != nil || got != tt.in {
				t.Errorf("unquote(Quote(%q)) = %q, %v", tt.in, got, err)
			}
		})
	}
}

func TestLiteral(t *testing.T) {
	tests := []struct {
		name    string
		in      any
		want    string
		wantErr bool
	}{
		{"string", "a'b", `'a\'b'`, false},
		{"list", []string{"a", "b'c"}, `['a', 'b\'c']`, false},
		{"empty list", []string{}, `[]`, false},
		{"int64", int64(-42), `-42`, false},
		{"whole float", 2.0, `2.0`, false},
		{"float", 0.25, `0.25`, false},
		{"tiny float", 1e-30, `1e-30`, false},
		{"bool", true, `true`, false},
		{"map", map[string]any{}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cypher.Literal(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Literal(%v) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Literal(%v) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"name", "name"},
		{"firstSeen", "firstSeen"},
		{"as", "`as`"},
		{"MATCH", "`MATCH`"},
		{"has space", "`has space`"},
		{"back`tick", "`back``tick`"},
		{"名字", "`名字`"},
	}
	for _, tt := range tests {
		if got := cypher.Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestWriteRejectsLabelsOutsideTheSchema(t *testing.T) {
	g := graph.New()
	g.AddNode("Person) DETACH DELETE (x", "k", nil)
	err := cypher.Write(context.Background(), &bytes.Buffer{}, g)
	if err == nil || !strings.Contains(err.Error(), "not in the schema") {
		t.Errorf("Write = %v, want an error about the schema", err)
	}
}

func TestWriteCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := cypher.Sink{W: &bytes.Buffer{}}.Write(ctx, exporttest.Graph())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Write = %v, want context.Canceled", err)
	}
}

func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "a'b", `\`, "\n\u2028", exporttest.Injection, exporttest.Script} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := cypher.Quote(s)
		if strings.ContainsAny(q, "\n\r\u2028\u2029") {
			t.Fatalf("Quote(%q) = %s holds a raw line break", s, q)
		}
		got, err := unquote(q)
		if err != nil {
			t.Fatalf("unquote(%s): %v", q, err)
		}
		if want := string([]rune(s)); got != want { // invalid bytes become U+FFFD, one each
			t.Fatalf("unquote(Quote(%q)) = %q", s, got)
		}
	})
}

// unquote reads a single-quoted Cypher string literal the way Cypher's grammar does.
func unquote(q string) (string, error) {
	if len(q) < 2 || q[0] != '\'' || q[len(q)-1] != '\'' {
		return "", errors.New("not single-quoted")
	}
	rs := []rune(q[1 : len(q)-1])
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\'' {
			return "", errors.New("unescaped quote inside")
		}
		if r != '\\' {
			b.WriteRune(r)
			continue
		}
		i++
		if i == len(rs) {
			return "", errors.New("dangling backslash")
		}
		switch rs[i] {
		case '\\', '\'', '"':
			b.WriteRune(rs[i])
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			if i+4 >= len(rs) {
				return "", errors.New("short \\u escape")
			}
			var v rune
			for _, h := range rs[i+1 : i+5] {
				v <<= 4
				switch {
				case h >= '0' && h <= '9':
					v |= h - '0'
				case h >= 'A' && h <= 'F':
					v |= h - 'A' + 10
				case h >= 'a' && h <= 'f':
					v |= h - 'a' + 10
				default:
					return "", errors.New("bad hex digit")
				}
			}
			b.WriteRune(v)
			i += 4
		default:
			return "", errors.New("unknown escape")
		}
	}
	return b.String(), nil
}
