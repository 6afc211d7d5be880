package apio_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// TestRefusedLoginRemembered: after APIO refuses the login, the client does
// not log in again on every call: 20 calls (10 one after the other, 10 at
// once) cost the fake one refused login, and each fails at once with an
// error matching ErrLoginRefused and ErrSystemic (so a bulk run stops).
func TestRefusedLoginRemembered(t *testing.T) {
	srv := apiotest.NewServer()
	defer srv.Close()
	const wrong = "Wrong-Pa55word-42"
	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, wrong), apio.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	call := func() error {
		_, err := c.GetCallCenter(ctx, "Sp", "G1", "cc@sip.example.com")
		return err
	}
	errs := make([]error, 0, 20)
	for range 10 {
		errs = append(errs, call())
	}
	errs = append(errs, run(10, call)...)
	for i, err := range errs {
		if !errors.Is(err, apio.ErrLoginRefused) || !errors.Is(err, apio.ErrSystemic) || !errors.Is(err, apio.ErrUnauthorized) {
			t.Fatalf("call %d: %v does not match ErrLoginRefused, ErrSystemic and ErrUnauthorized", i, err)
		}
		if strings.Contains(err.Error(), wrong) {
			t.Errorf("call %d: error shows the password: %v", i, err)
		}
		if !strings.Contains(err.Error(), apiotest.DefaultUser) {
			t.Errorf("call %d: error %q does not name the user", i, err)
		}
	}
	var ae *apio.Error
	if !errors.As(errs[0], &ae) || ae.StatusCode != http.StatusUnauthorized || ae.Message != "invalid credentials" {
		t.Errorf("first refusal = %v, want APIO's 401 as an *apio.Error", errs[0])
	}
	st := srv.Stats()
	t.Logf("20 calls after a refused login: %d login attempts at the fake, %d requests", st.FailedLogins+st.Logins, srv.FaultStats().Requests)
	if st.FailedLogins != 1 || st.Logins != 0 || srv.FaultStats().Requests != 1 {
		t.Errorf("stats = %+v, requests %d; want exactly one (refused) login and nothing else", st, srv.FaultStats().Requests)
	}
}

// TestDefaultTimeout: a gateway that accepts and never answers does not
// stall a call made with context.Background(): the per-attempt timeout
// ends it with an error.
func TestDefaultTimeout(t *testing.T) {
	if apio.DefaultTimeout != 30*time.Second {
		t.Errorf("DefaultTimeout = %v, want 30s", apio.DefaultTimeout)
	}
	addr := hostiletest.SilentServer(t) // held open, never answered

	for _, name := range []string{"token", "login"} {
		creds := apio.WithToken("m2m-token-123")
		if name == "login" {
			creds = apio.WithLogin("admin", "pw-Secret-1234")
		}
		c, err := apio.NewClient("http://"+addr, creds, apio.WithTimeout(200*time.Millisecond), apio.WithRetry(-1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		start := time.Now()
		go func() {
			_, err := c.GetCallCenter(context.Background(), "Sp", "G1", "cc@sip.example.com")
			done <- err
		}()
		select {
		case err := <-done:
			t.Logf("%s: a silent gateway ended the call after %v: %v", name, time.Since(start).Round(time.Millisecond), err)
			if err == nil {
				t.Errorf("%s: a gateway that never answers gave no error", name)
			}
			if errors.Is(err, apio.ErrOutcomeUnknown) {
				t.Errorf("%s: a timed-out GET is not outcome-unknown: %v", name, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the call is still waiting after 20 s with WithTimeout(200ms)", name)
		}
	}
}

// TestRedirects: APIO answers 302 or 307 pointing at another host
// (127.0.0.2) or another port of the same host; the client follows none of
// them: the other server receives nothing (no login body with the password,
// no token, no call-center body), and the error matches ErrRedirectRefused
// without showing a secret. A 302 of a GET to the same origin is followed
// (the control that shows the test can see a redirect being followed).
func TestRedirects(t *testing.T) {
	const (
		password = "Login-Pa55word-9876"
		access   = "AT-redirect-access-0001"
		refresh  = "RT-redirect-refresh-0002"
		ccPass   = "Cc-redirect-Pa55-77"
	)

	// The origin answers the login (unless it redirects it) and redirects
	// every other request to where the test says.
	var (
		mu        sync.Mutex
		status    int
		target    string // base URL to redirect to; "" for the origin itself
		loginToo  bool
		originGot []string
	)
	var origin *httptest.Server
	origin = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		mu.Lock()
		st, to, redirectLogin := status, target, loginToo
		originGot = append(originGot, r.Method+" "+r.URL.Path)
		mu.Unlock()
		switch {
		case r.URL.Path == "/api/v01/auth/login" && !redirectLogin:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"access_token":"`+access+`","refresh_token":"`+refresh+`"}`)
		case strings.HasPrefix(r.URL.Path, "/moved/"):
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"call_centers":[{"serviceUserId":"moved@sip.example.com"}]}`)
		default:
			base := to
			if base == "" {
				base = origin.URL
			}
			// The Location carries the access token in its path: it must
			// not reach the error either.
			http.Redirect(w, r, base+"/moved/"+access+r.URL.Path, st)
		}
	}))
	t.Cleanup(origin.Close)

	cc := callcenter.CallCenter{ServiceProviderID: "Sp", GroupID: "G1", ServiceUserID: "cc@sip.example.com",
		Profile: callcenter.Profile{Name: "Redirected", Password: ccPass}}
	cc.ApplyDefaults()
	calls := []struct {
		name  string
		login bool // the login itself is redirected
		call  func(*apio.Client) error
	}{
		{"login POST (password)", true, func(c *apio.Client) error {
			_, err := collect(c.ListCallCenters(context.Background(), "Sp", "G1"))
			return err
		}},
		{"GET list (token)", false, func(c *apio.Client) error {
			_, err := collect(c.ListCallCenters(context.Background(), "Sp", "G1"))
			return err
		}},
		{"POST create (body)", false, func(c *apio.Client) error {
			_, err := c.CreateCallCenter(context.Background(), &apio.CreateCallCenterRequest{CallCenter: cc})
			return err
		}},
		{"PUT update (body)", false, func(c *apio.Client) error {
			_, err := c.UpdateCallCenter(context.Background(), &apio.UpdateCallCenterRequest{CallCenter: cc})
			return err
		}},
		{"DELETE (token)", false, func(c *apio.Client) error {
			return c.DeleteCallCenter(context.Background(), "Sp", "G1", cc.ServiceUserID)
		}},
	}
	secrets := []string{password, access, refresh, ccPass}
	var matrix []string
	for _, other := range []struct{ where, addr string }{{"other host", "127.0.0.2:0"}, {"other port", "127.0.0.1:0"}} {
		// A subtest, so that where 127.0.0.2 cannot be bound only the
		// other-host cases are skipped.
		t.Run(other.where, func(t *testing.T) {
			where := other.where
			// Were a redirect followed, the other server answers the login
			// and the list.
			srv := hostiletest.NewRecorder(t, other.addr, hostiletest.Answer(http.StatusOK, "", `{"access_token":"stolen","call_centers":[]}`))
			for _, st := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
				for _, tc := range calls {
					mu.Lock()
					status, target, loginToo = st, srv.URL, tc.login
					mu.Unlock()
					c, err := apio.NewClient(origin.URL, apio.WithLogin("admin", password), apio.WithRetry(-1, 0, 0))
					if err != nil {
						t.Fatal(err)
					}
					err = tc.call(c)
					got := srv.Take()
					matrix = append(matrix, fmt.Sprintf("%d to %s, %s: %d requests reached it", st, where, tc.name, len(got)))
					if len(got) != 0 {
						t.Errorf("%d to %s, %s: the other server received %q", st, where, tc.name, got)
					}
					if !errors.Is(err, apio.ErrRedirectRefused) {
						t.Errorf("%d to %s, %s: error %v does not match ErrRedirectRefused", st, where, tc.name, err)
					}
					if errors.Is(err, apio.ErrOutcomeUnknown) {
						t.Errorf("%d to %s, %s: a refused redirect is the server's answer, not an unknown outcome: %v", st, where, tc.name, err)
					}
					known := secrets
					if tc.login {
						known = []string{password, ccPass} // no token was issued yet: the Location's is just text
					}
					if err != nil {
						for _, s := range known {
							if strings.Contains(err.Error(), s) {
								t.Errorf("%d to %s, %s: error shows a secret: %v", st, where, tc.name, err)
							}
						}
					}
				}
			}
		})
	}
	for _, line := range matrix {
		t.Log(line)
	}

	// Control: a 302 of a GET to the same origin is followed.
	mu.Lock()
	status, target, loginToo, originGot = http.StatusFound, "", false, nil
	mu.Unlock()
	c, err := apio.NewClient(origin.URL, apio.WithLogin("admin", password), apio.WithRetry(-1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	list, err := collect(c.ListCallCenters(context.Background(), "Sp", "G1"))
	if err != nil || len(list) != 1 || list[0].ServiceUserID != "moved@sip.example.com" {
		t.Errorf("same-origin 302 of a GET: %+v, %v; want it followed", list, err)
	}
	// A 307 of a POST to the same origin is refused too: a body is never
	// sent twice.
	mu.Lock()
	status = http.StatusTemporaryRedirect
	mu.Unlock()
	_, err = c.CreateCallCenter(context.Background(), &apio.CreateCallCenterRequest{CallCenter: cc})
	if !errors.Is(err, apio.ErrRedirectRefused) {
		t.Errorf("same-origin 307 of a POST: %v, want ErrRedirectRefused", err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, g := range originGot {
		if strings.HasPrefix(g, "POST /moved/") {
			t.Errorf("the create was sent again on a redirect: %q", originGot)
		}
	}
}

// TestClose: Close logs out (the fake counts one logout and ends the
// session's tokens), a second Close sends nothing, and a call after Close
// fails with ErrClosed and sends nothing. Concurrent Closes log out once.
// A token client and a client that never logged in send nothing.
func TestClose(t *testing.T) {
	c, srv := fakeClient(t, nil)
	if err := c.Close(); err != nil {
		t.Fatalf("Close before any login: %v", err)
	}
	if n := srv.FaultStats().Requests; n != 0 {
		t.Errorf("Close before any login sent %d requests", n)
	}

	c, srv = fakeClient(t, nil)
	if _, err := collect(c.ListCallCenters(context.Background(), "Sp", "G1")); err != nil {
		t.Fatal(err)
	}
	if srv.Sessions() != 1 {
		t.Fatalf("sessions = %d", srv.Sessions())
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	before := srv.FaultStats().Requests
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	st := srv.Stats()
	t.Logf("after Close twice: %d logouts, %d sessions left, %d requests by the second Close", st.Logouts, srv.Sessions(), srv.FaultStats().Requests-before)
	if st.Logouts != 1 || st.RefusedLogouts != 0 || srv.Sessions() != 0 || srv.FaultStats().Requests != before {
		t.Errorf("stats = %+v, sessions = %d; want one logout and no session", st, srv.Sessions())
	}
	_, err := collect(c.ListCallCenters(context.Background(), "Sp", "G1"))
	if !errors.Is(err, apio.ErrClosed) || srv.FaultStats().Requests != before || srv.Stats().Logins != 1 {
		t.Errorf("use after Close: %v, %d requests, %d logins; want ErrClosed and nothing sent", err, srv.FaultStats().Requests-before, srv.Stats().Logins)
	}
	if _, err := c.CreateCallCenter(context.Background(), &apio.CreateCallCenterRequest{CallCenter: premium("late@sip.example.com")}); !errors.Is(err, apio.ErrClosed) {
		t.Errorf("create after Close: %v", err)
	}

	// Concurrent Closes log out once.
	c, srv = fakeClient(t, nil)
	if _, err := collect(c.ListCallCenters(context.Background(), "Sp", "G1")); err != nil {
		t.Fatal(err)
	}
	for _, err := range run(8, c.Close) {
		if err != nil {
			t.Errorf("concurrent Close: %v", err)
		}
	}
	if st := srv.Stats(); st.Logouts != 1 || st.RefusedLogouts != 0 {
		t.Errorf("after 8 concurrent Closes: %+v", st)
	}

	// A token client holds no session.
	tsrv := apiotest.NewServer(apiotest.WithMachineToken("m2m-0123456789"))
	defer tsrv.Close()
	tc, err := apio.NewClient(tsrv.URL, apio.WithToken("m2m-0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := collect(tc.ListCallCenters(context.Background(), "Sp", "G1")); err != nil {
		t.Fatal(err)
	}
	if err := tc.Close(); err != nil || tsrv.FaultStats().Requests != 1 {
		t.Errorf("token client Close: %v, requests %d", err, tsrv.FaultStats().Requests)
	}
}

// TestCloseBounded: a logout the gateway never answers does not hold Close
// forever, and an expired token is not an error.
func TestCloseBounded(t *testing.T) {
	c, srv := fakeClient(t, nil, apio.WithTimeout(100*time.Millisecond), apio.WithRetry(-1, 0, 0))
	if _, err := collect(c.ListCallCenters(context.Background(), "Sp", "G1")); err != nil {
		t.Fatal(err)
	}
	srv.SetLatency(time.Hour)
	done := make(chan error, 1)
	go func() { done <- c.Close() }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a logout that got no answer gave no error")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Close still waiting after 20 s")
	}
	srv.SetLatency(0)

	c2, srv2 := fakeClient(t, nil)
	if _, err := collect(c2.ListCallCenters(context.Background(), "Sp", "G1")); err != nil {
		t.Fatal(err)
	}
	srv2.ExpireAccessTokens()
	if err := c2.Close(); err != nil {
		t.Errorf("Close with an expired token: %v", err)
	}
	if st := srv2.Stats(); st.RefusedLogouts != 1 {
		t.Errorf("stats = %+v", st)
	}
}

// TestNewClientReportsEverything: every argument problem comes back at
// once, as a *ValidationError naming NewClient.
func TestNewClientReportsEverything(t *testing.T) {
	_, err := apio.NewClient("ftp://", apio.WithLogin(" ", ""), apio.WithToken(""))
	var ve *apio.ValidationError
	if !errors.As(err, &ve) || ve.Subject != "apio: NewClient arguments" {
		t.Fatalf("err = %v", err)
	}
	for _, f := range []string{"baseURL", "credentials", "WithLogin.username", "WithLogin.password", "WithToken.token"} {
		if !ve.Has(f) {
			t.Errorf("error %v does not name %s", err, f)
		}
	}
	for _, bad := range []string{"", "apio.example.com", "https://", "https://u:p@apio.example.com", "https://apio.example.com/?x=1"} {
		if _, err := apio.NewClient(bad, apio.WithToken("t-123")); !errors.As(err, &ve) || !ve.Has("baseURL") {
			t.Errorf("NewClient(%q) = %v, want a baseURL problem", bad, err)
		}
	}
	// WithBaseURL replaces the argument.
	srv := apiotest.NewServer()
	defer srv.Close()
	c, err := apio.NewClient("", apio.WithBaseURL(srv.URL), apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := collect(c.ListCallCenters(context.Background(), "Sp", "G1")); err != nil {
		t.Errorf("client built WithBaseURL: %v", err)
	}
}

// TestListCallCentersCap: APIO answers a group's list at once; a list
// longer than the listing cap (100,000 call centers) ends with an error
// after that many, as every List… of the module does.
func TestListCallCentersCap(t *testing.T) {
	for _, tc := range []struct {
		size, want int
		err        bool
	}{{100_000, 100_000, false}, {100_001, 100_000, true}} {
		body := func() string {
			var b strings.Builder
			b.WriteString(`{"call_centers":[`)
			for i := range tc.size {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{"serviceUserId":"cc%d@x"}`, i)
			}
			b.WriteString(`]}`)
			return b.String()
		}()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, body)
		}))
		c, err := apio.NewClient(srv.URL, apio.WithToken("m2m-token-0101"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		var last error
		for _, err := range c.ListCallCenters(context.Background(), "Sp", "G1") {
			if err != nil {
				last = err
				break
			}
			n++
		}
		if n != tc.want || (last != nil) != tc.err || (tc.err && !strings.Contains(last.Error(), "apio: ListCallCenters: the listing cap of 100000 items was reached")) {
			t.Errorf("%d call centers: %d listed, error %v", tc.size, n, last)
		}
		srv.Close()
	}
}
