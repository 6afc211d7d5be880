package hostiletest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// A SecretCase is an answer that echoes a secret.
type SecretCase struct {
	Name   string
	Status int
	Body   string
	Head   int // check only the first Head bytes of each secret (0: all of it)
}

// SecretEchoes returns answers with status that echo secret, named what
// (such as "password"): in plain text, in a long text, URL-query-escaped
// (under a neutral name and under what), JSON-escaped the ways encoders
// write it (ASCII-only with lower-case \u escapes as Python's json.dumps
// does, with upper-case ones as other encoders do, and as Go's
// encoding/json does), in an "Authorization: Bearer" echo, and after 500
// bytes so that the transport's 512-byte excerpt cuts through it (Head is
// then 12: no beginning of the secret may show). When shape is not nil it
// also puts the secret, as is and JSON-escaped, in the vendor's message:
// shape puts a JSON string literal (quotes included) where the vendor's
// error body carries its message. Bodies that come out the same (a secret
// JSON leaves alone) are given once.
func SecretEchoes(status int, what, secret string, shape func(jsonString string) string) []SecretCase {
	lower, upper := asciiJSON(secret)
	key := strings.ReplaceAll(what, " ", "_")
	cases := []SecretCase{
		{Name: what + " in text", Body: "invalid " + what + " " + secret},
		{Name: what + " in a long text", Body: "invalid " + what + " " + secret + strings.Repeat(" x", 200)},
		{Name: what + " query-escaped", Body: "rejected: pw=" + url.QueryEscape(secret)},
		{Name: what + " query-escaped under its name", Body: "rejected: " + key + "=" + url.QueryEscape(secret)},
		{Name: what + " JSON-escaped", Body: `{"detail": "invalid ` + what + ` ` + lower + `"}`},
		{Name: what + " JSON-escaped in upper case", Body: `{"detail": "invalid ` + what + ` ` + upper + `"}`},
		{Name: what + " Go-JSON-escaped", Body: `{"detail": "invalid ` + what + ` ` + goJSON(secret) + `"}`},
		{Name: what + " as bearer echo", Body: "Authorization: Bearer " + secret},
		{Name: what + " across the excerpt cut", Body: strings.Repeat("x", excerpt-12) + secret, Head: 12},
	}
	if shape != nil {
		cases = append(cases,
			SecretCase{Name: what + " in message", Body: shape(`"invalid ` + what + ` ` + rawJSON(secret) + `"`)},
			SecretCase{Name: what + " JSON-escaped in message", Body: shape(`"invalid ` + what + ` ` + lower + `"`)})
	}
	var out []SecretCase
	for _, c := range cases {
		if !slices.ContainsFunc(out, func(o SecretCase) bool { return o.Body == c.Body }) {
			c.Status = status
			out = append(out, c)
		}
	}
	return out
}

// RunSecrets runs a subtest for each case: the call, answered with the
// case as ctype, must fail with an *transport.APIError of the case's
// status, and no form of any of secrets (see [NoSecret]) may show in it.
func RunSecrets(t *testing.T, call Call, ctype string, cases []SecretCase, secrets ...string) {
	t.Helper()
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d %s", tc.Status, tc.Name), func(t *testing.T) {
			err := call(t, Answer(tc.Status, ctype, tc.Body))
			ErrText(t, err)
			APIError(t, err, tc.Status)
			NoSecret(t, err, tc.Head, secrets...)
		})
	}
}

// NoSecret fails the test if a form of one of secrets (see [SecretForms];
// when head > 0, the first head bytes of each form) shows in err's text or
// in the Code, Message or Body of an *transport.APIError in its chain.
func NoSecret(t testing.TB, err error, head int, secrets ...string) {
	t.Helper()
	if leaks := Leaks(err, head, secrets...); len(leaks) > 0 {
		t.Errorf("secret leaked: %s", strings.Join(leaks, "; "))
	}
}

// Leaks describes where a form of one of secrets (when head > 0, its first
// head bytes) shows in err's text or in the Code, Message or Body of an
// *transport.APIError in its chain; it returns nil when none does.
func Leaks(err error, head int, secrets ...string) []string {
	texts := map[string]string{"Error()": err.Error()}
	var ae *transport.APIError
	if errors.As(err, &ae) {
		texts["Code"], texts["Message"], texts["Body"] = ae.Code, ae.Message, ae.Body
	}
	var needles []string
	for _, s := range secrets {
		for _, f := range SecretForms(s) {
			if head > 0 && head < len(f) {
				f = f[:head]
			}
			if !slices.Contains(needles, f) {
				needles = append(needles, f)
			}
		}
	}
	var leaks []string
	for _, name := range []string{"Error()", "Code", "Message", "Body"} {
		for _, needle := range needles {
			if text, ok := texts[name]; ok && strings.Contains(text, needle) {
				leaks = append(leaks, name+" shows "+needle+": "+Clip(text))
			}
		}
	}
	return leaks
}

// SecretForms returns s and the forms it takes in a body: Go's JSON
// escaping (of <, > and &), ASCII-only JSON escaping with lower-case \u
// escapes (Python's json.dumps) and with upper-case ones (other encoders),
// URL query escaping, XML escaping, and decimal character references (the
// OCI-P encoder's). Each form is given once.
func SecretForms(s string) []string {
	lower, upper := asciiJSON(s)
	var forms []string
	for _, f := range []string{s, goJSON(s), lower, upper, url.QueryEscape(s), xmlEscape(s), EncodedForms[3].Encode(s)} {
		if !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}

// goJSON returns s JSON-escaped as Go's encoding/json writes it, without
// the quotes.
func goJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// rawJSON returns s JSON-escaped with as little escaping as JSON allows
// (no HTML escaping), without the quotes.
func rawJSON(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	q := strings.TrimSuffix(b.String(), "\n")
	return q[1 : len(q)-1]
}

// asciiJSON returns s JSON-escaped to ASCII, with the \u escapes in lower
// and in upper case, without the quotes; <, > and & are escaped too.
func asciiJSON(s string) (lower, upper string) {
	var lo, up strings.Builder
	for _, r := range s {
		switch {
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&lo, `\u%04x\u%04x`, r1, r2)
			fmt.Fprintf(&up, `\u%04X\u%04X`, r1, r2)
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r >= utf8.RuneSelf:
			fmt.Fprintf(&lo, `\u%04x`, r)
			fmt.Fprintf(&up, `\u%04X`, r)
		case r == '"' || r == '\\':
			lo.WriteString(`\` + string(r))
			up.WriteString(`\` + string(r))
		default:
			lo.WriteRune(r)
			up.WriteRune(r)
		}
	}
	return lo.String(), up.String()
}
