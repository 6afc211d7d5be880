// Package columntest lets the tests of each vendor package walk every
// column of the model (callcenter.Columns) through the vendor's mappings:
// a call center holding every column, and for any column another valid
// value, so that a test can see whether the column reaches the vendor's
// request, and comes back from its answer. A column added to the model
// without a mapping then fails those tests, naming the vendor and the
// column.
package columntest

import (
	"strconv"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Full returns a valid Premium call center with every column set, its
// defaults applied: a group department, three aliases.
func Full() callcenter.CallCenter {
	cc := callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "SalesGroup",
		ServiceUserID:     "columns@example.com",
		Profile: callcenter.Profile{
			Name: "Columns Center", CallingLineIDLastName: "Columns", CallingLineIDFirstName: "Center",
			Password: "Passw0rd-1", HiraganaLastName: "セールス", HiraganaFirstName: "センター",
			PhoneNumber: "+81355555555", Extension: "5000", Language: "Japanese", TimeZone: "Asia/Tokyo",
			Aliases:            []string{"a1@example.com", "a2@example.com", "a3@example.com"},
			PublicUserIdentity: "sales@example.com", CallingLineIDPhoneNumber: "+81355555556",
			Department: callcenter.Department{Name: "Sales", Level: callcenter.GroupDepartment},
		},
		Type:                                callcenter.Premium,
		Policy:                              callcenter.Weighted,
		RoutingType:                         callcenter.SkillBased,
		EnableVideo:                         new(true),
		QueueLength:                         new(25),
		EnableReporting:                     new(true),
		AllowCallerToDialEscapeDigit:        new(true),
		EscapeDigit:                         "#",
		ResetCallStatisticsUponEntryInQueue: new(true),
		AllowAgentLogoff:                    new(true),
		AllowCallWaitingForAgents:           new(true),
		AllowCallsToAgentsInWrapUp:          new(true),
		OverrideAgentWrapUpTime:             new(true),
		WrapUpSeconds:                       new(30),
		ForceDeliveryOfCalls:                new(true),
		ForceDeliveryWaitTimeSeconds:        new(9),
		EnableAutomaticStateChangeForAgents: new(true),
		AgentStateAfterCall:                 callcenter.WrapUp,
		AgentUnavailableCode:                "3",
		ExternalPreferredAudioCodec:         callcenter.CodecG722,
		InternalPreferredAudioCodec:         callcenter.CodecOPUS,
		PlayRingingWhenOfferingCall:         new(true),
		NetworkClassOfService:               "Premium",
	}
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
