package extract

import (
	"sync"

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

// scratch is memory an article's extraction reuses: the segmenter's words and the
// tokens of one sentence at a time, and slabs that the tagged tokens and units of every
// sentence of the article are cut from (they live until the article's graph is built).
// Extract takes one from scratches and gives it back, so a worker reuses the same one
// article after article instead of allocating these anew for every sentence.
type scratch struct {
	words  []wordseg.Word
	toks   []Token
	tagged slab[tok]
	units  slab[unit]
	names  []nameRead // units' answers of nameAt, for one sentence at a time
}

// nameRead is one answer of nameAt: the end and the name, once done.
type nameRead struct {
	end  int
	name string
	done bool
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// segment cuts a sentence into tokens with offsets: s[Start:End] == Text. The words are
// gse's Pos's, but a token keeps the sentence's own bytes (CEO where gse's Pos gives ceo).
// The tokens are the scratch's, valid until its next call.
func (sc *scratch) segment(seg *wordseg.Segmenter, s string) []Token {
	sc.words = seg.AppendSegment(sc.words[:0], s)
	sc.toks = sc.toks[:0]
	for _, w := range sc.words {
		sc.toks = append(sc.toks, Token{Text: s[w.Start:w.End], Pos: w.Pos, Start: w.Start, End: w.End})
	}
	return sc.toks
}

// reset makes the slabs' memory free for the next article.
func (sc *scratch) reset() {
	sc.tagged.reset()
	sc.units.reset()
}

// slab hands out slices of one array until it is full, then of a new one twice as large;
// reset starts again at the beginning of the last (largest) one. A slice handed out has
// its capacity capped, so appending past it moves it elsewhere rather than overwrite the
// next one.
type slab[T any] struct{ buf []T }

func (s *slab[T]) take(n int) []T {
	if len(s.buf)+n > cap(s.buf) {
		s.buf = make([]T, 0, max(1024, 2*cap(s.buf), 2*n))
	}
	at := len(s.buf)
	s.buf = s.buf[:at+n]
	return s.buf[at : at : at+n]
}

func (s *slab[T]) reset() {
	clear(s.buf) // drops the pointers into the last article's text
	s.buf = s.buf[:0]
}
