package eval

import (
	"fmt"
	"strconv"
	"strings"
)

// Count is the true positives, false positives and false negatives of one category.
type Count struct {
	TP, FP, FN int
}

func (c *Count) add(o Count) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
}

// PRF returns precision, recall and F1 with score.py's conventions: precision is 1 when
// nothing was predicted and nothing missed (0 when something was missed), recall is 1
// when there was nothing to find, F1 is 0 when precision and recall both are.
func (c Count) PRF() (p, r, f1 float64) {
	switch {
	case c.TP+c.FP > 0:
		p = float64(c.TP) / float64(c.TP+c.FP)
	case c.FN == 0:
		p = 1
	}
	r = 1
	if c.TP+c.FN > 0 {
		r = float64(c.TP) / float64(c.TP+c.FN)
	}
	if p+r != 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// F1 returns the F1 of PRF.
func (c Count) F1() float64 {
	_, _, f := c.PRF()
	return f
}

// Counts are the counts of every category score.py scores.
type Counts struct {
	Persons       Count // Person names
	Orgs          Count // Organization nodes matched to gold bodies; a second node for one body is a false positive
	Roles         Count // (person, title, organization) from HOLDS and OF
	Events        Count // Event nodes matched by the gold key groups
	Participation Count // (person, event) from PARTICIPATED_IN
}

func (c *Counts) add(o Counts) {
	c.Persons.add(o.Persons)
	c.Orgs.add(o.Orgs)
	c.Roles.add(o.Roles)
	c.Events.add(o.Events)
	c.Participation.add(o.Participation)
}

// Triples returns roles and participation together: the headline figure.
func (c Counts) Triples() Count {
	t := c.Roles
	t.add(c.Participation)
	return t
}

// Category is one scored category with its report name.
type Category struct {
	Name  string
	Count Count
}

// Categories returns the categories in report order: persons, orgs, roles, events,
// participation, triples.
func (c Counts) Categories() []Category {
	return []Category{
		{"persons", c.Persons},
		{"orgs", c.Orgs},
		{"roles", c.Roles},
		{"events", c.Events},
		{"participation", c.Participation},
		{"triples", c.Triples()},
	}
}

// Fraction is how many of a number of matched facts were right.
type Fraction struct {
	Right, Total int
}

// String returns "right/total".
func (f Fraction) String() string { return fmt.Sprintf("%d/%d", f.Right, f.Total) }

// ArticleCount compares the articles a file was split into with the gold's.
type ArticleCount struct {
	Found    int // Article nodes, summed over the golds that list articles
	Expected int // gold articles
	Titled   int // gold articles whose title keys some found article's title matches
}

// String returns score.py's "N found, N expected, N titled right".
func (a ArticleCount) String() string {
	return fmt.Sprintf("%d found, %d expected, %d titled right", a.Found, a.Expected, a.Titled)
}

// PairReport is what one gold and its graph scored, and what score.py --verbose lists
// for them.
type PairReport struct {
	Gold string // the gold's Path
	Counts
	// Lines are the misses and spurious items, one category a line, in score.py's words.
	Lines []string
}

// Result is the score of a set of gold and graph pairs, added up over all of them.
type Result struct {
	Counts
	// EventDates counts the matched gold events that have a date: how many were predicted
	// with that date.
	EventDates Fraction
	// ParticipationAs counts the matched participations: how many share a part (as) with
	// the gold.
	ParticipationAs Fraction
	// Articles is zero when no gold lists articles.
	Articles ArticleCount
	// Pairs are the reports of the pairs in the order given.
	Pairs []PairReport
}

// Headline returns the last line score.py prints: "triples F1 0.xxx".
func (r Result) Headline() string { return "triples F1 " + fixed3(r.Triples().F1()) }

// String returns score.py's text report, one line per category then the extra counts,
// the headline last; no final newline.
func (r Result) String() string {
	var b strings.Builder
	for _, c := range r.Counts.Categories() {
		p, rc, f := c.Count.PRF()
		fmt.Fprintf(&b, "%-14s P %s  R %s  F1 %s\n", c.Name, fixed3(p), fixed3(rc), fixed3(f))
	}
	for _, kv := range r.extras() {
		fmt.Fprintf(&b, "%-14s %s\n", kv[0], kv[1])
	}
	b.WriteString(r.Headline())
	return b.String()
}

// JSON returns score.py --json's result object, byte for byte (the headline line that
// score.py prints after it is Headline).
func (r Result) JSON() string {
	var parts []string
	for _, c := range r.Counts.Categories() {
		p, rc, f := c.Count.PRF()
		parts = append(parts, fmt.Sprintf(`%s: {"p": %s, "r": %s, "f1": %s}`,
			pyJSONString(c.Name), pyFloat(round3(p)), pyFloat(round3(rc)), pyFloat(round3(f))))
	}
	for _, kv := range r.extras() {
		parts = append(parts, pyJSONString(kv[0])+": "+pyJSONString(kv[1]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// MarshalJSON returns JSON, so a Result encodes as score.py's result object.
func (r Result) MarshalJSON() ([]byte, error) { return []byte(r.JSON()), nil }

// Verbose returns what score.py --verbose prints before its report: for each pair, the
// gold's path and its misses and spurious items; every line ends in a newline.
func (r Result) Verbose() string {
	var b strings.Builder
	for _, p := range r.Pairs {
		b.WriteString(p.Gold + ":\n")
		for _, l := range p.Lines {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// Report returns everything score.py prints with the same flags, ending in a newline.
func (r Result) Report(verbose, asJSON bool) string {
	var b strings.Builder
	if verbose {
		b.WriteString(r.Verbose())
	}
	if asJSON {
		b.WriteString(r.JSON() + "\n" + r.Headline() + "\n")
	} else {
		b.WriteString(r.String() + "\n")
	}
	return b.String()
}

// extras are the non-category lines of the report, in order.
func (r Result) extras() [][2]string {
	out := [][2]string{
		{"event_dates_right", r.EventDates.String()},
		{"participation_as_right", r.ParticipationAs.String()},
	}
	if r.Articles.Expected > 0 {
		out = append(out, [2]string{"articles", r.Articles.String()})
	}
	return out
}

// round3 is Python's round(x, 3): the double nearest to x correctly rounded to three
// decimals (ties, which only exact binary values can have, to even).
func round3(x float64) float64 {
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	if err != nil {
		return x
	}
	return v
}

// fixed3 is Python's f"{round(x, 3):.3f}".
func fixed3(x float64) string { return strconv.FormatFloat(round3(x), 'f', 3, 64) }

// pyFloat is Python's repr of a float in [0, 1]: the shortest digits that read back, with
// at least one decimal.
func pyFloat(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// pyJSONString is json.dumps(s, ensure_ascii=False).
func pyJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
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
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pyList is Python's str() of a list of strings.
func pyList(xs []string) string {
	reprs := make([]string, len(xs))
	for i, x := range xs {
		reprs[i] = pyRepr(x)
	}
	return pyReprList(reprs)
}

// pyReprList is Python's str() of a list whose items are already repr'd.
func pyReprList(reprs []string) string { return "[" + strings.Join(reprs, ", ") + "]" }

// pyStrOrNone is the repr of a string property, or None when it is not there.
func pyStrOrNone(s string, ok bool) string {
	if !ok {
		return "None"
	}
	return pyRepr(s)
}

// pyRepr is Python's repr of a str: single quotes unless the text has a single quote and
// no double one, backslash escapes for the quote, backslash and unprintable characters.
func pyRepr(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == quote || r == '\\':
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f || strconv.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteRune(quote)
	return b.String()
}
