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
	"github.com/ccsdk/callcenter-go/internal/packed"
	"github.com/ccsdk/callcenter-go/platform"
)

// The run engine. Every bulk run (create, apply, a plan carried out, an
// agent sheet, an export) goes through the same steps, each a method of
// run:
//
//  1. open: the options, what the target can do, the earlier results of
//     Resume, the backup writer.
//  2. scope: the rows to run. With Prune (and for a plan's deletes) the
//     whole input is read and its groups listed first, so that a run past
//     MaxDeletes is refused before anything is written; an agent sheet's
//     rows are read whole and each row's call center read, for the same
//     reason (staffing_run.go; the reads travel as step 4's calls do:
//     run.each).
//  3. produce: one goroutine reads the rows into batches, marking
//     duplicate ids and matching each row with its earlier result.
//  4. work: Concurrency workers handle the batches: each row is settled
//     without work when it can be (settle), else handled by the run's job
//     (create, apply, an entry of a plan, a deletion, a row of an agent
//     sheet, an export). A row
//     makes its calls to the platform through its io: alone, or, when
//     the run batches, through its worker's lane (lane.go), which sends
//     the calls of the rows in flight together.
//  5. emit: the caller's goroutine reports each batch's results in input
//     order: the plan's entry, the wire bytes, the results file, the
//     progress, and the caller.
//  6. finish: Prune's deletions after the rows (through steps 3 to 5
//     again), the error of a stopped run, the plan.
//
// A new kind of run (another sheet) is a new job for step 4 and, where it
// reads its own input, a new input for step 2: the other steps stay.

// start returns the results of a run as a sequence: the steps above, run
// when the caller iterates.
func start(ctx context.Context, m mode, in input, opts []Option) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		r, err := open(m, opts)
		if err != nil {
			yield(Result{}, err)
			return
		}
		r.results(ctx, in, yield)
	}
}

// run is one run's shared state.
type run struct {
	mode
	cfg  *config
	prev map[int]record // Resume: the earlier results, by index

	size   int                  // rows per batch (see open)
	lanes  bool                 // the workers are lanes of size rows
	direct direct               // the Ops' calls, each on its own
	wire   platform.WireEncoder // non-nil when commands have a wire form
	lister platform.Lister      // nil when the Ops cannot list a group

	haltOnce  sync.Once
	halted    atomic.Bool
	haltCause error // set once, before halted
	haltRow   int
	haltLine  int
	skipped   atomic.Int64

	listsMu sync.Mutex
	lists   map[groupKey]*groupList // apply: each group's ids, listed once

	backup *sheetWriter // BackupTo; nil without

	pruneMu sync.Mutex
	keep    map[groupKey]string // Prune: groups the rows found must not be pruned, and why

	planMu   sync.Mutex
	planKept map[int]*planEntry // PlanTo: what workers learned, by index
	planDoc  planDoc            // PlanTo: the entries so far, in order

	staffing staffRun // an agent sheet (staffing_run.go)
}

// item is one row in flight with what the producer learned of it.
type item struct {
	row
	prev *record // the earlier run's result, when resuming
	dup  bool    // an earlier row has the same service user id

	want callcenter.CallCenter // the row after defaults (set by prepare)
	wire []byte                // the command's wire bytes, for ShowWire
	io   platformIO            // how the row's calls travel (set by its worker)
}

// batch is a run of consecutive rows handled by one worker. Without
// batching a batch is one row, so rows run concurrently; with it, a batch
// is as many rows as a request carries, taken by one lane; dry runs go many
// rows per batch, so the hand-offs between goroutines cost little per row.
type batch struct {
	items   []item
	results []Result
	done    chan struct{} // closed when results are filled
	left    atomic.Int64  // a lane's rows not finished yet
}

// finished marks one of a lane's rows finished.
func (b *batch) finished() {
	if b.left.Add(-1) == 0 {
		close(b.done)
	}
}

// dryRunBatch is how many rows a dry-run batch holds.
const dryRunBatch = 256

// groupKey names a group of the sheet.
type groupKey struct{ sp, group string }

// open is step 1: the run's options, what its target can do, and the
// earlier results it resumes from.
func open(m mode, opts []Option) (*run, error) {
	cfg := newConfig(opts)
	if err := errors.Join(cfg.bad...); err != nil {
		return nil, err
	}
	if m.err != nil {
		return nil, m.err
	}
	prev, err := cfg.previous()
	if err != nil {
		return nil, err
	}
	if m.export {
		if err := cfg.exportOnly(m.staff != nil); err != nil {
			return nil, err
		}
	}
	r := &run{mode: m, cfg: cfg, prev: prev, size: 1, lists: map[groupKey]*groupList{}, planKept: map[int]*planEntry{}}
	r.planDoc.Counts = map[string]int{}
	r.direct = direct{Ops: m.ops, apply: m.apply, staff: m.staff}
	r.wire, _ = m.ops.(platform.WireEncoder)
	r.lister, _ = m.ops.(platform.Lister)
	if cfg.backup != nil && m.apply != nil && !cfg.plan && !cfg.dryRun {
		r.backup = newSheetWriter(cfg.backup, sheetHeader())
	}
	cfg.csv.apply = m.apply != nil
	switch bo, ok := m.ops.(platform.Batcher); {
	case cfg.dryRun:
		r.size = dryRunBatch
	case ok && cfg.batch > 1 && bo.MaxBatch() > 1:
		r.size, r.lanes = min(cfg.batch, bo.MaxBatch()), true
	}
	return r, nil
}

// results runs steps 2 to 6, yielding each result in order.
func (r *run) results(ctx context.Context, in input, yield func(Result, error) bool) {
	rows, sc, err := r.scope(ctx, in)
	if err != nil {
		yield(Result{}, err)
		return
	}
	out := r.emitter(yield)
	p, ok := r.pipe(ctx, rows, out)
	if !ok {
		return
	}
	if p.fatal != nil {
		yield(Result{}, p.fatal)
		return
	}
	r.finish(ctx, sc, p.next, out)
}

// pipe runs rows through steps 3 to 5: it reports each result to out, in
// order. It reports false when out ended the run.
func (r *run) pipe(ctx context.Context, rows iter.Seq2[row, error], out *emitter) (*pipeline, bool) {
	p := r.start(ctx, rows)
	defer p.close()
	for b := range p.order {
		<-b.done
		for i := range b.results {
			b.results[i].noteRow(&b.items[i])
			if !out.emit(&b.results[i], b.items[i].wire) {
				return p, false
			}
		}
	}
	p.wg.Wait()
	return p, true
}

// scope is step 2: the rows of the input. Prune, and a plan's deletes, are
// limited before anything is written: for Prune the whole input is read
// and its groups listed first (sc says what Prune will delete).
func (r *run) scope(ctx context.Context, in input) (rows iter.Seq2[row, error], sc *pruneScope, err error) {
	rows = in(r.cfg)
	switch {
	case r.export:
	case r.staff != nil:
		rows, err = r.scopeStaffing(ctx, rows)
		return rows, nil, err
	case r.cfg.fromPlan != nil:
		if n, ids := planDeletes(r.cfg.fromPlan); tooMany(n, r.cfg.maxDeletes, ids) != nil {
			return nil, nil, tooMany(n, r.cfg.maxDeletes, ids)
		}
	case r.apply != nil && r.cfg.prune:
		all, err := collectRows(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("%w (nothing was written: Prune reads the whole input first)", err)
		}
		sc = r.scopePrune(ctx, all)
		if !r.cfg.plan {
			ids := make([]string, len(sc.deletes))
			for i, d := range sc.deletes {
				ids[i] = d.id
			}
			if err := tooMany(len(ids), r.cfg.maxDeletes, ids); err != nil {
				return nil, nil, err
			}
		}
		rows = replay(all)
	}
	return rows, sc, nil
}

// pipeline is steps 3 and 4 under way: the producer and the workers, and
// the batches in input order for step 5.
type pipeline struct {
	order chan *batch   // every batch, in input order (closed by the producer)
	work  chan *batch   // the batches for the workers
	stop  chan struct{} // closed when the caller stops iterating
	wg    sync.WaitGroup

	// Set by the producer before it closes order.
	fatal error // the input could not be read further
	next  int   // the index after the last row
}

// start starts steps 3 and 4.
func (r *run) start(ctx context.Context, rows iter.Seq2[row, error]) *pipeline {
	window := 2
	if r.lanes {
		window = 4
	}
	p := &pipeline{
		order: make(chan *batch, window*r.cfg.concurrency),
		work:  make(chan *batch, r.cfg.concurrency),
		stop:  make(chan struct{}),
	}
	for range r.cfg.concurrency {
		p.wg.Go(func() {
			if r.lanes {
				r.lane(ctx, p)
				return
			}
			for b := range p.work {
				r.work(ctx, b, p.stop)
			}
		})
	}
	p.wg.Go(func() { r.produce(rows, p) })
	return p
}

// close ends the pipeline when the caller is done with it, early or not:
// no row is started any more, and rows in flight finish.
func (p *pipeline) close() {
	close(p.stop)
	for range p.order { // let the producer finish
	}
	p.wg.Wait()
}

// produce is step 3: it reads the rows into batches, each passed to the
// workers and, in order, to the emitter.
func (r *run) produce(rows iter.Seq2[row, error], p *pipeline) {
	defer close(p.work)
	defer close(p.order)
	seen := newIDSet()
	b := &batch{done: make(chan struct{})}
	send := func() bool {
		select {
		case p.order <- b:
		case <-p.stop:
			return false
		}
		select {
		case p.work <- b:
		case <-p.stop:
			close(b.done) // never read: the consumer has stopped
			return false
		}
		b = &batch{items: make([]item, 0, r.size), done: make(chan struct{})}
		return true
	}
	for row, err := range rows {
		if err != nil {
			p.fatal = err
			break
		}
		p.next = max(p.next, row.index+1)
		it := item{row: row}
		// A deletion's earlier result stands only for a deletion of the
		// same plan; a sheet row's, only for a sheet row; Prune's
		// deletions, which come after the rows, for none.
		if prev, ok := r.prev[row.index]; ok && !row.prune && prev.Prune == row.isPrune() {
			it.prev = new(prev) // allocated only when resuming
		}
		if row.err == nil && row.plan == nil && !row.prune && row.cc.ServiceUserID != "" && !slices.ContainsFunc(row.cells, isUserIDCell) {
			it.dup = seen.add(row.cc.ServiceUserID)
		}
		b.items = append(b.items, it)
		if len(b.items) == r.size && !send() {
			return
		}
	}
	if len(b.items) > 0 {
		send()
	}
}

func isUserIDCell(fe callcenter.FieldError) bool { return fe.Field == "serviceUserId" }

// work is step 4 for one batch, in one of the workers: it fills the
// batch's results. Once stop is closed (the caller stopped iterating) it
// starts no row; rows already sending finish.
func (r *run) work(ctx context.Context, b *batch, stop <-chan struct{}) {
	defer close(b.done)
	b.results = make([]Result, len(b.items))
	var io platformIO = r.direct // boxed once a batch, not once a row
	for i := range b.items {
		select {
		case <-stop:
			b.results[i] = stopped(&b.items[i])
		default:
			b.items[i].io = io
			b.results[i] = r.handle(ctx, &b.items[i])
		}
	}
}

// lane is step 4 in a worker of a run that batches: a lane (lane.go) of
// size rows, fed by the batches the worker takes, one row as soon as
// another ends. Once stop is closed it starts no row; rows already
// started finish.
func (r *run) lane(ctx context.Context, p *pipeline) {
	type slot struct {
		b *batch
		i int
	}
	var queue []slot // rows of the batches taken, not started yet
	next := func(wait bool) (func(platformIO), bool) {
		for {
			if len(queue) == 0 {
				var b *batch
				var ok bool
				if wait {
					b, ok = <-p.work
				} else {
					select {
					case b, ok = <-p.work:
					default:
					}
				}
				if !ok {
					return nil, false
				}
				b.results = make([]Result, len(b.items))
				b.left.Store(int64(len(b.items)))
				if len(b.items) == 0 {
					close(b.done)
				}
				for i := range b.items {
					queue = append(queue, slot{b, i})
				}
				continue
			}
			s := queue[0]
			queue = queue[1:]
			select {
			case <-p.stop:
				s.b.results[s.i] = stopped(&s.b.items[s.i])
				s.b.finished()
				continue
			default:
			}
			return func(io platformIO) {
				it := &s.b.items[s.i]
				it.io = io
				s.b.results[s.i] = r.handle(ctx, it)
				s.b.finished()
			}, true
		}
	}
	newLane(r.direct, r.size).run(next)
}

// each runs job(i, io) for each i from 0 to n-1, Concurrency at once, for
// the work a run does before its rows (an agent sheet's reads): through
// lanes when the run batches, so that the jobs' calls go out together,
// each alone otherwise. Once ctx is done it starts no job.
func (r *run) each(ctx context.Context, n int, job func(i int, io platformIO)) {
	var next atomic.Int64
	take := func() (int, bool) {
		if ctx.Err() != nil {
			return 0, false
		}
		i := int(next.Add(1)) - 1
		return i, i < n
	}
	var wg sync.WaitGroup
	for range min(r.cfg.concurrency, max(n, 1)) {
		wg.Go(func() {
			if !r.lanes {
				for i, ok := take(); ok; i, ok = take() {
					job(i, r.direct)
				}
				return
			}
			newLane(r.direct, r.size).run(func(bool) (func(platformIO), bool) {
				i, ok := take()
				if !ok {
					return nil, false
				}
				return func(io platformIO) { job(i, io) }, true
			})
		})
	}
	wg.Wait()
}

// stopped is the result of a row not started because the caller stopped
// iterating.
func stopped(it *item) Result {
	return Result{Index: it.index, data: packed.Pack(&it.cc), Status: StatusSkipped, Err: errStopped, Prune: it.isPrune()}
}

// errStopped is the error of rows not started because the caller stopped
// iterating a stream early.
var errStopped = errors.New("not started: the caller stopped reading results")

// handle settles a row without work when it can, and otherwise gives it
// to the run's job: an entry of a plan, a row to apply, or a row to
// create. A systemic failure stops the run.
func (r *run) handle(ctx context.Context, it *item) Result {
	res, ok := r.settle(ctx, it)
	if !ok {
		switch {
		case it.prune:
			res = r.deleteOne(ctx, it)
		case it.plan != nil:
			res = r.applyPlanned(ctx, it)
		case r.export:
			res = r.exportRow(ctx, it)
		case r.apply != nil:
			res = r.applyRow(ctx, it)
		case r.staff != nil:
			res = r.staffApply(ctx, it)
		default:
			res = r.process(ctx, it)
		}
	}
	r.check(&res, it.line)
	return res
}

// halt stops the run after a systemic failure met by row, and reports
// whether that row was the first to meet one.
func (r *run) halt(row, line int, cause error) (first bool) {
	r.haltOnce.Do(func() {
		r.haltCause, r.haltRow, r.haltLine = cause, row, line
		r.halted.Store(true)
		first = true
	})
	return first
}

// stoppedBy returns the systemic failure that stopped the run, or nil.
func (r *run) stoppedBy() error {
	if r.halted.Load() {
		return r.haltCause
	}
	return nil
}

// check stops the run when res failed systemically or on its backup. Only
// the first row to meet the failure is failed; rows in flight that met it
// too (a refusal remembered from that login, the same refused connection,
// the same backup) were not sent either, so they are skipped like the rest.
// A row whose write went out with its outcome unknown (its settling lookup
// met the failure) stays unknown: it was sent, and a resumed run looks it
// up.
func (r *run) check(res *Result, line int) {
	if res.Err == nil || res.Success || res.Status == StatusSkipped || !errors.Is(res.Err, ErrSystemic) && !isBackupError(res.Err) {
		return
	}
	if r.halt(res.Index, line, res.Err) || res.Status == StatusUnknown {
		return
	}
	r.skipped.Add(1)
	res.Status, res.Err = StatusSkipped, fmt.Errorf("not sent: the run stopped: %w", res.Err)
}

// isBackupError reports whether err is a failure of the run's backup. It
// is a function of its own so that the target of errors.As is allocated
// only for a row that failed, not for every row check sees.
func isBackupError(err error) bool {
	var be *backupError
	return errors.As(err, &be)
}

// notStarted is the result of a row not sent because the run was stopped
// or cancelled (false when neither).
func (r *run) notStarted(ctx context.Context, res *Result) bool {
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

// emitter is step 5: it reports each result, in input order, from the
// caller's goroutine.
type emitter struct {
	r     *run
	yield func(Result, error) bool
	began time.Time
	p     Progress
	line  []byte // scratch for a wire line
}

func (r *run) emitter(yield func(Result, error) bool) *emitter {
	return &emitter{r: r, yield: yield, began: time.Now(), p: Progress{Total: r.cfg.total}}
}

// emit reports res (with its command's wire bytes, for ShowWire): to the
// plan, the wire writer, the results file, the progress callback and the
// caller. It reports false when the run must end: the caller stopped, or
// a writer failed (the caller has had that error).
func (e *emitter) emit(res *Result, wire []byte) bool {
	cfg := e.r.cfg
	if cfg.planOut != nil {
		e.r.planned(res)
	}
	e.p.Done++
	if res.Success {
		e.p.Succeeded++
	} else {
		e.p.Failed++
	}
	if cfg.wire != nil && len(wire) > 0 {
		e.line = append(append(e.line[:0], wire...), '\n')
		if _, err := cfg.wire.Write(e.line); err != nil {
			e.yield(*res, fmt.Errorf("bulk: writing wire bytes: %w", err))
			return false
		}
	}
	if cfg.out != nil {
		if err := writeLine(cfg.out, *res); err != nil {
			e.yield(*res, fmt.Errorf("bulk: writing results: %w", err))
			return false
		}
	}
	if cfg.progress != nil {
		e.p.Elapsed = time.Since(e.began)
		if s := e.p.Elapsed.Seconds(); s > 0 {
			e.p.Rate = float64(e.p.Done) / s
		}
		e.p.Last = res
		cfg.progress(e.p)
	}
	return e.yield(*res, nil)
}

// finish is step 6, once every row is reported: Prune's deletions (each
// with the next index after next), then the error of a run a systemic
// failure stopped, then the plan of a run that ended well.
func (r *run) finish(ctx context.Context, sc *pruneScope, next int, out *emitter) {
	if sc != nil && r.stoppedBy() == nil && ctx.Err() == nil {
		if !r.runPrune(ctx, sc, &next, out) {
			return
		}
	}
	if cause := r.stoppedBy(); cause != nil {
		out.yield(Result{}, &StopError{Cause: cause, Row: r.haltRow, Line: r.haltLine, Skipped: int(r.skipped.Load())})
		return
	}
	if r.cfg.planOut != nil && ctx.Err() == nil {
		if err := r.writePlan(); err != nil {
			out.yield(Result{}, err)
		}
	}
}
