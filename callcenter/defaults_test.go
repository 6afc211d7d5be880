package callcenter_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

func TestApplyDefaults(t *testing.T) {
	var cc callcenter.CallCenter
	cc.ApplyDefaults()
	want := callcenter.CallCenter{
		Profile: callcenter.Profile{
			Name:                   "Default Call Center Name",
			CallingLineIDLastName:  "Default CLID Last Name",
			CallingLineIDFirstName: "Default CLID First Name",
		},
		Type:                                callcenter.Basic,
		Policy:                              callcenter.Circular,
		EnableVideo:                         new(false),
		QueueLength:                         new(3),
		AllowCallerToDialEscapeDigit:        new(false),
		EscapeDigit:                         "3",
		ResetCallStatisticsUponEntryInQueue: new(true),
		AllowAgentLogoff:                    new(true),
		AllowCallWaitingForAgents:           new(true),
		ExternalPreferredAudioCodec:         "None",
		InternalPreferredAudioCodec:         "None",
		PlayRingingWhenOfferingCall:         new(true),
		// Every Standard and Premium option, every optional profile field
		// and networkClassOfService stay unset.
	}
	if !reflect.DeepEqual(cc, want) {
		t.Errorf("ApplyDefaults() gave\n%+v\nwant\n%+v", cc, want)
	}
	// The same, through the exported constants.
	if callcenter.DefaultName != want.Profile.Name || callcenter.DefaultCallingLineIDLastName != want.Profile.CallingLineIDLastName ||
		callcenter.DefaultCallingLineIDFirstName != want.Profile.CallingLineIDFirstName || callcenter.DefaultType != callcenter.Basic ||
		callcenter.DefaultPolicy != callcenter.Circular || callcenter.DefaultQueueLength != 3 || callcenter.DefaultEscapeDigit != "3" ||
		callcenter.DefaultAudioCodec != callcenter.CodecNone {
		t.Error("Default* constants differ from reference 000")
	}
	wantSet := []string{
		"serviceInstanceProfile.name", "serviceInstanceProfile.callingLineIdLastName", "serviceInstanceProfile.callingLineIdFirstName",
		"type", "policy", "enableVideo", "queueLength", "allowCallerToDialEscapeDigit", "escapeDigit",
		"resetCallStatisticsUponEntryInQueue", "allowAgentLogoff", "allowCallWaitingForAgents",
		"externalPreferredAudioCodec", "internalPreferredAudioCodec", "playRingingWhenOfferingCall",
	}
	if got := cc.SetFields(); !slices.Equal(got, wantSet) {
		t.Errorf("SetFields() after ApplyDefaults = %v, want %v", got, wantSet)
	}
	// Defaults must not share pointers between two call centers.
	var other callcenter.CallCenter
	other.ApplyDefaults()
	*other.QueueLength, *other.AllowAgentLogoff = 7, false
	if *cc.QueueLength != 3 || !*cc.AllowAgentLogoff {
		t.Error("ApplyDefaults shares pointers between call centers")
	}
}

// TestApplyDefaultsStandardPremium: the Standard and Premium options have no
// defaults, whatever the type.
func TestApplyDefaultsStandardPremium(t *testing.T) {
	for _, typ := range []callcenter.Type{callcenter.Standard, callcenter.Premium} {
		cc := callcenter.CallCenter{Type: typ}
		cc.ApplyDefaults()
		if cc.EnableReporting != nil || cc.AllowCallsToAgentsInWrapUp != nil || cc.OverrideAgentWrapUpTime != nil ||
			cc.WrapUpSeconds != nil || cc.EnableAutomaticStateChangeForAgents != nil || cc.AgentStateAfterCall != "" ||
			cc.AgentUnavailableCode != "" || cc.RoutingType != "" || cc.ForceDeliveryOfCalls != nil ||
			cc.ForceDeliveryWaitTimeSeconds != nil || cc.NetworkClassOfService != "" {
			t.Errorf("%s: ApplyDefaults set a Standard/Premium option: %+v", typ, cc)
		}
		if cc.Type != typ {
			t.Errorf("Type = %q, want %q", cc.Type, typ)
		}
	}
}

// TestApplyDefaultsKeepsSetValues: every set value, including explicit
// false, 0 and non-default strings, survives ApplyDefaults.
func TestApplyDefaultsKeepsSetValues(t *testing.T) {
	cc := callcenter.CallCenter{
		ServiceProviderID: "sp", GroupID: "g", ServiceUserID: "u@d",
		Profile: callcenter.Profile{
			Name: "N", CallingLineIDLastName: "L", CallingLineIDFirstName: "F", Password: "pw",
			Extension: "12", Aliases: []string{"a@b"},
		},
		Type:                                callcenter.Premium,
		Policy:                              callcenter.Weighted,
		EnableVideo:                         new(true),
		QueueLength:                         new(0),
		AllowCallerToDialEscapeDigit:        new(true),
		EscapeDigit:                         "#",
		ResetCallStatisticsUponEntryInQueue: new(false),
		AllowAgentLogoff:                    new(false),
		AllowCallWaitingForAgents:           new(false),
		ExternalPreferredAudioCodec:         callcenter.CodecG722,
		InternalPreferredAudioCodec:         callcenter.CodecOPUS,
		PlayRingingWhenOfferingCall:         new(false),
		NetworkClassOfService:               "Premium",
		EnableReporting:                     new(false),
		AllowCallsToAgentsInWrapUp:          new(false),
		OverrideAgentWrapUpTime:             new(false),
		WrapUpSeconds:                       new(1),
		EnableAutomaticStateChangeForAgents: new(false),
		AgentStateAfterCall:                 callcenter.Unavailable,
		AgentUnavailableCode:                "7",
		RoutingType:                         callcenter.SkillBased,
		ForceDeliveryOfCalls:                new(false),
		ForceDeliveryWaitTimeSeconds:        new(10),
	}
	want := cc.Clone()
	qp := cc.QueueLength
	cc.ApplyDefaults()
	if !reflect.DeepEqual(cc, want) {
		t.Errorf("ApplyDefaults changed set values:\n got %+v\nwant %+v", cc, want)
	}
	if cc.QueueLength != qp {
		t.Error("ApplyDefaults replaced a set pointer")
	}
	if err := cc.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}
	// ApplyDefaults is idempotent.
	again := cc.Clone()
	again.ApplyDefaults()
	if !reflect.DeepEqual(again, cc) {
		t.Error("a second ApplyDefaults changed the call center")
	}
}

// TestApplyDefaultsNormalizes: ApplyDefaults rewrites other spellings to the
// wire values.
func TestApplyDefaultsNormalizes(t *testing.T) {
	cc := callcenter.CallCenter{
		Type: "premium", Policy: "Similtaneous", RoutingType: "skill based", AgentStateAfterCall: "WRAP-UP",
		ExternalPreferredAudioCodec: "amrwb", InternalPreferredAudioCodec: "opus",
	}
	cc.ApplyDefaults()
	if cc.Type != callcenter.Premium || cc.Policy != callcenter.Simultaneous || cc.RoutingType != callcenter.SkillBased ||
		cc.AgentStateAfterCall != callcenter.WrapUp || cc.ExternalPreferredAudioCodec != callcenter.CodecAMRWB ||
		cc.InternalPreferredAudioCodec != callcenter.CodecOPUS {
		t.Errorf("not normalised: %+v", cc)
	}
	bad := callcenter.CallCenter{Policy: "Random"}
	bad.ApplyDefaults()
	if bad.Policy != "Random" {
		t.Errorf("unknown policy rewritten to %q", bad.Policy)
	}
}
