package broadworks

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/platform"
)

// Sentinel conditions, matched with errors.Is. They are package platform's
// values, the same in every package of this module (broadworks.ErrNotFound
// is apio.ErrNotFound; broadworks.ErrOutcomeUnknown is
// bulk.ErrOutcomeUnknown).
var (
	// ErrNotFound matches an [*Error] for "[Error 4008] User not found"
	// (the answer for a service user id that does not exist).
	ErrNotFound = platform.ErrNotFound
	// ErrAlreadyExists matches an [*Error] for "[Error 4200] User already
	// exists" (an add for a service user id that is taken).
	ErrAlreadyExists = platform.ErrAlreadyExists
	// ErrUnauthorized matches a refused login and a SOAP answer of HTTP 401
	// or 403.
	ErrUnauthorized = platform.ErrUnauthorized
	// ErrRateLimited matches a SOAP answer of HTTP 429.
	ErrRateLimited = platform.ErrRateLimited
	// ErrOutcomeUnknown matches an error after which the server may or may
	// not have carried out a non-idempotent command (an add, a delete): the
	// request was written, then the connection broke or the answer could not
	// be read. Such a command is never sent again automatically; look the
	// object up before trying again.
	ErrOutcomeUnknown = platform.ErrOutcomeUnknown
	// ErrLoginRefused matches a login the server refused (wrong user or
	// password). The client remembers the refusal for
	// [LoginRefusalHold] (5 minutes) and fails fast meanwhile, without
	// trying the same credentials again.
	ErrLoginRefused = platform.ErrLoginRefused
	// ErrCannotConnect matches a failure to reach the server at all:
	// connection refused, DNS failure, a TLS handshake that failed or timed
	// out (for example against the plain OCI-P port), an untrusted
	// certificate, a server that answers a login with another protocol, and
	// one that answers it with nothing (not a byte within the timeout)
	// when it has never answered this client, or did not answer the login
	// before either. Such a silence is remembered for one timeout: the
	// client sends no other login meanwhile, and calls fail at once. One
	// login slower than the timeout on a server that has answered before
	// fails its call only.
	ErrCannotConnect = platform.ErrCannotConnect
	// ErrSystemic matches every failure that will hit every command alike
	// ([ErrLoginRefused], [ErrCannotConnect]): a caller working through many
	// commands should stop.
	ErrSystemic = platform.ErrSystemic
	// ErrRedirectRefused matches a SOAP answer redirecting to another origin
	// (or redirecting a request with a body), which is never followed.
	ErrRedirectRefused = platform.ErrRedirectRefused
	// ErrClosed matches the error of every method called after
	// [Client.Close] (the same value in every vendor package): such a call
	// sends nothing.
	ErrClosed = platform.ErrClosed
)

// LoginRefusalHold is how long a refused login is remembered (see
// [ErrLoginRefused]). A new client (new credentials) tries again at once.
const LoginRefusalHold = 5 * time.Minute

// ValidationError is the error for bad input found before anything is
// sent: the call center (Subject "") or another request (Subject names it).
type ValidationError = callcenter.ValidationError

// FieldError is one problem of a [ValidationError].
type FieldError = callcenter.FieldError

// invalid returns a *ValidationError for subject with one problem.
func invalid(subject, field, message string) *ValidationError {
	return &ValidationError{Subject: subject, Errors: []FieldError{{Field: field, Message: message}}}
}

// Error is a refusal by the server: an OCI-P ErrorResponse (the server
// refused one command), or, over SOAP, an HTTP error answer (StatusCode is
// then set; a SOAP fault comes as HTTP 500 with FaultCode and Summary). It
// is also a [Response], so [Client.Do] can place it in the slot of the
// command it answers. Use errors.As to get it from a method's error. Every
// text in it has the passwords of the request and of the login redacted.
type Error struct {
	// Command is the request type that was refused, e.g.
	// "GroupCallCenterAddInstanceRequest22".
	Command string
	// Type is the severity the server gave: "Error", "Warning" or "Info".
	Type string
	// Code is the OCI-P errorCode element, or when the server left it out
	// the N of a summary that starts with "[Error N]"; 0 when neither is
	// present.
	Code int
	// Summary is the message in the user's locale; SummaryEnglish in
	// English. Over SOAP an HTTP error's Summary is the SOAP faultstring.
	Summary        string
	SummaryEnglish string
	// Detail is present on some errors.
	Detail string

	// StatusCode is the HTTP status of a SOAP error answer (0 for an OCI-P
	// ErrorResponse).
	StatusCode int
	// FaultCode is the SOAP faultcode of a SOAP error answer.
	FaultCode string
	// Method and Path are those of the SOAP request ("" over TCP and TLS).
	Method, Path string
	// Body is a redacted excerpt of a SOAP error answer's body.
	Body string
	// RetryAfter is the server's Retry-After of a SOAP error answer.
	RetryAfter time.Duration

	api *transport.APIError
}

// Error returns "broadworks: COMMAND: SUMMARY (DETAIL)", preferring the
// English summary; for a SOAP HTTP error "broadworks: POST /path: 500
// Internal Server Error: faultstring (code faultcode)".
func (e *Error) Error() string {
	if e.api != nil {
		return e.api.Error()
	}
	var b strings.Builder
	b.WriteString("broadworks: ")
	if e.Command != "" {
		b.WriteString(e.Command)
		b.WriteString(": ")
	}
	b.WriteString(e.Message())
	if e.Detail != "" {
		b.WriteString(" (")
		b.WriteString(e.Detail)
		b.WriteString(")")
	}
	return b.String()
}

// Message returns the English summary, or the summary when it is empty.
func (e *Error) Message() string {
	if e.SummaryEnglish != "" {
		return e.SummaryEnglish
	}
	if e.Summary != "" {
		return e.Summary
	}
	if e.StatusCode != 0 {
		return strconv.Itoa(e.StatusCode) + " " + http.StatusText(e.StatusCode)
	}
	return "ErrorResponse without summary"
}

// OCIType returns "ErrorResponse".
func (*Error) OCIType() string { return "ErrorResponse" }

// Is matches [ErrNotFound] for error 4008 (user not found) and
// [ErrAlreadyExists] for error 4200 (user already exists); a SOAP HTTP
// error matches by status ([ErrRateLimited] for 429, [ErrUnauthorized] for
// 401 and 403, [ErrOutcomeUnknown] for a 5xx answer to an add or a delete).
func (e *Error) Is(target error) bool {
	if e.api != nil && e.api.Is(target) {
		return true
	}
	switch target {
	case ErrNotFound:
		return e.Code == CodeUserNotFound
	case ErrAlreadyExists:
		return e.Code == CodeUserExists
	}
	return false
}

// httpError is the transport's WrapError: a SOAP HTTP error answer as an
// *Error.
func httpError(ae *transport.APIError) error {
	return &Error{
		Type: "Error", Summary: ae.Message, FaultCode: ae.Code,
		StatusCode: ae.StatusCode, Method: ae.Method, Path: ae.Path, Body: ae.Body, RetryAfter: ae.RetryAfter,
		api: ae,
	}
}

// Error numbers that the client and the test server use.
const (
	CodeUserNotFound        = 4008 // [Error 4008] User not found
	CodeGroupNotFound       = 4152 // [Error 4152] Group not found
	CodeUserExists          = 4200 // [Error 4200] User already exists
	CodeInvalidPassword     = 4962 // [Error 4962] Invalid password
	CodeUnauthorizedSession = 5404 // [Error 5404] Unauthorized transaction
)

const sessionLostSummaryNeedle = "unauthorized transaction"

// sessionLost reports whether e says that the session is not (or no longer)
// logged in, so that the command was not carried out and may be sent again
// after a new login.
func (e *Error) sessionLost() bool {
	if e.api != nil {
		return false
	}
	if e.Code == CodeUnauthorizedSession {
		return true
	}
	for _, s := range []string{e.SummaryEnglish, e.Summary} {
		s = strings.ToLower(s)
		if strings.Contains(s, sessionLostSummaryNeedle) ||
			strings.Contains(s, "invalid session") || strings.Contains(s, "session is invalid") ||
			strings.Contains(s, "session has expired") || strings.Contains(s, "not logged in") {
			return true
		}
	}
	return false
}

// redact scrubs the login password and secrets (the passwords of the
// commands e answers) from every text of e, and bounds them.
func (e *Error) redact(red *transport.Redactor, secrets []string) {
	const max = 1024
	for _, s := range []*string{&e.Summary, &e.SummaryEnglish, &e.Detail, &e.Type} {
		if *s != "" {
			*s = red.Excerpt(*s, max, secrets...)
		}
	}
}

// ConnError is a failure of the OCI-P connection itself (dial, TLS
// handshake, write, read, or an answer that cannot be decoded or belongs to
// another session), as opposed to an [*Error] answer. It matches
// [ErrOutcomeUnknown] when OutcomeUnknown is true, and [ErrCannotConnect]
// and [ErrSystemic] when the server could not be reached at all.
type ConnError struct {
	// Op is what failed: "dial", "TLS handshake", "login" (the server
	// answered the login with something that is not OCI-P, or closed the
	// connection: a protocol mismatch; or it answered nothing, see
	// [ErrCannotConnect]), "exchange", "decode response".
	Op   string
	Addr string // host:port or URL
	// OutcomeUnknown is true when a non-idempotent command had been written
	// before the failure: the server may have carried it out.
	OutcomeUnknown bool
	// Hint says what to check, e.g. for a TLS handshake against the plain
	// OCI-P port: "no TLS answer: is this the plain OCI-P port?".
	Hint string
	// Fix, when set, names the change that Hint suggests: by default this
	// package's option, "WithTransport(broadworks.TCP)", or what
	// [WithTransportName] says (bulk-csv: "-transport tcp"); Suggest is
	// the transport it selects. Error() ends the hint with "use " + Fix.
	Fix     string
	Suggest Transport
	Err     error
	msg     string // Err's text, redacted
	// remembered: no login was tried, the silence is the one remembered
	// from an earlier login.
	remembered bool
}

// Error returns "broadworks: OP ADDR: cause (hint: use fix)".
func (e *ConnError) Error() string {
	cause := e.msg
	if cause == "" && e.Err != nil {
		cause = e.Err.Error()
	}
	s := fmt.Sprintf("broadworks: %s %s: %s", e.Op, e.Addr, cause)
	switch {
	case e.Hint != "" && e.Fix != "":
		s += " (" + e.Hint + " use " + e.Fix + ")"
	case e.Hint != "":
		s += " (" + e.Hint + ")"
	}
	if e.OutcomeUnknown {
		s += " (outcome unknown: not retried)"
	}
	if e.remembered {
		s += " (remembered: not tried again)"
	}
	return s
}

// Unwrap returns the cause.
func (e *ConnError) Unwrap() error { return e.Err }

// Is matches [ErrOutcomeUnknown] when the outcome is unknown, and
// [ErrCannotConnect] and [ErrSystemic] for a failure to connect, a TLS
// handshake that failed, and a protocol mismatch or a systemic silence at
// login (Op "login").
func (e *ConnError) Is(target error) bool {
	switch target {
	case ErrOutcomeUnknown:
		return e.OutcomeUnknown
	case ErrCannotConnect, ErrSystemic:
		return e.connectFailure()
	}
	return false
}

func (e *ConnError) connectFailure() bool {
	if e.OutcomeUnknown {
		return false
	}
	return e.Op == opDial || e.Op == opHandshake || e.Op == opLogin || transport.IsConnectFailure(e.Err)
}

// suggest sets the fix of e: the transport t, named as the client's
// hints name it (see WithTransportName).
func (c *Client) suggest(e *ConnError, t Transport) {
	e.Suggest, e.Fix = t, c.cfg.transportName(t)
}

// optionName is how hints name a transport by default: as the option.
func optionName(t Transport) string { return "WithTransport(broadworks." + t.String() + ")" }

const (
	opDial      = "dial"
	opHandshake = "TLS handshake"
	opLogin     = "login"
	opExchange  = "exchange"
	opDecode    = "decode response"
)

// connError builds a *ConnError whose text has the login password and
// secrets (those of the commands sent) redacted.
func (c *Client) connError(op string, unknown bool, err error, secrets ...string) *ConnError {
	return &ConnError{Op: op, Addr: c.addr, OutcomeUnknown: unknown, Err: err, msg: c.red.Excerpt(err.Error(), 1024, secrets...)}
}
