package livevox_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
)

// Example creates a call center with a service, reads it, lists the
// client's call centers and shows that a call center holding services
// cannot be deleted. It runs against the in-process fake.
func Example() {
	ctx := context.Background()
	srv := livevoxtest.NewServer()
	defer srv.Close()
	service := srv.AddService(srv.ClientID(livevoxtest.DefaultClientName))

	c, err := livevox.NewClient(livevox.Credentials{AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword}, livevox.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{
		Name: "Doors", ManagerName: "Mr. Manager", ServiceIDs: []int64{service},
	})
	if err != nil {
		log.Fatal(err)
	}
	cc, err := c.GetCallCenter(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("created %d: %s (manager %s, open %t)\n", cc.ID, cc.Name, cc.ManagerName, cc.Open)

	for s, err := range c.ListCallCenters(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("listed %d: %s (client %d)\n", s.ID, s.Name, s.ClientID)
	}

	err = c.DeleteCallCenter(ctx, id)
	fmt.Println("delete refused:", errors.Is(err, livevox.ErrHasServices))
	// Output:
	// created 3619: Doors (manager Mr. Manager, open true)
	// listed 3619: Doors (client 4199)
	// delete refused: true
}
