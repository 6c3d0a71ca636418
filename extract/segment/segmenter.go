package segment

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"sync"
)

// zhS is gse's zh_s compiled by internal/gendict.
//
//go:generate go run ./internal/gendict -o zh_s.dict
//go:embed zh_s.dict
var zhS []byte

// builtin is zh_s read in place, once.
var builtin = sync.OnceValues(func() (*compiled, error) { return readCompiled(zhS) })

// Word is one word of a sentence: the bytes s[Start:End] and their part-of-speech tag
// (the dictionary's tag, "x" for a character the dictionary does not have).
type Word struct {
	Start, End int
	Pos        string
}

// Segmenter cuts sentences as gse's Segment does with zh_s and a user dictionary.
type Segmenter struct {
	dict  *compiled
	codes []uint16        // the code of each character below U+10000, 0 for none
	other map[rune]uint32 // the codes of the other characters
	user  trie            // the user dictionary's words; info is wordBit|index
	nUser int
	// nShadowed is how many of zh_s's words the user dictionary replaces.
	nShadowed int

	totalFreq float64   // gse's total frequency
	tags      []string  // zh_s's tags, then the user dictionary's, then "x"
	tagX      int32     // the tag of a character the dictionary does not have
	classDist []float32 // the distance of each zh_s frequency
	userDist  []float32 // the distance of each user word
	userTag   []int32

	scratch sync.Pool // *scratch
}

// pseudoDist is the distance gse gives a character no word covers ("pseudo token").
const pseudoDist = 32

// New returns a segmenter for zh_s with userDict (gse's format, "word freq tag" lines) laid
// over it, as gse's LoadDictStr(userDict) followed by LoadDictEmbed("zh_s") builds one:
// user words replace zh_s's, the first line of a word wins. It takes a few milliseconds.
func New(userDict string) (*Segmenter, error) {
	d, err := builtin()
	if err != nil {
		return nil, err
	}
	user, err := parseDict(userDict)
	if err != nil {
		return nil, fmt.Errorf("user dictionary: %w", err)
	}
	if len(user) >= wordBit {
		return nil, fmt.Errorf("user dictionary: %d words, more than %d", len(user), wordBit-1)
	}
	sg := &Segmenter{dict: d, codes: make([]uint16, bmpSize), other: map[rune]uint32{}, nUser: len(user)}
	next := uint32(1)
	for r := range rune(bmpSize) {
		c := d.bmpCode(r)
		sg.codes[r] = uint16(c)
		next = max(next, c+1)
	}
	for i := range d.numOther() {
		r, c := d.otherAt(i)
		sg.other[r] = c
		next = max(next, c+1)
	}

	sg.tags = append([]string(nil), d.tags...)
	tagIndex := map[string]int32{}
	for i, t := range sg.tags {
		if _, ok := tagIndex[t]; !ok {
			tagIndex[t] = int32(i)
		}
	}
	tag := func(t string) int32 {
		i, ok := tagIndex[t]
		if !ok {
			i = int32(len(sg.tags))
			tagIndex[t] = i
			sg.tags = append(sg.tags, t)
		}
		return i
	}

	keys := make([]trieKey, len(user))
	sg.userTag = make([]int32, len(user))
	var shadowed []int32 // zh_s's nodes of words the user dictionary replaces
	for i, e := range user {
		rs := keyRunes(e.key)
		cs := make([]uint32, len(rs))
		for j, r := range rs {
			c := sg.code(r)
			if c == 0 { // a character zh_s does not have
				if c = next; r < bmpSize {
					if c > math.MaxUint16 {
						return nil, fmt.Errorf("user dictionary: more than %d characters", math.MaxUint16)
					}
					sg.codes[r] = uint16(c)
				} else {
					sg.other[r] = c
				}
				next++
			}
			cs[j] = c
		}
		keys[i] = trieKey{codes: cs, info: wordBit | uint32(i)}
		sg.userTag[i] = tag(e.pos)
		if s, w := d.trie.lookup(cs); s >= 0 && info(w) != 0 {
			shadowed = append(shadowed, s)
		}
	}
	nodes, err := buildTrie(keys)
	if err != nil {
		return nil, fmt.Errorf("user dictionary: %w", err)
	}
	if sg.user, err = newTrie(nodes); err != nil {
		return nil, err
	}
	sg.tagX = tag("x")

	sg.nShadowed = len(shadowed)
	sg.totalFreq = sg.total(user, shadowed)
	logTotal := float32(math.Log2(sg.totalFreq))
	sg.classDist = make([]float32, d.numClasses())
	for i := range sg.classDist {
		sg.classDist[i] = logTotal - float32(math.Log2(d.class(i)))
	}
	sg.userDist = make([]float32, len(user))
	for i, e := range user {
		sg.userDist[i] = logTotal - float32(math.Log2(e.freq))
	}
	sg.scratch.New = func() any { return new(scratch) }
	return sg, nil
}

// total is gse's total frequency: the user words' frequencies, then zh_s's but for the
// words the user dictionary replaces, added in that order in float64. When every
// frequency is a whole number and the sum stays within 2^53 every partial sum is exact, so
// the order does not matter and zh_s's sum is taken from the blob; otherwise the words are
// added one by one in gse's order.
func (sg *Segmenter) total(user []entry, shadowed []int32) float64 {
	d := sg.dict
	exact := true
	for i := range d.numClasses() {
		f := d.class(i)
		exact = exact && f == math.Trunc(f) && !math.IsInf(f, 0)
	}
	bound := d.total
	userSum := 0.0
	for _, e := range user {
		userSum += e.freq
		exact = exact && e.freq == math.Trunc(e.freq) && !math.IsInf(e.freq, 0)
		bound += math.Abs(e.freq)
	}
	if exact && bound <= 1<<53 {
		replaced := 0.0
		for _, s := range shadowed {
			replaced += d.class(infoClass(info(d.trie.node(s))))
		}
		return userSum + (d.total - replaced)
	}
	skip := make(map[int32]bool, len(shadowed))
	for _, s := range shadowed {
		skip[s] = true
	}
	total := userSum
	for i := range d.numWords() {
		if s := d.word(i); !skip[s] {
			total += d.class(infoClass(info(d.trie.node(s))))
		}
	}
	return total
}

// code returns the code of character r, 0 when no word has it.
func (sg *Segmenter) code(r rune) uint32 {
	if r < bmpSize {
		return uint32(sg.codes[r])
	}
	return sg.other[r]
}

// scratch is one Segment call's working memory.
type scratch struct {
	pieces []piece
	codes  []uint32
	jumps  []jump
}

// jump is the best path found to the end of a piece: its distance, the piece where its
// last word starts and that word's tag.
type jump struct {
	dist float32
	from int32
	tag  int32
}

// update is gse's updateJumper: a jump never reached (distance 0) or longer than the new
// path takes the new path; an equal one keeps the path found first.
func (j *jump) update(dist float32, from, tag int32) {
	if j.dist == 0 || j.dist > dist {
		*j = jump{dist, from, tag}
	}
}

// Segment cuts s into words as gse's Segment([]byte(s)) does: the path of dictionary words
// of least total distance over the pieces of s (text.go), ties to the path found first,
// and a character that begins no word of one piece cut alone with tag "x". Offsets are
// s's, and s[Start:End] keeps s's letters as they are (gse's Pos lower-cases them).
// Segment returns nil for "".
func (sg *Segmenter) Segment(s string) []Word { return sg.AppendSegment(nil, s) }

// AppendSegment is Segment appending the words to dst, so that a caller cutting sentence
// after sentence can reuse one slice.
func (sg *Segmenter) AppendSegment(dst []Word, s string) []Word {
	if s == "" {
		return dst
	}
	sc := sg.scratch.Get().(*scratch)
	defer sg.scratch.Put(sc)
	pieces, codes := sc.split(sg, s)
	n := len(pieces)
	if cap(sc.jumps) < n {
		sc.jumps = make([]jump, n)
	}
	jumps := sc.jumps[:n]
	clear(jumps)
	base, user := sg.dict.trie, sg.user
	baseRoot, userRoot := base.node(0), user.node(0)
	for cur := range n {
		var from float32
		if cur > 0 {
			from = jumps[cur-1].dist
		}
		shortest := 0 // pieces in the shortest word found starting at cur
		b, bw := int32(0), baseRoot
		u, uw := int32(-1), uint64(0)
		if sg.nUser > 0 {
			u, uw = 0, userRoot
		}
	walk:
		for t := cur; t < n; t++ {
			p := pieces[t]
			for _, c := range codes[p.c0:p.c1] {
				if b >= 0 {
					b, bw = base.child(b, bw, c)
				}
				if u >= 0 {
					u, uw = user.child(u, uw, c)
				}
				if b < 0 && u < 0 {
					break walk
				}
			}
			// a dead walk's word is 0, whose info is 0
			var dist float32
			var tag int32
			if in := info(uw); in != 0 {
				i := in &^ wordBit
				dist, tag = sg.userDist[i], sg.userTag[i]
			} else if in := info(bw); in != 0 {
				dist, tag = sg.classDist[infoClass(in)], int32(infoTag(in))
			} else {
				continue
			}
			if shortest == 0 {
				shortest = t - cur + 1
			}
			jumps[t].update(from+dist, int32(cur), tag)
		}
		if shortest != 1 {
			jumps[cur].update(from+pseudoDist, int32(cur), sg.tagX)
		}
	}

	count := 0
	for t := n - 1; t >= 0; t = int(jumps[t].from) - 1 {
		count++
	}
	at := len(dst)
	dst = slices.Grow(dst, count)[:at+count]
	words := dst[at:]
	for t := n - 1; t >= 0; t = int(jumps[t].from) - 1 {
		count--
		j := jumps[t]
		words[count] = Word{Start: int(pieces[j.from].start), End: int(pieces[t].end), Pos: sg.tags[j.tag]}
	}
	return dst
}

// split cuts s into the scratch's pieces and codes.
func (sc *scratch) split(sg *Segmenter, s string) ([]piece, []uint32) {
	sc.pieces, sc.codes = sg.split(s, sc.pieces[:0], sc.codes[:0])
	return sc.pieces, sc.codes
}
