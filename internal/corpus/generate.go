package corpus

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

// Options say how large an archive to build and how.
type Options struct {
	Size int64  // bytes of JSON lines to write, at least
	Seed uint64 // the same seed, example pages and lexicon give the same files
	// Start is the archive's first day; zero means 2015-01-01.
	Start time.Time
	// Days is how many days the archive spans when Size is reached; 0 means ten years.
	Days int
	// People is how many distinct persons appear; 0 means one for every four articles.
	People int
}

// Stats say what Generate wrote.
type Stats struct {
	Files    int
	Articles int
	Bytes    int64
	First    time.Time // the first day
	Last     time.Time // the last day
}

// record is one line of a generated file, as newsgraph reads JSON lines.
type record struct {
	ID   string `json:"id"`
	Date string `json:"date"`
	Text string `json:"text"`
}

// Generate writes an archive of at least opts.Size bytes under dir: one JSON-lines file
// per day, dir/YYYY/YYYY-MM-DD.jsonl, with the same number of articles every day.
func Generate(ctx context.Context, dir string, seeds []Seed, lex *lexicon.Lexicon, opts Options) (Stats, error) {
	g, err := newGenerator(seeds, lex, opts)
	if err != nil {
		return Stats{}, err
	}
	st := Stats{First: g.opts.Start}
	for day := 0; st.Bytes < g.opts.Size; day++ {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		date := g.opts.Start.AddDate(0, 0, day)
		n, err := g.writeDay(dir, date)
		st.Files++
		st.Articles += g.perDay
		st.Bytes += n
		st.Last = date
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

// generator holds what every article is drawn from.
type generator struct {
	opts     Options
	seeds    []Seed
	rng      *rand.Rand
	perDay   int
	surnames []string                    // every surname, and the common ones again, four times
	places   map[string][]*lexicon.Place // by level and suffix
	named    [][]*lexicon.Place          // the provinces and cities each seed names
	persons  [][]string                  // the names each seed's persons are renamed from
}

// varied are the levels of places replaced.
var varied = []string{"province", "city"}

func newGenerator(seeds []Seed, lex *lexicon.Lexicon, opts Options) (*generator, error) {
	if len(seeds) == 0 {
		return nil, fmt.Errorf("no example pages to build the archive from")
	}
	if opts.Start.IsZero() {
		opts.Start = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if opts.Days <= 0 {
		opts.Days = int(opts.Start.AddDate(10, 0, 0).Sub(opts.Start).Hours() / 24)
	}
	var avg int64
	for _, s := range seeds {
		avg += int64(len(s.Text)) + 60 // the record's id, date and quotes
	}
	avg /= int64(len(seeds))
	articles := max(1, opts.Size/avg)
	if opts.People <= 0 {
		opts.People = int(max(100, articles/4))
	}
	g := &generator{
		opts:   opts,
		seeds:  seeds,
		rng:    rand.New(rand.NewPCG(opts.Seed, 0x6e657773)),
		perDay: int(max(1, (articles+int64(opts.Days)-1)/int64(opts.Days))),
		places: map[string][]*lexicon.Place{},
	}
	for s := range lex.Surnames {
		g.surnames = append(g.surnames, s)
		if lex.Common[s] {
			g.surnames = append(g.surnames, s, s, s, s)
		}
	}
	sort.Strings(g.surnames)
	seen := map[*lexicon.Place]bool{}
	for _, name := range sortedKeys(lex.Places) {
		p := lex.Places[name]
		if seen[p] || !isVaried(p) {
			continue
		}
		seen[p] = true
		k := p.Level + suffix(p.Name)
		g.places[k] = append(g.places[k], p)
	}
	for _, s := range seeds {
		g.named = append(g.named, placesNamed(s.Text, lex))
		var names []string
		for _, p := range s.Persons {
			if utf8.RuneCountInString(p) >= 2 && lex.ForeignNames[p] == "" && !strings.Contains(p, "·") {
				names = append(names, p)
			}
		}
		g.persons = append(g.persons, names)
	}
	return g, nil
}

// suffix returns the last rune of a place's name: a place is replaced by one of the same
// level and suffix, a municipality (上海市) by another (重庆市), not by a province.
func suffix(name string) string {
	r, _ := utf8.DecodeLastRuneInString(name)
	return string(r)
}

// isVaried reports whether a place is one articles are moved to and from: a province or
// a city whose short form (the word news uses) has two runes or more, not a special
// administrative region or 台湾省.
func isVaried(p *lexicon.Place) bool {
	if strings.Contains(p.Name, "特别行政区") || p.Name == "台湾省" {
		return false
	}
	for _, l := range varied {
		if p.Level == l && utf8.RuneCountInString(p.Short) >= 2 {
			return true
		}
	}
	return false
}

// placesNamed returns the provinces and cities a text names, by full or short name.
func placesNamed(text string, lex *lexicon.Lexicon) []*lexicon.Place {
	seen := map[*lexicon.Place]bool{}
	var out []*lexicon.Place
	for _, name := range sortedKeys(lex.Places) {
		p := lex.Places[name]
		if !seen[p] && isVaried(p) && strings.Contains(text, name) {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// writeDay writes one day's file and returns the bytes written.
func (g *generator) writeDay(dir string, date time.Time) (int64, error) {
	path := filepath.Join(dir, date.Format("2006"), date.Format(time.DateOnly)+".jsonl")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: f}
	bw := bufio.NewWriter(cw)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for k := range g.perDay {
		si := g.rng.IntN(len(g.seeds))
		rec := record{
			ID:   fmt.Sprintf("%s-%03d", date.Format("20060102"), k+1),
			Date: date.Format(time.DateOnly),
			Text: g.article(si, date),
		}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return cw.n, fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return cw.n, fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return cw.n, fmt.Errorf("write %s: %w", path, err)
	}
	return cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// article renames the persons of seed si, moves its places and dates, and returns it.
func (g *generator) article(si int, date time.Time) string {
	s := &g.seeds[si]
	var pairs [][2]string
	used := map[string]bool{}
	for _, old := range g.persons[si] {
		name := g.personName(g.person())
		for used[name] {
			name = g.personName(g.person())
		}
		used[name] = true
		pairs = append(pairs, [2]string{old, name})
	}
	taken := map[*lexicon.Place]bool{}
	for _, p := range g.named[si] {
		taken[p] = true
	}
	for _, p := range g.named[si] {
		cands := g.places[p.Level+suffix(p.Name)]
		q := cands[g.rng.IntN(len(cands))]
		for taken[q] && len(taken) < len(cands) {
			q = cands[g.rng.IntN(len(cands))]
		}
		taken[q] = true
		pairs = append(pairs, [2]string{p.Name, q.Name}, [2]string{p.Short, q.Short})
	}
	// longest first: 上海市 before 上海, 王浩然 before 王浩
	sort.SliceStable(pairs, func(i, j int) bool { return len(pairs[i][0]) > len(pairs[j][0]) })
	args := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		args = append(args, p[0], p[1])
	}
	text := strings.NewReplacer(args...).Replace(s.Text)
	if !s.Date.IsZero() {
		text = shiftDates(text, s.Date, date)
	}
	return text
}

// person draws a person: a few are in the news all the time, most seldom.
func (g *generator) person() int {
	u := g.rng.Float64()
	return int(float64(g.opts.People) * u * u * u)
}

// givenChars are characters of given names.
const givenChars = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉萍红玲芬燕彬鹏辉俊峰建国文斌宇浩凯健林晨晓欣雪梅琳颖婷慧莉晶宁飞波亮毅鑫楠帆阳博宏振志海东新春秋雨云天立成德正清远嘉思安和泽睿哲轩逸昊铭航晗琦璐瑶怡蕾萱涵悦雯佳永胜利光荣金荣福祥瑞庆泉源江川山松柏竹兰菊桂蓉琴丹彤琪卓诚恒毅骏驰启航朗晖"

// personName returns the name of person id: the same id gives the same name.
func (g *generator) personName(id int) string {
	r := rand.New(rand.NewPCG(g.opts.Seed, uint64(id)+1))
	given := []rune(givenChars)
	name := g.surnames[r.IntN(len(g.surnames))]
	for range 1 + r.IntN(2) {
		name += string(given[r.IntN(len(given))])
	}
	return name
}
