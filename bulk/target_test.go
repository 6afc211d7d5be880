package bulk_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// memTarget is an in-memory Target with fault injection, for bulk's own
// tests. The vendor fakes (broadworkstest, apiotest) are used in the
// end-to-end tests.
type memTarget struct {
	mu      sync.Mutex
	stored  map[string]callcenter.CallCenter
	sends   atomic.Int32
	lookups atomic.Int32
	delay   func(id string) time.Duration
	// dropAfter: the create is applied, then the answer is lost.
	dropAfter map[string]bool
	// dropBefore: the answer is lost and nothing was applied.
	dropBefore map[string]bool
	refuse     map[string]string // id -> error text
	lookupErr  error
}

var _ bulk.Target = (*memTarget)(nil)

// BulkOps makes memTarget a Target: it is its own Ops.
func (m *memTarget) BulkOps() platform.Ops { return m }

type addCmd struct {
	CC callcenter.CallCenter `json:"cc"`
}

func newMem() *memTarget {
	return &memTarget{stored: map[string]callcenter.CallCenter{}, dropAfter: map[string]bool{}, dropBefore: map[string]bool{}, refuse: map[string]string{}}
}

func (m *memTarget) BuildCreate(cc callcenter.CallCenter) (any, error) {
	if err := cc.Validate(); err != nil {
		return nil, err
	}
	return &addCmd{CC: cc}, nil
}

type unknownErr struct{}

func (unknownErr) Error() string   { return "connection reset after the request was sent" }
func (unknownErr) Is(t error) bool { return t == bulk.ErrOutcomeUnknown }

type existsErr struct{ id string }

func (e existsErr) Error() string { return "[Error 4200] User already exists: " + e.id }
func (existsErr) Is(t error) bool { return t == bulk.ErrAlreadyExists }

func (m *memTarget) SendCreate(ctx context.Context, cmd any) (string, error) {
	m.sends.Add(1)
	cc := cmd.(*addCmd).CC
	id := cc.ServiceUserID
	if m.delay != nil {
		select {
		case <-time.After(m.delay(id)):
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if msg, ok := m.refuse[id]; ok {
		return "", fmt.Errorf("%s", msg)
	}
	if m.dropBefore[id] {
		delete(m.dropBefore, id)
		return "", unknownErr{}
	}
	if _, ok := m.stored[strings.ToLower(id)]; ok {
		return "", existsErr{id}
	}
	m.stored[strings.ToLower(id)] = cc
	if m.dropAfter[id] {
		delete(m.dropAfter, id)
		return "", unknownErr{}
	}
	return "SuccessResponse", nil
}

func (m *memTarget) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	m.lookups.Add(1)
	if m.lookupErr != nil {
		return nil, false, m.lookupErr
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	got, ok := m.stored[strings.ToLower(cc.ServiceUserID)]
	if !ok {
		return nil, false, nil
	}
	got.Profile.Password = "" // servers never return it
	return &got, true, nil
}

func (m *memTarget) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.stored)
}

// sheet builds a CSV of n Basic call centers cc0@example.com ... .
func sheet(n int) string {
	var b strings.Builder
	b.WriteString("operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,type,policy\n")
	for i := range n {
		fmt.Fprintf(&b, "call.center.create,SP,G1,cc%d@example.com,pw-%d,Basic,Circular\n", i, i)
	}
	return b.String()
}

// batchMem is a memTarget that also sends creates in batches.
type batchMem struct {
	*memTarget
	max     int
	batches []int // sizes, in order
}

var _ platform.Batcher = (*batchMem)(nil)

// BulkOps makes batchMem a Target whose Ops batch.
func (b *batchMem) BulkOps() platform.Ops { return b }

func (b *batchMem) MaxBatch() int { return b.max }

func (b *batchMem) SendBatch(ctx context.Context, cmds []any) ([]string, []error) {
	b.mu.Lock()
	b.batches = append(b.batches, len(cmds))
	b.mu.Unlock()
	out, errs := make([]string, len(cmds)), make([]error, len(cmds))
	for i, c := range cmds {
		out[i], errs[i] = b.SendCreate(ctx, c)
	}
	return out, errs
}

// must returns v, panicking on err: for building clients in tests, where
// an error is a bug of the test itself.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// applyOps are Ops that can apply a sheet, as the vendors' are: what the
// tests' wrappers of a client embed.
type applyOps interface {
	platform.Ops
	platform.Applier
}

// applier returns t's operations as applyOps.
func applier(t bulk.Target) applyOps { return t.BulkOps().(applyOps) }
