package bulk

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// ExportAgentsCSV writes the staffing of every call center of a group as
// an agent sheet that [ModifyAgentsFromCSV] reads back: the columns
// operation, serviceUserId and agentUserIdList.userId[N] of mercury-ocip's
// sheet (at least its eight), agentUserIdList.skillLevel[N] when a call
// center of the group routes by skill, and supervisorUserIdList.userId[N]
// (at least one), one row per call center in the order the platform lists
// them, each agent in the order its call center lists them. Applying the
// export unchanged writes nothing. The Target's Ops must be a
// [platform.Lister] and a [platform.Staffer]. It returns how many call
// centers it wrote. Every call center is read before anything is written,
// so on an error nothing is written to w. A group listing two ids that the
// identity rule ([callcenter.UserIDKey]) cannot tell apart is refused
// (ErrAmbiguous).
func ExportAgentsCSV(ctx context.Context, src Target, w io.Writer, serviceProviderID, groupID string) (int, error) {
	ops, err := opsOf(src)
	if err != nil {
		return 0, err
	}
	l, ok := ops.(platform.Lister)
	if !ok {
		return 0, fmt.Errorf("bulk: export agents: %T's Ops cannot list a group (no ListCallCenters: see platform.Lister)", src)
	}
	staff, ok := ops.(platform.Staffer)
	if !ok {
		return 0, fmt.Errorf("bulk: export agents: %T's Ops cannot read staffing (see platform.Staffer)", src)
	}
	k := groupKey{serviceProviderID, groupID}
	byKey, ids, err := listGroup(ctx, l, k)
	if err != nil {
		return 0, fmt.Errorf("bulk: export agents: listing group %q of %q: %w", groupID, serviceProviderID, err)
	}
	for _, id := range ids {
		if same := byKey[callcenter.UserIDKey(id)]; len(same) > 1 {
			return 0, fmt.Errorf("bulk: export agents: %w", ambiguous(id, k, same))
		}
	}
	sts := make([]callcenter.Staffing, len(ids))
	errs := make([]error, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(DefaultConcurrency, max(len(ids), 1)) {
		wg.Go(func() {
			for i := range next {
				st, found, err := staff.ReadStaffing(ctx, ids[i])
				switch {
				case err != nil:
					errs[i] = fmt.Errorf("bulk: export agents: reading %q: %w", ids[i], err)
				case !found:
					errs[i] = fmt.Errorf("bulk: export agents: %q was listed but is gone", ids[i])
				default:
					st.ServiceUserID = ids[i]
					sts[i] = st
				}
			}
		})
	}
feed:
	for i := range ids {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("bulk: export agents: %w", err)
	}
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	layout := layoutFor(true, true, sts...)
	cw := csv.NewWriter(w)
	if err := cw.Write(layout.header()); err != nil {
		return 0, err
	}
	for _, st := range sts {
		rec, _ := layout.record(st) // sized for every row
		if err := cw.Write(rec); err != nil {
			return 0, err
		}
	}
	cw.Flush()
	return len(sts), cw.Error()
}
