package broadworks_test

// Operational safety (issue 14): refused logins, unreachable servers,
// timeouts, redaction of what servers send back, session ids, redirects.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
)

// loginAttempts counts the login commands the fake received.
func loginAttempts(srv *broadworkstest.Server) int {
	return srv.CommandCount("LoginRequest22V5") + srv.CommandCount("LoginRequest14sp4")
}

// TestLoginRefusedOnce: with a wrong password, 500 calls (from 20
// goroutines) cost one login attempt at the server, with 1 and with 4
// sessions, on every transport; every call fails with a systemic login
// refusal that does not show the password.
func TestLoginRefusedOnce(t *testing.T) {
	const calls, workers = 500, 20
	for _, mode := range transports {
		for _, sessions := range []int{1, 4} {
			t.Run(fmt.Sprintf("%s/sessions=%d", mode, sessions), func(t *testing.T) {
				srv := newServer(t)
				c := newClient(t, srv, mode, broadworkstest.DefaultUser, "Wrong-Password-1", broadworks.WithSessions(sessions))
				defer c.Close()
				var next, bad, remembered atomic.Int64
				start := time.Now()
				var wg sync.WaitGroup
				for range workers {
					wg.Go(func() {
						for next.Add(1) <= calls {
							_, err := c.GetCallCenter(context.Background(), "x@example.com")
							if !errors.Is(err, broadworks.ErrLoginRefused) || !errors.Is(err, broadworks.ErrSystemic) ||
								strings.Contains(err.Error(), "Wrong-Password-1") {
								bad.Add(1)
								t.Errorf("err = %v", err)
							}
							if strings.Contains(err.Error(), "remembered") {
								remembered.Add(1)
							}
						}
					})
				}
				wg.Wait()
				logins := loginAttempts(srv)
				t.Logf("%s sessions=%d: %d calls, %d login attempts at the fake, %d connections, %d remembered refusals, %v",
					mode, sessions, calls, logins, srv.Stats().Connections, remembered.Load(), time.Since(start).Round(time.Millisecond))
				if logins != 1 {
					t.Errorf("%d login attempts, want 1", logins)
				}
				if remembered.Load() != calls-1 {
					t.Errorf("%d remembered refusals, want %d", remembered.Load(), calls-1)
				}
				if s := srv.Stats(); s.Commands != logins+srv.CommandCount("AuthenticationRequest") {
					t.Errorf("commands other than the login reached the fake: %+v", s)
				}
			})
		}
	}
}

// TestLoginErrorEchoingPasswordRedacted: a login refusal whose summary
// quotes the password (and, over TCP, the signed password) shows neither.
func TestLoginErrorEchoingPasswordRedacted(t *testing.T) {
	const password = "Echoed&Login<Pw>1"
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t, broadworkstest.WithUser("echo@example.com", password))
			for _, typ := range []string{"LoginRequest22V5", "LoginRequest14sp4"} {
				srv.Inject(fault.Fault{Path: typ, Status: 4962, Message: "[Error 4962] Invalid password " + password + " / &lt;" + password + "&gt;", Times: fault.Always})
			}
			var logs bytes.Buffer
			var mu sync.Mutex
			log := slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c := newClient(t, srv, mode, "echo@example.com", password, broadworks.WithLogger(log))
			defer c.Close()
			err := c.AddCallCenter(context.Background(), basic("a@example.com"))
			if !errors.Is(err, broadworks.ErrLoginRefused) {
				t.Fatalf("err = %v", err)
			}
			mu.Lock()
			defer mu.Unlock()
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), logs.String()} {
				if strings.Contains(text, password) || strings.Contains(text, "Echoed&amp;Login") {
					t.Errorf("the password shows: %s", text)
				}
			}
			var e *broadworks.Error
			if !errors.As(err, &e) || strings.Contains(e.Summary+e.SummaryEnglish+e.Detail, password) || !strings.Contains(e.Summary, "[REDACTED]") {
				t.Errorf("refusal %+v", e)
			}
		})
	}
}

// TestErrorResponseEchoingPasswordsRedacted: ErrorResponse summaries that
// quote the passwords of the call centers of a batch document (each its
// own, and another's) never show them: not in the *Error, not in the text
// bulk gets, not in a log; on every transport.
func TestErrorResponseEchoingPasswordsRedacted(t *testing.T) {
	pw := []string{"First-CC-Secret", "Second<CC>&Secret", "Third-CC-Secret"}
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			var logs bytes.Buffer
			var mu sync.Mutex
			log := slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c := clientFor(t, srv, mode, broadworks.WithLogger(log))
			ops := c.BulkOps().(interface {
				SendBatch(context.Context, []any) ([]string, []error)
			})
			var cmds []any
			for i, p := range pw {
				cc := basic(fmt.Sprintf("echo%d@example.com", i))
				cc.Profile.Password = callcenter.Secret(p)
				cmd, err := c.BulkOps().BuildCreate(cc)
				if err != nil {
					t.Fatal(err)
				}
				cmds = append(cmds, cmd)
				other := pw[(i+2)%len(pw)]
				srv.Inject(fault.Fault{ServiceUserID: cc.ServiceUserID, Status: 4000,
					Message: "[Error 4000] refused " + p + " (see also " + other + ", " + strings.ReplaceAll(p, "<", "&lt;") + ")"})
			}
			resps, errs := ops.SendBatch(context.Background(), cmds)
			mu.Lock()
			defer mu.Unlock()
			texts := []string{logs.String()}
			for i := range cmds {
				var e *broadworks.Error
				if !errors.As(errs[i], &e) || e.Code != 4000 || !strings.Contains(resps[i], "[REDACTED]") {
					t.Errorf("command %d: %q, %v", i, resps[i], errs[i])
					continue
				}
				texts = append(texts, resps[i], errs[i].Error(), e.Summary, e.SummaryEnglish, fmt.Sprintf("%#v", e))
			}
			for _, text := range texts {
				for _, p := range pw {
					if strings.Contains(text, p) || strings.Contains(text, p[:len(p)-2]) {
						t.Errorf("password %q shows in %s", p, text)
					}
				}
			}
		})
	}
}

// TestTLSAgainstPlainPort: TLS to the plain OCI-P port gets no TLS answer;
// each call fails within the handshake timeout (bounded by WithTimeout)
// with a hint, matching ErrCannotConnect and ErrSystemic, never an unknown
// outcome. 50 calls, 10 at a time.
func TestTLSAgainstPlainPort(t *testing.T) {
	srv := newServer(t)
	c := mustClient(t, srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithTimeout(300*time.Millisecond), broadworks.WithSessions(10))
	start := time.Now()
	var slowest atomic.Int64
	var wg sync.WaitGroup
	var next atomic.Int64
	for range 10 {
		wg.Go(func() {
			for next.Add(1) <= 50 {
				t0 := time.Now()
				err := c.AddCallCenter(context.Background(), basic("tls@example.com"))
				if d := int64(time.Since(t0)); d > slowest.Load() {
					slowest.Store(d)
				}
				var ce *broadworks.ConnError
				if !errors.Is(err, broadworks.ErrCannotConnect) || !errors.Is(err, broadworks.ErrSystemic) ||
					errors.Is(err, broadworks.ErrOutcomeUnknown) || !errors.As(err, &ce) || ce.Op != "TLS handshake" ||
					!strings.Contains(err.Error(), "is this the plain OCI-P port? use WithTransport(broadworks.TCP)") {
					t.Errorf("err = %v", err)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("50 TLS calls against the plain port: %v in all, slowest call %v", time.Since(start).Round(time.Millisecond), time.Duration(slowest.Load()).Round(time.Millisecond))
	if n := srv.Stats().Documents; n != 0 {
		t.Errorf("%d documents reached the fake", n)
	}
}

// TestClosedPort: a port nobody listens on fails at once, matching
// ErrCannotConnect and ErrSystemic, on TLS, TCP and SOAP.
func TestClosedPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	for _, tc := range []struct {
		name string
		opts []broadworks.Option
	}{
		{"TLS", nil},
		{"TCP", []broadworks.Option{broadworks.WithTransport(broadworks.TCP)}},
		{"SOAP", []broadworks.Option{broadworks.WithSOAPURL("http://" + addr + "/webservice/services/ProvisioningService"), broadworks.WithRetry(-1, 0, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustClient(t, addr, "u", "p", tc.opts...)
			start := time.Now()
			for range 50 {
				_, err := c.GetCallCenter(context.Background(), "x@example.com")
				if !errors.Is(err, broadworks.ErrCannotConnect) || !errors.Is(err, broadworks.ErrSystemic) || errors.Is(err, broadworks.ErrOutcomeUnknown) {
					t.Fatalf("err = %v", err)
				}
			}
			t.Logf("%s: 50 calls against a closed port: %v", tc.name, time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestTimeoutAgainstSilentServer: a server that accepts and never answers
// cannot stall a call made with context.Background(): WithTimeout bounds
// it, on every transport.
func TestTimeoutAgainstSilentServer(t *testing.T) {
	addr := hostiletest.SilentServer(t)
	for _, tc := range []struct {
		name string
		opts []broadworks.Option
	}{
		{"TLS", nil},
		{"TCP", []broadworks.Option{broadworks.WithTransport(broadworks.TCP)}},
		{"SOAP", []broadworks.Option{broadworks.WithSOAPURL("http://" + addr + "/p"), broadworks.WithRetry(-1, 0, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustClient(t, addr, "u", "p", append(tc.opts, broadworks.WithTimeout(200*time.Millisecond))...)
			done := make(chan error, 1)
			start := time.Now()
			go func() { _, err := c.GetCallCenter(context.Background(), "x@example.com"); done <- err }()
			select {
			case err := <-done:
				if err == nil {
					t.Fatal("no error from a silent server")
				}
				t.Logf("%s: failed after %v: %v", tc.name, time.Since(start).Round(time.Millisecond), err)
			case <-time.After(20 * time.Second):
				t.Fatal("the call did not return within 20 s")
			}
		})
	}
}

// rewritingProxy forwards TCP connections to target and passes every
// answer document (the n-th on its connection, from 1) through rewrite.
func rewritingProxy(t *testing.T, target string, rewrite func(n int, doc []byte) []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			wg.Go(func() { defer s.Close(); _, _ = io.Copy(s, c) })
			wg.Go(func() {
				defer c.Close()
				br := bufio.NewReader(s)
				var doc []byte
				n := 0
				for {
					chunk, err := br.ReadBytes('>')
					if err != nil {
						return
					}
					doc = append(doc, chunk...)
					if bytes.HasSuffix(doc, []byte("</BroadsoftDocument>")) {
						n++
						if _, err := c.Write(append(rewrite(n, bytes.TrimLeft(doc, "\n")), '\n')); err != nil {
							return
						}
						doc = nil
					}
				}
			})
		}
	})
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return ln.Addr().String()
}

var sessionIDRe = regexp.MustCompile(`<sessionId xmlns="">[^<]*</sessionId>`)

// TestAnswerOfAnotherSession: an answer carrying another session's id is
// an error (an add: its outcome unknown); the client logs in again for the
// next call.
func TestAnswerOfAnotherSession(t *testing.T) {
	srv := newServer(t)
	var swap atomic.Bool
	addr := rewritingProxy(t, srv.TCPAddr(), func(n int, doc []byte) []byte {
		if swap.Load() && n > 2 { // after AuthenticationRequest and LoginRequest14sp4
			return sessionIDRe.ReplaceAll(doc, []byte(`<sessionId xmlns="">11111111-2222-4333-8444-555555555555</sessionId>`))
		}
		return doc
	})
	c := mustClient(t, addr, broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
	ctx := context.Background()
	swap.Store(true)
	_, err := c.GetCallCenter(ctx, "x@example.com")
	var ce *broadworks.ConnError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "another session") || errors.Is(err, broadworks.ErrOutcomeUnknown) {
		t.Fatalf("get: %v", err)
	}
	err = c.AddCallCenter(ctx, basic("other-session@example.com"))
	if !errors.Is(err, broadworks.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "another session") {
		t.Fatalf("add: %v", err)
	}
	swap.Store(false)
	if _, err := c.GetCallCenter(ctx, "other-session@example.com"); err != nil {
		t.Fatalf("get after the swap: %v", err)
	}
	if n := loginAttempts(srv); n != 3 {
		t.Errorf("%d logins, want 3 (the answers of another session drop the session)", n)
	}
}

// TestUnreadableAnswerToCreate: a well-framed answer that cannot be decoded
// (TCP), and an HTTP 200 whose body is not SOAP (SOAP), leave an add's
// outcome unknown.
func TestUnreadableAnswerToCreate(t *testing.T) {
	t.Run("TCP", func(t *testing.T) {
		srv := newServer(t)
		addr := rewritingProxy(t, srv.TCPAddr(), func(n int, doc []byte) []byte {
			if bytes.Contains(doc, []byte("SuccessResponse")) && n > 2 {
				return []byte(`<?xml version="1.0"?><BroadsoftDocument protocol="OCI"><command xsi:type="</BroadsoftDocument>`)
			}
			return doc
		})
		c := mustClient(t, addr, broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
		err := c.AddCallCenter(context.Background(), basic("garbled@example.com"))
		if !errors.Is(err, broadworks.ErrOutcomeUnknown) {
			t.Fatalf("err = %v", err)
		}
		if _, ok := srv.CallCenter("garbled@example.com"); !ok {
			t.Error("the fake did not store it: the test proves nothing")
		}
	})
	t.Run("SOAP", func(t *testing.T) {
		srv := newServer(t)
		target, _ := url.Parse(srv.SOAPURL())
		target.Path = ""
		rp := httputil.NewSingleHostReverseProxy(target)
		front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			if bytes.Contains(body, []byte("GroupCallCenterAddInstanceRequest22")) {
				rec := httptest.NewRecorder()
				rp.ServeHTTP(rec, r) // carried out
				w.Header().Set("Content-Type", "text/xml")
				_, _ = io.WriteString(w, "<html>gateway says hi</html")
				return
			}
			rp.ServeHTTP(w, r)
		}))
		defer front.Close()
		c := mustClient(t, "unused", broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
			broadworks.WithSOAPURL(front.URL+broadworkstest.SOAPPath), broadworks.WithRetry(-1, 0, 0))
		err := c.AddCallCenter(context.Background(), basic("garbled@example.com"))
		if !errors.Is(err, broadworks.ErrOutcomeUnknown) {
			t.Fatalf("err = %v", err)
		}
		if _, ok := srv.CallCenter("garbled@example.com"); !ok {
			t.Error("the fake did not store it: the test proves nothing")
		}
	})
}

// TestSOAPRedirectRefused: the SOAP endpoint answering 302 or 307 to
// another host (127.0.0.2) or another port: the other server receives
// nothing (no login, no password, no body) and the error matches
// ErrRedirectRefused.
func TestSOAPRedirectRefused(t *testing.T) {
	type target struct {
		name string
		url  string
		hits *atomic.Int64
	}
	listen := func(t *testing.T, addr string) (*httptest.Server, *atomic.Int64) {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, nil
		}
		hits := new(atomic.Int64)
		s := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			_, _ = io.Copy(io.Discard, r.Body)
		})}}
		s.Start()
		t.Cleanup(s.Close)
		return s, hits
	}
	otherPort, otherPortHits := listen(t, "127.0.0.1:0")
	var targets []target
	targets = append(targets, target{"other port", otherPort.URL, otherPortHits})
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
		for _, host := range []string{"other host", "other port"} {
			t.Run(fmt.Sprintf("%d/%s", status, host), func(t *testing.T) {
				var loc string
				var hits *atomic.Int64
				front := httptest.NewUnstartedServer(nil)
				front.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, loc+r.URL.Path, status)
				})
				front.Start()
				defer front.Close()
				if host == "other host" {
					_, port, _ := net.SplitHostPort(front.Listener.Addr().String())
					s, h := listen(t, "127.0.0.2:"+port)
					if s == nil {
						t.Skip("cannot listen on 127.0.0.2 with the same port")
					}
					loc, hits = s.URL, h
				} else {
					loc, hits = otherPort.URL, otherPortHits
					hits.Store(0)
				}
				c := mustClient(t, "unused", "redirect@example.com", "Redirected-Secret",
					broadworks.WithSOAPURL(front.URL+broadworkstest.SOAPPath), broadworks.WithRetry(-1, 0, 0))
				err := c.AddCallCenter(context.Background(), basic("r@example.com"))
				if !errors.Is(err, broadworks.ErrRedirectRefused) || strings.Contains(err.Error(), "Redirected-Secret") {
					t.Errorf("err = %v", err)
				}
				t.Logf("SOAP %d to %s: requests received there: %d; err: %v", status, host, hits.Load(), err)
				if n := hits.Load(); n != 0 {
					t.Errorf("the other server received %d requests", n)
				}
			})
		}
	}
	_ = targets
}

// TestCloseBounded: Close of a client whose server stopped answering
// returns within the logout bound (here WithTimeout's 200 ms), twice.
func TestCloseBounded(t *testing.T) {
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			c := newClient(t, srv, mode, broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				broadworks.WithTimeout(200*time.Millisecond), broadworks.WithSessions(2), broadworks.WithRetry(-1, 0, 0))
			if _, err := c.ListCallCentersPage(context.Background(), "sp", "g", 1, 1); err != nil {
				t.Fatal(err)
			}
			srv.SetLatency(time.Minute)
			start := time.Now()
			done := make(chan error, 2)
			go func() { done <- c.Close(); done <- c.Close() }()
			for range 2 {
				select {
				case err := <-done:
					if err != nil {
						t.Errorf("Close: %v", err)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("Close did not return within 10 s")
				}
			}
			t.Logf("%s: Close against a silent server took %v", mode, time.Since(start).Round(time.Millisecond))
			srv.SetLatency(0)
		})
	}
}

// TestLogAttributes: debug records carry the attributes of the contract
// (vendor, method, path, status, duration, error) and no secret.
func TestLogAttributes(t *testing.T) {
	srv := newServer(t)
	var logs bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := clientFor(t, srv, "TLS", broadworks.WithLogger(log))
	ctx := context.Background()
	if err := c.AddCallCenter(ctx, premium("logattr@example.com")); err != nil {
		t.Fatal(err)
	}
	_, _ = c.GetCallCenter(ctx, "missing@example.com")
	srv.Inject(fault.Fault{Path: "GroupCallCenterGetInstanceRequest22", Drop: true, Times: 2})
	_, _ = c.GetCallCenter(ctx, "logattr@example.com")
	c.Close()
	mu.Lock()
	defer mu.Unlock()
	out := logs.String()
	for _, want := range []string{"vendor=broadworks", "method=GroupCallCenterAddInstanceRequest22", "path=" + srv.TLSAddr(),
		"status=SuccessResponse", "status=ErrorResponse", "duration=", "error=", "method=LoginRequest22V5"} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{broadworkstest.DefaultPassword, "word'789", "pa<ss>"} {
		if strings.Contains(out, secret) {
			t.Errorf("logs show %q", secret)
		}
	}
}

// TestRateLimit: WithRateLimit holds documents back: with one document an
// hour, the second call cannot get its turn before its deadline, and the
// server never sees it.
func TestRateLimit(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TLS", broadworks.WithRateLimit(rate.Every(time.Hour), 2)) // the login and one command
	if _, err := c.ListCallCentersPage(context.Background(), "sp", "g", 1, 1); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.ListCallCentersPage(ctx, "sp", "g", 1, 1); err == nil {
		t.Fatal("second call within the limit")
	}
	if n := srv.CommandCount("GroupCallCenterGetInstancePagedSortedListRequest"); n != 1 {
		t.Errorf("%d list commands reached the server, want 1", n)
	}
}
