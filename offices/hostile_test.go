package offices

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// The API key of the hostile tests holds characters JSON encoders escape
// (ä as \u00e4 in ASCII-only JSON, < as \u003c in Go's).
const (
	hostileKey      = "Zq7-hostile-äpi-key&<>"
	hostileGetPath  = "/api/v2/offices/5620703441190912"
	hostilePostPath = "/api/v2/offices"
)

// hostileServer starts a server on 127.0.0.1 that answers every request
// with respond, and a client for it that never retries nor waits.
func hostileServer(t *testing.T, respond http.HandlerFunc) *Client {
	t.Helper()
	srv := hostiletest.NewServer(t, respond, nil)
	c, err := NewClient(hostileKey, WithBaseURL(srv.URL+"/api/v2"), WithHTTPClient(srv.Client()),
		WithRateLimit(0, 0), WithRetry(-1, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hostileRequest is a valid create request.
func hostileRequest() *CreateOfficeRequest {
	yes, no := true, false
	return &CreateOfficeRequest{
		Name:       "Lisboa",
		Country:    CountryPT,
		Currency:   CurrencyEUR,
		PlanPeriod: PlanMonthly,
		BillingAddress: BillingAddress{
			AddressLine1: "Rua Augusta 1", City: "Lisboa", Region: "Lisboa",
			PostalCode: "1100-048", Country: CountryPT,
		},
		UnifiedBilling:             &yes,
		Invoiced:                   &no,
		AnnualCommitMonthlyBilling: &no,
	}
}

// getCall and createCall are the typical calls of the tests
// (hostiletest.Call), answered with respond.
func getCall(t *testing.T, respond http.HandlerFunc) error {
	_, err := hostileServer(t, respond).Get(context.Background(), 5620703441190912)
	return err
}

func createCall(t *testing.T, respond http.HandlerFunc) error {
	_, err := hostileServer(t, respond).Create(context.Background(), hostileRequest())
	return err
}

// errorShapes put a message where Dialpad's error bodies carry it
// (NOTES.md: {"error": {"message": m}}; also {"error": m} and the
// Google-API style list of reasons).
var errorShapes = []func(string) string{
	func(m string) string { return `{"error": {"message": ` + m + `}}` },
	func(m string) string { return `{"error": ` + m + `}` },
	func(m string) string {
		return `{"error": {"code": 400, "message": ` + m + `, "errors": [{"reason": "badRequest"}]}}`
	},
}

func TestHostileOversizedAnswer(t *testing.T) {
	hostiletest.RunOversized(t, []hostiletest.Oversized{
		{Name: "GET 200", Call: getCall, Status: http.StatusOK, Prefix: `{"name": "`, Want: "offices: GET " + hostileGetPath},
		{Name: "GET 500", Call: getCall, Status: http.StatusInternalServerError, Prefix: `{"error": {"message": "`, Want: "offices: GET " + hostileGetPath},
		{Name: "POST 200", Call: createCall, Status: http.StatusOK, Prefix: `{"office": {"name": "`, Want: "offices: POST " + hostilePostPath, Created: true},
	})
}

func TestHostileBadSuccessBody(t *testing.T) {
	bodies := append(hostiletest.BadJSON(`{"office": `),
		hostiletest.Body{Name: "truncated JSON", Body: `{"office": {"id": "5620703441190912", "name": "Lis`},
		hostiletest.Body{Name: "wrong types", Body: `{"office": {"id": {"x": 1}, "name": 42}, "id": {"x": 1}, "name": 42}`})
	hostiletest.RunBodies(t, "GET", getCall, http.StatusOK, bodies, hostiletest.Wants("offices: GET "+hostileGetPath, "decoding response"))
	hostiletest.RunBodies(t, "POST", createCall, http.StatusOK, bodies,
		hostiletest.Wants("offices: POST /api/v2/offices", "the office was created (HTTP 200) but the answer could not be read"))
	t.Run("POST without an office", func(t *testing.T) {
		hostiletest.ErrText(t, createCall(t, hostiletest.Answer(http.StatusOK, "application/json", `{"plan": {}}`)),
			"offices: POST /api/v2/offices", "no office in the answer")
	})
	t.Run("GET without an office", func(t *testing.T) {
		c := hostileServer(t, hostiletest.Answer(http.StatusOK, "application/json", `{"office": {"id": "5620703441190912"}}`))
		if o, err := c.Get(context.Background(), 5620703441190912); err == nil {
			t.Errorf("Get returned %+v and no error for an answer without an office", o)
		}
	})
	t.Run("invalid UTF-8 in strings", func(t *testing.T) {
		// encoding/json reads invalid UTF-8 inside a string as U+FFFD: no
		// error, but only valid UTF-8 reaches the caller.
		c := hostileServer(t, hostiletest.Answer(http.StatusOK, "application/json",
			`{"id": "5620703441190912", "name": "Lis\xffboa", "timezone": "Europe/\xc0\x80", "state": "\xfe"}`))
		o, err := c.Get(context.Background(), 5620703441190912)
		if err != nil {
			hostiletest.ErrText(t, err, "offices: GET")
			return
		}
		hostiletest.ValidUTF8(t, o.Name, o.Timezone, string(o.State))
	})
	t.Run("huge id", func(t *testing.T) {
		err := getCall(t, hostiletest.Answer(http.StatusOK, "application/json", `{"id": "`+strings.Repeat("9x", 64<<10)+`"}`))
		hostiletest.ErrText(t, err, "offices: GET "+hostileGetPath, "decoding response")
		hostiletest.CheckBounded(t, err)
	})
	t.Run("API key as the created id", func(t *testing.T) {
		err := createCall(t, hostiletest.Answer(http.StatusOK, "application/json", `{"office": {"id": "`+hostileKey+`"}}`))
		hostiletest.ErrText(t, err, "offices: POST /api/v2/offices")
		hostiletest.NoSecret(t, err, 0, hostileKey)
	})
}

func TestHostileErrorBody(t *testing.T) {
	hostiletest.RunErrors(t, getCall, "offices: GET "+hostileGetPath, append([]hostiletest.ErrorCase{
		{Name: "documented", Status: 404, ContentType: "application/json", Body: `{"error": {"code": 404, "message": "Office not found", "errors": [{"reason": "notFound"}]}}`, Code: "notFound", Message: "Office not found"},
		{Name: "null error", Status: 400, ContentType: "application/json", Body: `{"error": null}`},
		{Name: "number error", Status: 400, ContentType: "application/json", Body: `{"error": 42}`},
		{Name: "invalid UTF-8 in JSON", Status: 400, ContentType: "application/json", Body: "{\"error\": {\"message\": \"caf\xe9\"}}", Message: "caf\uFFFD"},
	}, hostiletest.ErrorBodies(`{"error": `, nil)...))
	hostiletest.RunMessageExtremes(t, getCall, errorShapes...)
}

func TestHostileSecretInErrorBody(t *testing.T) {
	// A static API key: 401 and 403 answers come back as they are.
	var get []hostiletest.SecretCase
	for _, status := range []int{400, 401, 403} {
		get = append(get, hostiletest.SecretEchoes(status, "key", hostileKey, errorShapes[0])...)
	}
	get = append(get,
		hostiletest.SecretCase{Name: "API key in message", Status: 401, Body: `{"error": {"message": "Invalid API key ` + hostileKey + `"}}`},
		hostiletest.SecretCase{Name: "API key in text", Status: 403, Body: "Invalid API key " + hostileKey})
	hostiletest.RunSecrets(t, getCall, "application/json", get, hostileKey)
	hostiletest.RunSecrets(t, createCall, "application/json", append(hostiletest.SecretEchoes(400, "key", hostileKey, errorShapes[0]),
		hostiletest.SecretCase{Name: "key in reason", Status: 400, Body: `{"error": {"message": "bad", "errors": [{"reason": "` + hostileKey + `"}]}}`}), hostileKey)
}

// Every read of an office's sub-resource reports a 200 it cannot decode
// as a decoding error of that GET (not an unknown outcome: a GET acts on
// nothing), bounded and without the key.
func TestHostileBadSuccessBodyEveryGet(t *testing.T) {
	const id = 5620703441190912
	k := `"` + hostileKey + `"`
	for _, tc := range []struct {
		path string
		call func(*Client) error
		key  string // a body with the key where the type wants a number or a list
	}{
		{"/e911", func(c *Client) error { _, err := c.GetE911Address(context.Background(), id); return err }, `{"zip": [` + k + `]}`},
		{"/operators", func(c *Client) error { _, err := c.GetOperators(context.Background(), id); return err }, `{"users": [{"id": ` + k + `}]}`},
		{"/plan", func(c *Client) error { _, err := c.GetPlan(context.Background(), id); return err }, `{"talk_lines": ` + k + `}`},
		{"/available_licenses", func(c *Client) error { _, err := c.GetAvailableLicenses(context.Background(), id); return err }, `{"fax_lines": ` + k + `}`},
		{"/offdutystatuses", func(c *Client) error { _, err := c.GetOffDutyStatuses(context.Background(), id); return err }, `{"id": ` + k + `}`},
		{"/callcenters", func(c *Client) error { _, err := c.ListCallCentersPage(context.Background(), id, ""); return err }, `{"items": [{"id": ` + k + `}]}`},
		{"/departments", func(c *Client) error { _, err := c.ListDepartmentsPage(context.Background(), id, ""); return err }, `{"items": [{"office_id": ` + k + `}]}`},
		{"/teams", func(c *Client) error { _, err := c.ListCoachingTeamsPage(context.Background(), id, ""); return err }, `{"items": [{"ring_seconds": ` + k + `}]}`},
	} {
		call := func(t *testing.T, respond http.HandlerFunc) error { return tc.call(hostileServer(t, respond)) }
		bodies := append(hostiletest.BadJSON(`{"items": `),
			hostiletest.Body{Name: "wrong types", Body: `{"items": {"x": 1}, "users": 7, "id": {"x": 1}, "talk_lines": [1], "zip": 5}`},
			hostiletest.Body{Name: "key as a number", Body: tc.key})
		hostiletest.RunBodies(t, "GET"+tc.path, call, http.StatusOK, bodies, func(t *testing.T, err error) {
			hostiletest.ErrText(t, err, "offices: GET "+hostileGetPath+tc.path, "decoding response")
			hostiletest.CheckBounded(t, err)
			hostiletest.NoSecret(t, err, 0, hostileKey)
			if errors.Is(err, ErrOutcomeUnknown) {
				t.Errorf("a GET's outcome is never unknown: %v", err)
			}
		})
	}
}
