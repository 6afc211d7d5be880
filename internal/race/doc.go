// Package race tells the module's tests whether the race detector is built
// in: it changes what escapes to the heap, drops sync.Pool values at random
// and allocates on its own, so tests that count allocations skip or relax
// their bound under it.
package race
