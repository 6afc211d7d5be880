package apio

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"github.com/ccsdk/callcenter-go/platform"
)

// Credentials of the hostile tests. The password holds characters JSON
// encoders escape (Python's json.dumps writes ä as \u00e4, Go's writes < as
// \u003c).
const (
	hostilePassword = "Zq7-hostile-pässwörd&<>"
	hostileAccess   = "AT-hostile-access-token-1234"
	hostileRefresh  = "RT-hostile-refresh-token-5678"
	hostileCCPass   = "Cc-hostile-secret-77"
	hostilePath     = "/api/v1/tenants/foo/groups/foogroup/services/call_centers/"
	hostileID       = "cc@sip.example.com"
	hostileGetCall  = "apio: GET " + hostilePath + hostileID + "/"
)

// hostileSecrets are all the secrets the hostile tests give the client.
var hostileSecrets = []string{hostilePassword, hostileAccess, hostileRefresh, hostileCCPass}

// hostileServer starts a server on 127.0.0.1 that answers APIO's login
// with tokens (or with login, when set) and every other request with
// respond, and a client logged in to it that never retries.
func hostileServer(t *testing.T, respond, login http.HandlerFunc) *Client {
	t.Helper()
	if login == nil {
		login = hostiletest.Answer(http.StatusOK, "application/json",
			`{"access_token": "`+hostileAccess+`", "refresh_token": "`+hostileRefresh+`"}`)
	}
	srv := hostiletest.NewServer(t, respond, map[string]http.HandlerFunc{"/" + loginPath: login})
	c, err := NewClient(srv.URL, WithLogin("admin", hostilePassword), WithHTTPClient(srv.Client()),
		WithRetry(-1, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// getCall, createCall and loginCall are the typical calls of the tests
// (hostiletest.Call): a GET and a create answered with respond, and a GET
// whose login is answered with respond.
func getCall(t *testing.T, respond http.HandlerFunc) error {
	_, err := hostileServer(t, respond, nil).GetCallCenter(context.Background(), "foo", "foogroup", hostileID)
	return err
}

func createCall(t *testing.T, respond http.HandlerFunc) error {
	_, err := hostileServer(t, respond, nil).CreateCallCenter(context.Background(), &CreateCallCenterRequest{CallCenter: callcenter.CallCenter{
		ServiceProviderID: "foo",
		GroupID:           "foogroup",
		ServiceUserID:     hostileID,
		Profile: callcenter.Profile{
			Name: "Hostile", CallingLineIDFirstName: "Hos", CallingLineIDLastName: "Tile", Password: hostileCCPass,
		},
		Type:   callcenter.Basic,
		Policy: callcenter.Regular,
	}})
	return err
}

func loginCall(t *testing.T, login http.HandlerFunc) error {
	_, err := hostileServer(t, hostiletest.Answer(http.StatusOK, "", "{}"), login).
		GetCallCenter(context.Background(), "foo", "foogroup", hostileID)
	return err
}

// errorShapes put a message where APIO's error bodies carry it: {"error":
// m} (NOTES.md) and the {"errors": [...]} list its web UI also reads.
var errorShapes = []func(string) string{
	func(m string) string { return `{"error": ` + m + `}` },
	func(m string) string { return `{"errors": [{"field": "name", "message": ` + m + `}]}` },
}

func TestHostileOversizedAnswer(t *testing.T) {
	hostiletest.RunOversized(t, []hostiletest.Oversized{
		{Name: "GET 200", Call: getCall, Status: http.StatusOK, Prefix: `{"serviceUserId": "`, Want: hostileGetCall},
		{Name: "GET 500", Call: getCall, Status: http.StatusInternalServerError, Prefix: `{"error": "`, Want: hostileGetCall},
		{Name: "POST 201", Call: createCall, Status: http.StatusCreated, Prefix: `{"callCenterInstance": {"serviceUserId": "`,
			Want: "apio: POST " + hostilePath, Created: true},
		{Name: "login 200", Call: loginCall, Status: http.StatusOK, Prefix: `{"access_token": "`, Want: "apio: POST /api/v01/auth/login"},
	})
}

func TestHostileBadSuccessBody(t *testing.T) {
	bodies := append(hostiletest.BadJSON(`{"callCenterInstance": `),
		hostiletest.Body{Name: "truncated JSON", Body: `{"callCenterInstance": {"serviceUserId": "cc@sip.example.com", "serviceInstanceProfile": {"name": "Tru`},
		hostiletest.Body{Name: "wrong types", Body: `{"callCenterInstance": {"serviceUserId": 42, "serviceInstanceProfile": []}}`})
	hostiletest.RunBodies(t, "GET", getCall, http.StatusOK, bodies, hostiletest.Wants("apio: GET "+hostilePath, "decoding call center"))
	hostiletest.RunBodies(t, "POST", createCall, http.StatusCreated, bodies, hostiletest.Wants("apio: POST "+hostilePath, "decoding call center"))
	t.Run("invalid UTF-8 in strings", func(t *testing.T) {
		// encoding/json reads invalid UTF-8 inside a string as U+FFFD: no
		// error, but only valid UTF-8 reaches the caller.
		c := hostileServer(t, hostiletest.Answer(http.StatusOK, "application/json",
			`{"serviceUserId": "cc\xff@sip.example.com", "serviceInstanceProfile": {"name": "Sal\xc0\x80es"}, "type": "Basic\xfe"}`), nil)
		in, err := c.GetCallCenter(context.Background(), "foo", "foogroup", hostileID)
		if err != nil {
			hostiletest.ErrText(t, err, "apio:")
			return
		}
		hostiletest.ValidUTF8(t, in.ServiceUserID, in.Profile.Name, string(in.Type))
	})
}

func TestHostileErrorBody(t *testing.T) {
	hostiletest.RunErrors(t, getCall, hostileGetCall, append([]hostiletest.ErrorCase{
		{Name: "documented", Status: 404, ContentType: "application/json", Body: `{"error": "call center not found"}`, Message: "call center not found"},
		{Name: "null error", Status: 400, ContentType: "application/json", Body: `{"error": null}`},
		{Name: "number error", Status: 400, ContentType: "application/json", Body: `{"error": 42}`},
		{Name: "invalid UTF-8 in JSON", Status: 400, ContentType: "application/json", Body: "{\"error\": \"caf\xe9\"}", Message: "caf\uFFFD"},
	}, hostiletest.ErrorBodies(`{"error": `, nil)...))
	hostiletest.RunMessageExtremes(t, getCall, errorShapes...)
}

func TestHostileSecretInErrorBody(t *testing.T) {
	var get []hostiletest.SecretCase
	for _, s := range [][2]string{{"password", hostilePassword}, {"access token", hostileAccess}, {"refresh token", hostileRefresh}} {
		get = append(get, hostiletest.SecretEchoes(400, s[0], s[1], errorShapes[0])...)
	}
	get = append(get,
		hostiletest.SecretCase{Name: "access token in a rejection", Status: 400, Body: `{"error": "token ` + hostileAccess + ` rejected"}`},
		hostiletest.SecretCase{Name: "refresh token in a rejection", Status: 400, Body: "refresh " + hostileRefresh + " rejected"})
	hostiletest.RunSecrets(t, getCall, "application/json", get, hostileSecrets...)
	// The call center's password is known to the client only in a create.
	hostiletest.RunSecrets(t, createCall, "application/json", append(hostiletest.SecretEchoes(400, "call center password", hostileCCPass, errorShapes[0]),
		hostiletest.SecretCase{Name: "call center password too weak", Status: 400, Body: `{"error": "password ` + hostileCCPass + ` too weak"}`}),
		hostileSecrets...)
	t.Run("login refused echoing the password", func(t *testing.T) {
		err := loginCall(t, hostiletest.Answer(401, "application/json",
			`{"error": "bad credentials admin/`+hostilePassword+`", "password": "`+hostilePassword+`"}`))
		hostiletest.ErrText(t, err, "apio: login refused for admin: POST /api/v01/auth/login")
		if !errors.Is(err, ErrUnauthorized) {
			t.Errorf("error %v does not match ErrUnauthorized", err)
		}
		hostiletest.NoSecret(t, err, 0, hostilePassword)
	})
}

// TestHostileUnreadableSuccessIsOutcomeUnknown: APIO answers a create (or
// an update) 2xx with a body that cannot be read. It most likely acted, so
// the error matches ErrOutcomeUnknown, through CreateCallCenter and through
// the bulk seam; it names the call and shows no secret, even when the body
// echoes one. The same body to a GET is a plain error (nothing was done).
func TestHostileUnreadableSuccessIsOutcomeUnknown(t *testing.T) {
	bodies := append(hostiletest.BadJSON(`{"callCenterInstance": `),
		hostiletest.Body{Name: "truncated JSON", Body: `{"callCenterInstance": {"serviceUserId": "cc@sip.example.com", "serviceInstanceProfile": {"name": "Tru`},
		hostiletest.Body{Name: "wrong types", Body: `{"callCenterInstance": {"serviceUserId": 42, "serviceInstanceProfile": []}}`},
		hostiletest.Body{Name: "echoed password, wrong types", Body: `{"callCenterInstance": {"serviceUserId": ["` + hostileCCPass + `"], "serviceInstanceProfile": {"password": "` + hostileCCPass + `", "name": 7}}}`},
		hostiletest.Body{Name: "echoed token", Body: `{"access_token": "` + hostileAccess + `", "serviceUserId": {"x": "` + hostilePassword + `"}}`})
	cc := callcenter.CallCenter{
		ServiceProviderID: "foo", GroupID: "foogroup", ServiceUserID: hostileID,
		Profile: callcenter.Profile{Name: "Hostile", CallingLineIDFirstName: "Hos", CallingLineIDLastName: "Tile", Password: hostileCCPass},
		Type:    callcenter.Basic, Policy: callcenter.Regular,
	}
	for _, b := range bodies {
		t.Run(b.Name, func(t *testing.T) {
			respond := hostiletest.Answer(http.StatusCreated, "application/json", b.Body)
			ctx := context.Background()
			check := func(what string, err error, unknown bool) {
				t.Helper()
				if err == nil {
					t.Fatalf("%s: no error", what)
				}
				if errors.Is(err, ErrOutcomeUnknown) != unknown {
					t.Errorf("%s: errors.Is(%v, ErrOutcomeUnknown) = %v, want %v", what, err, !unknown, unknown)
				}
				hostiletest.NoSecret(t, err, 0, hostileSecrets...)
				hostiletest.CheckBounded(t, err)
			}
			c := hostileServer(t, respond, nil)
			_, err := c.CreateCallCenter(ctx, &CreateCallCenterRequest{CallCenter: cc})
			check("CreateCallCenter", err, true)
			hostiletest.ErrText(t, err, "apio: POST "+hostilePath, "decoding call center")
			_, err = c.BulkOps().SendCreate(ctx, &CreateCallCenterRequest{CallCenter: cc})
			check("bulk SendCreate", err, true)
			_, err = c.UpdateCallCenter(ctx, &UpdateCallCenterRequest{CallCenter: cc})
			check("UpdateCallCenter", err, true)
			cmd, err := c.BulkOps().(platform.Applier).BuildModify(cc, []string{"serviceInstanceProfile.name"})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.BulkOps().(platform.Applier).SendModify(ctx, cmd)
			check("bulk SendModify", err, true)
			_, err = hostileServer(t, hostiletest.Answer(http.StatusOK, "application/json", b.Body), nil).GetCallCenter(ctx, "foo", "foogroup", hostileID)
			check("GetCallCenter", err, false)
		})
	}
}
