package apio

import (
	"net/http"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

// Defaults of a new [Client].
const (
	// DefaultUserAgent is the User-Agent sent unless [WithUserAgent] says
	// otherwise.
	DefaultUserAgent = "callcenter-go-apio"
	// DefaultTimeout bounds each HTTP attempt (connect, send, wait for and
	// read the answer) unless [WithTimeout] says otherwise, so that a call
	// made with context.Background() never waits forever on a gateway that
	// accepts and never answers.
	// A timed-out attempt is retried at most once, so one call against
	// such a server ends within about twice the timeout (60.4 s).
	DefaultTimeout = 30 * time.Second
	// DefaultRateLimit is the client's default request rate: none
	// (rate.Inf). APIO documents no limit; a gateway that limits answers
	// 429, which the client honours (Retry-After) and retries. Set one with
	// [WithRateLimit].
	DefaultRateLimit = rate.Inf
	// DefaultBurst is the burst of [DefaultRateLimit] (unused while the
	// rate is unlimited).
	DefaultBurst = 0
)

// Client talks to one APIO gateway. It is safe for concurrent use: many
// goroutines share its login, its access token and its rate limiter. Close
// it to log out.
type Client struct {
	tc    *rest.Client
	sess  *transport.Session // nil with WithToken
	login *login             // nil with WithToken
}

// NewClient returns a client for the APIO gateway at baseURL (scheme and
// host, e.g. "https://apio.example.com"; the /api/... paths are added). Give
// the credentials as an option: [WithLogin] or [WithToken]. Every problem
// with the arguments (an empty or bad URL, missing or empty credentials,
// both kinds at once, a TLS configuration that cannot apply) is reported
// here, all at once, as a *[ValidationError] with Subject "apio: NewClient
// arguments". It does no I/O: the first request logs in.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	o := options{Options: rest.Options{Config: transport.Config{
		Vendor:      "apio",
		UserAgent:   DefaultUserAgent,
		DecodeError: decodeError,
		WrapError:   wrapError,
		Redactor:    &transport.Redactor{},
		Limit:       DefaultRateLimit,
		Burst:       DefaultBurst,
		Timeout:     DefaultTimeout,
	}}}
	rest.Apply(&o, opts)
	if o.baseURLSet {
		baseURL = o.baseURL
	}
	if o.Limit == rate.Inf {
		o.Limit = 0 // the transport's "no limit"
	}
	o.BaseURL = strings.TrimSpace(baseURL)
	if err := o.check(); err != nil {
		return nil, err
	}
	c := &Client{}
	if o.tokenSet {
		o.Redactor.Add(o.token)
		o.Auth = transport.Bearer(o.token)
	} else {
		o.Redactor.Add(o.password)
		c.login = &login{username: o.username, password: o.password, twoFactor: o.twoFactor, red: o.Redactor}
		c.sess = &transport.Session{Header: "Authorization", Prefix: "Bearer ", Login: c.login.token, User: o.username}
		o.Auth = c.sess
	}
	tc, err := rest.New(&o.Options)
	if err != nil { // not expected: check saw the URL
		return nil, err
	}
	c.tc = tc
	if c.login != nil {
		c.login.tc = tc.Client
	}
	return c, nil
}

// check reports every problem of the options at once.
func (o *options) check() error {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	if p := rest.BaseURLProblem(o.BaseURL, "https://apio.example.com"); p != "" {
		add("baseURL", p)
	}
	if err := o.PrepareHTTP(); err != nil { // settles the HTTP client: TLS
		add("WithTLSConfig", err.Error())
	}
	switch {
	case o.loginSet && o.tokenSet:
		add("credentials", "give WithLogin or WithToken, not both")
	case !o.loginSet && !o.tokenSet:
		add("credentials", "are required: use WithLogin or WithToken")
	}
	if o.loginSet {
		if strings.TrimSpace(o.username) == "" {
			add("WithLogin.username", "is required")
		}
		if o.password == "" {
			add("WithLogin.password", "is required")
		}
	}
	if o.tokenSet && strings.TrimSpace(o.token) == "" {
		add("WithToken.token", "is required")
	}
	if o.Limit < 0 {
		add("WithRateLimit.limit", "must not be negative")
	}
	return invalid("apio: NewClient arguments", errs...)
}

// Close logs the client out when it holds a session
// (POST /api/v01/auth/logout with the access token) and forgets its tokens;
// a refusal of a token that already expired is not an error. A client made
// [WithToken] holds no session: Close then only releases idle connections.
// After Close the client is done: a call started later fails at once
// with an error matching [ErrClosed] and sends nothing. Calls in flight
// finish; when there are any, Close returns nil at once and the last of
// them to finish ends the session. Close is bounded (5 s), safe to call
// twice or from many goroutines (only the first does anything), and writes
// one debug record for the session it ends.
func (c *Client) Close() error {
	if c == nil {
		return nil
	}
	return c.tc.Close(c.sess, rest.Logout{Method: http.MethodPost, Path: "/" + logoutPath, Send: c.login.logout})
}
