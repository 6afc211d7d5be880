package bulk_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/platform"
)

// TestStaffingSkillRereadInterrupted: a row that changes skill levels
// reads its call center again just before its write. When the run is
// interrupted (Ctrl-C) while that read is under way, nothing of the row
// was sent: it ends skipped ("not started", for -resume), never failed
// with the cancelled read's error, and no result claims a change the fake
// does not hold.
// rereadCancel wraps a broadworks client's Ops: the first document of
// reads alone after a document of writes (the re-reads of the next rows)
// cancels the run's context as it goes out, as a Ctrl-C would.
type rereadCancel struct {
	clientOps
	cancel context.CancelFunc
	mu     sync.Mutex
	wrote  bool
}

func (d *rereadCancel) BulkOps() platform.Ops { return d }

func (d *rereadCancel) Exchange(ctx context.Context, cmds []any) ([]any, []error) {
	writes := 0
	for _, cmd := range cmds {
		switch cmd.(type) {
		case broadworks.Command, []broadworks.Command:
			writes++
		}
	}
	d.mu.Lock()
	if writes == 0 && d.wrote {
		d.cancel()
	}
	d.wrote = d.wrote || writes > 0
	d.mu.Unlock()
	return d.clientOps.Exchange(ctx, cmds)
}

func TestStaffingSkillRereadInterrupted(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(staffTwinHeader)
	rows := 0
	for i := 0; i < staffTwinCenters; i += 3 { // the skill-based ones: levels 5, 6 become 9, 9
		k := i % 10
		sup := ""
		if i%4 == 0 {
			sup = user(30)
		}
		sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k), user(k + 1)}, [3]string{"9", "9"}, sup))
		rows++
	}
	for _, finish := range []bool{true, false} {
		f := newStaffTwin(t)
		ctx, cancel := context.WithCancel(context.Background())
		d := &rereadCancel{clientOps: f.client.BulkOps().(clientOps), cancel: cancel}
		opts := []bulk.Option{bulk.Concurrency(1), bulk.Batch(4)}
		if finish {
			opts = append(opts, bulk.FinishInFlight())
		}
		res, _ := bulk.ModifyAgentsFromCSV(ctx, d, strings.NewReader(sb.String()), opts...)
		cancel()
		if len(res) != rows {
			t.Fatalf("%d results, want %d", len(res), rows)
		}
		st := statuses(res)
		for _, r := range res {
			stored := f.staffing(t, r.Data().ServiceUserID)
			levelled := len(stored.Agents) == 2 && stored.Agents[0].SkillLevel == 9 && stored.Agents[1].SkillLevel == 9
			switch r.Status {
			case bulk.StatusModified, bulk.StatusUnchanged:
				if !levelled {
					t.Errorf("FinishInFlight %v: %s ended %s, the fake holds %v", finish, r.Data().ServiceUserID, r.Status, stored.Agents)
				}
			case bulk.StatusSkipped:
				if !strings.Contains(r.Err.Error(), "not started") {
					t.Errorf("FinishInFlight %v: %s skipped: %v", finish, r.Data().ServiceUserID, r.Err)
				}
			case bulk.StatusUnknown:
			case bulk.StatusFailed:
				// A write cancelled on its way out (without
				// FinishInFlight) is settled by a read: failed, safe
				// to apply again. A row whose re-read was cancelled
				// sent nothing: skipped.
				if finish || strings.Contains(r.Err.Error(), "reading the staffing") {
					t.Errorf("FinishInFlight %v: %s ended failed (%v): a row that sent nothing is skipped", finish, r.Data().ServiceUserID, r.Err)
				}
			default:
				t.Errorf("FinishInFlight %v: %s ended %s (%v): an interrupted run's row that sent nothing is skipped", finish, r.Data().ServiceUserID, r.Status, r.Err)
			}
		}
		if st[bulk.StatusSkipped] == 0 {
			t.Errorf("FinishInFlight %v: results %v: want some rows skipped", finish, st)
		}
	}
}
