package transport

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Bounds of the vendor texts an APIError carries.
const (
	maxCode    = 64
	maxExcerpt = 512
)

// Redacted replaces every secret that [Redactor.Redact] finds.
const Redacted = "[REDACTED]"

// secretKeys are the names under which secrets travel in JSON bodies, form
// bodies, query strings and headers of the vendor APIs.
const secretKeys = `password|passwd|signedPassword|secret|token|access_token|refresh_token|accessToken|refreshToken|apikey|api_key|apiKey|sessionId|session_id|LV-Session|LV-Access|2fa_payload`

var (
	// "key": "value" in JSON (the value up to the next unescaped quote).
	jsonSecret = regexp.MustCompile(`(?i)("(?:` + secretKeys + `)"\s*:\s*)"(?:[^"\\]|\\.)*"`)
	// key=value in forms and query strings.
	formSecret = regexp.MustCompile(`(?i)((?:^|[?&\s])(?:` + secretKeys + `)=)[^&\s"]*`)
	// Authorization-style schemes.
	authSecret = regexp.MustCompile(`(?i)\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+`)
	// <password>x</password> and similar in XML.
	xmlSecret = regexp.MustCompile(`(?i)(<(password|signedPassword|sessionId)(?:\s[^>]*)?>)[^<]*(</)`)
	// The same inside an escaped XML document (a SOAP envelope carries the
	// OCI-P document as text: &lt;password&gt;x&lt;/password&gt;), escaped
	// once or more.
	escapedXMLSecret = regexp.MustCompile(`(?i)(&(?:amp;)*lt;(?:password|signedPassword|sessionId)(?:\s(?:[^&]|&(?:amp;)*quot;|&(?:amp;)*#34;)*)?&(?:amp;)*gt;).*?(&(?:amp;)*lt;/)`)
	// Key: value in header or free-text syntax (LV-Session: abc).
	headerSecret = regexp.MustCompile(`(?i)\b((?:` + secretKeys + `)\s*:\s*)[^\s"',;]+`)
)

// Redactor scrubs secrets from text before it is logged or returned in an
// error. It removes the values of well-known secret keys in JSON, form, XML
// and header syntax, and every literal secret registered with Add (a
// password, an API key, a session token as soon as it is known). The zero
// value is ready to use and safe for concurrent use.
type Redactor struct {
	mu      sync.RWMutex
	secrets []string
}

// Add registers literal secret values. Values shorter than 4 bytes are
// ignored: they would scrub ordinary text and are caught by key instead.
func (r *Redactor) Add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		if len(s) < 4 {
			continue
		}
		r.secrets = append(r.secrets, forms(s)...)
	}
}

// xmlEscaper escapes text the way encoding/xml.EscapeText does.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")

// forms returns s with the escaped forms it may take in a body: URL query
// escaping, XML escaping (once and twice), and JSON string escaping as Go writes it and as ASCII-only
// encoders write it (\u00e4 and \u00E4).
func forms(s string) []string {
	out := []string{s}
	add := func(v string) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	add(url.QueryEscape(s))
	x := xmlEscaper.Replace(s) // as encoding/xml writes text, then once more (SOAP)
	add(x)
	add(xmlEscaper.Replace(x))
	if b, err := json.Marshal(s); err == nil {
		add(string(b[1 : len(b)-1]))
	}
	var lower, upper strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 || r == '<' || r == '>' || r == '&' || (r >= 0x7f && r <= 0xffff):
			fmt.Fprintf(&lower, "\\u%04x", r)
			fmt.Fprintf(&upper, "\\u%04X", r)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&lower, "\\u%04x\\u%04x", r1, r2)
			fmt.Fprintf(&upper, "\\u%04X\\u%04X", r1, r2)
		case r == '"' || r == '\\':
			lower.WriteByte('\\')
			lower.WriteRune(r)
			upper.WriteByte('\\')
			upper.WriteRune(r)
		default:
			lower.WriteRune(r)
			upper.WriteRune(r)
		}
	}
	add(lower.String())
	add(upper.String())
	return out
}

// Excerpt returns text fit to show in an error or a log line: at most max
// bytes (cut on a character boundary, marked with "..."), valid UTF-8,
// control characters turned into spaces, and secrets redacted. It redacts
// before it cuts, so a secret that straddles the cut cannot leak its
// beginning; only the first 4 KiB of a longer text is considered. extra are
// secrets to scrub from this text only (in all their escaped forms).
func (r *Redactor) Excerpt(text string, max int, extra ...string) string {
	const window = 4 << 10
	long := len(text) > window
	if long {
		text = text[:window]
	}
	for _, secret := range extra {
		if len(secret) >= 4 {
			for _, f := range forms(secret) {
				text = strings.ReplaceAll(text, f, Redacted)
			}
		}
	}
	text = r.Redact(strings.ToValidUTF8(text, "\uFFFD"))
	text = strings.Map(func(c rune) rune {
		if unicode.IsControl(c) {
			return ' '
		}
		return c
	}, text)
	text = strings.TrimSpace(text)
	if len(text) <= max && !long {
		return text
	}
	cut := min(max, len(text))
	for cut > 0 && cut < len(text) && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "..."
}

// Replace forgets the secret old (with its escaped form) and registers
// new, so that a long-running client that renews a token keeps a list of
// constant size. An empty old only adds.
func (r *Redactor) Replace(old, new string) {
	if old != "" {
		r.mu.Lock()
		gone := forms(old)
		r.secrets = slices.DeleteFunc(r.secrets, func(s string) bool { return slices.Contains(gone, s) })
		r.mu.Unlock()
	}
	r.Add(new)
}

// Redact returns s with every secret replaced by [Redacted].
func (r *Redactor) Redact(s string) string {
	if r != nil {
		r.mu.RLock()
		for _, secret := range r.secrets {
			s = strings.ReplaceAll(s, secret, Redacted)
		}
		r.mu.RUnlock()
	}
	s = jsonSecret.ReplaceAllString(s, `$1"`+Redacted+`"`)
	s = formSecret.ReplaceAllString(s, `${1}`+Redacted)
	s = authSecret.ReplaceAllString(s, `$1 `+Redacted)
	s = headerSecret.ReplaceAllString(s, `${1}`+Redacted)
	s = xmlSecret.ReplaceAllString(s, `${1}`+Redacted+`${3}`)
	s = escapedXMLSecret.ReplaceAllString(s, `${1}`+Redacted+`${2}`)
	return s
}

// RedactURL returns u as text with secret query values scrubbed.
func (r *Redactor) RedactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	return r.Redact(u.Redacted())
}
