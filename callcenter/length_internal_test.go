package callcenter

import "testing"

// length's fast path agrees with its full check on every input.
func FuzzLength(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "Sales Center", "セールス", "a\tb", "a\x7fb", "\xff", "~~~"} {
		f.Add(s, 1, 30)
	}
	f.Fuzz(func(t *testing.T, s string, lo, hi int) {
		lo, hi = lo%200, hi%200
		n, ok := plainLength(s)
		full := tokenProblem(s, lo, hi)
		if ok && (full == "") != (n >= lo && n <= hi) {
			t.Fatalf("%q in [%d, %d]: fast path length %d, full check %q", s, lo, hi, n, full)
		}
		if got := length(lo, hi)(s); got != full {
			t.Fatalf("%q in [%d, %d]: length says %q, the full check %q", s, lo, hi, got, full)
		}
	})
}
