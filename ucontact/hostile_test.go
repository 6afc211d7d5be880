package ucontact

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"golang.org/x/time/rate"
)

// Credentials of the hostile tests. The password holds characters JSON
// encoders escape (ä as \u00e4 in ASCII-only JSON, < as \u003c in Go's).
const (
	hostilePassword = "Zq7-hostile-pässwörd&<>"
	hostileKey      = "KEY-hostile-session-4242"
	hostileBase     = "/Integra/resources/"
	hostileGetPath  = hostileBase + "Supervisor/queuesummary"
	hostilePostPath = hostileBase + "Agents/AgentCall"
	hostileLogin    = "ucontact: POST " + hostileBase + "auth/getUserToken"
)

// hostileServer starts a server on 127.0.0.1 that answers the login with a
// session key (or with login, when set) and every other request with
// respond, and a client logged in to it that never retries nor waits.
func hostileServer(t *testing.T, respond, login http.HandlerFunc) *Client {
	t.Helper()
	if login == nil {
		login = hostiletest.Answer(http.StatusOK, "", `["agent1", "`+hostileKey+`"]`)
	}
	srv := hostiletest.NewServer(t, respond, map[string]http.HandlerFunc{
		hostileBase + "auth/getUserToken": login,
		hostileBase + "auth/EndSession":   hostiletest.Answer(http.StatusOK, "", "1"),
	})
	c, err := NewClient(srv.URL, WithLogin("agent1", hostilePassword), WithHTTPClient(srv.Client()),
		WithRateLimit(rate.Inf, 0), WithRetry(-1, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hostileCreate places a call (Agents/AgentCall) and returns its GUID.
func hostileCreate(c *Client) (string, error) {
	return c.AgentCall(context.Background(), &AgentCallRequest{Agent: "agent1", Phone: "1001", Destination: "099123456"})
}

// getCall, createCall and loginCall are the typical calls of the tests
// (hostiletest.Call): a JSON read (Supervisor/queuesummary) and an action
// (Agents/AgentCall) answered with respond, and a read whose login is
// answered with respond.
func getCall(t *testing.T, respond http.HandlerFunc) error {
	_, err := hostileServer(t, respond, nil).QueueSummary(context.Background())
	return err
}

func createCall(t *testing.T, respond http.HandlerFunc) error {
	_, err := hostileCreate(hostileServer(t, respond, nil))
	return err
}

func loginCall(t *testing.T, login http.HandlerFunc) error {
	_, err := hostileServer(t, hostiletest.Answer(http.StatusOK, "", "[]"), login).QueueSummary(context.Background())
	return err
}

// unexpected returns a check that err is an ErrUnexpectedResult whose
// text names the action.
func unexpected(action string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		hostiletest.ErrText(t, err, "ucontact: "+action, "unexpected result")
		if !errors.Is(err, ErrUnexpectedResult) {
			t.Errorf("error %v does not match ErrUnexpectedResult", err)
		}
	}
}

func TestHostileOversizedAnswer(t *testing.T) {
	hostiletest.RunOversized(t, []hostiletest.Oversized{
		{Name: "JSON 200", Call: getCall, Status: http.StatusOK, Prefix: `[{"queue": "`, Want: "ucontact: POST " + hostileGetPath},
		{Name: "JSON 500", Call: getCall, Status: http.StatusInternalServerError, Prefix: `<html>`, Want: "ucontact: POST " + hostileGetPath},
		{Name: "action 200", Call: createCall, Status: http.StatusOK, Want: "ucontact: POST " + hostilePostPath, Created: true},
		{Name: "login 200", Call: loginCall, Status: http.StatusOK, Prefix: `["`, Want: hostileLogin},
	})
}

func TestHostileBadSuccessBody(t *testing.T) {
	hostiletest.RunBodies(t, "queue summary", getCall, http.StatusOK, append(hostiletest.BadJSON(`[`),
		hostiletest.Body{Name: "truncated JSON", Body: `[{"queue": "Power<-", "loggedIn": 3, "avail`},
		hostiletest.Body{Name: "wrong types", Body: `[{"queue": 42, "loggedIn": "three"}]`}),
		unexpected("Supervisor/queuesummary"))
	hostiletest.RunBodies(t, "login", loginCall, http.StatusOK,
		append(hostiletest.BadJSON(`[`), hostiletest.Body{Name: "truncated", Body: `["agent1", "KEY-`}),
		unexpected("auth/getUserToken"))
	t.Run("invalid UTF-8 in strings", func(t *testing.T) {
		// encoding/json reads invalid UTF-8 inside a string as U+FFFD: no
		// error, but only valid UTF-8 reaches the caller.
		c := hostileServer(t, hostiletest.Answer(http.StatusOK, "application/json", `[{"queue": "Pow\xffer<-", "dateReceived": "\xc0\x80"}]`), nil)
		qs, err := c.QueueSummary(context.Background())
		if err != nil {
			hostiletest.ErrText(t, err, "ucontact:")
			return
		}
		for _, q := range qs {
			hostiletest.ValidUTF8(t, q.Queue, q.DateReceived)
		}
	})
	for _, tc := range []hostiletest.Body{
		{Name: "invalid UTF-8", Body: "\xff\xfe\xfd"},
		{Name: "NUL bytes", Body: "\x00\x00"},
		{Name: "path", Body: "../../etc/passwd"},
		{Name: "huge", Body: strings.Repeat("A", 1<<20)},
	} {
		t.Run("AgentCall "+tc.Name, func(t *testing.T) {
			c := hostileServer(t, hostiletest.Answer(http.StatusOK, "text/plain", tc.Body), nil)
			guid, err := hostileCreate(c)
			if err != nil {
				hostiletest.ErrText(t, err, "ucontact: Agents/AgentCall")
				hostiletest.CheckBounded(t, err)
				return
			}
			if checkGUID("AgentCall", guid) != nil || len(guid) > 128 {
				t.Errorf("AgentCall returned the GUID %q (%d bytes) and no error", hostiletest.Clip(guid), len(guid))
			}
		})
	}
}

func TestHostileErrorBody(t *testing.T) {
	// uContact answers errors in text: a short one-line text is the
	// message (cleaned of invalid UTF-8 and control characters).
	hostiletest.RunErrors(t, getCall, "ucontact: POST "+hostileGetPath, append([]hostiletest.ErrorCase{
		{Name: "text", Status: 400, ContentType: "text/plain", Body: "Invalid queue", Message: "Invalid queue"},
		{Name: "Tomcat page", Status: 404, ContentType: "text/html", Body: `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1></body></html>`},
		{Name: "JSON", Status: 400, ContentType: "application/json", Body: `{"error": null}`, Message: `{"error": null}`},
	}, hostiletest.ErrorBodies("", map[string]string{"invalid UTF-8 text": "caf\uFFFD \uFFFD", "NUL bytes": "bad"})...))
	t.Run("control characters", func(t *testing.T) {
		err := getCall(t, hostiletest.Answer(400, "text/plain", "bad\x1b[2J\x00 level=INFO msg=forged"))
		hostiletest.APIError(t, err, 400)
		if s := hostiletest.CheckBounded(t, err); hostiletest.HasControl(s) {
			t.Errorf("error text %q holds control characters", s)
		}
	})
}

func TestHostileSecretInErrorBody(t *testing.T) {
	secrets := []string{hostilePassword, hostileKey}
	get := append(hostiletest.SecretEchoes(400, "password", hostilePassword, nil), hostiletest.SecretEchoes(400, "session key", hostileKey, nil)...)
	get = append(get, hostiletest.SecretCase{Name: "session key as Basic echo", Status: 400, Body: "Authorization: Basic " + hostileKey})
	hostiletest.RunSecrets(t, getCall, "text/plain", get, secrets...)
	hostiletest.RunSecrets(t, createCall, "text/plain", append(hostiletest.SecretEchoes(400, "session key", hostileKey, nil),
		hostiletest.SecretCase{Name: "session key expired", Status: 400, Body: "session " + hostileKey + " expired"}), secrets...)
	for _, tc := range []hostiletest.Body{
		{Name: "session key in a 200 answer", Body: "ERROR: key " + hostileKey + " expired"},
		{Name: "password in a 200 answer", Body: "0 " + hostilePassword},
		{Name: "session key past 200 bytes", Body: strings.Repeat("x", 190) + " " + hostileKey},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			err := createCall(t, hostiletest.Answer(http.StatusOK, "text/plain", tc.Body))
			hostiletest.ErrText(t, err, "ucontact: Agents/AgentCall")
			hostiletest.NoSecret(t, err, 0, secrets...)
		})
	}
	t.Run("login refused echoing the password", func(t *testing.T) {
		err := loginCall(t, hostiletest.Answer(401, "text/plain", "bad credentials agent1/"+hostilePassword))
		hostiletest.ErrText(t, err, "ucontact: login refused for agent1: POST "+hostileBase+"auth/getUserToken")
		if !errors.Is(err, ErrUnauthorized) {
			t.Errorf("error %v does not match ErrUnauthorized", err)
		}
		hostiletest.NoSecret(t, err, 0, hostilePassword)
	})
	t.Run("login answering the password", func(t *testing.T) {
		err := loginCall(t, hostiletest.Answer(http.StatusOK, "application/json", `{"password": "`+hostilePassword+`", "error": "no list"}`))
		hostiletest.ErrText(t, err, "ucontact: auth/getUserToken")
		hostiletest.NoSecret(t, err, 0, hostilePassword)
	})
}
