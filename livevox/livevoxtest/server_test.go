package livevoxtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
)

type rawClient struct {
	t   *testing.T
	srv *livevoxtest.Server
	hc  *http.Client
}

func (rc rawClient) do(method, path, session, body string, hdr map[string]string) (int, map[string]any) {
	rc.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, rc.srv.URL+path, rd)
	if err != nil {
		rc.t.Fatal(err)
	}
	if session != "" {
		req.Header.Set("LV-Session", session)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := rc.hc.Do(req)
	if err != nil {
		rc.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if len(data) > 0 {
		if err := json.Unmarshal(data, &out); err != nil {
			rc.t.Fatalf("%s %s: body %q: %v", method, path, data, err)
		}
	}
	return resp.StatusCode, out
}

func (rc rawClient) login() string {
	rc.t.Helper()
	st, out := rc.do("POST", "/session/login", "",
		`{"clientName":"ACME","userName":"apiuser","password":"`+livevoxtest.DefaultPassword+`"}`,
		map[string]string{"LV-Access": livevoxtest.DefaultAccessToken})
	if st != 200 {
		rc.t.Fatalf("login: %d %v", st, out)
	}
	if out["clientId"] != float64(livevoxtest.DefaultClientID) {
		rc.t.Errorf("login answer %v", out)
	}
	return out["sessionId"].(string)
}

func newRaw(t *testing.T, opts ...livevoxtest.Option) rawClient {
	srv := livevoxtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return rawClient{t: t, srv: srv, hc: srv.Client()}
}

func TestLoginRules(t *testing.T) {
	rc := newRaw(t)
	body := `{"clientName":"ACME","userName":"apiuser","password":"` + livevoxtest.DefaultPassword + `"}`
	if st, out := rc.do("POST", "/session/login", "", body, nil); st != 401 || out["errorCode"] != float64(401) {
		t.Errorf("login without LV-Access: %d %v", st, out)
	}
	if st, _ := rc.do("POST", "/session/login", "", strings.Replace(body, "test-lv", "bad", 1),
		map[string]string{"LV-Access": livevoxtest.DefaultAccessToken}); st != 401 {
		t.Errorf("wrong password: %d", st)
	}
	if st, _ := rc.do("GET", "/configuration/callCenters/info", "nope", "", nil); st != 401 {
		t.Errorf("unknown session: %d", st)
	}
	sess := rc.login()
	if st, _ := rc.do("GET", "/configuration/callCenters/info", sess, "", map[string]string{"LV-Access": "wrong"}); st != 401 {
		t.Errorf("wrong LV-Access with a good session: %d", st)
	}
	if st, _ := rc.do("GET", "/session/validate/"+sess, "", "", nil); st != 204 {
		t.Errorf("validate: %d", st)
	}
	if st, _ := rc.do("POST", "/session/v6.0/logout", sess, "", nil); st != 204 {
		t.Errorf("versioned logout: %d", st)
	}
	if st, _ := rc.do("GET", "/configuration/callCenters/info", sess, "", nil); st != 401 {
		t.Errorf("after logout: %d", st)
	}
	if rc.srv.Logins() != 1 || rc.srv.Logouts() != 1 {
		t.Errorf("logins=%d logouts=%d", rc.srv.Logins(), rc.srv.Logouts())
	}
}

func TestPagingAndErrors(t *testing.T) {
	rc := newRaw(t)
	sess := rc.login()
	client := rc.srv.ClientID(livevoxtest.DefaultClientName)
	for i := range 5 {
		if _, err := rc.srv.AddCallCenter(client, "cc"+string(rune('a'+i)), rc.srv.AddService(client)); err != nil {
			t.Fatal(err)
		}
	}
	st, out := rc.do("GET", "/configuration/callCenters?client=4199&count=2&offset=2", sess, "", nil)
	if st != 200 || out["next"] != "configuration/callCenters?count=2&client=4199&offset=4" || len(out["callCenter"].([]any)) != 2 {
		t.Errorf("page: %d %v", st, out)
	}
	st, out = rc.do("GET", "/configuration/callCenters?count=2&offset=4", sess, "", nil)
	if _, hasNext := out["next"]; st != 200 || hasNext || len(out["callCenter"].([]any)) != 1 {
		t.Errorf("last page: %d %v", st, out)
	}
	for _, q := range []string{"", "?count=0&offset=0", "?count=1001&offset=0", "?count=5", "?count=5&offset=-1"} {
		if st, out := rc.do("GET", "/configuration/callCenters"+q, sess, "", nil); st != 400 || out["errorMessage"] == "" {
			t.Errorf("list%s: %d %v", q, st, out)
		}
	}
	st, out = rc.do("DELETE", "/configuration/callCenters/3619", sess, "", nil)
	if st != 400 || out["errorCode"] != float64(202) || out["errorMessage"] != "Cannot delete call centers with associated services" {
		t.Errorf("delete with services: %d %v", st, out)
	}
	if st, _ := rc.do("POST", "/configuration/callCenters", sess, `{"name":`, nil); st != 400 {
		t.Errorf("bad JSON: %d", st)
	}
	if st, _ := rc.do("PUT", "/configuration/callCenters/3619/services/1", sess, "", nil); st != 404 {
		t.Errorf("unknown service: %d", st)
	}
	st, out = rc.do("GET", "/configuration/callCenters/info", sess, "", nil)
	if st != 200 || out["size"] != float64(5) || out["lastModified"] == nil {
		t.Errorf("info: %d %v", st, out)
	}
}

func TestFaultInjection(t *testing.T) {
	rc := newRaw(t)
	rc.srv.Inject(fault.Fault{Method: "GET", Path: "/configuration", Times: 2, Status: 429, RetryAfter: 1500 * time.Millisecond})
	sess := rc.login() // not matched by the fault
	for range 2 {
		req, _ := http.NewRequest("GET", rc.srv.URL+"/configuration/callCenters/info", nil)
		req.Header.Set("LV-Session", sess)
		resp, err := rc.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" {
			t.Errorf("faulted: %d Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	if st, _ := rc.do("GET", "/configuration/callCenters/info", sess, "", nil); st != 200 {
		t.Errorf("after the fault: %d", st)
	}
	rc.srv.DropNext(1)
	req, _ := http.NewRequest("POST", rc.srv.URL+"/configuration/callCenters", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("LV-Session", sess)
	if resp, err := rc.hc.Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("dropped request answered %d", resp.StatusCode)
	}
	if len(rc.srv.CallCenters()) != 0 {
		t.Error("dropped create was executed")
	}
}

func TestCloseCutsLatency(t *testing.T) {
	srv := livevoxtest.NewServer()
	srv.SetLatency(time.Hour)
	hc := srv.Client()
	var wg sync.WaitGroup
	wg.Go(func() {
		resp, err := hc.Post(srv.URL+"/session/login", "application/json", strings.NewReader(`{}`))
		if err == nil {
			resp.Body.Close()
		}
	})
	for i := 0; srv.Requests() == 0 && i < 10000; i++ { // wait until the request is inside the server
		time.Sleep(time.Millisecond)
	}
	srv.Close() // returns once the delayed handler gave up
	wg.Wait()
	srv.Close() // idempotent
}

// TestVersionedPathsAndFaults: a version segment is ignored by the routes
// and by fault matching, an injected status carries the fault's Message in
// the fake's JSON error body, and refused logins are counted.
func TestVersionedPathsAndFaults(t *testing.T) {
	rc := newRaw(t)
	st, out := rc.do("POST", "/session/v6.0/login", "",
		`{"clientName":"ACME","userName":"apiuser","password":"wrong"}`,
		map[string]string{"LV-Access": livevoxtest.DefaultAccessToken})
	if st != 401 || rc.srv.LoginAttempts() != 1 || rc.srv.Logins() != 0 {
		t.Errorf("refused login: %d %v; attempts %d, logins %d", st, out, rc.srv.LoginAttempts(), rc.srv.Logins())
	}
	sess := rc.login()
	if rc.srv.LoginAttempts() != 2 || rc.srv.Logins() != 1 {
		t.Errorf("attempts %d, logins %d; want 2, 1", rc.srv.LoginAttempts(), rc.srv.Logins())
	}
	if st, out := rc.do("GET", "/configuration/v6.0/callCenters/info", sess, "", nil); st != 200 || out["size"] != float64(0) {
		t.Errorf("versioned info: %d %v", st, out)
	}
	rc.srv.Inject(fault.Fault{Method: "GET", Path: "/configuration/callCenters/info", Status: 503, Message: "maintenance window"})
	st, out = rc.do("GET", "/configuration/v6.0/callCenters/info", sess, "", nil)
	if st != 503 || out["errorCode"] != float64(503) || out["errorMessage"] != "maintenance window" {
		t.Errorf("faulted versioned request: %d %v", st, out)
	}
	rc.srv.FailNext(1, 500)
	if st, out := rc.do("GET", "/configuration/v12/callCenters/info", sess, "", nil); st != 500 || out["errorMessage"] != "Injected fault: Internal Server Error" {
		t.Errorf("FailNext: %d %v", st, out)
	}
	if st, _ := rc.do("GET", "/configuration/callCenters/info", sess, "", nil); st != 200 {
		t.Errorf("after the faults: %d", st)
	}
	if fs := rc.srv.FaultStats(); fs.Statuses != 2 || fs.Requests != 6 {
		t.Errorf("fault stats = %+v, want 2 statuses of 6 requests", fs)
	}
	if !strings.HasPrefix(rc.srv.URL, "http://127.0.0.1:") || strings.HasSuffix(rc.srv.URL, "/") {
		t.Errorf("URL = %q, want the bare base URL", rc.srv.URL)
	}
}
