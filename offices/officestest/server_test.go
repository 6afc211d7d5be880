package officestest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/offices/officestest"
)

const minimal = `{"name": "Lisbon", "country": "PT", "currency": "EUR", "plan_period": "monthly",
  "billing_address": {"address_line_1": "Rua Augusta 1", "city": "Lisboa", "region": "Lisboa", "postal_code": "1100-048", "country": "PT"},
  "unified_billing": true, "invoiced": false, "annual_commit_monthly_billing": false}`

// do sends one request and returns status, Retry-After and the decoded body.
func do(t *testing.T, srv *officestest.Server, method, path, key, body string) (int, string, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: body is not JSON: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header.Get("Retry-After"), out
}

func errMessage(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

func TestAuth(t *testing.T) {
	srv := officestest.NewServer(officestest.WithAPIKey("k-1"))
	defer srv.Close()
	for _, key := range []string{"", "k-2"} {
		status, _, body := do(t, srv, "GET", "/offices", key, "")
		if status != 401 || errMessage(body) == "" {
			t.Errorf("key %q: %d %v", key, status, body)
		}
	}
	if status, _, _ := do(t, srv, "GET", "/offices", "k-1", ""); status != 200 {
		t.Errorf("right key: %d", status)
	}
	if st := srv.Stats(); st.Unauthorized != 2 || st.Accepted != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestCreateValidation(t *testing.T) {
	srv := officestest.NewServer()
	defer srv.Close()
	key := srv.APIKey()
	status, _, body := do(t, srv, "POST", "/offices", key, minimal)
	office, _ := body["office"].(map[string]any)
	if status != 200 || office["name"] != "Lisbon" || office["id"] == "" || body["plan"] == nil {
		t.Fatalf("create: %d %v", status, body)
	}
	if _, ok := office["id"].(string); !ok {
		t.Errorf("id %v is not a string (Dialpad sends int64 as strings)", office["id"])
	}
	for _, tc := range []struct{ name, body, want string }{
		{"unknown field", strings.Replace(minimal, `"name"`, `"office_name"`, 1), "unknown field"},
		{"missing required", `{}`, "name: is required"},
		{"bad enum", strings.Replace(minimal, `"EUR"`, `"CHF"`, 1), "currency: invalid value"},
		{"ring seconds", strings.Replace(minimal, `"invoiced": false`, `"invoiced": false, "ring_seconds": 50`, 1), "ring_seconds"},
		{"two lines", strings.Replace(minimal, `"Lisbon"`, `"Lis\nbon"`, 1), "name: must be a single line"},
		{"hours order", strings.Replace(minimal, `"invoiced": false`, `"invoiced": false, "monday_hours": ["12:00", "08:00"]`, 1), "monday_hours[1]"},
		{"hours odd", strings.Replace(minimal, `"invoiced": false`, `"invoiced": false, "monday_hours": ["08:00"]`, 1), "pairs"},
		{"description", strings.Replace(minimal, `"invoiced": false`, `"invoiced": false, "group_description": "`+strings.Repeat("x", 257)+`"`, 1), "group_description"},
		{"routing", strings.Replace(minimal, `"invoiced": false`, `"invoiced": false, "routing_options": {"open": {"action": "menu", "try_dial_operators": true, "dtmf": [{"input": "11"}]}}`, 1), "routing_options.closed: is required"},
		{"dtmf", strings.Replace(minimal, `"invoiced": false`, `"invoiced": false, "routing_options": {"closed": {"action": "menu", "try_dial_operators": true}, "open": {"action": "menu", "try_dial_operators": true, "dtmf": [{"input": "11"}]}}`, 1), "routing_options.open.dtmf[0].input"},
		{"e911", strings.ReplaceAll(minimal, `"PT"`, `"US"`), "e911_address: is required"},
		{"wrong type", strings.Replace(minimal, `"invoiced": false`, `"invoiced": "no"`, 1), "Invalid request body"},
	} {
		status, _, body := do(t, srv, "POST", "/offices", key, tc.body)
		if status != 400 || !strings.Contains(errMessage(body), tc.want) {
			t.Errorf("%s: %d %q, want 400 containing %q", tc.name, status, errMessage(body), tc.want)
		}
	}
	if n := len(srv.Offices()); n != 1 {
		t.Errorf("%d offices stored, want 1", n)
	}
}

func TestWindow(t *testing.T) {
	srv := officestest.NewServer(officestest.WithWindow(3, time.Hour), officestest.WithRetryAfter(1500*time.Millisecond))
	defer srv.Close()
	for i := range 5 {
		status, ra, body := do(t, srv, "GET", "/offices", srv.APIKey(), "")
		switch {
		case i < 3 && status != 200:
			t.Errorf("request %d: %d, want 200", i+1, status)
		case i >= 3 && (status != 429 || ra != "2" || !strings.Contains(errMessage(body), "Rate limit")):
			t.Errorf("request %d: %d Retry-After %q body %v, want 429", i+1, status, ra, body)
		}
	}
	if st := srv.Stats(); st.Accepted != 3 || st.RateLimited != 2 || st.PeakInWindow != 3 || st.Requests != 5 {
		t.Errorf("stats = %+v", st)
	}
	if n, w := srv.Limit(); n != 3 || w != time.Hour {
		t.Errorf("Limit = %d per %v", n, w)
	}
}

func TestWindowSlides(t *testing.T) {
	srv := officestest.NewServer(officestest.WithWindow(2, 100*time.Millisecond))
	defer srv.Close()
	ok := 0
	deadline := time.Now().Add(5 * time.Second)
	for ok < 6 && time.Now().Before(deadline) {
		if status, _, _ := do(t, srv, "GET", "/offices", srv.APIKey(), ""); status == 200 {
			ok++
		}
	}
	if st := srv.Stats(); ok != 6 || st.PeakInWindow != 2 || st.RateLimited == 0 {
		t.Errorf("accepted %d, stats %+v", ok, st)
	}
}

func TestFaults(t *testing.T) {
	srv := officestest.NewServer()
	defer srv.Close()
	srv.FailNext(2, 503)
	for range 2 {
		if status, _, body := do(t, srv, "GET", "/offices", srv.APIKey(), ""); status != 503 || errMessage(body) == "" {
			t.Errorf("got %d %v, want 503", status, body)
		}
	}
	if status, _, _ := do(t, srv, "GET", "/offices", srv.APIKey(), ""); status != 200 {
		t.Errorf("after faults: %d", status)
	}
	srv.Inject(fault.Fault{Drop: true, AfterHandling: true}) // created, then the answer is lost
	req, _ := http.NewRequest("POST", srv.URL+"/offices", strings.NewReader(minimal))
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatal("dropped request got an answer")
	}
	if st, fs := srv.Stats(), srv.FaultStats(); fs.Statuses != 2 || fs.Dropped != 1 || st.Created != 1 || st.Requests != 4 {
		t.Errorf("stats = %+v, fault stats = %+v", st, fs)
	}
	// DropNext drops without acting: nothing is created.
	srv.DropNext(1)
	req, _ = http.NewRequest("POST", srv.URL+"/offices", strings.NewReader(minimal))
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("dropped request got an answer")
	}
	if st, fs := srv.Stats(), srv.FaultStats(); fs.Dropped != 2 || st.Created != 1 {
		t.Errorf("after DropNext: stats = %+v, fault stats = %+v", st, fs)
	}
}

func TestGetAndList(t *testing.T) {
	srv := officestest.NewServer(officestest.WithPageSize(2))
	defer srv.Close()
	key := srv.APIKey()
	var ids []string
	for range 3 {
		_, _, body := do(t, srv, "POST", "/offices", key, minimal)
		ids = append(ids, body["office"].(map[string]any)["id"].(string))
	}
	if status, _, body := do(t, srv, "GET", "/offices/"+ids[1], key, ""); status != 200 || body["id"] != ids[1] {
		t.Errorf("get: %d %v", status, body)
	}
	for path, want := range map[string]int{"/offices/1": 404, "/offices/abc": 400, "/nothing": 404,
		"/offices?cursor=zz": 400, "/offices?limit=-1": 400, "/offices?active_only=maybe": 400} {
		if status, _, body := do(t, srv, "GET", path, key, ""); status != want || errMessage(body) == "" {
			t.Errorf("%s: %d %v, want %d", path, status, body, want)
		}
	}
	if status, _, _ := do(t, srv, "DELETE", "/offices/"+ids[0], key, ""); status != 405 {
		t.Errorf("delete: %d", status)
	}
	_, _, p1 := do(t, srv, "GET", "/offices", key, "")
	cur, _ := p1["cursor"].(string)
	_, _, p2 := do(t, srv, "GET", "/offices?cursor="+cur, key, "")
	if len(p1["items"].([]any)) != 2 || cur == "" || len(p2["items"].([]any)) != 1 || p2["cursor"] != nil {
		t.Errorf("pages %v / %v", p1, p2)
	}
	_, _, all := do(t, srv, "GET", "/offices?limit=10", key, "")
	if len(all["items"].([]any)) != 3 {
		t.Errorf("limit=10: %v", all)
	}
}

// Close cuts injected latency short and leaves no request hanging.
func TestCloseWithRequestInFlight(t *testing.T) {
	srv := officestest.NewServer()
	srv.SetLatency(time.Hour)
	var wg sync.WaitGroup
	var err error
	wg.Go(func() {
		req, _ := http.NewRequest("GET", srv.URL+"/offices", nil)
		req.Header.Set("Authorization", "Bearer "+srv.APIKey())
		var resp *http.Response
		if resp, err = http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	})
	for i := 0; i < 5000 && srv.Stats().Accepted == 0; i++ {
		time.Sleep(time.Millisecond)
	}
	srv.Close()
	wg.Wait()
	srv.Close() // twice is fine
	if err == nil {
		t.Error("the request in flight got an answer despite an hour of latency")
	}
}
