package broadworks

import (
	"bufio"
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

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

// signPassword is the signedPassword of LoginRequest14sp4: the lowercase
// hex MD5 of nonce + ":" + lowercase hex SHA-1 of the password.
func signPassword(nonce, password string) string {
	sh := sha1.Sum([]byte(password))
	m := md5.Sum([]byte(nonce + ":" + hex.EncodeToString(sh[:])))
	return hex.EncodeToString(m[:])
}

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
	d := &net.Dialer{Timeout: c.cfg.timeout, KeepAlive: 30 * time.Second}
	var nc net.Conn
	var err error
	if c.cfg.mode == TLS {
		nc, err = (&tls.Dialer{NetDialer: d, Config: c.tlsConf}).DialContext(ctx, "tcp", c.addr)
	} else {
		nc, err = d.DialContext(ctx, "tcp", c.addr)
	}
	if err != nil {
		return &ConnError{Op: "dial", Addr: c.addr, Err: err}
	}
	s.ex = &streamConn{nc: nc, br: bufio.NewReaderSize(nc, defaultReadBuffered), timeout: c.cfg.timeout, max: c.cfg.maxResponse}
	c.log.Debug("broadworks: connected", "session", s.n, "transport", c.cfg.mode.String(), "addr", c.addr)
	return nil
}

// drop forgets the login and, for a stream, the connection.
func (s *session) drop() {
	s.loggedIn = false
	if s.ex != nil && s.ex.stream() {
		s.ex.close()
		s.ex = nil
	}
}

// login connects if needed and logs in with a fresh session id.
func (s *session) login(ctx context.Context) error {
	if s.ex == nil {
		if err := s.connect(ctx); err != nil {
			return err
		}
	}
	c := s.c
	s.id = newSessionID()
	start := time.Now()
	var req Command
	if c.secure {
		req = &loginRequest22V5{UserID: c.user, Password: Password(c.password)}
	} else {
		auth := &authenticationRequest{UserID: c.user}
		r, err := s.roundTrip1(ctx, auth)
		if err != nil {
			return err
		}
		ar, ok := r.(*authenticationResponse)
		if !ok {
			s.drop()
			return unexpected(auth, r)
		}
		if alg := strings.TrimSpace(ar.PasswordAlgorithm); !strings.EqualFold(alg, "MD5") {
			s.drop()
			return fmt.Errorf("broadworks: server asks for password algorithm %q; only MD5 is supported", alg)
		}
		req = &loginRequest14sp4{UserID: c.user, SignedPassword: Password(signPassword(ar.Nonce, c.password))}
	}
	r, err := s.roundTrip1(ctx, req)
	if err != nil {
		return err
	}
	if _, ok := r.(*loginResponse); !ok {
		s.drop()
		return unexpected(req, r)
	}
	s.loggedIn = true
	c.log.Debug("broadworks: logged in", "session", s.n, "transport", c.cfg.mode.String(), "command", req.OCIType(), "duration", time.Since(start))
	return nil
}

// roundTrip1 exchanges one login-phase command, without re-login. An
// ErrorResponse is returned as the error; the session is dropped then.
func (s *session) roundTrip1(ctx context.Context, cmd Command) (Response, error) {
	body, err := encodeCommand(cmd)
	if err != nil {
		return nil, err
	}
	cmds := []Command{cmd}
	s.doc = appendDocument(s.doc[:0], s.id, [][]byte{body})
	raw, _, err := s.ex.exchange(ctx, s.doc, true, secretsOf(cmd))
	if err != nil {
		s.drop()
		return nil, s.wrap(err, false)
	}
	resps, err := decodeDocument(raw, s.ex.textual(), cmds)
	if err == nil && len(resps) != 1 {
		err = fmt.Errorf("%d responses to 1 command", len(resps))
	}
	if err != nil {
		s.drop()
		return nil, &ConnError{Op: "decode response", Addr: s.c.addr, Err: err}
	}
	if e, ok := resps[0].(*Error); ok {
		s.drop()
		return nil, e
	}
	return resps[0], nil
}

// wrap turns an exchange failure into the error returned to the caller.
func (s *session) wrap(err error, unknown bool) error {
	if s.ex != nil && !s.ex.stream() || isTransportError(err) {
		return err // the SOAP transport's errors already carry the outcome
	}
	return &ConnError{Op: "exchange", Addr: s.c.addr, OutcomeUnknown: unknown, Err: err}
}

func isTransportError(err error) bool {
	var re *transport.RequestError
	var ae *transport.APIError
	return errors.As(err, &re) || errors.As(err, &ae)
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
	// kept returns what earlier exchanges of this document already
	// answered (nil if none), so that a failure while sending the rest
	// again does not hide commands the server carried out.
	answered := false
	kept := func() []Response {
		if !answered {
			return nil
		}
		for _, idx := range pending { // sent again: their fate is the error's
			out[idx] = nil
		}
		return out
	}
	for {
		if !s.loggedIn {
			if err := s.login(ctx); err != nil {
				return kept(), err
			}
		}
		idem := true
		parts := make([][]byte, len(pending))
		sent := make([]Command, len(pending))
		for i, idx := range pending {
			parts[i], sent[i] = bodies[idx], cmds[idx]
			idem = idem && isIdempotent(cmds[idx])
		}
		s.doc = appendDocument(s.doc[:0], s.id, parts)
		start := time.Now()
		raw, wrote, err := s.ex.exchange(ctx, s.doc, idem, secretsOf(sent...))
		if err != nil {
			stream := s.ex.stream()
			s.drop()
			if stream && !retried && ctx.Err() == nil && (!wrote || idem) {
				c.log.Debug("broadworks: connection lost; logging in again", "session", s.n, "written", wrote, "error", c.red.Redact(err.Error()))
				retried = true
				continue
			}
			return kept(), s.wrap(err, wrote && !idem)
		}
		resps, err := decodeDocument(raw, s.ex.textual(), sent)
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
			return kept(), &ConnError{Op: "decode response", Addr: c.addr, OutcomeUnknown: !idem, Err: err}
		}
		c.log.Debug("broadworks: exchange", "session", s.n, "commands", len(sent), "first", sent[0].OCIType(), "duration", time.Since(start))
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
		c.log.Debug("broadworks: session refused; logging in again", "session", s.n, "commands", len(again))
		s.drop()
		s.loggedIn = false
		retried = true
		pending = again
	}
}

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
		wait := min(s.c.cfg.timeout, defaultLogoutWait)
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		_, err := s.roundTrip1(ctx, &logoutRequest{UserID: s.c.user})
		cancel()
		s.c.log.Debug("broadworks: logged out", "session", s.n, "error", errString(s.c, err))
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
	deadline := time.Now().Add(sc.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
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

// soapConn sends documents with processOCIMessage through the shared HTTP
// transport. Its cookie jar keeps the HTTP session of the OCI-P session.
type soapConn struct {
	tc   *transport.Client
	path string
	max  int
}

func (c *Client) newSOAP() (*soapConn, error) {
	u, err := url.Parse(c.cfg.soapURL)
	if c.cfg.soapURL == "" {
		u, err = url.Parse(c.addr)
	}
	if err != nil {
		return nil, err
	}
	dir, file := path.Split(u.Path)
	u.Path, u.RawPath = dir, ""
	hc := *c.httpBase
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	hc.Jar = jar
	cfg := c.cfg.Config
	cfg.BaseURL = u.String()
	cfg.HTTPClient = &hc
	cfg.DecodeError = soapFaultMessage
	cfg.MaxBody = int64(c.cfg.maxResponse) * 6 // escaping may grow the document
	tc, err := transport.New(cfg)
	if err != nil {
		return nil, err
	}
	return &soapConn{tc: tc, path: file, max: c.cfg.maxResponse}, nil
}

func (sc *soapConn) textual() bool { return true }
func (sc *soapConn) stream() bool  { return false }
func (sc *soapConn) close()        {}

var soapHeader = http.Header{"SOAPAction": {`""`}}

func (sc *soapConn) exchange(ctx context.Context, doc []byte, idempotent bool, secrets []string) ([]byte, bool, error) {
	var body []byte
	_, err := sc.tc.Do(ctx, &transport.Request{
		Method:      http.MethodPost,
		Path:        sc.path,
		Body:        soapEnvelope(doc),
		ContentType: "text/xml; charset=utf-8",
		Header:      soapHeader,
		NoAuth:      true,
		Retryable:   idempotent,
		Secrets:     secrets,
	}, &body)
	if err != nil {
		return nil, errors.Is(err, ErrOutcomeUnknown), err
	}
	inner, err := soapReturn(body)
	if err == nil && len(inner) > sc.max {
		err = fmt.Errorf("%w: more than %d bytes", errTooLarge, sc.max)
	}
	if err != nil {
		return nil, true, &ConnError{Op: "decode response", Addr: sc.tc.Redactor().Redact(sc.path), OutcomeUnknown: !idempotent, Err: err}
	}
	return inner, true, nil
}
