package livevox

import (
	"net/http"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// TestDefaults: without options a client has the documented 30 s
// per-request timeout and rate limit; WithTimeout(0) restores the default.
func TestDefaults(t *testing.T) {
	s := newOptions(nil)
	if s.Timeout != 30*time.Second || DefaultTimeout != 30*time.Second {
		t.Errorf("default timeout = %v (DefaultTimeout %v), want 30s", s.Timeout, DefaultTimeout)
	}
	if s.Limit != DefaultRateLimit || s.Burst != DefaultBurst || DefaultRateLimit != 20 {
		t.Errorf("default rate = %v/%d, want %v/%d", s.Limit, s.Burst, DefaultRateLimit, DefaultBurst)
	}
	if s := newOptions([]Option{WithTimeout(time.Second), WithTimeout(0)}); s.Timeout != DefaultTimeout {
		t.Errorf("WithTimeout(0) gives %v, want the default", s.Timeout)
	}
	if s := newOptions([]Option{WithTimeout(-1)}); s.Timeout >= 0 {
		t.Errorf("WithTimeout(-1) gives %v, want no bound (negative)", s.Timeout)
	}
}

// TestErrorIs: the vendor rules of *Error on top of the status rules.
func TestErrorIs(t *testing.T) {
	mk := func(method string, status int, code, msg string) *Error {
		return wrapError(&transport.APIError{Vendor: "livevox", Method: method, Path: "/configuration/callCenters", StatusCode: status, Code: code, Message: msg}).(*Error)
	}
	for _, tc := range []struct {
		name string
		err  *Error
		is   map[error]bool
	}{
		{"duplicate name on create", mk(http.MethodPost, 400, "400", `A Call Center named "Doors" already exists`),
			map[error]bool{ErrAlreadyExists: true, ErrHasServices: false, ErrNotFound: false}},
		{"duplicate name on update", mk(http.MethodPut, 400, "", "Name Already Exists"), map[error]bool{ErrAlreadyExists: true}},
		{"other 400 on create", mk(http.MethodPost, 400, "1", "name is required"), map[error]bool{ErrAlreadyExists: false}},
		{"409", mk(http.MethodPost, 409, "", ""), map[error]bool{ErrAlreadyExists: true}},
		{"has services", mk(http.MethodDelete, 400, "202", "Cannot delete"), map[error]bool{ErrHasServices: true, ErrAlreadyExists: false}},
		{"202 on a GET", mk(http.MethodGet, 400, "202", ""), map[error]bool{ErrHasServices: false}},
		{"404", mk(http.MethodGet, 404, "", ""), map[error]bool{ErrNotFound: true, ErrUnauthorized: false}},
		{"403", mk(http.MethodGet, 403, "", ""), map[error]bool{ErrUnauthorized: true, ErrLoginRefused: false}},
		{"429", mk(http.MethodGet, 429, "", ""), map[error]bool{ErrRateLimited: true}},
	} {
		for target, want := range tc.is {
			if got := tc.err.Is(target); got != want {
				t.Errorf("%s: Is(%v) = %t, want %t", tc.name, target, got, want)
			}
		}
	}
	e := mk(http.MethodDelete, 400, "202", "Cannot delete")
	if e.LiveVoxCode() != 202 || ErrorCode(e) != 202 || e.Method != "DELETE" || e.StatusCode != 400 || e.Path != "/configuration/callCenters" {
		t.Errorf("fields = %+v", *e)
	}
	if want := "livevox: DELETE /configuration/callCenters: 400 Bad Request: Cannot delete (code 202)"; e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
	zero := &Error{StatusCode: 404, Method: "GET", Path: "/x"}
	if zero.Error() != "livevox: GET /x: 404 Not Found" || zero.Is(ErrNotFound) || zero.Unwrap() != nil {
		t.Errorf("a hand-made Error: %q", zero.Error())
	}
}
