// Package modeltest holds the call centers the tests of the vendor
// packages share: [Premium], the one of the OCI-P codec tests and
// benchmarks, and for the tests that walk every column of the model
// (callcenter.Columns) through a vendor's mappings, [Full] (every column
// set) and [Pair] (two call centers that differ in one column), so that a
// test can see whether each column reaches the vendor's request and comes
// back from its answer. A column added to the model without a mapping then
// fails those tests, naming the vendor and the column.
package modeltest

import (
	"strconv"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Premium returns a valid Premium call center with every option set,
// names outside ASCII and characters XML escapes, two aliases and no
// department: the call center of the OCI-P codec tests and of the figures
// of BENCHMARKS.md. Its defaults are not applied (Policy is spelled
// "Similtaneous", as reference 000 spells it).
func Premium() callcenter.CallCenter {
	return callcenter.CallCenter{
		ServiceProviderID: "SP & Co",
		GroupID:           "G<1>",
		ServiceUserID:     "premium-center@company.com",
		Profile: callcenter.Profile{
			Name: "Café \"Premium\"", CallingLineIDLastName: "Premium", CallingLineIDFirstName: "Center",
			Password: "pa<ss>&word'9", HiraganaLastName: "セールス", HiraganaFirstName: "センター",
			PhoneNumber: "+81355555555", Extension: "5000", Language: "Japanese", TimeZone: "Asia/Tokyo",
			Aliases: []string{"cc1@example.com", "cc2@example.com"}, PublicUserIdentity: "sales@example.com",
			CallingLineIDPhoneNumber: "+81355555556",
		},
		Type:                                callcenter.Premium,
		Policy:                              "Similtaneous",
		RoutingType:                         callcenter.PriorityBased,
		EnableVideo:                         new(true),
		QueueLength:                         new(25),
		EnableReporting:                     new(true),
		AllowCallerToDialEscapeDigit:        new(true),
		EscapeDigit:                         "#",
		ResetCallStatisticsUponEntryInQueue: new(false),
		AllowAgentLogoff:                    new(false),
		AllowCallWaitingForAgents:           new(false),
		AllowCallsToAgentsInWrapUp:          new(true),
		OverrideAgentWrapUpTime:             new(false),
		WrapUpSeconds:                       new(30),
		ForceDeliveryOfCalls:                new(false),
		ForceDeliveryWaitTimeSeconds:        new(9),
		EnableAutomaticStateChangeForAgents: new(true),
		AgentStateAfterCall:                 callcenter.WrapUp,
		AgentUnavailableCode:                "3",
		ExternalPreferredAudioCodec:         callcenter.CodecG722,
		InternalPreferredAudioCodec:         callcenter.CodecOPUS,
		PlayRingingWhenOfferingCall:         new(false),
		NetworkClassOfService:               "Premium",
	}
}

// Full returns a valid call center with every column set: [Premium] with
// a group department and three aliases, its defaults applied.
func Full() callcenter.CallCenter {
	cc := Premium()
	cc.ServiceProviderID, cc.GroupID = "MyServiceProvider", "SalesGroup"
	cc.Profile.Department = callcenter.Department{Name: "Sales", Level: callcenter.GroupDepartment}
	cc.Profile.Aliases = append(cc.Profile.Aliases, "cc3@example.com")
	cc.ApplyDefaults()
	return cc
}

// enumValues are the values of the model's enumerations, tried as other
// values of a column.
var enumValues = []string{"Basic", "Standard", "Premium", "Circular", "Regular", "Simultaneous", "Uniform", "Weighted",
	"Priority Based", "Skill Based", "Group", "Enterprise", "Available", "Unavailable", "Wrap-Up",
	"None", "G711", "G722", "G729", "G726", "OPUS"}

// Pair returns two valid call centers that differ in column field alone:
// a is cc (for "type", less the options that the other type does not
// accept), b holds another value of the column. ok is false when it finds
// no other valid value.
func Pair(cc callcenter.CallCenter, field string) (a, b callcenter.CallCenter, ok bool) {
	if field == "serviceInstanceProfile.password" {
		a, b = cc.Clone(), cc.Clone()
		b.Profile.Password += "x"
		return a, b, b.Validate() == nil
	}
	cur := cc.Get(field)
	for _, v := range candidates(cur) {
		a, b = cc.Clone(), cc.Clone()
		if b.Set(field, v) != nil || b.Get(field) == cur {
			continue
		}
		if field == "type" {
			for _, col := range callcenter.Columns() {
				if !b.Type.Allows(col.Field) {
					_ = a.Unset(col.Field)
					_ = b.Unset(col.Field)
				}
			}
		}
		if a.Validate() == nil && b.Validate() == nil {
			return a, b, true
		}
	}
	return callcenter.CallCenter{}, callcenter.CallCenter{}, false
}

// candidates are other values for a column holding cur: the other boolean,
// nearby numbers, the enumerations' values, and cur with one letter or
// digit changed (which keeps the form of ids, numbers and names).
func candidates(cur string) []string {
	out := []string{"true", "false"}
	if n, err := strconv.Atoi(cur); err == nil {
		out = append(out, strconv.Itoa(n+1), strconv.Itoa(n-1))
	}
	out = append(out, enumValues...)
	b := []byte(cur)
	for i, c := range b {
		var repl byte
		switch {
		case c >= '0' && c <= '8', c >= 'a' && c <= 'y', c >= 'A' && c <= 'Y':
			repl = c + 1
		case c == '9' || c == 'z' || c == 'Z':
			repl = c - 1
		default:
			continue
		}
		alt := append([]byte(nil), b...)
		alt[i] = repl
		out = append(out, string(alt))
		break
	}
	return append(out, "1", "2", "*", "x", "X1")
}
