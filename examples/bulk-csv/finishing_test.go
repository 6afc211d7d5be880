package main

import (
	"context"
	"iter"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// stubOps records whether the contexts it gets are cancelled.
type stubOps struct{ cancelled map[string]bool }

func (s stubOps) BuildCreate(callcenter.CallCenter) (any, error) { return "cmd", nil }
func (s stubOps) SendCreate(ctx context.Context, _ any) (string, error) {
	s.cancelled["SendCreate"] = ctx.Err() != nil
	return "", nil
}
func (s stubOps) LookupCallCenter(ctx context.Context, _ callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	s.cancelled["LookupCallCenter"] = ctx.Err() != nil
	return nil, false, nil
}
func (s stubOps) ListCallCenters(ctx context.Context, _, _ string) iter.Seq2[string, error] {
	s.cancelled["ListCallCenters"] = ctx.Err() != nil
	return func(func(string, error) bool) {}
}
func (s stubOps) BuildModify(callcenter.CallCenter, []string) (any, error) { return "cmd", nil }
func (s stubOps) SendModify(ctx context.Context, _ any) (string, error) {
	s.cancelled["SendModify"] = ctx.Err() != nil
	return "", nil
}
func (s stubOps) DeleteCallCenter(ctx context.Context, _ callcenter.CallCenter) (string, error) {
	s.cancelled["DeleteCallCenter"] = ctx.Err() != nil
	return "", nil
}

type stubBatch struct{ stubOps }

func (s stubBatch) MaxBatch() int { return 15 }
func (s stubBatch) SendBatch(ctx context.Context, cmds []any) ([]string, []error) {
	s.cancelled["SendBatch"] = ctx.Err() != nil
	return make([]string, len(cmds)), make([]error, len(cmds))
}

type stubWire struct{ stubOps }

func (stubWire) AppendWire(dst []byte, _ any) ([]byte, error) {
	return append(dst, "<command/>"...), nil
}

type stubBoth struct{ stubBatch }

func (stubBoth) AppendWire(dst []byte, _ any) ([]byte, error) {
	return append(dst, "<command/>"...), nil
}

// stubAll has what broadworks' operations have.
type stubAll struct{ stubBoth }

func (stubAll) BuildLookup(callcenter.CallCenter) (any, error) { return "read", nil }
func (s stubAll) Exchange(ctx context.Context, cmds []any) ([]any, []error) {
	s.cancelled["Exchange"] = ctx.Err() != nil
	return make([]any, len(cmds)), make([]error, len(cmds))
}
func (stubAll) BuildDelete(callcenter.CallCenter) (any, error) { return "delete", nil }

// TestShield: the shielded operations keep exactly the optional interfaces
// of the client's (batches, wire bytes; broadworks' whole set), and after a cancellation the
// writes and reads of rows in flight still run with a live context, while
// listing (which -prune deletes from) sees the cancellation.
func TestShield(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, tc := range map[string]struct {
		ops                applyOps
		batch, wire, reads bool
	}{
		"plain": {stubOps{map[string]bool{}}, false, false, false},
		"batch": {stubBatch{stubOps{map[string]bool{}}}, true, false, false},
		"wire":  {stubWire{stubOps{map[string]bool{}}}, false, true, false},
		"both":  {stubBoth{stubBatch{stubOps{map[string]bool{}}}}, true, true, false},
		"all":   {stubAll{stubBoth{stubBatch{stubOps{map[string]bool{}}}}}, true, true, true},
	} {
		s := shield(tc.ops)
		b, isBatch := s.(platform.Batcher)
		w, isWire := s.(platform.WireEncoder)
		rb, isReads := s.(platform.ReadBatcher)
		d, isDels := s.(platform.DeleteBuilder)
		if isBatch != tc.batch || isWire != tc.wire || isReads != tc.reads || isDels != tc.reads {
			t.Errorf("%s: batch %v wire %v reads %v deletes %v", name, isBatch, isWire, isReads, isDels)
		}
		var rec map[string]bool
		switch o := tc.ops.(type) {
		case stubOps:
			rec = o.cancelled
		case stubBatch:
			rec = o.cancelled
		case stubWire:
			rec = o.cancelled
		case stubBoth:
			rec = o.cancelled
		case stubAll:
			rec = o.cancelled
		}
		s.SendCreate(ctx, "cmd")
		s.LookupCallCenter(ctx, callcenter.CallCenter{})
		s.SendModify(ctx, "cmd")
		s.DeleteCallCenter(ctx, callcenter.CallCenter{})
		s.ListCallCenters(ctx, "SP", "G")
		want := map[string]bool{"SendCreate": false, "LookupCallCenter": false, "SendModify": false, "DeleteCallCenter": false, "ListCallCenters": true}
		if isBatch {
			if b.MaxBatch() != 15 {
				t.Errorf("%s: MaxBatch %d", name, b.MaxBatch())
			}
			b.SendBatch(ctx, []any{"a", "b"})
			want["SendBatch"] = false
		}
		if isReads {
			if cmd, _ := rb.BuildLookup(callcenter.CallCenter{}); cmd != "read" {
				t.Errorf("%s: BuildLookup %v", name, cmd)
			}
			if cmd, _ := d.BuildDelete(callcenter.CallCenter{}); cmd != "delete" {
				t.Errorf("%s: BuildDelete %v", name, cmd)
			}
			rb.Exchange(ctx, []any{"a"})
			want["Exchange"] = false
		}
		if isWire {
			if out, _ := w.AppendWire([]byte("x"), "cmd"); string(out) != "x<command/>" {
				t.Errorf("%s: AppendWire %q", name, out)
			}
		}
		for m, c := range want {
			if got, ok := rec[m]; !ok || got != c {
				t.Errorf("%s: %s saw a cancelled context: %v (called %v), want %v", name, m, got, ok, c)
			}
		}
	}
}
