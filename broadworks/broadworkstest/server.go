// Package broadworkstest is an in-process BroadWorks OCI-P server for tests
// and benchmarks of package broadworks (and of anything built on it, such
// as bulk). It listens on 127.0.0.1 for plain OCI-P (TCP), OCI-P over TLS
// (with a certificate generated at start, see [Server.ClientTLSConfig]) and
// SOAP over HTTP and HTTPS, and speaks the real wire format: BroadsoftDocument
// envelopes with up to 15 commands, answered one response per command.
//
// What it enforces:
//   - Login: AuthenticationRequest → nonce → LoginRequest14sp4 with
//     signedPassword = hex MD5(nonce ":" hex SHA-1(password)); and
//     LoginRequest22V5 with the password, over TLS or HTTPS only (over a
//     plain link the fake refuses a clear password). Wrong credentials give
//     [Error 4962] Invalid password. Every other command needs a logged-in
//     session: on TCP/TLS on the connection that logged in, over SOAP with the
//     JSESSIONID cookie set at login; otherwise [Error 5404] Unauthorized
//     transaction. Closing a connection ends its sessions.
//   - Call centers (GroupCallCenterAddInstanceRequest22, GetInstanceRequest22,
//     ModifyInstanceRequest22, DeleteInstanceRequest, GetInstanceListRequest):
//     element order, required elements and value ranges of the schema; the
//     per-type options (a Basic call center given enableReporting, or a
//     Standard one given routingType, is refused); a service user id that
//     exists → [Error 4200]; a missing one → [Error 4008]; an unknown group →
//     [Error 4152]. Service user ids compare as BroadWorks compares them
//     ([callcenter.UserIDKey]: surrounding spaces are no part of an id, and
//     case does not matter), so "Sales@x" and "sales@x" are one call center;
//     the id is stored and listed as it was added.
//   - Groups: while no group has been added (with [WithGroup] or
//     [Server.AddGroup]) every service provider and group exists. Once one
//     is added, only added groups exist.
//
// A stream whose next input cannot start a document (it does not begin
// with '<': an HTTP request, a TLS handshake on the plain port) is closed
// without an answer, as a server that cannot parse it does.
//
// Answers are declared ISO-8859-1 by default, like real servers, with the
// characters outside Latin-1 as numeric character references
// ([WithResponseEncoding] changes this). Error wordings that the notes on
// real servers do not give (schema and type-option errors) are the fake's own.
//
//   - Departments (the department element of the add and modify profiles,
//     a GroupDepartmentKey or an EnterpriseDepartmentKey): the key must name
//     the call center's own service provider (and group, for a group
//     department); while no department has been declared ([WithDepartment],
//     [Server.AddDepartment]) every such department exists, afterwards only
//     the declared ones; otherwise [Error 4006] (the fake's own number).
//     GetInstanceRequest22 reads the department back; the lists show its
//     name.
//   - Active status: a new call center is active;
//     GroupCallCenterModifyActiveInstanceListRequest sets the status of
//     several at once (all or none: an unknown one gives [Error 4008]); the
//     lists show it as "Is Active".
//   - Paging: GroupCallCenterGetInstancePagedSortedListRequest (R25) answers
//     the rows from responseStartIndex on, at most responsePageSize (1 to
//     2000) of them, sorted by service user id; sort orders and search
//     criteria are not supported (refused as a schema error).
//   - The groups of a service provider:
//     GroupGetListInServiceProviderPagedSortedListRequest (R25) lists the
//     groups declared and those that hold a call center, sorted by group id,
//     paged as above.
//   - Staffing (the agent and supervisor lists of R25: GetAgentPagedSortedList,
//     AddAgentList, DeleteAgentList, ModifyAgentList, GetSupervisorList16,
//     AddSupervisorList, DeleteSupervisorList): only users declared with
//     [WithGroupUsers] or [Server.AddGroupUsers] can be agents or supervisors,
//     of the call centers of their service provider (a call center is not a
//     user; an unknown id is [Error 4008] User not found); no user twice;
//     skill levels 1 to 20, only on a call center that routes by skill
//     (Premium, routingType Skill Based); an agent added without a level,
//     and every agent of a plain agentUserIdList modify, gets level 1, as
//     R25 documents. A modify's list is read as the whole new agent list.
//     Each command is all or nothing. See [Server.Staffing] for the state.
//
// Fault injection goes through the embedded [fault.Injector], the module's
// one vocabulary: a [fault.Fault] matches commands whose type is its Path (""
// matches every command but the login and logout ones) and, when set, whose
// serviceUserId is its ServiceUserID. Drop closes the connection after
// reading the document, without carrying it out; with AfterHandling the
// whole document is carried out first, so the client cannot know that its
// commands took effect (SOAP: the HTTP connection is closed). Status != 0
// answers that command with an ErrorResponse whose summary is Message (or
// "[Error N] Injected failure", N being Status when it is 1000 or more,
// else 4000). Latency delays the document. Times 0 means once,
// [fault.Always] every time. Besides: [Server.SetCommandDelay],
// [Server.DropConnections], [Server.ExpireSessions]. Counters:
// [Server.Stats] (the fake's own), FaultStats, [Server.CommandCount];
// state: [Server.CallCenters], and [Server.SaveState] and
// [Server.LoadState], which carry the whole platform from one server to
// another (from one run of a program to the next).
package broadworkstest

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/faultengine"
	"github.com/ccsdk/callcenter-go/internal/packed"
)

// The user a new server knows unless options say otherwise.
const (
	DefaultUser     = "admin@example.com"
	DefaultPassword = "admin-password"
)

// SOAPPath is the path of the SOAP endpoint.
const SOAPPath = "/webservice/services/ProvisioningService"

// Error numbers of the fake's answers. The first five are those of real
// servers; the others are the fake's own.
const (
	CodeUserNotFound  = 4008
	CodeGroupNotFound = 4152
	CodeUserExists    = 4200
	CodeBadPassword   = 4962
	CodeUnauthorized  = 5404
	CodeSchema        = 4003 // the request breaks the OCI-P schema
	CodeTypeOption    = 4004 // an option the call center's type does not accept
	CodeUnknown       = 4005 // a command type the fake does not know

	CodeDepartmentNotFound = 4006 // a department that does not exist for the call center
)

const maxRequest = 4 << 20

// Option configures a [Server].
type Option func(*Server)

// WithUser adds a user that may log in (the default user stays).
func WithUser(user, password string) Option { return func(s *Server) { s.users[user] = password } }

// WithGroup declares a group; see the package comment on groups.
func WithGroup(serviceProviderID, groupID string) Option {
	return func(s *Server) { s.groups[groupKey{serviceProviderID, groupID}] = true }
}

// WithLatency delays every answer document: the fake carries out its
// commands and answers no sooner than d after the document arrived (a
// simulated round trip and processing time, paid once per document, so
// the fake's own parsing counts in d). SetLatency changes it.
func WithLatency(d time.Duration) Option { return func(s *Server) { s.SetLatency(d) } }

// WithDepartment declares a department: of group groupID, or of the
// enterprise serviceProviderID when groupID is "". See the package comment
// on departments.
func WithDepartment(serviceProviderID, groupID, name string) Option {
	return func(s *Server) { s.depts[deptKey{serviceProviderID, groupID, name}] = true }
}

// WithCommandDelay adds a processing delay of d per command of a document
// to its answer, on top of the latency of [WithLatency]: a document of n
// commands is answered no sooner than latency + n×d after it arrived, as
// a server that carries its commands out one after the other. With it a
// benchmark shows what batching gains when the server's own work, not the
// round trip, dominates. SetCommandDelay changes it.
func WithCommandDelay(d time.Duration) Option { return func(s *Server) { s.cmdDelay = d } }

// WithResponseEncoding sets the encoding answers declare: "ISO-8859-1"
// (the default) or "UTF-8".
func WithResponseEncoding(enc string) Option {
	return func(s *Server) { s.utf8 = strings.EqualFold(enc, "UTF-8") }
}

// Stats are the server's counters.
type Stats struct {
	Connections int // OCI-P connections accepted (TCP and TLS)
	Documents   int // request documents read
	Commands    int // commands received, of every type
	Logins      int // successful logins
	Logouts     int // LogoutRequests answered
	Adds        int // call centers added
	Modifies    int // call centers modified
	Deletes     int // call centers deleted
	Drops       int // connections dropped by a fault (FaultStats counts them too)
	// Delay is the simulated delay the fake gave its answers, summed: each
	// document's latency (with a fault's) and command delays.
	Delay time.Duration
}

type groupKey struct{ sp, group string }

type session struct {
	user     string
	nonce    string
	loggedIn bool
	connID   uint64 // stream connection; 0 for SOAP
	cookie   string // SOAP
}

type stored struct {
	// The identity, for lists: copies, so that a stored call center keeps
	// nothing of the document it came in.
	sp, group, id string
	data          packed.CallCenter // the call center, packed: the GC has little to scan
	inactive      bool
	agents        []agentEntry // agents.go
	supervisors   []string
}

func newStored(cc *callcenter.CallCenter) *stored {
	return &stored{sp: strings.Clone(cc.ServiceProviderID), group: strings.Clone(cc.GroupID), id: strings.Clone(cc.ServiceUserID), data: packed.Pack(cc)}
}

// cc returns a copy of the stored call center.
func (st *stored) cc() callcenter.CallCenter { return st.data.Unpack() }

// deptKey names a department; group is "" for an enterprise department.
type deptKey struct{ sp, group, name string }

// Server is the fake. It is safe for concurrent use. Close it when done.
type Server struct {
	// Injector is the module's fault vocabulary (Inject, FailNext,
	// DropNext, SetLatency, ClearFaults, FaultStats).
	fault.Injector

	faults       *faultengine.Engine
	tcpLn, tlsLn net.Listener
	http, https  *httptest.Server
	pool         *x509.CertPool
	done         chan struct{}
	wg           sync.WaitGroup
	closeOnce    sync.Once

	mu       sync.Mutex
	users    map[string]string
	groups   map[groupKey]bool
	centers  map[string]*stored // by callcenter.UserIDKey of the id
	sessions map[string]*session
	depts    map[deptKey]bool
	members  map[string]member // users of the groups, by callcenter.UserIDKey (agents.go)
	cmdDelay time.Duration
	utf8     bool
	conns    map[uint64]net.Conn
	nextConn uint64
	stats    Stats
	perType  map[string]int
}

// NewServer starts a server on 127.0.0.1 (TCP, TLS, HTTP and HTTPS
// listeners on free ports). It panics if it cannot listen, like
// httptest.NewServer.
func NewServer(opts ...Option) *Server {
	s := &Server{
		depts:    map[deptKey]bool{},
		members:  map[string]member{},
		done:     make(chan struct{}),
		users:    map[string]string{DefaultUser: DefaultPassword},
		groups:   map[groupKey]bool{},
		centers:  map[string]*stored{},
		sessions: map[string]*session{},
		conns:    map[uint64]net.Conn{},
		perType:  map[string]int{},
	}
	s.faults = faultengine.New(faultengine.Config{})
	s.Injector = s.faults
	for _, o := range opts {
		o(s)
	}
	cert, pool, err := newCertificate()
	if err != nil {
		panic("broadworkstest: " + err.Error())
	}
	s.pool = pool
	s.tcpLn = listen()
	s.tlsLn = tls.NewListener(listen(), &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	for _, l := range []struct {
		ln     net.Listener
		secure bool
	}{{s.tcpLn, false}, {s.tlsLn, true}} {
		s.wg.Add(1)
		go s.accept(l.ln, l.secure)
	}
	mux := http.NewServeMux()
	mux.HandleFunc(SOAPPath, s.serveSOAP)
	s.http = httptest.NewServer(mux)
	s.https = httptest.NewUnstartedServer(mux)
	s.https.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	s.https.StartTLS()
	return s
}

func listen() net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic("broadworkstest: listen: " + err.Error())
	}
	return ln
}

// TCPAddr is the host:port of plain OCI-P.
func (s *Server) TCPAddr() string { return s.tcpLn.Addr().String() }

// TLSAddr is the host:port of OCI-P over TLS.
func (s *Server) TLSAddr() string { return s.tlsLn.Addr().String() }

// SOAPURL is the http:// URL of the SOAP endpoint.
func (s *Server) SOAPURL() string { return s.http.URL + SOAPPath }

// SOAPTLSURL is the https:// URL of the SOAP endpoint.
func (s *Server) SOAPTLSURL() string { return s.https.URL + SOAPPath }

// CertPool holds the server's self-signed certificate (valid for
// 127.0.0.1, ::1 and localhost).
func (s *Server) CertPool() *x509.CertPool { return s.pool }

// ClientTLSConfig returns a TLS configuration that trusts the server.
func (s *Server) ClientTLSConfig() *tls.Config {
	return &tls.Config{RootCAs: s.pool, MinVersion: tls.VersionTLS12}
}

// AddUser adds (or changes the password of) a user that may log in.
func (s *Server) AddUser(user, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[user] = password
}

// AddGroup declares a group; see the package comment on groups.
func (s *Server) AddGroup(serviceProviderID, groupID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.groups[groupKey{serviceProviderID, groupID}] = true
}

// SetCommandDelay changes the per-command delay (see [WithCommandDelay]).
func (s *Server) SetCommandDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cmdDelay = d
}

// AddDepartment declares a department (see [WithDepartment]).
func (s *Server) AddDepartment(serviceProviderID, groupID, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.depts[deptKey{serviceProviderID, groupID, name}] = true
}

// Active reports whether the stored call center serviceUserID is active
// (false when there is none).
func (s *Server) Active(serviceUserID string) bool {
	active, _ := readCenter(s, serviceUserID, func(st *stored) bool { return !st.inactive })
	return active
}

// DropConnections closes every open OCI-P connection now (ending its
// sessions), as a server restart or an idle timeout would.
func (s *Server) DropConnections() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		_ = c.Close()
	}
}

// ExpireSessions forgets every session: the next command of each client is
// answered [Error 5404] Unauthorized transaction.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.sessions)
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// CommandCount returns how many commands of type typ (e.g.
// "GroupCallCenterAddInstanceRequest22") the server has received.
func (s *Server) CommandCount(typ string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.perType[typ]
}

// CallCenters returns copies of every stored call center, sorted by
// service user id, with ServiceProviderID, GroupID and the password as
// received.
func (s *Server) CallCenters() []callcenter.CallCenter {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]callcenter.CallCenter, 0, len(s.centers))
	for _, st := range s.centers {
		out = append(out, st.cc())
	}
	slices.SortFunc(out, func(a, b callcenter.CallCenter) int { return strings.Compare(a.ServiceUserID, b.ServiceUserID) })
	return out
}

// CallCenter returns a copy of the stored call center serviceUserID.
func (s *Server) CallCenter(serviceUserID string) (callcenter.CallCenter, bool) {
	return readCenter(s, serviceUserID, (*stored).cc)
}

// readCenter reads the stored call center serviceUserID with read, under
// the server's lock; ok is false when there is none.
func readCenter[T any](s *Server, serviceUserID string, read func(*stored) T) (v T, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.centers[callcenter.UserIDKey(serviceUserID)]
	if !ok {
		return v, false
	}
	return read(st), true
}

// Close stops the listeners, closes every connection and waits for the
// server's goroutines to end.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.faults.Close()
		_ = s.tcpLn.Close()
		_ = s.tlsLn.Close()
		s.DropConnections()
		s.http.CloseClientConnections()
		s.https.CloseClientConnections()
		s.http.Close()
		s.https.Close()
		s.wg.Wait()
	})
}
