package transport_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// passwordClass draws a password whose characters come from one class of
// characters (plus ASCII letters, so it is a plausible password).
type passwordClass struct {
	name  string
	runes func(r *rand.Rand) rune
}

// passwordClasses are the classes of characters a secret may be made of,
// each one that some encoder on the way out writes differently.
var passwordClasses = []passwordClass{
	{"ASCII letters and digits", func(r *rand.Rand) rune {
		return rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[r.IntN(62)])
	}},
	{"ASCII that XML, JSON or URLs escape", func(r *rand.Rand) rune { return rune(` &<>"'\/%+=?#;:{}[]@!$^*(),~|`[r.IntN(29)]) }},
	{"Latin-1", func(r *rand.Rand) rune { return rune(0xA0 + r.IntN(0x60)) }},
	{"BMP beyond Latin-1", func(r *rand.Rand) rune {
		blocks := [][2]rune{{0x0391, 0x03C9}, {0x0410, 0x044F}, {0x05D0, 0x05EA}, {0x0627, 0x064A}, {0x3041, 0x3096}, {0x4E00, 0x4FFF}, {0xAC00, 0xAD00}, {0xFF01, 0xFF5E}}
		b := blocks[r.IntN(len(blocks))]
		return b[0] + rune(r.IntN(int(b[1]-b[0])))
	}},
	{"astral (emoji, mathematical letters)", func(r *rand.Rand) rune {
		if r.IntN(2) == 0 {
			return 0x1F600 + rune(r.IntN(0x50))
		}
		return 0x1D400 + rune(r.IntN(0x300))
	}},
	{"combining marks", func(r *rand.Rand) rune { return 0x0300 + rune(r.IntN(0x70)) }},
}

// draw returns a password of 4 to 16 characters, about half from the class.
func (pc passwordClass) draw(r *rand.Rand) string {
	var b strings.Builder
	n := 4 + r.IntN(13)
	for i := range n {
		if i == 0 || r.IntN(2) == 0 {
			c := pc.runes(r)
			if pc.name == "combining marks" { // a mark needs a base
				b.WriteByte("aeiou"[r.IntN(5)])
			}
			b.WriteRune(c)
			continue
		}
		b.WriteByte("abcdefghijklmnopqrstuvwxyz"[r.IntN(26)])
	}
	return b.String()
}

// secretForm is one way a secret is written on the way out, with the
// standard library's inverse (to look for the secret in what the redactor
// leaves).
type secretForm struct {
	name   string
	encode func(string) string
	decode func(string) string
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// charRefs writes s with the characters f chooses as numeric references
// (and the XML markup characters escaped).
func charRefs(s string, f func(i int, r rune) string) string {
	var b strings.Builder
	i := 0
	for _, r := range s {
		if ref := f(i, r); ref != "" {
			b.WriteString(ref)
		} else {
			b.WriteString(xmlEscape(string(r)))
		}
		i++
	}
	return b.String()
}

// asciiJSON writes s as the body of a JSON string the way ASCII-only
// encoders do: \uXXXX (hex as given by format) for everything outside
// printable ASCII, surrogate pairs beyond the BMP, and \/ for a slash.
func asciiJSON(s, format string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r >= 0x7f && r <= 0xffff:
			fmt.Fprintf(&b, format, r)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, format+format, r1, r2)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func unJSON(s string) string {
	var out string
	if err := json.Unmarshal([]byte(`"`+s+`"`), &out); err != nil {
		return "cannot decode: " + err.Error()
	}
	return out
}

func unQuery(s string) string {
	out, err := url.QueryUnescape(s)
	if err != nil {
		return "cannot decode: " + err.Error()
	}
	return out
}

func unPath(s string) string {
	out, err := url.PathUnescape(s)
	if err != nil {
		return "cannot decode: " + err.Error()
	}
	return out
}

var secretForms = []secretForm{
	{"plain", func(s string) string { return s }, func(s string) string { return s }},
	{"XML-escaped", xmlEscape, html.UnescapeString},
	{"XML-escaped twice (SOAP)", func(s string) string { return xmlEscape(xmlEscape(s)) }, func(s string) string { return html.UnescapeString(html.UnescapeString(s)) }},
	{"decimal references outside ASCII (the OCI-P encoder)", func(s string) string {
		return charRefs(s, func(_ int, r rune) string {
			if r < utf8.RuneSelf {
				return ""
			}
			return "&#" + strconv.Itoa(int(r)) + ";"
		})
	}, html.UnescapeString},
	{"hex references, lower case", func(s string) string {
		return charRefs(s, func(_ int, r rune) string {
			if r < utf8.RuneSelf {
				return ""
			}
			return fmt.Sprintf("&#x%x;", r)
		})
	}, html.UnescapeString},
	{"hex references, upper case, zero-padded", func(s string) string {
		return charRefs(s, func(_ int, r rune) string {
			if r < utf8.RuneSelf {
				return ""
			}
			return fmt.Sprintf("&#x%06X;", r)
		})
	}, html.UnescapeString},
	{"every character a reference, decimal and hex mixed", func(s string) string {
		return charRefs(s, func(i int, r rune) string {
			if i%2 == 0 {
				return "&#" + strconv.Itoa(int(r)) + ";"
			}
			return fmt.Sprintf("&#x%X;", r)
		})
	}, html.UnescapeString},
	{"UTF-16 references (surrogate pairs) inside SOAP", func(s string) string {
		return xmlEscape(charRefs(s, func(_ int, r rune) string {
			if r <= 0xffff {
				return ""
			}
			r1, r2 := utf16.EncodeRune(r)
			return fmt.Sprintf("&#%d;&#%d;", r1, r2)
		}))
	}, func(s string) string { return utf16Refs(html.UnescapeString(s)) }},
	{"JSON (encoding/json)", jsonString, unJSON},
	{`JSON, ASCII only (\u00e4, \/)`, func(s string) string { return asciiJSON(s, `\u%04x`) }, unJSON},
	{`JSON, ASCII only (\u00E4)`, func(s string) string { return asciiJSON(s, `\u%04X`) }, unJSON},
	{"Go quoted (%+q)", func(s string) string { q := strconv.QuoteToASCII(s); return q[1 : len(q)-1] }, func(s string) string {
		out, err := strconv.Unquote(`"` + s + `"`)
		if err != nil {
			return "cannot decode: " + err.Error()
		}
		return out
	}},
	{"URL query / form (+ for space)", url.QueryEscape, unQuery},
	{"URL path (%20)", url.PathEscape, unPath},
	{"URL, lower-case hex", func(s string) string {
		e := url.QueryEscape(s)
		for i := 0; i+2 < len(e); i++ {
			if e[i] == '%' {
				e = e[:i+1] + strings.ToLower(e[i+1:i+3]) + e[i+3:]
			}
		}
		return e
	}, unQuery},
	{"JSON inside XML", func(s string) string { return xmlEscape(asciiJSON(s, `\u%04x`)) }, func(s string) string { return unJSON(html.UnescapeString(s)) }},
	{"form inside JSON", func(s string) string { return jsonString(url.QueryEscape(s)) }, func(s string) string { return unQuery(unJSON(s)) }},
}

// utf16Refs decodes what html.UnescapeString leaves of references to
// surrogate halves (it writes U+FFFD for each): nothing to recover, so the
// check falls back on the encoded text itself.
func utf16Refs(s string) string { return s }

// redactionPlace is one place a secret's escaped form reaches at the
// transport level; it returns the text that would be shown.
type redactionPlace struct {
	name string
	show func(t *testing.T, secret, text string) string
}

// TestRedactionProperty draws passwords from every class of characters and
// writes each in every form an encoder or a server may use; whatever the
// form, no place shows the password: not as written, not as the standard
// library decodes what is shown. The counts are logged for RELIABILITY.md.
func TestRedactionProperty(t *testing.T) {
	const perClass = 24
	echo := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(r.URL.Query().Get("echo")))
	})
	client := mustNew(t, fastConfig(echo.URL))
	places := []redactionPlace{
		{"Redact, secret registered with Add", func(_ *testing.T, secret, text string) string {
			var r transport.Redactor
			r.Add(secret)
			return r.Redact(text)
		}},
		{"RedactWith, secret of the request only", func(_ *testing.T, secret, text string) string {
			return (*transport.Redactor)(nil).RedactWith(text, secret)
		}},
		{"Excerpt of an error text (4 KiB window, 512 bytes)", func(_ *testing.T, secret, text string) string {
			var r transport.Redactor
			return r.Excerpt(strings.Repeat("x", 300)+text, 4096, secret)
		}},
		{"APIError of a server echoing the request (Error, Body)", func(t *testing.T, secret, text string) string {
			_, err := client.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "echo",
				Query: url.Values{"echo": {text}}, Secrets: []string{secret}}, nil)
			if err == nil {
				t.Fatal("no error from the echo server")
			}
			// The request's own URL carries the secret too: only the answer is looked at.
			ae, ok := err.(*transport.APIError)
			if !ok {
				t.Fatalf("err = %T %v", err, err)
			}
			return ae.Body + " | " + ae.Message
		}},
	}
	rnd := rand.New(rand.NewPCG(23, 1))
	checks := 0
	for _, pc := range passwordClasses {
		for range perClass {
			pw := pc.draw(rnd)
			for _, f := range secretForms {
				enc := f.encode(pw)
				text := "[Error 4000] value " + enc + " refused (was " + enc + "); see the request"
				for _, p := range places {
					got := p.show(t, pw, text)
					checks++
					leak := strings.Contains(got, pw) || strings.Contains(got, enc) || strings.Contains(f.decode(got), pw)
					if leak || !strings.Contains(got, transport.Redacted) {
						t.Errorf("%s / %s / %s: password %+q written %q shows as %q", pc.name, f.name, p.name, pw, enc, got)
					}
					if !strings.Contains(got, "refused (was ") || !strings.Contains(got, "); see the request") {
						t.Errorf("%s / %s / %s: the text around the password is gone: %q", pc.name, f.name, p.name, got)
					}
				}
			}
		}
	}
	t.Logf("redaction property: %d classes of characters x %d passwords x %d forms x %d places = %d checks",
		len(passwordClasses), perClass, len(secretForms), len(places), checks)
}

// FuzzRedactor: whatever the text and the secret, redaction does not
// panic, keeps valid UTF-8 valid, and leaves no plain copy of the secret.
func FuzzRedactor(f *testing.F) {
	f.Add("invalid P&#228;ssw&#246;rd", "Pässwörd")
	f.Add(`{"m":"P\u00e4ssw\u00F6rd \ud83d\ude00"}`, "Pässwörd 😀")
	f.Add("x=a+b%2Fc%26&y=&amp;#x1F600;", "a b/c&")
	f.Add("&#55357;&#56832;&#xD83D;\\u0041%", "😀A")
	f.Fuzz(func(t *testing.T, text, secret string) {
		got := (*transport.Redactor)(nil).RedactWith(text, secret)
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Fatalf("RedactWith(%q, %q) = %q: not valid UTF-8", text, secret, got)
		}
		if len(secret) >= transport.MinSecretLen && !strings.ContainsAny(secret, "[]REDACT") && strings.Contains(got, secret) {
			t.Fatalf("RedactWith(%q, %q) = %q: the secret shows", text, secret, got)
		}
	})
}
