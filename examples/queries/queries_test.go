package queries

import (
	"regexp"
	"strings"
	"testing"
)

// TestAll checks every example: a question, at least ten of them, and parameters that
// match the ones the Cypher uses.
func TestAll(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 10 {
		t.Errorf("%d example queries, want at least 10", len(all))
	}
	used := regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	for _, q := range all {
		if !strings.HasSuffix(q.Question, "?") && !strings.Contains(q.Question, "? ") {
			t.Errorf("%s: question %q is not a question", q.Name, q.Question)
		}
		declared := map[string]bool{}
		for _, p := range q.Params {
			declared[p.Name] = true
		}
		inCypher := map[string]bool{}
		for _, m := range used.FindAllStringSubmatch(q.Cypher, -1) {
			inCypher[m[1]] = true
			if !declared[m[1]] {
				t.Errorf("%s uses $%s without declaring it", q.Name, m[1])
			}
		}
		for name := range declared {
			if !inCypher[name] {
				t.Errorf("%s declares %s but does not use it", q.Name, name)
			}
		}
	}
}

func TestParse(t *testing.T) {
	q, err := Parse("x", "// Question: Who?\n// More words.\n// param n:int = 3\n// param who = 李强\nMATCH (p) RETURN p LIMIT $n // $who\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := q.Question, "Who? More words."; got != want {
		t.Errorf("Question = %q, want %q", got, want)
	}
	if got, want := len(q.Params), 2; got != want {
		t.Fatalf("%d params, want %d", got, want)
	}
	if p := q.Params[0]; p.Name != "n" || !p.Int || p.Default != "3" {
		t.Errorf("param 0 = %+v", p)
	}
	if _, err := Parse("x", "MATCH (n) RETURN n"); err == nil {
		t.Error("a query without a question parsed")
	}
	if _, err := Parse("x", "// Q?\n// param n:int = many\nRETURN 1"); err == nil {
		t.Error("a non-integer default parsed")
	}
}

func TestBind(t *testing.T) {
	q, err := Parse("x", "// Q?\n// param n:int = 3\n// param who = 李强\nRETURN $n, $who")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		values  map[string]string
		want    map[string]any
		wantErr string
	}{
		{"defaults", nil, map[string]any{"n": int64(3), "who": "李强"}, ""},
		{"override", map[string]string{"who": `O'Neil "x"`, "n": "7"}, map[string]any{"n": int64(7), "who": `O'Neil "x"`}, ""},
		{"unknown", map[string]string{"whom": "x"}, nil, "no parameter whom"},
		{"not an int", map[string]string{"n": "seven"}, nil, "wants an integer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := q.Bind(tt.values)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Bind = %v, want error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %#v, want %#v", k, got[k], v)
				}
			}
		})
	}
}

func TestGet(t *testing.T) {
	if _, err := Get("person-roles"); err != nil {
		t.Error(err)
	}
	if _, err := Get("person-roles.cypher"); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{"nope", "../queries/person-roles", "/etc/passwd"} {
		if _, err := Get(bad); err == nil {
			t.Errorf("Get(%q) found something", bad)
		}
	}
}
