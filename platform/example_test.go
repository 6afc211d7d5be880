package platform_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// memory is a platform of its own: call centers held in a map. It gives
// bulk the required Ops and no optional method, so it can create (and
// settle creates) but not apply a sheet or export a group.
type memory struct {
	mu     sync.Mutex
	stored map[string]callcenter.CallCenter
}

// BulkOps makes *memory a bulk.Target.
func (m *memory) BulkOps() platform.Ops { return m }

func (m *memory) BuildCreate(cc callcenter.CallCenter) (any, error) { return cc, nil }

func (m *memory) SendCreate(ctx context.Context, cmd any) (string, error) {
	cc := cmd.(callcenter.CallCenter)
	m.mu.Lock()
	defer m.mu.Unlock()
	key := callcenter.UserIDKey(cc.ServiceUserID)
	if _, ok := m.stored[key]; ok {
		return "", fmt.Errorf("%q: %w", cc.ServiceUserID, platform.ErrAlreadyExists)
	}
	m.stored[key] = cc
	return "created", nil
}

func (m *memory) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	got, ok := m.stored[callcenter.UserIDKey(cc.ServiceUserID)]
	if !ok {
		return nil, false, nil
	}
	got.Profile.Password = "" // a platform never returns it
	return &got, true, nil
}

// A platform of one's own: implement Ops, return them from BulkOps, and
// bulk runs on it. Its errors match the shared conditions with errors.Is.
func Example() {
	m := &memory{stored: map[string]callcenter.CallCenter{}}
	sheet := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password\n" +
		"SP,G1,sales@example.com,s3cret-pw\n" +
		"SP,G1,SALES@example.com,s3cret-pw\n" // the same id to BroadWorks: refused as a duplicate row
	results, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range results {
		fmt.Println(r.Index, r.Status, errors.Is(r.Err, bulk.ErrDuplicateRow))
	}
	// And again: the call center exists now, stored as the sheet says.
	results, _ = bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet))
	fmt.Println(results[0].Status, results[0].OK())
	// Output:
	// 0 created false
	// 1 invalid true
	// exists true
}

// The optional methods an Ops has decide what bulk can do with it.
func Example_optionalMethods() {
	var ops platform.Ops = &memory{}
	_, applies := ops.(platform.Applier)
	_, batches := ops.(platform.Batcher)
	fmt.Println("apply:", applies, "batch:", batches)
	// Output:
	// apply: false batch: false
}
