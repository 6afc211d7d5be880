//go:build race

package bulk_test

// raceEnabled: the race detector changes what escapes and adds
// allocations of its own, so allocation counts differ.
const raceEnabled = true
