package transport_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// testServer is an httptest server on 127.0.0.1 that counts the requests
// its handler sees.
type testServer struct {
	*httptest.Server
	hits atomic.Int32
}

// newServer starts a server whose handler h is called with the 1-based
// number of the request.
func newServer(t testing.TB, h func(n int, w http.ResponseWriter, r *http.Request)) *testServer {
	t.Helper()
	s := &testServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h(int(s.hits.Add(1)), w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// statusServer answers every request with status and body.
func statusServer(t testing.TB, status int, body string) *testServer {
	return newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
}

// fastConfig is a config with 3 retries and 1ms backoff, so retry tests
// stay fast.
func fastConfig(baseURL string) transport.Config {
	return transport.Config{
		Vendor:        "test",
		BaseURL:       baseURL,
		RetryMax:      3,
		RetryWaitMin:  time.Millisecond,
		RetryWaitMax:  time.Millisecond,
		MaxRetryAfter: time.Millisecond,
	}
}

func mustNew(t testing.TB, cfg transport.Config) *transport.Client {
	t.Helper()
	c, err := transport.New(cfg)
	if err != nil {
		t.Fatalf("transport.New: %v", err)
	}
	return c
}

// hijackClose reads the whole request body, then drops the connection
// without answering.
func hijackClose(t testing.TB, w http.ResponseWriter, r *http.Request) {
	if _, err := io.ReadAll(r.Body); err != nil {
		t.Errorf("server reading body: %v", err)
	}
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	conn.Close()
}

// hangGuard fails the test if f does not return within a generous bound.
// It is not a timing assertion: it only turns a hang into a failure.
func hangGuard(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s did not return", what)
	}
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
