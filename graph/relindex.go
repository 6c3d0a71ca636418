package graph

import "hash/maphash"

// relIndex finds a graph's relationships by type and ends. It keys them by a hash of
// the three, not by the three strings: a map slot of 16 bytes where one keyed by the
// strings takes 56, which for a graph of millions of relationships is a sixth of its
// memory. Two relationships whose hashes collide are told apart: the second goes to a
// map keyed by the strings.
type relIndex struct {
	seed maphash.Seed
	mask uint64 // all ones; tests keep a few bits to make hashes collide
	m    map[uint64]*Rel
	more map[relID]*Rel // relationships whose hash one in m has; nil while none
}

func newRelIndex() relIndex {
	return relIndex{seed: maphash.MakeSeed(), mask: ^uint64(0), m: map[uint64]*Rel{}}
}

func (x *relIndex) hash(id relID) uint64 { return maphash.Comparable(x.seed, id) & x.mask }

// is reports whether r has the identity id.
func is(r *Rel, id relID) bool {
	return r.Type == id.typ && r.Start.Key == id.start && r.End.Key == id.end
}

// get returns the relationship id, or nil.
func (x *relIndex) get(id relID) *Rel { return x.getHashed(x.hash(id), id) }

// getHashed is get for id's hash h, which a put that may follow reuses.
func (x *relIndex) getHashed(h uint64, id relID) *Rel {
	if r := x.m[h]; r != nil && is(r, id) {
		return r
	}
	if x.more == nil {
		return nil
	}
	return x.more[id]
}

// putHashed files r under id, whose hash is h; id must not be filed yet.
func (x *relIndex) putHashed(h uint64, id relID, r *Rel) {
	if old := x.m[h]; old == nil {
		x.m[h] = r
		return
	}
	if x.more == nil {
		x.more = map[relID]*Rel{}
	}
	x.more[id] = r
}

// remove deletes the relationship id, if there is one. It never moves another
// relationship, so a loop over all may remove as it goes.
func (x *relIndex) remove(id relID) {
	h := x.hash(id)
	if r := x.m[h]; r != nil && is(r, id) {
		delete(x.m, h)
		return
	}
	delete(x.more, id)
}

func (x *relIndex) len() int { return len(x.m) + len(x.more) }

// all yields every relationship, in no particular order (range over it).
func (x *relIndex) all(yield func(*Rel) bool) {
	for _, r := range x.m {
		if !yield(r) {
			return
		}
	}
	for _, r := range x.more {
		if !yield(r) {
			return
		}
	}
}
