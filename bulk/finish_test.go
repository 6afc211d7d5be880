package bulk_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
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
		if _, ok := cmd.(*modCmd); ok {
			resps[i], errs[i] = c.memApply.SendModify(context.Background(), cmd)
			continue
		}
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
// cancellation. Every kind of write: create, batch, modify, delete, and
// modifies in a batch. (Runs batch by default: the cases of a write sent
// alone say Batch(1).)
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
			return bulk.CreateFromCSV(ctx, c, strings.NewReader(sheet(5)), append(opts, bulk.Concurrency(1), bulk.Batch(1))...)
		}, bulk.StatusCreated},
		{"SendBatch", func(ctx context.Context, c *cancelling, opts ...bulk.Option) ([]bulk.Result, error) {
			return bulk.CreateFromCSV(ctx, c, strings.NewReader(sheet(5)), append(opts, bulk.Concurrency(1), bulk.Batch(2))...)
		}, bulk.StatusCreated},
		{"SendModify", func(ctx context.Context, c *cancelling, opts ...bulk.Option) ([]bulk.Result, error) {
			stored(c.memApply, "cc0@example.com", "cc1@example.com")
			in := "serviceProviderId,groupId,serviceUserId,policy\nSP,G1,cc0@example.com,Uniform\nSP,G1,cc1@example.com,Uniform\n"
			return bulk.ApplyFromCSV(ctx, c, strings.NewReader(in), append(opts, bulk.Concurrency(1), bulk.Batch(1))...)
		}, bulk.StatusModified},
		{"SendBatch", func(ctx context.Context, c *cancelling, opts ...bulk.Option) ([]bulk.Result, error) {
			stored(c.memApply, "cc0@example.com", "cc1@example.com", "cc2@example.com")
			in := "serviceProviderId,groupId,serviceUserId,policy\nSP,G1,cc0@example.com,Uniform\nSP,G1,cc1@example.com,Uniform\nSP,G1,cc2@example.com,Uniform\n"
			return bulk.ApplyFromCSV(ctx, c, strings.NewReader(in), append(opts, bulk.Concurrency(1), bulk.Batch(2))...)
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

// clientOps are the Ops of a broadworks client, as bulk batches them.
type clientOps interface {
	platform.Ops
	platform.Applier
	platform.DeleteBuilder
	platform.StaffingBatcher
}

// docCancel wraps a broadworks client's Ops: the first document that
// carries a write (a create, modify, delete or staffing change) cancels
// the run's context just before it goes out, as a Ctrl-C would, and every
// document is recorded (its reads, its writes, and whether its context
// was done when it went out).
type docCancel struct {
	clientOps
	cancel context.CancelFunc
	mu     sync.Mutex
	docs   []seenDoc
}

type seenDoc struct {
	reads, writes int
	cancelled     bool
}

func (d *docCancel) BulkOps() platform.Ops { return d }

func (d *docCancel) Exchange(ctx context.Context, cmds []any) ([]any, []error) {
	doc := seenDoc{}
	for _, cmd := range cmds {
		switch cmd.(type) {
		case broadworks.Command, []broadworks.Command: // the client's reads are types of their own
			doc.writes++
		default:
			doc.reads++
		}
	}
	if doc.writes > 0 {
		d.cancel()
	}
	doc.cancelled = ctx.Err() != nil
	d.mu.Lock()
	d.docs = append(d.docs, doc)
	d.mu.Unlock()
	return d.clientOps.Exchange(ctx, cmds)
}

// writeDocs are the documents that carried writes.
func (d *docCancel) writeDocs() []seenDoc {
	var out []seenDoc
	for _, doc := range d.docs {
		if doc.writes > 0 {
			out = append(out, doc)
		}
	}
	return out
}

// TestFinishInFlightBatched: a run that batches is cancelled as the first
// document carrying writes (modifies of rows read earlier, with the reads
// of rows started since) goes out. With FinishInFlight that document goes
// out with a live context and is answered whole: its modifies end
// modified and stored, its reads answered, and the rows that read in it
// start no write (skipped, or unchanged where there was nothing to
// write); no row is unknown or failed, and no other write goes out.
// Without it, no result claims a change the server does not hold, nor
// hides one. (That document is not cut short either: its lookups, as
// alone, are bounded by their own timeout and not by the run's context,
// and a request ends only when every call it carries has given up. A
// document of writes alone sees the cancellation: TestFinishInFlight.)
func TestFinishInFlightBatched(t *testing.T) {
	const n = 45
	for _, finish := range []bool{true, false} {
		srv := broadworkstest.NewServer()
		client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
			broadworks.WithTLSConfig(srv.ClientTLSConfig())))
		if _, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(n))); err != nil {
			t.Fatal(err)
		}
		var in strings.Builder
		in.WriteString("serviceProviderId,groupId,serviceUserId,policy\n")
		for i := range n {
			policy := "Circular"
			if i%3 == 0 {
				policy = "Uniform"
			}
			fmt.Fprintf(&in, "SP,G1,cc%d@example.com,%s\n", i, policy)
		}
		ctx, cancel := context.WithCancel(context.Background())
		d := &docCancel{clientOps: client.BulkOps().(clientOps), cancel: cancel}
		opts := []bulk.Option{bulk.Concurrency(1)}
		if finish {
			opts = append(opts, bulk.FinishInFlight())
		}
		res, _ := bulk.ApplyFromCSV(ctx, d, strings.NewReader(in.String()), opts...)
		cancel()
		writeDocs := d.writeDocs()
		stored := 0
		for i := range n {
			if cc, _ := srv.CallCenter(fmt.Sprintf("cc%d@example.com", i)); cc.Policy == callcenter.Uniform {
				stored++
			}
		}
		st := statuses(res)
		for _, r := range res {
			cc, _ := srv.CallCenter(r.Data().ServiceUserID)
			if r.Status == bulk.StatusModified && cc.Policy != callcenter.Uniform {
				t.Errorf("FinishInFlight %v: row %d ended modified, the server holds %s", finish, r.Index, cc.Policy)
			}
		}
		if !finish {
			if len(writeDocs) == 0 || st[bulk.StatusModified]+st[bulk.StatusUnknown] < stored {
				t.Errorf("without FinishInFlight: documents with writes %+v, %d stored, results %v", writeDocs, stored, st)
			}
		} else {
			if len(writeDocs) != 1 || writeDocs[0].cancelled || writeDocs[0].reads == 0 {
				t.Errorf("documents with writes %+v: want one, with reads, sent with a live context", writeDocs)
			} else if st[bulk.StatusModified] != writeDocs[0].writes || stored != writeDocs[0].writes {
				t.Errorf("%d modifies in the document, %d results modified, %d stored", writeDocs[0].writes, st[bulk.StatusModified], stored)
			}
			if st[bulk.StatusModified]+st[bulk.StatusUnchanged]+st[bulk.StatusSkipped] != n || st[bulk.StatusSkipped] == 0 {
				t.Errorf("results %v", st)
			}
		}
		client.Close()
		srv.Close()
	}
}

// TestFinishInFlightStaffing: an agent sheet's apply, batched, cancelled
// as its first document of changes goes out: with FinishInFlight that
// document runs with a live context, each of its changes ends modified and
// stored, and no other row starts (skipped); without it, no result claims
// a change the fake does not hold.
func TestFinishInFlightStaffing(t *testing.T) {
	for _, finish := range []bool{true, false} {
		f := newStaffTwin(t)
		var sb strings.Builder
		sb.WriteString(staffTwinHeader)
		for i := range staffTwinCenters {
			k, sup := i%10, ""
			if i%4 == 0 {
				sup = user(30) // kept: each change is one command, 15 to a document
			}
			sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k), user(k + 1), user(k + 2)}, [3]string{}, sup))
		}
		ctx, cancel := context.WithCancel(context.Background())
		d := &docCancel{clientOps: f.client.BulkOps().(clientOps), cancel: cancel}
		opts := []bulk.Option{bulk.Concurrency(1), bulk.MaxDeletes(1000)}
		if finish {
			opts = append(opts, bulk.FinishInFlight())
		}
		res, _ := bulk.ModifyAgentsFromCSV(ctx, d, strings.NewReader(sb.String()), opts...)
		cancel()
		changed := 0
		for i := range staffTwinCenters {
			if st, _ := f.srv.Staffing(staffTwinID(i)); len(st.Agents) == 3 {
				changed++
			}
		}
		st := statuses(res)
		for _, r := range res {
			if stored, _ := f.srv.Staffing(staffTwinID(r.Index)); r.Status == bulk.StatusModified && len(stored.Agents) != 3 {
				t.Errorf("FinishInFlight %v: row %d ended modified, the fake holds %v", finish, r.Index, stored.Agents)
			}
		}
		if !finish {
			if st[bulk.StatusModified]+st[bulk.StatusUnknown] < changed {
				t.Errorf("without FinishInFlight: %d changed, results %v", changed, st)
			}
			continue
		}
		if docs := d.writeDocs(); len(docs) != 1 || docs[0].cancelled || docs[0].writes != changed || st[bulk.StatusModified] != changed ||
			st[bulk.StatusModified]+st[bulk.StatusSkipped] != staffTwinCenters || st[bulk.StatusSkipped] == 0 {
			t.Errorf("documents of changes %+v, %d changed, results %v", docs, changed, st)
		}
	}
}
