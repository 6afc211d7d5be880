package apio

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/modeltest"
)

// The tests below walk every column of the model (callcenter.Columns)
// through APIO's mappings: the create request, the update request (set and
// clear) and the call center read back. A column added to the model
// without its APIO mapping fails them, naming the column.

// createRequest is what a create sends for cc: its path (tenant and group)
// and its JSON body.
func createRequest(t *testing.T, cc callcenter.CallCenter) []byte {
	t.Helper()
	path, err := groupPath(subjectCreate, cc.ServiceProviderID, cc.GroupID)
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal((&CreateCallCenterRequest{CallCenter: cc}).body(true))
	if err != nil {
		t.Fatal(err)
	}
	return append([]byte(path+" "), body...)
}

// TestCreateCoversEveryColumn: two call centers that differ in one column
// give two different create requests, and reading each back (APIO answers
// with the instance it made) gives the column's value back.
func TestCreateCoversEveryColumn(t *testing.T) {
	for _, col := range callcenter.Columns() {
		a, b, ok := modeltest.Pair(modeltest.Full(), col.Field)
		if !ok {
			t.Fatalf("no second value for column %s", col.Field)
		}
		wa, wb := createRequest(t, a), createRequest(t, b)
		if bytes.Equal(wa, wb) {
			t.Errorf("apio create: column %s does not reach the request", col.Field)
			continue
		}
		if col.Field == "serviceInstanceProfile.password" {
			continue // never read back
		}
		for _, cc := range []callcenter.CallCenter{a, b} {
			body, err := json.Marshal((&CreateCallCenterRequest{CallCenter: cc}).body(true))
			if err != nil {
				t.Fatal(err)
			}
			in, err := decodeInstance(body, cc.ServiceProviderID, cc.GroupID)
			if err != nil || in == nil {
				t.Fatalf("%v: %s", err, body)
			}
			got := in.CallCenter()
			if g, want := got.Get(col.Field), cc.Get(col.Field); g != want {
				t.Errorf("apio get: column %s reads back as %q, want %q", col.Field, g, want)
			}
		}
	}
}

// TestUpdateCoversEveryColumn: an update of one column (the bulk seam's
// BuildModify) carries its value, and clearing it sends null or is refused
// because APIO cannot clear it; the identity columns are refused.
func TestUpdateCoversEveryColumn(t *testing.T) {
	update := func(want callcenter.CallCenter, f string) ([]byte, []string, error) {
		req, err := buildModify(want, []string{f})
		if err != nil {
			return nil, nil, err
		}
		if err := req.Validate(); err != nil {
			return nil, nil, err
		}
		body, err := json.Marshal(req.body(true))
		if err != nil {
			t.Fatal(err)
		}
		return body, req.Clear, nil
	}
	for _, col := range callcenter.Columns() {
		f := col.Field
		a, b, ok := modeltest.Pair(modeltest.Full(), f)
		if !ok {
			t.Fatalf("no second value for column %s", f)
		}
		wa, _, errA := update(a, f)
		wb, _, errB := update(b, f)
		var ve *ValidationError
		if f == "serviceProviderId" || f == "groupId" || f == "serviceUserId" {
			if !errors.As(errA, &ve) || !ve.Has(f) {
				t.Errorf("apio update: changing %s: %v, want a refusal", f, errA)
			}
			continue
		}
		if errA != nil || errB != nil {
			t.Errorf("apio update of %s: %v, %v", f, errA, errB)
			continue
		}
		if bytes.Equal(wa, wb) {
			t.Errorf("apio update: column %s does not reach the request", f)
		}
		u := a.Clone()
		if err := u.Unset(f); err != nil {
			t.Fatal(err)
		}
		body, clear, err := update(u, f)
		switch {
		case err == nil && f == "serviceInstanceProfile.department.level":
			// An unset level is the group's: the department is sent whole.
			if !bytes.Contains(body, []byte(`"groupId":"SalesGroup"`)) {
				t.Errorf("apio update: clearing %s sends %s", f, body)
			}
		case err == nil:
			if len(clear) == 0 || !bytes.Contains(body, []byte(":null")) {
				t.Errorf("apio update: clearing %s sends %s (clear %q)", f, body, clear)
			}
		case errors.As(err, &ve) && ve.Has(f) && strings.Contains(err.Error(), "cannot be cleared"):
		default:
			t.Errorf("apio update: clearing %s: %v", f, err)
		}
	}
	// Every field APIO can clear is a column of the model (or the alias
	// list, or the department as a whole).
	for f := range clearable {
		if !callcenter.IsField(f) && !slices.Contains([]string{"serviceInstanceProfile.alias", "serviceInstanceProfile.department"}, f) {
			t.Errorf("apio: clearable field %s is no column of the model", f)
		}
	}
}
