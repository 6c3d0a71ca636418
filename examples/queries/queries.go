package queries

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

//go:embed *.cypher
var files embed.FS

// Param is a query parameter declared in the header: `// param NAME = DEFAULT`, or
// `// param NAME:int = DEFAULT` for an integer.
type Param struct {
	Name    string
	Default string
	Int     bool
}

// Query is one example query.
type Query struct {
	Name     string // the file name without .cypher
	Question string // the header's comment, the question the query answers
	Params   []Param
	Cypher   string // the whole file; Cypher ignores the comments
}

var paramRE = regexp.MustCompile(`^param\s+([A-Za-z_][A-Za-z0-9_]*)(:int)?\s*=\s*(.*)$`)

// Parse reads a query's header: the comment lines before the first statement line. The
// first lines, up to a param line, are the question ("Question:" dropped).
func Parse(name, text string) (Query, error) {
	q := Query{Name: name, Cypher: text}
	var question []string
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "//") {
			if line == "" {
				continue
			}
			break
		}
		c := strings.TrimSpace(strings.TrimPrefix(line, "//"))
		if m := paramRE.FindStringSubmatch(c); m != nil {
			if seen[m[1]] {
				return Query{}, fmt.Errorf("query %s: parameter %s declared twice", name, m[1])
			}
			seen[m[1]] = true
			p := Param{Name: m[1], Int: m[2] != "", Default: strings.TrimSpace(m[3])}
			if p.Int {
				if _, err := strconv.ParseInt(p.Default, 10, 64); err != nil {
					return Query{}, fmt.Errorf("query %s: parameter %s: default %q is not an integer", name, p.Name, p.Default)
				}
			}
			q.Params = append(q.Params, p)
			continue
		}
		question = append(question, strings.TrimPrefix(c, "Question: "))
	}
	q.Question = strings.TrimSpace(strings.Join(question, " "))
	if q.Question == "" {
		return Query{}, fmt.Errorf("query %s: no comment saying what it answers", name)
	}
	return q, nil
}

// All returns the example queries, ordered by name.
func All() ([]Query, error) {
	names, err := fs.Glob(files, "*.cypher")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]Query, 0, len(names))
	for _, n := range names {
		q, err := read(n)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// Get returns the example query called name (with or without .cypher).
func Get(name string) (Query, error) {
	file := strings.TrimSuffix(name, ".cypher") + ".cypher"
	if path.Base(file) != file {
		return Query{}, fmt.Errorf("no example query %q", name)
	}
	q, err := read(file)
	if err != nil {
		var names []string
		all, _ := All()
		for _, q := range all {
			names = append(names, q.Name)
		}
		return Query{}, fmt.Errorf("no example query %q; there are: %s", name, strings.Join(names, ", "))
	}
	return q, nil
}

func read(file string) (Query, error) {
	b, err := files.ReadFile(file)
	if err != nil {
		return Query{}, err
	}
	return Parse(strings.TrimSuffix(file, ".cypher"), string(b))
}

// Bind returns the query's parameters: each declared default, replaced by values given
// by name. A name the query does not declare is an error.
func (q Query) Bind(values map[string]string) (map[string]any, error) {
	out := make(map[string]any, len(q.Params))
	declared := map[string]Param{}
	for _, p := range q.Params {
		declared[p.Name] = p
	}
	for name := range values {
		if _, ok := declared[name]; !ok {
			var names []string
			for _, p := range q.Params {
				names = append(names, p.Name)
			}
			if len(names) == 0 {
				return nil, fmt.Errorf("query %s takes no parameters, got %s", q.Name, name)
			}
			return nil, fmt.Errorf("query %s has no parameter %s (it takes %s)", q.Name, name, strings.Join(names, ", "))
		}
	}
	for _, p := range q.Params {
		v, ok := values[p.Name]
		if !ok {
			v = p.Default
		}
		if !p.Int {
			out[p.Name] = v
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("query %s: parameter %s wants an integer, got %q", q.Name, p.Name, v)
		}
		out[p.Name] = n
	}
	return out, nil
}
