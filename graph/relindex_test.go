package graph

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestRelIndexCollisions runs random puts, gets and removes, some while looping over
// all, against a map keyed by the strings, with hashes cut to two bits so that nearly
// every relationship collides with another.
func TestRelIndexCollisions(t *testing.T) {
	for _, mask := range []uint64{0, 3, ^uint64(0)} {
		r := rand.New(rand.NewPCG(mask, 9))
		x := newRelIndex()
		x.mask = mask
		want := map[relID]*Rel{}
		id := func() relID {
			return relID{fmt.Sprint("T", r.IntN(2)), fmt.Sprint("a", r.IntN(6)), fmt.Sprint("b", r.IntN(6))}
		}
		for step := range 5000 {
			k := id()
			switch r.IntN(4) {
			case 0, 1:
				if want[k] == nil {
					rel := &Rel{Type: k.typ, Start: Ref{"A", k.start}, End: Ref{"B", k.end}}
					x.putHashed(x.hash(k), k, rel)
					want[k] = rel
				}
			case 2:
				x.remove(k)
				delete(want, k)
			case 3: // remove every relationship of one start while looping over all
				for rel := range x.all {
					if rel.Start.Key == k.start {
						x.remove(rel.id())
						delete(want, rel.id())
					}
				}
			}
			for _, k := range []relID{k, id()} {
				if got := x.get(k); got != want[k] {
					t.Fatalf("mask %x, step %d: get(%v) = %v, want %v", mask, step, k, got, want[k])
				}
			}
			seen := map[relID]bool{}
			for rel := range x.all {
				if seen[rel.id()] || want[rel.id()] != rel {
					t.Fatalf("mask %x, step %d: all gives %s twice or not in the index", mask, step, rel.ID())
				}
				seen[rel.id()] = true
			}
			if len(seen) != len(want) || x.len() != len(want) {
				t.Fatalf("mask %x, step %d: all gives %d, len %d, want %d", mask, step, len(seen), x.len(), len(want))
			}
		}
	}
}
