package livevox

import (
	"crypto/tls"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"golang.org/x/time/rate"
)

// Option configures a [Client].
type Option func(*options)

// options are the options of a Client: those every REST client has, plus
// LiveVox's own.
type options struct {
	rest.Options
	region  Region
	version string
	agent   bool
}

// WithRegion selects the region's API host (default [NA3]). [WithBaseURL]
// takes precedence over it.
func WithRegion(r Region) Option { return func(o *options) { o.region = r } }

// WithBaseURL sets the API base URL (scheme://host[/path]), e.g. a fake
// server's URL. It takes precedence over [WithRegion].
func WithBaseURL(u string) Option { return func(o *options) { o.BaseURL = u } }

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified). Its Timeout, when set, bounds each attempt as well as
// [WithTimeout]'s.
func WithHTTPClient(hc *http.Client) Option { return func(o *options) { o.HTTPClient = hc } }

// WithTLSConfig sets the TLS configuration of the connections, e.g. the
// RootCAs of a private certificate authority (it is cloned, not modified).
// With [WithHTTPClient], that client's Transport must be an *http.Transport
// (or nil), which is cloned too; NewClient reports any other.
func WithTLSConfig(cfg *tls.Config) Option { return func(o *options) { o.TLS = cfg } }

// WithRateLimit sets the request rate shared by every goroutine using the
// client (every attempt counts). Default [DefaultRateLimit], [DefaultBurst];
// rate.Inf disables the limit.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(o *options) { o.Limit, o.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (negative: none;
// default 4) and the bounds of the exponential backoff between them. A
// create is retried only when the server cannot have acted on it.
func WithRetry(maxRetries int, waitMin, waitMax time.Duration) Option {
	return func(o *options) { o.RetryMax, o.RetryWaitMin, o.RetryWaitMax = maxRetries, waitMin, waitMax }
}

// WithTimeout bounds each attempt of a request: connect, send, read the
// answer (default [DefaultTimeout], 30 s). WithTimeout(0) keeps the
// default; a negative d removes the bound, leaving the context's alone. The
// Timeout of an HTTP client given with [WithHTTPClient], when set, bounds
// each attempt as well: the shorter bound wins.
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.SetTimeout(d) }
}

// WithLogger sets a logger for debug records (DebugContext) of requests and
// logins, with the attributes vendor, method, path (or url), status,
// duration and error. Secrets are redacted. Default: silent.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.Logger = l } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(o *options) { o.UserAgent = ua } }

// WithAgentLogin logs in as an agent ("agent": true in the login body)
// instead of as a user of the LiveVox portal.
func WithAgentLogin(agent bool) Option { return func(o *options) { o.agent = agent } }

// WithAPIVersion inserts a version segment after the service name of every
// path, e.g. "v6.0" gives /session/v6.0/login and
// /configuration/v6.0/callCenters. Reference 002 shows unversioned paths
// (the default); LiveVox's current public API documents versioned ones.
func WithAPIVersion(version string) Option {
	return func(o *options) { o.version = strings.Trim(version, "/") }
}

// newOptions returns the defaults with opts applied.
func newOptions(opts []Option) options {
	o := options{region: DefaultRegion}
	o.Vendor = "livevox"
	o.Limit, o.Burst = DefaultRateLimit, DefaultBurst
	o.Timeout = DefaultTimeout
	rest.Apply(&o, opts)
	return o
}
