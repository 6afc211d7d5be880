package rest

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// newTestClient returns a client logging to buf.
func newTestClient(t *testing.T, buf *bytes.Buffer) *Client {
	t.Helper()
	o := &Options{Config: transport.Config{Vendor: "test", BaseURL: "http://127.0.0.1:1",
		Logger: slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCloseOncePerSession: Close ends the session it finds, once, however
// many Closes run, one after the other or at once; a client without a
// session sends nothing.
func TestCloseOncePerSession(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	var sent []string
	logout := Logout{Method: "POST", Path: "/logout", Send: func(_ context.Context, tok string) error {
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, tok)
		return nil
	}}
	c := newTestClient(t, &buf)
	if err := c.Close(&transport.Session{Redactor: c.Redactor()}, logout); err != nil || len(sent) != 0 {
		t.Fatalf("Close without a token: %v, sent %v", err, sent)
	}

	c = newTestClient(t, &buf)
	sess := &transport.Session{Redactor: c.Redactor()}
	sess.Set("token-1111")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := c.Close(sess, logout); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := c.Close(sess, logout); err != nil {
		t.Fatal(err)
	}
	if strings.Join(sent, ",") != "token-1111" {
		t.Errorf("logouts sent: %v, want the session once", sent)
	}
	if n := strings.Count(buf.String(), "msg=close"); n != 1 {
		t.Errorf("%d close records, want one for the session ended:\n%s", n, buf.String())
	}
	if err := newTestClient(t, &buf).Close(nil, Logout{}); err != nil {
		t.Errorf("Close of a client without a session: %v", err)
	}
	if err := (*Client)(nil).Close(sess, logout); err != nil {
		t.Errorf("Close of a nil client: %v", err)
	}
}

// TestCloseRefusesLaterCalls: a call started after Close fails at once with
// an error matching ErrClosed that names the vendor and the call (its
// secrets redacted), and sends nothing.
func TestCloseRefusesLaterCalls(t *testing.T) {
	var sent atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sent.Add(1) }))
	defer srv.Close()
	o := &Options{Config: transport.Config{Vendor: "test", BaseURL: srv.URL, Redactor: &transport.Redactor{}}}
	o.Redactor.Add("secret-id-42")
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(context.Background(), &transport.Request{Method: "GET", Path: "ok"}, nil); err != nil || sent.Load() != 1 {
		t.Fatalf("before Close: %v, %d requests", err, sent.Load())
	}
	if err := c.Close(nil, Logout{}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Do(context.Background(), &transport.Request{Method: "GET", Path: "users/secret-id-42"}, nil)
	if !errors.Is(err, transport.ErrClosed) || err.Error() != "test: GET /users/"+transport.Redacted+": client closed" {
		t.Errorf("Do after Close: %v", err)
	}
	if _, err := c.Enter("Login"); !errors.Is(err, transport.ErrClosed) || err.Error() != "test: Login: client closed" {
		t.Errorf("Enter after Close: %v", err)
	}
	if sent.Load() != 1 {
		t.Errorf("%d requests reached the server after Close", sent.Load()-1)
	}
}

// TestCloseAfterCallsInFlight: Close with calls in flight returns at once
// without ending the session; the last call to finish ends it, once.
func TestCloseAfterCallsInFlight(t *testing.T) {
	var buf bytes.Buffer
	c := newTestClient(t, &buf)
	sess := &transport.Session{Redactor: c.Redactor()}
	sess.Set("token-3333")
	var sent []string
	logout := Logout{Method: "POST", Path: "/logout", Send: func(_ context.Context, tok string) error {
		sent = append(sent, tok)
		return nil
	}}
	leave1, err1 := c.Enter("GET /a")
	leave2, err2 := c.Enter("GET /b")
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if err := c.Close(sess, logout); err != nil || len(sent) != 0 || sess.Current() != "token-3333" {
		t.Fatalf("Close with calls in flight: %v, sent %v, session %q; want nil, nothing sent, the session kept", err, sent, sess.Current())
	}
	leave1()
	if len(sent) != 0 {
		t.Fatalf("the session was ended with a call still in flight: %v", sent)
	}
	leave2()
	if strings.Join(sent, ",") != "token-3333" || sess.Current() != "" || strings.Count(buf.String(), "msg=close") != 1 {
		t.Errorf("after the last call: sent %v, session %q, records:\n%s", sent, sess.Current(), buf.String())
	}
	if err := c.Close(sess, logout); err != nil || len(sent) != 1 {
		t.Errorf("a second Close: %v, sent %v", err, sent)
	}
}

// TestCloseBoundedAndRedacted: the logout runs under a deadline of at most
// CloseTimeout, its error reaches the caller, and the one record it writes
// shows the token redacted even when the error quotes it.
func TestCloseBoundedAndRedacted(t *testing.T) {
	var buf bytes.Buffer
	c := newTestClient(t, &buf)
	sess := &transport.Session{Redactor: c.Redactor()}
	sess.Set("session-secret-42")
	var left time.Duration
	err := c.Close(sess, Logout{Method: "POST", Path: "/logout", Send: func(ctx context.Context, tok string) error {
		if deadline, ok := ctx.Deadline(); ok {
			left = time.Until(deadline)
		}
		return errors.New("logout refused for " + tok)
	}})
	if err == nil || left <= 0 || left > CloseTimeout {
		t.Errorf("err %v, %v left for the logout; want an error and a deadline within %v", err, left, CloseTimeout)
	}
	if strings.Contains(buf.String(), "session-secret-42") || !strings.Contains(buf.String(), transport.Redacted) ||
		strings.Count(buf.String(), "msg=close") != 1 {
		t.Errorf("record: %s", buf.String())
	}
	if sess.Current() != "" {
		t.Errorf("the session still holds %q", sess.Current())
	}
	// Once the logout is over the token is no longer a secret to scrub.
	if got := c.Redactor().Redact("x session-secret-42"); got != "x session-secret-42" {
		t.Errorf("after Close the ended token is still redacted: %q", got)
	}
}

// TestCloseWhileLoggingIn: a Close during calls in flight never blocks
// them: each call either started before Close and finishes (logging in if
// it must), or fails with ErrClosed; every session logged in is ended.
func TestCloseWhileLoggingIn(t *testing.T) {
	var buf bytes.Buffer
	c := newTestClient(t, &buf)
	var logins atomic.Int32
	sess := &transport.Session{Redactor: c.Redactor(), Login: func(context.Context) (string, error) {
		return "token-" + strings.Repeat("x", int(logins.Add(1))), nil
	}}
	var ended atomic.Int32
	logout := Logout{Send: func(context.Context, string) error { ended.Add(1); return nil }}
	var wg sync.WaitGroup
	var done, refused atomic.Int32
	for range 8 {
		wg.Go(func() {
			for range 50 {
				leave, err := c.Enter("call")
				if err != nil {
					if !errors.Is(err, transport.ErrClosed) {
						t.Error(err)
					}
					refused.Add(1)
					return
				}
				if _, err := sess.Token(context.Background()); err != nil {
					t.Error(err)
				}
				done.Add(1)
				leave()
			}
		})
	}
	for range 20 {
		if err := c.Close(sess, logout); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
	t.Logf("%d calls done, %d goroutines refused after Close", done.Load(), refused.Load())
	if logins.Load() != ended.Load() || sess.Current() != "" {
		t.Errorf("%d logins, %d sessions ended, %q left; want every session ended", logins.Load(), ended.Load(), sess.Current())
	}
}

// TestSetTimeout: WithTimeout means the same in every REST package: 0
// keeps the default, a negative d removes the bound, any other d is the
// bound.
func TestSetTimeout(t *testing.T) {
	for _, tc := range []struct{ d, want time.Duration }{
		{0, transport.DefaultTimeout},
		{-1, -1},
		{-time.Second, -time.Second},
		{250 * time.Millisecond, 250 * time.Millisecond},
	} {
		o := &Options{Config: transport.Config{Timeout: 7 * time.Second}}
		o.SetTimeout(tc.d)
		if o.Timeout != tc.want {
			t.Errorf("SetTimeout(%v): %v, want %v", tc.d, o.Timeout, tc.want)
		}
	}
}

// TestBaseURLProblem: the one check of a base URL names the problem, shows
// the value unless it may hold a password, and passes good URLs.
func TestBaseURLProblem(t *testing.T) {
	const ex = "https://api.example.com"
	for raw, want := range map[string]string{
		"https://api.example.com":          "",
		"http://127.0.0.1:8080/api/v2":     "",
		" https://api.example.com ":        "",
		"":                                 "is required (e.g. https://api.example.com)",
		"  ":                               "is required (e.g. https://api.example.com)",
		"api.example.com":                  `"api.example.com" is not an http or https URL with a host, such as https://api.example.com`,
		"ftp://api.example.com":            `"ftp://api.example.com" is not an http or https URL with a host, such as https://api.example.com`,
		"ftp://u:s3cret@api.example.com":   "is not an http or https URL with a host, such as https://api.example.com",
		"https://u:s3cret@api.example.com": "must not carry a query, a fragment or user information",
		"https://api.example.com/?a=1":     "must not carry a query, a fragment or user information",
		"https://api.example.com/#top":     "must not carry a query, a fragment or user information",
	} {
		if got := BaseURLProblem(raw, ex); got != want {
			t.Errorf("BaseURLProblem(%q) = %q, want %q", raw, got, want)
		}
	}
}
