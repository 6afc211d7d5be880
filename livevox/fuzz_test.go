package livevox

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// decodeErrorSeeds are error bodies LiveVox sends (reference 002:
// {"errorCode": 202, "errorMessage": "..."}; NOTES.md) and hostile ones in
// its shape; FuzzDecodeError adds the vendor-neutral hostiletest.Seeds.
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
	{400, `<?xml version="1.0" encoding="UTF-8"?><error><errorCode>202</errorCode><errorMessage>xml</errorMessage></error>`, "", 0},
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
// exactly; codes stay within hostiletest.MaxCode bytes.
func FuzzDecodeError(f *testing.F) {
	for _, s := range decodeErrorSeeds {
		f.Add(s.status, []byte(s.body), s.msg, s.code)
	}
	for _, s := range hostiletest.Seeds("errorMessage") {
		f.Add(s.Status, []byte(s.Body), "", int64(0))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, msg string, n int64) {
		code, got := decodeError(status, body)
		hostiletest.CheckDecoded(t, body, code, got, hostiletest.MaxCode)

		want, wantCode := hostiletest.JSONText(t, msg), strconv.FormatInt(n, 10)
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
		if len(code) > hostiletest.MaxCode {
			t.Errorf("code is %d bytes, want <= %d", len(code), hostiletest.MaxCode)
		}
	})
	t.Run("code with invalid UTF-8", func(t *testing.T) {
		code, _ := decodeError(400, []byte("{\"errorCode\": {\"a\": \"\xff\"}}"))
		if !utf8.ValidString(code) {
			t.Errorf("code %q is not valid UTF-8", code)
		}
	})
	t.Run("code with a JSON escape", func(t *testing.T) {
		if code, _ := decodeError(400, []byte(`{"errorCode": "E\/42"}`)); code != "E/42" {
			t.Errorf("code = %q, want \"E/42\"", code)
		}
	})
	t.Run("message of the wrong type", func(t *testing.T) {
		code, _ := decodeError(400, []byte(`{"errorCode": 202, "errorMessage": ["Cannot delete call centers with associated services"]}`))
		if code != "202" {
			t.Errorf("code = %q, want \"202\"", code)
		}
	})
}
