package offices

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
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

// Client calls Dialpad's office API. Make it with [NewClient]. It is safe
// for concurrent use; its rate limiter is shared by every goroutine and
// every operation using it.
type Client struct {
	tc      *rest.Client
	header  http.Header // extra headers of every request (DP-Company-ID)
	timeout time.Duration
}

// NewClient returns a client authenticating with the API key as a Bearer
// token. By default it talks to DefaultBaseURL at [DefaultRateLimit] (1200
// requests per 60.6 s, burst 1), bounds each attempt by [DefaultTimeout]
// and retries 429 answers. Every problem of the arguments (an empty key, a
// malformed base URL, a TLS configuration that cannot apply) is reported
// here, all at once, as a *[ValidationError] naming each; with an empty key
// it also matches [ErrNoAPIKey].
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	o := options{Options: rest.Options{Config: transport.Config{
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
	}}}
	o.Redactor.Add(apiKey)
	rest.Apply(&o, opts)
	v := problems{subject: "NewClient arguments"}
	if apiKey == "" {
		v.add("apiKey", "is required")
	}
	if p := rest.BaseURLProblem(o.BaseURL, DefaultBaseURL); p != "" {
		v.add("WithBaseURL", "%s", p)
	}
	if err := o.PrepareHTTP(); err != nil {
		v.add("WithTLSConfig", "%s", err.Error())
	}
	if err := v.err(); err != nil {
		if apiKey == "" {
			return nil, &noAPIKey{err.(*ValidationError)}
		}
		return nil, err
	}
	tc, err := rest.New(&o.Options)
	if err != nil { // not expected: the URL was checked above
		return nil, err
	}
	c := &Client{tc: tc, timeout: o.Timeout}
	if o.companyID != "" {
		c.header = http.Header{CompanyIDHeader: {o.companyID}}
	}
	return c, nil
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

// ready returns the reason c cannot send, if any.
func (c *Client) ready() error {
	if c == nil || c.tc == nil {
		return errors.New("offices: Client not made with NewClient")
	}
	return nil
}

// Close releases the idle connections of the HTTP client NewClient made
// (none of one given with WithHTTPClient). Dialpad keys hold no session,
// so there is nothing to log out and Close is quick. After Close the
// client is done: a call started later fails at once with an error
// matching [ErrClosed] and sends nothing. Calls in flight finish. Close is
// safe to call twice or from many goroutines.
func (c *Client) Close() error {
	if c == nil || c.tc == nil {
		return nil
	}
	return c.tc.Close(nil, rest.Logout{})
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
	if c.tc.Log.Enabled(ctx, slog.LevelDebug) {
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
		c.tc.Log.DebugContext(ctx, "offices call", attrs...)
	}
	return resp, err
}

// get returns the answer to a GET of an office's sub-resource, after
// checking the office id (subject names the request for a
// ValidationError).
func get[T any](ctx context.Context, c *Client, subject string, id ID, suffix string, query any) (*T, error) {
	if err := checkID(subject, "id", id); err != nil {
		return nil, err
	}
	return into[T](ctx, c, &transport.Request{Method: http.MethodGet, Path: officePath(id, suffix), Query: query})
}

// send validates body, then sends it with method to an office's
// sub-resource and returns the answer.
func send[T any](ctx context.Context, c *Client, method, subject string, id ID, suffix string, body interface{ Validate() error }) (*T, error) {
	idErr, bodyErr := checkID(subject, "id", id), body.Validate()
	switch {
	case idErr != nil && bodyErr != nil:
		// One *ValidationError with every problem: the id's, then the body's.
		var ve, be *ValidationError
		if errors.As(idErr, &ve) && errors.As(bodyErr, &be) {
			ve.Errors = append(ve.Errors, be.Errors...)
		}
		return nil, ve
	case idErr != nil:
		return nil, idErr
	case bodyErr != nil:
		return nil, bodyErr
	}
	return into[T](ctx, c, &transport.Request{Method: method, Path: officePath(id, suffix), JSON: body})
}

// into sends r and returns its answer, decoded.
func into[T any](ctx context.Context, c *Client, r *transport.Request) (*T, error) {
	out := new(T)
	if _, err := c.do(ctx, r, out); err != nil {
		return nil, err
	}
	return out, nil
}

// pages walks a cursor-paged collection lazily, starting at cursor, with
// the listing caps of every REST client of the module: fetch gets the page
// at a cursor. An error is yielded once and ends the sequence; so does a
// cursor the server hands back twice, and a collection that goes on past
// 10,000 pages or 100,000 items. Nil items are skipped.
func pages[T any](name, cursor string, fetch func(cursor string) (cursorPage[T], error)) iter.Seq2[*T, error] {
	return rest.Lister[*T]{
		Name: "offices: " + name,
		Fetch: func(cursor string) (rest.Page[*T], error) {
			p, err := fetch(cursor)
			if err != nil {
				return rest.Page[*T]{}, err
			}
			items, next := p.page()
			return rest.Page[*T]{Items: slices.DeleteFunc(items, func(it *T) bool { return it == nil }), Next: next}, nil
		},
	}.Seq(cursor)
}

// cursorPage is one page of a cursor-paged collection (*OfficePage,
// *CallCenterPage, ...): its items and the cursor of the next page ("" on
// the last one).
type cursorPage[T any] interface {
	page() (items []*T, next string)
}

// officePath returns "offices/{id}" plus the suffix ("" or "/e911" ...).
func officePath(id ID, suffix string) string {
	return "offices/" + url.PathEscape(id.String()) + suffix
}

// checkID reports a non-positive office id as a *ValidationError of the
// request named subject.
func checkID(subject, field string, id ID) error {
	if id > 0 {
		return nil
	}
	v := problems{subject: subject}
	v.add(field, "must be a positive office id, not %d", id)
	return v.err()
}

// cursorQuery is the query of a cursor-paged office collection.
type cursorQuery struct {
	Cursor string `url:"cursor,omitempty"`
}
