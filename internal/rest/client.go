package rest

import (
	"context"
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
	closeMu sync.Mutex // one Close at a time
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

// Logout ends a session: Send logs token out; Method and Path name its
// request in Close's log record.
type Logout struct {
	Method, Path string
	Send         func(ctx context.Context, token string) error
}

// Close is every REST client's Close. It ends the session of sess (nil: the
// client holds none) with logout, then releases the idle connections of
// the HTTP client the vendor client made (one the caller gave is left
// alone). It is
//
//   - bounded: the logout has [CloseTimeout], retries included;
//   - once per session: the token is taken away before the logout, so a
//     second Close, or many at once (they run one at a time), find nothing
//     to end and send nothing;
//   - safe while calls are in flight: they finish; one whose session was
//     ended meanwhile logs in again, as any call after Close does (the
//     client stays usable, and the next Close ends that session). A call
//     renews its session once, so one that meets two Closes may end with
//     the server's 401 (ErrUnauthorized);
//   - one debug record ("close": vendor, method, path, duration, and the
//     redacted error) for each session it ends, none otherwise.
//
// The token stays a known secret until the logout is over, so that an
// error quoting it shows it redacted.
func (c *Client) Close(sess *transport.Session, logout Logout) error {
	if c == nil {
		return nil
	}
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
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
// client made; a later call opens new ones.
func (c *Client) release() {
	if c.ownHTTP != nil {
		c.ownHTTP.CloseIdleConnections()
	}
}
