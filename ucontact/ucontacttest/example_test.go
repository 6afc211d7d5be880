package ucontacttest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

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

// Example_faults injects faults with the shared vocabulary: a burst of
// rate limiting the client waits out, then uContact's documented failure
// answer.
func Example_faults() {
	srv := ucontacttest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	c, err := ucontact.NewClient(srv.URL, ucontact.WithAPIToken(ucontacttest.DefaultAPIToken),
		ucontact.WithRetry(3, time.Millisecond, 10*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	srv.FailNext(2, http.StatusTooManyRequests) // answered "Too Many Requests", Retry-After: 0
	if _, err := c.QueueSummary(ctx); err != nil {
		fmt.Println(err)
		return
	}
	srv.AnswerZeroNext(1)
	err = c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "Power<-", Destination: "098344484"})
	fmt.Println("answer 0:", errors.Is(err, ucontact.ErrFailed))
	st := srv.FaultStats()
	fmt.Println("requests:", st.Requests, "rate limited:", st.RateLimited)
	// Output:
	// answer 0: true
	// requests: 4 rate limited: 2
}
