// Package livevox is a client for the call-center methods of the LiveVox
// Configuration API: create, read, update, delete, list (paged), list info,
// related objects (services and agents) and "add service".
//
// The shortest use:
//
//	c, err := livevox.NewClient(livevox.Credentials{
//		AccessToken: token, ClientName: "ACME", UserName: "apiuser",
//		Password: callcenter.Secret(password),
//	}, livevox.WithRegion(livevox.NA4))
//	if err != nil { ... }
//	defer c.Close()
//	id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Doors"})
//	for cc, err := range c.ListCallCenters(ctx, nil) { ... }
//
// # API versions
//
// By default paths carry no version (/session/login,
// /configuration/callCenters), as reference 002 shows. LiveVox deployments
// whose public API is versioned take [WithAPIVersion]:
//
//	c, err := livevox.NewClient(creds, livevox.WithRegion(livevox.NA4),
//		livevox.WithAPIVersion("v6.0"))
//	// POST /session/v6.0/login, GET /configuration/v6.0/callCenters, ...
//
// The fake (package livevoxtest) accepts versioned and unversioned paths
// alike; see the WithAPIVersion example.
//
// # Sessions, limits and errors
//
// The client logs in lazily (POST /session/login with the LV-Access token),
// sends the session id as the LV-Session header on every other request
// (together with LV-Access), logs in again once when a request is refused
// with 401 (a LiveVox session ends after two hours without use or when the
// password changes), and logs out on Close. Concurrent callers share one
// login. A refused login is remembered for [LoginRefusalHold]: meanwhile
// every call fails at once with an error matching [ErrLoginRefused] and
// [ErrSystemic], so a wrong password never becomes one login per call.
//
// Every attempt is bounded by a timeout ([DefaultTimeout], [WithTimeout])
// and by a shared rate limit ([DefaultRateLimit], [WithRateLimit]).
// Redirects to another scheme, host or port, and redirects of a request
// with a body, are refused ([ErrRedirectRefused]): the access token, the
// session id and the password stay with their host. Bad input is refused
// before sending with a [*ValidationError]; an error answer is an [*Error];
// both match the module's sentinels with errors.Is. The access token, the
// password and the session id never appear in logs, errors or fmt output.
//
// Package livevoxtest provides an in-process fake of the API for tests.
package livevox

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

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
// Configuration API; this conservative default (20 requests a second, bursts
// of 20, every attempt counted) keeps bulk jobs polite. Change it with
// [WithRateLimit] (rate.Inf disables it).
const (
	DefaultRateLimit rate.Limit = 20
	DefaultBurst     int        = 20
)

// DefaultTimeout bounds each attempt of a request (connect, send, answer)
// unless [WithTimeout] or an HTTP client with its own Timeout says
// otherwise, so a server that accepts and never answers cannot stall a call
// made with context.Background().
// A timed-out attempt is retried at most once, so one call against such a
// server ends within about twice the timeout (60.4 s).
const DefaultTimeout = transport.DefaultTimeout

// closeTimeout bounds the logout of [Client.Close].
const closeTimeout = 5 * time.Second

// Credentials are what a LiveVox login takes. All four are required.
// Printed with fmt or log/slog, Credentials show the client and user names
// only.
type Credentials struct {
	// AccessToken is the LiveVox API access token, sent as the LV-Access
	// header of every request.
	AccessToken string
	// ClientName is the LiveVox client (the company's account), e.g.
	// "ACME".
	ClientName string
	// UserName is the LiveVox user.
	UserName string
	// Password is the user's password; a callcenter.Secret never prints.
	Password callcenter.Secret
}

// String shows the client and user names, never the token or the
// password.
func (c Credentials) String() string {
	tok := ""
	if c.AccessToken != "" {
		tok = callcenter.Redacted
	}
	return fmt.Sprintf("livevox.Credentials{AccessToken:%s ClientName:%s UserName:%s Password:%s}",
		tok, c.ClientName, c.UserName, c.Password.String())
}

// GoString is like String, so %#v shows no secret either.
func (c Credentials) GoString() string { return c.String() }

// Format prints String whatever the verb.
func (c Credentials) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// LogValue is like String, so slog shows no secret either.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// check reports every empty or malformed field.
func (c Credentials) check(v *invalid) {
	for _, f := range []struct{ name, value string }{
		{"Credentials.AccessToken", c.AccessToken}, {"Credentials.ClientName", c.ClientName},
		{"Credentials.UserName", c.UserName}, {"Credentials.Password", string(c.Password)},
	} {
		if strings.TrimSpace(f.value) == "" {
			v.add(f.name, "must not be empty")
		}
	}
	// The token goes in a header: a line break there would be refused at
	// every call (or worse, split the header).
	if strings.ContainsFunc(c.AccessToken, isControl) {
		v.add("Credentials.AccessToken", "must not hold control characters")
	}
}

// Option configures a [Client].
type Option func(*settings)

type settings struct {
	transport.Config
	region  Region
	version string
	agent   bool
	tls     *tls.Config
}

// WithRegion selects the region's API host (default [NA3]). [WithBaseURL]
// takes precedence over it.
func WithRegion(r Region) Option { return func(s *settings) { s.region = r } }

// WithBaseURL sets the API base URL (scheme://host[/path]), e.g. a fake
// server's URL. It takes precedence over [WithRegion].
func WithBaseURL(u string) Option { return func(s *settings) { s.BaseURL = u } }

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified). Its own Timeout, when set, replaces [WithTimeout]'s.
func WithHTTPClient(hc *http.Client) Option { return func(s *settings) { s.HTTPClient = hc } }

// WithTLSConfig sets the TLS configuration of the connections (e.g. a
// private CA). With [WithHTTPClient], that client's transport must be an
// *http.Transport (it is cloned, not modified).
func WithTLSConfig(cfg *tls.Config) Option { return func(s *settings) { s.tls = cfg } }

// WithRateLimit sets the request rate shared by every goroutine using the
// client (every attempt counts). Default [DefaultRateLimit], [DefaultBurst];
// rate.Inf disables the limit.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(s *settings) { s.Limit, s.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (negative: none;
// default 4) and the bounds of the exponential backoff between them. A
// create is retried only when the server cannot have acted on it.
func WithRetry(maxRetries int, waitMin, waitMax time.Duration) Option {
	return func(s *settings) { s.RetryMax, s.RetryWaitMin, s.RetryWaitMax = maxRetries, waitMin, waitMax }
}

// WithTimeout bounds each attempt of a request (default [DefaultTimeout],
// 30 s; negative: no bound but the context's).
func WithTimeout(d time.Duration) Option {
	return func(s *settings) {
		s.Timeout = d
		if d == 0 {
			s.Timeout = DefaultTimeout
		}
	}
}

// WithLogger sets a logger for debug records (DebugContext) of requests and
// logins, with the attributes vendor, method, path (or url), status,
// duration and error. Secrets are redacted. Default: silent.
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
// Create it with [NewClient]; Close it to log out.
type Client struct {
	tc      *transport.Client
	sess    *transport.Session
	creds   Credentials
	agent   bool
	version string
	baseURL string
	log     *slog.Logger

	mu   sync.Mutex
	info *LoginInfo
}

// NewClient returns a client for creds. Every problem with the arguments
// (an empty credential, an unknown region, a bad base URL, a TLS option
// that cannot apply) is reported here as a *[ValidationError] naming the
// field. No request is sent until the first call.
func NewClient(creds Credentials, opts ...Option) (*Client, error) {
	s := newSettings(opts)
	v := newInvalid("NewClient")
	creds.check(v)
	if s.BaseURL == "" {
		s.BaseURL = s.region.BaseURL()
		if s.BaseURL == "" {
			v.add("WithRegion", fmt.Sprintf("unknown region %q (want NA3, NA4, NA5 or NA6)", s.region))
		}
	} else if u, err := url.Parse(s.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.add("WithBaseURL", fmt.Sprintf("invalid base URL %q: want http(s)://host[/path]", s.BaseURL))
	}
	if strings.ContainsAny(s.version, "/?#") || strings.ContainsFunc(s.version, isControl) {
		v.add("WithAPIVersion", fmt.Sprintf("invalid version %q: want one path segment such as v6.0", s.version))
	}
	if s.tls != nil {
		hc, err := withTLS(s.HTTPClient, s.tls)
		if err != nil {
			v.add("WithTLSConfig", err.Error())
		}
		s.HTTPClient = hc
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	c := &Client{creds: creds, agent: s.agent, version: s.version, baseURL: s.BaseURL, log: s.Logger}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.sess = &transport.Session{Header: headerSession, Login: c.login, User: creds.ClientName + "/" + creds.UserName}
	s.Redactor = &transport.Redactor{}
	s.Redactor.Add(creds.AccessToken, string(creds.Password))
	s.Auth = &auth{access: creds.AccessToken, s: c.sess}
	s.DecodeError = decodeError
	s.WrapError = wrapError
	tc, err := transport.New(s.Config)
	if err != nil {
		return nil, &ValidationError{Subject: v.subject, Errors: []FieldError{{Field: "WithBaseURL", Message: err.Error()}}}
	}
	c.tc = tc
	return c, nil
}

// newSettings applies the defaults, then opts.
func newSettings(opts []Option) settings {
	s := settings{region: DefaultRegion}
	s.Vendor = "livevox"
	s.Limit, s.Burst = DefaultRateLimit, DefaultBurst
	s.Timeout = DefaultTimeout
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	return s
}

// withTLS returns a copy of hc (nil: a default client) whose transport
// uses cfg.
func withTLS(hc *http.Client, cfg *tls.Config) (*http.Client, error) {
	out := &http.Client{}
	if hc != nil {
		*out = *hc
	}
	var tr *http.Transport
	switch rt := out.Transport.(type) {
	case nil:
		tr = http.DefaultTransport.(*http.Transport).Clone()
	case *http.Transport:
		tr = rt.Clone()
	default:
		return hc, fmt.Errorf("the HTTP client's transport is a %T, not an *http.Transport: set its TLS configuration there", rt)
	}
	tr.TLSClientConfig = cfg.Clone()
	out.Transport = tr
	return out, nil
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
	return fmt.Sprintf("livevox.Client{base=%s client=%s user=%s}", c.baseURL, c.creds.ClientName, c.creds.UserName)
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
		Method: http.MethodPost,
		Path:   c.path("session", "login"),
		JSON: loginRequest{ClientName: c.creds.ClientName, UserName: c.creds.UserName,
			Password: string(c.creds.Password), Agent: c.agent},
		Header:    lvHeader(c.creds.AccessToken, ""),
		NoAuth:    true,
		Retryable: true, // a login creates nothing that a second one would duplicate
	}, &out)
	if err != nil {
		return "", err
	}
	if out.SessionID == "" {
		return "", fmt.Errorf("livevox: POST /%s: login answered without a sessionId", c.path("session", "login"))
	}
	c.tc.Redactor().Add(out.SessionID)
	info := out.LoginInfo
	c.mu.Lock()
	c.info = &info
	c.mu.Unlock()
	c.log.DebugContext(ctx, "livevox login", "vendor", "livevox", "method", http.MethodPost,
		"path", "/"+c.path("session", "login"), "userId", info.UserID, "clientId", info.ClientID)
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

// Close logs the session out (POST /session/logout), waiting at most 5
// seconds. Without a session it does nothing; calling it twice is safe. A
// session the server no longer knows (401) is not an error. The client
// stays usable: a later call logs in again. Do not call Close while other
// calls are in flight.
func (c *Client) Close() error {
	tok := c.sess.Current()
	if tok == "" {
		return nil
	}
	c.sess.Clear()
	c.mu.Lock()
	c.info = nil
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), closeTimeout)
	defer cancel()
	_, err := c.tc.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      c.path("session", "logout"),
		Header:    lvHeader(c.creds.AccessToken, tok),
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
