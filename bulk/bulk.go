// Package bulk provisions many call centers at once from a CSV bulk sheet
// or from data, and returns one [Result] per input row, in input order.
//
// It works with any [Target] (a *broadworks.Client, an *apio.Client):
//
//	client, err := broadworks.NewClient("bw.example.com", "admin", os.Getenv("BW_PASSWORD"), broadworks.WithSessions(4))
//	if err != nil { ... }
//	defer client.Close()
//	f, _ := os.Open("call-centers.csv")
//	results, err := bulk.CreateFromCSV(ctx, client, f, bulk.Concurrency(4))
//
// Rows are parsed, given the defaults of reference 000, validated (including
// the per-type option rules) and turned into vendor commands before anything
// is sent; [DryRun] stops there and opens no connection. A failing row never
// stops the others; a failure that will hit every row alike (a refused
// login, a server that cannot be reached: see [ErrSystemic]) stops the run,
// and the rows not sent end [StatusSkipped]. A create whose outcome is
// unknown (the connection broke after the request was sent) is never sent
// again blindly: bulk looks the call center up and reports it created,
// already existing (with the stored data compared) or failed. [ResultsTo]
// writes results as JSON Lines as rows finish, and [Resume] reruns only the
// rows that did not end well.
//
// [ApplyFromCSV] makes the platform match a sheet (create, modify only what
// differs, leave the rest, and with [Prune] delete what the sheet no longer
// lists, at most [MaxDeletes]); [PlanOnly] shows what it would do and
// [PlanTo] saves it for [ApplyPlan], which carries out exactly that plan;
// [BackupTo] keeps what a run replaces; [ExportCSV] writes a group's call
// centers as a sheet that Apply reads back.
//
// For very large inputs use [StreamCSV] or [Stream]: they hold only the
// rows in flight (plus 8 bytes a row to catch duplicate service user ids),
// so a million-row file runs in about 33 MiB.
package bulk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Errors that results and runs match with errors.Is. The vendor packages
// return errors matching the same values (broadworks.ErrOutcomeUnknown and
// apio.ErrOutcomeUnknown are bulk.ErrOutcomeUnknown).
var (
	// ErrAlreadyExists matches a vendor error saying the call center
	// exists already.
	ErrAlreadyExists = transport.ErrAlreadyExists
	// ErrOutcomeUnknown matches an error after which a write may or may not
	// have taken effect: the request was sent, then the connection broke
	// or the server failed.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrSystemic matches a failure that will hit every row alike: a
	// refused login ([ErrLoginRefused]) or a server that cannot be reached
	// ([ErrCannotConnect]: connection refused, DNS failure, TLS handshake
	// or certificate failure). Such a failure stops a run: its error (a
	// *StopError) matches ErrSystemic, and the rows not sent end skipped.
	ErrSystemic = transport.ErrSystemic
	// ErrLoginRefused matches a login the server refused.
	ErrLoginRefused = transport.ErrLoginRefused
	// ErrCannotConnect matches a failure to reach the server at all.
	ErrCannotConnect = transport.ErrCannotConnect
	// ErrDuplicateRow is the error of a row whose service user id an
	// earlier row of the same input already uses.
	ErrDuplicateRow = errors.New("duplicate service user id in this input")
	// ErrAmbiguous is the error of a row whose service user id names two
	// call centers the platform holds that the identity rule
	// ([callcenter.UserIDKey]) cannot tell apart, or that matches none by
	// the rule but looks like one its group holds (another Unicode form,
	// such as NFD for NFC, fullwidth letters, or ß for SS): the row is
	// refused, never guessed.
	ErrAmbiguous = errors.New("ambiguous service user id")
	// ErrTooManyDeletes matches the error of a run whose [Prune] (or
	// plan) would delete more call centers than [MaxDeletes] allows: a
	// *[TooManyDeletesError]. Such a run writes nothing.
	ErrTooManyDeletes = errors.New("bulk: too many deletes")
)

// TooManyDeletesError is the error of a run that would delete more call
// centers than [MaxDeletes] allows. The run wrote nothing. It matches
// [ErrTooManyDeletes].
type TooManyDeletesError struct {
	Deletes int      // how many the run would delete
	Max     int      // the limit
	IDs     []string // the service user ids it would delete (the first 20)
}

// Error says how many, and how to allow them.
func (e *TooManyDeletesError) Error() string {
	return fmt.Sprintf("bulk: prune would delete %d call centers, more than the limit of %d; nothing was written. "+
		"Check that the sheet lists every call center of its groups (a filtered sheet lists only some); "+
		"to delete them all, allow it with MaxDeletes(%d)", e.Deletes, e.Max, e.Deletes)
}

// Is makes the error match [ErrTooManyDeletes].
func (e *TooManyDeletesError) Is(target error) bool { return target == ErrTooManyDeletes }

// DefaultConcurrency is how many rows are handled at once unless
// [Concurrency] says otherwise.
const DefaultConcurrency = 4

// CreateFromCSV creates the call centers of a bulk sheet (reference 000's
// columns, in any order) and returns one result per data row, in order. The
// error is non-nil when the input as a whole cannot be used (a bad header,
// a read error, an unreadable resume file: then the results stop there) or
// when a systemic failure stopped the run (a *StopError; every row still
// has its result).
func CreateFromCSV(ctx context.Context, t Target, src io.Reader, opts ...Option) ([]Result, error) {
	m := createMode(t)
	return collect(m, 0, start(ctx, m, csvInput(src), opts))
}

// CreateFromData creates the given call centers (not modified: each is
// copied before defaults apply) and returns one result per element, in
// order.
func CreateFromData(ctx context.Context, t Target, data []callcenter.CallCenter, opts ...Option) ([]Result, error) {
	m := createMode(t)
	return collect(m, len(data), start(ctx, m, dataInput(slice(data)), append([]Option{Total(len(data))}, opts...)))
}

// StreamCSV is [CreateFromCSV] as a sequence: it yields each result in
// input order as soon as it and every earlier row are done, holding only
// the rows in flight. A non-nil error ends the sequence (a bad header, a
// read error, a systemic stop after the last row's result). Stopping the
// loop early stops the run: rows already being created finish (their
// results are not reported, so resume from a [ResultsTo] file settles them
// by lookup), no other row is started, and the loop returns once the read
// of src in progress returns. Cancelling ctx instead reports every row: the
// rest of src is read and its rows are marked skipped.
func StreamCSV(ctx context.Context, t Target, src io.Reader, opts ...Option) iter.Seq2[Result, error] {
	return start(ctx, createMode(t), csvInput(src), opts)
}

// Stream is [CreateFromData] for a sequence of call centers, with the
// behaviour of [StreamCSV].
func Stream(ctx context.Context, t Target, data iter.Seq[callcenter.CallCenter], opts ...Option) iter.Seq2[Result, error] {
	return start(ctx, createMode(t), dataInput(data), opts)
}

// ApplyFromCSV makes the platform match a bulk sheet, the desired state:
// it creates the call centers that are missing (as CreateFromCSV does),
// modifies only the fields that differ on those that exist (one modify per
// changed row, carrying only the changed fields: [StatusModified] with the
// Differences), and leaves equal ones alone ([StatusUnchanged], no write).
// With [Prune] it also deletes the call centers of the sheet's groups that
// the sheet does not list ([StatusDeleted], results after the sheet's
// rows); with [PlanOnly] it writes nothing and reports what it would do.
//
// What a cell means for a call center that exists: an empty cell, or a
// column the sheet lacks, keeps what is stored (the defaults of reference
// 000 apply only to call centers being created); alias cells count by
// position (a value sets that alias, an empty cell keeps it, null removes
// it); a cell holding null (any case) clears the field, and the row is
// refused when the field is required or the platform cannot clear it. A
// password cannot be read back (an exported sheet has none): a password
// cell on an existing call center is sent only with [SetPasswords], and
// otherwise the result warns that it was not ([Result.Warnings]).
//
// A row names a call center by the identity rule ([callcenter.UserIDKey]:
// case and surrounding spaces do not make another id): its group is listed
// once per run and the row resolved to the one call center of the group it
// names, read and modified under the platform's spelling of its id. A call
// center found under the row's id in another group than the row names is
// an invalid row, never modified; an id naming two call centers of the
// group is refused ([ErrAmbiguous]). [BackupTo] keeps what each modify and
// delete replaces. The same guarantees as create hold: ordered results,
// concurrency, no duplicate create (or blind resend) after a lost answer,
// [ResultsTo], [Resume]; [Batch] does not apply (each row is read before
// it is written).
func ApplyFromCSV(ctx context.Context, t ApplyTarget, src io.Reader, opts ...Option) ([]Result, error) {
	m := applyMode(t)
	return collect(m, 0, start(ctx, m, csvInput(src), opts))
}

// ApplyFromData is [ApplyFromCSV] for call centers held in memory (not
// modified).
func ApplyFromData(ctx context.Context, t ApplyTarget, data []callcenter.CallCenter, opts ...Option) ([]Result, error) {
	m := applyMode(t)
	return collect(m, len(data), start(ctx, m, dataInput(slice(data)), append([]Option{Total(len(data))}, opts...)))
}

func slice(data []callcenter.CallCenter) iter.Seq[callcenter.CallCenter] {
	return func(yield func(callcenter.CallCenter) bool) {
		for _, cc := range data {
			if !yield(cc.Clone()) {
				return
			}
		}
	}
}

// collect gathers a run's results (n of them, when known). For [PureOps]
// each result is kept without its create command, which [Result.Command]
// builds again from its data: the whole slice then holds a few hundred
// bytes a row (see BENCHMARKS.md).
func collect(m mode, n int, seq iter.Seq2[Result, error]) ([]Result, error) {
	out := make([]Result, 0, n)
	var rb *rebuild
	if pure, ok := m.ops.(PureOps); ok {
		rb = &rebuild{ops: pure}
	}
	for r, err := range seq {
		if err != nil {
			return out, err
		}
		if rb != nil {
			r.lean(rb)
		}
		out = append(out, r)
	}
	return out, nil
}

// input turns the run's options into the rows to handle.
type input func(cfg *config) iter.Seq2[row, error]

func csvInput(src io.Reader) input {
	return func(cfg *config) iter.Seq2[row, error] { return csvRows(src, cfg.csv) }
}

func dataInput(data iter.Seq[callcenter.CallCenter]) input {
	return func(*config) iter.Seq2[row, error] {
		return func(yield func(row, error) bool) {
			i := 0
			for cc := range data {
				if !yield(row{index: i, cc: cc}, nil) {
					return
				}
				i++
			}
		}
	}
}
