package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/extract/lexicon"
)

var examplesDir = filepath.Join("..", "..", "examples")

func TestShiftDates(t *testing.T) {
	from := time.Date(2021, 5, 28, 0, 0, 0, 0, time.UTC)
	to := time.Date(2016, 3, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in, want string
	}{
		{"the page's date", "2021年5月28日 星期五", "2016年3月2日 星期五"},
		{"the day before", "新华社北京5月27日电", "新华社北京3月1日电"},
		{"a day alone", "27日上午，会议召开。", "1日上午，会议召开。"},
		{"a day alone, the month before", "本月3日和上月30日", "本月6日和上月3日"},
		{"a year alone", "2020年度上海市市长质量奖", "2015年度上海市市长质量奖"},
		{"history and plans", "1949年10月1日成立，1921年建党，2035年远景目标", "1949年10月1日成立，1921年建党，2035年远景目标"},
		{"no such day", "2月30日", "2月30日"},
		{"a year and a day only", "2021年28日", "2021年28日"},
		{"no dates", "会议强调，要抓好落实。", "会议强调，要抓好落实。"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := shiftDates(tc.in, from, to); got != tc.want {
				t.Errorf("shiftDates(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLoadSeeds(t *testing.T) {
	seeds, err := LoadSeeds(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(seeds) < 10 {
		t.Fatalf("%d seeds, want every example page", len(seeds))
	}
	for _, s := range seeds {
		if s.Date.IsZero() || len(s.Persons) == 0 || s.Text == "" {
			t.Errorf("seed %s: date %v, %d persons, %d bytes; want all three", s.Name, s.Date, len(s.Persons), len(s.Text))
		}
	}
	if _, err := LoadSeeds(t.TempDir()); err == nil {
		t.Error("LoadSeeds of an empty folder gave no error")
	}
}

// generate builds an archive of size bytes with seed and returns its folder.
func generate(t *testing.T, size int64, seed uint64) (string, Stats) {
	t.Helper()
	seeds, err := LoadSeeds(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, err := Generate(context.Background(), dir, seeds, lex, Options{Size: size, Seed: seed, Days: 30})
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

// readArchive returns every file of an archive by its path under dir.
func readArchive(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGenerate(t *testing.T) {
	const size = 400_000
	dir, st := generate(t, size, 1)
	if st.Bytes < size {
		t.Errorf("wrote %d bytes, want at least %d", st.Bytes, size)
	}
	files := readArchive(t, dir)
	if len(files) != st.Files {
		t.Errorf("%d files on disk, Stats says %d", len(files), st.Files)
	}
	seeds, err := LoadSeeds(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	articles, kept := 0, 0
	for path, b := range files {
		total += int64(len(b))
		day := strings.TrimSuffix(filepath.Base(path), ".jsonl")
		if want := filepath.Join(day[:4], day+".jsonl"); path != want {
			t.Errorf("file %s, want %s", path, want)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var rec record
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			articles++
			if rec.Date != day || !strings.HasPrefix(rec.ID, strings.ReplaceAll(day, "-", "")) {
				t.Errorf("%s: record %s dated %s", path, rec.ID, rec.Date)
			}
			// the example's persons are renamed
			for _, s := range seeds {
				for _, p := range s.Persons {
					if len([]rune(p)) > 2 && strings.Contains(rec.Text, p) {
						kept++
					}
				}
			}
		}
	}
	if total != st.Bytes || articles != st.Articles {
		t.Errorf("%d bytes and %d articles on disk, Stats says %d and %d", total, articles, st.Bytes, st.Articles)
	}
	// foreign names (卢拉) keep theirs; hardly any other should survive
	if kept > articles/4 {
		t.Errorf("%d example names kept in %d articles", kept, articles)
	}
	if days := int(st.Last.Sub(st.First).Hours()/24) + 1; days < 25 || days > 30 {
		t.Errorf("the archive spans %d days, want about 30", days)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, _ := generate(t, 100_000, 7)
	b, _ := generate(t, 100_000, 7)
	c, _ := generate(t, 100_000, 8)
	fa, fb, fc := readArchive(t, a), readArchive(t, b), readArchive(t, c)
	same := func(x, y map[string][]byte) bool {
		if len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if !bytes.Equal(v, y[k]) {
				return false
			}
		}
		return true
	}
	if !same(fa, fb) {
		t.Error("the same seed gave different archives")
	}
	if same(fa, fc) {
		t.Error("different seeds gave the same archive")
	}
}

func TestGenerateStops(t *testing.T) {
	seeds, err := LoadSeeds(examplesDir)
	if err != nil {
		t.Fatal(err)
	}
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, t.TempDir(), seeds, lex, Options{Size: 1e6}); err != context.Canceled {
		t.Errorf("Generate with a canceled context: %v, want context.Canceled", err)
	}
}
