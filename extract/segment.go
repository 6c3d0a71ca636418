package extract

import (
	"github.com/go-ego/gse"
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
// dictionary: user entries first, so that where gse already has a word the lexicon's
// frequency and tag win.
//
// This is most of a process's start-up, about 1.1 s of one core and 200 MB for the 352,000
// words of zh_s (docs/bench): gse builds its trie word by word and then cuts every word
// again for its search mode, and offers no way to load a built dictionary. A dictionary
// trimmed to its frequent words loads faster but cuts news worse (words such as 习近平,
// 民营企业, 贯彻落实 have gse's lowest frequencies), so the whole of zh_s is loaded.
// HMM is not loaded: Pos without search mode never uses it.
func newSegmenter(userDict string) (*gse.Segmenter, error) {
	var seg gse.Segmenter
	seg.SkipLog = true
	seg.NotLoadHMM = true
	if err := seg.LoadDictStr(userDict); err != nil {
		return nil, err
	}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, err
	}
	return &seg, nil
}

// segment cuts a sentence into tokens with offsets: s[Start:End] == Text. gse matches
// words with Latin letters in lower case and its Pos returns them so (CEO → ceo), each
// word's text built anew; the token keeps the sentence's own bytes, as printed.
func segment(seg *gse.Segmenter, s string) []Token {
	segs := seg.Segment([]byte(s))
	out := make([]Token, len(segs))
	for i, sg := range segs {
		out[i] = Token{Text: s[sg.Start():sg.End()], Pos: sg.Token().Pos(), Start: sg.Start(), End: sg.End()}
	}
	return out
}
