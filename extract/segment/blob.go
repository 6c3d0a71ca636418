package segment

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// A compiled dictionary is one byte blob, little-endian throughout:
//
//	magic     [16]byte  "newsgraph-seg-v1": the format and its version
//	source    [32]byte  SHA-256 of the dictionary text it was compiled from
//	counts    5×uint32  tags, classes, other characters, nodes, words
//	total     float64   the words' frequencies summed in the text's order
//	tags      each a uint8 length and the tag's bytes
//	classes   float64 each: the distinct frequencies
//	bmp       65536×uint16: the code of each character below U+10000, 0 for none
//	other     (int32 character, uint32 code) each, by character: the other characters
//	nodes     8 bytes each: the trie (trie.go); a word's info is wordBit|tag<<classBits|class
//	words     uint32 each: the node of every word, in the text's order
//
// Codes number the characters from 1, most frequent first. Everything but the tags is read
// in place; nothing in it depends on the user dictionary.

var magic = [16]byte([]byte("newsgraph-seg-v1"))

const bmpSize = 0x10000

// A word of the compiled dictionary has in its node's info its tag and its class (the
// index of its frequency).
const (
	classBits = 14
	classMask = 1<<classBits - 1
	maxTags   = wordBit >> classBits
)

func wordInfo(tag, class int) uint32 { return wordBit | uint32(tag)<<classBits | uint32(class) }
func infoClass(info uint32) int      { return int(info & classMask) }
func infoTag(info uint32) int        { return int(info&^wordBit) >> classBits }

// compiled is a compiled dictionary read in place.
type compiled struct {
	source  [32]byte
	total   float64
	tags    []string
	classes []byte // float64 each
	bmp     []byte // uint16 each
	other   []byte // int32, uint32 each
	trie    trie
	words   []byte // uint32 each
}

func (d *compiled) numClasses() int { return len(d.classes) / 8 }
func (d *compiled) class(i int) float64 {
	return math.Float64frombits(binary.LittleEndian.Uint64(d.classes[8*i:]))
}
func (d *compiled) numWords() int         { return len(d.words) / 4 }
func (d *compiled) word(i int) int32      { return int32(binary.LittleEndian.Uint32(d.words[4*i:])) }
func (d *compiled) bmpCode(r rune) uint32 { return uint32(binary.LittleEndian.Uint16(d.bmp[2*r:])) }
func (d *compiled) numOther() int         { return len(d.other) / 8 }
func (d *compiled) otherAt(i int) (rune, uint32) {
	o := d.other[8*i:]
	return rune(int32(binary.LittleEndian.Uint32(o))), binary.LittleEndian.Uint32(o[4:])
}

// readCompiled reads a compiled dictionary in place.
func readCompiled(b []byte) (*compiled, error) {
	bad := func(what string) (*compiled, error) {
		return nil, fmt.Errorf("compiled dictionary: %s", what)
	}
	if len(b) < 16+32+20+8 || [16]byte(b[:16]) != magic {
		return bad("not one (wrong magic or version)")
	}
	d := &compiled{source: [32]byte(b[16:48])}
	var n [5]int
	for i := range n {
		n[i] = int(binary.LittleEndian.Uint32(b[48+4*i:]))
	}
	d.total = math.Float64frombits(binary.LittleEndian.Uint64(b[68:]))
	b = b[76:]
	for range n[0] {
		if len(b) < 1 || len(b) < 1+int(b[0]) {
			return bad("truncated tags")
		}
		d.tags = append(d.tags, string(b[1:1+b[0]]))
		b = b[1+b[0]:]
	}
	take := func(size int) []byte {
		if size > len(b) {
			return nil
		}
		s := b[:size:size]
		b = b[size:]
		return s
	}
	if d.classes = take(8 * n[1]); d.classes == nil {
		return bad("truncated classes")
	}
	if d.bmp = take(2 * bmpSize); d.bmp == nil {
		return bad("truncated characters")
	}
	if d.other = take(8 * n[2]); d.other == nil {
		return bad("truncated characters")
	}
	nodes := take(nodeSize * n[3])
	if nodes == nil {
		return bad("truncated trie")
	}
	if d.words = take(4 * n[4]); d.words == nil {
		return bad("truncated words")
	}
	if len(b) != 0 {
		return bad("trailing bytes")
	}
	var err error
	if d.trie, err = newTrie(nodes); err != nil {
		return nil, err
	}
	return d, nil
}

// Compile compiles dictionary text in gse's format ("word freq tag" lines, as gse's
// data/dict/zh/s_1.txt) into the blob New reads; the same text always gives the same
// bytes. internal/gendict runs it on gse's zh_s.
func Compile(text []byte) ([]byte, error) {
	entries, err := parseDict(string(text))
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, errors.New("compile: no words")
	}
	var tags []string
	tagIndex := map[string]int{}
	var classes []float64
	classIndex := map[uint64]int{}
	count := map[rune]int{}
	total := 0.0
	for _, e := range entries {
		if _, ok := tagIndex[e.pos]; !ok {
			if len(e.pos) > 255 {
				return nil, fmt.Errorf("compile: tag %q is longer than 255 bytes", e.pos)
			}
			tagIndex[e.pos] = len(tags)
			tags = append(tags, e.pos)
		}
		if _, ok := classIndex[math.Float64bits(e.freq)]; !ok {
			classIndex[math.Float64bits(e.freq)] = len(classes)
			classes = append(classes, e.freq)
		}
		for _, r := range keyRunes(e.key) {
			count[r]++
		}
		total += e.freq
	}
	if len(tags) > maxTags || len(classes) > classMask+1 || len(count) >= 1<<16 {
		return nil, fmt.Errorf("compile: %d tags, %d frequencies, %d characters: too many for the format", len(tags), len(classes), len(count))
	}
	// codes, most frequent character first
	chars := make([]rune, 0, len(count))
	for r := range count {
		chars = append(chars, r)
	}
	slices.SortFunc(chars, func(a, b rune) int {
		return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a, b))
	})
	code := make(map[rune]uint32, len(chars))
	for i, r := range chars {
		code[r] = uint32(i + 1)
	}
	keys := make([]trieKey, len(entries))
	for i, e := range entries {
		rs := keyRunes(e.key)
		cs := make([]uint32, len(rs))
		for j, r := range rs {
			cs[j] = code[r]
		}
		keys[i] = trieKey{codes: cs, info: wordInfo(tagIndex[e.pos], classIndex[math.Float64bits(e.freq)])}
	}
	nodes, err := buildTrie(keys)
	if err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	t, err := newTrie(nodes)
	if err != nil {
		return nil, err
	}

	var out []byte
	u32 := func(v uint32) { out = binary.LittleEndian.AppendUint32(out, v) }
	out = append(out, magic[:]...)
	sum := sha256.Sum256(text)
	out = append(out, sum[:]...)
	var other []rune
	for _, r := range chars {
		if r >= bmpSize {
			other = append(other, r)
		}
	}
	slices.Sort(other)
	for _, v := range []int{len(tags), len(classes), len(other), t.n, len(keys)} {
		u32(uint32(v))
	}
	out = binary.LittleEndian.AppendUint64(out, math.Float64bits(total))
	for _, tag := range tags {
		out = append(out, byte(len(tag)))
		out = append(out, tag...)
	}
	for _, f := range classes {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(f))
	}
	for r := range rune(bmpSize) {
		out = binary.LittleEndian.AppendUint16(out, uint16(code[r]))
	}
	for _, r := range other {
		u32(uint32(r))
		u32(code[r])
	}
	out = append(out, nodes...)
	for i := range entries {
		s, w := t.lookup(keys[i].codes)
		if s < 0 || info(w) != keys[i].info {
			return nil, fmt.Errorf("compile: word %q is not in the trie built", entries[i].key)
		}
		u32(uint32(s))
	}
	return out, nil
}
