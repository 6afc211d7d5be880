package bulk

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
	"github.com/ccsdk/callcenter-go/platform"
)

// Status says what happened to one row.
type Status string

// The row statuses.
const (
	// StatusCreated: the call center was created (or, after an unknown
	// outcome, found stored exactly as asked).
	StatusCreated Status = "created"
	// StatusExists: the call center existed already. Success is true when
	// the stored data matches the row, false with Differences otherwise.
	StatusExists Status = "exists"
	// StatusValidated: a dry run found the row valid and built its command.
	StatusValidated Status = "validated"
	// StatusInvalid: the row could not be parsed or failed validation;
	// nothing was sent.
	StatusInvalid Status = "invalid"
	// StatusFailed: the backend refused the create, or it failed and a
	// lookup showed nothing was created. Safe to retry.
	StatusFailed Status = "failed"
	// StatusUnknown: the create's outcome is unknown and the lookup that
	// should have settled it failed too. A resumed run looks it up first.
	StatusUnknown Status = "unknown"
	// StatusSkipped: not sent, because the context was cancelled or a
	// systemic failure stopped the run (Err says which). Safe to rerun.
	StatusSkipped Status = "skipped"
	// StatusDone: succeeded in an earlier run (see [Resume]); not rerun.
	StatusDone Status = "done"
	// StatusModified: apply changed the stored call center in the fields
	// listed in Differences (one modify, carrying only those fields).
	StatusModified Status = "modified"
	// StatusUnchanged: apply found the call center stored as the sheet
	// says; nothing was sent.
	StatusUnchanged Status = "unchanged"
	// StatusDeleted: apply with [Prune] deleted a call center of the
	// sheet's groups that the sheet does not list.
	StatusDeleted Status = "deleted"
	// StatusStale: [ApplyPlan] found the call center changed since the plan
	// was made (or gone, or created meanwhile): nothing was written for
	// it. Plan again.
	StatusStale Status = "stale"
)

// Result is the outcome of one input row.
//
// A Result holds its row packed: [Result.Data] unpacks it and
// [Result.Command] returns the vendor command, so that a whole run's slice
// of results (for the Ops of broadworks and apio) costs a few hundred
// bytes a row. Runs make results, and [Result.UnmarshalJSON] reads them
// back from a results file; the zero Result is a row of index 0 with no
// data.
type Result struct {
	Index int // 0-based row (CSV: first data row is 0)
	// Line is the row's line in the sheet as a spreadsheet numbers it (the
	// header is line 1; see [RowError]); 0 for rows given as data and the
	// results of deletions. [ApplyPlan] gives each entry the line of the
	// sheet the plan was made from (0 in a plan written before plans kept it).
	Line     int
	Status   Status // what happened, in more detail than Success
	Err      error  // why it did not: validation, vendor or network error
	Response string // vendor response; empty in a dry run
	// Differences lists the fields where a call center found stored
	// differs from the row: after an unknown outcome or "already exists"
	// (then Success is false), or what an apply modified.
	Differences []callcenter.FieldError
	// Warnings are things the row asked for that were not done, though
	// the row ended well: a password cell on an existing call center not
	// sent (see [SetPasswords]), a deleted call center whose password a
	// restore needs again.
	Warnings []string
	// Success is the one answer to "did this row end well" (see
	// [Result.OK]).
	Success bool
	// Planned marks the results of [PlanOnly]: Status is what the apply
	// would do; nothing was written.
	Planned bool
	// Prune marks the result of a deletion by [Prune] (or its cancellation):
	// it is not a sheet row, its Index comes after the sheet's last row,
	// and [Resume] never takes it for a row.
	Prune bool

	create     bool                 // cmd is the row's create (rebuilt from data when dropped)
	normalized numberSet            // the number columns normalized (see Normalized)
	defaulted  defaultSet           // the columns defaults filled (see Defaulted)
	data       packed.CallCenter    // the row after defaults
	cmd        any                  // the command built, or a *rebuild once dropped
	staff      *callcenter.Staffing // a row of an agent sheet (ModifyAgentsFromCSV)
}

// Staffing returns the staffing of a result of an agent sheet
// ([ModifyAgentsFromCSV]), and true: what its call center holds after the
// change (or, in a plan, would hold), what it holds when the row changed
// nothing or failed part-way, or, when the call center was not read (a
// dry run, an invalid row), what the row asks. For other results it
// returns false. Each call returns a copy of its own.
func (r Result) Staffing() (callcenter.Staffing, bool) {
	if r.staff == nil {
		return callcenter.Staffing{}, false
	}
	return r.staff.Clone(), true
}

// Data returns the row after defaults (for a pruned call center, its
// identity; for a row of an agent sheet, the call center's service user
// id: see [Result.Staffing]). Each call unpacks a copy of its own.
func (r Result) Data() callcenter.CallCenter { return r.data.Unpack() }

// Command returns the vendor command built for the row (also in dry runs),
// or nil when none was built (an invalid row, an unchanged one, a delete).
// For the Ops of broadworks and apio, whose BuildCreate is a pure
// function of the call center, the whole-run functions ([CreateFromCSV] and the others)
// do not hold the create commands of their results: then each call builds
// the command again from Data, as the run did, and returns a new value
// equal to the one sent (nil if building fails, which a pure BuildCreate
// that built it once does not). Such results keep the Ops, and so the
// client, reachable; building needs no connection.
func (r Result) Command() any {
	if b, ok := r.cmd.(*rebuild); ok {
		cmd, err := b.ops.BuildCreate(r.Data())
		if err != nil {
			return nil
		}
		return cmd
	}
	return r.cmd
}

// rebuild stands for a create command that a result no longer holds: the
// run's Ops build it again on demand.
type rebuild struct{ ops platform.Ops }

// lean drops r's create command, which rb can build again from r's data.
func (r *Result) lean(rb *rebuild) {
	if r.create && r.cmd != nil {
		r.cmd = rb
	}
}

// OK reports whether the row ended well: it is on the platform as the row
// asks (created, stored identically, done in an earlier run, modified,
// unchanged, deleted), or, in a dry run or a plan, it would be. Every other
// status (invalid, failed, unknown, skipped, and exists with differences)
// is not OK. It is the same as Success.
func (r Result) OK() bool { return r.Success }

// resultView is a Result as fmt and JSON show it.
type resultView struct {
	Index       int                     `json:"index"`
	Operation   string                  `json:"operation,omitempty"` // StaffingOperation for an agent sheet's result
	Data        any                     `json:"data"`
	Command     any                     `json:"command"`
	Response    string                  `json:"response"`
	Success     bool                    `json:"success"`
	Detail      *string                 `json:"detail"`
	Status      Status                  `json:"status"`
	Differences []callcenter.FieldError `json:"differences,omitempty"`
	Planned     bool                    `json:"planned,omitempty"`
	Warnings    []string                `json:"warnings,omitempty"`
	Prune       bool                    `json:"prune,omitempty"`
	Line        int                     `json:"line,omitempty"`
	Defaulted   []string                `json:"defaulted,omitempty"`
	Normalized  []string                `json:"normalized,omitempty"`
}

func (r Result) view() resultView {
	v := resultView{Index: r.Index, Data: r.Data(), Command: r.Command(), Response: r.Response, Success: r.Success, Status: r.Status, Differences: r.Differences, Planned: r.Planned, Warnings: r.Warnings, Prune: r.Prune,
		Line: r.Line, Defaulted: r.Defaulted(), Normalized: r.Normalized()}
	if r.staff != nil {
		v.Operation, v.Data = StaffingOperation, *r.staff
	}
	if r.Err != nil {
		s := r.Err.Error()
		v.Detail = &s
	}
	return v
}

// MarshalJSON writes the shape of reference 000 — index, data, command,
// response, success, detail (the error text or null) — plus status and
// differences, and where there are any: the sheet's line, the columns
// defaulted and normalized (see [Result.Defaulted], [Result.Normalized]).
// Secrets are redacted: the password of data prints as [REDACTED], and
// vendor commands redact their own. A result of an agent sheet has
// "operation": "call.center.update.agent.list" and its staffing as data
// ([Result.Staffing]).
func (r Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.view()) }

// UnmarshalJSON reads a result as MarshalJSON writes it (a line of a
// [ResultsTo] file): Data as the row (its password reads as
// [callcenter.Redacted]; an agent sheet's as its staffing), Command as the JSON value decodes into an any,
// and Err, when detail is set, as an error with its text.
func (r *Result) UnmarshalJSON(b []byte) error {
	var v struct {
		resultView
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = Result{Index: v.Index, Line: v.Line, Status: v.Status, Success: v.Success, Planned: v.Planned, Response: v.Response, Differences: v.Differences, Warnings: v.Warnings, Prune: v.Prune, cmd: v.Command,
		defaulted: defaultSet(bitsOf(v.Defaulted, defaultColumns())), normalized: numberSet(bitsOf(v.Normalized, numberColumns[:]))}
	var cc callcenter.CallCenter
	if len(v.Data) > 0 {
		if v.Operation == StaffingOperation {
			var st callcenter.Staffing
			if err := json.Unmarshal(v.Data, &st); err != nil {
				return err
			}
			r.staff, cc.ServiceUserID = &st, st.ServiceUserID
		} else if err := json.Unmarshal(v.Data, &cc); err != nil {
			return err
		}
	}
	r.data = packed.Pack(&cc)
	if v.Detail != nil {
		r.Err = errors.New(*v.Detail)
	}
	return nil
}

// Format prints the result as fmt prints a struct of its exported fields
// and its Data and Command, with the password redacted.
func (r Result) Format(f fmt.State, verb rune) {
	type result struct {
		Index       int
		Status      Status
		Success     bool
		Planned     bool
		Err         error
		Response    string
		Differences []callcenter.FieldError
		Warnings    []string
		Prune       bool
		Data        callcenter.CallCenter
		Command     any
	}
	if r.staff != nil {
		// An agent sheet's row: its staffing instead of the call center.
		type staffResult struct {
			Index       int
			Status      Status
			Success     bool
			Planned     bool
			Err         error
			Response    string
			Differences []callcenter.FieldError
			Warnings    []string
			Staffing    callcenter.Staffing
			Command     any
		}
		formatAs(f, verb, "bulk.staffResult{", staffResult{r.Index, r.Status, r.Success, r.Planned, r.Err, r.Response, r.Differences, r.Warnings, *r.staff, r.cmd})
		return
	}
	formatAs(f, verb, "bulk.result{", result{r.Index, r.Status, r.Success, r.Planned, r.Err, r.Response, r.Differences, r.Warnings, r.Prune, r.Data(), r.Command()})
}

// formatAs prints v, the struct Format shows for a Result, as fmt prints
// it, but with %#v naming the type bulk.Result where it would name v's
// local type (whose %#v starts with local).
func formatAs(f fmt.State, verb rune, local string, v any) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, strings.Replace(fmt.Sprintf("%#v", v), local, "bulk.Result{", 1))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}
