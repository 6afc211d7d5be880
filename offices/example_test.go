package offices_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/fault"
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

// newExampleOffice starts a fake, a client for it and one office.
func newExampleOffice() (*officestest.Server, *offices.Client, *offices.Office, error) {
	srv := officestest.NewServer(officestest.WithPageSize(2))
	c, err := offices.NewClient(officestest.DefaultAPIKey, offices.WithBaseURL(srv.URL))
	if err != nil {
		srv.Close()
		return nil, nil, nil, err
	}
	o, err := c.Create(context.Background(), &offices.CreateOfficeRequest{
		Name: "Lisbon", Country: offices.CountryPT, Currency: offices.CurrencyEUR, PlanPeriod: offices.PlanMonthly,
		BillingAddress: offices.BillingAddress{AddressLine1: "Rua Augusta 1", City: "Lisboa", Region: "Lisboa",
			PostalCode: "1100-048", Country: offices.CountryPT},
		UnifiedBilling: new(true), Invoiced: new(false), AnnualCommitMonthlyBilling: new(false),
	})
	if err != nil {
		srv.Close()
		return nil, nil, nil, err
	}
	return srv, c, o, nil
}

// Iterate over an office's call centers: the iterator fetches the cursor
// pages (two call centers each here) as the loop advances.
func ExampleClient_ListCallCenters() {
	srv, c, office, err := newExampleOffice()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	defer c.Close()
	for _, name := range []string{"Sales", "Support", "Billing"} {
		srv.AddCallCenter(int64(office.ID), name)
	}

	for cc, err := range c.ListCallCenters(context.Background(), office.ID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(cc.Name, cc.State, cc.RingSeconds)
	}
	// Output:
	// Sales active 30
	// Support active 30
	// Billing active 30
}

// Make a user an operator of the office's mainline, then list the
// operators.
func ExampleClient_AddOperator() {
	srv, c, office, err := newExampleOffice()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	defer c.Close()
	ann := srv.AddUser(int64(office.ID), "Ann")
	ctx := context.Background()

	_, err = c.AddOperator(ctx, office.ID, &offices.AddOperatorRequest{
		OperatorID: offices.ID(ann), OperatorType: offices.OperatorUser, Role: offices.RoleAdmin,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for op, err := range c.ListOperators(ctx, office.ID) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(op.Type, op.User.DisplayName, op.User.GroupDetails[0].Role)
	}
	// Output:
	// user Ann admin
}

// Assign a number from an area code, then take it off again.
func ExampleClient_AssignNumber() {
	srv, c, office, err := newExampleOffice()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	defer c.Close()
	ctx := context.Background()

	n, err := c.AssignNumber(ctx, office.ID, &offices.AssignNumberRequest{AreaCode: "415"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n.Number, n.Status, n.TargetType)
	if _, err := c.UnassignNumber(ctx, office.ID, &offices.UnassignNumberRequest{Number: n.Number}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("reserved again:", srv.Reserved())
	// Output:
	// +14155550001 office office
	// reserved again: [+14155550001]
}

// A create whose answer is lost may have created the office: it is not
// repeated, and the error matches ErrOutcomeUnknown. Look before trying
// again.
func ExampleClient_Create_outcomeUnknown() {
	srv := officestest.NewServer()
	defer srv.Close()
	c, err := offices.NewClient(officestest.DefaultAPIKey, offices.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	ctx := context.Background()
	req := &offices.CreateOfficeRequest{
		Name: "Porto", Country: offices.CountryPT, Currency: offices.CurrencyEUR, PlanPeriod: offices.PlanMonthly,
		BillingAddress: offices.BillingAddress{AddressLine1: "Avenida dos Aliados 1", City: "Porto", Region: "Porto",
			PostalCode: "4000-064", Country: offices.CountryPT},
		UnifiedBilling: new(true), Invoiced: new(false), AnnualCommitMonthlyBilling: new(false),
	}
	// The fake creates the office, then drops the connection.
	srv.Inject(fault.Fault{Method: "POST", Drop: true, AfterHandling: true})

	_, err = c.Create(ctx, req)
	if errors.Is(err, offices.ErrOutcomeUnknown) {
		fmt.Println("outcome unknown; looking for", req.Name)
		for o, err := range c.ListOffices(ctx, nil) {
			if err != nil {
				fmt.Println(err)
				return
			}
			if o.Name == req.Name {
				fmt.Println("it exists:", o.State)
				return
			}
		}
		fmt.Println("not there: safe to create again")
	}
	// Output:
	// outcome unknown; looking for Porto
	// it exists: active
}
