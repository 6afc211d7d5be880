package bulk

import (
	"strings"
)

// Suggestions: the known column an unknown header name probably means.

// suggestFrom returns the column of cand closest to an unknown name, when one is
// close enough to be a likely misspelling: the same name but for spaces,
// underscores or hyphens, the last part of a dotted name
// ("callingLineIdLastName" for serviceInstanceProfile.callingLineIdLastName),
// or a few edits away.
func suggestFrom(name string, cand []string) (string, bool) {
	if len(name) > 80 {
		return "", false
	}
	n := squash(name)
	if n == "" {
		return "", false
	}
	limit := min(len(n)/4+1, 3)
	best, bestD := "", limit+1
	for _, c := range cand {
		full := squash(c)
		last := full
		if i := strings.LastIndexByte(c, '.'); i >= 0 {
			last = squash(c[i+1:])
		}
		if n == full || n == last {
			return c, true
		}
		if d := min(distance(n, full), distance(n, last)); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}

// squash lower-cases s and drops spaces, underscores and hyphens.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// distance is the Levenshtein distance between a and b, in bytes (the
// names compared are ASCII).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
