package hostiletest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

func TestRecorder(t *testing.T) {
	var answered string // the body the answer handler read
	rec := hostiletest.NewRecorder(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		answered = string(b)
		hostiletest.Answer(http.StatusTeapot, "text/plain", "short and stout")(w, r)
	})
	if !strings.HasPrefix(rec.URL, "http://127.0.0.1:") || strings.HasSuffix(rec.URL, "/") {
		t.Fatalf("URL = %q", rec.URL)
	}
	req, err := http.NewRequest(http.MethodPost, rec.URL+"/a%20b/c?k=v&x=%26", strings.NewReader(`{"password":"pw-1"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer tok-2")
	req.Header.Set("X-Key", "key-3")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTeapot || string(body) != "short and stout" || answered != `{"password":"pw-1"}` {
		t.Errorf("answer = %d %q, the handler read %q; want the handler's answer after the body", resp.StatusCode, body, answered)
	}

	got := rec.Requests()
	if len(got) != 1 {
		t.Fatalf("recorded %d requests, want 1: %v", len(got), got)
	}
	r := got[0]
	if r.Method != http.MethodPost || r.Path != "/a b/c" || r.RawQuery != "k=v&x=%26" || r.Body != `{"password":"pw-1"}` ||
		r.Header.Get("Authorization") != "Bearer tok-2" || r.Header.Get("X-Key") != "key-3" {
		t.Errorf("recorded %#v", r)
	}
	s := r.String()
	for _, want := range []string{`POST /a b/c?k=v&x=%26 `, `Authorization="Bearer tok-2"`, `X-Key="key-3"`, `body="{\"password\":\"pw-1\"}"`} {
		if !strings.Contains(s, want) {
			t.Errorf("String() = %s, does not contain %s", s, want)
		}
	}
	if strings.Index(s, "Authorization=") > strings.Index(s, "X-Key=") {
		t.Errorf("String() = %s: headers not sorted", s)
	}

	// Requests is a copy; Take hands over and forgets.
	got[0].Method = "changed"
	if again := rec.Requests(); len(again) != 1 || again[0].Method != http.MethodPost {
		t.Errorf("Requests after changing the copy = %v", again)
	}
	if took := rec.Take(); len(took) != 1 || took[0].Method != http.MethodPost {
		t.Errorf("Take = %v", took)
	}
	if after := rec.Take(); len(after) != 0 {
		t.Errorf("Take after Take = %v", after)
	}
	if after := rec.Requests(); len(after) != 0 {
		t.Errorf("Requests after Take = %v", after)
	}
}

func TestRecorderDefaultAnswer(t *testing.T) {
	rec := hostiletest.NewRecorder(t, "127.0.0.1:0", nil)
	resp, err := http.Get(rec.URL + "/x")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "{}" {
		t.Errorf("default answer = %d %q, want 200 {}", resp.StatusCode, body)
	}
	if got := rec.Requests(); len(got) != 1 || got[0].Method != http.MethodGet || got[0].Path != "/x" || got[0].Body != "" {
		t.Errorf("recorded %v", got)
	}
}

func TestRecorderSkipsWhereTheAddressCannotBeBound(t *testing.T) {
	reached, skipped := false, false
	t.Run("unbindable", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		// 192.0.2.1 (TEST-NET-1) is no address of this machine: binding
		// it fails, and nothing is sent anywhere.
		hostiletest.NewRecorder(t, "192.0.2.1:0", nil)
		reached = true
	})
	if reached || !skipped {
		t.Errorf("after an unbindable address: went on %t, skipped %t; want the test skipped", reached, skipped)
	}
}
