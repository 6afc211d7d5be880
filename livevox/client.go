package livevox

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

// Region is a LiveVox data-center region; it selects the API host.
type Region string

// The LiveVox regions.
const (
	NA3 Region = "NA3" // https://api.livevox.com
	NA4 Region = "NA4" // https://api.na4.livevox.com
	NA5 Region = "NA5" // https://api.na5.livevox.com
	NA6 Region = "NA6" // https://api.na6.livevox.com
)

// DefaultRegion is the region used when neither [WithRegion] nor
// [WithBaseURL] is given.
const DefaultRegion = NA3

// BaseURL returns the API host of the region, or "" for an unknown region.
func (r Region) BaseURL() string {
	switch Region(strings.ToUpper(string(r))) {
	case NA3:
		return "https://api.livevox.com"
	case NA4:
		return "https://api.na4.livevox.com"
	case NA5:
		return "https://api.na5.livevox.com"
	case NA6:
		return "https://api.na6.livevox.com"
	}
	return ""
}

// Default rate limit. LiveVox documents no request rate limit for the
// Configuration API; this conservative default (20 requests a second, bursts
// of 20, every attempt counted) keeps bulk jobs polite. Change it with
// [WithRateLimit] (rate.Inf disables it).
const (
	DefaultRateLimit rate.Limit = 20
	DefaultBurst     int        = 20
)

// DefaultTimeout bounds each attempt of a request (connect, send, answer)
// unless [WithTimeout] or an HTTP client with its own Timeout says
// otherwise, so a server that accepts and never answers cannot stall a call
// made with context.Background().
// A timed-out attempt is retried at most once, so one call against
// such a server ends within about twice the timeout (60.4 s).
const DefaultTimeout = 30 * time.Second

// Client calls the LiveVox Configuration API. It is safe for concurrent use.
// Create it with [NewClient]; Close it to log out.
type Client struct {
	tc      *rest.Client
	sess    *transport.Session
	creds   Credentials
	agent   bool
	version string
	baseURL string

	mu   sync.Mutex
	info *LoginInfo
}

// NewClient returns a client for creds. Every problem with the arguments
// (an empty credential, an unknown region, a bad base URL, a TLS option
// that cannot apply) is reported here as a *[ValidationError] naming the
// field. No request is sent until the first call.
func NewClient(creds Credentials, opts ...Option) (*Client, error) {
	o := newOptions(opts)
	v := newInvalid("NewClient arguments")
	creds.check(v)
	if o.BaseURL == "" {
		o.BaseURL = o.region.BaseURL()
		if o.BaseURL == "" {
			v.add("WithRegion", fmt.Sprintf("unknown region %q (want NA3, NA4, NA5 or NA6)", o.region))
		}
	} else if p := rest.BaseURLProblem(o.BaseURL, "https://api.livevox.com"); p != "" {
		v.add("WithBaseURL", p)
	}
	if strings.ContainsAny(o.version, "/?#") || strings.ContainsFunc(o.version, isControl) {
		v.add("WithAPIVersion", fmt.Sprintf("invalid version %q: want one path segment such as v6.0", o.version))
	}
	if err := o.PrepareHTTP(); err != nil {
		v.add("WithTLSConfig", err.Error())
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	c := &Client{creds: creds, agent: o.agent, version: o.version, baseURL: o.BaseURL}
	c.sess = &transport.Session{Vendor: "livevox", Header: headerSession, Login: c.login, User: creds.ClientName + "/" + creds.UserName}
	o.Redactor = &transport.Redactor{}
	o.Redactor.Add(creds.AccessToken, string(creds.Password))
	o.Auth = &auth{access: creds.AccessToken, s: c.sess}
	o.DecodeError = decodeError
	o.WrapError = wrapError
	tc, err := rest.New(&o.Options)
	if err != nil { // not expected: the URL was checked above
		return nil, err
	}
	c.tc = tc
	return c, nil
}

// String describes the client without secrets.
func (c *Client) String() string {
	return fmt.Sprintf("livevox.Client{base=%s client=%s user=%s}", c.baseURL, c.creds.ClientName, c.creds.UserName)
}

// GoString is like String, so %#v shows no secret either.
func (c *Client) GoString() string { return c.String() }

// LogValue is like String, so slog shows no secret either.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// path builds service/[version/]segments.
func (c *Client) path(service string, segments ...string) string {
	parts := make([]string, 0, len(segments)+2)
	parts = append(parts, service)
	if c.version != "" {
		parts = append(parts, c.version)
	}
	parts = append(parts, segments...)
	return strings.Join(parts, "/")
}

// Close logs the session out (POST /session/logout); without a session it
// only releases idle connections. A session the server no longer knows
// (401) is not an error. After Close the client is done: a call started later fails at once
// with an error matching [ErrClosed] and sends nothing. Calls in flight
// finish; when there are any, Close returns nil at once and the last of
// them to finish ends the session. Close is bounded (5 s), safe to call
// twice or from many goroutines (only the first does anything), and writes
// one debug record for the session it ends.
func (c *Client) Close() error {
	if c == nil {
		return nil
	}
	return c.tc.Close(c.sess, rest.Logout{Method: http.MethodPost, Path: "/" + c.path("session", "logout"), Send: c.logout})
}

// decodeError reads LiveVox's {"errorCode": n, "errorMessage": "..."} (and
// tolerates {"code", "message"}). Each field is read on its own, so one of
// an unexpected type does not hide the others; a code is kept only when it
// is a JSON number or string.
func decodeError(_ int, body []byte) (string, string) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return "", ""
	}
	code := jsonCode(fields["errorCode"])
	if code == "" {
		code = jsonCode(fields["code"])
	}
	msg := stringOf(fields["errorMessage"])
	if msg == "" {
		msg = stringOf(fields["message"])
	}
	return code, msg
}

// jsonCode returns a JSON number as written, or the text of a JSON string;
// anything else gives "".
func jsonCode(raw json.RawMessage) string {
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return stringOf(raw)
}

// stringOf returns the text of a JSON string, or "".
func stringOf(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
