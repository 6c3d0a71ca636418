package lexicon

import (
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An analyst's dictionary is a UTF-8 text file, one entry per line, fields separated by
// TABs, `-` for an empty field, `#` starting a comment line. Three kinds of entry:
//
//   - person NAME [ALIASES [BODIES]]: a person's name, other names the same person goes
//     by (|-separated), and the bodies whose posts are all this one person's career, so
//     that the identity pass never splits the name over them (see extract.Identity).
//   - org CANONICAL [KIND [ALIASES]]: a body's canonical name, its kind (party,
//     government, ministry, company, hospital, university, association, group, other;
//     default other) and its other names.
//   - title WORD [CLASS [FLAGS]]: a position, its class (party, gov_head, gov, corp,
//     academic, military, foreign, group, generic; default gov) and the flags of
//     titles.txt (deputy, head, acting-ok).
//
// For example:
//
//	person	诸葛宇杰
//	person	卢拉	路易斯·伊纳西奥·卢拉·达席尔瓦|卢拉·达席尔瓦
//	person	聂文涛	-	中国蓝海航运集团有限公司|交通运输部
//	org	中国移动通信集团有限公司	company	中国移动|中国移动通信集团
//	title	首席数据官	corp
//
// Entries take precedence over the built-in lexicons and over what is inferred: an
// organization's names are its own even when bodies.txt gives them to another body, and
// across articles its aliases decide before the aliases articles teach. A line that is
// none of these, a name given to two bodies or to two persons, or a name with `#` in it
// is a *ParseError naming the file and line.
func (l *Lexicon) loadUserDict(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("dictionary %s: %w", path, err)
	}
	if l.Dict == nil {
		l.Dict = &UserDict{Persons: map[string]*DictPerson{}, Bodies: map[string]*Body{}}
	}
	d := l.Dict
	return parse(path, strings.NewReader(string(b)), 2, func(f []string) error {
		switch f[0] {
		case "person":
			return l.addDictPerson(f)
		case "org":
			return l.addDictOrg(f)
		case "title":
			if len(f) > 4 {
				return fmt.Errorf("title: %d fields, want at most 4: title WORD CLASS FLAGS", len(f))
			}
			if err := checkName(f[1]); err != nil {
				return err
			}
			class := field(f, 2)
			if class == "" {
				class = ClassGov
			}
			if !titleClasses[class] {
				return fmt.Errorf("unknown title class %q", class)
			}
			t := &Title{Word: f[1], Class: class, Deputy: strings.Contains(f[1], "副")}
			for _, flag := range splitFlags(field(f, 3)) {
				switch flag {
				case "deputy":
					t.Deputy = true
				case "head":
					t.Head = true
				case "acting-ok":
				default:
					return fmt.Errorf("unknown title flag %q (want deputy, head or acting-ok)", flag)
				}
			}
			l.Titles[f[1]] = t
			d.Titles = append(d.Titles, f[1])
		default:
			return fmt.Errorf("unknown entry kind %q (want person, org or title)", f[0])
		}
		return nil
	})
}

// UserDict is what analysts' dictionaries declared, for the stages that give their
// entries precedence over inference.
type UserDict struct {
	// Persons holds every declared person under its name and under each alias.
	Persons map[string]*DictPerson
	// Bodies holds every declared organization under its canonical name and each alias.
	Bodies map[string]*Body
	// Titles are the declared titles in file order.
	Titles []string
}

// DictPerson is a person an analyst declared.
type DictPerson struct {
	Name    string
	Aliases []string
	// Bodies are organizations whose posts all belong to this one person.
	Bodies []string
}

// Canonical returns the name a person declared under name (as its name or an alias)
// goes by, or name itself.
func (d *UserDict) Canonical(name string) string {
	if d == nil {
		return name
	}
	if p := d.Persons[name]; p != nil {
		return p.Name
	}
	return name
}

func (l *Lexicon) addDictPerson(f []string) error {
	if len(f) > 4 {
		return fmt.Errorf("person: %d fields, want at most 4: person NAME ALIASES BODIES", len(f))
	}
	d := l.Dict
	p := &DictPerson{Name: f[1], Aliases: splitList(field(f, 2)), Bodies: splitList(field(f, 3))}
	names := append([]string{p.Name}, p.Aliases...)
	for _, n := range names {
		if err := checkName(n); err != nil {
			return err
		}
	}
	if old := d.Persons[p.Name]; old != nil && old.Name == p.Name {
		// a second line for the same person adds to it
		p = old
		p.Bodies = appendNew(p.Bodies, splitList(field(f, 3))...)
	} else if old != nil {
		return fmt.Errorf("person %s is already an alias of %s", p.Name, old.Name)
	}
	for _, a := range splitList(field(f, 2)) {
		if old := d.Persons[a]; old != nil && old != p {
			return fmt.Errorf("alias %s already names person %s", a, old.Name)
		}
		if a != p.Name {
			p.Aliases = appendNew(p.Aliases, a)
		}
	}
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		d.Persons[n] = p
		l.Persons[n] = true
		delete(l.NotNames, n)
	}
	return nil
}

func (l *Lexicon) addDictOrg(f []string) error {
	if len(f) > 4 {
		return fmt.Errorf("org: %d fields, want at most 4: org CANONICAL KIND ALIASES", len(f))
	}
	d := l.Dict
	kind := field(f, 2)
	if kind == "" {
		kind = "other"
	}
	if !Kinds[kind] {
		return fmt.Errorf("unknown organization kind %q", kind)
	}
	b := &Body{Canonical: f[1], Kind: kind}
	for _, a := range splitList(field(f, 3)) {
		if a != b.Canonical {
			b.Aliases = appendNew(b.Aliases, a)
		}
	}
	for _, n := range append([]string{b.Canonical}, b.Aliases...) {
		if err := checkName(n); err != nil {
			return err
		}
		if old := d.Bodies[n]; old != nil && old.Canonical != b.Canonical {
			return fmt.Errorf("%s already names %s in a dictionary", n, old.Canonical)
		}
	}
	if old := d.Bodies[b.Canonical]; old != nil {
		// a second line for the same body adds aliases; the first kind stays
		old.Aliases = appendNew(old.Aliases, b.Aliases...)
		b = old
	}
	// The analyst's entry replaces any built-in owner of these names.
	for _, n := range append([]string{b.Canonical}, b.Aliases...) {
		l.Bodies[n] = b
		d.Bodies[n] = b
	}
	return nil
}

// checkName rejects names that would break keys or cannot be a word.
func checkName(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("empty name")
	case strings.Contains(s, "#"):
		return fmt.Errorf("name %q: # is reserved for homonyms' keys (person:刘伟#2)", s)
	case strings.IndexFunc(s, unicode.IsSpace) >= 0:
		return fmt.Errorf("name %q has a space", s)
	case strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == utf8.RuneError }) >= 0:
		return fmt.Errorf("name %q has a control character or invalid UTF-8", s)
	case utf8.RuneCountInString(s) > 60:
		return fmt.Errorf("name %q is longer than 60 characters", s)
	}
	return nil
}

func splitFlags(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" && x != "-" {
			out = append(out, x)
		}
	}
	return out
}

func appendNew(list []string, xs ...string) []string {
	for _, x := range xs {
		found := false
		for _, y := range list {
			if y == x {
				found = true
				break
			}
		}
		if !found {
			list = append(list, x)
		}
	}
	return list
}
