package bulk

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// echoOps answer every read with the text of its command, and record the
// size of every request.
type echoOps struct {
	mu        sync.Mutex
	requests  []int
	cancelled []bool // whether a request's context was done when it went out
}

func (*echoOps) BuildCreate(callcenter.CallCenter) (any, error)                  { return "create", nil }
func (*echoOps) SendCreate(context.Context, any) (string, error)                 { return "", nil }
func (*echoOps) MaxBatch() int                                                   { return 15 }
func (*echoOps) BuildLookup(cc callcenter.CallCenter) (any, error)               { return cc.ServiceUserID, nil }
func (o *echoOps) SendBatch(ctx context.Context, cmds []any) ([]string, []error) { return nil, nil }
func (*echoOps) LookupCallCenter(context.Context, callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	return nil, false, nil
}

func (o *echoOps) Exchange(ctx context.Context, cmds []any) ([]any, []error) {
	o.mu.Lock()
	o.requests = append(o.requests, len(cmds))
	o.cancelled = append(o.cancelled, ctx.Err() != nil)
	o.mu.Unlock()
	answers := make([]any, len(cmds))
	for i, c := range cmds {
		answers[i] = fmt.Sprint("answer to ", c)
	}
	return answers, make([]error, len(cmds))
}

var _ platform.ReadBatcher = (*echoOps)(nil)

// TestLane: a lane runs its rows together and sends their reads in one
// request once every row waits, never more than its size at once, and
// starts a row as soon as another ends; each row gets its own answer; a
// request goes out with a live context while one of its calls' context
// is, though another's is done.
func TestLane(t *testing.T) {
	for _, size := range []int{15, 4} {
		ops := &echoOps{}
		l := newLane(direct{Ops: ops}, size)
		jobs := 10
		var mu sync.Mutex
		var got []string
		l.run(func(wait bool) (func(platformIO), bool) {
			if jobs == 0 {
				return nil, false
			}
			jobs--
			id := fmt.Sprint("row", jobs)
			return func(io platformIO) {
				for i := range 2 {
					cmd := fmt.Sprintf("%s/%d", id, i)
					a, err := io.read(context.Background(), cmd)
					mu.Lock()
					if err != nil || a != "answer to "+cmd {
						t.Errorf("%s: %v %v", cmd, a, err)
					}
					got = append(got, cmd)
					mu.Unlock()
				}
			}, true
		})
		sum := 0
		for _, n := range ops.requests {
			if n > size {
				t.Errorf("size %d: a request of %d", size, n)
			}
			sum += n
		}
		if sum != 20 || len(got) != 20 {
			t.Errorf("size %d: %d reads in requests %v, %d answered", size, sum, ops.requests, len(got))
		}
		if size == 15 && !slices.Equal(ops.requests, []int{10, 10}) {
			t.Errorf("10 rows, 2 reads each: requests %v, want [10 10]", ops.requests)
		}
	}

	// A call's context done, another's not: the request still goes out.
	ops := &echoOps{}
	l := newLane(direct{Ops: ops}, 15)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	l.run(func(bool) (func(platformIO), bool) {
		if n == 2 {
			return nil, false
		}
		n++
		ctx := context.Background()
		if n == 1 {
			ctx = done
		}
		return func(io platformIO) { _, _ = io.read(ctx, "x") }, true
	})
	if !slices.Equal(ops.requests, []int{2}) || ops.cancelled[0] {
		t.Errorf("requests %v, cancelled %v", ops.requests, ops.cancelled)
	}

	// Alone, a read goes out in a request of its own.
	ops = &echoOps{}
	if a, err := (direct{Ops: ops}).read(context.Background(), "y"); a != "answer to y" || err != nil || !slices.Equal(ops.requests, []int{1}) {
		t.Errorf("direct read: %v %v %v", a, err, ops.requests)
	}
}
