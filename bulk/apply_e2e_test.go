package bulk_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/platform"
)

// applyPlatform is a real client against its fake, for the apply tests.
type applyPlatform interface {
	bulk.Target
}

type fakePlatform struct {
	name   string
	client applyPlatform
	writes func() int // creates + modifies + deletes the fake carried out
	get    func(id string) (callcenter.CallCenter, bool)
	// password is the password the fake stores for id ("" when none).
	password func(id string) string
	// dropDelete makes the fake drop the connection of the next delete,
	// after carrying it out when after is set.
	dropDelete func(after bool)
	// other is a second client of the same fake: another administrator.
	other applyPlatform
}

func platforms(t *testing.T) []fakePlatform {
	bw := broadworkstest.NewServer()
	t.Cleanup(bw.Close)
	bwc := must(broadworks.NewClient(bw.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(bw.ClientTLSConfig()), broadworks.WithSessions(4)))
	t.Cleanup(func() { bwc.Close() })
	ap := apiotest.NewServer()
	t.Cleanup(ap.Close)
	apc := must(apio.NewClient(ap.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword)))
	t.Cleanup(func() { apc.Close() })
	lookup := func(ops platform.Ops) func(string) (callcenter.CallCenter, bool) {
		return func(id string) (callcenter.CallCenter, bool) {
			cc, found, err := ops.LookupCallCenter(context.Background(), callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: id})
			if err != nil || !found {
				return callcenter.CallCenter{}, false
			}
			return *cc, true
		}
	}
	bwo := must(broadworks.NewClient(bw.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTLSConfig(bw.ClientTLSConfig())))
	t.Cleanup(func() { bwo.Close() })
	apo := must(apio.NewClient(ap.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword)))
	t.Cleanup(func() { apo.Close() })
	return []fakePlatform{
		{name: "broadworks", client: bwc, other: bwo, get: lookup(bwc.BulkOps()), writes: func() int {
			st := bw.Stats()
			return st.Adds + st.Modifies + st.Deletes
		}, password: func(id string) string {
			cc, _ := bw.CallCenter(id)
			return string(cc.Profile.Password)
		}, dropDelete: func(after bool) {
			bw.Inject(fault.Fault{Path: "GroupCallCenterDeleteInstanceRequest", Drop: true, AfterHandling: after})
		}},
		{name: "apio", client: apc, other: apo, get: lookup(apc.BulkOps()), writes: func() int {
			st := ap.Stats()
			return st.Creates + st.Updates + st.Deletes
		}, password: func(id string) string {
			for _, cc := range ap.CallCenters() {
				if callcenter.SameUserID(cc.ServiceUserID, id) {
					return cc.Password
				}
			}
			return ""
		}, dropDelete: func(after bool) {
			ap.Inject(fault.Fault{Method: "DELETE", Path: "/call_centers/", Drop: true, AfterHandling: after})
		}},
	}
}

// TestApplyAgainstFakes holds both real clients to apply's promises: applying
// twice writes nothing the second time; a two-cell change is one modify
// naming both fields; a plan writes nothing; prune deletes only with the
// option; an export applied unchanged is a no-op.
func TestApplyAgainstFakes(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			if _, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(4))); err != nil {
				t.Fatal(err)
			}
			w := p.writes()
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(4)))
			if err != nil || statuses(rs)[bulk.StatusUnchanged] != 4 || p.writes() != w {
				t.Fatalf("second apply: %v %v, %d writes", statuses(rs), err, p.writes()-w)
			}

			edited := strings.ReplaceAll(sheet(4), "\n", ",\n")
			edited = strings.Replace(edited, "policy,\n", "policy,queueLength\n", 1)
			edited = strings.Replace(edited, "cc1@example.com,pw-1,Basic,Circular,", "cc1@example.com,,Basic,Uniform,9", 1)
			plan, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(edited), bulk.PlanOnly(), bulk.Prune())
			if err != nil || p.writes() != w {
				t.Fatalf("plan: %v, %d writes", err, p.writes()-w)
			}
			if plan[1].Status != bulk.StatusModified || !plan[1].Planned {
				t.Fatalf("plan row 1: %s %v", plan[1].Status, plan[1].Err)
			}
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(edited))
			if err != nil || statuses(rs)[bulk.StatusUnchanged] != 3 {
				t.Fatalf("apply: %v %v", statuses(rs), err)
			}
			var fields []string
			for _, d := range rs[1].Differences {
				fields = append(fields, d.Field)
			}
			if rs[1].Status != bulk.StatusModified || !slices.Equal(fields, []string{"policy", "queueLength"}) || p.writes() != w+1 {
				t.Fatalf("two-cell change: %s %v fields %v, %d writes", rs[1].Status, rs[1].Err, fields, p.writes()-w)
			}
			if got, _ := p.get("cc1@example.com"); got.Policy != callcenter.Uniform || got.QueueLength == nil || *got.QueueLength != 9 {
				t.Errorf("stored after the modify: %s %v", got.Policy, got.QueueLength)
			}

			shorter := strings.Join(strings.Split(edited, "\n")[:4], "\n") + "\n" // cc3 no longer listed
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(shorter))
			if _, still := p.get("cc3@example.com"); err != nil || len(rs) != 3 || !still {
				t.Fatalf("without Prune: %d results, %v, cc3 stored %v", len(rs), err, still)
			}
			// A row that does not say which call center it is stops the
			// prune: what the sheet lists is not known.
			broken := shorter + "SP,G1\n"
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(broken), bulk.Prune())
			if _, still := p.get("cc3@example.com"); err != nil || len(rs) != 5 || rs[4].Status != bulk.StatusFailed || !still {
				t.Fatalf("Prune with an unreadable row: %v %v, cc3 stored %v", statuses(rs), err, still)
			}
			rs, err = bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(shorter), bulk.Prune())
			if _, still := p.get("cc3@example.com"); err != nil || len(rs) != 4 || rs[3].Status != bulk.StatusDeleted || still || statuses(rs)[bulk.StatusUnchanged] != 3 {
				t.Fatalf("Prune: %v %v, cc3 stored %v", statuses(rs), err, still)
			}

			var sheetOut bytes.Buffer
			n, err := bulk.ExportCSV(ctx, p.client, &sheetOut, "SP", "G1")
			if err != nil || n != 3 {
				t.Fatalf("export: %d, %v", n, err)
			}
			w = p.writes()
			rs, err = bulk.ApplyFromCSV(ctx, p.client, &sheetOut)
			if err != nil || statuses(rs)[bulk.StatusUnchanged] != 3 || p.writes() != w {
				t.Fatalf("apply of the export: %v %v (%v), %d writes", statuses(rs), err, rs[0].Err, p.writes()-w)
			}
		})
	}
}

// A sheet row whose group cell differs from where its call center lives
// neither modifies that call center nor lets Prune delete it (OCI-P looks
// call centers up by service user id alone).
func TestApplyWrongGroupCell(t *testing.T) {
	ctx := context.Background()
	for _, p := range platforms(t) {
		t.Run(p.name, func(t *testing.T) {
			if _, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(sheet(2))); err != nil {
				t.Fatal(err)
			}
			w := p.writes()
			wrong := strings.Replace(sheet(2), "SP,G1,cc1@example.com,pw-1,Basic,Circular", "SP,G2,cc1@example.com,,Basic,Uniform", 1)
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(wrong), bulk.Prune())
			if err != nil {
				t.Fatal(err)
			}
			if _, still := p.get("cc1@example.com"); !still || p.writes() != w {
				t.Fatalf("a wrong group cell: %v, cc1 stored %v, %d writes", statuses(rs), still, p.writes()-w)
			}
			if rs[1].OK() || rs[1].Status == bulk.StatusModified {
				t.Errorf("row 1 with a wrong group: %s %v", rs[1].Status, rs[1].Err)
			}
			if got, _ := p.get("cc1@example.com"); got.Policy != callcenter.Circular {
				t.Errorf("cc1 modified through a wrong group cell: %s", got.Policy)
			}
		})
	}
}

func TestApplyDryRunBuildsAndRefusesPrune(t *testing.T) {
	ctx := context.Background()
	p := platforms(t)[0]
	in := strings.Replace(sheet(2), "pw-1", "", 1) // may exist: a password is not required
	rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.DryRun())
	if err != nil || rs[1].Status != bulk.StatusValidated || rs[1].Command() == nil || p.writes() != 0 {
		t.Fatalf("apply dry run: %v %v, command %v", statuses(rs), err, rs[1].Command())
	}
	if _, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.DryRun(), bulk.Prune()); err == nil || !strings.Contains(err.Error(), "PlanOnly") {
		t.Fatalf("DryRun with Prune: err = %v", err)
	}
}

// A create whose id is taken in another group is not reported as stored.
func TestCreateIDTakenInAnotherGroup(t *testing.T) {
	ctx := context.Background()
	p := platforms(t)[0] // OCI-P: ids are unique across groups
	if _, err := bulk.CreateFromCSV(ctx, p.client, strings.NewReader(sheet(1))); err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(sheet(1), "SP,G1,", "SP,G2,", 1)
	rs, err := bulk.CreateFromCSV(ctx, p.client, strings.NewReader(other))
	if err != nil || rs[0].OK() || rs[0].Status != bulk.StatusExists || !strings.Contains(rs[0].Err.Error(), "another group") {
		t.Fatalf("create in G2 of an id of G1: %s %v", rs[0].Status, rs[0].Err)
	}
}
