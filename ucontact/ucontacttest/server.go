// Package ucontacttest is an in-process fake of the uContact Integra API
// for tests, examples and benchmarks.
//
//	srv := ucontacttest.NewServer()
//	defer srv.Close()
//	c, _ := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.DefaultUser, ucontacttest.DefaultPassword))
//
// The fake listens on 127.0.0.1 and is stateful: it logs users in
// (auth/getUserToken answers a JSON list ending in the session key, 0 for
// bad credentials), accepts "Authorization: Basic <key>" of a live session
// or "Bearer <token>" of a known API token (401 otherwise), and keeps agent
// calls, dispositions, workflow calls, the blacklist, dialer contacts,
// schedules, uploaded bases, CDR records (paged by lastrow/searchLimit),
// recording files and campaign status. It answers the documented text
// results: 1, OK, a call GUID, an empty body for TagRecord, and 0 for a
// request that breaks the documented rules (a missing mandatory field, a
// malformed JSON object, a DialerTask object without every key, a respool
// of a number already in the spool, an upload whose cant does not match its
// lines...). Every action must be a POST with a form body.
//
// Fault injection is the module's one vocabulary, promoted from the
// embedded [fault.Injector]: Inject, FailNext (an HTTP error status; 429
// answers uContact's "Too Many Requests" text with a Retry-After), DropNext
// (connection closed after the request is read, without acting),
// SetLatency, ClearFaults and FaultStats. A fault's Path is a prefix of the
// request path, e.g. "/Integra/resources/Dialers/". Two uContact behaviours
// come on top: [Server.AnswerZeroNext] (the documented failure text "0")
// and [Server.ExpireSessions]. A Server is safe for concurrent use; Close
// stops it and every pending handler.
package ucontacttest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/faultengine"
)

// Credentials every new Server accepts.
const (
	// DefaultUser is the user that can log in with [DefaultPassword].
	DefaultUser = "apiuser"
	// DefaultPassword is the password of [DefaultUser].
	DefaultPassword = "fake-password-1"
	// DefaultAPIToken is an accepted portal API token.
	DefaultAPIToken = "fake-api-token-0123456789"
)

// DateTimeLayout is how uContact writes dates.
const DateTimeLayout = "2006-01-02 15:04:05"

// Call is an agent call placed with Agents/AgentCall.
type Call struct {
	GUID        string
	CallerID    string
	Agent       string
	Phone       string
	Tech        string
	Context     string
	OutQueue    string
	Destination string
	Active      bool // false once hung up
}

// Disposition is a call disposition received on api/DispositionCall.
type Disposition struct {
	Fields map[string]string // the form as received
}

// WorkflowCall is a call of admin/CallWorkflow.
type WorkflowCall struct {
	Context   string
	Extension string
	Params    map[string]any
}

// BlacklistEntry is a blacklisted number.
type BlacklistEntry struct {
	Phone      string `json:"phone"`
	Campaign   string `json:"campaign"`
	Username   string `json:"username,omitempty"`
	Company    string `json:"company,omitempty"`
	JobTitle   string `json:"job_title,omitempty"`
	Name       string `json:"name,omitempty"`
	ExpireDate string `json:"expire_date,omitempty"`
	Direction  string `json:"direction,omitempty"`
}

// Contact is a number waiting in a dialer.
type Contact struct {
	Campaign     string
	Destination  string
	Alternatives string
	Data         string
	Priority     int
	AgentPhone   string
	Agent        string
	Source       string // "respool", "dialertask", "upload:<filename>", or the task's source
	CallDate     string // "" for null
	Bulk         bool
	Automatic    bool
	Retries      int
	Contact      int
	DialerBase   string
}

// Schedule is a scheduled dialer call.
type Schedule struct {
	CallDate     string
	Campaign     string
	Destination  string
	Alternatives string
	AgentPhone   string
	Data         string
}

// Upload is a base uploaded with Dialers/uploadbase(withtimezone).
type Upload struct {
	Filename string
	Campaign string
	Username string
	TimeZone string
	Lines    []string
}

// Record is a CDR record with a recording, as Cdr/getrecords returns it.
type Record struct {
	GUID        string `json:"guid"`
	CallDate    string `json:"calldate"` // DateTimeLayout
	Agent       string `json:"agent"`
	Campaign    string `json:"campaign"`
	Source      string `json:"source"`
	Destination string `json:"destination"`
	Duration    int    `json:"duration"`
	Data        string `json:"data"`
	Rating      string `json:"rating"`
	Tag         string `json:"tag,omitempty"`
}

// Campaign is the status of one campaign, served by Supervisor/queuesummary
// and Supervisor/campaignstatus.
type Campaign struct {
	Name          string
	LoggedIn      int
	Available     int
	NotAvailable  int
	Paused        int
	Callers       int
	HoldTime      int
	TalkTime      int
	LongestHold   int
	Completed     int
	Abandoned     int
	TotalCalls    int
	Strategy      string
	WrapUpSeconds int
	// Agents appear in campaignstatus as extra entries keyed by name.
	Agents []string
}

// Option configures a Server.
type Option func(*Server)

// WithUser adds a user that can log in.
func WithUser(user, password string) Option { return func(s *Server) { s.users[user] = password } }

// WithAPIToken adds an accepted portal API token.
func WithAPIToken(token string) Option { return func(s *Server) { s.tokens[token] = true } }

// WithRecords seeds CDR records.
func WithRecords(recs ...Record) Option {
	return func(s *Server) { s.records = append(s.records, recs...) }
}

// WithCampaigns replaces the default campaigns ("Power<-" and "test->").
func WithCampaigns(cs ...Campaign) Option {
	return func(s *Server) { s.campaigns = slices.Clone(cs) }
}

// Server is the fake. Its fault-injection methods are those of the
// embedded [fault.Injector].
type Server struct {
	// Injector is the module's fault vocabulary (Inject, FailNext,
	// DropNext, SetLatency, ClearFaults, FaultStats).
	fault.Injector
	// URL is the server root, http://127.0.0.1:port: exactly the base URL
	// ucontact.NewClient takes.
	URL string

	srv *faultengine.Server

	mu           sync.Mutex
	users        map[string]string
	tokens       map[string]bool
	sessions     map[string]string // key -> user
	seq          int
	logins       int
	requests     map[string]int
	calls        []*Call
	dispositions []Disposition
	workflows    []WorkflowCall
	blacklist    []BlacklistEntry
	contacts     []Contact
	schedules    []Schedule
	uploads      []Upload
	records      []Record
	files        map[string]bool // paths under /records/
	campaigns    []Campaign

	zeroN int
}

// NewServer starts a fake on 127.0.0.1 that knows
// [DefaultUser]/[DefaultPassword] and [DefaultAPIToken].
func NewServer(opts ...Option) *Server {
	s := &Server{
		users:    map[string]string{DefaultUser: DefaultPassword},
		tokens:   map[string]bool{DefaultAPIToken: true},
		sessions: map[string]string{},
		requests: map[string]int{},
		files:    map[string]bool{},
		campaigns: []Campaign{
			{Name: "Power<-", LoggedIn: 10, Available: 5, Callers: 3, HoldTime: 18, TalkTime: 130, LongestHold: 220, NotAvailable: 1, Strategy: "leastrecent"},
			{Name: "test->", Strategy: "leastrecent", WrapUpSeconds: 3},
		},
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = faultengine.NewServer(faultengine.Config{WriteError: writeError}, func(f *faultengine.Engine) http.Handler {
		handle := f.Wrap(http.HandlerFunc(s.serve))
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			s.requests[actionOf(r)]++ // faults included
			s.mu.Unlock()
			handle.ServeHTTP(w, r)
		})
	})
	s.Injector = s.srv.Engine
	s.URL = s.srv.URL
	return s
}

// writeError writes the answer of an injected status: uContact's (Tomcat's)
// text "Too Many Requests" for 429, the fault's message or "injected
// failure <status>" otherwise.
func writeError(w http.ResponseWriter, _ *http.Request, status int, message string) {
	switch {
	case message != "":
	case status == http.StatusTooManyRequests:
		message = "Too Many Requests"
	default:
		message = fmt.Sprintf("injected failure %d", status)
	}
	http.Error(w, message, status)
}

// Close stops the server, ending pending handlers (latency waits too).
func (s *Server) Close() { s.srv.Close() }

// AnswerZeroNext answers the next n logins and authenticated actions with
// uContact's documented failure text "0" (HTTP 200) without acting (n <= 0
// cancels). This is a vendor behaviour, not a transport fault, so it is not
// part of the fault vocabulary.
func (s *Server) AnswerZeroNext(n int) {
	s.mu.Lock()
	s.zeroN = n
	s.mu.Unlock()
}

// ExpireSessions ends every login session, as a server restart or a
// session timeout does: the next request with an old key gets 401.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	clear(s.sessions)
	s.mu.Unlock()
}

// Sessions returns the number of live login sessions.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Logins returns how many successful logins happened. Requests
// ("auth/getUserToken") counts every login attempt.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// Requests returns how many requests reached an action, e.g.
// "Dialers/DialerTask" (faults included).
func (s *Server) Requests(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[action]
}

// Calls returns the agent calls placed.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		out[i] = *c
	}
	return out
}

// Dispositions returns the dispositions received.
func (s *Server) Dispositions() []Disposition {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.dispositions)
}

// Workflows returns the workflow calls received.
func (s *Server) Workflows() []WorkflowCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.workflows)
}

// Blacklist returns the blacklist, in insertion order.
func (s *Server) Blacklist() []BlacklistEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.blacklist)
}

// Blacklisted reports whether phone is blacklisted for campaign (directly
// or for every campaign, "*").
func (s *Server) Blacklisted(campaign, phone string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.blacklist {
		if e.Phone == phone && (e.Campaign == campaign || e.Campaign == "*") {
			return true
		}
	}
	return false
}

// Contacts returns the numbers waiting in a dialer ("" for every dialer).
func (s *Server) Contacts(campaign string) []Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Contact
	for _, c := range s.contacts {
		if campaign == "" || c.Campaign == campaign {
			out = append(out, c)
		}
	}
	return out
}

// Schedules returns the scheduled calls.
func (s *Server) Schedules() []Schedule {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.schedules)
}

// Uploads returns the bases uploaded.
func (s *Server) Uploads() []Upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.uploads)
}

// AddRecords adds CDR records.
func (s *Server) AddRecords(recs ...Record) {
	s.mu.Lock()
	s.records = append(s.records, recs...)
	s.mu.Unlock()
}

// Record returns the CDR record with guid.
func (s *Server) Record(guid string) (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.records {
		if r.GUID == guid {
			return r, true
		}
	}
	return Record{}, false
}

// PutRecordingFile makes the server serve a recording file at
// /records/<path>, e.g. "20160118/7e4e7db9.mp3" or "7e4e7db9.gsm".
// Supervisor/convert of a GSM file adds the MP3 beside it.
func (s *Server) PutRecordingFile(path string) {
	s.mu.Lock()
	s.files[strings.TrimPrefix(path, "/")] = true
	s.mu.Unlock()
}

// SetCampaign adds or replaces a campaign by name.
func (s *Server) SetCampaign(c Campaign) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.campaigns {
		if s.campaigns[i].Name == c.Name {
			s.campaigns[i] = c
			return
		}
	}
	s.campaigns = append(s.campaigns, c)
}
