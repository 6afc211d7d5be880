// Package offices creates and reads Dialpad offices through Dialpad API v2
// (POST /api/v2/offices, GET /api/v2/offices[/{id}]).
//
// The shortest working use:
//
//	c := offices.NewClient(os.Getenv("DIALPAD_API_KEY"))
//	office, err := c.Create(ctx, &offices.CreateOfficeRequest{
//		Name:       "Lisbon",
//		Country:    offices.CountryPT,
//		Currency:   offices.CurrencyEUR,
//		PlanPeriod: offices.PlanMonthly,
//		BillingAddress: offices.BillingAddress{
//			AddressLine1: "Rua Augusta 1", City: "Lisboa", Region: "Lisboa",
//			PostalCode: "1100-048", Country: offices.CountryPT,
//		},
//		UnifiedBilling:             new(true),
//		Invoiced:                   new(false),
//		AnnualCommitMonthlyBilling: new(false),
//	})
//
// Requests are validated before they are sent ([CreateOfficeRequest.Validate]
// returns every problem at once, with field paths such as
// "routing_options.open.action"); optional fields left unset are left out
// of the JSON so Dialpad applies its own defaults.
//
// Rate limit: Dialpad allows 1200 requests per minute per company and
// answers HTTP 429 beyond that. A client spaces its requests so that no
// sliding 60-second window holds more than 1200 of them (see [WindowLimit]),
// shares that budget among all goroutines using it, and retries a 429 after
// the server's Retry-After or a backoff. Other clients of the same company
// share Dialpad's budget too: give each a share with [WithRateLimit]. A
// create is never repeated when its outcome is unknown; such an error
// matches [ErrOutcomeUnknown].
//
// Package offices/officestest provides an in-process fake of the API for
// tests and benchmarks.
package offices
