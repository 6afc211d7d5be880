package broadworks_test

import (
	"context"
	"fmt"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// Staff a skill-based call center: agents with skill levels, one level
// changed (the others keep theirs), a supervisor; here against the
// in-process test server, which knows the users of the group.
func ExampleClient_SetSkillLevels() {
	srv := broadworkstest.NewServer(broadworkstest.WithGroupUsers("MyServiceProvider", "SupportGroup",
		"ana@company.com", "ben@company.com", "dana@company.com"))
	defer srv.Close()
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	ctx := context.Background()
	cc := callcenter.CallCenter{ServiceProviderID: "MyServiceProvider", GroupID: "SupportGroup", ServiceUserID: "support@company.com",
		Profile: callcenter.Profile{Name: "Support", Password: "password456"}, Type: callcenter.Premium, RoutingType: callcenter.SkillBased}
	if err := client.AddCallCenter(ctx, cc); err != nil {
		fmt.Println(err)
		return
	}
	err = client.AddAgents(ctx, cc.ServiceUserID, callcenter.Agent{UserID: "ana@company.com", SkillLevel: 2}, callcenter.Agent{UserID: "ben@company.com", SkillLevel: 7})
	if err == nil {
		err = client.SetSkillLevels(ctx, cc.ServiceUserID, callcenter.Agent{UserID: "ben@company.com", SkillLevel: 1})
	}
	if err == nil {
		err = client.AddSupervisors(ctx, cc.ServiceUserID, "dana@company.com")
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	for a, err := range client.ListAgents(ctx, cc.ServiceUserID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("agent", a.UserID, "level", a.SkillLevel)
	}
	for s, err := range client.ListSupervisors(ctx, cc.ServiceUserID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("supervisor", s.UserID)
	}
	// Output:
	// agent ben@company.com level 1
	// agent ana@company.com level 2
	// supervisor dana@company.com
}
