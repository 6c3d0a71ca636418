package graph

import (
	"maps"
	"slices"
	"sort"
	"unsafe"
)

// mergeProps merges src into dst:
//   - sources and evidence are parallel lists: a source not yet listed is appended, and
//     its sentence with it while fewer than MaxEvidence sentences are kept;
//   - every other []string is a set, kept sorted;
//   - firstSeen keeps the earliest date, lastSeen the latest, and status follows the
//     latest sighting;
//   - any other value is set when dst has none.
func mergeProps(dst, src Props, gr growth) {
	if src == nil {
		return
	}
	newer := laterSighting(dst, src)
	for k, v := range src {
		switch k {
		case "sources", "evidence":
			continue
		case "firstSeen": // v itself, not s boxed again: the value is kept, not a copy
			if s, _ := v.(string); s != "" {
				if old, _ := dst[k].(string); old == "" || s < old {
					dst[k] = v
				}
			}
		case "lastSeen":
			if s, _ := v.(string); s != "" {
				if old, _ := dst[k].(string); old == "" || s > old {
					dst[k] = v
				}
			}
		case "status":
			if _, ok := dst[k]; !ok || newer {
				dst[k] = v
			}
		default:
			switch val := v.(type) {
			case []string:
				old, _ := dst[k].([]string)
				if len(old) == 0 && val != nil && isSet(val) {
					// src's set as it is, shared: lists are never changed in place (a nil
					// one becomes an empty list below, as it always did: Neo4j and JSON
					// give it back as [], not null)
					dst[k] = v
					continue
				}
				dst[k] = unionSorted(old, val)
			default:
				if _, ok := dst[k]; !ok {
					dst[k] = v
				}
			}
		}
	}
	mergeEvidence(dst, src, gr)
}

// MergeChanges reports whether merging src into dst, as the graph merges a node or
// relationship it holds already, would change dst. dst is not changed. A value of a kind
// the graph does not keep (other than string, []string, int64, float64 and bool) counts
// as a change.
func MergeChanges(dst, src Props) bool {
	if src == nil {
		return false
	}
	merged := maps.Clone(dst)
	if merged == nil {
		merged = Props{}
	}
	mergeProps(merged, src, nil) // lists are never changed in place: dst's stay as they are
	return !equalProps(merged, dst)
}

// laterSighting reports whether src was seen strictly later than dst.
func laterSighting(dst, src Props) bool {
	s, _ := src["lastSeen"].(string)
	d, _ := dst["lastSeen"].(string)
	return s != "" && s > d
}

// longList is the length from which a graph grows a sources list it grew before in
// place (see growth); shorter ones are copied to grow, which costs less than keeping
// track of them. From veryLong on, the graph also keeps the list's sources as a set, to
// look a new one up without reading the whole list.
const (
	longList = 64
	veryLong = 1024
)

// growth records the long sources lists a graph grew itself, by their array, with the
// length each was grown to. Lists are shared freely (between the props of one sentence's
// facts, or a map and its copy), so a list is copied before it grows, which makes a
// relationship read in N articles cost N²: a leader's post in a decade of a daily paper
// has tens of thousands of sources (40,000 took 14 s to merge, one by one). A list whose
// array the graph allocated and whose length is still the one it grew it to is one no
// other holder has appended to: it grows in place, into the array's spare capacity. Any
// other holder of that array has a shorter length, so it can neither see the new element
// nor pass the check, and copies as before.
type growth map[*string]*grown

// grown is what growth knows of one list: its length, and for a very long one the set
// of its sources.
type grown struct {
	n   int
	set map[string]struct{}
}

// known returns the set of l's sources when the graph keeps one and l is the list it
// grew (so l is its own, as own would say), else nil.
func (gr growth) known(l []string) map[string]struct{} {
	if gr == nil || len(l) < veryLong {
		return nil
	}
	if g := gr[unsafe.SliceData(l)]; g != nil && g.n == len(l) {
		return g.set
	}
	return nil
}

// own returns l ready to be appended to: l itself when gr says dst may grow it in place,
// else l with no spare capacity, so that append copies it.
func (gr growth) own(l []string) []string {
	if gr != nil && len(l) >= longList {
		if g := gr[unsafe.SliceData(l)]; g != nil && g.n == len(l) {
			return l
		}
	}
	return slices.Clip(l)
}

// grew records that the graph grew a list from was to l; set, when not nil, is the set
// of l's sources (known's, kept up to date).
func (gr growth) grew(was, l []string, set map[string]struct{}) {
	if gr == nil || len(l) < longList {
		return
	}
	p := unsafe.SliceData(l)
	if q := unsafe.SliceData(was); q != p {
		delete(gr, q)
	}
	g := gr[p]
	if g == nil {
		g = &grown{}
		gr[p] = g
	}
	g.n = len(l)
	if set != nil {
		g.set = set
	}
	if g.set == nil && len(l) >= veryLong {
		g.set = make(map[string]struct{}, len(l))
		for _, s := range l {
			g.set[s] = struct{}{}
		}
	}
}

func mergeEvidence(dst, src Props, gr growth) {
	srcSources, _ := src["sources"].([]string)
	srcEvidence, _ := src["evidence"].([]string)
	if len(srcSources) == 0 {
		return
	}
	_, hasSources := dst["sources"]
	_, hasEvidence := dst["evidence"]
	if !hasSources && !hasEvidence && len(srcEvidence) <= min(MaxEvidence, len(srcSources)) && distinct(srcSources) {
		// what the loop below would build: src's own lists, shared (lists are never
		// changed in place)
		dst["sources"] = src["sources"]
		if len(srcEvidence) > 0 {
			dst["evidence"] = src["evidence"]
		}
		return
	}
	sources, _ := dst["sources"].([]string)
	evidence, _ := dst["evidence"].([]string)
	set := gr.known(sources) // when set, sources is the graph's own: appended to in place
	cloned := false
	for i, s := range srcSources {
		if set != nil {
			if _, ok := set[s]; ok {
				continue
			}
			set[s] = struct{}{}
		} else if slices.Contains(sources, s) {
			continue
		}
		if !cloned {
			// dst's lists may be shared with other props: they are copied before they
			// grow, unless the graph knows a long one to be its own (growth)
			sources = gr.own(sources)
			evidence = slices.Clip(evidence)
			cloned = true
		}
		sources = append(sources, s)
		if len(evidence) < MaxEvidence && len(evidence) == len(sources)-1 && i < len(srcEvidence) {
			evidence = append(evidence, srcEvidence[i])
		}
	}
	if !cloned {
		return // every source was listed already
	}
	was, _ := dst["sources"].([]string)
	gr.grew(was, sources, set)
	dst["sources"] = sources
	if len(evidence) > 0 {
		dst["evidence"] = evidence
	}
}

func unionSorted(a, b []string) []string {
	if len(a) > 0 && slices.IsSorted(a) && isSubset(b, a) {
		return a // nothing to add: a stays, unchanged and unshared with b
	}
	out := make([]string, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	sort.Strings(out)
	return slices.Compact(out)
}

// isSet reports whether l is sorted and holds no value twice.
func isSet(l []string) bool {
	for i := 1; i < len(l); i++ {
		if l[i-1] >= l[i] {
			return false
		}
	}
	return true
}

// distinct reports whether a short list has no value twice; a long one is not checked
// and reported false.
func distinct(l []string) bool {
	if len(l) > 8 {
		return false
	}
	for i := range l {
		if slices.Contains(l[:i], l[i]) {
			return false
		}
	}
	return true
}

// isSubset reports whether every element of b is in a, a sorted.
func isSubset(b, a []string) bool {
	for _, s := range b {
		if _, ok := slices.BinarySearch(a, s); !ok {
			return false
		}
	}
	return true
}

// Provenance returns the props that tie a fact to the article and sentence it was read from.
func Provenance(article, sentence string) Props {
	return Props{"sources": []string{article}, "evidence": []string{sentence}}
}
