package apio_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/jarcoal/httpmock"
)

const mockBase = "https://apio.example.test"

// Bodies of reference 001.
const (
	// refCreate is the create example of reference 001 (with the comma it
	// lacks after serviceInstanceProfile).
	refCreate = `{
   "serviceUserId": "APIOTestCCBasic@sip.netaxis.be",
   "serviceInstanceProfile": {
      "name": "Test User Basic",
      "password": "test_password",
      "department": {
          "tenantId": "ApioSpTest",
          "groupId": "ApioGrpTest",
          "departmentName": "test_department_initial"
      },
      "cliFirstName": "First Name",
      "cliLastName": "Last Name",
      "language": "English",
      "timeZone": "Europe/Brussels"
   },
   "type": "Basic",
   "policy": "Regular",
   "templateName": "basic"
}`
	refGet = `{
   "callCenterInstance": {
      "serviceUserId": "APIOTestCCBasic@sip.netaxis.be",
      "serviceInstanceProfile": {
         "name": "Test User Basic",
         "cliFirstName": "First Name",
         "cliLastName": "Last Name",
         "language": "English",
         "timeZone": "Europe/Brussels",
         "phoneNumber": "",
         "department": {
              "tenantId": "ApioSpTest",
              "groupId": "ApioGrpTest",
              "departmentName": "test_department_initial"
         },
         "extension": "",
         "cliPhoneNumber": null,
         "publicUserIdentity": ""
      },
      "policy": "Regular",
      "type": "Basic",
      "routingType": "Priority Based",
      "queueLength": 0,
      "enableReporting": false,
      "allowCallerToDialEscapeDigit": true,
      "escapeDigit": "0",
      "resetCallStatisticsUponEntryInQueue": false,
      "allowAgentLogoff": false,
      "allowCallWaitingForAgents": false,
      "allowCallsToAgentsInWrapUp": false,
      "overrideAgentWrapUpTime": false,
      "wrapUpSeconds": 0,
      "forceDeliveryOfCalls": false,
      "forceDeliveryWaitTimeSeconds": 1,
      "enableAutomaticStateChangeForAgents": false,
      "agentStateAfterCall": "Available",
      "agentUnavailableCode": "",
      "externalPreferredAudioCodec": "None",
      "internalPreferredAudioCodec": "None",
      "playRingingWhenOfferingCall": true,
      "callCenterQueueThresholdsIsActive": false,
      "networkClassOfService": ""
   }
}`
	refList = `{
   "call_centers": [
      {
         "serviceUserId": "APIOTestCCBasic@sip.netaxis.be",
         "name": "Test User Basic",
         "phoneNumber": "",
         "extension": "",
         "department": {
              "tenantId": "ApioSpTest",
              "groupId": "ApioGrpTest",
              "departmentName": "test_department_initial",
              "fullPathName": "test_department_parent_1 \\ test_department_initial"
         },
         "active": true,
         "policy": "Regular",
         "type": "Basic"
      }
   ]
}`
	refID        = "APIOTestCCBasic@sip.netaxis.be"
	refGroupPath = "/api/v1/tenants/foo/groups/foogroup/services/call_centers/"
	refInstance  = refGroupPath + "APIOTestCCBasic@sip.netaxis.be/"
)

// want describes one request as it must reach the wire, and the answer.
type want struct {
	method string
	path   string            // escaped path
	header map[string]string // headers that must be present with these values ("" = absent)
	body   string            // exact body ("" = none)
	status int
	answer string
}

// expect registers a responder for w that fails the test when the request
// differs, and counts the calls.
func expect(t *testing.T, mock *httpmock.MockTransport, w want) *atomic.Int32 {
	t.Helper()
	var calls atomic.Int32
	mock.RegisterResponder(w.method, mockBase+w.path, func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		checkRequest(t, r, w)
		status := w.status
		if status == 0 {
			status = http.StatusOK
		}
		resp := httpmock.NewStringResponse(status, w.answer)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return &calls
}

func checkRequest(t *testing.T, r *http.Request, w want) {
	t.Helper()
	if got := r.URL.EscapedPath(); got != w.path {
		t.Errorf("%s path = %q, want %q", w.method, got, w.path)
	}
	if r.URL.RawQuery != "" {
		t.Errorf("%s %s: unexpected query %q", w.method, w.path, r.URL.RawQuery)
	}
	for k, v := range w.header {
		if got := r.Header.Get(k); got != v {
			t.Errorf("%s %s header %s = %q, want %q", w.method, w.path, k, got, v)
		}
	}
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
	}
	if string(body) != w.body {
		t.Errorf("%s %s body =\n%s\nwant\n%s", w.method, w.path, body, w.body)
	}
	if w.body != "" && r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("%s %s Content-Type = %q", w.method, w.path, r.Header.Get("Content-Type"))
	}
}

// tokenClient returns a client using a machine token over mock.
func tokenClient(t *testing.T) (*apio.Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	c, err := apio.NewClient(mockBase, apio.WithToken("m2m-token-123"),
		apio.WithHTTPClient(&http.Client{Transport: mock}), apio.WithRetry(-1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return c, mock
}

var bearerHeaders = map[string]string{
	"Authorization": "Bearer m2m-token-123",
	"Accept":        "application/json",
	"User-Agent":    apio.DefaultUserAgent,
}

// refCenter is the call center of reference 001's create example.
func refCenter() callcenter.CallCenter {
	return callcenter.CallCenter{
		ServiceProviderID: "foo",
		GroupID:           "foogroup",
		ServiceUserID:     refID,
		Profile: callcenter.Profile{
			Name:                   "Test User Basic",
			Password:               "test_password",
			CallingLineIDFirstName: "First Name",
			CallingLineIDLastName:  "Last Name",
			Language:               "English",
			TimeZone:               "Europe/Brussels",
		},
		Type:   callcenter.Basic,
		Policy: callcenter.Regular,
	}
}

func refDepartment() *apio.Department {
	return &apio.Department{TenantID: "ApioSpTest", GroupID: "ApioGrpTest", Name: "test_department_initial"}
}

func sameJSON(t *testing.T, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("got invalid JSON %s: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want invalid JSON %s: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("JSON differs:\n got %s\nwant %s", got, want)
	}
}

func TestShapeCreate(t *testing.T) {
	c, mock := tokenClient(t)
	const body = `{"serviceUserId":"APIOTestCCBasic@sip.netaxis.be","serviceInstanceProfile":{"name":"Test User Basic",` +
		`"department":{"tenantId":"ApioSpTest","groupId":"ApioGrpTest","departmentName":"test_department_initial"},` +
		`"cliFirstName":"First Name","cliLastName":"Last Name","language":"English","timeZone":"Europe/Brussels",` +
		`"password":"test_password"},"type":"Basic","policy":"Regular","templateName":"basic"}`
	sameJSON(t, body, refCreate) // the exact body below is reference 001's example
	calls := expect(t, mock, want{method: http.MethodPost, path: refGroupPath, header: bearerHeaders, body: body, answer: refGet})

	in, err := c.CreateCallCenter(context.Background(), &apio.CreateCallCenterRequest{
		CallCenter: refCenter(), Department: refDepartment(), TemplateName: "basic",
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 {
		t.Fatalf("calls = %d", calls.Load())
	}
	if in.ServiceUserID != refID || in.TenantID != "foo" || in.GroupID != "foogroup" || in.Profile.Name != "Test User Basic" {
		t.Errorf("instance = %+v", in)
	}
}

func TestShapeGet(t *testing.T) {
	c, mock := tokenClient(t)
	expect(t, mock, want{method: http.MethodGet, path: refInstance, header: bearerHeaders, answer: refGet})

	in, err := c.GetCallCenter(context.Background(), "foo", "foogroup", refID)
	if err != nil {
		t.Fatal(err)
	}
	p := in.Profile
	if in.ServiceUserID != refID || p.Name != "Test User Basic" || p.CLIFirstName != "First Name" || p.CLILastName != "Last Name" ||
		p.Language != "English" || p.TimeZone != "Europe/Brussels" || p.CLIPhoneNumber != "" ||
		p.Department == nil || *p.Department != *refDepartment() {
		t.Errorf("profile = %+v", p)
	}
	if in.Type != callcenter.Basic || in.Policy != callcenter.Regular || in.RoutingType != callcenter.PriorityBased ||
		in.QueueLength == nil || *in.QueueLength != 0 || in.EscapeDigit != "0" || in.WrapUpSeconds == nil || *in.WrapUpSeconds != 0 ||
		in.ForceDeliveryWaitTimeSeconds == nil || *in.ForceDeliveryWaitTimeSeconds != 1 || in.AgentStateAfterCall != callcenter.Available ||
		in.ExternalPreferredAudioCodec != callcenter.CodecNone || in.PlayRingingWhenOfferingCall == nil || !*in.PlayRingingWhenOfferingCall ||
		in.CallCenterQueueThresholdsIsActive == nil || *in.CallCenterQueueThresholdsIsActive {
		t.Errorf("instance = %+v", in)
	}

	// Back into the model: a Basic call center, without the placeholders
	// APIO gives the Standard and Premium options, in a group department.
	got := in.CallCenter()
	want := callcenter.CallCenter{
		ServiceProviderID: "foo", GroupID: "foogroup", ServiceUserID: refID,
		Profile: callcenter.Profile{
			Name: "Test User Basic", CallingLineIDFirstName: "First Name", CallingLineIDLastName: "Last Name",
			Language: "English", TimeZone: "Europe/Brussels",
			Department: callcenter.Department{Name: "test_department_initial", Level: callcenter.GroupDepartment},
		},
		Type: callcenter.Basic, Policy: callcenter.Regular,
		QueueLength:                         new(0),
		AllowCallerToDialEscapeDigit:        new(true),
		EscapeDigit:                         "0",
		ResetCallStatisticsUponEntryInQueue: new(false),
		AllowAgentLogoff:                    new(false),
		AllowCallWaitingForAgents:           new(false),
		ExternalPreferredAudioCodec:         callcenter.CodecNone,
		InternalPreferredAudioCodec:         callcenter.CodecNone,
		PlayRingingWhenOfferingCall:         new(true),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CallCenter() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestShapeList(t *testing.T) {
	c, mock := tokenClient(t)
	expect(t, mock, want{method: http.MethodGet, path: refGroupPath, header: bearerHeaders, answer: refList})

	list, err := collect(c.ListCallCenters(context.Background(), "foo", "foogroup"))
	if err != nil {
		t.Fatal(err)
	}
	wantList := []apio.CallCenterSummary{{
		ServiceUserID: refID, Name: "Test User Basic",
		Department: &apio.Department{TenantID: "ApioSpTest", GroupID: "ApioGrpTest", Name: "test_department_initial",
			FullPathName: `test_department_parent_1 \ test_department_initial`},
		Active: true, Policy: callcenter.Regular, Type: callcenter.Basic,
	}}
	if !reflect.DeepEqual(list, wantList) {
		t.Errorf("list = %+v", list)
	}

	var n int
	for s, err := range c.ListCallCenters(context.Background(), "foo", "foogroup") {
		if err != nil || s.ServiceUserID != refID {
			t.Errorf("ListCallCenters yielded %+v, %v", s, err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("ListCallCenters yielded %d", n)
	}
}

func TestShapeUpdate(t *testing.T) {
	c, mock := tokenClient(t)
	// The update example of reference 001.
	expect(t, mock, want{method: http.MethodPut, path: refInstance, header: bearerHeaders,
		body: `{"serviceInstanceProfile":{"language":"French"},"queueLength":10}`, answer: refGet})

	in, err := c.UpdateCallCenter(context.Background(), &apio.UpdateCallCenterRequest{CallCenter: callcenter.CallCenter{
		ServiceProviderID: "foo", GroupID: "foogroup", ServiceUserID: refID,
		Profile:     callcenter.Profile{Language: "French"},
		QueueLength: new(10),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if in == nil || in.ServiceUserID != refID {
		t.Errorf("instance = %+v", in)
	}
}

func TestShapeDelete(t *testing.T) {
	c, mock := tokenClient(t)
	calls := expect(t, mock, want{method: http.MethodDelete, path: refInstance, header: bearerHeaders})
	if err := c.DeleteCallCenter(context.Background(), "foo", "foogroup", refID); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 {
		t.Errorf("calls = %d", calls.Load())
	}
}

func TestShapeSetActive(t *testing.T) {
	c, mock := tokenClient(t)
	calls := expect(t, mock, want{method: http.MethodPut, path: refGroupPath + "active_instance/", header: bearerHeaders,
		body: `{"services":[{"serviceUserId":"APIOTestCCBasic@sip.netaxis.be","active":true}]}`, answer: `{}`})
	if err := c.SetActive(context.Background(), "foo", "foogroup", true, refID); err != nil {
		t.Fatal(err)
	}
	mock.Reset()
	calls2 := expect(t, mock, want{method: http.MethodPut, path: refGroupPath + "active_instance/", header: bearerHeaders,
		body: `{"services":[{"serviceUserId":"a@x.example","active":false},{"serviceUserId":"b@x.example","active":true}]}`, answer: `{}`})
	err := c.SetActiveStatus(context.Background(), "foo", "foogroup", []apio.ActiveStatus{
		{ServiceUserID: "a@x.example", Active: false}, {ServiceUserID: "b@x.example", Active: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 || calls2.Load() != 1 {
		t.Errorf("calls = %d, %d", calls.Load(), calls2.Load())
	}
}

// TestShapeEscaping checks that each path segment is escaped on its own: a
// slash or a space in an id cannot change the path, and @ stays as is.
func TestShapeEscaping(t *testing.T) {
	c, mock := tokenClient(t)
	const path = "/api/v1/tenants/sp%201%2Fa/groups/g%25rp%3F/services/call_centers/cc%20%231@sip.example.com/"
	calls := expect(t, mock, want{method: http.MethodGet, path: path, header: bearerHeaders,
		answer: `{"callCenterInstance":{"serviceUserId":"cc #1@sip.example.com"}}`})
	in, err := c.GetCallCenter(context.Background(), "sp 1/a", "g%rp?", "cc #1@sip.example.com")
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 || in.ServiceUserID != "cc #1@sip.example.com" || in.TenantID != "sp 1/a" {
		t.Errorf("calls = %d, instance = %+v", calls.Load(), in)
	}
}

func TestBadInputNoRequest(t *testing.T) {
	c, mock := tokenClient(t)
	ctx := context.Background()
	basicWithWrapUp := refCenter()
	basicWithWrapUp.WrapUpSeconds = new(30) // a Standard option on a Basic call center
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"get without tenant", func() error { _, err := c.GetCallCenter(ctx, "", "g", "x@y"); return err }, "serviceProviderId"},
		{"get with .. id", func() error { _, err := c.GetCallCenter(ctx, "t", "g", ".."); return err }, "serviceUserId"},
		{"delete without group", func() error { return c.DeleteCallCenter(ctx, "t", "", "x@y") }, "groupId"},
		{"set active without ids", func() error { return c.SetActive(ctx, "t", "g", true) }, "services"},
		{"set active with empty id", func() error { return c.SetActive(ctx, "t", "g", true, "a@b", "") }, "services[1].serviceUserId"},
		{"create Basic with wrapUpSeconds", func() error {
			_, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: basicWithWrapUp})
			return err
		}, "wrapUpSeconds"},
		{"create with nameless department", func() error {
			_, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: refCenter(), Department: &apio.Department{TenantID: "t"}})
			return err
		}, "serviceInstanceProfile.department.departmentName"},
		{"create nil", func() error { _, err := c.CreateCallCenter(ctx, nil); return err }, "request: is nil"},
		{"update nil", func() error { _, err := c.UpdateCallCenter(ctx, nil); return err }, "request: is nil"},
		{"validate nil create", func() error { return (*apio.CreateCallCenterRequest)(nil).Validate() }, "request: is nil"},
		{"validate nil update", func() error { return (*apio.UpdateCallCenterRequest)(nil).Validate() }, "request: is nil"},
		{"update without ids", func() error { _, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{}); return err }, "serviceProviderId"},
	} {
		if err := tc.call(); err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%s: error %v does not name %s", tc.name, err, tc.field)
		}
	}
	if n := mock.GetTotalCallCount(); n != 0 {
		t.Errorf("bad input sent %d requests", n)
	}
	_, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: basicWithWrapUp})
	var ve *callcenter.ValidationError
	if !errors.As(err, &ve) || !ve.Has("wrapUpSeconds") {
		t.Errorf("create error is not a ValidationError naming wrapUpSeconds: %v", err)
	}
}

// loginClient returns a client with a password login over mock.
func loginClient(t *testing.T, opts ...apio.Option) (*apio.Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	opts = append([]apio.Option{apio.WithLogin("admin", "pw-Secret-1234"),
		apio.WithHTTPClient(&http.Client{Transport: mock}), apio.WithRetry(-1, 0, 0)}, opts...)
	c, err := apio.NewClient(mockBase, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, mock
}

// TestShapeLoginRefresh follows a session: login, a request, the access
// token refused, a refresh with the refresh token, the request repeated;
// then the refresh token refused and a fresh login.
func TestShapeLoginRefresh(t *testing.T) {
	c, mock := loginClient(t)
	ctx := context.Background()
	jsonHeaders := map[string]string{"Authorization": "", "Content-Type": "application/json", "Accept": "application/json"}

	var access atomic.Value // the access token the fake API accepts
	access.Store("at-1")
	logins := expect(t, mock, want{method: http.MethodPost, path: "/api/v01/auth/login", header: jsonHeaders,
		body: `{"username":"admin","password":"pw-Secret-1234"}`, answer: `{"access_token":"at-1","refresh_token":"rt-1"}`})
	var apiCalls atomic.Int32
	mock.RegisterResponder(http.MethodGet, mockBase+refGroupPath, func(r *http.Request) (*http.Response, error) {
		apiCalls.Add(1)
		if r.Header.Get("Authorization") != "Bearer "+access.Load().(string) {
			return httpmock.NewStringResponse(401, `{"error":"token has expired"}`), nil
		}
		return httpmock.NewStringResponse(200, `{"call_centers":[]}`), nil
	})

	if _, err := collect(c.ListCallCenters(ctx, "foo", "foogroup")); err != nil {
		t.Fatal(err)
	}
	if logins.Load() != 1 || apiCalls.Load() != 1 {
		t.Fatalf("logins = %d, api calls = %d", logins.Load(), apiCalls.Load())
	}

	// The access token expires: one refresh, with the refresh token.
	access.Store("at-2")
	refreshes := expect(t, mock, want{method: http.MethodGet, path: "/api/v01/auth/access_token",
		header: map[string]string{"Authorization": "Bearer rt-1"}, answer: `{"access_token":"at-2"}`})
	if _, err := collect(c.ListCallCenters(ctx, "foo", "foogroup")); err != nil {
		t.Fatal(err)
	}
	if logins.Load() != 1 || refreshes.Load() != 1 || apiCalls.Load() != 3 {
		t.Fatalf("logins = %d, refreshes = %d, api calls = %d", logins.Load(), refreshes.Load(), apiCalls.Load())
	}

	// The refresh token is refused: one fresh login.
	access.Store("at-3")
	refused := expect(t, mock, want{method: http.MethodGet, path: "/api/v01/auth/access_token",
		header: map[string]string{"Authorization": "Bearer rt-1"}, status: 401, answer: `{"error":"Signature has expired"}`})
	relogins := expect(t, mock, want{method: http.MethodPost, path: "/api/v01/auth/login", header: jsonHeaders,
		body: `{"username":"admin","password":"pw-Secret-1234"}`, answer: `{"access_token":"at-3","refresh_token":"rt-2"}`})
	if _, err := collect(c.ListCallCenters(ctx, "foo", "foogroup")); err != nil {
		t.Fatal(err)
	}
	if refused.Load() != 1 || relogins.Load() != 1 || apiCalls.Load() != 5 {
		t.Fatalf("refused refreshes = %d, fresh logins = %d, api calls = %d", refused.Load(), relogins.Load(), apiCalls.Load())
	}

	// The new refresh token is used next time.
	access.Store("at-4")
	refreshes2 := expect(t, mock, want{method: http.MethodGet, path: "/api/v01/auth/access_token",
		header: map[string]string{"Authorization": "Bearer rt-2"}, answer: `{"access_token":"at-4"}`})
	if _, err := collect(c.ListCallCenters(ctx, "foo", "foogroup")); err != nil {
		t.Fatal(err)
	}
	if refreshes2.Load() != 1 {
		t.Fatalf("refreshes with rt-2 = %d", refreshes2.Load())
	}
}

func TestShapeTwoFactor(t *testing.T) {
	for _, tc := range []struct{ option, path string }{
		{"", "/api/v01/auth/2fa"},
		{`,"option":"email"`, "/api/v01/auth/2fa"},
		{`,"option":"totp"`, "/api/v01/auth/2fa_totp"},
	} {
		var methods []string
		c, mock := loginClient(t, apio.WithTwoFactor(func(ctx context.Context) (string, error) {
			methods = append(methods, apio.TwoFactorMethod(ctx))
			return "123456", nil
		}))
		expect(t, mock, want{method: http.MethodPost, path: "/api/v01/auth/login",
			body: `{"username":"admin","password":"pw-Secret-1234"}`, answer: `{"2fa_payload":"pl-1"` + tc.option + `}`})
		second := expect(t, mock, want{method: http.MethodPost, path: tc.path,
			header: map[string]string{"Authorization": "", "Content-Type": "application/json"},
			body:   `{"2fa_payload":"pl-1","code":"123456"}`, answer: `{"access_token":"at-1","refresh_token":"rt-1"}`})
		expect(t, mock, want{method: http.MethodGet, path: refGroupPath,
			header: map[string]string{"Authorization": "Bearer at-1"}, answer: `{"call_centers":[]}`})
		if _, err := collect(c.ListCallCenters(context.Background(), "foo", "foogroup")); err != nil {
			t.Fatalf("option %q: %v", tc.option, err)
		}
		if second.Load() != 1 || len(methods) != 1 {
			t.Errorf("option %q: two-factor posts = %d, callback calls = %d", tc.option, second.Load(), len(methods))
		}
		if wantMethod := strings.Trim(strings.TrimPrefix(tc.option, `,"option":`), `"`); methods[0] != wantMethod {
			t.Errorf("TwoFactorMethod = %q, want %q", methods[0], wantMethod)
		}
	}
}

func TestShapeTwoFactorWithoutCallback(t *testing.T) {
	c, mock := loginClient(t)
	expect(t, mock, want{method: http.MethodPost, path: "/api/v01/auth/login",
		body: `{"username":"admin","password":"pw-Secret-1234"}`, answer: `{"2fa_payload":"pl-1","option":"email"}`})
	_, err := collect(c.ListCallCenters(context.Background(), "foo", "foogroup"))
	if err == nil || !strings.Contains(err.Error(), "WithTwoFactor") {
		t.Fatalf("err = %v, want one naming WithTwoFactor", err)
	}
	if n := mock.GetTotalCallCount(); n != 1 {
		t.Errorf("requests = %d, want only the login", n)
	}
}

// TestErrorDecoding checks both of APIO's error shapes and that a password
// the server quotes back does not reach the error.
func TestErrorDecoding(t *testing.T) {
	c, mock := tokenClient(t)
	ctx := context.Background()
	mock.RegisterResponder(http.MethodPost, mockBase+refGroupPath,
		httpmock.NewStringResponder(400, `{"error":"[Error 4962] Invalid password: test_password"}`))
	_, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: refCenter()})
	var ae *apio.Error
	if !errors.As(err, &ae) || ae.StatusCode != 400 || ae.Message != "[Error 4962] Invalid password: [REDACTED]" {
		t.Fatalf("err = %#v", err)
	}
	if strings.Contains(err.Error(), "test_password") || strings.Contains(ae.Body, "test_password") {
		t.Errorf("error leaks the password: %v / %s", err, ae.Body)
	}
	if errors.Is(err, apio.ErrOutcomeUnknown) {
		t.Errorf("a 400 must not be outcome-unknown")
	}

	mock.RegisterResponder(http.MethodGet, mockBase+refInstance,
		httpmock.NewStringResponder(404, `{"errors":[{"message":"User not found","field":"serviceUserId"}]}`))
	_, err = c.GetCallCenter(ctx, "foo", "foogroup", refID)
	if !errors.As(err, &ae) || ae.Message != "serviceUserId: User not found" || !errors.Is(err, apio.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
}

func TestNewClientErrors(t *testing.T) {
	for name, opts := range map[string][]apio.Option{
		"no credentials": nil,
		"both":           {apio.WithLogin("u", "p"), apio.WithToken("t")},
		"empty password": {apio.WithLogin("u", "")},
		"empty user":     {apio.WithLogin("", "p")},
		"empty token":    {apio.WithToken("")},
	} {
		if c, err := apio.NewClient(mockBase, opts...); err == nil || c != nil {
			t.Errorf("%s: NewClient = %v, %v; want an error", name, c, err)
		}
	}
	if _, err := apio.NewClient("apio.example.test", apio.WithToken("t")); err == nil {
		t.Error("a base URL without scheme must be refused")
	}
}
