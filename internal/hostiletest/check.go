package hostiletest

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Bounds the errors and decoded texts of hostile answers must keep.
const (
	// MaxErrorText bounds the text of any error a hostile answer causes.
	MaxErrorText = 1 << 10
	// MaxExcerpt bounds an APIError's Body: the transport's 512-byte
	// excerpt and its "..." mark.
	MaxExcerpt = excerpt + len("...")
	// MaxCode bounds a decoded error code (the transport cuts an
	// APIError's Code there).
	MaxCode = 64
)

// excerpt is how much of a body the transport shows in an APIError.
const excerpt = 512

// ErrText returns err's text, failing the test now if err is nil, and
// failing it if the text lacks one of wants.
func ErrText(t testing.TB, err error, wants ...string) string {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	s := err.Error()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("error %q does not contain %q", Clip(s), w)
		}
	}
	return s
}

// Wants returns a check that err's text holds each of wants (see
// [ErrText]), for [RunBodies].
func Wants(wants ...string) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		ErrText(t, err, wants...)
	}
}

// APIError returns the *transport.APIError (a vendor's Error) in err's
// chain, failing the test now if there is none, and failing it if the
// status is not status.
func APIError(t testing.TB, err error, status int) *transport.APIError {
	t.Helper()
	var ae *transport.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) is not a vendor *Error (*transport.APIError)", err, err)
	}
	if ae.StatusCode != status {
		t.Errorf("status = %d, want %d", ae.StatusCode, status)
	}
	return ae
}

// CheckBounded fails the test unless err's text is valid UTF-8 and at most
// MaxErrorText bytes, and returns the text. err must not be nil.
func CheckBounded(t testing.TB, err error) string {
	t.Helper()
	s := ErrText(t, err)
	if !utf8.ValidString(s) || len(s) > MaxErrorText {
		t.Errorf("error text (%d bytes) is longer than %d bytes or not valid UTF-8: %q", len(s), MaxErrorText, Clip(s))
	}
	return s
}

// ValidUTF8 fails the test for each of fields that is not valid UTF-8.
func ValidUTF8(t testing.TB, fields ...string) {
	t.Helper()
	for _, s := range fields {
		if !utf8.ValidString(s) {
			t.Errorf("field %q is not valid UTF-8", s)
		}
	}
}

// HasControl reports whether s holds a control character other than tab.
func HasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r != '\t' && unicode.IsControl(r) })
}

// Clip shortens s to 200 bytes for a test message.
func Clip[T string | []byte](s T) string {
	if len(s) > 200 {
		return string(s[:200]) + "..."
	}
	return string(s)
}

// An Oversized case is a call answered with more than the transport reads.
type Oversized struct {
	Name    string
	Call    Call
	Status  int
	Prefix  string // the start of the body, such as `{"name": "`
	Want    string // in the error text, such as "apio: GET /path"
	Created bool   // the call creates: its error must match transport.ErrOutcomeUnknown
}

// RunOversized runs a subtest for each case: the call, answered with
// Oversize bytes, must fail with an error whose text holds Want, says that
// the body is larger than transport.DefaultMaxBody bytes, and is valid
// UTF-8 of at most MaxErrorText bytes.
func RunOversized(t *testing.T, cases []Oversized) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			err := tc.Call(t, Stream(tc.Status, tc.Prefix, Oversize))
			ErrText(t, err, tc.Want, fmt.Sprintf("larger than %d bytes", transport.DefaultMaxBody))
			CheckBounded(t, err)
			if tc.Created && !errors.Is(err, transport.ErrOutcomeUnknown) {
				t.Errorf("error %v does not match ErrOutcomeUnknown: the server may have acted", err)
			}
		})
	}
}

// RunBodies runs a subtest named name with a subtest for each body: the
// call, answered with status and the body as application/json, must fail
// with an error that check accepts and whose text is valid UTF-8 of at
// most MaxErrorText bytes.
func RunBodies(t *testing.T, name string, call Call, status int, bodies []Body, check func(*testing.T, error)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		for _, tc := range bodies {
			t.Run(tc.Name, func(t *testing.T) {
				err := call(t, Answer(status, "application/json", tc.Body))
				check(t, err)
				CheckBounded(t, err)
			})
		}
	})
}

// CheckAPIError checks the error of a call answered with tc: its text holds
// want (such as "apio: GET /path"), is valid UTF-8 and at most MaxErrorText
// bytes; it holds an *transport.APIError with tc's status, Code and
// Message, whose Body is valid UTF-8 and at most MaxExcerpt bytes. It
// returns the APIError.
func CheckAPIError(t testing.TB, err error, want string, tc ErrorCase) *transport.APIError {
	t.Helper()
	s := ErrText(t, err, want)
	ae := APIError(t, err, tc.Status)
	if ae.Code != tc.Code || ae.Message != tc.Message {
		t.Errorf("Code, Message = %q, %q; want %q, %q", ae.Code, ae.Message, tc.Code, tc.Message)
	}
	if len(ae.Body) > MaxExcerpt {
		t.Errorf("Body is %d bytes, want <= %d", len(ae.Body), MaxExcerpt)
	}
	if len(s) > MaxErrorText {
		t.Errorf("error text is %d bytes, want <= %d", len(s), MaxErrorText)
	}
	if !utf8.ValidString(ae.Body) || !utf8.ValidString(s) {
		t.Errorf("Body %q or error text %q is not valid UTF-8", ae.Body, s)
	}
	return ae
}

// RunErrors runs a subtest for each case: the call, answered with the
// case, must fail as [CheckAPIError] says.
func RunErrors(t *testing.T, call Call, want string, cases []ErrorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			CheckAPIError(t, call(t, Answer(tc.Status, tc.ContentType, tc.Body)), want, tc)
		})
	}
}

// RunMessageExtremes runs, for each of the vendor's message shapes, three
// error answers (400, application/json) whose message is 256 KiB long,
// 256 KiB of invalid UTF-8, or holds an escape sequence, a NUL and a
// forged log line. A shape puts a JSON string literal (quotes included)
// where the vendor's error body carries its message. Each call must fail
// with an *transport.APIError of status 400 whose Message is no longer
// than the body, and whose error text is valid UTF-8, at most MaxErrorText
// bytes and free of control characters.
func RunMessageExtremes(t *testing.T, call Call, shapes ...func(jsonString string) string) {
	t.Helper()
	extremes := []Body{
		{"huge message", `"` + strings.Repeat("x", 256<<10) + `"`},
		{"invalid UTF-8 message", `"` + strings.Repeat("\xff", 256<<10) + `"`},
		{"control characters", `"bad\u001b[2J\u0000\nlevel=INFO msg=forged"`},
	}
	for i, shape := range shapes {
		for _, x := range extremes {
			name := x.Name
			if len(shapes) > 1 {
				name = fmt.Sprintf("shape %d %s", i+1, name)
			}
			body := shape(x.Body)
			t.Run(name, func(t *testing.T) {
				err := call(t, Answer(400, "application/json", body))
				ae := APIError(t, err, 400)
				if len(ae.Message) > len(body) {
					t.Errorf("a %d-byte body gives a %d-byte message", len(body), len(ae.Message))
				}
				s := CheckBounded(t, err)
				if HasControl(s) {
					t.Errorf("error text %q holds control characters", Clip(s))
				}
			})
		}
	}
}

// CheckDecoded checks the output of a vendor's decodeError for body: code
// and msg are valid UTF-8 and together at most three times the body's size
// (one invalid byte may become the 3-byte U+FFFD); when maxCode > 0, code
// is at most maxCode bytes (pass MaxCode, or 0 where the decoder leaves
// the bound to the transport).
func CheckDecoded(t testing.TB, body []byte, code, msg string, maxCode int) {
	t.Helper()
	if !utf8.ValidString(code) || !utf8.ValidString(msg) {
		t.Errorf("decodeError(%q) = %q, %q: not valid UTF-8", Clip(body), Clip(code), Clip(msg))
	}
	if len(code)+len(msg) > 3*len(body) {
		t.Errorf("decodeError(%q): %d bytes out of a %d-byte body", Clip(body), len(code)+len(msg), len(body))
	}
	if maxCode > 0 && len(code) > maxCode {
		t.Errorf("decodeError(%q): code is %d bytes, want <= %d", Clip(body), len(code), maxCode)
	}
}

// JSONText returns s as it reads back from JSON: each invalid UTF-8 byte
// becomes U+FFFD.
func JSONText(t testing.TB, s string) string {
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
