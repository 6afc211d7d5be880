// Package livevox is a client for the call-center methods of the LiveVox
// Configuration API: create, read, update, delete, list (paged), list info,
// related objects (services and agents) and "add service".
//
// The shortest use:
//
//	c, err := livevox.NewClient(accessToken, "ACME", "apiuser", password,
//		livevox.WithRegion(livevox.NA4))
//	if err != nil { ... }
//	defer c.Close(ctx)
//	id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Doors"})
//	for cc, err := range c.ListCallCenters(ctx, nil) { ... }
//
// The client logs in lazily (POST /session/login with the LV-Access token),
// sends the session id as the LV-Session header on every other request
// (together with LV-Access), logs in again once when a request is refused
// with 401 (a LiveVox session ends after two hours without use or when the
// password changes), and logs out on Close. Concurrent callers share one
// login. The access token, the password and the session id never appear in
// logs, errors or fmt output.
//
// Package livevoxtest provides an in-process fake of the API for tests.
package livevox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

// Error is an error answer of the LiveVox API. Code holds the body's
// errorCode (as decimal text) and Message its errorMessage; use [ErrorCode]
// to get the code as a number. Match it with errors.As.
type Error = transport.APIError

var (
	// ErrRateLimited matches (errors.Is) an error whose final answer was
	// HTTP 429, after the retries allowed by [WithRetry].
	ErrRateLimited = transport.ErrRateLimited
	// ErrOutcomeUnknown matches an error after which the server may or may
	// not have acted on a create (the request was sent, then the connection
	// broke or a 5xx came back). Such a request is never repeated
	// automatically: list the call centers before trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrNotFound matches an error whose final answer was HTTP 404.
	ErrNotFound = transport.ErrNotFound
	// ErrUnauthorized matches an error whose final answer was HTTP 401 or
	// 403: bad credentials or access token at login, a session refused even
	// after a fresh login, or a user without the role the method needs.
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrHasServices matches the error of [Client.DeleteCallCenter] when
	// LiveVox refuses to delete a call center that still holds services
	// (HTTP 400, errorCode 202). Move the services to another call center
	// with [Client.AddCallCenterService] first. The error also matches
	// *Error with errors.As.
	ErrHasServices = errors.New("livevox: call center still has services")
)

// CodeHasServices is the LiveVox errorCode of a delete refused because the
// call center still holds services.
const CodeHasServices = 202

// ErrorCode returns the LiveVox errorCode carried by err (an *Error anywhere
// in its chain), or 0 when there is none.
func ErrorCode(err error) int {
	var e *Error
	if !errors.As(err, &e) {
		return 0
	}
	n, convErr := strconv.Atoi(e.Code)
	if convErr != nil {
		return 0
	}
	return n
}

// codeError gives a vendor error a sentinel meaning while keeping the
// *Error in the chain and its message unchanged.
type codeError struct {
	sentinel error
	api      *Error
}

func (e *codeError) Error() string   { return e.api.Error() }
func (e *codeError) Unwrap() []error { return []error{e.sentinel, e.api} }

// Region is a LiveVox data-center region; it selects the API host.
type Region string

// The LiveVox regions.
const (
	NA3 Region = "NA3" // https://api.livevox.com
	NA4 Region = "NA4" // https://api.na4.livevox.com
	NA5 Region = "NA5" // https://api.na5.livevox.com
	NA6 Region = "NA6" // https://api.na6.livevox.com
)

// DefaultRegion is the region used when neither [WithRegion] nor
// [WithBaseURL] is given.
const DefaultRegion = NA3

// BaseURL returns the API host of the region, or "" for an unknown region.
func (r Region) BaseURL() string {
	switch Region(strings.ToUpper(string(r))) {
	case NA3:
		return "https://api.livevox.com"
	case NA4:
		return "https://api.na4.livevox.com"
	case NA5:
		return "https://api.na5.livevox.com"
	case NA6:
		return "https://api.na6.livevox.com"
	}
	return ""
}

// Default rate limit. LiveVox documents no request rate limit for the
// Configuration API; this conservative default keeps bulk jobs polite.
// Change it with [WithRateLimit] (rate.Inf disables it).
const (
	DefaultRateLimit rate.Limit = 20
	DefaultBurst     int        = 20
)

// Option configures a [Client].
type Option func(*settings)

type settings struct {
	transport.Config
	region  Region
	version string
	agent   bool
}

// WithRegion selects the region's API host (default [NA3]). [WithBaseURL]
// takes precedence over it.
func WithRegion(r Region) Option { return func(s *settings) { s.region = r } }

// WithBaseURL sets the API base URL (scheme://host[/path]), e.g. a fake
// server's URL. It takes precedence over [WithRegion].
func WithBaseURL(u string) Option { return func(s *settings) { s.BaseURL = u } }

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified).
func WithHTTPClient(hc *http.Client) Option { return func(s *settings) { s.HTTPClient = hc } }

// WithRateLimit sets the request rate shared by every goroutine using the
// client (every attempt counts). Default [DefaultRateLimit], [DefaultBurst].
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(s *settings) { s.Limit, s.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (negative: none)
// and the bounds of the exponential backoff between them.
func WithRetry(maxRetries int, waitMin, waitMax time.Duration) Option {
	return func(s *settings) { s.RetryMax, s.RetryWaitMin, s.RetryWaitMax = maxRetries, waitMin, waitMax }
}

// WithLogger sets a logger for debug records of requests and logins.
// Secrets are redacted.
func WithLogger(l *slog.Logger) Option { return func(s *settings) { s.Logger = l } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(s *settings) { s.UserAgent = ua } }

// WithAgentLogin logs in as an agent ("agent": true in the login body)
// instead of as a user of the LiveVox portal.
func WithAgentLogin(agent bool) Option { return func(s *settings) { s.agent = agent } }

// WithAPIVersion inserts a version segment after the service name of every
// path, e.g. "v6.0" gives /session/v6.0/login and
// /configuration/v6.0/callCenters. Reference 002 shows unversioned paths
// (the default); LiveVox's current public API documents versioned ones.
func WithAPIVersion(version string) Option {
	return func(s *settings) { s.version = strings.Trim(version, "/") }
}

// LoginInfo describes the current session. It holds no secret.
type LoginInfo struct {
	// UserID is the LiveVox id of the logged-in user.
	UserID int64 `json:"userId"`
	// ClientID is the LiveVox id of the user's client.
	ClientID int64 `json:"clientId"`
	// DaysUntilPasswordExpires is set when LiveVox reports it.
	DaysUntilPasswordExpires *int `json:"daysUntilPasswordExpires,omitempty"`
}

// Client calls the LiveVox Configuration API. It is safe for concurrent use.
// Create it with [NewClient].
type Client struct {
	tc         *transport.Client
	sess       *transport.Session
	access     string
	clientName string
	userName   string
	password   string
	agent      bool
	version    string
	baseURL    string
	log        *slog.Logger

	mu   sync.Mutex
	info *LoginInfo
}

// NewClient returns a client for the user userName of the LiveVox client
// clientName. accessToken is the LiveVox API access token (sent as the
// LV-Access header). No request is sent until the first call.
func NewClient(accessToken, clientName, userName, password string, opts ...Option) (*Client, error) {
	var missing []string
	for _, f := range []struct{ name, v string }{
		{"accessToken", accessToken}, {"clientName", clientName},
		{"userName", userName}, {"password", password},
	} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("livevox: NewClient: %s must not be empty", strings.Join(missing, ", "))
	}
	s := settings{region: DefaultRegion}
	s.Vendor = "livevox"
	s.Limit, s.Burst = DefaultRateLimit, DefaultBurst
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	if s.BaseURL == "" {
		s.BaseURL = s.region.BaseURL()
		if s.BaseURL == "" {
			return nil, fmt.Errorf("livevox: NewClient: unknown region %q (want NA3, NA4, NA5 or NA6)", s.region)
		}
	}
	c := &Client{
		access: accessToken, clientName: clientName, userName: userName, password: password,
		agent: s.agent, version: s.version, baseURL: s.BaseURL,
		log: s.Logger,
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.sess = &transport.Session{Header: headerSession, Login: c.login}
	s.Redactor = &transport.Redactor{}
	s.Redactor.Add(accessToken, password)
	s.Auth = &auth{access: accessToken, s: c.sess}
	s.DecodeError = decodeError
	tc, err := transport.New(s.Config)
	if err != nil {
		return nil, err
	}
	c.tc = tc
	return c, nil
}

const (
	headerAccess  = "LV-Access"
	headerSession = "LV-Session"
)

// lvHeader builds the LiveVox headers of a request sent without Auth (keys
// canonicalized, as net/http looks them up).
func lvHeader(access, session string) http.Header {
	h := http.Header{}
	h.Set(headerAccess, access)
	if session != "" {
		h.Set(headerSession, session)
	}
	return h
}

// auth sends the static LV-Access header and the session's LV-Session
// header; a 401 makes the session log in again (transport.Session shares
// that login between concurrent callers).
type auth struct {
	access string
	s      *transport.Session
}

func (a *auth) Authorize(ctx context.Context, req *http.Request) error {
	req.Header.Set(headerAccess, a.access)
	return a.s.Authorize(ctx, req)
}

func (a *auth) Refresh(ctx context.Context, failed *http.Request) error {
	return a.s.Refresh(ctx, failed)
}

// String describes the client without secrets.
func (c *Client) String() string {
	return fmt.Sprintf("livevox.Client{base=%s client=%s user=%s}", c.baseURL, c.clientName, c.userName)
}

// GoString is like String, so %#v shows no secret either.
func (c *Client) GoString() string { return c.String() }

// LogValue is like String, so slog shows no secret either.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// path builds service/[version/]rest.
func (c *Client) path(service string, rest ...string) string {
	parts := make([]string, 0, len(rest)+2)
	parts = append(parts, service)
	if c.version != "" {
		parts = append(parts, c.version)
	}
	parts = append(parts, rest...)
	return strings.Join(parts, "/")
}

type loginRequest struct {
	ClientName string `json:"clientName"`
	UserName   string `json:"userName"`
	Password   string `json:"password"`
	Agent      bool   `json:"agent,omitempty"`
}

type loginResponse struct {
	SessionID string `json:"sessionId"`
	LoginInfo
}

// login is the transport.Session's Login: POST /session/login.
func (c *Client) login(ctx context.Context) (string, error) {
	var out loginResponse
	_, err := c.tc.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      c.path("session", "login"),
		JSON:      loginRequest{ClientName: c.clientName, UserName: c.userName, Password: c.password, Agent: c.agent},
		Header:    lvHeader(c.access, ""),
		NoAuth:    true,
		Retryable: true, // a login creates nothing that a second one would duplicate
	}, &out)
	if err != nil {
		return "", err
	}
	if out.SessionID == "" {
		return "", fmt.Errorf("livevox: login answered without a sessionId")
	}
	c.tc.Redactor().Add(out.SessionID)
	info := out.LoginInfo
	c.mu.Lock()
	c.info = &info
	c.mu.Unlock()
	c.log.DebugContext(ctx, "livevox login", "userId", info.UserID, "clientId", info.ClientID)
	return out.SessionID, nil
}

// Login makes sure there is a session (logging in if there is none) and
// describes it. Calling it is optional: every method logs in as needed. It
// is a quick way to check credentials.
func (c *Client) Login(ctx context.Context) (*LoginInfo, error) {
	if _, err := c.sess.Token(ctx); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.info == nil {
		return &LoginInfo{}, nil
	}
	info := *c.info
	return &info, nil
}

// Close logs the session out (POST /session/logout). Without a session it
// does nothing. A session the server no longer knows (401) is not an error.
// The client stays usable: a later call logs in again. Do not call Close
// while other calls are in flight.
func (c *Client) Close(ctx context.Context) error {
	tok := c.sess.Current()
	if tok == "" {
		return nil
	}
	c.sess.Clear()
	c.mu.Lock()
	c.info = nil
	c.mu.Unlock()
	_, err := c.tc.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      c.path("session", "logout"),
		Header:    lvHeader(c.access, tok),
		NoAuth:    true,
		Retryable: true, // logging out twice is harmless
	}, nil)
	if errors.Is(err, ErrUnauthorized) {
		return nil
	}
	return err
}

// decodeError reads LiveVox's {"errorCode": n, "errorMessage": "..."} (and
// tolerates {"code", "message"}). Each field is read on its own, so one of
// an unexpected type does not hide the others; a code is kept only when it
// is a JSON number or string.
func decodeError(_ int, body []byte) (string, string) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return "", ""
	}
	code := jsonCode(fields["errorCode"])
	if code == "" {
		code = jsonCode(fields["code"])
	}
	msg := stringOf(fields["errorMessage"])
	if msg == "" {
		msg = stringOf(fields["message"])
	}
	return code, msg
}

// jsonCode returns a JSON number as written, or the text of a JSON string;
// anything else gives "".
func jsonCode(raw json.RawMessage) string {
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return stringOf(raw)
}

// stringOf returns the text of a JSON string, or "".
func stringOf(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
