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

// TestApplyPlanAgainDeletesAlreadyGone: a plan's delete carried out by a
// run whose result was lost (killed before its batch's results were
// written) finds the call center gone when the plan is applied again: the
// plan's goal, so it ends deleted ("already gone: nothing sent", as a
// prune of -apply reports it), not stale ("changed since the plan: plan
// again", which sends the administrator looking for a change that is not
// there).
func TestApplyPlanAgainDeletesAlreadyGone(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 4)
			var plan bytes.Buffer
			if _, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(2)), bulk.Prune(), bulk.PlanOnly(), bulk.PlanTo(&plan)); err != nil {
				t.Fatal(err)
			}
			doc := plan.Bytes()
			if first, err := bulk.ApplyPlan(ctx, p.client, bytes.NewReader(doc)); err != nil || statuses(first)[bulk.StatusDeleted] != 2 {
				t.Fatalf("first run: %v %v", statuses(first), err)
			}
			// Someone else creates cc3 again, in another group: where the
			// platform still finds it by its id (BroadWorks: ids are
			// global), not what the plan wanted, so stale; where it does
			// not (APIO looks in the group), the plan's call center is gone.
			other := "operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,type,policy\ncall.center.create,SP,G2,cc3@example.com,pw-3,Basic,Circular\n"
			if rs, err := bulk.CreateFromCSV(ctx, p.other, strings.NewReader(other)); err != nil || rs[0].Status != bulk.StatusCreated {
				t.Fatalf("the other administrator's create: %v %v %v", statuses(rs), rs[0].Err, err)
			}
			w := p.writes()
			rs, err := bulk.ApplyPlan(ctx, p.client, bytes.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if p.writes() != w {
				t.Errorf("%d writes applying a plan carried out already", p.writes()-w)
			}
			for _, r := range rs {
				switch id := r.Data().ServiceUserID; {
				case !r.Prune:
				case strings.EqualFold(id, "cc3@example.com"):
					if _, found := p.get(id); found != (r.Status == bulk.StatusStale) {
						t.Errorf("cc3, in another group now (found by its id: %v): %s %v (%s); want stale only when found", found, r.Status, r.Err, r.Response)
					}
				case r.Status != bulk.StatusDeleted || !r.OK() || !strings.Contains(r.Response, "already gone"):
					t.Errorf("%s, deleted by the first run: %s %v (%s); want deleted, already gone", id, r.Status, r.Err, r.Response)
				}
			}
		})
	}
}
