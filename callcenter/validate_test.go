package callcenter_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// TestRangesAndFormats sets one value through Set on a valid Premium call
// center (which accepts every option) and checks that Validate reports
// exactly that field iff the value is invalid.
func TestRangesAndFormats(t *testing.T) {
	const pfx = "serviceInstanceProfile."
	r := strings.Repeat
	for _, tc := range []struct {
		field, value string
		ok           bool
	}{
		{"queueLength", "-1", false}, {"queueLength", "0", true}, {"queueLength", "525", true}, {"queueLength", "526", false},
		{"wrapUpSeconds", "0", false}, {"wrapUpSeconds", "1", true}, {"wrapUpSeconds", "3600", true}, {"wrapUpSeconds", "3601", false},
		{"forceDeliveryWaitTimeSeconds", "0", false}, {"forceDeliveryWaitTimeSeconds", "1", true},
		{"forceDeliveryWaitTimeSeconds", "10", true}, {"forceDeliveryWaitTimeSeconds", "11", false},
		{"escapeDigit", "0", true}, {"escapeDigit", "9", true}, {"escapeDigit", "*", true}, {"escapeDigit", "#", true},
		{"escapeDigit", "10", false}, {"escapeDigit", "a", false}, {"escapeDigit", "##", false}, {"escapeDigit", " ", false}, // only spaces: refused, never sent as an empty xs:token
		{"serviceInstanceProfile.name", "   ", false}, {"serviceUserId", "a\x00b@example.com", false}, {"serviceUserId", "a\nb@example.com", false},
		{"serviceInstanceProfile.name", "  " + strings.Repeat("x", 30) + "  ", true}, {"serviceInstanceProfile.name", strings.Repeat("x ", 15) + "y", false},
		{"escapeDigit", "３", false},
		{"serviceUserId", "user@domain", true}, {"serviceUserId", "a@b.example.com", true},
		{"serviceUserId", "user", false}, {"serviceUserId", "@domain", false}, {"serviceUserId", "user@", false},
		{"serviceUserId", "a@b@c", false}, {"serviceUserId", "a b@c", false},
		{"serviceUserId", r("u", 150) + "@" + r("d", 10), true}, {"serviceUserId", r("u", 150) + "@" + r("d", 11), false},
		{"serviceProviderId", r("s", 30), true}, {"serviceProviderId", r("s", 31), false},
		{"groupId", r("g", 30), true}, {"groupId", r("g", 31), false},
		{pfx + "name", r("n", 30), true}, {pfx + "name", r("n", 31), false},
		{pfx + "name", r("あ", 30), true}, {pfx + "name", r("あ", 31), false},
		{pfx + "name", "two\nlines", false},
		{pfx + "callingLineIdLastName", r("x", 30), true}, {pfx + "callingLineIdLastName", r("x", 31), false},
		{pfx + "callingLineIdFirstName", r("せ", 30), true}, {pfx + "callingLineIdFirstName", r("せ", 31), false},
		{pfx + "hiraganaLastName", r("せ", 30), true}, {pfx + "hiraganaLastName", r("せ", 31), false},
		{pfx + "hiraganaFirstName", r("ン", 30), true}, {pfx + "hiraganaFirstName", r("ン", 31), false},
		{pfx + "password", r("p", 60), true}, {pfx + "password", r("p", 61), false},
		{pfx + "extension", "1", false}, {pfx + "extension", "12", true},
		{pfx + "extension", r("1", 20), true}, {pfx + "extension", r("1", 21), false},
		{pfx + "phoneNumber", r("1", 23), true}, {pfx + "phoneNumber", r("1", 24), false},
		{pfx + "callingLineIdPhoneNumber", r("1", 23), true}, {pfx + "callingLineIdPhoneNumber", r("1", 24), false},
		{"agentUnavailableCode", r("c", 10), true}, {"agentUnavailableCode", r("c", 11), false},
		{"networkClassOfService", r("n", 40), true}, {"networkClassOfService", r("n", 41), false},
		{pfx + "department.name", r("d", 50), true}, {pfx + "department.name", r("d", 51), false}, // R25's DepartmentName
		{pfx + "department.name", "   ", false}, {pfx + "phoneNumber", "  ", false}, {pfx + "language", " ", false},
		{pfx + "timeZone", r("t", 127), true}, {pfx + "timeZone", r("t", 128), false},
		{pfx + "language", r("l", 40), true}, {pfx + "language", r("l", 41), false},
		{pfx + "publicUserIdentity", r("p", 161), true}, {pfx + "publicUserIdentity", r("p", 162), false},
		{pfx + "alias[0]", "sales-cc@domain.com", true},
		{pfx + "alias[0]", "sip:sales-cc@domain.com", false}, {pfx + "alias[0]", "SIP:sales-cc@domain.com", false},
		{pfx + "alias[0]", "sales-cc", false}, {pfx + "alias[0]", "a@b@c", false},
		{pfx + "alias[0]", "@b", false}, {pfx + "alias[0]", "a@", false}, {pfx + "alias[0]", "a b@c", false},
	} {
		cc := base(callcenter.Premium)
		if err := cc.Set(tc.field, tc.value); err != nil {
			t.Errorf("Set(%q, %q) = %v", tc.field, tc.value, err)
			continue
		}
		err := cc.Validate()
		if tc.ok {
			if err != nil {
				t.Errorf("%s=%q: Validate() = %v, want nil", tc.field, tc.value, err)
			}
			continue
		}
		if got := errorFields(t, err); !slices.Equal(got, []string{tc.field}) {
			t.Errorf("%s=%q: Validate() reports %v, want [%s]", tc.field, tc.value, got, tc.field)
		}
	}
}

func TestAliases(t *testing.T) {
	const pfx = "serviceInstanceProfile."
	for _, tc := range []struct {
		aliases []string
		want    []string
	}{
		{nil, nil},
		{[]string{"a@x", "b@x", "c@x"}, nil},
		{[]string{"a@x", "b@x", "c@x", "d@x"}, []string{pfx + "alias"}},
		{[]string{"a@x", "sip:b@x", "c"}, []string{pfx + "alias[1]", pfx + "alias[2]"}},
		{[]string{"a@x", "b@x", "c@x", "sip:d@x"}, []string{pfx + "alias", pfx + "alias[3]"}},
	} {
		cc := base(callcenter.Basic)
		cc.Profile.Aliases = tc.aliases
		if got := errorFields(t, cc.Validate()); !slices.Equal(got, tc.want) {
			t.Errorf("aliases %q: Validate reports %v, want %v", tc.aliases, got, tc.want)
		}
	}
}

// TestRequiredAllAtOnce: missing required fields are reported together in one
// ValidationError.
func TestRequiredAllAtOnce(t *testing.T) {
	var cc callcenter.CallCenter
	cc.ApplyDefaults()
	err := cc.Validate()
	ve := validationError(t, err)
	want := []string{"groupId", "serviceInstanceProfile.password", "serviceProviderId", "serviceUserId"}
	if got := errorFields(t, err); !slices.Equal(got, want) {
		t.Errorf("Validate reports %v, want %v", got, want)
	}
	if len(ve.Errors) != len(want) {
		t.Errorf("got %d errors, want %d: %v", len(ve.Errors), len(want), ve)
	}
	for _, fe := range ve.Errors {
		if fe.Message != "is required" {
			t.Errorf("%s: message %q, want %q", fe.Field, fe.Message, "is required")
		}
		if !strings.Contains(err.Error(), fe.Field+": is required") {
			t.Errorf("Error() = %q lacks %s", err, fe.Field)
		}
	}
	if ve.Has("type") || ve.Has("policy") {
		t.Error("type/policy reported although defaulted")
	}

	// Without defaults, every required column of the table is reported.
	var wantAll []string
	for _, o := range wantOptions {
		if o.Required {
			wantAll = append(wantAll, o.Field)
		}
	}
	slices.Sort(wantAll)
	if got := errorFields(t, callcenter.CallCenter{}.Validate()); !slices.Equal(got, wantAll) {
		t.Errorf("Validate of zero CallCenter reports %v, want %v", got, wantAll)
	}

	// Problems of different kinds come together too.
	mixed := base(callcenter.Basic)
	mixed.Profile.Password = ""
	mixed.QueueLength = new(600)
	mixed.RoutingType = callcenter.SkillBased
	mixed.Profile.Aliases = []string{"sip:x@y"}
	want = []string{"queueLength", "routingType", "serviceInstanceProfile.alias[0]", "serviceInstanceProfile.password"}
	if got := errorFields(t, mixed.Validate()); !slices.Equal(got, want) {
		t.Errorf("Validate reports %v, want %v", got, want)
	}
}

func TestSetErrors(t *testing.T) {
	for _, tc := range []struct{ field, value string }{
		{"enableVideo", "yes"}, {"enableReporting", "1"}, {"forceDeliveryOfCalls", "no"},
		{"queueLength", "3x"}, {"wrapUpSeconds", "thirty"}, {"forceDeliveryWaitTimeSeconds", "9.5"},
		{"unknownColumn", "x"}, {"unknownColumn", ""}, {"operation", "call.center.create"},
		{"serviceInstanceProfile.alias[x]", "a@b"},
	} {
		var cc callcenter.CallCenter
		err := cc.Set(tc.field, tc.value)
		var fe callcenter.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("Set(%q, %q) = %v, want a FieldError", tc.field, tc.value, err)
			continue
		}
		if fe.Field != tc.field || !strings.HasPrefix(err.Error(), tc.field+": ") {
			t.Errorf("Set(%q, %q) error %q does not name the field", tc.field, tc.value, err)
		}
		if tc.value != "" && !strings.Contains(err.Error(), tc.value) && tc.field != "unknownColumn" && tc.field != "operation" &&
			!strings.HasPrefix(tc.field, "serviceInstanceProfile.alias") {
			t.Errorf("Set(%q, %q) error %q does not quote the value", tc.field, tc.value, err)
		}
		if len(cc.SetFields()) != 0 {
			t.Errorf("failed Set(%q, %q) set %v", tc.field, tc.value, cc.SetFields())
		}
	}
}

func TestSetValues(t *testing.T) {
	var cc callcenter.CallCenter
	// An empty value leaves every field unset.
	for _, o := range wantOptions {
		if err := cc.Set(o.Field, ""); err != nil {
			t.Errorf("Set(%q, \"\") = %v", o.Field, err)
		}
	}
	if got := cc.SetFields(); len(got) != 0 {
		t.Errorf("Set with empty values set %v", got)
	}
	// An empty value does not clear a value either.
	cc.WrapUpSeconds = new(30)
	if err := cc.Set("wrapUpSeconds", ""); err != nil || cc.WrapUpSeconds == nil || *cc.WrapUpSeconds != 30 {
		t.Errorf("Set(wrapUpSeconds, \"\") changed the value: %v", err)
	}

	for _, tc := range []struct {
		field, value string
		get          func(*callcenter.CallCenter) any
		want         any
	}{
		{"enableVideo", "TRUE", func(c *callcenter.CallCenter) any { return *c.EnableVideo }, true},
		{"enableVideo", "False", func(c *callcenter.CallCenter) any { return *c.EnableVideo }, false},
		{"enableReporting", "false", func(c *callcenter.CallCenter) any { return *c.EnableReporting }, false},
		{"queueLength", "0", func(c *callcenter.CallCenter) any { return *c.QueueLength }, 0},
		{"queueLength", " 12 ", func(c *callcenter.CallCenter) any { return *c.QueueLength }, 12},
		{"wrapUpSeconds", "30", func(c *callcenter.CallCenter) any { return *c.WrapUpSeconds }, 30},
		{"forceDeliveryWaitTimeSeconds", "9", func(c *callcenter.CallCenter) any { return *c.ForceDeliveryWaitTimeSeconds }, 9},
		{"serviceInstanceProfile.password", "p@ss", func(c *callcenter.CallCenter) any { return string(c.Profile.Password) }, "p@ss"},
		{"serviceInstanceProfile.name", "ヘルプ", func(c *callcenter.CallCenter) any { return c.Profile.Name }, "ヘルプ"},
		{"serviceUserId", "a@b", func(c *callcenter.CallCenter) any { return c.ServiceUserID }, "a@b"},
		{"escapeDigit", "*", func(c *callcenter.CallCenter) any { return c.EscapeDigit }, "*"},
	} {
		var cc callcenter.CallCenter
		if err := cc.Set(tc.field, tc.value); err != nil {
			t.Errorf("Set(%q, %q) = %v", tc.field, tc.value, err)
			continue
		}
		if got := tc.get(&cc); got != tc.want {
			t.Errorf("Set(%q, %q) stored %v, want %v", tc.field, tc.value, got, tc.want)
		}
	}

	// Alias columns append their non-empty values in order.
	var al callcenter.CallCenter
	for _, kv := range [][2]string{
		{"serviceInstanceProfile.alias[0]", "sales-cc@x"},
		{"serviceInstanceProfile.alias[1]", ""},
		{"serviceInstanceProfile.alias[2]", "sales-cc1@x"},
	} {
		if err := al.Set(kv[0], kv[1]); err != nil {
			t.Errorf("Set(%q, %q) = %v", kv[0], kv[1], err)
		}
	}
	if want := []string{"sales-cc@x", "sales-cc1@x"}; !slices.Equal(al.Profile.Aliases, want) {
		t.Errorf("Aliases = %q, want %q", al.Profile.Aliases, want)
	}
	if want := []string{"serviceInstanceProfile.alias[0]", "serviceInstanceProfile.alias[1]"}; !slices.Equal(al.SetFields(), want) {
		t.Errorf("SetFields() = %v, want %v", al.SetFields(), want)
	}
}

func TestErrorStrings(t *testing.T) {
	fe := &callcenter.FieldError{Field: "wrapUpSeconds", Message: "is required"}
	if got := fe.Error(); got != "wrapUpSeconds: is required" {
		t.Errorf("FieldError.Error() = %q", got)
	}
	ve := &callcenter.ValidationError{Errors: []callcenter.FieldError{*fe, {Field: "groupId", Message: "m"}}}
	if got, want := ve.Error(), "callcenter: invalid call center: wrapUpSeconds: is required; groupId: m"; got != want {
		t.Errorf("ValidationError.Error() = %q, want %q", got, want)
	}
	for subject, want := range map[string]string{
		"apio: create call center request": "apio: invalid create call center request: groupId: m",
		"callcenter: call center staffing": "callcenter: invalid call center staffing: groupId: m",
		"my request":                       "invalid my request: groupId: m",
		"My Tool: request":                 "invalid My Tool: request: groupId: m",
	} {
		ve := &callcenter.ValidationError{Subject: subject, Errors: []callcenter.FieldError{{Field: "groupId", Message: "m"}}}
		if got := ve.Error(); got != want {
			t.Errorf("Subject %q: Error() = %q, want %q", subject, got, want)
		}
	}
	if !ve.Has("groupId") || ve.Has("policy") {
		t.Error("ValidationError.Has is wrong")
	}
}

// TestUnsendableCharactersRefused: a character XML 1.0 cannot carry (U+FFFE,
// U+FFFF), any other noncharacter, and a C1 control character are refused
// in every text field, the password included, naming the field; before,
// U+FFFE and U+FFFF passed and reached the server as U+FFFD, so the
// platform stored another password than the sheet's.
func TestUnsendableCharactersRefused(t *testing.T) {
	const pfx = "serviceInstanceProfile."
	for _, bad := range []struct{ r, want string }{
		{"\ufffe", "U+FFFE"}, {"\uffff", "U+FFFF"}, {"\ufdd0", "noncharacter U+FDD0"}, {"\ufdef", "noncharacter U+FDEF"},
		{"\U0001fffe", "noncharacter U+1FFFE"}, {"\U0010ffff", "noncharacter U+10FFFF"}, {"\u0085", "control character U+0085"},
	} {
		for _, field := range []string{pfx + "password", pfx + "name", pfx + "callingLineIdLastName", pfx + "department.name", "serviceUserId", "agentUnavailableCode"} {
			cc := base(callcenter.Premium)
			value := "ab" + bad.r + "c"
			if field == "serviceUserId" {
				value = "a" + bad.r + "@example.com"
			}
			if err := cc.Set(field, value); err != nil {
				t.Fatal(err)
			}
			err := cc.Validate()
			var ve *callcenter.ValidationError
			if !errors.As(err, &ve) || !ve.Has(field) || !strings.Contains(err.Error(), bad.want) {
				t.Errorf("%s holding %U: %v, want a problem of %s naming %s", field, []rune(bad.r)[0], err, field, bad.want)
			}
		}
	}
	// What XML carries and Unicode allows still passes: U+FFFD itself,
	// private use, the last character before a noncharacter.
	for _, ok := range []string{"a\ufffdb", "a\ue000b", "a\ufdcfb", "a\ufffdb\U0001fffd"} {
		cc := base(callcenter.Premium)
		cc.Profile.Password = callcenter.Secret(ok)
		if err := cc.Validate(); err != nil {
			t.Errorf("password %+q: %v", ok, err)
		}
	}
}
