package bulk

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
)

// The actions of a plan.
const (
	actionCreate    = "create"
	actionModify    = "modify"
	actionUnchanged = "unchanged"
	actionDelete    = "delete"
	actionNone      = "none" // nothing to carry out: the row's result says why
)

// planFormat and planVersion identify a plan document.
const (
	planFormat  = "callcenter-go apply plan"
	planVersion = 1
)

// planDoc is a plan as [PlanTo] writes it and [ApplyPlan] reads it.
type planDoc struct {
	Format       string         `json:"format"`
	Version      int            `json:"version"`
	Created      time.Time      `json:"created"`
	Prune        bool           `json:"prune"`
	SetPasswords bool           `json:"set_passwords"`
	Counts       map[string]int `json:"counts"`
	Entries      []planEntry    `json:"entries"`
}

// planEntry is one row (or deletion) of a plan.
type planEntry struct {
	Index int `json:"index"`
	// Line is the row's line in the sheet the plan was made from (see
	// [Result.Line]); 0 for a deletion, and in plans written before it.
	Line              int    `json:"line,omitempty"`
	Action            string `json:"action"`
	ServiceProviderID string `json:"service_provider_id"`
	GroupID           string `json:"group_id"`
	ServiceUserID     string `json:"service_user_id"`
	// Fields are the fields a modify sets (CSV notation).
	Fields []string `json:"fields,omitempty"`
	// CallCenter is, for a create, the call center to create; for a
	// modify, the call center the modify leaves (only Fields are sent).
	// Its password is in Password.
	CallCenter *callcenter.CallCenter `json:"call_center,omitempty"`
	// Password is the clear password a create (or a modify with
	// SetPasswords) sends.
	Password string `json:"password,omitempty"`
	// Fingerprint is of the stored call center the action was computed
	// from ("" for a create: none was stored).
	Fingerprint string                  `json:"fingerprint,omitempty"`
	Prune       bool                    `json:"prune,omitempty"`
	Differences []callcenter.FieldError `json:"differences,omitempty"`
	// Warnings are the row's warnings (a password cell not sent), which
	// carrying out the plan reports again.
	Warnings []string `json:"warnings,omitempty"`
	// Status, Success and Detail are the row's result, for an entry with
	// nothing to carry out.
	Status  Status `json:"status,omitempty"`
	Success bool   `json:"success,omitempty"`
	Detail  string `json:"detail,omitempty"`

	want callcenter.CallCenter // a modify's call center, kept by the worker
}

// keepPlan keeps what a worker learned of a planned row for PlanTo.
func (r *run) keepPlan(index int, e *planEntry) {
	if r.cfg.planOut == nil {
		return
	}
	r.planMu.Lock()
	defer r.planMu.Unlock()
	r.planKept[index] = e
}

// planned turns a result of a plan run into its plan entry (in the
// consumer's goroutine, in order).
func (r *run) planned(res *Result) {
	r.planMu.Lock()
	e := r.planKept[res.Index]
	delete(r.planKept, res.Index)
	r.planMu.Unlock()
	if e == nil {
		e = &planEntry{Action: actionNone, Status: res.Status, Success: res.Success}
		if res.Err != nil {
			e.Detail = res.Err.Error()
		} else {
			e.Detail = res.Response
		}
	}
	d := res.Data()
	e.Index, e.Line, e.Prune, e.Differences, e.Warnings = res.Index, res.Line, res.Prune, res.Differences, res.Warnings
	e.ServiceProviderID, e.GroupID, e.ServiceUserID = d.ServiceProviderID, d.GroupID, d.ServiceUserID
	switch e.Action {
	case actionCreate:
		e.Password = string(d.Profile.Password)
		d.Profile.Password = ""
		e.CallCenter = &d
	case actionModify:
		w := e.want
		e.Password = string(w.Profile.Password)
		w.Profile.Password = ""
		e.CallCenter = &w
	}
	r.planDoc.Entries = append(r.planDoc.Entries, *e)
	r.planDoc.Counts[e.Action]++
}

// writePlan writes the plan of a run that ended well.
func (r *run) writePlan() error {
	doc := r.planDoc
	doc.Format, doc.Version, doc.Created = planFormat, planVersion, time.Now().UTC().Truncate(time.Second)
	doc.Prune, doc.SetPasswords = r.cfg.prune, r.cfg.setPass
	enc := json.NewEncoder(r.cfg.planOut)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("bulk: writing the plan: %w", err)
	}
	return nil
}

// fingerprint identifies the state of a stored call center: a digest of
// every field a read returns (not the password, which is never read back,
// nor the service provider and group, which OCI-P's read does not return).
// The service user id counts by its identity key.
func fingerprint(cc callcenter.CallCenter) string {
	// The lines are "field=value\n", the value quoted as %q quotes it.
	b := make([]byte, 0, 2048)
	b = append(append(append(b, "serviceUserId="...), callcenter.UserIDKey(cc.ServiceUserID)...), '\n')
	for _, c := range callcenter.Columns() {
		switch c.Field {
		case "serviceProviderId", "groupId", "serviceUserId", passwordColumn:
			continue
		}
		b = append(strconv.AppendQuote(append(append(b, c.Field...), '='), cc.Get(c.Field)), '\n')
	}
	for i, a := range cc.Profile.Aliases {
		b = append(strconv.AppendQuote(append(fmt.Appendf(b, callcenter.AliasField, i), '='), a), '\n')
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ApplyPlan carries out a plan that [PlanTo] wrote, exactly: it creates,
// modifies (the plan's fields, to the plan's values) and deletes what the
// plan shows, and nothing else. It never lists a group to find more to do.
// Each call center is read again first: where it no longer matches the
// fingerprint the plan was computed from (changed, gone, or created since
// the plan), nothing is written for it and its result is [StatusStale]:
// plan again. A modify whose fields already hold the plan's values (done
// by an earlier run of the plan whose result was lost, or by someone
// else) sends nothing either and ends [StatusUnchanged]; so does a delete
// whose call center is gone, which ends [StatusDeleted] ("already gone").
// Rows the plan could not apply are reported as the plan reported them
// (not OK). Results come in the plan's order, with the
// plan's indexes. A plan is a file that may have been edited: its values
// are validated as a sheet's are (an invalid row is [StatusInvalid] and
// nothing is sent for it), and a key the plan format does not have is an
// error (nothing is written).
//
// Options: [Concurrency], [Batch], [ResultsTo], [Resume], [BackupTo], [MaxDeletes]
// (checked before the first write: a plan with more deletes writes
// nothing and returns a *[TooManyDeletesError]), [OnProgress],
// [SettleDelays]. [PlanOnly], [Prune] and [DryRun] do not apply.
func ApplyPlan(ctx context.Context, t Target, plan io.Reader, opts ...Option) ([]Result, error) {
	doc, err := readPlan(plan)
	if err != nil {
		return nil, err
	}
	opts = append(slices.Clip(opts), func(c *config) { c.fromPlan = doc })
	return runAll(ctx, applyMode(t), planInput(doc), len(doc.Entries), opts)
}

// readPlan reads and checks a plan document.
func readPlan(src io.Reader) (*planDoc, error) {
	if src == nil {
		return nil, errors.New("bulk: ApplyPlan: nil plan")
	}
	dec := json.NewDecoder(io.LimitReader(src, 1<<30))
	dec.DisallowUnknownFields() // a typo in an edited plan is no silent no-op
	var doc planDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("bulk: ApplyPlan: reading the plan: %w", err)
	}
	switch {
	case doc.Format != planFormat:
		return nil, fmt.Errorf("bulk: ApplyPlan: not a plan written by PlanTo (format %q)", doc.Format)
	case doc.Version != planVersion:
		return nil, fmt.Errorf("bulk: ApplyPlan: plan version %d: this version reads version %d", doc.Version, planVersion)
	}
	seen := map[int]bool{}
	for i, e := range doc.Entries {
		bad := ""
		switch {
		case seen[e.Index] || e.Index < 0:
			bad = fmt.Sprintf("index %d repeated or negative", e.Index)
		case !slices.Contains([]string{actionCreate, actionModify, actionUnchanged, actionDelete, actionNone}, e.Action):
			bad = fmt.Sprintf("unknown action %q", e.Action)
		case e.Action != actionNone && e.ServiceUserID == "":
			bad = "no service user id"
		case (e.Action == actionCreate || e.Action == actionModify) && e.CallCenter == nil:
			bad = "no call center"
		case e.Action == actionModify && len(e.Fields) == 0:
			bad = "a modify of no field"
		case (e.Action == actionModify || e.Action == actionUnchanged || e.Action == actionDelete) && !strings.HasPrefix(e.Fingerprint, "sha256:"):
			bad = "no fingerprint"
		}
		if bad != "" {
			return nil, fmt.Errorf("bulk: ApplyPlan: entry %d: %s", i, bad)
		}
		seen[e.Index] = true
	}
	return &doc, nil
}

// planInput yields a plan's entries as rows.
func planInput(doc *planDoc) input {
	return func(*config) iter.Seq2[row, error] {
		return func(yield func(row, error) bool) {
			for i := range doc.Entries {
				e := &doc.Entries[i]
				rw := row{index: e.Index, line: e.Line, plan: e}
				if e.CallCenter != nil {
					rw.cc = e.CallCenter.Clone()
				}
				rw.cc.ServiceProviderID, rw.cc.GroupID, rw.cc.ServiceUserID = e.ServiceProviderID, e.GroupID, e.ServiceUserID
				rw.cc.Profile.Password = callcenter.Secret(e.Password)
				if !yield(rw, nil) {
					return
				}
			}
		}
	}
}

// planDeletes counts a plan's deletes.
func planDeletes(doc *planDoc) (int, []string) {
	var ids []string
	for _, e := range doc.Entries {
		if e.Action == actionDelete {
			ids = append(ids, e.ServiceUserID)
		}
	}
	return len(ids), ids
}

// holdsPlanned reports whether stored holds the value want gives each of
// a planned modify's fields, as holds compares them. A password cannot be
// read back to compare: a modify that sets one is never known to be done.
func holdsPlanned(want, stored callcenter.CallCenter, fields []string) bool {
	return len(fields) > 0 && !slices.Contains(fields, passwordColumn) && holds(stored, want, fields)
}

// errStale is the cause of a stale row.
var errStale = errors.New("changed since the plan: plan again")

// applyPlanned carries out one entry of a plan.
func (r *run) applyPlanned(ctx context.Context, it *item) Result {
	e := it.plan
	ident := callcenter.CallCenter{ServiceProviderID: e.ServiceProviderID, GroupID: e.GroupID, ServiceUserID: e.ServiceUserID}
	res := Result{Index: e.Index, Prune: e.Prune, data: packed.Pack(&ident), Warnings: slices.Clone(e.Warnings)}
	stale := func(why string) Result {
		res.Status, res.Err = StatusStale, fmt.Errorf("%w (%s); nothing was written", errStale, why)
		return res
	}
	switch e.Action {
	case actionNone:
		res.Status, res.Success, res.Response = e.Status, e.Success, "not in the plan's actions"
		if !e.Success {
			res.Err = fmt.Errorf("the plan could not apply this row: %s", e.Detail)
		}
		return res
	case actionCreate:
		g := r.group(ctx, groupKey{e.ServiceProviderID, e.GroupID})
		err := g.err
		in := err == nil && len(g.ids[callcenter.UserIDKey(e.ServiceUserID)]) > 0
		alike := err == nil && len(g.look[lookalikeKey(e.ServiceUserID)]) > 0
		if err == nil && !in && !alike {
			_, in, err = lookup(ctx, it.io, ident)
		}
		switch {
		case err != nil:
			res.Status, res.Err = StatusFailed, fmt.Errorf("reading the stored call center: %w", err)
			return res
		case in:
			return stale("it exists now; the plan was to create it")
		case alike:
			return stale(fmt.Sprintf("the group holds %q now, which may be the same id; the plan was to create it", g.look[lookalikeKey(e.ServiceUserID)]))
		}
		return r.process(ctx, it)
	}
	k := groupKey{e.ServiceProviderID, e.GroupID}
	g := r.group(ctx, k)
	if g.err != nil {
		res.Status, res.Err = StatusFailed, fmt.Errorf("listing group %q of %q: %w", k.group, k.sp, g.err)
		return res
	}
	// A delete whose call center is gone has what the plan wanted (done by
	// a run of this plan whose result was lost, or by someone else):
	// nothing to send, as for a prune of a call center already gone.
	gone := func() Result {
		res.Status, res.Success, res.Response = StatusDeleted, true, "already gone: nothing sent"
		return res
	}
	ids := g.ids[callcenter.UserIDKey(e.ServiceUserID)]
	switch {
	case len(ids) == 0 && e.Action == actionDelete:
		_, elsewhere, err := lookup(ctx, it.io, ident)
		switch {
		case err != nil:
			res.Status, res.Err = StatusFailed, fmt.Errorf("reading the stored call center: %w", err)
			return res
		case elsewhere:
			return stale("it is no longer in its group")
		}
		return gone()
	case len(ids) == 0:
		return stale("it is no longer in its group")
	case len(ids) > 1:
		res.Status, res.Err = StatusStale, fmt.Errorf("%w (%v); nothing was written", errStale, ambiguous(e.ServiceUserID, k, ids))
		return res
	}
	key := ident
	key.ServiceUserID = ids[0]
	stored, found, err := lookup(ctx, it.io, key)
	switch {
	case err != nil:
		res.Status, res.Err = StatusFailed, fmt.Errorf("reading the stored call center: %w", err)
		return res
	case !found && e.Action == actionDelete:
		return gone()
	case !found:
		return stale("it is gone")
	}
	stored.ServiceProviderID, stored.GroupID, stored.ServiceUserID = k.sp, k.group, ids[0]
	if fingerprint(*stored) != e.Fingerprint {
		if e.Action == actionModify && holdsPlanned(it.cc, *stored, e.Fields) {
			// Carried out already (by a run of this plan killed before
			// its result was written, or by someone else): nothing to
			// write, and nothing to plan again.
			res.data = packed.Pack(stored)
			res.Status, res.Success, res.Response = StatusUnchanged, true, "stored as the plan wants it already (changed since the plan read it): nothing sent"
			return res
		}
		return stale("the stored call center differs from the one the plan read")
	}
	res.data = packed.Pack(stored)
	switch e.Action {
	case actionUnchanged:
		res.Status, res.Success, res.Response = StatusUnchanged, true, "stored as the plan read it"
		return res
	case actionDelete:
		return r.deleteStored(ctx, it.io, res, stored)
	}
	// modify
	want := it.cc
	want.ServiceUserID = ids[0]
	res.data, res.Differences = packed.Pack(&want), e.Differences
	// A plan is a file that may have been edited: its values are checked
	// as a sheet's are before anything is built (the builders do not).
	if err := withoutPassword(want.Validate()); err != nil {
		res.Status, res.Err = StatusInvalid, &RowError{Row: e.Index, Err: err}
		return res
	}
	if !r.build(&res, it, func() (any, error) { return r.apply.BuildModify(want, e.Fields) }) {
		return res
	}
	return r.modify(ctx, it.io, res, key, stored, want, e.Fields)
}
