package ucontacttest_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

const api = "/Integra/resources/"

func post(t *testing.T, srv *ucontacttest.Server, action, auth string, form url.Values) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+api+action, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func login(t *testing.T, srv *ucontacttest.Server) string {
	t.Helper()
	code, body := post(t, srv, "auth/getUserToken", "", url.Values{"user": {ucontacttest.DefaultUser}, "password": {ucontacttest.DefaultPassword}})
	var list []string
	if code != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list) == 0 {
		t.Fatalf("login: %d %s", code, body)
	}
	return "Basic " + list[len(list)-1]
}

func TestServerRules(t *testing.T) {
	srv := ucontacttest.NewServer()
	defer srv.Close()

	if code, body := post(t, srv, "auth/getUserToken", "", url.Values{"user": {ucontacttest.DefaultUser}, "password": {"nope"}}); code != 200 || body != "0" {
		t.Fatalf("bad login: %d %q", code, body)
	}
	auth := login(t, srv)

	if code, _ := post(t, srv, "Agents/HungupPhone", "", url.Values{"phone": {"1"}}); code != 401 {
		t.Fatalf("no auth: %d", code)
	}
	if code, _ := post(t, srv, "Agents/HungupPhone", "Basic bm9wZQ==", url.Values{"phone": {"1"}}); code != 401 {
		t.Fatalf("unknown key: %d", code)
	}
	if code, _ := post(t, srv, "Agents/HungupPhone", "Bearer "+ucontacttest.DefaultAPIToken, url.Values{"phone": {"1"}}); code != 200 {
		t.Fatalf("api token: %d", code)
	}
	if code, _ := post(t, srv, "No/Such", auth, nil); code != 404 {
		t.Fatalf("unknown action: %d", code)
	}
	resp, err := http.Get(srv.URL + api + "Supervisor/queuesummary")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+api+"Supervisor/queuesummary", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", auth)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 415 {
		t.Fatalf("JSON body: %d", resp.StatusCode)
	}

	// DialerTask needs every key of the object.
	if _, body := post(t, srv, "Dialers/DialerTask", auth, url.Values{"call": {`{"campaign":"A","destination":"1"}`}}); body != "0" {
		t.Fatalf("partial DialerTask object: %q", body)
	}
	full := `{"calldate":null,"campaign":"A","destination":"1","alternatives":"","agent":"","data":"","source":"","bulk":false,"automatic":true}`
	if _, body := post(t, srv, "Dialers/DialerTask", auth, url.Values{"call": {full}}); body != "1" {
		t.Fatalf("DialerTask: %q", body)
	}
	// Upload: cant must match the lines.
	file := base64.StdEncoding.EncodeToString([]byte("A;1\nA;2\n"))
	form := url.Values{"filename": {"f"}, "fileb64": {file}, "campaign": {"A"}, "cant": {"3"}, "username": {"u"}}
	if _, body := post(t, srv, "Dialers/uploadbase", auth, form); body != "0" {
		t.Fatalf("cant mismatch: %q", body)
	}
	form.Set("cant", "2")
	if _, body := post(t, srv, "Dialers/uploadbasewithtimezone", auth, form); body != "0" {
		t.Fatalf("missing timezone: %q", body)
	}
	if _, body := post(t, srv, "Dialers/uploadbase", auth, form); body != "1" {
		t.Fatalf("upload: %q", body)
	}
	if n := len(srv.Contacts("A")); n != 3 {
		t.Fatalf("contacts = %d", n)
	}
	// getrecords wants Random=1 and a record filter.
	if _, body := post(t, srv, "Cdr/getrecords", auth, url.Values{"lastrow": {"0"}, "searchLimit": {"5"}, "filter": {`{"type":"record"}`}}); body != "0" {
		t.Fatalf("no Random: %q", body)
	}
	if _, body := post(t, srv, "Cdr/getrecords", auth, url.Values{"lastrow": {"0"}, "searchLimit": {"5"}, "filter": {`{"type":"record"}`}, "Random": {"1"}}); body != "[]" {
		t.Fatalf("getrecords: %q", body)
	}
	// EndSession ends the key.
	key := strings.TrimPrefix(auth, "Basic ")
	if _, body := post(t, srv, "auth/EndSession", auth, url.Values{"user": {ucontacttest.DefaultUser}, "token": {key}}); body != "1" {
		t.Fatalf("EndSession: %q", body)
	}
	if code, _ := post(t, srv, "Supervisor/queuesummary", auth, nil); code != 401 {
		t.Fatalf("after EndSession: %d", code)
	}
}

func TestServerFaults(t *testing.T) {
	srv := ucontacttest.NewServer()
	defer srv.Close()
	auth := "Bearer " + ucontacttest.DefaultAPIToken

	srv.FailNext(1, 503)
	if code, _ := post(t, srv, "Supervisor/queuesummary", auth, nil); code != 503 {
		t.Fatalf("FailNext: %d", code)
	}
	srv.Inject(fault.Fault{Status: http.StatusTooManyRequests, RetryAfter: 2 * time.Second})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+api+"Supervisor/queuesummary", nil)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", auth)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" || strings.TrimSpace(string(b)) != "Too Many Requests" {
		t.Fatalf("429 fault: %d %q %q", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	srv.AnswerZeroNext(1)
	if _, body := post(t, srv, "Supervisor/queuesummary", auth, nil); body != "0" {
		t.Fatalf("AnswerZeroNext: %q", body)
	}
	srv.DropNext(1)
	if _, err := http.Post(srv.URL+api+"Supervisor/queuesummary", "application/x-www-form-urlencoded", nil); err == nil {
		t.Fatal("DropNext: got an answer")
	}
	if code, _ := post(t, srv, "Supervisor/queuesummary", auth, nil); code != 200 {
		t.Fatalf("after faults: %d", code)
	}
	if n := srv.Requests("Supervisor/queuesummary"); n != 5 {
		t.Fatalf("requests = %d", n)
	}
	if st := srv.FaultStats(); st.Statuses != 2 || st.RateLimited != 1 || st.Dropped != 1 {
		t.Fatalf("fault stats = %+v", st)
	}
}

// TestServerCloseEndsLatency: Close does not wait for a handler sleeping
// in injected latency.
func TestServerCloseEndsLatency(t *testing.T) {
	srv := ucontacttest.NewServer()
	srv.SetLatency(time.Hour)
	done := make(chan error, 1)
	go func() {
		resp, err := http.Post(srv.URL+api+"Supervisor/queuesummary", "application/x-www-form-urlencoded", nil)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for i := 0; srv.Requests("Supervisor/queuesummary") == 0; i++ {
		if i == 10000 {
			t.Fatal("request never arrived")
		}
		time.Sleep(time.Millisecond)
	}
	srv.Close()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("request still pending after Close")
	}
}
