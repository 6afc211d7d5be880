package ucontact

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Default request rate. uContact documents no limit; this keeps a bulk job
// from flooding a telephony server. Change it with [WithRateLimit].
const (
	DefaultRateLimit rate.Limit = 10 // requests per second
	DefaultBurst     int        = 10
)

// resourcesPath is where the Integra API lives on every uContact server.
const resourcesPath = "/Integra/resources"

// Error is an HTTP error answer (status 400 or above) from uContact. Use
// errors.As to inspect it.
type Error = transport.APIError

var (
	// ErrRateLimited matches an error whose final answer was HTTP 429.
	ErrRateLimited = transport.ErrRateLimited
	// ErrOutcomeUnknown matches an error after which the server may or may
	// not have acted (a call placed, a contact queued): the request was
	// sent, then the connection broke or a 5xx came back. Such a request is
	// never sent again automatically.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrNotFound matches an error whose final answer was HTTP 404, and
	// [ErrRecordingNotFound].
	ErrNotFound = transport.ErrNotFound
	// ErrUnauthorized matches an HTTP 401/403 answer and a refused login
	// (auth/getUserToken answering 0).
	ErrUnauthorized = transport.ErrUnauthorized
)

var (
	// ErrFailed matches a [*ResultError] for an action that uContact
	// answered with its failure value (0, ERROR).
	ErrFailed = errors.New("uContact reported failure")
	// ErrUnexpectedResult matches a [*ResultError] for an answer that is
	// neither a documented success nor a documented failure value.
	ErrUnexpectedResult = errors.New("unexpected result")
	// ErrInvalidInput matches an error about a request this package refused
	// to send; the message names the field.
	ErrInvalidInput = errors.New("invalid input")
)

// ResultError is a 2xx answer whose text says the action failed, or that
// could not be understood. Match the reason with errors.Is(err, [ErrFailed])
// or errors.Is(err, [ErrUnexpectedResult]).
type ResultError struct {
	// Action is the resource path, e.g. "Dialers/DialerTask".
	Action string
	// Result is the (redacted, shortened) text uContact answered.
	Result string
	// Err is ErrFailed or ErrUnexpectedResult.
	Err error

	login bool
}

// Error returns e.g. `ucontact: Dialers/DialerTask: uContact reported failure (result "0")`.
func (e *ResultError) Error() string {
	return fmt.Sprintf("ucontact: %s: %v (result %q)", e.Action, e.Err, e.Result)
}

// Unwrap returns ErrFailed or ErrUnexpectedResult.
func (e *ResultError) Unwrap() error { return e.Err }

// Is matches ErrUnauthorized for a refused login.
func (e *ResultError) Is(target error) bool { return e.login && target == ErrUnauthorized }

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
}

// WithLogin makes the client log in with a uContact user and password
// (POST auth/getUserToken). The session key it gets is sent as
// "Authorization: Basic <key>"; the client logs in lazily on the first call
// and once more when a call answers 401. End the session with
// [Client.Close].
func WithLogin(user, password string) Option {
	return func(c *config) { c.user, c.password = user, password; c.logins++ }
}

// WithAPIToken makes the client send a token generated in the uContact
// portal (user menu, "API Token") as "Authorization: Bearer <token>". No
// login or logout happens. Supported by newer servers.
func WithAPIToken(token string) Option {
	return func(c *config) { c.apiToken, c.useToken = token, true; c.logins++ }
}

// WithHTTPClient sets the underlying HTTP client (it is copied, not changed).
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.HTTPClient = hc } }

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

// WithLogger sends redacted debug records of every HTTP attempt to l.
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
}

// NewClient returns a client for the uContact server at baseURL, e.g.
// "https://acme.ucontactcloud.com" or "https://pbx.example.com:8086" (a
// URL that already ends in /Integra/resources is accepted too). Exactly one
// of [WithLogin] and [WithAPIToken] is required. Nothing is sent until the
// first call.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	cfg := &config{Config: transport.Config{
		Vendor: "ucontact",
		Limit:  DefaultRateLimit,
		Burst:  DefaultBurst,
	}}
	for _, o := range opts {
		o(cfg)
	}
	base, origin, err := normalizeBase(baseURL)
	if err != nil {
		return nil, err
	}
	cfg.BaseURL = base
	cfg.DecodeError = decodeError
	cfg.Redactor = &transport.Redactor{}

	c := &Client{red: cfg.Redactor, user: cfg.user, origin: origin}
	switch {
	case cfg.logins == 0:
		return nil, fmt.Errorf("ucontact: %w: credentials: give WithLogin(user, password) or WithAPIToken(token)", ErrInvalidInput)
	case cfg.logins > 1:
		return nil, fmt.Errorf("ucontact: %w: credentials: give only one of WithLogin and WithAPIToken", ErrInvalidInput)
	case cfg.useToken:
		if strings.TrimSpace(cfg.apiToken) == "" || strings.ContainsAny(cfg.apiToken, " \r\n") {
			return nil, fmt.Errorf("ucontact: %w: WithAPIToken: the token is empty or holds spaces", ErrInvalidInput)
		}
		c.red.Add(cfg.apiToken)
		cfg.Auth = transport.Bearer(cfg.apiToken)
	default:
		if cfg.user == "" {
			return nil, fmt.Errorf("ucontact: %w: user is required by WithLogin", ErrInvalidInput)
		}
		if cfg.password == "" {
			return nil, fmt.Errorf("ucontact: %w: password is required by WithLogin", ErrInvalidInput)
		}
		c.red.Add(cfg.password)
		password := cfg.password
		c.session = &transport.Session{
			Header: "Authorization",
			Prefix: "Basic ",
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
		return "", "", fmt.Errorf("ucontact: %w: baseURL %q: want http(s)://host[:port]", ErrInvalidInput, raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", "", fmt.Errorf("ucontact: %w: baseURL: must not carry credentials, a query or a fragment", ErrInvalidInput)
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
		return "", &ResultError{Action: action, Result: text, Err: ErrFailed, login: true}
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
// says "End session"). It does nothing when no session was opened or the
// client uses an API token. A later call logs in again.
func (c *Client) Close(ctx context.Context) error {
	if c.session == nil {
		return nil
	}
	key := c.session.Current()
	if key == "" {
		return nil
	}
	c.session.Clear()
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
	if err != nil {
		return err
	}
	return c.checkResult(action, body, false)
}

// post sends an action form and checks that the answer is a success value
// (1, OK; an empty answer too when emptyOK). Actions are never retried once
// sent.
func (c *Client) post(ctx context.Context, action string, form any, emptyOK bool) error {
	body, err := c.postRaw(ctx, action, form, false)
	if err != nil {
		return err
	}
	return c.checkResult(action, body, emptyOK)
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

func (c *Client) checkResult(action string, body []byte, emptyOK bool) error {
	s := resultText(body)
	switch {
	case isSuccess(s), emptyOK && s == "":
		return nil
	case isFailure(s):
		return c.resultError(action, s, ErrFailed)
	}
	return c.resultError(action, s, ErrUnexpectedResult)
}

func (c *Client) resultError(action, result string, err error) error {
	return &ResultError{Action: action, Result: c.red.Excerpt(result, 200), Err: err}
}

// invalid returns an ErrInvalidInput error naming the action and field.
func invalid(action, field, problem string) error {
	return fmt.Errorf("ucontact: %s: %w: %s %s", action, ErrInvalidInput, field, problem)
}
