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
	{"HTML named entities (&auml; &eacute; &euro;), references where HTML has no name", htmlNamed, html.UnescapeString},
	{"JavaScript escape() (%E4 for Latin-1, %u65E5 beyond, UTF-16 halves)", jsEscape, jsUnescape},
	{Name: latin1FormName, Encode: latin1Doc, Decode: func(s string) string { return html.UnescapeString(FromLatin1(s)) }},
}

const latin1FormName = "ISO-8859-1 bytes, references beyond Latin-1 (an OCI-P server's answer)"

// Bytes reports whether f is an encoding of text into bytes (ISO-8859-1)
// rather than an escape: a fake that writes its answers in that encoding
// produces f from the plain secret, so a test gives such a fake the plain
// secret and looks for f in what comes back.
func (f SecretForm) Bytes() bool { return f.Name == latin1FormName }

// htmlNames are HTML's names for some characters, as HTML escapers (Apache
// Commons' escapeHtml4, PHP's htmlentities) write them.
var htmlNames = map[rune]string{
	'&': "amp", '<': "lt", '>': "gt", '"': "quot", '\'': "#39", 0xA0: "nbsp", 0xA9: "copy", 0xAE: "reg", 0xB0: "deg",
	0xC0: "Agrave", 0xC4: "Auml", 0xC5: "Aring", 0xC6: "AElig", 0xC7: "Ccedil", 0xC9: "Eacute", 0xD1: "Ntilde", 0xD6: "Ouml",
	0xD8: "Oslash", 0xDC: "Uuml", 0xDF: "szlig", 0xE0: "agrave", 0xE1: "aacute", 0xE2: "acirc", 0xE4: "auml", 0xE5: "aring",
	0xE6: "aelig", 0xE7: "ccedil", 0xE8: "egrave", 0xE9: "eacute", 0xEA: "ecirc", 0xEB: "euml", 0xED: "iacute", 0xEF: "iuml",
	0xF1: "ntilde", 0xF3: "oacute", 0xF4: "ocirc", 0xF6: "ouml", 0xF8: "oslash", 0xFA: "uacute", 0xFC: "uuml", 0xFF: "yuml",
	0x152: "OElig", 0x153: "oelig", 0x160: "Scaron", 0x161: "scaron", 0x391: "Alpha", 0x3B1: "alpha", 0x3C9: "omega",
	0x2013: "ndash", 0x2014: "mdash", 0x2018: "lsquo", 0x2019: "rsquo", 0x201C: "ldquo", 0x201D: "rdquo", 0x20AC: "euro", 0x2122: "trade",
}

// htmlNamed writes s as an HTML escaper does: named entities where HTML
// has a name, decimal references for the rest outside ASCII.
func htmlNamed(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch name, ok := htmlNames[r]; {
		case ok:
			b.WriteString("&" + name + ";")
		case r >= utf8.RuneSelf:
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// jsEscape is JavaScript's escape(): letters, digits and @*_+-./ as they
// are, other characters below 256 as %XX (their ISO-8859-1 byte), the rest
// as %uXXXX (UTF-16 halves beyond the BMP).
func jsEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@*_+-./", r)):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "%%%02X", r)
		default:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, "%%u%04X", u)
			}
		}
	}
	return b.String()
}

// jsUnescape is JavaScript's unescape().
func jsUnescape(s string) string {
	var units []uint16
	flush := func(b *strings.Builder) {
		b.WriteString(string(utf16.Decode(units)))
		units = units[:0]
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '%' && i+6 <= len(s) && s[i+1] == 'u' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				units = append(units, uint16(n))
				i += 6
				continue
			}
		}
		flush(&b)
		if s[i] == '%' && i+3 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteRune(rune(n))
				i += 3
				continue
			}
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(c)
		i += size
	}
	flush(&b)
	return b.String()
}

// latin1Doc writes s as an XML document in ISO-8859-1 carries it: the
// characters of Latin-1 as their one byte, the others as decimal
// references, the markup characters escaped.
func latin1Doc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteString(xmlEscape(string(r)))
		case r < 0x100:
			b.WriteByte(byte(r))
		default:
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		}
	}
	return b.String()
}

// FromLatin1 reads s as ISO-8859-1 where it is not valid UTF-8: each byte
// of an invalid sequence is the character of that number.
func FromLatin1(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = rune(s[i])
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// Mangled is secret as a text in ISO-8859-1 shows once its bytes that are
// not UTF-8 are replaced by U+FFFD (what strings.ToValidUTF8 and most
// terminals do): every character outside ASCII a U+FFFD. It is "" when
// fewer than 4 bytes of secret are ASCII (too little of it would show to
// tell it in a text).
func Mangled(secret string) string {
	ascii := 0
	var b strings.Builder
	for _, r := range secret {
		if r < utf8.RuneSelf {
			ascii++
			b.WriteRune(r)
		} else {
			b.WriteRune(utf8.RuneError)
		}
	}
	if ascii < 4 || ascii == len(secret) {
		return ""
	}
	return b.String()
}

// Shows reports whether text shows secret: as it is, as f writes it, once
// the standard library's inverse of f decodes text (read as ISO-8859-1
// where it is not UTF-8), or mangled (see [Mangled]).
func Shows(text, secret string, f SecretForm) bool {
	if strings.Contains(text, secret) || strings.Contains(text, f.Encode(secret)) ||
		strings.Contains(f.Decode(text), secret) || strings.Contains(f.Decode(FromLatin1(text)), secret) {
		return true
	}
	m := Mangled(secret)
	return m != "" && strings.Contains(text, m)
}
