package extract

import (
	"github.com/go-ego/gse"
	"strings"
)

// Token is one word of a sentence: its text, its part of speech (gse's tag, or one of the
// lexicon's tags), and its byte offsets in the sentence.
//
// Stage: segment. Needs a sentence; adds tokens.
type Token struct {
	Text  string
	Pos   string
	Start int
	End   int
}

// newSegmenter loads gse's simplified Chinese dictionary together with the user
// dictionary, in one load: user entries first, so that where gse already has a word the
// lexicon's frequency and tag win.
func newSegmenter(userDict string) (*gse.Segmenter, error) {
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictStr(userDict); err != nil {
		return nil, err
	}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, err
	}
	return &seg, nil
}

// segment cuts a sentence into tokens with offsets.
func segment(seg *gse.Segmenter, s string) []Token {
	pos := seg.Pos(s, false)
	out := make([]Token, 0, len(pos))
	off := 0
	for _, p := range pos {
		n := len(p.Text)
		text := p.Text
		// gse lowercases Latin letters (CEO → ceo); the token keeps the text as printed
		if off+n <= len(s) && strings.EqualFold(s[off:off+n], text) {
			text = s[off : off+n]
		}
		out = append(out, Token{Text: text, Pos: p.Pos, Start: off, End: off + n})
		off += n
	}
	return out
}
