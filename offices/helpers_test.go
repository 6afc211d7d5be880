package offices_test

import (
	"slices"
	"testing"

	"github.com/ccsdk/callcenter-go/offices"
)

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

// newClient is offices.NewClient for a test: a construction error fails it.
func newClient(tb testing.TB, key string, opts ...offices.Option) *offices.Client {
	tb.Helper()
	c, err := offices.NewClient(key, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = c.Close() })
	return c
}

// fieldsOf returns the fields that have problems, in order, each once.
func fieldsOf(e *offices.ValidationError) []string {
	var out []string
	for _, f := range e.Errors {
		if !slices.Contains(out, f.Field) {
			out = append(out, f.Field)
		}
	}
	return out
}
