package redact

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Finding a secret in every form it may take. Rather than list the forms
// (a password of n non-ASCII characters has 2^n mixes of decimal and hex
// references alone), the text is decoded, layer by layer, and the secret is
// looked for in each layer; every byte of a layer knows the span of the
// original text it came from, so a match is replaced where it stands.

// view is a text in which each byte knows the span of the original text it
// was decoded from.
type view struct {
	b []byte
	// start[i], end[i]: the span of the original text behind b[i]; nil
	// when b is the original itself.
	start, end []int32
}

func (v *view) span(i, j int) (int, int) {
	if v.start == nil {
		return i, j
	}
	return int(v.start[i]), int(v.end[j-1])
}

// redactLiterals replaces every occurrence of a secret, in any escaped form
// up to MaxEscapeLayers deep, by Redacted. Each layer decodes one kind of
// escape (XML and HTML, backslash or percent), so that a secret holding
// what looks like an escape of another kind (a backslash in an XML text) is
// still found; a text holding several kinds is decoded each way. A layer
// that is not valid UTF-8 is also read as ISO-8859-1, the encoding OCI-P
// servers answer in (and what percent-encoding by a Latin-1 form or
// JavaScript's escape() decodes to): P\xe4ssw\xf6rd is Pässwörd.
func redactLiterals(s string, secrets []string) string {
	if len(secrets) == 0 || s == "" {
		return s
	}
	var spans [][2]int
	find := func(v *view) {
		for _, secret := range secrets {
			spans = v.find(secret, spans)
		}
	}
	frontier := []view{{b: []byte(s)}}
	find(&frontier[0])
	for range MaxEscapeLayers {
		var next []view
		for i := range frontier {
			for _, k := range escapeKinds {
				var v view
				var changed bool
				switch {
				case k == latin1Kind:
					if utf8.Valid(frontier[i].b) {
						continue
					}
					v, changed = frontier[i].latin1()
				case bytes.IndexByte(frontier[i].b, k) < 0:
					continue
				default:
					v, changed = frontier[i].decode(k)
				}
				if !changed || slices.ContainsFunc(next, func(o view) bool { return bytes.Equal(o.b, v.b) }) {
					continue
				}
				find(&v)
				next = append(next, v)
			}
		}
		frontier = next
	}
	if len(spans) == 0 {
		return s
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var out strings.Builder
	out.Grow(len(s))
	at := 0
	for i := 0; i < len(spans); {
		lo, hi := spans[i][0], spans[i][1]
		for i++; i < len(spans) && spans[i][0] < hi; i++ {
			hi = max(hi, spans[i][1])
		}
		if lo < at { // overlaps what is already replaced
			lo = at
		}
		out.WriteString(s[at:lo])
		out.WriteString(Redacted)
		at = hi
	}
	out.WriteString(s[at:])
	return out.String()
}

// find appends the original spans of every occurrence of secret in v. A
// space of the secret matches a '+' too (form encoding).
func (v *view) find(secret string, spans [][2]int) [][2]int {
	if secret == "" {
		return spans
	}
	if strings.IndexByte(secret, ' ') < 0 {
		for from := 0; ; {
			i := bytes.Index(v.b[from:], []byte(secret))
			if i < 0 {
				return spans
			}
			lo, hi := v.span(from+i, from+i+len(secret))
			spans = append(spans, [2]int{lo, hi})
			from += i + 1
		}
	}
	for i := 0; i+len(secret) <= len(v.b); i++ {
		if matchAt(v.b[i:], secret) {
			lo, hi := v.span(i, i+len(secret))
			spans = append(spans, [2]int{lo, hi})
		}
	}
	return spans
}

func matchAt(b []byte, secret string) bool {
	for j := 0; j < len(secret); j++ {
		if c := b[j]; c != secret[j] && !(c == '+' && secret[j] == ' ') {
			return false
		}
	}
	return true
}

// escapeKinds are the first bytes of the kinds of escapes decoded: XML
// and HTML entities and character references, backslash escapes (JSON, Go,
// JavaScript) and percent-encoding (%XX, and %uXXXX of JavaScript's
// escape()); and latin1Kind, a text that is not UTF-8 read as ISO-8859-1.
var escapeKinds = []byte{'&', '\\', '%', latin1Kind}

// latin1Kind stands in escapeKinds for reading a text that is not valid
// UTF-8 as ISO-8859-1 (a NUL byte never starts an escape).
const latin1Kind = 0

// latin1 returns v read as ISO-8859-1: every byte from 0x80 on is the
// character of that number. changed is false when v has no such byte.
func (v *view) latin1() (out view, changed bool) {
	b := v.b
	out.b = make([]byte, 0, len(b)+len(b)/2)
	out.start = make([]int32, 0, cap(out.b))
	out.end = make([]int32, 0, cap(out.b))
	for i, c := range b {
		lo, hi := v.span(i, i+1)
		if c < utf8.RuneSelf {
			out.b = append(out.b, c)
			out.start = append(out.start, int32(lo))
			out.end = append(out.end, int32(hi))
			continue
		}
		changed = true
		out.b = utf8.AppendRune(out.b, rune(c))
		for range 2 {
			out.start = append(out.start, int32(lo))
			out.end = append(out.end, int32(hi))
		}
	}
	return out, changed
}

// decode returns v with the escapes of one kind (named by their first
// byte, see escapeKinds) decoded. changed is false when v held none.
func (v *view) decode(kind byte) (out view, changed bool) {
	b := v.b
	out.b = make([]byte, 0, len(b))
	out.start = make([]int32, 0, len(b))
	out.end = make([]int32, 0, len(b))
	var tmp []byte
	for i := 0; i < len(b); {
		n := 0
		if b[i] == kind {
			tmp, n = unescape(b[i:], tmp[:0])
		}
		if n == 0 {
			lo, hi := v.span(i, i+1)
			out.b = append(out.b, b[i])
			out.start = append(out.start, int32(lo))
			out.end = append(out.end, int32(hi))
			i++
			continue
		}
		changed = true
		lo, hi := v.span(i, i+n)
		for _, c := range tmp {
			out.b = append(out.b, c)
			out.start = append(out.start, int32(lo))
			out.end = append(out.end, int32(hi))
		}
		i += n
	}
	return out, changed
}

// unescape decodes the escape at the start of b (which starts with '&',
// '\\' or '%'), appending what it stands for to dst; n is its length in b,
// 0 when b starts with no escape.
func unescape(b, dst []byte) (_ []byte, n int) {
	if text, n := htmlEntity(b); n > 0 {
		return append(dst, text...), n
	}
	r, n := escapedRune(b)
	switch {
	case n == 0:
		return dst, 0
	case r < 0: // a byte (percent-encoding, \xHH), maybe part of a UTF-8 sequence
		return append(dst, byte(-r-1)), n
	case utf16.IsSurrogate(r):
		// A character outside the BMP written as two UTF-16 halves
		// (\ud83d\ude00, or &#55357;&#56832; as UTF-16 encoders write it).
		r2, n2 := escapedRune(b[n:])
		if c := utf16.DecodeRune(r, r2); n2 > 0 && c != utf8.RuneError {
			return utf8.AppendRune(dst, c), n + n2
		}
		return dst, 0
	}
	return utf8.AppendRune(dst, r), n
}

// escapedRune reads one escape at the start of b: the character, or -1-c
// for a byte c; n is 0 when b starts with no escape.
func escapedRune(b []byte) (r rune, n int) {
	if len(b) < 2 {
		return 0, 0
	}
	switch b[0] {
	case '%':
		if len(b) >= 3 && isHex(b[1]) && isHex(b[2]) {
			return -1 - rune(hexVal(b[1])<<4|hexVal(b[2])), 3
		}
		if b[1] == 'u' || b[1] == 'U' { // JavaScript's escape(): %u00E4
			if r, ok := parseHex(b[2:min(len(b), 6)], 4); ok {
				return r, 6
			}
		}
	case '\\':
		switch c := b[1]; c {
		case 'u':
			if r, ok := parseHex(b[2:min(len(b), 6)], 4); ok {
				return r, 6
			}
		case 'U':
			if r, ok := parseHex(b[2:min(len(b), 10)], 8); ok {
				return r, 10
			}
		case 'x':
			if len(b) >= 4 && isHex(b[2]) && isHex(b[3]) {
				return -1 - rune(hexVal(b[2])<<4|hexVal(b[3])), 4
			}
		case '"', '\\', '/', '\'':
			return rune(c), 2
		case 'n':
			return '\n', 2
		case 't':
			return '\t', 2
		case 'r':
			return '\r', 2
		case 'b':
			return '\b', 2
		case 'f':
			return '\f', 2
		}
	case '&':
		semi := bytes.IndexByte(b[:min(len(b), 16)], ';')
		if semi < 2 {
			return 0, 0
		}
		name := b[1:semi]
		if name[0] == '#' {
			digits := name[1:]
			var r rune
			var ok bool
			if len(digits) > 1 && (digits[0] == 'x' || digits[0] == 'X') {
				r, ok = parseHex(digits[1:], len(digits)-1)
			} else {
				r, ok = parseDec(digits)
			}
			if !ok {
				return 0, 0
			}
			return r, semi + 1
		}
		switch string(name) {
		case "amp":
			return '&', semi + 1
		case "lt":
			return '<', semi + 1
		case "gt":
			return '>', semi + 1
		case "quot":
			return '"', semi + 1
		case "apos":
			return '\'', semi + 1
		}
	}
	return 0, 0
}

// htmlEntity reads a named HTML entity beyond XML's five at the start of b
// (&auml; &eacute; &euro;, as HTML escapers write characters outside
// ASCII): the text it stands for and its length, 0 when b starts with
// none.
func htmlEntity(b []byte) (text string, n int) {
	if len(b) < 4 || b[0] != '&' || b[1] == '#' {
		return "", 0
	}
	const longest = 33 // &CounterClockwiseContourIntegral;
	semi := bytes.IndexByte(b[:min(len(b), longest)], ';')
	if semi < 3 {
		return "", 0
	}
	name := b[1:semi]
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return "", 0
		}
	}
	switch string(name) {
	case "amp", "lt", "gt", "quot", "apos":
		return "", 0 // XML's own: escapedRune
	}
	entity := string(b[:semi+1])
	if text = html.UnescapeString(entity); text == entity {
		return "", 0
	}
	return text, semi + 1
}

// parseHex reads b, exactly want hex digits, as a character.
func parseHex(b []byte, want int) (rune, bool) {
	if len(b) != want || want == 0 || want > 8 {
		return 0, false
	}
	var r rune
	for _, c := range b {
		if !isHex(c) {
			return 0, false
		}
		r = r<<4 | rune(hexVal(c))
	}
	return r, r >= 0 && r <= utf8.MaxRune
}

// parseDec reads b, decimal digits only, as a character.
func parseDec(b []byte) (rune, bool) {
	if len(b) == 0 || len(b) > 8 {
		return 0, false
	}
	var r rune
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		r = r*10 + rune(c-'0')
	}
	return r, r <= utf8.MaxRune
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
