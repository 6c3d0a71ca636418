package extract

import (
	"reflect"
	"slices"
	"testing"
)

func TestSlabSlicesDoNotOverlap(t *testing.T) {
	var s slab[int]
	a := s.take(3)
	b := s.take(2)
	a = append(a, 1, 2, 3, 4) // past its capacity: moves, b untouched
	b = append(b, 7, 8)
	if got, want := a, []int{1, 2, 3, 4}; !reflect.DeepEqual(got, want) {
		t.Errorf("a = %v, want %v", got, want)
	}
	if got, want := b, []int{7, 8}; !reflect.DeepEqual(got, want) {
		t.Errorf("b = %v, want %v", got, want)
	}
	big := s.take(5000) // more than the slab holds: a new one
	if cap(big) != 5000 || len(big) != 0 {
		t.Errorf("take(5000): len %d cap %d, want 0 and 5000", len(big), cap(big))
	}
	s.reset()
	if c := s.take(1); cap(c) != 1 || &s.buf[0] != &c[:1][0] {
		t.Error("after reset, take does not start again at the beginning of the slab")
	}
}

// TestScratchSegmentReused cuts sentence after sentence with one scratch, as a worker
// does, and wants what a fresh scratch gives for each: nothing of a longer sentence before
// is left over.
func TestScratchSegmentReused(t *testing.T) {
	x, err := testExtractor()
	if err != nil {
		t.Fatal(err)
	}
	reused := new(scratch)
	for _, s := range []string{"上海市委书记、协作小组组长李强主持会议并讲话。", "", "CEO张三说：好。", "中国移动董事长杨杰"} {
		want := slices.Clone(new(scratch).segment(x.seg, s))
		got := reused.segment(x.seg, s)
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("%q: a reused scratch gives %v, a fresh one %v", s, got, want)
		}
	}
}
