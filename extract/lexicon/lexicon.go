// Package lexicon owns newsgraph's word lists — surnames, titles, named bodies, places,
// countries, organization suffixes, event words, words that are not names — parses them
// from the files embedded under data/ (and analysts' own dictionaries), and renders them
// as a gse user dictionary so the segmenter keeps those words whole.
//
// A Lexicon is read-only once loaded and safe for concurrent use.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

//go:embed data/*.txt
var data embed.FS

// Title classes.
const (
	ClassParty    = "party"
	ClassGovHead  = "gov_head"
	ClassGov      = "gov"
	ClassCorp     = "corp"
	ClassAcademic = "academic"
	ClassMilitary = "military"
	ClassForeign  = "foreign"
	ClassGroup    = "group"
	ClassGeneric  = "generic"
)

// Title is a position as news prints it.
type Title struct {
	Word   string
	Class  string
	Deputy bool
	Head   bool
}

// Body is a named organization with its official short forms.
type Body struct {
	Canonical string
	Kind      string
	Aliases   []string
}

// Place is an administrative division.
type Place struct {
	Name   string
	Level  string // country, province, city, county
	Parent string
	Short  string
}

// Lexicon holds every word list.
type Lexicon struct {
	Surnames     map[string]bool
	Common       map[string]bool // the most frequent surnames
	Titles       map[string]*Title
	Bodies       map[string]*Body  // by canonical name and by alias
	Places       map[string]*Place // by name and by short form
	Countries    map[string]string // name or short form → canonical name
	Translit     map[rune]bool
	ForeignNames map[string]string // name → country
	Suffixes     map[string]string // organization suffix → kind
	NotNames     map[string]bool
	EventWords   map[string]string // trigger → event kind
	Persons      map[string]bool   // names analysts declared
	Dict         *UserDict         // what analysts' dictionaries declared (userdict.go); nil without any

	maxSuffix  int
	suffixLast [1 << 10]uint64 // the last characters of suffixes, one bit per character below U+10000
}

// ParseError names the file and line of a bad lexicon entry.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Load parses the embedded lexicons.
func Load() (*Lexicon, error) {
	l := &Lexicon{
		Surnames: map[string]bool{}, Common: map[string]bool{}, Titles: map[string]*Title{},
		Bodies: map[string]*Body{}, Places: map[string]*Place{}, Countries: map[string]string{},
		Translit: map[rune]bool{}, ForeignNames: map[string]string{}, Suffixes: map[string]string{},
		NotNames: map[string]bool{}, EventWords: map[string]string{}, Persons: map[string]bool{},
	}
	files := []struct {
		name   string
		fields int
		add    func(f []string) error
	}{
		{"surnames.txt", 1, l.addSurname},
		{"titles.txt", 2, l.addTitle},
		{"bodies.txt", 2, l.addBody},
		{"places.txt", 2, l.addPlace},
		{"countries.txt", 1, l.addCountry},
		{"translit.txt", 1, l.addTranslit},
		{"foreign_names.txt", 1, l.addForeignName},
		{"org_suffixes.txt", 2, l.addSuffix},
		{"not_names.txt", 1, l.addNotName},
		{"event_words.txt", 2, l.addEventWord},
	}
	for _, f := range files {
		b, err := data.ReadFile("data/" + f.name)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", f.name, err)
		}
		if err := parse(f.name, strings.NewReader(string(b)), f.fields, f.add); err != nil {
			return nil, err
		}
	}
	l.finish()
	return l, nil
}

// parse reads TAB-separated lines, skipping blanks and # comments.
func parse(name string, r io.Reader, minFields int, add func([]string) error) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r ")
		if !utf8.ValidString(line) {
			return &ParseError{name, n, "not UTF-8"}
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if len(f) < minFields || f[0] == "" {
			return &ParseError{name, n, fmt.Sprintf("want at least %d TAB-separated fields, got %d", minFields, len(f))}
		}
		if err := add(f); err != nil {
			return &ParseError{name, n, err.Error()}
		}
	}
	if err := sc.Err(); err != nil {
		return &ParseError{name, n + 1, err.Error()}
	}
	return nil
}

func field(f []string, i int) string {
	if i < len(f) && f[i] != "-" {
		return f[i]
	}
	return ""
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" && x != "-" {
			out = append(out, x)
		}
	}
	return out
}

func (l *Lexicon) addSurname(f []string) error {
	l.Surnames[f[0]] = true
	if field(f, 1) == "common" {
		l.Common[f[0]] = true
	}
	return nil
}

var titleClasses = map[string]bool{ClassParty: true, ClassGovHead: true, ClassGov: true, ClassCorp: true,
	ClassAcademic: true, ClassMilitary: true, ClassForeign: true, ClassGroup: true, ClassGeneric: true}

func (l *Lexicon) addTitle(f []string) error {
	if !titleClasses[f[1]] {
		return fmt.Errorf("unknown title class %q", f[1])
	}
	t := &Title{Word: f[0], Class: f[1]}
	for _, flag := range strings.Split(field(f, 2), ",") {
		switch strings.TrimSpace(flag) {
		case "deputy":
			t.Deputy = true
		case "head":
			t.Head = true
		}
	}
	if strings.HasPrefix(t.Word, "副") || strings.Contains(t.Word, "副") {
		t.Deputy = true
	}
	if _, dup := l.Titles[t.Word]; !dup {
		l.Titles[t.Word] = t
	}
	return nil
}

// Kinds of organization.
var Kinds = map[string]bool{"party": true, "government": true, "ministry": true, "company": true,
	"hospital": true, "university": true, "association": true, "group": true, "other": true}

func (l *Lexicon) addBody(f []string) error {
	if !Kinds[f[1]] {
		return fmt.Errorf("unknown organization kind %q", f[1])
	}
	b := &Body{Canonical: f[0], Kind: f[1], Aliases: splitList(field(f, 2))}
	l.AddBody(b)
	return nil
}

// AddBody registers a body under its canonical name and aliases; names already taken by
// another body keep their first owner, so analysts' dictionaries, added first, win.
func (l *Lexicon) AddBody(b *Body) {
	if old, ok := l.Bodies[b.Canonical]; ok && old.Canonical == b.Canonical {
		old.Aliases = append(old.Aliases, b.Aliases...)
		b = old
	} else if !ok {
		l.Bodies[b.Canonical] = b
	}
	for _, a := range b.Aliases {
		if _, ok := l.Bodies[a]; !ok {
			l.Bodies[a] = b
		}
	}
}

func (l *Lexicon) addPlace(f []string) error {
	p := &Place{Name: f[0], Level: f[1], Parent: field(f, 2), Short: field(f, 3)}
	if _, ok := l.Places[p.Name]; !ok {
		l.Places[p.Name] = p
	}
	if p.Short != "" && utf8.RuneCountInString(p.Short) >= 2 {
		if _, ok := l.Places[p.Short]; !ok {
			l.Places[p.Short] = p
		}
	}
	return nil
}

func (l *Lexicon) addCountry(f []string) error {
	if field(f, 2) == "org" {
		l.AddBody(&Body{Canonical: f[0], Kind: "other", Aliases: splitList(field(f, 1))})
		return nil
	}
	l.Countries[f[0]] = f[0]
	for _, s := range splitList(field(f, 1)) {
		if utf8.RuneCountInString(s) >= 2 {
			if _, ok := l.Countries[s]; !ok {
				l.Countries[s] = f[0]
			}
		}
	}
	return nil
}

func (l *Lexicon) addTranslit(f []string) error {
	for _, r := range f[0] {
		l.Translit[r] = true
	}
	return nil
}

func (l *Lexicon) addForeignName(f []string) error {
	l.ForeignNames[f[0]] = field(f, 1)
	return nil
}

func (l *Lexicon) addSuffix(f []string) error {
	if !Kinds[f[1]] {
		return fmt.Errorf("unknown organization kind %q", f[1])
	}
	l.Suffixes[f[0]] = f[1]
	return nil
}

func (l *Lexicon) addNotName(f []string) error {
	l.NotNames[f[0]] = true
	return nil
}

var eventKinds = map[string]bool{"meeting": true, "ceremony": true, "signing": true, "meeting_with": true,
	"inspection": true, "speech": true, "other": true}

func (l *Lexicon) addEventWord(f []string) error {
	if !eventKinds[f[1]] {
		return fmt.Errorf("unknown event kind %q", f[1])
	}
	l.EventWords[f[0]] = f[1]
	return nil
}

func (l *Lexicon) finish() {
	for s := range l.Suffixes {
		if n := utf8.RuneCountInString(s); n > l.maxSuffix {
			l.maxSuffix = n
		}
		if r, _ := utf8.DecodeLastRuneInString(s); r < 1<<16 {
			l.suffixLast[r>>6] |= 1 << (r & 63)
		}
	}
}

// Suffix returns the longest organization suffix that ends s, and its kind.
func (l *Lexicon) Suffix(s string) (suffix, kind string) {
	if r, _ := utf8.DecodeLastRuneInString(s); r < 1<<16 && l.suffixLast[r>>6]&(1<<(r&63)) == 0 {
		return "", "" // no suffix ends with this character
	}
	// from the start of the last maxSuffix characters forward: longest candidate first
	i := len(s)
	for n := 0; i > 0 && n < l.maxSuffix; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	for i < len(s) {
		if k, ok := l.Suffixes[s[i:]]; ok {
			return s[i:], k
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return "", ""
}

// Tags used in the gse user dictionary.
const (
	TagTitle   = "ttl"
	TagGeneric = "ttg"
	TagBody    = "nto"
	TagPlace   = "ns"
	TagCountry = "nsf"
	TagSuffix  = "nts"
	TagEvent   = "nev"
	TagForeign = "nrf"
	TagPerson  = "nr"
	TagNotName = "n"
)

// GSEDict renders every word the segmenter must keep whole as gse dictionary lines
// ("word freq tag"), sorted so the dictionary text is stable.
func (l *Lexicon) GSEDict() string {
	entries := map[string]string{}
	freq := map[string]int{}
	put := func(w, tag string, f int) {
		if strings.ContainsAny(w, " \t\n") || w == "" {
			return
		}
		if _, ok := entries[w]; ok {
			return
		}
		entries[w] = tag
		freq[w] = f
	}
	for w := range l.Persons {
		put(w, TagPerson, 50000)
	}
	for w, t := range l.Titles {
		if t.Class == ClassGeneric {
			put(w, TagGeneric, 30000)
		} else {
			put(w, TagTitle, 30000)
		}
	}
	for w := range l.Bodies {
		put(w, TagBody, 50000)
	}
	for w := range l.Countries {
		put(w, TagCountry, 50000)
	}
	for w := range l.Places {
		put(w, TagPlace, 40000)
	}
	for w := range l.ForeignNames {
		put(w, TagForeign, 30000)
	}
	for w := range l.EventWords {
		put(w, TagEvent, 20000)
	}
	for w := range l.Suffixes {
		put(w, TagSuffix, 20000)
	}
	for w := range l.NotNames {
		put(w, TagNotName, 20000)
	}
	words := make([]string, 0, len(entries))
	for w := range entries {
		words = append(words, w)
	}
	sort.Strings(words)
	var b strings.Builder
	for _, w := range words {
		fmt.Fprintf(&b, "%s %d %s\n", w, freq[w], entries[w])
	}
	return b.String()
}

// LoadUserDict reads an analyst's dictionary file; see userdict.go for its format.
func (l *Lexicon) LoadUserDict(path string) error { return l.loadUserDict(path) }
