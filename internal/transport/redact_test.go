package transport_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

func TestRedactorPatterns(t *testing.T) {
	var r *transport.Redactor // nil: patterns only
	for _, tc := range []struct{ in, want string }{
		// JSON
		{`{"password":"hunter2","user":"bob"}`, `{"password":"[REDACTED]","user":"bob"}`},
		{`{"Password" : "a\"b\\c","n":1}`, `{"Password" : "[REDACTED]","n":1}`},
		{`{"access_token":"a","refresh_token":"r","token":"t"}`, `{"access_token":"[REDACTED]","refresh_token":"[REDACTED]","token":"[REDACTED]"}`},
		{`{"accessToken":"a","refreshToken":"r","apiKey":"k","api_key":"k","apikey":"k"}`, `{"accessToken":"[REDACTED]","refreshToken":"[REDACTED]","apiKey":"[REDACTED]","api_key":"[REDACTED]","apikey":"[REDACTED]"}`},
		{`{"sessionId":"s","session_id":"s","secret":"x","signedPassword":"m","2fa_payload":"p","passwd":"q"}`, `{"sessionId":"[REDACTED]","session_id":"[REDACTED]","secret":"[REDACTED]","signedPassword":"[REDACTED]","2fa_payload":"[REDACTED]","passwd":"[REDACTED]"}`},
		{`{"profile":{"name":"CC","password":"p w"}}`, `{"profile":{"name":"CC","password":"[REDACTED]"}}`},
		{`{"user":"password"}`, `{"user":"password"}`}, // a value, not a key
		// form and query
		{`user=bob&password=hunter2&x=1`, `user=bob&password=[REDACTED]&x=1`},
		{`password=p%40ss+w`, `password=[REDACTED]`},
		{`GET http://h/x?apikey=K123&b=2 failed`, `GET http://h/x?apikey=[REDACTED]&b=2 failed`},
		{`a=1&Token=t&sessionId=s`, `a=1&Token=[REDACTED]&sessionId=[REDACTED]`},
		{`mypassword=x`, `mypassword=x`}, // not a secret key
		// XML
		{`<login><userId>bob</userId><password>hunter2</password></login>`, `<login><userId>bob</userId><password>[REDACTED]</password></login>`},
		{`<signedPassword>abc123</signedPassword><sessionId>S-1</sessionId>`, `<signedPassword>[REDACTED]</signedPassword><sessionId>[REDACTED]</sessionId>`},
		// Authorization schemes
		{`Authorization: Bearer eyJ.abc-_~+/=`, `Authorization: Bearer [REDACTED]`},
		{`Authorization: Basic Ym9iOnB3`, `Authorization: Basic [REDACTED]`},
		{`bearer x1`, `bearer [REDACTED]`},
		// nothing to hide
		{`404 Not Found: no such call center`, `404 Not Found: no such call center`},
	} {
		if got := r.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%s)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestRedactorLiterals(t *testing.T) {
	r := &transport.Redactor{}
	r.Add("p@ss word&7!", "KEY-0123456789", "abc", "")
	for _, tc := range []struct{ in, want string }{
		{"invalid password p@ss word&7! for bob", "invalid password [REDACTED] for bob"},
		{"x=p%40ss+word%267%21&y=1", "x=[REDACTED]&y=1"}, // URL-escaped (form/query) form
		{"key KEY-0123456789 rejected; again KEY-0123456789", "key [REDACTED] rejected; again [REDACTED]"},
		{"abc is too short to register", "abc is too short to register"},
	} {
		if got := r.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	u, _ := url.Parse("https://h.test/v1/x?q=KEY-0123456789&access_token=zzz")
	if got, want := r.RedactURL(u), "https://h.test/v1/x?q=[REDACTED]&access_token=[REDACTED]"; got != want {
		t.Errorf("RedactURL = %q, want %q", got, want)
	}
	if r.RedactURL(nil) != "" {
		t.Error("RedactURL(nil) not empty")
	}
}

// Known gaps of the patterns (see report): header syntax and XML
// elements with attributes, both used by vendors here (LV-Session header,
// OCI-P <sessionId xmlns="">).
func TestRedactorKnownGaps(t *testing.T) {
	var r transport.Redactor
	for _, in := range []string{"LV-Session: sess123", "LV-Access: acc456", `<sessionId xmlns="">S-1</sessionId>`} {
		if got := r.Redact(in); strings.Contains(got, "sess123") || strings.Contains(got, "acc456") || strings.Contains(got, "S-1") {
			t.Errorf("Redact(%q) = %q", in, got)
		}
	}
}

func TestRedactorConcurrent(t *testing.T) {
	r := &transport.Redactor{}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			s := fmt.Sprintf("secret-number-%d", i)
			r.Add(s)
			if got := r.Redact("x " + s + " y"); got != "x [REDACTED] y" {
				t.Errorf("Redact = %q", got)
			}
		})
	}
	wg.Wait()
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestNoSecretsInLogsOrErrors drives every kind of credential and secret
// body through failing requests and checks that no secret reaches the
// debug log or any error text.
func TestNoSecretsInLogsOrErrors(t *testing.T) {
	const (
		bearerTok   = "bearer-SECRET-tok1"
		basicPw     = "basic-SECRET-pw2"
		sessionTok  = "sess-SECRET-tok3"
		loginPw     = "login-SECRET-pw4"
		jsonPw      = "json-SECRET-pw5"
		formPw      = "form-SECRET-pw6"
		apiKey      = "query-SECRET-key7"
		echoPw      = "echo-SECRET-pw8" // echoed in plain text: caught only because registered
		specialPw   = "sp3c!al SECRET&pw9"
		decodedPass = "decoded-SECRET-pwA"
	)
	basicB64 := base64.StdEncoding.EncodeToString([]byte("bob:" + basicPw))
	secrets := []string{bearerTok, basicPw, basicB64, sessionTok, loginPw, jsonPw, formPw, apiKey, echoPw,
		specialPw, url.QueryEscape(specialPw), decodedPass}

	// The server answers each endpoint with an error that echoes what it got.
	srv := newServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/login":
			fmt.Fprintf(w, `{"token":%q}`, sessionTok)
		case "/json":
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"error":"invalid request","request":%s,"auth":%q}`, body, r.Header.Get("Authorization"))
		case "/form":
			w.WriteHeader(422)
			fmt.Fprintf(w, "cannot parse %s (Authorization: %s)", body, r.Header.Get("Authorization"))
		case "/query":
			w.WriteHeader(500)
			fmt.Fprintf(w, "bad query %s", r.URL.RawQuery)
		case "/echo":
			w.WriteHeader(401)
			fmt.Fprintf(w, "invalid password %s for bob", echoPw)
		case "/decoded":
			w.WriteHeader(409)
			fmt.Fprintf(w, `{"code":"E1","message":"password %s is reused"}`, decodedPass)
		default:
			w.WriteHeader(404)
		}
	})

	var logs syncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	newClient := func(base string, auth transport.Auth) *transport.Client {
		cfg := fastConfig(base)
		cfg.Logger = logger
		cfg.Auth = auth
		cfg.DecodeError = func(_ int, body []byte) (string, string) {
			var e struct{ Code, Message string }
			_ = json.Unmarshal(body, &e)
			return e.Code, e.Message
		}
		return mustNew(t, cfg)
	}
	sess := &transport.Session{Header: "Authorization", Prefix: "Bearer "}
	clients := map[string]*transport.Client{
		"bearer":  newClient(srv.URL, transport.Bearer(bearerTok)),
		"basic":   newClient(srv.URL, transport.Basic("bob", basicPw)),
		"session": newClient(srv.URL, sess),
	}
	sc := clients["session"]
	sess.Login = func(ctx context.Context) (string, error) {
		var out struct{ Token string }
		_, err := sc.Do(ctx, &transport.Request{Method: http.MethodPost, Path: "login", NoAuth: true, Retryable: true,
			JSON: map[string]string{"user": "bob", "password": loginPw}}, &out)
		sc.Redactor().Add(out.Token) // as vendor packages must
		return out.Token, err
	}
	for _, c := range clients {
		c.Redactor().Add(echoPw, specialPw)
	}
	closed := newClient("http://"+closedAddr(t), transport.Bearer(bearerTok))

	type form struct {
		User     string `url:"user"`
		Password string `url:"password"`
	}
	var errs []error
	do := func(c *transport.Client, r *transport.Request) {
		_, err := c.Do(context.Background(), r, nil)
		if err == nil {
			t.Errorf("%s %s: no error", r.Method, r.Path)
			return
		}
		errs = append(errs, err)
	}
	for _, c := range clients {
		do(c, &transport.Request{Method: http.MethodPost, Path: "json", JSON: map[string]string{"user": "bob", "password": jsonPw}})
		do(c, &transport.Request{Method: http.MethodPost, Path: "form", Form: form{"bob", formPw}})
		do(c, &transport.Request{Method: http.MethodPost, Path: "form", Form: form{"bob", specialPw}})
		do(c, &transport.Request{Method: http.MethodGet, Path: "query", Query: url.Values{"apikey": {apiKey}, "n": {"1"}}})
		do(c, &transport.Request{Method: http.MethodGet, Path: "echo"})
		do(c, &transport.Request{Method: http.MethodPut, Path: "decoded", JSON: map[string]string{"password": decodedPass}})
	}
	do(closed, &transport.Request{Method: http.MethodGet, Path: "query", Query: url.Values{"apikey": {apiKey}}})
	do(closed, &transport.Request{Method: http.MethodPost, Path: "form", Form: form{"bob", formPw}})

	// The decoded message went through the redactor too (by JSON key it
	// would not be caught: this one is a sentence). Register and re-run.
	for _, c := range clients {
		c.Redactor().Add(decodedPass)
		do(c, &transport.Request{Method: http.MethodPut, Path: "decoded"})
	}

	log := logs.String()
	if !strings.Contains(log, "http attempt") || !strings.Contains(log, "apikey=[REDACTED]") {
		t.Fatalf("log lacks the expected records:\n%s", log)
	}
	for _, err := range errs {
		for _, text := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err)} {
			for _, s := range secrets[:len(secrets)-1] {
				if strings.Contains(text, s) {
					t.Errorf("secret %q in error: %s", s, text)
				}
			}
		}
		var apiErr *transport.APIError
		if errors.As(err, &apiErr) {
			for _, s := range secrets[:len(secrets)-1] {
				if strings.Contains(apiErr.Body, s) || strings.Contains(apiErr.Message, s) || strings.Contains(apiErr.Code, s) {
					t.Errorf("secret %q in APIError fields: %+v", s, apiErr)
				}
			}
		}
	}
	for _, s := range secrets {
		if strings.Contains(log, s) {
			t.Errorf("secret %q in log", s)
		}
	}
	// The server did echo the secrets: they were replaced, not absent.
	for i, want := range []string{`"password":"[REDACTED]"`, "password=[REDACTED]", "password=[REDACTED]", "apikey=[REDACTED]", "invalid password [REDACTED] for bob"} {
		if got := errs[i].Error(); !strings.Contains(got, want) {
			t.Errorf("error %d = %s\nwant it to contain %s", i, got, want)
		}
	}
	all := fmt.Sprint(errs)
	for _, want := range []string{`"auth":"Bearer [REDACTED]"`, `"auth":"Basic [REDACTED]"`} {
		if strings.Count(all, want) < 1 {
			t.Errorf("no error contains %s", want)
		}
	}
	// The last three errors came after decodedPass was registered.
	for _, err := range errs[len(errs)-3:] {
		if strings.Contains(err.Error(), decodedPass) {
			t.Errorf("registered secret in error: %v", err)
		}
		var apiErr *transport.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != "E1" || apiErr.Message != "password [REDACTED] is reused" {
			t.Errorf("DecodeError result not redacted as expected: %#v", err)
		}
	}
	if sess.Current() != sessionTok {
		t.Fatalf("session token = %q: the session path was not exercised", sess.Current())
	}
}

// A secret that travels in the URL path (LiveVox: GET
// /session/validate/{sessionId}) or in the base URL's user info must not
// reach errors or logs either.
func TestNoSecretsInPathOrUserinfo(t *testing.T) {
	const sid, pw = "SID-SECRET-123", "userinfo-SECRET-pw"
	srv := statusServer(t, 404, "")
	var logs syncBuffer
	cfg := fastConfig(strings.Replace(srv.URL, "http://", "http://bob:"+pw+"@", 1))
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := mustNew(t, cfg)
	c.Redactor().Add(sid)
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "session/validate/" + url.PathEscape(sid)}, nil)
	for _, s := range []string{sid, pw} {
		if strings.Contains(err.Error(), s) || strings.Contains(logs.String(), s) {
			t.Errorf("secret %q leaked: err=%v\nlog=%s", s, err, logs.String())
		}
	}
}

// TestRedactorReplace keeps the list of a renewing client at constant size
// and redacts only the live token.
func TestRedactorReplace(t *testing.T) {
	var r transport.Redactor
	r.Add("token-one/a")
	for i := range 100 {
		old, next := fmt.Sprintf("token-%d/a", i), fmt.Sprintf("token-%d/a", i+1)
		if i == 0 {
			old = "token-one/a"
		}
		r.Replace(old, next)
	}
	if got := r.Redact("x token-100/a y token-100%2Fa"); got != "x [REDACTED] y [REDACTED]" {
		t.Errorf("live token: %q", got)
	}
	if got := r.Redact("token-5/a"); got != "token-5/a" {
		t.Errorf("a replaced token is still listed: %q", got)
	}
}

// TestExcerpt: bounded, valid UTF-8, no control characters, and a secret
// straddling the cut or written JSON-escaped does not leak.
func TestExcerpt(t *testing.T) {
	var r transport.Redactor
	r.Add("Zq7-hostile-pässwörd&<>")
	cases := map[string]string{
		"straddling cut": strings.Repeat("x", 500) + "Zq7-hostile-pässwörd&<>",
		"json escaped":   `{"detail": "invalid password Zq7-hostile-p\u00e4ssw\u00f6rd\u0026\u003c\u003e"}`,
		"JSON ESCAPED":   `{"detail": "invalid password Zq7-hostile-p\u00E4ssw\u00F6rd\u0026\u003C\u003E"}`,
		"go json":        `{"detail": "Zq7-hostile-pässwörd\u0026\u003c\u003e"}`,
		"huge":           strings.Repeat("\xff", 1<<20),
		"control":        "bad\x1b[2J\x00\nlevel=INFO msg=forged",
	}
	for name, in := range cases {
		got := r.Excerpt(in, 512)
		if len(got) > 512+3 || !utf8.ValidString(got) || strings.ContainsAny(got, "\x1b\x00\n\r") {
			t.Errorf("%s: %d bytes, valid %v: %q", name, len(got), utf8.ValidString(got), got[:min(len(got), 80)])
		}
		if strings.Contains(got, "Zq7") {
			t.Errorf("%s: secret leaks: %q", name, got)
		}
	}
	if got := r.Excerpt("short text", 512); got != "short text" {
		t.Errorf("short text changed: %q", got)
	}
}

// TestRedactEscapedXML: passwords inside an OCI-P document carried as text
// in a SOAP envelope, and registered secrets in their XML-escaped forms.
func TestRedactEscapedXML(t *testing.T) {
	var r transport.Redactor
	r.Add("lo&gin<pw>")
	for _, in := range []string{
		`&lt;password&gt;TopSecretCCpw9&lt;/password&gt;`,
		`&amp;lt;password&amp;gt;TopSecretCCpw9&amp;lt;/password&amp;gt;`,
		`&lt;password xmlns=&quot;&quot;&gt;Top&amp;amp;SecretCCpw9&lt;/password&gt;`,
		`&lt;signedPassword&gt;TopSecretCCpw9&lt;/signedPassword&gt; and lo&amp;gin&lt;pw&gt;`,
		`lo&amp;amp;gin&amp;lt;pw&amp;gt;`,
	} {
		got := r.Redact(in)
		if strings.Contains(got, "TopSecret") || strings.Contains(got, "SecretCC") || strings.Contains(got, "gin") {
			t.Errorf("Redact(%q) = %q", in, got)
		}
		if !strings.Contains(got, transport.Redacted) {
			t.Errorf("Redact(%q) = %q: nothing redacted", in, got)
		}
	}
}
