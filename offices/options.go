package offices

import (
	"crypto/tls"
	"log/slog"
	"net/http"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"golang.org/x/time/rate"
)

// WindowLimit returns rate-limiter settings (limit, burst) that keep one
// client inside a strict sliding window of n requests per window, as Dialpad
// enforces it. The limiter lets requests go (window+guard)/n apart with a
// burst of 1, so no window of the server's clock holds more than n of them
// as long as no request reaches the server more than guard after the
// limiter let it go (goroutine wake-up, connection and network delays).
// Exactly n per window with no guard is exceeded as soon as one request is
// delayed more than the one n places after it, and a burst b > 1 lets b-1
// extra requests into some windows. n <= 0 or window <= 0 returns (0, 0):
// no limit.
func WindowLimit(n int, window, guard time.Duration) (rate.Limit, int) {
	if n <= 0 || window <= 0 {
		return 0, 0
	}
	if guard < 0 {
		guard = 0
	}
	return rate.Every((window + guard) / time.Duration(n)), 1
}

// Option configures a [Client].
type Option func(*options)

// options are the options of a Client: those every REST client has, plus
// the company.
type options struct {
	rest.Options
	companyID string
}

// WithBaseURL sets the API base URL, up to and including /api/v2 (default
// DefaultBaseURL); fakes and proxies use it. officestest.Server.URL is such
// a base URL.
func WithBaseURL(u string) Option { return func(o *options) { o.BaseURL = u } }

// WithSandbox talks to Dialpad's sandbox (SandboxBaseURL).
func WithSandbox() Option { return WithBaseURL(SandboxBaseURL) }

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified; [Client.Close] leaves its connections alone). Its Timeout, when
// set, bounds each attempt as well as [WithTimeout]'s.
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

// WithRateLimit replaces the default limiter ([DefaultRateLimit], see also
// [WindowLimit]); every attempt of every call, retries included, waits for
// it, and all goroutines using the client share it. A limit of 0 disables
// limiting.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(o *options) { o.Limit, o.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (negative: none)
// and the backoff bounds used when the server sends no Retry-After.
func WithRetry(max int, waitMin, waitMax time.Duration) Option {
	return func(o *options) { o.RetryMax, o.RetryWaitMin, o.RetryWaitMax = max, waitMin, waitMax }
}

// WithMaxRetryAfter caps how long a server's Retry-After may make a retry
// wait (default one rate window).
func WithMaxRetryAfter(d time.Duration) Option { return func(o *options) { o.MaxRetryAfter = d } }

// WithLogger receives debug records (DebugContext) of every call and
// attempt, with the attributes vendor, method, path, status, duration and
// error; the API key is redacted. Silent by default.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.Logger = l } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(o *options) { o.UserAgent = ua } }

// WithCompanyID sends the DP-Company-ID header with every request, so that
// an API key that reaches several companies acts for company id. Empty
// sends no header (the default).
func WithCompanyID(id string) Option { return func(o *options) { o.companyID = id } }
