package broadworks

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Transport selects how a [Client] reaches the server.
type Transport int

const (
	// TLS is OCI-P over TLS, port 2209 by default. It is the default
	// transport. Login sends LoginRequest22V5 with the password.
	TLS Transport = iota
	// TCP is plain OCI-P, port 2208 by default. Login uses the nonce
	// exchange (AuthenticationRequest, LoginRequest14sp4), so the password
	// itself never crosses the unencrypted link; everything else does.
	TCP
	// SOAP is processOCIMessage over HTTPS (POST
	// https://HOST/webservice/services/ProvisioningService), or over HTTP
	// when [WithSOAPURL] gives an http:// URL (then login uses the nonce
	// exchange, as over TCP).
	SOAP
)

// String returns "TLS", "TCP" or "SOAP".
func (t Transport) String() string {
	switch t {
	case TLS:
		return "TLS"
	case TCP:
		return "TCP"
	case SOAP:
		return "SOAP"
	}
	return "Transport(" + strconv.Itoa(int(t)) + ")"
}

// Default ports and limits.
const (
	DefaultTLSPort      = 2209
	DefaultTCPPort      = 2208
	DefaultTimeout      = 60 * time.Second
	DefaultMaxResponse  = 16 << 20
	DefaultSOAPPath     = "/webservice/services/ProvisioningService"
	defaultLogoutWait   = 5 * time.Second
	defaultReadBuffered = 32 << 10
)

// config holds the options. The embedded transport.Config is used as is
// for the SOAP transport.
type config struct {
	transport.Config
	mode        Transport
	tlsConfig   *tls.Config
	sessions    int
	timeout     time.Duration
	soapURL     string
	maxResponse int
}

// Option configures a [Client].
type Option func(*config)

// WithTransport selects TLS (the default), TCP or SOAP.
func WithTransport(t Transport) Option { return func(c *config) { c.mode = t } }

// WithTLSConfig sets the TLS configuration for TLS and for SOAP over HTTPS
// (e.g. RootCAs for a private certificate authority). ServerName defaults
// to the host.
func WithTLSConfig(cfg *tls.Config) Option { return func(c *config) { c.tlsConfig = cfg } }

// WithSessions sets how many OCI-P sessions (each its own connection and
// login) the client keeps, so that up to n commands or documents run in
// parallel. The default is 1. Sessions open lazily, as they are needed.
func WithSessions(n int) Option { return func(c *config) { c.sessions = n } }

// WithLogger sets a logger for debug records (logins, exchanges with the
// command types and durations). Passwords and session ids are never logged.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.Logger = l } }

// WithTimeout bounds each connection attempt and each exchange (one
// document sent, its answer read). The default is [DefaultTimeout]. A
// context deadline applies too.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithHTTPClient sets the HTTP client of the SOAP transport. It is copied;
// each session gets its own cookie jar, whatever Jar the client has, to
// keep its HTTP session cookie.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.HTTPClient = hc } }

// WithSOAPURL selects the SOAP transport with the full URL of the
// ProvisioningService endpoint, e.g. "https://host/webservice/services/ProvisioningService"
// or, for a test server, an http:// URL.
func WithSOAPURL(u string) Option { return func(c *config) { c.mode, c.soapURL = SOAP, u } }

// WithRetry sets how often the SOAP transport retries an HTTP request that
// is safe to repeat (logins, reads, modifies; never an add or a delete that
// may have reached the server), and the backoff bounds.
func WithRetry(max int, waitMin, waitMax time.Duration) Option {
	return func(c *config) { c.RetryMax, c.RetryWaitMin, c.RetryWaitMax = max, waitMin, waitMax }
}

// WithUserAgent sets the User-Agent of SOAP requests.
func WithUserAgent(ua string) Option { return func(c *config) { c.UserAgent = ua } }

// WithMaxResponseSize bounds the size of one response document (default
// [DefaultMaxResponse]); a larger answer is an error.
func WithMaxResponseSize(n int) Option { return func(c *config) { c.maxResponse = n } }

// Client is an OCI-P client. It connects and logs in lazily, on the first
// command, so creating one never touches the network. It is safe for
// concurrent use: each call takes one of its sessions (see [WithSessions])
// for the time of one exchange. Close it to log out.
type Client struct {
	user     string
	password string
	cfg      config
	addr     string // host:port, or the SOAP URL
	secure   bool   // TLS or HTTPS: the password may be sent
	tlsConf  *tls.Config
	initErr  error
	log      *slog.Logger
	red      *transport.Redactor
	httpBase *http.Client // SOAP: shared by the sessions (each adds its jar)

	mu     sync.Mutex
	sem    chan struct{}
	idle   []*session
	closed bool
	nextID int
}

// NewClient returns a client for the OCI-P server host, which may carry a
// port ("as.example.com", "as.example.com:2209", "[2001:db8::1]:2208"),
// logging in as username with password. Nothing is sent before the first
// command. A host that cannot be used is reported by the first command.
func NewClient(host, username, password string, opts ...Option) *Client {
	cfg := config{
		Config:      transport.Config{Vendor: "broadworks", RetryWaitMin: 100 * time.Millisecond, RetryWaitMax: 2 * time.Second, RetryMax: 2},
		mode:        TLS,
		sessions:    1,
		timeout:     DefaultTimeout,
		maxResponse: DefaultMaxResponse,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.sessions < 1 {
		cfg.sessions = 1
	}
	if cfg.timeout <= 0 {
		cfg.timeout = DefaultTimeout
	}
	if cfg.maxResponse <= 0 {
		cfg.maxResponse = DefaultMaxResponse
	}
	red := &transport.Redactor{}
	red.Add(password)
	cfg.Redactor = red
	c := &Client{
		user:     username,
		password: password,
		cfg:      cfg,
		red:      red,
		log:      cfg.Logger,
		sem:      make(chan struct{}, cfg.sessions),
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.initErr = c.setup(host)
	return c
}

// String describes the client without its password: transport, address
// and user.
func (c *Client) String() string {
	return fmt.Sprintf("broadworks.Client(%s %s %s)", c.cfg.mode, c.addr, c.user)
}

// Format prints [Client.String] whatever the verb, so that no fmt verb
// can reach the password field.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// setup works out the address, TLS settings and HTTP client.
func (c *Client) setup(host string) error {
	if c.user == "" {
		return errors.New("broadworks: empty username")
	}
	switch c.cfg.mode {
	case TLS, TCP:
		port := DefaultTLSPort
		if c.cfg.mode == TCP {
			port = DefaultTCPPort
		}
		name, addr, err := hostPort(host, port)
		if err != nil {
			return err
		}
		c.addr = addr
		c.secure = c.cfg.mode == TLS
		c.tlsConf = c.tlsFor(name)
		return nil
	case SOAP:
		raw := c.cfg.soapURL
		if raw == "" {
			_, addr, err := hostPort(host, 0)
			if err != nil {
				return err
			}
			raw = "https://" + addr + DefaultSOAPPath
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("broadworks: invalid SOAP URL %q: want https://host[:port]/path", raw)
		}
		c.addr = u.Redacted()
		c.secure = u.Scheme == "https"
		tlsConf := c.tlsFor(u.Hostname())
		base := c.cfg.HTTPClient
		if base == nil {
			tr := http.DefaultTransport.(*http.Transport).Clone()
			tr.TLSClientConfig = tlsConf
			tr.MaxIdleConnsPerHost = c.cfg.sessions + 1
			base = &http.Client{Transport: tr, Timeout: c.cfg.timeout}
		}
		c.httpBase = base
		return nil
	}
	return fmt.Errorf("broadworks: unknown transport %v", c.cfg.mode)
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
// defaultPort when host has none (0: keep none).
func hostPort(host string, defaultPort int) (name, addr string, err error) {
	host = strings.TrimSpace(host)
	if host == "" || strings.ContainsAny(host, "/ ") {
		return "", "", fmt.Errorf("broadworks: invalid host %q: want host or host:port", host)
	}
	if h, p, err := net.SplitHostPort(host); err == nil {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 || h == "" {
			return "", "", fmt.Errorf("broadworks: invalid host %q: bad port", host)
		}
		return h, host, nil
	}
	name = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.Contains(name, "]") || strings.Contains(name, "[") {
		return "", "", fmt.Errorf("broadworks: invalid host %q", host)
	}
	if defaultPort == 0 {
		if strings.Contains(name, ":") {
			return name, "[" + name + "]", nil
		}
		return name, name, nil
	}
	return name, net.JoinHostPort(name, strconv.Itoa(defaultPort)), nil
}

// acquire takes a session, waiting while all are busy.
func (c *Client) acquire(ctx context.Context) (*session, error) {
	if c.initErr != nil {
		return nil, c.initErr
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		<-c.sem
		return nil, ErrClosed
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

// Close logs out of every idle session (LogoutRequest) and closes its
// connection; sessions busy at the time close when their command ends.
// Later calls return [ErrClosed]. Close is idempotent and always returns nil
// once it has run: a failed logout only means the server ends the session.
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
// one Response per command, in order: [*SuccessResponse], a typed data
// response, [*RawResponse], or [*Error] when the server refused that
// command. The error is non-nil only when the exchange itself failed; it
// then matches [ErrOutcomeUnknown] when a non-idempotent command may have
// been carried out. When the server has dropped the session (connection
// closed, or an ErrorResponse saying the session is not authorized), Do
// logs in again once and sends again the commands that are safe to repeat.
// If that second exchange fails, Do returns the responses the first one
// gave, nil for the commands sent again, and the error (which tells about
// those), so commands the server carried out are never hidden.
func (c *Client) Do(ctx context.Context, cmds ...Command) ([]Response, error) {
	if len(cmds) == 0 {
		return nil, errors.New("broadworks: Do needs at least one command")
	}
	if len(cmds) > MaxCommands {
		return nil, fmt.Errorf("broadworks: %d commands: at most %d fit in one document", len(cmds), MaxCommands)
	}
	bodies := make([][]byte, len(cmds))
	for i, cmd := range cmds {
		if cmd == nil {
			return nil, fmt.Errorf("broadworks: command %d is nil", i)
		}
		b, err := encodeCommand(cmd)
		if err != nil {
			return nil, err
		}
		bodies[i] = b
	}
	s, err := c.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer c.release(s)
	return s.do(ctx, cmds, bodies)
}

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

func unexpected(cmd Command, r Response) error {
	return fmt.Errorf("broadworks: unexpected %s answering %s", r.OCIType(), cmd.OCIType())
}

// AddCallCenter creates cc (GroupCallCenterAddInstanceRequest22) after
// applying defaults and validating it (see [NewAddRequest]): options its
// type does not accept are refused before anything is sent. It is never
// sent twice: when the answer is lost the error matches [ErrOutcomeUnknown].
func (c *Client) AddCallCenter(ctx context.Context, cc callcenter.CallCenter) error {
	req, err := NewAddRequest(cc)
	if err != nil {
		return err
	}
	return c.expectSuccess(ctx, req)
}

func (c *Client) expectSuccess(ctx context.Context, cmd Command) error {
	r, err := c.do1(ctx, cmd)
	if err != nil {
		return err
	}
	if _, ok := r.(*SuccessResponse); !ok {
		return unexpected(cmd, r)
	}
	return nil
}

// GetCallCenter reads a call center (GroupCallCenterGetInstanceRequest22).
// The result has ServiceUserID set but not ServiceProviderID, GroupID or the
// password, which the answer does not carry. A missing call center gives an
// [*Error] matching [ErrNotFound].
func (c *Client) GetCallCenter(ctx context.Context, serviceUserID string) (*callcenter.CallCenter, error) {
	if serviceUserID == "" {
		return nil, &callcenter.FieldError{Field: "serviceUserId", Message: "is required"}
	}
	req := &GroupCallCenterGetInstanceRequest22{ServiceUserID: serviceUserID}
	r, err := c.do1(ctx, req)
	if err != nil {
		return nil, err
	}
	got, ok := r.(*GroupCallCenterGetInstanceResponse22)
	if !ok {
		return nil, unexpected(req, r)
	}
	cc := got.CallCenter()
	cc.ServiceUserID = serviceUserID
	return &cc, nil
}

// ModifyCallCenter changes the fields set on cc, on the call center named
// by cc.ServiceUserID, and clears the fields named in clear (the Clear*
// constants); see [NewModifyRequest]. Fields left unset keep their value.
func (c *Client) ModifyCallCenter(ctx context.Context, cc callcenter.CallCenter, clear ...string) error {
	req, err := NewModifyRequest(cc, clear...)
	if err != nil {
		return err
	}
	return c.expectSuccess(ctx, req)
}

// DeleteCallCenter deletes a call center
// (GroupCallCenterDeleteInstanceRequest). A missing one gives an [*Error]
// matching [ErrNotFound].
func (c *Client) DeleteCallCenter(ctx context.Context, serviceUserID string) error {
	if serviceUserID == "" {
		return &callcenter.FieldError{Field: "serviceUserId", Message: "is required"}
	}
	return c.expectSuccess(ctx, &GroupCallCenterDeleteInstanceRequest{ServiceUserID: serviceUserID})
}

// ListCallCenters lists the call centers of a group
// (GroupCallCenterGetInstanceListRequest), reading the table by column
// heading.
func (c *Client) ListCallCenters(ctx context.Context, serviceProviderID, groupID string) ([]CallCenterSummary, error) {
	if serviceProviderID == "" || groupID == "" {
		return nil, errors.New("broadworks: ListCallCenters needs a service provider id and a group id")
	}
	req := &GroupCallCenterGetInstanceListRequest{ServiceProviderID: serviceProviderID, GroupID: groupID}
	r, err := c.do1(ctx, req)
	if err != nil {
		return nil, err
	}
	got, ok := r.(*GroupCallCenterGetInstanceListResponse)
	if !ok {
		return nil, unexpected(req, r)
	}
	return got.Summaries()
}

// BuildCreate returns the add command for cc, a
// *GroupCallCenterAddInstanceRequest22. It does no I/O. It is part of
// bulk.Target, whose contract is that bulk has already applied the defaults
// and validated cc (type rules included), so it does not validate again;
// outside bulk, use [NewAddRequest], which does.
func (c *Client) BuildCreate(cc callcenter.CallCenter) (any, error) {
	cc.ApplyDefaults() // no-op after bulk's; keeps the mapping total
	return addRequest(cc), nil
}

// SendCreate sends a command BuildCreate returned (any [Command] is
// accepted) and returns the answer as text: "SuccessResponse", or the
// ErrorResponse summary together with the [*Error]. It never sends a create
// twice; when the outcome is unknown the error matches [ErrOutcomeUnknown].
// It is part of bulk.Target.
func (c *Client) SendCreate(ctx context.Context, cmd any) (string, error) {
	resps, errs := c.SendCreates(ctx, []any{cmd})
	return resps[0], errs[0]
}

// MaxBatch is the most creates [Client.SendCreates] sends in one document:
// [MaxCommands]. It is part of bulk.BatchTarget.
func (c *Client) MaxBatch() int { return MaxCommands }

// SendCreates sends up to [MaxCommands] commands BuildCreate returned in one
// OCI-P document and gives, per command, the answer as text and its error,
// as [Client.SendCreate] does for one. If the exchange itself fails, every
// command gets that error (matching [ErrOutcomeUnknown] when the document
// was written); commands answered before a failed resend keep their
// answers. It is part of bulk.BatchTarget.
func (c *Client) SendCreates(ctx context.Context, cmds []any) ([]string, []error) {
	out, errs := make([]string, len(cmds)), make([]error, len(cmds))
	commands := make([]Command, len(cmds))
	for i, cmd := range cmds {
		command, ok := cmd.(Command)
		if !ok || command == nil {
			err := fmt.Errorf("broadworks: SendCreate needs a broadworks.Command, not %T", cmd)
			for j := range errs {
				errs[j] = err
			}
			return out, errs
		}
		commands[i] = command
	}
	resps, err := c.Do(ctx, commands...)
	for i := range commands {
		var r Response
		if i < len(resps) {
			r = resps[i]
		}
		switch r := r.(type) {
		case nil:
			errs[i] = err
		case *SuccessResponse:
			out[i] = r.OCIType()
		case *Error:
			out[i], errs[i] = r.Message(), r
		default:
			out[i], errs[i] = r.OCIType(), unexpected(commands[i], r)
		}
	}
	return out, errs
}

// LookupCallCenter reads the call center with cc's service user id. found
// is false, with a nil error, when the server answers "User not found". The
// stored call center takes ServiceProviderID and GroupID from cc (the
// answer does not carry them). It is part of bulk.Target.
func (c *Client) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	got, err := c.GetCallCenter(ctx, cc.ServiceUserID)
	if errors.Is(err, ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	got.ServiceProviderID, got.GroupID = cc.ServiceProviderID, cc.GroupID
	return got, true, nil
}
