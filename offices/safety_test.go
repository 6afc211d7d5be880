package offices_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"github.com/ccsdk/callcenter-go/offices"
	"golang.org/x/time/rate"
)

// A server that accepts and never answers cannot stall a call made with
// context.Background(): the per-attempt timeout ends it.
func TestTimeoutBoundsSilentServer(t *testing.T) {
	url := "http://" + hostiletest.SilentServer(t) + "/api/v2"
	const bound = 10 * time.Second // generous; the timeout is 200 ms
	for _, tc := range []struct {
		name string
		opts []offices.Option
	}{
		{"own HTTP client", nil},
		{"given HTTP client without a timeout", []offices.Option{offices.WithHTTPClient(&http.Client{})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]offices.Option{offices.WithBaseURL(url), offices.WithTimeout(200 * time.Millisecond),
				offices.WithRetry(-1, time.Millisecond, time.Millisecond), offices.WithRateLimit(0, 0)}, tc.opts...)
			c := newClient(t, testKey, opts...)
			for _, call := range []struct {
				name    string
				do      func() error
				unknown bool
			}{
				{"Get", func() error { _, err := c.Get(context.Background(), 1); return err }, false},
				{"GetE911Address", func() error { _, err := c.GetE911Address(context.Background(), 1); return err }, false},
				{"Create", func() error { _, err := c.Create(context.Background(), validRequest("X")); return err }, true},
				{"AssignNumber", func() error {
					_, err := c.AssignNumber(context.Background(), 1, &offices.AssignNumberRequest{AreaCode: "604"})
					return err
				}, true},
			} {
				done := make(chan error, 1)
				go func() { done <- call.do() }()
				select {
				case err := <-done:
					if err == nil {
						t.Errorf("%s: no error from a server that never answers", call.name)
					} else if errors.Is(err, offices.ErrOutcomeUnknown) != call.unknown {
						t.Errorf("%s: outcome unknown = %v, want %v: %v", call.name, !call.unknown, call.unknown, err)
					}
				case <-time.After(bound):
					t.Fatalf("%s: still waiting after %v with a 200 ms timeout", call.name, bound)
				}
			}
		})
	}
}

// Redirects: 302 and 307 to another host (127.0.0.2) or another port of
// 127.0.0.1 are refused for every method; the other server receives
// nothing, so neither the Bearer key nor the body reaches it. A redirect
// to the same origin is followed for a GET only.
func TestRedirectsRefused(t *testing.T) {
	// What the recorders answer, were a redirect followed: an office.
	moved := hostiletest.Answer(http.StatusOK, "application/json", `{"id": "2", "name": "moved"}`)
	otherHost := hostiletest.NewRecorder(t, "127.0.0.2:0", moved)
	otherPort := hostiletest.NewRecorder(t, "127.0.0.1:0", moved)
	ctx := context.Background()
	calls := []struct {
		name string
		do   func(*offices.Client) error
	}{
		{"GET Get", func(c *offices.Client) error { _, err := c.Get(ctx, 1); return err }},
		{"GET ListCallCentersPage", func(c *offices.Client) error { _, err := c.ListCallCentersPage(ctx, 1, ""); return err }},
		{"POST Create", func(c *offices.Client) error { _, err := c.Create(ctx, validRequest("X")); return err }},
		{"POST AddOperator", func(c *offices.Client) error {
			_, err := c.AddOperator(ctx, 1, &offices.AddOperatorRequest{OperatorID: 2, OperatorType: offices.OperatorUser})
			return err
		}},
		{"PUT UpdateE911Address", func(c *offices.Client) error {
			_, err := c.UpdateE911Address(ctx, 1, &offices.UpdateE911Request{Address: "a", City: "b", State: "c", Zip: "d", Country: "us"})
			return err
		}},
		{"DELETE RemoveOperator", func(c *offices.Client) error {
			_, err := c.RemoveOperator(ctx, 1, &offices.RemoveOperatorRequest{OperatorID: 2, OperatorType: offices.OperatorUser})
			return err
		}},
	}
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
		for _, target := range []struct {
			name string
			rec  *hostiletest.Recorder
		}{{"other host", otherHost}, {"other port", otherPort}} {
			for _, call := range calls {
				t.Run(fmt.Sprintf("%d %s %s", status, target.name, call.name), func(t *testing.T) {
					origin := hostiletest.NewRecorder(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
						http.Redirect(w, r, target.rec.URL+r.URL.Path, status)
					})
					before := len(target.rec.Requests())
					c := newClient(t, testKey, offices.WithBaseURL(origin.URL+"/api/v2"),
						offices.WithRetry(2, time.Millisecond, time.Millisecond), offices.WithRateLimit(0, 0))
					err := call.do(c)
					if !errors.Is(err, offices.ErrRedirectRefused) || !strings.Contains(err.Error(), "redirect refused") {
						t.Errorf("err = %v, want ErrRedirectRefused", err)
					}
					if errors.Is(err, offices.ErrOutcomeUnknown) {
						t.Errorf("a refused redirect is an answer, not an unknown outcome: %v", err)
					}
					if got := target.rec.Requests()[before:]; len(got) != 0 {
						t.Errorf("the other server received %q", got)
					}
					if got := origin.Requests(); len(got) != 1 || got[0].Header.Get("Authorization") != "Bearer "+testKey {
						t.Errorf("origin received %q, want the one request (not retried)", got)
					}
					if err != nil && strings.Contains(err.Error(), testKey) {
						t.Errorf("key in the error: %v", err)
					}
				})
			}
		}
	}
	t.Run("same origin GET is followed", func(t *testing.T) {
		var origin *hostiletest.Recorder
		origin = hostiletest.NewRecorder(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/v2/offices/1" {
				http.Redirect(w, r, origin.URL+"/api/v2/offices/2", http.StatusFound)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id": "2", "name": "moved"}`)
		})
		c := newClient(t, testKey, offices.WithBaseURL(origin.URL+"/api/v2"), offices.WithRateLimit(0, 0))
		o, err := c.Get(ctx, 1)
		if err != nil || o.ID != 2 {
			t.Fatalf("get: %+v, %v", o, err)
		}
		if got := origin.Requests(); len(got) != 2 || got[1].Method != http.MethodGet || got[1].Path != "/api/v2/offices/2" ||
			got[1].Header.Get("Authorization") != "Bearer "+testKey {
			t.Errorf("origin received %q", got)
		}
	})
	t.Run("same origin 307 POST is not sent again", func(t *testing.T) {
		var origin *hostiletest.Recorder
		origin = hostiletest.NewRecorder(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, origin.URL+"/api/v2/elsewhere", http.StatusTemporaryRedirect)
		})
		c := newClient(t, testKey, offices.WithBaseURL(origin.URL+"/api/v2"), offices.WithRateLimit(0, 0))
		_, err := c.Create(ctx, validRequest("X"))
		if !errors.Is(err, offices.ErrRedirectRefused) {
			t.Errorf("err = %v", err)
		}
		if got := origin.Requests(); len(got) != 1 {
			t.Errorf("origin received %q, want only the first POST", got)
		}
	})
}

// A 2xx answer to a POST that acts, whose body cannot be read, leaves the
// outcome unknown: the error matches ErrOutcomeUnknown and it is sent once.
func TestUnreadableSuccessIsOutcomeUnknown(t *testing.T) {
	ctx := context.Background()
	calls := []struct {
		name string
		do   func(*offices.Client) error
	}{
		{"Create", func(c *offices.Client) error { _, err := c.Create(ctx, validRequest("X")); return err }},
		{"AddOperator", func(c *offices.Client) error {
			_, err := c.AddOperator(ctx, 1, &offices.AddOperatorRequest{OperatorID: 2, OperatorType: offices.OperatorUser})
			return err
		}},
		{"AssignNumber", func(c *offices.Client) error {
			_, err := c.AssignNumber(ctx, 1, &offices.AssignNumberRequest{AreaCode: "604"})
			return err
		}},
		{"UnassignNumber", func(c *offices.Client) error {
			_, err := c.UnassignNumber(ctx, 1, &offices.UnassignNumberRequest{Number: "+16045551002"})
			return err
		}},
	}
	answers := []struct {
		name    string
		respond http.HandlerFunc
	}{
		{"not JSON", hostiletest.Answer(http.StatusOK, "application/json", `<html>ok</html>`)},
		{"wrong shape", hostiletest.Answer(http.StatusCreated, "application/json", `{"office": "???", "id": {"x": 1}, "status": 7}`)},
		{"cut short", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "1000")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, `{"office": {"id": "1`)
			w.(http.Flusher).Flush()
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
				}
			}
		}},
	}
	for _, a := range answers {
		for _, call := range calls {
			t.Run(a.name+" "+call.name, func(t *testing.T) {
				n := 0
				var mu sync.Mutex
				srv := hostiletest.NewServer(t, func(w http.ResponseWriter, r *http.Request) {
					mu.Lock()
					n++
					mu.Unlock()
					a.respond(w, r)
				}, nil)
				c := newClient(t, testKey, offices.WithBaseURL(srv.URL+"/api/v2"), offices.WithRateLimit(0, 0),
					offices.WithRetry(3, time.Millisecond, time.Millisecond))
				err := call.do(c)
				if !errors.Is(err, offices.ErrOutcomeUnknown) {
					t.Errorf("err = %v, want ErrOutcomeUnknown", err)
				}
				mu.Lock()
				defer mu.Unlock()
				if n != 1 {
					t.Errorf("sent %d times, want 1", n)
				}
			})
		}
	}
}

// echoKey answers with everything the request carried that could be the
// key: the Authorization header, plain and JSON-escaped, in the status's
// error body, in a Location and in a reason.
func echoKey(status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		key := strings.TrimPrefix(auth, "Bearer ")
		msg, _ := json.Marshal("Invalid key " + key + " (" + auth + ")")
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", auth)
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error": {"message": %s, "errors": [{"reason": %q}]}, "key": %q}`, msg, key, key)
	}
}

// Secrets the server echoes back never reach an error, its fields, %+v or
// the debug log, for every operation.
func TestEchoedKeyNeverInErrors(t *testing.T) {
	const key = "dp-echo-key-Zq7&<ä>"
	ctx := context.Background()
	for _, status := range []int{400, 401, 403, 404, 409, 429, 500} {
		for _, tc := range opCases {
			t.Run(fmt.Sprintf("%d %s", status, tc.name), func(t *testing.T) {
				var logs bytes.Buffer
				srv := hostiletest.NewServer(t, echoKey(status), nil)
				c := newClient(t, key, offices.WithBaseURL(srv.URL+"/api/v2"), offices.WithRateLimit(0, 0),
					offices.WithRetry(-1, time.Millisecond, time.Millisecond),
					offices.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
				_, err := tc.call(ctx, c)
				var e *offices.Error
				if !errors.As(err, &e) || e.StatusCode != status {
					t.Fatalf("err = %v (%T), want an *offices.Error %d", err, err, status)
				}
				hostiletest.NoSecret(t, err, 0, key)
				for name, s := range map[string]string{"%+v": fmt.Sprintf("%+v", err), "%#v": fmt.Sprintf("%#v", *e), "logs": logs.String()} {
					for _, form := range hostiletest.SecretForms(key) {
						if strings.Contains(s, form) {
							t.Errorf("%s holds %q: %s", name, form, s)
						}
					}
				}
				if !strings.Contains(e.Message, "Invalid key [REDACTED]") {
					t.Errorf("message = %q, want the redacted echo", e.Message)
				}
			})
		}
	}
}

// One client has one budget: every operation takes from the same limiter.
// With a budget of one request per hour, a second call of another
// operation cannot go within its context deadline and reaches nothing.
func TestOneBudgetForEveryOperation(t *testing.T) {
	var n int
	var mu sync.Mutex
	srv := hostiletest.NewServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id": "1"}`)
	}, nil)
	c := newClient(t, testKey, offices.WithBaseURL(srv.URL+"/api/v2"), offices.WithRateLimit(rate.Every(time.Hour), 1))
	if _, err := c.GetPlan(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	for _, call := range []func(ctx context.Context) error{
		func(ctx context.Context) error { _, err := c.GetE911Address(ctx, 1); return err },
		func(ctx context.Context) error { _, err := c.Get(ctx, 1); return err },
		func(ctx context.Context) error { _, err := c.ListDepartmentsPage(ctx, 1, ""); return err },
		func(ctx context.Context) error {
			_, err := c.AddOperator(ctx, 1, &offices.AddOperatorRequest{OperatorID: 2, OperatorType: offices.OperatorRoom})
			return err
		},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := call(ctx)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, offices.ErrOutcomeUnknown) {
			t.Errorf("err = %v, want a rate wait past the deadline", err)
		}
	}
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return n
	}
	if got := count(); got != 1 {
		t.Errorf("server received %d requests, want 1", got)
	}
	// Another client has a budget of its own.
	other := newClient(t, testKey, offices.WithBaseURL(srv.URL+"/api/v2"), offices.WithRateLimit(rate.Every(time.Hour), 1))
	if _, err := other.GetPlan(context.Background(), 1); err != nil || count() != 2 {
		t.Errorf("second client: %v, %d requests", err, count())
	}
}

// The debug log has one record per call with the contract's attributes,
// through the context-taking method (the handler sees the context).
func TestDebugLogAttributes(t *testing.T) {
	_, srv := fakeClient(t, nil)
	var logs bytes.Buffer
	c := newClient(t, srv.APIKey(), offices.WithBaseURL(srv.URL), offices.WithRateLimit(0, 0),
		offices.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if _, err := c.Get(context.Background(), 99); !errors.Is(err, offices.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	var found bool
	for line := range strings.SplitSeq(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["msg"] != "offices call" {
			continue
		}
		found = true
		if rec["vendor"] != "offices" || rec["method"] != "GET" || rec["path"] != "/offices/99" || rec["status"] != float64(404) ||
			rec["duration"] == nil || !strings.Contains(fmt.Sprint(rec["error"]), "404") {
			t.Errorf("record = %v", rec)
		}
	}
	if !found || strings.Contains(logs.String(), srv.APIKey()) {
		t.Errorf("no call record, or the key is logged:\n%s", logs.String())
	}
}

// Close is safe twice, and a call after it fails with ErrClosed and sends
// nothing.
func TestClose(t *testing.T) {
	c, srv := fakeClient(t, nil)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := c.Create(context.Background(), validRequest("after close"))
	if !errors.Is(err, offices.ErrClosed) || err.Error() != "offices: POST /api/v2/offices: client closed" {
		t.Errorf("create after Close: %v", err)
	}
	if len(srv.Offices()) != 0 || srv.FaultStats().Requests != 0 {
		t.Errorf("%d offices, %d requests after Close", len(srv.Offices()), srv.FaultStats().Requests)
	}
	for _, err := range c.ListOffices(context.Background(), nil) {
		if !errors.Is(err, offices.ErrClosed) {
			t.Errorf("list after Close: %v", err)
		}
	}
	var nilClient *offices.Client
	if err := nilClient.Close(); err != nil {
		t.Errorf("nil Close: %v", err)
	}
}

// DefaultRateLimit is the documented 1200 per 60.6 s, burst 1.
func TestDefaultRateLimitConst(t *testing.T) {
	limit, burst := offices.WindowLimit(offices.RateLimitRequests, offices.RateLimitWindow, offices.DefaultRateGuard)
	if d := float64(offices.DefaultRateLimit - limit); d > 1e-9 || d < -1e-9 || offices.DefaultBurst != burst {
		t.Errorf("DefaultRateLimit %v burst %d, WindowLimit %v %d", offices.DefaultRateLimit, offices.DefaultBurst, limit, burst)
	}
	if perMinute := float64(offices.DefaultRateLimit) * 60; perMinute > 1200 || perMinute < 1188 {
		t.Errorf("%.1f requests per minute", perMinute)
	}
	if offices.DefaultTimeout != 30*time.Second {
		t.Errorf("DefaultTimeout = %v", offices.DefaultTimeout)
	}
}

// endlessPages answers every paged office collection with full pages of
// new ids and a new cursor each time (or, with sameCursor, always the same
// one), as a broken or hostile server could. It counts the pages served.
func endlessPages(pages *int, sameCursor bool) http.HandlerFunc {
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		*pages++
		n := *pages
		mu.Unlock()
		var b strings.Builder
		b.WriteString(`{"items":[`)
		for i := range 1000 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"%d","name":"n%d"}`, n*1000+i, i)
		}
		cursor := fmt.Sprintf("c%d", n)
		if sameCursor {
			cursor = "c1"
		}
		fmt.Fprintf(&b, `],"cursor":%q}`, cursor)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, b.String())
	}
}

// TestListCap: every paged list stops with an error at the listing cap
// (100,000 items: the 101st page holds the first item past it) when the
// server keeps answering full pages of new ids, and at once when it hands
// back a cursor twice, so a caller (a prune, an
// export) never lists forever.
func TestListCap(t *testing.T) {
	var pages int
	srv := httptest.NewServer(endlessPages(&pages, false))
	defer srv.Close()
	c := newClient(t, "key-1234", offices.WithBaseURL(srv.URL), offices.WithRateLimit(0, 0))
	ctx := context.Background()
	lists := map[string]func() (int, error){
		"ListOffices":       func() (int, error) { return count(c.ListOffices(ctx, nil)) },
		"ListCallCenters":   func() (int, error) { return count(c.ListCallCenters(ctx, 1)) },
		"ListDepartments":   func() (int, error) { return count(c.ListDepartments(ctx, 1)) },
		"ListCoachingTeams": func() (int, error) { return count(c.ListCoachingTeams(ctx, 1)) },
	}
	for name, list := range lists {
		pages = 0
		n, err := list()
		t.Logf("%s: %d items from %d pages, then %v", name, n, pages, err)
		if n != 100_000 || pages != 101 || err == nil || !strings.Contains(err.Error(), "offices: "+name+": the listing cap of 100000 items") {
			t.Errorf("%s: %d items from %d pages, error %v; want 100000 items and the cap's error", name, n, pages, err)
		}
	}

	same := httptest.NewServer(endlessPages(new(int), true))
	defer same.Close()
	c2 := newClient(t, "key-1234", offices.WithBaseURL(same.URL), offices.WithRateLimit(0, 0))
	n, err := count(c2.ListOffices(ctx, nil))
	if n != 2000 || err == nil || !strings.Contains(err.Error(), `the server returned cursor "c1" twice`) {
		t.Errorf("a repeated cursor: %d items, %v", n, err)
	}
}

// count runs a listing to its end and returns how many items it yielded
// and its error.
func count[T any](seq func(func(T, error) bool)) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
