package extract

import (
	"strings"
	"unicode/utf8"
)

// Sentence is one sentence of an article's body, the unit every fact is read from and
// the evidence it carries.
//
// Stage: sentence. Needs an Article's paragraphs; adds sentences with their offsets.
type Sentence struct {
	Text  string
	Para  int // index of the paragraph
	Start int // byte offset in the paragraph: Paragraphs[Para][Start:Start+len(Text)] == Text
}

const sentenceEnds = "。！？!?"
const closers = "”’」』）)"

// Sentences splits an article's paragraphs into sentences at 。！？, keeping a closing
// quote or bracket with the sentence it closes.
func Sentences(a *Article) []Sentence {
	var out []Sentence
	for pi, p := range a.Paragraphs {
		start := 0
		for i := 0; i < len(p); {
			r, n := utf8.DecodeRuneInString(p[i:])
			i += n
			if !strings.ContainsRune(sentenceEnds, r) {
				continue
			}
			for i < len(p) {
				r2, n2 := utf8.DecodeRuneInString(p[i:])
				if !strings.ContainsRune(closers, r2) && !strings.ContainsRune(sentenceEnds, r2) {
					break
				}
				i += n2
			}
			out = appendSentence(out, p, pi, start, i)
			start = i
		}
		out = appendSentence(out, p, pi, start, len(p))
	}
	return out
}

func appendSentence(out []Sentence, p string, pi, start, end int) []Sentence {
	for start < end && (p[start] == ' ' || p[start] == '\t') {
		start++
	}
	for end > start && (p[end-1] == ' ' || p[end-1] == '\t') {
		end--
	}
	if start >= end {
		return out
	}
	return append(out, Sentence{Text: p[start:end], Para: pi, Start: start})
}
