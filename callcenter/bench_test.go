package callcenter_test

import (
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// BenchmarkValidate measures validating a Premium call center with every
// option set.
func BenchmarkValidate(b *testing.B) {
	cc := callcenter.CallCenter{
		ServiceProviderID: "SP", GroupID: "G", ServiceUserID: "cc@example.com",
		Profile: callcenter.Profile{Password: "pw-123456", Aliases: []string{"a@example.com"}, HiraganaLastName: "セールス"},
		Type:    callcenter.Premium, Policy: callcenter.Weighted, RoutingType: callcenter.SkillBased,
		WrapUpSeconds: new(30), EnableReporting: new(true), ForceDeliveryWaitTimeSeconds: new(9),
		AgentStateAfterCall: callcenter.WrapUp,
	}
	cc.ApplyDefaults()
	b.ReportAllocs()
	for b.Loop() {
		if err := cc.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSet measures parsing one row's worth of CSV cells.
func BenchmarkSet(b *testing.B) {
	cells := [][2]string{
		{"serviceProviderId", "SP"}, {"groupId", "G"}, {"serviceUserId", "cc@example.com"},
		{"serviceInstanceProfile.password", "pw"}, {"type", "Premium"}, {"policy", "Weighted Call Distribution"},
		{"enableReporting", "true"}, {"wrapUpSeconds", "30"}, {"routingType", "Skill Based"},
	}
	b.ReportAllocs()
	for b.Loop() {
		var cc callcenter.CallCenter
		for _, c := range cells {
			if err := cc.Set(c[0], c[1]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
