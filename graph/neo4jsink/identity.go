package neo4jsink

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// This file serves loads that decide identity against what the database holds (a new
// batch of articles whose persons and bodies may be the stored ones): ReadAround reads
// back the part of the database such a decision needs, Prune removes what the decision
// retired. See extract.Identity for the rules and cmd/newsgraph for the load.

// Names names the stored nodes ReadAround starts from.
type Names struct {
	Persons []string // Person nodes with one of these names
	Orgs    []string // Organization nodes with one of these names or aliases
}

// ReadAround reads back from the database, as a graph with the stored property values:
//   - the Organization nodes named or aliased by one of names.Orgs, their Role nodes
//     (Role -[:OF]-> Organization) and every relationship of either;
//   - the Person nodes named by names.Persons or holding one of those roles, with every
//     relationship they have;
//   - the nodes at the other ends of all these relationships, each Role there with its
//     OF relationship and organization, and the Article node of every source article
//     these relationships name, for its date.
//
// Nothing is read in a dry run. Names that match nothing give an empty graph.
func (s *Sink) ReadAround(ctx context.Context, names Names) (*graph.Graph, error) {
	g := graph.New()
	if s.cfg.DryRun || (len(names.Persons) == 0 && len(names.Orgs) == 0) {
		return g, nil
	}
	orgs, err := s.keys(ctx, "MATCH (o:"+quote(schema.Organization)+") WHERE o.name IN $names OR any(a IN coalesce(o.aliases, []) WHERE a IN $names) RETURN o.key", nonNil(names.Orgs))
	if err != nil {
		return nil, fmt.Errorf("read organizations: %w", err)
	}
	roles, err := s.keys(ctx, "MATCH (r:"+quote(schema.Role)+")-[:"+quote(schema.Of)+"]->(o:"+quote(schema.Organization)+") WHERE o.key IN $names RETURN DISTINCT r.key", orgs)
	if err != nil {
		return nil, fmt.Errorf("read roles: %w", err)
	}
	holders, err := s.keys(ctx, "MATCH (p:"+quote(schema.Person)+")-[:"+quote(schema.Holds)+"]->(r:"+quote(schema.Role)+") WHERE r.key IN $names RETURN DISTINCT p.name", roles)
	if err != nil {
		return nil, fmt.Errorf("read the holders of roles: %w", err)
	}
	persons, err := s.keys(ctx, "MATCH (p:"+quote(schema.Person)+") WHERE p.name IN $names RETURN p.key", append(nonNil(names.Persons), holders...))
	if err != nil {
		return nil, fmt.Errorf("read persons: %w", err)
	}
	for _, sub := range []struct {
		label string
		keys  []string
	}{{schema.Organization, orgs}, {schema.Role, roles}, {schema.Person, persons}} {
		if err := s.readNodes(ctx, g, sub.label, sub.keys); err != nil {
			return nil, err
		}
		if err := s.readRels(ctx, g, sub.label, sub.keys); err != nil {
			return nil, err
		}
	}
	// the organizations of the roles at the other ends, and the articles of the sources
	var otherRoles []string
	articles := map[string]bool{}
	for _, n := range g.NodesOf(schema.Role) {
		otherRoles = append(otherRoles, n.Key)
	}
	for _, r := range g.Rels() {
		if src, ok := r.Props["sources"].([]string); ok {
			for _, a := range src {
				if g.Node(graph.Ref{Label: schema.Article, Key: a}) == nil {
					articles[a] = true
				}
			}
		}
	}
	if err := s.readRoleOrgs(ctx, g, otherRoles); err != nil {
		return nil, err
	}
	var arts []string
	for a := range articles {
		arts = append(arts, a)
	}
	sort.Strings(arts)
	if err := s.readNodes(ctx, g, schema.Article, arts); err != nil {
		return nil, err
	}
	return g, nil
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// keys runs a query with $names and returns the first column's strings.
func (s *Sink) keys(ctx context.Context, cypher string, names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	t, err := s.Query(ctx, cypher, map[string]any{"names": names})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(t.Rows))
	for _, row := range t.Rows {
		if k, ok := row[0].(string); ok {
			out = append(out, k)
		}
	}
	return out, nil
}

// readNodes adds the nodes of one label with these keys, their properties as stored.
func (s *Sink) readNodes(ctx context.Context, g *graph.Graph, label string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	t, err := s.Query(ctx, "MATCH (n:"+quote(label)+") WHERE n.key IN $keys RETURN n.key, properties(n)", map[string]any{"keys": keys})
	if err != nil {
		return fmt.Errorf("read %s nodes: %w", label, err)
	}
	for _, row := range t.Rows {
		key, _ := row[0].(string)
		g.AddNode(label, key, nil).Props = props(row[1])
	}
	return nil
}

// readRels adds every relationship of the nodes of one label with these keys, and the
// nodes at their other ends. The keys go readKeysPerQuery at a time: the server holds a
// query's rows (DISTINCT) in the transaction's memory, which the relationships of a whole
// archive's persons overflow (on the 200 MB corpus, at 2.7 GiB).
func (s *Sink) readRels(ctx context.Context, g *graph.Graph, label string, keys []string) error {
	cypher := "MATCH (n:" + quote(label) + ")-[r]-(m) WHERE n.key IN $keys AND m.key IS NOT NULL\n" +
		"RETURN DISTINCT type(r), head(labels(startNode(r))), startNode(r).key, head(labels(endNode(r))), endNode(r).key, properties(r), head(labels(m)), m.key, properties(m)"
	for lo := 0; lo < len(keys); lo += readKeysPerQuery {
		t, err := s.Query(ctx, cypher, map[string]any{"keys": keys[lo:min(lo+readKeysPerQuery, len(keys))]})
		if err != nil {
			return fmt.Errorf("read the relationships of %s nodes: %w", label, err)
		}
		for _, row := range t.Rows {
			str := func(i int) string { s, _ := row[i].(string); return s }
			other := graph.Ref{Label: str(6), Key: str(7)}
			if g.Node(other) == nil {
				g.AddNode(other.Label, other.Key, nil).Props = props(row[8])
			}
			start := graph.Ref{Label: str(1), Key: str(2)}
			end := graph.Ref{Label: str(3), Key: str(4)}
			if r := g.AddRel(str(0), start, end, nil); r != nil {
				r.Props = props(row[5])
			}
		}
	}
	return nil
}

// readKeysPerQuery is how many nodes one query of readRels reads the relationships of
// (a variable for tests).
var readKeysPerQuery = 1000

// readRoleOrgs adds the OF relationships of roles and their organizations.
func (s *Sink) readRoleOrgs(ctx context.Context, g *graph.Graph, roles []string) error {
	if len(roles) == 0 {
		return nil
	}
	t, err := s.Query(ctx, "MATCH (r:"+quote(schema.Role)+")-[x:"+quote(schema.Of)+"]->(o:"+quote(schema.Organization)+") WHERE r.key IN $keys RETURN r.key, o.key, properties(o), properties(x)",
		map[string]any{"keys": roles})
	if err != nil {
		return fmt.Errorf("read the organizations of roles: %w", err)
	}
	for _, row := range t.Rows {
		rk, _ := row[0].(string)
		ok, _ := row[1].(string)
		oref := graph.Ref{Label: schema.Organization, Key: ok}
		if g.Node(oref) == nil {
			g.AddNode(schema.Organization, ok, nil).Props = props(row[2])
		}
		if r := g.AddRel(schema.Of, graph.Ref{Label: schema.Role, Key: rk}, oref, nil); r != nil {
			r.Props = props(row[3])
		}
	}
	return nil
}

// Pruning is what a load that decided identity against the database removes or
// overwrites after writing: the stored relationships and nodes the decision retired
// (Person, Organization and Role nodes only, and only once no relationship is left on
// them), and the nodes and relationships whose properties must be exactly the given
// ones because merging would keep a stale value (a source that moved to another person,
// a kind the lexicon corrects).
type Pruning struct {
	Rels      []*graph.Rel
	Nodes     []graph.Ref
	ExactNode []*graph.Node
	ExactRels []*graph.Rel
}

// Empty reports whether there is nothing to prune.
func (p Pruning) Empty() bool {
	return len(p.Rels) == 0 && len(p.Nodes) == 0 && len(p.ExactNode) == 0 && len(p.ExactRels) == 0
}

// PruneStats is what Prune did.
type PruneStats struct {
	RelsDeleted, NodesDeleted, NodesKept, PropertiesSet int
}

// Prune applies p in one write transaction, so that the database never holds half of
// it. A retired node that still has relationships (ones the load did not read) is kept
// and counted in NodesKept. In a dry run it does nothing.
func (s *Sink) Prune(ctx context.Context, p Pruning) (st PruneStats, err error) {
	if s.cfg.DryRun || p.Empty() {
		return st, nil
	}
	for _, ref := range p.Nodes {
		delete(s.ids, ref)
	}
	type stmt struct {
		cypher string
		rows   []map[string]any
		count  *int
	}
	var stmts []stmt
	relGroups := func(rels []*graph.Rel, tail string, count *int, withProps bool) error {
		by := map[[3]string][]map[string]any{}
		var order [][3]string
		for _, r := range rels {
			k := [3]string{r.Type, r.Start.Label, r.End.Label}
			if !schema.IsType(k[0]) || !schema.IsLabel(k[1]) || !schema.IsLabel(k[2]) {
				return fmt.Errorf("prune %s: not in the schema", r.ID())
			}
			if _, ok := by[k]; !ok {
				order = append(order, k)
			}
			row := map[string]any{"s": r.Start.Key, "e": r.End.Key}
			if withProps {
				row["p"] = values(r.Props)
			}
			by[k] = append(by[k], row)
		}
		for _, k := range order {
			stmts = append(stmts, stmt{
				cypher: fmt.Sprintf("UNWIND $rows AS row MATCH (a:%s {%s: row.s})-[r:%s]->(b:%s {%s: row.e}) %s",
					quote(k[1]), quote(schema.KeyProperty), quote(k[0]), quote(k[2]), quote(schema.KeyProperty), tail),
				rows: by[k], count: count,
			})
		}
		return nil
	}
	if err := relGroups(p.Rels, "DELETE r RETURN count(*)", &st.RelsDeleted, false); err != nil {
		return st, err
	}
	if err := relGroups(p.ExactRels, "SET r = row.p RETURN count(*)", &st.PropertiesSet, true); err != nil {
		return st, err
	}
	nodeGroups := func(labels map[string][]map[string]any, tail string, count *int) {
		var ls []string
		for l := range labels {
			ls = append(ls, l)
		}
		sort.Slice(ls, func(i, j int) bool { return schema.LabelRank(ls[i]) < schema.LabelRank(ls[j]) })
		for _, l := range ls {
			stmts = append(stmts, stmt{
				cypher: fmt.Sprintf("UNWIND $rows AS row MATCH (n:%s {%s: row.k}) %s", quote(l), quote(schema.KeyProperty), tail),
				rows:   labels[l], count: count,
			})
		}
	}
	exact := map[string][]map[string]any{}
	for _, n := range p.ExactNode {
		if !schema.IsLabel(n.Label) {
			return st, fmt.Errorf("prune node %s: label %q is not in the schema", n.Key, n.Label)
		}
		exact[n.Label] = append(exact[n.Label], map[string]any{"k": n.Key, "p": values(n.Props)})
	}
	nodeGroups(exact, "SET n = row.p, n."+quote(schema.KeyProperty)+" = row.k RETURN count(*)", &st.PropertiesSet)
	retired := map[string][]map[string]any{}
	for _, ref := range p.Nodes {
		switch ref.Label {
		case schema.Person, schema.Organization, schema.Role:
			retired[ref.Label] = append(retired[ref.Label], map[string]any{"k": ref.Key})
		}
	}
	nodeGroups(retired, "WHERE NOT (n)--() DELETE n RETURN count(*)", &st.NodesDeleted)

	sess := s.session(ctx)
	defer closeSession(ctx, sess, &err)
	counts, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) ([]int, error) {
		out := make([]int, len(stmts))
		for i, st := range stmts {
			res, err := tx.Run(ctx, st.cypher, map[string]any{"rows": st.rows})
			if err != nil {
				return nil, err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return nil, err
			}
			if n, ok := rec.Values[0].(int64); ok {
				out[i] = int(n)
			}
		}
		return out, nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return st, fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return st, fmt.Errorf("prune: %w", classify(err, s.uri, s.cfg.User, true))
	}
	s.stats.Statements += len(stmts)
	for i, c := range counts {
		*stmts[i].count += c
	}
	st.NodesKept = len(p.Nodes) - st.NodesDeleted
	return st, nil
}
