package apio_test

import (
	"context"
	"fmt"
	"log"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// Create a call center through APIO, list the group, set it inactive and
// read it back. The client logs in on its first request; here it talks to
// the in-process fake.
func Example() {
	srv := apiotest.NewServer()
	defer srv.Close()

	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUsername, apiotest.DefaultPassword))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	cc := callcenter.CallCenter{
		ServiceProviderID: "ApioSpTest", // the APIO tenant
		GroupID:           "ApioGrpTest",
		ServiceUserID:     "sales-cc@sip.example.com",
		Profile:           callcenter.Profile{Name: "Sales", Password: "s3cret-Pass"},
		Type:              callcenter.Standard,
		WrapUpSeconds:     new(30),
	}
	cc.ApplyDefaults()
	req := &apio.CreateCallCenterRequest{
		CallCenter: cc,
		Department: &apio.Department{TenantID: "ApioSpTest", GroupID: "ApioGrpTest", Name: "Sales"},
	}
	fmt.Println("password shown as:", req.CallCenter.Profile.Password)
	if _, err := c.CreateCallCenter(ctx, req); err != nil {
		log.Fatal(err)
	}

	for s, err := range c.CallCenters(ctx, "ApioSpTest", "ApioGrpTest") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.ServiceUserID, s.Type, s.Department.Name, "active:", s.Active)
	}

	if err := c.SetActive(ctx, "ApioSpTest", "ApioGrpTest", false, cc.ServiceUserID); err != nil {
		log.Fatal(err)
	}
	list, err := c.ListCallCenters(ctx, "ApioSpTest", "ApioGrpTest")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(list[0].ServiceUserID, "active:", list[0].Active)

	in, err := c.GetCallCenter(ctx, "ApioSpTest", "ApioGrpTest", cc.ServiceUserID)
	if err != nil {
		log.Fatal(err)
	}
	back := in.CallCenter()
	fmt.Println(back.ServiceUserID, back.Type, back.Policy, *back.WrapUpSeconds, back.Profile.CallingLineIDLastName)
	// Output:
	// password shown as: [REDACTED]
	// sales-cc@sip.example.com Standard Sales active: true
	// sales-cc@sip.example.com active: false
	// sales-cc@sip.example.com Standard Circular 30 Default CLID Last Name
}
