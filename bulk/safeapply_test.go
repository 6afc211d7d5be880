package bulk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// The tests of issue 22's safe apply, each against both fakes (through the
// real broadworks and apio clients) unless the case needs a platform the
// fakes are not (one that holds two ids the identity rule cannot tell
// apart).

// seed creates sheet(n) on p.
func seed(t *testing.T, p fakePlatform, n int) {
	t.Helper()
	rs, err := bulk.ApplyFromCSV(context.Background(), p.client, strings.NewReader(sheet(n)))
	if err != nil || statuses(rs)[bulk.StatusCreated] != n {
		t.Fatalf("seeding %d: %v %v", n, statuses(rs), err)
	}
}

// stored lists the ids p holds in SP/G1.
func storedIDs(t *testing.T, p fakePlatform) []string {
	t.Helper()
	var ids []string
	for id, err := range applier(p.client).ListCallCenters(context.Background(), "SP", "G1") {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// hooked is p's client with its group lists rewritten by list: a platform
// whose list answers are padded, or hold ids the rule cannot tell apart.
type hooked struct {
	applyOps
	list func([]string) []string
}

func (h hooked) BulkOps() platform.Ops { return h }

func (h hooked) ListCallCenters(ctx context.Context, sp, group string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		var ids []string
		for id, err := range h.applyOps.ListCallCenters(ctx, sp, group) {
			if err != nil {
				yield("", err)
				return
			}
			ids = append(ids, id)
		}
		for _, id := range h.list(ids) {
			if !yield(id, nil) {
				return
			}
		}
	}
}

// TestIdentityRuleOfTheFakes: both fakes compare service user ids as
// BroadWorks does (callcenter.UserIDKey): whatever case and surrounding
// spaces, one call center.
func TestIdentityRuleOfTheFakes(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		stored, asked string
		same          bool
	}{
		{"Sales@Example.com", "sales@example.com", true},
		{"Sales@Example.com", "SALES@EXAMPLE.COM", true},
		{"Sales@Example.com", "Sales@Example.com", true},
		{"Équipe@example.com", "équipe@example.com", true},
		{"Sales@Example.com", "sales2@example.com", false},
		{"Sales@Example.com", "sales@example.co", false},
	}
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			ops := applier(p.client)
			for i, c := range cases {
				cc := callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: c.stored, Profile: callcenter.Profile{Password: "pw"}}
				rs, err := bulk.CreateFromData(ctx, p.client, []callcenter.CallCenter{cc})
				if err != nil || rs[0].Status != bulk.StatusCreated {
					t.Fatalf("case %d: create %q: %s %v %v", i, c.stored, rs[0].Status, rs[0].Err, err)
				}
				key := cc
				key.ServiceUserID = c.asked
				_, found, err := ops.LookupCallCenter(ctx, key)
				if err != nil || found != c.same {
					t.Errorf("case %d: stored %q, lookup of %q: found %v (%v), want %v", i, c.stored, c.asked, found, err, c.same)
				}
				// A create of the other spelling: "already exists" exactly
				// when it is the same id.
				other := key
				other.Profile.Password = "pw"
				rs, _ = bulk.CreateFromData(ctx, p.client, []callcenter.CallCenter{other})
				if got := rs[0].Status == bulk.StatusCreated; got == c.same {
					t.Errorf("case %d: create of %q beside %q: %s %v", i, c.asked, c.stored, rs[0].Status, rs[0].Err)
				}
				for _, id := range storedIDs(t, p) { // clean up
					if _, err := ops.DeleteCallCenter(ctx, callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: id}); err != nil {
						t.Fatal(err)
					}
				}
			}
			// The list shows the id as it was added.
			seedOne := callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: "MiXed@Example.com", Profile: callcenter.Profile{Password: "pw"}}
			if _, err := bulk.CreateFromData(ctx, p.client, []callcenter.CallCenter{seedOne}); err != nil {
				t.Fatal(err)
			}
			if got := storedIDs(t, p); !slices.Equal(got, []string{"MiXed@Example.com"}) {
				t.Errorf("listed %q", got)
			}
		})
	}
}

// TestApplyIdentityCaseAndSpaces: a row naming a stored call center in
// another case is that call center (modified, not created, never pruned);
// a padded list answer changes nothing.
func TestApplyIdentityCaseAndSpaces(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 3)
			w := p.writes()
			upper := strings.Replace(sheet(3), "cc1@example.com,pw-1,Basic,Circular", "CC1@EXAMPLE.COM,,Basic,Uniform", 1)
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(upper), bulk.Prune())
			if err != nil || len(rs) != 3 || rs[1].Status != bulk.StatusModified || statuses(rs)[bulk.StatusUnchanged] != 2 || p.writes() != w+1 {
				t.Fatalf("row in upper case: %v %v (%v), %d writes", statuses(rs), err, rs[1].Err, p.writes()-w)
			}
			if got, _ := p.get("cc1@example.com"); got.Policy != callcenter.Uniform {
				t.Errorf("cc1 policy %s", got.Policy)
			}
			if rs[1].Data().ServiceUserID != "cc1@example.com" {
				t.Errorf("the result names %q, not the stored call center", rs[1].Data().ServiceUserID)
			}

			// Every listed id padded with spaces: the same group.
			padded := hooked{applier(p.client), func(ids []string) []string {
				out := make([]string, len(ids))
				for i, id := range ids {
					out[i] = "  " + id + " \t"
				}
				return out
			}}
			w = p.writes()
			rs, err = bulk.ApplyFromCSV(ctx, padded, strings.NewReader(upper), bulk.Prune())
			if err != nil || len(rs) != 3 || statuses(rs)[bulk.StatusUnchanged] != 3 || p.writes() != w {
				t.Fatalf("padded list: %v %v, %d writes", statuses(rs), err, p.writes()-w)
			}
			var sheetOut bytes.Buffer
			if n, err := bulk.ExportCSV(ctx, padded, &sheetOut, "SP", "G1"); err != nil || n != 3 || strings.Contains(sheetOut.String(), " cc") {
				t.Errorf("export of a padded list: %d %v\n%s", n, err, sheetOut.String())
			}
		})
	}
}

// TestAmbiguousIDsRefused: where the platform holds two call centers that
// the rule cannot tell apart, the row is refused, the group is not pruned,
// and export refuses the group: the tool never guesses.
func TestAmbiguousIDsRefused(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 3)
			twin := hooked{applier(p.client), func(ids []string) []string {
				return append(ids, "CC0@example.com") // as a case-sensitive platform might hold
			}}
			w := p.writes()
			in := strings.Replace(sheet(2), "cc0@example.com,pw-0,Basic,Circular", "cc0@example.com,,Basic,Uniform", 1)
			rs, err := bulk.ApplyFromCSV(ctx, twin, strings.NewReader(in), bulk.Prune())
			if err != nil || len(rs) != 3 || rs[0].OK() || !errors.Is(rs[0].Err, bulk.ErrAmbiguous) {
				t.Fatalf("ambiguous row: %v %v, row 0 %s %v", statuses(rs), err, rs[0].Status, rs[0].Err)
			}
			if !rs[2].Prune || rs[2].Status != bulk.StatusFailed || !strings.Contains(rs[2].Err.Error(), "prune: not done") || p.writes() != w {
				t.Fatalf("prune of the group: %s %v, %d writes", rs[2].Status, rs[2].Err, p.writes()-w)
			}
			if _, still := p.get("cc2@example.com"); !still {
				t.Error("cc2 deleted by the prune of a group holding ambiguous ids")
			}
			if _, err := bulk.ExportCSV(ctx, twin, &bytes.Buffer{}, "SP", "G1"); !errors.Is(err, bulk.ErrAmbiguous) {
				t.Errorf("export of a group with ambiguous ids: %v", err)
			}
		})
	}
}

// TestUnsettledRowsCancelTheirGroupsPrune: a row the tool reports invalid
// because of its id (a doubled @, a trailing space in data) cancels the
// prune of its group, so the call center it meant is kept.
func TestUnsettledRowsCancelTheirGroupsPrune(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 4)
			w := p.writes()
			doubled := strings.Replace(sheet(4), "cc1@example.com", "cc1@@example.com", 1)
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(doubled), bulk.Prune())
			if err != nil || rs[1].Status != bulk.StatusInvalid || len(rs) != 5 || rs[4].Status != bulk.StatusFailed || !rs[4].Prune || p.writes() != w {
				t.Fatalf("doubled @: %v %v, %d writes", statuses(rs), err, p.writes()-w)
			}
			if _, still := p.get("cc1@example.com"); !still {
				t.Fatal("cc1 deleted although its row (with a typo) names it")
			}

			var data []callcenter.CallCenter
			for i := range 4 {
				data = append(data, callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: fmt.Sprintf("cc%d@example.com", i)})
			}
			data[2].ServiceUserID += " "
			rs, err = bulk.ApplyFromData(ctx, p.client, data, bulk.Prune())
			if err != nil || rs[2].Status != bulk.StatusInvalid || len(rs) != 5 || rs[4].Status != bulk.StatusFailed || p.writes() != w {
				t.Fatalf("trailing space: %v %v, %d writes", statuses(rs), err, p.writes()-w)
			}
			if _, still := p.get("cc2@example.com"); !still {
				t.Fatal("cc2 deleted although its row (with a trailing space) names it")
			}
		})
	}
}

// TestPruneResultsAreNotRows: prune results come after the rows, marked
// Prune; putting a pruned call center back as a new row and resuming
// creates it (it is not "done" because a deletion had its index).
func TestPruneResultsAreNotRows(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 4)
			var out bytes.Buffer
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(3)), bulk.Prune(), bulk.ResultsTo(&out))
			if err != nil || len(rs) != 4 || rs[3].Index != 3 || !rs[3].Prune || rs[3].Status != bulk.StatusDeleted {
				t.Fatalf("prune: %v %v", statuses(rs), err)
			}
			var back bulk.Result
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if err := json.Unmarshal([]byte(lines[3]), &back); err != nil || !back.Prune {
				t.Fatalf("the deletion's JSON %s: prune %v %v", lines[3], back.Prune, err)
			}
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(4)), bulk.Resume(bytes.NewReader(out.Bytes())))
			if err != nil || rs[3].Status != bulk.StatusCreated {
				t.Fatalf("resume with the pruned call center back as row 3: %s %v %v", rs[3].Status, rs[3].Err, err)
			}
			if _, ok := p.get("cc3@example.com"); !ok {
				t.Error("cc3 not created")
			}
		})
	}
}

// TestMaxDeletes: a filtered sheet whose prune would delete more than the
// limit writes nothing at all (not even its modifies and creates); the
// limit raised, it deletes them.
func TestMaxDeletes(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 14)
			w := p.writes()
			// Row 0 changed, row 1 kept, a new row: 12 of 14 left out.
			in := strings.Replace(sheet(2), "cc0@example.com,pw-0,Basic,Circular", "cc0@example.com,,Basic,Uniform", 1) +
				"call.center.create,SP,G1,new@example.com,pw-n,Basic,Circular\n"
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.Prune())
			var tm *bulk.TooManyDeletesError
			if !errors.Is(err, bulk.ErrTooManyDeletes) || !errors.As(err, &tm) || tm.Deletes != 12 || tm.Max != bulk.DefaultMaxDeletes || len(rs) != 0 {
				t.Fatalf("12 deletes by default: %d results, %v", len(rs), err)
			}
			if p.writes() != w || len(storedIDs(t, p)) != 14 {
				t.Fatalf("a refused prune wrote %d times", p.writes()-w)
			}
			if !strings.Contains(err.Error(), "MaxDeletes(12)") || !strings.Contains(err.Error(), "nothing was written") {
				t.Errorf("the error does not say how to allow it: %v", err)
			}
			// A plan is not limited: it shows all 12.
			plan, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.Prune(), bulk.PlanOnly())
			if err != nil || statuses(plan)[bulk.StatusDeleted] != 12 || p.writes() != w {
				t.Fatalf("plan: %v %v", statuses(plan), err)
			}
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.Prune(), bulk.MaxDeletes(12))
			if err != nil || statuses(rs)[bulk.StatusDeleted] != 12 || len(storedIDs(t, p)) != 3 {
				t.Fatalf("MaxDeletes(12): %v %v, %d stored", statuses(rs), err, len(storedIDs(t, p)))
			}
		})
	}
}

// TestPlanThenApplyPlan: a plan written by PlanTo is carried out exactly:
// its creates, modifies and deletes, and nothing it did not show (a call
// center added to the group since is not deleted); rows changed since the
// plan end stale and are not written.
func TestPlanThenApplyPlan(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 5)
			in := strings.Replace(sheet(4), "cc1@example.com,pw-1,Basic,Circular", "cc1@example.com,,Basic,Uniform", 1)
			in = strings.Replace(in, "cc2@example.com,pw-2,Basic,Circular", "cc2@example.com,,Basic,Regular", 1)
			in += "call.center.create,SP,G1,new@example.com,pw-new,Basic,Circular\n" +
				"call.center.create,SP,G1,late@example.com,pw-late,Basic,Circular\n"
			var plan bytes.Buffer
			w := p.writes()
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.Prune(), bulk.PlanOnly(), bulk.PlanTo(&plan))
			if err != nil || p.writes() != w {
				t.Fatalf("plan: %v, %d writes", err, p.writes()-w)
			}
			if got := statuses(rs); got[bulk.StatusModified] != 2 || got[bulk.StatusCreated] != 2 || got[bulk.StatusDeleted] != 1 || got[bulk.StatusUnchanged] != 2 {
				t.Fatalf("plan: %v", got)
			}
			if !strings.Contains(plan.String(), `"password": "pw-new"`) || !strings.Contains(plan.String(), `"fingerprint": "sha256:`) {
				t.Fatalf("the plan lacks the create's password or the fingerprints:\n%s", plan.String())
			}

			// Meanwhile: cc2 changed by someone else, late@ created by
			// someone else, extra@ added to the group.
			other := func(csv string) {
				if _, err := bulk.ApplyFromCSV(ctx, p.other, strings.NewReader(csv)); err != nil {
					t.Fatal(err)
				}
			}
			other("serviceProviderId,groupId,serviceUserId,policy\nSP,G1,cc2@example.com,Simultaneous\n")
			other("serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,policy\nSP,G1,late@example.com,other,Uniform\n" +
				"SP,G1,extra@example.com,other,Uniform\n")

			w = p.writes()
			rs, err = bulk.ApplyPlan(ctx, p.client, bytes.NewReader(plan.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			byID := map[string]bulk.Result{}
			for _, r := range rs {
				byID[r.Data().ServiceUserID] = r
			}
			for id, want := range map[string]bulk.Status{"cc0@example.com": bulk.StatusUnchanged, "cc1@example.com": bulk.StatusModified,
				"cc2@example.com": bulk.StatusStale, "cc3@example.com": bulk.StatusUnchanged, "new@example.com": bulk.StatusCreated,
				"late@example.com": bulk.StatusStale, "cc4@example.com": bulk.StatusDeleted} {
				if got := byID[id]; got.Status != want {
					t.Errorf("%s: %s (%v), want %s", id, got.Status, got.Err, want)
				}
			}
			if r := byID["cc2@example.com"]; r.OK() || !strings.Contains(r.Err.Error(), "plan again") {
				t.Errorf("stale row: OK %v, %v", r.OK(), r.Err)
			}
			if got := p.writes() - w; got != 3 {
				t.Errorf("ApplyPlan wrote %d times, want 3 (modify cc1, create new, delete cc4)", got)
			}
			if cc, _ := p.get("cc2@example.com"); cc.Policy != callcenter.Simultaneous {
				t.Errorf("a stale row was written: cc2 policy %s", cc.Policy)
			}
			if _, ok := p.get("extra@example.com"); !ok {
				t.Error("ApplyPlan deleted a call center its plan did not show")
			}
			if pw := p.password("late@example.com"); pw != "other" {
				t.Errorf("late@ was created again over the other administrator's: password %q", pw)
			}
			// Too many deletes for the limit: nothing written.
			if _, err := bulk.ApplyPlan(ctx, p.client, bytes.NewReader(plan.Bytes()), bulk.MaxDeletes(0)); !errors.Is(err, bulk.ErrTooManyDeletes) {
				t.Errorf("ApplyPlan with MaxDeletes(0) and a delete: %v", err)
			}
		})
	}
}

// TestBackupRestores: BackupTo keeps the before-image of every modify and
// delete; applying the backup (the deleted call centers' passwords filled
// in) makes the group as it was.
func TestBackupRestores(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 5)
			setup := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.alias[0],serviceInstanceProfile.alias[1],queueLength\n" +
				"SP,G1,cc0@example.com,a0@example.com,b0@example.com,5\n"
			if rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(setup)); err != nil || rs[0].Status != bulk.StatusModified {
				t.Fatalf("setup: %v %v", rs[0].Err, err)
			}
			before := map[string]string{}
			for _, id := range storedIDs(t, p) {
				cc, _ := p.get(id)
				before[id] = describe(cc)
			}
			// Change cc0 (a new phone number where none was, one alias
			// less, another policy) and cc1 (an alias where none was),
			// delete cc3 and cc4.
			change := "serviceProviderId,groupId,serviceUserId,policy,serviceInstanceProfile.phoneNumber,serviceInstanceProfile.alias[1]\n" +
				"SP,G1,cc0@example.com,Uniform,5551234,null\nSP,G1,cc1@example.com,,,x1@example.com\nSP,G1,cc2@example.com,,,\n"
			var backup bytes.Buffer
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(change), bulk.Prune(), bulk.BackupTo(&backup))
			if err != nil || statuses(rs)[bulk.StatusModified] != 2 || statuses(rs)[bulk.StatusDeleted] != 2 {
				t.Fatalf("change: %v %v", statuses(rs), err)
			}
			if !slices.ContainsFunc(rs[4].Warnings, func(w string) bool { return strings.Contains(w, "password") }) {
				t.Errorf("a deleted call center's result does not say its password is needed to restore it: %q", rs[4].Warnings)
			}
			if strings.Contains(backup.String(), "pw-") {
				t.Error("the backup holds a password")
			}
			lines := strings.Split(strings.TrimSpace(backup.String()), "\n")
			if len(lines) != 5 {
				t.Fatalf("backup: %d lines\n%s", len(lines), backup.String())
			}
			// Without the passwords, the deleted rows cannot be created.
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(backup.String()))
			if err != nil || rs[2].Status != bulk.StatusInvalid || !strings.Contains(rs[2].Err.Error(), "password") {
				t.Fatalf("restore without passwords: %v %v (%v)", statuses(rs), err, rs[2].Err)
			}
			// Passwords supplied.
			restore := strings.Replace(backup.String(), "serviceProviderId,", "serviceInstanceProfile.password,serviceProviderId,", 1)
			rl := strings.Split(restore, "\n")
			for i := 1; i < len(rl) && rl[i] != ""; i++ {
				pw := ""
				if strings.Contains(rl[i], "cc3@") {
					pw = "pw-3"
				} else if strings.Contains(rl[i], "cc4@") {
					pw = "pw-4"
				}
				rl[i] = pw + "," + rl[i]
			}
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(strings.Join(rl, "\n")))
			if err != nil || !okAll(rs) {
				t.Fatalf("restore: %v %v %v", statuses(rs), err, rs)
			}
			for id, want := range before {
				if cc, ok := p.get(id); !ok || describe(cc) != want {
					t.Errorf("%s after the restore:\n%s\nwant\n%s", id, describe(cc), want)
				}
			}
			if pw := p.password("cc3@example.com"); pw != "pw-3" {
				t.Errorf("cc3 restored with password %q", pw)
			}
		})
	}
}

func okAll(rs []bulk.Result) bool {
	for _, r := range rs {
		if !r.OK() {
			return false
		}
	}
	return true
}

// describe is every field of a stored call center but the password, one
// per line.
func describe(cc callcenter.CallCenter) string {
	var b strings.Builder
	for _, c := range callcenter.Columns() {
		switch c.Field {
		case "serviceProviderId", "groupId", "serviceInstanceProfile.password":
			continue
		}
		fmt.Fprintf(&b, "%s=%s\n", c.Field, cc.Get(c.Field))
	}
	fmt.Fprintf(&b, "aliases=%q\n", cc.Profile.Aliases)
	return b.String()
}

// TestCells: an empty cell keeps, a missing column keeps (aliases by
// position), null clears, and null is refused where the field cannot be
// cleared.
func TestCells(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 2)
			setup := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.alias[0],serviceInstanceProfile.alias[1],serviceInstanceProfile.phoneNumber\n" +
				"SP,G1,cc0@example.com,first@example.com,second@example.com,5550000\n"
			if rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(setup)); err != nil || !rs[0].OK() {
				t.Fatalf("setup: %v %v", rs[0].Err, err)
			}
			// Only the alias[0] column: the second alias stays.
			only0 := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.alias[0]\nSP,G1,cc0@example.com,one@example.com\n"
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(only0))
			if cc, _ := p.get("cc0@example.com"); err != nil || rs[0].Status != bulk.StatusModified || !slices.Equal(cc.Profile.Aliases, []string{"one@example.com", "second@example.com"}) {
				t.Fatalf("alias[0] only: %s %v, stored %q", rs[0].Status, rs[0].Err, cc.Profile.Aliases)
			}
			// Empty cells and missing columns keep; null clears.
			clear := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.alias[0],serviceInstanceProfile.alias[1],serviceInstanceProfile.phoneNumber,policy\n" +
				"SP,G1,cc0@example.com,,NULL,null,\n"
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(clear))
			cc, _ := p.get("cc0@example.com")
			if err != nil || rs[0].Status != bulk.StatusModified || !slices.Equal(cc.Profile.Aliases, []string{"one@example.com"}) || cc.Profile.PhoneNumber != "" || cc.Policy != callcenter.Circular {
				t.Fatalf("null: %s %v, stored aliases %q phone %q policy %s", rs[0].Status, rs[0].Err, cc.Profile.Aliases, cc.Profile.PhoneNumber, cc.Policy)
			}
			// null where the field cannot be cleared.
			w := p.writes()
			for _, bad := range []string{
				"serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name\nSP,G1,cc1@example.com,null\n",
				"serviceProviderId,groupId,serviceUserId,policy\nSP,G1,cc1@example.com,null\n",
				"serviceProviderId,groupId,serviceUserId,queueLength\nSP,G1,cc1@example.com,null\n",
			} {
				rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(bad))
				if err != nil || rs[0].Status != bulk.StatusInvalid || !strings.Contains(rs[0].Err.Error(), "clear") {
					t.Errorf("%q: %s %v", bad, rs[0].Status, rs[0].Err)
				}
			}
			if p.writes() != w {
				t.Errorf("refused nulls wrote %d times", p.writes()-w)
			}
		})
	}
}

// TestPasswordCells: a password cell on an existing call center is not
// sent by default and the result warns; with SetPasswords it is sent and
// the result says so; a plan without SetPasswords shows no change.
func TestPasswordCells(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 1)
			in := strings.Replace(sheet(1), "pw-0", "new-secret", 1)
			w := p.writes()
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.PlanOnly())
			if err != nil || rs[0].Status != bulk.StatusUnchanged || len(rs[0].Warnings) != 1 {
				t.Fatalf("plan: %s %v %q", rs[0].Status, err, rs[0].Warnings)
			}
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in))
			if err != nil || rs[0].Status != bulk.StatusUnchanged || !rs[0].OK() || len(rs[0].Warnings) != 1 || !strings.Contains(rs[0].Warnings[0], "password") || p.writes() != w {
				t.Fatalf("default: %s %v %q, %d writes", rs[0].Status, err, rs[0].Warnings, p.writes()-w)
			}
			if pw := p.password("cc0@example.com"); pw != "pw-0" {
				t.Fatalf("password changed without SetPasswords: %q", pw)
			}
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.SetPasswords())
			if err != nil || rs[0].Status != bulk.StatusModified || len(rs[0].Differences) != 1 || rs[0].Differences[0].Field != "serviceInstanceProfile.password" {
				t.Fatalf("SetPasswords: %s %v %v", rs[0].Status, rs[0].Err, rs[0].Differences)
			}
			if pw := p.password("cc0@example.com"); pw != "new-secret" {
				t.Errorf("password after SetPasswords: %q", pw)
			}
			if b, _ := json.Marshal(rs[0]); strings.Contains(string(b), "new-secret") {
				t.Errorf("the result shows the password: %s", b)
			}
		})
	}
}

// TestLostDeleteSettled: a delete whose answer is lost is settled by a
// lookup: gone is deleted; still there is failed (safe to retry). Either
// way the result says where the call center is.
func TestLostDeleteSettled(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			seed(t, p, 3)
			for _, after := range []bool{true, false} {
				id := fmt.Sprintf("cc%d@example.com", len(storedIDs(t, p))-1)
				p.dropDelete(after)
				n := len(storedIDs(t, p)) - 1
				rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(n)), bulk.Prune(), bulk.SettleDelays())
				if err != nil || len(rs) != n+1 {
					t.Fatalf("after %v: %v %v", after, statuses(rs), err)
				}
				r := rs[n]
				_, still := p.get(id)
				switch {
				case r.Status == bulk.StatusDeleted && !still && r.OK():
				case r.Status == bulk.StatusFailed && still && strings.Contains(r.Err.Error(), "retried"):
				default:
					t.Errorf("drop after handling %v: %s %v, stored %v", after, r.Status, r.Err, still)
				}
				if after && r.Status != bulk.StatusDeleted {
					t.Errorf("a delete carried out but unanswered: %s %v", r.Status, r.Err)
				}
				if still {
					rs, _ = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(n)), bulk.Prune())
					if _, still := p.get(id); still || rs[n].Status != bulk.StatusDeleted {
						t.Errorf("retry: %s %v", rs[n].Status, rs[n].Err)
					}
				}
			}
		})
	}
}

// raceOps creates the row's call center through another client just
// before its own create goes out: another administrator, between apply's
// lookup and its add.
type raceOps struct {
	applyOps
	other bulk.Target
}

func (o raceOps) BulkOps() platform.Ops { return o }

func (o raceOps) SendCreate(ctx context.Context, cmd any) (string, error) {
	if _, err := bulk.CreateFromCSV(ctx, o.other, strings.NewReader(sheet(1))); err != nil {
		return "", err
	}
	return o.applyOps.SendCreate(ctx, cmd)
}

// TestCreatedMeanwhileIsReportedWhereItIs: a call center created by
// someone else between apply's lookup and its add is reported as stored
// in the row's group (compared with the row), not as "another group" from
// a list read earlier in the run.
func TestCreatedMeanwhileIsReportedWhereItIs(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			race := raceOps{applier(p.client), p.other}
			// The run lists G1 (empty) and looks cc0 up (absent); the other
			// administrator creates it; the run's add is refused.
			rs, err := bulk.ApplyFromCSV(ctx, race, strings.NewReader(sheet(1)))
			if err != nil {
				t.Fatal(err)
			}
			if r := rs[0]; r.Status != bulk.StatusExists || !r.OK() || strings.Contains(fmt.Sprint(r.Err), "another group") {
				t.Errorf("created meanwhile: %s OK %v %v", r.Status, r.OK(), r.Err)
			}
		})
	}
}

// TestCaseVariantInAnotherGroupNotTouched: on a platform that, unlike
// BroadWorks, holds ids differing only in case as two call centers (case@
// in G1, CASE@ in G2), a G1 row naming CASE@ is G1's call center: the one
// its group lists. G2's is never modified through it.
func TestCaseVariantInAnotherGroupNotTouched(t *testing.T) {
	ctx := context.Background()
	m := newExactMem()
	m.put(callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: "case@example.com", Type: callcenter.Basic, Policy: callcenter.Circular})
	m.put(callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G2", ServiceUserID: "CASE@example.com", Type: callcenter.Basic, Policy: callcenter.Circular})
	in := "serviceProviderId,groupId,serviceUserId,policy\nSP,G1,CASE@example.com,Uniform\n"
	rs, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(in))
	if err != nil || rs[0].Status != bulk.StatusModified {
		t.Fatalf("%s %v %v", rs[0].Status, rs[0].Err, err)
	}
	if g1, g2 := m.exact["case@example.com"], m.exact["CASE@example.com"]; g1.Policy != callcenter.Uniform || g2.Policy != callcenter.Circular {
		t.Errorf("G1's policy %s (want Uniform), G2's %s (want Circular: the row names G1)", g1.Policy, g2.Policy)
	}
}

// exactMem is an in-memory Target that applies, whose ids are case-sensitive.
type exactMem struct {
	mu    sync.Mutex
	exact map[string]callcenter.CallCenter
}

func newExactMem() *exactMem { return &exactMem{exact: map[string]callcenter.CallCenter{}} }

func (m *exactMem) put(cc callcenter.CallCenter) {
	cc.ApplyDefaults()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.exact[cc.ServiceUserID] = cc
}

func (m *exactMem) BulkOps() platform.Ops { return m }

func (m *exactMem) BuildCreate(cc callcenter.CallCenter) (any, error) { return cc, nil }

func (m *exactMem) SendCreate(ctx context.Context, cmd any) (string, error) {
	cc := cmd.(callcenter.CallCenter)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.exact[cc.ServiceUserID]; ok {
		return "", fmt.Errorf("exists: %w", bulk.ErrAlreadyExists)
	}
	m.exact[cc.ServiceUserID] = cc
	return "ok", nil
}

func (m *exactMem) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	got, ok := m.exact[cc.ServiceUserID]
	if !ok {
		return nil, false, nil
	}
	got = got.Clone()
	return &got, true, nil
}

func (m *exactMem) ListCallCenters(ctx context.Context, sp, group string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		m.mu.Lock()
		var ids []string
		for id, cc := range m.exact {
			if cc.ServiceProviderID == sp && cc.GroupID == group {
				ids = append(ids, id)
			}
		}
		m.mu.Unlock()
		slices.Sort(ids)
		for _, id := range ids {
			if !yield(id, nil) {
				return
			}
		}
	}
}

func (m *exactMem) BuildModify(want callcenter.CallCenter, fields []string) (any, error) {
	return &modCmd{CC: want, Fields: fields}, nil
}

func (m *exactMem) SendModify(ctx context.Context, cmd any) (string, error) {
	mc := cmd.(*modCmd)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.exact[mc.CC.ServiceUserID] = mc.CC
	return "ok", nil
}

func (m *exactMem) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.exact, cc.ServiceUserID)
	return "ok", nil
}

// TestApplyPlanKeepsSheetLines: a plan keeps the sheet line of each row,
// so that carrying it out reports the rows by their lines as the plan did;
// its deletions have none.
func TestApplyPlanKeepsSheetLines(t *testing.T) {
	ctx := context.Background()
	p := platforms(t)[0]
	seed(t, p, 4)
	var plan bytes.Buffer
	if _, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(2)), bulk.Prune(), bulk.PlanOnly(), bulk.PlanTo(&plan)); err != nil {
		t.Fatal(err)
	}
	rs, err := bulk.ApplyPlan(ctx, p.client, &plan)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, fmt.Sprintf("%d:%s", r.Line, r.Status))
	}
	if want := "2:unchanged 3:unchanged 0:deleted 0:deleted"; strings.Join(got, " ") != want {
		t.Errorf("lines %q, want %s", got, want)
	}
}
