package eval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Score scores every gold against its graph (golds[i] against graphs[i]; a missing or
// nil graph is an empty prediction) and adds the counts up over all pairs, exactly as
// score.py does for its GOLD PRED pairs. A nil gold is skipped.
func Score(golds []*Gold, graphs []*graph.Graph) Result {
	var r Result
	for i, g := range golds {
		if g == nil {
			continue
		}
		var pg *graph.Graph
		if i < len(graphs) {
			pg = graphs[i]
		}
		p := scorePair(g, readGraph(pg), &r)
		r.Counts.add(p.Counts)
		r.Pairs = append(r.Pairs, p)
	}
	return r
}

// predGraph is a graph as score.py reads its JSON-lines file: nodes by id in the order
// the file lists them, relationships in file order.
type predGraph struct {
	ids   []string               // node ids in first-seen order
	nodes map[string]*graph.Node // by id; a later node with the same id replaces the first
	rels  []*graph.Rel
}

func readGraph(g *graph.Graph) predGraph {
	pg := predGraph{nodes: map[string]*graph.Node{}}
	if g == nil {
		return pg
	}
	for _, n := range g.Nodes() {
		if _, ok := pg.nodes[n.Key]; !ok {
			pg.ids = append(pg.ids, n.Key)
		}
		pg.nodes[n.Key] = n
	}
	pg.rels = g.Rels()
	return pg
}

// of returns the nodes with one label in file order.
func (pg predGraph) of(label string) []*graph.Node {
	var out []*graph.Node
	for _, id := range pg.ids {
		if n := pg.nodes[id]; n.Label == label {
			out = append(out, n)
		}
	}
	return out
}

// prop returns a string property and whether it is there.
func prop(p graph.Props, k string) (string, bool) {
	s, ok := p[k].(string)
	return s, ok
}

// names is score.py's names: a node's normalized name (or title) and aliases.
func names(n *graph.Node) strSet {
	out := strSet{}
	s, _ := prop(n.Props, "name")
	if s == "" {
		s, _ = prop(n.Props, "title")
	}
	out.add(normalize(s))
	switch a := n.Props["aliases"].(type) {
	case []string:
		for _, x := range a {
			out.add(normalize(x))
		}
	case string: // Python iterates a string by character
		for _, r := range a {
			out.add(normalize(string(r)))
		}
	}
	delete(out, "")
	return out
}

// pair scores one gold against one graph.
type pair struct {
	g     *Gold
	pg    predGraph
	total *Result
	rep   PairReport
}

func scorePair(g *Gold, pg predGraph, total *Result) PairReport {
	p := &pair{g: g, pg: pg, total: total, rep: PairReport{Gold: g.Path}}
	p.persons()
	goldOrgs, optOrgs := p.orgs()
	p.roles(goldOrgs, optOrgs)
	evHit := p.events()
	p.participation(evHit)
	p.articles()
	return p.rep
}

func (p *pair) logf(format string, args ...any) {
	p.rep.Lines = append(p.rep.Lines, fmt.Sprintf(format, args...))
}

func (p *pair) persons() {
	pred := strSet{}
	for _, n := range p.pg.of(schema.Person) {
		s, _ := prop(n.Props, "name")
		pred.add(normalize(s))
	}
	gold, opt := setOf(p.g.Persons), setOf(p.g.OptionalPersons)
	tp := 0
	var spurious, missed []string
	for x := range pred {
		switch {
		case gold.has(x):
			tp++
		case !opt.has(x):
			spurious = append(spurious, x)
		}
	}
	for x := range gold {
		if !pred.has(x) {
			missed = append(missed, x)
		}
	}
	slices.Sort(spurious)
	slices.Sort(missed)
	p.rep.Persons.add(Count{tp, len(spurious), len(missed)})
	p.logf("  persons missed: %s  spurious: %s", pyList(missed), pyList(spurious))
}

func (p *pair) orgs() (goldOrgs, optOrgs []strSet) {
	for _, names := range p.g.Orgs {
		goldOrgs = append(goldOrgs, setOf(names))
	}
	for _, names := range p.g.OptionalOrgs {
		optOrgs = append(optOrgs, setOf(names))
	}
	matched := map[int]bool{}
	tp, fp := 0, 0
	var spurious []string
	for _, n := range p.pg.of(schema.Organization) {
		ns := names(n)
		hit := slices.IndexFunc(goldOrgs, ns.intersects)
		switch {
		case hit >= 0 && !matched[hit]:
			matched[hit] = true
			tp++
		case hit < 0 && slices.ContainsFunc(optOrgs, ns.intersects):
		default:
			fp++
			name, ok := prop(n.Props, "name")
			spurious = append(spurious, pyStrOrNone(name, ok))
		}
	}
	p.rep.Orgs.add(Count{tp, fp, len(goldOrgs) - len(matched)})
	var missed []string
	for i, names := range p.g.Orgs {
		if !matched[i] {
			missed = append(missed, pyRepr(names[0]))
		}
	}
	p.logf("  orgs missed: %s  spurious: %s", pyReprList(missed), pyReprList(spurious))
	return goldOrgs, optOrgs
}

// orgNames is score.py's org_names: the names of a gold role's organization, widened in
// one pass by every gold organization that shares a name with what is gathered so far.
func orgNames(spec OrgSpec, groups []strSet) strSet {
	out := strSet{}
	if !spec.empty() {
		for _, s := range spec.Names {
			out.add(normalize(s))
		}
	}
	for _, g := range groups {
		if g.intersects(out) {
			for x := range g {
				out.add(x)
			}
		}
	}
	return out
}

// predRole is a predicted (person, title, organization names) triple.
type predRole struct {
	person, title string
	orgs          []string // sorted
}

// goldRole is a gold role as score.py holds it.
type goldRole struct {
	person, title string
	orgs          strSet
	anyOrg        bool
	display       string // the organization as the missed list prints it
}

func (p *pair) roles(goldOrgs, optOrgs []strSet) {
	roleOrg := map[string]strSet{}
	for _, r := range p.pg.rels {
		if r.Type != schema.Of || p.pg.nodes[r.Start.Key] == nil || p.pg.nodes[r.End.Key] == nil {
			continue
		}
		s := roleOrg[r.Start.Key]
		if s == nil {
			s = strSet{}
			roleOrg[r.Start.Key] = s
		}
		for x := range names(p.pg.nodes[r.End.Key]) {
			s.add(x)
		}
	}
	seen := map[string]bool{}
	var pred []predRole
	for _, r := range p.pg.rels {
		if r.Type != schema.Holds {
			continue
		}
		person, role := p.pg.nodes[r.Start.Key], p.pg.nodes[r.End.Key]
		if person == nil || role == nil {
			continue
		}
		name, _ := prop(person.Props, "name")
		title, _ := prop(role.Props, "title")
		pr := predRole{normalize(name), normalize(title), roleOrg[role.Key].sorted()}
		id := pr.person + "\x00" + pr.title + "\x00" + strings.Join(pr.orgs, "\x00")
		if !seen[id] {
			seen[id] = true
			pred = append(pred, pr)
		}
	}
	slices.SortFunc(pred, func(a, b predRole) int {
		if c := strings.Compare(a.person, b.person); c != 0 {
			return c
		}
		if c := strings.Compare(a.title, b.title); c != 0 {
			return c
		}
		return slices.Compare(a.orgs, b.orgs)
	})

	groups := slices.Concat(goldOrgs, optOrgs)
	gold := make([]goldRole, 0, len(p.g.Roles))
	for _, r := range p.g.Roles {
		gr := goldRole{
			person:  normalize(r.Person),
			title:   normalize(r.Title),
			orgs:    orgNames(r.Org, groups),
			anyOrg:  r.OrgOptional || r.Org.empty(),
			display: "-",
		}
		if len(r.Org.Names) > 0 { // a name, even "", or a list's first; "-" for null and []
			gr.display = r.Org.Names[0]
		}
		gold = append(gold, gr)
	}
	opt := strSet{}
	for _, r := range p.g.OptionalRoles {
		person := normalize(r.Person)
		for _, t := range strings.Split(normalize(r.Title), "|") {
			opt.add(person + "\x00" + t)
		}
	}

	used := map[int]bool{}
	tp, fp := 0, 0
	var wrong []string
	for _, pr := range pred {
		hit := -1
		for i, gr := range gold {
			if !used[i] && gr.person == pr.person && slices.Contains(strings.Split(gr.title, "|"), pr.title) &&
				(gr.anyOrg || slices.ContainsFunc(pr.orgs, gr.orgs.has)) {
				hit = i
				break
			}
		}
		switch {
		case hit >= 0:
			used[hit] = true
			tp++
		case opt.has(pr.person + "\x00" + pr.title):
		default:
			fp++
			orgs := strings.Join(pr.orgs, "/")
			if orgs == "" {
				orgs = "-"
			}
			wrong = append(wrong, pr.person+"|"+pr.title+"|"+orgs)
		}
	}
	p.rep.Roles.add(Count{tp, fp, len(gold) - len(used)})
	var missed []string
	for i, gr := range gold {
		if !used[i] {
			missed = append(missed, gr.person+"|"+gr.title+"|"+gr.display)
		}
	}
	p.logf("  roles missed: %s", pyList(missed))
	p.logf("  roles spurious: %s", pyList(wrong))
}

// events matches the predicted events and returns, for every Event node id, the id of the
// gold event it matched ("" for none).
func (p *pair) events() map[string]string {
	byID := map[string]GoldEvent{}
	for _, e := range p.g.Events {
		byID[e.ID] = e
	}
	evHit := map[string]string{}
	seen := map[string]bool{}
	tp, fp := 0, 0
	var spurious []string
	for _, n := range p.pg.of(schema.Event) {
		name, _ := prop(n.Props, "name")
		hit := ""
		for _, e := range p.g.Events {
			if keysMatch(e.Keys, name) {
				hit = e.ID
				break
			}
		}
		evHit[n.Key] = hit
		switch {
		case hit != "" && !seen[hit]:
			seen[hit] = true
			tp++
			if d := byID[hit].Date; d != "" {
				p.total.EventDates.Total++
				if nd, ok := prop(n.Props, "date"); ok && nd == d {
					p.total.EventDates.Right++
				}
			}
		case hit == "" && p.optionalEvent(name):
		default:
			fp++
			spurious = append(spurious, name)
		}
	}
	p.rep.Events.add(Count{tp, fp, len(byID) - len(seen)})
	var missed []string
	for id := range byID {
		if !seen[id] {
			missed = append(missed, id)
		}
	}
	slices.Sort(missed)
	p.logf("  events missed: %s  spurious/duplicate: %s", pyList(missed), pyList(spurious))
	return evHit
}

func (p *pair) optionalEvent(name string) bool {
	return slices.ContainsFunc(p.g.OptionalEvents, func(e GoldEvent) bool { return keysMatch(e.Keys, name) })
}

// partKey is a (person, gold event id) pair.
type partKey struct{ person, event string }

func (p *pair) participation(evHit map[string]string) {
	gold := map[partKey]strSet{}
	for _, g := range p.g.Participation {
		gold[partKey{normalize(g.Person), g.Event}] = rawSetOf(g.As)
	}
	got := map[partKey]bool{}
	tp, fp := 0, 0
	var wrong []string
	for _, r := range p.pg.rels {
		if r.Type != schema.ParticipatedIn {
			continue
		}
		person, ev := p.pg.nodes[r.Start.Key], p.pg.nodes[r.End.Key]
		if person == nil || ev == nil || person.Label != schema.Person {
			continue
		}
		name, _ := prop(person.Props, "name")
		key := partKey{normalize(name), evHit[ev.Key]}
		evName, evNamed := prop(ev.Props, "name")
		want, ok := gold[key]
		switch {
		case ok && !got[key]:
			got[key] = true
			tp++
			p.total.ParticipationAs.Total++
			if predAs(r.Props["as"]).intersects(want) {
				p.total.ParticipationAs.Right++
			}
		case key.event == "" && p.optionalEvent(evName):
		default:
			fp++
			if !evNamed {
				evName = "None"
			}
			wrong = append(wrong, key.person+"->"+evName)
		}
	}
	p.rep.Participation.add(Count{tp, fp, len(gold) - len(got)})
	var missed []string
	for k := range gold {
		if !got[k] {
			missed = append(missed, k.person+"->"+k.event)
		}
	}
	slices.Sort(missed)
	p.logf("  participation missed: %s", pyList(missed))
	p.logf("  participation spurious: %s", pyList(wrong))
}

// predAs reads a PARTICIPATED_IN relationship's as: a list, one value or nothing.
func predAs(v any) strSet {
	switch x := v.(type) {
	case []string:
		return rawSetOf(x)
	case string:
		if x != "" {
			return strSet{x: {}}
		}
	}
	return strSet{}
}

func (p *pair) articles() {
	if len(p.g.Articles) == 0 {
		return
	}
	arts := p.pg.of(schema.Article)
	a := &p.total.Articles
	a.Expected += len(p.g.Articles)
	a.Found += len(arts)
	for _, want := range p.g.Articles {
		for _, n := range arts {
			t, _ := prop(n.Props, "title")
			if keysMatch(want.TitleKeys, t) {
				a.Titled++
				break
			}
		}
	}
}

// strSet is a set of strings.
type strSet map[string]struct{}

// setOf returns the set of the normalized strings.
func setOf(xs []string) strSet {
	s := strSet{}
	for _, x := range xs {
		s.add(normalize(x))
	}
	return s
}

// rawSetOf returns the set of the strings as they are.
func rawSetOf(xs []string) strSet {
	s := strSet{}
	for _, x := range xs {
		s.add(x)
	}
	return s
}

func (s strSet) add(x string)      { s[x] = struct{}{} }
func (s strSet) has(x string) bool { _, ok := s[x]; return ok }

func (s strSet) intersects(o strSet) bool {
	if len(o) < len(s) {
		s, o = o, s
	}
	for x := range s {
		if o.has(x) {
			return true
		}
	}
	return false
}

func (s strSet) sorted() []string {
	out := make([]string, 0, len(s))
	for x := range s {
		out = append(out, x)
	}
	slices.Sort(out)
	return out
}
