package apiotest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
)

// Point an apio.Client at the fake, drop the connection of a create, and
// look at what the fake stored and counted.
func Example() {
	srv := apiotest.NewServer()
	defer srv.Close()
	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	cc := callcenter.CallCenter{
		ServiceProviderID: "ApioSpTest", GroupID: "ApioGrpTest", ServiceUserID: "sales-cc@sip.example.com",
		Profile: callcenter.Profile{Name: "Sales", CallingLineIDLastName: "Sales", CallingLineIDFirstName: "Desk", Password: "s3cret-Pass"},
		Type:    callcenter.Basic, Policy: callcenter.Circular,
	}
	req := &apio.CreateCallCenterRequest{CallCenter: cc}

	// The create takes effect, then the connection drops: the client
	// cannot know, and must look before trying again.
	srv.Inject(fault.Fault{Method: http.MethodPost, Path: "/call_centers/", Drop: true, AfterHandling: true})
	_, err = c.CreateCallCenter(ctx, req)
	fmt.Println("outcome unknown:", errors.Is(err, apio.ErrOutcomeUnknown))
	_, err = c.GetCallCenter(ctx, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
	fmt.Println("created anyway:", err == nil)

	for _, s := range srv.CallCenters() {
		fmt.Println(s.TenantID, s.GroupID, s.ServiceUserID, s.Type, s.Policy)
	}
	st := srv.Stats()
	fmt.Printf("logins %d, faults %d, creates %d\n", st.Logins, srv.FaultStats().Faults, st.Creates)
	// Output:
	// outcome unknown: true
	// created anyway: true
	// ApioSpTest ApioGrpTest sales-cc@sip.example.com Basic Circular
	// logins 1, faults 1, creates 1
}
