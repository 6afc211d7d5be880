package ucontact

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// login runs POST auth/getUserToken. The answer is a JSON list whose last
// element is the session key; 0 means the credentials were refused. It
// runs inside a call, so it uses the transport's own Do, which Close does
// not stop (as endSession does, inside Close).
func (c *Client) login(ctx context.Context, password string) (string, error) {
	const action = "auth/getUserToken"
	var body []byte
	_, err := c.tc.Client.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      action,
		Form:      loginForm{User: c.user, Password: password},
		NoAuth:    true,
		Retryable: true,
	}, &body)
	if err != nil {
		return "", err
	}
	text := strings.TrimSpace(string(body))
	if isFailure(text) {
		return "", &ResultError{Action: action, Result: c.red.Excerpt(text, 200), Err: ErrFailed, login: true}
	}
	var list []json.RawMessage
	var key string
	if err := json.Unmarshal(body, &list); err != nil || len(list) == 0 ||
		json.Unmarshal(list[len(list)-1], &key) != nil || strings.TrimSpace(key) == "" {
		return "", c.resultError(action, text, ErrUnexpectedResult)
	}
	key = strings.TrimSpace(key)
	c.red.Add(key)
	return key, nil
}

type loginForm struct {
	User     string `url:"user"`
	Password string `url:"password"`
}

type endSessionForm struct {
	User  string `url:"user"`
	Token string `url:"token"`
}

// endSessionAction ends a login session.
const endSessionAction = "auth/EndSession"

// endSession ends the session key for Close: POST auth/EndSession with the
// user and the key, answered 1 or OK.
func (c *Client) endSession(ctx context.Context, key string) error {
	var body []byte
	_, err := c.tc.Client.Do(ctx, &transport.Request{
		Method:    http.MethodPost,
		Path:      endSessionAction,
		Form:      endSessionForm{User: c.user, Token: key},
		Header:    http.Header{"Authorization": {"Basic " + key}},
		NoAuth:    true, // a 401 here must not log in again just to log out
		Retryable: true, // ending a session twice is harmless
	}, &body)
	if err != nil {
		return err
	}
	return c.checkResult(endSessionAction, body, false, false)
}
