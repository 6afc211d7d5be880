package bulk

import (
	"hash/maphash"
	"maps"
	"slices"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// idSet remembers the service user ids seen so far (by the identity rule,
// callcenter.UserIDKey) as
// 64-bit hashes, in a sorted slice plus a small map of recent ones merged in
// when full: about 8 bytes a row, so a million-row input costs some 8 MiB
// rather than a copy of every id. (A false duplicate needs two ids with the
// same seeded 64-bit hash: about one chance in 10^7 per million rows.)
type idSet struct {
	seed   maphash.Seed
	recent map[uint64]struct{}
	sorted []uint64
}

// recentMax is how many hashes the map holds before they are merged into
// the sorted slice.
const recentMax = 1 << 15

func newIDSet() *idSet {
	return &idSet{seed: maphash.MakeSeed(), recent: make(map[uint64]struct{}, recentMax)}
}

// add records id and reports whether an earlier row had it already.
func (s *idSet) add(id string) bool {
	h := maphash.String(s.seed, callcenter.UserIDKey(id))
	if _, ok := s.recent[h]; ok {
		return true
	}
	if _, ok := slices.BinarySearch(s.sorted, h); ok {
		return true
	}
	s.recent[h] = struct{}{}
	if len(s.recent) >= recentMax {
		s.merge()
	}
	return false
}

// merge moves the recent hashes into the sorted slice.
func (s *idSet) merge() {
	add := slices.Sorted(maps.Keys(s.recent))
	out := make([]uint64, 0, len(s.sorted)+len(add))
	i, j := 0, 0
	for i < len(s.sorted) && j < len(add) {
		if s.sorted[i] < add[j] {
			out = append(out, s.sorted[i])
			i++
		} else {
			out = append(out, add[j])
			j++
		}
	}
	out = append(append(out, s.sorted[i:]...), add[j:]...)
	s.sorted = out
	clear(s.recent)
}
