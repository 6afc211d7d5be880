package platform

import "errors"

// The conditions every platform package's errors match with errors.Is:
// this is their one home. Each platform package exports them under its
// own names (broadworks.ErrOutcomeUnknown, apio.ErrNotFound) and bulk
// exports those it reports (bulk.ErrOutcomeUnknown); all are these values.
var (
	// ErrNotFound matches an answer saying the object does not exist
	// (HTTP 404, OCI-P's "not found" errors).
	ErrNotFound = errors.New("not found")
	// ErrAlreadyExists matches an answer saying the object to create
	// exists already (HTTP 409, or a platform's own "already exists" code).
	ErrAlreadyExists = errors.New("already exists")
	// ErrUnauthorized matches an answer refusing the credentials or the
	// permission (HTTP 401 or 403).
	ErrUnauthorized = errors.New("unauthorized")
	// ErrRateLimited matches an answer asking the client to slow down
	// (HTTP 429).
	ErrRateLimited = errors.New("rate limited")
	// ErrOutcomeUnknown matches an error after which the server may or may
	// not have acted on a request that writes (the request was sent, then
	// the connection broke or the server failed). Such a request is never
	// repeated automatically: look the object up before trying again.
	ErrOutcomeUnknown = errors.New("outcome unknown: the server may have acted on the request")
	// ErrClosed matches the error of a call started after its client's
	// Close: such a call sends nothing.
	ErrClosed = errors.New("client closed")
)

// Systemic failures: conditions that will hit every request of a client
// alike, so a caller working through many requests (a bulk run) should
// stop rather than repeat them. Each matches [ErrSystemic] with errors.Is
// too.
var (
	// ErrSystemic matches every systemic failure: [ErrLoginRefused] and
	// [ErrCannotConnect].
	ErrSystemic = errors.New("systemic failure")
	// ErrLoginRefused matches a login the server refused (wrong user or
	// password, locked account).
	ErrLoginRefused error = &systemic{"login refused"}
	// ErrCannotConnect matches a failure to reach the server at all:
	// connection refused, DNS failure, a TLS handshake that failed or timed
	// out, a certificate that is not trusted.
	ErrCannotConnect error = &systemic{"cannot connect"}
	// ErrRedirectRefused matches an answer that redirected a request the
	// client does not follow: to another origin (scheme, host or port), or
	// of a request with a body. Credentials and bodies stay with their
	// host.
	ErrRedirectRefused = errors.New("redirect refused")
)

// systemic is a systemic condition: it matches ErrSystemic.
type systemic struct{ msg string }

func (e *systemic) Error() string        { return e.msg }
func (e *systemic) Is(target error) bool { return target == ErrSystemic }
