package bulk_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// cancelling is a memApply (with batches) whose writes cancel the run's
// context while they are in flight, as Ctrl-C would, and record whether
// they saw the cancellation.
type cancelling struct {
	*memApply
	cancel context.CancelFunc
	mu     sync.Mutex
	saw    map[string]bool // write -> its context was cancelled when it answered
}

func (c *cancelling) BulkOps() platform.Ops { return c }
func (c *cancelling) MaxBatch() int         { return 15 }

func (c *cancelling) seen(write string, ctx context.Context) {
	c.cancel()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.saw[write] = ctx.Err() != nil
}

func (c *cancelling) SendCreate(ctx context.Context, cmd any) (string, error) {
	c.seen("SendCreate", ctx)
	return c.memApply.SendCreate(context.Background(), cmd)
}

func (c *cancelling) SendBatch(ctx context.Context, cmds []any) ([]string, []error) {
	c.seen("SendBatch", ctx)
	resps, errs := make([]string, len(cmds)), make([]error, len(cmds))
	for i, cmd := range cmds {
		resps[i], errs[i] = c.memApply.SendCreate(context.Background(), cmd)
	}
	return resps, errs
}

func (c *cancelling) SendModify(ctx context.Context, cmd any) (string, error) {
	c.seen("SendModify", ctx)
	return c.memApply.SendModify(context.Background(), cmd)
}

func (c *cancelling) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	c.seen("DeleteCallCenter", ctx)
	return c.memApply.DeleteCallCenter(context.Background(), cc)
}

// TestFinishInFlight: with FinishInFlight a write in flight when the run
// is cancelled runs with a live context and ends with its outcome, while
// the run starts no other row; without it, the write sees the
// cancellation. Every kind of write: create, batch, modify, delete.
func TestFinishInFlight(t *testing.T) {
	stored := func(m *memApply, ids ...string) {
		for _, id := range ids {
			cc := callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: id, Type: callcenter.Basic, Policy: callcenter.Circular}
			cc.ApplyDefaults()
			m.stored[id] = cc
		}
	}
	for _, tc := range []struct {
		write string
		run   func(ctx context.Context, c *cancelling, opts ...bulk.Option) ([]bulk.Result, error)
		want  bulk.Status
	}{
		{"SendCreate", func(ctx context.Context, c *cancelling, opts ...bulk.Option) ([]bulk.Result, error) {
			return bulk.CreateFromCSV(ctx, c, strings.NewReader(sheet(5)), append(opts, bulk.Concurrency(1))...)
		}, bulk.StatusCreated},
		{"SendBatch", func(ctx context.Context, c *cancelling, opts ...bulk.Option) ([]bulk.Result, error) {
			return bulk.CreateFromCSV(ctx, c, strings.NewReader(sheet(5)), append(opts, bulk.Concurrency(1), bulk.Batch(2))...)
		}, bulk.StatusCreated},
		{"SendModify", func(ctx context.Context, c *cancelling, opts ...bulk.Option) ([]bulk.Result, error) {
			stored(c.memApply, "cc0@example.com", "cc1@example.com")
			in := "serviceProviderId,groupId,serviceUserId,policy\nSP,G1,cc0@example.com,Uniform\nSP,G1,cc1@example.com,Uniform\n"
			return bulk.ApplyFromCSV(ctx, c, strings.NewReader(in), append(opts, bulk.Concurrency(1))...)
		}, bulk.StatusModified},
		{"DeleteCallCenter", func(ctx context.Context, c *cancelling, opts ...bulk.Option) ([]bulk.Result, error) {
			stored(c.memApply, "cc0@example.com", "gone1@example.com", "gone2@example.com")
			in := "serviceProviderId,groupId,serviceUserId\nSP,G1,cc0@example.com\n"
			return bulk.ApplyFromCSV(ctx, c, strings.NewReader(in), append(opts, bulk.Concurrency(1), bulk.Prune())...)
		}, bulk.StatusDeleted},
	} {
		for _, finish := range []bool{false, true} {
			ctx, cancel := context.WithCancel(context.Background())
			c := &cancelling{memApply: newMemApply(), cancel: cancel, saw: map[string]bool{}}
			var opts []bulk.Option
			if finish {
				opts = append(opts, bulk.FinishInFlight())
			}
			res, _ := tc.run(ctx, c, opts...)
			cancel()
			if saw, ok := c.saw[tc.write]; !ok || saw == finish {
				t.Errorf("%s, FinishInFlight %v: the write saw a cancelled context: %v (called: %v)", tc.write, finish, saw, ok)
			}
			if !finish {
				continue
			}
			var done, skipped int
			for _, r := range res {
				switch {
				case r.Status == bulk.StatusUnchanged:
					skipped++ // the sheet's row of the prune's group
				case r.Status == tc.want && r.OK():
					done++
				case r.Status == bulk.StatusSkipped:
					skipped++
				}
			}
			// The write in flight (a batch: its rows) ended; no later row started.
			if done == 0 || done+skipped != len(res) || skipped == 0 {
				t.Errorf("%s: %d %s and %d skipped of %d results: %v", tc.write, done, tc.want, skipped, len(res), statuses(res))
			}
		}
	}
}
