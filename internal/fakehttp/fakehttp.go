// Package fakehttp holds the vendor-neutral fault injection of the SDK's
// in-process REST fakes (apiotest, livevoxtest, ucontacttest, officestest):
// a table of injected faults, a latency that ends at once when the fake
// closes, hit counters, and a middleware that applies them in front of a
// fake's handler.
//
//	srv := fakehttp.NewServer(fakehttp.Config{WriteError: writeVendorError},
//		func(f *fakehttp.Faults) http.Handler { return f.Wrap(mux) })
//	defer srv.Close() // ends pending latency waits too
//	srv.Inject(fakehttp.Fault{Method: "POST", Path: "/things", Status: 503, Times: 2})
//
// Error bodies stay vendor-specific: the fake passes the function that
// writes them ([Config.WriteError], [Fault.Write]).
package fakehttp

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
)

// Always is the [Fault.Times] of a fault that hits every matching request
// until it is removed.
const Always = -1

// ErrorWriter writes a vendor's error answer with status.
type ErrorWriter func(w http.ResponseWriter, r *http.Request, status int)

// Fault is one entry of the fault table: which requests it hits, how many
// times, and what it does to them.
type Fault struct {
	// Name labels the fault for [Faults.Set] and [Faults.Remove]; "" for
	// none.
	Name string
	// Method is the request method to match; "" matches any.
	Method string
	// Path is matched against the request by [Config.MatchPath] (by
	// default: a prefix of r.URL.Path); "" matches any.
	Path string
	// Times is how many matching requests take the fault: 0 means 1,
	// [Always] means every one.
	Times int
	// Priority orders faults that match the same request: the highest
	// wins, and equal priorities go in the order added.
	Priority int

	// Latency delays the answer, on top of [Faults.SetLatency].
	Latency time.Duration
	// Drop reads the request body and closes the connection without an
	// answer (hijacking it; where that is impossible, the handler is
	// aborted with http.ErrAbortHandler).
	Drop bool
	// AfterHandling, with Drop, first lets the wrapped handler serve the
	// request against a recorder (a create takes effect), then drops the
	// connection: the client cannot know the outcome.
	AfterHandling bool
	// Status, when non-zero and Drop is false, is answered instead of the
	// real answer, with a Retry-After header when RetryAfter is set and
	// the body of Write (or [Config.WriteError]).
	Status     int
	RetryAfter string
	Write      ErrorWriter
}

// Config configures a [Faults]. Every field is optional.
type Config struct {
	// WriteError writes the answer of a Status fault that has no Write of
	// its own (default: http.Error with the status text).
	WriteError ErrorWriter
	// MatchPath reports whether request r matches a fault's non-empty Path
	// (default: path is a prefix of r.URL.Path).
	MatchPath func(r *http.Request, path string) bool
	// ManualLatency stops Wrap from applying the latency of SetLatency;
	// the fake then calls [Faults.Delay] with [Faults.Latency] where its
	// rules want the delay (e.g. after a rate window). Fault latencies are
	// applied by Wrap either way.
	ManualLatency bool
}

// Stats are the counters of a [Faults].
type Stats struct {
	Requests    int // requests that went through Wrap
	Faults      int // requests that took a fault (any action)
	Statuses    int // requests answered with an injected status
	RateLimited int // of Statuses, those answered 429
	Dropped     int // connections dropped by a fault
}

// Faults is a fault table with latency and counters. Create it with [New];
// it is safe for concurrent use.
type Faults struct {
	cfg       Config
	closed    chan struct{}
	closeOnce sync.Once

	mu      sync.Mutex
	table   []*Fault
	latency time.Duration
	stats   Stats
}

// New returns an empty fault table.
func New(cfg Config) *Faults {
	if cfg.WriteError == nil {
		cfg.WriteError = func(w http.ResponseWriter, _ *http.Request, status int) {
			http.Error(w, http.StatusText(status), status)
		}
	}
	if cfg.MatchPath == nil {
		cfg.MatchPath = func(r *http.Request, path string) bool { return strings.HasPrefix(r.URL.Path, path) }
	}
	return &Faults{cfg: cfg, closed: make(chan struct{})}
}

// Inject adds a fault after the pending ones.
func (f *Faults) Inject(fault Fault) {
	if fault.Times == 0 {
		fault.Times = 1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.table = append(f.table, &fault)
}

// Set replaces the pending faults named name with fault (whose Name is set
// to name). Unlike Inject, a Times of 0 or less (other than [Always]) only
// removes them: Set(name, Fault{Times: n, ...}) with n <= 0 cancels.
func (f *Faults) Set(name string, fault Fault) {
	fault.Name = name
	f.mu.Lock()
	defer f.mu.Unlock()
	f.remove(name)
	if fault.Times > 0 || fault.Times == Always {
		f.table = append(f.table, &fault)
	}
}

// Remove removes the pending faults named name.
func (f *Faults) Remove(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.remove(name)
}

func (f *Faults) remove(name string) {
	f.table = slices.DeleteFunc(f.table, func(p *Fault) bool { return p.Name == name })
}

// Clear removes every pending fault (the latency stays).
func (f *Faults) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.table = nil
}

// SetLatency delays every later answer by d (0: none).
func (f *Faults) SetLatency(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.latency = d
}

// Latency returns the latency set by SetLatency.
func (f *Faults) Latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.latency
}

// Stats returns a snapshot of the counters.
func (f *Faults) Stats() Stats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stats
}

// Close ends every pending and later delay at once. Call it before closing
// the HTTP server, whose Close waits for the handlers. It is safe to call
// more than once.
func (f *Faults) Close() { f.closeOnce.Do(func() { close(f.closed) }) }

// Take counts a request and returns the fault it takes, using one of the
// fault's Times up. Wrap calls it; a fake that does not use Wrap may too.
func (f *Faults) Take(r *http.Request) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stats.Requests++
	best := -1
	for i, p := range f.table {
		if (p.Method == "" || p.Method == r.Method) && (p.Path == "" || f.cfg.MatchPath(r, p.Path)) &&
			(best < 0 || p.Priority > f.table[best].Priority) {
			best = i
		}
	}
	if best < 0 {
		return Fault{}, false
	}
	p := f.table[best]
	got := *p
	if p.Times != Always {
		if p.Times--; p.Times <= 0 {
			f.table = slices.Delete(f.table, best, best+1)
		}
	}
	f.stats.Faults++
	return got, true
}

// Delay waits d. It returns true when the wait ran out, and false when the
// request was cancelled (nothing is answered) or the Faults closed (then
// the connection is dropped, see [Drop]); the handler must then return.
func (f *Faults) Delay(w http.ResponseWriter, r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-f.closed:
		Drop(w) // a server going away gives no answer
		return false
	}
}

// Wrap returns a handler that counts each request, takes its fault, waits
// the latency (SetLatency's unless [Config.ManualLatency], plus the
// fault's), then applies the fault's action or, without one, calls next.
func (f *Faults) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fault, hit := f.Take(r)
		d := fault.Latency
		if !f.cfg.ManualLatency {
			d += f.Latency()
		}
		if !f.Delay(w, r, d) {
			return
		}
		switch {
		case !hit || (!fault.Drop && fault.Status == 0):
			next.ServeHTTP(w, r)
		case fault.Drop:
			if fault.AfterHandling {
				next.ServeHTTP(httptest.NewRecorder(), r)
			}
			_, _ = io.Copy(io.Discard, r.Body)
			f.count(func(s *Stats) { s.Dropped++ })
			Drop(w)
		default:
			_, _ = io.Copy(io.Discard, r.Body)
			f.count(func(s *Stats) {
				s.Statuses++
				if fault.Status == http.StatusTooManyRequests {
					s.RateLimited++
				}
			})
			if fault.RetryAfter != "" {
				w.Header().Set("Retry-After", fault.RetryAfter)
			}
			write := fault.Write
			if write == nil {
				write = f.cfg.WriteError
			}
			write(w, r, fault.Status)
		}
	})
}

func (f *Faults) count(update func(*Stats)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	update(&f.stats)
}

// Server is a fake's HTTP server on 127.0.0.1 together with its fault
// table, whose methods (Inject, SetLatency, Stats...) it promotes.
type Server struct {
	*Faults
	// URL is the server's root, http://127.0.0.1:port.
	URL string

	ts *httptest.Server
}

// NewServer starts a server on 127.0.0.1 with a new fault table of cfg.
// handler builds the server's handler from the table, usually around
// [Faults.Wrap].
func NewServer(cfg Config, handler func(*Faults) http.Handler) *Server {
	f := New(cfg)
	ts := httptest.NewServer(handler(f))
	return &Server{Faults: f, URL: ts.URL, ts: ts}
}

// Client returns an HTTP client that talks to the server.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Close stops the server: it ends latency waits at once, closes the
// client connections and waits for the handlers to return. It is safe to
// call more than once.
func (s *Server) Close() {
	s.Faults.Close()
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
