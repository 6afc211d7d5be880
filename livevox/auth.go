package livevox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Credentials are what a LiveVox login takes. All four are required.
// Printed with fmt or log/slog, Credentials show the client and user names
// only.
type Credentials struct {
	// AccessToken is the LiveVox API access token, sent as the LV-Access
	// header of every request.
	AccessToken string
	// ClientName is the LiveVox client (the company's account), e.g.
	// "ACME".
	ClientName string
	// UserName is the LiveVox user.
	UserName string
	// Password is the user's password; a callcenter.Secret never prints.
	Password callcenter.Secret
}

// String shows the client and user names, never the token or the
// password.
func (c Credentials) String() string {
	tok := ""
	if c.AccessToken != "" {
		tok = callcenter.Redacted
	}
	return fmt.Sprintf("livevox.Credentials{AccessToken:%s ClientName:%s UserName:%s Password:%s}",
		tok, c.ClientName, c.UserName, c.Password.String())
}

// GoString is like String, so %#v shows no secret either.
func (c Credentials) GoString() string { return c.String() }

// Format prints String whatever the verb.
func (c Credentials) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// LogValue is like String, so slog shows no secret either.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// check reports every empty or malformed field.
func (c Credentials) check(v *invalid) {
	for _, f := range []struct{ name, value string }{
		{"Credentials.AccessToken", c.AccessToken}, {"Credentials.ClientName", c.ClientName},
		{"Credentials.UserName", c.UserName}, {"Credentials.Password", string(c.Password)},
	} {
		if strings.TrimSpace(f.value) == "" {
			v.add(f.name, "must not be empty")
		}
	}
	// The token goes in a header: a line break there would be refused at
	// every call (or worse, split the header).
	if strings.ContainsFunc(c.AccessToken, isControl) {
		v.add("Credentials.AccessToken", "must not hold control characters")
	}
}

// LoginInfo describes the current session. It holds no secret.
type LoginInfo struct {
	// UserID is the LiveVox id of the logged-in user.
	UserID int64 `json:"userId"`
	// ClientID is the LiveVox id of the user's client.
	ClientID int64 `json:"clientId"`
	// DaysUntilPasswordExpires is set when LiveVox reports it.
	DaysUntilPasswordExpires *int `json:"daysUntilPasswordExpires,omitempty"`
}

const (
	headerAccess  = "LV-Access"
	headerSession = "LV-Session"
)

// lvHeader builds the LiveVox headers of a request sent without Auth (keys
// canonicalized, as net/http looks them up).
func lvHeader(access, session string) http.Header {
	h := http.Header{}
	h.Set(headerAccess, access)
	if session != "" {
		h.Set(headerSession, session)
	}
	return h
}

// auth sends the static LV-Access header and the session's LV-Session
// header; a 401 makes the session log in again (transport.Session shares
// that login between concurrent callers).
type auth struct {
	access string
	s      *transport.Session
}

func (a *auth) Authorize(ctx context.Context, req *http.Request) error {
	req.Header.Set(headerAccess, a.access)
	return a.s.Authorize(ctx, req)
}

func (a *auth) Refresh(ctx context.Context, failed *http.Request) error {
	return a.s.Refresh(ctx, failed)
}

type loginRequest struct {
	ClientName string `json:"clientName"`
	UserName   string `json:"userName"`
	Password   string `json:"password"`
	Agent      bool   `json:"agent,omitempty"`
}

type loginResponse struct {
	SessionID string `json:"sessionId"`
	LoginInfo
}

// login is the transport.Session's Login: POST /session/login. It runs
// inside a call, so it uses the transport's own Do, which Close does not
// stop (as logout does, inside Close).
func (c *Client) login(ctx context.Context) (string, error) {
	var out loginResponse
	_, err := c.tc.Client.Do(ctx, &transport.Request{
		Method: http.MethodPost,
		Path:   c.path("session", "login"),
		JSON: loginRequest{ClientName: c.creds.ClientName, UserName: c.creds.UserName,
			Password: string(c.creds.Password), Agent: c.agent},
		Header:    lvHeader(c.creds.AccessToken, ""),
		NoAuth:    true,
		Retryable: true, // a login creates nothing that a second one would duplicate
	}, &out)
	if err != nil {
		return "", err
	}
	if out.SessionID == "" {
		return "", fmt.Errorf("livevox: POST %s: login answered without a sessionId", c.tc.Path(c.path("session", "login")))
	}
	c.tc.Redactor().Add(out.SessionID)
	info := out.LoginInfo
	c.mu.Lock()
	c.info = &info
	c.mu.Unlock()
	c.tc.Log.DebugContext(ctx, "livevox login", "vendor", "livevox", "method", http.MethodPost,
		"path", "/"+c.path("session", "login"), "userId", info.UserID, "clientId", info.ClientID)
	return out.SessionID, nil
}

// Login makes sure there is a session (logging in if there is none) and
// describes it. Calling it is optional: every method logs in as needed. It
// is a quick way to check credentials.
func (c *Client) Login(ctx context.Context) (*LoginInfo, error) {
	leave, err := c.tc.Enter("Login")
	if err != nil {
		return nil, err
	}
	defer leave()
	if _, err := c.sess.Token(ctx); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.info == nil {
		return &LoginInfo{}, nil
	}
	info := *c.info
	return &info, nil
}

// logout ends the session tok (POST /session/logout) for Close and forgets
// its login info. A session the server no longer knows (401) is not an
// error.
func (c *Client) logout(ctx context.Context, tok string) error {
	c.mu.Lock()
	c.info = nil
	c.mu.Unlock()
	_, err := c.tc.Client.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      c.path("session", "logout"),
		Header:    lvHeader(c.creds.AccessToken, tok),
		NoAuth:    true,
		Retryable: true, // logging out twice is harmless
	}, nil)
	if errors.Is(err, ErrUnauthorized) {
		return nil
	}
	return err
}
