package offices

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// Base URLs of Dialpad API v2.
const (
	DefaultBaseURL = "https://dialpad.com/api/v2"
	SandboxBaseURL = "https://sandbox.dialpad.com/api/v2"
)

// Dialpad's documented rate limit (reference 004 and every operation of
// Dialpad's OpenAPI spec): 1200 requests per minute per company, answered
// with HTTP 429 beyond that.
const (
	RateLimitRequests = 1200
	RateLimitWindow   = time.Minute
)

// DefaultRateGuard is the slack the default limiter leaves for jitter: the
// client spreads RateLimitRequests over RateLimitWindow+DefaultRateGuard
// (1200 per 60.6 s, 99% of the documented rate). See [WindowLimit].
const DefaultRateGuard = 600 * time.Millisecond

// DefaultRateLimit and DefaultBurst are the limiter of a new client: 1200
// requests per 60.6 s (Dialpad's 1200 per minute less [DefaultRateGuard]),
// one at a time, so no sliding minute of Dialpad's clock holds more than
// 1200 of them. Every call of one client, whatever the operation, takes
// from this one budget. It is WindowLimit(RateLimitRequests,
// RateLimitWindow, DefaultRateGuard); change it with [WithRateLimit].
const (
	DefaultRateLimit rate.Limit = RateLimitRequests * rate.Limit(time.Second) / rate.Limit(RateLimitWindow+DefaultRateGuard)
	DefaultBurst                = 1
)

// DefaultTimeout bounds each attempt of a request (connect, send, answer)
// unless [WithTimeout] or the HTTP client of [WithHTTPClient] sets another
// bound: a server that accepts and never answers cannot stall a call made
// with context.Background().
// A timed-out attempt is retried at most once, so one call against such a
// server ends within about twice the timeout (at most 61 s, the backoff
// from [DefaultRetryWaitMin] included).
const DefaultTimeout = 30 * time.Second

// Retry defaults: a 429 is retried after the server's Retry-After (capped
// at one rate window) or, as Dialpad normally sends none, after a jittered
// exponential backoff from DefaultRetryWaitMin up to DefaultRetryWaitMax.
const (
	DefaultRetryMax      = 6
	DefaultRetryWaitMin  = 500 * time.Millisecond
	DefaultRetryWaitMax  = 30 * time.Second
	DefaultMaxRetryAfter = RateLimitWindow
)

// DefaultUserAgent is sent unless WithUserAgent says otherwise.
const DefaultUserAgent = "callcenter-go/offices"

// CompanyIDHeader is the header [WithCompanyID] sets: it names the company
// a request acts for when the API key reaches more than one.
const CompanyIDHeader = "DP-Company-ID"

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

// ErrNoAPIKey is what [NewClient] returns (wrapped in its error) for an
// empty API key.
var ErrNoAPIKey = errors.New("offices: API key is empty")

type config struct {
	transport.Config
	companyID string
}

// Option configures a [Client].
type Option func(*config)

// WithBaseURL sets the API base URL, up to and including /api/v2 (default
// DefaultBaseURL); fakes and proxies use it. officestest.Server.URL is such
// a base URL.
func WithBaseURL(u string) Option { return func(c *config) { c.BaseURL = u } }

// WithSandbox talks to Dialpad's sandbox (SandboxBaseURL).
func WithSandbox() Option { return WithBaseURL(SandboxBaseURL) }

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified; [Client.Close] leaves its connections alone). Its Timeout, if
// set, replaces the one of [WithTimeout].
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.HTTPClient = hc } }

// WithTimeout bounds each attempt of a request (default [DefaultTimeout],
// 30 s); d <= 0 removes the bound (the context alone then limits a call).
func WithTimeout(d time.Duration) Option {
	return func(c *config) {
		if d <= 0 {
			d = -1
		}
		c.Timeout = d
	}
}

// WithRateLimit replaces the default limiter ([DefaultRateLimit], see also
// [WindowLimit]); every attempt of every call, retries included, waits for
// it, and all goroutines using the client share it. A limit of 0 disables
// limiting.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(c *config) { c.Limit, c.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (negative: none)
// and the backoff bounds used when the server sends no Retry-After.
func WithRetry(max int, waitMin, waitMax time.Duration) Option {
	return func(c *config) { c.RetryMax, c.RetryWaitMin, c.RetryWaitMax = max, waitMin, waitMax }
}

// WithMaxRetryAfter caps how long a server's Retry-After may make a retry
// wait (default one rate window).
func WithMaxRetryAfter(d time.Duration) Option { return func(c *config) { c.MaxRetryAfter = d } }

// WithLogger receives debug records (DebugContext) of every call and
// attempt, with the attributes vendor, method, path, status, duration and
// error; the API key is redacted. Silent by default.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.Logger = l } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *config) { c.UserAgent = ua } }

// WithCompanyID sends the DP-Company-ID header with every request, so that
// an API key that reaches several companies acts for company id. Empty
// sends no header (the default).
func WithCompanyID(id string) Option { return func(c *config) { c.companyID = id } }

// Client calls Dialpad's office API. Make it with [NewClient]. It is safe
// for concurrent use; its rate limiter is shared by every goroutine and
// every operation using it.
type Client struct {
	tc        *transport.Client
	log       *slog.Logger
	header    http.Header // extra headers of every request (DP-Company-ID)
	timeout   time.Duration
	ownHTTP   *http.Client // the HTTP client NewClient made (nil with WithHTTPClient)
	closeOnce sync.Once
}

// ready returns the reason c cannot send, if any.
func (c *Client) ready() error {
	if c == nil || c.tc == nil {
		return errors.New("offices: Client not made with NewClient")
	}
	return nil
}

// NewClient returns a client authenticating with the API key as a Bearer
// token. By default it talks to DefaultBaseURL at [DefaultRateLimit] (1200
// requests per 60.6 s, burst 1), bounds each attempt by [DefaultTimeout]
// and retries 429 answers. An empty key (the error matches [ErrNoAPIKey])
// or a bad option, such as a malformed base URL, is reported here.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	cfg := config{Config: transport.Config{
		Vendor:        "offices",
		BaseURL:       DefaultBaseURL,
		Limit:         DefaultRateLimit,
		Burst:         DefaultBurst,
		RetryMax:      DefaultRetryMax,
		RetryWaitMin:  DefaultRetryWaitMin,
		RetryWaitMax:  DefaultRetryWaitMax,
		MaxRetryAfter: DefaultMaxRetryAfter,
		Timeout:       DefaultTimeout,
		UserAgent:     DefaultUserAgent,
		Auth:          transport.Bearer(apiKey),
		DecodeError:   decodeError,
		WrapError:     wrapError,
		Redactor:      &transport.Redactor{},
	}}
	cfg.Redactor.Add(apiKey)
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if apiKey == "" {
		return nil, fmt.Errorf("offices: NewClient: %w", ErrNoAPIKey)
	}
	c := &Client{log: cfg.Logger, timeout: cfg.Timeout}
	if cfg.HTTPClient == nil {
		c.ownHTTP = retryablehttp.NewClient().HTTPClient // pooled; ours to close
		cfg.HTTPClient = c.ownHTTP
	}
	tc, err := transport.New(cfg.Config)
	if err != nil {
		return nil, err
	}
	c.tc = tc
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if cfg.companyID != "" {
		c.header = http.Header{CompanyIDHeader: {cfg.companyID}}
	}
	return c, nil
}

// Close releases the idle connections of the HTTP client NewClient made
// (none of one given with WithHTTPClient). Dialpad keys hold no session,
// so there is nothing to log out; Close is quick, safe to call twice, and
// the client stays usable (a later call opens new connections).
func (c *Client) Close() error {
	if c == nil {
		return nil
	}
	c.closeOnce.Do(func() {
		if c.ownHTTP != nil {
			c.ownHTTP.CloseIdleConnections()
		}
	})
	return nil
}

// do sends one request and logs it (DebugContext, redacted).
func (c *Client) do(ctx context.Context, r *transport.Request, out any) (*transport.Response, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if c.header != nil {
		r.Header = c.header
	}
	start := time.Now()
	resp, err := c.tc.Do(ctx, r, out)
	if c.log.Enabled(ctx, slog.LevelDebug) {
		attrs := []any{"vendor", "offices", "method", r.Method, "path", c.tc.Redactor().Redact("/" + r.Path), "duration", time.Since(start)}
		switch {
		case resp != nil:
			attrs = append(attrs, "status", resp.StatusCode)
		default:
			var e *Error
			if errors.As(err, &e) {
				attrs = append(attrs, "status", e.StatusCode)
			}
		}
		if err != nil {
			attrs = append(attrs, "error", c.tc.Redactor().Redact(err.Error()))
		}
		c.log.DebugContext(ctx, "offices call", attrs...)
	}
	return resp, err
}

// decodeError reads Dialpad's {"error": {"message": ..., "errors":
// [{"reason": ...}]}} (also {"error": "text"} and {"message": ...}).
func decodeError(_ int, body []byte) (code, message string) {
	var e struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
	}
	if json.Unmarshal(body, &e) != nil {
		return "", ""
	}
	var s string
	if json.Unmarshal(e.Error, &s) == nil {
		return "", s
	}
	var obj struct {
		Message string `json:"message"`
		Errors  []struct {
			Reason  string `json:"reason"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if json.Unmarshal(e.Error, &obj) == nil {
		message = obj.Message
		if len(obj.Errors) > 0 {
			code = obj.Errors[0].Reason
			if message == "" {
				message = obj.Errors[0].Message
			}
		}
	}
	if message == "" {
		message = e.Message
	}
	return code, message
}
