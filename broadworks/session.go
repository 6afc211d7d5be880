package broadworks

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// This file is the session state machine: a session is disconnected (no
// exchanger), connected, or logged in; a lost connection or a refused
// session takes it back to disconnected, and the next command logs in again.
// A refused login, and a login a silent server never answered, are
// remembered by the client (see Client.loginHeld).

// exchanger carries one document to the server and its answer back.
type exchanger interface {
	// exchange sends doc and returns the answer document. sent reports
	// whether the server may have received (part of) doc.
	// secrets are values in doc (passwords) that must not show in an
	// error, even quoted back by the server.
	exchange(ctx context.Context, doc []byte, idempotent bool, secrets []string) (resp []byte, sent bool, err error)
	// textual reports whether answers are already Unicode text whatever
	// encoding they declare (SOAP).
	textual() bool
	// stream reports whether the exchanger is a connection that is lost with
	// its session (TCP, TLS).
	stream() bool
	close()
}

// session is one OCI-P session: a connection (or a SOAP cookie jar) and a
// login. It is used by one goroutine at a time.
type session struct {
	c        *Client
	n        int
	id       string
	ex       exchanger
	loggedIn bool
	doc      []byte // reused document buffer
}

func newSession(c *Client, n int) *session { return &session{c: c, n: n} }

// newSessionID returns a random UUID (version 4).
func newSessionID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

const hintPlainPort = "no TLS answer: is this the plain OCI-P port?"

// connect opens the connection (TCP, TLS) or prepares the HTTP client (SOAP).
func (s *session) connect(ctx context.Context) error {
	c := s.c
	if c.cfg.mode == SOAP {
		if s.ex != nil {
			return nil
		}
		ex, err := c.newSOAP()
		if err != nil {
			return err
		}
		s.ex = ex
		return nil
	}
	start := time.Now()
	nc, err := c.dial(ctx)
	if err != nil {
		c.debug(ctx, "broadworks: connect failed", "connect", start, slog.Int("session", s.n), slog.String("error", errString(c, err)))
		return err
	}
	s.ex = &streamConn{nc: nc, br: bufio.NewReaderSize(nc, defaultReadBuffered), timeout: c.cfg.timeout, max: c.cfg.maxResponse}
	c.debug(ctx, "broadworks: connected", "connect", start, slog.Int("session", s.n), slog.String("transport", c.cfg.mode.String()))
	return nil
}

// dial connects over TCP and, for TLS, completes the handshake within the
// handshake timeout.
func (c *Client) dial(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{KeepAlive: 30 * time.Second}
	if c.cfg.timeout > 0 {
		d.Timeout = c.cfg.timeout
	}
	nc, err := d.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, c.connError("connect", false, ctxErr(ctx, err))
		}
		return nil, c.connError(opDial, false, err)
	}
	if c.cfg.mode != TLS {
		return nc, nil
	}
	hs := DefaultHandshakeTimeout
	if c.cfg.timeout > 0 && c.cfg.timeout < hs {
		hs = c.cfg.timeout
	}
	hctx, cancel := context.WithTimeout(ctx, hs)
	defer cancel()
	tc := tls.Client(nc, c.tlsConf)
	if err := tc.HandshakeContext(hctx); err != nil {
		_ = nc.Close()
		if ctx.Err() != nil {
			return nil, c.connError("connect", false, ctxErr(ctx, err))
		}
		ce := c.connError(opHandshake, false, err)
		var rh tls.RecordHeaderError
		if hctx.Err() != nil || errors.As(err, &rh) || errors.Is(err, io.EOF) {
			ce.Hint = hintPlainPort
			c.suggest(ce, TCP)
			if hctx.Err() != nil {
				ce.msg = fmt.Sprintf("no TLS handshake answer within %v", hs)
			}
		}
		return nil, ce
	}
	return tc, nil
}

// drop forgets the login and, for a stream, the connection.
func (s *session) drop() {
	s.loggedIn = false
	if s.ex != nil && s.ex.stream() {
		s.ex.close()
		s.ex = nil
	}
}

// login connects if needed and logs in with a fresh session id. A login
// the server refuses, or a systemic silence (see silentLogin), is
// remembered by the client: until the hold ends, every session fails at
// once with it, without connecting.
func (s *session) login(ctx context.Context) error {
	c := s.c
	if err := c.loginHeld(); err != nil {
		return err
	}
	if s.ex == nil { // connections open in parallel; logins take turns
		if err := s.connect(ctx); err != nil {
			return err
		}
	}
	release, err := c.loginTurn(ctx)
	if err != nil {
		return err
	}
	defer release()
	if err := c.loginHeld(); err != nil { // refused (or silent) while this one waited
		return err
	}
	s.id = newSessionID()
	start := time.Now()
	var req Command
	if c.secure {
		req = &ocip.LoginRequest22V5{UserID: c.user, Password: ocip.Password(c.password)}
	} else {
		auth := &ocip.AuthenticationRequest{UserID: c.user}
		r, err := s.roundTrip1(ctx, auth)
		if err != nil {
			return c.loginFailed(ctx, auth, err)
		}
		ar, ok := r.(*ocip.AuthenticationResponse)
		if !ok {
			s.drop()
			return c.unexpected(auth, r)
		}
		if alg := strings.TrimSpace(ar.PasswordAlgorithm); !strings.EqualFold(alg, "MD5") {
			s.drop()
			return fmt.Errorf("broadworks: server asks for password algorithm %q; only MD5 is supported", c.red.Excerpt(alg, 40))
		}
		req = ocip.NewLoginRequest14sp4(c.user, ar.Nonce, c.password)
	}
	r, err := s.roundTrip1(ctx, req)
	if err != nil {
		return c.loginFailed(ctx, req, err)
	}
	switch r.(type) {
	case *ocip.LoginResponse22V5, *ocip.LoginResponse14sp4:
	default:
		s.drop()
		return c.unexpected(req, r)
	}
	s.loggedIn = true
	c.loginSucceeded()
	c.debug(ctx, "broadworks: logged in", req.OCIType(), start, slog.Int("session", s.n), slog.String("status", r.OCIType()))
	return nil
}

// loginFailed turns the failure of a login exchange into the error the
// caller gets: a systemic silence (silentLogin), a refusal
// (refusedLogin), a protocol mismatch (mismatch), or err itself.
func (c *Client) loginFailed(ctx context.Context, cmd Command, err error) error {
	if se := c.silentLogin(ctx, cmd, err); se != nil {
		return se
	}
	return c.refusedLogin(ctx, cmd, c.mismatch(ctx, err))
}

// silentLogin judges a login exchange that got not one byte of answer
// within the client's timeout (it returns nil for any other failure, and
// when the caller's context ended first). Such a login is systemic when
// the server has never answered this client (a port that takes
// connections and swallows documents: every login would wait as long), or
// when the login before it got no answer either, with nothing answered in
// between (a server that has stopped answering). It is then a *ConnError
// with Op "login" that matches ErrCannotConnect and ErrSystemic, with a
// hint, remembered for one timeout so that the sessions waiting for their
// turn fail at once instead of each waiting a timeout more. Otherwise
// (one login slower than the timeout, on a server that has answered
// before) it is a slow moment: nil, and err fails this call only.
func (c *Client) silentLogin(ctx context.Context, cmd Command, err error) error {
	var na *noAnswer
	if !errors.As(err, &na) || ctx.Err() != nil {
		return nil
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return nil // the caller's deadline cut the wait short, not the client's timeout
	}
	answered := c.answered.Load()
	if n := c.silentLogins.Add(1); answered && n < 2 {
		c.log.DebugContext(ctx, "broadworks: no answer to the login", "vendor", vendor, "method", cmd.OCIType(), "path", c.addr, "error", errString(c, err))
		return nil
	}
	ce := &ConnError{Op: opLogin, Addr: c.addr, Err: err}
	if answered {
		ce.msg = fmt.Sprintf("no answer within %v, nor to the login before", c.cfg.timeout)
		ce.Hint = "the server answered before and has stopped answering: is it down or overloaded?"
	} else {
		ce.msg = fmt.Sprintf("no answer within %v, and none ever from this server", c.cfg.timeout)
		switch c.cfg.mode {
		case TLS:
			ce.Hint = "the server takes TLS connections but answers no OCI-P: is this the OCI-P TLS port (2209) of the provisioning server?"
		default:
			ce.Hint = "the server takes connections but answers no OCI-P: is this the plain OCI-P port (2208) of the provisioning server?"
		}
	}
	c.rememberSilence(ce)
	c.log.DebugContext(ctx, "broadworks: no answer to the login: systemic", "vendor", vendor, "method", cmd.OCIType(), "path", c.addr, "error", errString(c, ce))
	return ce
}

// mismatch turns the failure of the first exchange of a login into a
// protocol mismatch when the server answered with something that is not
// OCI-P (HTTP, TLS, anything else), closed the connection without an
// answer, or, over SOAP, is no SOAP service (no HTTP answer, a body that is
// not SOAP, 404): a *ConnError with Op "login" that matches ErrCannotConnect
// and ErrSystemic, since every command would meet it. A timeout, a
// cancelled context and an OCI-P refusal pass through.
func (c *Client) mismatch(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return err
	}
	var ce *ConnError
	var e *Error
	switch {
	case errors.As(err, &e):
		if e.StatusCode != http.StatusNotFound && e.StatusCode != http.StatusMethodNotAllowed {
			return err
		}
		return &ConnError{Op: opLogin, Addr: c.addr, Err: err, msg: e.Error(),
			Hint: "no SOAP service at this URL: is it the provisioning service's?"}
	case !errors.As(err, &ce) || ce.OutcomeUnknown || ce.connectFailure() || errors.Is(err, ErrRedirectRefused):
		return err
	}
	if isTimeout(err) {
		return err // silence is not another protocol (see silentLogin)
	}
	out := &ConnError{Op: opLogin, Addr: ce.Addr, Err: ce.Err, msg: ce.msg}
	var no *notOCIP
	switch {
	case errors.As(err, &no) && no.kind == "TLS":
		out.Hint = "the port answers TLS: is this the OCI-P TLS port?"
		c.suggest(out, TLS)
	case errors.As(err, &no) && no.kind == "HTTP":
		out.Hint = "an HTTP server answered: is this the OCI-P port? OCI-P over HTTP is SOAP:"
		c.suggest(out, SOAP)
	case errors.As(err, &no):
		out.Hint = "the server does not speak OCI-P: is this the OCI-P port (TLS 2209, plain 2208)?"
	case c.cfg.mode == SOAP:
		out.Hint = "no SOAP answer: is this the SOAP URL of the provisioning service, not the OCI-P port?"
	case c.cfg.mode == TLS:
		out.Hint = "the server closed the connection without an OCI-P answer: is this the OCI-P TLS port (2209)?"
	default:
		out.Hint = "the server closed the connection without an OCI-P answer: is this the plain OCI-P port (2208)?"
	}
	return out
}

// refusedLogin turns the server's refusal of a login command into a
// remembered *transport.LoginError; other errors pass through.
func (c *Client) refusedLogin(ctx context.Context, cmd Command, err error) error {
	var e *Error
	if !errors.As(err, &e) && !errors.Is(err, ErrUnauthorized) {
		return err
	}
	if e != nil && e.StatusCode != 0 && !errors.Is(err, ErrUnauthorized) {
		return err // an HTTP failure of the SOAP service, not a refusal
	}
	le := &transport.LoginError{User: c.user, Err: err}
	c.rememberRefusal(le)
	c.log.DebugContext(ctx, "broadworks: login refused", "vendor", vendor, "method", cmd.OCIType(), "path", c.addr, "error", errString(c, err))
	return le
}

// roundTrip1 exchanges one login-phase command, without re-login. An
// ErrorResponse is returned as the error; the session is dropped then.
func (s *session) roundTrip1(ctx context.Context, cmd Command) (Response, error) {
	c := s.c
	body, err := ocip.AppendCommand(nil, cmd)
	if err != nil {
		return nil, err
	}
	cmds := []Command{cmd}
	secrets := ocip.SecretsOf(cmd)
	if err := c.wait(ctx); err != nil {
		return nil, err
	}
	s.doc = ocip.AppendDocument(s.doc[:0], s.id, body)
	raw, _, err := s.exchange(ctx, s.doc, true, secrets)
	if err != nil {
		s.drop()
		return nil, s.wrap(err, false, secrets)
	}
	c.heard()
	sid, resps, err := decodeAnswer(raw, s.ex.textual(), cmds)
	if err == nil {
		err = s.checkAnswer(sid, len(resps), 1)
	}
	if err != nil {
		s.drop()
		return nil, c.connError(opDecode, false, err, secrets...)
	}
	if e, ok := resps[0].(*Error); ok {
		e.redact(c.red, secrets)
		s.drop()
		return nil, e
	}
	return resps[0], nil
}

var errOtherSession = errors.New("the answer carries the session id of another session")

// checkAnswer checks that an answer belongs to this session and holds one
// response per command (a single ErrorResponse for a whole document is
// allowed; the caller spreads it).
func (s *session) checkAnswer(sid string, got, want int) error {
	if sid != s.id {
		if sid == "" {
			return errors.New("the answer carries no session id")
		}
		return errOtherSession
	}
	if got != want && got != 1 {
		return fmt.Errorf("%d responses to %d commands", got, want)
	}
	return nil
}

// wrap turns an exchange failure into the error returned to the caller.
func (s *session) wrap(err error, unknown bool, secrets []string) error {
	var ce *ConnError
	var e *Error
	if errors.As(err, &ce) || errors.As(err, &e) {
		return err // the SOAP transport's errors already carry the outcome
	}
	return s.c.connError(opExchange, unknown, err, secrets...)
}

// do sends cmds (encoded as bodies) in one document, logging in first when
// needed, and retries once after a lost session as far as that is safe.
func (s *session) do(ctx context.Context, cmds []Command, bodies [][]byte) ([]Response, error) {
	c := s.c
	out := make([]Response, len(cmds))
	pending := make([]int, len(cmds))
	for i := range pending {
		pending[i] = i
	}
	retried := false
	// lost is set when an exchange was lost after its document was
	// written, and the commands were sent again (they are safe to
	// repeat): if sending them again fails too, the first attempt may
	// still have been carried out, and the error says so.
	lost := false
	// kept returns what earlier exchanges of this document already
	// answered (nil if none), so that a failure while sending the rest
	// again does not hide commands the server carried out; and err, which
	// matches ErrOutcomeUnknown when a first attempt was lost.
	answered := false
	kept := func(err error) ([]Response, error) {
		if lost && !errors.Is(err, ErrOutcomeUnknown) {
			err = &lostError{err}
		}
		if !answered {
			return nil, err
		}
		for _, idx := range pending { // sent again: their fate is the error's
			out[idx] = nil
		}
		return out, err
	}
	for {
		if !s.loggedIn {
			if err := s.login(ctx); err != nil {
				return kept(err)
			}
		}
		idem := true
		parts := make([][]byte, len(pending))
		sent := make([]Command, len(pending))
		for i, idx := range pending {
			parts[i], sent[i] = bodies[idx], cmds[idx]
			idem = idem && isIdempotent(cmds[idx])
		}
		secrets := ocip.SecretsOf(sent...)
		if err := c.wait(ctx); err != nil {
			return kept(err)
		}
		s.doc = ocip.AppendDocument(s.doc[:0], s.id, parts...)
		start := time.Now()
		raw, wrote, err := s.exchange(ctx, s.doc, idem, secrets)
		if err != nil {
			stream := s.ex.stream()
			s.drop()
			if stream && !retried && ctx.Err() == nil && (!wrote || idem) {
				lost = wrote
				c.debug(ctx, "broadworks: connection lost; logging in again", sent[0].OCIType(), start,
					slog.Int("session", s.n), slog.Bool("written", wrote), slog.String("error", errString(c, err)))
				retried = true
				continue
			}
			err = s.wrap(err, wrote && !idem, secrets)
			var e *Error
			if errors.As(err, &e) && e.Command == "" && len(sent) == 1 {
				e.Command = sent[0].OCIType()
			}
			c.debug(ctx, "broadworks: exchange failed", sent[0].OCIType(), start,
				slog.Int("session", s.n), slog.Int("commands", len(sent)), slog.String("error", errString(c, err)))
			return kept(err)
		}
		c.heard()
		sid, resps, err := decodeAnswer(raw, s.ex.textual(), sent)
		if err == nil {
			err = s.checkAnswer(sid, len(resps), len(sent))
		}
		if err == nil && len(resps) != len(sent) {
			// A server refusing the whole document (a lost session) may
			// answer one ErrorResponse for all of its commands.
			if e, ok := one(resps); ok && e.sessionLost() {
				resps = make([]Response, len(sent))
				for i := range resps {
					cp := *e
					cp.Command = sent[i].OCIType()
					resps[i] = &cp
				}
			} else {
				err = fmt.Errorf("%d responses to %d commands", len(resps), len(sent))
			}
		}
		if err != nil {
			s.drop()
			err = c.connError(opDecode, !idem, err, secrets...)
			c.debug(ctx, "broadworks: exchange failed", sent[0].OCIType(), start,
				slog.Int("session", s.n), slog.Int("commands", len(sent)), slog.String("error", errString(c, err)))
			return kept(err)
		}
		for _, r := range resps {
			if e, ok := r.(*Error); ok {
				e.redact(c.red, secrets)
			}
		}
		c.debug(ctx, "broadworks: exchange", sent[0].OCIType(), start,
			slog.Int("session", s.n), slog.Int("commands", len(sent)), slog.String("status", resps[0].OCIType()))
		var again []int
		answered = true
		for i, idx := range pending {
			out[idx] = resps[i]
			if e, ok := resps[i].(*Error); ok && e.sessionLost() {
				again = append(again, idx)
			}
		}
		if len(again) == 0 || retried {
			return out, nil
		}
		c.debug(ctx, "broadworks: session refused; logging in again", sent[0].OCIType(), start,
			slog.Int("session", s.n), slog.Int("commands", len(again)))
		s.drop()
		s.loggedIn = false
		retried = true
		pending = again
	}
}

// lostError is the error of commands sent again after the exchange that
// first carried them was lost once written: the server may have carried
// out that first attempt, so it matches ErrOutcomeUnknown, and whatever
// the second failure matches (a refused login stays systemic).
type lostError struct{ err error }

func (e *lostError) Error() string {
	return e.err.Error() + " (sent again after the connection was lost with the commands written: the first attempt's outcome is unknown)"
}

func (e *lostError) Unwrap() error { return e.err }

func (e *lostError) Is(target error) bool { return target == ErrOutcomeUnknown }

func one(resps []Response) (*Error, bool) {
	if len(resps) != 1 {
		return nil, false
	}
	e, ok := resps[0].(*Error)
	return e, ok
}

// shutdown logs out (best effort, briefly) and closes.
func (s *session) shutdown() {
	if s.ex == nil {
		return
	}
	if s.loggedIn {
		wait := defaultLogoutWait
		if t := s.c.cfg.timeout; t > 0 && t < wait {
			wait = t
		}
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		start := time.Now()
		_, err := s.roundTrip1(ctx, &ocip.LogoutRequest{UserID: s.c.user})
		cancel()
		s.c.debug(ctx, "broadworks: logged out", "LogoutRequest", start, slog.Int("session", s.n), slog.String("error", errString(s.c, err)))
	}
	if s.ex != nil {
		s.ex.close()
		s.ex = nil
	}
	s.loggedIn = false
}

func errString(c *Client, err error) string {
	if err == nil {
		return ""
	}
	return c.red.Redact(err.Error())
}

// streamConn is an OCI-P connection over TCP or TLS: a document and "\n"
// out, a document back.
type streamConn struct {
	nc      net.Conn
	br      *bufio.Reader
	buf     []byte
	used    bool // a document has been sent: the connection may have gone stale since
	timeout time.Duration
	max     int
}

func (sc *streamConn) textual() bool { return false }
func (sc *streamConn) stream() bool  { return true }
func (sc *streamConn) close()        { _ = sc.nc.Close() }

var errStale = errors.New("connection closed by the server while idle")

func (sc *streamConn) exchange(ctx context.Context, doc []byte, _ bool, _ []string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	// A server that closed the idle connection has not seen this document:
	// find out before writing, so that the command can go on a new one.
	if sc.used && !sc.idleOK() {
		return nil, false, errStale
	}
	sc.used = true
	var deadline time.Time
	if sc.timeout > 0 {
		deadline = time.Now().Add(sc.timeout)
	}
	if d, ok := ctx.Deadline(); ok && (deadline.IsZero() || d.Before(deadline)) {
		deadline = d
	}
	_ = sc.nc.SetDeadline(deadline)
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		_ = sc.nc.SetDeadline(time.Unix(1, 0))
		close(fired)
	})
	defer func() {
		if !stop() {
			// The cancel callback has started: let it finish here, so its
			// deadline cannot land on the connection's next exchange.
			<-fired
		}
	}()
	n, err := sc.nc.Write(doc)
	if err != nil {
		return nil, n > 0, ctxErr(ctx, err)
	}
	resp, err := readDocument(sc.br, sc.buf, sc.max)
	if err != nil {
		return nil, true, ctxErr(ctx, err)
	}
	sc.buf = resp
	return resp, true, nil
}

func ctxErr(ctx context.Context, err error) error {
	cerr := ctx.Err()
	if d, ok := ctx.Deadline(); ok && cerr == nil && !time.Now().Before(d) {
		cerr = context.DeadlineExceeded // the connection's deadline, set from ctx, fired first
	}
	if cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	return err
}
