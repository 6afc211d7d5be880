package transport_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

func TestRetryByStatus(t *testing.T) {
	const retryMax = 3
	cases := []struct {
		method string
		status int
		hits   int  // requests the server sees
		unsure bool // errors.Is(err, ErrOutcomeUnknown)
	}{
		{http.MethodGet, 500, retryMax + 1, false},
		{http.MethodGet, 502, retryMax + 1, false},
		{http.MethodGet, 503, retryMax + 1, false},
		{http.MethodGet, 504, retryMax + 1, false},
		{http.MethodGet, 429, retryMax + 1, false},
		{http.MethodGet, 400, 1, false},
		{http.MethodGet, 401, 1, false},
		{http.MethodGet, 403, 1, false},
		{http.MethodGet, 404, 1, false},
		{http.MethodGet, 409, 1, false},
		{http.MethodGet, 501, 1, false},
		{http.MethodPut, 503, retryMax + 1, false},
		{http.MethodDelete, 502, retryMax + 1, false},
		{http.MethodHead, 500, retryMax + 1, false},
		{http.MethodPut, 404, 1, false},
		{http.MethodPost, 500, 1, true},
		{http.MethodPost, 502, 1, true},
		{http.MethodPost, 503, 1, true},
		{http.MethodPost, 504, 1, true},
		{http.MethodPost, 501, 1, false},
		{http.MethodPost, 400, 1, false},
		{http.MethodPost, 409, 1, false},
		{http.MethodPost, 429, retryMax + 1, false},
		{http.MethodPatch, 502, 1, true},
		{http.MethodPatch, 429, retryMax + 1, false},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s_%d", tc.method, tc.status), func(t *testing.T) {
			srv := statusServer(t, tc.status, `{"error":"boom"}`)
			c := mustNew(t, fastConfig(srv.URL))
			var out map[string]any
			res, err := c.Do(context.Background(), &transport.Request{Method: tc.method, Path: "/things/1", JSON: map[string]int{"n": 1}}, &out)
			if res != nil {
				t.Errorf("Response = %+v, want nil on error", res)
			}
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v (%T), want *APIError", err, err)
			}
			if apiErr.StatusCode != tc.status || apiErr.Method != tc.method || apiErr.Path != "/things/1" || apiErr.Vendor != "test" {
				t.Errorf("APIError = %+v", apiErr)
			}
			if got := int(srv.hits.Load()); got != tc.hits {
				t.Errorf("server saw %d requests, want %d", got, tc.hits)
			}
			if got := errors.Is(err, transport.ErrOutcomeUnknown); got != tc.unsure {
				t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v, want %v (err: %v)", got, tc.unsure, err)
			}
			if apiErr.OutcomeUnknown != tc.unsure {
				t.Errorf("OutcomeUnknown = %v, want %v", apiErr.OutcomeUnknown, tc.unsure)
			}
			if got, want := errors.Is(err, transport.ErrRateLimited), tc.status == 429; got != want {
				t.Errorf("errors.Is(err, ErrRateLimited) = %v, want %v", got, want)
			}
			if got, want := errors.Is(err, transport.ErrNotFound), tc.status == 404; got != want {
				t.Errorf("errors.Is(err, ErrNotFound) = %v, want %v", got, want)
			}
			if got, want := errors.Is(err, transport.ErrUnauthorized), tc.status == 401 || tc.status == 403; got != want {
				t.Errorf("errors.Is(err, ErrUnauthorized) = %v, want %v", got, want)
			}
			if out != nil {
				t.Errorf("out decoded from an error answer: %v", out)
			}
		})
	}
}

func TestRetryThenSuccess(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n <= 2 {
			w.WriteHeader([]int{503, 500}[n-1])
			return
		}
		fmt.Fprint(w, `{"id":"42"}`)
	})
	c := mustNew(t, fastConfig(srv.URL))
	var out struct{ ID string }
	res, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || out.ID != "42" || srv.hits.Load() != 3 {
		t.Fatalf("status=%d out=%+v hits=%d", res.StatusCode, out, srv.hits.Load())
	}
}

func TestRetryMaxSettings(t *testing.T) {
	for _, tc := range []struct {
		retryMax int
		hits     int32
	}{
		{-1, 1},                            // negative: no retries
		{0, transport.DefaultRetryMax + 1}, // zero: the default
		{1, 2},
	} {
		t.Run(fmt.Sprint(tc.retryMax), func(t *testing.T) {
			srv := statusServer(t, 503, "")
			cfg := fastConfig(srv.URL)
			cfg.RetryMax = tc.retryMax
			_, err := mustNew(t, cfg).Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
			var apiErr *transport.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
				t.Fatalf("err = %v", err)
			}
			if got := srv.hits.Load(); got != tc.hits {
				t.Errorf("hits = %d, want %d", got, tc.hits)
			}
		})
	}
}

func TestPOST429RetriedSameBody(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	srv := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, r.Header.Get("Content-Type")+" "+string(b))
		mu.Unlock()
		if n <= 2 {
			w.Header().Set("Retry-After", "1") // capped to 1ms by fastConfig
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"id":"new"}`)
	})
	c := mustNew(t, fastConfig(srv.URL))
	var out struct{ ID string }
	res, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "items", JSON: map[string]string{"name": "a"}}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 201 || out.ID != "new" {
		t.Fatalf("status=%d out=%+v", res.StatusCode, out)
	}
	want := `application/json {"name":"a"}`
	if len(bodies) != 3 {
		t.Fatalf("server saw %d requests, want 3", len(bodies))
	}
	for i, b := range bodies {
		if b != want {
			t.Errorf("attempt %d sent %q, want %q", i+1, b, want)
		}
	}
}

func TestRetryAfterOnAPIError(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	cfg := fastConfig(srv.URL)
	cfg.RetryMax = -1
	_, err := mustNew(t, cfg).Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) || apiErr.RetryAfter != 7*time.Second || !errors.Is(err, transport.ErrRateLimited) {
		t.Fatalf("err = %#v", err)
	}
}

func TestRetryableFlagPOST(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n <= 2 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		fmt.Fprint(w, `{"token":"t"}`)
	})
	c := mustNew(t, fastConfig(srv.URL))
	var out struct{ Token string }
	if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "login", JSON: map[string]string{"u": "x"}, Retryable: true}, &out); err != nil {
		t.Fatal(err)
	}
	if out.Token != "t" || srv.hits.Load() != 3 {
		t.Fatalf("out=%+v hits=%d", out, srv.hits.Load())
	}

	// Persistent 502 on a Retryable POST: retried to the end, and the
	// caller said repeating is safe, so the outcome is not "unknown".
	srv2 := statusServer(t, http.StatusBadGateway, "")
	_, err := mustNew(t, fastConfig(srv2.URL)).Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "search", Retryable: true}, nil)
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Fatalf("err = %v", err)
	}
	if srv2.hits.Load() != 4 {
		t.Fatalf("hits = %d, want 4", srv2.hits.Load())
	}
}

// The server reads the whole request and then drops the connection: a POST
// may have been acted on, so it is not repeated and says so.
func TestConnectionDroppedAfterBody(t *testing.T) {
	for _, tc := range []struct {
		name      string
		method    string
		retryable bool
		hits      int32
		unsure    bool
	}{
		{"POST", http.MethodPost, false, 1, true},
		{"PATCH", http.MethodPatch, false, 1, true},
		{"POST_Retryable", http.MethodPost, true, 4, false},
		{"GET", http.MethodGet, false, 4, false},
		{"PUT", http.MethodPut, false, 4, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) { hijackClose(t, w, r) })
			c := mustNew(t, fastConfig(srv.URL))
			_, err := c.Do(context.Background(), &transport.Request{Method: tc.method, Path: "/calls", JSON: map[string]string{"to": "+15550100"}, Retryable: tc.retryable}, nil)
			var reqErr *transport.RequestError
			if !errors.As(err, &reqErr) {
				t.Fatalf("err = %v (%T), want *RequestError", err, err)
			}
			if got := srv.hits.Load(); got != tc.hits {
				t.Errorf("server saw %d requests, want %d", got, tc.hits)
			}
			if errors.Is(err, transport.ErrOutcomeUnknown) != tc.unsure || reqErr.OutcomeUnknown != tc.unsure {
				t.Errorf("outcome unknown = %v/%v, want %v (err: %v)", errors.Is(err, transport.ErrOutcomeUnknown), reqErr.OutcomeUnknown, tc.unsure, err)
			}
			if reqErr.Method != tc.method || reqErr.Path != "/calls" || reqErr.Err == nil {
				t.Errorf("RequestError = %+v", reqErr)
			}
		})
	}
}

// closedAddr returns a 127.0.0.1 address nothing listens on.
func closedAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// A POST to a port where nothing listens never reached a server: it is
// retried, and the outcome is known (nothing happened).
func TestConnectionRefusedRetried(t *testing.T) {
	addr := closedAddr(t)
	var dials atomic.Int32
	d := &net.Dialer{}
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, a string) (net.Conn, error) {
		dials.Add(1)
		return d.DialContext(ctx, network, a)
	}}}
	cfg := fastConfig("http://" + addr)
	cfg.HTTPClient = hc
	c := mustNew(t, cfg)
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "/items", JSON: map[string]int{"a": 1}}, nil)
	var reqErr *transport.RequestError
	if !errors.As(err, &reqErr) {
		t.Fatalf("err = %v (%T), want *RequestError", err, err)
	}
	if errors.Is(err, transport.ErrOutcomeUnknown) || reqErr.OutcomeUnknown {
		t.Errorf("connection refused reported as outcome unknown: %v", err)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("err = %v, want it to wrap ECONNREFUSED", err)
	}
	if got := dials.Load(); got != 4 {
		t.Errorf("dialled %d times, want 4 (1 + RetryMax 3)", got)
	}
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A dial error from the underlying RoundTripper (nothing written) makes a
// POST retry; the final error keeps the cause and is not "unknown".
func TestDialErrorRetriedPOST(t *testing.T) {
	var calls atomic.Int32
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, dialErr
	})
	cfg := fastConfig("http://127.0.0.1:1")
	cfg.HTTPClient = &http.Client{Transport: rt}
	_, err := mustNew(t, cfg).Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "/items", JSON: map[string]int{"a": 1}}, nil)
	var opErr *net.OpError
	if !errors.As(err, &opErr) || opErr.Op != "dial" {
		t.Fatalf("err = %v, want it to wrap the dial *net.OpError", err)
	}
	if errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Errorf("dial error reported as outcome unknown: %v", err)
	}
	if got := calls.Load(); got != 4 {
		t.Errorf("RoundTrip called %d times, want 4", got)
	}
}

// blockingBackoffConfig makes any retry wait an hour, so only ctx can end it.
func blockingBackoffConfig(baseURL string) transport.Config {
	cfg := fastConfig(baseURL)
	cfg.RetryWaitMin, cfg.RetryWaitMax, cfg.MaxRetryAfter = time.Hour, time.Hour, time.Hour
	return cfg
}

func TestContextCancelledDuringBackoff(t *testing.T) {
	first := make(chan struct{})
	var once sync.Once
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		once.Do(func() { close(first) })
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	c := mustNew(t, blockingBackoffConfig(srv.URL))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-first
		cancel()
	}()
	var err error
	hangGuard(t, "Do with a cancelled context", func() {
		_, err = c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	var reqErr *transport.RequestError
	if !errors.As(err, &reqErr) || errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Fatalf("err = %#v", err)
	}
	if srv.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1", srv.hits.Load())
	}
}

func TestContextDeadlineDuringBackoff(t *testing.T) {
	srv := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3000")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	c := mustNew(t, blockingBackoffConfig(srv.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	var err error
	hangGuard(t, "Do with a deadline", func() {
		_, err = c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestContextAlreadyCancelled(t *testing.T) {
	srv := statusServer(t, 200, `{}`)
	c := mustNew(t, fastConfig(srv.URL))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "x", JSON: 1}, nil)
	if !errors.Is(err, context.Canceled) || errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Fatalf("err = %v", err)
	}
	if srv.hits.Load() != 0 {
		t.Fatalf("hits = %d, want 0", srv.hits.Load())
	}
}

// A POST that got 429 (so the server did not act) and is then cancelled
// while waiting to retry should not claim the outcome is unknown.
func TestPOST429CancelledIsNotOutcomeUnknown(t *testing.T) {
	srv := statusServer(t, http.StatusTooManyRequests, "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel once the client holds the 429 answer: from then on the
	// outcome is known whatever happens.
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(r)
		if err == nil {
			cancel()
		}
		return resp, err
	})
	cfg := blockingBackoffConfig(srv.URL)
	cfg.HTTPClient = &http.Client{Transport: rt}
	c := mustNew(t, cfg)
	var err error
	hangGuard(t, "Do", func() {
		_, err = c.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "x", JSON: 1}, nil)
	})
	if !errors.Is(err, context.Canceled) || errors.Is(err, transport.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want context.Canceled and not ErrOutcomeUnknown", err)
	}
	if srv.hits.Load() != 1 {
		t.Fatalf("hits = %d", srv.hits.Load())
	}
}

// limitedConfig allows burst requests, then one per day.
func limitedConfig(baseURL string, burst int) transport.Config {
	cfg := fastConfig(baseURL)
	cfg.Limit = rate.Every(24 * time.Hour)
	cfg.Burst = burst
	return cfg
}

func TestLimiterWaitHonoursContext(t *testing.T) {
	srv := statusServer(t, 200, `{}`)
	c := mustNew(t, limitedConfig(srv.URL, 1))
	if !c.Limiter().Allow() { // take the only token
		t.Fatal("fresh limiter has no token")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := time.AfterFunc(10*time.Millisecond, cancel)
	defer stop.Stop()
	var err error
	hangGuard(t, "Do blocked on the rate limiter", func() {
		_, err = c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if srv.hits.Load() != 0 {
		t.Fatalf("the limiter let %d requests through", srv.hits.Load())
	}
}

// A deadline the limiter cannot meet fails without reaching the server.
func TestLimiterDeadline(t *testing.T) {
	srv := statusServer(t, 200, `{}`)
	c := mustNew(t, limitedConfig(srv.URL, 1))
	c.Limiter().Allow()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var err error
	hangGuard(t, "Do blocked on the rate limiter", func() {
		_, err = c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "x"}, nil)
	})
	if err == nil || srv.hits.Load() != 0 {
		t.Fatalf("err = %v, hits = %d", err, srv.hits.Load())
	}
	t.Run("IsDeadlineExceeded", func(t *testing.T) {
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want errors.Is(err, context.DeadlineExceeded)", err)
		}
	})
}

// Every goroutine and every attempt draws from the one limiter that
// Limiter returns.
func TestLimiterSharedByGoroutines(t *testing.T) {
	const n = 20
	srv := statusServer(t, 200, `{"ok":true}`)
	c := mustNew(t, limitedConfig(srv.URL, n))
	if tok := c.Limiter().Tokens(); tok < n-0.5 {
		t.Fatalf("fresh limiter has %.2f tokens, want %d", tok, n)
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var out struct{ OK bool }
			_, err := c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "x"}, &out)
			if err == nil && !out.OK {
				err = errors.New("ok=false")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("request failed: %v", err)
		}
	}
	if srv.hits.Load() != n {
		t.Fatalf("hits = %d, want %d", srv.hits.Load(), n)
	}
	if tok := c.Limiter().Tokens(); tok >= 0.5 || tok < -0.5 {
		t.Fatalf("limiter has %.2f tokens after %d requests, want 0", tok, n)
	}
	// The limiter is now empty for everyone: one more request cannot start.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "x"}, nil); err == nil {
		t.Fatal("request beyond the burst succeeded")
	}
	if srv.hits.Load() != n {
		t.Fatalf("hits = %d, want %d", srv.hits.Load(), n)
	}
}

// Retries are attempts too: each takes a token.
func TestLimiterCountsRetries(t *testing.T) {
	srv := newServer(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(200)
	})
	c := mustNew(t, limitedConfig(srv.URL, 10))
	if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil); err != nil {
		t.Fatal(err)
	}
	if tok := c.Limiter().Tokens(); tok < 6.5 || tok >= 7.5 {
		t.Fatalf("limiter has %.2f tokens, want 7 (10 - 3 attempts)", tok)
	}
}

// With a real (fast) rate, many goroutines sharing one client all get
// through; run with -race this also checks the limiter path is race-free.
func TestLimiterConcurrentSmoke(t *testing.T) {
	const n = 20
	srv := statusServer(t, 200, `{}`)
	cfg := fastConfig(srv.URL)
	cfg.Limit, cfg.Burst = rate.Every(time.Millisecond), 1
	c := mustNew(t, cfg)
	var wg sync.WaitGroup
	var failed atomic.Int32
	for range n {
		wg.Go(func() {
			if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, nil); err != nil {
				failed.Add(1)
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if failed.Load() != 0 || srv.hits.Load() != n {
		t.Fatalf("failed=%d hits=%d", failed.Load(), srv.hits.Load())
	}
}
