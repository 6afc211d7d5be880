package bulk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
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
// A Result holds its row packed ([callcenter.Packed]): [Result.Data]
// unpacks it and [Result.Command] returns the vendor command, so that a
// whole run's slice of results (for [PureOps]) costs a few hundred bytes a
// row. Runs make results ([Result.SetData] and [Result.SetCommand] make
// them for tests); the zero Result is a row of index 0 with no data.
type Result struct {
	Index  int    // 0-based row (CSV: first data row is 0)
	Status Status // what happened, in more detail than Success
	// Success is the one answer to "did this row end well" (see
	// [Result.OK]).
	Success bool
	// Planned marks the results of [PlanOnly]: Status is what the apply
	// would do; nothing was written.
	Planned  bool
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
	// Prune marks the result of a deletion by [Prune] (or its cancellation):
	// it is not a sheet row, its Index comes after the sheet's last row,
	// and [Resume] never takes it for a row.
	Prune bool

	create bool              // cmd is the row's create (rebuilt from data when dropped)
	data   callcenter.Packed // the row after defaults
	cmd    any               // the command built, or a *rebuild once dropped
}

// Data returns the row after defaults (for a pruned call center, its
// identity). Each call unpacks a copy of its own.
func (r Result) Data() callcenter.CallCenter { return r.data.Unpack() }

// Command returns the vendor command built for the row (also in dry runs),
// or nil when none was built (an invalid row, an unchanged one, a delete).
// For [PureOps] the whole-run functions ([CreateFromCSV] and the others)
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

// SetData sets the row r is for, as Data returns it. Runs set it
// themselves; it is for code that makes results of its own, such as tests
// of what reads them.
func (r *Result) SetData(cc callcenter.CallCenter) { r.data = cc.Pack() }

// SetCommand sets the command Command returns (see SetData).
func (r *Result) SetCommand(cmd any) { r.cmd, r.create = cmd, false }

// rebuild stands for a create command that a result no longer holds: the
// run's Ops build it again on demand.
type rebuild struct{ ops Ops }

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
	Data        callcenter.CallCenter   `json:"data"`
	Command     any                     `json:"command"`
	Response    string                  `json:"response"`
	Success     bool                    `json:"success"`
	Detail      *string                 `json:"detail"`
	Status      Status                  `json:"status"`
	Differences []callcenter.FieldError `json:"differences,omitempty"`
	Planned     bool                    `json:"planned,omitempty"`
	Warnings    []string                `json:"warnings,omitempty"`
	Prune       bool                    `json:"prune,omitempty"`
}

func (r Result) view() resultView {
	v := resultView{Index: r.Index, Data: r.Data(), Command: r.Command(), Response: r.Response, Success: r.Success, Status: r.Status, Differences: r.Differences, Planned: r.Planned, Warnings: r.Warnings, Prune: r.Prune}
	if r.Err != nil {
		s := r.Err.Error()
		v.Detail = &s
	}
	return v
}

// MarshalJSON writes the shape of reference 000 — index, data, command,
// response, success, detail (the error text or null) — plus status and
// differences. Secrets are redacted: the password of data prints as
// [REDACTED], and vendor commands redact their own.
func (r Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.view()) }

// UnmarshalJSON reads a result as MarshalJSON writes it (a line of a
// [ResultsTo] file): Data as the row (its password reads as
// [callcenter.Redacted]), Command as the JSON value decodes into an any,
// and Err, when detail is set, as an error with its text.
func (r *Result) UnmarshalJSON(b []byte) error {
	var v resultView
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = Result{Index: v.Index, Status: v.Status, Success: v.Success, Planned: v.Planned, Response: v.Response, Differences: v.Differences, Warnings: v.Warnings, Prune: v.Prune, cmd: v.Command}
	r.data = v.Data.Pack()
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
	v := result{r.Index, r.Status, r.Success, r.Planned, r.Err, r.Response, r.Differences, r.Warnings, r.Prune, r.Data(), r.Command()}
	if verb == 'v' && f.Flag('#') {
		// The local type's name would print: give the real one.
		_, _ = io.WriteString(f, strings.Replace(fmt.Sprintf("%#v", v), "bulk.result{", "bulk.Result{", 1))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}

// record is what Resume needs of an earlier result.
type record struct {
	Index   int             `json:"index"`
	Success bool            `json:"success"`
	Status  Status          `json:"status"`
	Planned bool            `json:"planned"`
	Prune   bool            `json:"prune"`
	Raw     json.RawMessage `json:"data"`

	id   string            // the service user id of the result's data
	data callcenter.Packed // the result's data; zero when it could not be read
}

// read fills id and data from Raw (and drops Raw).
func (r *record) read() {
	var cc callcenter.CallCenter
	if err := json.Unmarshal(r.Raw, &cc); err == nil {
		r.id, r.data = cc.ServiceUserID, cc.Pack()
	} else {
		var id struct {
			ServiceUserID string `json:"service_user_id"`
		}
		_ = json.Unmarshal(r.Raw, &id)
		r.id = id.ServiceUserID
	}
	r.Raw = nil
}

// asks reports whether the earlier result is for what row asks now: every
// cell the row sets holds the same value in the result's data (the row
// after defaults; for an apply, what the modify left). A row edited since
// the earlier run asks for something else: it is not done. Where it cannot
// tell (no data, a null alias cell), the row is not done either: running
// it again is safe (a create is settled by comparison, an apply by
// reading), reporting it done is not.
func (r *record) asks(rw *row) bool {
	if r.data.IsZero() {
		return false
	}
	prev := r.data.Unpack()
	now := rw.cc
	now.ApplyDefaults() // as the earlier run's data was
	for _, f := range rw.cc.SetFields() {
		switch _, alias := aliasColumn(f); {
		case f == "serviceUserId" || f == passwordColumn:
			// The id was compared by the identity rule; a password is
			// never in a result.
		case alias:
			if !slices.Contains(prev.Profile.Aliases, now.Get(f)) {
				return false
			}
		case now.Get(f) != prev.Get(f):
			return false
		}
	}
	for _, f := range rw.nulls {
		if v := prev.Get(f); v != "" && !storedNull(v) {
			return false
		}
	}
	for _, c := range rw.aliases {
		if c.null {
			return false
		}
	}
	return true
}

// maxResultLine bounds one line of a results file.
const maxResultLine = 16 << 20

// readRecords reads a JSON Lines results file (as [ResultsTo] writes it).
// Later lines for the same index win. The results of deletions (marked
// prune, or deleted: results files of earlier versions have no mark) are
// no sheet rows: they are marked Prune, and count only for the deletions
// of a plan (a sheet row that takes the index of an earlier deletion is
// run). A last line cut short (no line break, not
// JSON: the run died while writing it, or the disk filled up) is the
// result of a row that is then run again, as if it had none; a damaged
// line before the last is an error.
func readRecords(r io.Reader) (map[int]record, error) {
	out := make(map[int]record)
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		b, err := readLine(br)
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("bulk: resume: reading results line %d: %w", line, err)
		}
		whole := len(b) > 0 && b[len(b)-1] == '\n'
		if trimmed := bytes.TrimSpace(b); len(trimmed) > 0 {
			var rec record
			if jerr := json.Unmarshal(trimmed, &rec); jerr != nil {
				if !whole && err == io.EOF {
					break // torn last line
				}
				return nil, fmt.Errorf("bulk: resume: results line %d: %w", line, jerr)
			}
			rec.Prune = rec.Prune || rec.Status == StatusDeleted
			rec.read()
			out[rec.Index] = rec
		}
		if err == io.EOF {
			break
		}
	}
	return out, nil
}

// readLine reads one line with its line break (none at the end of the
// input), of at most maxResultLine bytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxResultLine {
			return nil, fmt.Errorf("longer than %d bytes", maxResultLine)
		}
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// writeLine writes r as one JSON line with a single Write call.
func writeLine(w io.Writer, r Result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// done reports whether the earlier result took effect: a dry run's
// validated rows and a plan's rows did not.
func (r *record) done() bool {
	return r.Success && r.Status != StatusValidated && !r.Planned
}
