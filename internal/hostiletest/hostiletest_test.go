package hostiletest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

const password = "Zq7-hostile-pässwörd&<>"

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestSecretForms(t *testing.T) {
	got := SecretForms(password)
	want := []string{
		password,
		`Zq7-hostile-pässwörd\u0026\u003c\u003e`,
		`Zq7-hostile-p\u00e4ssw\u00f6rd\u0026\u003c\u003e`,
		`Zq7-hostile-p\u00E4ssw\u00F6rd\u0026\u003C\u003E`,
		`Zq7-hostile-p%C3%A4ssw%C3%B6rd%26%3C%3E`,
		`Zq7-hostile-pässwörd&amp;&lt;&gt;`,
		`Zq7-hostile-p&#228;ssw&#246;rd&amp;&lt;&gt;`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("SecretForms = %q, want %q", got, want)
	}
	if got := SecretForms("plain-token-1234"); !slices.Equal(got, []string{"plain-token-1234"}) {
		t.Errorf("SecretForms(plain) = %q", got)
	}
}

func TestLeaks(t *testing.T) {
	for _, f := range SecretForms(password) {
		for _, ae := range []*transport.APIError{{Message: "m " + f}, {Code: f}, {Body: "b " + f}} {
			ae.Vendor, ae.Method, ae.Path, ae.StatusCode = "v", "GET", "/p", 400
			err := fmt.Errorf("wrapped: %w", ae)
			if len(Leaks(err, 0, "other-secret", password)) == 0 {
				t.Errorf("no leak found in %+v", ae)
			}
		}
	}
	cut := errors.New(strings.Repeat("x", 500) + password[:12])
	if len(Leaks(cut, 12, password)) == 0 {
		t.Error("no leak found of the secret's head")
	}
	if len(Leaks(cut, 0, password)) != 0 {
		t.Error("a leak found of the whole secret in its head alone")
	}
	if l := Leaks(errors.New("invalid password [REDACTED]"), 12, password); l != nil {
		t.Errorf("Leaks of a clean error = %q", l)
	}
}

func TestSecretEchoes(t *testing.T) {
	shape := func(m string) string { return `{"error": ` + m + `}` }
	cases := SecretEchoes(401, "password", password, shape)
	if len(cases) != 11 {
		t.Errorf("%d cases, want 11", len(cases))
	}
	forms := SecretForms(password)
	for _, c := range cases {
		if c.Status != 401 {
			t.Errorf("%s: status %d", c.Name, c.Status)
		}
		if !slices.ContainsFunc(forms, func(f string) bool { return strings.Contains(c.Body, f) }) {
			t.Errorf("%s: body %q holds no form of the secret", c.Name, c.Body)
		}
		if c.Head != 0 && strings.Index(c.Body, password) != excerpt-c.Head {
			t.Errorf("%s: the excerpt does not cut the secret after %d bytes", c.Name, c.Head)
		}
	}
	if c := cases[len(cases)-2]; c.Body != `{"error": "invalid password `+password+`"}` {
		t.Errorf("in message: %q", c.Body)
	}
	// A secret that JSON leaves alone has fewer distinct bodies.
	if n := len(SecretEchoes(400, "token", "AT-plain-1234", nil)); n != 7 {
		t.Errorf("%d cases for a plain secret, want 7", n)
	}
}

func TestBodies(t *testing.T) {
	if got, want := utf16LE(`{"error"`), "\xff\xfe{\x00\"\x00e\x00r\x00r\x00o\x00r\x00\"\x00"; got != want {
		t.Errorf("utf16LE = %q, want %q", got, want)
	}
	for _, b := range BadJSON(`{"x": `) {
		if b.Name == "" || b.Body == "" {
			t.Errorf("empty body %+v", b)
		}
	}
	cases := ErrorBodies(`{"e": `, map[string]string{"NUL bytes": "bad"})
	for _, c := range cases {
		if want := map[bool]string{true: "bad"}[c.Name == "NUL bytes"]; c.Message != want || c.Status < 400 {
			t.Errorf("%s: status %d, message %q", c.Name, c.Status, c.Message)
		}
	}
	if s := Seeds("error"); len(s) == 0 || s[len(s)-1].Status != -1 {
		t.Errorf("Seeds = %d, last %+v", len(s), s[len(s)-1])
	}
}

func TestServer(t *testing.T) {
	srv := NewServer(t, Stream(http.StatusTeapot, `{"a": "`, 3<<20), map[string]http.HandlerFunc{
		"/login": Answer(http.StatusCreated, "text/plain", "ok"),
	})
	resp, err := srv.Client().Post(srv.URL+"/login", "text/plain", strings.NewReader("body"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Content-Type") != "text/plain" || string(b) != "ok" {
		t.Errorf("login: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	resp, err = srv.Client().Get(srv.URL + "/other")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTeapot || len(b) < 3<<20 || !strings.HasPrefix(string(b), `{"a": "aaa`) {
		t.Errorf("stream: %d, %d bytes, %q", resp.StatusCode, len(b), Clip(b))
	}
}

func TestChecksFail(t *testing.T) {
	r := &recorder{TB: t}
	CheckDecoded(r, []byte("ab"), "c\xff", "", 0)
	CheckDecoded(r, []byte("a"), "", "long", 0)
	CheckDecoded(r, []byte(strings.Repeat("a", 100)), strings.Repeat("c", 65), "", MaxCode)
	CheckBounded(r, errors.New(strings.Repeat("e", MaxErrorText+1)))
	CheckBounded(r, errors.New("bad \xff"))
	NoSecret(r, errors.New("shows "+password), 0, password)
	ValidUTF8(r, "ok", "\xc0\x80")
	ErrText(r, errors.New("text"), "missing")
	if len(r.errs) != 8 {
		t.Errorf("%d failures, want 8: %q", len(r.errs), r.errs)
	}
	r.errs = nil
	CheckDecoded(r, []byte(`{"error": "caf\xe9"}`), "", "caf\uFFFD", MaxCode)
	CheckBounded(r, errors.New("fine"))
	NoSecret(r, errors.New("fine"), 0, password)
	if len(r.errs) != 0 {
		t.Errorf("failures on good input: %q", r.errs)
	}
	if !HasControl("a\x1bb") || HasControl("a\tb") {
		t.Error("HasControl")
	}
	if got := JSONText(t, "a\xffb"); got != "a\uFFFDb" {
		t.Errorf("JSONText = %q", got)
	}
}
