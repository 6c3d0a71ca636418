package extract

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// concurrentDays is how close two sightings' dates must be for their local posts to be
// held at the same time.
const concurrentDays = 30

// sighting is one article's view of a name: the roles the person holds there.
type sighting struct {
	article string
	order   string // date, then article key
	// date is the article's, set (dated) only when the sighting holds a local post: the
	// only ones whose dates are compared (homonym.add, clashes)
	date  time.Time
	dated bool
	roles []roleSeen
	orgs  map[string]bool // nil when no role names a body
}

// roleSeen is a role as the identity pass weighs it.
type roleSeen struct {
	org    string
	track  string // public, business, academia, military, foreign[:country], or ""
	local  *lexicon.Place
	former bool
}

// homonym is one person of a name: the sightings that are the same person.
type homonym struct {
	sightings []*sighting
	orgs      map[string]bool
	tracks    map[string]bool
	// local holds the dated sightings with a current local post, by date: the only ones
	// clashes compares a sighting with, so that a name seen thousands of times in an
	// archive is not compared sighting by sighting with all its others.
	local []*sighting
}

func (h *homonym) add(s *sighting) {
	h.sightings = append(h.sightings, s)
	for o := range s.orgs {
		h.orgs[o] = true
	}
	for _, r := range s.roles {
		if r.track != "" {
			h.tracks[r.track] = true
		}
	}
	if s.dated && s.holdsLocal() {
		i := sort.Search(len(h.local), func(i int) bool { return h.local[i].date.After(s.date) })
		h.local = slices.Insert(h.local, i, s)
	}
}

// holdsLocal reports whether s has a current local post.
func (s *sighting) holdsLocal() bool {
	for _, r := range s.roles {
		if r.local != nil && !r.former {
			return true
		}
	}
	return false
}

func (h *homonym) first() string { return h.sightings[0].order }

// splitPersons gives each person of a name its own node; see the comment of identity.go.
// It decides the names of persons, g's Person nodes in key order, or all of g's when
// persons is nil; a name's nodes must all be among them.
func (id *Identity) splitPersons(w *rewriter, rep *IdentityReport, persons []*graph.Node) {
	g := w.g
	if persons == nil {
		persons = g.NodesOf(schema.Person)
	}
	groups := map[string][]*graph.Node{}
	for _, n := range persons {
		name, _ := n.Props["name"].(string)
		if name == "" {
			continue
		}
		canon := id.lex.Dict.Canonical(name)
		groups[canon] = append(groups[canon], n)
	}
	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	sort.Strings(names)
	adj := id.adjacency(g, schema.Person, schema.Role)
	// the names' decisions, a run of names at a time on every core: each reads the graph
	// as it is and only its own persons' relationships, so no decision depends on another
	// name's rewrite; then the run's rewrites, one name after the other
	workers := id.cores()
	weighings := make([]*weighing, workers)
	for k := range weighings {
		weighings[k] = &weighing{places: map[string]*lexicon.Place{}, bodies: map[graph.Ref]roleBody{}}
	}
	const run = 4096 // names decided at once: what the decisions of a run hold is bounded
	decisions := make([]personDecision, min(run, len(names)))
	var retired []graph.Ref
	for di, name := range names {
		if di%run == 0 {
			batch := names[di:min(di+run, len(names))]
			var wg sync.WaitGroup
			for k := range workers {
				wg.Go(func() {
					for i := k; i < len(batch); i += workers {
						decisions[i] = id.decide(g, w, adj, batch[i], groups[batch[i]], weighings[k])
					}
				})
			}
			wg.Wait()
		}
		nodes := groups[name]
		d := decisions[di%run]
		if d.keep {
			continue
		}
		if d.persons > 1 {
			rep.Split = append(rep.Split, name)
		}
		// the node of each homonym, with every name the group goes by
		var aliases []string
		for _, n := range nodes {
			for _, s := range nodeNames(n) {
				if s != name {
					aliases = append(aliases, s)
				}
			}
		}
		refs := make([]graph.Ref, max(d.persons, 1))
		for i := range refs {
			p := graph.Props{"name": name}
			if len(aliases) > 0 {
				p["aliases"] = aliases
			}
			refs[i] = g.AddNode(schema.Person, homonymKey(name, i+1), p).Ref()
		}
		of := d.of // article → homonym
		inGroup := map[graph.Ref]bool{}
		var touched []*graph.Rel
		for _, n := range nodes {
			inGroup[n.Ref()] = true
			touched = append(touched, adj[n.Ref()]...)
		}
		w.rewrite(touched, func(r *graph.Rel) []part {
			moved := func(i int) part {
				p := part{start: r.Start, end: r.End}
				if inGroup[r.Start] {
					p.start = refs[i]
				}
				if inGroup[r.End] {
					p.end = refs[i]
				}
				return p
			}
			// most relationships were read in articles of one homonym: moved whole
			sources, _ := r.Props["sources"].([]string)
			one := 0
			for k, src := range sources {
				if k == 0 {
					one = of[src]
				} else if of[src] != one {
					one = -1
					break
				}
			}
			if one >= 0 {
				return []part{moved(one)}
			}
			// the others are cut: each homonym takes the sources of its own articles
			keep := make([]map[string]bool, len(refs))
			for _, src := range sources {
				if keep[of[src]] == nil {
					keep[of[src]] = map[string]bool{}
				}
				keep[of[src]][src] = true
			}
			var parts []part
			for i, k := range keep {
				if k != nil {
					p := moved(i)
					p.keep = k
					parts = append(parts, p)
				}
			}
			return parts
		})
		keepRef := map[graph.Ref]bool{}
		for _, r := range refs {
			keepRef[r] = true
		}
		for _, n := range nodes {
			if !keepRef[n.Ref()] {
				retired = append(retired, n.Ref())
			}
		}
	}
	g.RemoveNodesTouched(retired, func(ref graph.Ref) []*graph.Rel { return adj[ref] })
	rep.Retired = append(rep.Retired, retired...)
}

// personDecision is what splitPersons decided for one name: nothing to do (keep), or
// how many persons it is and, when more than one, which of them each article means.
type personDecision struct {
	keep    bool
	persons int
	of      map[string]int // article → person, from 0; nil when there is one person
}

// decide clusters the sightings of one name's nodes; see splitPersons.
func (id *Identity) decide(g *graph.Graph, w *rewriter, adj map[graph.Ref][]*graph.Rel, name string, nodes []*graph.Node, ws *weighing) personDecision {
	// a name read in one article or none is as many persons, whatever the roles: cluster
	// makes one homonym of one sighting, so such a name's roles are not weighed
	var hs []*homonym
	persons := citedArticles(adj, nodes)
	if persons > 1 {
		hs = id.cluster(name, id.sightings(g, w, adj, nodes, ws))
		persons = len(hs)
	}
	if persons <= 1 && len(nodes) == 1 && nodes[0].Key == graph.PersonKey(name) && nodes[0].Props["name"] == name {
		return personDecision{keep: true}
	}
	d := personDecision{persons: persons}
	if persons <= 1 {
		return d // every article means the one person: of stays nil, which reads 0
	}
	d.of = map[string]int{}
	for i, h := range hs {
		for _, s := range h.sightings {
			d.of[s.article] = i
		}
	}
	return d
}

// citedArticles returns how many distinct articles the relationships of nodes cite as
// their sources: 0, 1, or 2 for two or more. sightings makes one sighting per such article.
func citedArticles(adj map[graph.Ref][]*graph.Rel, nodes []*graph.Node) int {
	first, n := "", 0
	for _, nd := range nodes {
		for _, r := range adj[nd.Ref()] {
			sources, _ := r.Props["sources"].([]string)
			for _, src := range sources {
				switch {
				case n == 0:
					first, n = src, 1
				case src != first:
					return 2
				}
			}
		}
	}
	return n
}

// sightings returns the articles that name a group of nodes, each with the roles held
// there, in article order.
func (id *Identity) sightings(g *graph.Graph, w *rewriter, adj map[graph.Ref][]*graph.Rel, nodes []*graph.Node, ws *weighing) []*sighting {
	by := map[string]*sighting{}
	get := func(article string) *sighting {
		s := by[article]
		if s == nil {
			s = &sighting{article: article, order: w.articleOrder(article)}
			by[article] = s
		}
		return s
	}
	for _, n := range nodes {
		for _, r := range adj[n.Ref()] {
			sources, _ := r.Props["sources"].([]string) // pairsOf's sources, without the copy
			for _, src := range sources {
				get(src)
			}
			if r.Type != schema.Holds || r.Start != n.Ref() {
				continue
			}
			rs := id.roleOf(g, adj, r, ws)
			for _, src := range sources {
				s := get(src)
				s.roles = append(s.roles, rs)
				if rs.org != "" {
					if s.orgs == nil {
						s.orgs = map[string]bool{}
					}
					s.orgs[rs.org] = true
				}
			}
		}
	}
	out := make([]*sighting, 0, len(by))
	for _, s := range by {
		// the date is read only for a local post (see sighting)
		if d := w.dates[s.article]; d != "" && s.holdsLocal() {
			if t, err := time.Parse("2006-01-02", d); err == nil {
				s.date, s.dated = t, true
			}
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out
}

// weighing keeps what roleOf found out, for the next HOLDS of the same role or body.
type weighing struct {
	places map[string]*lexicon.Place // by organization name
	bodies map[graph.Ref]roleBody    // by Role node
}

// roleBody is the organization a role belongs to: its name and kind, empty when the role
// has no OF.
type roleBody struct{ org, kind string }

// roleOf weighs the role a HOLDS relationship ends at.
func (id *Identity) roleOf(g *graph.Graph, adj map[graph.Ref][]*graph.Rel, holds *graph.Rel, ws *weighing) roleSeen {
	var rs roleSeen
	status, _ := holds.Props["status"].(string)
	rs.former = status == "former"
	role := g.Node(holds.End)
	if role == nil {
		return rs
	}
	title, _ := role.Props["title"].(string)
	body, ok := ws.bodies[role.Ref()]
	if !ok {
		// a role's relationships are its OF and every HOLDS of it: looked through once
		// per role, not once per holder
		for _, r := range adj[role.Ref()] {
			if r.Type == schema.Of && r.Start == role.Ref() {
				if o := g.Node(r.End); o != nil {
					body = roleBody{orgName(o), orgKind(o)}
				}
				break
			}
		}
		ws.bodies[role.Ref()] = body
	}
	rs.org = body.org
	rs.track = id.track(title, rs.org, body.kind)
	if rs.track == "public" && rs.org != "" {
		p, ok := ws.places[rs.org]
		if !ok {
			p = id.placeOf(rs.org)
			ws.places[rs.org] = p
		}
		rs.local = p
	}
	return rs
}

// track returns the career track a role belongs to, or "" when it tells nothing.
func (id *Identity) track(title, org, kind string) string {
	if c := id.lex.Countries[org]; c != "" && org != "" {
		return "foreign:" + c
	}
	class := ""
	if t := id.lex.Titles[title]; t != nil {
		class = t.Class
	}
	switch class {
	case lexicon.ClassAcademic:
		return "academia"
	case lexicon.ClassForeign:
		return "foreign"
	case lexicon.ClassMilitary:
		return "military"
	}
	switch kind {
	case "party", "government", "ministry":
		return "public"
	case "company":
		return "business"
	case "university", "hospital":
		return "academia"
	}
	switch class {
	case lexicon.ClassGovHead:
		return "public"
	case lexicon.ClassCorp:
		return "business"
	}
	return ""
}

// tracksClash reports whether two career tracks cannot be one person's.
func tracksClash(a, b string) bool {
	if a == b {
		return false
	}
	fa, fb := strings.HasPrefix(a, "foreign"), strings.HasPrefix(b, "foreign")
	switch {
	case fa && fb:
		return a != "foreign" && b != "foreign"
	case fa || fb:
		return true
	}
	pair := map[[2]string]bool{{"public", "business"}: true, {"military", "business"}: true}
	return pair[[2]string{a, b}] || pair[[2]string{b, a}]
}

// placeOf returns the place whose local body org is (中共南京市委, 南京市人民政府,
// 中国人民政治协商会议南京市委员会), or nil for a central or unplaced body.
func (id *Identity) placeOf(org string) *lexicon.Place {
	s := org
	for _, pre := range []string{"中国人民政治协商会议", "中共"} {
		s = strings.TrimPrefix(s, pre)
	}
	rs := []rune(s)
	for n := min(len(rs)-1, 12); n >= 2; n-- {
		if p := id.lex.Places[string(rs[:n])]; p != nil && p.Name == string(rs[:n]) && p.Level != "country" {
			return p
		}
	}
	return nil
}

// within reports whether place a is b or lies inside it.
func (id *Identity) within(a, b *lexicon.Place) bool {
	for p, k := a, 0; p != nil && k < 6; k++ {
		if p.Name == b.Name {
			return true
		}
		p = id.lex.Places[p.Parent]
	}
	return false
}

// cluster groups the sightings of one name into persons, in order of first sighting.
func (id *Identity) cluster(name string, ss []*sighting) []*homonym {
	linked := id.dictBodies(name)
	var hs []*homonym
	for _, s := range ss {
		var shared []int
		for i, h := range hs {
			if sharesBody(h, s, linked) {
				shared = append(shared, i)
			}
		}
		if len(shared) > 0 {
			h := hs[shared[0]]
			for _, i := range shared[1:] {
				for _, o := range hs[i].sightings {
					h.add(o)
				}
			}
			for k := len(shared) - 1; k >= 1; k-- {
				hs = append(hs[:shared[k]], hs[shared[k]+1:]...)
			}
			h.add(s)
			continue
		}
		joined := false
		for _, h := range hs {
			if !id.clashes(h, s) {
				h.add(s)
				joined = true
				break
			}
		}
		if !joined {
			h := &homonym{orgs: map[string]bool{}, tracks: map[string]bool{}}
			h.add(s)
			hs = append(hs, h)
		}
	}
	for _, h := range hs {
		sort.Slice(h.sightings, func(i, j int) bool { return h.sightings[i].order < h.sightings[j].order })
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].first() < hs[j].first() })
	return hs
}

// dictBodies returns the bodies an analyst's dictionary says are all one person's.
func (id *Identity) dictBodies(name string) map[string]bool {
	if id.lex.Dict == nil {
		return nil
	}
	p := id.lex.Dict.Persons[name]
	if p == nil || len(p.Bodies) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, b := range p.Bodies {
		out[b] = true
		if body := id.lex.Bodies[b]; body != nil {
			out[body.Canonical] = true
		}
	}
	return out
}

// sharesBody reports whether a sighting names a body of h, or both name bodies a
// dictionary links.
func sharesBody(h *homonym, s *sighting, linked map[string]bool) bool {
	inLinked := func(orgs map[string]bool) bool {
		for o := range orgs {
			if linked[o] {
				return true
			}
		}
		return false
	}
	for o := range s.orgs {
		if h.orgs[o] {
			return true
		}
	}
	return len(linked) > 0 && inLinked(s.orgs) && inLinked(h.orgs)
}

// clashes reports whether sighting s cannot be person h: no compatible career tracks, or
// local posts held at one time in places apart.
func (id *Identity) clashes(h *homonym, s *sighting) bool {
	var st []string
	for _, r := range s.roles {
		if r.track != "" {
			st = append(st, r.track)
		}
	}
	if len(st) > 0 && len(h.tracks) > 0 {
		compatible := false
		for a := range h.tracks {
			for _, b := range st {
				if !tracksClash(a, b) {
					compatible = true
				}
			}
		}
		if !compatible {
			return true
		}
	}
	if !s.dated || !s.holdsLocal() {
		return false
	}
	// the sightings within concurrentDays of s: the others cannot clash
	window := concurrentDays * 24 * time.Hour
	from := sort.Search(len(h.local), func(i int) bool { return !h.local[i].date.Before(s.date.Add(-window)) })
	for _, o := range h.local[from:] {
		if o.date.After(s.date.Add(window)) {
			break
		}
		for _, a := range s.roles {
			if a.local == nil || a.former {
				continue
			}
			for _, b := range o.roles {
				if b.local == nil || b.former {
					continue
				}
				if !id.within(a.local, b.local) && !id.within(b.local, a.local) {
					return true
				}
			}
		}
	}
	return false
}
