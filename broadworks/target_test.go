package broadworks_test

import (
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/bulk"
)

// *broadworks.Client is a bulk.Target, ApplyTarget and ExportSource.
var (
	_ bulk.Target       = (*broadworks.Client)(nil)
	_ bulk.ApplyTarget  = (*broadworks.Client)(nil)
	_ bulk.ExportSource = (*broadworks.Client)(nil)
)

// The sentinel is shared with bulk and the transport.
var _ = map[bool]int{broadworks.ErrOutcomeUnknown == bulk.ErrOutcomeUnknown: 0}

// TestBulkOpsBatch: the Ops bulk gets send up to 15 creates per document.
func TestBulkOpsBatch(t *testing.T) {
	c := mustClient(t, "as.example.com", "u", "p")
	b, ok := c.BulkOps().(bulk.BatchOps)
	if !ok || b.MaxBatch() != broadworks.MaxCommands {
		t.Fatalf("BulkOps() = %T, not BatchOps with MaxBatch %d", c.BulkOps(), broadworks.MaxCommands)
	}
}
