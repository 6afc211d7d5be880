package bulk

import (
	"math/bits"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// What a run did to a row that the row did not say, noted on its result
// so that nothing changes in silence: the defaults it filled in, and the
// numbers it normalized. Each is a set of columns, by their place in
// callcenter.Columns (fewer than 64), so that a result holds it in a word.

// columnSet is a set of columns of callcenter.Columns, by index.
type columnSet uint64

// columns is callcenter.Columns, read once, and each column's index.
var columns = sync.OnceValues(func() ([]callcenter.Column, map[string]int) {
	cols := callcenter.Columns()
	index := make(map[string]int, len(cols))
	for i, c := range cols {
		index[c.Field] = i
	}
	return cols, index
})

// names returns the columns of s, in table order (nil for none).
func (s columnSet) names() []string {
	if s == 0 {
		return nil
	}
	cols, _ := columns()
	out := make([]string, 0, bits.OnesCount64(uint64(s)))
	for i := range cols {
		if s&(1<<i) != 0 {
			out = append(out, cols[i].Field)
		}
	}
	return out
}

// setOf returns the set of the named columns; unknown names are left out.
func setOf(names []string) columnSet {
	_, index := columns()
	var s columnSet
	for _, n := range names {
		if i, ok := index[n]; ok {
			s |= 1 << i
		}
	}
	return s
}

// defaultsFilled returns the columns with a default (reference 000's) that
// cc leaves unset: those ApplyDefaults fills in.
func defaultsFilled(cc *callcenter.CallCenter) columnSet {
	cols, _ := columns()
	var s columnSet
	for i := range cols {
		if cols[i].Default != "" && cc.Get(cols[i].Field) == "" {
			s |= 1 << i
		}
	}
	return s
}

// The number columns Normalize rewrites.
const (
	phoneColumn     = "serviceInstanceProfile.phoneNumber"
	clidPhoneColumn = "serviceInstanceProfile.callingLineIdPhoneNumber"
	extensionColumn = "serviceInstanceProfile.extension"
)

// normalizeRow normalizes cc (enum spellings, and the separators of its
// numbers: see callcenter.CallCenter.Normalize) and returns the number
// columns it changed. A new spelling of an enum value is no change.
func normalizeRow(cc *callcenter.CallCenter) columnSet {
	p := &cc.Profile
	phone, clid, ext := p.PhoneNumber, p.CallingLineIDPhoneNumber, p.Extension
	cc.Normalize()
	var changed []string
	if p.PhoneNumber != phone {
		changed = append(changed, phoneColumn)
	}
	if p.CallingLineIDPhoneNumber != clid {
		changed = append(changed, clidPhoneColumn)
	}
	if p.Extension != ext {
		changed = append(changed, extensionColumn)
	}
	if changed == nil {
		return 0
	}
	return setOf(changed)
}

// noteRow gives a row's result what the run learned of the row: its line,
// the numbers normalized, and, when the run built the row's create, the
// defaults that went into it.
func (res *Result) noteRow(it *item) {
	if res.Prune {
		return
	}
	res.Line = it.line
	res.normalized = it.normalized
	if res.create {
		res.defaulted = defaultsFilled(&it.cc)
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
