package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Stage: build. Needs an article's sentences; runs the mention, chain and event stages
// over each and adds the nodes and relationships, every one tied to its sentence.

// articleState is what one article has read so far.
type articleState struct {
	x       *Extractor
	a       *Article
	home    *lexicon.Place
	persons map[string]bool
	// namePrefixes are the proper prefixes, cut at a character, of persons and shortNames
	namePrefixes map[string]bool
	aliasTo      map[string]string // a surface name → canonical
	orgKind      map[string]string
	orgOrder     []string
	events       []*event
	current      *event
	curDate      string
	g            *graph.Graph
	extra        map[string]*lexicon.Place // the home when the lexicon does not know it
	dotted       bool                      // the sentence being read has a middle dot
	// shortNames maps the last part of a foreign name read in full to the full name
	shortNames map[string]string
	// lastBelow is the district (区) and county (县) under the home named last
	lastBelow map[string]*lexicon.Place
	// sent is the sentence being read: tokens are pieces of it
	sent string
	sc   *scratch // memory reused from article to article
	// personRefs and orgSeen are the Person and Organization nodes added so far, so that
	// naming them again builds no key and no props
	personRefs map[string]graph.Ref
	orgSeen    map[string]orgSeen
	// aliasVersion counts the changes to aliasTo, which addOrg's aliases read
	aliasVersion int
	// lap charges the stages inside Extract (segment, tag, mentions, roles, events)
	// when Run times them; the rest of Extract is charged to none of them
	lap Lap
}

// homeAt returns the paper's home at a level (省, 市, 县, 区; "" for the home itself).
func (st *articleState) homeAt(level string) *lexicon.Place {
	if st.home == nil {
		return nil
	}
	p := st.x.placeAtLevel(st.home, level)
	if p == nil && (level == "区" || level == "县") {
		// a city paper's bare 区委 or 县长 means the district or county it last named
		p = st.lastBelow[level]
	}
	return p
}

// notePlace remembers the last district and county under the home an article names.
func (st *articleState) notePlace(p *lexicon.Place) {
	if p == nil || st.home == nil || p.Parent != st.home.Name {
		return
	}
	switch {
	case strings.HasSuffix(p.Name, "区"):
		st.lastBelow["区"] = p
	case strings.HasSuffix(p.Name, "县"):
		st.lastBelow["县"] = p
	}
}

// Extract reads one article and returns its graph.
func (x *Extractor) Extract(a *Article) *graph.Graph {
	st := &articleState{
		x: x, a: a, persons: map[string]bool{}, namePrefixes: map[string]bool{}, aliasTo: map[string]string{}, orgKind: map[string]string{},
		g: graph.New(), shortNames: map[string]string{}, lastBelow: map[string]*lexicon.Place{},
	}
	st.lap = x.stages.Lap()
	st.sc = scratches.Get().(*scratch)
	defer func() {
		st.sc.reset()
		scratches.Put(st.sc)
	}()
	st.home, st.extra = x.homePlace(a.Home)
	g := st.g
	art := graph.Props{"title": a.Title, "source": a.Source}
	if a.Date != "" {
		art["date"] = a.Date
	}
	if a.Paper != "" {
		art["paper"] = a.Paper
	}
	artRef := g.AddNode(schema.Article, a.Key, art).Ref()
	// two passes: events first, so that a sentence may take part in an event the
	// article names only later (共同为中心揭牌。…主持揭牌仪式。)
	var read []*sentenceRead
	for _, s := range Sentences(a) {
		st.lap.Restart()
		read = append(read, st.sentence(s, artRef))
	}
	st.lap.Restart()
	for _, r := range read {
		target := r.current
		if len(r.evs) > 0 {
			target = r.evs[len(r.evs)-1]
		}
		if target == nil && len(st.events) > 0 {
			target = st.events[0]
		}
		st.sent = r.s.Text
		st.participate(r.toks, r.us, r.s, r.evs, target)
	}
	for _, e := range st.events {
		st.addEvent(e, artRef)
	}
	st.lap.Mark(StageEvents)
	return g
}

// sentenceRead is what the first pass read from one sentence.
type sentenceRead struct {
	s       Sentence
	toks    []tok
	us      []unit
	evs     []*event // events the sentence names
	current *event   // the article's current event after the sentence
}

func (st *articleState) sentence(s Sentence, artRef graph.Ref) *sentenceRead {
	x := st.x
	st.sent = s.Text
	words := st.sc.segment(x.seg, s.Text)
	st.lap.Mark(StageSegment)
	toks := x.tagTokens(s.Text, words, st.extra, &st.sc.tagged)
	st.lap.Mark(StageTag)
	st.dotted = false
	for _, t := range toks {
		if t.cat == catPlace {
			st.notePlace(t.place)
		}
		st.dotted = st.dotted || isDot(t.Text)
	}
	orgs := st.findOrgs(toks, s.Text)
	for _, o := range orgs {
		st.noteOrg(o)
	}
	us := st.units(toks, orgs)
	for _, u := range us {
		if u.kind == uPerson && !u.byline {
			if !st.persons[u.name] {
				st.persons[u.name] = true
				st.notePrefixes(u.name)
			}
			if parts := strings.Split(u.name, "·"); len(parts) > 1 && utf8.RuneCountInString(parts[len(parts)-1]) >= 2 {
				if _, taken := st.shortNames[parts[len(parts)-1]]; !taken {
					st.shortNames[parts[len(parts)-1]] = u.name
					st.notePrefixes(parts[len(parts)-1])
				}
			}
		}
	}
	// the sentence's mentions share one props map, and its roles one per status
	// (graph.AddRelShared: the graph copies a shared map before it merges into it), with
	// the sentence's one-element lists already boxed: graph never changes a list in place
	sources, evidence := any([]string{st.a.Key}), any([]string{s.Text})
	prov := func() graph.Props { return graph.Props{"sources": sources, "evidence": evidence} }
	var mentioned graph.Props
	for _, u := range us {
		var ref graph.Ref
		switch {
		case u.kind == uPerson && !u.byline:
			ref = st.person(u.name)
		case u.kind == uOrg:
			ref = st.addOrg(u.org)
		default:
			continue
		}
		if mentioned == nil {
			mentioned = prov()
		}
		st.g.AddRelShared(schema.Mentions, artRef, ref, mentioned)
	}
	st.lap.Mark(StageMentions)
	var held []graph.Props // by status
	for _, r := range st.roles(us, toks) {
		pref := st.person(r.person)
		rref := graph.Ref{Label: schema.Role, Key: graph.RoleKey(r.org, r.title)}
		if st.g.Node(rref) == nil { // a title is kept as first given: nothing to merge
			st.g.AddNodeOwned(rref.Label, rref.Key, graph.Props{"title": r.title})
		}
		var props graph.Props
		for _, h := range held {
			if h["status"] == r.status {
				props = h
				break
			}
		}
		if props == nil {
			props = prov()
			if st.a.Date != "" {
				props["firstSeen"], props["lastSeen"] = st.a.Date, st.a.Date
			}
			props["status"] = r.status
			held = append(held, props)
		}
		st.g.AddRelShared(schema.Holds, pref, rref, props)
		if r.org != "" {
			oref := st.addOrg(&org{name: r.org, surface: r.org, kind: r.orgKind, parent: r.parent})
			st.g.AddRel(schema.Of, rref, oref, nil)
		}
	}
	st.lap.Mark(StageRoles)
	r := &sentenceRead{s: s, toks: toks, us: us}
	r.evs = st.sentenceEvents(toks, us, s)
	r.current = st.current
	st.lap.Mark(StageEvents)
	return r
}

// noteOrg remembers an organization's canonical name and the surface it was read as.
func (st *articleState) noteOrg(o *org) {
	if _, ok := st.orgKind[o.name]; !ok {
		st.orgOrder = append(st.orgOrder, o.name)
		st.orgKind[o.name] = o.kind
	}
	if o.surface != "" && o.surface != o.name && st.aliasTo[o.surface] != o.name {
		st.aliasTo[o.surface] = o.name
		st.aliasVersion++
	}
}

// person adds the Person node of a name, once.
func (st *articleState) person(name string) graph.Ref {
	if ref, ok := st.personRefs[name]; ok {
		return ref
	}
	ref := st.g.AddNodeOwned(schema.Person, graph.PersonKey(name), graph.Props{"name": name}).Ref()
	if st.personRefs == nil {
		st.personRefs = map[string]graph.Ref{}
	}
	st.personRefs[name] = ref
	return ref
}

// orgSeen is what addOrg gave an organization: adding it again with the same surface,
// kind and parent, and the article's aliases as they were, changes nothing.
type orgSeen struct {
	ref                   graph.Ref
	surface, kind, parent string
	aliases               int // aliasVersion
}

// addOrg adds an organization node with its aliases and its parent.
func (st *articleState) addOrg(o *org) graph.Ref {
	if seen, ok := st.orgSeen[o.name]; ok && seen.surface == o.surface && seen.kind == o.kind && seen.parent == o.parent && seen.aliases == st.aliasVersion {
		return seen.ref
	}
	ref := st.addOrgNode(o)
	if st.orgSeen == nil {
		st.orgSeen = map[string]orgSeen{}
	}
	st.orgSeen[o.name] = orgSeen{ref, o.surface, o.kind, o.parent, st.aliasVersion}
	return ref
}

// addOrgNode is addOrg without the memory of what was added.
func (st *articleState) addOrgNode(o *org) graph.Ref {
	aliases := []string{}
	if o.surface != "" && o.surface != o.name {
		aliases = append(aliases, o.surface)
	}
	if b := st.x.lex.Bodies[o.name]; b != nil && b.Canonical == o.name {
		// official short forms the article uses are aliases too
		for _, a := range b.Aliases {
			if st.aliasTo[a] == o.name {
				aliases = append(aliases, a)
			}
		}
	}
	ref := graph.Ref{Label: schema.Organization, Key: graph.OrgKey(o.name)}
	if n := st.g.Node(ref); n == nil || len(aliases) > 0 || n.Props["aliases"] == nil || o.kind != "" && n.Props["kind"] == nil {
		// (a node already there keeps its name and kind: only an alias, or a kind it
		// lacks, would change it)
		sort.Strings(aliases)
		props := graph.Props{"name": o.name, "aliases": aliases}
		if o.kind != "" {
			props["kind"] = o.kind
		}
		st.g.AddNodeOwned(ref.Label, ref.Key, props)
	}
	if o.parent != "" && o.parent != o.name {
		pref := st.g.AddNodeOwned(schema.Organization, graph.OrgKey(o.parent), graph.Props{"name": o.parent, "aliases": []string{}}).Ref()
		st.g.AddRel(schema.PartOf, ref, pref, nil)
	}
	return ref
}

// addEvent writes an event, its place and its participants.
func (st *articleState) addEvent(e *event, artRef graph.Ref) {
	if len(e.parts) == 0 && len(e.orgParts) == 0 {
		return
	}
	props := graph.Props{"name": e.name, "kind": e.kind}
	if e.date != "" {
		props["date"] = e.date
	}
	if e.place != "" {
		props["place"] = e.place
	}
	ref := st.g.AddNodeOwned(schema.Event, graph.EventKey(e.date, e.name), props).Ref()
	// relationships read in one sentence, participants with the same roles, share one
	// props map (graph.AddRelShared)
	shared := map[string]graph.Props{}
	provenance := func(evidence string, participant bool, as []string) graph.Props {
		k := evidence
		if participant {
			k += "\x00" + strings.Join(as, "\x00")
		}
		p, ok := shared[k]
		if !ok {
			p = graph.Provenance(st.a.Key, evidence)
			if participant {
				p["as"] = append([]string{}, as...) // written even when empty
			}
			shared[k] = p
		}
		return p
	}
	st.g.AddRelShared(schema.Reports, artRef, ref, provenance(e.evidence, false, nil))
	if e.place != "" {
		pref := st.g.AddNodeOwned(schema.Place, graph.PlaceKey(e.place), graph.Props{"name": e.place}).Ref()
		st.g.AddRelShared(schema.HeldIn, ref, pref, provenance(e.evidence, false, nil))
	}
	for _, p := range e.order {
		pref := st.person(p)
		st.g.AddRelShared(schema.ParticipatedIn, pref, ref, provenance(e.evidenceFor("p:"+p), true, e.parts[p]))
	}
	for _, o := range e.orgOrder {
		oref := st.addOrg(&org{name: o, kind: st.orgKind[o]})
		st.g.AddRelShared(schema.ParticipatedIn, oref, ref, provenance(e.evidenceFor("o:"+o), true, e.orgParts[o]))
	}
}

func (e *event) evidenceFor(k string) string {
	if s := e.ev[k]; s != "" {
		return s
	}
	return e.evidence
}
