package offices_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/offices/officestest"
)

func Example() {
	srv := officestest.NewServer() // an in-process Dialpad
	defer srv.Close()
	c, err := offices.NewClient(officestest.DefaultAPIKey, offices.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	ctx := context.Background()
	office, err := c.Create(ctx, &offices.CreateOfficeRequest{
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
		HoursOn:                    new(true),
		MondayHours:                offices.Hours{{"09:00", "13:00"}, {"14:00", "18:00"}},
		SaturdayHours:              offices.ClosedAllDay(),
		RingSeconds:                new(20),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(office.Name, office.Country, office.State, office.MondayHours.Times())

	for o, err := range c.ListOffices(ctx, nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("listed:", o.Name, o.ID == office.ID)
	}
	// Output:
	// Lisbon PT active [09:00 13:00 14:00 18:00]
	// listed: Lisbon true
}

func ExampleCreateOfficeRequest_Validate() {
	req := &offices.CreateOfficeRequest{
		Name:        "Head\noffice",
		Country:     offices.CountryPT,
		Currency:    "CHF",
		PlanPeriod:  offices.PlanYearly,
		RingSeconds: new(60),
		MondayHours: offices.Hours{{"18:00", "08:00"}},
		RoutingOptions: &offices.RoutingOptions{
			Open:   offices.RoutingOption{Action: offices.ActionMenu, TryDialOperators: new(true), DTMF: []offices.DTMF{{Input: "12"}}},
			Closed: offices.RoutingOption{TryDialOperators: new(false)},
		},
	}
	var ve *offices.ValidationError
	if errors.As(req.Validate(), &ve) {
		for _, f := range ve.Errors {
			fmt.Println(f)
		}
	}
	// Output:
	// name: must be a single line (line break at byte 4)
	// currency: "CHF" is not a valid value; allowed: ["AUD" "CAD" "EUR" "GBP" "JPY" "NZD" "USD"]
	// billing_address.address_line_1: is required
	// billing_address.city: is required
	// billing_address.region: is required
	// billing_address.postal_code: is required
	// billing_address.country: is required
	// unified_billing: is required (set it to true or false)
	// invoiced: is required (set it to true or false)
	// annual_commit_monthly_billing: is required (set it to true or false)
	// monday_hours[1]: "08:00" must be later than "18:00": times must be in order
	// ring_seconds: is 60; choose from 10 to 45 seconds
	// routing_options.open.dtmf[0].input: "12" is not a DTMF key (want one digit, 0 to 9)
	// routing_options.closed.action: is required
}
