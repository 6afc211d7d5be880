// Package apiotest is an in-process fake of the Netaxis APIO gateway's
// authentication and call-center API, for tests and benchmarks of package
// apio and of code built on it.
//
//	srv := apiotest.NewServer()
//	defer srv.Close()
//	c, _ := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUsername, apiotest.DefaultPassword))
//
// The fake is stateful and enforces APIO's rules as reference 001 and the
// public APIO documentation describe them:
//
//   - login (POST /api/v01/auth/login) with one configured user, returning an
//     access token and a refresh token with configurable lifetimes, and the
//     user's machine token when one is configured; an optional two-factor
//     step (POST /api/v01/auth/2fa, or /api/v01/auth/2fa_totp for TOTP);
//     refresh (GET /api/v01/auth/access_token with the refresh token as
//     bearer), which sends a new refresh token only when the old one is
//     about to expire;
//   - every call-center request needs "Authorization: Bearer <token>" with a
//     live access token or the machine token, else 401;
//   - call centers per tenant and group, with APIO's trailing slashes; a
//     service user id is unique across the whole system (as in BroadWorks),
//     so creating it twice answers 409 (or the status of
//     [WithDuplicateStatus]); an unknown one answers 404;
//   - bodies must be JSON objects with APIO's field names; values are
//     parsed, defaulted and validated by the callcenter model, and an option
//     the call center's type does not accept (callcenter.Type.Allows) is
//     refused with 400;
//   - every error body is APIO's {"error": "message"}.
//
// Hooks: [Server.Inject] (and [Server.FailNext], [Server.DropNext]) inject
// error statuses, 429 bursts or dropped connections into the next matching
// requests; [Server.SetLatency] delays every answer; [Server.ExpireAccessTokens]
// and [Server.RevokeRefreshTokens] end sessions at once; [Server.Stats]
// counts logins, refreshes and creates; [Server.CallCenters] lists what is
// stored. A Server is safe for concurrent use; Close it to free its
// goroutines.
package apiotest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
)

// Defaults of a new Server.
const (
	DefaultUsername   = "apio-admin"
	DefaultPassword   = "apio-Pa55word"
	DefaultAccessTTL  = 5 * time.Minute
	DefaultRefreshTTL = time.Hour
)

// Option configures a Server.
type Option func(*Server)

// WithCredentials sets the user name and password the fake accepts.
func WithCredentials(username, password string) Option {
	return func(s *Server) { s.username, s.password = username, password }
}

// WithTokenLifetimes sets how long access and refresh tokens live (zero or
// negative: the default). Short lifetimes let tests see tokens expire.
func WithTokenLifetimes(access, refresh time.Duration) Option {
	return func(s *Server) {
		if access > 0 {
			s.accessTTL = access
		}
		if refresh > 0 {
			s.refreshTTL = refresh
		}
	}
}

// WithTwoFactor makes every login need a second step with code. method is
// what the login answer names in "option": "email" (the code goes to
// /api/v01/auth/2fa), "totp" (to /api/v01/auth/2fa_totp) or "" (not named;
// /api/v01/auth/2fa).
func WithTwoFactor(code, method string) Option {
	return func(s *Server) { s.twoFactorCode, s.twoFactorMethod = code, method }
}

// WithMachineToken gives the user a long-lived machine token: the login
// answer carries it as "token", and it is accepted as an access token.
func WithMachineToken(token string) Option { return func(s *Server) { s.machineToken = token } }

// WithDuplicateStatus sets the status of the answer to creating a service
// user id that exists (default 409; some APIO versions pass BroadWorks'
// refusal on as 400).
func WithDuplicateStatus(status int) Option { return func(s *Server) { s.dupStatus = status } }

// Stats counts what the fake has seen since it started.
type Stats struct {
	Requests         int // every HTTP request, faults included
	Faults           int // requests answered by an injected fault
	Logins           int // password logins accepted
	FailedLogins     int // password logins refused
	TwoFactorLogins  int // two-factor steps accepted
	Refreshes        int // access tokens renewed with a refresh token
	RefusedRefreshes int // refresh tokens refused (expired, revoked, unknown)
	Unauthorized     int // call-center requests refused with 401
	Creates          int // call centers created
	Updates          int // call centers updated
	Deletes          int // call centers deleted
}

// Fault is an answer injected instead of the normal one, for the next
// Times requests that match Method and Path.
type Fault struct {
	Method string // request method to match; "" matches any
	Path   string // substring of the escaped request path to match; "" matches any
	// Status is the answer's status (default 500), with body
	// {"error": "injected fault"}.
	Status int
	// RetryAfter, when set, is sent as the Retry-After header (e.g. "0").
	RetryAfter string
	// Drop closes the connection after reading the request, without an
	// answer.
	Drop bool
	// AfterHandling, with Drop, handles the request first (a create takes
	// effect) and then drops the connection: the client cannot know the
	// outcome.
	AfterHandling bool
	// Times is how many matching requests get the fault (default 1).
	Times int
}

// CallCenter is a call center stored by the fake.
type CallCenter struct {
	TenantID      string
	GroupID       string
	ServiceUserID string
	Name          string
	Type          string
	Policy        string
	Active        bool
	// Password is the clear password the client sent, so that tests can
	// check it reached the wire.
	Password string
	// Instance is the call center as GET returns it (APIO's names), without
	// the password.
	Instance map[string]any
}

type tokenKind int

const (
	accessToken tokenKind = iota + 1
	refreshToken
)

type token struct {
	kind    tokenKind
	expires time.Time
}

// record is one stored call center: its body as received and merged
// (APIO names, password included) and its active flag.
type record struct {
	tenant, group string
	data          map[string]any
	active        bool
}

// Server is a fake APIO gateway listening on 127.0.0.1.
type Server struct {
	// URL is the base URL to give apio.NewClient.
	URL string

	srv *fault.Server

	// Settings, fixed by NewServer.
	username, password             string
	accessTTL, refreshTTL          time.Duration
	twoFactorCode, twoFactorMethod string
	machineToken                   string
	dupStatus                      int

	mu       sync.Mutex
	tokens   map[string]token
	payloads map[string]bool // pending two-factor payloads
	centers  map[string]*record
	stats    Stats
}

// NewServer starts a fake APIO on 127.0.0.1.
func NewServer(opts ...Option) *Server {
	s := &Server{
		username:   DefaultUsername,
		password:   DefaultPassword,
		accessTTL:  DefaultAccessTTL,
		refreshTTL: DefaultRefreshTTL,
		dupStatus:  http.StatusConflict,
		tokens:     map[string]token{},
		payloads:   map[string]bool{},
		centers:    map[string]*record{},
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	s.srv = fault.NewServer(fault.Config{
		WriteError: func(w http.ResponseWriter, _ *http.Request, status int) { writeError(w, status, "injected fault") },
		MatchPath:  func(r *http.Request, path string) bool { return strings.Contains(r.URL.EscapedPath(), path) },
	}, func(f *fault.Faults) http.Handler { return f.Wrap(http.HandlerFunc(s.serveHTTP)) })
	s.URL = s.srv.URL
	return s
}

// Close stops the server, ending delayed answers at once. It is safe to
// call more than once.
func (s *Server) Close() { s.srv.Close() }

// Client returns an HTTP client that talks to the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Stats returns the counters.
func (s *Server) Stats() Stats {
	fs := s.srv.Stats()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Requests, st.Faults = fs.Requests, fs.Faults
	return st
}

// Inject queues a fault for the next matching requests. Faults apply in the
// order they were injected; each request takes at most one.
func (s *Server) Inject(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	if f.Status == 0 && !f.Drop {
		f.Status = http.StatusInternalServerError
	}
	s.srv.Inject(fault.Fault{Method: f.Method, Path: f.Path, Times: f.Times, Status: f.Status,
		RetryAfter: f.RetryAfter, Drop: f.Drop, AfterHandling: f.Drop && f.AfterHandling})
}

// FailNext answers the next n requests, whatever they are, with status
// (429 gives a burst of rate limiting, with Retry-After: 0).
func (s *Server) FailNext(n, status int) {
	f := Fault{Status: status, Times: n}
	if status == http.StatusTooManyRequests {
		f.RetryAfter = "0"
	}
	s.Inject(f)
}

// DropNext closes the connection of the next n requests after reading
// them, without handling them.
func (s *Server) DropNext(n int) { s.Inject(Fault{Drop: true, Times: n}) }

// ClearFaults removes every pending fault.
func (s *Server) ClearFaults() { s.srv.Clear() }

// SetLatency delays every later answer by d (0: none). A delayed request
// ends early when its client gives up or the server closes.
func (s *Server) SetLatency(d time.Duration) { s.srv.SetLatency(d) }

// ExpireAccessTokens makes every access token issued so far expired, as if
// its lifetime had passed: the next request with one gets 401.
func (s *Server) ExpireAccessTokens() { s.expire(accessToken) }

// RevokeRefreshTokens makes every refresh token issued so far expired: the
// next refresh is refused with 401 and the client must log in again.
func (s *Server) RevokeRefreshTokens() { s.expire(refreshToken) }

func (s *Server) expire(kind tokenKind) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, t := range s.tokens {
		if t.kind == kind {
			t.expires = time.Time{}
			s.tokens[k] = t
		}
	}
}

// CallCenters returns the stored call centers, ordered by tenant, group and
// service user id.
func (s *Server) CallCenters() []CallCenter {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CallCenter, 0, len(s.centers))
	for id, r := range s.centers {
		prof, _ := r.data["serviceInstanceProfile"].(map[string]any)
		out = append(out, CallCenter{
			TenantID:      r.tenant,
			GroupID:       r.group,
			ServiceUserID: id,
			Name:          str(prof["name"]),
			Type:          str(r.data["type"]),
			Policy:        str(r.data["policy"]),
			Active:        r.active,
			Password:      str(prof["password"]),
			Instance:      instanceOf(r.data),
		})
	}
	slices.SortFunc(out, func(a, b CallCenter) int {
		return strings.Compare(a.TenantID+"\x00"+a.GroupID+"\x00"+a.ServiceUserID, b.TenantID+"\x00"+b.GroupID+"\x00"+b.ServiceUserID)
	})
	return out
}

// serveHTTP reads the body and routes the request (counting, latency and
// faults are applied in front of it by s.faults).
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "cannot read the request body")
		return
	}
	s.route(w, r, body)
}

// writeError writes APIO's error body.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) { fault.WriteJSON(w, status, v) }

// route dispatches on the escaped path, so that escaping mistakes show.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	p := r.URL.EscapedPath()
	switch p {
	case "/api/v01/auth/login":
		if allow(w, r, http.MethodPost) && jsonBody(w, r) {
			s.login(w, body)
		}
		return
	case "/api/v01/auth/2fa", "/api/v01/auth/2fa_totp":
		if allow(w, r, http.MethodPost) && jsonBody(w, r) {
			s.twoFactor(w, p, body)
		}
		return
	case "/api/v01/auth/access_token":
		if allow(w, r, http.MethodGet) {
			s.refresh(w, r)
		}
		return
	}
	rest, ok := strings.CutPrefix(p, "/api/v1/tenants/")
	if !ok || !strings.HasSuffix(rest, "/") {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	segs := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	for i, seg := range segs {
		v, err := url.PathUnescape(seg)
		if err != nil || v == "" {
			writeError(w, http.StatusNotFound, "not found")
			return
		}
		segs[i] = v
	}
	if len(segs) < 5 || len(segs) > 6 || segs[1] != "groups" || segs[3] != "services" || segs[4] != "call_centers" {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	if !s.authorized(w, r) {
		return
	}
	tenant, group := segs[0], segs[2]
	if len(segs) == 5 {
		switch r.Method {
		case http.MethodGet:
			s.list(w, tenant, group)
		case http.MethodPost:
			if jsonBody(w, r) {
				s.create(w, tenant, group, body)
			}
		default:
			writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		}
		return
	}
	id := segs[5]
	switch {
	case id == "active_instance" && r.Method == http.MethodPut:
		if jsonBody(w, r) {
			s.setActive(w, tenant, group, body)
		}
	case r.Method == http.MethodGet:
		s.get(w, tenant, group, id)
	case r.Method == http.MethodPut:
		if jsonBody(w, r) {
			s.update(w, tenant, group, id, body)
		}
	case r.Method == http.MethodDelete:
		s.delete(w, tenant, group, id)
	default:
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

func allow(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method != method {
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		return false
	}
	return true
}

// jsonBody checks that the request declares a JSON body.
func jsonBody(w http.ResponseWriter, r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, http.StatusBadRequest, "Content-Type must be application/json")
		return false
	}
	return true
}

// newToken returns a random token text.
func newToken(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return prefix + hex.EncodeToString(b)
}

// issue stores a new token of kind and returns it. The caller holds s.mu.
func (s *Server) issue(kind tokenKind) string {
	now := time.Now()
	for k, t := range s.tokens { // forget long-dead tokens
		if now.Sub(t.expires) > s.refreshTTL {
			delete(s.tokens, k)
		}
	}
	prefix, ttl := "apio-access-", s.accessTTL
	if kind == refreshToken {
		prefix, ttl = "apio-refresh-", s.refreshTTL
	}
	tok := newToken(prefix)
	s.tokens[tok] = token{kind: kind, expires: now.Add(ttl)}
	return tok
}

// live reports whether tok is a live token of kind. The caller holds s.mu.
func (s *Server) live(tok string, kind tokenKind) bool {
	t, ok := s.tokens[tok]
	return ok && t.kind == kind && time.Now().Before(t.expires)
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(r *http.Request) string {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}

// tokens answers a successful login. The caller holds s.mu.
func (s *Server) grant() map[string]string {
	out := map[string]string{"access_token": s.issue(accessToken), "refresh_token": s.issue(refreshToken)}
	if s.machineToken != "" {
		out["token"] = s.machineToken
	}
	return out
}

func (s *Server) login(w http.ResponseWriter, body []byte) {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if in.Username != s.username || in.Password != s.password {
		s.stats.FailedLogins++
		writeError(w, http.StatusUnauthorized, "invalid credentials")
		return
	}
	s.stats.Logins++
	if s.twoFactorCode != "" {
		p := newToken("apio-2fa-")
		s.payloads[p] = true
		out := map[string]string{"2fa_payload": p}
		if s.twoFactorMethod != "" {
			out["option"] = s.twoFactorMethod
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	writeJSON(w, http.StatusOK, s.grant())
}

func (s *Server) twoFactor(w http.ResponseWriter, path string, body []byte) {
	want := "/api/v01/auth/2fa"
	if s.twoFactorMethod == "totp" {
		want = "/api/v01/auth/2fa_totp"
	}
	if path != want {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	var in struct {
		Payload string `json:"2fa_payload"`
		Code    string `json:"code"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case !s.payloads[in.Payload]:
		writeError(w, http.StatusUnauthorized, "invalid or expired 2fa_payload")
	case s.twoFactorCode == "" || in.Code != s.twoFactorCode:
		writeError(w, http.StatusUnauthorized, "invalid code")
	default:
		delete(s.payloads, in.Payload)
		s.stats.TwoFactorLogins++
		writeJSON(w, http.StatusOK, s.grant())
	}
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	tok := bearer(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.live(tok, refreshToken) {
		s.stats.RefusedRefreshes++
		writeError(w, http.StatusUnauthorized, "refresh token expired or invalid")
		return
	}
	s.stats.Refreshes++
	out := map[string]string{"access_token": s.issue(accessToken)}
	if time.Until(s.tokens[tok].expires) < s.accessTTL { // about to expire
		out["refresh_token"] = s.issue(refreshToken)
	}
	writeJSON(w, http.StatusOK, out)
}

// authorized checks the bearer token of a call-center request.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	tok := bearer(r)
	s.mu.Lock()
	ok := tok != "" && (s.live(tok, accessToken) || (s.machineToken != "" && tok == s.machineToken))
	if !ok {
		s.stats.Unauthorized++
	}
	s.mu.Unlock()
	if !ok {
		msg := "missing or invalid access token"
		if tok != "" {
			msg = "token has expired or is invalid"
		}
		writeError(w, http.StatusUnauthorized, msg)
	}
	return ok
}

// decodeObject parses a JSON object, keeping numbers exact.
func decodeObject(body []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil || m == nil {
		return nil, fmt.Errorf("the body must be a JSON object")
	}
	if d.More() {
		return nil, fmt.Errorf("the body must be one JSON object")
	}
	return m, nil
}

// copyObject deep-copies a decoded JSON object.
func copyObject(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	out, _ := decodeObject(b)
	return out
}

// instanceOf returns the stored body as GET shows it: a copy without the
// password.
func instanceOf(data map[string]any) map[string]any {
	out := copyObject(data)
	if p, ok := out["serviceInstanceProfile"].(map[string]any); ok {
		delete(p, "password")
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func (s *Server) create(w http.ResponseWriter, tenant, group string, body []byte) {
	data, err := decodeObject(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	dropNulls(data)
	if msg := check(tenant, group, data); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	id := str(data["serviceUserId"])
	delete(data, "templateName") // applied at creation; not part of the instance
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.centers[id]; dup {
		writeError(w, s.dupStatus, fmt.Sprintf("[Error 4200] User already exists: %s", id))
		return
	}
	s.centers[id] = &record{tenant: tenant, group: group, data: data, active: true}
	s.stats.Creates++
	writeJSON(w, http.StatusOK, map[string]any{"callCenterInstance": instanceOf(data)})
}

// find returns the call center id of tenant and group. The caller holds
// s.mu.
func (s *Server) find(tenant, group, id string) *record {
	r := s.centers[id]
	if r == nil || r.tenant != tenant || r.group != group {
		return nil
	}
	return r
}

func notFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, fmt.Sprintf("[Error 4008] User not found: %s", id))
}

func (s *Server) get(w http.ResponseWriter, tenant, group, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.find(tenant, group, id)
	if r == nil {
		notFound(w, id)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"callCenterInstance": instanceOf(r.data)})
}

func (s *Server) list(w http.ResponseWriter, tenant, group string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0)
	for id, r := range s.centers {
		if r.tenant == tenant && r.group == group {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	list := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		r := s.centers[id]
		prof, _ := r.data["serviceInstanceProfile"].(map[string]any)
		entry := map[string]any{
			"serviceUserId": id,
			"name":          str(prof["name"]),
			"phoneNumber":   str(prof["phoneNumber"]),
			"extension":     str(prof["extension"]),
			"active":        r.active,
			"policy":        str(r.data["policy"]),
			"type":          str(r.data["type"]),
		}
		if d, ok := prof["department"].(map[string]any); ok {
			d = copyObject(d)
			d["fullPathName"] = str(d["departmentName"])
			entry["department"] = d
		}
		list = append(list, entry)
	}
	writeJSON(w, http.StatusOK, map[string]any{"call_centers": list})
}

func (s *Server) update(w http.ResponseWriter, tenant, group, id string, body []byte) {
	changes, err := decodeObject(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.find(tenant, group, id)
	if r == nil {
		notFound(w, id)
		return
	}
	if v, ok := changes["serviceUserId"]; ok && v != id {
		writeError(w, http.StatusBadRequest, "serviceUserId cannot be changed")
		return
	}
	merged := copyObject(r.data)
	for k, v := range changes {
		if k == "serviceInstanceProfile" {
			cp, ok := v.(map[string]any)
			if !ok {
				writeError(w, http.StatusBadRequest, "serviceInstanceProfile must be an object")
				return
			}
			prof, _ := merged[k].(map[string]any)
			if prof == nil {
				prof = map[string]any{}
			}
			for pk, pv := range cp {
				prof[pk] = pv
			}
			merged[k] = prof
			continue
		}
		merged[k] = v
	}
	dropNulls(merged)
	if msg := check(tenant, group, merged); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	r.data = merged
	s.stats.Updates++
	writeJSON(w, http.StatusOK, map[string]any{"callCenterInstance": instanceOf(merged)})
}

func (s *Server) delete(w http.ResponseWriter, tenant, group, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.find(tenant, group, id) == nil {
		notFound(w, id)
		return
	}
	delete(s.centers, id)
	s.stats.Deletes++
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (s *Server) setActive(w http.ResponseWriter, tenant, group string, body []byte) {
	var in struct {
		Services []struct {
			ServiceUserID string `json:"serviceUserId"`
			Active        *bool  `json:"active"`
		} `json:"services"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body")
		return
	}
	if len(in.Services) == 0 {
		writeError(w, http.StatusBadRequest, "services: at least one service is required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, sv := range in.Services { // check all before changing any
		if sv.Active == nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("services[%d].active is required", i))
			return
		}
		if s.find(tenant, group, sv.ServiceUserID) == nil {
			notFound(w, sv.ServiceUserID)
			return
		}
	}
	for _, sv := range in.Services {
		s.centers[sv.ServiceUserID].active = *sv.Active
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}
