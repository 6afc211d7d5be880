package bulk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// applyRow makes the platform hold one row: create it when missing, modify
// the fields that differ, or leave it.
func (r *runner) applyRow(ctx context.Context, it *item) Result {
	res := Result{Index: it.index, Data: it.cc}
	if len(it.cells) > 0 {
		res.Status, res.Err = StatusInvalid, rowError(it, nil)
		return res
	}
	// The row must at least name a valid call center before anything is
	// read (the password is checked only if it is to be created).
	full := it.cc
	full.ApplyDefaults()
	if err := withoutPassword(full.Validate()); err != nil {
		res.Status, res.Err = StatusInvalid, rowError(it, err)
		return res
	}
	if r.cfg.dryRun {
		// No network at all: whether it exists is not known.
		res.Data, res.Status, res.Success = full, StatusValidated, true
		return res
	}
	stored, found, err := lookup(ctx, r.ops, it.cc)
	switch {
	case err != nil:
		res.Status, res.Err = StatusFailed, fmt.Errorf("reading the stored call center: %w", err)
		return res
	case !found:
		return r.process(ctx, it)
	}
	// Exists: compare only what the sheet sets (an empty cell keeps).
	diffs := callcenter.Diff(it.cc, *stored)
	want := callcenter.Overlay(*stored, it.cc)
	want.Profile.Password = "" // create-only: never sent on a modify
	res.Data = want
	if err := withoutPassword(want.Validate()); err != nil {
		res.Status, res.Err = StatusInvalid, rowError(it, err)
		return res
	}
	if len(diffs) == 0 {
		res.Status, res.Success, res.Response, res.Planned = StatusUnchanged, true, "stored as the sheet says", r.cfg.plan
		return res
	}
	res.Differences = diffs
	fields := make([]string, len(diffs))
	for i, d := range diffs {
		fields[i] = d.Field
	}
	if !r.build(&res, it, func() (any, error) { return r.apply.BuildModify(want, fields) }) {
		return res
	}
	if r.cfg.plan {
		res.Status, res.Success, res.Planned = StatusModified, true, true
		return res
	}
	if r.notStarted(ctx, &res) {
		return res
	}
	resp, err := r.apply.SendModify(ctx, res.Command)
	res.Response = resp
	switch {
	case err == nil:
		res.Status, res.Success = StatusModified, true
	case errors.Is(err, ErrOutcomeUnknown):
		// A modify is settled by reading back, never by resending blindly.
		now, found, lerr := lookup(ctx, r.ops, it.cc)
		switch {
		case lerr != nil:
			res.Status, res.Err = StatusUnknown, fmt.Errorf("%w; the lookup to settle it failed too: %w", err, lerr)
		case found && len(callcenter.Diff(it.cc, *now)) == 0:
			res.Status, res.Success = StatusModified, true
		default:
			res.Status, res.Err = StatusFailed, fmt.Errorf("%w; the stored call center still differs, so the row can be retried", err)
		}
	default:
		res.Status, res.Err = StatusFailed, err
	}
	return res
}

// withoutPassword drops the "password is required" problem from a
// validation error: an existing call center keeps its password.
func withoutPassword(err error) error {
	var ve *callcenter.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	kept := slices.DeleteFunc(slices.Clone(ve.Errors), func(f callcenter.FieldError) bool {
		return f.Field == "serviceInstanceProfile.password" && f.Message == "is required"
	})
	if len(kept) == 0 {
		return nil
	}
	return &callcenter.ValidationError{Subject: ve.Subject, Errors: kept}
}

// prune deletes (or, with PlanOnly, plans to delete) the call centers of
// group k that the sheet does not list, emitting a result for each with
// the next index. It reports false when the consumer stopped.
func (r *runner) prune(ctx context.Context, k groupKey, listed map[string]bool, next *int, emit func(*Result) bool) bool {
	var extra []string
	for id, err := range r.apply.ListCallCenters(ctx, k.sp, k.group) {
		if err != nil {
			res := Result{Index: *next, Data: callcenter.CallCenter{ServiceProviderID: k.sp, GroupID: k.group}}
			*next++
			if !r.notStarted(ctx, &res) {
				res.Status, res.Err = StatusFailed, fmt.Errorf("prune: listing the call centers of group %q of %q: %w", k.group, k.sp, err)
				r.check(&res)
			}
			return emit(&res)
		}
		if !listed[strings.ToLower(id)] {
			extra = append(extra, id)
		}
	}
	for _, id := range extra {
		res := Result{Index: *next, Data: callcenter.CallCenter{ServiceProviderID: k.sp, GroupID: k.group, ServiceUserID: id}}
		*next++
		switch {
		case r.stoppedBy() != nil || ctx.Err() != nil:
			r.notStarted(ctx, &res)
		case r.cfg.plan || r.cfg.dryRun:
			res.Status, res.Success, res.Planned = StatusDeleted, true, true
		default:
			resp, err := r.apply.DeleteCallCenter(ctx, res.Data)
			res.Response = resp
			if err != nil {
				res.Status, res.Err = StatusFailed, fmt.Errorf("prune: deleting %q, which the sheet does not list: %w", id, err)
				r.check(&res)
			} else {
				res.Status, res.Success = StatusDeleted, true
			}
		}
		if !emit(&res) {
			return false
		}
	}
	return true
}
