package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/ccsdk/callcenter-go/platform"
)

// Sentinel conditions, matched with errors.Is. They are package
// platform's values, which document them (their one home: a leaf that bulk
// imports too, without this package's net/http); vendor packages re-export
// them under their own names (offices.ErrRateLimited is
// transport.ErrRateLimited is platform.ErrRateLimited).
var ErrNotFound, ErrAlreadyExists, ErrUnauthorized, ErrRateLimited, ErrOutcomeUnknown = platform.ErrNotFound,
	platform.ErrAlreadyExists, platform.ErrUnauthorized, platform.ErrRateLimited, platform.ErrOutcomeUnknown

// ErrClosed matches the error of a call started after the client's Close
// (package platform's value: broadworks' ErrClosed is this one too).
var ErrClosed = platform.ErrClosed

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
// works (the cause itself is not redacted: print the RequestError, not the
// cause).
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

// Is matches [ErrOutcomeUnknown] when the outcome is unknown, and
// [ErrCannotConnect] and [ErrSystemic] when the server could not be reached
// at all (see [IsConnectFailure]).
func (e *RequestError) Is(target error) bool {
	switch target {
	case ErrOutcomeUnknown:
		return e.OutcomeUnknown
	case ErrCannotConnect, ErrSystemic:
		return !e.OutcomeUnknown && IsConnectFailure(e.Err)
	}
	return false
}

// Systemic failures, platform's values too: conditions that will hit every
// request of a client alike, so a caller working through many requests (a
// bulk run) should stop rather than repeat them. A client remembers a
// refused login ([ErrLoginRefused]) for [LoginRefusalHold].
var ErrLoginRefused, ErrCannotConnect, ErrSystemic, ErrRedirectRefused = platform.ErrLoginRefused,
	platform.ErrCannotConnect, platform.ErrSystemic, platform.ErrRedirectRefused

// LoginRefusalHold is how long a refused login is remembered: meanwhile
// every call fails at once with the refusal (matching [ErrLoginRefused])
// instead of trying the same credentials again, which could lock the
// account on a server that counts failures.
const LoginRefusalHold = 5 * time.Minute

// LoginError is a refused login. It matches [ErrLoginRefused],
// [ErrSystemic] and [ErrUnauthorized], and unwraps to the server's answer.
type LoginError struct {
	Vendor string // the package, e.g. "apio" ("" for none)
	User   string // the login name (never the password)
	Err    error  // the server's answer, redacted
	// Remembered is true when no login was tried: the refusal is the one
	// remembered from an earlier attempt.
	Remembered bool
}

// Error returns "vendor: login refused for user: cause", the cause without
// a "vendor: " of its own, so the package is named once.
func (e *LoginError) Error() string {
	s := "login refused"
	if e.Vendor != "" {
		s = e.Vendor + ": " + s
	}
	if e.User != "" {
		s += " for " + e.User
	}
	if e.Err != nil {
		cause := e.Err.Error()
		if e.Vendor != "" {
			cause = strings.TrimPrefix(cause, e.Vendor+": ")
		}
		s += ": " + cause
	}
	if e.Remembered {
		s += " (remembered: not tried again)"
	}
	return s
}

// Unwrap returns the server's answer.
func (e *LoginError) Unwrap() error { return e.Err }

// Is matches [ErrLoginRefused], [ErrSystemic] and [ErrUnauthorized].
func (e *LoginError) Is(target error) bool {
	return target == ErrLoginRefused || target == ErrSystemic || target == ErrUnauthorized
}

// IsConnectFailure reports whether err is a failure to reach a server at
// all: connection refused, a DNS failure, a failed or timed-out TLS
// handshake, or an untrusted certificate. A timeout after connecting is
// not one (the server may be slow for this request only).
func IsConnectFailure(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // the caller gave up (a dial cut short is not the server's fault)
	}
	if errors.Is(err, ErrCannotConnect) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var (
		unknownCA x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
		recordHdr tls.RecordHeaderError
		alert     tls.AlertError
		opErr     *net.OpError
	)
	if errors.As(err, &unknownCA) || errors.As(err, &hostname) || errors.As(err, &invalid) ||
		errors.As(err, &verify) || errors.As(err, &recordHdr) || errors.As(err, &alert) {
		return true
	}
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "TLS handshake timeout") || strings.Contains(msg, "tls: first record does not look like a TLS handshake") ||
		strings.Contains(msg, "server gave HTTP response to HTTPS client")
}

// RedirectError is a redirect the client refused to follow. It matches
// [ErrRedirectRefused].
type RedirectError struct {
	Status int    // the redirect's HTTP status (301, 302, 303, 307, 308)
	From   string // origin and path of the request (no query)
	To     string // origin and path it was sent to (no query)
	Reason string // why it was not followed
}

// Error says what was refused and why.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("redirect refused: %d from %s to %s: %s", e.Status, e.From, e.To, e.Reason)
}

// Is matches [ErrRedirectRefused].
func (e *RedirectError) Is(target error) bool { return target == ErrRedirectRefused }
