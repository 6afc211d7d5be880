package broadworkstest_test

import (
	"bytes"
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/modeltest"
)

// TestSaveLoadState: a state saved and loaded into a new server holds the
// same call centers (every column, passwords, active status), users,
// groups and departments, and saves to the same bytes; a document that is
// not a state, of a later version or with one id twice is refused and
// leaves the server as it was.
func TestSaveLoadState(t *testing.T) {
	srv := broadworkstest.NewServer(broadworkstest.WithUser("ops@example.com", "ops-pässword"),
		broadworkstest.WithGroup("MyServiceProvider", "SalesGroup"), broadworkstest.WithDepartment("MyServiceProvider", "SalesGroup", "Sales"))
	defer srv.Close()
	c, err := broadworks.NewClient(srv.TLSAddr(), "ops@example.com", "ops-pässword", broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	full := modeltest.Full()
	other := full
	other.ServiceUserID, other.Profile.Password = "other@example.com", "other-secret"
	if err := c.AddCallCenter(ctx, full); err != nil {
		t.Fatal(err)
	}
	if err := c.AddCallCenter(ctx, other); err != nil {
		t.Fatal(err)
	}
	if err := c.SetActive(ctx, false, other.ServiceUserID); err != nil {
		t.Fatal(err)
	}
	var saved bytes.Buffer
	if err := srv.SaveState(&saved); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(saved.String(), `"format": "broadworkstest-state"`) || !strings.Contains(saved.String(), `"version": 1`) {
		t.Errorf("saved:\n%s", saved.String())
	}

	again := broadworkstest.NewServer()
	defer again.Close()
	if err := again.LoadState(bytes.NewReader(saved.Bytes())); err != nil {
		t.Fatal(err)
	}
	if got, want := again.CallCenters(), srv.CallCenters(); !reflect.DeepEqual(got, want) {
		t.Errorf("loaded call centers:\n%+v\nwant\n%+v", got, want)
	}
	if again.Active(other.ServiceUserID) || !again.Active(full.ServiceUserID) {
		t.Error("active status not kept")
	}
	var resaved bytes.Buffer
	if err := again.SaveState(&resaved); err != nil || !bytes.Equal(resaved.Bytes(), saved.Bytes()) {
		t.Errorf("saved again (%v):\n%s\nwant\n%s", err, resaved.String(), saved.String())
	}
	// The loaded users log in; the loaded groups and departments are the
	// only ones that exist.
	c2, err := broadworks.NewClient(again.TLSAddr(), "ops@example.com", "ops-pässword", broadworks.WithTLSConfig(again.ClientTLSConfig()))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if _, err := c2.GetCallCenter(ctx, full.ServiceUserID); err != nil {
		t.Errorf("the loaded user: %v", err)
	}
	elsewhere := full
	elsewhere.ServiceUserID, elsewhere.GroupID = "new@example.com", "OtherGroup"
	if err := c2.AddCallCenter(ctx, elsewhere); err == nil {
		t.Error("a group the state does not declare exists")
	}

	for name, doc := range map[string]string{
		"not json":     "{",
		"other format": `{"format": "something", "version": 1}`,
		"later":        `{"format": "broadworkstest-state", "version": ` + strconv.Itoa(broadworkstest.StateVersion+1) + `}`,
		"twice": `{"format": "broadworkstest-state", "version": 1, "call_centers": [` +
			`{"call_center": {"service_provider_id": "S", "group_id": "G", "service_user_id": "a@x"}},` +
			`{"call_center": {"service_provider_id": "S", "group_id": "G", "service_user_id": " A@X "}}]}`,
		"no id": `{"format": "broadworkstest-state", "version": 1, "call_centers": [{"call_center": {"service_provider_id": "S", "group_id": "G"}}]}`,
	} {
		if err := again.LoadState(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: loaded", name)
		}
		if len(again.CallCenters()) != 2 {
			t.Errorf("%s: a refused state changed the server", name)
		}
	}
}

// TestSaveLoadStaffing: the users of the groups and the call centers'
// agents (skill levels included) and supervisors are saved and loaded, so
// that a rehearsal of an agent sheet keeps them from run to run (before,
// the saved state dropped them without a word). A state with none of them
// is still version 1, which older fakes read; one with them is version 2,
// which they refuse rather than drop. An agent who is not a group user is
// refused.
func TestSaveLoadStaffing(t *testing.T) {
	srv := broadworkstest.NewServer(broadworkstest.WithGroupUsers("SP", "G1", "a1@example.com", "a2@example.com", "boss@example.com"))
	defer srv.Close()
	c, err := broadworks.NewClient(srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	cc := callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: "skill@example.com", Type: callcenter.Premium,
		RoutingType: callcenter.SkillBased, Policy: callcenter.Regular, Profile: callcenter.Profile{Password: "pw-123456"}}
	if err := c.AddCallCenter(ctx, cc); err != nil {
		t.Fatal(err)
	}
	if err := c.AddAgents(ctx, cc.ServiceUserID, callcenter.Agent{UserID: "a1@example.com", SkillLevel: 7}, callcenter.Agent{UserID: "a2@example.com", SkillLevel: 3}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddSupervisors(ctx, cc.ServiceUserID, "boss@example.com"); err != nil {
		t.Fatal(err)
	}
	want, _ := srv.Staffing(cc.ServiceUserID)
	var saved bytes.Buffer
	if err := srv.SaveState(&saved); err != nil || !strings.Contains(saved.String(), `"version": 2`) {
		t.Fatalf("saved (%v):\n%s", err, saved.String())
	}
	again := broadworkstest.NewServer()
	defer again.Close()
	if err := again.LoadState(bytes.NewReader(saved.Bytes())); err != nil {
		t.Fatal(err)
	}
	if got, _ := again.Staffing(cc.ServiceUserID); !reflect.DeepEqual(got, want) {
		t.Errorf("loaded staffing %+v, want %+v", got, want)
	}
	var resaved bytes.Buffer
	if err := again.SaveState(&resaved); err != nil || !bytes.Equal(resaved.Bytes(), saved.Bytes()) {
		t.Errorf("saved again (%v):\n%s\nwant\n%s", err, resaved.String(), saved.String())
	}
	// The loaded group users can be staffed; others cannot.
	c2, err := broadworks.NewClient(again.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if err := c2.RemoveAgents(ctx, cc.ServiceUserID, "a2@example.com"); err != nil {
		t.Errorf("a loaded agent: %v", err)
	}
	if err := c2.AddAgents(ctx, cc.ServiceUserID, callcenter.Agent{UserID: "a2@example.com"}); err != nil {
		t.Errorf("a loaded group user: %v", err)
	}
	if err := c2.AddAgents(ctx, cc.ServiceUserID, callcenter.Agent{UserID: "stranger@example.com"}); err == nil {
		t.Error("a user the state does not hold was staffed")
	}
	// An agent who is no group user: refused, the server left as it was.
	bad := strings.Replace(saved.String(), `"user_id": "a1@example.com"
    },`, `"user_id": "x@example.com"
    },`, 1)
	if bad == saved.String() {
		t.Fatalf("the test's edit did not apply:\n%s", saved.String())
	}
	if err := again.LoadState(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "not a group user") {
		t.Errorf("an agent who is no group user: %v", err)
	}
	if _, ok := again.Staffing(cc.ServiceUserID); !ok {
		t.Error("a refused state changed the server")
	}
}

// TestLoadStateVersion1GroupUsers: the bulk-csv README tells an admin
// rehearsing an agent sheet to list the users in the group_users of the
// -fake-state file, which the tool wrote as version 1 (no staffing yet).
// Those users are loaded (before, a version 1 state's group_users were read,
// checked and then dropped without a word, every agent was "User not
// found", and the next save erased them from the file), and saved again.
func TestLoadStateVersion1GroupUsers(t *testing.T) {
	state := `{"format": "broadworkstest-state", "version": 1, "users": [], "groups": [], "departments": [],
		"group_users": [{"service_provider_id": "SP", "group_id": "G1", "user_id": "agent1@example.com"}],
		"call_centers": [{"call_center": {"service_provider_id": "SP", "group_id": "G1", "service_user_id": "cc@example.com",
			"type": "Basic", "policy": "Circular"}, "password": "pw-123456", "active": true}]}`
	srv := broadworkstest.NewServer()
	defer srv.Close()
	if err := srv.LoadState(strings.NewReader(state)); err != nil {
		t.Fatal(err)
	}
	c, err := broadworks.NewClient(srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.AddAgents(context.Background(), "cc@example.com", callcenter.Agent{UserID: "agent1@example.com"}); err != nil {
		t.Fatalf("a group user the version 1 state lists: %v", err)
	}
	var saved bytes.Buffer
	if err := srv.SaveState(&saved); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(saved.String(), `"group_users"`) || !strings.Contains(saved.String(), `"user_id": "agent1@example.com"`) {
		t.Errorf("the group users were not saved:\n%s", saved.String())
	}
	again := broadworkstest.NewServer()
	defer again.Close()
	if err := again.LoadState(bytes.NewReader(saved.Bytes())); err != nil {
		t.Errorf("the saved state (agents and group users) does not load: %v", err)
	}
}
