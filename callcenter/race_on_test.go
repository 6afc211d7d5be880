//go:build race

package callcenter_test

// raceEnabled: the race detector makes sync.Pool drop values at random,
// so allocation counts differ.
const raceEnabled = true
