package segment_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-ego/gse"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/extract/segment"
	"github.com/newsgraph/newsgraph/internal/corpus"
)

const examplesDir = "../../examples"

// pair is a Segmenter and the gse segmenter it reproduces, loaded with one user dictionary.
type pair struct {
	ours *segment.Segmenter
	gse  *gse.Segmenter
}

// kept is the last pair loaded: gse takes a second and 130 MB, and most tests use the
// lexicons' dictionary, one after the other.
var (
	keptMu sync.Mutex
	kept   struct {
		dict string
		p    *pair
	}
)

func loadPair(t testing.TB, userDict string) *pair {
	t.Helper()
	keptMu.Lock()
	defer keptMu.Unlock()
	if kept.p != nil && kept.dict == userDict {
		return kept.p
	}
	kept.p = nil // let the collector have it while the next one loads
	ours, err := segment.New(userDict)
	if err != nil {
		t.Fatal(err)
	}
	g, err := segment.NewGSE(userDict)
	if err != nil {
		t.Fatal(err)
	}
	kept.dict, kept.p = userDict, &pair{ours, g}
	return kept.p
}

// lexiconDict is the user dictionary newsgraph loads: the lexicons' words, with the
// analysts' dictionaries dicts.
func lexiconDict(t testing.TB, dicts ...string) string {
	t.Helper()
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dicts {
		if err := lex.LoadUserDict(d); err != nil {
			t.Fatal(err)
		}
	}
	return lex.GSEDict()
}

// diff returns how Segment's words differ from gse's Segment on s, "" when they do not.
func (p *pair) diff(s string) string {
	ours := p.ours.Segment(s)
	theirs := p.gse.Segment([]byte(s))
	var b strings.Builder
	for i := 0; i < len(ours) || i < len(theirs); i++ {
		var o, g string
		if i < len(ours) {
			w := ours[i]
			o = fmt.Sprintf("%d:%d %q/%s", w.Start, w.End, s[w.Start:w.End], w.Pos)
		}
		if i < len(theirs) {
			w := theirs[i]
			g = fmt.Sprintf("%d:%d %q/%s", w.Start(), w.End(), s[w.Start():w.End()], w.Token().Pos())
		}
		if o != g {
			fmt.Fprintf(&b, "word %d: ours %s, gse %s\n", i, o, g)
			if b.Len() > 2000 {
				break
			}
		}
	}
	return b.String()
}

// compare wants the same words from both on every text; it returns how many it compared.
func (p *pair) compare(t *testing.T, what string, texts []string) int {
	t.Helper()
	bad := 0
	for _, s := range texts {
		if d := p.diff(s); d != "" {
			bad++
			if bad <= 5 {
				t.Errorf("%s: %q:\n%s", what, s, d)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d texts cut differently", what, bad, len(texts))
	}
	return len(texts)
}

// sentences splits text into sentences at 。！？ and line ends, keeping the marks.
func sentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		switch r {
		case '。', '！', '？', '\n':
			if s := text[start : i+len(string(r))]; strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
			start = i + len(string(r))
		}
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:])
	}
	return out
}

// goldTexts returns the texts the gold files in dir annotate, by the analysts'
// dictionaries (joined by "\n") they are extracted with.
func goldTexts(t *testing.T, dir string) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files in %s (%v)", dir, err)
	}
	out := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			File  string   `json:"file"`
			Dicts []string `json:"dicts"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		text, err := os.ReadFile(filepath.Join(dir, g.File))
		if err != nil {
			t.Fatal(err)
		}
		var dicts []string
		for _, d := range g.Dicts {
			dicts = append(dicts, filepath.Join(dir, d))
		}
		key := strings.Join(dicts, "\n")
		out[key] = append(out[key], string(text))
	}
	return out
}

// TestSameAsGSEOnExamples compares every sentence and every line of the annotated
// examples, the held-out ones and the identity cases, with the lexicons' dictionary and the
// analysts' dictionaries each gold file names.
func TestSameAsGSEOnExamples(t *testing.T) {
	total := 0
	for _, dir := range []string{examplesDir, filepath.Join(examplesDir, "heldout"), filepath.Join(examplesDir, "identity")} {
		for dicts, texts := range goldTexts(t, dir) {
			var ds []string
			if dicts != "" {
				ds = strings.Split(dicts, "\n")
			}
			p := loadPair(t, lexiconDict(t, ds...))
			var all []string
			for _, text := range texts {
				all = append(all, sentences(text)...)
				all = append(all, strings.Split(text, "\n")...)
			}
			total += p.compare(t, dir, all)
		}
	}
	t.Logf("%d texts compared", total)
}

// TestSameAsGSEOnCorpus compares the sentences of a generated archive sample.
func TestSameAsGSEOnCorpus(t *testing.T) {
	seeds, err := corpus.LoadSeeds(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	size := int64(3e6)
	if testing.Short() {
		size = 3e5
	}
	if _, err := corpus.Generate(context.Background(), dir, seeds, lex, corpus.Options{Size: size, Seed: 7, Days: 10}); err != nil {
		t.Fatal(err)
	}
	var texts []string
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			var rec struct {
				Text string `json:"text"`
			}
			if line == "" {
				continue
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			texts = append(texts, sentences(rec.Text)...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p := loadPair(t, lex.GSEDict())
	t.Logf("%d sentences compared", p.compare(t, "corpus", texts))
}
