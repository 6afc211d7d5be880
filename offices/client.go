package offices

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

// Base URLs of Dialpad API v2.
const (
	DefaultBaseURL = "https://dialpad.com/api/v2"
	SandboxBaseURL = "https://sandbox.dialpad.com/api/v2"
)

// Dialpad's documented rate limit (reference 004): 1200 requests per
// minute per company, answered with HTTP 429 beyond that.
const (
	RateLimitRequests = 1200
	RateLimitWindow   = time.Minute
)

// DefaultRateGuard is the slack the default limiter leaves for jitter: the
// client spreads RateLimitRequests over RateLimitWindow+DefaultRateGuard
// (1200 per 60.6 s, 99% of the documented rate). See [WindowLimit].
const DefaultRateGuard = 600 * time.Millisecond

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

// Error is an error answer from Dialpad: status, message (from
// {"error": {"message": ...}}), request method and path, a short redacted
// body excerpt. Use errors.As to get it.
type Error = transport.APIError

// Conditions to test with errors.Is.
var (
	// ErrRateLimited: the last answer was HTTP 429 after every retry.
	ErrRateLimited = transport.ErrRateLimited
	// ErrOutcomeUnknown: a create was sent but no usable answer came back
	// (connection lost, 5xx). It was not retried, as that could create a
	// second office: list the offices before trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrNotFound: HTTP 404, e.g. Get of an unknown office id.
	ErrNotFound = transport.ErrNotFound
	// ErrUnauthorized: HTTP 401 or 403, e.g. a wrong API key.
	ErrUnauthorized = transport.ErrUnauthorized
)

// ErrNoAPIKey is returned by every call of a client made with an empty API
// key.
var ErrNoAPIKey = errors.New("offices: API key is empty")

type config struct {
	transport.Config
}

// Option configures a [Client].
type Option func(*config)

// WithBaseURL sets the API base URL, up to and including /api/v2 (default
// DefaultBaseURL); fakes and proxies use it.
func WithBaseURL(u string) Option { return func(c *config) { c.BaseURL = u } }

// WithSandbox talks to Dialpad's sandbox (SandboxBaseURL).
func WithSandbox() Option { return WithBaseURL(SandboxBaseURL) }

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// modified).
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.HTTPClient = hc } }

// WithRateLimit replaces the default limiter (see [WindowLimit]); every
// attempt, retries included, waits for it, and all goroutines using the
// client share it. A limit of 0 disables limiting.
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

// WithLogger receives debug records of every attempt (API key redacted).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.Logger = l } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *config) { c.UserAgent = ua } }

// Client calls Dialpad's office API. Make it with [NewClient]. It is safe
// for concurrent use; its rate limiter is shared by every goroutine using
// it.
type Client struct {
	tc  *transport.Client
	err error // a construction problem, returned by every call
}

// ready returns the reason c cannot send, if any.
func (c *Client) ready() error {
	switch {
	case c == nil || (c.tc == nil && c.err == nil):
		return errors.New("offices: Client not made with NewClient")
	case c.err != nil:
		return c.err
	}
	return nil
}

// NewClient returns a client authenticating with the API key as a Bearer
// token. By default it talks to DefaultBaseURL at 1200 requests per 60.6 s
// (burst 1) and retries 429 answers; a problem with the options (such as a
// malformed base URL) or an empty key is returned by every call.
func NewClient(apiKey string, opts ...Option) *Client {
	limit, burst := WindowLimit(RateLimitRequests, RateLimitWindow, DefaultRateGuard)
	cfg := config{transport.Config{
		Vendor:        "offices",
		BaseURL:       DefaultBaseURL,
		Limit:         limit,
		Burst:         burst,
		RetryMax:      DefaultRetryMax,
		RetryWaitMin:  DefaultRetryWaitMin,
		RetryWaitMax:  DefaultRetryWaitMax,
		MaxRetryAfter: DefaultMaxRetryAfter,
		UserAgent:     DefaultUserAgent,
		Auth:          transport.Bearer(apiKey),
		DecodeError:   decodeError,
		Redactor:      &transport.Redactor{},
	}}
	cfg.Redactor.Add(apiKey)
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if apiKey == "" {
		return &Client{err: ErrNoAPIKey}
	}
	tc, err := transport.New(cfg.Config)
	if err != nil {
		return &Client{err: err}
	}
	return &Client{tc: tc}
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

// Create validates req and creates a secondary office (POST
// /api/v2/offices). An invalid request returns a *ValidationError and sends
// nothing. A 429 answer is retried; a create whose outcome is unknown (the
// connection broke after the request was sent, or a 5xx came back) is not,
// and its error matches ErrOutcomeUnknown. The returned office carries the
// plan Dialpad sent with it.
func (c *Client) Create(ctx context.Context, req *CreateOfficeRequest) (*Office, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	var raw []byte
	resp, err := c.tc.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "offices", JSON: req}, &raw)
	if err != nil {
		return nil, err
	}
	office, err := decodeCreated(raw)
	if err != nil {
		return nil, fmt.Errorf("offices: POST offices: the office was created (HTTP %d) but the answer could not be read: %s", resp.StatusCode, c.tc.Redactor().Excerpt(err.Error(), 512))
	}
	return office, nil
}

// decodeCreated reads Dialpad's {"office": {...}, "plan": {...}} answer, or
// a bare office.
func decodeCreated(raw []byte) (*Office, error) {
	var env struct {
		Office *Office `json:"office"`
		Plan   *Plan   `json:"plan"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, err
	}
	if env.Office != nil {
		env.Office.Plan = env.Plan
		return env.Office, nil
	}
	var o Office
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	if o.ID == 0 {
		return nil, errors.New("no office in the answer")
	}
	return &o, nil
}

// Get returns the office with the given id (GET /api/v2/offices/{id}). An
// unknown id gives an error matching ErrNotFound.
func (c *Client) Get(ctx context.Context, id ID) (*Office, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if id <= 0 {
		return nil, fmt.Errorf("offices: Get: id must be a positive office id, not %d", id)
	}
	var o Office
	path := "offices/" + url.PathEscape(id.String())
	if _, err := c.tc.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, &o); err != nil {
		return nil, err
	}
	if o.ID == 0 {
		return nil, fmt.Errorf("offices: GET /%s: no office in the answer", path)
	}
	return &o, nil
}

// ListOptions filter and page GET /api/v2/offices.
type ListOptions struct {
	// ActiveOnly returns only active offices.
	ActiveOnly bool `url:"active_only,omitempty"`
	// Cursor is the Cursor of the previous page (empty: first page).
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size (0: the server's default).
	Limit int `url:"limit,omitempty"`
}

// ListPage returns one page of the offices the API key can see. Pass the
// page's Cursor in opts to get the next page; it is empty on the last one.
func (c *Client) ListPage(ctx context.Context, opts *ListOptions) (*OfficePage, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &ListOptions{}
	}
	if opts.Limit < 0 {
		return nil, fmt.Errorf("offices: ListPage: limit must not be negative, not %d", opts.Limit)
	}
	var p OfficePage
	if _, err := c.tc.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "offices", Query: opts}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// List returns every office the API key can see, fetching pages lazily as
// the loop advances (opts.Cursor, if set, is where it starts). An error
// ends the sequence after being yielded once; so does a server that hands
// back the same cursor twice.
func (c *Client) List(ctx context.Context, opts *ListOptions) iter.Seq2[*Office, error] {
	return func(yield func(*Office, error) bool) {
		var o ListOptions
		if opts != nil {
			o = *opts
		}
		seen := map[string]bool{}
		for {
			p, err := c.ListPage(ctx, &o)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, office := range p.Items {
				if office == nil {
					continue
				}
				if !yield(office, nil) {
					return
				}
			}
			if p.Cursor == "" {
				return
			}
			if seen[p.Cursor] {
				yield(nil, fmt.Errorf("offices: List: the server returned cursor %q twice; stopping", p.Cursor))
				return
			}
			seen[p.Cursor] = true
			o.Cursor = p.Cursor
		}
	}
}
