package broadworks

import (
	"crypto/tls"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/time/rate"

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
	DefaultTLSPort = 2209
	DefaultTCPPort = 2208
	// DefaultTimeout bounds each connection attempt and each exchange (one
	// document sent, its answer read): 30 s, like every client of this
	// module. See [WithTimeout]. A server that accepts and never answers
	// ends a call within one timeout over TCP (the login times out), within
	// the TLS handshake's 10 s over TLS, and within about twice it over
	// SOAP (a timed-out HTTP attempt is retried once).
	DefaultTimeout = 30 * time.Second
	// DefaultHandshakeTimeout bounds a TLS handshake (at most the timeout of
	// [WithTimeout]): a server that does not answer TLS, such as the plain
	// OCI-P port, fails within it.
	DefaultHandshakeTimeout = 10 * time.Second
	// DefaultMaxResponse bounds the size of one response document.
	DefaultMaxResponse = 16 << 20
	// DefaultSOAPPath is the path of the SOAP ProvisioningService.
	DefaultSOAPPath = "/webservice/services/ProvisioningService"
	// DefaultPageSize is the number of rows [Client.ListCallCenters] asks
	// for per page: the most the schema allows, so that a large group is
	// listed in few round trips (10,000 call centers in 6).
	DefaultPageSize = MaxPageSize
	// MaxPageSize is the largest page the OCI-P schema allows.
	MaxPageSize = 2000

	defaultLogoutWait   = 5 * time.Second
	defaultReadBuffered = 32 << 10
)

// DefaultRateLimit is the default limit of documents per second: none
// ([WithRateLimit] sets one).
const DefaultRateLimit = rate.Inf

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
	pageSize    int
	limit       rate.Limit
	burst       int
	// transportName names a transport in a hint (see WithTransportName).
	transportName func(Transport) string
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
// parallel. The default is 1; n must be at least 1. Sessions open lazily,
// as they are needed; their connections open in parallel, their logins one
// at a time, so a wrong or changed password costs one refused login
// whatever n.
func WithSessions(n int) Option { return func(c *config) { c.sessions = n } }

// WithLogger sets a logger for debug records (logins, exchanges with the
// command types and durations, at level Debug through DebugContext), and,
// when its handler is enabled for [LevelDocument], one record for each
// OCI-P document sent and received, redacted. Passwords and session ids
// are never logged. The default is silent.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.Logger = l } }

// WithTimeout bounds each connection attempt and each exchange (one
// document sent, its answer read); a TLS handshake gets at most
// [DefaultHandshakeTimeout] of it. The default is [DefaultTimeout] (30 s);
// a negative d means no bound but the context's. A context deadline
// applies too.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithHTTPClient sets the HTTP client of the SOAP transport. It is copied;
// each session gets its own cookie jar, whatever Jar the client has, to
// keep its HTTP session cookie.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.HTTPClient = hc } }

// WithSOAPURL selects the SOAP transport with the full URL of the
// ProvisioningService endpoint, e.g. "https://host/webservice/services/ProvisioningService"
// or, for a test server, an http:// URL. The host argument of [NewClient]
// is then not used.
func WithSOAPURL(u string) Option { return func(c *config) { c.mode, c.soapURL = SOAP, u } }

// WithRetry sets how often the SOAP transport retries an HTTP request that
// is safe to repeat (logins, reads, modifies; never an add or a delete that
// may have reached the server), and the backoff bounds. The default is 2
// retries between 100 ms and 2 s.
func WithRetry(max int, waitMin, waitMax time.Duration) Option {
	return func(c *config) { c.RetryMax, c.RetryWaitMin, c.RetryWaitMax = max, waitMin, waitMax }
}

// WithRateLimit limits the documents the client sends (over every session
// together) to limit per second with bursts of burst. The default is
// [DefaultRateLimit]: no limit.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(c *config) { c.limit, c.burst = limit, burst }
}

// WithUserAgent sets the User-Agent of SOAP requests.
func WithUserAgent(ua string) Option { return func(c *config) { c.UserAgent = ua } }

// WithMaxResponseSize bounds the size of one response document (default
// [DefaultMaxResponse]); a larger answer is an error.
func WithMaxResponseSize(n int) Option { return func(c *config) { c.maxResponse = n } }

// WithPageSize sets the rows per page [Client.ListCallCenters] asks for (1
// to [MaxPageSize]; default [DefaultPageSize]).
func WithPageSize(n int) Option { return func(c *config) { c.pageSize = n } }

// WithTransportName sets how error hints name a change of transport, for a
// program that exposes the transport as a setting of its own: a TLS
// handshake against the plain OCI-P port says "use " + name(TCP). The
// default names this package's option, "WithTransport(broadworks.TCP)";
// bulk-csv passes a function that returns "-transport tcp". See
// [ConnError] (Fix, Suggest).
func WithTransportName(name func(Transport) string) Option {
	return func(c *config) { c.transportName = name }
}
