package ucontact_test

// Operational safety (issue 14): a refused login is not repeated on every
// call, every call is bounded in time by default, credentials and bodies
// never follow a redirect to another origin, a 2xx answer to an action that
// cannot be read or understood is outcome-unknown, and secrets the server
// echoes never reach an error. Every server here listens on loopback.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"github.com/ccsdk/callcenter-go/ucontact"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

// quick are the options of a client that neither waits for a rate limit
// nor retries, so counts at the server are exact.
func quick(opts ...ucontact.Option) []ucontact.Option {
	return append([]ucontact.Option{ucontact.WithRateLimit(rate.Inf, 0), ucontact.WithRetry(-1, time.Millisecond, time.Millisecond)}, opts...)
}

// within runs f and fails the test if it does not return within d.
func within[T any](t *testing.T, d time.Duration, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(d):
		t.Fatalf("the call did not return within %v", d)
		panic("unreachable")
	}
}

// TestLoginRefusalRemembered: after the fake refuses the password (200,
// "0"), 20 calls more (sequential and concurrent, reads and actions) make
// no login attempt: exactly 1 reaches auth/getUserToken, and every error
// matches ErrLoginRefused, ErrSystemic and ErrUnauthorized.
func TestLoginRefusalRemembered(t *testing.T) {
	srv := ucontacttest.NewServer()
	defer srv.Close()
	const wrong = "not-the-password-42"
	c, err := ucontact.NewClient(srv.URL, quick(ucontact.WithLogin(ucontacttest.DefaultUser, wrong))...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	check := func(i int, err error) {
		t.Helper()
		for _, target := range []error{ucontact.ErrLoginRefused, ucontact.ErrSystemic, ucontact.ErrUnauthorized} {
			if !errors.Is(err, target) {
				t.Errorf("call %d: error %v does not match %v", i, err, target)
			}
		}
		if err != nil && (strings.Contains(err.Error(), wrong) || !strings.Contains(err.Error(), ucontacttest.DefaultUser)) {
			t.Errorf("call %d: error %q shows the password or does not name the user", i, err)
		}
	}
	_, err = c.QueueSummary(ctx)
	check(0, err)
	for i := 1; i <= 10; i++ {
		if i%2 == 0 {
			check(i, c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "Power<-", Destination: "098344484"}))
		} else {
			_, err := c.QueueSummary(ctx)
			check(i, err)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Go(func() { _, errs[i] = c.CampaignStatus(ctx, "") })
	}
	wg.Wait()
	for i, err := range errs {
		check(11+i, err)
	}
	if n := srv.Requests("auth/getUserToken"); n != 1 {
		t.Errorf("login attempts = %d after 21 calls, want 1", n)
	}
	for _, action := range []string{"Supervisor/queuesummary", "Dialers/DialerTask", "Supervisor/campaignstatus"} {
		if n := srv.Requests(action); n != 0 {
			t.Errorf("%s reached the server %d times without a session", action, n)
		}
	}
	if err := c.Close(); err != nil {
		t.Errorf("Close after a refused login: %v", err)
	}
}

// TestLoginRefusal401Remembered: a login answered 401 is remembered too.
func TestLoginRefusal401Remembered(t *testing.T) {
	var mu sync.Mutex
	logins := 0
	srv := hostiletest.NewServer(t, hostiletest.Answer(http.StatusOK, "text/plain", "1"), map[string]http.HandlerFunc{
		"/Integra/resources/auth/getUserToken": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			logins++
			mu.Unlock()
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
		},
	})
	c, err := ucontact.NewClient(srv.URL, quick(ucontact.WithLogin("agent1", "pw-401-refused"))...)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		err := c.HangUp(context.Background(), "1001")
		if !errors.Is(err, ucontact.ErrLoginRefused) || !errors.Is(err, ucontact.ErrSystemic) {
			t.Fatalf("call %d: err = %v, want ErrLoginRefused and ErrSystemic", i, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if logins != 1 {
		t.Errorf("login attempts = %d after 20 calls, want 1", logins)
	}
}

// TestTimeoutBoundsCalls: against a server that accepts and never answers,
// calls made with context.Background() return with a timeout error; an
// action timed out after it was sent is outcome-unknown. The default
// timeout is 30 s.
func TestTimeoutBoundsCalls(t *testing.T) {
	if ucontact.DefaultTimeout != 30*time.Second {
		t.Errorf("DefaultTimeout = %v, want 30s", ucontact.DefaultTimeout)
	}
	base := "http://" + hostiletest.SilentServer(t)
	for _, tc := range []struct {
		auth ucontact.Option
		sent bool // the action itself is sent (no login first)
	}{{ucontact.WithAPIToken("tok-silent-0123"), true}, {ucontact.WithLogin("agent1", "pw-silent"), false}} {
		c, err := ucontact.NewClient(base, quick(tc.auth, ucontact.WithTimeout(200*time.Millisecond))...)
		if err != nil {
			t.Fatal(err)
		}
		err = within(t, 20*time.Second, func() error { _, err := c.QueueSummary(context.Background()); return err })
		if !timedOut(err) {
			t.Errorf("%v: read: err = %v, want a timeout", c, err)
		}
		if errors.Is(err, ucontact.ErrLoginRefused) {
			t.Errorf("%v: a timeout is not a refused login: %v", c, err)
		}
		err = within(t, 20*time.Second, func() error {
			_, err := c.AgentCall(context.Background(), &ucontact.AgentCallRequest{Agent: "a", Phone: "1001", Destination: "099123456"})
			return err
		})
		if !timedOut(err) {
			t.Errorf("%v: action: err = %v, want a timeout", c, err)
		}
		if errors.Is(err, ucontact.ErrOutcomeUnknown) != tc.sent {
			// With a token the action itself was sent, then timed out;
			// with a login the login timed out and nothing was sent.
			t.Errorf("%v: action: err = %v, want ErrOutcomeUnknown %v", c, err, tc.sent)
		}
		within(t, 20*time.Second, func() error { return c.Close() })
	}
}

// timedOut reports whether err is the per-request timeout of 200 ms.
func timedOut(err error) bool {
	var ne net.Error
	return err != nil && (errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()) &&
		strings.Contains(err.Error(), "200ms")
}

// TestRedirectsRefused measures the redirect matrix: the API server answers
// the login, a read, an action (each a POST with a form body) and a
// recording probe (HEAD with the API credentials) with a 302 or a 307 to
// another host (127.0.0.2) or another port of 127.0.0.1. The other server
// must receive nothing, the error must match ErrRedirectRefused (and not
// ErrOutcomeUnknown: the server answered), nothing is retried, and the
// password or key never shows in the error even when the Location quotes it.
func TestRedirectsRefused(t *testing.T) {
	const (
		password = "pw-redirect-Zq7"
		token    = "tok-redirect-0123456789"
		key      = "KEY-redirect-session"
	)
	// Were a redirect followed, the other server answers like a login.
	stolen := hostiletest.Answer(http.StatusOK, "", `["agent1","KEY-stolen"]`)
	otherHost := hostiletest.NewRecorder(t, "127.0.0.2:0", stolen)
	otherPort := hostiletest.NewRecorder(t, "127.0.0.1:0", stolen)
	ctx := context.Background()
	type call struct {
		name, path string
		login      bool // the client logs in with a password (else a token)
		do         func(*ucontact.Client) error
	}
	calls := []call{
		{"login (password in body)", "/Integra/resources/auth/getUserToken", true, func(c *ucontact.Client) error { _, err := c.QueueSummary(ctx); return err }},
		{"read with session key", "/Integra/resources/Supervisor/queuesummary", true, func(c *ucontact.Client) error { _, err := c.QueueSummary(ctx); return err }},
		{"action with session key", "/Integra/resources/Agents/AgentCall", true, func(c *ucontact.Client) error {
			_, err := c.AgentCall(ctx, &ucontact.AgentCallRequest{Agent: "a", Phone: "1001", Destination: "099123456"})
			return err
		}},
		{"action with API token", "/Integra/resources/Dialers/DialerTask", false, func(c *ucontact.Client) error {
			return c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A->", Destination: "1"})
		}},
		{"HEAD recording probe with token", "/records/g1.mp3", false, func(c *ucontact.Client) error { _, err := c.FindRecording(ctx, "g1", ""); return err }},
	}
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
		for _, other := range []struct {
			name string
			rec  *hostiletest.Recorder
		}{{"other host 127.0.0.2", otherHost}, {"other port", otherPort}} {
			for _, tc := range calls {
				t.Run(fmt.Sprintf("%d %s %s", status, other.name, tc.name), func(t *testing.T) {
					var mu sync.Mutex
					hits := 0
					api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						_, _ = io.Copy(io.Discard, r.Body)
						switch r.URL.Path {
						case tc.path:
							mu.Lock()
							hits++
							mu.Unlock()
							// The Location quotes the client's secrets: they must not reach the error.
							loc := other.rec.URL + tc.path + "/" + token + "?token=" + token
							if tc.login {
								loc = other.rec.URL + tc.path + "/" + password + "/" + key + "?key=" + key
							}
							w.Header().Set("Location", loc)
							w.WriteHeader(status)
						case "/Integra/resources/auth/getUserToken":
							io.WriteString(w, `["agent1","`+key+`"]`)
						default:
							io.WriteString(w, "1")
						}
					}))
					defer api.Close()
					auth := ucontact.WithAPIToken(token)
					if tc.login {
						auth = ucontact.WithLogin("agent1", password)
					}
					c, err := ucontact.NewClient(api.URL, quick(auth)...)
					if err != nil {
						t.Fatal(err)
					}
					before := len(other.rec.Requests())
					err = tc.do(c)
					if !errors.Is(err, ucontact.ErrRedirectRefused) {
						t.Errorf("err = %v, want ErrRedirectRefused", err)
					}
					if errors.Is(err, ucontact.ErrOutcomeUnknown) {
						t.Errorf("err = %v matches ErrOutcomeUnknown: the server answered with a redirect", err)
					}
					if err != nil {
						secrets := []string{token}
						switch {
						case tc.path == "/Integra/resources/auth/getUserToken":
							secrets = []string{password} // no key yet
						case tc.login:
							secrets = []string{password, key}
						}
						for _, s := range secrets {
							if strings.Contains(err.Error(), s) || strings.Contains(fmt.Sprintf("%+v", err), s) {
								t.Errorf("error %q shows the secret %q", err, s)
							}
						}
					}
					if got := other.rec.Requests()[before:]; len(got) != 0 {
						t.Errorf("the other server received %v", got)
					}
					mu.Lock()
					defer mu.Unlock()
					if hits != 1 {
						t.Errorf("%s reached the API server %d times, want 1 (never retried)", tc.path, hits)
					}
					t.Logf("matrix: %d to %s, %s: other server got %d requests; error: %v", status, other.name, tc.name, len(other.rec.Requests())-before, err)
				})
			}
		}
	}
}

// TestSameOriginRedirects: a probe (HEAD) redirected within the API
// server is followed with its credentials; an action (POST) redirected
// within it is refused and sent once.
func TestSameOriginRedirects(t *testing.T) {
	const token = "tok-same-origin-0123"
	var mu sync.Mutex
	var seen []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		switch r.URL.Path {
		case "/records/g1.mp3":
			http.Redirect(w, r, "/records/moved/g1.mp3", http.StatusFound)
		case "/records/moved/g1.mp3":
			w.WriteHeader(http.StatusOK)
		case "/Integra/resources/Agents/HungupPhone":
			http.Redirect(w, r, "/Integra/resources/Agents/HungupPhone2", http.StatusTemporaryRedirect)
		default:
			io.WriteString(w, "1")
		}
	}))
	defer api.Close()
	c, err := ucontact.NewClient(api.URL, quick(ucontact.WithAPIToken(token))...)
	if err != nil {
		t.Fatal(err)
	}
	if u, err := c.FindRecording(context.Background(), "g1", ""); err != nil || u != api.URL+"/records/g1.mp3" {
		t.Errorf("FindRecording = %q, %v", u, err)
	}
	if err := c.HangUp(context.Background(), "1001"); !errors.Is(err, ucontact.ErrRedirectRefused) {
		t.Errorf("HangUp redirected: err = %v, want ErrRedirectRefused", err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{
		"HEAD /records/g1.mp3 Bearer " + token,
		"HEAD /records/moved/g1.mp3 Bearer " + token,
		"POST /Integra/resources/Agents/HungupPhone Bearer " + token,
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests\n%s\nwant\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}

// brokenAnswer answers 200 with a Content-Length longer than the body it
// sends, then closes the connection: the body cannot be read.
func brokenAnswer(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 64\r\n\r\n1")
	_ = buf.Flush()
}

// TestUnreadableSuccessIsOutcomeUnknown: a 200 whose body cannot be read,
// or whose text is not a documented result, leaves an action's outcome
// unknown; a read with the same answer fails without claiming so, and the
// documented failure "0" is not unknown.
func TestUnreadableSuccessIsOutcomeUnknown(t *testing.T) {
	ctx := context.Background()
	actions := map[string]func(*ucontact.Client) error{
		"AgentCall": func(c *ucontact.Client) error {
			_, err := c.AgentCall(ctx, &ucontact.AgentCallRequest{Agent: "a", Phone: "1001", Destination: "099123456"})
			return err
		},
		"AddDialerTask": func(c *ucontact.Client) error {
			return c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A->", Destination: "1"})
		},
		"UploadBase": func(c *ucontact.Client) error {
			return c.UploadBase(ctx, &ucontact.UploadBaseRequest{Filename: "f.txt", Campaign: "A->", Username: "u", Rows: []ucontact.BaseRow{{Number: "1"}}})
		},
	}
	for _, answer := range []struct {
		name    string
		h       http.HandlerFunc
		unknown bool
	}{
		{"body cut short", brokenAnswer, true},
		{"maintenance page", hostiletest.Answer(http.StatusOK, "text/html", "<html>maintenance</html>"), true},
		{"documented failure 0", hostiletest.Answer(http.StatusOK, "text/plain", "0"), false},
	} {
		srv := hostiletest.NewServer(t, answer.h, nil)
		c, err := ucontact.NewClient(srv.URL, quick(ucontact.WithAPIToken("tok-broken-0123"))...)
		if err != nil {
			t.Fatal(err)
		}
		for name, do := range actions {
			err := do(c)
			if err == nil || errors.Is(err, ucontact.ErrOutcomeUnknown) != answer.unknown {
				t.Errorf("%s, %s: err = %v, want an error with ErrOutcomeUnknown %v", answer.name, name, err, answer.unknown)
			}
		}
		if _, err := c.QueueSummary(ctx); err == nil || errors.Is(err, ucontact.ErrOutcomeUnknown) {
			t.Errorf("%s, read: err = %v, want an error without ErrOutcomeUnknown", answer.name, err)
		}
	}
}

// TestEchoedSecretsNeverInErrors: the API token, the password and the
// session key quoted back in 2xx and error answers of login, reads and
// actions never reach an error's text, %+v or its fields.
func TestEchoedSecretsNeverInErrors(t *testing.T) {
	const (
		password = "pw-echo-Zq7&<ä>"
		token    = "tok-echo-0123456789abcdef"
		key      = "KEY-echo-session-4242"
	)
	ctx := context.Background()
	// echo answers status quoting the request's credentials, its body
	// and the given secrets.
	echo := func(status int, secrets ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			w.WriteHeader(status)
			fmt.Fprintf(w, "bad %s %s %s", r.Header.Get("Authorization"), b, strings.Join(secrets, " "))
		}
	}
	login := hostiletest.Answer(http.StatusOK, "", `["agent1","`+key+`"]`)
	for _, tc := range []struct {
		name    string
		login   http.HandlerFunc
		other   http.HandlerFunc
		auth    ucontact.Option
		secrets []string // what the client knows
	}{
		{"token, 400", nil, echo(http.StatusBadRequest, token), ucontact.WithAPIToken(token), []string{token}},
		{"token, 200", nil, echo(http.StatusOK, token), ucontact.WithAPIToken(token), []string{token}},
		{"login 200 echo", echo(http.StatusOK, password), nil, ucontact.WithLogin("agent1", password), []string{password}},
		{"login 403 echo", echo(http.StatusForbidden, password), nil, ucontact.WithLogin("agent1", password), []string{password}},
		{"session key, 500", login, echo(http.StatusInternalServerError, password, key), ucontact.WithLogin("agent1", password), []string{password, key}},
		{"session key, 200", login, echo(http.StatusOK, password, key), ucontact.WithLogin("agent1", password), []string{password, key}},
	} {
		routes := map[string]http.HandlerFunc{}
		if tc.login != nil {
			routes["/Integra/resources/auth/getUserToken"] = tc.login
		}
		other := tc.other
		if other == nil {
			other = hostiletest.Answer(http.StatusOK, "text/plain", "1")
		}
		srv := hostiletest.NewServer(t, other, routes)
		c, err := ucontact.NewClient(srv.URL, quick(tc.auth)...)
		if err != nil {
			t.Fatal(err)
		}
		_, err1 := c.QueueSummary(ctx)
		err2 := c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A->", Destination: "1"})
		for _, err := range []error{err1, err2} {
			if err == nil {
				t.Errorf("%s: no error", tc.name)
				continue
			}
			hostiletest.NoSecret(t, err, 0, tc.secrets...)
			s := fmt.Sprintf("%+v %#v", err, err)
			for _, secret := range tc.secrets {
				if strings.Contains(s, secret) {
					t.Errorf("%s: %%+v/%%#v of the error shows %q: %s", tc.name, secret, hostiletest.Clip(s))
				}
			}
		}
	}
}

// TestCloseBounded: Close logs out within its own bound (5 s) even when the
// server stops answering and the client has the default 30 s timeout, and
// a second Close sends nothing.
func TestCloseBounded(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	ends := 0
	srv := hostiletest.NewServer(t, hostiletest.Answer(http.StatusOK, "text/plain", "1"), map[string]http.HandlerFunc{
		"/Integra/resources/auth/getUserToken": hostiletest.Answer(http.StatusOK, "", `["agent1","KEY-close-1"]`),
		"/Integra/resources/auth/EndSession": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			ends++
			mu.Unlock()
			select { // never answers while the test runs
			case <-release:
			case <-r.Context().Done():
			}
		},
	})
	defer close(release)
	c, err := ucontact.NewClient(srv.URL, quick(ucontact.WithLogin("agent1", "pw-close"))...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.HangUp(context.Background(), "1001"); err != nil {
		t.Fatal(err)
	}
	err = within(t, 20*time.Second, c.Close)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close against a silent server: err = %v, want a deadline", err)
	}
	if err := within(t, 20*time.Second, c.Close); err != nil {
		t.Errorf("second Close: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if ends != 1 {
		t.Errorf("EndSession sent %d times, want 1", ends)
	}
}

// endlessRecordings answers every Cdr/getrecords with a full page of new
// recordings (ignoreRow: the first page every time), as a broken or
// hostile server could. It counts the pages served.
func endlessRecordings(pages *int, ignoreRow bool) http.HandlerFunc {
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*pages++
		mu.Unlock()
		var row, limit int
		fmt.Sscan(r.FormValue("lastrow"), &row)
		fmt.Sscan(r.FormValue("searchLimit"), &limit)
		if ignoreRow {
			row = 0
		}
		var b strings.Builder
		b.WriteByte('[')
		for i := range limit {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"guid":"g-%d","calldate":"2016-01-18 10:20:30"}`, row+i)
		}
		b.WriteByte(']')
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, b.String())
	}
}

// TestListRecordingsCap: a server that keeps answering full pages of new
// recordings stops the listing with an error at the cap (100,000), and one
// that ignores lastrow after its second page (ErrUnexpectedResult), so a
// caller never lists forever.
func TestListRecordingsCap(t *testing.T) {
	for _, tc := range []struct {
		name         string
		ignoreRow    bool
		items, pages int
		want         string
	}{
		{"new recordings forever", false, 100_000, 101, "ucontact: ListRecordings: the listing cap of 100000 items was reached"},
		{"the same page again", true, 1000, 2, "the server ignored lastrow=1000"},
	} {
		var pages int
		srv := httptest.NewServer(endlessRecordings(&pages, tc.ignoreRow))
		c, err := ucontact.NewClient(srv.URL, ucontact.WithAPIToken("api-token-5150"), ucontact.WithRateLimit(rate.Inf, 0))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		var last error
		for _, err := range c.ListRecordings(context.Background(), &ucontact.RecordingSearch{Limit: ucontact.MaxSearchLimit}) {
			if err != nil {
				last = err
				break
			}
			n++
		}
		t.Logf("%s: %d recordings from %d pages, then %v", tc.name, n, pages, last)
		if n != tc.items || pages != tc.pages || last == nil || !strings.Contains(last.Error(), tc.want) {
			t.Errorf("%s: %d recordings from %d pages, error %v; want %d, %d pages and %q", tc.name, n, pages, last, tc.items, tc.pages, tc.want)
		}
		if tc.ignoreRow && !errors.Is(last, ucontact.ErrUnexpectedResult) {
			t.Errorf("a repeated page: %v does not match ErrUnexpectedResult", last)
		}
		_ = c.Close()
		srv.Close()
	}
}
