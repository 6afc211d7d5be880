package bulk

import (
	"context"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
	"github.com/ccsdk/callcenter-go/platform"
)

// ExportCSV writes the call centers of a group as a bulk sheet that
// [ApplyFromCSV] reads back: every column of reference 000 but the
// password, in the template's order, with as many alias columns as a call
// center may have (the same header for every group, as [BackupTo] writes),
// and one row per call center in the order the platform lists them. With
// groupID "" it writes every group of the service provider, one after
// another in the order the platform lists the groups (the Target's Ops
// must list them: a [platform.GroupLister], as broadworks' are).
// Passwords cannot be read back, so the password column is left out (Apply
// keeps stored passwords). Applying the export unchanged sends no write.
// It returns how many call centers it wrote.
//
// The groups are listed first: listed ids are trimmed of surrounding white
// space, and a group listing two ids that the identity rule
// ([callcenter.UserIDKey]) cannot tell apart is refused (ErrAmbiguous).
// When a listing fails or is refused, nothing is written to w. Then the
// call centers are read as a run reads rows ([Concurrency] at once; in
// batches where the platform batches reads, see [Batch]) and written as
// they are read, in list order, so an export holds only the rows in
// flight (and the listed ids). A read that fails (or a cancelled ctx)
// ends the export with an error, and w then holds the sheet up to the row
// before: write to a temporary file and rename it when ExportCSV returns
// no error (the bulk-csv tool does).
//
// Options: [Concurrency], [Batch], [OnProgress] (Total is the number of
// call centers listed). Those of a sheet's run ([DryRun], [ShowWire],
// [ResultsTo], [Resume], [Prune], [PlanOnly], [SetPasswords], [BackupTo],
// [PlanTo]) do not apply and are an error.
func ExportCSV(ctx context.Context, src Target, w io.Writer, serviceProviderID, groupID string, opts ...Option) (int, error) {
	ops, l, err := opsWith[platform.Lister](src, "bulk: export: %T's Ops cannot list a group (no ListCallCenters: see platform.Lister)")
	if err != nil {
		return 0, err
	}
	groups := []string{groupID}
	if groupID == "" {
		if groups, err = serviceProviderGroups(ctx, src, ops, serviceProviderID); err != nil {
			return 0, err
		}
	}
	var keys []callcenter.CallCenter
	for _, g := range groups {
		more, err := exportGroup(ctx, l, "export", serviceProviderID, g)
		if err != nil {
			return 0, err
		}
		keys = append(keys, more...)
	}
	sw := newSheetWriter(w, sheetHeader())
	n := 0
	err = exportReads(ctx, mode{ops: ops, export: true}, "export", keys, opts, func(res Result) error {
		cc := res.Data()
		if err := sw.write(&cc, nil); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	if err := sw.flush(); err != nil {
		return n, fmt.Errorf("bulk: export: %w", err)
	}
	return n, nil
}

// exportReads runs the reads of an export (what names it in errors) of
// the call centers keys, handing each result to each in list order. The
// first failure ends it: a read that failed, a cancelled ctx, or an error
// of each.
func exportReads(ctx context.Context, m mode, what string, keys []callcenter.CallCenter, opts []Option, each func(Result) error) error {
	for res, err := range start(ctx, m, keyRows(keys), append([]Option{Total(len(keys))}, opts...)) {
		switch {
		case err != nil:
			return fmt.Errorf("bulk: %s: %w", what, err)
		case ctx.Err() != nil:
			return fmt.Errorf("bulk: %s: %w", what, context.Cause(ctx))
		case !res.Success:
			return fmt.Errorf("bulk: %s: %w", what, res.Err)
		}
		if err := each(res); err != nil {
			return fmt.Errorf("bulk: %s: %w", what, err)
		}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("bulk: %s: %w", what, context.Cause(ctx))
	}
	return nil
}

// exportGroup lists the call centers of a group for an export (what names
// it in errors), refusing ids that the identity rule cannot tell apart,
// and returns them named by their identity.
func exportGroup(ctx context.Context, l platform.Lister, what, serviceProviderID, groupID string) ([]callcenter.CallCenter, error) {
	k := groupKey{serviceProviderID, groupID}
	byKey, ids, err := listGroup(ctx, l, k)
	if err != nil {
		return nil, fmt.Errorf("bulk: %s: listing group %q of %q: %w", what, groupID, serviceProviderID, err)
	}
	for _, id := range ids {
		// Two ids that the identity rule cannot tell apart would be two
		// rows that Apply refuses: refuse the export instead.
		if same := byKey[callcenter.UserIDKey(id)]; len(same) > 1 {
			return nil, fmt.Errorf("bulk: %s: %w", what, ambiguous(id, k, same))
		}
	}
	keys := make([]callcenter.CallCenter, len(ids))
	for i, id := range ids {
		keys[i] = callcenter.CallCenter{ServiceProviderID: serviceProviderID, GroupID: groupID, ServiceUserID: id}
	}
	return keys, nil
}

// keyRows is the input of a run over call centers named by their
// identity: one row each, in order.
func keyRows(keys []callcenter.CallCenter) input {
	return func(*config) iter.Seq2[row, error] {
		return func(yield func(row, error) bool) {
			for i, k := range keys {
				if !yield(row{index: i, cc: k}, nil) {
					return
				}
			}
		}
	}
}

// exportRow reads one call center of an export (its staffing, for an
// export of agents).
func (r *run) exportRow(ctx context.Context, it *item) Result {
	id := it.cc.ServiceUserID
	res := Result{Index: it.index, data: packed.Pack(&it.cc)}
	put, found, err := r.exportRead(ctx, it)
	switch {
	case err != nil:
		res.Status, res.Err = StatusFailed, fmt.Errorf("reading %q: %w", id, err)
	case !found:
		res.Status, res.Err = StatusFailed, fmt.Errorf("%q was listed but is gone", id)
	default:
		put(&res)
		res.Status, res.Success, res.Response = StatusUnchanged, true, "read"
	}
	return res
}

// exportRead reads what an export writes of the call center of it: the
// call center, or its staffing in an export of agents. put puts what was
// read into the row's result.
func (r *run) exportRead(ctx context.Context, it *item) (put func(*Result), found bool, err error) {
	if r.staff != nil {
		st, found, err := it.io.ReadStaffing(ctx, it.cc.ServiceUserID)
		return func(res *Result) {
			st.ServiceUserID = it.cc.ServiceUserID
			res.staff = &st
		}, found, err
	}
	stored, found, err := it.io.LookupCallCenter(ctx, it.cc)
	return func(res *Result) {
		stored.ServiceProviderID, stored.GroupID = it.cc.ServiceProviderID, it.cc.GroupID
		res.data = packed.Pack(stored)
	}, found, err
}

// exportOnly refuses the options an export (of agents, when agents) does
// not take.
func (c *config) exportOnly(agents bool) error {
	var bad []string
	for name, set := range map[string]bool{
		"DryRun": c.dryRun, "ShowWire": c.wire != nil, "ResultsTo": c.out != nil,
		"Resume": c.resume != nil || c.prev != nil, "Prune": c.prune, "PlanOnly": c.plan,
		"SetPasswords": c.setPass, "BackupTo": c.backup != nil, "PlanTo": c.planOut != nil,
	} {
		if set {
			bad = append(bad, name)
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		name := "ExportCSV"
		if agents {
			name = "ExportAgentsCSV"
		}
		return fmt.Errorf("bulk: %s takes Concurrency, Batch and OnProgress: %s do not apply", name, strings.Join(bad, ", "))
	}
	return nil
}
