package bulk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
	"github.com/ccsdk/callcenter-go/platform"
)

// The agent sheet's job in the run engine: step 2 (scopeStaffing) reads
// every row's call center and checks the removals against MaxDeletes
// before anything is written; step 4 (staffApply) writes each row's
// difference.

// staffRun is what a run of an agent sheet holds beyond the engine's.
type staffRun struct {
	backup *staffBackup // BackupTo; nil without
}

// scopeStaffing is step 2 of an agent sheet: unless it is a dry run, the
// whole sheet is read and every row's call center read, so that the
// removals of the run are counted (and limited) before the first write.
func (r *run) scopeStaffing(ctx context.Context, rows iter.Seq2[row, error]) (iter.Seq2[row, error], error) {
	cfg := r.cfg
	switch {
	case cfg.prune:
		return nil, errors.New("bulk: Prune is for sheets of call centers: an agent sheet removes the agents and supervisors its rows do not list, limited by MaxDeletes")
	case cfg.planOut != nil:
		return nil, errors.New("bulk: PlanTo is for sheets of call centers: a plan of an agent sheet is its results (PlanOnly)")
	case cfg.setPass:
		return nil, errors.New("bulk: SetPasswords is for sheets of call centers: an agent sheet has no password")
	}
	all, err := collectRows(rows)
	if err != nil {
		return nil, fmt.Errorf("%w (nothing was written: an agent sheet is read whole first)", err)
	}
	refuseSplitRows(all)
	if cfg.dryRun {
		return replay(all), nil
	}
	r.readStaffings(ctx, all)
	if !cfg.plan {
		n, ids := 0, []string{}
		for _, rw := range all {
			sr := rw.staff
			if sr == nil || !sr.found || sr.problem != nil {
				continue
			}
			n += sr.diff.Removals()
			for _, id := range sr.diff.RemoveAgents {
				ids = append(ids, fmt.Sprintf("agent %s of %s", id, sr.stored.ServiceUserID))
			}
			for _, id := range sr.diff.RemoveSupervisors {
				ids = append(ids, fmt.Sprintf("supervisor %s of %s", id, sr.stored.ServiceUserID))
			}
		}
		if n > cfg.maxDeletes {
			return nil, &TooManyDeletesError{Deletes: n, Max: cfg.maxDeletes, IDs: ids[:min(len(ids), 20)], Removals: true}
		}
		if cfg.backup != nil {
			r.staffing.backup = newStaffBackup(cfg.backup, all)
		}
	}
	return replay(all), nil
}

// refuseSplitRows refuses every row of a call center that the sheet names
// in more than one row. Each row is the call center's whole list, so
// applying the first would remove the agents the others list (a sheet that
// splits a long list over two rows, mercury's template having eight agent
// columns): none of them is applied, and each says where the others are.
func refuseSplitRows(rows []row) {
	lines := map[string][]int{}
	for _, rw := range rows {
		if k, ok := staffKey(rw); ok {
			lines[k] = append(lines[k], rw.line)
		}
	}
	for i := range rows {
		rw := &rows[i]
		k, ok := staffKey(*rw)
		if !ok || len(lines[k]) < 2 {
			continue
		}
		var others []string
		for _, l := range lines[k] {
			if l != rw.line {
				others = append(others, strconv.Itoa(l))
			}
		}
		rw.err = &RowError{Row: rw.index, Line: rw.line, Column: "serviceUserId", Err: fmt.Errorf(
			"%w: %q is in line %s too: a call center's agents and supervisors go in one row (add agentUserIdList.userId[N] columns for a longer list), so none of its rows is applied",
			ErrDuplicateRow, rw.cc.ServiceUserID, strings.Join(others, ", "))}
	}
}

// staffKey is the identity of a usable agent sheet row's call center.
func staffKey(rw row) (string, bool) {
	if rw.err != nil || rw.staff == nil || rw.cc.ServiceUserID == "" || slices.ContainsFunc(rw.cells, isUserIDCell) {
		return "", false
	}
	return callcenter.UserIDKey(rw.cc.ServiceUserID), true
}

// readStaffings reads the call center of every row that will be applied
// (not an unusable row, a duplicate, or one done in an earlier run), with
// Concurrency readers (in batches where the run batches: see run.each), and
// works out each row's difference. After a
// systemic failure the rows not read yet take it as their error, unread;
// after ctx is cancelled they stay unread.
func (r *run) readStaffings(ctx context.Context, rows []row) {
	var todo []*staffRow
	seen := map[string]bool{}
	for i := range rows {
		rw := &rows[i]
		sr := rw.staff
		if rw.err != nil || sr == nil || len(rw.cells) > 0 {
			continue
		}
		if k := callcenter.UserIDKey(rw.cc.ServiceUserID); seen[k] {
			continue // a duplicate row: refused when it runs
		} else {
			seen[k] = true
		}
		if prev, ok := r.prev[rw.index]; ok && !prev.Prune && prev.done() && prev.asks(rw) {
			continue // done in an earlier run: not run again
		}
		todo = append(todo, sr)
	}
	var systemic atomic.Pointer[error]
	r.each(ctx, len(todo), func(i int, io platformIO) {
		sr := todo[i]
		if e := systemic.Load(); e != nil {
			sr.read, sr.readErr = true, *e
			return
		}
		sr.stored, sr.found, sr.readErr = io.ReadStaffing(ctx, sr.want.ServiceUserID)
		sr.read = true
		if errors.Is(sr.readErr, ErrSystemic) {
			systemic.CompareAndSwap(nil, &sr.readErr)
		}
		if sr.readErr == nil && sr.found {
			sr.problem = skillProblem(sr)
			if sr.problem == nil {
				sr.problem = lookalikeStaff(sr)
			}
			if sr.problem == nil {
				sr.diff = callcenter.DiffStaffing(sr.stored, sr.want)
			}
		}
	})
}

// skillProblem refuses skill levels for a call center that does not route
// by skill, naming the cells.
func skillProblem(sr *staffRow) error {
	if sr.stored.SkillBased {
		return nil
	}
	var fe []callcenter.FieldError
	for i, a := range sr.want.Agents {
		if a.SkillLevel != 0 {
			fe = append(fe, callcenter.FieldError{Field: sr.levelCols[i],
				Message: fmt.Sprintf("%s does not route calls by skill (Premium with routingType Skill Based does): its agents have no skill level; leave the cell empty", sr.stored.ServiceUserID)})
		}
	}
	if len(fe) == 0 {
		return nil
	}
	return &callcenter.ValidationError{Errors: fe}
}

// lookalikeStaff refuses, as ambiguous, a row naming an agent or a
// supervisor whom the call center does not hold by the identity rule but
// holds under a lookalike id (another Unicode form: a decomposed accent, a
// fullwidth letter; see lookalikeKey). The rule tells the two apart, so
// the difference would remove the user the row most likely means and add
// an id the platform may not know: the tool does not guess, as for the
// ids of call centers.
func lookalikeStaff(sr *staffRow) error {
	var problems []string
	check := func(want, cols, stored []string) {
		held := make(map[string]bool, len(stored))
		alike := make(map[string][]string, len(stored))
		for _, id := range stored {
			held[callcenter.UserIDKey(id)] = true
			k := lookalikeKey(id)
			alike[k] = append(alike[k], id)
		}
		for i, id := range want {
			if held[callcenter.UserIDKey(id)] {
				continue
			}
			if a := alike[lookalikeKey(id)]; len(a) > 0 {
				// %+q shows the characters that differ: the two look
				// alike on screen.
				problems = append(problems, fmt.Sprintf("column %s: %s holds %+q, which differs from %+q only in Unicode form or case folding: it may be the user this cell means",
					cols[i], sr.stored.ServiceUserID, a, id))
			}
		}
	}
	if sr.want.Agents != nil {
		want, stored := make([]string, len(sr.want.Agents)), make([]string, len(sr.stored.Agents))
		for i, a := range sr.want.Agents {
			want[i] = a.UserID
		}
		for i, a := range sr.stored.Agents {
			stored[i] = a.UserID
		}
		check(want, sr.agentIDCols, stored)
	}
	if sr.want.Supervisors != nil {
		check(sr.want.Supervisors, sr.supervisorIDCols, sr.stored.Supervisors)
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s; refused: spell the id as the call center lists it (bulk-csv -export-agents writes them)", ErrAmbiguous, strings.Join(problems, "; "))
}

// staffApply is step 4 for a row of an agent sheet: the row's difference,
// planned or written, and the result that says where its call center is.
func (r *run) staffApply(ctx context.Context, it *item) Result {
	sr := it.staff
	res := Result{Index: it.index, data: packed.Pack(&callcenter.CallCenter{ServiceUserID: it.cc.ServiceUserID})}
	res.setStaff(sr.want)
	if !sr.agentCols && !sr.supervisorCols {
		res.Warnings = append(res.Warnings, "the sheet has no agentUserIdList.userId column: the agents are kept "+
			"(mercury-ocip would remove them all; to remove every agent here, add the column agentUserIdList.userId[0] with null in it)")
	}
	switch {
	case len(it.cells) > 0:
		res.Status, res.Err = StatusInvalid, rowError(it, nil)
		return res
	case r.cfg.dryRun:
		res.Status, res.Success = StatusValidated, true
		return res
	case !sr.read:
		if !r.notStarted(ctx, &res) {
			res.Status, res.Err = StatusSkipped, errors.New("not started: the call center was not read")
		}
		return res
	case sr.readErr != nil:
		res.Status, res.Err = StatusFailed, fmt.Errorf("reading the staffing of %q: %w", sr.want.ServiceUserID, sr.readErr)
		return res
	case !sr.found:
		res.Status, res.Err = StatusFailed, fmt.Errorf("no call center %q: %w", sr.want.ServiceUserID, platform.ErrNotFound)
		return res
	case sr.problem != nil:
		res.Status, res.Err = StatusInvalid, rowError(it, sr.problem)
		return res
	}
	d := sr.diff
	res.setStaff(d.After)
	if w := orderWarning(sr); w != "" {
		res.Warnings = append(res.Warnings, w)
	}
	if d.Empty() {
		res.Status, res.Success, res.Response, res.Planned = StatusUnchanged, true, "staffed as the sheet says", r.cfg.plan
		return res
	}
	res.Differences = staffDifferences(d)
	if !r.build(&res, it, func() (any, error) { return r.staff.BuildStaffing(d) }) {
		return res
	}
	if r.cfg.plan {
		res.Status, res.Success, res.Planned = StatusModified, true, true
		return res
	}
	if r.notStarted(ctx, &res) {
		return res
	}
	before := sr.stored
	if len(d.SetSkills) > 0 {
		// The skill levels go out as the list of every agent at its
		// level: read again now, so that an agent added or re-levelled
		// by someone else since the run read the call center is kept.
		fresh, found, err := it.io.ReadStaffing(ctx, sr.want.ServiceUserID)
		switch {
		case err != nil && r.notStarted(ctx, &res):
			// Interrupted while reading: nothing of the row was sent.
			return res
		case err != nil:
			res.Status, res.Err = StatusFailed, fmt.Errorf("reading the staffing of %q again before changing its skill levels: %w", sr.want.ServiceUserID, err)
			return res
		case !found:
			res.Status, res.Err = StatusFailed, fmt.Errorf("no call center %q any more: %w", sr.want.ServiceUserID, platform.ErrNotFound)
			return res
		}
		before, d = fresh, d.Rebase(fresh)
		res.setStaff(d.After)
		res.Differences = staffDifferences(d)
		if d.Empty() {
			res.Status, res.Success, res.Response = StatusUnchanged, true, "staffed as the sheet says (changed meanwhile)"
			return res
		}
		if !r.build(&res, it, func() (any, error) { return r.staff.BuildStaffing(d) }) {
			return res
		}
	}
	if len(d.SetSkills) > 0 && r.notStarted(ctx, &res) {
		// Cancelled while reading again (in a batched request that went
		// out whole for another row's write): no write starts now.
		return res
	}
	if err := r.staffing.backup.write(before); err != nil {
		var stale *staleBackupError
		if errors.As(err, &stale) {
			res.Status, res.Err = StatusStale, fmt.Errorf("not sent: %w", err)
			return res
		}
		res.Status, res.Err = StatusFailed, fmt.Errorf("not sent: %w", err)
		return res
	}
	resp, err := it.io.SendStaffing(r.sending(ctx), res.cmd)
	res.Response = resp
	if err == nil {
		res.Status, res.Success = StatusModified, true
		return res
	}
	// Some of the row's requests may have taken effect: read where the
	// call center is now.
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lookupTimeout)
	defer cancel()
	now, found, lerr := it.io.ReadStaffing(lctx, sr.want.ServiceUserID)
	switch {
	case lerr != nil && errors.Is(err, ErrOutcomeUnknown):
		res.Status, res.Err = StatusUnknown, fmt.Errorf("%w; the read to settle it failed too: %w", err, lerr)
	case lerr != nil:
		res.Status, res.Err = StatusFailed, fmt.Errorf("%w; the read to see what took effect failed too (%w): apply the row again to finish it", err, lerr)
	case !found:
		res.Status, res.Err = StatusFailed, fmt.Errorf("%w; the call center is gone now", err)
	case now.Holds(d.After):
		res.Status, res.Success, res.Err = StatusModified, true, nil
		res.Response = "settled by reading the call center: it is staffed as the row asks (" + resp + ")"
		res.setStaff(now)
	case now.Holds(before) && before.Holds(now):
		// Nothing took effect: the call center is as it was.
		res.Status, res.Err = StatusFailed, fmt.Errorf("%w; none of the row's changes took effect (the call center is as it was): safe to apply the row again", err)
		res.setStaff(now)
	default:
		rest := callcenter.DiffStaffing(now, sr.want)
		res.Status, res.Err = StatusFailed, fmt.Errorf("%w; the call center now holds part of the change: the row can be applied again for the rest", err)
		res.Differences = staffDifferences(rest)
		res.setStaff(now)
	}
	return res
}

// setStaff sets the staffing a result holds (a copy).
func (res *Result) setStaff(st callcenter.Staffing) {
	c := st.Clone()
	res.staff = &c
}

// staffDifferences lists a change as a result shows it: the agents and
// supervisors added and removed, the skill levels set.
func staffDifferences(d callcenter.StaffingDiff) []callcenter.FieldError {
	const agents, levels, supervisors = "agentUserIdList", "agentUserIdList.skillLevel", "supervisorUserIdList"
	var out []callcenter.FieldError
	for _, id := range d.RemoveAgents {
		out = append(out, callcenter.FieldError{Field: agents, Message: fmt.Sprintf("remove %q", id)})
	}
	for _, a := range d.AddAgents {
		msg := fmt.Sprintf("add %q", a.UserID)
		switch {
		case d.After.SkillBased && a.SkillLevel != 0:
			msg += fmt.Sprintf(" at skill level %d", a.SkillLevel)
		case d.After.SkillBased:
			msg += fmt.Sprintf(" at skill level %d (the default)", callcenter.DefaultSkillLevel)
		}
		out = append(out, callcenter.FieldError{Field: agents, Message: msg})
	}
	for _, c := range d.SetSkills {
		out = append(out, callcenter.FieldError{Field: levels, Message: fmt.Sprintf("%q: want %d, stored %d", c.UserID, c.To, c.From)})
	}
	for _, id := range d.RemoveSupervisors {
		out = append(out, callcenter.FieldError{Field: supervisors, Message: fmt.Sprintf("remove %q", id)})
	}
	for _, id := range d.AddSupervisors {
		out = append(out, callcenter.FieldError{Field: supervisors, Message: fmt.Sprintf("add %q", id)})
	}
	return out
}

// orderWarning says when a row lists the agents of a call center that
// does not route by skill in another order than the call center holds
// them: the order (the hunt order of the Regular and Circular policies) is
// not applied.
func orderWarning(sr *staffRow) string {
	if sr.stored.SkillBased || sr.want.Agents == nil {
		return ""
	}
	inWant := map[string]bool{}
	for _, a := range sr.want.Agents {
		inWant[callcenter.UserIDKey(a.UserID)] = true
	}
	var stored, wanted []string
	for _, a := range sr.stored.Agents {
		if k := callcenter.UserIDKey(a.UserID); inWant[k] {
			stored = append(stored, k)
		}
	}
	held := map[string]bool{}
	for _, k := range stored {
		held[k] = true
	}
	for _, a := range sr.want.Agents {
		if k := callcenter.UserIDKey(a.UserID); held[k] && !slices.Contains(wanted, k) {
			wanted = append(wanted, k)
		}
	}
	if slices.Equal(stored, wanted) {
		return ""
	}
	return "the row lists the call center's agents in another order than it holds them: the order (the hunt order of the Regular and Circular policies) is not changed, and new agents are added at the end"
}

// asksStaffing reports whether an earlier result of an agent sheet's row
// is for what the row asks now: its staffing holds the row's.
func (r *record) asksStaffing(sr *staffRow) bool {
	return r.staff != nil && r.staff.Holds(sr.want)
}

// settledStaff is the staffing of a row settled without work: a done row
// keeps its earlier result's; others show what the row asks.
func (it *item) settledStaff(s Status) *callcenter.Staffing {
	if it.staff == nil {
		return nil
	}
	st := it.staff.want
	if s == StatusDone && it.prev != nil && it.prev.staff != nil {
		st = *it.prev.staff
	}
	c := st.Clone()
	return &c
}
