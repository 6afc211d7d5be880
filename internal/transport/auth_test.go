package transport_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/jarcoal/httpmock"
)

func TestStaticAuth(t *testing.T) {
	for _, tc := range []struct {
		name   string
		auth   transport.Auth
		header string
		want   string
	}{
		{"Bearer", transport.Bearer("tok-1"), "Authorization", "Bearer tok-1"},
		{"Header", transport.HeaderAuth{Name: "LV-Access", Value: "acc-2"}, "LV-Access", "acc-2"},
		{"Basic", transport.Basic("bob", "pa:ss"), "Authorization", "Basic Ym9iOnBhOnNz"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mock := httpmock.NewMockTransport()
			mock.RegisterMatcherResponder(http.MethodGet, "https://api.example.test/v1/me",
				httpmock.HeaderIs(tc.header, tc.want), httpmock.NewStringResponder(200, `{}`))
			mock.RegisterMatcherResponder(http.MethodPost, "https://api.example.test/v1/login",
				httpmock.NewMatcher("no "+tc.header, func(r *http.Request) bool { return r.Header.Get(tc.header) == "" }), httpmock.NewStringResponder(200, `{}`))
			c := mustNew(t, transport.Config{Vendor: "test", BaseURL: "https://api.example.test/v1", HTTPClient: &http.Client{Transport: mock}, Auth: tc.auth})
			if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "me"}, nil); err != nil {
				t.Fatal(err)
			}
			// NoAuth sends no credentials.
			if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "login", NoAuth: true}, nil); err != nil {
				t.Fatal(err)
			}
			if mock.GetTotalCallCount() != 2 {
				t.Fatalf("calls = %d", mock.GetTotalCallCount())
			}
		})
	}
}

// sessionServer is a fake API with a login endpoint that issues tokens
// "tok-1", "tok-2", ... and an API endpoint that accepts only the latest.
type sessionServer struct {
	*testServer
	logins     atomic.Int32
	apiHits    atomic.Int32
	failLogin  atomic.Bool // login answers 401
	always401  atomic.Bool // the API rejects every token
	mu         sync.Mutex
	valid      string
	lastBodies []string
}

func newSessionServer(t *testing.T) *sessionServer {
	s := &sessionServer{}
	s.testServer = newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/login":
			var creds struct{ User, Password string }
			if err := json.NewDecoder(r.Body).Decode(&creds); err != nil || r.Header.Get("Authorization") != "" {
				w.WriteHeader(400)
				return
			}
			if s.failLogin.Load() || creds.Password != "pw-secret-1" {
				w.WriteHeader(401)
				fmt.Fprint(w, `{"error":"bad credentials"}`)
				return
			}
			n := s.logins.Add(1)
			tok := fmt.Sprintf("tok-%d", n)
			s.mu.Lock()
			s.valid = tok
			s.mu.Unlock()
			fmt.Fprintf(w, `{"token":%q}`, tok)
		default:
			s.apiHits.Add(1)
			b, _ := io.ReadAll(r.Body)
			s.mu.Lock()
			ok := r.Header.Get("Authorization") == "Bearer "+s.valid && s.valid != ""
			s.lastBodies = append(s.lastBodies, string(b))
			s.mu.Unlock()
			if !ok || s.always401.Load() {
				w.WriteHeader(401)
				fmt.Fprint(w, `{"error":"invalid token"}`)
				return
			}
			fmt.Fprint(w, `{"ok":true}`)
		}
	})
	return s
}

// newSessionClient wires a Session whose Login goes through the same
// client with NoAuth, as vendor packages do.
func newSessionClient(t *testing.T, s *sessionServer) (*transport.Client, *transport.Session) {
	sess := &transport.Session{Header: "Authorization", Prefix: "Bearer "}
	cfg := fastConfig(s.URL)
	cfg.Auth = sess
	c := mustNew(t, cfg)
	sess.Login = func(ctx context.Context) (string, error) {
		var out struct{ Token string }
		_, err := c.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "login", NoAuth: true, Retryable: true,
			JSON: map[string]string{"user": "bob", "password": "pw-secret-1"}}, &out)
		return out.Token, err
	}
	return c, sess
}

func get(c *transport.Client) error {
	var out struct{ OK bool }
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "data"}, &out)
	if err == nil && !out.OK {
		err = errors.New("ok=false")
	}
	return err
}

func TestSessionLazyLogin(t *testing.T) {
	s := newSessionServer(t)
	c, sess := newSessionClient(t, s)
	if sess.Current() != "" {
		t.Fatal("token before first use")
	}
	for range 3 {
		if err := get(c); err != nil {
			t.Fatal(err)
		}
	}
	if s.logins.Load() != 1 || s.apiHits.Load() != 3 || sess.Current() != "tok-1" {
		t.Fatalf("logins=%d apiHits=%d token=%q", s.logins.Load(), s.apiHits.Load(), sess.Current())
	}
}

func TestSessionReloginOn401(t *testing.T) {
	s := newSessionServer(t)
	c, sess := newSessionClient(t, s)
	sess.Set("stale")
	var out struct{ OK bool }
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "items", JSON: map[string]string{"name": "x"}}, &out)
	if err != nil || !out.OK {
		t.Fatalf("err=%v out=%+v", err, out)
	}
	if s.logins.Load() != 1 || s.apiHits.Load() != 2 || sess.Current() != "tok-1" {
		t.Fatalf("logins=%d apiHits=%d token=%q", s.logins.Load(), s.apiHits.Load(), sess.Current())
	}
	// The POST body was sent again, unchanged, after the re-login.
	if len(s.lastBodies) != 2 || s.lastBodies[0] != `{"name":"x"}` || s.lastBodies[1] != s.lastBodies[0] {
		t.Fatalf("bodies = %q", s.lastBodies)
	}
}

func TestSessionConcurrent401OneLogin(t *testing.T) {
	for _, initial := range []string{"stale", ""} {
		t.Run(fmt.Sprintf("token=%q", initial), func(t *testing.T) {
			s := newSessionServer(t)
			c, sess := newSessionClient(t, s)
			sess.Set(initial)
			const n = 50
			var wg sync.WaitGroup
			errs := make(chan error, n)
			for range n {
				wg.Go(func() { errs <- get(c) })
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
			if got := s.logins.Load(); got != 1 {
				t.Fatalf("%d concurrent requests caused %d logins, want 1", n, got)
			}
			if sess.Current() != "tok-1" {
				t.Fatalf("token = %q", sess.Current())
			}
		})
	}
}

func TestSessionLoginFailure(t *testing.T) {
	s := newSessionServer(t)
	s.failLogin.Store(true)
	c, sess := newSessionClient(t, s)
	sess.Hold = -1 // every login is tried here; TestSessionRemembersRefusal covers the hold

	// Lazy login fails: the API is never called.
	err := get(c)
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) || apiErr.Path != "/login" || !errors.Is(err, transport.ErrUnauthorized) {
		t.Fatalf("err = %v, want the login's 401 *APIError", err)
	}
	if s.apiHits.Load() != 0 || sess.Current() != "" {
		t.Fatalf("apiHits=%d token=%q", s.apiHits.Load(), sess.Current())
	}

	// Re-login after a 401 fails: that error is returned, once.
	sess.Set("stale")
	err = get(c)
	if !errors.As(err, &apiErr) || apiErr.Path != "/login" {
		t.Fatalf("err = %v, want the login's *APIError", err)
	}
	if s.apiHits.Load() != 1 || sess.Current() != "stale" {
		t.Fatalf("apiHits=%d token=%q", s.apiHits.Load(), sess.Current())
	}

	// A Login func error is returned as is.
	boom := errors.New("login backend down")
	sess.Clear()
	sess.Login = func(context.Context) (string, error) { return "", boom }
	if err := get(c); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
}

func TestSessionPersistent401(t *testing.T) {
	s := newSessionServer(t)
	s.always401.Store(true)
	c, sess := newSessionClient(t, s)
	sess.Set("stale")
	var err error
	hangGuard(t, "Do with a persistent 401", func() { err = get(c) })
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Path != "/data" || !errors.Is(err, transport.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if s.logins.Load() != 1 || s.apiHits.Load() != 2 {
		t.Fatalf("logins=%d apiHits=%d, want 1 and 2", s.logins.Load(), s.apiHits.Load())
	}

	// Without a token to start with: one lazy login, one re-login, then
	// the 401 is returned.
	sess.Clear()
	s.logins.Store(0)
	s.apiHits.Store(0)
	if err := get(c); !errors.Is(err, transport.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if s.logins.Load() != 2 || s.apiHits.Load() != 2 {
		t.Fatalf("logins=%d apiHits=%d, want 2 and 2", s.logins.Load(), s.apiHits.Load())
	}
}

// Only 401 triggers a re-login; 403 is a permission answer.
func TestSession403NoRelogin(t *testing.T) {
	srv := statusServer(t, 403, `{"error":"forbidden"}`)
	var logins atomic.Int32
	sess := &transport.Session{Header: "X-Token", Login: func(context.Context) (string, error) {
		logins.Add(1)
		return "tok", nil
	}}
	cfg := fastConfig(srv.URL)
	cfg.Auth = sess
	_, err := mustNew(t, cfg).Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	if !errors.Is(err, transport.ErrUnauthorized) || logins.Load() != 1 || srv.hits.Load() != 1 {
		t.Fatalf("err=%v logins=%d hits=%d", err, logins.Load(), srv.hits.Load())
	}
}

// A 401 with an Auth that cannot refresh is returned at once.
func TestStatic401NoRetry(t *testing.T) {
	srv := statusServer(t, 401, `{"error":"no"}`)
	cfg := fastConfig(srv.URL)
	cfg.Auth = transport.Bearer("tok")
	_, err := mustNew(t, cfg).Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	if !errors.Is(err, transport.ErrUnauthorized) || srv.hits.Load() != 1 {
		t.Fatalf("err=%v hits=%d", err, srv.hits.Load())
	}
}

func TestSessionTokenSetClear(t *testing.T) {
	var logins atomic.Int32
	sess := &transport.Session{Header: "X-Token", Login: func(context.Context) (string, error) {
		return fmt.Sprintf("t%d", logins.Add(1)), nil
	}}
	sess.Set("given")
	if tok, err := sess.Token(context.Background()); tok != "given" || err != nil || logins.Load() != 0 {
		t.Fatalf("Token = %q, %v (logins %d)", tok, err, logins.Load())
	}
	sess.Clear()
	if sess.Current() != "" {
		t.Fatal("Clear kept the token")
	}
	if tok, err := sess.Token(context.Background()); tok != "t1" || err != nil {
		t.Fatalf("Token = %q, %v", tok, err)
	}
	// Refresh with a request carrying an older token does not log in again.
	old, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/", nil)
	old.Header.Set("X-Token", "t0")
	if err := sess.Refresh(context.Background(), old); err != nil || logins.Load() != 1 || sess.Current() != "t1" {
		t.Fatalf("Refresh(stale) err=%v logins=%d token=%q", err, logins.Load(), sess.Current())
	}
	// Refresh with the current token does.
	old.Header.Set("X-Token", "t1")
	if err := sess.Refresh(context.Background(), old); err != nil || logins.Load() != 2 || sess.Current() != "t2" {
		t.Fatalf("Refresh(current) err=%v logins=%d token=%q", err, logins.Load(), sess.Current())
	}
}

// Callers waiting on another goroutine's login honour their own context.
func TestSessionWaiterContext(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	sess := &transport.Session{Header: "X-Token", Login: func(context.Context) (string, error) {
		close(started)
		<-release
		return "tok", nil
	}}
	leader := make(chan error, 1)
	go func() {
		_, err := sess.Token(context.Background())
		leader <- err
	}()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sess.Token(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("waiter err = %v, want context.Canceled", err)
	}
	close(release)
	if err := <-leader; err != nil || sess.Current() != "tok" {
		t.Fatalf("leader err=%v token=%q", err, sess.Current())
	}
}

// When the goroutine that is logging in gives up (its context ends), the
// goroutines waiting for it should not fail with its cancellation.
func TestSessionLeaderCancelDoesNotFailWaiters(t *testing.T) {
	var calls atomic.Int32
	started := make(chan struct{})
	sess := &transport.Session{Header: "X-Token", Login: func(ctx context.Context) (string, error) {
		if calls.Add(1) == 1 {
			close(started)
			<-ctx.Done()
			return "", ctx.Err()
		}
		return "tok", nil
	}}
	lctx, cancel := context.WithCancel(context.Background())
	go func() { _, _ = sess.Token(lctx) }()
	<-started
	waiter := make(chan error, 1)
	go func() {
		_, err := sess.Token(context.Background())
		waiter <- err
	}()
	// Give the waiter a chance to join the flight before the leader
	// gives up. (If it has not joined, it logs in itself and the test
	// passes trivially; it can never fail spuriously.)
	for range 100 {
		runtime.Gosched()
	}
	cancel()
	if err := <-waiter; err != nil {
		t.Fatalf("waiter with a live context got %v", err)
	}
}

func TestSessionRemembersRefusal(t *testing.T) {
	s := newSessionServer(t)
	s.failLogin.Store(true)
	c, sess := newSessionClient(t, s)
	sess.User = "bob"
	var attempts atomic.Int32
	login := sess.Login
	sess.Login = func(ctx context.Context) (string, error) { attempts.Add(1); return login(ctx) }
	for i := range 20 {
		err := get(c)
		var le *transport.LoginError
		if !errors.As(err, &le) || !errors.Is(err, transport.ErrLoginRefused) || !errors.Is(err, transport.ErrSystemic) || !errors.Is(err, transport.ErrUnauthorized) {
			t.Fatalf("call %d: err = %v, want a *LoginError", i, err)
		}
		if le.Remembered != (i > 0) || !strings.Contains(err.Error(), "login refused for bob") || strings.Contains(err.Error(), "pw-secret-1") {
			t.Fatalf("call %d: %v (remembered %v)", i, err, le.Remembered)
		}
	}
	if n := attempts.Load(); n != 1 {
		t.Errorf("%d logins for 20 calls after a refusal, want 1", n)
	}
	if s.apiHits.Load() != 0 {
		t.Errorf("the API was called %d times without a login", s.apiHits.Load())
	}
	// Past the hold, the login is tried again (and now succeeds).
	sess.Hold = time.Nanosecond
	s.failLogin.Store(false)
	time.Sleep(time.Millisecond)
	if err := get(c); err != nil {
		t.Fatalf("after the hold: %v", err)
	}
}
