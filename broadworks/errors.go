package broadworks

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

var (
	// ErrOutcomeUnknown matches (with errors.Is) an error after which the
	// server may or may not have carried out a non-idempotent command (an
	// add, a delete): the request was written, then the connection broke or
	// the answer could not be read. Such a command is never sent again
	// automatically; look the object up before trying again. It is the same
	// value as bulk.ErrOutcomeUnknown and the REST packages' ErrOutcomeUnknown.
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrNotFound matches an [*Error] for "[Error 4008] User not found"
	// (the answer for a service user id that does not exist).
	ErrNotFound = transport.ErrNotFound
	// ErrAlreadyExists matches an [*Error] for "[Error 4200] User already
	// exists" (an add for a service user id that is taken). It is the same
	// value as bulk.ErrAlreadyExists.
	ErrAlreadyExists = transport.ErrAlreadyExists
	// ErrClosed is returned by every method called after [Client.Close].
	ErrClosed = errors.New("broadworks: client closed")
)

// HTTPError is the error of the SOAP transport for an HTTP answer of 400
// or more (a SOAP fault comes as HTTP 500: Code and Message hold its
// faultcode and faultstring). It matches [ErrOutcomeUnknown] for a 5xx
// answer to an add or a delete.
type HTTPError = transport.APIError

// RequestError is the error of the SOAP transport when no HTTP answer came
// (network failure, cancelled context). It matches [ErrOutcomeUnknown] when
// an add or a delete had been sent.
type RequestError = transport.RequestError

// Error is an OCI-P ErrorResponse: the server refused one command. It is
// also a [Response], so [Client.Do] can place it in the slot of the command
// it answers. Use errors.As to get it from a method's error.
type Error struct {
	// Command is the request type that was refused, e.g.
	// "GroupCallCenterAddInstanceRequest22".
	Command string
	// Type is the severity the server gave: "Error", "Warning" or "Info".
	Type string
	// Code is the errorCode element, or when the server left it out the N of
	// a summary that starts with "[Error N]"; 0 when neither is present.
	Code int
	// Summary is the message in the user's locale; SummaryEnglish in English.
	Summary        string
	SummaryEnglish string
	// Detail is present on some errors.
	Detail string
}

// Error returns "broadworks: COMMAND: SUMMARY (DETAIL)", preferring the
// English summary.
func (e *Error) Error() string {
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
	return "ErrorResponse without summary"
}

// OCIType returns "ErrorResponse".
func (*Error) OCIType() string { return "ErrorResponse" }

// Is matches [ErrNotFound] for error 4008 (user not found) and
// [ErrAlreadyExists] for error 4200 (user already exists).
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Code == CodeUserNotFound
	case ErrAlreadyExists:
		return e.Code == CodeUserExists
	}
	return false
}

// Error numbers that the client and the test server use.
const (
	CodeUserNotFound        = 4008 // [Error 4008] User not found
	CodeGroupNotFound       = 4152 // [Error 4152] Group not found
	CodeUserExists          = 4200 // [Error 4200] User already exists
	CodeInvalidPassword     = 4962 // [Error 4962] Invalid password
	CodeUnauthorizedSession = 5404 // [Error 5404] Unauthorized transaction
)

const (
	codeNumberPrefix         = "[Error "
	sessionLostSummaryNeedle = "unauthorized transaction"
)

// summaryCode parses the N of "[Error N] ...".
func summaryCode(s string) int {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), codeNumberPrefix)
	if !ok {
		return 0
	}
	num, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// sessionLost reports whether e says that the session is not (or no longer)
// logged in, so that the command was not carried out and may be sent again
// after a new login.
func (e *Error) sessionLost() bool {
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

// ConnError is a failure of the OCI-P connection itself (dial, TLS, write,
// read, or an answer that cannot be decoded), as opposed to an [*Error]
// answer. When OutcomeUnknown is true it matches [ErrOutcomeUnknown].
type ConnError struct {
	Op   string // "dial", "exchange", "decode response", ...
	Addr string // host:port or URL
	// OutcomeUnknown is true when a non-idempotent command had been written
	// before the failure: the server may have carried it out.
	OutcomeUnknown bool
	Err            error
}

// Error returns "broadworks: OP ADDR: cause".
func (e *ConnError) Error() string {
	s := fmt.Sprintf("broadworks: %s %s: %v", e.Op, e.Addr, e.Err)
	if e.OutcomeUnknown {
		s += " (outcome unknown: not retried)"
	}
	return s
}

// Unwrap returns the cause.
func (e *ConnError) Unwrap() error { return e.Err }

// Is matches [ErrOutcomeUnknown] when the outcome is unknown.
func (e *ConnError) Is(target error) bool { return target == ErrOutcomeUnknown && e.OutcomeUnknown }
