package callcenter_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// parseCase is one spelling: want "" means the spelling must be rejected.
type parseCase struct{ in, want string }

func checkParse[T ~string](t *testing.T, name string, parse func(string) (T, error), cases []parseCase) {
	t.Helper()
	for _, c := range cases {
		got, err := parse(c.in)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("%s(%q) = %q, want an error", name, c.in, got)
		case c.want == "" && !strings.Contains(err.Error(), c.in):
			t.Errorf("%s(%q) error %q does not quote the value", name, c.in, err)
		case c.want != "" && (err != nil || string(got) != c.want):
			t.Errorf("%s(%q) = %q, %v; want %q", name, c.in, got, err, c.want)
		}
	}
}

func TestParseType(t *testing.T) {
	checkParse(t, "ParseType", callcenter.ParseType, []parseCase{
		{"Basic", "Basic"}, {"basic", "Basic"}, {"BASIC", "Basic"}, {" Standard ", "Standard"},
		{"standard", "Standard"}, {"PREMIUM", "Premium"}, {"pReMiUm", "Premium"},
		{"Gold", ""}, {"", ""}, {"Basics", ""}, {"Prem", ""},
	})
}

func TestParsePolicy(t *testing.T) {
	checkParse(t, "ParsePolicy", callcenter.ParsePolicy, []parseCase{
		{"Circular", "Circular"}, {"circular", "Circular"}, {"REGULAR", "Regular"},
		{"Simultaneous", "Simultaneous"}, {"simultaneous", "Simultaneous"},
		{"Similtaneous", "Simultaneous"}, {"SIMILTANEOUS", "Simultaneous"},
		{"Uniform", "Uniform"}, {"uniform", "Uniform"},
		{"Weighted", "Weighted"}, {"weighted", "Weighted"},
		{"Weighted Call Distribution", "Weighted"}, {"weighted call distribution", "Weighted"},
		{"WEIGHTED CALL DISTRIBUTION", "Weighted"},
		{"Random", ""}, {"", ""}, {"Weighted Call", ""}, {"Priority Based", ""},
	})
}

func TestParseRoutingType(t *testing.T) {
	checkParse(t, "ParseRoutingType", callcenter.ParseRoutingType, []parseCase{
		{"Priority Based", "Priority Based"}, {"priority based", "Priority Based"}, {"PRIORITY BASED", "Priority Based"},
		{"PriorityBased", "Priority Based"}, {"Skill Based", "Skill Based"}, {"skill based", "Skill Based"},
		{"SKILL BASED", "Skill Based"}, {"skillbased", "Skill Based"},
		{"Priority", ""}, {"Skill", ""}, {"", ""}, {"Circular", ""},
	})
}

func TestParseAgentState(t *testing.T) {
	checkParse(t, "ParseAgentState", callcenter.ParseAgentState, []parseCase{
		{"Available", "Available"}, {"available", "Available"}, {"AVAILABLE", "Available"},
		{"Unavailable", "Unavailable"}, {"unavailable", "Unavailable"},
		{"Wrap-Up", "Wrap-Up"}, {"wrap up", "Wrap-Up"}, {"WRAP-UP", "Wrap-Up"}, {"wrapup", "Wrap-Up"}, {"Wrap Up", "Wrap-Up"},
		{"Busy", ""}, {"", ""}, {"wrap", ""},
	})
}

func TestParseAudioCodec(t *testing.T) {
	checkParse(t, "ParseAudioCodec", callcenter.ParseAudioCodec, []parseCase{
		{"None", "None"}, {"none", "None"}, {"G711", "G711"}, {"g711", "G711"}, {"G722", "G722"},
		{"g729", "G729"}, {"G726", "G726"}, {"amr", "AMR"}, {"AMR-WB", "AMR-WB"}, {"amr-wb", "AMR-WB"},
		{"AMRWB", "AMR-WB"}, {"opus", "OPUS"}, {"Opus", "OPUS"}, {"evrc0", "EVRC0"}, {"EVRCNW", "EVRCNW"},
		{"evrcnw0", "EVRCNW0"},
		{"G711a", ""}, {"MP3", ""}, {"", ""}, {"EVRC", ""},
	})
}

// TestUnmarshalTextNormalises: JSON decoding accepts every spelling and
// stores the wire value; an unknown value is kept for Validate to report.
func TestUnmarshalTextNormalises(t *testing.T) {
	var cc callcenter.CallCenter
	in := `{"type":"premium","policy":"Similtaneous","routing_type":"skill based","agent_state_after_call":"WRAP-UP",
		"external_preferred_audio_codec":"amr-wb","internal_preferred_audio_codec":"opus"}`
	if err := json.Unmarshal([]byte(in), &cc); err != nil {
		t.Fatal(err)
	}
	if cc.Type != callcenter.Premium || cc.Policy != callcenter.Simultaneous || cc.RoutingType != callcenter.SkillBased ||
		cc.AgentStateAfterCall != callcenter.WrapUp || cc.ExternalPreferredAudioCodec != callcenter.CodecAMRWB ||
		cc.InternalPreferredAudioCodec != callcenter.CodecOPUS {
		t.Errorf("decoded %+v", cc)
	}
	for _, tc := range []struct{ in, want string }{
		{`{"policy":"weighted call distribution"}`, "Weighted"},
		{`{"policy":"Random"}`, "Random"},
	} {
		var cc callcenter.CallCenter
		if err := json.Unmarshal([]byte(tc.in), &cc); err != nil {
			t.Fatal(err)
		}
		if string(cc.Policy) != tc.want {
			t.Errorf("%s: Policy = %q, want %q", tc.in, cc.Policy, tc.want)
		}
	}

	// Unknown values survive decoding and are reported by Validate, each
	// under its own field.
	bad := base(callcenter.Premium)
	in = `{"policy":"Random","routing_type":"Cost Based","agent_state_after_call":"Busy","external_preferred_audio_codec":"MP3","internal_preferred_audio_codec":"x"}`
	if err := json.Unmarshal([]byte(in), &bad); err != nil {
		t.Fatal(err)
	}
	want := []string{"agentStateAfterCall", "externalPreferredAudioCodec", "internalPreferredAudioCodec", "policy", "routingType"}
	if got := errorFields(t, bad.Validate()); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Validate reports %v, want %v", got, want)
	}

	// An unknown type is reported as such, and per-type rules are not
	// applied on top of it.
	gold := base(callcenter.Premium)
	gold.Type = "Gold"
	gold.WrapUpSeconds = new(30)
	if got := errorFields(t, gold.Validate()); strings.Join(got, ",") != "type" {
		t.Errorf("Validate of type Gold reports %v, want [type]", got)
	}
}

func TestSetEnums(t *testing.T) {
	cc := base(callcenter.Premium)
	for _, tc := range []struct{ field, in, want string }{
		{"type", "standard", "Standard"},
		{"policy", "Similtaneous", "Simultaneous"},
		{"policy", "Weighted Call Distribution", "Weighted"},
		{"routingType", "skill based", "Skill Based"},
		{"agentStateAfterCall", "wrap up", "Wrap-Up"},
		{"externalPreferredAudioCodec", "amr-wb", "AMR-WB"},
		{"internalPreferredAudioCodec", "g729", "G729"},
	} {
		if err := cc.Set(tc.field, tc.in); err != nil {
			t.Errorf("Set(%q, %q) = %v", tc.field, tc.in, err)
		}
		got := map[string]string{
			"type": string(cc.Type), "policy": string(cc.Policy), "routingType": string(cc.RoutingType),
			"agentStateAfterCall":         string(cc.AgentStateAfterCall),
			"externalPreferredAudioCodec": string(cc.ExternalPreferredAudioCodec),
			"internalPreferredAudioCodec": string(cc.InternalPreferredAudioCodec),
		}[tc.field]
		if got != tc.want {
			t.Errorf("Set(%q, %q) stored %q, want %q", tc.field, tc.in, got, tc.want)
		}
	}
	for _, f := range []string{"type", "policy", "routingType", "agentStateAfterCall", "externalPreferredAudioCodec"} {
		before := cc.Clone()
		err := cc.Set(f, "Nonsense")
		var fe callcenter.FieldError
		if !errors.As(err, &fe) || fe.Field != f {
			t.Errorf("Set(%q, Nonsense) = %v, want a FieldError for %s", f, err, f)
		}
		if cc.Type != before.Type || cc.Policy != before.Policy || cc.RoutingType != before.RoutingType {
			t.Errorf("failed Set(%q) changed the call center", f)
		}
	}
}
