package main

import (
	"context"
	"iter"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// finishing is the client as bulk sees it, with one change: a request that
// has started is not cut short when the run's context is cancelled (by
// Ctrl-C). The run still sees the cancellation and starts no other row, so
// the rows in flight finish with a known outcome and the rest are skipped.
// Each request stays bounded by the client's timeout (-timeout).
type finishing struct{ c *broadworks.Client }

// allOps is what broadworks' operations are: every bulk interface.
type allOps interface {
	bulk.ApplyOps
	bulk.BatchOps
	bulk.WireOps
}

// BulkOps returns the client's operations, shielded.
func (f finishing) BulkOps() bulk.Ops { return f.wrap(f.c.BulkOps()) }

// BulkApplyOps returns the client's apply operations, shielded.
func (f finishing) BulkApplyOps() bulk.ApplyOps {
	ops := f.c.BulkApplyOps()
	if all, ok := ops.(allOps); ok {
		return finishingOps{all}
	}
	return ops
}

func (f finishing) wrap(ops bulk.Ops) bulk.Ops {
	if all, ok := ops.(allOps); ok {
		return finishingOps{all}
	}
	return ops
}

// finishingOps passes every call on with a context that keeps ctx's values
// but not its cancellation. Listing keeps ctx as it is: after an interrupt
// -prune lists nothing more, so it deletes nothing more.
type finishingOps struct{ ops allOps }

func (o finishingOps) BuildCreate(cc callcenter.CallCenter) (any, error) {
	return o.ops.BuildCreate(cc)
}

func (o finishingOps) SendCreate(ctx context.Context, cmd any) (string, error) {
	return o.ops.SendCreate(context.WithoutCancel(ctx), cmd)
}

func (o finishingOps) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	return o.ops.LookupCallCenter(context.WithoutCancel(ctx), cc)
}

func (o finishingOps) MaxBatch() int { return o.ops.MaxBatch() }

func (o finishingOps) SendCreates(ctx context.Context, cmds []any) ([]string, []error) {
	return o.ops.SendCreates(context.WithoutCancel(ctx), cmds)
}

func (o finishingOps) AppendWire(dst []byte, cmd any) ([]byte, error) {
	return o.ops.AppendWire(dst, cmd)
}

func (o finishingOps) ListCallCenters(ctx context.Context, serviceProviderID, groupID string) iter.Seq2[string, error] {
	return o.ops.ListCallCenters(ctx, serviceProviderID, groupID)
}

func (o finishingOps) BuildModify(want callcenter.CallCenter, fields []string) (any, error) {
	return o.ops.BuildModify(want, fields)
}

func (o finishingOps) SendModify(ctx context.Context, cmd any) (string, error) {
	return o.ops.SendModify(context.WithoutCancel(ctx), cmd)
}

func (o finishingOps) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	return o.ops.DeleteCallCenter(context.WithoutCancel(ctx), cc)
}
