package apio_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// TestShapeDepartment: the model's department goes on the wire as APIO's
// department key: a group department with the call center's tenant and
// group, an enterprise department with its tenant only; clearing sends
// null.
func TestShapeDepartment(t *testing.T) {
	for _, tc := range []struct {
		level callcenter.DepartmentLevel
		key   string
	}{
		{"", `{"tenantId":"foo","groupId":"foogroup","departmentName":"Sales"}`},
		{callcenter.GroupDepartment, `{"tenantId":"foo","groupId":"foogroup","departmentName":"Sales"}`},
		{callcenter.EnterpriseDepartment, `{"tenantId":"foo","departmentName":"Sales"}`},
	} {
		c, mock := tokenClient(t)
		cc := refCenter()
		cc.Profile.Department = callcenter.Department{Name: "Sales", Level: tc.level}
		body := `{"serviceUserId":"APIOTestCCBasic@sip.netaxis.be","serviceInstanceProfile":{"name":"Test User Basic",` +
			`"department":` + tc.key + `,"cliFirstName":"First Name","cliLastName":"Last Name","language":"English","timeZone":"Europe/Brussels",` +
			`"password":"test_password"},"type":"Basic","policy":"Regular"}`
		calls := expect(t, mock, want{method: http.MethodPost, path: refGroupPath, header: bearerHeaders, body: body, answer: refGet})
		if _, err := c.CreateCallCenter(context.Background(), &apio.CreateCallCenterRequest{CallCenter: cc}); err != nil {
			t.Fatal(err)
		}
		upd := callcenter.CallCenter{ServiceProviderID: "foo", GroupID: "foogroup", ServiceUserID: refID,
			Profile: callcenter.Profile{Department: cc.Profile.Department}}
		calls2 := expect(t, mock, want{method: http.MethodPut, path: refInstance, header: bearerHeaders,
			body: `{"serviceInstanceProfile":{"department":` + tc.key + `}}`, answer: refGet})
		if _, err := c.UpdateCallCenter(context.Background(), &apio.UpdateCallCenterRequest{CallCenter: upd}); err != nil {
			t.Fatal(err)
		}
		if calls.Load() != 1 || calls2.Load() != 1 {
			t.Errorf("level %q: calls = %d, %d", tc.level, calls.Load(), calls2.Load())
		}
	}

	c, mock := tokenClient(t)
	calls := expect(t, mock, want{method: http.MethodPut, path: refInstance, header: bearerHeaders,
		body: `{"serviceInstanceProfile":{"language":"French","department":null,"aliases":null},"queueLength":10,"wrapUpSeconds":null,"agentUnavailableCode":null}`, answer: refGet})
	_, err := c.UpdateCallCenter(context.Background(), &apio.UpdateCallCenterRequest{
		CallCenter: callcenter.CallCenter{ServiceProviderID: "foo", GroupID: "foogroup", ServiceUserID: refID,
			Profile: callcenter.Profile{Language: "French"}, QueueLength: new(10)},
		Clear: []string{"serviceInstanceProfile.department", "wrapUpSeconds", "serviceInstanceProfile.alias", "agentUnavailableCode", "wrapUpSeconds"},
	})
	if err != nil || calls.Load() != 1 {
		t.Fatalf("update with Clear: %v, calls %d", err, calls.Load())
	}
}

// TestDepartmentRefusals: contradictions are refused before sending.
func TestDepartmentRefusals(t *testing.T) {
	c, mock := tokenClient(t)
	ctx := context.Background()
	both := refCenter()
	both.Profile.Department = callcenter.Department{Name: "Sales"}
	id := callcenter.CallCenter{ServiceProviderID: "foo", GroupID: "foogroup", ServiceUserID: refID}
	levelOnly := id
	levelOnly.Profile.Department.Level = callcenter.EnterpriseDepartment
	setAndClear := id
	setAndClear.Profile.Language = "French"
	for _, tc := range []struct {
		name, subject, field string
		call                 func() error
	}{
		{"create with two departments", "apio: create call center request", "serviceInstanceProfile.department", func() error {
			_, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: both, Department: &apio.Department{TenantID: "t", Name: "X"}})
			return err
		}},
		{"update with a level and no name", "apio: update call center request", "serviceInstanceProfile.department.name", func() error {
			_, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: levelOnly})
			return err
		}},
		{"update clearing a required field", "apio: update call center request", "serviceInstanceProfile.name", func() error {
			_, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: id, Clear: []string{"serviceInstanceProfile.name"}})
			return err
		}},
		{"update setting and clearing", "apio: update call center request", "serviceInstanceProfile.language", func() error {
			_, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: setAndClear, Clear: []string{"serviceInstanceProfile.language"}})
			return err
		}},
		{"update with a control character in the id", "apio: update call center request", "serviceUserId", func() error {
			bad := id
			bad.ServiceUserID = "cc\n@sip.example.com"
			_, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: bad})
			return err
		}},
		{"get without a group", "apio: call center request", "groupId", func() error {
			_, err := c.GetCallCenter(ctx, "foo", "", refID)
			return err
		}},
		{"set active without ids", "apio: active status request", "services", func() error { return c.SetActive(ctx, "foo", "foogroup", true) }},
	} {
		err := tc.call()
		var ve *apio.ValidationError
		if !errors.As(err, &ve) || ve.Subject != tc.subject || !ve.Has(tc.field) {
			t.Errorf("%s: %v, want a ValidationError of %q naming %s", tc.name, err, tc.subject, tc.field)
		}
	}
	if n := mock.GetTotalCallCount(); n != 0 {
		t.Errorf("refusals sent %d requests", n)
	}
}

// TestFakeDepartmentsAndActive: the fake stores the department key, GET
// returns it (so Diff sees it), the list shows it with the active status,
// and an update sets and clears it.
func TestFakeDepartmentsAndActive(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	a := premium("dept-a@sip.example.com")
	a.Profile.Department = callcenter.Department{Name: "Sales"}
	b := premium("dept-b@sip.example.com")
	b.Profile.Department = callcenter.Department{Name: "HQ", Level: callcenter.EnterpriseDepartment}
	for _, cc := range []callcenter.CallCenter{a, b} {
		if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc}); err != nil {
			t.Fatal(err)
		}
	}
	stored := srv.CallCenters()
	if *stored[0].Department != (apiotest.Department{TenantID: "Sp One", GroupID: "Grp/1", Name: "Sales"}) ||
		*stored[1].Department != (apiotest.Department{TenantID: "Sp One", Name: "HQ"}) {
		t.Errorf("stored departments = %+v, %+v", stored[0].Department, stored[1].Department)
	}
	in, err := c.GetCallCenter(ctx, b.ServiceProviderID, b.GroupID, b.ServiceUserID)
	if err != nil {
		t.Fatal(err)
	}
	if got := in.CallCenter(); got.Profile.Department != b.Profile.Department || callcenter.Diff(b, got) != nil {
		t.Errorf("read back department %+v, Diff %v", got.Profile.Department, callcenter.Diff(b, got))
	}
	moved := b.Clone()
	moved.Profile.Department.Name = "Elsewhere"
	if d := callcenter.Diff(moved, in.CallCenter()); len(d) != 1 || d[0].Field != "serviceInstanceProfile.department.name" {
		t.Errorf("Diff of a moved call center = %v", d)
	}

	if err := c.SetActiveStatus(ctx, "Sp One", "Grp/1", []apio.ActiveStatus{
		{ServiceUserID: a.ServiceUserID, Active: false}, {ServiceUserID: b.ServiceUserID, Active: true},
	}); err != nil {
		t.Fatal(err)
	}
	list, err := collect(c.ListCallCenters(ctx, "Sp One", "Grp/1"))
	if err != nil || len(list) != 2 {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if list[0].Active || !list[1].Active || list[0].Department.Name != "Sales" || list[0].Department.GroupID != "Grp/1" ||
		list[1].Department.Name != "HQ" || list[1].Department.GroupID != "" || list[1].Department.FullPathName != "HQ" {
		t.Errorf("list = %+v / %+v", list[0], list[1])
	}

	// Update: set a department on a, then clear it.
	set := callcenter.CallCenter{ServiceProviderID: "Sp One", GroupID: "Grp/1", ServiceUserID: a.ServiceUserID,
		Profile: callcenter.Profile{Department: callcenter.Department{Name: "Support"}}}
	up, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: set})
	if err != nil || up.Profile.Department == nil || up.Profile.Department.Name != "Support" {
		t.Fatalf("update department: %+v, %v", up, err)
	}
	clear := callcenter.CallCenter{ServiceProviderID: "Sp One", GroupID: "Grp/1", ServiceUserID: a.ServiceUserID}
	up, err = c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: clear, Clear: []string{"serviceInstanceProfile.department"}})
	if err != nil || up.Profile.Department != nil || srv.CallCenters()[0].Department != nil {
		t.Fatalf("clear department: %+v, %v", up, err)
	}
	if up.Profile.Name != "Sales" {
		t.Errorf("clearing the department changed the name: %+v", up.Profile)
	}
}
