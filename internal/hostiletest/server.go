// Package hostiletest holds the vendor-neutral mechanics of the
// hostile-input tests of the REST vendor packages (apio, livevox, ucontact,
// offices): servers on 127.0.0.1 that answer a chosen or an oversized body,
// a server that never answers ([SilentServer]), a server on another
// loopback address that records what reaches it ([Recorder]), tables of
// hostile bodies and of answers that echo a secret, and the checks that the
// errors and decoded texts coming back must pass.
//
// It is imported only by tests (the vendors' hostile_test.go, fuzz_test.go
// and safety_test.go, and transport's); nothing in the SDK's API uses it. Each vendor test keeps
// what is its own: its client setup (a [Call]), its documented error
// shapes, its fuzz seeds and its calls.
package hostiletest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Oversize is a body size past what the transport reads of an answer
// (transport.DefaultMaxBody).
const Oversize = transport.DefaultMaxBody + 1<<20

// A Call starts a vendor client against a server on 127.0.0.1 that answers
// the call under test with respond (and the vendor's login, if any, as it
// should), makes that one call and returns its error. A vendor test builds
// one on [NewServer] and its own client options (no retries, no waits).
type Call func(t *testing.T, respond http.HandlerFunc) error

// NewServer starts a server on 127.0.0.1, closed when the test ends, that
// reads each request's body to the end, then answers a request for one of
// the paths in routes with that path's handler and any other request with
// respond.
func NewServer(t testing.TB, respond http.HandlerFunc, routes map[string]http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		respond(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Answer returns a handler answering status with body, and with the
// Content-Type ctype unless it is empty (then net/http sniffs one).
func Answer(status int, ctype, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// Stream returns a handler answering status (as application/json) with
// prefix followed by 'a's, at least size bytes in all, written in 64 KiB
// chunks so that the server never holds the body whole; it stops when the
// client stops reading.
func Stream(status int, prefix string, size int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		if _, err := io.WriteString(w, prefix); err != nil {
			return
		}
		chunk := bytes.Repeat([]byte("a"), 64<<10)
		for n := len(prefix); n < size; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client stopped reading
			}
		}
	}
}
