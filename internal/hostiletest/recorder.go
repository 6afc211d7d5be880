package hostiletest

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Recorder is a server on a chosen loopback address that records every
// request it receives, whole: the server on the far side of a redirect,
// which must receive nothing.
type Recorder struct {
	// URL is the server's base URL, "http://host:port" with no slash.
	URL string

	mu   sync.Mutex
	reqs []Recorded
}

// Recorded is one request a [Recorder] received.
type Recorded struct {
	Method   string
	Path     string // as received, unescaped
	RawQuery string
	Header   http.Header
	Body     string // whole
}

// NewRecorder starts a [Recorder] listening on addr (e.g. "127.0.0.2:0"
// for another host, "127.0.0.1:0" for another port), closed when the test
// ends. It records each request, then hands it to answer with the body
// readable again; a nil answer answers 200 with the JSON "{}". When addr
// cannot be bound here, it skips the test.
func NewRecorder(t testing.TB, addr string, answer http.HandlerFunc) *Recorder {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	if answer == nil {
		answer = Answer(http.StatusOK, "application/json", `{}`)
	}
	rec := &Recorder{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, Recorded{
			Method:   r.Method,
			Path:     r.URL.Path,
			RawQuery: r.URL.RawQuery,
			Header:   r.Header.Clone(),
			Body:     string(body),
		})
		rec.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		answer(w, r)
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	rec.URL = srv.URL
	return rec
}

// Requests returns a copy of the requests received so far, in order.
func (r *Recorder) Requests() []Recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.reqs)
}

// Take returns the requests received so far, in order, and forgets them.
func (r *Recorder) Take() []Recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.reqs
	r.reqs = nil
	return out
}

// String renders the request for a test message: "METHOD path?query",
// the headers sorted by name, and the body quoted.
func (r Recorded) String() string {
	var b strings.Builder
	b.WriteString(r.Method + " " + r.Path)
	if r.RawQuery != "" {
		b.WriteString("?" + r.RawQuery)
	}
	for _, name := range slices.Sorted(maps.Keys(r.Header)) {
		fmt.Fprintf(&b, " %s=%q", name, strings.Join(r.Header[name], ", "))
	}
	fmt.Fprintf(&b, " body=%q", r.Body)
	return b.String()
}
