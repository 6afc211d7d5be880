package bulk

import (
	"fmt"
	"testing"
)

// TestIDSetAcrossMerges checks exact answers across several merges of the
// recent map into the sorted slice, case-insensitively.
func TestIDSetAcrossMerges(t *testing.T) {
	s := newIDSet()
	const n = 3*recentMax + 17
	for i := range n {
		if s.add(fmt.Sprintf("cc%d@example.com", i)) {
			t.Fatalf("id %d reported as seen on first add", i)
		}
	}
	if len(s.sorted) != 3*recentMax || len(s.recent) != 17 {
		t.Fatalf("sorted %d recent %d", len(s.sorted), len(s.recent))
	}
	for _, i := range []int{0, 1, recentMax - 1, recentMax, 2*recentMax + 5, n - 1} {
		if !s.add(fmt.Sprintf("CC%d@Example.com", i)) {
			t.Errorf("id %d not found again", i)
		}
	}
	if s.add("new@example.com") {
		t.Error("a new id reported as seen")
	}
}
