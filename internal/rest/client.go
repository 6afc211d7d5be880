package rest

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// CloseTimeout bounds a Close: its logout, retries included.
const CloseTimeout = 5 * time.Second

// Client is the part every REST client shares: the transport, the logger
// and Close. A vendor client holds one.
type Client struct {
	*transport.Client
	// Log is the client's logger (a silent one without WithLogger).
	Log *slog.Logger

	vendor  string
	ownHTTP *http.Client

	mu       sync.Mutex
	closed   bool   // Close was called: calls are refused
	inflight int    // calls entered and not yet left
	pending  func() // the end of the session Close left to the last call in flight
}

// New builds the client's transport from o. Call [Options.PrepareHTTP]
// first when o carries TLS or the vendor client must own its HTTP client;
// New calls it otherwise. The error is the transport's (a bad base URL).
func New(o *Options) (*Client, error) {
	if o.HTTPClient == nil || o.TLS != nil && o.ownHTTP == nil {
		if err := o.PrepareHTTP(); err != nil {
			return nil, err
		}
	}
	tc, err := transport.New(o.Config)
	if err != nil {
		return nil, err
	}
	c := &Client{Client: tc, Log: o.Logger, vendor: o.Vendor, ownHTTP: o.ownHTTP}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// Do is the transport's Do for a call of the vendor client, counted as in
// flight while it runs: after Close it sends nothing and fails with an
// error matching [transport.ErrClosed]. The requests made on the way of a
// call or of Close (login, token renewal, logout) go through the
// transport's own Do (c.Client.Do), which Close does not stop, so a call
// in flight can still log in and finish.
func (c *Client) Do(ctx context.Context, r *transport.Request, out any) (*transport.Response, error) {
	if !c.enter() {
		return nil, c.closedError(r.Method + " " + c.Path(r.Path))
	}
	defer c.leave()
	return c.Client.Do(ctx, r, out)
}

// Enter starts a call that does not go through [Client.Do] (one that logs
// in by itself, or uses another transport), named by what ("Login", "GET
// /path"); the call ends with leave, which must be called once. After
// Close, Enter fails with "vendor: what: client closed" (matching
// [transport.ErrClosed]).
func (c *Client) Enter(what string) (leave func(), err error) {
	if !c.enter() {
		return nil, c.closedError(what)
	}
	return c.leave, nil
}

// enter counts a call in flight, unless Close was called.
func (c *Client) enter() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.inflight++
	return true
}

// closedError is the error of the call what, refused after Close.
func (c *Client) closedError(what string) error {
	return fmt.Errorf("%s: %s: %w", c.vendor, c.Redactor().Redact(what), transport.ErrClosed)
}

// leave ends a call; the last one out after Close ends the session.
func (c *Client) leave() {
	c.mu.Lock()
	c.inflight--
	var end func()
	if c.inflight == 0 {
		end, c.pending = c.pending, nil
	}
	c.mu.Unlock()
	if end != nil {
		end()
	}
}

// Logout ends a session: Send logs token out; Method and Path name its
// request in Close's log record.
type Logout struct {
	Method, Path string
	Send         func(ctx context.Context, token string) error
}

// Close is every REST client's Close. It closes the client to new calls,
// then ends the session of sess (nil: the client holds none) with logout
// and releases the idle connections of the HTTP client the vendor client
// made (one the caller gave is left alone). It is
//
//   - final: a call started after Close fails at once with an error
//     matching [transport.ErrClosed] and sends nothing; a second Close, or
//     many at once, do nothing more and return nil;
//   - gentle: calls in flight finish (logging in if they must); when there
//     are any, Close returns nil at once and the last of them to finish
//     ends the session, so no call loses its session half-way and none is
//     left behind on the server;
//   - bounded: the logout has [CloseTimeout], retries included;
//   - one debug record ("close": vendor, method, path, duration, and the
//     redacted error) for the session it ends, none otherwise.
//
// The token stays a known secret until the logout is over, so that an
// error quoting it shows it redacted.
func (c *Client) Close(sess *transport.Session, logout Logout) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	if c.inflight > 0 {
		c.pending = func() { _ = c.end(sess, logout) } // its error is in the record
		c.mu.Unlock()
		return nil
	}
	c.mu.Unlock()
	return c.end(sess, logout)
}

// end ends the session of sess, if it holds one, and releases the idle
// connections.
func (c *Client) end(sess *transport.Session, logout Logout) error {
	defer c.release()
	if sess == nil {
		return nil
	}
	tok, forget := sess.End()
	if tok == "" {
		return nil
	}
	defer forget()
	ctx, cancel := context.WithTimeout(context.Background(), CloseTimeout)
	defer cancel()
	start := time.Now()
	err := logout.Send(ctx, tok)
	attrs := []any{"vendor", c.vendor, "method", logout.Method, "path", logout.Path, "duration", time.Since(start)}
	if err != nil {
		attrs = append(attrs, "error", c.Redactor().Redact(err.Error()))
	}
	c.Log.DebugContext(ctx, "close", attrs...)
	return err
}

// release closes the idle connections of the HTTP client the vendor
// client made.
func (c *Client) release() {
	if c.ownHTTP != nil {
		c.ownHTTP.CloseIdleConnections()
	}
}
