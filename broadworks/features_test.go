package broadworks_test

// Departments, modifies of exactly the changed fields, active status,
// paged lists, identifiers with control characters, and the R25 schema.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

func TestDepartments(t *testing.T) {
	srv := newServer(t, broadworkstest.WithDepartment("MyServiceProvider", "SalesGroup", "Sales"),
		broadworkstest.WithDepartment("MyServiceProvider", "", "Corporate"))
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			c := clientFor(t, srv, mode)
			m := strings.ToLower(mode)
			group := basic("dept-group-" + m + "@example.com")
			group.Profile.Department = callcenter.Department{Name: "Sales"}
			ent := basic("dept-ent-" + m + "@example.com")
			ent.Profile.Department = callcenter.Department{Name: "Corporate", Level: callcenter.EnterpriseDepartment}
			for _, cc := range []callcenter.CallCenter{group, ent} {
				if err := c.AddCallCenter(ctx, cc); err != nil {
					t.Fatal(err)
				}
			}
			for _, tc := range []struct {
				id   string
				want callcenter.Department
			}{
				{group.ServiceUserID, callcenter.Department{Name: "Sales", Level: callcenter.GroupDepartment}},
				{ent.ServiceUserID, callcenter.Department{Name: "Corporate", Level: callcenter.EnterpriseDepartment}},
			} {
				got, err := c.GetCallCenter(ctx, tc.id)
				if err != nil || got.Profile.Department != tc.want {
					t.Errorf("get %s: %+v, %v; want %+v", tc.id, got.Profile.Department, err, tc.want)
				}
			}
			// The list shows the department's name.
			list, err := listAll(c, ctx, "MyServiceProvider", "SalesGroup")
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range list {
				if s.ServiceUserID == group.ServiceUserID && s.Department != "Sales" {
					t.Errorf("summary %+v", s)
				}
			}
			// An undeclared department is refused by the server.
			bad := basic("dept-bad-" + m + "@example.com")
			bad.Profile.Department = callcenter.Department{Name: "Nowhere"}
			var e *broadworks.Error
			if err := c.AddCallCenter(ctx, bad); !errors.As(err, &e) || e.Code != broadworkstest.CodeDepartmentNotFound {
				t.Errorf("unknown department: %v", err)
			}
			// Modify: clear the department (xsi:nil), then set it again.
			apply := c.BulkOps().(platform.Applier)
			want := group
			want.Profile.Department = callcenter.Department{}
			cmd, err := apply.BuildModify(want, []string{"serviceInstanceProfile.department.name"})
			if err != nil {
				t.Fatal(err)
			}
			if resp, err := apply.SendModify(ctx, cmd); err != nil || resp != "SuccessResponse" {
				t.Fatalf("clear department: %q, %v", resp, err)
			}
			if got, err := c.GetCallCenter(ctx, group.ServiceUserID); err != nil || got.Profile.Department != (callcenter.Department{}) {
				t.Errorf("after clearing: %+v, %v", got, err)
			}
			if err := c.ModifyCallCenter(ctx, group); err != nil {
				t.Fatal(err)
			}
			if got, err := c.GetCallCenter(ctx, group.ServiceUserID); err != nil || got.Profile.Department.Name != "Sales" {
				t.Errorf("after setting again: %+v, %v", got, err)
			}
		})
	}
}

func TestBuildModifyCarriesExactlyTheFields(t *testing.T) {
	c := mustClient(t, "as.example.com", "u", "p")
	want := premium("m@example.com")
	want.Profile.PhoneNumber, want.Profile.Aliases, want.WrapUpSeconds = "", nil, nil
	want.Profile.Name = "New Name"
	cmd, err := c.BulkOps().(platform.Applier).BuildModify(want, []string{"serviceInstanceProfile.name", "serviceInstanceProfile.phoneNumber",
		"serviceInstanceProfile.alias", "wrapUpSeconds", "queueLength"})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := cmd.(*ocip.GroupCallCenterModifyInstanceRequest22)
	if !ok {
		t.Fatalf("BuildModify gave %T", cmd)
	}
	p := r.ServiceInstanceProfile
	wantReq := ocip.GroupCallCenterModifyInstanceRequest22{
		ServiceUserID: "m@example.com",
		ServiceInstanceProfile: &ocip.ServiceInstanceModifyProfile{
			Name: "New Name", PhoneNumber: ocip.Clear[string](), SIPAliasList: ocip.Clear[ocip.ReplacementSIPAliasList](),
		},
		QueueLength:   new(25),
		WrapUpSeconds: ocip.Clear[int](),
	}
	if p == nil || p.Name != "New Name" || p.PhoneNumber == nil || !p.PhoneNumber.Nil || p.SIPAliasList == nil || !p.SIPAliasList.Nil ||
		p.Extension != nil || p.Password != "" || p.Department != nil || r.WrapUpSeconds == nil || !r.WrapUpSeconds.Nil ||
		r.QueueLength == nil || *r.QueueLength != 25 || r.Type != "" || r.Policy != "" || r.EnableVideo != nil || r.EscapeDigit != "" {
		t.Errorf("modify %+v\nprofile %+v\nwant %+v", r, p, wantReq)
	}
	for _, tc := range []struct {
		fields []string
		field  string
	}{
		{[]string{"groupId"}, "groupId"},
		{[]string{"serviceInstanceProfile.language"}, "serviceInstanceProfile.language"}, // unset, not nillable
		{[]string{"enableReporting"}, "enableReporting"},
		{[]string{"noSuchField"}, "noSuchField"},
		{nil, "fields"},
	} {
		w := basic("m@example.com")
		_, err := c.BulkOps().(platform.Applier).BuildModify(w, tc.fields)
		var ve *broadworks.ValidationError
		if !errors.As(err, &ve) || !ve.Has(tc.field) || ve.Subject == "" {
			t.Errorf("BuildModify(%v): %v", tc.fields, err)
		}
	}
	// NewModifyFieldsRequest validates the named fields only.
	bad := basic("m@example.com")
	bad.QueueLength = new(9999)
	bad.Profile.Name = ""
	if _, err := ocip.NewModifyFieldsRequest(bad, "queueLength"); err == nil {
		t.Error("queueLength 9999 accepted")
	}
	if _, err := ocip.NewModifyFieldsRequest(bad, "policy"); err != nil {
		t.Errorf("policy: %v", err)
	}
}

func TestModifyFieldsAgainstTheFake(t *testing.T) {
	srv := newServer(t)
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			c := clientFor(t, srv, mode)
			in := premium("mf-" + strings.ToLower(mode) + "@example.com")
			if err := c.AddCallCenter(ctx, in); err != nil {
				t.Fatal(err)
			}
			want := in
			want.Profile.Name, want.Profile.PhoneNumber, want.Profile.Aliases = "Changed", "", nil
			want.WrapUpSeconds, want.AgentUnavailableCode = nil, ""
			want.QueueLength = new(7)
			fields := []string{"serviceInstanceProfile.name", "serviceInstanceProfile.phoneNumber", "serviceInstanceProfile.alias",
				"wrapUpSeconds", "agentUnavailableCode", "queueLength"}
			apply := c.BulkOps().(platform.Applier)
			cmd, err := apply.BuildModify(want, fields)
			if err != nil {
				t.Fatal(err)
			}
			if resp, err := apply.SendModify(ctx, cmd); err != nil || resp != "SuccessResponse" {
				t.Fatalf("SendModify = %q, %v", resp, err)
			}
			got, err := c.GetCallCenter(ctx, in.ServiceUserID)
			if err != nil {
				t.Fatal(err)
			}
			got.ServiceProviderID, got.GroupID = in.ServiceProviderID, in.GroupID
			if d := callcenter.Diff(want, *got); len(d) != 0 {
				t.Errorf("after modify: %v", d)
			}
			if got.Profile.Extension != "5000" || *got.ForceDeliveryWaitTimeSeconds != 9 {
				t.Errorf("a field not named changed: %+v", got)
			}
			resp, err := apply.DeleteCallCenter(ctx, in)
			if err != nil || resp != "SuccessResponse" {
				t.Errorf("delete: %q, %v", resp, err)
			}
			ids := 0
			for id, err := range apply.ListCallCenters(ctx, in.ServiceProviderID, in.GroupID) {
				if err != nil {
					t.Fatal(err)
				}
				if id == in.ServiceUserID {
					t.Error("deleted call center still listed")
				}
				ids++
			}
			_ = ids
		})
	}
}

func TestSetActive(t *testing.T) {
	srv := newServer(t)
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			c := clientFor(t, srv, mode)
			group := "ActiveGroup-" + mode
			var ids []string
			for i := range 3 {
				cc := basic(fmt.Sprintf("act%d-%s@example.com", i, strings.ToLower(mode)))
				cc.GroupID = group
				if err := c.AddCallCenter(ctx, cc); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, cc.ServiceUserID)
			}
			if err := c.SetActive(ctx, false, ids[0], ids[2]); err != nil {
				t.Fatal(err)
			}
			active := func() []bool {
				list, err := listAll(c, ctx, "MyServiceProvider", group)
				if err != nil {
					t.Fatal(err)
				}
				var out []bool
				for _, s := range list {
					out = append(out, s.IsActive)
				}
				return out
			}
			if got := active(); !slices.Equal(got, []bool{false, true, false}) {
				t.Errorf("active %v", got)
			}
			// All or nothing: an unknown id changes none.
			err := c.SetActive(ctx, true, ids[0], "nobody@example.com")
			if !errors.Is(err, broadworks.ErrNotFound) {
				t.Errorf("unknown id: %v", err)
			}
			if got := active(); !slices.Equal(got, []bool{false, true, false}) || srv.Active(ids[0]) {
				t.Errorf("after a refused change: %v", got)
			}
			if err := c.SetActive(ctx, true, ids...); err != nil || !slices.Equal(active(), []bool{true, true, true}) {
				t.Errorf("reactivate: %v", err)
			}
			var ve *broadworks.ValidationError
			if err := c.SetActive(ctx, true); !errors.As(err, &ve) {
				t.Errorf("no ids: %v", err)
			}
		})
	}
}

func TestListPaging(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TLS", broadworks.WithPageSize(3))
	ctx := context.Background()
	var want []string
	for i := range 7 {
		id := fmt.Sprintf("page%d@example.com", 6-i) // added out of order
		cc := basic(id)
		cc.GroupID = "PagedGroup"
		if err := c.AddCallCenter(ctx, cc); err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprintf("page%d@example.com", i))
	}
	const paged = "GroupCallCenterGetInstancePagedSortedListRequest"
	list, err := listAll(c, ctx, "MyServiceProvider", "PagedGroup")
	var got []string
	for _, s := range list {
		got = append(got, s.ServiceUserID)
	}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("list %v, %v; want %v", got, err, want)
	}
	if n := srv.CommandCount(paged); n != 3 {
		t.Errorf("%d pages asked for, want 3 (3+3+1)", n)
	}
	// Stopping early asks for no more pages.
	for range c.ListCallCenters(ctx, "MyServiceProvider", "PagedGroup") {
		break
	}
	if n := srv.CommandCount(paged); n != 4 {
		t.Errorf("%d pages after an early stop, want 4", n)
	}
	page, err := c.ListCallCentersPage(ctx, "MyServiceProvider", "PagedGroup", 4, 3)
	if err != nil || len(page) != 3 || page[0].ServiceUserID != "page3@example.com" || !page[0].IsActive {
		t.Errorf("page from 4: %+v, %v", page, err)
	}
	for _, tc := range []struct{ start, size int }{{0, 3}, {1, 0}, {1, broadworks.MaxPageSize + 1}} {
		var ve *broadworks.ValidationError
		if _, err := c.ListCallCentersPage(ctx, "sp", "g", tc.start, tc.size); !errors.As(err, &ve) {
			t.Errorf("page %d/%d: %v", tc.start, tc.size, err)
		}
	}
	// An error ends the sequence, yielded once.
	n := 0
	for _, err := range c.ListCallCenters(ctx, "", "g") {
		n++
		var ve *broadworks.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("err = %v", err)
		}
	}
	if n != 1 {
		t.Errorf("%d yields for a bad request", n)
	}
}

func TestControlCharactersRefused(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TLS")
	ctx := context.Background()
	var ve *broadworks.ValidationError
	for _, id := range []string{"a\x00b@example.com", "a\nb@example.com", "tab\t@example.com", "del\x7f@example.com"} {
		cc := basic(id)
		if _, err := ocip.NewAddRequest(cc); !errors.As(err, &ve) || !ve.Has("serviceUserId") {
			t.Errorf("NewAddRequest(%q): %v", id, err)
		}
		if err := c.AddCallCenter(ctx, cc); !errors.As(err, &ve) {
			t.Errorf("AddCallCenter(%q): %v", id, err)
		}
		if _, err := c.GetCallCenter(ctx, id); !errors.As(err, &ve) {
			t.Errorf("GetCallCenter(%q): %v", id, err)
		}
		if err := c.DeleteCallCenter(ctx, id); !errors.As(err, &ve) {
			t.Errorf("DeleteCallCenter(%q): %v", id, err)
		}
		if err := c.SetActive(ctx, true, id); !errors.As(err, &ve) {
			t.Errorf("SetActive(%q): %v", id, err)
		}
		if _, err := c.ListCallCentersPage(ctx, "sp", id, 1, 10); !errors.As(err, &ve) {
			t.Errorf("ListCallCentersPage(%q): %v", id, err)
		}
	}
	named := basic("ok@example.com")
	named.Profile.Name = "bell\a"
	if _, err := ocip.NewAddRequest(named); !errors.As(err, &ve) || !ve.Has("serviceInstanceProfile.name") {
		t.Errorf("name with a control character: %v", err)
	}
	if s := srv.Stats(); s.Documents != 0 {
		t.Errorf("something was sent: %+v", s)
	}
}

// TestSchemaR25 validates every kind of command the client sends, as
// captured on the wire, against the OCI-P R25 schema with xmllint. It
// skips unless OCIP_SCHEMA_DIR names the folder ocip_schema of
// github.com/nigelm/broadworks_ocip (holding OCISchemaAS.xsd) and xmllint
// is installed.
func TestSchemaR25(t *testing.T) {
	dir := os.Getenv("OCIP_SCHEMA_DIR")
	if dir == "" {
		t.Skip("OCIP_SCHEMA_DIR is not set")
	}
	dir, _ = filepath.Abs(dir)
	if _, err := os.Stat(filepath.Join(dir, "OCISchemaAS.xsd")); err != nil {
		t.Skipf("no schema: %v", err)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed")
	}
	srv := newServer(t)
	proxy := newProxy(t, srv.TCPAddr())
	c := mustClient(t, proxy.ln.Addr().String(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
	ctx := context.Background()
	full := premium("schema-premium@example.com")
	full.Profile.Department = callcenter.Department{Name: "Sales"}
	ent := basic("schema-basic@example.com")
	ent.Profile.Department = callcenter.Department{Name: "Corporate", Level: callcenter.EnterpriseDepartment}
	std := basic("schema-standard@example.com")
	std.Type, std.EnableReporting, std.WrapUpSeconds = callcenter.Standard, new(true), new(20)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.AddCallCenter(ctx, full))
	must(c.AddCallCenter(ctx, ent))
	must(c.AddCallCenter(ctx, std))
	_, err = c.GetCallCenter(ctx, full.ServiceUserID)
	must(err)
	must(c.ModifyCallCenter(ctx, callcenter.CallCenter{ServiceUserID: full.ServiceUserID, ServiceProviderID: full.ServiceProviderID,
		GroupID: full.GroupID, Profile: callcenter.Profile{Name: "Renamed", Aliases: []string{"x@example.com"}, Department: callcenter.Department{Name: "Sales"}}},
		ocip.ClearPhoneNumber, ocip.ClearWrapUpSeconds, ocip.ClearAgentUnavailableCode))
	want := full
	want.Profile.Extension, want.Profile.Department, want.Profile.Aliases, want.ForceDeliveryWaitTimeSeconds = "", callcenter.Department{}, nil, nil
	want.Profile.Department = callcenter.Department{}
	apply := c.BulkOps().(platform.Applier)
	cmd, err := apply.BuildModify(want, []string{"serviceInstanceProfile.extension", "serviceInstanceProfile.department.name",
		"serviceInstanceProfile.alias", "forceDeliveryWaitTimeSeconds", "serviceInstanceProfile.publicUserIdentity", "policy", "queueLength"})
	must(err)
	_, err = apply.SendModify(ctx, cmd)
	must(err)
	// The limits of R25 at their edges (issue 23): every text at its
	// longest, outside ASCII where it may be, departments of 50
	// characters (group and enterprise) on add, modify and modify-fields,
	// departments cleared.
	long := premium("e" + strings.Repeat("u", 148) + "@example.com") // 161 characters
	r := strings.Repeat
	long.ServiceProviderID, long.GroupID = r("S", 30), r("G", 30)
	long.Profile = callcenter.Profile{Name: r("名", 30), CallingLineIDLastName: r("é", 30), CallingLineIDFirstName: r("😀", 30),
		Password: callcenter.Secret(r("p\u00e4", 30)), HiraganaLastName: r("せ", 30), HiraganaFirstName: r("ン", 30),
		PhoneNumber: r("1", 23), Extension: r("2", 20), Language: r("L", 40), TimeZone: r("T", 127),
		Aliases: []string{r("a", 159) + "@x", r("b", 159) + "@y", r("c", 159) + "@z"}, PublicUserIdentity: r("p", 159) + "@q",
		CallingLineIDPhoneNumber: r("3", 23), Department: callcenter.Department{Name: r("D", 50)}}
	long.AgentUnavailableCode, long.NetworkClassOfService, long.EscapeDigit = r("c", 10), r("n", 40), "#"
	srv.AddGroup(long.ServiceProviderID, long.GroupID)
	srv.AddGroup(full.ServiceProviderID, full.GroupID)
	srv.AddGroup(ent.ServiceProviderID, ent.GroupID)
	srv.AddGroup(std.ServiceProviderID, std.GroupID)
	must(c.AddCallCenter(ctx, long))
	entLong := long
	entLong.ServiceUserID = "edge-ent@example.com"
	entLong.Profile.Department = callcenter.Department{Name: r("E", 50), Level: callcenter.EnterpriseDepartment}
	must(c.AddCallCenter(ctx, entLong))
	must(c.ModifyCallCenter(ctx, callcenter.CallCenter{ServiceUserID: long.ServiceUserID, ServiceProviderID: long.ServiceProviderID,
		GroupID: long.GroupID, Profile: callcenter.Profile{Department: callcenter.Department{Name: r("F", 50), Level: callcenter.EnterpriseDepartment}, Password: "n\u00e9w-pw"}}))
	must(c.ModifyCallCenter(ctx, callcenter.CallCenter{ServiceUserID: long.ServiceUserID}, ocip.ClearDepartment, ocip.ClearAliases,
		ocip.ClearExtension, ocip.ClearPublicUserIdentity, ocip.ClearCallingLineIDPhoneNumber, ocip.ClearForceDeliveryWaitTime))
	for _, fields := range [][]string{
		{"serviceInstanceProfile.department.name"}, // the group department of 50 characters
		{"serviceInstanceProfile.name", "serviceInstanceProfile.hiraganaLastName", "serviceInstanceProfile.timeZone", "agentUnavailableCode", "networkClassOfService"},
	} {
		cmd, err := apply.BuildModify(long, fields)
		must(err)
		_, err = apply.SendModify(ctx, cmd)
		must(err)
	}
	cleared := long
	cleared.Profile.Department, cleared.AgentUnavailableCode = callcenter.Department{}, ""
	cmd, err = apply.BuildModify(cleared, []string{"serviceInstanceProfile.department.name", "agentUnavailableCode"})
	must(err)
	_, err = apply.SendModify(ctx, cmd)
	must(err)
	must(c.SetActive(ctx, false, full.ServiceUserID, ent.ServiceUserID))
	_, err = c.ListCallCentersPage(ctx, full.ServiceProviderID, full.GroupID, 1, 100)
	must(err)
	_, err = c.Do(ctx, &ocip.GroupCallCenterGetInstanceListRequest{ServiceProviderID: "sp", GroupID: "g"})
	must(err)
	_, err = c.ListGroupsPage(ctx, full.ServiceProviderID, 1, 100)
	must(err)
	must(c.DeleteCallCenter(ctx, std.ServiceUserID))
	// Staffing (issue 25): every message, at the edges of R25 (an agent id
	// of 161 characters, levels 1 and 20).
	longUser := strings.Repeat("a", 149) + "@example.com"
	srv.AddGroupUsers(full.ServiceProviderID, full.GroupID, "a1@example.com", "a2@example.com", "a3@example.com", longUser)
	must(c.AddAgents(ctx, full.ServiceUserID, callcenter.Agent{UserID: "a1@example.com", SkillLevel: 20}, callcenter.Agent{UserID: longUser, SkillLevel: 1}))
	must(c.AddAgents(ctx, ent.ServiceUserID, callcenter.Agent{UserID: "a1@example.com"}, callcenter.Agent{UserID: "a2@example.com"}))
	must(c.SetSkillLevels(ctx, full.ServiceUserID, callcenter.Agent{UserID: "a1@example.com", SkillLevel: 5}))
	_, err = c.ListAgentsPage(ctx, full.ServiceUserID, 1, 2000)
	must(err)
	must(c.AddSupervisors(ctx, full.ServiceUserID, "a3@example.com", longUser))
	for _, err := range c.ListSupervisors(ctx, full.ServiceUserID) {
		must(err)
	}
	must(c.RemoveSupervisors(ctx, full.ServiceUserID, longUser))
	must(c.RemoveAgents(ctx, ent.ServiceUserID, "a2@example.com"))
	staff := c.BulkOps().(platform.Staffer)
	stored, _, err := staff.ReadStaffing(ctx, full.ServiceUserID)
	must(err)
	d := callcenter.DiffStaffing(stored, callcenter.Staffing{Agents: []callcenter.Agent{{UserID: "a1@example.com", SkillLevel: 7}, {UserID: "a2@example.com"}},
		Supervisors: []string{"a1@example.com"}})
	staffCmd, err := staff.BuildStaffing(d)
	must(err)
	_, err = staff.SendStaffing(ctx, staffCmd)
	must(err)
	c.Close()

	proxy.mu.Lock()
	sent := proxy.out.String()
	proxy.mu.Unlock()
	// Commands a client sends that the plain TCP capture cannot show: the
	// login over TLS and HTTPS.
	login, err := ocip.AppendCommand(nil, &ocip.LoginRequest22V5{UserID: broadworkstest.DefaultUser, Password: "Pässwörd-😀"})
	must(err)
	sent += string(login)
	cmdRe := regexp.MustCompile(`(?s)<command xsi:type="([A-Za-z0-9]+)" xmlns="">(.*?)</command>`)
	types := map[string]bool{}
	var doc strings.Builder
	doc.WriteString(`<samples xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, m := range cmdRe.FindAllStringSubmatch(sent, -1) {
		types[m[1]] = true
		fmt.Fprintf(&doc, "<%s>%s</%s>\n", m[1], m[2], m[1])
	}
	doc.WriteString("</samples>\n")
	var xsd strings.Builder
	fmt.Fprintf(&xsd, `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:core="C" elementFormDefault="qualified">
  <xs:import namespace="C" schemaLocation="%s"/>
  <xs:include schemaLocation="%s"/>
  <xs:element name="samples"><xs:complexType><xs:sequence><xs:any processContents="strict" namespace="##local" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
`, filepath.Join(dir, "OCISchemaBASE.xsd"), filepath.Join(dir, "OCISchemaAS.xsd"))
	var names []string
	for typ := range types {
		names = append(names, typ)
		fmt.Fprintf(&xsd, "  <xs:element name=%q type=%q/>\n", typ, typ)
	}
	xsd.WriteString("</xs:schema>\n")
	slices.Sort(names)
	for _, typ := range []string{"AuthenticationRequest", "LoginRequest14sp4", "LoginRequest22V5", "LogoutRequest", "GroupCallCenterAddInstanceRequest22",
		"GroupCallCenterGetInstanceRequest22", "GroupCallCenterModifyInstanceRequest22", "GroupCallCenterDeleteInstanceRequest",
		"GroupCallCenterGetInstancePagedSortedListRequest", "GroupCallCenterModifyActiveInstanceListRequest", "GroupCallCenterGetInstanceListRequest",
		"GroupGetListInServiceProviderPagedSortedListRequest",
		"GroupCallCenterGetAgentPagedSortedListRequest", "GroupCallCenterAddAgentListRequest", "GroupCallCenterDeleteAgentListRequest",
		"GroupCallCenterModifyAgentListRequest", "GroupCallCenterGetSupervisorListRequest16", "GroupCallCenterAddSupervisorListRequest",
		"GroupCallCenterDeleteSupervisorListRequest"} {
		if !types[typ] {
			t.Errorf("no %s captured", typ)
		}
	}
	tmp := t.TempDir()
	schemaFile, docFile := filepath.Join(tmp, "samples.xsd"), filepath.Join(tmp, "samples.xml")
	must(os.WriteFile(schemaFile, []byte(xsd.String()), 0o600))
	must(os.WriteFile(docFile, []byte(doc.String()), 0o600))
	out, err := exec.Command(xmllint, "--noout", "--schema", schemaFile, docFile).CombinedOutput()
	var problems []string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "validity error") || strings.Contains(line, "fails to validate") {
			problems = append(problems, line)
		}
	}
	if err != nil || len(problems) > 0 {
		t.Errorf("xmllint: %v\n%s", err, strings.Join(problems, "\n"))
	}
	t.Logf("validated %d commands of %d types against R25: %v", len(cmdRe.FindAllString(sent, -1)), len(names), names)
}
