package apio

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/platform"
)

// Error is an error answer (HTTP status 400 or above) from APIO. Match it
// with errors.As; its Is matches the conditions below by status (and
// [ErrAlreadyExists] by APIO's message on a 400). It never holds a secret:
// the login password, the tokens and the password of the call center in the
// request are redacted from every field.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is a vendor code; APIO's error bodies carry none, so it is
	// empty.
	Code string
	// Message is APIO's {"error": "..."} text (or the messages of its
	// {"errors": [...]} list, joined with "; ").
	Message string
	// Method and Path are the request's.
	Method string
	Path   string
	// Body is a redacted excerpt of the answer's body (at most 512 bytes).
	Body string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration

	api *transport.APIError
}

// wrapError is the transport's Config.WrapError: every error answer becomes
// an *Error.
func wrapError(a *transport.APIError) error {
	return &Error{StatusCode: a.StatusCode, Code: a.Code, Message: a.Message, Method: a.Method, Path: a.Path,
		Body: a.Body, RetryAfter: a.RetryAfter, api: a}
}

// answer is e in the form the module's REST clients share.
func (e *Error) answer() rest.Answer {
	return rest.Answer{StatusCode: e.StatusCode, Code: e.Code, Message: e.Message, Method: e.Method, Path: e.Path,
		Body: e.Body, RetryAfter: e.RetryAfter, API: e.api}
}

// Error returns "apio: METHOD /path: 400 Bad Request: message".
func (e *Error) Error() string { return e.answer().Text("apio") }

// Is matches [ErrNotFound] (404), [ErrUnauthorized] (401, 403),
// [ErrRateLimited] (429), [ErrOutcomeUnknown] (a 5xx to a create) and
// [ErrAlreadyExists]: 409, or a 400 to a create whose message says the user
// "already exists" (BroadWorks' [Error 4200], which some APIO versions pass
// on with 400).
func (e *Error) Is(target error) bool {
	if target == ErrAlreadyExists && e.StatusCode == http.StatusBadRequest && e.Method == http.MethodPost && duplicate(e.Message) {
		return true
	}
	return e.answer().Is(target)
}

// Unwrap returns the module's internal form of the same answer (of use to
// its own tests only; nil for an Error made by hand).
func (e *Error) Unwrap() error { return e.answer().Unwrap() }

// duplicate reports whether an APIO message says the service user exists.
func duplicate(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "already exists") || strings.Contains(m, "[error 4200]")
}

// Conditions of an answer, matched with errors.Is. They are the same values
// in every vendor package of the module (apio.ErrNotFound ==
// broadworks.ErrNotFound), so code that handles several vendors tests them
// once:
//
//   - ErrNotFound: the final answer was HTTP 404: the call center (or its
//     group or tenant) does not exist.
//   - ErrAlreadyExists: the call center to create exists already: HTTP 409,
//     or the 400 some APIO versions answer when they pass BroadWorks'
//     refusal on ("[Error 4200] User already exists").
//   - ErrUnauthorized: the final answer was HTTP 401 or 403: refused
//     credentials, a token APIO refuses even after a fresh login, or a user
//     without the right to the tenant or group.
//   - ErrRateLimited: the final answer was HTTP 429, after the retries
//     allowed by [WithRetry].
//   - ErrOutcomeUnknown: APIO may or may not have acted on a create (POST):
//     the request was sent, then the connection broke, a 5xx came back, or
//     a 2xx came back whose body cannot be read. Such a request is never
//     repeated automatically: look the call center up before trying again.
var ErrNotFound, ErrAlreadyExists, ErrUnauthorized, ErrRateLimited, ErrOutcomeUnknown = platform.ErrNotFound,
	platform.ErrAlreadyExists, platform.ErrUnauthorized, platform.ErrRateLimited, platform.ErrOutcomeUnknown

// Conditions that will hit every call of the client alike, matched with
// errors.Is (the same values in every vendor package). A caller working
// through many requests should stop rather than repeat them:
//
//   - ErrLoginRefused: APIO refused the login (wrong user or password, a
//     refused two-factor code). The client remembers the refusal for
//     [LoginRefusalHold] and meanwhile fails every call at once with it
//     instead of logging in again (an account may be locked after a few
//     failures). It also matches ErrSystemic and [ErrUnauthorized].
//   - ErrCannotConnect: APIO could not be reached at all: connection
//     refused, DNS failure, a TLS handshake that failed or timed out, an
//     untrusted certificate. It also matches ErrSystemic.
//   - ErrSystemic matches every such failure.
//   - ErrRedirectRefused: an answer redirected a request the client does
//     not follow: to another origin (scheme, host or port: the login body,
//     the tokens and every body stay with their host), or of a request with
//     a body (a POST or PUT is never sent twice).
var ErrLoginRefused, ErrCannotConnect, ErrSystemic, ErrRedirectRefused = platform.ErrLoginRefused,
	platform.ErrCannotConnect, platform.ErrSystemic, platform.ErrRedirectRefused

// ErrClosed matches the error of a call started after [Client.Close] (the
// same value in every vendor package, broadworks too): such a call sends
// nothing. Calls already in flight when Close is called finish.
var ErrClosed = platform.ErrClosed

// LoginRefusalHold is how long a refused login is remembered (see
// [ErrLoginRefused]). A new client (new credentials) tries again at once.
const LoginRefusalHold = 5 * time.Minute

// ValidationError is the error of a request refused before anything was
// sent: its Subject names the request ("apio: create call center request";
// "" for a call center checked by [callcenter.CallCenter.Validate]) and
// Errors list every problem, field by field. It is callcenter's type, the
// same in every vendor package.
type ValidationError = callcenter.ValidationError

// FieldError is one problem of a [ValidationError].
type FieldError = callcenter.FieldError

// Subjects of the validation errors of this package.
const (
	subjectCreate    = "apio: create call center request"
	subjectUpdate    = "apio: update call center request"
	subjectCall      = "apio: call center request"
	subjectActive    = "apio: active status request"
	subjectBulkBuild = "apio: bulk modify"
)

// invalid returns a *ValidationError of subject holding errs, or nil when
// errs is empty.
func invalid(subject string, errs ...FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Subject: subject, Errors: errs}
}

// asFieldErrors returns the problems of err: its FieldErrors when it is a
// *ValidationError, else nil and err.
func asFieldErrors(err error) ([]FieldError, error) {
	if err == nil {
		return nil, nil
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Errors, nil
	}
	return nil, err
}

// outcomeError is a create or update that APIO answered 2xx with a body that
// cannot be read: it was most likely carried out, but what was made cannot
// be told. It matches [ErrOutcomeUnknown].
type outcomeError struct {
	call string // "POST /api/..."
	err  error
}

func (e *outcomeError) Error() string {
	return fmt.Sprintf("apio: %s: decoding call center: %v (outcome unknown: look the call center up)", e.call, e.err)
}

func (e *outcomeError) Unwrap() error { return e.err }

func (e *outcomeError) Is(target error) bool { return target == ErrOutcomeUnknown }
