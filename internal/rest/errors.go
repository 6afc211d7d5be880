package rest

import (
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Answer holds the fields every vendor package's *Error has, and the
// transport's answer it was made from. A vendor's Error embeds none of it
// (its fields are its own, documented in its package); it converts to and
// from an Answer to share the methods' logic.
type Answer struct {
	StatusCode                        int
	Code, Message, Method, Path, Body string
	RetryAfter                        time.Duration
	API                               *transport.APIError // nil for an Error made by hand
}

// api returns the transport's answer, rebuilt from the fields for an Error
// made by hand.
func (a Answer) api(vendor string) *transport.APIError {
	if a.API != nil {
		return a.API
	}
	return &transport.APIError{Vendor: vendor, Method: a.Method, Path: a.Path, StatusCode: a.StatusCode,
		Code: a.Code, Message: a.Message, Body: a.Body, RetryAfter: a.RetryAfter}
}

// Text is the Error text of a vendor's answer: "vendor: METHOD /path: 400
// Bad Request: message (code X)".
func (a Answer) Text(vendor string) string { return a.api(vendor).Error() }

// Is matches the shared conditions by status: ErrNotFound (404),
// ErrUnauthorized (401, 403), ErrRateLimited (429), ErrAlreadyExists (409)
// and ErrOutcomeUnknown (a 5xx to a request that acts). An Error made by
// hand matches none of them: only an answer the client received does.
func (a Answer) Is(target error) bool { return a.API != nil && a.API.Is(target) }

// Unwrap returns the transport's answer, or nil for an Error made by hand.
func (a Answer) Unwrap() error {
	if a.API == nil {
		return nil
	}
	return a.API
}
