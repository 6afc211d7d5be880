package hostiletest

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// Nesting is how deep the deeply nested hostile bodies open arrays.
const Nesting = 100000

// A Body is a named answer body.
type Body struct{ Name, Body string }

// GatewayPage is the HTML page an nginx gateway answers with 502.
const GatewayPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>"

// BadJSON returns success bodies that a JSON decoder must refuse, built on
// open, the start of the vendor's document (such as `{"office": `): open
// in UTF-16 behind a byte-order mark (invalid UTF-8), open alone, open
// with an unterminated 1 MiB string, open with Nesting unclosed arrays, a
// web server's HTML page and NUL bytes. Vendor tests add their truncated
// and wrongly typed documents.
func BadJSON(open string) []Body {
	return []Body{
		{"invalid UTF-8", utf16LE(open)},
		{"unterminated", open},
		{"huge unterminated string", open + `"` + strings.Repeat("x", 1<<20)},
		{"HTML", `<html><body><h1>Welcome to nginx!</h1></body></html>`},
		{"NUL bytes", "\x00\x00\x00\x00"},
		{"deep nesting", open + strings.Repeat("[", Nesting)},
	}
}

// An ErrorCase is an error answer and the Code and Message that the
// *transport.APIError it causes must carry.
type ErrorCase struct {
	Name          string
	Status        int
	ContentType   string
	Body          string
	Code, Message string
}

// ErrorBodies returns error answers that carry no vendor code nor message:
// an nginx 502 page, an XML error, Nesting unclosed arrays after open (the
// start of the vendor's error document, such as `{"error": `), invalid
// UTF-8 text, NUL bytes, 1 MiB of text and an empty body. messages gives,
// by case name, the Message of a vendor that reads text answers (after the
// transport's clean-up: valid UTF-8, no control characters).
func ErrorBodies(open string, messages map[string]string) []ErrorCase {
	cases := []ErrorCase{
		{Name: "HTML gateway page", Status: 502, ContentType: "text/html", Body: GatewayPage},
		{Name: "XML", Status: 400, ContentType: "text/xml", Body: `<?xml version="1.0"?><error><message>bad</message></error>`},
		{Name: "deep nesting", Status: 400, ContentType: "application/json", Body: open + strings.Repeat("[", Nesting)},
		{Name: "invalid UTF-8 text", Status: 400, ContentType: "text/plain", Body: "caf\xe9 \xff\xfe"},
		{Name: "NUL bytes", Status: 400, ContentType: "text/plain", Body: "\x00\x00bad\x00"},
		{Name: "long text", Status: 400, ContentType: "text/plain", Body: strings.Repeat("x", 1<<20)},
		{Name: "empty", Status: 400},
	}
	for i := range cases {
		cases[i].Message = messages[cases[i].Name]
	}
	return cases
}

// A Seed is a status and body for a fuzz target's corpus.
type Seed struct {
	Status int
	Body   string
}

// Seeds returns hostile error bodies for a decoder's fuzz corpus, built on
// key, the member where the vendor's error document carries its message
// (such as "error"): null, a number and a boolean there, invalid UTF-8,
// control characters, lone and paired surrogates, 64 KiB strings, deep
// nesting, truncated and trailing data, a JSON list, UTF-16, a gateway
// page, plain text, an empty body and a negative status.
func Seeds(key string) []Seed {
	k := `{"` + key + `"`
	return []Seed{
		{502, GatewayPage + "\r\n"},
		{503, "Service Unavailable"},
		{400, ""},
		{400, "\x00\x00bad\x00"},
		{400, k + `: null}`},
		{400, k + `: 42}`},
		{400, k + `: true}`},
		{400, k + `: "caf` + "\xe9 \xff\xfe" + `"}`},
		{400, utf16LE(k)},
		{400, k + `: "a\u0000b\u001b[2J\r\nInjected: yes"}`},
		{400, k + `: "\ud800 \udc00 \ud83d\ude00"}`},
		{400, k + `: "` + strings.Repeat("x", 64<<10) + `"}`},
		{400, k + `: "` + strings.Repeat("\xff", 4<<10) + `"}`},
		{400, k + `: ` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`},
		{400, k + `: "unterminated`},
		{400, `[` + k + `: "in a list"}]`},
		{400, k + `:"x"}garbage`},
		{-1, k + `: "negative status"}`},
	}
}

// utf16LE returns s in UTF-16, little-endian, behind a byte-order mark.
func utf16LE(s string) string {
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return string(b)
}
