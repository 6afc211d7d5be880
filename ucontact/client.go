package ucontact

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Defaults of a [Client].
const (
	// DefaultRateLimit is the request rate of a client made without
	// [WithRateLimit], in requests per second shared by every goroutine
	// (every attempt counts). uContact documents no limit; this keeps a bulk
	// job from flooding a telephony server.
	DefaultRateLimit rate.Limit = 10
	// DefaultBurst is the burst of the default rate limit.
	DefaultBurst int = 10
	// DefaultTimeout bounds each attempt of a request (connect, send,
	// answer) of a client made without [WithTimeout], so a server that
	// accepts and never answers cannot stall a call made with
	// context.Background().
	// A timed-out attempt is retried at most once, so one call against
	// such a server ends within about twice the timeout (60.4 s).
	DefaultTimeout = transport.DefaultTimeout
)

// closeTimeout bounds the logout of [Client.Close].
const closeTimeout = 5 * time.Second

// resourcesPath is where the Integra API lives on every uContact server.
const resourcesPath = "/Integra/resources"

// Option configures a [Client].
type Option func(*config)

type config struct {
	transport.Config
	user, password string
	apiToken       string
	useToken       bool
	logins         int // how many of WithLogin/WithAPIToken were given
	telephony      string
	backup         string
	tlsConfig      *tls.Config
}

// WithLogin makes the client log in with a uContact user and password
// (POST auth/getUserToken). The session key it gets is sent as
// "Authorization: Basic <key>"; the client logs in lazily on the first call
// and once more when a call answers 401. A refused login is remembered for
// five minutes: meanwhile every call fails at once with an error matching
// [ErrLoginRefused] instead of trying the same password again. End the
// session with [Client.Close].
func WithLogin(user, password string) Option {
	return func(c *config) { c.user, c.password = user, password; c.logins++ }
}

// WithAPIToken makes the client send a token generated in the uContact
// portal (user menu, "API Token") as "Authorization: Bearer <token>". No
// login or logout happens. Supported by newer servers.
func WithAPIToken(token string) Option {
	return func(c *config) { c.apiToken, c.useToken = token, true; c.logins++ }
}

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// changed). Its Timeout, when set, replaces the per-attempt timeout of
// [WithTimeout]; its redirect policy runs after the client's own, which
// follows no redirect to another origin.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.HTTPClient = hc } }

// WithTLSConfig sets the TLS configuration of the connections, e.g. the
// RootCAs of a self-hosted server with a private certificate authority. It
// applies to the HTTP client of [WithHTTPClient] when that one's Transport
// is an *http.Transport (or nil); NewClient reports any other combination.
func WithTLSConfig(cfg *tls.Config) Option { return func(c *config) { c.tlsConfig = cfg } }

// WithRateLimit sets the request rate shared by all goroutines using the
// client (default [DefaultRateLimit] per second, burst [DefaultBurst]).
// rate.Inf disables limiting.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(c *config) { c.Limit, c.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (negative: none)
// and the backoff bounds. Actions (calls, hang-ups, dialer inserts...) are
// never retried once sent, whatever this says.
func WithRetry(maxRetries int, waitMin, waitMax time.Duration) Option {
	return func(c *config) { c.RetryMax, c.RetryWaitMin, c.RetryWaitMax = maxRetries, waitMin, waitMax }
}

// WithTimeout bounds each attempt of a request (default [DefaultTimeout],
// 30 s; negative: no bound but the caller's context).
func WithTimeout(d time.Duration) Option {
	return func(c *config) {
		c.Timeout = d
		if d == 0 {
			c.Timeout = DefaultTimeout
		}
	}
}

// WithLogger sends debug records (through DebugContext) of every HTTP
// attempt to l, with the attributes vendor, method, url or path, status,
// duration and error; secrets are redacted. Without it the client is
// silent.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.Logger = l } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *config) { c.UserAgent = ua } }

// WithRecordingHosts sets where recordings are stored, for
// [Client.RecordingURLs] and [Client.FindRecording]: telephony is the
// telephony server ("TelephonyIP" in the uContact documentation) and backup
// the recordings backup server ("BackupRecords"). Each is a host or a base
// URL ("10.0.0.5", "https://rec.example.com"); https is assumed. An empty
// value leaves that server out. By default the telephony server is the API
// server and there is no backup server.
func WithRecordingHosts(telephony, backup string) Option {
	return func(c *config) { c.telephony, c.backup = telephony, backup }
}

// Client talks to the uContact Integra API. It is safe for concurrent use.
type Client struct {
	tc      *transport.Client
	red     *transport.Redactor
	session *transport.Session // nil with an API token
	user    string
	origin  string // scheme://host of the API server
	rec     []recordingHost
	log     *slog.Logger

	closeMu sync.Mutex // one Close at a time
}

// NewClient returns a client for the uContact server at baseURL, e.g.
// "https://acme.ucontactcloud.com" or "https://pbx.example.com:8086" (a
// URL that already ends in /Integra/resources is accepted too). Exactly one
// of [WithLogin] and [WithAPIToken] is required: without credentials, with
// both, or with an empty user, password or token NewClient returns a
// [*ValidationError] saying so, as it does for a bad baseURL. Nothing is
// sent until the first call.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	cfg := &config{Config: transport.Config{
		Vendor:  "ucontact",
		Limit:   DefaultRateLimit,
		Burst:   DefaultBurst,
		Timeout: DefaultTimeout,
	}}
	for _, o := range opts {
		if o != nil {
			o(cfg)
		}
	}
	base, origin, err := normalizeBase(baseURL)
	if err != nil {
		return nil, err
	}
	cfg.BaseURL = base
	cfg.DecodeError = decodeError
	cfg.WrapError = wrapError
	cfg.Redactor = &transport.Redactor{}
	if cfg.HTTPClient, err = withTLS(cfg.HTTPClient, cfg.tlsConfig); err != nil {
		return nil, err
	}

	c := &Client{red: cfg.Redactor, user: cfg.user, origin: origin, log: cfg.Logger}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	switch {
	case cfg.logins == 0:
		return nil, invalidOption("credentials", "none given: pass WithLogin(user, password) or WithAPIToken(token)")
	case cfg.logins > 1:
		return nil, invalidOption("credentials", "give only one of WithLogin and WithAPIToken")
	case cfg.useToken:
		if strings.TrimSpace(cfg.apiToken) == "" || strings.ContainsAny(cfg.apiToken, " \t\r\n") {
			return nil, invalidOption("WithAPIToken", "the token is empty or holds spaces")
		}
		c.red.Add(cfg.apiToken)
		cfg.Auth = transport.Bearer(cfg.apiToken)
	default:
		if strings.TrimSpace(cfg.user) == "" {
			return nil, invalidOption("WithLogin.user", "is required")
		}
		if cfg.password == "" {
			return nil, invalidOption("WithLogin.password", "is required")
		}
		c.red.Add(cfg.password)
		password := cfg.password
		c.session = &transport.Session{
			Header: "Authorization",
			Prefix: "Basic ",
			User:   cfg.user,
			Login:  func(ctx context.Context) (string, error) { return c.login(ctx, password) },
		}
		cfg.Auth = c.session
	}
	if c.tc, err = transport.New(cfg.Config); err != nil {
		return nil, err
	}
	if c.rec, err = c.recordingHosts(cfg); err != nil {
		return nil, err
	}
	return c, nil
}

// withTLS returns hc (or a fresh client) with tlsConfig on its transport.
func withTLS(hc *http.Client, tlsConfig *tls.Config) (*http.Client, error) {
	if tlsConfig == nil {
		return hc, nil
	}
	out := &http.Client{}
	if hc != nil {
		*out = *hc
	}
	var tr *http.Transport
	switch t := out.Transport.(type) {
	case nil:
		tr = http.DefaultTransport.(*http.Transport).Clone()
	case *http.Transport:
		tr = t.Clone()
	default:
		return nil, invalidOption("WithTLSConfig", fmt.Sprintf("the HTTP client's transport is a %T, not an *http.Transport: set its TLS configuration there", t))
	}
	tr.TLSClientConfig = tlsConfig.Clone()
	out.Transport = tr
	return out, nil
}

// String describes the client without its credentials.
func (c *Client) String() string {
	mode := "api token"
	if c.session != nil {
		mode = "user " + c.user
	}
	return fmt.Sprintf("ucontact.Client(%s%s, %s)", c.origin, resourcesPath, mode)
}

// GoString is String, so %#v shows no credentials either.
func (c *Client) GoString() string { return c.String() }

// normalizeBase returns the API base URL (ending in /Integra/resources) and
// the server origin.
func normalizeBase(raw string) (base, origin string, err error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", "", invalidOption("baseURL", fmt.Sprintf("%q: want http(s)://host[:port]", raw))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", "", invalidOption("baseURL", "must not carry credentials, a query or a fragment")
	}
	p := strings.TrimSuffix(u.Path, "/")
	switch {
	case strings.HasSuffix(p, resourcesPath):
	case strings.HasSuffix(p, "/Integra"):
		p += "/resources"
	default:
		p += resourcesPath
	}
	origin = u.Scheme + "://" + u.Host
	return origin + p, origin, nil
}

// decodeError pulls a short message out of an error body (uContact answers
// errors with text or an HTML page).
func decodeError(_ int, body []byte) (code, message string) {
	s := strings.TrimSpace(string(body))
	if s == "" || strings.HasPrefix(s, "<") || len(s) > 200 || strings.ContainsAny(s, "\r\n") {
		return "", ""
	}
	return "", s
}

// login runs POST auth/getUserToken. The answer is a JSON list whose last
// element is the session key; 0 means the credentials were refused.
func (c *Client) login(ctx context.Context, password string) (string, error) {
	const action = "auth/getUserToken"
	var body []byte
	_, err := c.tc.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      action,
		Form:      loginForm{User: c.user, Password: password},
		NoAuth:    true,
		Retryable: true,
	}, &body)
	if err != nil {
		return "", err
	}
	text := strings.TrimSpace(string(body))
	if isFailure(text) {
		return "", &ResultError{Action: action, Result: c.red.Excerpt(text, 200), Err: ErrFailed, login: true}
	}
	var list []json.RawMessage
	var key string
	if err := json.Unmarshal(body, &list); err != nil || len(list) == 0 ||
		json.Unmarshal(list[len(list)-1], &key) != nil || strings.TrimSpace(key) == "" {
		return "", c.resultError(action, text, ErrUnexpectedResult)
	}
	key = strings.TrimSpace(key)
	c.red.Add(key)
	return key, nil
}

type loginForm struct {
	User     string `url:"user"`
	Password string `url:"password"`
}

type endSessionForm struct {
	User  string `url:"user"`
	Token string `url:"token"`
}

// Close ends the login session (POST auth/EndSession with the user and the
// session key, as uContact's public client code does; reference 003 only
// says "End session"), waiting at most 5 seconds. It does nothing when no
// session is open or the client uses an API token, so it is safe to call
// twice. A later call logs in again.
func (c *Client) Close() error {
	if c.session == nil {
		return nil
	}
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	key := c.session.Current()
	if key == "" {
		return nil
	}
	c.session.Clear()
	ctx, cancel := context.WithTimeout(context.Background(), closeTimeout)
	defer cancel()
	const action = "auth/EndSession"
	var body []byte
	_, err := c.tc.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      action,
		Form:      endSessionForm{User: c.user, Token: key},
		Header:    http.Header{"Authorization": {"Basic " + key}},
		NoAuth:    true, // a 401 here must not log in again just to log out
		Retryable: true, // ending a session twice is harmless
	}, &body)
	if err == nil {
		err = c.checkResult(action, body, false, false)
	}
	if err != nil {
		c.log.DebugContext(ctx, "ending the session failed", "vendor", "ucontact", "method", http.MethodPost, "path", resourcesPath+"/"+action, "error", err.Error())
	}
	return err
}

// post sends an action form and checks that the answer is a success value
// (1, OK; an empty answer too when emptyOK). Actions are never retried once
// sent.
func (c *Client) post(ctx context.Context, action string, form any, emptyOK bool) error {
	body, err := c.postRaw(ctx, action, form, false)
	if err != nil {
		return err
	}
	return c.checkResult(action, body, emptyOK, true)
}

// postRaw sends a form and returns the raw answer.
func (c *Client) postRaw(ctx context.Context, action string, form any, retryable bool) ([]byte, error) {
	var body []byte
	req := &transport.Request{Method: http.MethodPost, Path: action, Form: form, Retryable: retryable}
	if form == nil {
		req.Form = url.Values{}
	}
	if _, err := c.tc.Do(ctx, req, &body); err != nil {
		return nil, err
	}
	return body, nil
}

// postJSON sends a read-only form (marked retryable) and decodes a JSON
// answer into out; a bare 0 is ErrFailed.
func (c *Client) postJSON(ctx context.Context, action string, form any, out any) error {
	body, err := c.postRaw(ctx, action, form, true)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(string(body))
	if isFailure(text) {
		return c.resultError(action, text, ErrFailed)
	}
	if text == "" {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return c.resultError(action, text, fmt.Errorf("%w: %v", ErrUnexpectedResult, err))
	}
	return nil
}

// resultText trims an answer and unquotes it when it is a JSON string.
func resultText(body []byte) string {
	s := strings.TrimSpace(string(body))
	if len(s) >= 2 && s[0] == '"' {
		var u string
		if json.Unmarshal([]byte(s), &u) == nil {
			s = strings.TrimSpace(u)
		}
	}
	return s
}

func isSuccess(s string) bool {
	switch strings.ToUpper(s) {
	case "1", "OK", "1 OK", "TRUE":
		return true
	}
	return false
}

func isFailure(s string) bool {
	switch strings.ToUpper(s) {
	case "0", "ERROR", "0 ERROR", "FALSE":
		return true
	}
	return false
}

// checkResult checks a text answer; acted says the request was an action,
// so an answer that is not understood leaves its outcome unknown.
func (c *Client) checkResult(action string, body []byte, emptyOK, acted bool) error {
	s := resultText(body)
	switch {
	case isSuccess(s), emptyOK && s == "":
		return nil
	case isFailure(s):
		return c.resultError(action, s, ErrFailed)
	}
	return c.unknownResult(action, s, ErrUnexpectedResult, acted)
}

// unknownResult is an answer that is not understood; for an action
// (acted) the server may have carried it out.
func (c *Client) unknownResult(action, result string, err error, acted bool) error {
	return &ResultError{Action: action, Result: c.red.Excerpt(result, 200), Err: err, unknown: acted}
}

func (c *Client) resultError(action, result string, err error) error {
	return &ResultError{Action: action, Result: c.red.Excerpt(result, 200), Err: err}
}
