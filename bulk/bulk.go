// Package bulk creates many call centers at once, from a CSV bulk sheet or
// from data, and returns one [Result] per input row, in input order.
//
// It works with any [Target] (a *broadworks.Client, an *apio.Client):
//
//	client := broadworks.NewClient("bw.example.com", "admin", os.Getenv("BW_PASSWORD"), broadworks.WithSessions(4))
//	defer client.Close()
//	f, _ := os.Open("call-centers.csv")
//	results, err := bulk.CreateFromCSV(ctx, client, f, bulk.Concurrency(4))
//
// Rows are parsed, given the defaults of reference 000, validated (including
// the per-type option rules) and turned into vendor commands before anything
// is sent; [DryRun] stops there and opens no connection. A failing row never
// stops the others. A create whose outcome is unknown (the connection broke
// after the request was sent) is never sent again blindly: bulk looks the
// call center up and reports it created, already existing (with the stored
// data compared) or failed. [ResultsTo] writes results as JSON Lines as rows
// finish, and [Resume] reruns only the rows that did not succeed.
//
// For very large inputs use [StreamCSV] or [Stream]: they hold only the
// rows in flight (plus 8 bytes a row to catch duplicate service user ids),
// so a million-row file runs in about 33 MiB.
package bulk

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// ErrAlreadyExists matches (with errors.Is) a vendor error saying the call
// center exists already. Vendor packages return errors that match it.
var ErrAlreadyExists = transport.ErrAlreadyExists

// ErrDuplicateRow is the error of a row whose service user id an earlier
// row of the same input already uses.
var ErrDuplicateRow = errors.New("duplicate service user id in this input")

// errStopped is the error of rows not started because the caller stopped
// iterating a stream early.
var errStopped = errors.New("not started: the caller stopped reading results")

// DefaultConcurrency is how many rows are created at once unless
// [Concurrency] says otherwise.
const DefaultConcurrency = 4

// lookupTimeout bounds the lookups that settle an unknown outcome (all of
// a row's, together). They run even when the run's context is cancelled, so
// a result is never left unknown just because the caller stopped.
const lookupTimeout = 30 * time.Second

// Option configures a bulk run.
type Option func(*config)

type config struct {
	dryRun      bool
	concurrency int
	progress    func(Progress)
	out         io.Writer
	resume      io.Reader
	prev        []Result
	settle      []time.Duration
	batch       int
	csv         csvOptions
}

// DryRun parses, applies defaults, validates and builds every command, and
// sends nothing: the Target is asked only to build commands, which does no
// I/O.
func DryRun() Option { return func(c *config) { c.dryRun = true } }

// Concurrency sets how many rows are created at once (default 4). Results
// still come back in input order. Use a Target that can serve that many
// requests at once (e.g. broadworks.WithSessions).
func Concurrency(n int) Option { return func(c *config) { c.concurrency = n } }

// Batch sends up to n consecutive rows' creates in one request when the
// Target is a [BatchTarget] (capped at its MaxBatch; OCI-P takes 15), and
// one by one otherwise. Each of the [Concurrency] workers sends its own
// batches, so up to n×concurrency rows are in flight. Results, failures and
// the settling of unknown outcomes are per row, as without batching.
func Batch(n int) Option { return func(c *config) { c.batch = n } }

// Progress is what a progress callback receives after each row.
type Progress struct {
	Done      int // rows finished so far
	Succeeded int
	Failed    int
	Last      *Result // the row just finished
}

// OnProgress calls fn after each row finishes, in input order, from one
// goroutine at a time.
func OnProgress(fn func(Progress)) Option { return func(c *config) { c.progress = fn } }

// ResultsTo writes each result to w as one JSON line (see
// [Result.MarshalJSON]) as rows finish, in input order, so a run that is
// stopped part-way can be resumed from what it wrote.
func ResultsTo(w io.Writer) Option { return func(c *config) { c.out = w } }

// Resume reads the JSON Lines results of an earlier run of the same input
// (as [ResultsTo] wrote them) and reruns only the rows that did not
// succeed. Rows that did are reported with [StatusDone]; rows whose outcome
// was left unknown are looked up before anything is sent. A row whose
// service user id differs from the earlier result's is an error: the input
// changed.
func Resume(previous io.Reader) Option { return func(c *config) { c.resume = previous } }

// ResumeResults is [Resume] for results held in memory.
func ResumeResults(previous []Result) Option { return func(c *config) { c.prev = previous } }

// CreateFromCSV creates the call centers of a bulk sheet (reference 000's
// columns, in any order) and returns one result per data row, in order. The
// error is non-nil only when the input as a whole cannot be used (a bad
// header, a read error, an unreadable resume file); row problems are in the
// results.
func CreateFromCSV(ctx context.Context, t Target, src io.Reader, opts ...Option) ([]Result, error) {
	return collect(StreamCSV(ctx, t, src, opts...))
}

// CreateFromData creates the given call centers (not modified: each is
// copied before defaults apply) and returns one result per element, in
// order.
func CreateFromData(ctx context.Context, t Target, data []callcenter.CallCenter, opts ...Option) ([]Result, error) {
	return collect(Stream(ctx, t, func(yield func(callcenter.CallCenter) bool) {
		for _, cc := range data {
			if !yield(cc.Clone()) {
				return
			}
		}
	}, opts...))
}

func collect(seq iter.Seq2[Result, error]) ([]Result, error) {
	var out []Result
	for r, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// StreamCSV is [CreateFromCSV] as a sequence: it yields each result in
// input order as soon as it and every earlier row are done, holding only
// the rows in flight. A non-nil error ends the sequence (a bad header, a
// read error). Stopping the loop early stops the run: rows already being
// created finish (their results are not reported, so resume from a
// [ResultsTo] file settles them by lookup), no other row is started, and
// the loop returns once the read of src in progress returns. Cancelling
// ctx instead reports every row: the rest of src is read and its rows are
// marked skipped.
func StreamCSV(ctx context.Context, t Target, src io.Reader, opts ...Option) iter.Seq2[Result, error] {
	return run(ctx, t, csvRows(src, cfg.csv), opts)
}

// Stream is [CreateFromData] for a sequence of call centers, with the
// behaviour of [StreamCSV].
func Stream(ctx context.Context, t Target, data iter.Seq[callcenter.CallCenter], opts ...Option) iter.Seq2[Result, error] {
	return run(ctx, t, func(yield func(row, error) bool) {
		i := 0
		for cc := range data {
			if !yield(row{index: i, cc: cc}, nil) {
				return
			}
			i++
		}
	}, opts)
}

// item is one row in flight with what the producer learned of it.
type item struct {
	row
	prev *record // the earlier run's result, when resuming
	dup  bool    // an earlier row has the same service user id
}

// batch is a run of consecutive rows handled by one worker. Creates go one
// row per batch, so they run concurrently; dry runs go many rows per batch,
// so the hand-offs between goroutines cost little per row.
type batch struct {
	items   []item
	results []Result
	done    chan struct{} // closed when results are filled
}

// dryRunBatch is how many rows a dry-run batch holds.
const dryRunBatch = 256

func run(ctx context.Context, t Target, rows iter.Seq2[row, error], opts []Option) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		cfg := config{concurrency: DefaultConcurrency, settle: defaultSettleDelays()}
		for _, o := range opts {
			o(&cfg)
		}
		if cfg.concurrency < 1 {
			cfg.concurrency = 1
		}
		if t == nil {
			yield(Result{}, errors.New("bulk: nil Target"))
			return
		}
		prev, err := cfg.previous()
		if err != nil {
			yield(Result{}, err)
			return
		}
		size := 1
		bt, batching := t.(BatchTarget)
		switch {
		case cfg.dryRun:
			size = dryRunBatch
		case batching && cfg.batch > 1:
			size = min(cfg.batch, max(bt.MaxBatch(), 1))
		default:
			batching = false
		}

		stop := make(chan struct{}) // closed when the caller stops iterating
		order := make(chan *batch, 2*cfg.concurrency)
		work := make(chan *batch, cfg.concurrency)
		var fatal error // set by the producer before it closes order
		var wg sync.WaitGroup

		for range cfg.concurrency {
			wg.Go(func() {
				for b := range work {
					b.results = make([]Result, len(b.items))
					if batching {
						sendBatch(ctx, bt, &cfg, b, stop)
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
							b.results[i] = handle(ctx, t, &cfg, &b.items[i])
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
			for r, err := range rows {
				if err != nil {
					fatal = err
					break
				}
				it := item{row: r}
				if p, ok := prev[r.index]; ok {
					it.prev = &p
				}
				if r.err == nil && r.cc.ServiceUserID != "" && !slices.ContainsFunc(r.cells, isUserIDCell) {
					it.dup = seen.add(r.cc.ServiceUserID)
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

		var p Progress
		for b := range order {
			<-b.done
			for i := range b.results {
				r := &b.results[i]
				p.Done++
				if r.Success {
					p.Succeeded++
				} else {
					p.Failed++
				}
				if cfg.out != nil {
					if err := writeLine(cfg.out, *r); err != nil {
						yield(*r, fmt.Errorf("bulk: writing results: %w", err))
						return
					}
				}
				if cfg.progress != nil {
					p.Last = r
					cfg.progress(p)
				}
				if !yield(*r, nil) {
					return
				}
			}
		}
		wg.Wait()
		if fatal != nil {
			yield(Result{}, fatal)
		}
	}
}

func isUserIDCell(fe callcenter.FieldError) bool { return fe.Field == "serviceUserId" }

func stopped(it *item) Result {
	return Result{Index: it.index, Data: it.cc, Status: StatusSkipped, Err: errStopped}
}

// sendBatch handles a batch of rows with one SendCreates for all the rows
// that get as far as sending.
func sendBatch(ctx context.Context, bt BatchTarget, cfg *config, b *batch, stop <-chan struct{}) {
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
		if r, ok := settle(ctx, cfg, it); ok {
			b.results[i] = r
			continue
		}
		r, cmd, send := prepare(ctx, bt, cfg, it)
		b.results[i] = r
		if send {
			idx, cmds = append(idx, i), append(cmds, cmd)
		}
	}
	if len(cmds) == 0 {
		return
	}
	resps, errs := bt.SendCreates(ctx, cmds)
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
		b.results[i] = sent(ctx, bt, cfg, b.results[i], resp, err)
	}
}

// handle settles a row without work when it can, and processes it otherwise.
func handle(ctx context.Context, t Target, cfg *config, it *item) Result {
	if r, ok := settle(ctx, cfg, it); ok {
		return r
	}
	return process(ctx, t, cfg, it)
}

// previous loads the earlier results given to Resume or ResumeResults.
func (c *config) previous() (map[int]record, error) {
	switch {
	case c.resume != nil:
		return readRecords(c.resume)
	case c.prev != nil:
		m := make(map[int]record, len(c.prev))
		for _, r := range c.prev {
			rec := record{Index: r.Index, Success: r.Success, Status: r.Status}
			rec.Data.ServiceUserID = r.Data.ServiceUserID
			m[r.Index] = rec
		}
		return m, nil
	}
	return nil, nil
}

// settle decides the rows that need no work: parse errors, duplicates,
// rows done in an earlier run, and rows not started before cancellation.
func settle(ctx context.Context, cfg *config, j *item) (Result, bool) {
	r := Result{Index: j.index, Data: j.cc}
	switch {
	case j.err != nil:
		r.Status, r.Err = StatusInvalid, j.err
	case j.prev != nil && j.prev.Data.ServiceUserID != "" && !strings.EqualFold(j.prev.Data.ServiceUserID, j.cc.ServiceUserID):
		// (An earlier row with no id was unusable, never sent: any fix of it
		// is welcome.)
		r.Status = StatusInvalid
		r.Err = &RowError{Row: j.index, Line: j.line, Err: fmt.Errorf("resume: earlier result %d is for %q, this row is for %q: the input changed", j.index, j.prev.Data.ServiceUserID, j.cc.ServiceUserID)}
	case j.prev != nil && j.prev.Success:
		r.Status, r.Success, r.Response = StatusDone, true, "succeeded in an earlier run"
	case j.dup:
		r.Status = StatusInvalid
		r.Err = &RowError{Row: j.index, Line: j.line, Column: "serviceUserId", Err: fmt.Errorf("%w: %q is in an earlier row too", ErrDuplicateRow, j.cc.ServiceUserID)}
	case !cfg.dryRun && ctx.Err() != nil:
		r.Status, r.Err = StatusSkipped, fmt.Errorf("not started: %w", context.Cause(ctx))
	default:
		return r, false
	}
	return r, true
}

// process runs one row: defaults, validation, command, create, and the
// lookups that settle an unknown outcome.
func process(ctx context.Context, t Target, cfg *config, j *item) Result {
	r, cmd, send := prepare(ctx, t, cfg, j)
	if !send {
		return r
	}
	resp, err := t.SendCreate(ctx, cmd)
	return sent(ctx, t, cfg, r, resp, err)
}

// prepare does all of a row's work up to sending its create: when send is
// false, r is the row's final result.
func prepare(ctx context.Context, t Target, cfg *config, j *item) (r Result, cmd any, send bool) {
	cc := j.cc
	cc.ApplyDefaults()
	r = Result{Index: j.index, Data: cc}
	if err := cc.Validate(); err != nil || len(j.cells) > 0 {
		r.Status, r.Err = StatusInvalid, rowError(j, err)
		return r, nil, false
	}
	cmd, err := t.BuildCreate(cc)
	if err != nil {
		r.Status, r.Err = StatusInvalid, &RowError{Row: j.index, Line: j.line, Err: err}
		return r, nil, false
	}
	r.Command = cmd
	if cfg.dryRun {
		r.Status, r.Success = StatusValidated, true
		return r, nil, false
	}
	if j.prev != nil && j.prev.Status == StatusUnknown {
		// An earlier run left this create unsettled: look before sending,
		// and send nothing while it cannot be settled.
		stored, found, err := lookup(ctx, t, cc)
		switch {
		case err != nil:
			r.Status, r.Err = StatusUnknown, fmt.Errorf("an earlier run left this create's outcome unknown and the lookup to settle it failed: %w", err)
			return r, nil, false
		case found:
			return compared(r, stored, StatusExists), nil, false
		}
	}
	if err := ctx.Err(); err != nil {
		r.Status, r.Err = StatusSkipped, fmt.Errorf("not started: %w", context.Cause(ctx))
		return r, nil, false
	}
	return r, cmd, true
}

// sent completes r from the answer to its create: created, or settled by
// lookups when the outcome is unknown or the call center exists already.
func sent(ctx context.Context, t Target, cfg *config, r Result, resp string, err error) Result {
	cc := r.Data
	r.Response = resp
	switch {
	case err == nil:
		r.Status, r.Success = StatusCreated, true
	case errors.Is(err, ErrOutcomeUnknown):
		stored, found, lerr := resolve(ctx, t, cfg, cc)
		switch {
		case lerr != nil:
			r.Status, r.Err = StatusUnknown, fmt.Errorf("%w; the lookup to settle it failed too: %w", err, lerr)
		case found:
			return compared(r, stored, StatusCreated)
		default:
			r.Status, r.Err = StatusFailed, fmt.Errorf("%w; a lookup found nothing created, so the row can be retried", err)
		}
	case errors.Is(err, ErrAlreadyExists):
		r.Err = err
		if stored, found, lerr := lookup(ctx, t, cc); lerr == nil && found {
			r = compared(r, stored, StatusExists)
			if !r.Success {
				r.Err = fmt.Errorf("%w; %w", err, r.Err)
			}
			return r
		}
		r.Status = StatusFailed
	default:
		r.Status, r.Err = StatusFailed, err
	}
	return r
}

// defaultSettleDelays are the pauses before the second and later lookups
// that settle an unknown outcome (see [SettleDelays]).
func defaultSettleDelays() []time.Duration {
	return []time.Duration{100 * time.Millisecond, 400 * time.Millisecond, time.Second}
}

// SettleDelays sets the pauses before the second and later lookups that
// settle a create whose outcome is unknown (default 100 ms, 400 ms and 1 s:
// four lookups over 1.5 s). A server may still be carrying out a create
// whose connection broke, so a lookup that finds nothing right away is not
// proof that nothing was created; only when every lookup finds nothing is
// the row reported failed. No delays means a single lookup.
func SettleDelays(d ...time.Duration) Option {
	return func(c *config) { c.settle = slices.Clone(d) }
}

// resolve looks the call center up after an unknown outcome, again after
// each of the settle delays while it is not found.
// All of it, pauses included, runs within one lookupTimeout, even if ctx is
// cancelled: an unknown outcome must be settled, but not forever.
func resolve(ctx context.Context, t Target, cfg *config, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lookupTimeout)
	defer cancel()
	stored, found, err := t.LookupCallCenter(lctx, cc)
	for _, d := range cfg.settle {
		if found || err != nil {
			break
		}
		select {
		case <-time.After(d):
		case <-lctx.Done():
			return nil, false, fmt.Errorf("settling the outcome: %w", context.Cause(lctx))
		}
		stored, found, err = t.LookupCallCenter(lctx, cc)
	}
	return stored, found, err
}

// lookup asks the target for the stored call center, within lookupTimeout
// even if ctx is cancelled: an unknown outcome must be settled.
func lookup(ctx context.Context, t Target, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), lookupTimeout)
	defer cancel()
	return t.LookupCallCenter(lctx, cc)
}

// compared fills r from a stored call center: success with status when it
// matches the row, StatusExists with the differences when it does not.
func compared(r Result, stored *callcenter.CallCenter, status Status) Result {
	r.Differences = callcenter.Diff(r.Data, *stored)
	if len(r.Differences) == 0 {
		r.Status, r.Success, r.Err = status, true, nil
		if r.Response == "" {
			r.Response = "found stored as requested"
		}
		return r
	}
	r.Status, r.Success = StatusExists, false
	diffs := make([]string, len(r.Differences))
	for i, d := range r.Differences {
		diffs[i] = d.Error()
	}
	r.Err = fmt.Errorf("a call center %q exists with other data: %s", r.Data.ServiceUserID, strings.Join(diffs, "; "))
	return r
}

// idSet remembers the service user ids seen so far (case-insensitively) as
// 64-bit hashes, in a sorted slice plus a small map of recent ones merged in
// when full: about 8 bytes a row, so a million-row input costs some 8 MiB
// rather than a copy of every id. (A false duplicate needs two ids with the
// same seeded 64-bit hash: about one chance in 10^7 per million rows.)
type idSet struct {
	seed   maphash.Seed
	recent map[uint64]struct{}
	sorted []uint64
}

// recentMax is how many hashes the map holds before they are merged into
// the sorted slice.
const recentMax = 1 << 15

func newIDSet() *idSet {
	return &idSet{seed: maphash.MakeSeed(), recent: make(map[uint64]struct{}, recentMax)}
}

// add records id and reports whether an earlier row had it already.
func (s *idSet) add(id string) bool {
	h := maphash.String(s.seed, strings.ToLower(id))
	if _, ok := s.recent[h]; ok {
		return true
	}
	if _, ok := slices.BinarySearch(s.sorted, h); ok {
		return true
	}
	s.recent[h] = struct{}{}
	if len(s.recent) >= recentMax {
		s.merge()
	}
	return false
}

// merge moves the recent hashes into the sorted slice.
func (s *idSet) merge() {
	add := slices.Sorted(maps.Keys(s.recent))
	out := make([]uint64, 0, len(s.sorted)+len(add))
	i, j := 0, 0
	for i < len(s.sorted) && j < len(add) {
		if s.sorted[i] < add[j] {
			out = append(out, s.sorted[i])
			i++
		} else {
			out = append(out, add[j])
			j++
		}
	}
	out = append(append(out, s.sorted[i:]...), add[j:]...)
	s.sorted = out
	clear(s.recent)
}
