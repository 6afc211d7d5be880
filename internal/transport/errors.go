package transport

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinel conditions, matched with errors.Is. Vendor packages re-export them
// under their own names (offices.ErrRateLimited is transport.ErrRateLimited).
var (
	// ErrRateLimited matches an error whose final answer was HTTP 429.
	ErrRateLimited = errors.New("rate limited")
	// ErrOutcomeUnknown matches an error after which the server may or may
	// not have acted on a non-idempotent request (a POST whose body was
	// sent, then the connection broke or a 5xx came back). Such a request is
	// never repeated automatically: look the object up before trying again.
	ErrOutcomeUnknown = errors.New("outcome unknown: the server may have acted on the request")
	// ErrUnauthorized matches an error whose final answer was HTTP 401 or 403.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrNotFound matches an error whose final answer was HTTP 404.
	ErrNotFound = errors.New("not found")
	// ErrAlreadyExists matches an error saying the object to create exists
	// already (HTTP 409, or a vendor's own "already exists" code).
	ErrAlreadyExists = errors.New("already exists")
)

// APIError is an error answer (HTTP status 400 or above) from a vendor API.
// Each vendor package re-exports it as its own Error type. It never holds a
// secret: Body is redacted and cut short.
type APIError struct {
	Vendor     string        // e.g. "offices"
	Method     string        // request method
	Path       string        // request path, without query
	StatusCode int           // HTTP status
	Code       string        // vendor error code, when the body carries one
	Message    string        // vendor message, when the body carries one
	Body       string        // redacted excerpt of the body (at most 512 bytes)
	RetryAfter time.Duration // the server's Retry-After, when sent
	// OutcomeUnknown is true for a 5xx answer to a non-idempotent request:
	// a gateway may have passed the request on before failing.
	OutcomeUnknown bool
}

// Error returns "vendor: METHOD /path: 400 Bad Request: message (code X)".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s: %d %s", e.Vendor, e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	switch {
	case e.Message != "":
		b.WriteString(": ")
		b.WriteString(e.Message)
	case e.Body != "":
		b.WriteString(": ")
		b.WriteString(e.Body)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " (code %s)", e.Code)
	}
	if e.OutcomeUnknown {
		b.WriteString(" (outcome unknown: not retried)")
	}
	return b.String()
}

// Is matches [ErrRateLimited], [ErrOutcomeUnknown], [ErrUnauthorized],
// [ErrNotFound] and [ErrAlreadyExists] (409) by status.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrOutcomeUnknown:
		return e.OutcomeUnknown
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrAlreadyExists:
		return e.StatusCode == http.StatusConflict
	}
	return false
}

// RequestError is a failure with no HTTP answer: a network error, a
// cancelled context, or a body that could not be read or decoded. Its message
// is redacted; Unwrap gives the cause, so errors.Is(err, context.Canceled)
// works.
type RequestError struct {
	Vendor string
	Method string
	Path   string
	// OutcomeUnknown is true when a non-idempotent request was fully sent
	// before the failure, so the server may have acted on it.
	OutcomeUnknown bool
	Err            error
	msg            string // redacted form of Err
}

// Error returns "vendor: METHOD /path: cause".
func (e *RequestError) Error() string {
	s := fmt.Sprintf("%s: %s %s: %s", e.Vendor, e.Method, e.Path, e.msg)
	if e.OutcomeUnknown {
		s += " (outcome unknown: not retried)"
	}
	return s
}

// Unwrap returns the cause.
func (e *RequestError) Unwrap() error { return e.Err }

// Is matches [ErrOutcomeUnknown] when the outcome is unknown.
func (e *RequestError) Is(target error) bool { return target == ErrOutcomeUnknown && e.OutcomeUnknown }
