package ucontact

import (
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// hostileMaxMessage bounds a decoded message: uContact's decodeError keeps
// at most 200 bytes of a one-line text answer.
const hostileMaxMessage = 200

// decodeErrorSeeds are error bodies uContact sends (reference 003 and
// NOTES.md: plain text such as 0 or ERROR, the application server's HTML
// error pages) and hostile ones; FuzzDecodeError adds the vendor-neutral
// hostiletest.Seeds.
var decodeErrorSeeds = []struct {
	status int
	body   string
	text   string // the fuzzer's input for the documented shape
}{
	// Realistic.
	{401, "Unauthorized", "Unauthorized"},
	{500, "0", "0"},
	{500, "0 ERROR", "ERROR"},
	{400, "Invalid queue: CampTest2<-", "Invalid queue"},
	{404, `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1></body></html>`, ""},
	{500, "<html><head><title>Error</title></head><body>java.lang.NullPointerException\n\tat com.integra.Dialers.DialerTask(Dialers.java:120)\n</body></html>", ""},
	{400, `{"error": "json from a proxy"}`, `{"error": "x"}`},
	{400, `<?xml version="1.0"?><error>xml</error>`, ""},
	{503, "Service Unavailable", "Service Unavailable"},
	// Hostile.
	{400, "   \t  ", " "},
	{400, "caf\xe9 \xff\xfe", "\xff\xfe"},
	{400, "\xef\xbb\xbfBOM first", "\xef\xbb\xbf"},
	{400, "bad\x00thing\x1b[2J", "a\x00b\x1b[2J"},
	{400, "line one\r\nInjected: yes", "a\nb"},
	{400, strings.Repeat("x", 200), strings.Repeat("y", 200)},
	{400, strings.Repeat("x", 201), strings.Repeat("y", 201)},
	{400, strings.Repeat("\xff", 199), strings.Repeat("é", 100)},
	{400, strings.Repeat("x", 64<<10), ""},
	{400, strings.Repeat("[", 20000), ""},
	{400, " <leading space html>", " <b>"},
	{-1, "negative status", ""},
}

// FuzzDecodeError checks that decodeError never panics, returns no code
// and a message of at most 200 bytes, one line, and reads a short text
// answer as its message.
func FuzzDecodeError(f *testing.F) {
	for _, s := range decodeErrorSeeds {
		f.Add(s.status, []byte(s.body), s.text)
	}
	for _, s := range hostiletest.Seeds("error") {
		f.Add(s.Status, []byte(s.Body), "")
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, text string) {
		code, got := decodeError(status, body)
		checkDecoded(t, body, code, got)

		// A short one-line text that is not markup is the message.
		want := strings.TrimSpace(text)
		if strings.HasPrefix(want, "<") || len(want) > hostileMaxMessage || strings.ContainsAny(want, "\r\n") {
			want = ""
		}
		if c, m := decodeError(status, []byte(text)); c != "" || m != want {
			t.Errorf("decodeError(%q) = %q, %q; want \"\", %q", text, c, m, want)
		}
	})
}

// TestDecodeErrorShapes checks text and markup answers value by value.
func TestDecodeErrorShapes(t *testing.T) {
	for _, tc := range []struct{ body, msg string }{
		{"Unauthorized", "Unauthorized"},
		{"  0 ERROR \n", "0 ERROR"},
		{`{"error": "x"}`, `{"error": "x"}`},
		{"<html><body>500</body></html>", ""},
		{"two\nlines", ""},
		{strings.Repeat("x", 200), strings.Repeat("x", 200)},
		{strings.Repeat("x", 201), ""},
		{"", ""},
	} {
		code, msg := decodeError(500, []byte(tc.body))
		if code != "" || msg != tc.msg {
			t.Errorf("decodeError(%q) = %q, %q; want \"\", %q", tc.body, code, msg, tc.msg)
		}
	}
}

// TestDecodeErrorBounded feeds decodeError malformed text.
func TestDecodeErrorBounded(t *testing.T) {
	t.Run("long text", func(t *testing.T) {
		_, msg := decodeError(400, []byte(strings.Repeat("x", 1<<20)))
		if msg != "" {
			t.Errorf("message is %d bytes, want none", len(msg))
		}
	})
}

// checkDecoded checks decodeError's output for any body.
func checkDecoded(t *testing.T, body []byte, code, msg string) {
	t.Helper()
	if code != "" {
		t.Errorf("decodeError(%q): code %q, want none", hostiletest.Clip(body), code)
	}
	if len(msg) > hostileMaxMessage || len(msg) > len(body) {
		t.Errorf("decodeError(%q): message is %d bytes, want <= %d and <= the body", hostiletest.Clip(body), len(msg), hostileMaxMessage)
	}
	if strings.ContainsAny(msg, "\r\n") {
		t.Errorf("decodeError(%q) = %q: more than one line", hostiletest.Clip(body), msg)
	}
}
