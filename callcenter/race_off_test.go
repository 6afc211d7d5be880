//go:build !race

package callcenter_test

const raceEnabled = false
