package transport

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
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
		r.secrets = append(r.secrets, s)
		if q := url.QueryEscape(s); q != s {
			r.secrets = append(r.secrets, q)
		}
	}
}

// Replace forgets the secret old (with its escaped form) and registers
// new, so that a long-running client that renews a token keeps a list of
// constant size. An empty old only adds.
func (r *Redactor) Replace(old, new string) {
	if old != "" {
		r.mu.Lock()
		q := url.QueryEscape(old)
		r.secrets = slices.DeleteFunc(r.secrets, func(s string) bool { return s == old || s == q })
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
	return s
}

// RedactURL returns u as text with secret query values scrubbed.
func (r *Redactor) RedactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	return r.Redact(u.Redacted())
}
