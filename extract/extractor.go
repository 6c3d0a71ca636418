package extract

import (
	"fmt"
	"strings"
	"sync"

	"github.com/go-ego/gse"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// Options steer extraction.
type Options struct {
	// Date is the article date (YYYY-MM-DD) for articles whose input gives none.
	Date string
	// Home is the paper's home place (上海, 江苏省, 无锡市) for resolving 市委 and 市政府;
	// empty means inferred from each page.
	Home string
	// Workers bounds the articles extracted at once; 0 means one per core.
	Workers int
	// Dicts are analysts' dictionaries, applied before the built-in lexicons.
	Dicts []string
}

// Extractor turns articles into graphs. Build it once with New: it loads the gse
// dictionary and the lexicons, which takes about a second.
type Extractor struct {
	opts Options
	lex  *lexicon.Lexicon
	seg  *gse.Segmenter
}

var (
	baseOnce sync.Mutex
	baseLex  *lexicon.Lexicon
	baseSeg  *gse.Segmenter
)

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
	if len(opts.Dicts) == 0 {
		baseOnce.Lock()
		defer baseOnce.Unlock()
		if baseSeg == nil {
			lex, err := lexicon.Load()
			if err != nil {
				return nil, err
			}
			seg, err := newSegmenter(lex.GSEDict())
			if err != nil {
				return nil, fmt.Errorf("load gse dictionary: %w", err)
			}
			baseLex, baseSeg = lex, seg
		}
		return &Extractor{opts: opts, lex: baseLex, seg: baseSeg}, nil
	}
	lex, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	for _, d := range opts.Dicts {
		if err := lex.LoadUserDict(d); err != nil {
			return nil, err
		}
	}
	seg, err := newSegmenter(lex.GSEDict())
	if err != nil {
		return nil, fmt.Errorf("load gse dictionary: %w", err)
	}
	return &Extractor{opts: opts, lex: lex, seg: seg}, nil
}

// Lexicon returns the lexicons the extractor uses.
func (x *Extractor) Lexicon() *lexicon.Lexicon { return x.lex }

// homePlace resolves a home given as 上海, 上海市 or 浦东新区 to its lexicon entry.
func (x *Extractor) homePlace(home string) *lexicon.Place {
	home = strings.TrimSpace(home)
	if home == "" {
		return nil
	}
	if p := x.lex.Places[home]; p != nil {
		return p
	}
	for _, suf := range []string{"市", "省", "县", "区"} {
		if p := x.lex.Places[home+suf]; p != nil {
			return p
		}
	}
	return &lexicon.Place{Name: home, Level: "city", Short: home}
}
