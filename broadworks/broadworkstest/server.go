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
//     [Error 4152].
//   - Groups: while no group has been added (with [WithGroup] or
//     [Server.AddGroup]) every service provider and group exists. Once one
//     is added, only added groups exist.
//
// Answers are declared ISO-8859-1 by default, like real servers, with the
// characters outside Latin-1 as numeric character references
// ([WithResponseEncoding] changes this). Error wordings that the notes on
// real servers do not give (schema and type-option errors) are the fake's own.
//
// Fault injection: [Server.InjectFault] (drop the connection after reading
// a document, with or without carrying it out; an ErrorResponse) for chosen
// service user ids or the next N commands, [Server.SetLatency] and
// [Server.SetCommandDelay], [Server.DropConnections], [Server.ExpireSessions].
// Counters: [Server.Stats], [Server.CommandCount]; state: [Server.CallCenters].
package broadworkstest

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
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

// WithLatency delays every answer document by d (a simulated round-trip
// and processing time, paid once per document).
func WithLatency(d time.Duration) Option { return func(s *Server) { s.latency = d } }

// WithCommandDelay delays every answer by d per command in the document.
func WithCommandDelay(d time.Duration) Option { return func(s *Server) { s.cmdDelay = d } }

// WithResponseEncoding sets the encoding answers declare: "ISO-8859-1"
// (the default) or "UTF-8".
func WithResponseEncoding(enc string) Option {
	return func(s *Server) { s.utf8 = strings.EqualFold(enc, "UTF-8") }
}

// Fault is an injected failure. It hits the commands that match
// ServiceUserID and Command; login and logout commands only when Command
// names them.
type Fault struct {
	// ServiceUserID limits the fault to commands whose serviceUserId is
	// this ("" matches any command).
	ServiceUserID string
	// Command limits the fault to commands of this type, e.g.
	// "GroupCallCenterAddInstanceRequest22" ("" matches any type).
	Command string
	// Times is how many matching commands the fault hits (0: all of them).
	Times int
	// Drop closes the connection after reading the document, without
	// answering (SOAP: the HTTP connection is closed).
	Drop bool
	// Apply, with Drop, carries out the whole document before dropping: the
	// client then cannot know that its commands took effect.
	Apply bool
	// Error, when Drop is false, answers an ErrorResponse with this summary
	// (e.g. "[Error 4000] Injected") instead of carrying out the command.
	Error string
}

type fault struct {
	Fault
	left int // hits left; -1: unlimited
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
	Drops       int // connections dropped by a fault
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
	cc callcenter.CallCenter
}

// Server is the fake. It is safe for concurrent use. Close it when done.
type Server struct {
	tcpLn, tlsLn net.Listener
	http, https  *httptest.Server
	pool         *x509.CertPool
	done         chan struct{}
	wg           sync.WaitGroup
	closeOnce    sync.Once

	mu       sync.Mutex
	users    map[string]string
	groups   map[groupKey]bool
	centers  map[string]*stored
	sessions map[string]*session
	faults   []*fault
	latency  time.Duration
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
		done:     make(chan struct{}),
		users:    map[string]string{DefaultUser: DefaultPassword},
		groups:   map[groupKey]bool{},
		centers:  map[string]*stored{},
		sessions: map[string]*session{},
		conns:    map[uint64]net.Conn{},
		perType:  map[string]int{},
	}
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

// SetLatency changes the per-document delay (see [WithLatency]).
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetCommandDelay changes the per-command delay (see [WithCommandDelay]).
func (s *Server) SetCommandDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cmdDelay = d
}

// InjectFault adds a fault. Faults are checked in the order they were added.
func (s *Server) InjectFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	left := f.Times
	if left <= 0 {
		left = -1
	}
	s.faults = append(s.faults, &fault{Fault: f, left: left})
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
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
		out = append(out, st.cc.Clone())
	}
	slices.SortFunc(out, func(a, b callcenter.CallCenter) int { return strings.Compare(a.ServiceUserID, b.ServiceUserID) })
	return out
}

// CallCenter returns a copy of the stored call center serviceUserID.
func (s *Server) CallCenter(serviceUserID string) (callcenter.CallCenter, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.centers[serviceUserID]
	if !ok {
		return callcenter.CallCenter{}, false
	}
	return st.cc.Clone(), true
}

// Close stops the listeners, closes every connection and waits for the
// server's goroutines to end.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
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

func (s *Server) accept(ln net.Listener, secure bool) {
	defer s.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		select {
		case <-s.done:
			s.mu.Unlock()
			_ = c.Close()
			return
		default:
		}
		s.nextConn++
		id := s.nextConn
		s.conns[id] = c
		s.stats.Connections++
		s.wg.Add(1)
		s.mu.Unlock()
		go s.serveConn(c, id, secure)
	}
}

func (s *Server) serveConn(c net.Conn, id uint64, secure bool) {
	defer s.wg.Done()
	defer func() {
		_ = c.Close()
		s.mu.Lock()
		delete(s.conns, id)
		for sid, ss := range s.sessions {
			if ss.connID == id {
				delete(s.sessions, sid) // the connection's sessions end with it
			}
		}
		s.mu.Unlock()
	}()
	if tc, ok := c.(*tls.Conn); ok {
		_ = tc.SetDeadline(time.Now().Add(10 * time.Second))
		if err := tc.Handshake(); err != nil {
			return
		}
		_ = tc.SetDeadline(time.Time{})
	}
	br := bufio.NewReader(c)
	for {
		doc, err := readDoc(br, maxRequest)
		if err != nil {
			return
		}
		resp, drop, _ := s.handle(doc, reqInfo{secure: secure, connID: id})
		if drop {
			return
		}
		if _, err := c.Write(append(resp, '\n')); err != nil {
			return
		}
	}
}

// reqInfo says where a document came from.
type reqInfo struct {
	secure  bool
	connID  uint64 // stream connection, 0 for SOAP
	textual bool   // SOAP: the document is already Unicode text
	cookie  string // SOAP: the JSESSIONID cookie sent
}

func (s *Server) sleep(d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.done:
	}
}

// handle answers one document. drop asks the caller to close the
// connection without answering; setCookie (SOAP) is a new session cookie.
func (s *Server) handle(data []byte, info reqInfo) (resp []byte, drop bool, setCookie string) {
	root, err := parseTree(data, info.textual)
	var sessionID string
	var cmds []*node
	if err == nil {
		if root.name != "BroadsoftDocument" {
			err = errors.New("root element is not BroadsoftDocument")
		} else if p, _ := root.attr("protocol"); p != "OCI" {
			err = errors.New(`protocol must be "OCI"`)
		}
	}
	if err == nil {
		if sid := root.kid("sessionId"); sid != nil {
			sessionID = strings.TrimSpace(sid.text)
		}
		cmds = root.all("command")
		switch {
		case sessionID == "":
			err = errors.New("sessionId is missing")
		case len(cmds) < 1 || len(cmds) > 15:
			err = errors.New("a document holds 1 to 15 commands")
		}
	}

	s.mu.Lock()
	s.stats.Documents++
	latency := s.latency + s.cmdDelay*time.Duration(len(cmds))
	s.mu.Unlock()
	s.sleep(latency)

	var o out
	o.raw(`<?xml version="1.0" encoding="`)
	if s.utf8 {
		o.raw("UTF-8")
	} else {
		o.raw("ISO-8859-1")
	}
	o.raw(`"?>` + "\n" + `<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	o.raw(`<sessionId xmlns="">`)
	_ = xml.EscapeText(&o.b, []byte(sessionID))
	o.raw(`</sessionId>`)

	s.mu.Lock()
	if err != nil {
		errorResponse(&o, CodeSchema, "OCI-P document rejected: "+err.Error())
	} else {
		s.stats.Commands += len(cmds)
		for _, c := range cmds {
			s.perType[c.typ]++
		}
		if f := s.dropFault(cmds); f != nil {
			s.stats.Drops++
			if f.Apply {
				var discard out
				for _, c := range cmds {
					s.command(&discard, c, sessionID, info)
				}
			}
			s.mu.Unlock()
			return nil, true, ""
		}
		for _, c := range cmds {
			if f := s.match(c, false); f != nil {
				errorResponse(&o, 0, f.Error)
				continue
			}
			if ck := s.command(&o, c, sessionID, info); ck != "" {
				setCookie = ck
			}
		}
	}
	s.mu.Unlock()
	o.raw(`</BroadsoftDocument>`)
	return encodeText(o.b.Bytes(), !s.utf8 && !info.textual), false, setCookie
}

// dropFault returns the first drop fault matching a command of the
// document, using up one hit. Called with s.mu held.
func (s *Server) dropFault(cmds []*node) *fault {
	for _, c := range cmds {
		if f := s.match(c, true); f != nil {
			return f
		}
	}
	return nil
}

// match returns the first fault of the kind asked (drop or not) that
// matches c, using up one hit. Called with s.mu held.
func (s *Server) match(c *node, drop bool) *fault {
	uid := ""
	if k := c.kid("serviceUserId"); k != nil {
		uid = strings.TrimSpace(k.text)
	}
	for i, f := range s.faults {
		if f.Drop != drop || f.left == 0 {
			continue
		}
		if f.Command == "" && loginTypes[c.typ] || f.Command != "" && f.Command != c.typ {
			continue
		}
		if f.ServiceUserID != "" && f.ServiceUserID != uid {
			continue
		}
		if f.left > 0 {
			f.left--
			if f.left == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		return f
	}
	return nil
}

var loginTypes = map[string]bool{"AuthenticationRequest": true, "LoginRequest14sp4": true, "LoginRequest22V5": true, "LogoutRequest": true}

func newToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// serveSOAP answers processOCIMessage.
func (s *Server) serveSOAP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(ct), "text/xml") {
		soapFault(w, "soapenv:Client", "Content-Type must be text/xml, not "+ct)
		return
	}
	if _, ok := r.Header["Soapaction"]; !ok {
		soapFault(w, "soapenv:Client", "SOAPAction header missing")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequest*6))
	if err != nil {
		return
	}
	doc, err := soapArgument(body)
	if err != nil {
		soapFault(w, "soapenv:Client", err.Error())
		return
	}
	cookie := ""
	if c, err := r.Cookie("JSESSIONID"); err == nil {
		cookie = c.Value
	}
	resp, drop, setCookie := s.handle([]byte(doc), reqInfo{secure: r.TLS != nil, textual: true, cookie: cookie})
	if drop {
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				_ = c.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	if setCookie != "" {
		http.SetCookie(w, &http.Cookie{Name: "JSESSIONID", Value: setCookie, Path: "/", HttpOnly: true})
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><processOCIMessageResponse xmlns=""><ns1:processOCIMessageReturn xmlns:ns1="urn:com:broadsoft:webservice">`)
	_ = xml.EscapeText(&b, resp)
	b.WriteString(`</ns1:processOCIMessageReturn></processOCIMessageResponse></soapenv:Body></soapenv:Envelope>`)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

// soapArgument returns the text of the single argument of
// processOCIMessage.
func soapArgument(body []byte) (string, error) {
	root, err := parseTree(body, false)
	if err != nil {
		return "", errors.New("malformed SOAP request: " + err.Error())
	}
	if root.name != "Envelope" {
		return "", errors.New("SOAP request root is not Envelope")
	}
	b := root.kid("Body")
	if b == nil {
		return "", errors.New("SOAP request without Body")
	}
	call := b.kid("processOCIMessage")
	if call == nil || len(call.kids) != 1 {
		return "", errors.New("SOAP request is not processOCIMessage with one argument")
	}
	return call.kids[0].text, nil
}

func soapFault(w http.ResponseWriter, code, msg string) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>`)
	_ = xml.EscapeText(&b, []byte(code))
	b.WriteString(`</faultcode><faultstring>`)
	_ = xml.EscapeText(&b, []byte(msg))
	b.WriteString(`</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(b.Bytes())
}
