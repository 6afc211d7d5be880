package transport_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

func TestRedirectsKeepCredentialsHome(t *testing.T) {
	other := map[string]*hostiletest.Recorder{
		"other host": hostiletest.NewRecorder(t, "127.0.0.2:0", nil),
		"other port": hostiletest.NewRecorder(t, "127.0.0.1:0", nil),
	}
	for name, dst := range other {
		for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
			for _, method := range []string{http.MethodGet, http.MethodPost} {
				src := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, dst.URL+"/stolen", status)
				})
				cfg := fastConfig(src.URL)
				cfg.Auth = transport.HeaderAuth{Name: "X-Key", Value: "key-secret-9"}
				c := mustNew(t, cfg)
				req := &transport.Request{Method: method, Path: "x", Header: http.Header{"Authorization": {"Bearer tok-secret-8"}}}
				if method == http.MethodPost {
					req.JSON = map[string]string{"password": "pw-secret-7"}
				}
				_, err := c.Do(context.Background(), req, nil)
				var re *transport.RedirectError
				if !errors.As(err, &re) || !errors.Is(err, transport.ErrRedirectRefused) || re.Status != status {
					t.Errorf("%s %d %s: err = %v, want a refused redirect", name, status, method, err)
				}
				if errors.Is(err, transport.ErrOutcomeUnknown) {
					t.Errorf("%s %d %s: a refused redirect is not an unknown outcome", name, status, method)
				}
				if got := dst.Requests(); len(got) != 0 {
					t.Errorf("%s %d %s: the other origin received %q", name, status, method, got)
				}
				if n := src.hits.Load(); n != 1 {
					t.Errorf("%s %d %s: %d requests, want 1 (never retried)", name, status, method, n)
				}
			}
		}
	}
}

func TestSameOriginRedirectOfAGetIsFollowed(t *testing.T) {
	var srv *testServer
	srv = newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, srv.URL+"/new", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	})
	c := mustNew(t, fastConfig(srv.URL))
	var out struct{ OK bool }
	if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "old"}, &out); err != nil || !out.OK {
		t.Fatalf("same-origin GET redirect: %v %v", out, err)
	}
	// A POST is never sent twice, not even to the same origin.
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "old", JSON: map[string]int{"a": 1}}, nil)
	if !errors.Is(err, transport.ErrRedirectRefused) {
		t.Fatalf("POST redirect: %v", err)
	}
}

func TestDefaultTimeoutBoundsASilentServer(t *testing.T) {
	cfg := fastConfig("http://" + hostiletest.SilentServer(t))
	cfg.Timeout = 100 * time.Millisecond
	cfg.RetryMax = 1
	c := mustNew(t, cfg)
	start := time.Now()
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	if err == nil || !strings.Contains(err.Error(), "no answer within 100ms") {
		t.Fatalf("err = %v, want the per-request timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("a silent server held the call %v", d)
	}
	// A POST that timed out after it was sent may have been acted on.
	_, err = c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "x", JSON: 1}, nil)
	if !errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Fatalf("POST: err = %v, want outcome unknown", err)
	}
}

func TestConnectFailuresAreSystemic(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // a closed port
	cfg := fastConfig("http://" + addr)
	cfg.RetryMax = -1
	c := mustNew(t, cfg)
	_, err = c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "x", JSON: 1}, nil)
	if !errors.Is(err, transport.ErrCannotConnect) || !errors.Is(err, transport.ErrSystemic) || errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Fatalf("closed port: err = %v, want ErrCannotConnect", err)
	}
	// An answer, even an error, is not systemic.
	srv := statusServer(t, 500, `{}`)
	c = mustNew(t, fastConfig(srv.URL))
	_, err = c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	if err == nil || errors.Is(err, transport.ErrSystemic) {
		t.Fatalf("500: err = %v, want a plain API error", err)
	}
	// A TLS client against a plain server fails to connect.
	plain := statusServer(t, 200, `{}`)
	c = mustNew(t, fastConfig(strings.Replace(plain.URL, "http://", "https://", 1)))
	_, err = c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	if !errors.Is(err, transport.ErrCannotConnect) {
		t.Fatalf("TLS to a plain port: err = %v, want ErrCannotConnect", err)
	}
}

func TestCancelledDialIsNotSystemic(t *testing.T) {
	// A dial the caller cut short fails as net.Dialer does then: an
	// *OpError "dial" wrapping the context's error. That is the caller
	// giving up, not a server that cannot be reached.
	for _, cause := range []error{context.Canceled, context.DeadlineExceeded} {
		err := fmt.Errorf("Get: %w", &net.OpError{Op: "dial", Net: "tcp", Err: cause})
		if transport.IsConnectFailure(err) {
			t.Errorf("IsConnectFailure(%v) = true, want false", err)
		}
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	if !transport.IsConnectFailure(fmt.Errorf("Get: %w", refused)) {
		t.Error("a refused dial is a connect failure")
	}
}
