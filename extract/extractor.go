package extract

import (
	"fmt"
	"strings"
	"sync"

	"github.com/go-ego/gse"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	wordseg "github.com/newsgraph/newsgraph/extract/segment"
)

// Options steer extraction.
type Options struct {
	// Date is the article date (YYYY-MM-DD) for articles whose input gives none.
	Date string
	// Home is the paper's home place (上海, 江苏省, 无锡市) for resolving 市委 and 市政府;
	// empty means inferred from each page.
	Home string
	// Workers bounds the articles extracted at once, and the goroutines the identity
	// pass decides on at the end of a run; 0 means one per core.
	Workers int
	// Dicts are analysts' dictionaries, applied before the built-in lexicons.
	Dicts []string
	// OnMerged, when set, is called by Run after each document is merged, in input
	// order, and once more when all are (Progress.Done), from the one goroutine that
	// merges: it should return quickly.
	OnMerged func(Progress)
}

// Extractor turns articles into graphs. Build it once with New: the first New of a
// process loads the lexicons and the segmenter's dictionary (BenchmarkLoadDictionary), and
// every later New without analysts' dictionaries shares them.
type Extractor struct {
	opts   Options
	lex    *lexicon.Lexicon
	words  *wordIndex
	seg    *wordseg.Segmenter
	gse    func() (*gse.Segmenter, error)
	places *placeIndex
	stages *StageTimes // set on Run's own copy; nil otherwise, which times nothing
}

// resources are what extraction reads and never changes: the lexicons, the segmenter
// loaded with them, and the index of place names for inferring a page's home; and gse
// with the same dictionaries, loaded only if asked for (GSESegmenter).
type resources struct {
	lex    *lexicon.Lexicon
	words  *wordIndex
	seg    *wordseg.Segmenter
	gse    func() (*gse.Segmenter, error)
	places *placeIndex
}

// baseResources loads the built-in lexicons and the segmenter once per process.
var baseResources = sync.OnceValues(func() (*resources, error) { return loadResources(nil) })

// loadResources loads the lexicons with the analysts' dictionaries, then the segmenter.
func loadResources(dicts []string) (*resources, error) {
	lex, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	for _, d := range dicts {
		if err := lex.LoadUserDict(d); err != nil {
			return nil, err
		}
	}
	userDict := lex.GSEDict()
	seg, err := newSegmenter(userDict)
	if err != nil {
		return nil, fmt.Errorf("load the segmenter's dictionary: %w", err)
	}
	loadGSE := sync.OnceValues(func() (*gse.Segmenter, error) { return wordseg.NewGSE(userDict) })
	return &resources{lex: lex, words: newWordIndex(lex), seg: seg, gse: loadGSE, places: newPlaceIndex(lex.Places)}, nil
}

// New loads the lexicons and the segmenter. Extractors built without analysts'
// dictionaries share one segmenter per process.
func New(opts Options) (*Extractor, error) {
	if opts.Date != "" {
		d := normalizeDate(opts.Date)
		if d == "" {
			return nil, fmt.Errorf("date %q: want YYYY-MM-DD", opts.Date)
		}
		opts.Date = d
	}
	var res *resources
	var err error
	if len(opts.Dicts) == 0 {
		res, err = baseResources()
	} else {
		res, err = loadResources(opts.Dicts)
	}
	if err != nil {
		return nil, err
	}
	return &Extractor{opts: opts, lex: res.lex, words: res.words, seg: res.seg, gse: res.gse, places: res.places}, nil
}

// Lexicon returns the lexicons the extractor uses.
func (x *Extractor) Lexicon() *lexicon.Lexicon { return x.lex }

// WordSegmenter returns the segmenter the extractor cuts sentences with: gse's zh_s with
// the lexicons' words, shared by extractors and safe for concurrent use.
func (x *Extractor) WordSegmenter() *wordseg.Segmenter { return x.seg }

// GSESegmenter returns a gse segmenter loaded with the dictionaries the extractor's
// segmenter reproduces (gse's zh_s after the lexicons' words), to measure against or to
// compare with. The first call loads it, about a second and 200 MB; later calls share it.
// Read from it only (Cut, Pos): changing it while it cuts is a data race.
func (x *Extractor) GSESegmenter() (*gse.Segmenter, error) { return x.gse() }

// homePlace resolves a home given as 上海, 上海市 or 浦东新区 to its lexicon entry. A home
// the lexicon does not know (a county, a township) is made a place of its own, returned
// also in extra so that the article's tokens can be read as it.
func (x *Extractor) homePlace(home string) (*lexicon.Place, map[string]*lexicon.Place) {
	home = strings.TrimSpace(home)
	if home == "" {
		return nil, nil
	}
	if p := x.lex.Places[home]; p != nil {
		return p, nil
	}
	for _, suf := range []string{"市", "省", "县", "区"} {
		if p := x.lex.Places[home+suf]; p != nil {
			return p, nil
		}
	}
	levels := map[string]string{"省": "province", "市": "city", "县": "county", "区": "district", "镇": "town", "乡": "town"}
	short := home
	for suf := range levels {
		if strings.HasSuffix(home, suf) && home != suf {
			short = strings.TrimSuffix(home, suf)
		}
	}
	name := home
	if short == home {
		name = home + "市"
	}
	p := &lexicon.Place{Name: name, Level: levels[lastRune(name)], Short: short}
	return p, map[string]*lexicon.Place{p.Name: p, p.Short: p}
}

// homeLevel gives an unknown home the level its page uses: 岚溪 with 县委 and 县长 is 岚溪县.
func homeLevel(home, text string) string {
	if home == "" {
		return home
	}
	for _, suf := range []string{"省", "市", "县", "区", "镇", "乡"} {
		if strings.HasSuffix(home, suf) {
			return home
		}
	}
	best, n := "", 0
	for _, suf := range []string{"县", "区", "市"} {
		c := strings.Count(text, suf+"委") + strings.Count(text, suf+"长") + strings.Count(text, suf+"政府")
		if c > n {
			best, n = suf, c
		}
	}
	return home + best
}
