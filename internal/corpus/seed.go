package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Seed is one example page the archive is made of.
type Seed struct {
	Name    string    // file name without .txt
	Text    string    // the page
	Date    time.Time // the page's date; zero when unknown
	Home    string    // the paper's home (上海, 合肥), "" for a national paper
	Persons []string  // the persons the page names, whose names are varied
}

// gold is the part of an examples/*.gold.json file a seed needs.
type gold struct {
	Date    string   `json:"date"`
	Home    string   `json:"home"`
	Persons []string `json:"persons"`
}

var nameDate = regexp.MustCompile(`(\d{4}-\d{2}-\d{2})`)

// LoadSeeds reads the pages dir/*.txt, each with its gold file dir/NAME.gold.json when
// there is one (date, home, persons); a page without one keeps its persons and takes its
// date from its name (jiefang-2021-05-28.txt).
func LoadSeeds(dir string) ([]Seed, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no example pages (*.txt) in %s", dir)
	}
	sort.Strings(files)
	var seeds []Seed
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		s := Seed{Name: name, Text: string(text)}
		var g gold
		switch b, err := os.ReadFile(filepath.Join(dir, name+".gold.json")); {
		case err == nil:
			if err := json.Unmarshal(b, &g); err != nil {
				return nil, fmt.Errorf("%s.gold.json: %w", name, err)
			}
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
		if g.Date == "" {
			g.Date = nameDate.FindString(name)
		}
		if g.Date != "" {
			d, err := time.Parse(time.DateOnly, g.Date)
			if err != nil {
				return nil, fmt.Errorf("%s: date %q: %w", name, g.Date, err)
			}
			s.Date = d
		}
		s.Home, s.Persons = g.Home, g.Persons
		seeds = append(seeds, s)
	}
	return seeds, nil
}
