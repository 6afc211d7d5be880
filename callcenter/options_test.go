package callcenter_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

const (
	B = callcenter.Basic
	S = callcenter.Standard
	P = callcenter.Premium
)

// wantOptions is the column table of reference 000, with the R25 type and
// limits of each column, hard-coded so that any change to
// callcenter.Columns() breaks this test (TestLimitsMatchSchemaR25 checks
// the limits against the schema itself).
var wantOptions = []option{
	{"serviceProviderId", true, B, "ServiceProviderId", 1, 30},
	{"groupId", true, B, "GroupId", 1, 30},
	{"serviceUserId", true, B, "UserId", 1, 161},
	{"serviceInstanceProfile.name", true, B, "ServiceInstanceProfileName", 1, 30},
	{"serviceInstanceProfile.callingLineIdLastName", true, B, "CallingLineIdLastName", 1, 30},
	{"serviceInstanceProfile.callingLineIdFirstName", true, B, "CallingLineIdFirstName", 1, 30},
	{"serviceInstanceProfile.password", true, B, "Password", 1, 60},
	{"serviceInstanceProfile.hiraganaLastName", false, B, "HiraganaLastName", 1, 30},
	{"serviceInstanceProfile.hiraganaFirstName", false, B, "HiraganaFirstName", 1, 30},
	{"serviceInstanceProfile.phoneNumber", false, B, "DN", 1, 23},
	{"serviceInstanceProfile.extension", false, B, "Extension17", 2, 20},
	{"serviceInstanceProfile.language", false, B, "Language", 1, 40},
	{"serviceInstanceProfile.timeZone", false, B, "TimeZone", 1, 127},
	{"serviceInstanceProfile.publicUserIdentity", false, B, "SIPURI", 1, 161},
	{"serviceInstanceProfile.callingLineIdPhoneNumber", false, B, "DN", 1, 23},
	{"serviceInstanceProfile.department.name", false, B, "DepartmentName", 1, 50},
	{"serviceInstanceProfile.department.level", false, B, "", 0, 0},
	{"type", true, B, "CallCenterType", 0, 0},
	{"policy", true, B, "HuntPolicy", 0, 0},
	{"enableVideo", false, B, "xs:boolean", 0, 0},
	{"queueLength", false, B, "CallCenterQueueLength16", 0, 525},
	{"allowCallerToDialEscapeDigit", false, B, "xs:boolean", 0, 0},
	{"escapeDigit", false, B, "DtmfDigit", 1, 1},
	{"resetCallStatisticsUponEntryInQueue", false, B, "xs:boolean", 0, 0},
	{"allowAgentLogoff", false, B, "xs:boolean", 0, 0},
	{"allowCallWaitingForAgents", false, B, "xs:boolean", 0, 0},
	{"externalPreferredAudioCodec", false, B, "AudioFileCodec22", 0, 0},
	{"internalPreferredAudioCodec", false, B, "AudioFileCodec22", 0, 0},
	{"playRingingWhenOfferingCall", false, B, "xs:boolean", 0, 0},
	{"routingType", false, P, "CallCenterRoutingType", 0, 0},
	{"enableReporting", false, S, "xs:boolean", 0, 0},
	{"allowCallsToAgentsInWrapUp", false, S, "xs:boolean", 0, 0},
	{"overrideAgentWrapUpTime", false, S, "xs:boolean", 0, 0},
	{"wrapUpSeconds", false, S, "CallCenterWrapUpSeconds", 1, 3600},
	{"forceDeliveryOfCalls", false, P, "xs:boolean", 0, 0},
	{"forceDeliveryWaitTimeSeconds", false, P, "CallCenterForceDeliveryWaitTimeSeconds", 1, 10},
	{"enableAutomaticStateChangeForAgents", false, S, "xs:boolean", 0, 0},
	{"agentStateAfterCall", false, S, "AgentACDAutomaticState", 0, 0},
	{"agentUnavailableCode", false, S, "CallCenterAgentUnavailableCode", 1, 10},
	{"networkClassOfService", false, B, "NetworkClassOfServiceName", 1, 40},
}

// option is the part of a callcenter.Column that wantOptions fixes (the
// words, Description and Allowed, are checked by TestColumnsDescribed).
type option struct {
	Field      string
	Required   bool
	MinType    callcenter.Type
	SchemaType string
	Min, Max   int
}

func optionOf(c callcenter.Column) option {
	return option{c.Field, c.Required, c.MinType, c.SchemaType, c.Min, c.Max}
}

// sample holds a valid, non-default CSV value for every column.
var sample = map[string]string{
	"serviceProviderId":           "OtherSP",
	"groupId":                     "OtherGroup",
	"serviceUserId":               "other@example.com",
	"serviceInstanceProfile.name": "Other Center",
	"serviceInstanceProfile.callingLineIdLastName":    "Other",
	"serviceInstanceProfile.callingLineIdFirstName":   "Centre",
	"serviceInstanceProfile.password":                 "other-password",
	"serviceInstanceProfile.hiraganaLastName":         "セールス",
	"serviceInstanceProfile.hiraganaFirstName":        "センター",
	"serviceInstanceProfile.phoneNumber":              "+81355555555",
	"serviceInstanceProfile.extension":                "5000",
	"serviceInstanceProfile.language":                 "Japanese",
	"serviceInstanceProfile.timeZone":                 "Asia/Tokyo",
	"serviceInstanceProfile.publicUserIdentity":       "sip:sales@domain.com",
	"serviceInstanceProfile.callingLineIdPhoneNumber": "+81355555555",
	"serviceInstanceProfile.department.name":          "Support",
	"serviceInstanceProfile.department.level":         "enterprise",
	"type":                                "", // filled with the call center's own type
	"policy":                              "Weighted Call Distribution",
	"enableVideo":                         "true",
	"queueLength":                         "10",
	"allowCallerToDialEscapeDigit":        "true",
	"escapeDigit":                         "#",
	"resetCallStatisticsUponEntryInQueue": "false",
	"allowAgentLogoff":                    "false",
	"allowCallWaitingForAgents":           "false",
	"externalPreferredAudioCodec":         "G711",
	"internalPreferredAudioCodec":         "amr-wb",
	"playRingingWhenOfferingCall":         "false",
	"routingType":                         "Skill Based",
	"enableReporting":                     "true",
	"allowCallsToAgentsInWrapUp":          "true",
	"overrideAgentWrapUpTime":             "true",
	"wrapUpSeconds":                       "30",
	"forceDeliveryOfCalls":                "false",
	"forceDeliveryWaitTimeSeconds":        "9",
	"enableAutomaticStateChangeForAgents": "true",
	"agentStateAfterCall":                 "wrap up",
	"agentUnavailableCode":                "3",
	"networkClassOfService":               "Premium",
}

func TestOptionsTable(t *testing.T) {
	got := callcenter.Columns()
	gotOptions := make([]option, len(got))
	for i, c := range got {
		gotOptions[i] = optionOf(c)
	}
	if !slices.Equal(gotOptions, wantOptions) {
		for i := range max(len(got), len(wantOptions)) {
			var g, w option
			if i < len(got) {
				g = gotOptions[i]
			}
			if i < len(wantOptions) {
				w = wantOptions[i]
			}
			if g != w {
				t.Errorf("Columns()[%d] = %+v, want %+v", i, g, w)
			}
		}
	}
	// Options returns a copy: changing it does not change the table.
	got[0].MinType = P
	if callcenter.Columns()[0].MinType != B {
		t.Error("Columns() shares its backing array with the package table")
	}
	if len(sample) != len(wantOptions) {
		t.Errorf("sample has %d entries, want %d", len(sample), len(wantOptions))
	}
}

// TestOptionPerType sets every option on a valid call center of each type:
// it must validate iff the type is at least the option's MinType, and
// otherwise exactly that field must be reported.
func TestOptionPerType(t *testing.T) {
	for _, o := range wantOptions {
		for _, typ := range []callcenter.Type{B, S, P} {
			t.Run(o.Field+"/"+string(typ), func(t *testing.T) {
				v, ok := sample[o.Field]
				if !ok {
					t.Fatalf("no sample value for %s", o.Field)
				}
				if o.Field == "type" {
					v = string(typ)
				}
				cc := base(typ)
				if err := cc.Validate(); err != nil {
					t.Fatalf("base %s call center invalid: %v", typ, err)
				}
				if err := cc.Set(o.Field, v); err != nil {
					t.Fatalf("Set(%q, %q) = %v", o.Field, v, err)
				}
				if o.Field == "serviceInstanceProfile.department.level" {
					cc.Profile.Department.Name = "Support" // a level needs a name
				}
				if !slices.Contains(cc.SetFields(), o.Field) {
					t.Errorf("SetFields() = %v lacks %s", cc.SetFields(), o.Field)
				}
				allowed := typ.AtLeast(o.MinType)
				if allowed != typ.Allows(o.Field) {
					t.Errorf("%s.Allows(%q) = %v, want %v", typ, o.Field, !allowed, allowed)
				}
				wantAllowed := map[callcenter.Type]bool{B: o.MinType == B, S: o.MinType != P, P: true}[typ]
				if allowed != wantAllowed {
					t.Errorf("%s.AtLeast(%s) = %v, want %v", typ, o.MinType, allowed, wantAllowed)
				}
				err := cc.Validate()
				if allowed {
					if err != nil {
						t.Errorf("Validate() = %v, want nil", err)
					}
					return
				}
				if got := errorFields(t, err); !slices.Equal(got, []string{o.Field}) {
					t.Errorf("Validate() reports %v, want exactly [%s] (err %v)", got, o.Field, err)
				}
				if !validationError(t, err).Has(o.Field) {
					t.Errorf("Has(%q) = false", o.Field)
				}
			})
		}
	}
}

func TestTypeOrder(t *testing.T) {
	for _, tc := range []struct {
		t, min callcenter.Type
		want   bool
	}{
		{B, B, true}, {B, S, false}, {B, P, false},
		{S, B, true}, {S, S, true}, {S, P, false},
		{P, B, true}, {P, S, true}, {P, P, true},
		{"Gold", B, false}, {"", B, false}, {"basic", B, false},
	} {
		if got := tc.t.AtLeast(tc.min); got != tc.want {
			t.Errorf("%q.AtLeast(%q) = %v, want %v", tc.t, tc.min, got, tc.want)
		}
	}
}

func TestIsFieldAndAliasColumns(t *testing.T) {
	for _, o := range wantOptions {
		if !callcenter.IsField(o.Field) {
			t.Errorf("IsField(%q) = false", o.Field)
		}
	}
	for name, want := range map[string]bool{
		fmt.Sprintf(callcenter.AliasField, 0): true,
		"serviceInstanceProfile.alias[2]":     true,
		"serviceInstanceProfile.alias[10]":    true,
		"serviceInstanceProfile.alias[01]":    false,
		"serviceInstanceProfile.alias[-1]":    false,
		"serviceInstanceProfile.alias[x]":     false,
		"serviceInstanceProfile.alias[]":      false,
		"serviceInstanceProfile.alias":        false,
		"operation":                           false,
		"wrap_up_seconds":                     false,
		"":                                    false,
	} {
		if got := callcenter.IsField(name); got != want {
			t.Errorf("IsField(%q) = %v, want %v", name, got, want)
		}
		for _, typ := range []callcenter.Type{B, S, P} {
			if got := typ.Allows(name); got != want {
				t.Errorf("%s.Allows(%q) = %v, want %v", typ, name, got, want)
			}
		}
	}
	if callcenter.Type("Gold").Allows("enableVideo") {
		t.Error(`Type("Gold").Allows("enableVideo") = true`)
	}
}

// TestColumnsDescribed: every column says what it is and which values it
// takes, and its Default is what ApplyDefaults gives a call center that
// lacks it (and no column without a Default gets one).
func TestColumnsDescribed(t *testing.T) {
	var cc callcenter.CallCenter
	cc.ApplyDefaults()
	defaults := 0
	for _, c := range callcenter.Columns() {
		if c.Description == "" || c.Allowed == "" {
			t.Errorf("%s: Description %q, Allowed %q", c.Field, c.Description, c.Allowed)
		}
		if got := cc.Get(c.Field); got != c.Default {
			t.Errorf("%s: ApplyDefaults gives %q, the column's Default is %q", c.Field, got, c.Default)
		}
		if cc.IsSet(c.Field) != (c.Default != "") || (&callcenter.CallCenter{}).IsSet(c.Field) {
			t.Errorf("%s: IsSet %v after ApplyDefaults", c.Field, cc.IsSet(c.Field))
		}
		if c.Default != "" {
			defaults++
		}
	}
	// Reference 000's defaults: three profile names and twelve options.
	if defaults != 15 {
		t.Errorf("%d columns have a default, want 15", defaults)
	}
	for field, want := range map[string]string{
		"policy":                             "Circular, Regular, Simultaneous, Uniform or Weighted (also Similtaneous, Weighted Call Distribution); any case",
		"queueLength":                        "0 to 525",
		"enableVideo":                        "true or false",
		"serviceInstanceProfile.name":        "1 to 30 characters",
		"escapeDigit":                        "one digit: 0-9, * or #",
		"serviceUserId":                      "user@domain, 1 to 161 characters",
		"serviceInstanceProfile.extension":   "digits (spaces, dashes, dots and brackets are removed), 2 to 20 characters",
		"serviceInstanceProfile.phoneNumber": "digits; an E.164 number starts with + and the country code (2125550110, +12125550110 or +1-2125550110); spaces, dashes, dots and brackets are removed, 1 to 23 characters",
	} {
		for _, c := range callcenter.Columns() {
			if c.Field == field && c.Allowed != want {
				t.Errorf("%s: Allowed %q, want %q", field, c.Allowed, want)
			}
		}
	}
	withAlias := callcenter.CallCenter{Profile: callcenter.Profile{Aliases: []string{"a@b"}}}
	for _, a := range callcenter.AliasColumns() {
		if withAlias.IsSet(a.Field) != (a.Field == "serviceInstanceProfile.alias[0]") || !callcenter.IsField(a.Field) || a.Description == "" || a.Allowed == "" {
			t.Errorf("alias column %+v", a)
		}
	}
	if withAlias.IsSet("nope") {
		t.Error(`IsSet("nope")`)
	}
	for min, want := range map[callcenter.Type]string{B: "all", S: "Standard, Premium", P: "Premium"} {
		if got := (callcenter.Column{MinType: min}).Types(); got != want {
			t.Errorf("Types() of a %s column = %q, want %q", min, got, want)
		}
	}
}

// TestNumbersNormalized: Normalize removes the separators people and
// spreadsheets write in phone numbers and extensions, keeps BroadWorks'
// +CC- notation, and leaves anything else for Validate to refuse with the
// rule.
func TestNumbersNormalized(t *testing.T) {
	for _, tc := range []struct {
		in, phone string // phone: "" when Validate must refuse it
		ext       bool   // tried as an extension instead
	}{
		{in: "2125550110", phone: "2125550110"},
		{in: "212 555 0110", phone: "2125550110"},
		{in: "(212) 555-0110", phone: "2125550110"},
		{in: "212.555.0110", phone: "2125550110"},
		{in: "+81355555555", phone: "+81355555555"},
		{in: "+81 3 5555 5555", phone: "+81355555555"},
		{in: "+1 (212) 555-0110", phone: "+12125550110"},
		{in: "+1-2125550110", phone: "+1-2125550110"},
		{in: "+1-212-555-0110", phone: "+1-2125550110"},
		{in: "+81-3-5555-5555", phone: "+81-355555555"},
		{in: "212\u00a0555\u00a00110", phone: "2125550110"},
		{in: "2.12555E+09"},
		{in: "212-555-CALL"},
		{in: "+"},
		{in: "1+2"},
		{in: "--"},
		{in: "ext. 5000", ext: true},
		{in: "50-00", phone: "5000", ext: true},
		{in: "(50) 00", phone: "5000", ext: true},
		{in: "+5000", ext: true},
		// Forms whose separators are not separators: removing them makes
		// another number (a spreadsheet's decimals add a digit; the
		// bracketed trunk 0 is not dialled from abroad).
		{in: "2125550110.0"},
		{in: "2125550110.00"},
		{in: "+12125550110.0"},
		{in: "5000.0", ext: true},
		{in: "+44 (0)20 7946 0958"},
		{in: "+44(0)2079460958"},
		{in: "+49 ( 0 ) 30 1234567"},
		{in: "(020) 7946 0958", phone: "02079460958"},
		{in: "555.0110", phone: "5550110"},
	} {
		cc := base(B)
		field := "serviceInstanceProfile.phoneNumber"
		if tc.ext {
			field = "serviceInstanceProfile.extension"
		}
		if err := cc.Set(field, tc.in); err != nil {
			t.Fatal(err)
		}
		cc.Normalize()
		got := cc.Get(field)
		err := cc.Validate()
		switch {
		case tc.phone == "" && err == nil:
			t.Errorf("%s %q: normalized to %q and valid, want refused", field, tc.in, got)
		case tc.phone == "" && !strings.Contains(err.Error(), fmt.Sprintf("%q is not", tc.in)):
			t.Errorf("%s %q: %v, want the value and the rule", field, tc.in, err)
		case tc.phone != "" && (got != tc.phone || err != nil):
			t.Errorf("%s %q: normalized to %q (%v), want %q", field, tc.in, got, err, tc.phone)
		}
	}
}
