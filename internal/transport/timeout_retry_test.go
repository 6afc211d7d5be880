package transport_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// TestTimedOutAttemptRetriedOnce: with retries to spare (RetryMax 4), a
// server that never answers gets two attempts, not five; a server slow
// once and prompt after still gets its retry; other failures (a 503) keep
// the full retry count.
func TestTimedOutAttemptRetriedOnce(t *testing.T) {
	ctx := context.Background()
	addr, accepted := hostiletest.CountingSilentServer(t)
	cfg := fastConfig("http://" + addr)
	cfg.RetryMax, cfg.Timeout = 4, 100*time.Millisecond
	c := mustNew(t, cfg)
	for _, method := range []string{http.MethodGet, http.MethodPut} {
		before := accepted()
		if _, err := c.Do(ctx, &transport.Request{Method: method, Path: "x"}, nil); err == nil {
			t.Fatalf("%s: no error", method)
		}
		if n := accepted() - before; n != 1+transport.MaxTimeoutRetries {
			t.Errorf("%s: %d attempts against a silent server, want %d", method, n, 1+transport.MaxTimeoutRetries)
		}
	}

	slowOnce := newServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			<-r.Context().Done() // the first attempt times out
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	})
	cfg = fastConfig(slowOnce.URL)
	// The retry must answer within the timeout too: 500 ms leaves room on
	// a loaded machine under -race (100 ms did not, once in a full run).
	cfg.RetryMax, cfg.Timeout = 4, 500*time.Millisecond
	var out struct{ OK bool }
	if _, err := mustNew(t, cfg).Do(ctx, &transport.Request{Method: http.MethodGet, Path: "x"}, &out); err != nil || !out.OK {
		t.Errorf("a server slow once: %v %v, want the retry to succeed", out, err)
	}

	busy := newServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	cfg = fastConfig(busy.URL)
	cfg.RetryMax = 4
	if _, err := mustNew(t, cfg).Do(ctx, &transport.Request{Method: http.MethodGet, Path: "x"}, nil); err == nil {
		t.Fatal("503: no error")
	}
	if n := busy.hits.Load(); n != 5 {
		t.Errorf("503: %d attempts, want 5 (the full retry count)", n)
	}
}
