package ucontact

import (
	"crypto/tls"
	"log/slog"
	"net/http"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"golang.org/x/time/rate"
)

// Option configures a [Client].
type Option func(*options)

// options are the options of a Client: those every REST client has, plus
// the credentials and the recording hosts.
type options struct {
	rest.Options
	user, password string
	apiToken       string
	useToken       bool
	logins         int // how many of WithLogin/WithAPIToken were given
	telephony      string
	backup         string
}

// WithLogin makes the client log in with a uContact user and password
// (POST auth/getUserToken). The session key it gets is sent as
// "Authorization: Basic <key>"; the client logs in lazily on the first call
// and once more when a call answers 401. A refused login is remembered for
// five minutes: meanwhile every call fails at once with an error matching
// [ErrLoginRefused] instead of trying the same password again. End the
// session with [Client.Close].
func WithLogin(user, password string) Option {
	return func(o *options) { o.user, o.password = user, password; o.logins++ }
}

// WithAPIToken makes the client send a token generated in the uContact
// portal (user menu, "API Token") as "Authorization: Bearer <token>". No
// login or logout happens. Supported by newer servers.
func WithAPIToken(token string) Option {
	return func(o *options) { o.apiToken, o.useToken = token, true; o.logins++ }
}

// WithHTTPClient sets the underlying HTTP client (it is copied, not
// changed). Its Timeout, when set, bounds each attempt as well as
// [WithTimeout]'s; its redirect policy runs after the client's own, which
// follows no redirect to another origin.
func WithHTTPClient(hc *http.Client) Option { return func(o *options) { o.HTTPClient = hc } }

// WithTLSConfig sets the TLS configuration of the connections, e.g. the
// RootCAs of a private certificate authority (it is cloned, not modified).
// With [WithHTTPClient], that client's Transport must be an *http.Transport
// (or nil), which is cloned too; NewClient reports any other.
func WithTLSConfig(cfg *tls.Config) Option { return func(o *options) { o.TLS = cfg } }

// WithRateLimit sets the request rate shared by all goroutines using the
// client (default [DefaultRateLimit] per second, burst [DefaultBurst]).
// rate.Inf disables limiting.
func WithRateLimit(limit rate.Limit, burst int) Option {
	return func(o *options) { o.Limit, o.Burst = limit, burst }
}

// WithRetry sets the most retries after the first attempt (negative: none)
// and the backoff bounds. Actions (calls, hang-ups, dialer inserts...) are
// never retried once sent, whatever this says.
func WithRetry(maxRetries int, waitMin, waitMax time.Duration) Option {
	return func(o *options) { o.RetryMax, o.RetryWaitMin, o.RetryWaitMax = maxRetries, waitMin, waitMax }
}

// WithTimeout bounds each attempt of a request: connect, send, read the
// answer (default [DefaultTimeout], 30 s). WithTimeout(0) keeps the
// default; a negative d removes the bound, leaving the context's alone. The
// Timeout of an HTTP client given with [WithHTTPClient], when set, bounds
// each attempt as well: the shorter bound wins.
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.SetTimeout(d) }
}

// WithLogger sends debug records (through DebugContext) of every HTTP
// attempt to l, with the attributes vendor, method, url or path, status,
// duration and error; secrets are redacted. Without it the client is
// silent.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.Logger = l } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(o *options) { o.UserAgent = ua } }

// WithRecordingHosts sets where recordings are stored, for
// [Client.RecordingURLs] and [Client.FindRecording]: telephony is the
// telephony server ("TelephonyIP" in the uContact documentation) and backup
// the recordings backup server ("BackupRecords"). Each is a host or a base
// URL ("10.0.0.5", "https://rec.example.com"); https is assumed. An empty
// value leaves that server out. By default the telephony server is the API
// server and there is no backup server.
func WithRecordingHosts(telephony, backup string) Option {
	return func(o *options) { o.telephony, o.backup = telephony, backup }
}
