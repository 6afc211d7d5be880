// Package officestest is an in-process fake of Dialpad's office API (API
// v2) for tests, examples and benchmarks of package offices and of any other
// Dialpad client.
//
// The fake listens on 127.0.0.1 and serves every office operation of
// Dialpad's OpenAPI spec (dialpad_api_spec.json): create, get and the
// cursor-paged list of offices; an office's E911 address (get and update),
// mainline operators (list, add, remove), billing plan, available
// licenses, off-duty statuses, the cursor-paged call centers, departments
// and coaching teams, and number assignment (assign and unassign). It
// checks the Bearer API key and the DP-Company-ID header, answers 404 for
// an unknown office, validates request bodies by the rules of the API
// reference with its own implementation, independent of package offices
// (unknown fields are rejected too), and enforces Dialpad's rate limit as
// a strict sliding window: of the requests arriving within any window of
// W, only the first N are accepted and the rest are answered 429 with
// Dialpad's error body {"error": {"message": ...}}. N and W default to
// 1200 per minute and are configurable with [WithWindow], so tests can run
// the same checks in a second.
//
// Faults are injected through the embedded [fault.Injector], the vocabulary
// every fake of this module shares: FailNext (an error status before
// authentication, as a gateway would answer), DropNext (the connection
// closes before the fake acts), Inject (any [fault.Fault], e.g. Drop with
// AfterHandling: the office is created, then the answer is lost),
// SetLatency (after the rate window), ClearFaults and FaultStats.
//
//	srv := officestest.NewServer(officestest.WithWindow(60, time.Second))
//	defer srv.Close()
//	c, err := offices.NewClient(officestest.DefaultAPIKey, offices.WithBaseURL(srv.URL))
package officestest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/faultengine"
)

// Defaults of a new Server.
const (
	DefaultAPIKey    = "fake-dialpad-api-key"
	DefaultCompanyID = "5066549580791808" // the company the fake's key belongs to
	DefaultRequests  = 1200               // requests accepted per window
	DefaultWindow    = time.Minute        // the sliding window
	DefaultPageSize  = 20                 // items per list page without ?limit=
	MaxPageSize      = 100                // largest ?limit= honoured
	firstID          = 5_629_499_534_213_120
)

// Option configures a Server.
type Option func(*Server)

// WithAPIKey sets the API key the fake accepts (default DefaultAPIKey).
func WithAPIKey(key string) Option { return func(s *Server) { s.apiKey = key } }

// WithCompanyIDs sets the companies the API key reaches (default
// DefaultCompanyID alone). A request whose DP-Company-ID header names
// another company is answered 403; a request without the header acts for
// the first.
func WithCompanyIDs(ids ...string) Option {
	return func(s *Server) { s.companies = slices.Clone(ids) }
}

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

// Stats are the fake's own counters (the fault counters are
// [fault.Injector.FaultStats]).
type Stats struct {
	// Requests counts every request received, faults included.
	Requests int
	// Accepted counts requests that passed authentication and the rate
	// window (whatever their answer was after that).
	Accepted int
	// RateLimited counts 429 answers of the fake's rate window (injected
	// 429s are in FaultStats().RateLimited).
	RateLimited int
	// Unauthorized counts requests refused for a missing or wrong API key
	// or a company the key does not reach.
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
	// JSON is the office as the fake serves it now (Dialpad's OfficeProto).
	JSON json.RawMessage
}

// Operator is a mainline operator of an office held by the fake.
type Operator struct {
	Type string // "user" or "room"
	ID   int64
	Role string // "operator" or "admin"
}

// office is the fake's state of one office.
type office struct {
	id        int64
	name      string
	request   json.RawMessage
	proto     map[string]any // OfficeProto (without e911_address and phone_numbers)
	plan      map[string]any
	e911      map[string]any // nil: none
	numbers   []string
	operators []Operator
	offDuty   []string
	groups    map[string][]map[string]any // "callcenters", "departments", "teams"
}

// entity is a user or a room that may be an operator.
type entity struct {
	typ      string
	id       int64
	officeID int64
	name     string
	numbers  []string
}

// Server is the fake. It is safe for concurrent use.
type Server struct {
	// Injector is the module's fault vocabulary (Inject, FailNext,
	// DropNext, SetLatency, ClearFaults, FaultStats).
	fault.Injector
	// URL is the API base URL to give a client, http://127.0.0.1:port/api/v2
	// (offices.WithBaseURL(srv.URL)).
	URL string

	srv        *faultengine.Server
	apiKey     string
	companies  []string
	limitN     int
	limitW     time.Duration
	retryAfter time.Duration
	pageSize   int

	mu       sync.Mutex
	window   []time.Time // arrival times of accepted requests within the window, oldest first
	stats    Stats
	offices  []*office
	entities []*entity
	reserved []string // the company's reserved numbers
	assigned map[string]int64
	nextID   int64
	nextNum  int
}

// NewServer starts a fake on 127.0.0.1. Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{
		apiKey:    DefaultAPIKey,
		companies: []string{DefaultCompanyID},
		limitN:    DefaultRequests,
		limitW:    DefaultWindow,
		pageSize:  DefaultPageSize,
		nextID:    firstID,
		assigned:  map[string]int64{},
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if s.pageSize <= 0 {
		s.pageSize = DefaultPageSize
	}
	if len(s.companies) == 0 {
		s.companies = []string{DefaultCompanyID}
	}
	s.srv = faultengine.NewServer(faultengine.Config{
		WriteError: func(w http.ResponseWriter, _ *http.Request, code int, message string) {
			if message == "" {
				message = fmt.Sprintf("injected failure: %d %s", code, http.StatusText(code))
			}
			s.writeError(w, code, message)
		},
		ManualLatency: true, // after the rate window, see handle
	}, func(f *faultengine.Engine) http.Handler {
		wrapped := f.Wrap(http.HandlerFunc(s.handle))
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			s.stats.Requests++
			s.mu.Unlock()
			wrapped.ServeHTTP(w, r)
		})
	})
	s.Injector = s.srv.Engine
	s.URL = s.srv.URL + "/api/v2"
	return s
}

// APIKey returns the API key the fake accepts.
func (s *Server) APIKey() string { return s.apiKey }

// Close stops the server: it cuts short any injected latency and waits for
// requests in flight. Calling it again does nothing.
func (s *Server) Close() { s.srv.Close() }

// Stats returns a snapshot of the fake's own counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Limit returns the rate window: n requests per w.
func (s *Server) Limit() (n int, w time.Duration) { return s.limitN, s.limitW }

// Offices returns the offices held, oldest first.
func (s *Server) Offices() []Office {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Office, len(s.offices))
	for i, o := range s.offices {
		pj, _ := json.Marshal(s.officeJSON(o))
		out[i] = Office{ID: o.id, Name: o.name, Request: o.request, JSON: pj}
	}
	return out
}

// Operators returns the mainline operators of an office, in the order
// added (nil for an unknown office).
func (s *Server) Operators(officeID int64) []Operator {
	return listOf(s, officeID, func(o *office) []Operator { return o.operators })
}

// Numbers returns the phone numbers of an office, the primary first (nil
// for an unknown office).
func (s *Server) Numbers(officeID int64) []string {
	return listOf(s, officeID, func(o *office) []string { return o.numbers })
}

// listOf returns a copy of the list of the office officeID that list
// gives, read under the lock (nil for an unknown office).
func listOf[T any](s *Server, officeID int64, list func(*office) []T) []T {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.find(officeID); o != nil {
		return slices.Clone(list(o))
	}
	return nil
}

// AddUser adds a user to an office, who can then be made an operator, and
// returns its id (0 for an unknown office).
func (s *Server) AddUser(officeID int64, name string) int64 {
	return s.addEntity("user", officeID, name)
}

// AddRoom adds a room to an office and returns its id (0 for an unknown
// office).
func (s *Server) AddRoom(officeID int64, name string) int64 {
	return s.addEntity("room", officeID, name)
}

func (s *Server) addEntity(typ string, officeID int64, name string) int64 {
	return s.addTo(officeID, func(_ *office, id int64) {
		s.entities = append(s.entities, &entity{typ: typ, id: id, officeID: officeID, name: name})
	})
}

// AddCallCenter adds a call center to an office and returns its id (0 for
// an unknown office).
func (s *Server) AddCallCenter(officeID int64, name string) int64 {
	return s.addGroup("callcenters", officeID, name)
}

// AddDepartment adds a department to an office and returns its id (0 for
// an unknown office).
func (s *Server) AddDepartment(officeID int64, name string) int64 {
	return s.addGroup("departments", officeID, name)
}

// AddCoachingTeam adds a coaching team to an office and returns its id (0
// for an unknown office).
func (s *Server) AddCoachingTeam(officeID int64, name string) int64 {
	return s.addGroup("teams", officeID, name)
}

func (s *Server) addGroup(kind string, officeID int64, name string) int64 {
	return s.addTo(officeID, func(o *office, id int64) {
		o.groups[kind] = append(o.groups[kind], groupProto(kind, id, o, name, s.companies[0]))
	})
}

// addTo makes a new id in the office officeID and records the new object
// with add, under the lock; it returns the id, or 0 for an unknown office.
func (s *Server) addTo(officeID int64, add func(o *office, id int64)) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.find(officeID)
	if o == nil {
		return 0
	}
	id := s.newID()
	add(o, id)
	return id
}

// SetOffDutyStatuses sets the off-duty statuses of an office; it reports
// whether the office exists.
func (s *Server) SetOffDutyStatuses(officeID int64, statuses ...string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.find(officeID)
	if o == nil {
		return false
	}
	o.offDuty = slices.Clone(statuses)
	return true
}

// ReserveNumbers adds E.164 numbers to the company's reserved pool, from
// which assign_number takes a number when the request names none.
func (s *Server) ReserveNumbers(numbers ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reserved = append(s.reserved, numbers...)
}

// Reserved returns the company's reserved pool.
func (s *Server) Reserved() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reserved)
}

// find returns the office with id, or nil; s.mu is held.
func (s *Server) find(id int64) *office {
	for _, o := range s.offices {
		if o.id == id {
			return o
		}
	}
	return nil
}

// newID returns a fresh id; s.mu is held.
func (s *Server) newID() int64 {
	id := s.nextID
	s.nextID++
	return id
}

// officeJSON is the OfficeProto of o as served; s.mu is held.
func (s *Server) officeJSON(o *office) map[string]any {
	p := make(map[string]any, len(o.proto)+2)
	for k, v := range o.proto {
		p[k] = v
	}
	if o.e911 != nil {
		p["e911_address"] = o.e911
	}
	if len(o.numbers) > 0 {
		p["phone_numbers"] = slices.Clone(o.numbers)
	}
	return p
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }
