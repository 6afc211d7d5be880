package bulk

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"

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
// centers it wrote. Every call center is read before anything is written
// (the columns depend on the largest list), so on an error nothing is
// written to w. A group listing two ids that the identity rule
// ([callcenter.UserIDKey]) cannot tell apart is refused (ErrAmbiguous).
//
// The call centers are read as a run reads rows: [Concurrency] at once,
// in batches where the platform batches staffing reads (a
// [platform.StaffingBatcher]; see [Batch]). Options: [Concurrency],
// [Batch], [OnProgress] (Total is the group's size); the others are an
// error, as for [ExportCSV].
func ExportAgentsCSV(ctx context.Context, src Target, w io.Writer, serviceProviderID, groupID string, opts ...Option) (int, error) {
	ops, l, err := opsWith[platform.Lister](src, "bulk: export agents: %T's Ops cannot list a group (no ListCallCenters: see platform.Lister)")
	if err != nil {
		return 0, err
	}
	staff, ok := ops.(platform.Staffer)
	if !ok {
		return 0, fmt.Errorf("bulk: export agents: %T's Ops cannot read staffing (see platform.Staffer)", src)
	}
	keys, err := exportGroup(ctx, l, "export agents", serviceProviderID, groupID)
	if err != nil {
		return 0, err
	}
	sts := make([]callcenter.Staffing, 0, len(keys))
	err = exportReads(ctx, mode{ops: ops, staff: staff, export: true}, "export agents", keys, opts, func(res Result) error {
		sts = append(sts, *res.staff)
		return nil
	})
	if err != nil {
		return 0, err
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
