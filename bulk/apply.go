package bulk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// applyRow makes the platform hold one row: create it when missing, modify
// the fields that differ, or leave it.
func (r *runner) applyRow(ctx context.Context, it *item) Result {
	res := Result{Index: it.index}
	if len(it.cells) > 0 {
		res.data, res.Status, res.Err = it.cc.Pack(), StatusInvalid, rowError(it, nil)
		return res
	}
	// The row must at least name a valid call center before anything is
	// read (the password is checked only if it is to be created).
	it.want = it.cc
	full := &it.want
	full.ApplyDefaults()
	if err := withoutPassword(full.Validate()); err != nil {
		res.data, res.Status, res.Err = it.cc.Pack(), StatusInvalid, rowError(it, err)
		return res
	}
	if r.cfg.dryRun {
		// No network at all: whether it exists is not known, so the row
		// is checked (but for a password: an existing one keeps its own)
		// and its create built and encoded, as a create's dry run does.
		res.data = full.Pack()
		if r.build(&res, it, func() (any, error) { return r.ops.BuildCreate(*full) }) {
			res.Status, res.Success, res.create = StatusValidated, true, true
		}
		return res
	}
	res.data = it.cc.Pack() // until the call center it would leave is known
	stored, found, err := lookup(ctx, r.ops, it.cc)
	switch {
	case err != nil:
		res.Status, res.Err = StatusFailed, fmt.Errorf("reading the stored call center: %w", err)
		return res
	case !found:
		return r.process(ctx, it)
	}
	// OCI-P finds a call center by its service user id alone: make sure the
	// one found is in the row's group, or a mistyped group cell would
	// modify a call center of another group.
	switch in, err := r.inGroup(ctx, it.cc); {
	case err != nil:
		res.Status, res.Err = StatusFailed, fmt.Errorf("listing group %q of %q: %w", it.cc.GroupID, it.cc.ServiceProviderID, err)
		return res
	case !in:
		res.Status = StatusInvalid
		res.Err = &RowError{Row: it.index, Line: it.line, Err: fmt.Errorf("%q exists, but not in group %q of %q: check the serviceProviderId and groupId cells", it.cc.ServiceUserID, it.cc.GroupID, it.cc.ServiceProviderID)}
		return res
	}
	// Exists: compare only what the sheet sets (an empty cell keeps).
	diffs := callcenter.Diff(it.cc, *stored)
	want := callcenter.Overlay(*stored, it.cc)
	want.Profile.Password = "" // create-only: never sent on a modify
	res.data = want.Pack()
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
	resp, err := r.apply.SendModify(ctx, res.cmd)
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

// groupList is the service user ids of one group, listed once per run.
type groupList struct {
	once sync.Once
	ids  map[string]bool
	err  error
}

// lister lists a group's service user ids (ExportOps and ApplyOps do).
type lister interface {
	ListCallCenters(ctx context.Context, serviceProviderID, groupID string) iter.Seq2[string, error]
}

// inGroup reports whether the platform lists cc's service user id in cc's
// group (listed once per group and run). Ops that cannot list answer true.
func (r *runner) inGroup(ctx context.Context, cc callcenter.CallCenter) (bool, error) {
	if r.lister == nil {
		return true, nil
	}
	k := groupKey{cc.ServiceProviderID, cc.GroupID}
	r.listsMu.Lock()
	g := r.lists[k]
	if g == nil {
		g = &groupList{}
		r.lists[k] = g
	}
	r.listsMu.Unlock()
	g.once.Do(func() {
		ids := map[string]bool{}
		for id, err := range r.lister.ListCallCenters(ctx, k.sp, k.group) {
			if err != nil {
				g.err = err
				return
			}
			ids[strings.ToLower(id)] = true
		}
		g.ids = ids
	})
	return g.ids[strings.ToLower(cc.ServiceUserID)], g.err
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
func (r *runner) prune(ctx context.Context, k groupKey, listed map[string]bool, next *int, emit func(*Result, []byte) bool) bool {
	var extra []string
	for id, err := range r.apply.ListCallCenters(ctx, k.sp, k.group) {
		if err != nil {
			group := callcenter.CallCenter{ServiceProviderID: k.sp, GroupID: k.group}
			res := Result{Index: *next, data: group.Pack()}
			*next++
			if !r.notStarted(ctx, &res) {
				res.Status, res.Err = StatusFailed, fmt.Errorf("prune: listing the call centers of group %q of %q: %w", k.group, k.sp, err)
				r.check(&res)
			}
			return emit(&res, nil)
		}
		if !listed[strings.ToLower(id)] {
			extra = append(extra, id)
		}
	}
	for _, id := range extra {
		cc := callcenter.CallCenter{ServiceProviderID: k.sp, GroupID: k.group, ServiceUserID: id}
		res := Result{Index: *next, data: cc.Pack()}
		*next++
		switch {
		case r.stoppedBy() != nil || ctx.Err() != nil:
			r.notStarted(ctx, &res)
		case r.cfg.plan || r.cfg.dryRun:
			res.Status, res.Success, res.Planned = StatusDeleted, true, true
		default:
			resp, err := r.apply.DeleteCallCenter(ctx, cc)
			res.Response = resp
			if err != nil {
				res.Status, res.Err = StatusFailed, fmt.Errorf("prune: deleting %q, which the sheet does not list: %w", id, err)
				r.check(&res)
			} else {
				res.Status, res.Success = StatusDeleted, true
			}
		}
		if !emit(&res, nil) {
			return false
		}
	}
	return true
}
