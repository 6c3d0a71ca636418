package extract

import (
	"runtime"
	"sort"
	"strconv"

	"github.com/newsgraph/newsgraph/extract/lexicon"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// Stage: identity. Needs the merged graph of many articles (Run's, or a new batch merged
// with what a database already holds of the same names, see Probe); decides across
// articles which Organization nodes name one body and which Person nodes of one name are
// one person, and rewrites the graph so that each is one node.
//
// Organizations. One article teaches an alias when it names a body in full and then
// short (中国华昱新能源科技集团有限公司……华昱集团); bodies.txt and analysts' dictionaries
// give official short forms (发改委, 中宣部). A node whose name is another node's alias
// folds into that node: its relationships move over, its Role nodes become the body's
// roles (role:华昱集团/董事长 → role:华昱新能源科技集团有限公司/董事长), its names become
// aliases. The lexicons decide first: a name they give to a body is that body's and no
// other's. An alias an article taught counts across articles only when it keeps the start
// of the body's own name (中国移动, 华昱集团, 光明乳业 — not 协作小组 of
// 长三角区域生态环境保护协作小组, nor 华山医院 of 复旦大学附属华山医院), has three
// characters or more, is no place and no bare suffix, and is not relative: 市委, 省政府,
// 市防汛指挥部 name a body of each article's own home, resolved per article (中共南京市委,
// 中共上海市委) and never matched across articles. Kinds must agree (other agrees with
// any). When two bodies teach one alias, a node named by it goes to the body seen first.
//
// Persons. Each article that names a person is a sighting, with the roles the person
// holds there. Sightings of one name are taken in order of article date, then article
// key, and each joins the first person (a cluster of earlier sightings) it is compatible
// with, else starts a new one:
//   - sharing a body (an organization of a role) links a sighting to a person, whatever
//     else; a sighting that shares bodies with two persons joins them into one;
//   - a dictionary's person entry with bodies links sightings at any of them;
//   - otherwise a sighting clashes with a person when both have career tracks (public:
//     party, government and ministries; business: companies; academia: universities,
//     hospitals and academic titles; military; foreign: another state's offices) and no
//     track of one is compatible with a track of the other — public and business clash,
//     military and business clash, a foreign office clashes with everything domestic and
//     with another state's — or when the two hold current local posts (a place's party
//     committee, government, congress) in places neither of which contains the other
//     within 30 days of each other (a 副市长 of 南京 and a 副市长 of 成都 the same week);
//   - roles with no body and no telling title, and mentions with no role, clash with
//     nothing: they join the first person.
//
// Career steps are compatible: 副市长 → 市长 → 市委书记 of one city, a city post and a
// post of its province, a local post and a central one (上海市委书记 → 国务院总理), public
// and academia. The first person of a name keeps the key person:NAME, the others get
// person:NAME#2, #3 … in order of their first sighting, so the keys depend only on the
// articles, not on how they were loaded. Each gets the relationships of its own articles:
// a relationship read in articles of two persons is cut in two, each part with its own
// sources, evidence and dates.
//
// Known failure cases: a real career from a company into government (an executive of a
// central enterprise made vice-minister) is split; two officials of one name in one
// province, or one seen more than 30 days after the other, are one node; a mention with
// no role goes to the first person even when the article means another; a role read
// wrongly (the title of the next name in a list) can split a person; an alias that keeps
// no start of the full name (上海清算所) joins only through a dictionary.

// Identity decides which nodes are one real body or person; see Resolve. It only reads
// its lexicons and is safe for concurrent use.
type Identity struct {
	lex     *lexicon.Lexicon
	workers int // goroutines deciding at once; 0: one per core
}

// Identity returns the identity pass with the extractor's lexicons and dictionaries,
// deciding on as many goroutines as the extractor extracts on.
func (x *Extractor) Identity() *Identity { return &Identity{lex: x.lex, workers: x.opts.Workers} }

// cores returns how many goroutines the pass decides on.
func (id *Identity) cores() int {
	if id.workers > 0 {
		return id.workers
	}
	return runtime.GOMAXPROCS(0)
}

// NewIdentity returns the identity pass with the built-in lexicons and the analysts'
// dictionaries at dicts, for graphs that were extracted before (read from files or from
// a database). It does not load the segmenter.
func NewIdentity(dicts []string) (*Identity, error) {
	lex, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	for _, d := range dicts {
		if err := lex.LoadUserDict(d); err != nil {
			return nil, err
		}
	}
	return &Identity{lex: lex}, nil
}

// IdentityReport says what Resolve changed.
type IdentityReport struct {
	// OrgsMerged is the number of Organization nodes folded into another body's node.
	OrgsMerged int
	// Split are the names read as more than one person, sorted.
	Split []string
	// Retired are the nodes that no longer exist, in graph order (label, key).
	Retired []graph.Ref
}

// Resolve rewrites g so that each body and each person is one node; see the comment at
// the top of this file for the rules. It is idempotent, and it decides from the graph
// alone: for a batch merged with the part of a database that Probe names, it gives what
// resolving all of the articles at once gives.
func (id *Identity) Resolve(g *graph.Graph) IdentityReport {
	var rep IdentityReport
	w := &rewriter{g: g, dates: articleDates(g)}
	id.unifyOrgs(w, &rep)
	id.splitPersons(w, &rep, nil)
	sort.Slice(rep.Retired, func(i, j int) bool {
		a, b := rep.Retired[i], rep.Retired[j]
		if ra, rb := schema.LabelRank(a.Label), schema.LabelRank(b.Label); ra != rb {
			return ra < rb
		}
		return a.Key < b.Key
	})
	return rep
}

// articleDates returns the date of every dated article of g.
func articleDates(g *graph.Graph) map[string]string {
	out := map[string]string{}
	for _, n := range g.NodesOf(schema.Article) {
		if d, _ := n.Props["date"].(string); d != "" {
			out[n.Key] = d
		}
	}
	return out
}

// Probe names what a store must give back for Resolve to decide a batch against it: the
// Person nodes of these names and the Organization nodes with one of these names or
// aliases, each with every relationship it has and the nodes at their other ends
// (roles with their organizations, articles with their dates), the Role nodes of those
// organizations with theirs, and the Person nodes of every name that holds such a role.
type Probe struct {
	Persons []string // Person names
	Orgs    []string // Organization names and aliases
}

// Probe returns what to read back from a store before resolving g against it: every
// person and organization name of g, their dictionary and lexicon aliases, and every
// name an analyst's dictionary declares (a new dictionary then applies to what is
// stored).
func (id *Identity) Probe(g *graph.Graph) Probe {
	persons, orgs := map[string]bool{}, map[string]bool{}
	dict := id.lex.Dict
	addPerson := func(name string) {
		persons[name] = true
		if dict != nil {
			if p := dict.Persons[name]; p != nil {
				persons[p.Name] = true
				for _, a := range p.Aliases {
					persons[a] = true
				}
			}
		}
	}
	addOrg := func(name string) {
		orgs[name] = true
		if b := id.lex.Bodies[name]; b != nil {
			orgs[b.Canonical] = true
			for _, a := range b.Aliases {
				orgs[a] = true
			}
		}
	}
	for _, n := range g.NodesOf(schema.Person) {
		if s, _ := n.Props["name"].(string); s != "" {
			addPerson(s)
		}
	}
	for _, n := range g.NodesOf(schema.Organization) {
		for _, s := range nodeNames(n) {
			addOrg(s)
		}
	}
	if dict != nil {
		for name := range dict.Persons {
			addPerson(name)
		}
		for name := range dict.Bodies {
			addOrg(name)
		}
	}
	return Probe{Persons: sortedKeys(persons), Orgs: sortedKeys(orgs)}
}

// nodeNames returns a node's name and aliases.
func nodeNames(n *graph.Node) []string {
	var out []string
	if s, _ := n.Props["name"].(string); s != "" {
		out = append(out, s)
	}
	if as, ok := n.Props["aliases"].([]string); ok {
		for _, a := range as {
			if a != "" {
				out = append(out, a)
			}
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// homonymKey returns the key of the n-th person (from 1) of a name: person:NAME, then
// person:NAME#2 ….
func homonymKey(name string, n int) string {
	if n <= 1 {
		return graph.PersonKey(name)
	}
	return graph.PersonKey(name) + "#" + strconv.Itoa(n)
}
