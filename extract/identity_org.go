package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// unifyOrgs folds every Organization node whose name is another body's name or usable
// alias into that body's node; see the comment of identity.go.
func (id *Identity) unifyOrgs(w *rewriter, rep *IdentityReport) {
	g := w.g
	orgs := g.NodesOf(schema.Organization)
	if len(orgs) == 0 {
		return
	}
	adj := id.adjacency(g, schema.Organization, schema.Role)
	firstSeen := map[*graph.Node]string{}
	first := func(n *graph.Node) string {
		if f, ok := firstSeen[n]; ok {
			return f
		}
		f := "\U0010FFFF"
		for _, r := range adj[n.Ref()] {
			if k := w.firstOf(pairsOf(r.Props)); k < f {
				f = k
			}
		}
		firstSeen[n] = f
		return f
	}
	p := id.planOrgs(g, orgs, first, func(ref graph.Ref) []*graph.Rel { return adj[ref] })
	p.apply(w, adj)
	rep.OrgsMerged += p.merged
	rep.Retired = append(rep.Retired, p.retired...)
}

// orgPlan is what the organization pass decided: where each folded node and each of
// their roles goes, and in what order their relationships are moved.
type orgPlan struct {
	touch   []graph.Ref // nodes whose relationships move, in the order they are taken
	moves   map[graph.Ref]graph.Ref
	retired []graph.Ref // by key
	merged  int         // Organization nodes folded
}

// planOrgs decides which of orgs (g's Organization nodes, by key) fold into which body,
// and makes the bodies' nodes and their roles in g. first gives the order key of the
// earliest article that names a node; rels gives a node's relationships (its OF
// relationships name its roles), in g.Rels order.
func (id *Identity) planOrgs(g *graph.Graph, orgs []*graph.Node, first func(*graph.Node) string, rels func(graph.Ref) []*graph.Rel) *orgPlan {
	p := &orgPlan{moves: map[graph.Ref]graph.Ref{}}
	byName := map[string]*graph.Node{}
	for _, n := range orgs {
		if s := orgName(n); s != "" {
			byName[s] = n
		}
	}
	// who claims each alias
	claims := map[string][]*graph.Node{}
	for _, n := range orgs {
		name := orgName(n)
		as, _ := n.Props["aliases"].([]string)
		for _, a := range as {
			if id.usableAlias(a, name) {
				claims[a] = append(claims[a], n)
			}
		}
	}
	target := map[string]string{}
	for _, n := range orgs {
		name := orgName(n)
		if b := id.lex.Bodies[name]; b != nil {
			// the lexicons decide names they know
			if b.Canonical != name {
				target[name] = b.Canonical
			}
			continue
		}
		var best *graph.Node
		for _, c := range claims[name] {
			cn := orgName(c)
			if cn == name || utf8.RuneCountInString(cn) <= utf8.RuneCountInString(name) || !kindsAgree(orgKind(n), orgKind(c)) {
				continue
			}
			if best == nil || first(c) < first(best) || first(c) == first(best) && c.Key < best.Key {
				best = c
			}
		}
		if best != nil {
			target[name] = orgName(best)
		}
	}
	final := func(name string) string {
		for i := 0; i < 8; i++ {
			t, ok := target[name]
			if !ok || t == name {
				break
			}
			name = t
		}
		return name
	}
	// the nodes each body gathers, and where every node and role goes
	gathered := map[string][]*graph.Node{}
	var bodies []string
	for _, n := range orgs {
		name := orgName(n)
		t := final(name)
		if t == name && n.Key == graph.OrgKey(name) {
			continue
		}
		if _, ok := gathered[t]; !ok {
			bodies = append(bodies, t)
		}
		gathered[t] = append(gathered[t], n)
	}
	sort.Strings(bodies)
	for _, t := range bodies {
		tref := id.bodyNode(g, t, gathered[t], byName[t])
		for _, n := range gathered[t] {
			p.moves[n.Ref()] = tref
			p.touch = append(p.touch, n.Ref())
			p.merged++
			// its roles become the body's roles
			for _, r := range rels(n.Ref()) {
				if r.Type != schema.Of || r.End != n.Ref() {
					continue
				}
				role := g.Node(r.Start)
				if role == nil {
					continue
				}
				title, _ := role.Props["title"].(string)
				to := g.AddNode(schema.Role, graph.RoleKey(t, title), graph.Props{"title": title}).Ref()
				if to != role.Ref() {
					p.moves[role.Ref()] = to
					p.touch = append(p.touch, role.Ref())
				}
			}
		}
	}
	for from := range p.moves {
		p.retired = append(p.retired, from)
	}
	sort.Slice(p.retired, func(i, j int) bool { return p.retired[i].Key < p.retired[j].Key })
	return p
}

// apply moves the relationships of w's graph as p says and removes the nodes p retires;
// adj is the graph's adjacency of Organization and Role nodes.
func (p *orgPlan) apply(w *rewriter, adj map[graph.Ref][]*graph.Rel) {
	if len(p.moves) == 0 {
		return
	}
	var touched []*graph.Rel
	seen := map[string]bool{}
	for _, ref := range p.touch {
		for _, r := range adj[ref] {
			if !seen[r.ID()] {
				seen[r.ID()] = true
				touched = append(touched, r)
			}
		}
	}
	moved := func(ref graph.Ref) graph.Ref {
		if to, ok := p.moves[ref]; ok {
			return to
		}
		return ref
	}
	w.rewrite(touched, func(r *graph.Rel) []part {
		return []part{{start: moved(r.Start), end: moved(r.End)}}
	})
	w.g.RemoveNodesTouched(p.retired, func(ref graph.Ref) []*graph.Rel { return adj[ref] })
}

// bodyNode makes the node of body t gather the nodes that fold into it: their names
// become its aliases, and its kind is the lexicon's, else its own, else the first
// telling kind among them.
func (id *Identity) bodyNode(g *graph.Graph, t string, from []*graph.Node, own *graph.Node) graph.Ref {
	var aliases []string
	kind := ""
	if own != nil {
		kind = orgKind(own)
	}
	sorted := append([]*graph.Node(nil), from...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	for _, n := range sorted {
		for _, s := range nodeNames(n) {
			if s != t {
				aliases = append(aliases, s)
			}
		}
		if k := orgKind(n); (kind == "" || kind == "other") && k != "" {
			kind = k
		}
	}
	if b := id.lex.Bodies[t]; b != nil && b.Canonical == t {
		kind = b.Kind
	}
	props := graph.Props{"name": t, "aliases": aliases}
	n := g.AddNode(schema.Organization, graph.OrgKey(t), props)
	if kind != "" {
		n.Props["kind"] = kind
	}
	return n.Ref()
}

// usableAlias reports whether alias, read as a name of the body full, names it in any
// article: see the comment of identity.go.
func (id *Identity) usableAlias(alias, full string) bool {
	if alias == full || utf8.RuneCountInString(alias) < 2 || relativeName(alias) {
		return false
	}
	if b := id.lex.Bodies[alias]; b != nil {
		return b.Canonical == full
	}
	if utf8.RuneCountInString(alias) < 3 || id.lex.Places[alias] != nil || id.lex.Countries[alias] != "" {
		return false
	}
	stem := alias
	if suf, _ := id.lex.Suffix(alias); suf != "" {
		if suf == alias {
			return false
		}
		if rest := strings.TrimSuffix(alias, suf); utf8.RuneCountInString(rest) >= 2 {
			stem = rest
		}
	}
	for _, f := range id.ownNames(full) {
		if strings.HasPrefix(f, stem) {
			return true
		}
	}
	return false
}

// ownNames returns a body's name with what may stand before its own name dropped: a
// national prefix (中国, 中华, 中共) or a place.
func (id *Identity) ownNames(full string) []string {
	out := []string{full}
	for _, pre := range []string{"中国", "中华", "中共"} {
		if rest := strings.TrimPrefix(full, pre); rest != full && rest != "" {
			out = append(out, rest)
		}
	}
	if p := id.placePrefix(full); p != "" {
		out = append(out, strings.TrimPrefix(full, p))
	}
	return out
}

// placePrefix returns the longest place or country name that starts s, or "".
func (id *Identity) placePrefix(s string) string {
	rs := []rune(s)
	for n := min(len(rs)-1, 12); n >= 2; n-- {
		pre := string(rs[:n])
		if id.lex.Places[pre] != nil || id.lex.Countries[pre] != "" {
			return pre
		}
	}
	return ""
}

// relativeName reports whether a name is relative to an article's home: 市委, 省政府,
// 市防汛指挥部.
func relativeName(s string) bool {
	if relOrgs[s] != "" {
		return true
	}
	for _, w := range []string{"市", "省", "县", "区", "州", "自治区", "自治州", "镇", "乡"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// kindsAgree reports whether two organization kinds may be one body's: equal, or either
// unknown.
func kindsAgree(a, b string) bool {
	return a == b || a == "" || b == "" || a == "other" || b == "other"
}

func orgName(n *graph.Node) string {
	s, _ := n.Props["name"].(string)
	return s
}

func orgKind(n *graph.Node) string {
	s, _ := n.Props["kind"].(string)
	return s
}
