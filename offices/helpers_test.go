package offices_test

import "github.com/ccsdk/callcenter-go/offices"

// validRequest returns a minimal valid request (Portugal needs no E911
// address).
func validRequest(name string) *offices.CreateOfficeRequest {
	return &offices.CreateOfficeRequest{
		Name:       name,
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
	}
}
