package eval_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/eval"
	"github.com/newsgraph/newsgraph/graph"
)

// The quality floors: the figures the extractor reached on examples/ when they were set,
// rounded down. Raise them when the extractor gets better; never lower them to make a
// change pass.
const (
	// floorTriplesF1 is the triples F1 over every examples/*.gold.json together.
	floorTriplesF1 = 0.90
	// floorSeedPersons is the persons F1 on the seed page, examples/jiefang-2021-05-28.
	floorSeedPersons = 1.00
	// floorSeedTriples is the triples F1 on the seed page (the product's first promise: ≥ 0.95).
	floorSeedTriples = 0.95
)

// seedGold is the seed page's gold among the examples.
const seedGold = "jiefang-2021-05-28.gold.json"

// TestQualityFloor extracts every example with its gold's date and home and fails when
// the scores fall below the floors. It logs every file's figures, so a drop shows where.
func TestQualityFloor(t *testing.T) {
	golds := loadGolds(t, examplePaths(t))
	graphs := make([]*graph.Graph, len(golds))
	for i, g := range golds {
		graphs[i] = predict(t, g)
	}
	r := eval.Score(golds, graphs)

	var b strings.Builder
	fmt.Fprintf(&b, "%-56s %8s %8s %8s %8s\n", "gold", "persons", "roles", "partic.", "triples")
	var seed *eval.PairReport
	for i, p := range r.Pairs {
		name := filepath.Base(p.Gold)
		if name == seedGold {
			seed = &r.Pairs[i]
		}
		fmt.Fprintf(&b, "%-56s %8.3f %8.3f %8.3f %8.3f\n", name,
			p.Persons.F1(), p.Roles.F1(), p.Participation.F1(), p.Triples().F1())
	}
	fmt.Fprintf(&b, "%-56s %8.3f %8.3f %8.3f %8.3f", "all", r.Persons.F1(), r.Roles.F1(), r.Participation.F1(), r.Triples().F1())
	t.Logf("F1 per gold file:\n%s", b.String())

	if got := r.Triples().F1(); got < floorTriplesF1 {
		t.Errorf("triples F1 over examples/ is %.3f, below the floor %.2f (see the files above)", got, floorTriplesF1)
	}
	if seed == nil {
		t.Fatalf("examples/%s is missing", seedGold)
	}
	if got := seed.Persons.F1(); got < floorSeedPersons {
		t.Errorf("persons F1 on the seed is %.3f, below the floor %.2f\n%s", got, floorSeedPersons, strings.Join(seed.Lines, "\n"))
	}
	if got := seed.Triples().F1(); got < floorSeedTriples {
		t.Errorf("triples F1 on the seed is %.3f, below the floor %.2f\n%s", got, floorSeedTriples, strings.Join(seed.Lines, "\n"))
	}
}
