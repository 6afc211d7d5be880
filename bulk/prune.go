package bulk

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
	"github.com/ccsdk/callcenter-go/platform"
)

// pruneScope is what Prune will do, worked out from the whole sheet and
// the lists of its groups before anything is written.
type pruneScope struct {
	groups    []groupKey
	listed    map[string]bool     // the lookalike keys of every id the sheet names
	cancelAll string              // why no group is pruned ("" when they may be)
	cancelled map[groupKey]string // why a group is not pruned
	deletes   []deletion          // what would be deleted, in group and list order
}

// deletion is one call center Prune deletes.
type deletion struct {
	k  groupKey
	id string // as the platform lists it
}

// scopePrune works out, from every row of the sheet and the lists of its
// groups, what Prune would delete. A row that cannot be read, or names no
// group, cancels every group's prune; a row whose identity cannot be
// settled (an invalid or unreadable service user id, or one naming two
// call centers of its group) cancels its group's; so does a row whose
// group cell is wrong (its id is listed in another group of the sheet, or
// is in rows of two groups and listed in neither); a group whose list
// cannot be read, or holds two ids that the identity rule cannot tell
// apart, is not pruned.
func (r *run) scopePrune(ctx context.Context, rows []row) *pruneScope {
	sc := &pruneScope{listed: map[string]bool{}, cancelled: map[groupKey]string{}}
	cancel := func(k groupKey, why string) {
		if _, ok := sc.cancelled[k]; !ok {
			sc.cancelled[k] = why
		}
	}
	type named struct {
		index int
		line  int
		k     groupKey
		id    string
		key   string // lookalikeKey(id)
	}
	var names []named
	for _, rw := range rows {
		switch {
		case rw.err != nil:
			if sc.cancelAll == "" {
				sc.cancelAll = fmt.Sprintf("%s cannot be read, so what the sheet lists is not known; fix the row and apply again", rowAt(rw.index, rw.line))
			}
			continue
		case rw.cc.ServiceProviderID == "" || rw.cc.GroupID == "" || slices.ContainsFunc(rw.cells, func(fe callcenter.FieldError) bool {
			return fe.Field == "serviceProviderId" || fe.Field == "groupId"
		}):
			if sc.cancelAll == "" {
				sc.cancelAll = fmt.Sprintf("%s does not say which group its call center is in, so what the sheet lists is not known; fix the row and apply again", rowAt(rw.index, rw.line))
			}
			continue
		}
		k := groupKey{rw.cc.ServiceProviderID, rw.cc.GroupID}
		if !slices.Contains(sc.groups, k) {
			sc.groups = append(sc.groups, k)
		}
		if why := unsettledID(rw); why != "" {
			cancel(k, fmt.Sprintf("%s: %s, so which call center it means is not known; fix the row and apply again", rowAt(rw.index, rw.line), why))
			continue
		}
		// An id the sheet names in any group is never pruned: a mistyped
		// group cell must not delete it. Nor is one the sheet may name in
		// another Unicode form (lookalikeKey).
		key := lookalikeKey(rw.cc.ServiceUserID)
		sc.listed[key] = true
		names = append(names, named{rw.index, rw.line, k, rw.cc.ServiceUserID, key})
	}
	if sc.cancelAll != "" {
		return sc
	}
	// Every group of the sheet is listed (rows then use the same lists).
	where := map[string][]groupKey{} // the groups listing each lookalike key
	for _, k := range sc.groups {
		g := r.group(ctx, k)
		if g.err != nil {
			cancel(k, fmt.Sprintf("listing the call centers of group %q of %q: %v", k.group, k.sp, g.err))
			continue
		}
		for _, id := range g.order {
			key := lookalikeKey(id)
			if !slices.Contains(where[key], k) {
				where[key] = append(where[key], k)
			}
		}
	}
	// A row whose call center is in another group than the one it names
	// has a wrong group cell: the group it names is not what the sheet
	// lists, so it is not pruned.
	groupsOf := map[string][]named{}
	for _, n := range names {
		groupsOf[n.key] = append(groupsOf[n.key], n)
	}
	for _, n := range names {
		in := where[n.key]
		switch {
		case slices.Contains(in, n.k):
		case len(in) > 0:
			cancel(n.k, fmt.Sprintf("%s names %q in group %q of %q, but group %q of %q holds it: the row's group cells are wrong, so what the sheet lists for group %q is not known; fix the row and apply again",
				rowAt(n.index, n.line), n.id, n.k.group, n.k.sp, in[0].group, in[0].sp, n.k.group))
		default:
			for _, o := range groupsOf[n.key] {
				if o.k != n.k {
					cancel(n.k, fmt.Sprintf("%s and %s name %q in groups %q and %q: one of their group cells is wrong, so what the sheet lists for group %q is not known; fix the rows and apply again",
						rowAt(o.index, o.line), rowAt(n.index, n.line), n.id, o.k.group, n.k.group, n.k.group))
					break
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, k := range sc.groups {
		if _, ok := sc.cancelled[k]; ok {
			continue
		}
		g := r.group(ctx, k)
		var dels []deletion
		for _, id := range g.order {
			key := callcenter.UserIDKey(id)
			if ids := g.ids[key]; len(ids) > 1 {
				dels = nil
				sc.cancelled[k] = fmt.Sprintf("%v", ambiguous(id, k, ids))
				break
			}
			if !sc.listed[lookalikeKey(id)] && !seen[key] {
				dels = append(dels, deletion{k, id})
			}
		}
		for _, d := range dels {
			seen[callcenter.UserIDKey(d.id)] = true
		}
		sc.deletes = append(sc.deletes, dels...)
	}
	return sc
}

// keepGroup cancels the prune of group k, found out while the rows ran (a
// row naming k whose call center is in another group): its deletions
// come after the rows.
func (r *run) keepGroup(k groupKey, why string) {
	if !r.cfg.prune {
		return
	}
	r.pruneMu.Lock()
	defer r.pruneMu.Unlock()
	if r.keep == nil {
		r.keep = map[groupKey]string{}
	}
	if _, ok := r.keep[k]; !ok {
		r.keep[k] = why
	}
}

// notPruned says why the rows cancelled the prune of group k, if they did.
func (r *run) notPruned(k groupKey) (string, bool) {
	r.pruneMu.Lock()
	defer r.pruneMu.Unlock()
	why, ok := r.keep[k]
	return why, ok
}

// unsettledID says why a row's service user id does not settle which call
// center it means ("" when it does).
func unsettledID(rw row) string {
	if slices.ContainsFunc(rw.cells, isUserIDCell) {
		return "its serviceUserId cell cannot be read"
	}
	probe := callcenter.CallCenter{ServiceUserID: rw.cc.ServiceUserID}
	var ve *callcenter.ValidationError
	if errors.As(probe.Validate(), &ve) && ve.Has("serviceUserId") {
		return fmt.Sprintf("its service user id %q is not valid", rw.cc.ServiceUserID)
	}
	return ""
}

// tooMany is the error of a scope past the limit (nil when within it).
func tooMany(n, limit int, ids []string) error {
	if n <= limit {
		return nil
	}
	return &TooManyDeletesError{Deletes: n, Max: limit, IDs: ids[:min(len(ids), 20)]}
}

// runPrune emits, after the sheet's rows, the cancelled prunes and the
// deletions of sc, each with the next index. A group's deletions go
// through the pipeline as rows do (so a run that batches reads and deletes
// them in batches too). It reports false when the consumer stopped.
func (r *run) runPrune(ctx context.Context, sc *pruneScope, next *int, out *emitter) bool {
	cancel := func(k groupKey, why string) bool {
		group := callcenter.CallCenter{ServiceProviderID: k.sp, GroupID: k.group}
		res := Result{Index: *next, data: packed.Pack(&group), Prune: true, Status: StatusFailed, Err: fmt.Errorf("prune: not done: %s", why)}
		*next++
		return out.emit(&res, nil)
	}
	if sc.cancelAll != "" {
		return cancel(groupKey{}, sc.cancelAll)
	}
	for _, k := range sc.groups {
		why, ok := sc.cancelled[k]
		if !ok {
			why, ok = r.notPruned(k)
		}
		if ok {
			if !cancel(k, why) {
				return false
			}
			continue
		}
		var rows []row
		for _, d := range sc.deletes {
			if d.k == k {
				rows = append(rows, row{index: *next, prune: true, cc: callcenter.CallCenter{ServiceProviderID: d.k.sp, GroupID: d.k.group, ServiceUserID: d.id}})
				*next++
			}
		}
		if _, ok := r.pipe(ctx, replay(rows), out); !ok {
			return false
		}
	}
	return true
}

// deleteOne deletes (or, in a plan, plans to delete) one call center the
// sheet does not list (a row of runPrune): it is read again first (for the
// plan's fingerprint and the backup), and is reported where it is now.
func (r *run) deleteOne(ctx context.Context, it *item) Result {
	cc := it.cc
	id := cc.ServiceUserID
	res := Result{Index: it.index, data: packed.Pack(&cc), Prune: true}
	if r.notStarted(ctx, &res) {
		return res
	}
	stored, found, err := lookup(ctx, it.io, cc)
	switch {
	case err != nil:
		res.Status, res.Err = StatusFailed, fmt.Errorf("prune: reading %q before deleting it: %w", id, err)
		return res
	case !found:
		res.Status, res.Success, res.Response, res.Planned = StatusDeleted, true, "already gone: nothing sent", r.cfg.plan
		return res
	}
	stored.ServiceProviderID, stored.GroupID, stored.ServiceUserID = cc.ServiceProviderID, cc.GroupID, id
	res.data = packed.Pack(stored)
	if r.cfg.plan {
		res.Status, res.Success, res.Planned = StatusDeleted, true, true
		r.keepPlan(it.index, &planEntry{Action: actionDelete, Fingerprint: fingerprint(*stored)})
		return res
	}
	return r.deleteStored(ctx, it.io, res, stored)
}

// deleteStored writes the backup of stored and deletes it; a lost answer
// is settled by looking it up.
func (r *run) deleteStored(ctx context.Context, io platformIO, res Result, stored *callcenter.CallCenter) Result {
	if r.notStarted(ctx, &res) {
		return res
	}
	id := stored.ServiceUserID
	if err := r.backupRow(stored, nil); err != nil {
		res.Status, res.Err = StatusFailed, fmt.Errorf("prune: %q not deleted: %w", id, err)
		return res
	}
	resp, err := io.DeleteCallCenter(r.sending(ctx), *stored)
	res.Response = resp
	switch {
	case err == nil:
		res.Status, res.Success = StatusDeleted, true
	case errors.Is(err, platform.ErrNotFound):
		res.Status, res.Success, res.Response = StatusDeleted, true, "already gone"
	case errors.Is(err, ErrOutcomeUnknown):
		// Settled by looking: gone is deleted; still there is failed, and
		// safe to retry.
		gone, lerr := r.settleGone(ctx, io, *stored)
		switch {
		case lerr != nil:
			res.Status, res.Err = StatusUnknown, fmt.Errorf("prune: deleting %q: %w; the lookup to settle it failed too: %w", id, err, lerr)
		case gone:
			res.Status, res.Success = StatusDeleted, true
		default:
			res.Status, res.Err = StatusFailed, fmt.Errorf("prune: deleting %q: %w; a lookup found it still there, so it can be retried", id, err)
		}
	default:
		res.Status, res.Err = StatusFailed, fmt.Errorf("prune: deleting %q, which the sheet does not list: %w", id, err)
	}
	if res.Success && res.Response != "already gone" && r.backup != nil {
		res.Warnings = append(res.Warnings, "backed up without its password (a password cannot be read back): to restore it, add a serviceInstanceProfile.password column to the backup, fill in its password and apply it")
	}
	return res
}

// settleGone looks up a call center whose delete's answer was lost, again
// after each of the settle delays while it is still there.
func (r *run) settleGone(ctx context.Context, io reader, cc callcenter.CallCenter) (gone bool, err error) {
	_, found, err := settleLookup(ctx, io, r.cfg, cc, false)
	return !found && err == nil, err
}
