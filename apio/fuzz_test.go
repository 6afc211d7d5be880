package apio

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// decodeErrorSeeds are error bodies APIO sends (NOTES.md: {"error":
// "message"}; the {"errors": [...]} list of validation errors its web UI
// also reads) and hostile ones in its shapes; FuzzDecodeError adds the
// vendor-neutral hostiletest.Seeds.
var decodeErrorSeeds = []struct {
	status     int
	body       string
	msg, field string // the fuzzer's inputs for the documented shapes
}{
	// Realistic.
	{401, `{"error": "Invalid credentials"}`, "Invalid credentials", ""},
	{404, `{"error": "call center APIOTestCCBasic@sip.netaxis.be not found"}`, "not found", ""},
	{400, `{"error": "[Error 4200] User already exists: APIOTestCCBasic@sip.netaxis.be"}`, "[Error 4200] User already exists", ""},
	{400, `{"error": "[Error 4152] Group not found: ApioSpTest:ApioGrpTest"}`, "", ""},
	{400, `{"errors": [{"field": "serviceUserId", "message": "This field is required."}, {"message": "bad policy"}]}`, "This field is required.", "serviceUserId"},
	{400, `{"errors": ["type: not a valid choice"]}`, "", ""},
	{422, `{"error": {"message": "Signature has expired", "field": "access_token"}}`, "", "access_token"},
	{500, `<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>`, "", ""},
	{502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", "", ""},
	{400, `<?xml version="1.0"?><error><message>bad</message></error>`, "", ""},
	// Hostile.
	{400, `{"error": 42}`, "42", ""},
	{400, `{"error": true, "errors": {"a": 1}}`, "", ""},
	{400, `{"errors": [{"message": 1, "field": 2}, null, 3, {"message": "ok"}]}`, "", ""},
	{400, `{"errors": "not a list"}`, "", ""},
	{400, `{"error": "caf` + "\xe9" + ` \xff\xfe\xfd"}`, "\xff\xfe", "\xc0\x80"},
	{400, `{"error": "a\u0000b\u001b[2J\r\nInjected: yes"}`, "a\x00b\x1b[2J\r\nc", "\x00"},
	{400, `{"error": "\ud800 \udc00 \ud83d\ude00"}`, "\U0001F600", ""},
	{400, `{"error": "` + strings.Repeat("x", 64<<10) + `"}`, strings.Repeat("y", 2000), strings.Repeat("f", 100)},
	{400, `{"errors": [` + strings.Repeat(`{"message":"m"},`, 2000) + `{"message":"last"}]}`, "", ""},
	{400, `{"error": "dup", "error": {"message": "second"}}`, "", ""},
}

// FuzzDecodeError checks that decodeError never panics, returns valid
// UTF-8 no more than three times the body's size and a code of at most
// hostiletest.MaxCode bytes (hostiletest.CheckDecoded), and reads APIO's
// documented shapes exactly.
func FuzzDecodeError(f *testing.F) {
	for _, s := range decodeErrorSeeds {
		f.Add(s.status, []byte(s.body), s.msg, s.field)
	}
	for _, s := range hostiletest.Seeds("error") {
		f.Add(s.Status, []byte(s.Body), "", "")
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, msg, field string) {
		code, got := decodeError(status, body)
		hostiletest.CheckDecoded(t, body, code, got, hostiletest.MaxCode)

		// {"error": msg} gives msg (as JSON carries it: invalid UTF-8
		// becomes U+FFFD).
		want := hostiletest.JSONText(t, msg)
		b, _ := json.Marshal(map[string]string{"error": msg})
		if c, m := decodeError(status, b); c != "" || m != want {
			t.Errorf("decodeError(%s) = %q, %q; want \"\", %q", b, c, m, want)
		}

		// {"errors": [{"field": f, "message": m}]} gives "f: m" (just m
		// without a field; nothing without a message).
		b, _ = json.Marshal(map[string]any{"errors": []map[string]string{{"field": field, "message": msg}}})
		wantField := hostiletest.JSONText(t, field)
		switch {
		case want == "":
		case wantField != "":
			want = wantField + ": " + want
		}
		if c, m := decodeError(status, b); c != "" || m != want {
			t.Errorf("decodeError(%s) = %q, %q; want \"\", %q", b, c, m, want)
		}
	})
}

// TestDecodeErrorShapes checks the documented and tolerated shapes value
// by value.
func TestDecodeErrorShapes(t *testing.T) {
	for _, tc := range []struct{ body, msg string }{
		{`{"error": "Invalid credentials"}`, "Invalid credentials"},
		{`{"error": "caf\u00e9 \ud83d\ude00"}`, "café 😀"},
		{`{"errors": [{"field": "serviceUserId", "message": "This field is required."}, {"message": "bad policy"}]}`, "serviceUserId: This field is required.; bad policy"},
		{`{"errors": ["one", "two"]}`, "one; two"},
		{`{"error": {"message": "expired", "field": "access_token"}}`, "access_token: expired"},
		{`{"error": "", "errors": ["fallback"]}`, "fallback"},
		{`{"error": null}`, ""},
		{`{"error": 42}`, ""},
		{`{"errors": [1, null, {"message": 2}, "ok"]}`, "ok"},
		{`<html><body>502 Bad Gateway</body></html>`, ""},
		{"\xff\xfe\x00", ""},
		{`{"error": "truncated`, ""},
		{``, ""},
	} {
		code, msg := decodeError(400, []byte(tc.body))
		if code != "" || msg != tc.msg {
			t.Errorf("decodeError(%q) = %q, %q; want \"\", %q", tc.body, code, msg, tc.msg)
		}
	}
}
