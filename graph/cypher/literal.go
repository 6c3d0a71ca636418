package cypher

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Quote returns s as a single-quoted Cypher string literal. Backslashes and both quote
// characters are escaped, and so is every character that could end a line or be invisible
// in an editor (control characters, U+2028, U+2029, U+0085), as \uXXXX or the short forms
// \n \r \t \b \f; everything else, Chinese text included, stays as it is.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// Literal returns v, a property value of the graph, as a Cypher literal.
func Literal(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return Quote(x), nil
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = Quote(s)
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int:
		return strconv.Itoa(x), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Errorf("float %v has no Cypher literal", x)
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s, nil
	case bool:
		return strconv.FormatBool(x), nil
	default:
		return "", fmt.Errorf("unsupported property type %T", v)
	}
}

var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reserved holds Cypher's keywords, which are quoted with backticks when used as names.
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`all and as asc ascending by call case contains count create
		delete desc descending detach distinct else end ends exists false finish foreach in
		is limit match merge not null optional or order remove return set skip starts then
		true union unique unwind when where with xor yield use load csv from`) {
		reserved[w] = true
	}
}

// Name returns a property name as a Cypher symbolic name, in backticks unless it is a
// plain identifier and no keyword.
func Name(s string) string {
	if plainName.MatchString(s) && !reserved[strings.ToLower(s)] {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}
