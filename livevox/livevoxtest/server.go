// Package livevoxtest is an in-process fake of the LiveVox Configuration API
// (session login and the call-center methods) for tests, examples and
// benchmarks.
//
//	srv := livevoxtest.NewServer()
//	defer srv.Close()
//	c, _ := livevox.NewClient(livevoxtest.DefaultAccessToken, livevoxtest.DefaultClientName,
//		livevoxtest.DefaultUserName, livevoxtest.DefaultPassword, livevox.WithBaseURL(srv.URL))
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
//     center holds services. Names are unique per client (400).
//   - List and info count only call centers that hold a service ("A Call
//     Center will not be displayed unless it contains a Service"). count
//     (1..1000) and offset (>= 0) are mandatory; "next" is set while more
//     entries follow.
//
// Errors are JSON {"errorCode": n, "errorMessage": "..."}. Only code 202 is
// documented by LiveVox; the fake's other codes ([CodeBadRequest] and
// friends) equal the HTTP status and are not LiveVox's.
//
// Faults (error statuses, 429 bursts, latency, dropped connections) are
// injected with [Server.Inject] and its shortcuts. A path may carry a
// version segment (/session/v6.0/login); it is ignored.
package livevoxtest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
)

// Defaults of a new Server: one client with one user.
const (
	DefaultAccessToken = "test-lv-access-token"
	DefaultClientName  = "ACME"
	DefaultClientID    = 4199
	DefaultUserName    = "apiuser"
	DefaultPassword    = "test-lv-password"
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

// Fault is an injected misbehaviour for the next Times matching requests.
type Fault struct {
	// Method and Path (a prefix of the unversioned path, e.g.
	// "/configuration/callCenters") select requests; empty matches all.
	Method string
	Path   string
	// Times is how many matching requests get the fault (0 means 1).
	Times int
	// Latency delays the answer (cut short when the request is cancelled
	// or the server closes).
	Latency time.Duration
	// Drop reads the request, then closes the connection without answering.
	Drop bool
	// Status, when non-zero, is answered instead of the real response, with
	// a JSON error body and, if RetryAfter > 0, a Retry-After header.
	Status     int
	RetryAfter time.Duration
}

// CallCenter is the fake's stored view of a call center.
type CallCenter struct {
	ID                   int64
	ClientID             int64
	Name                 string
	ManagerName          string
	BillingSystem        string
	DefaultInputFilterID int64 // 0: none
	Open                 bool
	ServiceIDs           []int64
	AgentIDs             []int64
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
	// URL is the base URL to give the client (http://127.0.0.1:port).
	URL string

	srv *fault.Server

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
	s.addUser(DefaultClientName, DefaultUserName, DefaultPassword)
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
	mux.HandleFunc("GET /configuration/callCenters/{id}", s.authed(s.handleRead))
	mux.HandleFunc("PUT /configuration/callCenters/{id}", s.authed(s.handleUpdate))
	mux.HandleFunc("DELETE /configuration/callCenters/{id}", s.authed(s.handleDelete))
	mux.HandleFunc("GET /configuration/callCenters/{id}/related", s.authed(s.handleRelated))
	mux.HandleFunc("PUT /configuration/callCenters/{id}/services/{service}", s.authed(s.handleAddService))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, CodeNotFound, "No such resource: "+r.Method+" "+r.URL.Path)
	})
	s.srv = fault.NewServer(fault.Config{WriteError: func(w http.ResponseWriter, _ *http.Request, status int) {
		writeError(w, status, status, "Injected fault: "+http.StatusText(status))
	}}, func(f *fault.Faults) http.Handler { return stripVersion(f.Wrap(mux)) })
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

// Requests returns the number of requests received (including faulted ones).
func (s *Server) Requests() int { return s.srv.Stats().Requests }

// --- fault injection ---

// Inject queues a fault. Faults are consumed in the order injected; each
// request takes at most one.
func (s *Server) Inject(f Fault) {
	ff := fault.Fault{Method: f.Method, Path: f.Path, Times: max(f.Times, 1), Latency: f.Latency, Drop: f.Drop, Status: f.Status}
	if f.RetryAfter > 0 {
		ff.RetryAfter = fault.RetryAfter(f.RetryAfter)
	}
	s.srv.Inject(ff)
}

// FailNext answers the next n requests with status and a JSON error body.
func (s *Server) FailNext(n, status int) { s.Inject(Fault{Times: n, Status: status}) }

// RateLimitNext answers the next n requests with 429 and, if retryAfter > 0,
// a Retry-After header (whole seconds).
func (s *Server) RateLimitNext(n int, retryAfter time.Duration) {
	s.Inject(Fault{Times: n, Status: http.StatusTooManyRequests, RetryAfter: retryAfter})
}

// DropNext reads the next n requests and closes their connections without
// an answer.
func (s *Server) DropNext(n int) { s.Inject(Fault{Times: n, Drop: true}) }

// SetLatency delays every answer by d (0 turns it off).
func (s *Server) SetLatency(d time.Duration) { s.srv.SetLatency(d) }

// ClearFaults removes every queued fault and the latency.
func (s *Server) ClearFaults() {
	s.srv.Clear()
	s.srv.SetLatency(0)
}

var versionSegment = regexp.MustCompile(`^/(session|configuration)/v\d+(?:\.\d+)*/`)

// stripVersion removes a version segment from the path, before faults
// match it and the mux routes it.
func stripVersion(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if m := versionSegment.FindStringSubmatch(r.URL.Path); m != nil {
			r.URL.Path = "/" + m[1] + "/" + r.URL.Path[len(m[0]):]
			r.URL.RawPath = ""
		}
		next.ServeHTTP(w, r)
	})
}

// --- helpers ---

func writeJSON(w http.ResponseWriter, status int, v any) { fault.WriteJSON(w, status, v) }

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"errorCode": code, "errorMessage": msg})
}

func newSessionID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// authed checks LV-Session (and LV-Access when sent) and passes the user on.
func (s *Server) authed(h func(http.ResponseWriter, *http.Request, *user)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if a := r.Header.Get("LV-Access"); a != "" && a != s.access {
			writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid access token")
			return
		}
		id := r.Header.Get("LV-Session")
		s.mu.Lock()
		ss := s.sessions[id]
		now := s.now()
		if ss != nil && now.Sub(ss.lastUsed) > s.ttl {
			delete(s.sessions, id)
			ss = nil
		}
		if ss != nil {
			ss.lastUsed = now
		}
		s.mu.Unlock()
		if id == "" || ss == nil {
			writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid or expired session")
			return
		}
		h(w, r, ss.user)
	}
}

func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("invalid JSON body: %v", err)
	}
	return nil
}

func pathID(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return n, err == nil && n > 0
}

// --- session handlers ---

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("LV-Access") != s.access {
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid access token")
		return
	}
	var in struct {
		ClientName string `json:"clientName"`
		UserName   string `json:"userName"`
		Password   string `json:"password"`
		Agent      bool   `json:"agent"`
	}
	if err := decodeBody(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	if in.ClientName == "" || in.UserName == "" || in.Password == "" {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "clientName, userName and password are required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[in.ClientName+"\x00"+in.UserName]
	if u == nil || u.password != in.Password {
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid credentials")
		return
	}
	id := newSessionID()
	s.sessions[id] = &session{user: u, lastUsed: s.now()}
	s.logins++
	s.lastSession = id
	writeJSON(w, http.StatusOK, map[string]any{"sessionId": id, "userId": u.id, "clientId": u.clientID})
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request, _ *user) {
	s.mu.Lock()
	delete(s.sessions, r.Header.Get("LV-Session"))
	s.logouts++
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleValidate(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ss := s.sessions[r.PathValue("id")]
	ok := ss != nil && s.now().Sub(ss.lastUsed) <= s.ttl
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid or expired session")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// --- call-center handlers ---

// clientParam reads ?client= (default: the user's client).
func clientParam(r *http.Request, u *user) (int64, bool) {
	v := r.URL.Query().Get("client")
	if v == "" {
		return u.clientID, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil && n > 0
}

// view copies a call center with its services and agents (lock held).
func (s *Server) view(cc *CallCenter) CallCenter {
	v := *cc
	v.ServiceIDs, v.AgentIDs = s.servicesOf(cc.ID), s.agentsOf(cc.ID)
	return v
}

func (s *Server) servicesOf(ccID int64) []int64 {
	out := []int64{}
	for id, sv := range s.services {
		if sv.callCenterID == ccID {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Server) agentsOf(ccID int64) []int64 {
	out := []int64{}
	for id, cc := range s.agents {
		if cc == ccID {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// sortedCallCenterIDs returns ids of a client's call centers (clientID 0:
// all), only those with a service when listed is true (lock held).
func (s *Server) sortedCallCenterIDs(clientID int64, listed bool) []int64 {
	var withService map[int64]bool
	if listed {
		withService = map[int64]bool{}
		for _, sv := range s.services {
			if sv.callCenterID != 0 {
				withService[sv.callCenterID] = true
			}
		}
	}
	var out []int64
	for id, cc := range s.callCenters {
		if (clientID == 0 || cc.ClientID == clientID) && (!listed || withService[id]) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Server) nameTaken(clientID int64, name string, except int64) bool {
	for id, cc := range s.callCenters {
		if id != except && cc.ClientID == clientID && strings.EqualFold(cc.Name, name) {
			return true
		}
	}
	return false
}

// checkNewCallCenter validates a create (lock held); code 0 means fine.
func (s *Server) checkNewCallCenter(cc *CallCenter, serviceIDs []int64) (int, string) {
	if strings.TrimSpace(cc.Name) == "" {
		return CodeBadRequest, "name is required"
	}
	if s.nameTaken(cc.ClientID, cc.Name, 0) {
		return CodeBadRequest, fmt.Sprintf("A Call Center named %q already exists", cc.Name)
	}
	for _, id := range serviceIDs {
		sv := s.services[id]
		if sv == nil {
			return CodeBadRequest, fmt.Sprintf("Service %d does not exist", id)
		}
		if sv.clientID != cc.ClientID {
			return CodeBadRequest, fmt.Sprintf("Service %d belongs to another client", id)
		}
	}
	return 0, ""
}

// storeCallCenter stores a checked call center (lock held).
func (s *Server) storeCallCenter(cc *CallCenter, serviceIDs []int64) int64 {
	cc.ID = s.nextCC
	s.nextCC++
	cc.ServiceIDs, cc.AgentIDs = nil, nil
	s.callCenters[cc.ID] = cc
	now := s.now()
	for _, id := range serviceIDs {
		if old := s.callCenters[s.services[id].callCenterID]; old != nil {
			s.lastModified[old.ClientID] = now
		}
		s.services[id].callCenterID = cc.ID
	}
	s.lastModified[cc.ClientID] = now
	return cc.ID
}

// callCenterFor finds a call center the user may work on; it writes the
// error answer and returns nil otherwise (lock held).
func (s *Server) callCenterFor(w http.ResponseWriter, r *http.Request, u *user) *CallCenter {
	id, ok := pathID(r, "id")
	if !ok {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "Invalid call center id: "+r.PathValue("id"))
		return nil
	}
	cc := s.callCenters[id]
	if cc == nil {
		writeError(w, http.StatusNotFound, CodeNotFound, fmt.Sprintf("Call Center %d not found", id))
		return nil
	}
	if cc.ClientID != u.clientID {
		writeError(w, http.StatusForbidden, CodeForbidden, fmt.Sprintf("Not authorized for Call Center %d", id))
		return nil
	}
	return cc
}

type ccBody struct {
	Service              []struct{ ID int64 } `json:"service"`
	Name                 *string              `json:"name"`
	ManagerName          *string              `json:"managerName"`
	BillingSystem        *string              `json:"billingSystem"`
	DefaultInputFilterID *int64               `json:"defaultInputFilterId"`
	DefaultInputFilter   *int64               `json:"defaultInputFilter"`
	Open                 *bool                `json:"open"`
}

// applyTo sets the fields of cc that the body gives, but the name (which
// create and update check differently).
func (b *ccBody) applyTo(cc *CallCenter) {
	if b.ManagerName != nil {
		cc.ManagerName = *b.ManagerName
	}
	if b.BillingSystem != nil {
		cc.BillingSystem = *b.BillingSystem
	}
	if f := b.filter(); f != nil {
		cc.DefaultInputFilterID = *f
	}
	if b.Open != nil {
		cc.Open = *b.Open
	}
}

func (b *ccBody) filter() *int64 {
	if b.DefaultInputFilterID != nil {
		return b.DefaultInputFilterID
	}
	return b.DefaultInputFilter
}

func (s *Server) handleCreate(w http.ResponseWriter, r *http.Request, u *user) {
	clientID, ok := clientParam(r, u)
	if !ok {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "Invalid client: "+r.URL.Query().Get("client"))
		return
	}
	var in ccBody
	if err := decodeBody(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if clientID != u.clientID {
		writeError(w, http.StatusForbidden, CodeForbidden, fmt.Sprintf("Not authorized for client %d", clientID))
		return
	}
	cc := &CallCenter{ClientID: clientID, Open: true}
	if in.Name != nil {
		cc.Name = *in.Name
	}
	in.applyTo(cc)
	svc := make([]int64, len(in.Service))
	for i, sv := range in.Service {
		svc[i] = sv.ID
	}
	if code, msg := s.checkNewCallCenter(cc, svc); code != 0 {
		writeError(w, http.StatusBadRequest, code, msg)
		return
	}
	id := s.storeCallCenter(cc, svc)
	writeJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

func nullable[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

func (s *Server) handleRead(w http.ResponseWriter, r *http.Request, u *user) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := s.callCenterFor(w, r, u)
	if cc == nil {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"name":                 cc.Name,
		"managerName":          nullable(cc.ManagerName),
		"billingSystem":        nullable(cc.BillingSystem),
		"defaultInputFilterId": nullable(cc.DefaultInputFilterID),
		"open":                 cc.Open,
	})
}

func (s *Server) handleUpdate(w http.ResponseWriter, r *http.Request, u *user) {
	var in ccBody
	if err := decodeBody(r, &in); err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := s.callCenterFor(w, r, u)
	if cc == nil {
		return
	}
	if in.Name != nil {
		if strings.TrimSpace(*in.Name) == "" {
			writeError(w, http.StatusBadRequest, CodeBadRequest, "name must not be empty")
			return
		}
		if s.nameTaken(cc.ClientID, *in.Name, cc.ID) {
			writeError(w, http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("A Call Center named %q already exists", *in.Name))
			return
		}
		cc.Name = *in.Name
	}
	in.applyTo(cc)
	s.lastModified[cc.ClientID] = s.now()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request, u *user) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := s.callCenterFor(w, r, u)
	if cc == nil {
		return
	}
	if len(s.servicesOf(cc.ID)) > 0 {
		writeError(w, http.StatusBadRequest, CodeHasServices, "Cannot delete call centers with associated services")
		return
	}
	for id, c := range s.agents {
		if c == cc.ID {
			delete(s.agents, id)
		}
	}
	delete(s.callCenters, cc.ID)
	s.lastModified[cc.ClientID] = s.now()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleRelated(w http.ResponseWriter, r *http.Request, u *user) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := s.callCenterFor(w, r, u)
	if cc == nil {
		return
	}
	refs := func(ids []int64) []map[string]int64 {
		out := make([]map[string]int64, len(ids))
		for i, id := range ids {
			out[i] = map[string]int64{"id": id}
		}
		return out
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"service": refs(s.servicesOf(cc.ID)),
		"agent":   refs(s.agentsOf(cc.ID)),
	})
}

func (s *Server) handleAddService(w http.ResponseWriter, r *http.Request, u *user) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := s.callCenterFor(w, r, u)
	if cc == nil {
		return
	}
	sid, ok := pathID(r, "service")
	if !ok {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "Invalid service id: "+r.PathValue("service"))
		return
	}
	sv := s.services[sid]
	if sv == nil {
		writeError(w, http.StatusNotFound, CodeNotFound, fmt.Sprintf("Service %d not found", sid))
		return
	}
	if sv.clientID != cc.ClientID {
		writeError(w, http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("Service %d belongs to another client", sid))
		return
	}
	now := s.now()
	if old := s.callCenters[sv.callCenterID]; old != nil {
		s.lastModified[old.ClientID] = now
	}
	sv.callCenterID = cc.ID
	s.lastModified[cc.ClientID] = now
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request, u *user) {
	clientID, ok := clientParam(r, u)
	if !ok {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "Invalid client: "+r.URL.Query().Get("client"))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]any{"size": 0}
	if clientID == u.clientID {
		out["size"] = len(s.sortedCallCenterIDs(clientID, true))
		if t, ok := s.lastModified[clientID]; ok {
			out["lastModified"] = t.UnixMilli()
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request, u *user) {
	q := r.URL.Query()
	clientID, ok := clientParam(r, u)
	if !ok {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "Invalid client: "+q.Get("client"))
		return
	}
	count, err := strconv.Atoi(q.Get("count"))
	if err != nil || count < 1 || count > 1000 {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "count is required and must be between 1 and 1000")
		return
	}
	offset, err := strconv.Atoi(q.Get("offset"))
	if err != nil || offset < 0 {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "offset is required and must not be negative")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []int64
	if clientID == u.clientID {
		all = s.sortedCallCenterIDs(clientID, true)
	}
	out := map[string]any{}
	if offset < len(all) {
		end := min(offset+count, len(all))
		page := make([]map[string]any, 0, end-offset)
		for _, id := range all[offset:end] {
			cc := s.callCenters[id]
			page = append(page, map[string]any{"callCenterId": cc.ID, "name": cc.Name, "clientId": cc.ClientID})
		}
		out["callCenter"] = page
		if end < len(all) {
			next := "configuration/callCenters?count=" + strconv.Itoa(count)
			if q.Get("client") != "" {
				next += "&client=" + q.Get("client")
			}
			out["next"] = next + "&offset=" + strconv.Itoa(end)
		}
	}
	writeJSON(w, http.StatusOK, out)
}
