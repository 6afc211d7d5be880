package bulk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// How what a row asks of the platform travels: alone (direct), or with
// what the other rows in flight ask, in one request (a lane). A row's code
// is the same either way; it makes its calls through its item's io.

// platformIO is the calls of the Ops that do I/O, as a row makes them.
type platformIO interface {
	reader
	SendCreate(ctx context.Context, cmd any) (string, error)
	SendModify(ctx context.Context, cmd any) (string, error)
	DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error)
	// ReadStaffing and SendStaffing are the platform.Staffer's: in a
	// lane they go with the other rows' calls where the Ops are a
	// platform.StaffingBatcher, and alone otherwise (and with Batch(1)),
	// through the Staffer's own methods, so that a platform that staffs
	// but does not batch runs agent sheets as before.
	ReadStaffing(ctx context.Context, serviceUserID string) (callcenter.Staffing, bool, error)
	SendStaffing(ctx context.Context, cmd any) (string, error)
	// read sends a read that a platform.ReadBatcher's Build… method
	// built (a lookup, a staffing read) and returns its answer, as that
	// method documents it: with the other rows' calls in a lane, alone
	// otherwise. A kind of read that only batching platforms have needs
	// nothing more here: its builder on the Ops, and its answer in
	// Exchange; one that every platform answers alone (a lookup, a
	// staffing read) has a method of its own above, which uses read.
	read(ctx context.Context, cmd any) (any, error)
}

// reader is the read of the Ops: what settles an outcome.
type reader interface {
	LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error)
}

// direct makes each call on its own: the Ops' methods.
type direct struct {
	platform.Ops
	apply platform.Applier // nil when the run does not apply
	staff platform.Staffer // nil when the run does not staff
}

func (d direct) ReadStaffing(ctx context.Context, serviceUserID string) (callcenter.Staffing, bool, error) {
	return d.staff.ReadStaffing(ctx, serviceUserID)
}

func (d direct) SendStaffing(ctx context.Context, cmd any) (string, error) {
	return d.staff.SendStaffing(ctx, cmd)
}

func (d direct) SendModify(ctx context.Context, cmd any) (string, error) {
	return d.apply.SendModify(ctx, cmd)
}

func (d direct) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	return d.apply.DeleteCallCenter(ctx, cc)
}

func (d direct) read(ctx context.Context, cmd any) (any, error) {
	rb, ok := d.Ops.(platform.ReadBatcher)
	if !ok {
		return nil, fmt.Errorf("bulk: %T's Ops batch no reads (see platform.ReadBatcher)", d.Ops)
	}
	answers, errs := rb.Exchange(ctx, []any{cmd})
	if len(answers) < 1 || len(errs) < 1 {
		return nil, errors.New("the target answered no command of 1")
	}
	return answers[0], errs[0]
}

// A lane runs up to max rows at once, each in a goroutine of its own, and
// sends what they ask of the platform together: once every row it runs
// waits for an answer and no other row can start, their calls go out in
// one request (a Batcher's SendBatch, or a ReadBatcher's Exchange, which
// carries reads too), and each row goes on with its own answer. As soon as
// a row ends, the next one starts, so a request carries the reads of new
// rows together with the writes of rows read before: an apply that
// modifies a few of its rows costs little more than its reads. A call the
// Ops cannot put in a request (a read without a ReadBatcher, a delete
// without a DeleteBuilder) goes out alone, from the row's goroutine.
//
// A row never waits for a lane with anything else held: what else a row
// may wait for (a group listed once, the backup file) does not depend on a
// lane.
type lane struct {
	direct
	batch platform.Batcher
	reads platform.ReadBatcher     // nil: reads go alone
	dels  platform.DeleteBuilder   // nil: deletes go alone
	staff platform.StaffingBatcher // nil: staffing goes alone
	max   int                      // rows at once, and commands a request

	calls chan *call
	ended chan struct{}
}

// call is one call of a row, waiting in a lane.
type call struct {
	ctx    context.Context
	cmd    any
	read   bool
	size   int // the commands it takes in a request
	answer any
	err    error
	done   chan struct{}
}

// newLane returns a lane of up to max rows on the Ops of d, which are a
// Batcher.
func newLane(d direct, max int) *lane {
	l := &lane{direct: d, max: max, calls: make(chan *call), ended: make(chan struct{})}
	l.batch, _ = d.Ops.(platform.Batcher)
	l.reads, _ = d.Ops.(platform.ReadBatcher)
	if d.apply != nil {
		l.dels, _ = d.Ops.(platform.DeleteBuilder)
	}
	if d.staff != nil {
		l.staff, _ = d.Ops.(platform.StaffingBatcher)
	}
	return l
}

// run runs the rows next gives until it gives no more. next(wait) returns
// a row's job; with wait false it returns ok false when none is ready now,
// with wait true only when there are none left.
func (l *lane) run(next func(wait bool) (job func(platformIO), ok bool)) {
	running := 0
	var waiting []*call
	for {
		for running < l.max {
			job, ok := next(running == 0)
			if !ok {
				break
			}
			running++
			go func() {
				defer func() { l.ended <- struct{}{} }()
				job(l)
			}()
		}
		switch {
		case running == 0:
			return
		case len(waiting) == running:
			l.send(waiting)
			waiting = nil
			continue
		}
		select {
		case c := <-l.calls:
			waiting = append(waiting, c)
		case <-l.ended:
			running--
		}
	}
}

// send sends calls in requests of at most max commands, at once, and
// hands each call its answer.
func (l *lane) send(calls []*call) {
	var groups [][]*call
	n := 0
	for i, c := range calls {
		if i == 0 || n+c.size > l.max {
			groups, n = append(groups, nil), 0
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], c)
		n += c.size
	}
	if len(groups) == 1 {
		l.request(calls)
		return
	}
	var wg sync.WaitGroup
	for _, g := range groups {
		wg.Go(func() { l.request(g) })
	}
	wg.Wait()
}

// request sends calls in one request and hands each its answer.
func (l *lane) request(calls []*call) {
	ctx, release := joint(calls)
	defer release()
	cmds := make([]any, len(calls))
	for i, c := range calls {
		cmds[i] = c.cmd
	}
	var answers []any
	var errs []error
	if l.reads != nil {
		answers, errs = l.reads.Exchange(ctx, cmds)
	} else {
		var texts []string
		texts, errs = l.batch.SendBatch(ctx, cmds)
		answers = make([]any, len(texts))
		for i, t := range texts {
			answers[i] = t
		}
	}
	for i, c := range calls {
		if i < len(answers) {
			c.answer = answers[i]
		}
		if i < len(errs) {
			c.err = errs[i]
		}
		if i >= len(answers) && i >= len(errs) {
			if c.read {
				c.err = fmt.Errorf("the target answered %d of %d commands", max(len(answers), len(errs)), len(cmds))
			} else {
				c.err = fmt.Errorf("%w: the target answered %d of %d commands", ErrOutcomeUnknown, max(len(answers), len(errs)), len(cmds))
			}
		}
		close(c.done)
	}
}

// joint returns the context of a request that carries calls: it keeps the
// first call's values and ends when every call's context has ended (a
// call whose context ended first waits with the others: the request serves
// them all, and each is bounded by the client's own timeout). So a
// request that carries a write sent with FinishInFlight (a context that
// never ends) goes out and runs to its answer after a cancellation, and
// the reads it carries with it are answered too; the rows that asked for
// them then see the cancellation and start no write.
func joint(calls []*call) (context.Context, func()) {
	first := calls[0].ctx
	done, same := first.Done(), true
	for _, c := range calls {
		d := c.ctx.Done()
		if d == nil {
			return context.WithoutCancel(first), func() {}
		}
		same = same && d == done
	}
	if same { // one context (the run's) for every call: it ends them all
		return first, func() {}
	}
	ctx, cancel := context.WithCancelCause(context.WithoutCancel(first))
	var left atomic.Int64
	left.Store(int64(len(calls)))
	stops := make([]func() bool, len(calls))
	for i, c := range calls {
		stops[i] = context.AfterFunc(c.ctx, func() {
			if left.Add(-1) == 0 {
				cancel(context.Cause(c.ctx))
			}
		})
	}
	return ctx, func() {
		for _, stop := range stops {
			stop()
		}
		cancel(nil)
	}
}

// call makes a call through the lane and waits for its answer.
func (l *lane) call(ctx context.Context, cmd any, read bool) (any, error) {
	c := &call{ctx: ctx, cmd: cmd, read: read, size: 1, done: make(chan struct{})}
	if l.staff != nil {
		c.size = max(l.staff.Commands(cmd), 1)
	}
	l.calls <- c
	<-c.done
	return c.answer, c.err
}

func (l *lane) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	if l.reads == nil {
		return l.direct.LookupCallCenter(ctx, cc)
	}
	cmd, err := l.reads.BuildLookup(cc)
	if err != nil {
		return nil, false, err
	}
	answer, err := l.read(ctx, cmd)
	if err != nil {
		return nil, false, err
	}
	stored, _ := answer.(*callcenter.CallCenter)
	return stored, stored != nil, nil
}

func (l *lane) read(ctx context.Context, cmd any) (any, error) {
	if l.reads == nil {
		return l.direct.read(ctx, cmd)
	}
	return l.call(ctx, cmd, true)
}

func (l *lane) SendCreate(ctx context.Context, cmd any) (string, error) { return l.write(ctx, cmd) }

func (l *lane) SendModify(ctx context.Context, cmd any) (string, error) { return l.write(ctx, cmd) }

func (l *lane) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	if l.dels == nil {
		return l.direct.DeleteCallCenter(ctx, cc)
	}
	cmd, err := l.dels.BuildDelete(cc)
	if err != nil {
		return "", err
	}
	return l.write(ctx, cmd)
}

func (l *lane) write(ctx context.Context, cmd any) (string, error) {
	answer, err := l.call(ctx, cmd, false)
	text, _ := answer.(string)
	return text, err
}

func (l *lane) ReadStaffing(ctx context.Context, serviceUserID string) (callcenter.Staffing, bool, error) {
	if l.staff == nil {
		return l.direct.ReadStaffing(ctx, serviceUserID)
	}
	cmd, err := l.staff.BuildReadStaffing(serviceUserID)
	if err != nil {
		return callcenter.Staffing{}, false, err
	}
	answer, err := l.read(ctx, cmd)
	st, _ := answer.(*callcenter.Staffing)
	if err != nil || st == nil {
		return callcenter.Staffing{}, false, err
	}
	return *st, true, nil
}

func (l *lane) SendStaffing(ctx context.Context, cmd any) (string, error) {
	if l.staff == nil {
		return l.direct.SendStaffing(ctx, cmd)
	}
	return l.write(ctx, cmd)
}
