package bulk

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
)

// WarningPasswordNotSent is the warning of a row whose password cell was
// not sent because its call center exists (see [SetPasswords]). A tool
// that has its own name for SetPasswords can recognise it.
const WarningPasswordNotSent = "the password cell was not sent: the call center exists and keeps its password (to set it, use SetPasswords)"

// passwordColumn is the CSV column of the password.
const passwordColumn = "serviceInstanceProfile.password"

// aliasesField is the field name of the alias list, as callcenter.Diff
// and platform.Applier.BuildModify name it.
const aliasesField = "serviceInstanceProfile.alias"

// applyRow makes the platform hold one row: create it when missing, modify
// the fields that differ, or leave it.
func (r *run) applyRow(ctx context.Context, it *item) Result {
	res := Result{Index: it.index}
	if len(it.required) > 0 && r.cfg.dryRun {
		// Nothing is read: a null in a required field is refused.
		it.refuseRequiredNulls()
	}
	if len(it.cells) > 0 {
		res.data, res.Status, res.Err = packed.Pack(&it.cc), StatusInvalid, rowError(it, nil)
		return res
	}
	// The row must at least name a valid call center before anything is
	// read (the password is checked only if it is to be created).
	it.want = it.cc
	full := &it.want
	full.ApplyDefaults()
	it.defaulted = defaultsFilled(&it.cc)
	// The type rules are checked once the type is known: a row without a
	// type cell keeps the stored type (defaults apply only to creates).
	check := *full
	if it.cc.Type == "" && !r.cfg.dryRun {
		check.Type = callcenter.Premium
	}
	if err := withoutPassword(check.Validate()); err != nil {
		res.data, res.Status, res.Err = packed.Pack(&it.cc), StatusInvalid, rowError(it, err)
		return res
	}
	if r.cfg.dryRun {
		// No network at all: whether it exists is not known, so the row
		// is checked (but for a password: an existing one keeps its own)
		// and its create built and encoded, as a create's dry run does.
		res.data = packed.Pack(full)
		if r.build(&res, it, func() (any, error) { return r.ops.BuildCreate(*full) }) {
			res.Status, res.Success, res.create = StatusValidated, true, true
		}
		return res
	}
	res.data = packed.Pack(&it.cc) // until the call center it would leave is known
	id, stored, found, err := r.locate(ctx, it.io, it.cc)
	switch {
	case err != nil:
		res.Status, res.Err = StatusInvalid, &RowError{Row: it.index, Line: it.line, Err: err}
		var le *lookupError
		if errors.As(err, &le) {
			res.Status, res.Err = StatusFailed, le.err
		}
		return res
	case !found:
		if len(it.required) > 0 {
			// Nothing is stored: a null in a required field is refused.
			it.refuseRequiredNulls()
			res.Status, res.Err = StatusInvalid, rowError(it, nil)
			return res
		}
		res = r.process(ctx, it)
		if r.cfg.plan && res.create && res.Success {
			r.keepPlan(res.Index, &planEntry{Action: actionCreate})
		}
		return res
	}
	key := it.cc
	key.ServiceUserID = id
	want, fields, diffs, warnings, err := r.wanted(it, stored, id)
	res.Warnings = warnings
	res.data = packed.Pack(&want)
	if err != nil {
		res.Status, res.Err = StatusInvalid, rowError(it, err)
		return res
	}
	fp := func() string { // for the plan: only PlanTo keeps it
		if r.cfg.planOut == nil {
			return ""
		}
		return fingerprint(*stored)
	}
	if len(fields) == 0 {
		res.Status, res.Success, res.Response, res.Planned = StatusUnchanged, true, "stored as the sheet says", r.cfg.plan
		if r.cfg.plan {
			r.keepPlan(res.Index, &planEntry{Action: actionUnchanged, Fingerprint: fp()})
		}
		return res
	}
	res.Differences = diffs
	if !r.build(&res, it, func() (any, error) { return r.apply.BuildModify(want, fields) }) {
		return res
	}
	if r.cfg.plan {
		res.Status, res.Success, res.Planned = StatusModified, true, true
		r.keepPlan(res.Index, &planEntry{Action: actionModify, Fields: fields, Fingerprint: fp(), want: want})
		return res
	}
	return r.modify(ctx, it.io, res, key, stored, want, fields)
}

// refuseRequiredNulls makes the row's nulls in required fields cell errors.
func (it *item) refuseRequiredNulls() {
	for _, f := range it.required {
		it.cells = append(it.cells, nullRequired(f))
	}
	it.required = nil
}

// lookupError is a failure to read the platform (as opposed to a row the
// platform's state refuses).
type lookupError struct{ err error }

func (e *lookupError) Error() string { return e.err.Error() }
func (e *lookupError) Unwrap() error { return e.err }

// locate finds the stored call center a row names, by the identity rule:
// the row's group is listed (once per group and run) and the row's id
// resolved to the one call center of the group it names, which is then
// read under the platform's own spelling of its id. id is that spelling.
// found is false when the group holds none (and the id is free on the
// platform). The error is a *lookupError when the platform could not be
// read, and otherwise says why the row names no single call center of its
// group: one of another group, or two that the rule cannot tell apart
// (ErrAmbiguous).
func (r *run) locate(ctx context.Context, io reader, cc callcenter.CallCenter) (id string, stored *callcenter.CallCenter, found bool, err error) {
	k := groupKey{cc.ServiceProviderID, cc.GroupID}
	g := r.group(ctx, k)
	if g.err != nil {
		return "", nil, false, &lookupError{fmt.Errorf("listing group %q of %q: %w", k.group, k.sp, g.err)}
	}
	switch ids := g.ids[callcenter.UserIDKey(cc.ServiceUserID)]; len(ids) {
	case 0:
		if alike := g.look[lookalikeKey(cc.ServiceUserID)]; len(alike) > 0 {
			// The rule tells them apart, a reader may not: never create a
			// lookalike beside a stored call center.
			return "", nil, false, lookalike(cc.ServiceUserID, k, alike)
		}
		// Not in the group. OCI-P finds a call center by its service user
		// id alone: one found is of another group, and a mistyped group
		// cell must not modify it.
		_, elsewhere, err := lookup(ctx, io, cc)
		switch {
		case err != nil:
			return "", nil, false, &lookupError{fmt.Errorf("reading the stored call center: %w", err)}
		case elsewhere:
			err := fmt.Errorf("%q exists, but not in group %q of %q: check the serviceProviderId and groupId cells", cc.ServiceUserID, cc.GroupID, cc.ServiceProviderID)
			r.keepGroup(k, fmt.Sprintf("a row's group cells are wrong (%v), so what the sheet lists for group %q is not known; fix the row and apply again", err, k.group))
			return "", nil, false, err
		}
		return cc.ServiceUserID, nil, false, nil
	case 1:
		id = ids[0]
	default:
		return "", nil, false, ambiguous(cc.ServiceUserID, k, ids)
	}
	key := cc
	key.ServiceUserID = id
	stored, found, err = lookup(ctx, io, key)
	if err != nil {
		return "", nil, false, &lookupError{fmt.Errorf("reading the stored call center: %w", err)}
	}
	if !found {
		// Listed, gone since: it is created again (where it is now).
		return cc.ServiceUserID, nil, false, nil
	}
	stored.ServiceUserID = id
	return id, stored, true, nil
}

// wanted computes what a modify of stored must leave: the stored call
// center with the row's cells on top (an empty cell or a missing column
// keeps; null clears; alias cells by position), the fields that differ,
// the differences as the result shows them, and warnings. The password is
// sent only with SetPasswords. The error is a validation problem of the
// row (a null in a field the platform cannot clear).
func (r *run) wanted(it *item, stored *callcenter.CallCenter, id string) (want callcenter.CallCenter, fields []string, diffs []callcenter.FieldError, warnings []string, err error) {
	top := it.cc
	top.ServiceUserID = id    // the stored spelling: the same id by the rule
	top.Profile.Aliases = nil // by position, below
	top.Profile.Password = ""
	want = overlay(*stored, top)
	want.ServiceUserID = id
	diffs = callcenter.Diff(top, *stored)
	if aliases, set := wantedAliases(&it.row, stored.Profile.Aliases); set && !slices.Equal(aliases, stored.Profile.Aliases) {
		want.Profile.Aliases = aliases
		diffs = append(diffs, callcenter.FieldError{Field: aliasesField, Message: fmt.Sprintf("want %q, stored %q", aliases, stored.Profile.Aliases)})
	}
	var refused []callcenter.FieldError
	for _, f := range it.required {
		if !storedNull(stored.Get(f)) {
			refused = append(refused, nullRequired(f))
		}
	}
	if len(refused) > 0 {
		return want, nil, nil, nil, &callcenter.ValidationError{Errors: refused}
	}
	var cleared []string
	for _, f := range it.nulls {
		if storedNull(stored.Get(f)) {
			// The cell says what is stored (the word null): keep it.
			continue
		}
		_ = want.Unset(f)
		cleared = append(cleared, f)
		if v := stored.Get(f); v != "" {
			diffs = append(diffs, callcenter.FieldError{Field: f, Message: fmt.Sprintf("want cleared (null), stored %q", v)})
		}
	}
	if len(cleared) > 0 {
		// A null in a field the platform cannot clear refuses the row,
		// whatever is stored now.
		if _, err := r.apply.BuildModify(want, cleared); err != nil {
			return want, nil, nil, nil, err
		}
	}
	if err := withoutPassword(want.Validate()); err != nil {
		return want, nil, nil, nil, err
	}
	if pw := it.cc.Profile.Password; pw != "" {
		if r.cfg.setPass {
			want.Profile.Password = pw
			diffs = append(diffs, callcenter.FieldError{Field: passwordColumn, Message: "set from the sheet (a password cannot be read back to compare)"})
		} else {
			warnings = append(warnings, WarningPasswordNotSent)
		}
	}
	for _, d := range diffs {
		if !slices.Contains(fields, d.Field) {
			fields = append(fields, d.Field)
		}
	}
	return want, fields, diffs, warnings, nil
}

// overlay returns a copy of base in which every field that top sets has
// top's value (the aliases as one list: top's, when it has any). Fields
// top leaves unset keep base's value: it is the call center a modify
// would leave, the stored one with the sheet's cells on top.
func overlay(base, top callcenter.CallCenter) callcenter.CallCenter {
	out := base.Clone()
	for _, f := range top.SetFields() {
		switch _, alias := aliasColumn(f); {
		case alias:
		case f == passwordColumn:
			out.Profile.Password = top.Profile.Password
		default:
			_ = out.Set(f, top.Get(f)) // a set field's text always parses back
		}
	}
	if len(top.Profile.Aliases) > 0 {
		out.Profile.Aliases = slices.Clone(top.Profile.Aliases)
	}
	return out
}

// wantedAliases returns the alias list a row asks for, given the stored
// one, and whether the row says anything about aliases. A sheet's alias
// cells count by position: a value sets that alias, an empty cell (or a
// column the sheet lacks) keeps the stored one, null removes it. A row of
// data gives the whole list (nil keeps the stored list; an empty non-nil
// list clears it).
func wantedAliases(rw *row, stored []string) ([]string, bool) {
	if !rw.aliasCols {
		a := rw.cc.Profile.Aliases
		return slices.Clone(a), a != nil
	}
	n := len(stored)
	for _, c := range rw.aliases {
		n = max(n, c.index+1)
	}
	pos := make([]string, n)
	copy(pos, stored)
	for _, c := range rw.aliases {
		switch {
		case c.null:
			pos[c.index] = ""
		case c.value != "":
			pos[c.index] = c.value
		}
	}
	out := []string{}
	for _, a := range pos {
		if a != "" {
			out = append(out, a)
		}
	}
	return out, true
}

// modify sends the modify of stored to want in fields, after writing the
// backup, and settles a lost answer by reading the call center back.
func (r *run) modify(ctx context.Context, io platformIO, res Result, key callcenter.CallCenter, stored *callcenter.CallCenter, want callcenter.CallCenter, fields []string) Result {
	if r.notStarted(ctx, &res) {
		return res
	}
	if err := r.backupRow(stored, fields); err != nil {
		res.Status, res.Err = StatusFailed, fmt.Errorf("not sent: %w", err)
		return res
	}
	resp, err := io.SendModify(r.sending(ctx), res.cmd)
	res.Response = resp
	switch {
	case err == nil:
		res.Status, res.Success = StatusModified, true
	case errors.Is(err, ErrOutcomeUnknown):
		// A modify is settled by reading back, never by resending blindly.
		now, found, lerr := lookup(ctx, io, key)
		switch {
		case lerr != nil:
			res.Status, res.Err = StatusUnknown, fmt.Errorf("%w; the lookup to settle it failed too: %w", err, lerr)
		case !found:
			res.Status, res.Err = StatusFailed, fmt.Errorf("%w; the call center is gone now", err)
		case holds(*now, want, fields):
			res.Status, res.Success = StatusModified, true
		default:
			res.Status, res.Err = StatusFailed, fmt.Errorf("%w; the stored call center still differs, so the row can be retried", err)
		}
	default:
		res.Status, res.Err = StatusFailed, err
	}
	if res.Success && r.backup != nil && slices.Contains(fields, passwordColumn) {
		res.Warnings = append(res.Warnings, "the password was changed and the backup does not hold the old one (a password cannot be read back): applying the backup does not put it back")
	}
	return res
}

// holds reports whether now holds want's values in fields (the password,
// which cannot be read back, aside).
func holds(now, want callcenter.CallCenter, fields []string) bool {
	for _, f := range fields {
		switch f {
		case passwordColumn:
		case aliasesField:
			if !slices.Equal(now.Profile.Aliases, want.Profile.Aliases) {
				return false
			}
		default:
			if now.Get(f) != want.Get(f) {
				return false
			}
		}
	}
	return true
}

func withoutPassword(err error) error {
	var ve *callcenter.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	kept := slices.DeleteFunc(slices.Clone(ve.Errors), func(f callcenter.FieldError) bool {
		return f.Field == passwordColumn && f.Message == "is required"
	})
	if len(kept) == 0 {
		return nil
	}
	return &callcenter.ValidationError{Subject: ve.Subject, Errors: kept}
}
