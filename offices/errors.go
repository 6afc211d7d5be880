package offices

import (
	"fmt"
	"net/http"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Error is an error answer (HTTP status 400 or more) from Dialpad. Get it
// with errors.As; it matches the sentinels below with errors.Is. It never
// holds the API key: Body, Message and Code are redacted.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is Dialpad's reason ({"error": {"errors": [{"reason": ...}]}}),
	// when the body carries one.
	Code string
	// Message is Dialpad's message ({"error": {"message": ...}}).
	Message string
	// Method and Path are the request's method and path (no query).
	Method, Path string
	// Body is a short, redacted excerpt of the answer.
	Body string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration

	err *transport.APIError
}

// Error returns "offices: METHOD /path: 400 Bad Request: message".
func (e *Error) Error() string {
	if e.err == nil {
		return fmt.Sprintf("offices: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	}
	return e.err.Error()
}

// Is matches [ErrNotFound] (404), [ErrUnauthorized] (401, 403),
// [ErrRateLimited] (429), [ErrAlreadyExists] (409) and [ErrOutcomeUnknown]
// (a 5xx answer to a POST, which the server may have carried out).
func (e *Error) Is(target error) bool { return e.err != nil && e.err.Is(target) }

// Unwrap returns the transport-level answer this error was made from (of
// an internal type: code outside this module cannot name it, so errors.As
// with an *Error of another vendor package never matches an offices error).
func (e *Error) Unwrap() error {
	if e.err == nil {
		return nil
	}
	return e.err
}

// wrapError gives every error answer this package's own type.
func wrapError(e *transport.APIError) error {
	return &Error{
		StatusCode: e.StatusCode, Code: e.Code, Message: e.Message,
		Method: e.Method, Path: e.Path, Body: e.Body, RetryAfter: e.RetryAfter, err: e,
	}
}

// Conditions to test with errors.Is. They are the same values in every
// vendor package of this module.
var (
	// ErrNotFound: HTTP 404, e.g. an unknown office id.
	ErrNotFound = transport.ErrNotFound
	// ErrAlreadyExists: HTTP 409, the object exists already.
	ErrAlreadyExists = transport.ErrAlreadyExists
	// ErrUnauthorized: HTTP 401 or 403, e.g. a wrong API key or a company
	// (WithCompanyID) the key does not reach.
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrRateLimited: the last answer was HTTP 429 after every retry.
	ErrRateLimited = transport.ErrRateLimited
	// ErrOutcomeUnknown: a POST (a create, an operator add, a number
	// assignment) was sent but no usable answer came back (connection lost,
	// 5xx, a 2xx whose body cannot be read). It was not retried, as that
	// could act twice: look the object up before trying again.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrLoginRefused is never returned by this package (an API key has no
	// login); it is exported so that code handling every vendor alike
	// compiles.
	ErrLoginRefused = transport.ErrLoginRefused
	// ErrCannotConnect: the server could not be reached at all (connection
	// refused, DNS failure, TLS handshake or certificate failure).
	ErrCannotConnect = transport.ErrCannotConnect
	// ErrSystemic matches every failure that will hit every call alike
	// ([ErrCannotConnect], [ErrLoginRefused]): a caller working through many
	// calls should stop.
	ErrSystemic = transport.ErrSystemic
	// ErrRedirectRefused: the server redirected a request to another origin
	// (scheme, host or port), or redirected a request with a body; the
	// client does not follow, so neither the API key nor the body leaves
	// for another server.
	ErrRedirectRefused = transport.ErrRedirectRefused
)

// ValidationError lists every problem found in a request before anything is
// sent; its Subject names the request, e.g. "offices: create office
// request". Calls return it as a *ValidationError (use errors.As).
type ValidationError = callcenter.ValidationError

// FieldError is one problem with one field of a request. Field is the JSON
// path of the field as in Dialpad's API, e.g. "routing_options.open.action",
// "monday_hours[3]" or "operator_type".
type FieldError = callcenter.FieldError
