// Package offices manages Dialpad offices through Dialpad API v2: every
// office operation of Dialpad's OpenAPI spec (dialpad_api_spec.json, as
// published in dialpad/dialpad-python-sdk).
//
// The shortest working use:
//
//	c, err := offices.NewClient(os.Getenv("DIALPAD_API_KEY"))
//	if err != nil {
//		return err
//	}
//	defer c.Close()
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
// The operations, each a method of [Client] (the path is below /api/v2):
//
//	POST   /offices                        Create
//	GET    /offices/{id}                   Get
//	GET    /offices                        ListOffices, ListOfficesPage
//	GET    /offices/{id}/e911              GetE911Address
//	PUT    /offices/{id}/e911              UpdateE911Address
//	GET    /offices/{id}/operators         ListOperators, GetOperators
//	POST   /offices/{id}/operators         AddOperator
//	DELETE /offices/{id}/operators         RemoveOperator
//	GET    /offices/{id}/plan              GetPlan
//	GET    /offices/{id}/available_licenses GetAvailableLicenses
//	GET    /offices/{id}/callcenters       ListCallCenters, ListCallCentersPage
//	GET    /offices/{id}/departments       ListDepartments, ListDepartmentsPage
//	GET    /offices/{id}/teams             ListCoachingTeams, ListCoachingTeamsPage
//	GET    /offices/{id}/offdutystatuses   GetOffDutyStatuses
//	POST   /offices/{id}/assign_number     AssignNumber
//	POST   /offices/{id}/unassign_number   UnassignNumber
//
// The request and response types follow Dialpad's OpenAPI spec
// (dialpad_api_spec.json) field for field; the spec's name of each is in
// its comment. 64-bit integers are read from JSON numbers or strings
// (Dialpad sends them as strings).
//
// Requests are validated before they are sent: a bad request returns a
// *[ValidationError] listing every problem at once, with the JSON path of
// each field (such as "routing_options.open.action" or "operator_type"),
// and sends nothing; a nil request is one. Options may be nil:
// c.ListOffices(ctx, nil) lists every office. Optional fields left unset are left out of the JSON,
// so Dialpad applies its own defaults. Lists are iterators (iter.Seq2) that
// fetch cursor pages lazily; each List… of a paged collection has a
// List…Page for one page.
//
// Rate limit: Dialpad allows 1200 requests per minute per company and
// answers HTTP 429 beyond that. A client spaces its requests so that no
// sliding 60-second window holds more than 1200 of them ([DefaultRateLimit],
// see [WindowLimit]), shares that one budget among all its operations and
// goroutines, and retries a 429 after the server's Retry-After or a
// backoff. Other clients of the same company share Dialpad's budget too:
// give each a share with [WithRateLimit]. Each attempt is bounded by
// [DefaultTimeout] (30 s, see [WithTimeout]).
//
// Errors: an error answer is an *[Error]; conditions are matched with
// errors.Is ([ErrNotFound], [ErrUnauthorized], [ErrRateLimited], ...). A
// POST that acts (Create, AddOperator, AssignNumber, UnassignNumber) is
// never repeated when its outcome is unknown; such an error matches
// [ErrOutcomeUnknown]; a call after [Client.Close] fails with [ErrClosed]. Redirects to another origin, and redirects of a
// request with a body, are refused ([ErrRedirectRefused]): the API key
// stays with its host. The key is redacted from every error and log.
//
// Package offices/officestest provides an in-process fake of the API for
// tests and benchmarks.
package offices
