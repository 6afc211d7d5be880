package main

import (
	"context"
	"iter"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// finishing is the client as bulk sees it, with one change: a request that
// has started is not cut short when the run's context is cancelled (by
// Ctrl-C). The run still sees the cancellation and starts no other row, so
// the rows in flight finish with a known outcome and the rest are skipped.
// Each request stays bounded by the client's timeout (-timeout).
type finishing struct{ c *broadworks.Client }

// BulkOps returns the client's operations, shielded.
func (f finishing) BulkOps() platform.Ops {
	ops := f.c.BulkOps()
	if a, ok := ops.(applyOps); ok {
		return shield(a)
	}
	return ops
}

// applyOps are the operations of a client that can apply a sheet, as
// broadworks' are.
type applyOps interface {
	platform.Ops
	platform.Applier
}

// shield wraps ops, keeping the optional methods they have (batches,
// wire bytes) and no other; broadworks' (batches of reads and writes,
// deletes as commands, wire bytes) are kept whole.
func shield(ops applyOps) applyOps {
	if ops == nil {
		return nil
	}
	base := finishingOps{ops}
	b, batch := ops.(platform.Batcher)
	w, wire := ops.(platform.WireEncoder)
	rb, reads := ops.(platform.ReadBatcher)
	d, dels := ops.(platform.DeleteBuilder)
	switch {
	case reads && dels && wire:
		return finishingAll{finishingBatchWire{finishingBatch{base, b}, w}, rb, d}
	case batch && wire:
		return finishingBatchWire{finishingBatch{base, b}, w}
	case batch:
		return finishingBatch{base, b}
	case wire:
		return finishingWire{base, w}
	}
	return base
}

// finishingOps passes every call on with a context that keeps ctx's values
// but not its cancellation. Listing keeps ctx as it is: after an interrupt
// -prune lists nothing more, so it deletes nothing more.
type finishingOps struct{ ops applyOps }

// finishingBatch adds the batches of a platform.Batcher.
type finishingBatch struct {
	finishingOps
	batch platform.Batcher
}

func (o finishingBatch) MaxBatch() int { return o.batch.MaxBatch() }

func (o finishingBatch) SendBatch(ctx context.Context, cmds []any) ([]string, []error) {
	return o.batch.SendBatch(context.WithoutCancel(ctx), cmds)
}

// finishingWire adds the wire bytes of a platform.WireEncoder.
type finishingWire struct {
	finishingOps
	wire platform.WireEncoder
}

func (o finishingWire) AppendWire(dst []byte, cmd any) ([]byte, error) {
	return o.wire.AppendWire(dst, cmd)
}

// finishingAll has what broadworks' operations have: batches of reads
// and writes, deletes as commands, and wire bytes.
type finishingAll struct {
	finishingBatchWire
	reads platform.ReadBatcher
	dels  platform.DeleteBuilder
}

func (o finishingAll) BuildLookup(cc callcenter.CallCenter) (any, error) {
	return o.reads.BuildLookup(cc)
}

func (o finishingAll) Exchange(ctx context.Context, cmds []any) ([]any, []error) {
	return o.reads.Exchange(context.WithoutCancel(ctx), cmds)
}

func (o finishingAll) BuildDelete(cc callcenter.CallCenter) (any, error) {
	return o.dels.BuildDelete(cc)
}

// finishingBatchWire has both.
type finishingBatchWire struct {
	finishingBatch
	wire platform.WireEncoder
}

func (o finishingBatchWire) AppendWire(dst []byte, cmd any) ([]byte, error) {
	return o.wire.AppendWire(dst, cmd)
}

func (o finishingOps) BuildCreate(cc callcenter.CallCenter) (any, error) {
	return o.ops.BuildCreate(cc)
}

func (o finishingOps) SendCreate(ctx context.Context, cmd any) (string, error) {
	return o.ops.SendCreate(context.WithoutCancel(ctx), cmd)
}

func (o finishingOps) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	return o.ops.LookupCallCenter(context.WithoutCancel(ctx), cc)
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
