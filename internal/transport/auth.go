package transport

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"
)

// Auth adds credentials to an outgoing request. Vendor packages choose or
// build one; the transport calls it before every request (not before every
// retry: retries resend the same request).
type Auth interface {
	// Authorize sets the credentials on req (a header, usually). An error
	// stops the request before it is sent.
	Authorize(ctx context.Context, req *http.Request) error
}

// Refresher is an Auth that can renew its credentials. After a 401 answer the
// transport calls Refresh once with the request that failed and, if it
// returns nil, sends the request once more.
type Refresher interface {
	Auth
	// Refresh renews the credentials after the request failed was
	// answered 401.
	Refresh(ctx context.Context, failed *http.Request) error
}

// HeaderAuth sets one header to a fixed value.
type HeaderAuth struct {
	Name  string
	Value string
}

// Authorize sets the header.
func (h HeaderAuth) Authorize(_ context.Context, req *http.Request) error {
	req.Header.Set(h.Name, h.Value)
	return nil
}

// Bearer returns an Auth sending "Authorization: Bearer token".
func Bearer(token string) Auth { return HeaderAuth{Name: "Authorization", Value: "Bearer " + token} }

// Basic returns an Auth sending HTTP basic credentials.
func Basic(user, password string) Auth { return basicAuth{user, password} }

type basicAuth struct{ user, password string }

func (b basicAuth) Authorize(_ context.Context, req *http.Request) error {
	req.SetBasicAuth(b.user, b.password)
	return nil
}

// Session is an Auth backed by a login that yields a token (a session id, an
// access token). It logs in lazily on first use and again after a 401. Many
// goroutines hitting a 401 at once cause a single login: the first one logs
// in, the others wait for it (or for their context). Safe for concurrent use.
type Session struct {
	// Header is the header that carries the token, e.g. "Authorization".
	Header string
	// Prefix goes before the token in the header, e.g. "Bearer ".
	Prefix string
	// Login obtains a fresh token. It must not use this Session (send its
	// request with Request.NoAuth).
	Login func(ctx context.Context) (string, error)
	// Redactor, when set, learns every token as soon as it is obtained, so
	// no log line or error can show it. [New] sets it to the client's own
	// when the Session is the client's Auth.
	Redactor *Redactor
	// User names the login in a refusal's error (never the password).
	User string
	// Vendor names the package at the start of a refusal's error ("apio:
	// login refused for ..."). [New] sets it to the client's Vendor when
	// the Session is the client's Auth.
	Vendor string
	// Hold is how long a refused login is remembered (0:
	// [LoginRefusalHold]; negative: not at all). Meanwhile every call fails
	// at once with the refusal instead of logging in again.
	Hold time.Duration

	mu        sync.Mutex
	token     string
	flight    *loginFlight
	refused   *LoginError
	refusedAt time.Time
}

type loginFlight struct {
	done      chan struct{}
	token     string
	err       error
	abandoned bool // the leader's ctx ended: waiters should try themselves
}

// Authorize sets the header, logging in first if there is no token yet.
func (s *Session) Authorize(ctx context.Context, req *http.Request) error {
	tok, err := s.Token(ctx)
	if err != nil {
		return err
	}
	req.Header.Set(s.Header, s.Prefix+tok)
	return nil
}

// Refresh logs in again unless another goroutine already replaced the token
// that failed.
func (s *Session) Refresh(ctx context.Context, failed *http.Request) error {
	stale := ""
	if v := failed.Header.Get(s.Header); len(v) >= len(s.Prefix) {
		stale = v[len(s.Prefix):]
	}
	_, err := s.login(ctx, stale)
	return err
}

// Token returns the current token, logging in if there is none.
func (s *Session) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	tok := s.token
	s.mu.Unlock()
	if tok != "" {
		return tok, nil
	}
	return s.login(ctx, "")
}

// Current returns the current token without logging in ("" if none).
func (s *Session) Current() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// Set replaces the token, for example with one a vendor login returned by
// another route.
func (s *Session) Set(token string) {
	s.mu.Lock()
	old := s.token
	s.token = token
	s.mu.Unlock()
	if s.Redactor != nil {
		s.Redactor.Replace(old, token)
	}
}

// Clear forgets the token, so the next request logs in.
func (s *Session) Clear() { s.Set("") }

// End takes the token away for a logout ("" when there is none): the next
// request logs in again, and no other caller gets the same token to log
// out. The token stays a known secret until forget is called, after the
// logout, whose error may quote it.
func (s *Session) End() (token string, forget func()) {
	s.mu.Lock()
	token, s.token = s.token, ""
	s.mu.Unlock()
	return token, func() {
		if s.Redactor != nil && token != "" {
			s.Redactor.Replace(token, "")
		}
	}
}

// login replaces the token stale with a fresh one. If the token already
// differs from stale, another goroutine has logged in and its token is used.
func (s *Session) login(ctx context.Context, stale string) (string, error) {
	s.mu.Lock()
	if s.token != stale {
		tok := s.token
		s.mu.Unlock()
		return tok, nil
	}
	if f := s.flight; f != nil {
		s.mu.Unlock()
		select {
		case <-f.done:
			if f.abandoned && ctx.Err() == nil {
				return s.login(ctx, stale)
			}
			return f.token, f.err
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	if s.refused != nil && time.Since(s.refusedAt) < s.hold() {
		remembered := *s.refused
		remembered.Remembered = true
		s.mu.Unlock()
		return "", &remembered
	}
	f := &loginFlight{done: make(chan struct{})}
	s.flight = f
	s.mu.Unlock()

	f.token, f.err = s.Login(ctx)
	// A refusal counts even if the leader's ctx ended meanwhile: the server
	// answered. Only a login cut short is left for the waiters to retry.
	var refused *LoginError
	if f.err != nil && (errors.Is(f.err, ErrUnauthorized) || errors.Is(f.err, ErrLoginRefused)) {
		if !errors.As(f.err, &refused) {
			refused = &LoginError{Vendor: s.Vendor, User: s.User, Err: f.err}
			f.err = refused
		}
	}
	f.abandoned = f.err != nil && refused == nil && ctx.Err() != nil

	if f.err == nil && s.Redactor != nil {
		s.Redactor.Replace(stale, f.token)
	}
	s.mu.Lock()
	if f.err == nil {
		s.token = f.token
		s.refused = nil
	}
	if refused != nil && s.hold() > 0 {
		s.refused, s.refusedAt = refused, time.Now()
	}
	s.flight = nil
	s.mu.Unlock()
	close(f.done)
	return f.token, f.err
}

func (s *Session) hold() time.Duration {
	if s.Hold == 0 {
		return LoginRefusalHold
	}
	return s.Hold
}
