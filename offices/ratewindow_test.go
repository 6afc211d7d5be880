package offices_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/offices/officestest"
	"golang.org/x/time/rate"
)

// rateWindow describes one run of concurrent creates against the fake's
// strict sliding window.
type rateWindow struct {
	N          int           // the fake accepts N requests ...
	W          time.Duration // ... in any window of W
	Creates    int           // offices to create
	Goroutines int           // concurrent callers sharing one client
	// Limit and Burst set the client's limiter; zero Limit keeps the
	// client's default (meant for the documented 1200 per minute).
	Limit rate.Limit
	Burst int
}

type rateWindowResult struct {
	Got429   int     // 429 answers the fake sent
	Created  int     // offices the fake holds
	Failed   int     // Create calls that returned an error
	Peak     int     // most accepted requests in one window
	Rate     float64 // sustained accepted requests per second
	Fraction float64 // Rate / (N/W)
	Elapsed  time.Duration
	FirstErr error
}

// runRateWindow creates cfg.Creates offices from cfg.Goroutines goroutines
// through one client against a fake limited to N per W.
func runRateWindow(tb testing.TB, cfg rateWindow) rateWindowResult {
	tb.Helper()
	srv := officestest.NewServer(officestest.WithWindow(cfg.N, cfg.W))
	defer srv.Close()
	opts := []offices.Option{offices.WithBaseURL(srv.URL)}
	if cfg.Limit != 0 {
		opts = append(opts, offices.WithRateLimit(cfg.Limit, cfg.Burst))
	}
	c := newClient(tb, srv.APIKey(), opts...)

	ctx := context.Background()
	var next, failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for range cfg.Goroutines {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= cfg.Creates {
					return
				}
				if _, err := c.Create(ctx, validRequest(fmt.Sprintf("Office %d", i))); err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	st := srv.Stats()
	res := rateWindowResult{Got429: st.RateLimited, Created: st.Created, Failed: int(failed.Load()), Peak: st.PeakInWindow, Elapsed: elapsed}
	if err, ok := firstErr.Load().(error); ok {
		res.FirstErr = err
	}
	if span := st.LastAccepted.Sub(st.FirstAccepted); st.Accepted > 1 && span > 0 {
		res.Rate = float64(st.Accepted-1) / span.Seconds()
		res.Fraction = res.Rate / (float64(cfg.N) / cfg.W.Seconds())
	}
	return res
}

// benchWindow reads the benchmark's configuration: the documented limit
// with the client's default limiter, or OFFICES_RATE_WINDOW="N/W" (e.g.
// "100/1s"), OFFICES_RATE_CREATES (default 1.25 N) and OFFICES_RATE_GUARD
// (the guard given to offices.WindowLimit; default min(W/4, 600ms);
// OFFICES_RATE_GUARD=0 means exactly N per W with burst 1) for a scaled-down
// or alternative run.
func benchWindow(b *testing.B) rateWindow {
	cfg := rateWindow{N: offices.RateLimitRequests, W: offices.RateLimitWindow, Creates: 1500, Goroutines: 16}
	if v := os.Getenv("OFFICES_RATE_WINDOW"); v != "" {
		n, w, ok := strings.Cut(v, "/")
		var err error
		if cfg.N, err = strconv.Atoi(n); !ok || err != nil || cfg.N <= 0 {
			b.Fatalf("OFFICES_RATE_WINDOW=%q: want N/duration", v)
		}
		if cfg.W, err = time.ParseDuration(w); err != nil || cfg.W <= 0 {
			b.Fatalf("OFFICES_RATE_WINDOW=%q: want N/duration", v)
		}
		cfg.Creates = cfg.N + cfg.N/4
	}
	if v := os.Getenv("OFFICES_RATE_CREATES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("OFFICES_RATE_CREATES=%q: want a positive integer", v)
		}
		cfg.Creates = n
	}
	v, guardSet := os.LookupEnv("OFFICES_RATE_GUARD")
	if guardSet || cfg.N != offices.RateLimitRequests || cfg.W != offices.RateLimitWindow {
		guard := min(cfg.W/4, offices.DefaultRateGuard)
		if guardSet {
			var err error
			if guard, err = time.ParseDuration(v); err != nil {
				b.Fatalf("OFFICES_RATE_GUARD=%q: %v", v, err)
			}
		}
		cfg.Limit, cfg.Burst = offices.WindowLimit(cfg.N, cfg.W, guard)
	}
	return cfg
}

// BenchmarkCreateRateWindow creates 1,500 offices from 16 goroutines
// through one client (default limiter) against the fake's strict sliding
// window of 1200 per 60 s, and reports the 429s received (must be 0), the
// busiest window as a fraction of the limit and the sustained rate as a
// fraction of the limit. It takes over a minute; see benchWindow for
// scaled-down settings and TestCreateRateWindowScaled for the fast check.
func BenchmarkCreateRateWindow(b *testing.B) {
	cfg := benchWindow(b)
	var res rateWindowResult
	for b.Loop() {
		res = runRateWindow(b, cfg)
	}
	b.ReportMetric(float64(res.Got429), "429s")
	b.ReportMetric(float64(res.Created), "created")
	b.ReportMetric(float64(res.Peak)/float64(cfg.N), "peak-window/limit")
	b.ReportMetric(res.Fraction, "rate/limit")
	b.ReportMetric(res.Elapsed.Seconds(), "s/run")
	if res.Got429 != 0 || res.Created != cfg.Creates || res.Failed != 0 {
		b.Errorf("%d 429s, %d of %d created, %d failed (first error: %v)", res.Got429, res.Created, cfg.Creates, res.Failed, res.FirstErr)
	}
}

// TestCreateRateWindowScaled is the benchmark's check at 100 requests per
// second: 150 creates from 16 goroutines, no 429, all created. The guard is
// a quarter window: goroutine wake-up delays on a loaded machine (with
// -race) reach tens of milliseconds, and a delay larger than the guard
// would let 101 requests into one second.
func TestCreateRateWindowScaled(t *testing.T) {
	limit, burst := offices.WindowLimit(100, time.Second, 250*time.Millisecond)
	res := runRateWindow(t, rateWindow{N: 100, W: time.Second, Creates: 150, Goroutines: 16, Limit: limit, Burst: burst})
	if res.Got429 != 0 {
		t.Errorf("fake sent %d 429s, want 0", res.Got429)
	}
	if res.Created != 150 || res.Failed != 0 {
		t.Errorf("created %d of 150, %d failed (first error: %v)", res.Created, res.Failed, res.FirstErr)
	}
	if res.Peak > 100 {
		t.Errorf("busiest window held %d requests, limit 100", res.Peak)
	}
	t.Logf("peak window %d/100, sustained %.1f req/s (%.3f of the limit)", res.Peak, res.Rate, res.Fraction)
}
