package bulk

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
)

// lookupTimeout bounds the lookups that settle an unknown outcome (all of
// a row's, together). They run even when the run's context is cancelled, so
// a result is never left unknown just because the caller stopped.
const lookupTimeout = 30 * time.Second

// settle decides the rows that need no work: parse errors, duplicates,
// rows done in an earlier run, and rows not started before cancellation or
// a systemic stop.
func (r *run) settle(ctx context.Context, it *item) (Result, bool) {
	res := Result{Index: it.index, Prune: it.isPrune()}
	switch {
	case it.err != nil:
		res.Status, res.Err = StatusInvalid, it.err
	case it.prev != nil && it.prev.id != "" && !callcenter.SameUserID(it.prev.id, it.cc.ServiceUserID):
		// (An earlier row with no id was unusable, never sent: any fix of it
		// is welcome.)
		res.Status = StatusInvalid
		res.Err = &RowError{Row: it.index, Line: it.line, Err: fmt.Errorf("resume: earlier result %d is for %q, this row is for %q: the input changed", it.index, it.prev.id, it.cc.ServiceUserID)}
	case it.prev != nil && it.prev.done() && it.prev.asks(&it.row):
		// (A row edited since asks for something else: it runs again.)
		res.Status, res.Success, res.Response = StatusDone, true, "succeeded in an earlier run"
	case it.dup:
		res.Status = StatusInvalid
		res.Err = &RowError{Row: it.index, Line: it.line, Column: "serviceUserId", Err: fmt.Errorf("%w: %q is in an earlier row too", ErrDuplicateRow, it.cc.ServiceUserID)}
	case !r.cfg.dryRun && r.notStarted(ctx, &res):
	default:
		return res, false
	}
	res.data = packed.Pack(&it.cc)
	res.staff = it.settledStaff(res.Status)
	return res, true
}

// resolve looks the call center up after an unknown outcome, again after
// each of the settle delays while it is not found (or, with match, while it
// does not match yet). All of it, pauses included, runs within one
// lookupTimeout, even if ctx is cancelled: an unknown outcome must be
// settled, but not forever.
func resolve(ctx context.Context, ops reader, cfg *config, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	return settleLookup(ctx, ops, cfg, cc, true)
}

// settleLookup looks cc up, and again after each of the settle delays
// while it is not found (until true) or still found (until false), all
// within one lookupTimeout even if ctx is cancelled.
func settleLookup(ctx context.Context, ops reader, cfg *config, cc callcenter.CallCenter, until bool) (*callcenter.CallCenter, bool, error) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lookupTimeout)
	defer cancel()
	stored, found, err := ops.LookupCallCenter(lctx, cc)
	for _, d := range cfg.settle {
		if found == until || err != nil {
			break
		}
		select {
		case <-time.After(d):
		case <-lctx.Done():
			return nil, false, fmt.Errorf("settling the outcome: %w", context.Cause(lctx))
		}
		stored, found, err = ops.LookupCallCenter(lctx, cc)
	}
	return stored, found, err
}

// lookup asks the platform for the stored call center, within
// lookupTimeout even if ctx is cancelled: an unknown outcome must be
// settled.
func lookup(ctx context.Context, ops reader, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lookupTimeout)
	defer cancel()
	return ops.LookupCallCenter(lctx, cc)
}

// compared fills res from a stored call center: success with status when
// it matches want (the row after defaults), StatusExists with the differences when it does not.
func compared(res Result, want callcenter.CallCenter, stored *callcenter.CallCenter, status Status) Result {
	res.Differences = callcenter.Diff(want, *stored)
	if len(res.Differences) == 0 {
		res.Status, res.Success, res.Err = status, true, nil
		if res.Response == "" {
			res.Response = "found stored as requested"
		}
		return res
	}
	res.Status, res.Success = StatusExists, false
	res.Err = fmt.Errorf("a call center %q exists with other data: %s", want.ServiceUserID, joinDiffs(res.Differences))
	return res
}

func joinDiffs(d []callcenter.FieldError) string {
	s := make([]string, len(d))
	for i, f := range d {
		s[i] = f.Error()
	}
	return strings.Join(s, "; ")
}
