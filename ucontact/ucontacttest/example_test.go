package ucontacttest_test

import (
	"context"
	"fmt"

	"github.com/ccsdk/callcenter-go/ucontact"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

// Point a ucontact.Client at the fake, end its session behind its back,
// and queue two dialer calls: the client logs in again once, and the fake
// holds both numbers.
func Example() {
	srv := ucontacttest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	c, err := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.DefaultUser, ucontacttest.DefaultPassword))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	for i, number := range []string{"098344484", "098344485"} {
		if i == 1 {
			srv.ExpireSessions()
		}
		err := c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "Power<-", Destination: number, Automatic: true})
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, ct := range srv.Contacts("Power<-") {
		fmt.Println(ct.Campaign, ct.Destination)
	}
	fmt.Println("logins:", srv.Logins())
	// Output:
	// Power<- 098344484
	// Power<- 098344485
	// logins: 2
}
