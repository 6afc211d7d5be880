package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"
)

func respWith(retryAfter string) *http.Response {
	h := http.Header{}
	if retryAfter != "" {
		h.Set("Retry-After", retryAfter)
	}
	return &http.Response{StatusCode: http.StatusTooManyRequests, Header: h}
}

func newTestClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://127.0.0.1:1"
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBackoffRetryAfter(t *testing.T) {
	const min, max = 100 * time.Millisecond, 2 * time.Second
	c := newTestClient(t, Config{MaxRetryAfter: 30 * time.Second})
	exact := []struct {
		header string
		want   time.Duration
	}{
		{"5", 5 * time.Second},          // seconds form, above RetryWaitMax: still honoured
		{" 7 ", 7 * time.Second},        // surrounding space
		{"30", 30 * time.Second},        // exactly the cap
		{"120", 30 * time.Second},       // capped by MaxRetryAfter
		{"999999999", 30 * time.Second}, // huge: capped, no overflow
	}
	for _, tc := range exact {
		for attempt := range 3 {
			if got := c.backoff(min, max, attempt, respWith(tc.header)); got != tc.want {
				t.Errorf("Retry-After %q attempt %d: backoff = %v, want %v", tc.header, attempt, got, tc.want)
			}
		}
	}

	// HTTP-date form: a date 10s ahead waits about 10s (the header has
	// one-second precision, so anything in (8s, 10s] is right).
	date := time.Now().Add(10 * time.Second).UTC().Format(http.TimeFormat)
	if got := c.backoff(min, max, 0, respWith(date)); got <= 8*time.Second || got > 10*time.Second {
		t.Errorf("Retry-After %q: backoff = %v, want about 10s", date, got)
	}
	// A date far ahead is capped.
	far := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	if got := c.backoff(min, max, 0, respWith(far)); got != 30*time.Second {
		t.Errorf("Retry-After %q: backoff = %v, want the 30s cap", far, got)
	}

	// Values that carry no wait fall back to the exponential backoff of
	// attempt 0: about min (at most 2*min).
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	for _, h := range []string{"", "0", "-5", "soon", "1.5", past} {
		got := c.backoff(min, max, 0, respWith(h))
		if got < min/2 || got > 2*min {
			t.Errorf("Retry-After %q: backoff = %v, want the exponential backoff in [%v, %v]", h, got, min/2, 2*min)
		}
	}
	if got := c.backoff(min, max, 0, nil); got < min/2 || got > 2*min {
		t.Errorf("nil response: backoff = %v", got)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	if got := retryAfter(nil); got != 0 {
		t.Errorf("retryAfter(nil) = %v", got)
	}
	for h, want := range map[string]time.Duration{"": 0, "0": 0, "3": 3 * time.Second, "-1": 0, "x": 0} {
		if got := retryAfter(respWith(h)); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", h, got, want)
		}
	}
}

// The exponential backoff grows with the attempt up to max and is
// jittered: for attempt k, with d = min(min<<k, max), it lies in
// [d/2, min(2d, max)] (the current code uses [d/2, d]).
func TestBackoffExponentialJitter(t *testing.T) {
	c := newTestClient(t, Config{})
	for _, b := range []struct{ min, max time.Duration }{
		{100 * time.Millisecond, 2 * time.Second},
		{time.Millisecond, time.Millisecond},
		{3 * time.Nanosecond, time.Hour},
		{DefaultRetryWaitMin, DefaultRetryWaitMax},
		{10 * time.Second, time.Minute},
	} {
		for attempt := range 70 {
			// The doubling stops after 30 attempts (overflow guard).
			shift := min(attempt, 30)
			d := b.max
			if b.min <= b.max>>shift {
				d = b.min << shift
			}
			hi := b.max
			if d <= b.max/2 {
				hi = 2 * d
			}
			seen := map[time.Duration]bool{}
			for range 200 {
				got := c.backoff(b.min, b.max, attempt, nil)
				if got < d/2 || got > hi || got <= 0 {
					t.Fatalf("min=%v max=%v attempt %d: backoff = %v, want in [%v, %v]", b.min, b.max, attempt, got, d/2, hi)
				}
				seen[got] = true
			}
			// Spread (jitter) wherever the range is wide enough.
			if attempt >= 1 && b.max >= 2*b.min && d >= time.Millisecond && len(seen) < 2 {
				t.Errorf("min=%v max=%v attempt %d: 200 backoffs all equal %v: no jitter", b.min, b.max, attempt, seen)
			}
		}
	}
}

// Config documents RetryWaitMin as a bound of the backoff; the first
// attempts currently wait as little as RetryWaitMin/2.
func TestBackoffNeverBelowMin(t *testing.T) {
	c := newTestClient(t, Config{})
	const min, max = 100 * time.Millisecond, 2 * time.Second
	for attempt := range 10 {
		for range 200 {
			if got := c.backoff(min, max, attempt, nil); got < min || got > max {
				t.Fatalf("attempt %d: backoff = %v, want in [%v, %v]", attempt, got, min, max)
			}
		}
	}
}

func TestCheckRetry(t *testing.T) {
	stateCtx := func(idempotent, sent bool) context.Context {
		st := &attemptState{idempotent: idempotent}
		st.sent.Store(sent)
		return context.WithValue(context.Background(), ctxKey{}, st)
	}
	resp := func(code int) *http.Response { return &http.Response{StatusCode: code, Header: http.Header{}} }
	netErr := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}

	for _, tc := range []struct {
		name      string
		ctx       context.Context
		resp      *http.Response
		err       error
		wantRetry bool
	}{
		{"no state 503", context.Background(), resp(503), nil, true},
		{"no state net error", context.Background(), nil, netErr, true},
		{"GET 200", stateCtx(true, true), resp(200), nil, false},
		{"GET 404", stateCtx(true, true), resp(404), nil, false},
		{"GET 429", stateCtx(true, true), resp(429), nil, true},
		{"GET 500", stateCtx(true, true), resp(500), nil, true},
		{"GET 501", stateCtx(true, true), resp(501), nil, false},
		{"GET 599", stateCtx(true, true), resp(599), nil, true},
		{"GET net error after send", stateCtx(true, true), nil, netErr, true},
		{"POST 429", stateCtx(false, true), resp(429), nil, true},
		{"POST 500", stateCtx(false, true), resp(500), nil, false},
		{"POST 503", stateCtx(false, true), resp(503), nil, false},
		{"POST net error after send", stateCtx(false, true), nil, netErr, false},
		{"POST net error before send", stateCtx(false, false), nil, netErr, true},
	} {
		retry, err := checkRetry(tc.ctx, tc.resp, tc.err)
		if retry != tc.wantRetry || err != nil {
			t.Errorf("%s: checkRetry = %v, %v; want %v, nil", tc.name, retry, err, tc.wantRetry)
		}
	}

	ctx, cancel := context.WithCancel(stateCtx(true, false))
	cancel()
	if retry, err := checkRetry(ctx, resp(503), nil); retry || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: checkRetry = %v, %v", retry, err)
	}
}

func TestIsIdempotent(t *testing.T) {
	for m, want := range map[string]bool{"GET": true, "HEAD": true, "PUT": true, "DELETE": true, "OPTIONS": true, "POST": false, "PATCH": false, "CONNECT": false} {
		if got := isIdempotent(m); got != want {
			t.Errorf("isIdempotent(%s) = %v", m, got)
		}
	}
}

func TestReadBodyLimit(t *testing.T) {
	for _, n := range []int{0, 9, 10} {
		data, err := readBody(stringsReader(n), 10)
		if err != nil || len(data) != n {
			t.Errorf("readBody(%d bytes, limit 10) = %d bytes, %v", n, len(data), err)
		}
	}
	if _, err := readBody(stringsReader(11), 10); err == nil || err.Error() != "response body larger than "+strconv.Itoa(10)+" bytes" {
		t.Errorf("readBody over limit: err = %v", err)
	}
}

type zeroReader struct{ n int }

func (z *zeroReader) Read(p []byte) (int, error) {
	if z.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), z.n)
	for i := range p[:k] {
		p[i] = 'a'
	}
	z.n -= k
	return k, nil
}

func stringsReader(n int) *zeroReader { return &zeroReader{n} }
