package contract_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/offices/officestest"
	"github.com/ccsdk/callcenter-go/ucontact"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

// closing is one REST client and its fake, as the Close contract sees them.
type closing struct {
	client   io.Closer
	call     func(ctx context.Context) error // one read that needs the session
	srv      fault.Injector
	sessions func() int // the fake's live sessions (nil: the vendor has none)
	log      *bytes.Buffer
	closed   error // the package's ErrClosed
}

// closeRecords counts the "close" debug records written so far.
func (c closing) closeRecords() int { return strings.Count(c.log.String(), "msg=close") }

// restClients makes each REST client against its fake, logging to a
// buffer, with the options given to all (timeout, retries).
var restClients = map[string]func(t *testing.T, timeout time.Duration) closing{
	"apio": func(t *testing.T, timeout time.Duration) closing {
		srv := apiotest.NewServer()
		t.Cleanup(srv.Close)
		var buf bytes.Buffer
		c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword),
			apio.WithLogger(logger(&buf)), apio.WithTimeout(timeout))
		if err != nil {
			t.Fatal(err)
		}
		return closing{c, func(ctx context.Context) error { return drain(c.ListCallCenters(ctx, "Sp", "G1")) }, srv, srv.Sessions, &buf, apio.ErrClosed}
	},
	"livevox": func(t *testing.T, timeout time.Duration) closing {
		srv := livevoxtest.NewServer()
		t.Cleanup(srv.Close)
		var buf bytes.Buffer
		c, err := livevox.NewClient(livevox.Credentials{AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
			UserName: livevoxtest.DefaultUser, Password: callcenter.Secret(livevoxtest.DefaultPassword)},
			livevox.WithBaseURL(srv.URL), livevox.WithRateLimit(rate.Inf, 0), livevox.WithLogger(logger(&buf)), livevox.WithTimeout(timeout))
		if err != nil {
			t.Fatal(err)
		}
		return closing{c, func(ctx context.Context) error { _, err := c.GetCallCenterListInfo(ctx, 0); return err }, srv, srv.Sessions, &buf, livevox.ErrClosed}
	},
	"ucontact": func(t *testing.T, timeout time.Duration) closing {
		srv := ucontacttest.NewServer()
		t.Cleanup(srv.Close)
		var buf bytes.Buffer
		c, err := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.DefaultUser, ucontacttest.DefaultPassword),
			ucontact.WithRateLimit(rate.Inf, 0), ucontact.WithLogger(logger(&buf)), ucontact.WithTimeout(timeout))
		if err != nil {
			t.Fatal(err)
		}
		return closing{c, func(ctx context.Context) error { _, err := c.CampaignStatus(ctx, "Power<-"); return err }, srv, srv.Sessions, &buf, ucontact.ErrClosed}
	},
	"offices": func(t *testing.T, timeout time.Duration) closing {
		srv := officestest.NewServer()
		t.Cleanup(srv.Close)
		var buf bytes.Buffer
		c, err := offices.NewClient(officestest.DefaultAPIKey, offices.WithBaseURL(srv.URL), offices.WithRateLimit(0, 0),
			offices.WithLogger(logger(&buf)), offices.WithTimeout(timeout))
		if err != nil {
			t.Fatal(err)
		}
		return closing{c, func(ctx context.Context) error { return drain(c.ListOffices(ctx, nil)) }, srv, nil, &buf, offices.ErrClosed}
	},
}

func logger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// drain runs a listing to its end and returns its error.
func drain[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestCloseOncePerSession: every REST client's Close sends nothing when it
// holds nothing, ends a session once (a second Close sends nothing and
// writes nothing) and writes one debug record for it. After Close the
// client is done: a call fails with the package's ErrClosed and sends
// nothing, not even a login.
func TestCloseOncePerSession(t *testing.T) {
	for name, mk := range restClients {
		c := mk(t, 0)
		if err := c.client.Close(); err != nil || c.srv.FaultStats().Requests != 0 {
			t.Errorf("%s: Close of a fresh client: %v, %d requests", name, err, c.srv.FaultStats().Requests)
		}
		c = mk(t, 0)
		if err := c.call(context.Background()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.client.Close(); err != nil {
			t.Errorf("%s: Close: %v", name, err)
		}
		before, records := c.srv.FaultStats().Requests, c.closeRecords()
		if err := c.client.Close(); err != nil || c.srv.FaultStats().Requests != before || c.closeRecords() != records {
			t.Errorf("%s: a second Close: %v, %d requests, %d records", name, err, c.srv.FaultStats().Requests-before, c.closeRecords()-records)
		}
		want := 0
		if c.sessions != nil {
			want = 1
			if n := c.sessions(); n != 0 {
				t.Errorf("%s: %d sessions left after Close", name, n)
			}
		}
		if got := c.closeRecords(); got != want {
			t.Errorf("%s: %d close records, want %d", name, got, want)
		}
		if err := c.call(context.Background()); !errors.Is(err, c.closed) || !errors.Is(err, transport.ErrClosed) {
			t.Errorf("%s: a call after Close: %v, want ErrClosed", name, err)
		}
		if n := c.srv.FaultStats().Requests - before; n != 0 || (c.sessions != nil && c.sessions() != 0) {
			t.Errorf("%s: a call after Close sent %d requests", name, n)
		}
	}
}

// TestCloseWhileCalling: Close is safe while calls are in flight. Each
// call either started before Close and succeeds (one that must log in
// does), or fails with ErrClosed, never anything else; however many
// Closes run, the last call to finish leaves no session behind and one
// close record at most.
func TestCloseWhileCalling(t *testing.T) {
	for name, mk := range restClients {
		for _, closes := range []int{1, 10} {
			c := mk(t, 0)
			var wg sync.WaitGroup
			var ok, refused atomic.Int32
			start := make(chan struct{})
			for range 4 {
				wg.Go(func() {
					<-start
					for range 10 {
						err := c.call(context.Background())
						switch {
						case err == nil:
							ok.Add(1)
						case errors.Is(err, c.closed):
							refused.Add(1)
						default:
							t.Errorf("%s, %d Closes: a call during Close: %v", name, closes, err)
						}
					}
				})
			}
			close(start)
			time.Sleep(time.Millisecond)
			for range closes {
				if err := c.client.Close(); err != nil {
					t.Errorf("%s: Close during calls: %v", name, err)
				}
			}
			wg.Wait()
			t.Logf("%s, %d Closes: %d calls done, %d refused", name, closes, ok.Load(), refused.Load())
			if c.sessions != nil && c.sessions() != 0 {
				t.Errorf("%s: %d sessions left after the calls", name, c.sessions())
			}
			if n := c.closeRecords(); n > 1 {
				t.Errorf("%s: %d close records", name, n)
			}
		}
	}
}

// TestCloseLetsCallsFinish: a call in flight when Close is called
// finishes; Close returns at once, and the session ends when the call
// does.
func TestCloseLetsCallsFinish(t *testing.T) {
	const latency = 300 * time.Millisecond
	for name, mk := range restClients {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := mk(t, 0)
			if err := c.call(context.Background()); err != nil {
				t.Fatal(err)
			}
			c.srv.SetLatency(latency)
			// The call is in flight once its request is at the server.
			before := c.srv.FaultStats().Requests
			done := make(chan error, 1)
			go func() { done <- c.call(context.Background()) }()
			for deadline := time.Now().Add(5 * time.Second); c.srv.FaultStats().Requests == before; {
				if time.Now().After(deadline) {
					t.Fatal("the call sent nothing within 5 s")
				}
				time.Sleep(time.Millisecond)
			}
			start := time.Now()
			if err := c.client.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			if took := time.Since(start); took >= latency {
				t.Errorf("Close waited %v for the call in flight", took)
			}
			if err := <-done; err != nil {
				t.Errorf("the call in flight: %v", err)
			}
			if c.sessions != nil && c.sessions() != 0 {
				t.Errorf("%d sessions left after the call ended", c.sessions())
			}
			if err := c.call(context.Background()); !errors.Is(err, c.closed) {
				t.Errorf("a call after Close: %v", err)
			}
		})
	}
}

// TestCloseBounded: a server that never answers the logout holds Close for
// rest.CloseTimeout (5 s) at most, even when the client's own per-request
// timeout is longer.
func TestCloseBounded(t *testing.T) {
	for name, mk := range restClients {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := mk(t, time.Minute)
			if err := c.call(context.Background()); err != nil {
				t.Fatal(err)
			}
			c.srv.SetLatency(time.Hour)
			start := time.Now()
			err := c.client.Close()
			took := time.Since(start)
			t.Logf("Close against a silent server: %v after %v", err, took.Round(time.Millisecond))
			if took > rest.CloseTimeout+2*time.Second || (c.sessions != nil && err == nil) {
				t.Errorf("Close took %v (bound %v), error %v", took, rest.CloseTimeout, err)
			}
		})
	}
}

// TestBroadworksClose: the OCI-P client's Close sends nothing when it holds
// nothing, is safe to call twice, and a call after it fails with
// broadworks.ErrClosed, the REST packages' value too, naming its package.
func TestBroadworksClose(t *testing.T) {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	c, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := c.Close(); err != nil || srv.Stats().Connections != 0 {
			t.Errorf("Close: %v, %d connections", err, srv.Stats().Connections)
		}
	}
	if _, err := c.GetCallCenter(context.Background(), "cc@example.com"); !errors.Is(err, broadworks.ErrClosed) || !errors.Is(err, apio.ErrClosed) ||
		err.Error() != "broadworks: client closed" {
		t.Errorf("a call after Close: %v, want ErrClosed", err)
	}
	if srv.Stats().Connections != 0 {
		t.Errorf("a call after Close opened %d connections", srv.Stats().Connections)
	}
}
