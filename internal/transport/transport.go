// Package transport is the one HTTP layer of every REST client in this module:
// base URL, auth, rate limiting, retries that never repeat a request the
// server may have acted on, typed errors, JSON/form/query encoding and
// redacted debug logging. Vendor packages describe their API; this package
// executes it.
package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// Defaults for [Config] fields left zero.
const (
	DefaultRetryMax      = 4
	DefaultRetryWaitMin  = 200 * time.Millisecond
	DefaultRetryWaitMax  = 10 * time.Second
	DefaultMaxRetryAfter = 60 * time.Second
	DefaultMaxBody       = 16 << 20
	// DefaultTimeout bounds each attempt of a request (connect, send,
	// answer) when the HTTP client has no timeout of its own, so a server
	// that accepts and never answers cannot stall a call made with
	// context.Background(). An attempt that timed out is retried at most
	// once (whatever the retry count), so such a call ends within about
	// twice the timeout: two attempts and one backoff between them (at
	// most 2 x RetryWaitMin, 0.4 s by default), about 60.4 s with the
	// defaults. A call that logs in first (a Session) pays this bound for
	// the login and, once logged in, for the request.
	DefaultTimeout = 30 * time.Second
	// MaxTimeoutRetries is how many times a request whose attempt timed
	// out is sent again: once. A server that did not answer in the
	// timeout twice is not given a third chance.
	MaxTimeoutRetries = 1
)

// Config sets up a [Client]. Vendor packages fill it from their options.
type Config struct {
	// Vendor names the API in errors and logs, e.g. "offices".
	Vendor string
	// BaseURL is joined with each Request.Path.
	BaseURL string
	// HTTPClient is the underlying client (nil: a fresh pooled client). It is
	// copied, not modified.
	HTTPClient *http.Client
	// Limit and Burst set the request rate (every attempt counts). Zero
	// Limit means no limit.
	Limit rate.Limit
	Burst int
	// RetryMax is the most retries after the first attempt (negative: none).
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff.
	RetryWaitMin, RetryWaitMax time.Duration
	// MaxRetryAfter caps how long a server's Retry-After may make us wait.
	MaxRetryAfter time.Duration
	// MaxBody caps the size of a response body that is read.
	MaxBody int64
	// Logger receives debug records (nil: silent). Secrets are redacted.
	Logger *slog.Logger
	// UserAgent is sent on every request.
	UserAgent string
	// Auth adds credentials (nil: none).
	Auth Auth
	// DecodeError extracts the vendor's code and message from an error body.
	DecodeError func(status int, body []byte) (code, message string)
	// Redactor scrubs secrets from logs and errors (nil: a fresh one).
	Redactor *Redactor
	// Timeout bounds each attempt from the moment it may be sent (after
	// any rate-limit wait) until its answer is read (0: [DefaultTimeout];
	// negative: none). An HTTPClient's own Timeout applies as well. A
	// timed-out attempt is retried at most [MaxTimeoutRetries] times.
	Timeout time.Duration
	// WrapError turns an error answer into the vendor package's own error
	// type (nil: *APIError is returned).
	WrapError func(*APIError) error
}

// Client executes requests against one vendor API. It is safe for
// concurrent use; its rate limiter is shared by every goroutine using it.
type Client struct {
	cfg     Config
	base    *url.URL
	rc      *retryablehttp.Client
	limiter *rate.Limiter
	log     *slog.Logger
	red     *Redactor
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("%s: invalid base URL %q: want scheme://host[/path]", cfg.Vendor, cfg.BaseURL)
	}
	if cfg.RetryMax == 0 {
		cfg.RetryMax = DefaultRetryMax
	} else if cfg.RetryMax < 0 {
		cfg.RetryMax = 0
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Redactor == nil {
		cfg.Redactor = &Redactor{}
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if s, ok := cfg.Auth.(*Session); ok {
		if s.Redactor == nil {
			s.Redactor = cfg.Redactor
		}
		if s.Vendor == "" {
			s.Vendor = cfg.Vendor
		}
	}
	c := &Client{cfg: cfg, base: base, red: cfg.Redactor, log: cfg.Logger}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.limiter = rate.NewLimiter(rate.Inf, 0)
	if cfg.Limit > 0 {
		burst := cfg.Burst
		if burst <= 0 {
			burst = 1
		}
		c.limiter = rate.NewLimiter(cfg.Limit, burst)
	}

	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		*hc = *cfg.HTTPClient
	} else {
		hc = retryablehttp.NewClient().HTTPClient // pooled, with sane timeouts
	}
	hc.CheckRedirect = checkRedirect(hc.CheckRedirect, c.red)
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hc.Transport = &attemptTransport{c: c, next: next}

	rc := retryablehttp.NewClient()
	rc.HTTPClient = hc
	rc.Logger = nil // we log ourselves, redacted
	rc.RetryMax = cfg.RetryMax
	rc.RetryWaitMin = cfg.RetryWaitMin
	rc.RetryWaitMax = cfg.RetryWaitMax
	rc.CheckRetry = checkRetry
	rc.Backoff = c.backoff
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	rc.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, _ int) {
		if st := stateOf(req.Context()); st != nil {
			st.sent.Store(false)
			st.answered.Store(false)
		}
	}
	c.rc = rc
	return c, nil
}

// Redactor returns the client's redactor, so a vendor package can register
// secrets as it learns them.
func (c *Client) Redactor() *Redactor { return c.red }

// Limiter returns the client's rate limiter (shared by all its requests).
// Use it to inspect or take tokens; its limit is the one Config set (a
// client made without a limit never waits on it).
func (c *Client) Limiter() *rate.Limiter { return c.limiter }

// Request describes one API call.
type Request struct {
	Method string
	// Path is joined to the base URL. Escape each path segment that holds
	// data with url.PathEscape.
	Path string
	// Query is encoded into the query string: a struct with `url` tags
	// (go-querystring) or url.Values.
	Query any
	// JSON, when non-nil, is sent as an application/json body.
	JSON any
	// Form, when non-nil, is sent as an application/x-www-form-urlencoded
	// body: a struct with `url` tags or url.Values.
	Form any
	// Body, when non-nil, is sent as is with ContentType.
	Body        []byte
	ContentType string
	// Header holds extra headers.
	Header http.Header
	// NoAuth skips the client's Auth (for login requests).
	NoAuth bool
	// Retryable marks a non-idempotent request (POST) as safe to repeat:
	// a login, a search. Leave false for anything that creates or acts.
	Retryable bool
	// Secrets are values of this request only (the password of a call
	// center being created) that must not show in its error, even if the
	// server quotes them back. Unlike Redactor.Add, they are not kept.
	Secrets []string
}

// Response is a successful (status < 400) answer.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

type ctxKey struct{}

// attemptState follows one call through its attempts.
type attemptState struct {
	idempotent bool
	sent       atomic.Bool  // the current attempt's request was fully written
	answered   atomic.Bool  // the current attempt got an HTTP answer
	timeouts   atomic.Int32 // attempts that timed out
}

func stateOf(ctx context.Context) *attemptState {
	st, _ := ctx.Value(ctxKey{}).(*attemptState)
	return st
}

// Do sends r and decodes a successful JSON answer into out (if out is
// non-nil; *[]byte and *string receive the raw body). An answer of 400 or
// more is returned as *APIError; a failure without an answer as
// *RequestError.
func (c *Client) Do(ctx context.Context, r *Request, out any) (*Response, error) {
	u, body, ctype, err := c.encode(r)
	if err != nil {
		return nil, err
	}
	idempotent := r.Retryable || isIdempotent(r.Method)
	refreshed := false
	for {
		st := &attemptState{idempotent: idempotent}
		tctx := context.WithValue(ctx, ctxKey{}, st) // the retry policy counts timeouts
		if !idempotent {
			// Only a request that must not be repeated needs to know
			// whether it was fully written; the rest skip the tracing.
			tctx = httptrace.WithClientTrace(tctx, &httptrace.ClientTrace{
				WroteRequest: func(i httptrace.WroteRequestInfo) {
					if i.Err == nil {
						st.sent.Store(true)
					}
				},
			})
		}
		var rawBody any // a nil []byte must not become a non-nil interface
		if body != nil {
			rawBody = body
		}
		req, err := retryablehttp.NewRequestWithContext(tctx, r.Method, u.String(), rawBody)
		if err != nil {
			return nil, c.requestError(r, u, false, err)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		req.Header.Set("Accept", "application/json")
		if c.cfg.UserAgent != "" {
			req.Header.Set("User-Agent", c.cfg.UserAgent)
		}
		for k, vs := range r.Header {
			req.Header[http.CanonicalHeaderKey(k)] = vs
		}
		if !r.NoAuth && c.cfg.Auth != nil {
			if err := c.cfg.Auth.Authorize(ctx, req.Request); err != nil {
				return nil, err
			}
		}
		resp, err := c.rc.Do(req)
		if err != nil {
			if resp != nil { // a cancel right after the answer
				resp.Body.Close()
			}
			// A refused redirect is the server's answer: it did not act.
			unknown := !idempotent && st.sent.Load() && !st.answered.Load() && !errors.Is(err, ErrRedirectRefused)
			if re := (*RedirectError)(nil); errors.As(err, &re) {
				err = re // not net/http's wrapping, which quotes the whole Location
			}
			if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
				err = fmt.Errorf("%w: %w", ctxErr, err)
			}
			return nil, c.requestError(r, u, unknown, err)
		}
		data, err := readBody(resp.Body, c.cfg.MaxBody)
		resp.Body.Close()
		if err != nil {
			return nil, c.requestError(r, u, !idempotent, err)
		}
		if resp.StatusCode == http.StatusUnauthorized && !refreshed && !r.NoAuth {
			if rf, ok := c.cfg.Auth.(Refresher); ok {
				refreshed = true
				c.log.DebugContext(ctx, "re-authenticating after 401", "vendor", c.cfg.Vendor, "method", r.Method, "path", c.red.Redact(u.Path))
				if err := rf.Refresh(ctx, req.Request); err != nil {
					return nil, err
				}
				continue
			}
		}
		if resp.StatusCode >= 400 {
			return nil, c.wrap(c.apiError(ctx, r, u, resp, data, idempotent))
		}
		res := &Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: data}
		if err := decodeInto(data, out); err != nil {
			// A request that acts was carried out, but what it made cannot
			// be read: for the caller that is as good as an unknown outcome.
			return res, c.requestError(r, u, !idempotent, fmt.Errorf("decoding response: %w", err))
		}
		return res, nil
	}
}

// Path returns the path of a request's Path below the base URL, as errors
// show it ("/api/v2/offices/5"; "" for a path that cannot be parsed).
func (c *Client) Path(path string) string {
	p, err := url.Parse(strings.TrimSuffix(c.base.EscapedPath(), "/") + "/" + strings.TrimPrefix(path, "/"))
	if err != nil {
		return ""
	}
	return p.Path
}

func (c *Client) encode(r *Request) (*url.URL, []byte, string, error) {
	if strings.ContainsAny(r.Path, "?#") {
		return nil, nil, "", fmt.Errorf("%s: path %q holds '?' or '#': put the query in Request.Query", c.cfg.Vendor, r.Path)
	}
	u := *c.base
	rawPath := strings.TrimSuffix(c.base.EscapedPath(), "/") + "/" + strings.TrimPrefix(r.Path, "/")
	p, err := url.Parse(rawPath)
	if err != nil {
		return nil, nil, "", fmt.Errorf("%s: invalid path %q: %w", c.cfg.Vendor, r.Path, err)
	}
	u.Path, u.RawPath = p.Path, p.RawPath
	if r.Query != nil {
		q, err := values(r.Query)
		if err != nil {
			return nil, nil, "", fmt.Errorf("%s: encoding query: %w", c.cfg.Vendor, err)
		}
		u.RawQuery = q.Encode()
	}
	switch {
	case r.JSON != nil:
		b, err := json.Marshal(r.JSON)
		if err != nil {
			return nil, nil, "", fmt.Errorf("%s: encoding JSON body: %w", c.cfg.Vendor, err)
		}
		return &u, b, "application/json", nil
	case r.Form != nil:
		q, err := values(r.Form)
		if err != nil {
			return nil, nil, "", fmt.Errorf("%s: encoding form body: %w", c.cfg.Vendor, err)
		}
		return &u, []byte(q.Encode()), "application/x-www-form-urlencoded; charset=UTF-8", nil
	case r.Body != nil:
		return &u, r.Body, r.ContentType, nil
	}
	return &u, nil, "", nil
}

// values encodes v (url.Values or a struct with `url` tags) with
// go-querystring.
func values(v any) (url.Values, error) {
	if q, ok := v.(url.Values); ok {
		return q, nil
	}
	return query.Values(v)
}

// EncodeForm encodes a struct with `url` tags (or url.Values) the way the
// transport encodes Request.Form and Request.Query, for callers that need
// the text (e.g. to build a nested form value).
func EncodeForm(v any) (string, error) {
	q, err := values(v)
	if err != nil {
		return "", err
	}
	return q.Encode(), nil
}

func decodeInto(data []byte, out any) error {
	switch o := out.(type) {
	case nil:
		return nil
	case *[]byte:
		*o = data
		return nil
	case *string:
		*o = string(data)
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if rv := reflect.ValueOf(out); rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("out must be a non-nil pointer, not %T", out)
	}
	return json.Unmarshal(data, out)
}

func readBody(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("response body larger than %d bytes", limit)
	}
	return data, nil
}

func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

func (c *Client) requestError(r *Request, u *url.URL, unknown bool, err error) error {
	return &RequestError{Vendor: c.cfg.Vendor, Method: r.Method, Path: c.red.Redact(u.Path), OutcomeUnknown: unknown, Err: err, msg: c.red.Redact(err.Error())}
}

func (c *Client) apiError(ctx context.Context, r *Request, u *url.URL, resp *http.Response, body []byte, idempotent bool) *APIError {
	e := &APIError{
		Vendor:         c.cfg.Vendor,
		Method:         r.Method,
		Path:           c.red.Redact(u.Path),
		StatusCode:     resp.StatusCode,
		OutcomeUnknown: !idempotent && resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented,
		RetryAfter:     retryAfter(resp),
	}
	if c.cfg.DecodeError != nil {
		code, msg := c.cfg.DecodeError(resp.StatusCode, body)
		e.Code, e.Message = c.red.Excerpt(code, maxCode, r.Secrets...), c.red.Excerpt(msg, maxExcerpt, r.Secrets...)
	}
	e.Body = c.red.Excerpt(string(body), maxExcerpt, r.Secrets...)
	c.log.DebugContext(ctx, "api error", "vendor", c.cfg.Vendor, "method", r.Method, "path", e.Path, "status", resp.StatusCode, "code", e.Code)
	return e
}

// wrap gives an error answer the vendor's own type.
func (c *Client) wrap(e *APIError) error {
	if c.cfg.WrapError != nil {
		return c.cfg.WrapError(e)
	}
	return e
}

// checkRetry is the retry policy: idempotent requests retry on network
// errors, 429 and 5xx; others only when the server cannot have acted on
// them (429, or a failure before the request was fully written).
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := stateOf(ctx)
	idempotent := st == nil || st.idempotent
	if err == nil {
		if st != nil {
			st.answered.Store(true) // resp tells the outcome
		}
		retry := resp.StatusCode == http.StatusTooManyRequests ||
			(idempotent && resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented)
		if !retry {
			// A final answer stands even if ctx ended meanwhile: dropping it
			// would lose the outcome of a create the server carried out.
			return false, nil
		}
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		return true, nil
	}
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if !idempotent && st.sent.Load() {
		return false, nil
	}
	if st != nil && isTimeout(err) && st.timeouts.Add(1) > MaxTimeoutRetries {
		return false, nil // a server silent twice: the call ends (see DefaultTimeout)
	}
	if errors.Is(err, errRateWait) || errors.Is(err, ErrRedirectRefused) {
		return false, nil
	}
	return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
}

// isTimeout reports whether an attempt failed for lack of an answer in
// time: the per-attempt timeout, the HTTP client's own, or a network
// timeout (the caller's context is checked before).
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// backoff honours Retry-After (capped) and otherwise waits an exponentially
// growing, jittered time between min and max.
func (c *Client) backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if d := retryAfter(resp); d > 0 {
		return min2(d, c.cfg.MaxRetryAfter)
	}
	d := min << min2(attempt+1, 30)
	if d <= 0 || d > max {
		d = max
	}
	// Jitter in [d/2, d], never below min: spreads synchronized clients apart.
	if j := d/2 + rand.N(d/2+1); j > min {
		return j
	}
	return min
}

func min2[T int | time.Duration](a, b T) T {
	if a < b {
		return a
	}
	return b
}

// retryAfter reads a Retry-After header (seconds or HTTP date).
func retryAfter(resp *http.Response) time.Duration {
	if resp == nil {
		return 0
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// errRateWait: the rate limiter's wait would outlast the context deadline.
var errRateWait = errors.New("rate limit wait would exceed the context deadline")

// attemptTransport waits for the rate limiter before every attempt and logs
// each attempt, redacted.
type attemptTransport struct {
	c    *Client
	next http.RoundTripper
}

// CloseIdleConnections closes the idle connections of the wrapped
// transport, so that http.Client.CloseIdleConnections reaches it.
func (t *attemptTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// wait takes a token from the rate limiter (no lock at all when there is no
// limit).
func (t *attemptTransport) wait(req *http.Request) error {
	if t.c.cfg.Limit <= 0 {
		return nil
	}
	err := t.c.limiter.Wait(req.Context())
	if err == nil {
		return nil
	}
	if req.Body != nil {
		req.Body.Close()
	}
	if req.Context().Err() == nil { // the wait would outlast the deadline
		err = fmt.Errorf("%w (%w)", errRateWait, context.DeadlineExceeded)
	}
	return err
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.wait(req); err != nil {
		return nil, err
	}
	start := time.Now()
	resp, err := t.send(req)
	if t.c.log.Enabled(req.Context(), slog.LevelDebug) {
		attrs := []any{"vendor", t.c.cfg.Vendor, "method", req.Method, "path", t.c.red.Redact(req.URL.Path), "query", t.c.red.Redact(req.URL.RawQuery), "duration", time.Since(start)}
		if err != nil {
			attrs = append(attrs, "error", t.c.red.Redact(err.Error()))
		} else {
			attrs = append(attrs, "status", resp.StatusCode)
		}
		t.c.log.DebugContext(req.Context(), "http attempt", attrs...)
	}
	return resp, err
}

// checkRedirect follows a redirect only to the same origin (scheme, host
// and port) and only for a request without a body (GET, HEAD): credentials
// never reach another host, and a POST is never sent twice. next is the
// HTTP client's own policy, applied after ours.
func checkRedirect(next func(*http.Request, []*http.Request) error, red *Redactor) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0]
		status := 0
		if req.Response != nil {
			status = req.Response.StatusCode
		}
		refuse := func(reason string) error {
			return &RedirectError{Status: status, From: red.Redact(originPath(first.URL)), To: red.Redact(originPath(req.URL)), Reason: reason}
		}
		switch {
		case !sameOrigin(first.URL, req.URL):
			return refuse("another origin (credentials are not sent to another scheme, host or port); use that URL as the base URL if it is right")
		case first.Method != http.MethodGet && first.Method != http.MethodHead:
			return refuse(first.Method + " is not sent again on a redirect")
		case len(via) >= 10:
			return refuse("more than 10 redirects")
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && portOf(a) == portOf(b)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

func originPath(u *url.URL) string { return u.Scheme + "://" + u.Host + u.Path }

// send makes one attempt within the client's per-attempt timeout, which
// runs until the answer's body is closed.
func (t *attemptTransport) send(req *http.Request) (*http.Response, error) {
	d := t.c.cfg.Timeout
	if d <= 0 {
		return t.next.RoundTrip(req)
	}
	parent := req.Context()
	ctx, cancel := context.WithTimeout(parent, d)
	resp, err := t.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		if ctx.Err() != nil && parent.Err() == nil {
			err = fmt.Errorf("%w: no answer within %v (the per-request timeout; see WithTimeout)", err, d)
		}
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose ends an attempt's timeout when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
