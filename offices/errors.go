package offices

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/platform"
)

// ErrNoAPIKey matches the error [NewClient] returns for an empty API key
// (a *[ValidationError] listing "apiKey" with the other problems, if any).
var ErrNoAPIKey = errors.New("offices: API key is empty")

// noAPIKey is NewClient's *ValidationError when the key is empty: it also
// matches ErrNoAPIKey.
type noAPIKey struct{ *ValidationError }

func (e *noAPIKey) Is(target error) bool { return target == ErrNoAPIKey }
func (e *noAPIKey) Unwrap() error        { return e.ValidationError }

// Error is an error answer (HTTP status 400 or more) from Dialpad. Get it
// with errors.As; it matches the conditions below with errors.Is. It never
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

	api *transport.APIError
}

// wrapError gives every error answer this package's own type.
func wrapError(a *transport.APIError) error {
	return &Error{StatusCode: a.StatusCode, Code: a.Code, Message: a.Message, Method: a.Method, Path: a.Path,
		Body: a.Body, RetryAfter: a.RetryAfter, api: a}
}

// answer is e in the form the module's REST clients share.
func (e *Error) answer() rest.Answer {
	return rest.Answer{StatusCode: e.StatusCode, Code: e.Code, Message: e.Message, Method: e.Method, Path: e.Path,
		Body: e.Body, RetryAfter: e.RetryAfter, API: e.api}
}

// Error returns "offices: METHOD /path: 400 Bad Request: message".
func (e *Error) Error() string { return e.answer().Text("offices") }

// Is matches [ErrNotFound] (404), [ErrUnauthorized] (401, 403),
// [ErrRateLimited] (429), [ErrAlreadyExists] (409) and [ErrOutcomeUnknown]
// (a 5xx answer to a POST, which the server may have carried out). An
// Error made by hand matches none of them.
func (e *Error) Is(target error) bool { return e.answer().Is(target) }

// Unwrap returns the transport-level answer this error was made from (of
// an internal type: code outside this module cannot name it, so errors.As
// with an *Error of another vendor package never matches an offices error;
// nil for an Error made by hand).
func (e *Error) Unwrap() error { return e.answer().Unwrap() }

// Conditions to test with errors.Is. They are the same values in every
// vendor package of this module:
//
//   - ErrNotFound: HTTP 404, e.g. an unknown office id.
//   - ErrAlreadyExists: HTTP 409, the object exists already.
//   - ErrUnauthorized: HTTP 401 or 403, e.g. a wrong API key or a company
//     ([WithCompanyID]) the key does not reach.
//   - ErrRateLimited: the last answer was HTTP 429 after every retry.
//   - ErrOutcomeUnknown: a POST (a create, an operator add, a number
//     assignment) was sent but no usable answer came back (connection
//     lost, 5xx, a 2xx whose body cannot be read). It was not retried, as
//     that could act twice: look the object up before trying again.
var ErrNotFound, ErrAlreadyExists, ErrUnauthorized, ErrRateLimited, ErrOutcomeUnknown = platform.ErrNotFound,
	platform.ErrAlreadyExists, platform.ErrUnauthorized, platform.ErrRateLimited, platform.ErrOutcomeUnknown

// Conditions that will hit every call alike, matched with errors.Is (the
// same values in every vendor package): a caller working through many
// calls should stop.
//
//   - ErrLoginRefused is never returned by this package (an API key has no
//     login); it is exported so that code handling every vendor alike
//     compiles.
//   - ErrCannotConnect: the server could not be reached at all (connection
//     refused, DNS failure, TLS handshake or certificate failure).
//   - ErrSystemic matches every such failure.
//   - ErrRedirectRefused: the server redirected a request to another
//     origin (scheme, host or port), or redirected a request with a body;
//     the client does not follow, so neither the API key nor the body
//     leaves for another server.
var ErrLoginRefused, ErrCannotConnect, ErrSystemic, ErrRedirectRefused = platform.ErrLoginRefused,
	platform.ErrCannotConnect, platform.ErrSystemic, platform.ErrRedirectRefused

// ErrClosed matches the error of a call started after [Client.Close] (the
// same value in every vendor package, broadworks too): such a call sends
// nothing. Calls already in flight when Close is called finish.
var ErrClosed = platform.ErrClosed

// ValidationError lists every problem found in a request before anything is
// sent; its Subject names the request, e.g. "offices: create office
// request". Calls return it as a *ValidationError (use errors.As).
type ValidationError = callcenter.ValidationError

// FieldError is one problem with one field of a request. Field is the JSON
// path of the field as in Dialpad's API, e.g. "routing_options.open.action",
// "monday_hours[3]" or "operator_type".
type FieldError = callcenter.FieldError

// problems collects the FieldErrors of one request.
type problems struct {
	subject string
	errs    []FieldError
}

func (v *problems) add(field, format string, args ...any) {
	v.errs = append(v.errs, FieldError{Field: strings.TrimPrefix(field, "."), Message: fmt.Sprintf(format, args...)})
}

// err returns nil or a *ValidationError with the subject "offices: " +
// v.subject.
func (v *problems) err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Subject: "offices: " + v.subject, Errors: v.errs}
}

// validate returns the problems of the request r named subject: "is nil"
// for a nil r, else those check finds.
func validate[T any](subject string, r *T, check func(v *problems)) error {
	v := problems{subject: subject}
	if r == nil {
		v.add("request", "is nil")
	} else {
		check(&v)
	}
	return v.err()
}

// singleLine checks a "[single-line only]" field: no line breaks (nor
// other vertical whitespace).
func (v *problems) singleLine(field, s string, req bool) {
	if s == "" {
		if req {
			v.add(field, "is required")
		}
		return
	}
	if req && strings.TrimSpace(s) == "" {
		v.add(field, "is blank")
		return
	}
	if i := strings.IndexAny(s, "\r\n\v\f\u0085\u2028\u2029"); i >= 0 {
		v.add(field, "must be a single line (line break at byte %d)", i)
	}
	if !utf8.ValidString(s) {
		v.add(field, "is not valid UTF-8")
	}
}

func required(v *problems, field string, b *bool) {
	if b == nil {
		v.add(field, "is required (set it to true or false)")
	}
}
