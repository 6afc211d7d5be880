package livevox

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/platform"
)

// Error is an error answer (HTTP status 400 or above) of the LiveVox API.
// Match it with errors.As; its Is matches the conditions below by status
// (and [ErrHasServices], [ErrAlreadyExists] by LiveVox's code or message).
// It never holds a secret: the access token, the password and the session
// id are redacted from every field.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is the body's errorCode as decimal text ("" when absent); see
	// [Error.LiveVoxCode] for the number.
	Code string
	// Message is the body's errorMessage ("" when absent).
	Message string
	// Method and Path are the request's (Path without the query).
	Method string
	Path   string
	// Body is a redacted excerpt of the answer's body (at most 512 bytes).
	Body string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration

	api *transport.APIError
}

func wrapError(a *transport.APIError) error {
	return &Error{StatusCode: a.StatusCode, Code: a.Code, Message: a.Message, Method: a.Method, Path: a.Path,
		Body: a.Body, RetryAfter: a.RetryAfter, api: a}
}

// answer is e in the form the module's REST clients share.
func (e *Error) answer() rest.Answer {
	return rest.Answer{StatusCode: e.StatusCode, Code: e.Code, Message: e.Message, Method: e.Method, Path: e.Path,
		Body: e.Body, RetryAfter: e.RetryAfter, API: e.api}
}

// Error returns "livevox: METHOD /path: 400 Bad Request: message (code N)".
func (e *Error) Error() string { return e.answer().Text("livevox") }

// Is matches [ErrNotFound] (404), [ErrUnauthorized] (401, 403),
// [ErrRateLimited] (429), [ErrOutcomeUnknown] (a 5xx to a create),
// [ErrAlreadyExists] (409, or a 400 to a POST or PUT whose message says
// "already exists") and [ErrHasServices] (a 400 with errorCode 202 to a
// DELETE).
func (e *Error) Is(target error) bool {
	switch target {
	case ErrHasServices:
		return e.StatusCode == http.StatusBadRequest && e.Method == http.MethodDelete && e.LiveVoxCode() == CodeHasServices
	case ErrAlreadyExists:
		if e.StatusCode == http.StatusBadRequest && (e.Method == http.MethodPost || e.Method == http.MethodPut) &&
			strings.Contains(strings.ToLower(e.Message), "already exists") {
			return true
		}
	}
	return e.answer().Is(target)
}

// Unwrap returns the module's internal form of the same answer (of use to
// its own tests only; nil for an Error made by hand).
func (e *Error) Unwrap() error { return e.answer().Unwrap() }

// ErrHasServices matches the error of [Client.DeleteCallCenter] when LiveVox
// refuses to delete a call center that still holds services (HTTP 400,
// errorCode 202). Move the services to another call center with
// [Client.AddCallCenterService] first. The error is an *Error.
var ErrHasServices = errors.New("livevox: call center still has services")

// CodeHasServices is the LiveVox errorCode of a delete refused because the
// call center still holds services.
const CodeHasServices = 202

// Conditions of an answer, matched with errors.Is. They are the same values
// in every vendor package of the module (livevox.ErrNotFound ==
// offices.ErrNotFound), so code that handles several vendors tests them
// once:
//
//   - ErrNotFound: the final answer was HTTP 404.
//   - ErrAlreadyExists: the object to create exists already: HTTP 409, or
//     LiveVox's 400 to a create or an update whose message says the name
//     "already exists" (LiveVox documents no code for a duplicate name).
//   - ErrUnauthorized: the final answer was HTTP 401 or 403: bad
//     credentials or access token at login, a session refused even after a
//     fresh login, or a user without the role the method needs.
//   - ErrRateLimited: the final answer was HTTP 429, after the retries
//     allowed by [WithRetry].
//   - ErrOutcomeUnknown: the server may or may not have acted on a create
//     (the request was sent, then the connection broke, a 5xx came back, or
//     a 2xx came back whose body cannot be read). Such a request is never
//     repeated automatically: list the call centers before trying again.
var ErrNotFound, ErrAlreadyExists, ErrUnauthorized, ErrRateLimited, ErrOutcomeUnknown = platform.ErrNotFound,
	platform.ErrAlreadyExists, platform.ErrUnauthorized, platform.ErrRateLimited, platform.ErrOutcomeUnknown

// Conditions that will hit every call of the client alike, matched with
// errors.Is (the same values in every vendor package). A caller working
// through many requests should stop rather than repeat them:
//
//   - ErrLoginRefused: LiveVox refused the login (wrong access token,
//     client, user or password; locked user). The client remembers the
//     refusal for [LoginRefusalHold] and meanwhile fails every call at once
//     with it instead of logging in again (a real server may lock the user
//     after a few failures). It also matches ErrSystemic and
//     [ErrUnauthorized].
//   - ErrCannotConnect: the server could not be reached at all: connection
//     refused, DNS failure, a TLS handshake that failed or timed out, an
//     untrusted certificate. It also matches ErrSystemic.
//   - ErrSystemic matches every such failure.
//   - ErrRedirectRefused: an answer redirected a request the client does
//     not follow: to another origin (scheme, host or port: LV-Access,
//     LV-Session and bodies stay with their host), or of a request with a
//     body (a POST is never sent twice).
var ErrLoginRefused, ErrCannotConnect, ErrSystemic, ErrRedirectRefused = platform.ErrLoginRefused,
	platform.ErrCannotConnect, platform.ErrSystemic, platform.ErrRedirectRefused

// ErrClosed matches the error of a call started after [Client.Close] (the
// same value in every vendor package, broadworks too): such a call sends
// nothing. Calls already in flight when Close is called finish.
var ErrClosed = platform.ErrClosed

// LoginRefusalHold is how long a refused login is remembered (see
// [ErrLoginRefused]). A new client (new credentials) tries again at once.
const LoginRefusalHold = 5 * time.Minute

// LiveVoxCode returns Code as a number, or 0 when it is absent or not an
// integer.
func (e *Error) LiveVoxCode() int {
	n, err := strconv.Atoi(e.Code)
	if err != nil {
		return 0
	}
	return n
}

// ErrorCode returns the LiveVox errorCode carried by err (an *Error anywhere
// in its chain), or 0 when there is none.
func ErrorCode(err error) int {
	var e *Error
	if !errors.As(err, &e) {
		return 0
	}
	return e.LiveVoxCode()
}

// ValidationError is the error of a request refused before anything was
// sent: its Subject names the request ("livevox: create call center
// request") and Errors list every problem, field by field. It is
// callcenter's type, the same in every vendor package.
type ValidationError = callcenter.ValidationError

// FieldError is one problem of a [ValidationError].
type FieldError = callcenter.FieldError

// invalid collects the problems of one request.
type invalid struct {
	subject string
	errs    []FieldError
}

func newInvalid(request string) *invalid { return &invalid{subject: "livevox: " + request} }

func (v *invalid) add(field, message string) {
	v.errs = append(v.errs, FieldError{Field: field, Message: message})
}

// id records a problem unless id is a positive LiveVox id.
func (v *invalid) id(field string, id int64) {
	if id <= 0 {
		v.add(field, "must be a positive LiveVox id, got "+strconv.FormatInt(id, 10))
	}
}

// optionalID records a problem if id is negative (0 means "not set").
func (v *invalid) optionalID(field string, id int64) {
	if id < 0 {
		v.add(field, "must be a positive LiveVox id or 0 (not set), got "+strconv.FormatInt(id, 10))
	}
}

// text records a problem if s is empty (after trimming) or holds control
// characters.
func (v *invalid) text(field, s string, required bool) {
	switch {
	case required && strings.TrimSpace(s) == "":
		v.add(field, "is required (must not be empty or only spaces)")
	case strings.ContainsFunc(s, isControl):
		v.add(field, "must not hold control characters")
	}
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// err returns nil or the *ValidationError.
func (v *invalid) err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Subject: v.subject, Errors: v.errs}
}
