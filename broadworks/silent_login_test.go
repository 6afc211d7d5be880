package broadworks_test

// A server that takes the connection and never answers the login (an OCI-P
// port that swallows documents) is systemic; one slow login on a server
// that has answered before is not.

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// swallowLogins makes the fake keep every login (the first login document
// of each transport) without answering it for a minute, n times
// (fault.Always: every one).
func swallowLogins(srv *broadworkstest.Server, n int) {
	for _, typ := range []string{"LoginRequest22V5", "AuthenticationRequest"} {
		srv.Inject(fault.Fault{Path: typ, Latency: time.Minute, Times: n})
	}
}

// TestSilentLoginIsSystemic: against a server that takes connections and
// never answers the login (a silent listener over TCP; the fake keeping
// every login over TLS and TCP), 40 calls from 8 goroutines over 4
// sessions send one login in all and wait one timeout in all: the first
// fails with a systemic *ConnError "login" with a hint, the 39 others at
// once with the remembered one, without sending.
func TestSilentLoginIsSystemic(t *testing.T) {
	const timeout, workers, calls = 500 * time.Millisecond, 8, 40
	for _, tc := range []struct {
		name string
		// open returns the client and the login documents the server got
		// (-1: cannot count).
		open func(t *testing.T) (*broadworks.Client, func() int)
		hint string
	}{
		{"silent listener, TCP", func(t *testing.T) (*broadworks.Client, func() int) {
			c := mustClient(t, hostiletest.SilentServer(t), "u", "p-123456", broadworks.WithTransport(broadworks.TCP),
				broadworks.WithTimeout(timeout), broadworks.WithSessions(4))
			return c, func() int { return -1 }
		}, "plain OCI-P port (2208)"},
		{"fake keeping logins, TLS", func(t *testing.T) (*broadworks.Client, func() int) {
			srv := newServer(t)
			swallowLogins(srv, fault.Always)
			c := newClient(t, srv, "TLS", broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				broadworks.WithTimeout(timeout), broadworks.WithSessions(4))
			t.Cleanup(func() { c.Close() })
			return c, func() int { return srv.Stats().Documents }
		}, "OCI-P TLS port (2209)"},
		{"fake keeping logins, TCP", func(t *testing.T) (*broadworks.Client, func() int) {
			srv := newServer(t)
			swallowLogins(srv, fault.Always)
			c := newClient(t, srv, "TCP", broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				broadworks.WithTimeout(timeout), broadworks.WithSessions(4))
			t.Cleanup(func() { c.Close() })
			return c, func() int { return srv.Stats().Documents }
		}, "plain OCI-P port (2208)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, logins := tc.open(t)
			var next, remembered atomic.Int64
			var mu sync.Mutex
			var first error
			start := time.Now()
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for next.Add(1) <= calls {
						_, err := c.GetCallCenter(context.Background(), "x@example.com")
						var ce *broadworks.ConnError
						if !errors.Is(err, broadworks.ErrSystemic) || !errors.Is(err, broadworks.ErrCannotConnect) ||
							errors.Is(err, broadworks.ErrOutcomeUnknown) || !errors.As(err, &ce) || ce.Op != "login" ||
							!strings.Contains(ce.Hint, tc.hint) || !strings.Contains(err.Error(), "none ever from this server") {
							t.Errorf("err = %v, want a systemic silent login with a hint naming the %s", err, tc.hint)
							continue
						}
						if strings.Contains(err.Error(), "(remembered: not tried again)") {
							remembered.Add(1)
							continue
						}
						mu.Lock()
						first = err
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(start)
			t.Logf("%d calls, 4 sessions, timeout %v: %v in all; %d remembered; %v", calls, timeout, elapsed.Round(time.Millisecond), remembered.Load(), first)
			if remembered.Load() != calls-1 {
				t.Errorf("%d of %d calls failed with the remembered silence, want %d: each other one waited a timeout", remembered.Load(), calls, calls-1)
			}
			if n := logins(); n != -1 && n != 1 {
				t.Errorf("the server got %d login documents, want 1 (one login in flight per client, none after the silence)", n)
			}
		})
	}
}

// TestSlowLoginOnAHealthyServer: one login slower than the timeout, on a
// server that has answered before, fails its call alone, with the
// timeout, not systemic, and the next call logs in and works. A second
// unanswered login in a row (nothing answered in between) is systemic:
// the server has stopped answering. On TLS and TCP.
func TestSlowLoginOnAHealthyServer(t *testing.T) {
	for _, mode := range []string{"TLS", "TCP"} {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			c := clientFor(t, srv, mode, broadworks.WithTimeout(300*time.Millisecond))
			ctx := context.Background()
			get := func() error { _, err := c.GetCallCenter(ctx, "nobody@example.com"); return err }
			lose := func(logins int) { // the next command's connection is lost, and the re-login kept
				srv.Inject(fault.Fault{Drop: true})
				swallowLogins(srv, logins)
			}
			if err := get(); !errors.Is(err, broadworks.ErrNotFound) {
				t.Fatalf("first call: %v", err)
			}

			lose(1)
			err := get()
			if err == nil || errors.Is(err, broadworks.ErrSystemic) || !errors.Is(err, os.ErrDeadlineExceeded) {
				t.Errorf("one slow login: %v, want the timeout of this call, not systemic", err)
			}
			if err := get(); !errors.Is(err, broadworks.ErrNotFound) {
				t.Errorf("the call after one slow login: %v, want it to log in and work", err)
			}

			lose(fault.Always)
			if err := get(); err == nil || errors.Is(err, broadworks.ErrSystemic) {
				t.Errorf("first unanswered login after answers: %v, want not systemic", err)
			}
			err = get()
			var ce *broadworks.ConnError
			if !errors.Is(err, broadworks.ErrSystemic) || !errors.As(err, &ce) || ce.Op != "login" ||
				!strings.Contains(err.Error(), "nor to the login before") || !strings.Contains(ce.Hint, "stopped answering") {
				t.Errorf("second unanswered login in a row: %v, want systemic", err)
			}
			if err := get(); !errors.Is(err, broadworks.ErrSystemic) || !strings.Contains(err.Error(), "remembered") {
				t.Errorf("the call after: %v, want the remembered silence", err)
			}
			t.Logf("%s: %v", mode, err)
		})
	}
}

// TestSilentLoginCallerDeadline: a caller's own deadline shorter than the
// timeout is not the server's silence: not systemic, not remembered.
func TestSilentLoginCallerDeadline(t *testing.T) {
	srv := newServer(t)
	swallowLogins(srv, fault.Always)
	c := clientFor(t, srv, "TLS", broadworks.WithTimeout(time.Minute))
	for range 2 {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		_, err := c.GetCallCenter(ctx, "x@example.com")
		cancel()
		if err == nil || errors.Is(err, broadworks.ErrSystemic) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want the caller's deadline, not systemic", err)
		}
	}
	if n := srv.Stats().Documents; n != 2 {
		t.Errorf("%d login documents, want 2 (nothing remembered)", n)
	}
}
