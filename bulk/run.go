package bulk

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// errStopped is the error of rows not started because the caller stopped
// iterating a stream early.
var errStopped = errors.New("not started: the caller stopped reading results")

// StopError is the error of a run that a systemic failure stopped (see
// [ErrSystemic]), or a [BackupTo] writer that failed (every later modify
// and delete would fail alike, and none is sent without its backup): it
// says what happened and what to check. It unwraps to the failure, so
// errors.Is(err, ErrLoginRefused) and errors.Is(err, ErrSystemic) work. Every row still has its result: the row that met the
// failure is failed, and the rows not sent are skipped with it as cause.
type StopError struct {
	Cause   error // the failure, as the row that met it reported it
	Row     int   // the index of that row
	Skipped int   // rows not sent because of it
}

// Error returns "bulk: run stopped at row N: cause: what to check (M rows
// not sent)".
func (e *StopError) Error() string {
	hint := Hint(e.Cause)
	if hint != "" {
		hint = ": " + hint
	}
	return fmt.Sprintf("bulk: run stopped at row %d: %v%s (%d rows not sent)", e.Row, e.Cause, hint, e.Skipped)
}

// Unwrap returns the cause.
func (e *StopError) Unwrap() error { return e.Cause }

// Hint says what to check after a systemic failure or a backup that
// cannot be written ("" for other errors).
func Hint(err error) string {
	var be *backupError
	switch {
	case errors.As(err, &be):
		return "check the backup's file and disk; nothing was modified or deleted without its backup"
	case errors.Is(err, ErrLoginRefused):
		return "check the user name and password (a server may lock the account after repeated failures)"
	case errors.Is(err, ErrCannotConnect):
		return "check the host, the port and the transport (TLS or plain TCP), the network, and that the server's certificate is trusted"
	}
	return ""
}

// mode is what a run does to each row: create (CreateFrom…, Stream…) or
// apply (ApplyFrom…).
type mode struct {
	ops   Ops
	apply ApplyOps // nil when creating
	err   error    // why the target cannot be used
}

func createMode(t Target) mode {
	if t == nil {
		return mode{err: errors.New("bulk: nil Target")}
	}
	ops := t.BulkOps()
	if ops == nil {
		return mode{err: fmt.Errorf("bulk: %T returned no Ops", t)}
	}
	return mode{ops: ops}
}

func applyMode(t ApplyTarget) mode {
	if t == nil {
		return mode{err: errors.New("bulk: nil ApplyTarget")}
	}
	ops := t.BulkApplyOps()
	if ops == nil {
		return mode{err: fmt.Errorf("bulk: %T returned no ApplyOps", t)}
	}
	return mode{ops: ops, apply: ops}
}

// runner is one run's shared state.
type runner struct {
	mode
	cfg   *config
	batch BatchOps // non-nil when rows are sent in batches
	wire  WireOps  // non-nil when commands have a wire form

	haltOnce  sync.Once
	halted    atomic.Bool
	haltCause error // set once, before halted
	haltRow   int
	skipped   atomic.Int64

	lister  lister // nil when the Ops cannot list a group
	listsMu sync.Mutex
	lists   map[groupKey]*groupList // apply: each group's ids, listed once

	backup *backupWriter // BackupTo; nil without

	pruneMu sync.Mutex
	keep    map[groupKey]string // Prune: groups the rows found must not be pruned, and why

	planMu   sync.Mutex
	planKept map[int]*planEntry // PlanTo: what workers learned, by index
	planDoc  planDoc            // PlanTo: the entries so far, in order
}

// halt stops the run after a systemic failure met by row, and reports
// whether that row was the first to meet one.
func (r *runner) halt(row int, cause error) (first bool) {
	r.haltOnce.Do(func() {
		r.haltCause, r.haltRow = cause, row
		r.halted.Store(true)
		first = true
	})
	return first
}

// stoppedBy returns the systemic failure that stopped the run, or nil.
func (r *runner) stoppedBy() error {
	if r.halted.Load() {
		return r.haltCause
	}
	return nil
}

// item is one row in flight with what the producer learned of it.
type item struct {
	row
	prev *record // the earlier run's result, when resuming
	dup  bool    // an earlier row has the same service user id

	want callcenter.CallCenter // the row after defaults (set by prepare)
	wire []byte                // the command's wire bytes, for ShowWire
}

// batch is a run of consecutive rows handled by one worker. Creates go one
// row per batch (or one send batch), so they run concurrently; dry runs go
// many rows per batch, so the hand-offs between goroutines cost little per
// row.
type batch struct {
	items   []item
	results []Result
	done    chan struct{} // closed when results are filled
}

// dryRunBatch is how many rows a dry-run batch holds.
const dryRunBatch = 256

// groupKey names a group of the sheet, for Prune.
type groupKey struct{ sp, group string }

func start(ctx context.Context, m mode, in input, opts []Option) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		cfg := newConfig(opts)
		if err := errors.Join(cfg.bad...); err != nil {
			yield(Result{}, err)
			return
		}
		if m.err != nil {
			yield(Result{}, m.err)
			return
		}
		prev, err := cfg.previous()
		if err != nil {
			yield(Result{}, err)
			return
		}
		r := &runner{mode: m, cfg: cfg, lists: map[groupKey]*groupList{}, planKept: map[int]*planEntry{}}
		r.planDoc.Counts = map[string]int{}
		r.wire, _ = m.ops.(WireOps)
		r.lister, _ = m.ops.(lister)
		if cfg.backup != nil && m.apply != nil && !cfg.plan && !cfg.dryRun {
			r.backup = newBackupWriter(cfg.backup)
		}
		cfg.csv.apply = m.apply != nil
		rows := in(cfg)
		// Prune, and a plan's deletes, are limited before anything is
		// written: the whole input is read and its groups listed first.
		var scope *pruneScope
		switch {
		case cfg.fromPlan != nil:
			if n, ids := planDeletes(cfg.fromPlan); tooMany(n, cfg.maxDeletes, ids) != nil {
				yield(Result{}, tooMany(n, cfg.maxDeletes, ids))
				return
			}
		case m.apply != nil && cfg.prune:
			all, err := collectRows(rows)
			if err != nil {
				yield(Result{}, fmt.Errorf("%w (nothing was written: Prune reads the whole input first)", err))
				return
			}
			scope = r.scopePrune(ctx, all)
			if !cfg.plan {
				ids := make([]string, len(scope.deletes))
				for i, d := range scope.deletes {
					ids[i] = d.id
				}
				if err := tooMany(len(ids), cfg.maxDeletes, ids); err != nil {
					yield(Result{}, err)
					return
				}
			}
			rows = replay(all)
		}
		size := 1
		switch bo, ok := m.ops.(BatchOps); {
		case cfg.dryRun:
			size = dryRunBatch
		case ok && m.apply == nil && cfg.batch > 1:
			size, r.batch = min(cfg.batch, max(bo.MaxBatch(), 1)), bo
		}
		began := time.Now()

		stop := make(chan struct{}) // closed when the caller stops iterating
		order := make(chan *batch, 2*cfg.concurrency)
		work := make(chan *batch, cfg.concurrency)
		var fatal error // set by the producer before it closes order
		var wg sync.WaitGroup
		next := 0 // the index after the last row

		for range cfg.concurrency {
			wg.Go(func() {
				for b := range work {
					b.results = make([]Result, len(b.items))
					if r.batch != nil {
						r.sendBatch(ctx, b, stop)
						close(b.done)
						continue
					}
					for i := range b.items {
						select {
						case <-stop:
							// The caller stopped iterating: start nothing
							// more (rows already sending finish).
							b.results[i] = stopped(&b.items[i])
						default:
							b.results[i] = r.handle(ctx, &b.items[i])
						}
					}
					close(b.done)
				}
			})
		}
		wg.Go(func() {
			defer close(work)
			defer close(order)
			seen := newIDSet()
			b := &batch{done: make(chan struct{})}
			send := func() bool {
				select {
				case order <- b:
				case <-stop:
					return false
				}
				select {
				case work <- b:
				case <-stop:
					close(b.done) // never read: the consumer has stopped
					return false
				}
				b = &batch{items: make([]item, 0, size), done: make(chan struct{})}
				return true
			}
			for row, err := range rows {
				if err != nil {
					fatal = err
					break
				}
				next = max(next, row.index+1)
				it := item{row: row}
				// A deletion's earlier result stands only for a deletion of
				// the same plan; a sheet row's, only for a sheet row.
				if p, ok := prev[row.index]; ok && p.Prune == (row.plan != nil && row.plan.Prune) {
					it.prev = new(p) // allocated only when resuming
				}
				if row.err == nil && row.plan == nil && row.cc.ServiceUserID != "" && !slices.ContainsFunc(row.cells, isUserIDCell) {
					it.dup = seen.add(row.cc.ServiceUserID)
				}
				b.items = append(b.items, it)
				if len(b.items) == size && !send() {
					return
				}
			}
			if len(b.items) > 0 {
				send()
			}
		})
		defer func() {
			close(stop)
			for range order { // let the producer finish; rows in flight finish too
			}
			wg.Wait()
		}()

		p := Progress{Total: cfg.total}
		var line []byte
		emit := func(res *Result, wire []byte) bool {
			if cfg.planOut != nil {
				r.planned(res)
			}
			p.Done++
			if res.Success {
				p.Succeeded++
			} else {
				p.Failed++
			}
			if cfg.wire != nil && len(wire) > 0 {
				line = append(append(line[:0], wire...), '\n')
				if _, err := cfg.wire.Write(line); err != nil {
					yield(*res, fmt.Errorf("bulk: writing wire bytes: %w", err))
					return false
				}
			}
			if cfg.out != nil {
				if err := writeLine(cfg.out, *res); err != nil {
					yield(*res, fmt.Errorf("bulk: writing results: %w", err))
					return false
				}
			}
			if cfg.progress != nil {
				p.Elapsed = time.Since(began)
				if s := p.Elapsed.Seconds(); s > 0 {
					p.Rate = float64(p.Done) / s
				}
				p.Last = res
				cfg.progress(p)
			}
			return yield(*res, nil)
		}
		for b := range order {
			<-b.done
			for i := range b.results {
				if !emit(&b.results[i], b.items[i].wire) {
					return
				}
			}
		}
		wg.Wait()
		if fatal != nil {
			yield(Result{}, fatal)
			return
		}
		if scope != nil && r.stoppedBy() == nil && ctx.Err() == nil {
			if !r.runPrune(ctx, scope, &next, emit) {
				return
			}
		}
		if cause := r.stoppedBy(); cause != nil {
			yield(Result{}, &StopError{Cause: cause, Row: r.haltRow, Skipped: int(r.skipped.Load())})
			return
		}
		if cfg.planOut != nil && ctx.Err() == nil {
			if err := r.writePlan(); err != nil {
				yield(Result{}, err)
			}
		}
	}
}

func isUserIDCell(fe callcenter.FieldError) bool { return fe.Field == "serviceUserId" }

func stopped(it *item) Result {
	return Result{Index: it.index, data: it.cc.Pack(), Status: StatusSkipped, Err: errStopped, Prune: it.plan != nil && it.plan.Prune}
}

// handle settles a row without work when it can, and processes it
// otherwise; a systemic failure stops the run.
func (r *runner) handle(ctx context.Context, it *item) Result {
	res, ok := r.settle(ctx, it)
	if !ok {
		switch {
		case it.plan != nil:
			res = r.applyPlanned(ctx, it)
		case r.apply != nil:
			res = r.applyRow(ctx, it)
		default:
			res = r.process(ctx, it)
		}
	}
	r.check(&res)
	return res
}

// check stops the run when res failed systemically or on its backup. Only
// the first row to meet the failure is failed; rows in flight that met it
// too (a refusal remembered from that login, the same refused connection,
// the same backup) were not sent either, so they are skipped like the rest.
func (r *runner) check(res *Result) {
	var be *backupError
	if res.Err != nil && !res.Success && res.Status != StatusSkipped && (errors.Is(res.Err, ErrSystemic) || errors.As(res.Err, &be)) && !r.halt(res.Index, res.Err) {
		r.skipped.Add(1)
		res.Status, res.Err = StatusSkipped, fmt.Errorf("not sent: the run stopped: %w", res.Err)
	}
}

// sendBatch handles a batch of rows with one SendCreates for all the rows
// that get as far as sending.
func (r *runner) sendBatch(ctx context.Context, b *batch, stop <-chan struct{}) {
	select {
	case <-stop:
		for i := range b.items {
			b.results[i] = stopped(&b.items[i])
		}
		return
	default:
	}
	var idx []int
	var cmds []any
	for i := range b.items {
		it := &b.items[i]
		if res, ok := r.settle(ctx, it); ok {
			b.results[i] = res
			continue
		}
		res, cmd, send := r.prepare(ctx, it)
		b.results[i] = res
		if send {
			idx, cmds = append(idx, i), append(cmds, cmd)
		}
	}
	if len(cmds) == 0 {
		return
	}
	resps, errs := r.batch.SendCreates(ctx, cmds)
	for k, i := range idx {
		var resp string
		var err error
		if k < len(resps) {
			resp = resps[k]
		}
		if k < len(errs) {
			err = errs[k]
		}
		if k >= len(resps) && k >= len(errs) {
			err = fmt.Errorf("%w: the target answered %d of %d commands", ErrOutcomeUnknown, len(resps), len(cmds))
		}
		b.results[i] = r.sent(ctx, &b.items[i], b.results[i], resp, err)
		r.check(&b.results[i])
	}
}

// notStarted is the result of a row not sent because the run was stopped
// or cancelled (nil when neither).
func (r *runner) notStarted(ctx context.Context, res *Result) bool {
	if cause := r.stoppedBy(); cause != nil {
		r.skipped.Add(1)
		res.Status, res.Err = StatusSkipped, fmt.Errorf("not sent: the run stopped: %w", cause)
		return true
	}
	if ctx.Err() != nil {
		res.Status, res.Err = StatusSkipped, fmt.Errorf("not started: %w", context.Cause(ctx))
		return true
	}
	return false
}

// process runs one row: defaults, validation, command, create, and the
// lookups that settle an unknown outcome.
func (r *runner) process(ctx context.Context, it *item) Result {
	res, cmd, send := r.prepare(ctx, it)
	if !send {
		return res
	}
	resp, err := r.ops.SendCreate(ctx, cmd)
	return r.sent(ctx, it, res, resp, err)
}

// prepare does all of a row's work up to sending its create: when send is
// false, res is the row's final result.
func (r *runner) prepare(ctx context.Context, it *item) (res Result, cmd any, send bool) {
	it.want = it.cc
	it.want.ApplyDefaults()
	cc := &it.want
	res = Result{Index: it.index, data: cc.Pack()}
	if err := cc.Validate(); err != nil || len(it.cells) > 0 {
		res.Status, res.Err = StatusInvalid, rowError(it, err)
		return res, nil, false
	}
	if !r.build(&res, it, func() (any, error) { return r.ops.BuildCreate(*cc) }) {
		return res, nil, false
	}
	res.create = true
	if r.cfg.dryRun {
		res.Status, res.Success = StatusValidated, true
		return res, nil, false
	}
	if r.cfg.plan {
		res.Status, res.Success, res.Planned = StatusCreated, true, true
		return res, nil, false
	}
	if it.prev != nil && it.prev.Status == StatusUnknown {
		// An earlier run left this create unsettled: look before sending,
		// and send nothing while it cannot be settled.
		stored, found, err := lookup(ctx, r.ops, *cc)
		switch {
		case err != nil:
			res.Status, res.Err = StatusUnknown, fmt.Errorf("an earlier run left this create's outcome unknown and the lookup to settle it failed: %w", err)
			return res, nil, false
		case found:
			return compared(res, *cc, stored, StatusExists), nil, false
		}
	}
	if r.notStarted(ctx, &res) {
		return res, nil, false
	}
	return res, res.cmd, true
}

// build builds a row's command into res (and, in a dry run, encodes it to
// its wire bytes); false means res is final (invalid).
func (r *runner) build(res *Result, it *item, make func() (any, error)) bool {
	cmd, err := make()
	if err == nil && r.cfg.dryRun && r.wire != nil {
		buf := wireBuffers.Get().(*[]byte)
		var wire []byte
		if wire, err = r.wire.AppendWire((*buf)[:0], cmd); err == nil && r.cfg.wire != nil {
			it.wire = redactWire(wire, string(it.want.Profile.Password))
		}
		*buf = wire[:0]
		wireBuffers.Put(buf)
	}
	if err != nil {
		res.Status, res.Err = StatusInvalid, &RowError{Row: it.index, Line: it.line, Err: err}
		return false
	}
	res.cmd = cmd
	return true
}

// wireBuffers hold the scratch space of dry-run encoding: the bytes are
// only proof that a row can be written, and are dropped.
var wireBuffers = sync.Pool{New: func() any { return new([]byte) }}

// redactWire returns a copy of wire with the row's password, in every
// form it takes there (the encoder writes non-ASCII characters as
// references: Pässwörd is P&#228;ssw&#246;rd), replaced by
// [callcenter.Redacted], by the redactor every package shares: ShowWire
// output is for reading, and must not carry secrets to a terminal or a log.
func redactWire(wire []byte, password string) []byte {
	return []byte((*transport.Redactor)(nil).RedactWith(string(wire), password))
}

// sent completes res from the answer to its create: created, or settled by
// lookups when the outcome is unknown or the call center exists already.
func (r *runner) sent(ctx context.Context, it *item, res Result, resp string, err error) Result {
	cc := it.want
	res.Response = resp
	switch {
	case err == nil:
		res.Status, res.Success = StatusCreated, true
	case errors.Is(err, ErrOutcomeUnknown):
		stored, found, lerr := resolve(ctx, r.ops, r.cfg, cc)
		switch {
		case lerr != nil:
			res.Status, res.Err = StatusUnknown, fmt.Errorf("%w; the lookup to settle it failed too: %w", err, lerr)
		case found:
			return compared(res, cc, stored, StatusCreated)
		default:
			res.Status, res.Err = StatusFailed, fmt.Errorf("%w; a lookup found nothing created, so the row can be retried", err)
		}
	case errors.Is(err, ErrAlreadyExists):
		res.Err = err
		// Where is it now? A list read earlier in the run may predate it
		// (another administrator may have just created it): list afresh.
		in, id, lerr := r.inGroup(ctx, cc)
		switch {
		case errors.Is(lerr, ErrAmbiguous):
			res.Status, res.Err = StatusExists, fmt.Errorf("%w: %w", err, lerr)
			return res
		case lerr == nil && !in:
			// The id is taken in another group: nothing of this row's is
			// stored, and its group cells are wrong.
			res.Status, res.Err = StatusExists, fmt.Errorf("%w: %q is a call center of another group than %q of %q", err, cc.ServiceUserID, cc.GroupID, cc.ServiceProviderID)
			r.keepGroup(groupKey{cc.ServiceProviderID, cc.GroupID}, fmt.Sprintf("a row's group cells are wrong (%v), so what the sheet lists for group %q is not known; fix the row and apply again", res.Err, cc.GroupID))
			return res
		case lerr == nil:
			cc.ServiceUserID = id
		}
		if stored, found, lerr := lookup(ctx, r.ops, cc); lerr == nil && found {
			res = compared(res, cc, stored, StatusExists)
			if !res.Success {
				res.Err = fmt.Errorf("%w; %w", err, res.Err)
			}
			return res
		}
		res.Status = StatusFailed
	default:
		res.Status, res.Err = StatusFailed, err
	}
	return res
}
