// Package redact scrubs secrets from text before it is logged, returned in
// an error, or shown: passwords, tokens and keys in every form they take on
// the way out. Every package of the module that shows a server's text uses
// it (through internal/transport for the REST clients); it is a leaf, so
// bulk uses it without the HTTP layer.
package redact

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
// password, an API key, a session token as soon as it is known) in every
// form it takes on the way out: as it is; XML-escaped, once or more (a SOAP
// envelope escapes the OCI-P document again); as decimal or hexadecimal
// character references (&#228; &#xE4;, surrogate pairs included); JSON- or
// Go-escaped (\u00e4, \U0001F600, \/, \", \x41); URL- or form-encoded
// (%C3%A4, + for a space, and JavaScript's escape(): %E4, %u00E4); as
// HTML's named entities (&auml;); in ISO-8859-1 bytes (an OCI-P server's
// answer, a Latin-1 form); and any nesting of these up to
// [MaxEscapeLayers] deep. The zero value is ready to use and safe for
// concurrent use.
type Redactor struct {
	mu sync.RWMutex
	// secrets is copied on write, never changed in place: a reader takes
	// the slice under the lock and uses it after.
	secrets []string
}

// MaxEscapeLayers is how many layers of escaping (say XML inside SOAP
// inside JSON) Redact looks through to find a registered secret.
const MaxEscapeLayers = 3

// MinSecretLen is the length in bytes below which Add ignores a secret: a
// shorter value would scrub ordinary text, and is caught by key instead.
const MinSecretLen = 4

// Add registers literal secret values. Values shorter than [MinSecretLen]
// bytes are ignored.
func (r *Redactor) Add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range secrets {
		if len(s) < MinSecretLen || slices.Contains(r.secrets, s) {
			continue
		}
		r.secrets = append(slices.Clip(r.secrets), s) // a new array: readers keep theirs
	}
}

// Excerpt returns text fit to show in an error or a log line: at most max
// bytes (cut on a character boundary, marked with "..."), valid UTF-8,
// control characters turned into spaces, and secrets redacted. It redacts
// before it cuts, so a secret that straddles the cut cannot leak its
// beginning; only the first 4 KiB of a longer text is considered. extra are
// secrets to scrub from this text only (in all their escaped forms, like
// registered ones).
func (r *Redactor) Excerpt(text string, max int, extra ...string) string {
	const window = 4 << 10
	long := len(text) > window
	if long {
		text = text[:window]
	}
	// Redacted before the invalid bytes are replaced: they may be a secret
	// in ISO-8859-1, which redaction finds and replacement would hide.
	text = strings.ToValidUTF8(r.RedactWith(text, extra...), "\uFFFD")
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

// Replace forgets the secret old and registers new, so that a long-running
// client that renews a token keeps a list of constant size. An empty old
// only adds.
func (r *Redactor) Replace(old, new string) {
	if old != "" {
		r.mu.Lock()
		r.secrets = slices.DeleteFunc(slices.Clone(r.secrets), func(s string) bool { return s == old })
		r.mu.Unlock()
	}
	r.Add(new)
}

// Redact returns s with every secret replaced by [Redacted]: the registered
// ones in every escaped form (see [Redactor]), and the values of secret
// keys. A nil *Redactor redacts by key only.
func (r *Redactor) Redact(s string) string { return r.RedactWith(s) }

// RedactWith is [Redactor.Redact] that also scrubs extra, secrets of this
// text only (the passwords of a request), in every form, without
// registering them. A nil *Redactor redacts extra and by key.
func (r *Redactor) RedactWith(s string, extra ...string) string {
	var list []string
	if r != nil {
		r.mu.RLock()
		list = slices.Clip(r.secrets) // copied on write: safe to use unlocked, and appending copies
		r.mu.RUnlock()
	}
	for _, e := range extra {
		if len(e) >= MinSecretLen {
			list = append(list, e)
		}
	}
	s = redactLiterals(s, list)
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
