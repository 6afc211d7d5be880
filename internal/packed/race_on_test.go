//go:build race

package packed_test

// raceEnabled: the race detector makes sync.Pool drop values at random,
// so allocation counts differ.
const raceEnabled = true
