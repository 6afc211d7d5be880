package ucontact

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"golang.org/x/time/rate"
)

// Defaults of a [Client].
const (
	// DefaultRateLimit is the request rate of a client made without
	// [WithRateLimit], in requests per second shared by every goroutine
	// (every attempt counts). uContact documents no limit; this keeps a bulk
	// job from flooding a telephony server.
	DefaultRateLimit rate.Limit = 10
	// DefaultBurst is the burst of the default rate limit.
	DefaultBurst int = 10
	// DefaultTimeout bounds each attempt of a request (connect, send,
	// answer) of a client made without [WithTimeout], so a server that
	// accepts and never answers cannot stall a call made with
	// context.Background().
	// A timed-out attempt is retried at most once, so one call against
	// such a server ends within about twice the timeout (60.4 s).
	DefaultTimeout = 30 * time.Second
)

// resourcesPath is where the Integra API lives on every uContact server.
const resourcesPath = "/Integra/resources"

// Client talks to the uContact Integra API. It is safe for concurrent use.
type Client struct {
	tc      *rest.Client
	red     *transport.Redactor
	session *transport.Session // nil with an API token
	user    string
	origin  string // scheme://host of the API server
	rec     []recordingHost
}

// NewClient returns a client for the uContact server at baseURL, e.g.
// "https://acme.ucontactcloud.com" or "https://pbx.example.com:8086" (a
// URL that already ends in /Integra/resources is accepted too). Exactly one
// of [WithLogin] and [WithAPIToken] is required: without credentials, with
// both, or with an empty user, password or token NewClient returns a
// [*ValidationError] saying so, as it does for a bad baseURL. Nothing is
// sent until the first call.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	cfg := &options{Options: rest.Options{Config: transport.Config{
		Vendor:  "ucontact",
		Limit:   DefaultRateLimit,
		Burst:   DefaultBurst,
		Timeout: DefaultTimeout,
	}}}
	rest.Apply(cfg, opts)
	if err := cfg.check(baseURL); err != nil {
		return nil, err
	}
	base, origin, _ := normalizeBase(baseURL)
	cfg.BaseURL = base
	cfg.DecodeError = decodeError
	cfg.WrapError = wrapError
	cfg.Redactor = &transport.Redactor{}

	c := &Client{red: cfg.Redactor, user: cfg.user, origin: origin}
	if cfg.useToken {
		c.red.Add(cfg.apiToken)
		cfg.Auth = transport.Bearer(cfg.apiToken)
	} else {
		c.red.Add(cfg.password)
		password := cfg.password
		c.session = &transport.Session{
			Header: "Authorization",
			Prefix: "Basic ",
			User:   cfg.user,
			Login:  func(ctx context.Context) (string, error) { return c.login(ctx, password) },
		}
		cfg.Auth = c.session
	}
	var err error
	if c.tc, err = rest.New(&cfg.Options); err != nil {
		return nil, err
	}
	if c.rec, err = c.recordingHosts(cfg); err != nil {
		return nil, err
	}
	return c, nil
}

// check reports every problem of NewClient's arguments at once; it also
// settles the HTTP client (TLS).
func (o *options) check(baseURL string) error {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	if _, _, p := normalizeBase(baseURL); p != "" {
		add("baseURL", p)
	}
	if err := o.PrepareHTTP(); err != nil {
		add("WithTLSConfig", err.Error())
	}
	switch {
	case o.logins == 0:
		add("credentials", "none given: pass WithLogin(user, password) or WithAPIToken(token)")
	case o.logins > 1:
		add("credentials", "give only one of WithLogin and WithAPIToken")
	case o.useToken:
		if strings.TrimSpace(o.apiToken) == "" || strings.ContainsAny(o.apiToken, " \t\r\n") {
			add("WithAPIToken", "the token is empty or holds spaces")
		}
	default:
		if strings.TrimSpace(o.user) == "" {
			add("WithLogin.user", "is required")
		}
		if o.password == "" {
			add("WithLogin.password", "is required")
		}
	}
	for _, h := range []struct{ name, raw string }{{"telephony", o.telephony}, {"backup", o.backup}} {
		if _, err := recordingBase(h.raw); h.raw != "" && err != nil {
			add("WithRecordingHosts."+h.name, fmt.Sprintf("%q: want host or http(s)://host[/path]", h.raw))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Subject: subjectNewClient, Errors: errs}
}

// String describes the client without its credentials.
func (c *Client) String() string {
	mode := "api token"
	if c.session != nil {
		mode = "user " + c.user
	}
	return fmt.Sprintf("ucontact.Client(%s%s, %s)", c.origin, resourcesPath, mode)
}

// GoString is String, so %#v shows no credentials either.
func (c *Client) GoString() string { return c.String() }

// normalizeBase returns the API base URL (ending in /Integra/resources) and
// the server origin, or the problem of raw ("" when none).
func normalizeBase(raw string) (base, origin, problem string) {
	if p := rest.BaseURLProblem(raw, "https://acme.ucontactcloud.com"); p != "" {
		return "", "", p
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil { // not expected: BaseURLProblem parsed it
		return "", "", err.Error()
	}
	p := strings.TrimSuffix(u.Path, "/")
	switch {
	case strings.HasSuffix(p, resourcesPath):
	case strings.HasSuffix(p, "/Integra"):
		p += "/resources"
	default:
		p += resourcesPath
	}
	origin = u.Scheme + "://" + u.Host
	return origin + p, origin, ""
}

// decodeError pulls a short message out of an error body (uContact answers
// errors with text or an HTML page).
func decodeError(_ int, body []byte) (code, message string) {
	s := strings.TrimSpace(string(body))
	if s == "" || strings.HasPrefix(s, "<") || len(s) > 200 || strings.ContainsAny(s, "\r\n") {
		return "", ""
	}
	return "", s
}

// Close ends the login session (POST auth/EndSession with the user and the
// session key, as uContact's public client code does; reference 003 only
// says "End session"). Without a session (none open yet, or an API token)
// it only releases idle connections. After Close the client is done: a call started later fails at once
// with an error matching [ErrClosed] and sends nothing. Calls in flight
// finish; when there are any, Close returns nil at once and the last of
// them to finish ends the session. Close is bounded (5 s), safe to call
// twice or from many goroutines (only the first does anything), and writes
// one debug record for the session it ends.
func (c *Client) Close() error {
	if c == nil {
		return nil
	}
	return c.tc.Close(c.session, rest.Logout{Method: http.MethodPost, Path: resourcesPath + "/" + endSessionAction, Send: c.endSession})
}

// post sends an action form and checks that the answer is a success value
// (1, OK; an empty answer too when emptyOK). Actions are never retried once
// sent.
func (c *Client) post(ctx context.Context, action string, form any, emptyOK bool) error {
	body, err := c.postRaw(ctx, action, form, false)
	if err != nil {
		return err
	}
	return c.checkResult(action, body, emptyOK, true)
}

// postRaw sends a form and returns the raw answer.
func (c *Client) postRaw(ctx context.Context, action string, form any, retryable bool) ([]byte, error) {
	var body []byte
	req := &transport.Request{Method: http.MethodPost, Path: action, Form: form, Retryable: retryable}
	if form == nil {
		req.Form = url.Values{}
	}
	if _, err := c.tc.Do(ctx, req, &body); err != nil {
		return nil, err
	}
	return body, nil
}

// postJSON sends a read-only form (marked retryable) and decodes a JSON
// answer into out; a bare 0 is ErrFailed.
func (c *Client) postJSON(ctx context.Context, action string, form any, out any) error {
	body, err := c.postRaw(ctx, action, form, true)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(string(body))
	if isFailure(text) {
		return c.resultError(action, text, ErrFailed)
	}
	if text == "" {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return c.resultError(action, text, fmt.Errorf("%w: %v", ErrUnexpectedResult, err))
	}
	return nil
}

// resultText trims an answer and unquotes it when it is a JSON string.
func resultText(body []byte) string {
	s := strings.TrimSpace(string(body))
	if len(s) >= 2 && s[0] == '"' {
		var u string
		if json.Unmarshal([]byte(s), &u) == nil {
			s = strings.TrimSpace(u)
		}
	}
	return s
}

func isSuccess(s string) bool {
	switch strings.ToUpper(s) {
	case "1", "OK", "1 OK", "TRUE":
		return true
	}
	return false
}

func isFailure(s string) bool {
	switch strings.ToUpper(s) {
	case "0", "ERROR", "0 ERROR", "FALSE":
		return true
	}
	return false
}

// checkResult checks a text answer; acted says the request was an action,
// so an answer that is not understood leaves its outcome unknown.
func (c *Client) checkResult(action string, body []byte, emptyOK, acted bool) error {
	s := resultText(body)
	switch {
	case isSuccess(s), emptyOK && s == "":
		return nil
	case isFailure(s):
		return c.resultError(action, s, ErrFailed)
	}
	return c.unknownResult(action, s, ErrUnexpectedResult, acted)
}

// unknownResult is an answer that is not understood; for an action
// (acted) the server may have carried it out.
func (c *Client) unknownResult(action, result string, err error, acted bool) error {
	return &ResultError{Action: action, Result: c.red.Excerpt(result, 200), Err: err, unknown: acted}
}

func (c *Client) resultError(action, result string, err error) error {
	return &ResultError{Action: action, Result: c.red.Excerpt(result, 200), Err: err}
}
