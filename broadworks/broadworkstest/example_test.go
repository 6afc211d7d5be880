package broadworkstest_test

import (
	"context"
	"fmt"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
)

// Run a broadworks.Client against the fake over OCI-P/TLS, make the server
// refuse one call center, and look at what it stored and counted.
func Example() {
	srv := broadworkstest.NewServer(broadworkstest.WithGroup("MyServiceProvider", "SalesGroup"))
	defer srv.Close()
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	ctx := context.Background()

	srv.Inject(fault.Fault{ServiceUserID: "refused@company.com", Status: 4000, Message: "[Error 4000] Injected"})
	for _, id := range []string{"sales@company.com", "refused@company.com"} {
		err := client.AddCallCenter(ctx, callcenter.CallCenter{
			ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup", ServiceUserID: id,
			Profile: callcenter.Profile{Name: id, Password: "password123"},
			Type:    callcenter.Basic, Policy: callcenter.Circular,
		})
		fmt.Println(id, err)
	}
	for _, cc := range srv.CallCenters() {
		fmt.Println("stored:", cc.ServiceUserID, cc.Type)
	}
	st := srv.Stats()
	fmt.Println("logins:", st.Logins, "adds:", st.Adds)
	// Output:
	// sales@company.com <nil>
	// refused@company.com broadworks: GroupCallCenterAddInstanceRequest22: [Error 4000] Injected
	// stored: sales@company.com Basic
	// logins: 1 adds: 1
}
