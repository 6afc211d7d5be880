package bulk_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
)

// TestApplyPlanAgainAfterLostResults: a run of ApplyPlan killed outright
// (SIGKILL) leaves rows carried out whose results never reached the
// results file (a run that batches writes each batch's results once the
// whole batch has ended). Applying the plan again, or resuming from what
// the file holds, finds those call centers already as the plan wants
// them: they end unchanged, with nothing sent, not stale ("changed since
// the plan: plan again", which sent an administrator to look for another
// change on production: 135 such rows after one kill at 150 ms). A
// call center changed since to something else is still stale.
func TestApplyPlanAgainAfterLostResults(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 4)
			in := sheet(4)
			in = strings.Replace(in, "cc1@example.com,pw-1,Basic,Circular", "cc1@example.com,,Basic,Uniform", 1)
			in = strings.Replace(in, "cc2@example.com,pw-2,Basic,Circular", "cc2@example.com,,Basic,Uniform", 1)
			var plan bytes.Buffer
			if _, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.PlanOnly(), bulk.PlanTo(&plan)); err != nil {
				t.Fatal(err)
			}
			doc := plan.Bytes()
			first, err := bulk.ApplyPlan(ctx, p.client, bytes.NewReader(doc))
			if err != nil || statuses(first)[bulk.StatusModified] != 2 {
				t.Fatalf("first run: %v %v", statuses(first), err)
			}
			// Someone else sets cc2 to yet another policy: that one is stale.
			other := "operation,serviceProviderId,groupId,serviceUserId,policy\ncall.center.create,SP,G1,cc2@example.com,Regular\n"
			if rs, err := bulk.ApplyFromCSV(ctx, p.other, strings.NewReader(other)); err != nil || rs[0].Status != bulk.StatusModified {
				t.Fatalf("the other administrator's change: %v %v", statuses(rs), err)
			}
			w := p.writes()
			rs, err := bulk.ApplyPlan(ctx, p.client, bytes.NewReader(doc))
			if err != nil || len(rs) != 4 {
				t.Fatalf("again: %v %v", statuses(rs), err)
			}
			if p.writes() != w {
				t.Errorf("%d writes applying a plan carried out already", p.writes()-w)
			}
			for _, r := range rs {
				switch id := r.Data().ServiceUserID; {
				case strings.EqualFold(id, "cc2@example.com"):
					if r.Status != bulk.StatusStale {
						t.Errorf("cc2, changed since to another policy: %s %v", r.Status, r.Err)
					}
				case r.Status != bulk.StatusUnchanged || !r.OK():
					t.Errorf("%s: %s %v; want unchanged", id, r.Status, r.Err)
				}
			}
		})
	}
}

// TestApplyPlanAgainPasswordNotTakenAsDone: a planned modify that sets a
// password (SetPasswords) is never taken as done because its other fields
// hold the plan's values: the password cannot be read back, and someone
// else may have made those fields match without it. The row is stale
// (plan again), not unchanged: unchanged would drop the password change
// without a word.
func TestApplyPlanAgainPasswordNotTakenAsDone(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 2)
			in := strings.Replace(sheet(2), "cc1@example.com,pw-1,Basic,Circular", "cc1@example.com,pw-new-1,Basic,Uniform", 1)
			var plan bytes.Buffer
			if _, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.PlanOnly(), bulk.SetPasswords(), bulk.PlanTo(&plan)); err != nil {
				t.Fatal(err)
			}
			// Someone else sets the policy the plan sets, not the password.
			other := "operation,serviceProviderId,groupId,serviceUserId,policy\ncall.center.create,SP,G1,cc1@example.com,Uniform\n"
			if rs, err := bulk.ApplyFromCSV(ctx, p.other, strings.NewReader(other)); err != nil || rs[0].Status != bulk.StatusModified {
				t.Fatalf("the other administrator's change: %v %v", statuses(rs), err)
			}
			rs, err := bulk.ApplyPlan(ctx, p.client, &plan)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				if strings.EqualFold(r.Data().ServiceUserID, "cc1@example.com") && r.Status != bulk.StatusStale {
					t.Errorf("cc1, whose planned password was never set: %s %v (%s); want stale", r.Status, r.Err, r.Response)
				}
			}
		})
	}
}
