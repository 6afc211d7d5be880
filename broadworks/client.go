package broadworks

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

const vendor = "broadworks"

// Client is an OCI-P client. It connects and logs in lazily, on the first
// command, so creating one never touches the network. It is safe for
// concurrent use: each call takes one of its sessions (see [WithSessions])
// for the time of one exchange. Close it to log out.
type Client struct {
	user     string
	password string
	cfg      config
	addr     string // host:port, or the SOAP URL (redacted)
	soapURL  string // SOAP: the endpoint
	secure   bool   // TLS or HTTPS: the password may be sent
	tlsConf  *tls.Config
	log      *slog.Logger
	red      *transport.Redactor
	httpBase *http.Client // SOAP: shared by the sessions (each adds its jar)
	limiter  *rate.Limiter

	// encBufs holds *[]byte buffers that Do encodes a document's commands
	// into (one per call in flight, reused after it).
	encBufs sync.Pool

	mu     sync.Mutex
	sem    chan struct{}
	idle   []*session
	closed bool
	nextID int

	// Login state shared by the sessions. Logins always take turns
	// (loginGate), first ones and re-logins alike, and a refusal is
	// remembered for loginHold: however many sessions there are, and
	// whatever happened before (a password changed on the server while
	// every session was logged in), at most one login per hold is refused.
	// A systemic silence (see silentLogin) is remembered for one timeout.
	loginGate chan struct{}
	lmu       sync.Mutex
	refused   *transport.LoginError
	refusedAt time.Time
	loginHold time.Duration
	silence   *ConnError
	silenceAt time.Time

	// answered is set once the server has answered any document of this
	// client; silentLogins counts the logins in a row since the last
	// answer that got no byte back (see silentLogin).
	answered     atomic.Bool
	silentLogins atomic.Int32
}

// NewClient returns a client for the OCI-P server host, which may carry a
// port ("as.example.com", "as.example.com:2209", "[2001:db8::1]:2208"),
// logging in as username with password. It reports every problem of its
// arguments and options at once, as a *[ValidationError] (an empty host or
// user name, a bad port, a SOAP URL that cannot be used). Nothing is sent
// before the first command.
func NewClient(host, username, password string, opts ...Option) (*Client, error) {
	cfg := config{
		Config:      transport.Config{Vendor: vendor, RetryWaitMin: 100 * time.Millisecond, RetryWaitMax: 2 * time.Second, RetryMax: 2},
		mode:        TLS,
		sessions:    1,
		timeout:     DefaultTimeout,
		maxResponse: DefaultMaxResponse,
		pageSize:    DefaultPageSize,
		limit:       DefaultRateLimit,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.timeout == 0 {
		cfg.timeout = DefaultTimeout
	}
	if cfg.transportName == nil {
		cfg.transportName = optionName
	}
	red := &transport.Redactor{}
	red.Add(password)
	cfg.Redactor = red
	c := &Client{
		user:      username,
		password:  password,
		cfg:       cfg,
		red:       red,
		log:       cfg.Logger,
		loginGate: make(chan struct{}, 1),
		loginHold: LoginRefusalHold,
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	ve := &ValidationError{Subject: "broadworks: NewClient arguments"}
	problem := func(field, msg string) { ve.Errors = append(ve.Errors, FieldError{Field: field, Message: msg}) }
	switch {
	case strings.TrimSpace(username) == "":
		problem("username", "is required")
	case strings.ContainsFunc(username, unicode.IsControl):
		problem("username", "holds a control character")
	case charProblem(username) != "":
		problem("username", charProblem(username))
	}
	if password == "" {
		problem("password", "is required")
	} else if msg := charProblem(password); msg != "" {
		problem("password", msg) // names the character, never the password
	}
	if cfg.sessions < 1 {
		problem("WithSessions", "must be at least 1, not "+strconv.Itoa(cfg.sessions))
	}
	if cfg.maxResponse <= 0 {
		problem("WithMaxResponseSize", "must be positive")
	}
	if cfg.pageSize < 1 || cfg.pageSize > MaxPageSize {
		problem("WithPageSize", fmt.Sprintf("must be 1 to %d, not %d", MaxPageSize, cfg.pageSize))
	}
	if cfg.limit < 0 || (cfg.limit != rate.Inf && cfg.limit > 0 && cfg.burst < 1) {
		problem("WithRateLimit", "needs a positive limit and a burst of at least 1")
	}
	if field, msg := c.setup(host); msg != "" {
		// A host or URL may hold the password by a slip (the password
		// pasted into -host, a URL with user:password@): the message
		// quotes what it was given, redacted.
		problem(field, red.Redact(msg))
	} else if red.Redact(c.addr) != c.addr || c.soapURL != "" && red.Redact(c.soapURL) != c.soapURL {
		// Errors and logs name the address: it must not hold a secret.
		field := "host"
		if c.cfg.soapURL != "" {
			field = "WithSOAPURL"
		}
		problem(field, "holds the password: give the server's address alone (the password is an argument of its own)")
	}
	if len(ve.Errors) > 0 {
		return nil, ve
	}
	c.sem = make(chan struct{}, cfg.sessions)
	if cfg.limit != rate.Inf && cfg.limit > 0 {
		c.limiter = rate.NewLimiter(cfg.limit, cfg.burst)
	}
	return c, nil
}

// String describes the client without its password: transport, address
// and user.
func (c *Client) String() string {
	return fmt.Sprintf("broadworks.Client(%s %s %s)", c.cfg.mode, c.addr, c.user)
}

// Format prints [Client.String] whatever the verb, so that no fmt verb
// can reach the password field.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// setup works out the address, TLS settings and HTTP client. It returns
// the argument at fault and the problem ("" when none).
func (c *Client) setup(host string) (field, problem string) {
	switch c.cfg.mode {
	case TLS, TCP:
		port := DefaultTLSPort
		if c.cfg.mode == TCP {
			port = DefaultTCPPort
		}
		name, addr, msg := hostPort(host, port)
		if msg != "" {
			return "host", msg
		}
		c.addr = addr
		c.secure = c.cfg.mode == TLS
		c.tlsConf = c.tlsFor(name)
		return "", ""
	case SOAP:
		raw := c.cfg.soapURL
		if raw == "" {
			_, addr, msg := hostPort(host, 0)
			if msg != "" {
				return "host", msg
			}
			raw = "https://" + addr + DefaultSOAPPath
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return "WithSOAPURL", "want https://host[:port]/path"
		}
		if p := u.Port(); p != "" {
			if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
				return "WithSOAPURL", "bad port " + strconv.Quote(p)
			}
		}
		c.soapURL = raw
		c.addr = u.Redacted()
		c.secure = u.Scheme == "https"
		tlsConf := c.tlsFor(u.Hostname())
		base := c.cfg.HTTPClient
		if base == nil {
			tr := http.DefaultTransport.(*http.Transport).Clone()
			tr.TLSClientConfig = tlsConf
			tr.TLSHandshakeTimeout = DefaultHandshakeTimeout
			tr.MaxIdleConnsPerHost = c.cfg.sessions + 1
			base = &http.Client{Transport: tr}
		}
		c.httpBase = base
		return "", ""
	}
	return "WithTransport", "unknown transport " + c.cfg.mode.String()
}

func (c *Client) tlsFor(name string) *tls.Config {
	conf := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.cfg.tlsConfig != nil {
		conf = c.cfg.tlsConfig.Clone()
	}
	if conf.ServerName == "" {
		conf.ServerName = name
	}
	return conf
}

// hostPort splits host into a name and a host:port address, adding
// defaultPort when host has none (0: keep none). problem is "" when host
// can be used.
func hostPort(host string, defaultPort int) (name, addr, problem string) {
	host = strings.TrimSpace(host)
	if host == "" {
		return "", "", "is required"
	}
	if strings.ContainsAny(host, "/ ") || strings.ContainsFunc(host, unicode.IsControl) {
		return "", "", fmt.Sprintf("%q: want host or host:port", host)
	}
	if strings.Contains(host, "@") {
		// user@host or user:password@host: never quoted, as it may hold a
		// password, and never taken for a host name.
		return "", "", "holds a user or password (user@host): give the host alone; the user name and password are arguments of their own"
	}
	if h, p, err := net.SplitHostPort(host); err == nil {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 || h == "" {
			return "", "", fmt.Sprintf("%q: bad port", host)
		}
		return h, host, ""
	}
	name = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.Contains(name, "]") || strings.Contains(name, "[") {
		return "", "", fmt.Sprintf("%q: want host or host:port", host)
	}
	if strings.Contains(name, ":") {
		// Only an IPv6 address has colons in it (bare or in brackets):
		// anything else, such as name:port:more, is no host.
		if ip, err := netip.ParseAddr(name); err != nil || !ip.Is6() {
			return "", "", fmt.Sprintf("%q: want host or host:port (an IPv6 address in brackets with a port: [2001:db8::1]:2209)", host)
		}
	}
	if defaultPort == 0 {
		if strings.Contains(name, ":") {
			return name, "[" + name + "]", ""
		}
		return name, name, ""
	}
	return name, net.JoinHostPort(name, strconv.Itoa(defaultPort)), ""
}

// debug writes a debug record with the attributes every record has.
func (c *Client) debug(ctx context.Context, msg, method string, start time.Time, attrs ...slog.Attr) {
	if !c.log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	base := []slog.Attr{slog.String("vendor", vendor), slog.String("method", method), slog.String("path", c.addr), slog.Duration("duration", time.Since(start))}
	c.log.LogAttrs(ctx, slog.LevelDebug, msg, append(base, attrs...)...)
}

// wait takes a token of the rate limit, if any.
func (c *Client) wait(ctx context.Context) error {
	if c.limiter == nil {
		return nil
	}
	return c.limiter.Wait(ctx)
}

// loginHeld returns the remembered refusal, or the remembered silence of
// the server, while it holds.
func (c *Client) loginHeld() error {
	c.lmu.Lock()
	defer c.lmu.Unlock()
	if c.refused != nil && time.Since(c.refusedAt) < c.loginHold {
		r := *c.refused
		r.Remembered = true
		return &r
	}
	if c.silence != nil && time.Since(c.silenceAt) < c.cfg.timeout {
		r := *c.silence
		r.remembered = true
		return &r
	}
	return nil
}

func (c *Client) rememberSilence(ce *ConnError) {
	c.lmu.Lock()
	defer c.lmu.Unlock()
	c.silence, c.silenceAt = ce, time.Now()
}

// heard notes that the server answered a document.
func (c *Client) heard() {
	if c.silentLogins.Load() != 0 {
		c.silentLogins.Store(0)
	}
	if !c.answered.Load() {
		c.answered.Store(true)
	}
}

func (c *Client) rememberRefusal(le *transport.LoginError) {
	c.lmu.Lock()
	defer c.lmu.Unlock()
	c.refused, c.refusedAt = le, time.Now()
}

func (c *Client) loginSucceeded() {
	c.lmu.Lock()
	defer c.lmu.Unlock()
	c.refused, c.silence = nil, nil
}

// loginTurn waits for the turn to log in. Logins take turns always, not
// only until one has succeeded: a login that succeeded says nothing of the
// next one (the password may have changed since), and sessions logging in
// together would each be refused. Connections still open in parallel, and
// a login is one or two round trips, paid once per session.
func (c *Client) loginTurn(ctx context.Context) (release func(), err error) {
	select {
	case c.loginGate <- struct{}{}:
		return func() { <-c.loginGate }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// errClosed is the error of a call started after Close.
var errClosed = fmt.Errorf("broadworks: %w", ErrClosed)

// acquire takes a session, waiting while all are busy.
func (c *Client) acquire(ctx context.Context) (*session, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		<-c.sem
		return nil, errClosed
	}
	if n := len(c.idle); n > 0 {
		s := c.idle[n-1]
		c.idle = c.idle[:n-1]
		return s, nil
	}
	c.nextID++
	return newSession(c, c.nextID), nil
}

// release returns a session; after Close it logs out and closes instead.
func (c *Client) release(s *session) {
	c.mu.Lock()
	closed := c.closed
	if !closed {
		c.idle = append(c.idle, s)
	}
	c.mu.Unlock()
	if closed {
		s.shutdown()
	}
	<-c.sem
}

// Close logs out of every idle session (LogoutRequest, at most 5 s) and
// closes its connection; sessions busy at the time close when their command
// ends. Later calls return [ErrClosed]. Close is safe to call twice and
// always returns nil: a failed logout only means the server ends the
// session.
func (c *Client) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	idle := c.idle
	c.idle = nil
	c.mu.Unlock()
	var wg sync.WaitGroup
	for _, s := range idle {
		wg.Go(s.shutdown)
	}
	wg.Wait()
	if c.httpBase != nil { // SOAP: let go of the kept-alive connections
		c.httpBase.CloseIdleConnections()
	}
	return nil
}

// Do sends 1 to [MaxCommands] commands in one OCI-P document and returns
// one Response per command, in order: [*ocip.SuccessResponse], a typed data
// response of package ocip, [*ocip.RawResponse], or [*Error] when the
// server refused that command. The error is non-nil only when the exchange itself failed; it
// then matches [ErrOutcomeUnknown] when a non-idempotent command may have
// been carried out. When the server has dropped the session (connection
// closed, or an ErrorResponse saying the session is not authorized), Do
// logs in again once and sends again the commands that are safe to repeat.
// If that second exchange fails, Do returns the responses the first one
// gave, nil for the commands sent again, and the error (which tells about
// those), so commands the server carried out are never hidden; when the
// first exchange was lost after the document was written, that error
// matches [ErrOutcomeUnknown] too (the first attempt may have been carried
// out), whatever else it matches.
func (c *Client) Do(ctx context.Context, cmds ...Command) ([]Response, error) {
	if len(cmds) == 0 {
		return nil, invalid("broadworks: Do", "commands", "needs at least one command")
	}
	if len(cmds) > MaxCommands {
		return nil, invalid("broadworks: Do", "commands", fmt.Sprintf("%d commands: at most %d fit in one document", len(cmds), MaxCommands))
	}
	// Every command is encoded once, into one buffer, before a session is
	// taken: a resend after a lost session reuses the bytes.
	// The buffer goes back to encBufs when the exchange is over: nothing
	// returned refers to it (answers are decoded into their own memory).
	bodies := make([][]byte, len(cmds))
	ends := make([]int, len(cmds))
	bp, _ := c.encBufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	buf := (*bp)[:0]
	defer func() {
		if cap(buf) <= maxPooledEncode {
			*bp = buf[:0]
			c.encBufs.Put(bp)
		}
	}()
	for i, cmd := range cmds {
		if cmd == nil {
			return nil, invalid("broadworks: Do", fmt.Sprintf("commands[%d]", i), "is nil")
		}
		var err error
		if buf, err = ocip.AppendCommand(buf, cmd); err != nil {
			return nil, err
		}
		ends[i] = len(buf)
	}
	start := 0
	for i, end := range ends {
		bodies[i], start = buf[start:end:end], end
	}
	s, err := c.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer c.release(s)
	return s.do(ctx, cmds, bodies)
}

// maxPooledEncode is the largest encode buffer Do keeps for reuse.
const maxPooledEncode = 1 << 20

// do1 sends one command and returns its response, turning an [*Error]
// response into the error.
func (c *Client) do1(ctx context.Context, cmd Command) (Response, error) {
	resps, err := c.Do(ctx, cmd)
	if err != nil {
		return nil, err
	}
	if e, ok := resps[0].(*Error); ok {
		return nil, e
	}
	return resps[0], nil
}

// unexpected is the error for an answer of the wrong type; the type the
// server named is redacted and bounded like any text it sends.
func (c *Client) unexpected(cmd Command, r Response) error {
	return fmt.Errorf("broadworks: unexpected %s answering %s", c.red.Excerpt(r.OCIType(), 100, ocip.SecretsOf(cmd)...), cmd.OCIType())
}

func (c *Client) expectSuccess(ctx context.Context, cmd Command) error {
	r, err := c.do1(ctx, cmd)
	if err != nil {
		return err
	}
	if _, ok := r.(*ocip.SuccessResponse); !ok {
		return c.unexpected(cmd, r)
	}
	return nil
}

// charProblem says what in v cannot be sent as it is: invalid UTF-8, a
// character XML 1.0 cannot carry, or a noncharacter ("" when nothing).
func charProblem(v string) string {
	for i, r := range v {
		switch {
		case r == utf8.RuneError && !utf8.ValidString(v[i:]):
			return "is not valid UTF-8"
		case !xmlchar.IsChar(r):
			return fmt.Sprintf("holds %U, which XML 1.0 cannot carry", r)
		case r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE:
			return fmt.Sprintf("holds the noncharacter %U", r)
		}
	}
	return ""
}

// checkIDs refuses empty identifiers and identifiers with control
// characters, naming subject in the error.
func checkIDs(subject string, pairs ...string) error {
	ve := &ValidationError{Subject: subject}
	for i := 0; i+1 < len(pairs); i += 2 {
		field, v := pairs[i], pairs[i+1]
		switch {
		case strings.TrimSpace(v) == "":
			ve.Errors = append(ve.Errors, FieldError{Field: field, Message: "is required"})
		case strings.ContainsFunc(v, unicode.IsControl):
			ve.Errors = append(ve.Errors, FieldError{Field: field, Message: "holds a control character"})
		default:
			if msg := charProblem(v); msg != "" {
				ve.Errors = append(ve.Errors, FieldError{Field: field, Message: msg})
			}
		}
	}
	if len(ve.Errors) > 0 {
		return ve
	}
	return nil
}
