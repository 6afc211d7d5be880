package livevoxtest_test

import (
	"context"
	"fmt"

	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
)

// Seed the fake with a call center, point a livevox.Client at it, end every
// session behind the client's back, and list: the client logs in again once.
func Example() {
	srv := livevoxtest.NewServer()
	defer srv.Close()
	acme := srv.ClientID(livevoxtest.DefaultClientName)
	if _, err := srv.AddCallCenter(acme, "Los Angeles", srv.AddService(acme)); err != nil {
		fmt.Println(err)
		return
	}

	ctx := context.Background()
	c, err := livevox.NewClient(livevox.Credentials{AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword}, livevox.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	if _, err := c.Login(ctx); err != nil {
		fmt.Println(err)
		return
	}
	srv.ExpireSessions()
	for cc, err := range c.ListCallCenters(ctx, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(cc.Name, "of client", cc.ClientID)
	}
	fmt.Println("logins:", srv.Logins())
	// Output:
	// Los Angeles of client 4199
	// logins: 2
}
