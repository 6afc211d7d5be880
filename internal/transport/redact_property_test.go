package transport_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

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
	for _, pc := range hostiletest.PasswordClasses {
		for range perClass {
			pw := pc.Draw(rnd)
			for _, f := range hostiletest.EncodedForms {
				enc := f.Encode(pw)
				text := "[Error 4000] value " + enc + " refused (was " + enc + "); see the request"
				for _, p := range places {
					got := p.show(t, pw, text)
					checks++
					leak := hostiletest.Shows(got, pw, f)
					if leak || !strings.Contains(got, transport.Redacted) {
						t.Errorf("%s / %s / %s: password %+q written %q shows as %q", pc.Name, f.Name, p.name, pw, enc, got)
					}
					if !strings.Contains(got, "refused (was ") || !strings.Contains(got, "); see the request") {
						t.Errorf("%s / %s / %s: the text around the password is gone: %q", pc.Name, f.Name, p.name, got)
					}
				}
			}
		}
	}
	t.Logf("redaction property: %d classes of characters x %d passwords x %d forms x %d places = %d checks",
		len(hostiletest.PasswordClasses), perClass, len(hostiletest.EncodedForms), len(places), checks)
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
