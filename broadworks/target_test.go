package broadworks_test

import (
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/platform"
)

// *broadworks.Client is a bulk.Target, for every run: its Ops apply too.
var (
	_ bulk.Target = (*broadworks.Client)(nil)
	_             = (*broadworks.Client)(nil).BulkOps().(platform.Applier)
)

// The sentinel is shared with bulk and the transport.
var _ = map[bool]int{broadworks.ErrOutcomeUnknown == bulk.ErrOutcomeUnknown: 0}

// TestBulkOpsBatch: the Ops bulk gets send up to 15 creates per document.
func TestBulkOpsBatch(t *testing.T) {
	c := mustClient(t, "as.example.com", "u", "p")
	b, ok := c.BulkOps().(platform.Batcher)
	if !ok || b.MaxBatch() != broadworks.MaxCommands {
		t.Fatalf("BulkOps() = %T, not a platform.Batcher with MaxBatch %d", c.BulkOps(), broadworks.MaxCommands)
	}
}
