// Package officestest is an in-process fake of Dialpad's office API (API
// v2) for tests, examples and benchmarks of package offices and of any other
// Dialpad client.
//
// The fake listens on 127.0.0.1, checks the Bearer API key, validates
// POST /api/v2/offices by the rules of the API reference (its own
// implementation, independent of package offices: unknown fields are
// rejected too), stores offices, serves GET /api/v2/offices/{id} and the
// cursor-paged GET /api/v2/offices, and enforces Dialpad's rate limit as a
// strict sliding window: of the requests arriving within any window of W,
// only the first N are accepted and the rest are answered 429 with
// Dialpad's error body {"error": {"message": ...}}. N and W default to
// 1200 per minute and are configurable with [WithWindow], so tests can run
// the same checks in a second. Faults can be injected: an error status for
// the next requests ([Server.FailNext]), a dropped connection
// ([Server.DropNext]) and latency ([Server.SetLatency]).
//
//	srv := officestest.NewServer(officestest.WithWindow(60, time.Second))
//	defer srv.Close()
//	c := offices.NewClient(srv.APIKey(), offices.WithBaseURL(srv.BaseURL()))
package officestest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
)

// Defaults of a new Server.
const (
	DefaultAPIKey   = "fake-dialpad-api-key"
	DefaultRequests = 1200        // requests accepted per window
	DefaultWindow   = time.Minute // the sliding window
	DefaultPageSize = 20          // offices per list page without ?limit=
	MaxPageSize     = 100         // largest ?limit= honoured
	firstID         = 5_629_499_534_213_120
)

// Option configures a Server.
type Option func(*Server)

// WithAPIKey sets the API key the fake accepts (default DefaultAPIKey).
func WithAPIKey(key string) Option { return func(s *Server) { s.apiKey = key } }

// WithWindow sets the rate limit: at most n requests in any sliding window
// of length w (defaults 1200 per minute). n <= 0 disables the limit.
func WithWindow(n int, w time.Duration) Option {
	return func(s *Server) { s.limitN, s.limitW = n, w }
}

// WithRetryAfter makes every 429 carry a Retry-After header of d (rounded
// up to whole seconds). Dialpad documents none, so by default none is sent.
func WithRetryAfter(d time.Duration) Option { return func(s *Server) { s.retryAfter = d } }

// WithPageSize sets the list page size used without ?limit= (default 20).
func WithPageSize(n int) Option { return func(s *Server) { s.pageSize = n } }

// Stats are the fake's counters.
type Stats struct {
	// Requests counts every request received.
	Requests int
	// Accepted counts requests that passed authentication and the rate
	// window (whatever their answer was after that).
	Accepted int
	// RateLimited counts 429 answers sent, by the window or by FailNext.
	RateLimited int
	// Injected counts answers replaced by FailNext; Dropped counts
	// connections closed by DropNext.
	Injected, Dropped int
	// Unauthorized counts requests refused for a missing or wrong API key.
	Unauthorized int
	// Created counts offices created.
	Created int
	// PeakInWindow is the largest number of accepted requests seen in any
	// one window (never more than the limit).
	PeakInWindow int
	// FirstAccepted and LastAccepted are the arrival times of the first and
	// the last accepted request (zero if none).
	FirstAccepted, LastAccepted time.Time
}

// Office is an office held by the fake.
type Office struct {
	ID   int64
	Name string
	// Request is the JSON body that created it, as received.
	Request json.RawMessage
	// JSON is the office as the fake serves it (Dialpad's OfficeProto).
	JSON json.RawMessage
}

// Server is the fake. It is safe for concurrent use.
type Server struct {
	// URL is the server's root, http://127.0.0.1:port.
	URL string

	srv        *fault.Server
	apiKey     string
	limitN     int
	limitW     time.Duration
	retryAfter time.Duration
	pageSize   int

	mu      sync.Mutex
	window  []time.Time // arrival times of accepted requests within the window, oldest first
	stats   Stats
	offices []*Office
	nextID  int64
}

// NewServer starts a fake on 127.0.0.1. Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{
		apiKey:   DefaultAPIKey,
		limitN:   DefaultRequests,
		limitW:   DefaultWindow,
		pageSize: DefaultPageSize,
		nextID:   firstID,
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if s.pageSize <= 0 {
		s.pageSize = DefaultPageSize
	}
	s.srv = fault.NewServer(fault.Config{
		WriteError: func(w http.ResponseWriter, _ *http.Request, code int) {
			s.writeError(w, code, fmt.Sprintf("injected failure: %d %s", code, http.StatusText(code)))
		},
		ManualLatency: true, // after the rate window, see handle
	}, func(f *fault.Faults) http.Handler { return f.Wrap(http.HandlerFunc(s.handle)) })
	s.URL = s.srv.URL
	return s
}

// BaseURL is the API base to give a client: URL + "/api/v2".
func (s *Server) BaseURL() string { return s.URL + "/api/v2" }

// APIKey returns the API key the fake accepts.
func (s *Server) APIKey() string { return s.apiKey }

// Close stops the server: it cuts short any injected latency and waits for
// requests in flight. Calling it again does nothing.
func (s *Server) Close() { s.srv.Close() }

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	fs := s.srv.Stats()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Requests, st.Injected, st.Dropped = fs.Requests, fs.Statuses, fs.Dropped
	st.RateLimited += fs.RateLimited
	return st
}

// Limit returns the rate window: n requests per w.
func (s *Server) Limit() (n int, w time.Duration) { return s.limitN, s.limitW }

// FailNext answers the next n requests with status and a Dialpad error body,
// before authentication and the rate window (as a gateway would). A 429
// carries Retry-After if WithRetryAfter was given. n <= 0 cancels.
func (s *Server) FailNext(n, status int) {
	s.srv.Set("fail", fault.Fault{Times: n, Status: status, Priority: 1})
}

// DropNext makes the next n requests be fully processed (an office is
// created by a valid POST) and then closes the connection without an
// answer: the client cannot know what happened. n <= 0 cancels.
func (s *Server) DropNext(n int) {
	s.srv.Set("drop", fault.Fault{Times: n, Drop: true, AfterHandling: true})
}

// SetLatency delays every later answer by d (after the rate window, so
// arrival times are unaffected). Zero removes the delay.
func (s *Server) SetLatency(d time.Duration) { s.srv.SetLatency(d) }

// Offices returns the offices held, oldest first.
func (s *Server) Offices() []Office {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Office, len(s.offices))
	for i, o := range s.offices {
		out[i] = *o
	}
	return out
}

// handle authenticates, applies the rate window and latency, and routes.
func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+s.apiKey || s.apiKey == "" {
		s.mu.Lock()
		s.stats.Unauthorized++
		s.mu.Unlock()
		s.writeError(w, http.StatusUnauthorized, "Invalid or missing API key.")
		return
	}
	if !s.admit() {
		s.writeError(w, http.StatusTooManyRequests, fmt.Sprintf("Rate limit exceeded: %d requests per %s.", s.limitN, s.limitW))
		return
	}
	if !s.srv.Delay(w, r, s.srv.Latency()) {
		return // cancelled, or no answer from a server that is going away
	}

	path := strings.TrimSuffix(r.URL.Path, "/")
	switch {
	case path == "/api/v2/offices" && r.Method == http.MethodPost:
		s.create(w, r)
	case path == "/api/v2/offices" && r.Method == http.MethodGet:
		s.list(w, r)
	case strings.HasPrefix(path, "/api/v2/offices/") && r.Method == http.MethodGet:
		s.get(w, strings.TrimPrefix(path, "/api/v2/offices/"))
	case path == "/api/v2/offices" || strings.HasPrefix(path, "/api/v2/offices/"):
		s.writeError(w, http.StatusMethodNotAllowed, "Method "+r.Method+" is not allowed here.")
	default:
		s.writeError(w, http.StatusNotFound, "Not found: "+r.URL.Path)
	}
}

// admit applies the strict sliding window: a request arriving at t is
// accepted if fewer than N accepted requests arrived in (t-W, t].
func (s *Server) admit() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if s.limitN > 0 && s.limitW > 0 {
		cut := now.Add(-s.limitW)
		i := 0
		for i < len(s.window) && !s.window[i].After(cut) {
			i++
		}
		if i > 0 {
			s.window = append(s.window[:0], s.window[i:]...)
		}
		if len(s.window) >= s.limitN {
			s.stats.RateLimited++
			return false
		}
		s.window = append(s.window, now)
		s.stats.PeakInWindow = max(s.stats.PeakInWindow, len(s.window))
	}
	s.stats.Accepted++
	if s.stats.FirstAccepted.IsZero() {
		s.stats.FirstAccepted = now
	}
	s.stats.LastAccepted = now
	return true
}

func (s *Server) writeError(w http.ResponseWriter, status int, msg string) {
	if status == http.StatusTooManyRequests && s.retryAfter > 0 {
		w.Header().Set("Retry-After", fault.RetryAfter(s.retryAfter))
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":{"message":"encoding failed"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		s.writeError(w, http.StatusBadRequest, "Content-Type must be application/json, not "+strconv.Quote(ct)+".")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		s.writeError(w, http.StatusBadRequest, "Could not read the request body.")
		return
	}
	var m createMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		s.writeError(w, http.StatusBadRequest, "Invalid request body: "+err.Error())
		return
	}
	if problems := m.validate(); len(problems) > 0 {
		s.writeError(w, http.StatusBadRequest, strings.Join(problems, "; "))
		return
	}
	s.mu.Lock()
	id := s.nextID
	s.nextID++
	proto := m.office(id)
	pj, _ := json.Marshal(proto)
	s.offices = append(s.offices, &Office{ID: id, Name: *m.Name, Request: body, JSON: pj})
	s.stats.Created++
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"office": json.RawMessage(pj), "plan": plan()})
}

func (s *Server) get(w http.ResponseWriter, idText string) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		s.writeError(w, http.StatusBadRequest, "Invalid office id "+strconv.Quote(idText)+".")
		return
	}
	s.mu.Lock()
	var found *Office
	for _, o := range s.offices {
		if o.ID == id {
			found = o
			break
		}
	}
	s.mu.Unlock()
	if found == nil {
		s.writeError(w, http.StatusNotFound, fmt.Sprintf("Office %d not found.", id))
		return
	}
	writeJSON(w, http.StatusOK, found.JSON)
}

// list serves cursor pages: the cursor is opaque to clients ("o" + offset).
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	size := s.pageSize
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n <= 0 {
			s.writeError(w, http.StatusBadRequest, "Invalid limit "+strconv.Quote(l)+".")
			return
		}
		size = min(n, MaxPageSize)
	}
	if a := q.Get("active_only"); a != "" && a != "true" && a != "false" {
		s.writeError(w, http.StatusBadRequest, "Invalid active_only "+strconv.Quote(a)+".")
		return
	}
	off := 0
	if c := q.Get("cursor"); c != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(c, "o"))
		if !strings.HasPrefix(c, "o") || err != nil || n < 0 {
			s.writeError(w, http.StatusBadRequest, "Invalid cursor "+strconv.Quote(c)+".")
			return
		}
		off = n
	}
	s.mu.Lock()
	items := []json.RawMessage{}
	end := min(off+size, len(s.offices))
	for i := off; i < end; i++ {
		items = append(items, s.offices[i].JSON)
	}
	more := end < len(s.offices)
	s.mu.Unlock()
	page := map[string]any{"items": items}
	if more {
		page["cursor"] = "o" + strconv.Itoa(end)
	}
	writeJSON(w, http.StatusOK, page)
}
