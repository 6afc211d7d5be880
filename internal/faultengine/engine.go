// Package faultengine is the fault engine behind the fakes' shared fault
// vocabulary (package fault): the fault table, its latency and counters,
// the HTTP middleware that applies faults, and the loopback server the REST
// fakes run on. Only the module's fakes use it; tests speak the vocabulary
// ([fault.Injector]), which every [*Engine] implements.
package faultengine

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
)

// ErrorWriter writes a vendor's error answer with status and message (""
// for the vendor's default text).
type ErrorWriter func(w http.ResponseWriter, r *http.Request, status int, message string)

// Config configures an [Engine]. Every field is optional.
type Config struct {
	// WriteError writes the answer of a Status fault (default: http.Error
	// with the message or the status text).
	WriteError ErrorWriter
	// MatchPath reports whether request r matches a fault's non-empty Path
	// (default: path is a prefix of r.URL.Path).
	MatchPath func(r *http.Request, path string) bool
	// ManualLatency stops Wrap from applying the latency of SetLatency;
	// the fake then calls [Engine.Delay] with [Engine.Latency] where its
	// rules want the delay (e.g. after a rate window). Fault latencies are
	// applied by Wrap either way.
	ManualLatency bool
}

// Engine is a fault table with latency and counters. Create it with [New];
// it is safe for concurrent use. Its first six methods (Inject, FailNext,
// DropNext, SetLatency, ClearFaults, FaultStats) are the vocabulary, the
// [fault.Injector] a fake embeds; the rest serve the fakes.
type Engine struct {
	cfg       Config
	closed    chan struct{}
	closeOnce sync.Once

	mu      sync.Mutex
	table   []*fault.Fault
	latency time.Duration
	stats   fault.Stats
}

// Every engine speaks the vocabulary.
var _ fault.Injector = (*Engine)(nil)

// New returns an empty fault table.
func New(cfg Config) *Engine {
	if cfg.WriteError == nil {
		cfg.WriteError = func(w http.ResponseWriter, _ *http.Request, status int, message string) {
			if message == "" {
				message = http.StatusText(status)
			}
			http.Error(w, message, status)
		}
	}
	if cfg.MatchPath == nil {
		cfg.MatchPath = func(r *http.Request, path string) bool { return strings.HasPrefix(r.URL.Path, path) }
	}
	return &Engine{cfg: cfg, closed: make(chan struct{})}
}

// Inject adds a fault after the pending ones.
func (f *Engine) Inject(p fault.Fault) {
	if p.Times == 0 {
		p.Times = 1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.table = append(f.table, &p)
}

// FailNext answers the next n requests, whatever they are, with status and
// the fake's error body (429 gives a burst of rate limiting); n <= 0
// cancels an earlier FailNext.
func (f *Engine) FailNext(n, status int) {
	f.Set("fail-next", fault.Fault{Times: n, Status: status, Priority: 1})
}

// DropNext reads the next n requests and closes their connections without
// an answer and without acting on them; n <= 0 cancels an earlier DropNext.
// For a request that takes effect before its answer is lost, inject a
// Fault with Drop and AfterHandling.
func (f *Engine) DropNext(n int) {
	f.Set("drop-next", fault.Fault{Times: n, Drop: true, Priority: 2})
}

// SetLatency delays every later answer by d (0: none).
func (f *Engine) SetLatency(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.latency = d
}

// ClearFaults removes every pending fault and the latency.
func (f *Engine) ClearFaults() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.table = nil
	f.latency = 0
}

// FaultStats returns a snapshot of the counters.
func (f *Engine) FaultStats() fault.Stats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stats
}

// Set replaces the pending faults named name with fault (whose Name is set
// to name). Unlike Inject, a Times of 0 or less (other than [fault.Always]) only
// removes them: Set(name, fault.Fault{Times: n, ...}) with n <= 0 cancels.
func (f *Engine) Set(name string, p fault.Fault) {
	p.Name = name
	f.mu.Lock()
	defer f.mu.Unlock()
	f.remove(name)
	if p.Times > 0 || p.Times == fault.Always {
		f.table = append(f.table, &p)
	}
}

// Remove removes the pending faults named name.
func (f *Engine) Remove(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.remove(name)
}

func (f *Engine) remove(name string) {
	f.table = slices.DeleteFunc(f.table, func(p *fault.Fault) bool { return p.Name == name })
}

// Latency returns the latency set by SetLatency.
func (f *Engine) Latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.latency
}

// Close ends every pending and later delay at once. Call it before closing
// the HTTP server, whose Close waits for the handlers. It is safe to call
// more than once.
func (f *Engine) Close() { f.closeOnce.Do(func() { close(f.closed) }) }

// Closed is closed once [Engine.Close] was called, for fakes that wait
// themselves.
func (f *Engine) Closed() <-chan struct{} { return f.closed }

// Take counts an HTTP request and returns the fault it takes (matching
// Method and Path), using one of the fault's Times up. Wrap calls it.
func (f *Engine) Take(r *http.Request) (fault.Fault, bool) {
	return f.TakeFunc(func(p *fault.Fault) bool {
		return (p.Method == "" || p.Method == r.Method) && (p.Path == "" || f.cfg.MatchPath(r, p.Path))
	})
}

// TakeFunc counts a request and returns the fault of the highest priority
// that match reports as hitting it, using one of the fault's Times up. A
// fake that matches faults itself (the OCI-P fake, by command) calls it.
func (f *Engine) TakeFunc(match func(*fault.Fault) bool) (fault.Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stats.Requests++
	best := -1
	for i, p := range f.table {
		if match(p) && (best < 0 || p.Priority > f.table[best].Priority) {
			best = i
		}
	}
	if best < 0 {
		return fault.Fault{}, false
	}
	p := f.table[best]
	got := *p
	if p.Times != fault.Always {
		if p.Times--; p.Times <= 0 {
			f.table = slices.Delete(f.table, best, best+1)
		}
	}
	f.stats.Faults++
	return got, true
}

// Count updates the counters, for a fake that applies a fault itself.
func (f *Engine) Count(update func(*fault.Stats)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	update(&f.stats)
}

// Wait waits d, or until ctx ends or the table closes; it reports whether
// the whole time passed.
//
// A simulated latency should last what it says: Go's timers can wake up
// to a millisecond late (on Linux the runtime's poller sleeps in whole
// milliseconds), which at 2 ms is a quarter of the latency. So the last
// [PreciseWait] of the wait is slept with the operating system's
// high-resolution sleep where there is one (not interrupted: a close
// during it waits for it, and the wait counts as whole).
func (f *Engine) Wait(done <-chan struct{}, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	select {
	case <-done:
		return false
	case <-f.closed:
		return false
	default:
	}
	deadline := time.Now().Add(d)
	if coarse := d - PreciseWait; coarse > 0 {
		t := time.NewTimer(coarse)
		defer t.Stop()
		select {
		case <-t.C:
		case <-done:
			return false
		case <-f.closed:
			return false
		}
	}
	preciseSleep(time.Until(deadline))
	return true
}

// PreciseWait is how much of a [Engine.Wait] at most is slept with the
// operating system's high-resolution sleep.
const PreciseWait = 3 * time.Millisecond

// Delay waits d. It returns true when the wait ran out, and false when the
// request was cancelled (nothing is answered) or the engine closed (then
// the connection is dropped, see [Drop]); the handler must then return.
func (f *Engine) Delay(w http.ResponseWriter, r *http.Request, d time.Duration) bool {
	if f.Wait(r.Context().Done(), d) {
		return true
	}
	select {
	case <-f.closed:
		Drop(w) // a server going away gives no answer
	default:
	}
	return false
}

// Wrap returns a handler that counts each request, takes its fault, waits
// the latency (SetLatency's unless [Config.ManualLatency], plus the
// fault's), then applies the fault's action or, without one, calls next.
func (f *Engine) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, hit := f.Take(r)
		d := p.Latency
		if !f.cfg.ManualLatency {
			d += f.Latency()
		}
		if !f.Delay(w, r, d) {
			return
		}
		switch {
		case !hit || (!p.Drop && p.Status == 0):
			next.ServeHTTP(w, r)
		case p.Drop:
			if p.AfterHandling {
				next.ServeHTTP(httptest.NewRecorder(), r)
			}
			_, _ = io.Copy(io.Discard, r.Body)
			f.Count(func(s *fault.Stats) { s.Dropped++ })
			Drop(w)
		default:
			_, _ = io.Copy(io.Discard, r.Body)
			f.Count(func(s *fault.Stats) {
				s.Statuses++
				if p.Status == http.StatusTooManyRequests {
					s.RateLimited++
				}
			})
			if p.RetryAfter > 0 || p.Status == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", RetryAfter(p.RetryAfter))
			}
			f.cfg.WriteError(w, r, p.Status, p.Message)
		}
	})
}

// Server is a fake's HTTP server on 127.0.0.1 together with its fault
// table. A fake keeps it unexported and embeds only the table's
// vocabulary, as a [fault.Injector].
type Server struct {
	*Engine
	// URL is the server's root, http://127.0.0.1:port.
	URL string

	ts *httptest.Server
}

// NewServer starts a server on 127.0.0.1 with a new fault table of cfg.
// handler builds the server's handler from the table, usually around
// [Engine.Wrap].
func NewServer(cfg Config, handler func(*Engine) http.Handler) *Server {
	f := New(cfg)
	ts := httptest.NewServer(handler(f))
	return &Server{Engine: f, URL: ts.URL, ts: ts}
}

// Client returns an HTTP client that talks to the server.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Close stops the server: it ends latency waits at once, closes the
// client connections and waits for the handlers to return. It is safe to
// call more than once.
func (s *Server) Close() {
	s.Engine.Close()
	s.ts.CloseClientConnections()
	s.ts.Close()
}

// Drop closes the connection of w without an answer: it hijacks and closes
// it, or, where w cannot be hijacked (HTTP/2, a recorder), panics with
// http.ErrAbortHandler, net/http's documented way to abort an answer.
func Drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// RetryAfter returns d as a Retry-After value: whole seconds, rounded up
// ("0" for zero or less).
func RetryAfter(d time.Duration) string {
	if d <= 0 {
		return "0"
	}
	return strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10)
}

// WriteJSON answers status with v encoded as JSON (and a newline).
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
