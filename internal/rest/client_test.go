package rest

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
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
	c := newTestClient(t, &buf)
	sess := &transport.Session{Redactor: c.Redactor()}
	var mu sync.Mutex
	var sent []string
	logout := Logout{Method: "POST", Path: "/logout", Send: func(_ context.Context, tok string) error {
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, tok)
		return nil
	}}
	if err := c.Close(sess, logout); err != nil || len(sent) != 0 {
		t.Fatalf("Close without a token: %v, sent %v", err, sent)
	}
	sess.Set("token-1111")
	for range 2 {
		if err := c.Close(sess, logout); err != nil {
			t.Fatal(err)
		}
	}
	sess.Set("token-2222") // a later call logged in again
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := c.Close(sess, logout); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if strings.Join(sent, ",") != "token-1111,token-2222" {
		t.Errorf("logouts sent: %v, want each session once", sent)
	}
	if n := strings.Count(buf.String(), "msg=close"); n != 2 {
		t.Errorf("%d close records, want one per session ended:\n%s", n, buf.String())
	}
	if err := c.Close(nil, Logout{}); err != nil {
		t.Errorf("Close of a client without a session: %v", err)
	}
	if err := (*Client)(nil).Close(sess, logout); err != nil {
		t.Errorf("Close of a nil client: %v", err)
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
// them; those whose session it ended log in again.
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
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if _, err := sess.Token(context.Background()); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for range 20 {
		if err := c.Close(sess, logout); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
	if err := c.Close(sess, logout); err != nil {
		t.Fatal(err)
	}
	if logins.Load() != ended.Load() || sess.Current() != "" {
		t.Errorf("%d logins, %d sessions ended, %q left; want every session ended", logins.Load(), ended.Load(), sess.Current())
	}
}
