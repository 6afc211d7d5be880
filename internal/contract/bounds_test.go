package contract_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/ucontact"
)

// silentCall is one client making one call, with context.Background(),
// against a server that accepts and never answers.
type silentCall struct {
	name string
	// maxAttempts is the most connections the call may open: 2 where the
	// transport retries (a timed-out attempt is sent again once), 1 where
	// a timeout ends the call at once.
	maxAttempts int
	// call makes the call; timeout is the client's per-request timeout
	// (0: the default).
	call func(t *testing.T, addr string, timeout time.Duration) error
}

func silentCalls() []silentCall {
	opt := func(d time.Duration, f func(time.Duration) any) []any {
		if d == 0 {
			return nil
		}
		return []any{f(d)}
	}
	apioOpts := func(d time.Duration, creds apio.Option) []apio.Option {
		out := []apio.Option{creds}
		for _, o := range opt(d, func(d time.Duration) any { return apio.WithTimeout(d) }) {
			out = append(out, o.(apio.Option))
		}
		return out
	}
	bw := func(d time.Duration, opts ...broadworks.Option) []broadworks.Option {
		if d != 0 {
			opts = append(opts, broadworks.WithTimeout(d))
		}
		return opts
	}
	return []silentCall{
		{"apio (token)", 2, func(t *testing.T, addr string, d time.Duration) error {
			c := must(apio.NewClient("http://"+addr, apioOpts(d, apio.WithToken("silent-token-1234"))...))
			defer c.Close()
			_, err := c.GetCallCenter(context.Background(), "Sp", "G1", "cc@example.com")
			return err
		}},
		{"apio (login)", 2, func(t *testing.T, addr string, d time.Duration) error {
			c := must(apio.NewClient("http://"+addr, apioOpts(d, apio.WithLogin("admin", "silent-Password-1"))...))
			defer c.Close()
			_, err := c.GetCallCenter(context.Background(), "Sp", "G1", "cc@example.com")
			return err
		}},
		{"livevox (session login)", 2, func(t *testing.T, addr string, d time.Duration) error {
			opts := []livevox.Option{livevox.WithBaseURL("http://" + addr)}
			if d != 0 {
				opts = append(opts, livevox.WithTimeout(d))
			}
			c := must(livevox.NewClient(livevox.Credentials{AccessToken: "silent-access-1", ClientName: "ACME", UserName: "u", Password: "silent-Password-1"}, opts...))
			defer c.Close()
			_, err := c.GetCallCenterListInfo(context.Background(), 0)
			return err
		}},
		{"ucontact (token)", 2, func(t *testing.T, addr string, d time.Duration) error {
			opts := []ucontact.Option{ucontact.WithAPIToken("silent-token-1234")}
			if d != 0 {
				opts = append(opts, ucontact.WithTimeout(d))
			}
			c := must(ucontact.NewClient("http://"+addr, opts...))
			defer c.Close()
			_, err := c.QueueSummary(context.Background())
			return err
		}},
		{"ucontact (login)", 2, func(t *testing.T, addr string, d time.Duration) error {
			opts := []ucontact.Option{ucontact.WithLogin("agent", "silent-Password-1")}
			if d != 0 {
				opts = append(opts, ucontact.WithTimeout(d))
			}
			c := must(ucontact.NewClient("http://"+addr, opts...))
			defer c.Close()
			_, err := c.QueueSummary(context.Background())
			return err
		}},
		{"offices", 2, func(t *testing.T, addr string, d time.Duration) error {
			opts := []offices.Option{offices.WithBaseURL("http://" + addr + "/api/v2")}
			if d != 0 {
				opts = append(opts, offices.WithTimeout(d))
			}
			c := must(offices.NewClient("silent-key-1234", opts...))
			defer c.Close()
			_, err := c.Get(context.Background(), 1)
			return err
		}},
		{"broadworks TLS", 1, func(t *testing.T, addr string, d time.Duration) error {
			c := must(broadworks.NewClient(addr, "u", "silent-Password-1", bw(d)...))
			defer c.Close()
			_, err := c.GetCallCenter(context.Background(), "cc@example.com")
			return err
		}},
		{"broadworks TCP", 1, func(t *testing.T, addr string, d time.Duration) error {
			c := must(broadworks.NewClient(addr, "u", "silent-Password-1", bw(d, broadworks.WithTransport(broadworks.TCP))...))
			defer c.Close()
			_, err := c.GetCallCenter(context.Background(), "cc@example.com")
			return err
		}},
		{"broadworks SOAP", 2, func(t *testing.T, addr string, d time.Duration) error {
			c := must(broadworks.NewClient("unused", "u", "silent-Password-1", bw(d, broadworks.WithSOAPURL("http://"+addr+"/p"))...))
			defer c.Close()
			_, err := c.GetCallCenter(context.Background(), "cc@example.com")
			return err
		}},
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestSilentServerBound: one call of each client, with its default retry
// policy and context.Background(), against a server that accepts and never
// answers, ends after at most two attempts (a timed-out attempt is sent
// again once, never four times), so within about twice the per-request
// timeout. The test runs with a 250 ms timeout; CALLCENTER_DEFAULT_TIMEOUT=1
// runs it with each client's default timeout (30 s; a TLS handshake 10 s)
// to measure the figures RELIABILITY.md gives.
func TestSilentServerBound(t *testing.T) {
	timeout := 250 * time.Millisecond
	if os.Getenv("CALLCENTER_DEFAULT_TIMEOUT") == "1" {
		timeout = 0
	}
	limit := 20 * time.Second // a watchdog, not a timing assertion
	if timeout == 0 {
		limit = 3 * time.Minute
	}
	for _, sc := range silentCalls() {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			addr, accepted := hostiletest.CountingSilentServer(t)
			done := make(chan error, 1)
			start := time.Now()
			go func() { done <- sc.call(t, addr, timeout) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(limit):
				t.Fatalf("the call is still waiting after %v", limit)
			}
			elapsed := time.Since(start)
			per := timeout
			if per == 0 {
				per = transport.DefaultTimeout
			}
			t.Logf("%s: one call against a silent server: %.2f s (%.1f x the %v timeout), %d attempts: %s",
				sc.name, elapsed.Seconds(), elapsed.Seconds()/per.Seconds(), per, accepted(), firstLine(err))
			if err == nil {
				t.Fatal("no error from a server that never answers")
			}
			if n := accepted(); n < 1 || n > sc.maxAttempts {
				t.Errorf("%d attempts, want 1 to %d: a timed-out attempt is retried at most once", n, sc.maxAttempts)
			}
		})
	}
}

func firstLine(err error) string {
	if err == nil {
		return "<nil>"
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return fmt.Sprintf("%.160s", s)
}
