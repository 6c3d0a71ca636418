// Package segment owns newsgraph's word segmenter: it cuts a sentence into dictionary
// words with their part-of-speech tags exactly as gse's Segmenter.Segment (github.com/
// go-ego/gse v0.80.3, shortest path, no search mode, no HMM) cuts it with gse's simplified
// Chinese dictionary (zh_s, data/dict/zh/s_1.txt, itself derived from jieba's) loaded
// after a user dictionary — the same words, the same boundaries, the same tags — but
// loads in milliseconds instead of a second.
//
// gse's dictionary is compiled ahead of time (go generate; internal/gendict) into
// zh_s.dict, a double-array trie over characters laid out in a byte blob that is embedded
// and read in place. A user dictionary (lines "word freq tag") is an overlay built at
// start-up with gse's precedence: a user word replaces zh_s's entry for the same word, and
// within the user dictionary the first line of a word wins. Frequencies, the total
// frequency and every word's distance (log2 of total over frequency, in float32) are
// computed as gse computes them, so ties between paths break the same way.
//
// What gse does that this package mirrors, and the few inputs it refuses, are in
// segmenter.go and dictfile.go. NewGSE loads the gse segmenter being reproduced, for
// tests and benchmarks; the normal path never loads it.
//
// A Segmenter is read-only once built and safe for concurrent use.
package segment
