package officestest_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/offices/officestest"
)

// Point an offices.Client at the fake, answer its first request with 429,
// and look at what the fake stored and counted: the client waited and sent
// the create again, and one office exists.
func Example() {
	srv := officestest.NewServer()
	defer srv.Close()
	c, err := offices.NewClient(officestest.DefaultAPIKey, offices.WithBaseURL(srv.URL),
		offices.WithRetry(2, time.Millisecond, 10*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	srv.FailNext(1, http.StatusTooManyRequests)
	_, err = c.Create(context.Background(), &offices.CreateOfficeRequest{
		Name:       "Lisbon",
		Country:    offices.CountryPT,
		Currency:   offices.CurrencyEUR,
		PlanPeriod: offices.PlanMonthly,
		BillingAddress: offices.BillingAddress{
			AddressLine1: "Rua Augusta 1", City: "Lisboa", Region: "Lisboa",
			PostalCode: "1100-048", Country: offices.CountryPT,
		},
		UnifiedBilling:             new(true),
		Invoiced:                   new(false),
		AnnualCommitMonthlyBilling: new(false),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range srv.Offices() {
		fmt.Println("stored:", o.Name)
	}
	st := srv.Stats()
	fmt.Printf("requests %d, rate limited %d, created %d\n", st.Requests, srv.FaultStats().RateLimited, st.Created)
	// Output:
	// stored: Lisbon
	// requests 2, rate limited 1, created 1
}
