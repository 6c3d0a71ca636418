package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDbgUnits(t *testing.T) {
	x, err := New(Options{Date: os.Getenv("DBG_DATE"), Home: os.Getenv("DBG_HOME")})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(os.Getenv("DBG_FILE"))
	for _, a := range x.Split(Doc{Source: "x", Text: string(b)}) {
		st := &articleState{x: x, a: a, persons: map[string]bool{}, aliasTo: map[string]string{}, orgKind: map[string]string{}}
		st.home, st.extra = x.homePlace(a.Home)
		fmt.Println("== home", a.Home, "title", a.Title)
		for _, s := range Sentences(a) {
			if f := os.Getenv("DBG_GREP"); f != "" && !strings.Contains(s.Text, f) {
				continue
			}
			toks := x.tagTokens(segment(x.seg, s.Text), st.extra)
			orgs := st.findOrgs(toks, s.Text)
			for _, o := range orgs {
				st.noteOrg(o)
			}
			us := st.units(toks, orgs)
			var parts []string
			for _, tk := range toks {
				parts = append(parts, fmt.Sprintf("%s/%s/%d", tk.Text, tk.Pos, tk.cat))
			}
			fmt.Println("TOK", strings.Join(parts, " "))
			parts = nil
			for _, u := range us {
				txt := s.Text[toks[u.start].Start:toks[u.end-1].End]
				switch u.kind {
				case uOrg:
					parts = append(parts, "[O:"+u.org.name+"]")
				case uTitle:
					parts = append(parts, "[T:"+txt+"]")
				case uPerson:
					parts = append(parts, "[P:"+u.name+"]")
				case uPlace:
					parts = append(parts, "[L:"+txt+"]")
				default:
					parts = append(parts, txt)
				}
			}
			fmt.Println("UNI", strings.Join(parts, " "))
			for _, r := range st.roles(us, toks) {
				fmt.Printf("ROLE %s|%s|%s|%s\n", r.person, r.title, r.org, r.status)
			}
			for _, p := range personsIn(us, 0, len(us)) {
				st.persons[p] = true
			}
		}
	}
}
