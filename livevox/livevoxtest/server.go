// Package livevoxtest is an in-process fake of the LiveVox Configuration API
// (session login and the call-center methods) for tests, examples and
// benchmarks.
//
//	srv := livevoxtest.NewServer()
//	defer srv.Close()
//	c, err := livevox.NewClient(livevox.Credentials{
//		AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
//		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword,
//	}, livevox.WithBaseURL(srv.URL))
//
// The fake is stateful and enforces the documented rules:
//   - POST /session/login needs the right LV-Access header and credentials;
//     every other request needs a live LV-Session (a wrong LV-Access, when
//     sent, is refused too). A session ends after the idle time set by
//     [WithSessionTTL] (LiveVox: 2 hours, rolling), when the user's password
//     changes ([Server.SetPassword]), at logout, or by [Server.ExpireSessions].
//   - Call centers belong to a client. A user works on its own client's call
//     centers: info and list for another client answer size 0 and an empty
//     list (as LiveVox documents); create, read, update, delete and add
//     service on another client's call center answer 403.
//   - Services belong to a client and to at most one call center; create
//     (the "service" array) and add service move them. Agents are attached
//     with [Server.AddAgent].
//   - Delete is refused with 400 {"errorCode": 202, ...} while the call
//     center holds services. Names are unique per client (400, "... already
//     exists").
//   - List and info count only call centers that hold a service ("A Call
//     Center will not be displayed unless it contains a Service"). count
//     (1..1000) and offset (>= 0) are mandatory; "next" is set while more
//     entries follow.
//   - Paths may carry a version segment after the service name
//     (/session/v6.0/login, /configuration/v6.0/callCenters, as
//     livevox.WithAPIVersion sends them); it is ignored.
//
// Errors are JSON {"errorCode": n, "errorMessage": "..."}. Only code 202 is
// documented by LiveVox; the fake's other codes ([CodeBadRequest] and
// friends) equal the HTTP status and are not LiveVox's.
//
// Faults (error statuses, 429 bursts, latency, dropped connections) are
// injected through the embedded [fault.Injector] ([fault.Injector.Inject],
// FailNext, DropNext, SetLatency, ClearFaults, FaultStats), the same
// vocabulary as every fake of the module. A fault's Path is a prefix of the
// unversioned path, e.g. "/configuration/callCenters"; an injected status
// is answered with the fake's JSON error body and Message as its
// errorMessage.
package livevoxtest

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/faultengine"
)

// Defaults of a new Server: one client ([DefaultClientName], id
// [DefaultClientID]) with one user ([DefaultUser], [DefaultPassword]), and
// the LV-Access token it accepts ([DefaultAccessToken]).
const (
	// DefaultAccessToken is the LV-Access token the fake accepts.
	DefaultAccessToken = "test-lv-access-token"
	// DefaultClientName is the default user's client; its id is
	// DefaultClientID.
	DefaultClientName = "ACME"
	DefaultClientID   = 4199
	// DefaultUser and DefaultPassword log in to DefaultClientName.
	DefaultUser     = "apiuser"
	DefaultPassword = "test-lv-password"
	// DefaultSessionTTL is LiveVox's rolling session lifetime.
	DefaultSessionTTL = 2 * time.Hour
)

// Error codes of the fake's JSON error bodies.
const (
	// CodeHasServices is LiveVox's documented code for "Cannot delete call
	// centers with associated services".
	CodeHasServices = 202
	// The fake's own codes (equal to the HTTP status; not LiveVox's).
	CodeBadRequest   = 400
	CodeUnauthorized = 401
	CodeForbidden    = 403
	CodeNotFound     = 404
)

// First ids handed out (the values of reference 002's examples).
const (
	firstCallCenterID = 3619
	firstServiceID    = 46595
	firstAgentID      = 56472
	firstUserID       = 1001
)

// Option configures a Server.
type Option func(*Server)

// WithAccessToken sets the LV-Access token the server accepts (default
// [DefaultAccessToken]).
func WithAccessToken(tok string) Option { return func(s *Server) { s.access = tok } }

// WithUser adds a user (and its client, if new) besides the default one.
func WithUser(clientName, userName, password string) Option {
	return func(s *Server) { s.addUser(clientName, userName, password) }
}

// WithSessionTTL sets how long a session lives without use (default
// [DefaultSessionTTL]).
func WithSessionTTL(d time.Duration) Option { return func(s *Server) { s.ttl = d } }

// WithClock sets the server's clock (default time.Now), for expiry tests.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// CallCenter is the fake's stored view of a call center.
type CallCenter struct {
	// ID is the call center's id.
	ID int64
	// ClientID is the LiveVox client it belongs to.
	ClientID int64
	// Name, ManagerName and BillingSystem are as created or updated.
	Name          string
	ManagerName   string
	BillingSystem string
	// DefaultInputFilterID is the default input filter (0: none).
	DefaultInputFilterID int64
	// Open tells whether its inbound services are open.
	Open bool
	// ServiceIDs and AgentIDs are its services and agents, by id.
	ServiceIDs []int64
	AgentIDs   []int64
}

type user struct {
	id       int64
	clientID int64
	name     string
	password string
}

type session struct {
	user     *user
	lastUsed time.Time
}

type service struct {
	clientID     int64
	callCenterID int64 // 0: none
}

// Server is the fake. Create it with [NewServer]; it is safe for concurrent
// use.
type Server struct {
	// Injector is the module's fault vocabulary (Inject, FailNext,
	// DropNext, SetLatency, ClearFaults, FaultStats).
	fault.Injector
	// URL is exactly the base URL to give the client
	// (http://127.0.0.1:port), as livevox.WithBaseURL takes it.
	URL string

	srv *faultengine.Server

	mu           sync.Mutex
	access       string
	ttl          time.Duration
	now          func() time.Time
	clients      map[string]int64 // name -> id
	users        map[string]*user // clientName \x00 userName -> user
	sessions     map[string]*session
	callCenters  map[int64]*CallCenter
	services     map[int64]*service
	agents       map[int64]int64     // agent -> call center
	lastModified map[int64]time.Time // per client
	nextClient   int64
	nextUser     int64
	nextCC       int64
	nextService  int64
	nextAgent    int64
	logins       int
	attempts     int
	logouts      int
	lastSession  string
}

// NewServer starts a fake on 127.0.0.1 with the default client and user.
func NewServer(opts ...Option) *Server {
	s := &Server{
		access:       DefaultAccessToken,
		ttl:          DefaultSessionTTL,
		now:          time.Now,
		clients:      map[string]int64{},
		users:        map[string]*user{},
		sessions:     map[string]*session{},
		callCenters:  map[int64]*CallCenter{},
		services:     map[int64]*service{},
		agents:       map[int64]int64{},
		lastModified: map[int64]time.Time{},
		nextClient:   DefaultClientID,
		nextUser:     firstUserID,
		nextCC:       firstCallCenterID,
		nextService:  firstServiceID,
		nextAgent:    firstAgentID,
	}
	s.addUser(DefaultClientName, DefaultUser, DefaultPassword)
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /session/login", s.handleLogin)
	mux.HandleFunc("POST /session/logout", s.authed(s.handleLogout))
	mux.HandleFunc("GET /session/validate/{id}", s.handleValidate)
	mux.HandleFunc("POST /configuration/callCenters", s.authed(s.handleCreate))
	mux.HandleFunc("GET /configuration/callCenters", s.authed(s.handleList))
	mux.HandleFunc("GET /configuration/callCenters/info", s.authed(s.handleInfo))
	mux.HandleFunc("GET /configuration/callCenters/{id}", s.authed(s.onCallCenter(s.handleRead)))
	mux.HandleFunc("PUT /configuration/callCenters/{id}", s.authed(s.handleUpdate))
	mux.HandleFunc("DELETE /configuration/callCenters/{id}", s.authed(s.onCallCenter(s.handleDelete)))
	mux.HandleFunc("GET /configuration/callCenters/{id}/related", s.authed(s.onCallCenter(s.handleRelated)))
	mux.HandleFunc("PUT /configuration/callCenters/{id}/services/{service}", s.authed(s.onCallCenter(s.handleAddService)))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, CodeNotFound, "No such resource: "+r.Method+" "+r.URL.Path)
	})
	s.srv = faultengine.NewServer(faultengine.Config{WriteError: func(w http.ResponseWriter, _ *http.Request, status int, message string) {
		if message == "" {
			message = "Injected fault: " + http.StatusText(status)
		}
		writeError(w, status, status, message)
	}}, func(f *faultengine.Engine) http.Handler { return stripVersion(f.Wrap(mux)) })
	s.Injector = s.srv.Engine
	s.URL = s.srv.URL
	return s
}

// Close stops the server, cutting injected latencies short. It is safe to
// call more than once.
func (s *Server) Close() { s.srv.Close() }

// Client returns an *http.Client suited to the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// --- seeding and inspection ---

func (s *Server) addUser(clientName, userName, password string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	cid, ok := s.clients[clientName]
	if !ok {
		cid = s.nextClient
		s.nextClient++
		s.clients[clientName] = cid
	}
	key := clientName + "\x00" + userName
	if u, ok := s.users[key]; ok {
		u.password = password
		return cid
	}
	s.users[key] = &user{id: s.nextUser, clientID: cid, name: userName, password: password}
	s.nextUser++
	return cid
}

// AddUser adds a user (and its client, if new) and returns the client id.
func (s *Server) AddUser(clientName, userName, password string) int64 {
	return s.addUser(clientName, userName, password)
}

// ClientID returns the id of a client by name (0 if unknown).
func (s *Server) ClientID(clientName string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clients[clientName]
}

// SetPassword changes a user's password and ends the user's sessions, as
// LiveVox does.
func (s *Server) SetPassword(clientName, userName, password string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[clientName+"\x00"+userName]
	if !ok {
		return fmt.Errorf("livevoxtest: no user %q of client %q", userName, clientName)
	}
	u.password = password
	for id, ss := range s.sessions {
		if ss.user == u {
			delete(s.sessions, id)
		}
	}
	return nil
}

// AddService creates a service of the client, in no call center, and
// returns its id.
func (s *Server) AddService(clientID int64) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextService
	s.nextService++
	s.services[id] = &service{clientID: clientID}
	return id
}

// AddCallCenter stores a call center directly (no request), moving the given
// services into it, and returns its id.
func (s *Server) AddCallCenter(clientID int64, name string, serviceIDs ...int64) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := &CallCenter{ClientID: clientID, Name: name, Open: true}
	if code, msg := s.checkNewCallCenter(cc, serviceIDs); code != 0 {
		return 0, fmt.Errorf("livevoxtest: %s", msg)
	}
	return s.storeCallCenter(cc, serviceIDs), nil
}

// AddAgent creates an agent associated with the call center and returns its
// id.
func (s *Server) AddAgent(callCenterID int64) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.callCenters[callCenterID] == nil {
		return 0, fmt.Errorf("livevoxtest: no call center %d", callCenterID)
	}
	id := s.nextAgent
	s.nextAgent++
	s.agents[id] = callCenterID
	return id, nil
}

// CallCenter returns a copy of a stored call center.
func (s *Server) CallCenter(id int64) (CallCenter, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := s.callCenters[id]
	if cc == nil {
		return CallCenter{}, false
	}
	return s.view(cc), true
}

// CallCenters returns copies of all stored call centers (with or without
// services), by id.
func (s *Server) CallCenters() []CallCenter {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CallCenter, 0, len(s.callCenters))
	for _, id := range s.sortedCallCenterIDs(0, false) {
		out = append(out, s.view(s.callCenters[id]))
	}
	return out
}

// ExpireSessions ends every session now: the next request of each client
// gets 401.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.sessions)
}

// Sessions returns the number of live sessions.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// LastSessionID returns the session id of the latest login (for tests that
// check it never leaks).
func (s *Server) LastSessionID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastSession
}

// Logins returns the number of successful logins.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// Logouts returns the number of successful logouts.
func (s *Server) Logouts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logouts
}

// LoginAttempts returns the number of login requests the fake handled,
// refused ones included (faulted ones are not counted).
func (s *Server) LoginAttempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

// Requests returns the number of requests received (including faulted ones).
func (s *Server) Requests() int { return s.FaultStats().Requests }
