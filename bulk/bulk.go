package bulk

import (
	"context"
	"io"
	"iter"

	"github.com/ccsdk/callcenter-go/callcenter"
)

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
	return runAll(ctx, createMode(t), csvInput(src), 0, opts)
}

// CreateFromData creates the given call centers (not modified: each is
// copied before defaults apply) and returns one result per element, in
// order.
func CreateFromData(ctx context.Context, t Target, data []callcenter.CallCenter, opts ...Option) ([]Result, error) {
	return runAll(ctx, createMode(t), dataInput(slice(data)), len(data), opts)
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
// concurrency, batching ([Batch]: reads and writes go out up to 15 to an
// OCI-P document), no duplicate create (or blind resend) after a lost
// answer, [ResultsTo], [Resume].
func ApplyFromCSV(ctx context.Context, t Target, src io.Reader, opts ...Option) ([]Result, error) {
	return runAll(ctx, applyMode(t), csvInput(src), 0, opts)
}

// ApplyFromData is [ApplyFromCSV] for call centers held in memory (not
// modified).
func ApplyFromData(ctx context.Context, t Target, data []callcenter.CallCenter, opts ...Option) ([]Result, error) {
	return runAll(ctx, applyMode(t), dataInput(slice(data)), len(data), opts)
}

// runAll runs m over the rows of in and returns their results, gathered
// by collect. n is how many rows in holds when that is known (0 when not):
// it is then the run's [Total], given ahead of opts.
func runAll(ctx context.Context, m mode, in input, n int, opts []Option) ([]Result, error) {
	if n > 0 {
		opts = append([]Option{Total(n)}, opts...)
	}
	return collect(m, n, start(ctx, m, in, opts))
}

// collect gathers a run's results (n of them, when known). For Ops whose
// BuildCreate is pure (pureBuilder) each result is kept without its create
// command, which [Result.Command] builds again from its data: the whole
// slice then holds a few hundred bytes a row (see BENCHMARKS.md).
func collect(m mode, n int, seq iter.Seq2[Result, error]) ([]Result, error) {
	out := make([]Result, 0, n)
	var rb *rebuild
	if _, ok := m.ops.(pureBuilder); ok {
		rb = &rebuild{ops: m.ops}
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
