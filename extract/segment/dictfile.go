package segment

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// entry is one word of a dictionary as gse keeps it.
type entry struct {
	key  string  // the word with ASCII letters in lower case: what text is matched against
	freq float64 // the frequency gse uses (single characters count 2)
	pos  string  // the part-of-speech tag, "" when the line gives none
}

// minFreq is gse's MinTokenFreq default: lines with a lower frequency are skipped.
const minFreq = 2.0

// parseDict reads dictionary text ("word freq tag" lines) as gse's LoadDictStr reads it,
// and returns its words in order, each word once: the first line of a word wins, as gse's
// Dictionary.AddToken ignores a word it already has.
//
// gse splits each line on single spaces and trims every field; a line without a
// frequency, or whose frequency does not parse or is below 2, adds nothing; a word of one
// character counts 2 whatever its line says; a frequency out of float64's range is kept
// as ±Inf, unchecked (gse's Size returns ParseFloat's result on any error, and only a
// syntax error gives 0). The key lower-cases ASCII letters only: gse's SplitTextToWords
// lower-cases runs of letters and digits, and every ASCII letter is in one.
//
// Two words that gse accepts would corrupt its cedar trie rather than be looked up, so
// parseDict refuses them: a word that is empty once trimmed (cedar stores the empty key
// in the trie's root, which then stops every other word) and a word with a NUL byte
// (cedar marks the end of a word with a NUL edge, so the word overwrites the value of its
// own prefix).
func parseDict(text string) ([]entry, error) {
	lines := strings.Count(text, "\n") + 1
	out := make([]entry, 0, lines)
	seen := make(map[string]bool, lines)
	for n := 0; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		word, freq, pos, ok := parseLine(line)
		if !ok {
			continue
		}
		key := lowerASCII(word)
		switch {
		case key == "":
			return nil, fmt.Errorf("dictionary line %d: the word is empty once trimmed", n+1)
		case strings.IndexByte(key, 0) >= 0:
			return nil, fmt.Errorf("dictionary line %d: word %q has a NUL byte", n+1, word)
		case seen[key]:
			continue
		}
		seen[key] = true
		out = append(out, entry{key: key, freq: freq, pos: pos})
	}
	return out, nil
}

// parseLine reads one line as gse's LoadDictStr and Segmenter.Size do; ok is false when
// gse adds nothing for it.
func parseLine(line string) (word string, freq float64, pos string, ok bool) {
	// the fields of strings.Split(line, " ") that gse reads: the first three
	word, rest, two := strings.Cut(line, " ")
	if !two {
		return "", 0, "", false
	}
	freqText, rest, three := strings.Cut(rest, " ")
	word = strings.TrimSpace(word)
	freq, err := strconv.ParseFloat(strings.TrimSpace(freqText), 64)
	if err == nil {
		if freq < minFreq {
			return "", 0, "", false
		}
		if utf8.RuneCountInString(word) < 2 {
			freq = 2
		}
	}
	if freq == 0 {
		return "", 0, "", false
	}
	if three {
		pos, _, _ = strings.Cut(rest, " ")
		pos = strings.TrimSpace(pos)
	}
	return word, freq, pos, true
}

// lowerASCII lower-cases the ASCII letters of s, as gse's toLower does.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
