package bulk

import (
	"math/bits"
	"slices"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// What a run did to a row that the row did not say, noted on its result
// so that nothing changes in silence: the defaults it filled in, and the
// numbers it normalized. Each is a set of columns held in the bits of a
// small integer (a result keeps them in what would be padding): the
// defaults over the columns that have one (15), the numbers over the three
// number columns.

// defaultSet is a set of the columns with a default, by their place in
// defaultColumns.
type defaultSet uint16

// numberSet is a set of the number columns, by their place in
// numberColumns.
type numberSet uint8

// The number columns Normalize rewrites.
const (
	phoneColumn     = "serviceInstanceProfile.phoneNumber"
	clidPhoneColumn = "serviceInstanceProfile.callingLineIdPhoneNumber"
	extensionColumn = "serviceInstanceProfile.extension"
)

var numberColumns = [...]string{phoneColumn, extensionColumn, clidPhoneColumn}

// defaultColumns are the columns of callcenter.Columns that have a default,
// in table order (at most 16: a test keeps it so).
var defaultColumns = sync.OnceValue(func() []string {
	var out []string
	for _, c := range callcenter.Columns() {
		if c.Default != "" {
			out = append(out, c.Field)
		}
	}
	return out
})

// names returns the columns of s, in table order (nil for none).
func (s defaultSet) names() []string { return bitNames(uint64(s), defaultColumns()) }

// names returns the columns of s (nil for none).
func (s numberSet) names() []string { return bitNames(uint64(s), numberColumns[:]) }

// bitNames returns the names whose bit is set in bits.
func bitNames(bits uint64, names []string) []string {
	if bits == 0 {
		return nil
	}
	out := make([]string, 0, bits64(bits))
	for i, n := range names {
		if bits&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

func bits64(b uint64) int { return bits.OnesCount64(b) }

// bitsOf returns the bits of the given names among names; unknown ones are
// left out.
func bitsOf(given, names []string) uint64 {
	var b uint64
	for _, g := range given {
		if i := slices.Index(names, g); i >= 0 {
			b |= 1 << i
		}
	}
	return b
}

// defaultsFilled returns the columns with a default (reference 000's) that
// cc leaves unset: those ApplyDefaults fills in.
func defaultsFilled(cc *callcenter.CallCenter) defaultSet {
	var s defaultSet
	for i, col := range defaultColumns() {
		if !cc.IsSet(col) {
			s |= 1 << i
		}
	}
	return s
}

// normalizeRow normalizes cc (enum spellings, and the separators of its
// numbers: see callcenter.CallCenter.Normalize) and returns the number
// columns it changed. A new spelling of an enum value is no change.
func normalizeRow(cc *callcenter.CallCenter) numberSet {
	p := &cc.Profile
	before := [...]string{p.PhoneNumber, p.Extension, p.CallingLineIDPhoneNumber}
	cc.Normalize()
	var s numberSet
	for i, now := range [...]string{p.PhoneNumber, p.Extension, p.CallingLineIDPhoneNumber} {
		if now != before[i] {
			s |= 1 << i
		}
	}
	return s
}

// noteRow gives a row's result what the run learned of the row: its line,
// the numbers normalized, and, when the run built the row's create, the
// defaults that went into it (found by the worker that applied them).
func (res *Result) noteRow(it *item) {
	if res.Prune {
		return
	}
	res.Line = it.line
	res.normalized = it.normalized
	if res.create {
		res.defaulted = it.defaulted
	}
}

// Defaulted returns the columns whose values came from reference 000's
// defaults (callcenter.Column.Default) because the row left them empty or
// the sheet lacks them: set on the results of rows created, or to be
// created (a dry run, a plan), in table order. A call center that exists
// is never given defaults.
func (r Result) Defaulted() []string { return r.defaulted.names() }

// Normalized returns the number columns (phone numbers, extension) whose
// cells the run rewrote before using them: the spaces, dashes, dots and
// brackets removed (see callcenter.CallCenter.Normalize). Data holds the
// values used.
func (r Result) Normalized() []string { return r.normalized.names() }
