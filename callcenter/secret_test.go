package callcenter_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

const secretValue = "hunter2-Very-Secret"

func secretCenter() callcenter.CallCenter {
	cc := base(callcenter.Standard)
	cc.Profile.Password = secretValue
	cc.WrapUpSeconds = new(30)
	return cc
}

func assertHidden(t *testing.T, what, out string) {
	t.Helper()
	if strings.Contains(out, secretValue) || strings.Contains(out, hex.EncodeToString([]byte(secretValue))) ||
		strings.Contains(strings.ToLower(out), "hunter2") {
		t.Errorf("%s leaks the password: %s", what, out)
	}
}

func TestSecretFmt(t *testing.T) {
	cc := secretCenter()
	values := map[string]any{
		"CallCenter": cc, "*CallCenter": &cc, "Profile": cc.Profile, "*Profile": &cc.Profile,
		"Secret": cc.Profile.Password, "*Secret": &cc.Profile.Password, "[]CallCenter": []callcenter.CallCenter{cc},
		"map": map[string]callcenter.Secret{"pw": cc.Profile.Password},
	}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s", "%-20v"} {
			assertHidden(t, name+" "+verb, fmt.Sprintf(verb, v))
		}
		assertHidden(t, name+" Sprint", fmt.Sprint(v))
		assertHidden(t, name+" Sprintln", fmt.Sprintln(v))
	}
	for _, tc := range []struct{ verb, want string }{
		{"%v", "[REDACTED]"}, {"%s", "[REDACTED]"}, {"%+v", "[REDACTED]"},
		{"%q", `"[REDACTED]"`}, {"%#v", `"[REDACTED]"`},
	} {
		if got := fmt.Sprintf(tc.verb, cc.Profile.Password); got != tc.want {
			t.Errorf("Sprintf(%q, secret) = %q, want %q", tc.verb, got, tc.want)
		}
	}
	if s := cc.Profile.Password.String(); s != callcenter.Redacted {
		t.Errorf("String() = %q", s)
	}
	if s := cc.Profile.Password.GoString(); s != `"[REDACTED]"` {
		t.Errorf("GoString() = %q", s)
	}
	var empty callcenter.Secret
	if got := fmt.Sprintf("%v|%q", empty, empty); got != `|""` {
		t.Errorf("empty secret prints %q", got)
	}
	if got := fmt.Sprintf("%+v", cc.Profile); !strings.Contains(got, "Password:[REDACTED]") {
		t.Errorf("%%+v of Profile = %s, want Password:[REDACTED]", got)
	}
	// Validation errors never carry the password either.
	long := secretCenter()
	long.Profile.Password = callcenter.Secret(strings.Repeat(secretValue, 4))
	err := long.Validate()
	if err == nil {
		t.Fatal("61+ character password accepted")
	}
	assertHidden(t, "Validate error", err.Error())
}

func TestSecretJSON(t *testing.T) {
	cc := secretCenter()
	b, err := json.Marshal(cc)
	if err != nil {
		t.Fatal(err)
	}
	assertHidden(t, "json.Marshal", string(b))
	if !strings.Contains(string(b), `"password":"[REDACTED]"`) {
		t.Errorf("json.Marshal = %s, want \"password\":\"[REDACTED]\"", b)
	}
	b, _ = json.Marshal(cc.Profile.Password)
	if string(b) != `"[REDACTED]"` {
		t.Errorf("json.Marshal(secret) = %s", b)
	}
	// An empty password is left out.
	b, _ = json.Marshal(callcenter.Profile{Name: "x"})
	if strings.Contains(string(b), "password") {
		t.Errorf("empty password marshalled: %s", b)
	}

	// Decoding keeps the secretValue value.
	var s callcenter.Secret
	if err := json.Unmarshal([]byte(`"`+secretValue+`"`), &s); err != nil || string(s) != secretValue {
		t.Errorf("Unmarshal into Secret = %q, %v", string(s), err)
	}
	var p callcenter.Profile
	if err := json.Unmarshal([]byte(`{"password":"`+secretValue+`"}`), &p); err != nil || string(p.Password) != secretValue {
		t.Errorf("Unmarshal into Profile: password %q, %v", string(p.Password), err)
	}
}

func TestSecretSlog(t *testing.T) {
	cc := secretCenter()
	if v := cc.Profile.Password.LogValue(); v.Kind() != slog.KindString || v.String() != callcenter.Redacted {
		t.Errorf("LogValue() = %v", v)
	}
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(h(&buf))
		log.Info("x", "cc", cc)
		log.Info("x", "ptr", &cc, "profile", cc.Profile, "pw", cc.Profile.Password)
		log.Info("x", slog.Any("pw", cc.Profile.Password), slog.Group("g", "cc", cc))
		out := buf.String()
		assertHidden(t, name+" slog", out)
		if !strings.Contains(out, "[REDACTED]") {
			t.Errorf("%s slog output lacks [REDACTED]: %s", name, out)
		}
	}
}
