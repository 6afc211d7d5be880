package apio_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
)

// Create a call center through APIO in a department, list the group, set
// it inactive and read it back, then log out. The client logs in on its
// first request; here it talks to the in-process fake.
func Example() {
	srv := apiotest.NewServer()
	defer srv.Close()

	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close() // logs out
	ctx := context.Background()

	cc := callcenter.CallCenter{
		ServiceProviderID: "ApioSpTest", // the APIO tenant
		GroupID:           "ApioGrpTest",
		ServiceUserID:     "sales-cc@sip.example.com",
		Profile: callcenter.Profile{
			Name:       "Sales",
			Password:   "s3cret-Pass",
			Department: callcenter.Department{Name: "Sales", Level: callcenter.GroupDepartment},
		},
		Type:          callcenter.Standard,
		WrapUpSeconds: new(30),
	}
	cc.ApplyDefaults()
	req := &apio.CreateCallCenterRequest{CallCenter: cc}
	fmt.Println("password shown as:", req.CallCenter.Profile.Password)
	if _, err := c.CreateCallCenter(ctx, req); err != nil {
		log.Fatal(err)
	}

	if err := c.SetActive(ctx, "ApioSpTest", "ApioGrpTest", false, cc.ServiceUserID); err != nil {
		log.Fatal(err)
	}
	for s, err := range c.ListCallCenters(ctx, "ApioSpTest", "ApioGrpTest") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.ServiceUserID, s.Type, s.Department.Name, "active:", s.Active)
	}

	in, err := c.GetCallCenter(ctx, "ApioSpTest", "ApioGrpTest", cc.ServiceUserID)
	if err != nil {
		log.Fatal(err)
	}
	back := in.CallCenter()
	fmt.Println(back.ServiceUserID, back.Type, back.Policy, *back.WrapUpSeconds, back.Profile.Department.Level, back.Profile.Department.Name)
	// Output:
	// password shown as: [REDACTED]
	// sales-cc@sip.example.com Standard Sales active: false
	// sales-cc@sip.example.com Standard Circular 30 Group Sales
}

// Iterate over the call centers of a group. APIO answers with the whole
// list at once; the request is sent when the loop starts, and an error ends
// the loop.
func ExampleClient_ListCallCenters() {
	srv := apiotest.NewServer()
	defer srv.Close()
	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	for _, id := range []string{"cc-a@sip.example.com", "cc-b@sip.example.com"} {
		cc := callcenter.CallCenter{ServiceProviderID: "Sp", GroupID: "G1", ServiceUserID: id,
			Profile: callcenter.Profile{Name: "Queue", Password: "s3cret-Pass"}}
		cc.ApplyDefaults()
		if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc}); err != nil {
			log.Fatal(err)
		}
	}

	for s, err := range c.ListCallCenters(ctx, "Sp", "G1") {
		if err != nil {
			fmt.Println("list failed:", err)
			break
		}
		fmt.Println(s.ServiceUserID, s.Type, "active:", s.Active)
	}
	// Output:
	// cc-a@sip.example.com Basic active: true
	// cc-b@sip.example.com Basic active: true
}

// A create whose answer is lost may or may not have taken effect: the error
// matches ErrOutcomeUnknown, and the client never sends it again by itself.
// Look the call center up before trying again.
func ExampleErrOutcomeUnknown() {
	srv := apiotest.NewServer()
	defer srv.Close()
	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	cc := callcenter.CallCenter{ServiceProviderID: "Sp", GroupID: "G1", ServiceUserID: "lost@sip.example.com",
		Profile: callcenter.Profile{Name: "Lost", Password: "s3cret-Pass"}}
	cc.ApplyDefaults()

	// The fake creates the call center, then drops the connection.
	srv.Inject(fault.Fault{Method: http.MethodPost, Path: "/call_centers/", Drop: true, AfterHandling: true})
	_, err = c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc})
	if errors.Is(err, apio.ErrOutcomeUnknown) {
		_, lookErr := c.GetCallCenter(ctx, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
		switch {
		case lookErr == nil:
			fmt.Println("outcome unknown; the lookup finds it: created")
		case errors.Is(lookErr, apio.ErrNotFound):
			fmt.Println("outcome unknown; the lookup does not find it: safe to create again")
		default:
			fmt.Println("outcome still unknown:", lookErr)
		}
	}
	// Output:
	// outcome unknown; the lookup finds it: created
}

// Close logs the session out; it is safe to call twice, and a call after it
// fails with ErrClosed.
func ExampleClient_Close() {
	srv := apiotest.NewServer()
	defer srv.Close()
	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword))
	if err != nil {
		log.Fatal(err)
	}
	for _, err := range c.ListCallCenters(context.Background(), "Sp", "G1") { // logs in
		if err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("close:", c.Close(), "again:", c.Close())
	fmt.Println("logouts:", srv.Stats().Logouts, "sessions left:", srv.Sessions())
	_, err = c.GetCallCenter(context.Background(), "Sp", "G1", "cc@sip.example.com")
	fmt.Println("a call after Close:", errors.Is(err, apio.ErrClosed))
	// Output:
	// close: <nil> again: <nil>
	// logouts: 1 sessions left: 0
	// a call after Close: true
}
