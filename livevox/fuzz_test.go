package livevox

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Bounds a decoded error code and message should stay within. LiveVox's
// codes are small numbers and its messages one sentence. decodeError does
// not enforce them yet (findings "unbounded-message", "raw-code").
const (
	hostileMaxCode    = 64
	hostileMaxMessage = 1 << 10
)

// decodeErrorSeeds are error bodies LiveVox sends (reference 002:
// {"errorCode": 202, "errorMessage": "..."}; NOTES.md) and hostile ones.
var decodeErrorSeeds = []struct {
	status int
	body   string
	msg    string // the fuzzer's inputs for the documented shape
	code   int64
}{
	// Realistic.
	{400, "{\n   \"errorCode\": 202,\n   \"errorMessage\": \"Cannot delete call centers with associated services\"\n}", "Cannot delete call centers with associated services", 202},
	{401, `{"errorCode": 101, "errorMessage": "Invalid session id"}`, "Invalid session id", 101},
	{403, `{"errorCode": 100, "errorMessage": "Access denied: the user has no Sysadmin or IT User role"}`, "", 100},
	{404, `{"code": 404, "message": "Call Center 3619 not found"}`, "", 404},
	{400, `{"errorCode": "202", "errorMessage": "code as text"}`, "", 0},
	{500, `<html><head><title>Error 500</title></head><body>Internal Server Error</body></html>`, "", 500},
	{502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n", "", 0},
	{400, `<?xml version="1.0" encoding="UTF-8"?><error><errorCode>202</errorCode><errorMessage>xml</errorMessage></error>`, "", 0},
	{503, "Service Unavailable", "", 0},
	{400, "", "", 0},
	// Hostile.
	{400, `{"errorCode": null, "errorMessage": null}`, "", 0},
	{400, `{"errorCode": 202, "errorMessage": 123}`, "", -1},
	{400, `{"errorCode": "a\/b", "errorMessage": "JSON-only escape"}`, "", 0},
	{400, `{"errorCode": "\ud83d\ude00"}`, "\U0001F600", 1},
	{400, `{"errorCode": [1, 2, {"a": "` + "\xff" + `"}]}`, "", 0},
	{400, `{"errorCode": {"nested": true}, "errorMessage": "object code"}`, "", 0},
	{400, `{"errorCode": 1e400, "errorMessage": "overflow"}`, "", 9223372036854775807},
	{400, `{"errorCode": -0.5e-3}`, "", -9223372036854775808},
	{400, `{"errorCode": "\u0000\u001b", "errorMessage": "a\u0000b\u001b[2J\r\nInjected: yes"}`, "a\x00b\x1b[2J\r\nc", 0},
	{400, `{"errorCode": 202, "errorMessage": "caf` + "\xe9 \xff\xfe" + `"}`, "\xff\xfe", 202},
	{400, "\xff\xfe{\x00\"\x00e\x00", "", 0},
	{400, `{"errorMessage": "` + strings.Repeat("x", 64<<10) + `"}`, strings.Repeat("y", 2000), 0},
	{400, `{"errorMessage": "` + strings.Repeat("\xff", 4<<10) + `"}`, "", 0},
	{400, `{"errorCode": ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, "", 0},
	{400, `{"errorCode": [` + strings.Repeat(`1,`, 2000) + `1]}`, "", 0},
	{400, `{"errorCode": 1, "errorCode": "dup"}`, "", 0},
	{400, `{"errorCode": 202, "errorMessage": "unterminated`, "", 0},
	{400, `[{"errorCode": 202}]`, "", 0},
	{-1, `{"errorCode": 1}`, "", 0},
}

// FuzzDecodeError checks that decodeError never panics, returns valid UTF-8
// no more than three times the body's size, and reads LiveVox's documented
// shape {"errorCode": n, "errorMessage": m} (and {"code", "message"})
// exactly. Checks tied to known findings (see hostileKnown) are skipped.
func FuzzDecodeError(f *testing.F) {
	for _, s := range decodeErrorSeeds {
		f.Add(s.status, []byte(s.body), s.msg, s.code)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, msg string, n int64) {
		code, got := decodeError(status, body)
		checkDecoded(t, body, code, got)

		want, wantCode := jsonText(t, msg), strconv.FormatInt(n, 10)
		for _, keys := range [][2]string{{"errorCode", "errorMessage"}, {"code", "message"}} {
			b, _ := json.Marshal(map[string]any{keys[0]: n, keys[1]: msg})
			if c, m := decodeError(status, b); c != wantCode || m != want {
				t.Errorf("decodeError(%s) = %q, %q; want %q, %q", b, c, m, wantCode, want)
			}
		}
		// A code sent as a JSON string reads as that string.
		b, _ := json.Marshal(map[string]any{"errorCode": msg})
		if c, m := decodeError(status, b); c != want || m != "" {
			t.Errorf("decodeError(%s) = %q, %q; want %q, \"\"", b, c, m, want)
		}
	})
}

// TestDecodeErrorShapes checks the documented and tolerated shapes value
// by value.
func TestDecodeErrorShapes(t *testing.T) {
	for _, tc := range []struct{ body, code, msg string }{
		{`{"errorCode": 202, "errorMessage": "Cannot delete call centers with associated services"}`, "202", "Cannot delete call centers with associated services"},
		{`{"code": 404, "message": "not found"}`, "404", "not found"},
		{`{"errorCode": "202", "errorMessage": "text code"}`, "202", "text code"},
		{`{"errorCode": 202, "code": 1, "errorMessage": "", "message": "fallback"}`, "202", "fallback"},
		{`{"errorCode": null, "code": 7}`, "7", ""},
		{`{"errorMessage": "caf\u00e9"}`, "", "café"},
		{`{"errorCode": 202, "errorMessage": null}`, "202", ""},
		{`<html><body>502 Bad Gateway</body></html>`, "", ""},
		{"\xff\xfe\x00", "", ""},
		{`{"errorCode": 202, "errorMessage": "truncated`, "", ""},
		{``, "", ""},
	} {
		code, msg := decodeError(400, []byte(tc.body))
		if code != tc.code || msg != tc.msg {
			t.Errorf("decodeError(%q) = %q, %q; want %q, %q", tc.body, code, msg, tc.code, tc.msg)
		}
	}
}

// TestDecodeErrorBounded feeds decodeError oversized and malformed fields.
func TestDecodeErrorBounded(t *testing.T) {
	t.Run("long code", func(t *testing.T) {
		code, _ := decodeError(400, []byte(`{"errorCode": [`+strings.Repeat("1,", 32<<10)+`1]}`))
		hostileCheck(t, "raw-code", len(code) <= hostileMaxCode, "code is %d bytes, want <= %d", len(code), hostileMaxCode)
	})
	t.Run("code with invalid UTF-8", func(t *testing.T) {
		code, _ := decodeError(400, []byte("{\"errorCode\": {\"a\": \"\xff\"}}"))
		hostileCheck(t, "raw-code", utf8.ValidString(code), "code %q is not valid UTF-8", code)
	})
	t.Run("code with a JSON escape", func(t *testing.T) {
		code, _ := decodeError(400, []byte(`{"errorCode": "E\/42"}`))
		hostileCheck(t, "raw-code", code == "E/42", "code = %q, want \"E/42\"", code)
	})
	t.Run("message of the wrong type", func(t *testing.T) {
		code, _ := decodeError(400, []byte(`{"errorCode": 202, "errorMessage": ["Cannot delete call centers with associated services"]}`))
		hostileCheck(t, "mismatch-drops-code", code == "202", "code = %q, want \"202\"", code)
	})
}

// checkDecoded checks decodeError's output for any body.
func checkDecoded(t *testing.T, body []byte, code, msg string) {
	t.Helper()
	if !utf8.ValidString(msg) || (!utf8.ValidString(code) && !hostileKnownFinding("raw-code")) {
		t.Errorf("decodeError(%q) = %q, %q: not valid UTF-8", clip(body), clip([]byte(code)), clip([]byte(msg)))
	}
	if len(code)+len(msg) > 3*len(body) {
		t.Errorf("decodeError(%q): %d bytes out of a %d-byte body", clip(body), len(code)+len(msg), len(body))
	}
	if len(code) > hostileMaxCode && !hostileKnownFinding("raw-code") {
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
