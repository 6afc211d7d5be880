package callcenter_test

import (
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// identityCases are the service user id pairs the identity rule decides,
// with the answer BroadWorks gives (see callcenter.UserIDKey). The fakes'
// tests and bulk's run the same table.
var identityCases = []struct {
	a, b string
	same bool
}{
	{"sales@example.com", "sales@example.com", true},
	{"sales@example.com", "SALES@EXAMPLE.COM", true},
	{"Sales@Example.com", "sALES@eXAMPLE.COM", true},
	{" sales@example.com", "sales@example.com", true},
	{"sales@example.com  ", "sales@example.com", true},
	{"\tsales@example.com\n", "sales@example.com", true},
	{"sales@example.com", "sales@example.co", false},
	{"sales@example.com", "sales@@example.com", false},
	{"sales1@example.com", "sales2@example.com", false},
	{"ÉQUIPE@example.com", "équipe@example.com", true},
	{"straße@example.com", "STRASSE@example.com", false},    // one character at a time: ß is not "ss"
	{"\u212Aelvin@example.com", "kelvin@example.com", true}, // the Kelvin sign folds to k
	{"a b@example.com", "a  b@example.com", true},           // runs of spaces collapse (such ids are invalid anyway)
	{"ab@example.com", "a b@example.com", false},
	{"", "", true},
	{" ", "", true},
}

func TestUserIDKey(t *testing.T) {
	for _, c := range identityCases {
		if got := callcenter.SameUserID(c.a, c.b); got != c.same {
			t.Errorf("SameUserID(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
		if got := callcenter.UserIDKey(c.a) == callcenter.UserIDKey(c.b); got != c.same {
			t.Errorf("UserIDKey(%q) = %q, UserIDKey(%q) = %q: equal %v, want %v", c.a, callcenter.UserIDKey(c.a), c.b, callcenter.UserIDKey(c.b), got, c.same)
		}
		// The key is its own key.
		if k := callcenter.UserIDKey(c.a); callcenter.UserIDKey(k) != k {
			t.Errorf("UserIDKey(UserIDKey(%q)) = %q, want %q", c.a, callcenter.UserIDKey(k), k)
		}
	}
	if got := callcenter.UserIDKey("  Mixed  Case@X.com "); got != "mixed case@x.com" {
		t.Errorf("UserIDKey = %q", got)
	}
}

func TestUserIDKeyPlainDoesNotAllocate(t *testing.T) {
	id := "cc123@example.com"
	if n := testing.AllocsPerRun(100, func() { _ = callcenter.UserIDKey(id) }); n != 0 {
		t.Errorf("UserIDKey of a lower-case ASCII id: %v allocations, want 0", n)
	}
}

func FuzzUserIDKey(f *testing.F) {
	for _, c := range identityCases {
		f.Add(c.a)
	}
	f.Fuzz(func(t *testing.T, id string) {
		k := callcenter.UserIDKey(id)
		if callcenter.UserIDKey(k) != k {
			t.Fatalf("UserIDKey is not idempotent on %q: %q then %q", id, k, callcenter.UserIDKey(k))
		}
		if !callcenter.SameUserID(id, " "+id+"\t") {
			t.Fatalf("surrounding spaces made %q another id", id)
		}
	})
}

func TestUnset(t *testing.T) {
	cc := callcenter.CallCenter{ServiceUserID: "a@x", WrapUpSeconds: new(30), EnableVideo: new(true), Policy: callcenter.Uniform,
		Profile: callcenter.Profile{PhoneNumber: "123", Aliases: []string{"a@h", "b@h", "c@h"}, Department: callcenter.Department{Name: "D"}}}
	for _, f := range []string{"wrapUpSeconds", "enableVideo", "policy", "serviceInstanceProfile.phoneNumber", "serviceInstanceProfile.department.name", "serviceInstanceProfile.alias[1]"} {
		if err := cc.Unset(f); err != nil {
			t.Fatal(err)
		}
		if cc.Get(f) != "" && f != "serviceInstanceProfile.alias[1]" {
			t.Errorf("after Unset(%q): %q", f, cc.Get(f))
		}
	}
	if cc.WrapUpSeconds != nil || cc.EnableVideo != nil || cc.Policy != "" || cc.Profile.PhoneNumber != "" || cc.Profile.Department.Name != "" {
		t.Errorf("not unset: %+v", cc)
	}
	if got := cc.Profile.Aliases; len(got) != 2 || got[0] != "a@h" || got[1] != "c@h" {
		t.Errorf("aliases after Unset(alias[1]): %q", got)
	}
	if err := cc.Unset("colour"); err == nil {
		t.Error("Unset of an unknown field: no error")
	}
}
