// Package apiotest is an in-process fake of the Netaxis APIO gateway's
// authentication and call-center API, for tests and benchmarks of package
// apio and of code built on it.
//
//	srv := apiotest.NewServer()
//	defer srv.Close()
//	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword))
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
//     about to expire; logout (POST /api/v01/auth/logout with the access
//     token as bearer), which ends the access and refresh tokens of that
//     login;
//   - every call-center request needs "Authorization: Bearer <token>" with a
//     live access token or the machine token, else 401;
//   - call centers per tenant and group, with APIO's trailing slashes; a
//     service user id is unique across the whole system (as in BroadWorks),
//     so creating it twice answers 409 (or the status of
//     [WithDuplicateStatus]); an unknown one answers 404; ids compare as
//     BroadWorks, behind APIO, compares them ([callcenter.UserIDKey]:
//     surrounding spaces are no part of an id, and case does not matter),
//     and are stored and listed as created;
//   - bodies must be JSON objects with APIO's field names; values are
//     parsed, defaulted and validated by the callcenter model, and an option
//     the call center's type does not accept (callcenter.Type.Allows) is
//     refused with 400; a department key needs a departmentName; in an
//     update, null clears a field;
//   - the list shows each call center's department (with its fullPathName)
//     and active status, which PUT .../active_instance/ sets;
//   - every error body is APIO's {"error": "message"}.
//
// Faults: the embedded [fault.Injector] gives every fake of the module the
// same methods ([fault.Injector.Inject], FailNext, DropNext, SetLatency,
// ClearFaults, FaultStats). A [fault.Fault]'s Path matches when it is a
// substring of the escaped request path (e.g. "/groups/G1/" or
// "/auth/login"). Other hooks: [Server.ExpireAccessTokens] and
// [Server.RevokeRefreshTokens] end sessions at once; [Server.Stats] counts
// logins, logouts, refreshes and writes; [Server.CallCenters] lists what is
// stored. A Server is safe for concurrent use; Close it to free its
// goroutines.
package apiotest

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/faultengine"
)

// Defaults of a new Server.
const (
	// DefaultUser and DefaultPassword are the credentials the fake accepts
	// unless [WithCredentials] says otherwise.
	DefaultUser     = "apio-admin"
	DefaultPassword = "apio-Pa55word"
	// DefaultAccessTTL and DefaultRefreshTTL are the token lifetimes unless
	// [WithTokenLifetimes] says otherwise.
	DefaultAccessTTL  = 5 * time.Minute
	DefaultRefreshTTL = time.Hour
)

// Option configures a Server.
type Option func(*Server)

// WithCredentials sets the user name and password the fake accepts
// (default [DefaultUser], [DefaultPassword]).
func WithCredentials(user, password string) Option {
	return func(s *Server) { s.user, s.password = user, password }
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
// refusal on as 400). The message is BroadWorks' "[Error 4200] User already
// exists: <id>" either way.
func WithDuplicateStatus(status int) Option { return func(s *Server) { s.dupStatus = status } }

// Stats are the fake's own counters since it started (the fault table's
// are [fault.Injector.FaultStats]: every request, faults taken, drops).
type Stats struct {
	Logins           int // password logins accepted
	FailedLogins     int // password logins refused
	TwoFactorLogins  int // two-factor steps accepted
	Refreshes        int // access tokens renewed with a refresh token
	RefusedRefreshes int // refresh tokens refused (expired, revoked, unknown)
	Logouts          int // logouts that ended a live session
	RefusedLogouts   int // logouts with a token that was not live
	Unauthorized     int // call-center requests refused with 401
	Creates          int // call centers created
	Updates          int // call centers updated
	Deletes          int // call centers deleted
	ActiveUpdates    int // active-status requests carried out
}

// Department is a department key as the fake stored it.
type Department struct {
	TenantID string
	GroupID  string // "" for an enterprise department
	Name     string
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
	// Department is the call center's department key (nil for none).
	Department *Department
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
	session string // the login that issued it (logout ends them all)
}

// record is one stored call center: its body as received and merged
// (APIO names, password included) and its active flag.
type record struct {
	id            string // the service user id as created
	tenant, group string
	data          map[string]any
	active        bool
}

// Server is a fake APIO gateway listening on 127.0.0.1.
type Server struct {
	// Injector is the module's fault vocabulary (Inject, FailNext,
	// DropNext, SetLatency, ClearFaults, FaultStats).
	fault.Injector
	// URL is exactly the base URL to give apio.NewClient
	// (http://127.0.0.1:port).
	URL string

	srv *faultengine.Server

	// Settings, fixed by NewServer.
	user, password                 string
	accessTTL, refreshTTL          time.Duration
	twoFactorCode, twoFactorMethod string
	machineToken                   string
	dupStatus                      int

	mu       sync.Mutex
	tokens   map[string]token
	payloads map[string]bool    // pending two-factor payloads
	centers  map[string]*record // by callcenter.UserIDKey of the id
	stats    Stats
}

// NewServer starts a fake APIO on 127.0.0.1.
func NewServer(opts ...Option) *Server {
	s := &Server{
		user:       DefaultUser,
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
	s.srv = faultengine.NewServer(faultengine.Config{
		WriteError: func(w http.ResponseWriter, _ *http.Request, status int, msg string) {
			if msg == "" {
				msg = "injected fault"
			}
			writeError(w, status, msg)
		},
		MatchPath: func(r *http.Request, path string) bool { return strings.Contains(r.URL.EscapedPath(), path) },
	}, func(f *faultengine.Engine) http.Handler { return f.Wrap(http.HandlerFunc(s.serveHTTP)) })
	s.Injector = s.srv.Engine
	s.URL = s.srv.URL
	return s
}

// Close stops the server, ending delayed answers at once. It is safe to
// call more than once.
func (s *Server) Close() { s.srv.Close() }

// Client returns an HTTP client that talks to the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Stats returns the fake's own counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

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

// Sessions returns how many logins have a live access or refresh token
// (a logout ends its login's session).
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	live := map[string]bool{}
	now := time.Now()
	for _, t := range s.tokens {
		if now.Before(t.expires) {
			live[t.session] = true
		}
	}
	return len(live)
}

// CallCenters returns the stored call centers, ordered by tenant, group and
// service user id.
func (s *Server) CallCenters() []CallCenter {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CallCenter, 0, len(s.centers))
	for _, r := range s.centers {
		prof, _ := r.data["serviceInstanceProfile"].(map[string]any)
		c := CallCenter{
			TenantID:      r.tenant,
			GroupID:       r.group,
			ServiceUserID: r.id,
			Name:          str(prof["name"]),
			Type:          str(r.data["type"]),
			Policy:        str(r.data["policy"]),
			Active:        r.active,
			Password:      str(prof["password"]),
			Instance:      instanceOf(r.data),
		}
		if d, ok := prof["department"].(map[string]any); ok {
			c.Department = &Department{TenantID: str(d["tenantId"]), GroupID: str(d["groupId"]), Name: str(d["departmentName"])}
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b CallCenter) int {
		return strings.Compare(a.TenantID+"\x00"+a.GroupID+"\x00"+a.ServiceUserID, b.TenantID+"\x00"+b.GroupID+"\x00"+b.ServiceUserID)
	})
	return out
}
