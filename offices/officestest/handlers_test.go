package officestest_test

import (
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/offices/officestest"
)

// newOffice creates an office and returns its id.
func newOffice(t *testing.T, srv *officestest.Server) string {
	t.Helper()
	status, _, body := do(t, srv, "POST", "/offices", srv.APIKey(), minimal)
	if status != 200 {
		t.Fatalf("create: %d %v", status, body)
	}
	return body["office"].(map[string]any)["id"].(string)
}

// Every operation below /offices/{id} checks the key, the id and the
// office, and validates its body by the spec's rules.
func TestOfficeOperationsRules(t *testing.T) {
	srv := officestest.NewServer()
	defer srv.Close()
	key := srv.APIKey()
	id := newOffice(t, srv)
	p := "/offices/" + id
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		want                     string // in the error message
	}{
		{"no key", "GET", p + "/plan", "", 401, "API key"},
		{"bad id", "GET", "/offices/x1/plan", "", 400, "Invalid office id"},
		{"unknown office", "GET", "/offices/42/e911", "", 404, "Office 42 not found"},
		{"unknown sub-resource", "GET", p + "/nothing", "", 404, "Not found"},
		{"wrong method", "POST", p + "/plan", "{}", 405, "not allowed"},
		{"e911 missing", "PUT", p + "/e911", `{"address": "a"}`, 400, "city: is required; state: is required; zip: is required; country: is required"},
		{"e911 two lines", "PUT", p + "/e911", `{"address": "a\nb", "city": "c", "state": "s", "zip": "z", "country": "us"}`, 400, "address: must be a single line"},
		{"e911 unknown field", "PUT", p + "/e911", `{"address": "a", "city": "c", "state": "s", "zip": "z", "country": "us", "floor": 3}`, 400, "unknown field"},
		{"operator missing", "POST", p + "/operators", `{}`, 400, "operator_id: is required; operator_type: is required"},
		{"operator enums", "POST", p + "/operators", `{"operator_id": 1, "operator_type": "bot", "role": "boss"}`, 400, `operator_type: invalid value "bot"; role: invalid value "boss"`},
		{"operator unknown", "POST", p + "/operators", `{"operator_id": 1, "operator_type": "user"}`, 404, "No user with id 1"},
		{"remove with role", "DELETE", p + "/operators", `{"operator_id": 1, "operator_type": "user", "role": "admin"}`, 400, "role: is not a field"},
		{"remove non-operator", "DELETE", p + "/operators", `{"operator_id": 1, "operator_type": "room"}`, 404, "not an operator"},
		{"assign bad number", "POST", p + "/assign_number", `{"number": "555-1234"}`, 400, "number: invalid E.164"},
		{"assign bad area code", "POST", p + "/assign_number", `{"area_code": "6x4"}`, 400, "area_code: invalid area code"},
		{"assign nothing reserved", "POST", p + "/assign_number", `{}`, 400, "No reserved number"},
		{"unassign missing", "POST", p + "/unassign_number", `{}`, 400, "number: is required"},
		{"unassign unknown", "POST", p + "/unassign_number", `{"number": "+14155550100"}`, 404, "not assigned"},
		{"bad cursor", "GET", p + "/callcenters?cursor=zz", "", 400, "Invalid cursor"},
		{"not JSON", "POST", p + "/operators", `operator`, 400, "Invalid request body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := key
			if tc.name == "no key" {
				k = ""
			}
			status, _, body := do(t, srv, tc.method, tc.path, k, tc.body)
			if status != tc.status || !strings.Contains(errMessage(body), tc.want) {
				t.Errorf("%d %q, want %d containing %q", status, errMessage(body), tc.status, tc.want)
			}
		})
	}
	// The successful answers carry the spec's fields.
	status, _, e911 := do(t, srv, "PUT", p+"/e911", key, `{"address": "1 Main St", "city": "NYC", "state": "NY", "zip": "10001", "country": "us", "update_all": true}`)
	if status != 200 || e911["zip"] != "10001" || e911["update_all"] != nil {
		t.Errorf("e911 update: %d %v", status, e911)
	}
	_, _, plan := do(t, srv, "GET", p+"/plan", key, "")
	_, _, lic := do(t, srv, "GET", p+"/available_licenses", key, "")
	_, _, off := do(t, srv, "GET", p+"/offdutystatuses", key, "")
	_, _, ops := do(t, srv, "GET", p+"/operators", key, "")
	_, _, cc := do(t, srv, "GET", p+"/callcenters", key, "")
	if plan["balance"] != "0.00" || lic["talk_lines"] != "4" || off["id"] != id || ops["users"] == nil || ops["rooms"] == nil || cc["items"] == nil || cc["cursor"] != nil {
		t.Errorf("plan %v licenses %v off-duty %v operators %v call centers %v", plan, lic, off, ops, cc)
	}
	status, _, num := do(t, srv, "POST", p+"/assign_number", key, `{"area_code": "415"}`)
	if status != 200 || num["status"] != "office" || num["target_type"] != "office" || num["target_id"] != id || !strings.HasPrefix(num["number"].(string), "+1415555") {
		t.Errorf("assign: %d %v", status, num)
	}
}
