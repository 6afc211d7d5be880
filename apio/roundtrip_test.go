package apio_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// TestBulkExportApplyRoundTrip: a group exported as a sheet and applied
// unchanged sends no write; one changed cell is one update; applying
// twice is idempotent.
func TestBulkExportApplyRoundTrip(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	a := premium("rt-a@sip.example.com")
	a.Profile.Department = callcenter.Department{Name: "Dept-One"}
	b := premium("rt-b@sip.example.com")
	b.Type, b.RoutingType, b.ForceDeliveryOfCalls, b.ForceDeliveryWaitTimeSeconds = callcenter.Standard, "", nil, nil
	for _, cc := range []callcenter.CallCenter{a, b} {
		if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc}); err != nil {
			t.Fatal(err)
		}
	}
	var sheet bytes.Buffer
	n, err := bulk.ExportCSV(ctx, c, &sheet, "Sp One", "Grp/1")
	if err != nil || n != 2 {
		t.Fatalf("export: %d rows, %v", n, err)
	}
	if !strings.Contains(sheet.String(), "serviceInstanceProfile.department.name") || strings.Contains(sheet.String(), ccPassword) {
		t.Errorf("sheet:\n%s", sheet.String())
	}
	writes := func() int { st := srv.Stats(); return st.Creates + st.Updates + st.Deletes }
	before := writes()
	res, err := bulk.ApplyFromCSV(ctx, c, bytes.NewReader(sheet.Bytes()))
	if err != nil || len(res) != 2 {
		t.Fatalf("apply: %d results, %v", len(res), err)
	}
	for _, r := range res {
		if r.Status != bulk.StatusUnchanged {
			t.Errorf("row %d: %s (%v), want unchanged", r.Index, r.Status, r.Err)
		}
	}
	if w := writes() - before; w != 0 {
		t.Errorf("applying the export unchanged sent %d writes", w)
	}

	// One cell changed: one update.
	edited := strings.Replace(sheet.String(), "Dept-One", "Dept-Two", 1)
	res, err = bulk.ApplyFromCSV(ctx, c, strings.NewReader(edited))
	if err != nil || len(res) != 2 {
		t.Fatalf("apply edited: %d results, %v", len(res), err)
	}
	if st := srv.Stats(); st.Updates != 1 || writes()-before != 1 {
		t.Errorf("after one edited cell: %+v", st)
	}
	if d := srv.CallCenters()[0].Department; d == nil || d.Name != "Dept-Two" {
		t.Errorf("department after apply = %+v", d)
	}
	res, err = bulk.ApplyFromCSV(ctx, c, strings.NewReader(edited))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != bulk.StatusUnchanged {
			t.Errorf("second apply, row %d: %s (%v)", r.Index, r.Status, r.Err)
		}
	}
}
