package extract

import (
	wordseg "github.com/newsgraph/newsgraph/extract/segment"
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

// newSegmenter builds the segmenter for the lexicons' user dictionary (lines "word freq
// tag", lexicon.GSEDict): gse's simplified Chinese dictionary (zh_s, 352,000 words),
// compiled ahead of time, with the user dictionary laid over it so that where gse already
// has a word the lexicon's frequency and tag win. It cuts exactly as gse's Segment with
// the same dictionaries (package segment has the proofs) and takes a few milliseconds,
// where loading gse took a second and 200 MB. A dictionary trimmed to its frequent words
// would cut news worse (习近平, 民营企业, 贯彻落实 have gse's lowest frequencies), so the
// whole of zh_s is there.
func newSegmenter(userDict string) (*wordseg.Segmenter, error) {
	return wordseg.New(userDict)
}

// segment cuts a sentence into tokens with offsets: s[Start:End] == Text. The words are
// gse's Pos's, but a token keeps the sentence's own bytes (CEO where gse's Pos gives ceo).
func segment(seg *wordseg.Segmenter, s string) []Token {
	words := seg.Segment(s)
	out := make([]Token, len(words))
	for i, w := range words {
		out[i] = Token{Text: s[w.Start:w.End], Pos: w.Pos, Start: w.Start, End: w.End}
	}
	return out
}
