package ocip

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/modeltest"
)

// The tests below walk every column of the model (callcenter.Columns)
// through each mapping of this package: the add request, the get answer,
// and the modify request (set and clear). A column added to the model
// without its mapping here fails them, naming the column.

// identityColumns name the call center: a modify cannot change them, and a
// get answer does not carry them.
var identityColumns = map[string]bool{"serviceProviderId": true, "groupId": true, "serviceUserId": true}

func mustWire(t *testing.T, c Command, err error) []byte {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	b, err := AppendCommand(nil, c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAddCoversEveryColumn: two call centers that differ in one column
// give two different add requests, and reading each back through a get
// answer gives the column's value back (the get mapping).
func TestAddCoversEveryColumn(t *testing.T) {
	for _, col := range callcenter.Columns() {
		a, b, ok := modeltest.Pair(modeltest.Full(), col.Field)
		if !ok {
			t.Fatalf("no second value for column %s", col.Field)
		}
		ra, err := NewAddRequest(a)
		wa := mustWire(t, ra, err)
		rb, err := NewAddRequest(b)
		wb := mustWire(t, rb, err)
		if bytes.Equal(wa, wb) {
			t.Errorf("broadworks add: column %s does not reach GroupCallCenterAddInstanceRequest22", col.Field)
			continue
		}
		if identityColumns[col.Field] || col.Field == "serviceInstanceProfile.password" {
			continue // a get answer holds neither
		}
		for _, w := range []struct {
			cc   callcenter.CallCenter
			wire []byte
		}{{a, wa}, {b, wb}} {
			got := readBack(t, w.wire)
			if g, want := got.Get(col.Field), w.cc.Get(col.Field); g != want {
				t.Errorf("broadworks get: column %s reads back as %q, want %q: GroupCallCenterGetInstanceResponse22 does not map it", col.Field, g, want)
			}
		}
	}
}

var addIdentity = regexp.MustCompile(`^(<command [^>]*>)<serviceProviderId>[^<]*</serviceProviderId><groupId>[^<]*</groupId><serviceUserId>[^<]*</serviceUserId>`)

// readBack turns an add request's element into the get answer a server
// gives for it (the same elements, less the identity and the password)
// and decodes it into the model.
func readBack(t *testing.T, add []byte) callcenter.CallCenter {
	t.Helper()
	s := strings.Replace(string(add), `xsi:type="GroupCallCenterAddInstanceRequest22"`, `xsi:type="GroupCallCenterGetInstanceResponse22"`, 1)
	s = addIdentity.ReplaceAllString(s, "$1")
	s = regexp.MustCompile(`<password>[^<]*</password>`).ReplaceAllString(s, "")
	_, resps, err := DecodeDocument(responseDoc([]byte(s), "UTF-8"))
	if err != nil || len(resps) != 1 {
		t.Fatalf("%v: %s", err, s)
	}
	return resps[0].(*GroupCallCenterGetInstanceResponse22).CallCenter()
}

// TestModifyCoversEveryColumn: every column is in the modify table; a
// modify of one column carries its value (NewModifyFieldsRequest and
// NewModifyRequest), and clearing it either sends xsi:nil or is refused
// because R25 cannot clear it.
func TestModifyCoversEveryColumn(t *testing.T) {
	inModel := map[string]bool{ClearAliases: true}
	for _, col := range callcenter.Columns() {
		inModel[col.Field] = true
		if modifyColumnOf[col.Field] == nil {
			t.Errorf("broadworks modify: column %s has no entry in modifyColumns", col.Field)
		}
	}
	for _, col := range modifyColumns {
		if !inModel[col.field] {
			t.Errorf("broadworks modify: modifyColumns maps %s, which is no column of the model", col.field)
		}
	}
	for _, col := range callcenter.Columns() {
		f := col.Field
		a, b, ok := modeltest.Pair(modeltest.Full(), f)
		if !ok {
			t.Fatalf("no second value for column %s", f)
		}
		if identityColumns[f] {
			_, err := NewModifyFieldsRequest(b, f)
			var ve *callcenter.ValidationError
			if f != "serviceUserId" && (!errors.As(err, &ve) || !ve.Has(f)) {
				t.Errorf("broadworks modify: changing %s: %v, want a refusal", f, err)
			}
			continue
		}
		ma, err := NewModifyFieldsRequest(a, f)
		wa := mustWire(t, ma, err)
		mb, err := NewModifyFieldsRequest(b, f)
		wb := mustWire(t, mb, err)
		if bytes.Equal(wa, wb) {
			t.Errorf("broadworks modify: column %s does not reach GroupCallCenterModifyInstanceRequest22", f)
		}
		fa, err := NewModifyRequest(a)
		wfa := mustWire(t, fa, err)
		fb, err := NewModifyRequest(b)
		wfb := mustWire(t, fb, err)
		if bytes.Equal(wfa, wfb) {
			t.Errorf("broadworks modify: NewModifyRequest leaves out column %s", f)
		}

		// Clearing it.
		u := a.Clone()
		if err := u.Unset(f); err != nil {
			t.Fatal(err)
		}
		m, err := NewModifyFieldsRequest(u, f)
		var ve *callcenter.ValidationError
		switch {
		case err == nil && f == "serviceInstanceProfile.department.level":
			// An unset level is the group's: the department is sent as
			// a group department.
			if w := mustWire(t, m, nil); !bytes.Contains(w, []byte(`<department xsi:type="GroupDepartmentKey">`)) {
				t.Errorf("broadworks modify: clearing %s sends %s", f, w)
			}
		case err == nil:
			if w := mustWire(t, m, nil); !bytes.Contains(w, []byte(`xsi:nil="true"`)) {
				t.Errorf("broadworks modify: clearing %s sends %s", f, w)
			}
		case errors.As(err, &ve) && ve.Has(f) && strings.Contains(err.Error(), notClearable):
		default:
			t.Errorf("broadworks modify: clearing %s: %v", f, err)
		}
	}
	// The Clear* constants of NewModifyRequest clear.
	for _, f := range clearable {
		m, err := NewModifyRequest(callcenter.CallCenter{ServiceUserID: "u@example.com"}, f)
		if w := mustWire(t, m, err); !bytes.Contains(w, []byte(`xsi:nil="true"`)) {
			t.Errorf("NewModifyRequest clearing %s sends %s", f, w)
		}
	}
}
