package broadworkstest_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
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
		"later":        `{"format": "broadworkstest-state", "version": 2}`,
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
