package callcenter

import "testing"

// The flags of the table fit Pack's one uint64 (two bits each) and, with
// the numbers, Unpack's one block of values.
func TestPackTable(t *testing.T) {
	flags, nums := 0, 0
	for _, f := range fields {
		switch {
		case f.flagp != nil:
			flags++
		case f.nump != nil:
			nums++
		case f.str == nil:
			t.Errorf("%s: Pack knows no kind of it", f.Field)
		}
	}
	if flags > 32 {
		t.Errorf("%d flags: Pack writes at most 32 (two bits each in a uint64)", flags)
	}
	if flags > maxFlags || nums > maxNums {
		t.Errorf("%d flags and %d numbers: Unpack's block holds %d and %d", flags, nums, maxFlags, maxNums)
	}
}
