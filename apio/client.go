package apio

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

// Defaults of a new [Client].
const (
	// DefaultUserAgent is the User-Agent sent unless [WithUserAgent] says
	// otherwise.
	DefaultUserAgent = "callcenter-go-apio"
	// DefaultTimeout bounds each HTTP attempt (connect, send, wait for and
	// read the answer) unless [WithTimeout] says otherwise, so that a call
	// made with context.Background() never waits forever on a gateway that
	// accepts and never answers.
	// A timed-out attempt is retried at most once, so one call against
	// such a server ends within about twice the timeout (60.4 s).
	DefaultTimeout = transport.DefaultTimeout
	// DefaultRateLimit is the client's default request rate: none
	// (rate.Inf). APIO documents no limit; a gateway that limits answers
	// 429, which the client honours (Retry-After) and retries. Set one with
	// [WithRateLimit].
	DefaultRateLimit = rate.Inf
	// DefaultBurst is the burst of [DefaultRateLimit] (unused while the
	// rate is unlimited).
	DefaultBurst = 0
	// closeTimeout bounds the logout of Close.
	closeTimeout = 5 * time.Second
)

// Client talks to one APIO gateway. It is safe for concurrent use: many
// goroutines share its login, its access token and its rate limiter. Close
// it to log out.
type Client struct {
	tc    *transport.Client
	sess  *transport.Session // nil with WithToken
	login *login             // nil with WithToken
	log   *slog.Logger

	closeMu sync.Mutex // one Close at a time
}

// Option configures a [Client].
type Option func(*settings)

// settings are the options of a Client: the transport's configuration plus
// the credentials.
type settings struct {
	transport.Config
	username, password string
	loginSet           bool
	token              string
	tokenSet           bool
	twoFactor          func(ctx context.Context) (string, error)
	baseURL            string
	baseURLSet         bool
}

// WithLogin makes the client log in with an APIO user name and password
// (POST /api/v01/auth/login). The short-lived access token is renewed with
// the refresh token when APIO refuses it, and the client logs in again when
// the refresh token is refused too. A refused login is remembered for
// [LoginRefusalHold]: meanwhile every call fails at once with an error
// matching [ErrLoginRefused]. Exactly one of WithLogin and [WithToken] is
// required.
func WithLogin(username, password string) Option {
	return func(s *settings) { s.username, s.password, s.loginSet = username, password, true }
}

// WithToken makes the client send a long-lived machine (M2M) token as its
// access token instead of logging in. APIO shows a user's machine token in
// the "token" field of its login answer. The token is never refreshed: a 401
// is returned as an error matching [ErrUnauthorized].
func WithToken(token string) Option {
	return func(s *settings) { s.token, s.tokenSet = token, true }
}

// WithTwoFactor supplies the code when APIO asks for a second factor at
// login (its login answer then holds a 2fa_payload instead of tokens). code
// is called once per such login; use [TwoFactorMethod] on its context to
// learn whether APIO sent the code by e-mail or expects a TOTP code. Without
// this option such a login fails with an error saying so.
func WithTwoFactor(code func(ctx context.Context) (string, error)) Option {
	return func(s *settings) { s.twoFactor = code }
}

// WithBaseURL replaces the base URL given to [NewClient] (scheme and host,
// with an optional path prefix, e.g. "https://apio.example.com/proxy").
// It is for code that builds its options apart from the call to NewClient;
// the last value given wins.
func WithBaseURL(baseURL string) Option {
	return func(s *settings) { s.baseURL, s.baseURLSet = baseURL, true }
}

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified; its CheckRedirect runs after the client's own redirect policy,
// which refuses any redirect to another origin or of a request with a
// body). The default is a pooled client.
func WithHTTPClient(hc *http.Client) Option { return func(s *settings) { s.HTTPClient = hc } }

// WithTimeout bounds each HTTP attempt (default [DefaultTimeout], 30 s; a
// negative d means no bound but the context's). It applies when the HTTP
// client of [WithHTTPClient] sets no Timeout of its own.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) {
		s.Timeout = d
		if d == 0 {
			s.Timeout = DefaultTimeout
		}
	}
}

// WithRateLimit limits the request rate (every attempt counts), shared by
// every goroutine using the client. The default is [DefaultRateLimit]
// (none: APIO documents no limit); a limit of 0 or less also means none.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(s *settings) { s.Limit, s.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (default 4;
// negative: none) and the bounds of the exponential backoff between them
// (default 200 ms to 10 s; a Retry-After is honoured up to 60 s). Only
// requests the server cannot have acted on are retried (see
// [ErrOutcomeUnknown]); a refused redirect never is.
func WithRetry(max int, waitMin, waitMax time.Duration) Option {
	return func(s *settings) { s.RetryMax, s.RetryWaitMin, s.RetryWaitMax = max, waitMin, waitMax }
}

// WithLogger sends debug records of every attempt to l (through
// DebugContext, with the attributes vendor, method, path or url, status,
// duration and error), with secrets redacted. The default logs nothing.
func WithLogger(l *slog.Logger) Option { return func(s *settings) { s.Logger = l } }

// WithUserAgent sets the User-Agent header (default [DefaultUserAgent]).
func WithUserAgent(ua string) Option { return func(s *settings) { s.UserAgent = ua } }

// NewClient returns a client for the APIO gateway at baseURL (scheme and
// host, e.g. "https://apio.example.com"; the /api/... paths are added). Give
// the credentials as an option: [WithLogin] or [WithToken]. Every problem
// with the arguments (an empty or bad URL, missing or empty credentials,
// both kinds at once) is reported here, as a *[ValidationError] with Subject
// "apio: NewClient". It does no I/O: the first request logs in.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	s := settings{Config: transport.Config{
		Vendor:      "apio",
		UserAgent:   DefaultUserAgent,
		DecodeError: decodeError,
		WrapError:   wrapError,
		Redactor:    &transport.Redactor{},
		Limit:       DefaultRateLimit,
		Burst:       DefaultBurst,
		Timeout:     DefaultTimeout,
	}}
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	if s.baseURLSet {
		baseURL = s.baseURL
	}
	if s.Limit == rate.Inf {
		s.Limit = 0 // the transport's "no limit"
	}
	s.BaseURL = strings.TrimSpace(baseURL)
	if err := s.check(); err != nil {
		return nil, err
	}
	c := &Client{log: s.Logger}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if s.tokenSet {
		s.Redactor.Add(s.token)
		s.Auth = transport.Bearer(s.token)
	} else {
		s.Redactor.Add(s.password)
		c.login = &login{username: s.username, password: s.password, twoFactor: s.twoFactor, red: s.Redactor}
		c.sess = &transport.Session{Header: "Authorization", Prefix: "Bearer ", Login: c.login.token, User: s.username}
		s.Auth = c.sess
	}
	tc, err := transport.New(s.Config)
	if err != nil {
		return nil, invalid("apio: NewClient", FieldError{Field: "baseURL", Message: err.Error()})
	}
	c.tc = tc
	if c.login != nil {
		c.login.tc = tc
	}
	return c, nil
}

// check reports every problem of the settings at once.
func (s *settings) check() error {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	if s.BaseURL == "" {
		add("baseURL", "is required (e.g. https://apio.example.com)")
	} else if u, err := url.Parse(s.BaseURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		add("baseURL", "must be an http or https URL with a host, such as https://apio.example.com")
	} else if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		add("baseURL", "must not carry a query, a fragment or user information")
	}
	switch {
	case s.loginSet && s.tokenSet:
		add("credentials", "give WithLogin or WithToken, not both")
	case !s.loginSet && !s.tokenSet:
		add("credentials", "are required: use WithLogin or WithToken")
	}
	if s.loginSet {
		if strings.TrimSpace(s.username) == "" {
			add("WithLogin.username", "is required")
		}
		if s.password == "" {
			add("WithLogin.password", "is required")
		}
	}
	if s.tokenSet && strings.TrimSpace(s.token) == "" {
		add("WithToken.token", "is required")
	}
	if s.Limit < 0 {
		add("WithRateLimit.limit", "must not be negative")
	}
	return invalid("apio: NewClient", errs...)
}

// Close logs the client out when it holds a session
// (POST /api/v01/auth/logout with the access token) and forgets its tokens;
// the logout is bounded (5 s) and a refusal of a token that already expired
// is not an error. A client made [WithToken] holds no session: Close does
// nothing. Close is safe to call more than once and from many goroutines;
// a client used after Close logs in again.
func (c *Client) Close() error {
	if c == nil || c.sess == nil {
		return nil
	}
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), closeTimeout)
	defer cancel()
	start := time.Now()
	err := c.login.logout(ctx, c.sess)
	attrs := []any{"vendor", "apio", "method", http.MethodPost, "path", "/" + logoutPath, "duration", time.Since(start)}
	if err != nil {
		attrs = append(attrs, "error", err.Error()) // redacted by the transport
	}
	c.log.DebugContext(ctx, "close", attrs...)
	return err
}
