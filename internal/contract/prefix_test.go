package contract_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/ucontact"
)

// prefixKit opens one REST client against base and gives the calls the
// prefix test makes with it.
type prefixKit struct {
	// login is the path of the vendor's login and the body of a good
	// answer to it ("" for a client without login).
	login, loginOK string
	// open makes a client at base (logging in with password) bounded by
	// timeout per attempt, without retries.
	open func(base, password string, timeout time.Duration) (prefixClient, error)
	// badNew are NewClient calls with bad arguments.
	badNew []func() error
	// own are the package's own sentinels (the shared ones, such as
	// ErrNotFound, name no package: they are the same in every one).
	own []error
}

// prefixClient is one client's calls: a read, a write (a POST that acts),
// a call with bad input (refused before sending) and Close.
type prefixClient struct {
	read, list, write, invalid func(ctx context.Context) error
	close                      func() error
}

var prefixKits = map[string]prefixKit{
	"apio": {
		login: "/api/v01/auth/login", loginOK: `{"access_token": "acc-0123456789", "refresh_token": "ref-0123456789"}`,
		open: func(base, password string, timeout time.Duration) (prefixClient, error) {
			c, err := apio.NewClient(base, apio.WithLogin("admin", password), apio.WithRetry(-1, 0, 0), apio.WithTimeout(timeout))
			if err != nil {
				return prefixClient{}, err
			}
			cc := callcenter.CallCenter{ServiceProviderID: "Sp", GroupID: "G1", ServiceUserID: "cc@example.com",
				Profile: callcenter.Profile{Password: "Cc-Pa55word"}}
			cc.ApplyDefaults()
			return prefixClient{
				read: func(ctx context.Context) error {
					_, err := c.GetCallCenter(ctx, "Sp", "G1", "cc@example.com")
					return err
				},
				list: func(ctx context.Context) error { return drain(c.ListCallCenters(ctx, "Sp", "G1")) },
				write: func(ctx context.Context) error {
					_, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc})
					return err
				},
				invalid: func(ctx context.Context) error { _, err := c.CreateCallCenter(ctx, nil); return err },
				close:   c.Close,
			}, nil
		},
		badNew: []func() error{
			func() error { _, err := apio.NewClient("apio.example.com", apio.WithToken("t-0123456789")); return err },
			func() error { _, err := apio.NewClient("https://apio.example.com"); return err },
		},
	},
	"livevox": {
		login: "/session/login", loginOK: `{"sessionId": "sess-0123456789", "userId": 1, "clientId": 2}`,
		open: func(base, password string, timeout time.Duration) (prefixClient, error) {
			c, err := livevox.NewClient(livevox.Credentials{AccessToken: "acc", ClientName: "ACME", UserName: "u", Password: callcenter.Secret(password)},
				livevox.WithBaseURL(base), livevox.WithRetry(-1, 0, 0), livevox.WithRateLimit(rate.Inf, 0), livevox.WithTimeout(timeout))
			if err != nil {
				return prefixClient{}, err
			}
			return prefixClient{
				read: func(ctx context.Context) error { _, err := c.GetCallCenter(ctx, 5); return err },
				list: func(ctx context.Context) error { return drain(c.ListCallCenters(ctx, nil)) },
				write: func(ctx context.Context) error {
					_, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Sales"})
					return err
				},
				invalid: func(ctx context.Context) error { _, err := c.CreateCallCenter(ctx, nil); return err },
				close:   c.Close,
			}, nil
		},
		badNew: []func() error{
			func() error {
				_, err := livevox.NewClient(livevox.Credentials{AccessToken: "a", ClientName: "c", UserName: "u", Password: "p"}, livevox.WithBaseURL("x"))
				return err
			},
			func() error { _, err := livevox.NewClient(livevox.Credentials{}); return err },
		},
		own: []error{livevox.ErrHasServices},
	},
	"ucontact": {
		login: "/Integra/resources/auth/getUserToken", loginOK: `["admin", "a2V5LTAxMjM0NTY3ODk="]`,
		open: func(base, password string, timeout time.Duration) (prefixClient, error) {
			c, err := ucontact.NewClient(base, ucontact.WithLogin("admin", password), ucontact.WithRetry(-1, 0, 0),
				ucontact.WithRateLimit(rate.Inf, 0), ucontact.WithTimeout(timeout))
			if err != nil {
				return prefixClient{}, err
			}
			return prefixClient{
				read: func(ctx context.Context) error { _, err := c.QueueSummary(ctx); return err },
				list: func(ctx context.Context) error { return drain(c.ListRecordings(ctx, nil)) },
				write: func(ctx context.Context) error {
					return c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "Power<-", Destination: "098344484"})
				},
				invalid: func(ctx context.Context) error { return c.AddDialerTask(ctx, nil) },
				close:   c.Close,
			}, nil
		},
		badNew: []func() error{
			func() error { _, err := ucontact.NewClient("x", ucontact.WithAPIToken("t-0123456789")); return err },
			func() error { _, err := ucontact.NewClient("https://acme.ucontactcloud.com"); return err },
		},
		own: []error{ucontact.ErrRecordingNotFound},
	},
	"offices": {
		open: func(base, _ string, timeout time.Duration) (prefixClient, error) {
			c, err := offices.NewClient("key-0123456789", offices.WithBaseURL(base), offices.WithRetry(-1, 0, 0),
				offices.WithRateLimit(0, 0), offices.WithTimeout(timeout))
			if err != nil {
				return prefixClient{}, err
			}
			return prefixClient{
				read: func(ctx context.Context) error { _, err := c.Get(ctx, 5); return err },
				list: func(ctx context.Context) error { return drain(c.ListOffices(ctx, nil)) },
				write: func(ctx context.Context) error {
					_, err := c.AssignNumber(ctx, 5, &offices.AssignNumberRequest{AreaCode: "415"})
					return err
				},
				invalid: func(ctx context.Context) error { _, err := c.Get(ctx, 0); return err },
				close:   c.Close,
			}, nil
		},
		badNew: []func() error{
			func() error { _, err := offices.NewClient("k", offices.WithBaseURL("x")); return err },
			func() error { _, err := offices.NewClient(""); return err },
		},
		own: []error{offices.ErrNoAPIKey},
	},
}

// TestErrorPrefixOnce: every kind of error a REST client returns names its
// package once, at the start ("vendor: ...", "vendor: invalid ..." for bad
// input): bad NewClient arguments, bad input, error answers (404, 500
// to an action, a refused login), bodies that cannot be read, a dropped
// connection, a server that cannot be reached or does not answer in
// time, a cancelled context and a closed client.
func TestErrorPrefixOnce(t *testing.T) {
	for vendor, kit := range prefixKits {
		check := func(what string, err error) {
			t.Helper()
			if err == nil {
				t.Errorf("%s, %s: no error", vendor, what)
				return
			}
			text := err.Error()
			t.Logf("%s, %s: %s", vendor, what, text)
			prefix := vendor + ": "
			// "vendor: " as a word of its own: "/offices: 404" is a path.
			n := len(regexp.MustCompile(`(^|[^/\w])`+prefix).FindAllString(text, -1))
			if n != 1 || !strings.HasPrefix(text, prefix) {
				t.Errorf("%s, %s: %q names %q %d times; want once, at the start", vendor, what, text, prefix, n)
			}
		}
		for i, bad := range kit.badNew {
			check(fmt.Sprintf("NewClient #%d", i+1), bad())
		}
		for i, own := range kit.own {
			check(fmt.Sprintf("sentinel #%d", i+1), own)
		}

		// A server answering the login well, and everything else as the
		// scenario says.
		var mu sync.Mutex
		var answer, loginAnswer http.HandlerFunc
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			mu.Lock()
			a, login := answer, loginAnswer
			mu.Unlock()
			if kit.login != "" && r.URL.Path == kit.login {
				a = login
			}
			a(w, r)
		}))
		good := func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, kit.loginOK)
		}
		scenario := func(name string, login, h http.HandlerFunc, calls ...string) {
			t.Helper()
			mu.Lock()
			answer, loginAnswer = h, login
			mu.Unlock()
			c, err := kit.open(srv.URL, "Pa55word-0123", 200*time.Millisecond)
			if err != nil {
				t.Fatalf("%s: %v", vendor, err)
			}
			defer c.close()
			for _, call := range calls {
				fn := map[string]func(context.Context) error{"read": c.read, "list": c.list, "write": c.write}[call]
				check(name+" ("+call+")", fn(context.Background()))
			}
		}
		status := func(code int, body string) http.HandlerFunc {
			return func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(code)
				_, _ = io.WriteString(w, body)
			}
		}
		scenario("404", good, status(404, `{"error": "no such thing"}`), "read", "list")
		scenario("500", good, status(500, `{"error": "boom"}`), "read", "list", "write")
		scenario("unreadable 200", good, status(200, `{"broken`), "read", "list", "write")
		scenario("wrong types", good, status(200, `{"id": [1], "callCenterId": {}, "name": 5, "data": "x"}`), "read")
		scenario("dropped", good, func(w http.ResponseWriter, _ *http.Request) {
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
		}, "read", "list", "write")
		scenario("silent", good, func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		}, "read", "write")
		if kit.login != "" {
			scenario("login refused", status(401, `{"error": "bad credentials"}`), status(200, "{}"), "read", "read") // the second remembered
			scenario("login unreadable", status(200, `{"broken`), status(200, "{}"), "read")
			scenario("login 500", status(500, `{"error": "boom"}`), status(200, "{}"), "read")
		}
		srv.Close()

		// No server at all.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		c, err := kit.open("http://"+addr, "Pa55word-0123", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		check("connection refused", c.read(context.Background()))
		check("bad input", c.invalid(context.Background()))
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		check("cancelled", c.read(ctx))
		if err := c.close(); err != nil {
			check("Close", err)
		}
		check("closed", c.read(context.Background()))
		if !errors.Is(c.read(context.Background()), transport.ErrClosed) {
			t.Errorf("%s: closed: not ErrClosed", vendor)
		}
	}
}
