package apio

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

// Error is an error answer (HTTP status 400 or above) from APIO. Message
// holds APIO's {"error": "..."} text. Use errors.As to get at it; it never
// holds a secret.
type Error = transport.APIError

// Sentinel conditions, matched with errors.Is.
var (
	// ErrRateLimited matches an error whose final answer was HTTP 429.
	ErrRateLimited = transport.ErrRateLimited
	// ErrOutcomeUnknown matches an error after which APIO may or may not
	// have acted on a create (POST): the request was sent, then the
	// connection broke or a 5xx came back. Such a request is never repeated
	// automatically: look the call center up before trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrNotFound matches an error whose final answer was HTTP 404.
	ErrNotFound = transport.ErrNotFound
	// ErrUnauthorized matches an error whose final answer was HTTP 401 or
	// 403, such as a refused login.
	ErrUnauthorized = transport.ErrUnauthorized
)

// DefaultUserAgent is the User-Agent sent unless [WithUserAgent] says
// otherwise.
const DefaultUserAgent = "callcenter-go-apio"

// Client talks to one APIO gateway. It is safe for concurrent use: many
// goroutines share its login, its access token and its rate limiter.
type Client struct {
	tc *transport.Client
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
}

// WithLogin makes the client log in with an APIO user name and password
// (POST /api/v01/auth/login). The short-lived access token is renewed with
// the refresh token when APIO refuses it, and the client logs in again when
// the refresh token is refused too. Exactly one of WithLogin and [WithToken]
// is required.
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

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified). The default is a pooled client with sane timeouts.
func WithHTTPClient(hc *http.Client) Option { return func(s *settings) { s.HTTPClient = hc } }

// WithRateLimit limits the request rate (every attempt counts), shared by
// every goroutine using the client. APIO documents no limit; the default is
// none.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(s *settings) { s.Limit, s.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (negative: none)
// and the bounds of the exponential backoff between them. Only requests the
// server cannot have acted on are retried (see [ErrOutcomeUnknown]).
func WithRetry(max int, waitMin, waitMax time.Duration) Option {
	return func(s *settings) { s.RetryMax, s.RetryWaitMin, s.RetryWaitMax = max, waitMin, waitMax }
}

// WithLogger sends debug records of every attempt to l, with secrets
// redacted.
func WithLogger(l *slog.Logger) Option { return func(s *settings) { s.Logger = l } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(s *settings) { s.UserAgent = ua } }

// NewClient returns a client for the APIO gateway at baseURL (scheme and
// host, e.g. "https://apio.example.com"; the /api/... paths are added). Give
// the credentials as an option: [WithLogin] or [WithToken]. It does no I/O:
// the first request logs in.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	s := settings{Config: transport.Config{
		Vendor:      "apio",
		BaseURL:     baseURL,
		UserAgent:   DefaultUserAgent,
		DecodeError: decodeError,
		Redactor:    &transport.Redactor{},
	}}
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	switch {
	case s.loginSet && s.tokenSet:
		return nil, errors.New("apio: NewClient: give WithLogin or WithToken, not both")
	case s.loginSet && s.username == "":
		return nil, errors.New("apio: WithLogin: username is required")
	case s.loginSet && s.password == "":
		return nil, errors.New("apio: WithLogin: password is required")
	case s.tokenSet && s.token == "":
		return nil, errors.New("apio: WithToken: token is required")
	case !s.loginSet && !s.tokenSet:
		return nil, errors.New("apio: NewClient: credentials are required: use WithLogin or WithToken")
	}
	var l *login
	if s.tokenSet {
		s.Redactor.Add(s.token)
		s.Auth = transport.Bearer(s.token)
	} else {
		s.Redactor.Add(s.password)
		l = &login{username: s.username, password: s.password, twoFactor: s.twoFactor, red: s.Redactor}
		s.Auth = &transport.Session{Header: "Authorization", Prefix: "Bearer ", Login: l.token}
	}
	tc, err := transport.New(s.Config)
	if err != nil {
		return nil, err // names the vendor and the bad URL
	}
	if l != nil {
		l.tc = tc
	}
	return &Client{tc: tc}, nil
}
