package apio_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// bodyOf returns the JSON body of a request built by the bulk seam (its
// MarshalJSON is the wire body with the password redacted), decoded.
func bodyOf(t *testing.T, cmd any) map[string]any {
	t.Helper()
	b, err := json.Marshal(cmd)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return m
}

// keys returns the sorted keys of the body and of its profile ("p.key").
func keys(m map[string]any) []string {
	var out []string
	for k, v := range m {
		if p, ok := v.(map[string]any); ok && k == "serviceInstanceProfile" {
			for pk := range p {
				out = append(out, "p."+pk)
			}
			continue
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestBulkModifyChangedFieldsOnly: a two-field change (and a department
// set, then cleared) is one update carrying exactly those fields; after it
// the stored call center matches the wanted one (Diff is empty).
func TestBulkModifyChangedFieldsOnly(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	ops := applier(c)
	cc := premium("modify@sip.example.com")
	if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc}); err != nil {
		t.Fatal(err)
	}
	stored, found, err := ops.LookupCallCenter(ctx, cc)
	if err != nil || !found {
		t.Fatalf("lookup = %v, %v", found, err)
	}

	// Two cells change, and the call center moves into a department.
	want := stored.Clone()
	want.QueueLength = new(12)
	want.Profile.Language = "French"
	want.Profile.Department = callcenter.Department{Name: "Support", Level: callcenter.EnterpriseDepartment}
	var fields []string
	for _, d := range callcenter.Diff(want, *stored) {
		fields = append(fields, d.Field)
	}
	if !reflect.DeepEqual(fields, []string{"serviceInstanceProfile.language", "serviceInstanceProfile.department.name", "serviceInstanceProfile.department.level", "queueLength"}) {
		t.Fatalf("Diff fields = %q", fields)
	}
	cmd, err := ops.BuildModify(want, fields)
	if err != nil {
		t.Fatal(err)
	}
	body := bodyOf(t, cmd)
	if got := keys(body); !reflect.DeepEqual(got, []string{"p.department", "p.language", "queueLength"}) {
		t.Errorf("update body carries %q, want exactly the changed fields: %v", got, body)
	}
	if d := body["serviceInstanceProfile"].(map[string]any)["department"]; !reflect.DeepEqual(d, map[string]any{"tenantId": "Sp One", "departmentName": "Support"}) {
		t.Errorf("department key = %v, want an enterprise key of the tenant", d)
	}
	updatesBefore := srv.Stats().Updates
	if _, err := ops.SendModify(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	if n := srv.Stats().Updates - updatesBefore; n != 1 {
		t.Errorf("%d updates sent, want one", n)
	}
	got, _, err := ops.LookupCallCenter(ctx, cc)
	if err != nil {
		t.Fatal(err)
	}
	if d := callcenter.Diff(want, *got); d != nil {
		t.Errorf("after the modify, Diff = %v", d)
	}
	if d := srv.CallCenters()[0].Department; d == nil || *d != (apiotest.Department{TenantID: "Sp One", Name: "Support"}) {
		t.Errorf("stored department = %+v", d)
	}

	// The department and wrapUpSeconds cleared: nulls on the wire, gone
	// from the fake.
	clear := got.Clone()
	clear.Profile.Department = callcenter.Department{}
	clear.WrapUpSeconds = nil
	cmd, err = ops.BuildModify(clear, []string{"serviceInstanceProfile.department.name", "wrapUpSeconds"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(cmd)
	if string(b) != `{"serviceInstanceProfile":{"department":null},"wrapUpSeconds":null}` {
		t.Errorf("clearing body = %s", b)
	}
	if _, err := ops.SendModify(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	after, _, err := ops.LookupCallCenter(ctx, cc)
	if err != nil {
		t.Fatal(err)
	}
	if after.Profile.Department != (callcenter.Department{}) || after.WrapUpSeconds != nil || srv.CallCenters()[0].Department != nil {
		t.Errorf("after clearing: department %+v, wrapUpSeconds %v, stored %+v", after.Profile.Department, after.WrapUpSeconds, srv.CallCenters()[0].Department)
	}
	if after.QueueLength == nil || *after.QueueLength != 12 || after.Profile.Language != "French" {
		t.Errorf("clearing changed other fields: %+v", after)
	}

	// A password change carries the password (in clear on the wire only).
	pw := after.Clone()
	pw.Profile.Password = "Changed-Pa55word-2"
	cmd, err = ops.BuildModify(pw, []string{"serviceInstanceProfile.password"})
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(bodyOf(t, cmd)); !reflect.DeepEqual(got, []string{"p.password"}) {
		t.Errorf("password change carries %q", got)
	}
	if b, _ := json.Marshal(cmd); strings.Contains(string(b), "Changed-Pa55word-2") {
		t.Errorf("the command's JSON shows the password: %s", b)
	}
	if _, err := ops.SendModify(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	if p := srv.CallCenters()[0].Password; p != "Changed-Pa55word-2" {
		t.Errorf("stored password = %q", p)
	}
}

// TestBulkModifyRefusals: BuildModify refuses, before any I/O, what an
// update cannot do.
func TestBulkModifyRefusals(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ops := applier(c)
	want := premium("refuse@sip.example.com")
	want.EnableVideo = nil
	for _, tc := range []struct{ field, msg string }{
		{"serviceUserId", "cannot change"},
		{"groupId", "cannot change"},
		{"enableVideo", "cannot be cleared"},
		{"serviceInstanceProfile.name", ""}, // set: fine
		{"noSuchColumn", "unknown field"},
	} {
		if tc.field == "serviceInstanceProfile.name" {
			if _, err := ops.BuildModify(want, []string{tc.field}); err != nil {
				t.Errorf("%s: %v", tc.field, err)
			}
			continue
		}
		_, err := ops.BuildModify(want, []string{tc.field})
		var ve *apio.ValidationError
		if !errors.As(err, &ve) || !ve.Has(tc.field) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("BuildModify(%s) = %v, want a ValidationError saying %q", tc.field, err, tc.msg)
		}
	}
	noPw := want.Clone()
	noPw.Profile.Password = ""
	if _, err := ops.BuildModify(noPw, []string{"serviceInstanceProfile.password"}); err == nil {
		t.Error("clearing the password was accepted")
	}
	if _, err := ops.SendModify(context.Background(), "not a command"); err == nil || !strings.Contains(err.Error(), "string") {
		t.Errorf("SendModify(string) = %v", err)
	}
	if n := srv.FaultStats().Requests; n != 0 {
		t.Errorf("refusals sent %d requests", n)
	}
}

// TestBulkListAndDelete: the export/apply listing yields the service user
// ids of a group, lazily (a break stops it), and DeleteCallCenter deletes.
func TestBulkListAndDelete(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	ids := []string{"a@sip.example.com", "b@sip.example.com", "c@sip.example.com"}
	for _, id := range ids {
		if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: premium(id)}); err != nil {
			t.Fatal(err)
		}
	}
	other := premium("other@sip.example.com")
	other.GroupID = "Other"
	if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: other}); err != nil {
		t.Fatal(err)
	}
	got, err := collect(c.BulkOps().(platform.Lister).ListCallCenters(ctx, "Sp One", "Grp/1"))
	if err != nil || !reflect.DeepEqual(got, ids) {
		t.Fatalf("ids = %q, %v", got, err)
	}
	n := 0
	for range c.BulkOps().(platform.Lister).ListCallCenters(ctx, "Sp One", "Grp/1") {
		n++
		break
	}
	if n != 1 {
		t.Errorf("break after %d ids", n)
	}
	if _, err := collect(c.BulkOps().(platform.Lister).ListCallCenters(ctx, "", "Grp/1")); err == nil {
		t.Error("listing without a tenant gave no error")
	}

	ops := applier(c)
	if _, err := ops.DeleteCallCenter(ctx, premium("b@sip.example.com")); err != nil {
		t.Fatal(err)
	}
	if _, err := ops.DeleteCallCenter(ctx, premium("b@sip.example.com")); !errors.Is(err, apio.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if got, _ := collect(ops.ListCallCenters(ctx, "Sp One", "Grp/1")); !reflect.DeepEqual(got, []string{"a@sip.example.com", "c@sip.example.com"}) {
		t.Errorf("after delete: %q", got)
	}
	if st := srv.Stats(); st.Deletes != 1 {
		t.Errorf("deletes = %d", st.Deletes)
	}
}

// TestBulkDuplicateIsExists: a second bulk create of the same sheet reports
// every row "exists", not "failed", whether APIO refuses the duplicate with
// 409 or, as some versions do, with 400.
func TestBulkDuplicateIsExists(t *testing.T) {
	for _, status := range []int{http.StatusConflict, http.StatusBadRequest} {
		c, srv := fakeClient(t, []apiotest.Option{apiotest.WithDuplicateStatus(status)})
		data := []callcenter.CallCenter{premium("dup-a@sip.example.com"), premium("dup-b@sip.example.com")}
		if res, err := bulk.CreateFromData(context.Background(), c, data); err != nil || len(res) != 2 || !res[0].Success || !res[1].Success {
			t.Fatalf("first run: %+v, %v", res, err)
		}
		res, err := bulk.CreateFromData(context.Background(), c, data)
		if err != nil || len(res) != 2 {
			t.Fatalf("second run: %d results, %v", len(res), err)
		}
		for _, r := range res {
			if r.Status != bulk.StatusExists {
				t.Errorf("duplicate answered %d: row %d is %s (%v), want exists", status, r.Index, r.Status, r.Err)
			}
		}
		if st := srv.Stats(); st.Creates != 2 {
			t.Errorf("creates = %d", st.Creates)
		}
	}
}

// applier returns the client's bulk operations with the optional methods
// of an apply.
func applier(c *apio.Client) interface {
	platform.Ops
	platform.Applier
} {
	return c.BulkOps().(interface {
		platform.Ops
		platform.Applier
	})
}
