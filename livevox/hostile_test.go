package livevox

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
	hostileAccess   = "LVA-hostile-access-token-99"
	hostilePassword = "Zq7-hostile-pässwörd&<>"
	hostileSession  = "SID-hostile-session-4242"
	hostileGetPath  = "/configuration/callCenters/3619"
	hostilePostPath = "/configuration/callCenters"
)

// hostileServer starts a server on 127.0.0.1 that answers the login with a
// session (or with login, when set) and every other request with respond,
// and a client for it that never retries.
func hostileServer(t *testing.T, respond, login http.HandlerFunc) *Client {
	t.Helper()
	if login == nil {
		login = hostiletest.Answer(http.StatusOK, "application/json",
			`{"sessionId": "`+hostileSession+`", "userId": 1, "clientId": 4199}`)
	}
	srv := hostiletest.NewServer(t, respond, map[string]http.HandlerFunc{
		"/session/login":  login,
		"/session/logout": hostiletest.Answer(http.StatusNoContent, "", ""),
	})
	c, err := NewClient(Credentials{AccessToken: hostileAccess, ClientName: "ACME", UserName: "apiuser", Password: hostilePassword}, WithBaseURL(srv.URL),
		WithHTTPClient(srv.Client()), WithRateLimit(rate.Inf, 0), WithRetry(-1, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// getCall, createCall, deleteCall and loginCall are the typical calls of
// the tests (hostiletest.Call): calls answered with respond, and a GET
// whose login is answered with respond.
func getCall(t *testing.T, respond http.HandlerFunc) error {
	_, err := hostileServer(t, respond, nil).GetCallCenter(context.Background(), 3619)
	return err
}

func createCall(t *testing.T, respond http.HandlerFunc) error {
	_, err := hostileServer(t, respond, nil).CreateCallCenter(context.Background(), &CreateCallCenterRequest{ClientID: 4199, Name: "Doors"})
	return err
}

func deleteCall(t *testing.T, respond http.HandlerFunc) error {
	return hostileServer(t, respond, nil).DeleteCallCenter(context.Background(), 3619)
}

func loginCall(t *testing.T, login http.HandlerFunc) error {
	_, err := hostileServer(t, hostiletest.Answer(http.StatusOK, "", "{}"), login).GetCallCenter(context.Background(), 3619)
	return err
}

// errorShapes put a message where LiveVox's error bodies carry it
// (reference 002: {"errorCode": n, "errorMessage": m}), also beside a code
// of control characters.
var errorShapes = []func(string) string{
	func(m string) string { return `{"errorCode": 1, "errorMessage": ` + m + `}` },
	func(m string) string { return `{"errorMessage": ` + m + `}` },
	func(m string) string { return `{"errorCode": "\u001b[31m", "errorMessage": ` + m + `}` },
}

func TestHostileOversizedAnswer(t *testing.T) {
	hostiletest.RunOversized(t, []hostiletest.Oversized{
		{Name: "GET 200", Call: getCall, Status: http.StatusOK, Prefix: `{"name": "`, Want: "livevox: GET " + hostileGetPath},
		{Name: "GET 500", Call: getCall, Status: http.StatusInternalServerError, Prefix: `{"errorCode": 1, "errorMessage": "`, Want: "livevox: GET " + hostileGetPath},
		{Name: "POST 200", Call: createCall, Status: http.StatusOK, Prefix: `{"id": 1`, Want: "livevox: POST " + hostilePostPath, Created: true},
		{Name: "login 200", Call: loginCall, Status: http.StatusOK, Prefix: `{"sessionId": "`, Want: "livevox: POST /session/login"},
	})
}

func TestHostileBadSuccessBody(t *testing.T) {
	bodies := append(hostiletest.BadJSON(`{"name": `),
		hostiletest.Body{Name: "truncated JSON", Body: `{"name": "Doors", "managerName": "Mr. Man`},
		hostiletest.Body{Name: "wrong types", Body: `{"id": "one", "name": 42, "open": "yes"}`})
	hostiletest.RunBodies(t, "GET", getCall, http.StatusOK, bodies, hostiletest.Wants("livevox: GET "+hostileGetPath, "decoding response"))
	hostiletest.RunBodies(t, "POST", createCall, http.StatusOK, bodies, hostiletest.Wants("livevox: POST "+hostilePostPath, "decoding response"))
	hostiletest.RunBodies(t, "login", loginCall, http.StatusOK,
		append(hostiletest.BadJSON(`{"sessionId": `), hostiletest.Body{Name: "truncated", Body: `{"sessionId": "SID-`}),
		hostiletest.Wants("livevox: POST /session/login", "decoding response"))
	t.Run("invalid UTF-8 in strings", func(t *testing.T) {
		// encoding/json reads invalid UTF-8 inside a string as U+FFFD: no
		// error, but only valid UTF-8 reaches the caller.
		c := hostileServer(t, hostiletest.Answer(http.StatusOK, "application/json",
			`{"name": "Do\xffors", "managerName": "Mr.\xc0\x80", "billingSystem": "\xfe"}`), nil)
		cc, err := c.GetCallCenter(context.Background(), 3619)
		if err != nil {
			hostiletest.ErrText(t, err, "livevox: GET")
			return
		}
		hostiletest.ValidUTF8(t, cc.Name, cc.ManagerName, cc.BillingSystem)
	})
}

func TestHostileErrorBody(t *testing.T) {
	hostiletest.RunErrors(t, getCall, "livevox: GET "+hostileGetPath, append([]hostiletest.ErrorCase{
		{Name: "documented", Status: 404, ContentType: "application/json", Body: `{"errorCode": 404, "errorMessage": "Call Center not found"}`, Code: "404", Message: "Call Center not found"},
		{Name: "XML with a code", Status: 400, ContentType: "text/xml", Body: `<?xml version="1.0"?><error><errorCode>1</errorCode></error>`},
		{Name: "nulls", Status: 400, ContentType: "application/json", Body: `{"errorCode": null, "errorMessage": null}`},
		{Name: "number message", Status: 400, ContentType: "application/json", Body: `{"errorMessage": 42}`},
		{Name: "invalid UTF-8 in JSON", Status: 400, ContentType: "application/json", Body: "{\"errorCode\": 7, \"errorMessage\": \"caf\xe9\"}", Code: "7", Message: "caf\uFFFD"},
	}, hostiletest.ErrorBodies(`{"errorCode": `, nil)...))
	hostiletest.RunMessageExtremes(t, getCall, errorShapes...)
	t.Run("huge code", func(t *testing.T) {
		err := getCall(t, hostiletest.Answer(400, "application/json", `{"errorCode": [`+strings.Repeat("1,", 32<<10)+`1]}`))
		if ErrorCode(err) != 0 {
			t.Errorf("ErrorCode = %d, want 0", ErrorCode(err))
		}
		hostiletest.APIError(t, err, 400)
		hostiletest.CheckBounded(t, err)
	})
	t.Run("has services, message of the wrong type", func(t *testing.T) {
		err := deleteCall(t, hostiletest.Answer(400, "application/json", `{"errorCode": 202, "errorMessage": ["Cannot delete call centers with associated services"]}`))
		hostiletest.APIError(t, err, 400)
		if !errors.Is(err, ErrHasServices) {
			t.Errorf("error %v does not match ErrHasServices", err)
		}
	})
	t.Run("has services, documented", func(t *testing.T) {
		err := deleteCall(t, hostiletest.Answer(400, "application/json", `{"errorCode": 202, "errorMessage": "Cannot delete call centers with associated services"}`))
		if !errors.Is(err, ErrHasServices) || ErrorCode(err) != CodeHasServices {
			t.Errorf("error %v: ErrHasServices %v, ErrorCode %d", err, errors.Is(err, ErrHasServices), ErrorCode(err))
		}
	})
}

func TestHostileSecretInErrorBody(t *testing.T) {
	secrets := []string{hostilePassword, hostileAccess, hostileSession}
	var get []hostiletest.SecretCase
	for _, s := range [][2]string{{"password", hostilePassword}, {"access token", hostileAccess}, {"session id", hostileSession}} {
		get = append(get, hostiletest.SecretEchoes(400, s[0], s[1], errorShapes[0])...)
	}
	get = append(get,
		hostiletest.SecretCase{Name: "access token in code", Status: 400, Body: `{"errorCode": "` + hostileAccess + `"}`},
		hostiletest.SecretCase{Name: "session id as header echo", Status: 400, Body: "LV-Session: " + hostileSession},
		hostiletest.SecretCase{Name: "session id expired", Status: 400, Body: "session " + hostileSession + " expired"},
		hostiletest.SecretCase{Name: "password JSON-escaped in a bare message", Status: 400,
			Body: `{"errorMessage": "invalid password Zq7-hostile-p\u00e4ssw\u00f6rd\u0026\u003c\u003e"}`})
	hostiletest.RunSecrets(t, getCall, "application/json", get, secrets...)
	create := append(hostiletest.SecretEchoes(400, "access token", hostileAccess, errorShapes[0]),
		hostiletest.SecretCase{Name: "access token in LV-Access echo", Status: 400, Body: `{"errorCode": 1, "errorMessage": "LV-Access ` + hostileAccess + ` is not valid"}`})
	hostiletest.RunSecrets(t, createCall, "application/json", create, secrets...)
	t.Run("login refused echoing the credentials", func(t *testing.T) {
		err := loginCall(t, hostiletest.Answer(401, "application/json",
			`{"errorCode": 301, "errorMessage": "bad credentials apiuser/`+hostilePassword+` with `+hostileAccess+`"}`))
		hostiletest.ErrText(t, err, "livevox: login refused for ACME/apiuser: POST /session/login")
		if !errors.Is(err, ErrUnauthorized) {
			t.Errorf("error %v does not match ErrUnauthorized", err)
		}
		hostiletest.NoSecret(t, err, 0, hostilePassword, hostileAccess)
	})
}
