package apiotest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/fault"
)

const group = "/api/v1/tenants/sp1/groups/g1/services/call_centers/"

// do sends one request and returns the status, the decoded JSON answer and
// the headers.
func do(t *testing.T, srv *apiotest.Server, method, path, token, body string) (int, map[string]any, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: answer is not a JSON object: %v", method, path, err)
	}
	return resp.StatusCode, out, resp.Header
}

// login returns an access and a refresh token.
func login(t *testing.T, srv *apiotest.Server) (string, string) {
	t.Helper()
	st, out, _ := do(t, srv, http.MethodPost, "/api/v01/auth/login", "",
		fmt.Sprintf(`{"username":%q,"password":%q}`, apiotest.DefaultUser, apiotest.DefaultPassword))
	if st != 200 {
		t.Fatalf("login: %d %v", st, out)
	}
	return out["access_token"].(string), out["refresh_token"].(string)
}

// wantError checks status and that the APIO error message contains msg.
func wantError(t *testing.T, what string, status int, out map[string]any, wantStatus int, msg string) {
	t.Helper()
	e, _ := out["error"].(string)
	if status != wantStatus || !strings.Contains(e, msg) {
		t.Errorf("%s: %d %v, want %d with error containing %q", what, status, out, wantStatus, msg)
	}
}

const basic = `{"serviceUserId":"cc1@sip.example.com","serviceInstanceProfile":{"name":"CC 1","password":"Pa55word-1","cliFirstName":"A","cliLastName":"B"},"type":"Basic","policy":"Regular"}`

func TestAuth(t *testing.T) {
	srv := apiotest.NewServer(apiotest.WithMachineToken("m2m-token-1"))
	defer srv.Close()

	st, out, _ := do(t, srv, http.MethodPost, "/api/v01/auth/login", "", `{"username":"apio-admin","password":"nope"}`)
	wantError(t, "bad password", st, out, 401, "invalid credentials")

	st, out, _ = do(t, srv, http.MethodPost, "/api/v01/auth/login", "",
		fmt.Sprintf(`{"username":%q,"password":%q}`, apiotest.DefaultUser, apiotest.DefaultPassword))
	if st != 200 || out["access_token"] == "" || out["refresh_token"] == "" || out["token"] != "m2m-token-1" {
		t.Fatalf("login = %d %v", st, out)
	}
	access, refresh := out["access_token"].(string), out["refresh_token"].(string)

	st, out, _ = do(t, srv, http.MethodGet, group, "", "")
	wantError(t, "no token", st, out, 401, "access token")
	st, out, _ = do(t, srv, http.MethodGet, group, refresh, "")
	wantError(t, "refresh token as access token", st, out, 401, "expired or is invalid")
	for _, tok := range []string{access, "m2m-token-1"} {
		if st, out, _ = do(t, srv, http.MethodGet, group, tok, ""); st != 200 {
			t.Errorf("list with %s: %d %v", tok[:4], st, out)
		}
	}

	// Refresh: only with the refresh token; the old refresh token is not
	// about to expire, so no new one comes.
	st, out, _ = do(t, srv, http.MethodGet, "/api/v01/auth/access_token", access, "")
	wantError(t, "refresh with access token", st, out, 401, "refresh token")
	srv.ExpireAccessTokens()
	st, out, _ = do(t, srv, http.MethodGet, group, access, "")
	wantError(t, "expired access token", st, out, 401, "expired")
	st, out, _ = do(t, srv, http.MethodGet, "/api/v01/auth/access_token", refresh, "")
	if _, renewed := out["refresh_token"]; st != 200 || out["access_token"] == nil || renewed {
		t.Fatalf("refresh = %d %v", st, out)
	}
	if st, out, _ = do(t, srv, http.MethodGet, group, out["access_token"].(string), ""); st != 200 {
		t.Errorf("list with refreshed token: %d %v", st, out)
	}
	srv.RevokeRefreshTokens()
	st, out, _ = do(t, srv, http.MethodGet, "/api/v01/auth/access_token", refresh, "")
	wantError(t, "revoked refresh token", st, out, 401, "refresh token")

	if s := srv.Stats(); s.Logins != 1 || s.FailedLogins != 1 || s.Refreshes != 1 || s.RefusedRefreshes != 2 || s.Unauthorized != 3 {
		t.Errorf("stats = %+v", s)
	}
}

// TestTokenLifetimes lets a very short access token expire by itself, and
// sees a refresh token about to expire replaced.
func TestTokenLifetimes(t *testing.T) {
	srv := apiotest.NewServer(apiotest.WithTokenLifetimes(time.Millisecond, time.Minute))
	defer srv.Close()
	access, _ := login(t, srv)
	time.Sleep(10 * time.Millisecond)
	st, out, _ := do(t, srv, http.MethodGet, group, access, "")
	wantError(t, "access token past its lifetime", st, out, 401, "expired")

	srv2 := apiotest.NewServer(apiotest.WithTokenLifetimes(time.Hour, time.Minute))
	defer srv2.Close()
	_, refresh := login(t, srv2)
	st, out, _ = do(t, srv2, http.MethodGet, "/api/v01/auth/access_token", refresh, "")
	if nr, _ := out["refresh_token"].(string); st != 200 || nr == "" || nr == refresh {
		t.Errorf("refresh near expiry = %d %v, want a new refresh token", st, out)
	}
}

func TestTwoFactor(t *testing.T) {
	srv := apiotest.NewServer(apiotest.WithTwoFactor("424242", "totp"))
	defer srv.Close()
	st, out, _ := do(t, srv, http.MethodPost, "/api/v01/auth/login", "",
		fmt.Sprintf(`{"username":%q,"password":%q}`, apiotest.DefaultUser, apiotest.DefaultPassword))
	payload, _ := out["2fa_payload"].(string)
	if st != 200 || payload == "" || out["option"] != "totp" || out["access_token"] != nil {
		t.Fatalf("login = %d %v", st, out)
	}
	st, out, _ = do(t, srv, http.MethodPost, "/api/v01/auth/2fa", "", fmt.Sprintf(`{"2fa_payload":%q,"code":"424242"}`, payload))
	wantError(t, "TOTP code on the e-mail path", st, out, 404, "not found")
	st, out, _ = do(t, srv, http.MethodPost, "/api/v01/auth/2fa_totp", "", fmt.Sprintf(`{"2fa_payload":%q,"code":"000000"}`, payload))
	wantError(t, "wrong code", st, out, 401, "invalid code")
	st, out, _ = do(t, srv, http.MethodPost, "/api/v01/auth/2fa_totp", "", fmt.Sprintf(`{"2fa_payload":%q,"code":"424242"}`, payload))
	if st != 200 || out["access_token"] == nil || out["refresh_token"] == nil {
		t.Fatalf("2fa = %d %v", st, out)
	}
	st, out, _ = do(t, srv, http.MethodPost, "/api/v01/auth/2fa_totp", "", fmt.Sprintf(`{"2fa_payload":%q,"code":"424242"}`, payload))
	wantError(t, "payload used twice", st, out, 401, "2fa_payload")
}

func TestCallCenterRules(t *testing.T) {
	srv := apiotest.NewServer()
	defer srv.Close()
	tok, _ := login(t, srv)

	for _, tc := range []struct {
		name, body string
		status     int
		msg        string
	}{
		{"Standard option on Basic", strings.Replace(basic, `"policy"`, `"wrapUpSeconds":30,"policy"`, 1), 400, "wrapUpSeconds is not available for Basic call centers"},
		{"Premium option on Standard", strings.Replace(strings.Replace(basic, `"Basic"`, `"Standard"`, 1), `"policy"`, `"forceDeliveryOfCalls":false,"policy"`, 1), 400, "forceDeliveryOfCalls is not available for Standard"},
		{"Standard option, no type (Basic by default)", strings.Replace(basic, `"type":"Basic",`, `"enableReporting":true,`, 1), 400, "enableReporting is not available for Basic"},
		{"unknown field", strings.Replace(basic, `"policy"`, `"colour":"red","policy"`, 1), 400, "unknown field colour"},
		{"unknown profile field", strings.Replace(basic, `"name"`, `"callingLineIdFirstName":"x","name"`, 1), 400, "unknown field serviceInstanceProfile.callingLineIdFirstName"},
		{"bad integer", strings.Replace(basic, `"policy"`, `"queueLength":"many","policy"`, 1), 400, "queueLength"},
		{"out of range", strings.Replace(basic, `"policy"`, `"queueLength":600,"policy"`, 1), 400, "queueLength"},
		{"bad policy", strings.Replace(basic, `"Regular"`, `"Random"`, 1), 400, "policy"},
		{"no password", strings.Replace(basic, `"password":"Pa55word-1",`, "", 1), 400, "serviceInstanceProfile.password: is required"},
		{"no service user id", strings.Replace(basic, `"serviceUserId":"cc1@sip.example.com",`, "", 1), 400, "serviceUserId: is required"},
		{"department without name", strings.Replace(basic, `"name"`, `"department":{"tenantId":"sp1"},"name"`, 1), 400, "departmentName"},
		{"not an object", `[1,2]`, 400, "JSON object"},
	} {
		st, out, _ := do(t, srv, http.MethodPost, group, tok, tc.body)
		wantError(t, tc.name, st, out, tc.status, tc.msg)
	}
	if n := len(srv.CallCenters()); n != 0 {
		t.Fatalf("refused creates stored %d call centers", n)
	}

	// A Premium call center may have every option.
	prem := strings.Replace(strings.Replace(basic, `"Basic"`, `"Premium"`, 1), `"policy"`,
		`"routingType":"Skill Based","wrapUpSeconds":30,"forceDeliveryOfCalls":true,"policy"`, 1)
	if st, out, _ := do(t, srv, http.MethodPost, group, tok, prem); st != 200 || out["callCenterInstance"] == nil {
		t.Fatalf("Premium create = %d %v", st, out)
	}
	st, out, _ := do(t, srv, http.MethodPost, "/api/v1/tenants/other/groups/g2/services/call_centers/", tok, basic)
	wantError(t, "duplicate in another group", st, out, 409, "already exists")

	// Not found: unknown id, or a known id in another group.
	for _, p := range []string{group + "nobody@sip.example.com/", "/api/v1/tenants/sp1/groups/g2/services/call_centers/cc1@sip.example.com/"} {
		st, out, _ = do(t, srv, http.MethodGet, p, tok, "")
		wantError(t, "get "+p, st, out, 404, "not found")
	}
	st, out, _ = do(t, srv, http.MethodGet, strings.TrimSuffix(group+"cc1@sip.example.com/", "/"), tok, "")
	wantError(t, "no trailing slash", st, out, 404, "not found")
	st, out, _ = do(t, srv, http.MethodPut, group+"active_instance/", tok, `{"services":[{"serviceUserId":"nobody@x.example","active":false}]}`)
	wantError(t, "active status of unknown id", st, out, 404, "not found")

	// Wrong content type.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+group, strings.NewReader(basic))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "text/plain")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("text/plain body: %d", resp.StatusCode)
	}

	// Type and policy are stored in their canonical spelling, defaulted
	// when missing.
	lower := strings.Replace(strings.Replace(basic, `"type":"Basic","policy":"Regular"`, `"type":"standard"`, 1), "cc1@", "cc2@", 1)
	if st, out, _ := do(t, srv, http.MethodPost, "/api/v1/tenants/sp1/groups/g9/services/call_centers/", tok, lower); st != 200 {
		t.Fatalf("create with lower-case type = %d %v", st, out)
	}
	if got := srv.CallCenters()[1]; got.Type != "Standard" || got.Policy != "Circular" {
		t.Errorf("stored type %q policy %q", got.Type, got.Policy)
	}
	if st, _, _ := do(t, srv, http.MethodDelete, "/api/v1/tenants/sp1/groups/g9/services/call_centers/cc2@sip.example.com/", tok, ""); st != 200 {
		t.Errorf("delete = %d", st)
	}

	stored := srv.CallCenters()
	if len(stored) != 1 || stored[0].Type != "Premium" || stored[0].Password != "Pa55word-1" || !stored[0].Active || stored[0].Name != "CC 1" {
		t.Errorf("stored = %+v", stored)
	}
}

func TestFaults(t *testing.T) {
	srv := apiotest.NewServer()
	defer srv.Close()
	tok, _ := login(t, srv)

	srv.Inject(fault.Fault{Method: http.MethodGet, Path: "/call_centers/", Status: 503, RetryAfter: 7 * time.Second, Times: 2})
	for range 2 {
		st, out, h := do(t, srv, http.MethodGet, group, tok, "")
		wantError(t, "injected 503", st, out, 503, "injected fault")
		if h.Get("Retry-After") != "7" {
			t.Errorf("Retry-After = %q", h.Get("Retry-After"))
		}
	}
	if st, _, _ := do(t, srv, http.MethodGet, group, tok, ""); st != 200 {
		t.Errorf("after the fault: %d", st)
	}

	// Dropped after handling: the create took effect, the client got no answer.
	srv.Inject(fault.Fault{Method: http.MethodPost, Drop: true, AfterHandling: true})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+group, strings.NewReader(basic))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("dropped request got an answer")
	}
	if n := len(srv.CallCenters()); n != 1 {
		t.Errorf("stored %d call centers after a drop after handling", n)
	}

	srv.FailNext(1, http.StatusTooManyRequests)
	_, _, h := do(t, srv, http.MethodGet, group, tok, "")
	if h.Get("Retry-After") != "0" {
		t.Errorf("429 Retry-After = %q", h.Get("Retry-After"))
	}
	if fs, s := srv.FaultStats(), srv.Stats(); fs.Faults != 4 || fs.Dropped != 1 || fs.RateLimited != 1 || s.Creates != 1 {
		t.Errorf("stats = %+v, fault stats = %+v", s, fs)
	}

	// DropNext drops without acting: nothing is created.
	srv.DropNext(1)
	req, _ = http.NewRequest(http.MethodPost, srv.URL+group, strings.NewReader(strings.Replace(basic, "cc1@", "cc2@", 1)))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("dropped request got an answer")
	}
	if n, s := len(srv.CallCenters()), srv.Stats(); n != 1 || s.Creates != 1 {
		t.Errorf("DropNext: stored %d call centers, %d creates; want nothing acted on", n, s.Creates)
	}
}

// TestLatencyClose: a delayed request ends when its client gives up, and
// Close does not wait for delays.
func TestLatencyClose(t *testing.T) {
	srv := apiotest.NewServer()
	srv.SetLatency(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+group, nil)
	_, err := srv.Client().Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}

	done := make(chan struct{})
	go func() {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+group, nil)
		if resp, err := srv.Client().Do(req); err == nil {
			resp.Body.Close()
		}
		close(done)
	}()
	for range 1000 { // wait until the request is being delayed
		if srv.FaultStats().Requests == 2 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	srv.Close()
	<-done
	srv.Close() // twice is fine
}

func TestConcurrentCreates(t *testing.T) {
	srv := apiotest.NewServer()
	defer srv.Close()
	tok, _ := login(t, srv)
	var wg sync.WaitGroup
	for i := range 30 {
		wg.Go(func() {
			body := strings.Replace(basic, "cc1@", fmt.Sprintf("cc%02d@", i), 1)
			req, _ := http.NewRequest(http.MethodPost, srv.URL+group, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/json")
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("create %d: %d", i, resp.StatusCode)
			}
		})
	}
	wg.Wait()
	stored := srv.CallCenters()
	if len(stored) != 30 || stored[0].ServiceUserID != "cc00@sip.example.com" || stored[29].ServiceUserID != "cc29@sip.example.com" {
		t.Errorf("stored %d call centers, first %+v", len(stored), stored[0])
	}
	if s := srv.Stats(); s.Creates != 30 {
		t.Errorf("creates = %d", s.Creates)
	}
}

// TestLogout: a logout ends both tokens of its login (and only those); a
// second logout with the same token is refused.
func TestLogout(t *testing.T) {
	srv := apiotest.NewServer()
	defer srv.Close()
	access, refresh := login(t, srv)
	other, _ := login(t, srv)
	if srv.Sessions() != 2 {
		t.Fatalf("sessions = %d", srv.Sessions())
	}
	st, out, _ := do(t, srv, http.MethodGet, "/api/v01/auth/logout", access, "")
	wantError(t, "GET logout", st, out, 405, "method not allowed")
	if st, out, _ = do(t, srv, http.MethodPost, "/api/v01/auth/logout", access, ""); st != 200 {
		t.Fatalf("logout = %d %v", st, out)
	}
	st, out, _ = do(t, srv, http.MethodGet, group, access, "")
	wantError(t, "access token after logout", st, out, 401, "expired or is invalid")
	st, out, _ = do(t, srv, http.MethodGet, "/api/v01/auth/access_token", refresh, "")
	wantError(t, "refresh token after logout", st, out, 401, "refresh token")
	if st, out, _ = do(t, srv, http.MethodGet, group, other, ""); st != 200 {
		t.Errorf("the other login's token after the logout: %d %v", st, out)
	}
	st, out, _ = do(t, srv, http.MethodPost, "/api/v01/auth/logout", access, "")
	wantError(t, "second logout", st, out, 401, "expired or is invalid")
	if s := srv.Stats(); s.Logouts != 1 || s.RefusedLogouts != 1 || srv.Sessions() != 1 {
		t.Errorf("stats = %+v, sessions %d", s, srv.Sessions())
	}
}

// TestDepartmentRules: a department key needs a tenant and a name, as
// strings; an update with null clears the department.
func TestDepartmentRules(t *testing.T) {
	srv := apiotest.NewServer()
	defer srv.Close()
	tok, _ := login(t, srv)
	with := func(dept string) string {
		return strings.Replace(basic, `"cliLastName":"B"`, `"cliLastName":"B","department":`+dept, 1)
	}
	for dept, msg := range map[string]string{
		`{"tenantId":"sp1","groupId":"g1"}`:                       "departmentName is required",
		`{"groupId":"g1","departmentName":"D"}`:                   "tenantId is required",
		`{"tenantId":"sp1","departmentName":"D","level":"Group"}`: "department.level",
		`{"tenantId":"sp1","departmentName":7}`:                   "departmentName is required",
		`{"tenantId":["sp1"],"departmentName":"D"}`:               "department.tenantId",
		`"D"`: "departmentName is required",
	} {
		st, out, _ := do(t, srv, http.MethodPost, group, tok, with(dept))
		wantError(t, "department "+dept, st, out, 400, msg)
	}
	if st, out, _ := do(t, srv, http.MethodPost, group, tok, with(`{"tenantId":"sp1","departmentName":"D"}`)); st != 200 {
		t.Fatalf("enterprise department: %d %v", st, out)
	}
	if d := srv.CallCenters()[0].Department; d == nil || *d != (apiotest.Department{TenantID: "sp1", Name: "D"}) {
		t.Errorf("stored department = %+v", d)
	}
	st, out, _ := do(t, srv, http.MethodPut, group+"cc1@sip.example.com/", tok, `{"serviceInstanceProfile":{"department":null}}`)
	if st != 200 || srv.CallCenters()[0].Department != nil {
		t.Errorf("clearing: %d %v, stored %+v", st, out, srv.CallCenters()[0].Department)
	}
}
