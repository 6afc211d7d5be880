package bulk

import (
	"slices"
	"testing"
	"unsafe"
)

// TestNotesFitTheirBits: the columns with a default fit the bits of a
// defaultSet, and the number columns those of a numberSet; a Result keeps
// both, with its line and staffing, in 152 bytes on 64-bit (the flags share one word).
func TestNotesFitTheirBits(t *testing.T) {
	if n := len(defaultColumns()); n == 0 || n > 16 {
		t.Errorf("%d columns have a default: a defaultSet holds 16", n)
	}
	all := defaultSet(1<<len(defaultColumns()) - 1)
	if !slices.Equal(all.names(), defaultColumns()) {
		t.Errorf("names %v", all.names())
	}
	if got := numberSet(7).names(); len(got) != 3 || numberSet(bitsOf(got, numberColumns[:])) != 7 {
		t.Errorf("number columns %v", got)
	}
	if size := unsafe.Sizeof(Result{}); unsafe.Sizeof(0) == 8 && size > 152 {
		t.Errorf("a Result is %d bytes, want at most 152", size)
	}
}
