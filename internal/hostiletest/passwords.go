package hostiletest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// PasswordClass draws a password whose characters come from one class of
// characters (plus ASCII letters, so it is a plausible password).
type PasswordClass struct {
	Name string
	pick func(r *rand.Rand) string // one character (or sequence) of the class
}

func oneOf(set string) func(r *rand.Rand) string {
	rs := []rune(set)
	return func(r *rand.Rand) string { return string(rs[r.IntN(len(rs))]) }
}

// PasswordClasses are the classes of characters a secret may be made of,
// each one that some encoder on the way out writes differently.
var PasswordClasses = []PasswordClass{
	{"ASCII letters and digits", oneOf("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")},
	{"ASCII that XML, JSON or URLs escape", oneOf(` &<>"'\/%+=?#;:{}[]@!$^*(),~|`)},
	{"text that reads as an escape", func(r *rand.Rand) string {
		seqs := []string{`\/`, `\u00e4`, `\n`, `\\`, `%41`, `%2B`, `&amp;`, `&#65;`, `&#x41;`, `&lt;`, `+`}
		return seqs[r.IntN(len(seqs))]
	}},
	{"Latin-1", func(r *rand.Rand) string { return string(rune(0xA0 + r.IntN(0x60))) }},
	{"BMP beyond Latin-1", func(r *rand.Rand) string {
		blocks := [][2]rune{{0x0391, 0x03C9}, {0x0410, 0x044F}, {0x05D0, 0x05EA}, {0x0627, 0x064A}, {0x3041, 0x3096}, {0x4E00, 0x4FFF}, {0xAC00, 0xAD00}, {0xFF01, 0xFF5E}}
		b := blocks[r.IntN(len(blocks))]
		return string(b[0] + rune(r.IntN(int(b[1]-b[0]))))
	}},
	{"astral (emoji, mathematical letters)", func(r *rand.Rand) string {
		if r.IntN(2) == 0 {
			return string(rune(0x1F600 + r.IntN(0x50)))
		}
		return string(rune(0x1D400 + r.IntN(0x300)))
	}},
	{"combining marks", func(r *rand.Rand) string {
		return string("aeiou"[r.IntN(5)]) + string(rune(0x0300+r.IntN(0x70))) // a mark needs a base
	}},
}

// Draw returns a password of 4 to 16 characters (or sequences) of which
// about half come from the class, the first always.
func (pc PasswordClass) Draw(r *rand.Rand) string {
	var b strings.Builder
	n := 4 + r.IntN(13)
	for i := range n {
		if i == 0 || r.IntN(2) == 0 {
			b.WriteString(pc.pick(r))
			continue
		}
		b.WriteByte("abcdefghijklmnopqrstuvwxyz"[r.IntN(26)])
	}
	return b.String()
}

// SecretForm is one way a secret is written on the way out, with the
// standard library's inverse (to look for the secret in what the redactor
// leaves).
type SecretForm struct {
	Name string
	// Encode writes a secret in this form.
	Encode func(string) string
	// Decode is the standard library's inverse, applied to a whole text.
	Decode func(string) string
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

// asciiJSONf writes s as the body of a JSON string the way ASCII-only
// encoders do: \uXXXX (hex as given by format) for everything outside
// printable ASCII, surrogate pairs beyond the BMP, and \/ for a slash.
func asciiJSONf(s, format string) string {
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

// refsOutsideASCII returns the encoding that writes every rune outside
// ASCII as ref gives it, and ASCII XML-escaped.
func refsOutsideASCII(ref func(r rune) string) func(string) string {
	return func(s string) string {
		return charRefs(s, func(_ int, r rune) string {
			if r < utf8.RuneSelf {
				return ""
			}
			return ref(r)
		})
	}
}

// EncodedForms are the forms a secret takes on the way out of the SDK or
// back from a server quoting it: as written, XML-escaped once and twice,
// as decimal and hexadecimal character references (UTF-16 halves
// included), JSON- and Go-escaped, URL- and form-encoded, and nested.
var EncodedForms = []SecretForm{
	{"plain", func(s string) string { return s }, func(s string) string { return s }},
	{"XML-escaped", xmlEscape, html.UnescapeString},
	{"XML-escaped twice (SOAP)", func(s string) string { return xmlEscape(xmlEscape(s)) }, func(s string) string { return html.UnescapeString(html.UnescapeString(s)) }},
	{"decimal references outside ASCII (the OCI-P encoder)", refsOutsideASCII(func(r rune) string { return "&#" + strconv.Itoa(int(r)) + ";" }), html.UnescapeString},
	{"hex references, lower case", refsOutsideASCII(func(r rune) string { return fmt.Sprintf("&#x%x;", r) }), html.UnescapeString},
	{"hex references, upper case, zero-padded", refsOutsideASCII(func(r rune) string { return fmt.Sprintf("&#x%06X;", r) }), html.UnescapeString},
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
	}, html.UnescapeString}, // html writes U+FFFD for each half: the check falls back on the encoded text
	{"JSON (encoding/json)", goJSON, unJSON},
	{`JSON, ASCII only (\u00e4, \/)`, func(s string) string { return asciiJSONf(s, `\u%04x`) }, unJSON},
	{`JSON, ASCII only (\u00E4)`, func(s string) string { return asciiJSONf(s, `\u%04X`) }, unJSON},
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
	{"JSON inside XML", func(s string) string { return xmlEscape(asciiJSONf(s, `\u%04x`)) }, func(s string) string { return unJSON(html.UnescapeString(s)) }},
	{"form inside JSON", func(s string) string { return goJSON(url.QueryEscape(s)) }, func(s string) string { return unQuery(unJSON(s)) }},
}
