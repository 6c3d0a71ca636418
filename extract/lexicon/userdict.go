package lexicon

import (
	"fmt"
	"os"
	"strings"
)

// An analyst's dictionary is a UTF-8 text file, one entry per line, fields separated by
// TABs, `#` starting a comment line:
//
//	person	诸葛宇杰
//	org	中国移动通信集团有限公司	company	中国移动|中国移动通信集团
//	title	首席数据官	corp
//
// Entries take precedence over the built-in lexicons and over what is inferred.
func (l *Lexicon) loadUserDict(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("dictionary %s: %w", path, err)
	}
	return parse(path, strings.NewReader(string(b)), 2, func(f []string) error {
		switch f[0] {
		case "person":
			l.Persons[f[1]] = true
			delete(l.NotNames, f[1])
		case "org":
			kind := field(f, 2)
			if kind == "" {
				kind = "other"
			}
			if !Kinds[kind] {
				return fmt.Errorf("unknown organization kind %q", kind)
			}
			b := &Body{Canonical: f[1], Kind: kind, Aliases: splitList(field(f, 3))}
			// The analyst's entry replaces any built-in owner of these names.
			delete(l.Bodies, b.Canonical)
			for _, a := range b.Aliases {
				delete(l.Bodies, a)
			}
			l.AddBody(b)
		case "title":
			class := field(f, 2)
			if class == "" {
				class = ClassGov
			}
			if !titleClasses[class] {
				return fmt.Errorf("unknown title class %q", class)
			}
			l.Titles[f[1]] = &Title{Word: f[1], Class: class, Deputy: strings.Contains(f[1], "副")}
		default:
			return fmt.Errorf("unknown entry kind %q (want person, org or title)", f[0])
		}
		return nil
	})
}
