// Package fault is the one fault-injection vocabulary of the SDK's
// in-process fakes (apiotest, livevoxtest, ucontacttest, officestest and
// broadworkstest): every fake's Server embeds a [*Faults], so each has the
// same methods with the same types:
//
//	srv := apiotest.NewServer()
//	defer srv.Close()
//	srv.Inject(fault.Fault{Method: "POST", Path: "/api/v01/", Status: 503, Times: 2})
//	srv.FailNext(3, http.StatusTooManyRequests) // a burst of rate limiting
//	srv.DropNext(1)                             // the next request gets no answer
//	srv.SetLatency(2 * time.Millisecond)        // every answer waits
//	fmt.Println(srv.FaultStats().Dropped)
//
// A [Fault] names which requests it hits (Method and Path for a REST fake;
// Path as the command type and ServiceUserID for the OCI-P fake), how many
// times, and what it does: wait, drop the connection (before or after the
// fake acted), or answer an error status with a message.
//
// Fakes use the engine side too: [Faults.Wrap] in front of an HTTP handler,
// [Faults.TakeFunc] where a fake matches faults itself.
package fault

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

// ErrorWriter writes a vendor's error answer with status and message (""
// for the vendor's default text).
type ErrorWriter func(w http.ResponseWriter, r *http.Request, status int, message string)

// Fault is one entry of the fault table: which requests it hits, how many
// times, and what it does to them.
type Fault struct {
	// Name labels the fault for [Faults.Set] and [Faults.Remove]; "" for
	// none.
	Name string
	// Method is the HTTP method to match; "" matches any. The OCI-P fake
	// ignores it.
	Method string
	// Path selects requests: for a REST fake a prefix of the request path
	// (as the fake documents it); for the OCI-P fake the command type, e.g.
	// "GroupCallCenterAddInstanceRequest22". "" matches any.
	Path string
	// ServiceUserID, for the OCI-P fake, limits the fault to commands
	// naming this serviceUserId ("" matches any). REST fakes ignore it.
	ServiceUserID string
	// Times is how many matching requests take the fault: 0 means 1,
	// [Always] means every one.
	Times int
	// Priority orders faults that match the same request: the highest
	// wins, and equal priorities go in the order added.
	Priority int

	// Latency delays the answer, on top of [Faults.SetLatency].
	Latency time.Duration
	// Drop reads the request and closes the connection without an answer.
	Drop bool
	// AfterHandling, with Drop, first lets the fake carry the request out
	// (a create takes effect), then drops the connection: the client
	// cannot know the outcome.
	AfterHandling bool
	// Status, when non-zero and Drop is false, is answered instead of the
	// real answer: an HTTP status for a REST fake (with a Retry-After
	// header when RetryAfter is set); for the OCI-P fake any non-zero value
	// answers an ErrorResponse.
	Status     int
	RetryAfter time.Duration
	// Message is the error text of a Status fault ("" for the fake's
	// default): the vendor's error message, or the OCI-P ErrorResponse
	// summary.
	Message string
}

// Config configures a [Faults]. Every field is optional.
type Config struct {
	// WriteError writes the answer of a Status fault (default: http.Error
	// with the message or the status text).
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
	Requests    int // requests (OCI-P: commands) checked against the table
	Faults      int // requests that took a fault (any action)
	Statuses    int // requests answered with an injected status
	RateLimited int // of Statuses, those answered 429
	Dropped     int // connections dropped by a fault
}

// Faults is a fault table with latency and counters. Create it with [New];
// it is safe for concurrent use. Its first six methods (Inject, FailNext,
// DropNext, SetLatency, ClearFaults, FaultStats) are what a test calls on
// any fake; the rest serve the fakes.
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

// FailNext answers the next n requests, whatever they are, with status and
// the fake's error body (429 gives a burst of rate limiting); n <= 0
// cancels an earlier FailNext.
func (f *Faults) FailNext(n, status int) {
	f.Set("fail-next", Fault{Times: n, Status: status, Priority: 1})
}

// DropNext reads the next n requests and closes their connections without
// an answer and without acting on them; n <= 0 cancels an earlier DropNext.
// For a request that takes effect before its answer is lost, inject a
// Fault with Drop and AfterHandling.
func (f *Faults) DropNext(n int) {
	f.Set("drop-next", Fault{Times: n, Drop: true, Priority: 2})
}

// SetLatency delays every later answer by d (0: none).
func (f *Faults) SetLatency(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.latency = d
}

// ClearFaults removes every pending fault and the latency.
func (f *Faults) ClearFaults() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.table = nil
	f.latency = 0
}

// FaultStats returns a snapshot of the counters.
func (f *Faults) FaultStats() Stats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stats
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

// Latency returns the latency set by SetLatency.
func (f *Faults) Latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.latency
}

// Close ends every pending and later delay at once. Call it before closing
// the HTTP server, whose Close waits for the handlers. It is safe to call
// more than once.
func (f *Faults) Close() { f.closeOnce.Do(func() { close(f.closed) }) }

// Closed is closed once [Faults.Close] was called, for fakes that wait
// themselves.
func (f *Faults) Closed() <-chan struct{} { return f.closed }

// Take counts an HTTP request and returns the fault it takes (matching
// Method and Path), using one of the fault's Times up. Wrap calls it.
func (f *Faults) Take(r *http.Request) (Fault, bool) {
	return f.TakeFunc(func(p *Fault) bool {
		return (p.Method == "" || p.Method == r.Method) && (p.Path == "" || f.cfg.MatchPath(r, p.Path))
	})
}

// TakeFunc counts a request and returns the fault of the highest priority
// that match reports as hitting it, using one of the fault's Times up. A
// fake that matches faults itself (the OCI-P fake, by command) calls it.
func (f *Faults) TakeFunc(match func(*Fault) bool) (Fault, bool) {
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

// Count updates the counters, for a fake that applies a fault itself.
func (f *Faults) Count(update func(*Stats)) {
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
func (f *Faults) Wait(done <-chan struct{}, d time.Duration) bool {
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

// PreciseWait is how much of a [Faults.Wait] at most is slept with the
// operating system's high-resolution sleep.
const PreciseWait = 3 * time.Millisecond

// Delay waits d. It returns true when the wait ran out, and false when the
// request was cancelled (nothing is answered) or the Faults closed (then
// the connection is dropped, see [Drop]); the handler must then return.
func (f *Faults) Delay(w http.ResponseWriter, r *http.Request, d time.Duration) bool {
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
			f.Count(func(s *Stats) { s.Dropped++ })
			Drop(w)
		default:
			_, _ = io.Copy(io.Discard, r.Body)
			f.Count(func(s *Stats) {
				s.Statuses++
				if fault.Status == http.StatusTooManyRequests {
					s.RateLimited++
				}
			})
			if fault.RetryAfter > 0 || fault.Status == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", RetryAfter(fault.RetryAfter))
			}
			f.cfg.WriteError(w, r, fault.Status, fault.Message)
		}
	})
}

// Server is a fake's HTTP server on 127.0.0.1 together with its fault
// table, whose methods it promotes. A fake embeds it (or its *Faults).
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
