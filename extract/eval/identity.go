package eval

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// GoldIdentity is one real person: a name and the roles that are this person's own.
type GoldIdentity struct {
	Person string `json:"person"`
	// Key, when given, is the key the person's node must have (person:刘伟#2).
	Key   string         `json:"key,omitempty"`
	Roles []IdentityRole `json:"roles"`
}

// IdentityRole is a title at an organization, matched as a GoldRole's.
type IdentityRole struct {
	// Title is the title; "A|B" accepts either.
	Title string  `json:"title"`
	Org   OrgSpec `json:"org"`
}

// GoldHolder is who held a position on a date.
type GoldHolder struct {
	Title string  `json:"title"`
	Org   OrgSpec `json:"org"`
	Date  string  `json:"date"`
	// Person is the holder's name; empty when no one is known to hold it then.
	Person string `json:"person"`
	// Key, when given, is the key the holder's node must have.
	Key string `json:"key,omitempty"`
}

// checkIdentity checks the sections ScoreIdentity reads.
func (g *Gold) checkIdentity() error {
	for i, id := range g.Identities {
		if id.Person == "" {
			return fmt.Errorf("identities[%d]: no person", i)
		}
		if id.Key != "" && !strings.HasPrefix(id.Key, "person:") {
			return fmt.Errorf("identities[%d] (%s): key %q is no person key", i, id.Person, id.Key)
		}
		for j, r := range id.Roles {
			if r.Title == "" {
				return fmt.Errorf("identities[%d] (%s): roles[%d]: no title", i, id.Person, j)
			}
			if r.Org.invalid != "" {
				return fmt.Errorf("identities[%d] (%s): roles[%d]: org is %s", i, id.Person, j, r.Org.invalid)
			}
		}
	}
	for i, h := range g.Holders {
		if h.Title == "" || h.Org.empty() {
			return fmt.Errorf("holders[%d]: want a title and an org", i)
		}
		if h.Org.invalid != "" {
			return fmt.Errorf("holders[%d]: org is %s", i, h.Org.invalid)
		}
		if _, err := time.Parse("2006-01-02", h.Date); err != nil {
			return fmt.Errorf("holders[%d]: date %q: want YYYY-MM-DD", i, h.Date)
		}
	}
	for i, d := range g.Dicts {
		if d == "" {
			return fmt.Errorf("dicts[%d]: empty path", i)
		}
	}
	return nil
}

// DictPaths returns Dicts resolved against the gold file's folder.
func (g *Gold) DictPaths() []string {
	out := make([]string, len(g.Dicts))
	for i, d := range g.Dicts {
		if filepath.IsAbs(d) {
			out[i] = d
		} else {
			out[i] = filepath.Join(filepath.Dir(g.Path), d)
		}
	}
	return out
}

// HasIdentity reports whether the gold has sections that ScoreIdentity scores.
func (g *Gold) HasIdentity() bool { return len(g.Identities) > 0 || len(g.Holders) > 0 }

// IdentityResult is how well graphs tell persons apart across articles and say who held
// a position when.
type IdentityResult struct {
	// Identities counts Person nodes against gold identities: a node is right when its
	// name is the identity's, its key is the one the gold gives (if any), it holds every
	// role of the identity and no role of another identity of its name. A node of a name
	// the gold lists that matches none is a false positive, an identity no node matches a
	// false negative. One node for two persons, or one person's roles over two nodes,
	// counts wrong both ways.
	Identities Count
	// Holders counts the holder-at-date questions HolderAt answers as the gold does.
	Holders Fraction
	// Lines say, per gold, what was missed.
	Lines []string
}

// String returns the two report lines, in the shape of score.py's.
func (r IdentityResult) String() string {
	p, rc, f := r.Identities.PRF()
	return fmt.Sprintf("%-14s P %s  R %s  F1 %s\n%-14s %s", "identities", fixed3(p), fixed3(rc), fixed3(f), "holders", r.Holders)
}

// ScoreIdentity scores the identities and holders sections of golds against graphs
// (golds[i] against graphs[i]), added up over all pairs.
func ScoreIdentity(golds []*Gold, graphs []*graph.Graph) IdentityResult {
	var r IdentityResult
	for i, gold := range golds {
		if gold == nil || !gold.HasIdentity() {
			continue
		}
		var g *graph.Graph
		if i < len(graphs) {
			g = graphs[i]
		}
		if g == nil {
			g = graph.New()
		}
		r.Lines = append(r.Lines, gold.Path+":")
		scoreIdentities(gold, g, &r)
		scoreHolders(gold, g, &r)
	}
	return r
}

// heldRole is a role a Person node holds: its title and its organization's names.
type heldRole struct {
	title string
	orgs  strSet
}

func heldRoles(g *graph.Graph, person graph.Ref) []heldRole {
	var out []heldRole
	for _, r := range g.RelsOf(schema.Holds) {
		if r.Start != person {
			continue
		}
		role := g.Node(r.End)
		if role == nil {
			continue
		}
		title, _ := prop(role.Props, "title")
		hr := heldRole{title: normalize(title), orgs: strSet{}}
		for _, of := range g.RelsOf(schema.Of) {
			if of.Start == role.Ref() {
				if o := g.Node(of.End); o != nil {
					for x := range names(o) {
						hr.orgs.add(x)
					}
				}
			}
		}
		out = append(out, hr)
	}
	return out
}

// matches reports whether a held role is the gold role r (with groups widening r's
// organization as a gold role's is).
func (h heldRole) matches(r IdentityRole, groups []strSet) bool {
	if !slices.Contains(strings.Split(normalize(r.Title), "|"), h.title) {
		return false
	}
	if r.Org.empty() {
		return true
	}
	return h.orgs.intersects(orgNames(r.Org, groups))
}

func scoreIdentities(gold *Gold, g *graph.Graph, res *IdentityResult) {
	if len(gold.Identities) == 0 {
		return
	}
	var groups []strSet
	for _, names := range slices.Concat(gold.Orgs, gold.OptionalOrgs) {
		groups = append(groups, setOf(names))
	}
	byName := map[string][]int{}
	for i, id := range gold.Identities {
		n := normalize(id.Person)
		byName[n] = append(byName[n], i)
	}
	nodes := map[string][]*graph.Node{}
	for _, n := range g.NodesOf(schema.Person) {
		name, _ := prop(n.Props, "name")
		if _, ok := byName[normalize(name)]; ok {
			nodes[normalize(name)] = append(nodes[normalize(name)], n)
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	var c Count
	for _, name := range names {
		ids := byName[name]
		used := map[int]bool{}
		for _, n := range nodes[name] {
			held := heldRoles(g, n.Ref())
			hit := -1
			for _, i := range ids {
				if used[i] || !ownsExactly(gold, i, ids, held, n.Key, groups) {
					continue
				}
				hit = i
				break
			}
			if hit >= 0 {
				used[hit] = true
				c.TP++
				continue
			}
			c.FP++
			res.Lines = append(res.Lines, fmt.Sprintf("  identity spurious: %s %s", n.Key, describe(held)))
		}
		for _, i := range ids {
			if !used[i] {
				c.FN++
				id := gold.Identities[i]
				res.Lines = append(res.Lines, fmt.Sprintf("  identity missed: %s %s", id.Person, id.Key))
			}
		}
	}
	res.Identities.add(c)
}

// ownsExactly reports whether a node with held roles and key is identity i: the key
// agrees, every role of i is held, and no held role is only another identity's.
func ownsExactly(gold *Gold, i int, same []int, held []heldRole, key string, groups []strSet) bool {
	id := gold.Identities[i]
	if id.Key != "" && id.Key != key {
		return false
	}
	for _, r := range id.Roles {
		if !slices.ContainsFunc(held, func(h heldRole) bool { return h.matches(r, groups) }) {
			return false
		}
	}
	for _, h := range held {
		own := slices.ContainsFunc(id.Roles, func(r IdentityRole) bool { return h.matches(r, groups) })
		if own {
			continue
		}
		for _, j := range same {
			if j != i && slices.ContainsFunc(gold.Identities[j].Roles, func(r IdentityRole) bool { return h.matches(r, groups) }) {
				return false
			}
		}
	}
	return true
}

func describe(held []heldRole) string {
	var out []string
	for _, h := range held {
		out = append(out, strings.Join(h.orgs.sorted(), "/")+"|"+h.title)
	}
	sort.Strings(out)
	return "[" + strings.Join(out, ", ") + "]"
}

func scoreHolders(gold *Gold, g *graph.Graph, res *IdentityResult) {
	var groups []strSet
	for _, names := range slices.Concat(gold.Orgs, gold.OptionalOrgs) {
		groups = append(groups, setOf(names))
	}
	for _, h := range gold.Holders {
		res.Holders.Total++
		got := HolderAt(g, h.Title, orgNames(h.Org, groups).sorted(), h.Date)
		right := false
		var gotNames []string
		for _, n := range got {
			name, _ := prop(n.Props, "name")
			gotNames = append(gotNames, n.Key)
			if h.Person != "" && normalize(name) == normalize(h.Person) && (h.Key == "" || h.Key == n.Key) {
				right = true
			}
		}
		if h.Person == "" {
			right = len(got) == 0
		}
		if right {
			res.Holders.Right++
			continue
		}
		res.Lines = append(res.Lines, fmt.Sprintf("  holder of %s|%s on %s: got %v, want %q", h.Org.Name(), h.Title, h.Date, gotNames, h.Person))
	}
}

// HolderAt returns who held the position title at an organization named by one of
// orgNames (its name or an alias) on date, read from HOLDS as the example query
// examples/queries/role-holder-at.cypher reads it: among the holders first seen in the
// post on or before date — less those who, seen last on or before date, had left it
// (status former) — the ones first seen latest. It returns several nodes only when they
// were first seen on the same day, none when no one was seen in the post by then.
func HolderAt(g *graph.Graph, title string, orgNames []string, date string) []*graph.Node {
	want := strSet{}
	for _, o := range orgNames {
		want.add(normalize(o))
	}
	title = normalize(title)
	type cand struct {
		person *graph.Node
		since  string
	}
	var cands []cand
	latest := ""
	for _, r := range g.RelsOf(schema.Holds) {
		role := g.Node(r.End)
		person := g.Node(r.Start)
		if role == nil || person == nil {
			continue
		}
		if t, _ := prop(role.Props, "title"); normalize(t) != title {
			continue
		}
		atOrg := false
		for _, of := range g.RelsOf(schema.Of) {
			if of.Start == role.Ref() {
				if o := g.Node(of.End); o != nil && names(o).intersects(want) {
					atOrg = true
				}
			}
		}
		if !atOrg {
			continue
		}
		first, _ := prop(r.Props, "firstSeen")
		last, _ := prop(r.Props, "lastSeen")
		status, _ := prop(r.Props, "status")
		if first == "" || first > date || status == "former" && last <= date {
			continue
		}
		cands = append(cands, cand{person, first})
		if first > latest {
			latest = first
		}
	}
	var out []*graph.Node
	for _, c := range cands {
		if c.since == latest && !slices.Contains(out, c.person) {
			out = append(out, c.person)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
