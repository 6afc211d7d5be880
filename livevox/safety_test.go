package livevox_test

// Operational safety (issue 14): a wrong password, a wrong port or a
// hostile server never multiplies, leaks or lies.

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

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
	"golang.org/x/time/rate"
)

// Secrets of the tests on hand-made servers.
const (
	safeAccess   = "LVA-safety-access-token-77"
	safePassword = "safety-pässwörd-&<>-31"
	safeSession  = "SID-safety-session-0909"
)

func safeCreds() livevox.Credentials {
	return livevox.Credentials{AccessToken: safeAccess, ClientName: "ACME", UserName: "apiuser", Password: safePassword}
}

// TestRefusedLoginIsNotRepeated: after a refused login the client fails
// fast with the remembered refusal instead of logging in on every call.
func TestRefusedLoginIsNotRepeated(t *testing.T) {
	ctx := context.Background()
	const calls = 20
	wrong := "wrong-password-" + livevoxtest.DefaultPassword

	check := func(t *testing.T, err error, i int) {
		t.Helper()
		if !errors.Is(err, livevox.ErrLoginRefused) || !errors.Is(err, livevox.ErrSystemic) || !errors.Is(err, livevox.ErrUnauthorized) {
			t.Fatalf("call %d: err = %v; want it to match ErrLoginRefused, ErrSystemic and ErrUnauthorized", i, err)
		}
		hostiletest.NoSecret(t, err, 0, wrong, livevoxtest.DefaultPassword, livevoxtest.DefaultAccessToken)
	}

	t.Run("wrong password from the start", func(t *testing.T) {
		srv := livevoxtest.NewServer()
		t.Cleanup(srv.Close)
		c, err := livevox.NewClient(livevox.Credentials{AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
			UserName: livevoxtest.DefaultUser, Password: "wrong-password-" + livevoxtest.DefaultPassword},
			livevox.WithBaseURL(srv.URL), livevox.WithRateLimit(rate.Inf, 0), livevox.WithRetry(2, time.Millisecond, time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close() })
		for i := range calls {
			_, err := c.GetCallCenterListInfo(ctx, 0)
			check(t, err, i)
			if i > 0 && !strings.Contains(err.Error(), "remembered") {
				t.Errorf("call %d: %q does not say the refusal is remembered", i, err)
			}
		}
		if _, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "x"}); !errors.Is(err, livevox.ErrLoginRefused) {
			t.Errorf("create after the refusal: %v", err)
		}
		if got := srv.LoginAttempts(); got != 1 {
			t.Errorf("login attempts at the fake = %d after %d calls, want 1", got, calls+1)
		}
		if got := srv.Requests(); got != 1 {
			t.Errorf("requests at the fake = %d, want 1 (the refused login)", got)
		}
	})

	t.Run("password changed under a live session", func(t *testing.T) {
		srv, c := newFake(t, nil)
		if _, err := c.Login(ctx); err != nil {
			t.Fatal(err)
		}
		if err := srv.SetPassword(livevoxtest.DefaultClientName, livevoxtest.DefaultUser, wrong); err != nil {
			t.Fatal(err)
		}
		for i := range calls {
			_, err := c.GetCallCenterListInfo(ctx, 0)
			check(t, err, i)
		}
		if got := srv.LoginAttempts(); got != 2 {
			t.Errorf("login attempts = %d, want 2 (the first, then one refused re-login)", got)
		}
	})

	t.Run("a new client tries again", func(t *testing.T) {
		srv := livevoxtest.NewServer()
		t.Cleanup(srv.Close)
		for range 2 {
			c, err := livevox.NewClient(livevox.Credentials{AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
				UserName: livevoxtest.DefaultUser, Password: "nope"}, livevox.WithBaseURL(srv.URL), livevox.WithRateLimit(rate.Inf, 0))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Login(ctx); !errors.Is(err, livevox.ErrLoginRefused) {
				t.Fatalf("login: %v", err)
			}
		}
		if got := srv.LoginAttempts(); got != 2 {
			t.Errorf("login attempts = %d, want 2 (one per client)", got)
		}
	})
}

// within runs f and fails the test if it has not returned after limit
// (a watchdog against hanging, not a timing assertion).
func within[T any](t *testing.T, limit time.Duration, f func() T) T {
	t.Helper()
	ch := make(chan T, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v
	case <-time.After(limit):
		t.Fatalf("call still running after %v: the per-request timeout does not bound it", limit)
		panic("unreachable")
	}
}

// isTimeout reports whether err is the per-request timeout (the caller's
// context has no deadline).
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// TestTimeoutBoundsSilentServer: a server that accepts and never answers
// does not stall a call made with context.Background().
func TestTimeoutBoundsSilentServer(t *testing.T) {
	t.Run("login to a silent server", func(t *testing.T) {
		base := "http://" + hostiletest.SilentServer(t)
		c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(base), livevox.WithTimeout(200*time.Millisecond),
			livevox.WithRetry(-1, 0, 0), livevox.WithRateLimit(rate.Inf, 0))
		if err != nil {
			t.Fatal(err)
		}
		err = within(t, 20*time.Second, func() error {
			_, err := c.GetCallCenterListInfo(context.Background(), 0)
			return err
		})
		if err == nil || !isTimeout(err) {
			t.Fatalf("err = %v, want a timeout", err)
		}
		if errors.Is(err, livevox.ErrLoginRefused) {
			t.Errorf("a timeout is not a refused login: %v", err)
		}
		if err := within(t, 20*time.Second, c.Close); err != nil {
			t.Errorf("Close without a session: %v", err)
		}
	})

	t.Run("create to a server that stops answering", func(t *testing.T) {
		release := make(chan struct{})
		var creates int
		var mu sync.Mutex
		srv := hostiletest.NewServer(t, func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			creates++
			mu.Unlock()
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}, map[string]http.HandlerFunc{
			"/session/login":  hostiletest.Answer(200, "application/json", `{"sessionId": "`+safeSession+`"}`),
			"/session/logout": hostiletest.Answer(204, "", ""),
		})
		t.Cleanup(func() { close(release) }) // runs before the server's Close
		c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(srv.URL), livevox.WithTimeout(200*time.Millisecond),
			livevox.WithRateLimit(rate.Inf, 0))
		if err != nil {
			t.Fatal(err)
		}
		err = within(t, 20*time.Second, func() error {
			_, err := c.CreateCallCenter(context.Background(), &livevox.CreateCallCenterRequest{Name: "Doors"})
			return err
		})
		if !errors.Is(err, livevox.ErrOutcomeUnknown) || !isTimeout(err) {
			t.Fatalf("err = %v, want a timeout matching ErrOutcomeUnknown", err)
		}
		mu.Lock()
		defer mu.Unlock()
		if creates != 1 {
			t.Errorf("creates sent = %d, want 1 (never repeated with the default retries)", creates)
		}
	})
}

// farAnswer is what a server on the far side of a redirect answers: a
// session, a call center and a list info, were a redirect followed.
var farAnswer = hostiletest.Answer(http.StatusOK, "application/json", `{"sessionId": "other-session", "id": 1, "size": 1, "name": "x"}`)

// leaks lists what of the LiveVox credentials reached the far side of a
// redirect in reqs: an LV-Access or LV-Session header, a body, or the
// access token or session id in the URL.
func leaks(reqs []hostiletest.Recorded) []string {
	var leak []string
	for _, r := range reqs {
		for _, h := range []string{"LV-Access", "LV-Session"} {
			if v := r.Header.Get(h); v != "" {
				leak = append(leak, h+": "+v)
			}
		}
		if r.Body != "" {
			leak = append(leak, "body: "+r.Body)
		}
		if u := r.Path + "?" + r.RawQuery; strings.Contains(u, safeAccess) || strings.Contains(u, safeSession) {
			leak = append(leak, "URL: "+strings.TrimSuffix(u, "?"))
		}
	}
	return leak
}

// TestRedirectsKeepCredentialsHome: a 301/302/303/307/308 to another host
// (127.0.0.2) or another port of 127.0.0.1 reaches nothing there, whatever
// the request (the login with its password, a GET with LV-Access and
// LV-Session, a create with its body); the error matches
// ErrRedirectRefused, is not retried, and shows no secret, even one the
// Location carries.
func TestRedirectsKeepCredentialsHome(t *testing.T) {
	type call struct {
		name, method, path string
		do                 func(*livevox.Client) error
	}
	ctx := context.Background()
	calls := []call{
		{"login", http.MethodPost, "/session/login", func(c *livevox.Client) error { _, err := c.Login(ctx); return err }},
		{"get", http.MethodGet, "/configuration/callCenters/3619", func(c *livevox.Client) error { _, err := c.GetCallCenter(ctx, 3619); return err }},
		{"list", http.MethodGet, "/configuration/callCenters", func(c *livevox.Client) error {
			_, err := c.ListCallCentersPage(ctx, nil)
			return err
		}},
		{"create", http.MethodPost, "/configuration/callCenters", func(c *livevox.Client) error {
			_, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Doors"})
			return err
		}},
		{"update", http.MethodPut, "/configuration/callCenters/3619", func(c *livevox.Client) error {
			return c.UpdateCallCenter(ctx, 3619, &livevox.UpdateCallCenterRequest{Name: new("New")})
		}},
		{"delete", http.MethodDelete, "/configuration/callCenters/3619", func(c *livevox.Client) error { return c.DeleteCallCenter(ctx, 3619) }},
	}
	targets := []struct {
		name string
		far  *hostiletest.Recorder
	}{
		{"other host", hostiletest.NewRecorder(t, "127.0.0.2:0", farAnswer)},
		{"other port", hostiletest.NewRecorder(t, "127.0.0.1:0", farAnswer)},
	}

	var matrix []string
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, tg := range targets {
			for _, cl := range calls {
				t.Run(fmt.Sprintf("%d %s %s", status, tg.name, cl.name), func(t *testing.T) {
					var mu sync.Mutex
					hits := 0
					redirect := func(w http.ResponseWriter, r *http.Request) {
						if r.Method != cl.method || r.URL.Path != cl.path {
							hostiletest.Answer(200, "application/json", `{"sessionId": "`+safeSession+`"}`)(w, r)
							return
						}
						mu.Lock()
						hits++
						mu.Unlock()
						w.Header().Set("Location", tg.far.URL+r.URL.Path+"?token="+safeAccess+"&s="+safeSession)
						w.WriteHeader(status)
					}
					origin := hostiletest.NewServer(t, redirect, nil)
					before := len(tg.far.Requests())
					c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(origin.URL), livevox.WithRateLimit(rate.Inf, 0),
						livevox.WithRetry(3, time.Millisecond, time.Millisecond))
					if err != nil {
						t.Fatal(err)
					}
					err = cl.do(c)
					reqs := tg.far.Requests()
					got, leak := reqs[before:], leaks(reqs)
					if len(got) != 0 || len(leak) != 0 {
						t.Errorf("the %s received %v (leaked %v)", tg.name, got, leak)
					}
					if !errors.Is(err, livevox.ErrRedirectRefused) {
						t.Errorf("err = %v, want ErrRedirectRefused", err)
					} else if !strings.Contains(err.Error(), "redirect refused") {
						t.Errorf("err %q does not say a redirect was refused", err)
					}
					if errors.Is(err, livevox.ErrOutcomeUnknown) || errors.Is(err, livevox.ErrLoginRefused) {
						t.Errorf("a refused redirect is neither an unknown outcome nor a refused login: %v", err)
					}
					if err != nil {
						secrets := []string{safeAccess, safePassword}
						if cl.name != "login" { // before the login the client knows no session id
							secrets = append(secrets, safeSession)
						}
						hostiletest.NoSecret(t, err, 0, secrets...)
					}
					mu.Lock()
					defer mu.Unlock()
					if hits != 1 {
						t.Errorf("the redirected request reached the origin %d times, want 1 (never retried)", hits)
					}
					matrix = append(matrix, fmt.Sprintf("%d %-10s %-6s -> far side got %d requests, %d credentials/bodies; ErrRedirectRefused %t",
						status, tg.name, cl.name, len(got), len(leak), errors.Is(err, livevox.ErrRedirectRefused)))
				})
			}
		}
	}
	t.Logf("redirect matrix:\n%s", strings.Join(matrix, "\n"))

	t.Run("same origin GET is followed", func(t *testing.T) {
		var gotAccess, gotSession string
		origin := hostiletest.NewServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/configuration/callCenters/info" {
				http.Redirect(w, r, "/configuration/callCenters/info2", http.StatusFound)
				return
			}
			gotAccess, gotSession = r.Header.Get("LV-Access"), r.Header.Get("LV-Session")
			hostiletest.Answer(200, "application/json", `{"size": 3}`)(w, r)
		}, map[string]http.HandlerFunc{
			"/session/login": hostiletest.Answer(200, "application/json", `{"sessionId": "`+safeSession+`"}`),
		})
		c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(origin.URL), livevox.WithRateLimit(rate.Inf, 0))
		if err != nil {
			t.Fatal(err)
		}
		info, err := c.GetCallCenterListInfo(ctx, 0)
		if err != nil || info.Size != 3 || gotAccess != safeAccess || gotSession != safeSession {
			t.Errorf("info = %+v, %v; headers at the target %q %q", info, err, gotAccess, gotSession)
		}
	})

	// The control: net/http alone forwards the LiveVox headers to another
	// host on a 307, which is what the client's redirect policy prevents.
	t.Run("control: net/http forwards LV-Access", func(t *testing.T) {
		far := hostiletest.NewRecorder(t, "127.0.0.2:0", farAnswer)
		origin := hostiletest.NewServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, far.URL+"/x", http.StatusTemporaryRedirect)
		}, nil)
		req, _ := http.NewRequest(http.MethodGet, origin.URL+"/configuration/callCenters/1", nil)
		req.Header.Set("LV-Access", safeAccess)
		resp, err := origin.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if leak := leaks(far.Requests()); len(leak) == 0 {
			t.Errorf("the control reached nothing: the redirect test above could not fail")
		}
	})
}

// TestCreateUnreadableSuccess: a 2xx to a create whose body cannot be read
// is an unknown outcome (the call center may exist), and is not retried.
func TestCreateUnreadableSuccess(t *testing.T) {
	truncated := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id": 36`)
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		panic(http.ErrAbortHandler) // the connection breaks mid-body
	}
	for _, tc := range []struct {
		name    string
		respond http.HandlerFunc
	}{
		{"truncated JSON", hostiletest.Answer(201, "application/json", `{"id": 36`)},
		{"connection lost mid-body", truncated},
		{"HTML", hostiletest.Answer(200, "text/html", `<html><body>Created</body></html>`)},
		{"wrong type echoing the password", hostiletest.Answer(201, "application/json", `{"id": "`+safePassword+`"}`)},
		{"no id", hostiletest.Answer(201, "application/json", `{}`)},
		{"zero id", hostiletest.Answer(200, "application/json", `{"id": 0}`)},
		{"empty body", hostiletest.Answer(201, "", ``)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			creates := 0
			srv := hostiletest.NewServer(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				creates++
				mu.Unlock()
				tc.respond(w, r)
			}, map[string]http.HandlerFunc{
				"/session/login": hostiletest.Answer(200, "application/json", `{"sessionId": "`+safeSession+`"}`),
			})
			c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(srv.URL), livevox.WithRateLimit(rate.Inf, 0),
				livevox.WithRetry(3, time.Millisecond, time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			id, err := c.CreateCallCenter(context.Background(), &livevox.CreateCallCenterRequest{Name: "Doors"})
			if id != 0 || !errors.Is(err, livevox.ErrOutcomeUnknown) {
				t.Fatalf("id, err = %d, %v; want 0 and an error matching ErrOutcomeUnknown", id, err)
			}
			if !strings.Contains(err.Error(), "POST /configuration/callCenters") {
				t.Errorf("err %q does not name the request", err)
			}
			hostiletest.NoSecret(t, err, 0, safeAccess, safePassword, safeSession)
			mu.Lock()
			defer mu.Unlock()
			if creates != 1 {
				t.Errorf("creates sent = %d, want 1", creates)
			}
		})
	}
}

// TestEchoedSecretsNeverInErrors: what a server sends back, on a refused
// login (first and remembered), an error answer or a redirect, never shows
// the password, the access token or the session id.
func TestEchoedSecretsNeverInErrors(t *testing.T) {
	ctx := context.Background()
	echo := `{"errorCode": 301, "errorMessage": "user apiuser password ` + safePassword + ` token ` + safeAccess + ` session ` + safeSession + `"}`
	t.Run("refused login", func(t *testing.T) {
		srv := hostiletest.NewServer(t, hostiletest.Answer(200, "application/json", `{}`), map[string]http.HandlerFunc{
			"/session/login": hostiletest.Answer(401, "application/json", echo),
		})
		c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(srv.URL), livevox.WithRateLimit(rate.Inf, 0))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 { // the refusal, then the remembered refusal
			_, err := c.GetCallCenter(ctx, 1)
			if !errors.Is(err, livevox.ErrLoginRefused) {
				t.Fatalf("call %d: %v", i, err)
			}
			hostiletest.NoSecret(t, err, 0, safePassword, safeAccess)
			for _, text := range []string{fmt.Sprint(err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				if strings.Contains(text, safePassword) || strings.Contains(text, safeAccess) {
					t.Errorf("call %d: a secret shows in %q", i, text)
				}
			}
		}
	})
	t.Run("error answer after login", func(t *testing.T) {
		srv := hostiletest.NewServer(t, hostiletest.Answer(400, "application/json", echo), map[string]http.HandlerFunc{
			"/session/login": hostiletest.Answer(200, "application/json", `{"sessionId": "`+safeSession+`"}`),
		})
		c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(srv.URL), livevox.WithRateLimit(rate.Inf, 0))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Doors"})
		var lvErr *livevox.Error
		if !errors.As(err, &lvErr) || lvErr.StatusCode != 400 || lvErr.Code != "301" {
			t.Fatalf("err = %v, want a *livevox.Error 400 with code 301", err)
		}
		hostiletest.NoSecret(t, err, 0, safePassword, safeAccess, safeSession)
		for _, text := range []string{lvErr.Message, lvErr.Body, fmt.Sprintf("%+v", *lvErr)} {
			if strings.Contains(text, safePassword) || strings.Contains(text, safeAccess) || strings.Contains(text, safeSession) {
				t.Errorf("a secret shows in %q", text)
			}
		}
	})
	t.Run("Credentials print no secret", func(t *testing.T) {
		creds := safeCreds()
		for _, text := range []string{fmt.Sprint(creds), fmt.Sprintf("%+v %#v %s %q", creds, creds, creds, creds), fmt.Sprint(&creds)} {
			if strings.Contains(text, safePassword) || strings.Contains(text, safeAccess) {
				t.Errorf("a secret shows in %q", text)
			}
			if !strings.Contains(text, "apiuser") {
				t.Errorf("%q does not show the user", text)
			}
		}
	})
}

// TestCloseIsBounded: Close gives up on a logout that gets no answer (after
// its internal 5 s), even with no per-request timeout, and a second Close
// sends nothing.
func TestCloseIsBounded(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	logouts := 0
	srv := hostiletest.NewServer(t, hostiletest.Answer(200, "application/json", `{"size": 1}`), map[string]http.HandlerFunc{
		"/session/login": hostiletest.Answer(200, "application/json", `{"sessionId": "`+safeSession+`"}`),
		"/session/logout": func(_ http.ResponseWriter, r *http.Request) {
			mu.Lock()
			logouts++
			mu.Unlock()
			select {
			case <-release:
			case <-r.Context().Done():
			}
		},
	})
	t.Cleanup(func() { close(release) })
	c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(srv.URL), livevox.WithTimeout(-1),
		livevox.WithRateLimit(rate.Inf, 0), livevox.WithRetry(-1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCallCenterListInfo(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	if err := within(t, 30*time.Second, c.Close); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close = %v, want the logout's deadline", err)
	}
	if err := within(t, 30*time.Second, c.Close); err != nil {
		t.Errorf("second Close = %v, want nil (nothing held)", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if logouts != 1 {
		t.Errorf("logouts sent = %d, want 1", logouts)
	}
}

// endlessCallCenters answers a login, then every list request with a full
// page of new call centers and a next URI, as a broken or hostile server
// could; ignoreOffset answers the first page every time instead. It counts
// the pages served.
func endlessCallCenters(pages *int, ignoreOffset bool) http.HandlerFunc {
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/login") {
			fmt.Fprintf(w, `{"sessionId":%q,"userId":1,"clientId":2}`, safeSession)
			return
		}
		mu.Lock()
		*pages++
		mu.Unlock()
		var offset, count int
		fmt.Sscan(r.URL.Query().Get("offset"), &offset)
		fmt.Sscan(r.URL.Query().Get("count"), &count)
		if ignoreOffset {
			offset = 0
		}
		var b strings.Builder
		b.WriteString(`{"callCenter":[`)
		for i := range count {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"callCenterId":%d,"name":"cc"}`, offset+i+1)
		}
		fmt.Fprintf(&b, `],"next":"/configuration/callCenters?count=%d&offset=%d"}`, count, offset+count)
		io.WriteString(w, b.String())
	}
}

// TestListCallCentersCap: a server that keeps answering full pages of new
// ids stops the listing with an error at the cap (100,000 call centers),
// and one that ignores the offset (the same page again) after its second
// page, so a caller never lists forever.
func TestListCallCentersCap(t *testing.T) {
	for _, tc := range []struct {
		name         string
		ignoreOffset bool
		items, pages int
		want         string
	}{
		{"new ids forever", false, 100_000, 101, "livevox: ListCallCenters: the listing cap of 100000 items was reached"},
		{"the same page again", true, 1000, 2, `livevox: ListCallCenters: the page at offset "1000" repeats an earlier page`},
	} {
		var pages int
		srv := httptest.NewServer(endlessCallCenters(&pages, tc.ignoreOffset))
		c, err := livevox.NewClient(safeCreds(), livevox.WithBaseURL(srv.URL), livevox.WithRateLimit(rate.Inf, 0))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		var last error
		for _, err := range c.ListCallCenters(context.Background(), nil) {
			if err != nil {
				last = err
				break
			}
			n++
		}
		t.Logf("%s: %d call centers from %d pages, then %v", tc.name, n, pages, last)
		if n != tc.items || pages != tc.pages || last == nil || !strings.Contains(last.Error(), tc.want) {
			t.Errorf("%s: %d call centers from %d pages, error %v; want %d, %d pages and %q", tc.name, n, pages, last, tc.items, tc.pages, tc.want)
		}
		_ = c.Close()
		srv.Close()
	}
}
