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

// exportConcurrency is how many call centers ExportCSV reads at once (a
// broadworks client serves them from its session pool).
const exportConcurrency = 4

// ExportCSV writes the call centers of a group as a bulk sheet that
// [ApplyFromCSV] reads back: reference 000's columns in the template's
// order, only the columns some row uses, one row per call center in the
// order the platform lists them. With groupID "" it writes every group of
// the service provider, one after another in the order the platform lists
// the groups (the Target's Ops must list them: a [platform.GroupLister],
// as broadworks' are). Passwords cannot be read back, so the
// password column is left out (Apply keeps stored passwords). Applying the
// export unchanged sends no write. It returns how many call centers it
// wrote. Every call center is read before anything is written, so on an
// error nothing is written to w. Listed ids are trimmed of surrounding
// white space, and a group listing two ids that the identity rule
// ([callcenter.UserIDKey]) cannot tell apart is refused (ErrAmbiguous).
func ExportCSV(ctx context.Context, src Target, w io.Writer, serviceProviderID, groupID string) (int, error) {
	ops, err := opsOf(src)
	if err != nil {
		return 0, err
	}
	l, ok := ops.(platform.Lister)
	if !ok {
		return 0, fmt.Errorf("bulk: export: %T's Ops cannot list a group (no ListCallCenters: see platform.Lister)", src)
	}
	groups := []string{groupID}
	if groupID == "" {
		if groups, err = serviceProviderGroups(ctx, src, ops, serviceProviderID); err != nil {
			return 0, err
		}
	}
	var ccs []callcenter.CallCenter
	for _, g := range groups {
		got, err := exportGroup(ctx, ops, l, serviceProviderID, g)
		if err != nil {
			return 0, err
		}
		ccs = append(ccs, got...)
	}
	return len(ccs), writeSheet(w, ccs)
}

// exportGroup reads every call center of a group.
func exportGroup(ctx context.Context, ops platform.Ops, l platform.Lister, serviceProviderID, groupID string) ([]callcenter.CallCenter, error) {
	k := groupKey{serviceProviderID, groupID}
	byKey, ids, err := listGroup(ctx, l, k)
	if err != nil {
		return nil, fmt.Errorf("bulk: export: listing group %q of %q: %w", groupID, serviceProviderID, err)
	}
	for _, id := range ids {
		// Two ids that the identity rule cannot tell apart would be two
		// rows that Apply refuses: refuse the export instead.
		if same := byKey[callcenter.UserIDKey(id)]; len(same) > 1 {
			return nil, fmt.Errorf("bulk: export: %w", ambiguous(id, k, same))
		}
	}
	ccs := make([]callcenter.CallCenter, len(ids))
	errs := make([]error, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(exportConcurrency, max(len(ids), 1)) {
		wg.Go(func() {
			for i := range next {
				key := callcenter.CallCenter{ServiceProviderID: serviceProviderID, GroupID: groupID, ServiceUserID: ids[i]}
				stored, found, err := ops.LookupCallCenter(ctx, key)
				switch {
				case err != nil:
					errs[i] = fmt.Errorf("bulk: export: reading %q: %w", ids[i], err)
				case !found:
					errs[i] = fmt.Errorf("bulk: export: %q was listed but is gone", ids[i])
				default:
					stored.ServiceProviderID, stored.GroupID = serviceProviderID, groupID
					ccs[i] = *stored
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
		return nil, fmt.Errorf("bulk: export: %w", err)
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return ccs, nil
}

// writeSheet writes call centers as a sheet of the columns they use.
func writeSheet(w io.Writer, ccs []callcenter.CallCenter) error {
	used := map[string]bool{}
	aliases := 0
	for i := range ccs {
		for _, f := range ccs[i].SetFields() {
			used[f] = true
		}
		aliases = max(aliases, len(ccs[i].Profile.Aliases))
	}
	var header []string
	for _, c := range callcenter.Columns() {
		if c.Field == passwordColumn {
			continue
		}
		if used[c.Field] || c.Field == "serviceProviderId" || c.Field == "groupId" || c.Field == "serviceUserId" {
			header = append(header, c.Field)
		}
	}
	for i := range aliases {
		header = append(header, fmt.Sprintf(callcenter.AliasField, i))
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for i := range ccs {
		for j, col := range header {
			rec[j] = ccs[i].Get(col)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
