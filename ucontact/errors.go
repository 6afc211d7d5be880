package ucontact

import (
	"errors"
	"fmt"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/platform"
)

// Error is an HTTP error answer (status 400 or above) from uContact. Use
// errors.As to inspect it; errors.Is matches [ErrNotFound] (404),
// [ErrAlreadyExists] (409), [ErrUnauthorized] (401, 403), [ErrRateLimited]
// (429) and [ErrOutcomeUnknown] (a 5xx to an action). It never holds a
// secret: Body and Message are redacted.
type Error struct {
	StatusCode int    // HTTP status
	Code       string // always "": uContact answers errors with text
	Message    string // a short one-line text answer, when there is one
	Method     string // request method
	Path       string // request path, without query
	// Body is a redacted excerpt of the answer (at most 512 bytes).
	Body string
	// RetryAfter is the server's Retry-After, when sent.
	RetryAfter time.Duration

	api *transport.APIError
}

// wrapError gives a transport error answer this package's type.
func wrapError(a *transport.APIError) error {
	return &Error{StatusCode: a.StatusCode, Code: a.Code, Message: a.Message, Method: a.Method, Path: a.Path,
		Body: a.Body, RetryAfter: a.RetryAfter, api: a}
}

// answer is e in the form the module's REST clients share.
func (e *Error) answer() rest.Answer {
	return rest.Answer{StatusCode: e.StatusCode, Code: e.Code, Message: e.Message, Method: e.Method, Path: e.Path,
		Body: e.Body, RetryAfter: e.RetryAfter, API: e.api}
}

// Error returns "ucontact: POST /Integra/resources/...: 400 Bad Request: message".
func (e *Error) Error() string { return e.answer().Text("ucontact") }

// Is matches the conditions listed on [Error] (an Error made by hand
// matches none).
func (e *Error) Is(target error) bool { return e.answer().Is(target) }

// Unwrap returns the module's internal form of the same answer (the one
// the module's shared tests inspect; nil for an Error made by hand).
func (e *Error) Unwrap() error { return e.answer().Unwrap() }

// Conditions shared by every vendor package of the module, matched with
// errors.Is. They are the same values in every package, so a caller
// handling several vendors tests each condition once:
//
//   - ErrNotFound: the final answer was HTTP 404; [ErrRecordingNotFound]
//     matches it too.
//   - ErrAlreadyExists: an HTTP 409 answer. uContact's actions do not
//     report duplicates this way (a duplicate respool answers 0, an
//     [ErrFailed]); it is exported so every package matches the same set.
//   - ErrUnauthorized: an HTTP 401/403 answer, and a refused login
//     (auth/getUserToken answering 0).
//   - ErrRateLimited: the final answer was HTTP 429.
//   - ErrOutcomeUnknown: the server may or may not have acted (a call
//     placed, a contact queued): the request was sent, then the connection
//     broke, a 5xx came back, or a 2xx answer could not be read or
//     understood. Such a request is never sent again automatically: check
//     before trying again.
var ErrNotFound, ErrAlreadyExists, ErrUnauthorized, ErrRateLimited, ErrOutcomeUnknown = platform.ErrNotFound,
	platform.ErrAlreadyExists, platform.ErrUnauthorized, platform.ErrRateLimited, platform.ErrOutcomeUnknown

// Conditions that will hit every call alike, matched with errors.Is (the
// same values in every vendor package). A caller working through many
// requests should stop rather than repeat them:
//
//   - ErrLoginRefused: a refused login (auth/getUserToken answering 0 or
//     401/403). The client remembers the refusal for five minutes and
//     meanwhile fails every call at once instead of logging in again: a
//     real server may lock the account after a few failures.
//   - ErrCannotConnect: the server could not be reached at all: connection
//     refused, DNS failure, a failed TLS handshake, an untrusted
//     certificate.
//   - ErrSystemic matches every such failure.
//   - ErrRedirectRefused: an answer redirecting a request the client does
//     not follow: to another origin (scheme, host or port), or of a request
//     with a body (every uContact action is a POST). Credentials and bodies
//     stay with their host; the request is not repeated.
var ErrLoginRefused, ErrCannotConnect, ErrSystemic, ErrRedirectRefused = platform.ErrLoginRefused,
	platform.ErrCannotConnect, platform.ErrSystemic, platform.ErrRedirectRefused

// ErrClosed matches the error of a call started after [Client.Close] (the
// same value in every vendor package, broadworks too): such a call sends
// nothing. Calls already in flight when Close is called finish.
var ErrClosed = platform.ErrClosed

// uContact's own answers, matched with errors.Is on a [*ResultError].
var (
	// ErrFailed matches a [*ResultError] for an action that uContact
	// answered with its documented failure value (0, ERROR): the server
	// says it did not act.
	ErrFailed = errors.New("uContact reported failure")
	// ErrUnexpectedResult matches a [*ResultError] for an answer that is
	// neither a documented success nor a documented failure value. For an
	// action it matches [ErrOutcomeUnknown] too.
	ErrUnexpectedResult = errors.New("unexpected result")
)

// ResultError is a 2xx answer whose text says the action failed, or that
// could not be understood. Match the reason with errors.Is(err, [ErrFailed])
// or errors.Is(err, [ErrUnexpectedResult]). A refused login matches
// [ErrLoginRefused] and [ErrUnauthorized]; an action answered with an
// unexpected text matches [ErrOutcomeUnknown] (the server may have acted).
type ResultError struct {
	// Action is the resource path, e.g. "Dialers/DialerTask".
	Action string
	// Result is the (redacted, shortened) text uContact answered.
	Result string
	// Err is ErrFailed or ErrUnexpectedResult (possibly wrapped).
	Err error

	login   bool // the answer refused a login
	unknown bool // an action answered with an unexpected text
}

// Error returns e.g. `ucontact: Dialers/DialerTask: uContact reported failure (result "0")`.
func (e *ResultError) Error() string {
	s := fmt.Sprintf("ucontact: %s: %v (result %q)", e.Action, e.Err, e.Result)
	if e.unknown {
		s += " (outcome unknown: not retried)"
	}
	return s
}

// Unwrap returns ErrFailed or ErrUnexpectedResult.
func (e *ResultError) Unwrap() error { return e.Err }

// Is matches [ErrLoginRefused], [ErrUnauthorized] and [ErrSystemic] for a
// refused login, and [ErrOutcomeUnknown] for an action whose answer was not
// understood.
func (e *ResultError) Is(target error) bool {
	switch target {
	case ErrLoginRefused, ErrUnauthorized, ErrSystemic:
		return e.login
	case ErrOutcomeUnknown:
		return e.unknown
	}
	return false
}

// ValidationError is a request this package refused to send: its Subject
// is "ucontact: " and the resource (e.g. "ucontact: Dialers/DialerTask
// request"), its Errors name the field (e.g. "call.campaign") and the
// problem. It is the module's one shape for bad input.
type ValidationError = callcenter.ValidationError

// FieldError is one problem of a [ValidationError].
type FieldError = callcenter.FieldError

// invalid returns a *ValidationError naming the request and the field.
func invalid(action, field, problem string) error {
	return &ValidationError{Subject: "ucontact: " + action + " request", Errors: []FieldError{{Field: field, Message: problem}}}
}

// subjectNewClient is the Subject of NewClient's *ValidationError.
const subjectNewClient = "ucontact: NewClient arguments"

// collect merges the problems of one request's checks (nil for none) into
// one *ValidationError, so the caller hears of every problem at once.
func collect(action string, checks ...error) error {
	var all []FieldError
	for _, err := range checks {
		if err == nil {
			continue
		}
		if ve, ok := err.(*ValidationError); ok {
			all = append(all, ve.Errors...)
			continue
		}
		return err
	}
	if len(all) == 0 {
		return nil
	}
	return &ValidationError{Subject: "ucontact: " + action + " request", Errors: all}
}
