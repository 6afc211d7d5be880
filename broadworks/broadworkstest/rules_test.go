package broadworkstest

import (
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/fault"
)

// addWithDept is add() with a department element in the profile.
func addWithDept(id, dept string) string {
	body := strings.ReplaceAll(addBasic, "%ID%", id)
	body = strings.Replace(body, "</password>", "</password>"+dept, 1)
	return cmd("GroupCallCenterAddInstanceRequest22", body)
}

func TestDepartmentRules(t *testing.T) {
	s := NewServer(WithDepartment("sp", "g", "Sales"), WithDepartment("sp", "", "Corp"))
	defer s.Close()
	c := dial(t, s.TCPAddr(), nil)
	c.nonceLogin("s", DefaultUser, DefaultPassword)
	group := `<department xsi:type="GroupDepartmentKey"><serviceProviderId>sp</serviceProviderId><groupId>g</groupId><name>Sales</name></department>`
	for _, tc := range []struct {
		id, dept, want string
	}{
		{"g@example.com", group, "SuccessResponse"},
		{"e@example.com", `<department xsi:type="EnterpriseDepartmentKey"><serviceProviderId>sp</serviceProviderId><name>Corp</name></department>`, "SuccessResponse"},
		{"other-group@example.com", strings.Replace(group, "<groupId>g<", "<groupId>h<", 1), "[Error 4006]"},
		{"other-sp@example.com", `<department xsi:type="EnterpriseDepartmentKey"><serviceProviderId>xx</serviceProviderId><name>Corp</name></department>`, "[Error 4006]"},
		{"undeclared@example.com", strings.Replace(group, "Sales", "Nope", 1), "[Error 4006]"},
		{"abstract@example.com", `<department><serviceProviderId>sp</serviceProviderId><name>Corp</name></department>`, "[Error 4003]"},
		{"order@example.com", `<department xsi:type="GroupDepartmentKey"><groupId>g</groupId><serviceProviderId>sp</serviceProviderId><name>Sales</name></department>`, "[Error 4003]"},
	} {
		if resp := string(c.send(document("s", addWithDept(tc.id, tc.dept)))); !strings.Contains(resp, tc.want) {
			t.Errorf("%s: %s", tc.id, resp)
		}
	}
	resp := string(c.send(document("s", cmd("GroupCallCenterGetInstanceRequest22", "<serviceUserId>g@example.com</serviceUserId>"))))
	if !strings.Contains(resp, group) {
		t.Errorf("get: %s", resp)
	}
	// A modify clears it with xsi:nil.
	resp = string(c.send(document("s", cmd("GroupCallCenterModifyInstanceRequest22",
		`<serviceUserId>g@example.com</serviceUserId><serviceInstanceProfile><department xsi:type="GroupDepartmentKey" xsi:nil="true"/></serviceInstanceProfile>`))))
	if cc, _ := s.CallCenter("g@example.com"); !strings.Contains(resp, "SuccessResponse") || cc.Profile.Department.Name != "" {
		t.Errorf("clear: %s, %+v", resp, cc.Profile.Department)
	}
	if n := len(s.CallCenters()); n != 2 {
		t.Errorf("%d stored, want 2", n)
	}
}

func TestPagedListAndActiveStatus(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c := dial(t, s.TCPAddr(), nil)
	c.nonceLogin("s", DefaultUser, DefaultPassword)
	var adds []string
	for _, id := range []string{"c@example.com", "a@example.com", "b@example.com"} {
		adds = append(adds, add(id))
	}
	c.send(document("s", adds...))
	page := func(start, size string) string {
		return string(c.send(document("s", cmd("GroupCallCenterGetInstancePagedSortedListRequest",
			`<serviceProviderId>sp</serviceProviderId><groupId>g</groupId><responsePagingControl><responseStartIndex>`+start+
				`</responseStartIndex><responsePageSize>`+size+`</responsePageSize></responsePagingControl>`))))
	}
	resp := page("2", "1")
	if !strings.Contains(resp, "GroupCallCenterGetInstancePagedSortedListResponse") || strings.Count(resp, "<row>") != 1 ||
		!strings.Contains(resp, "<col>b@example.com</col>") {
		t.Errorf("page 2/1: %s", resp)
	}
	if resp := page("4", "10"); strings.Count(resp, "<row>") != 0 || !strings.Contains(resp, "colHeading") {
		t.Errorf("past the end: %s", resp)
	}
	for _, bad := range [][2]string{{"0", "1"}, {"1", "0"}, {"1", "2001"}} {
		if resp := page(bad[0], bad[1]); !strings.Contains(resp, "[Error 4003]") {
			t.Errorf("page %v: %s", bad, resp)
		}
	}
	sorted := string(c.send(document("s", cmd("GroupCallCenterGetInstancePagedSortedListRequest",
		`<serviceProviderId>sp</serviceProviderId><groupId>g</groupId><sortOrder><sortByCallCenterName><isAscending>true</isAscending></sortByCallCenterName></sortOrder>`))))
	if !strings.Contains(sorted, "[Error 4003]") {
		t.Errorf("sort order: %s", sorted)
	}
	act := func(body string) string {
		return string(c.send(document("s", cmd("GroupCallCenterModifyActiveInstanceListRequest", body))))
	}
	sa := func(id, active string) string {
		return "<serviceActivation><serviceUserId>" + id + "</serviceUserId><isActive>" + active + "</isActive></serviceActivation>"
	}
	if resp := act(sa("a@example.com", "false") + sa("nobody@example.com", "false")); !strings.Contains(resp, "[Error 4008]") || !s.Active("a@example.com") {
		t.Errorf("unknown id: %s (a active: %t)", resp, s.Active("a@example.com"))
	}
	if resp := act(sa("a@example.com", "false") + sa("c@example.com", "0")); !strings.Contains(resp, "SuccessResponse") || s.Active("a@example.com") || s.Active("c@example.com") || !s.Active("b@example.com") {
		t.Errorf("deactivate: %s", resp)
	}
	if resp := page("1", "3"); strings.Count(resp, "<col>false</col>") != 2+3 { // 2 inactive + 3 "Video" columns
		t.Errorf("list after deactivation: %s", resp)
	}
}

func TestFaultVocabulary(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c := dial(t, s.TCPAddr(), nil)
	c.nonceLogin("s", DefaultUser, DefaultPassword)
	// Times 0 means once; Status without Message gives a summary of its own.
	s.Inject(fault.Fault{ServiceUserID: "once@example.com", Status: 4321})
	if resp := string(c.send(document("s", add("once@example.com")))); !strings.Contains(resp, "<summary>[Error 4321] Injected failure</summary>") {
		t.Errorf("first: %s", resp)
	}
	if resp := string(c.send(document("s", add("once@example.com")))); !strings.Contains(resp, "SuccessResponse") {
		t.Errorf("second: %s", resp)
	}
	s.FailNext(2, 500)
	resp := string(c.send(document("s", add("f1@example.com"), add("f2@example.com"), add("f3@example.com"))))
	if strings.Count(resp, "<summary>[Error 4000] Injected failure</summary>") != 2 || strings.Count(resp, "SuccessResponse") != 1 {
		t.Errorf("FailNext(2): %s", resp)
	}
	// A fault with a login Path hits the login; without, logins pass.
	s.Inject(fault.Fault{Path: "LoginRequest14sp4", Status: 4962, Message: "[Error 4962] Invalid password (injected)"})
	c2 := dial(t, s.TCPAddr(), nil)
	if resp := string(c2.nonceLogin("s2", DefaultUser, DefaultPassword)); !strings.Contains(resp, "(injected)") {
		t.Errorf("login fault: %s", resp)
	}
	s.DropNext(1)
	c3 := dial(t, s.TCPAddr(), nil)
	c3.nonceLogin("s3", DefaultUser, DefaultPassword) // logins are not hit by DropNext
	if _, err := c3.c.Write([]byte(document("s3", add("dropped@example.com")) + "\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := readDoc(c3.br, 1<<20); err == nil {
		t.Error("answer despite DropNext")
	}
	if _, ok := s.CallCenter("dropped@example.com"); ok {
		t.Error("DropNext carried the add out")
	}
	if fs := s.FaultStats(); fs.Faults != 5 || fs.Dropped != 1 || fs.Statuses != 4 {
		t.Errorf("fault stats %+v", fs)
	}
}
