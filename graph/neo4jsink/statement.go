package neo4jsink

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/schema"
)

// propKind says how a property merges into what the database already holds; the rules
// are graph's (props.go), written in Cypher.
type propKind int

const (
	keepFirst    propKind = iota // set when absent
	sortedSet                    // []string: sorted union
	earliest                     // firstSeen
	latest                       // lastSeen
	followLatest                 // status: follows the latest sighting
	provenance                   // sources and evidence, as parallel lists
)

// prop is one property a batch writes.
type prop struct {
	Name string
	Kind propKind
}

// identRE is what a property name must look like to be written into a statement; values
// never are, names come from the program, not from input text.
var identRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// batchProps returns the properties that rows of one label or type carry, sorted by
// name, with sources and evidence folded into one provenance entry named "sources".
func batchProps(props []graph.Props) ([]prop, error) {
	kinds := map[string]propKind{}
	plain := map[string]bool{} // names checked against identRE
	for _, p := range props {
		for name, v := range p {
			if name == schema.KeyProperty {
				continue
			}
			if !plain[name] {
				if !identRE.MatchString(name) {
					return nil, fmt.Errorf("property name %q is not a plain identifier", name)
				}
				plain[name] = true
			}
			switch name {
			case "sources", "evidence":
				kinds["sources"] = provenance
			case "firstSeen":
				kinds[name] = earliest
			case "lastSeen":
				kinds[name] = latest
			case "status":
				kinds[name] = followLatest
			default:
				if _, ok := v.([]string); ok {
					kinds[name] = sortedSet
				} else if _, seen := kinds[name]; !seen {
					kinds[name] = keepFirst
				}
			}
		}
	}
	out := make([]prop, 0, len(kinds))
	for name, k := range kinds {
		out = append(out, prop{name, k})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// quote writes a name from schema or from a checked property name as a Cypher identifier.
func quote(name string) string { return "`" + strings.ReplaceAll(name, "`", "``") + "`" }

// nodeStatement returns the statement that merges a batch of nodes of one label. Each
// row is {k: key, p: props}. It returns one record: updated (rows that existed and
// changed) and rows.
func nodeStatement(label string, props []prop) (string, error) {
	var b strings.Builder
	if err := nodeHead(&b, label); err != nil {
		return "", err
	}
	writeMerge(&b, props)
	return b.String(), nil
}

// relStatement returns the statement that merges a batch of relationships of one type
// between nodes of two labels. Each row is {s: start key, e: end key, p: props}. It
// returns one record: updated and rows (rows whose two ends were found).
func relStatement(typ, startLabel, endLabel string, props []prop) (string, error) {
	var b strings.Builder
	if err := relHead(&b, typ, startLabel, endLabel); err != nil {
		return "", err
	}
	writeMerge(&b, props)
	return b.String(), nil
}

// freshNodeStatement and freshRelStatement return the statements that merge a batch
// and give what they create the row's properties as they are, which is what merging
// them into nothing gives when they are settable. Rows carry their index i besides. They
// return one record: rows (as above) and existing, the i of every row that was there
// before, for nodeStatement or relStatement to merge. On an empty database they are all
// that is sent, and the server plans and runs them much faster than the full merge.
func freshNodeStatement(label string) (string, error) {
	var b strings.Builder
	if err := nodeHead(&b, label); err != nil {
		return "", err
	}
	writeFresh(&b)
	return b.String(), nil
}

func freshRelStatement(typ, startLabel, endLabel string) (string, error) {
	var b strings.Builder
	if err := relHead(&b, typ, startLabel, endLabel); err != nil {
		return "", err
	}
	writeFresh(&b)
	return b.String(), nil
}

// createNodeStatement and createRelStatement return the statements that create a batch
// of nodes or relationships the caller knows to be absent, with the row's properties as
// they are (settable ones: what merging them into nothing gives). They return one
// record: rows (for relationships, the rows whose two ends were found); for nodes also
// made and ids, the index i of each row and the internal id of the node it created, in
// the same order.
func createNodeStatement(label string) (string, error) {
	if !schema.IsLabel(label) {
		return "", fmt.Errorf("label %q is not in the schema", label)
	}
	return fmt.Sprintf(cypher5+"UNWIND $rows AS row\nCREATE (x:%s)\nSET x = row.p, x.%s = row.k\n"+
		"RETURN count(*) AS rows, collect(row.i) AS made, collect(id(x)) AS ids\n",
		quote(label), quote(schema.KeyProperty)), nil
}

// cypher5 starts the statements that use id(): the function is deprecated in Cypher 5
// (elementId is its replacement, and slower here, see createRelByIDStatement), so they
// ask for Cypher 5, which Neo4j 5 speaks and later servers keep beside Cypher 25.
const cypher5 = "CYPHER 5\n"

// createRelByIDStatement is createRelStatement for rows that name their ends by the
// internal ids their creation returned (a, b) instead of by key: the server reads the
// two node records instead of seeking two index entries under lock, a fifth less time
// for the relationships of a first year in bare statements (elementId strings instead
// of ids gave back half of that). The label is checked all the same. props are the
// group's property names (see batchProps); the relationship is created with them as a
// map literal, which the server sets faster than SET x = row.p (absent ones are null and
// not stored).
func createRelByIDStatement(typ, startLabel, endLabel string, props []prop) (string, error) {
	if err := checkRel(typ, startLabel, endLabel); err != nil {
		return "", err
	}
	var fields []string
	for _, p := range props {
		names := []string{p.Name}
		if p.Kind == provenance {
			names = []string{"sources", "evidence"}
		}
		for _, n := range names {
			fields = append(fields, fmt.Sprintf("%[1]s: row.p.%[1]s", quote(n)))
		}
	}
	var b strings.Builder
	b.WriteString(cypher5 + "UNWIND $rows AS row\n")
	fmt.Fprintf(&b, "MATCH (a:%s) WHERE id(a) = row.a\n", quote(startLabel))
	fmt.Fprintf(&b, "MATCH (b:%s) WHERE id(b) = row.b\n", quote(endLabel))
	fmt.Fprintf(&b, "CREATE (a)-[x:%s", quote(typ))
	if len(fields) > 0 {
		fmt.Fprintf(&b, " {%s}", strings.Join(fields, ", "))
	}
	b.WriteString("]->(b)\nRETURN count(*) AS rows\n")
	return b.String(), nil
}

func createRelStatement(typ, startLabel, endLabel string) (string, error) {
	var b strings.Builder
	if err := relEnds(&b, typ, startLabel, endLabel); err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "CREATE (a)-[x:%s]->(b)\nSET x = row.p\nRETURN count(*) AS rows\n", quote(typ))
	return b.String(), nil
}

// nodeHead writes the MERGE of a node statement and names x the node and created
// whether it is new.
func nodeHead(b *strings.Builder, label string) error {
	if !schema.IsLabel(label) {
		return fmt.Errorf("label %q is not in the schema", label)
	}
	b.WriteString("UNWIND $rows AS row\n")
	fmt.Fprintf(b, "MERGE (x:%s {%s: row.k})\n", quote(label), quote(schema.KeyProperty))
	// A node MERGE just created holds its key and nothing else.
	b.WriteString("WITH x, row, size(keys(x)) = 1 AS created\n")
	return nil
}

// checkRel reports a relationship type or end label that the schema lacks.
func checkRel(typ, startLabel, endLabel string) error {
	if !schema.IsType(typ) {
		return fmt.Errorf("relationship type %q is not in the schema", typ)
	}
	for _, l := range []string{startLabel, endLabel} {
		if !schema.IsLabel(l) {
			return fmt.Errorf("label %q is not in the schema", l)
		}
	}
	return nil
}

// relEnds writes the start of a relationship statement: each row's two ends, a and b.
func relEnds(b *strings.Builder, typ, startLabel, endLabel string) error {
	if err := checkRel(typ, startLabel, endLabel); err != nil {
		return err
	}
	b.WriteString("UNWIND $rows AS row\n")
	fmt.Fprintf(b, "MATCH (a:%s {%s: row.s})\n", quote(startLabel), quote(schema.KeyProperty))
	fmt.Fprintf(b, "MATCH (b:%s {%s: row.e})\n", quote(endLabel), quote(schema.KeyProperty))
	return nil
}

// relHead is nodeHead for a relationship statement.
func relHead(b *strings.Builder, typ, startLabel, endLabel string) error {
	if err := relEnds(b, typ, startLabel, endLabel); err != nil {
		return err
	}
	fmt.Fprintf(b, "MERGE (a)-[x:%s]->(b)\n", quote(typ))
	// A relationship MERGE just created has no properties.
	b.WriteString("WITH x, row, size(keys(x)) = 0 AS created\n")
	return nil
}

// writeFresh writes the rest of a fresh statement: a new node or relationship takes the
// row's properties, one that existed is only named.
func writeFresh(b *strings.Builder) {
	b.WriteString("FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | SET x += row.p)\n")
	b.WriteString("RETURN count(*) AS rows, collect(CASE WHEN created THEN null ELSE row.i END) AS existing\n")
}

// settable reports whether p is what merging p into a node or relationship with no
// properties gives, so that a fresh statement may set it as it is. Every other property
// merges into nothing as it is; sources and evidence must be lists that merging keeps
// whole: sources without duplicates and evidence for at most the first
// graph.MaxEvidence of them, neither list empty, no evidence without sources. Graphs
// built with graph.AddNode and AddRel hold only such properties.
func settable(p graph.Props) bool {
	src, hasSrc := p["sources"]
	ev, hasEv := p["evidence"]
	if !hasSrc {
		return !hasEv
	}
	sources, ok := src.([]string)
	if !ok || len(sources) == 0 {
		return false
	}
	if hasEv {
		evidence, ok := ev.([]string)
		if !ok || len(evidence) == 0 || len(evidence) > min(len(sources), graph.MaxEvidence) {
			return false
		}
	}
	for i, s := range sources {
		if slices.Contains(sources[:i], s) {
			return false
		}
	}
	return true
}

// writeMerge writes the part shared by nodes and relationships: compute every new value
// from the old one (x.p) and the row's (row.p.p), write them only when one differs, and
// count the rows that existed and changed.
func writeMerge(b *strings.Builder, props []prop) {
	if len(props) == 0 {
		b.WriteString("RETURN 0 AS updated, count(*) AS rows\n")
		return
	}
	type target struct{ name, value string }
	var targets []target
	var exprs []string
	for i, p := range props {
		v := "v" + strconv.Itoa(i)
		old := "x." + quote(p.Name)
		in := "row.p." + quote(p.Name)
		switch p.Kind {
		case keepFirst:
			exprs = append(exprs, fmt.Sprintf("coalesce(%s, %s) AS %s", old, in, v))
			targets = append(targets, target{p.Name, v})
		case sortedSet:
			exprs = append(exprs, fmt.Sprintf(
				"CASE WHEN %[2]s IS NULL THEN %[1]s WHEN %[1]s IS NULL THEN %[2]s "+
					"WHEN all(s IN %[2]s WHERE s IN %[1]s) THEN %[1]s "+
					"ELSE COLLECT { UNWIND %[1]s + %[2]s AS s WITH DISTINCT s ORDER BY s RETURN s } END AS %[3]s",
				old, in, v))
			targets = append(targets, target{p.Name, v})
		case earliest:
			exprs = append(exprs, fmt.Sprintf("CASE WHEN %[2]s IS NOT NULL AND (%[1]s IS NULL OR %[2]s < %[1]s) THEN %[2]s ELSE %[1]s END AS %[3]s", old, in, v))
			targets = append(targets, target{p.Name, v})
		case latest:
			exprs = append(exprs, fmt.Sprintf("CASE WHEN %[2]s IS NOT NULL AND (%[1]s IS NULL OR %[2]s > %[1]s) THEN %[2]s ELSE %[1]s END AS %[3]s", old, in, v))
			targets = append(targets, target{p.Name, v})
		case followLatest:
			// The sighting is later when its lastSeen is after the stored one.
			exprs = append(exprs, fmt.Sprintf(
				"CASE WHEN %[2]s IS NOT NULL AND (%[1]s IS NULL OR (row.p.lastSeen IS NOT NULL AND row.p.lastSeen > coalesce(x.lastSeen, ''))) THEN %[2]s ELSE %[1]s END AS %[3]s",
				old, in, v))
			targets = append(targets, target{p.Name, v})
		case provenance:
			// A source not yet listed is appended, and its sentence with it while fewer
			// than MaxEvidence are kept and the two lists are still aligned.
			exprs = append(exprs, fmt.Sprintf(
				"reduce(acc = {s: coalesce(x.sources, []), e: coalesce(x.evidence, [])}, "+
					"i IN range(0, size(coalesce(row.p.sources, [])) - 1) | "+
					"CASE WHEN row.p.sources[i] IN acc.s THEN acc "+
					"ELSE {s: acc.s + row.p.sources[i], "+
					"e: CASE WHEN size(acc.e) < %[1]d AND size(acc.e) = size(acc.s) AND i < size(coalesce(row.p.evidence, [])) "+
					"THEN acc.e + row.p.evidence[i] ELSE acc.e END} END) AS %[2]s",
				graph.MaxEvidence, v))
			targets = append(targets,
				target{"sources", fmt.Sprintf("CASE WHEN size(%[1]s.s) = 0 THEN x.sources ELSE %[1]s.s END", v)},
				target{"evidence", fmt.Sprintf("CASE WHEN size(%[1]s.e) = 0 THEN x.evidence ELSE %[1]s.e END", v)})
		}
	}
	fmt.Fprintf(b, "WITH x, created, %s\n", strings.Join(exprs, ",\n  "))
	var sets, diffs []string
	for _, t := range targets {
		old := "x." + quote(t.name)
		sets = append(sets, fmt.Sprintf("%s = %s", old, t.value))
		diffs = append(diffs, fmt.Sprintf("coalesce(%[1]s <> %[2]s, (%[1]s IS NULL) <> (%[2]s IS NULL))", old, t.value))
	}
	vars := make([]string, len(props))
	for i := range props {
		vars[i] = "v" + strconv.Itoa(i)
	}
	fmt.Fprintf(b, "WITH x, created, %s, %s AS changed\n", strings.Join(vars, ", "), strings.Join(diffs, " OR\n  "))
	fmt.Fprintf(b, "FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |\n  SET %s)\n", strings.Join(sets, ", "))
	b.WriteString("RETURN count(CASE WHEN changed AND NOT created THEN 1 END) AS updated, count(*) AS rows\n")
}
