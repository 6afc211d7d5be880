package broadworks_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/callcenter"
)

const deptField = "serviceInstanceProfile.department.name"

// TestDepartmentNameLimit: R25's DepartmentName is 1 to 50 characters. A
// 50-character department goes through add, modify and modify-fields; a
// 51-character one is refused before sending on each of them, and the fake
// refuses it too when a command built by hand carries it.
func TestDepartmentNameLimit(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TCP")
	ctx := context.Background()
	for _, level := range []callcenter.DepartmentLevel{callcenter.GroupDepartment, callcenter.EnterpriseDepartment} {
		ok, long := strings.Repeat("d", 50), strings.Repeat("d", 51)
		cc := basic("dept-" + string(level) + "@example.com")
		cc.Profile.Department = callcenter.Department{Name: ok, Level: level}
		if err := c.AddCallCenter(ctx, cc); err != nil {
			t.Fatalf("%s, 50 characters: %v", level, err)
		}
		if err := c.ModifyCallCenter(ctx, cc); err != nil {
			t.Errorf("modify, 50 characters: %v", err)
		}
		var ve *broadworks.ValidationError
		cc.Profile.Department.Name = long
		_, errFields := broadworks.NewModifyFieldsRequest(cc, deptField)
		for name, err := range map[string]error{"add": c.AddCallCenter(ctx, cc), "modify": c.ModifyCallCenter(ctx, cc), "modify fields": errFields} {
			if !errors.As(err, &ve) || !ve.Has(deptField) || !strings.Contains(err.Error(), "1 to 50 characters") {
				t.Errorf("%s, %s, 51 characters: %v", name, level, err)
			}
		}
		got, err := c.GetCallCenter(ctx, cc.ServiceUserID)
		if err != nil || got.Profile.Department.Name != ok {
			t.Errorf("stored department: %v %v", got, err)
		}
	}
	// A command built by hand reaches the fake, which applies R25 too.
	resps, err := c.Do(ctx, &broadworks.GroupCallCenterModifyInstanceRequest22{ServiceUserID: "dept-" + string(callcenter.GroupDepartment) + "@example.com",
		ServiceInstanceProfile: &broadworks.ServiceInstanceModifyProfile{Department: broadworks.Set(*broadworks.GroupDepartmentKey("MyServiceProvider", "SalesGroup", strings.Repeat("x", 51)))}})
	if e, ok := resps[0].(*broadworks.Error); err != nil || !ok || !strings.Contains(e.Summary, "must be 1 to 50 characters") {
		t.Errorf("the fake took a 51-character department: %v %v", resps, err)
	}
}

// TestWhitespaceOnlyRefused: values made of spaces are refused before
// sending on every path, naming the field, as add refuses them; they used
// to go out as empty xs:tokens that R25 rejects (ModifyCallCenter,
// NewModifyRequest, departments on add and modify, optional fields on add).
func TestWhitespaceOnlyRefused(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TLS")
	ctx := context.Background()
	id := "spaces@example.com"
	var ve *broadworks.ValidationError
	check := func(what string, err error, field string) {
		t.Helper()
		if !errors.As(err, &ve) || !ve.Has(field) || !strings.Contains(err.Error(), "only spaces") {
			t.Errorf("%s: %v, want a ValidationError on %s", what, err, field)
		}
	}
	for _, tc := range []struct {
		field string
		set   func(*callcenter.CallCenter)
	}{
		{"serviceInstanceProfile.name", func(cc *callcenter.CallCenter) { cc.Profile.Name = "   " }},
		{"serviceInstanceProfile.callingLineIdLastName", func(cc *callcenter.CallCenter) { cc.Profile.CallingLineIDLastName = " " }},
		{"serviceInstanceProfile.phoneNumber", func(cc *callcenter.CallCenter) { cc.Profile.PhoneNumber = "  " }},
		{"serviceInstanceProfile.language", func(cc *callcenter.CallCenter) { cc.Profile.Language = "  " }},
		{"serviceInstanceProfile.password", func(cc *callcenter.CallCenter) { cc.Profile.Password = "    " }},
		{deptField, func(cc *callcenter.CallCenter) { cc.Profile.Department.Name = "    " }},
		{deptField, func(cc *callcenter.CallCenter) {
			cc.Profile.Department = callcenter.Department{Name: "   ", Level: callcenter.EnterpriseDepartment}
		}},
		{"serviceProviderId", func(cc *callcenter.CallCenter) { cc.ServiceProviderID = "  "; cc.Profile.Department.Name = "Sales" }},
		{"escapeDigit", func(cc *callcenter.CallCenter) { cc.EscapeDigit = " " }},
		{"agentUnavailableCode", func(cc *callcenter.CallCenter) { cc.Type, cc.AgentUnavailableCode = callcenter.Standard, "  " }},
		{"networkClassOfService", func(cc *callcenter.CallCenter) { cc.NetworkClassOfService = "   " }},
	} {
		add := basic(id)
		tc.set(&add)
		check("add "+tc.field, c.AddCallCenter(ctx, add), tc.field)
		mod := callcenter.CallCenter{ServiceUserID: id, ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup"}
		tc.set(&mod)
		check("ModifyCallCenter "+tc.field, c.ModifyCallCenter(ctx, mod), tc.field)
		_, err := broadworks.NewModifyRequest(mod)
		check("NewModifyRequest "+tc.field, err, tc.field)
		if tc.field != "serviceProviderId" {
			_, err = broadworks.NewModifyFieldsRequest(mod, tc.field)
			check("NewModifyFieldsRequest "+tc.field, err, tc.field)
		}
	}
	if st := srv.Stats(); st.Documents != 0 {
		t.Errorf("something was sent: %+v", st)
	}
}
