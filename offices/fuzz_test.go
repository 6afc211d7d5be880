package offices

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// decodeErrorSeeds are error bodies Dialpad sends (NOTES.md: {"error":
// {"message": ...}}, observed with the Google-API style "errors" list and
// "code") and hostile ones in its shapes; FuzzDecodeError adds the
// vendor-neutral hostiletest.Seeds.
var decodeErrorSeeds = []struct {
	status      int
	body        string
	msg, reason string // the fuzzer's inputs for the documented shapes
}{
	// Realistic.
	{400, `{"error": {"code": 400, "message": "Invalid value for field 'plan_period'", "errors": [{"domain": "global", "reason": "badRequest", "message": "Invalid value for field 'plan_period'"}]}}`, "Invalid value for field 'plan_period'", "badRequest"},
	{401, `{"error": {"code": 401, "message": "Invalid API key", "errors": [{"reason": "required", "message": "Invalid API key"}]}}`, "Invalid API key", "required"},
	{404, `{"error": {"code": 404, "message": "Office 5620703441190912 not found"}}`, "", ""},
	{429, `{"error": {"code": 429, "message": "Rate limit exceeded: 1200 per minute"}}`, "Rate limit exceeded", ""},
	{400, `{"error": "missing field: name"}`, "missing field: name", ""},
	{403, `{"message": "Forbidden"}`, "Forbidden", ""},
	{500, `<html><head><meta http-equiv="content-type" content="text/html;charset=utf-8"><title>500 Server Error</title></head><body><h1>Error: Server Error</h1></body></html>`, "", ""},
	{400, `<?xml version="1.0"?><error><message>xml</message></error>`, "", ""},
	// Hostile.
	{400, `{"error": 42, "message": "top"}`, "42", ""},
	{400, `{"error": {"message": 42, "errors": [{"reason": 1}]}}`, "", ""},
	{400, `{"error": {"message": null, "errors": [null, {"reason": "second"}]}}`, "", "second"},
	{400, `{"error": {"errors": {"reason": "not a list"}}, "message": "top"}`, "", ""},
	{400, `{"error": {"errors": []}, "message": "fallback"}`, "", ""},
	{400, `{"error": {"message": "caf` + "\xe9 \xff\xfe" + `"}}`, "\xff\xfe", "\xc0\x80"},
	{400, "\xff\xfe{\x00\"\x00e\x00", "", ""},
	{400, `{"error": {"message": "a\u0000b\u001b[2J\r\nInjected: yes", "errors": [{"reason": "\u001b[31m"}]}}`, "a\x00b\x1b[2J\r\nc", "\x00"},
	{400, `{"error": "\ud800 \udc00 \ud83d\ude00"}`, "\U0001F600", ""},
	{400, `{"error": {"message": "` + strings.Repeat("x", 64<<10) + `"}}`, strings.Repeat("y", 2000), strings.Repeat("r", 100)},
	{400, `{"error": {"errors": [{"reason": "` + strings.Repeat("r", 64<<10) + `"}]}}`, "", ""},
	{400, `{"error": {"message": "dup"}, "error": "second"}`, "", ""},
	{400, `{"error": {"message": "unterminated`, "", ""},
	{400, `[{"error": "in a list"}]`, "", ""},
	{-1, `{"message": "negative status"}`, "", ""},
}

// FuzzDecodeError checks that decodeError never panics, returns valid UTF-8
// no more than three times the body's size, and reads Dialpad's shapes
// exactly. The code (a reason) is not bounded here: the transport cuts an
// APIError's Code to hostiletest.MaxCode bytes.
func FuzzDecodeError(f *testing.F) {
	for _, s := range decodeErrorSeeds {
		f.Add(s.status, []byte(s.body), s.msg, s.reason)
	}
	for _, s := range hostiletest.Seeds("error") {
		f.Add(s.Status, []byte(s.Body), "", "")
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, msg, reason string) {
		code, got := decodeError(status, body)
		hostiletest.CheckDecoded(t, body, code, got, 0)

		want, wantReason := hostiletest.JSONText(t, msg), hostiletest.JSONText(t, reason)
		check := func(v any, code, msg string) {
			t.Helper()
			b, _ := json.Marshal(v)
			if c, m := decodeError(status, b); c != code || m != msg {
				t.Errorf("decodeError(%s) = %q, %q; want %q, %q", b, c, m, code, msg)
			}
		}
		type obj = map[string]any
		check(obj{"error": obj{"code": status, "message": msg}}, "", want)
		fallback := want
		if fallback == "" {
			fallback = "detail"
		}
		check(obj{"error": obj{"message": msg, "errors": []obj{{"reason": reason, "message": "detail"}}}}, wantReason, fallback)
		check(obj{"error": msg}, "", want)
		check(obj{"message": msg}, "", want)
	})
}

// TestDecodeErrorShapes checks the documented and tolerated shapes value
// by value.
func TestDecodeErrorShapes(t *testing.T) {
	for _, tc := range []struct{ body, code, msg string }{
		{`{"error": {"code": 400, "message": "bad plan", "errors": [{"domain": "global", "reason": "badRequest", "message": "detail"}]}}`, "badRequest", "bad plan"},
		{`{"error": {"errors": [{"reason": "invalid", "message": "detail"}]}}`, "invalid", "detail"},
		{`{"error": {"message": "caf\u00e9"}}`, "", "café"},
		{`{"error": "text"}`, "", "text"},
		{`{"message": "top"}`, "", "top"},
		{`{"error": {"message": ""}, "message": "top"}`, "", "top"},
		{`{"error": null}`, "", ""},
		{`{"error": 42, "message": "top"}`, "", "top"},
		{`{"error": {"message": 42}, "message": "top"}`, "", "top"},
		{`<html><body>502 Bad Gateway</body></html>`, "", ""},
		{"\xff\xfe\x00", "", ""},
		{`{"error": {"message": "truncated`, "", ""},
		{``, "", ""},
	} {
		code, msg := decodeError(400, []byte(tc.body))
		if code != tc.code || msg != tc.msg {
			t.Errorf("decodeError(%q) = %q, %q; want %q, %q", tc.body, code, msg, tc.code, tc.msg)
		}
	}
}
