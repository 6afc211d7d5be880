package apio

import (
	"context"
	"crypto/tls"
	"log/slog"
	"net/http"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"golang.org/x/time/rate"
)

// Option configures a [Client].
type Option func(*options)

// options are the options of a Client: those every REST client has, plus
// the credentials.
type options struct {
	rest.Options
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
	return func(o *options) { o.username, o.password, o.loginSet = username, password, true }
}

// WithToken makes the client send a long-lived machine (M2M) token as its
// access token instead of logging in. APIO shows a user's machine token in
// the "token" field of its login answer. The token is never refreshed: a 401
// is returned as an error matching [ErrUnauthorized].
func WithToken(token string) Option {
	return func(o *options) { o.token, o.tokenSet = token, true }
}

// WithTwoFactor supplies the code when APIO asks for a second factor at
// login (its login answer then holds a 2fa_payload instead of tokens). code
// is called once per such login; use [TwoFactorMethod] on its context to
// learn whether APIO sent the code by e-mail or expects a TOTP code. Without
// this option such a login fails with an error saying so.
func WithTwoFactor(code func(ctx context.Context) (string, error)) Option {
	return func(o *options) { o.twoFactor = code }
}

// WithBaseURL replaces the base URL given to [NewClient] (scheme and host,
// with an optional path prefix, e.g. "https://apio.example.com/proxy").
// It is for code that builds its options apart from the call to NewClient;
// the last value given wins.
func WithBaseURL(baseURL string) Option {
	return func(o *options) { o.baseURL, o.baseURLSet = baseURL, true }
}

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified; its CheckRedirect runs after the client's own redirect policy,
// which refuses any redirect to another origin or of a request with a
// body). The default is a pooled client. Its Timeout, when set, bounds each
// attempt as well as [WithTimeout]'s.
func WithHTTPClient(hc *http.Client) Option { return func(o *options) { o.HTTPClient = hc } }

// WithTLSConfig sets the TLS configuration of the connections, e.g. the
// RootCAs of a private certificate authority (it is cloned, not modified).
// With [WithHTTPClient], that client's Transport must be an *http.Transport
// (or nil), which is cloned too; NewClient reports any other.
func WithTLSConfig(cfg *tls.Config) Option { return func(o *options) { o.TLS = cfg } }

// WithTimeout bounds each attempt of a request: connect, send, read the
// answer (default [DefaultTimeout], 30 s). WithTimeout(0) keeps the
// default; a negative d removes the bound, leaving the context's alone. The
// Timeout of an HTTP client given with [WithHTTPClient], when set, bounds
// each attempt as well: the shorter bound wins.
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.SetTimeout(d) }
}

// WithRateLimit limits the request rate (every attempt counts), shared by
// every goroutine using the client. The default is [DefaultRateLimit]
// (none: APIO documents no limit); a limit of 0 or less also means none.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(o *options) { o.Limit, o.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (default 4;
// negative: none) and the bounds of the exponential backoff between them
// (default 200 ms to 10 s; a Retry-After is honoured up to 60 s). Only
// requests the server cannot have acted on are retried (see
// [ErrOutcomeUnknown]); a refused redirect never is.
func WithRetry(max int, waitMin, waitMax time.Duration) Option {
	return func(o *options) { o.RetryMax, o.RetryWaitMin, o.RetryWaitMax = max, waitMin, waitMax }
}

// WithLogger sends debug records of every attempt to l (through
// DebugContext, with the attributes vendor, method, path or url, status,
// duration and error), with secrets redacted. The default logs nothing.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.Logger = l } }

// WithUserAgent sets the User-Agent header (default [DefaultUserAgent]).
func WithUserAgent(ua string) Option { return func(o *options) { o.UserAgent = ua } }
