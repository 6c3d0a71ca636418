package segment

import (
	"unicode"
	"unicode/utf8"
)

// A sentence is matched against the dictionary piece by piece, where a piece is what gse's
// SplitTextToWords makes one Text: a run of letters and digits that are one or two bytes
// long in UTF-8 (Latin, Greek, Cyrillic, ..., ASCII letters lower-cased), or any other
// single character, or a single byte that is not UTF-8. A word matches only whole pieces.
// Within a piece the trie is walked character by character: a byte that is not UTF-8 is
// the character invalidRune+byte, apart from U+FFFD.

// invalidRune is where the characters standing for bytes that are not UTF-8 start.
const invalidRune = utf8.MaxRune + 1

// alnum says which runes below 0x800 (one or two bytes in UTF-8) gse groups into runs.
var alnum = func() (t [0x800]bool) {
	for r := range t {
		t[r] = unicode.IsLetter(rune(r)) || unicode.IsNumber(rune(r))
	}
	return t
}()

// decode returns the character at s[i:] as the trie knows it and its length in bytes.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return invalidRune + rune(s[i]), 1
	}
	return r, size
}

// piece is one of gse's Texts in a sentence: bytes [start, end), characters [c0, c1) of
// the sentence's codes.
type piece struct {
	start, end int32
	c0, c1     int32
}

// split cuts s into pieces and looks up each character's code, lower-casing ASCII letters.
// It appends to pieces and codes and returns them.
func (sg *Segmenter) split(s string, pieces []piece, codes []uint32) ([]piece, []uint32) {
	inRun := false
	for i := 0; i < len(s); {
		r, size := decode(s, i)
		if r < 0x800 && alnum[r] {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if inRun {
				p := &pieces[len(pieces)-1]
				p.end += int32(size)
				p.c1++
			} else {
				pieces = append(pieces, piece{int32(i), int32(i + size), int32(len(codes)), int32(len(codes) + 1)})
				inRun = true
			}
		} else {
			pieces = append(pieces, piece{int32(i), int32(i + size), int32(len(codes)), int32(len(codes) + 1)})
			inRun = false
		}
		codes = append(codes, sg.code(r))
		i += size
	}
	return pieces, codes
}

// keyRunes returns the characters of a dictionary key as the trie knows them.
func keyRunes(key string) []rune {
	var rs []rune
	for i := 0; i < len(key); {
		r, size := decode(key, i)
		rs = append(rs, r)
		i += size
	}
	return rs
}
