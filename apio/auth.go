package apio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Paths of APIO's authentication API (NOTES.md, and APIO core's public
// documentation and web UI; issue 17 names the logout path).
const (
	loginPath         = "api/v01/auth/login"
	refreshPath       = "api/v01/auth/access_token"
	twoFactorPath     = "api/v01/auth/2fa"
	twoFactorTOTPPath = "api/v01/auth/2fa_totp"
	logoutPath        = "api/v01/auth/logout"
)

// Two-factor methods APIO names in the "option" field of its login answer.
const (
	TwoFactorEmail = "email" // the code was sent by e-mail
	TwoFactorTOTP  = "totp"  // the code comes from an authenticator app
)

type twoFactorKey struct{}

// TwoFactorMethod returns, inside a [WithTwoFactor] callback, how APIO
// expects the code: [TwoFactorEmail], [TwoFactorTOTP], or "" when APIO did
// not say.
func TwoFactorMethod(ctx context.Context) string {
	m, _ := ctx.Value(twoFactorKey{}).(string)
	return m
}

// login renews the access token of a client built WithLogin. Its token
// method is the Login func of the client's transport.Session, which calls it
// for one goroutine at a time: many requests refused at once with the same
// stale token cause a single renewal, which they all share.
type login struct {
	// tc is the transport itself, not the client's Close gate: a login runs
	// inside a call and a logout inside Close, which must not stop them.
	tc                 *transport.Client
	username, password string
	twoFactor          func(context.Context) (string, error)
	red                *transport.Redactor

	mu      sync.Mutex
	refresh string // the current refresh token, "" before the first login
}

// credentials is the body of a login request. It is never logged or
// printed: only the transport marshals it.
type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// twoFactorRequest is the body of the two-factor step.
type twoFactorRequest struct {
	Payload string `json:"2fa_payload"`
	Code    string `json:"code"`
}

// tokenAnswer is APIO's answer to a login, a two-factor step or a refresh.
type tokenAnswer struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"` // on a refresh: only when the old one is about to expire
	Token        string `json:"token"`         // the user's machine token, if it has one
	Payload      string `json:"2fa_payload"`   // a second factor is required
	Method       string `json:"option"`        // "email" or "totp"
}

// token returns a fresh access token: renewed with the refresh token when
// there is one, else (or when APIO refuses the refresh token) from a full
// login. A refresh that fails for another reason (network, 5xx after
// retries) is returned as is, without a login.
func (l *login) token(ctx context.Context) (string, error) {
	l.mu.Lock()
	rt := l.refresh
	l.mu.Unlock()
	if rt != "" {
		tok, err := l.renew(ctx, rt)
		if !refused(err) {
			return tok, err
		}
		l.mu.Lock()
		if l.refresh == rt {
			l.refresh = ""
		}
		l.mu.Unlock()
	}
	return l.login(ctx)
}

// refused reports whether err is APIO refusing a refresh token: a 401, or
// any other client error but 429 (an expired or malformed token is refused
// with 401 or 422 depending on the APIO version).
func refused(err error) bool {
	var ae *Error
	return errors.As(err, &ae) && ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != http.StatusTooManyRequests
}

// renew trades the refresh token for a new access token:
// GET /api/v01/auth/access_token with "Authorization: Bearer <refresh>".
func (l *login) renew(ctx context.Context, refresh string) (string, error) {
	var ans tokenAnswer
	_, err := l.tc.Do(ctx, &transport.Request{
		Method: http.MethodGet,
		Path:   refreshPath,
		Header: http.Header{"Authorization": {"Bearer " + refresh}},
		NoAuth: true,
	}, &ans)
	if err != nil {
		return "", err
	}
	return l.accept(ans, "refresh")
}

// login logs in with the password (POST /api/v01/auth/login), going
// through the two-factor step when APIO asks for it.
func (l *login) login(ctx context.Context) (string, error) {
	var ans tokenAnswer
	_, err := l.tc.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      loginPath,
		JSON:      credentials{Username: l.username, Password: l.password},
		NoAuth:    true,
		Retryable: true, // a login creates nothing
	}, &ans)
	if err != nil {
		return "", err
	}
	if ans.AccessToken == "" && ans.Payload != "" {
		if ans, err = l.secondFactor(ctx, ans); err != nil {
			return "", err
		}
	}
	return l.accept(ans, "login")
}

// secondFactor posts {2fa_payload, code} and returns APIO's tokens. APIO's
// web UI posts TOTP codes to /api/v01/auth/2fa_totp and e-mailed codes to
// /api/v01/auth/2fa; so does this client, following the login answer's
// "option" (absent: /api/v01/auth/2fa).
func (l *login) secondFactor(ctx context.Context, ans tokenAnswer) (tokenAnswer, error) {
	l.red.Add(ans.Payload)
	if l.twoFactor == nil {
		return tokenAnswer{}, errors.New("apio: login: APIO asks for a two-factor code: configure the client WithTwoFactor")
	}
	code, err := l.twoFactor(context.WithValue(ctx, twoFactorKey{}, ans.Method))
	if err != nil {
		return tokenAnswer{}, fmt.Errorf("apio: login: two-factor code: %w", err)
	}
	path := twoFactorPath
	if ans.Method == TwoFactorTOTP {
		path = twoFactorTOTPPath
	}
	var out tokenAnswer
	_, err = l.tc.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      path,
		JSON:      twoFactorRequest{Payload: ans.Payload, Code: code},
		NoAuth:    true,
		Retryable: true,
	}, &out)
	return out, err
}

// accept registers the tokens of ans as secrets, keeps its refresh token and
// returns its access token.
func (l *login) accept(ans tokenAnswer, step string) (string, error) {
	l.red.Add(ans.AccessToken, ans.RefreshToken, ans.Token)
	if ans.AccessToken == "" {
		return "", fmt.Errorf("apio: %s: APIO's answer holds no access_token", step)
	}
	if ans.RefreshToken != "" {
		l.mu.Lock()
		l.refresh = ans.RefreshToken
		l.mu.Unlock()
	}
	return ans.AccessToken, nil
}

// logout ends the session whose access token is tok: POST
// /api/v01/auth/logout with "Authorization: Bearer <access token>" and no
// body, as APIO's web UI does. The refresh token is forgotten whatever APIO
// answers, so the next request logs in afresh. A 401 or 404 (a token that
// already expired, a gateway without the endpoint) is not an error: there is
// nothing left to end.
func (l *login) logout(ctx context.Context, tok string) error {
	l.mu.Lock()
	l.refresh = ""
	l.mu.Unlock()
	_, err := l.tc.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      logoutPath,
		Header:    http.Header{"Authorization": {"Bearer " + tok}},
		NoAuth:    true,
		Retryable: true, // logging out twice is harmless
	}, nil)
	if errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
