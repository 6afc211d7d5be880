package callcenter_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// base returns a call center of type t that is valid after ApplyDefaults.
func base(t callcenter.Type) callcenter.CallCenter {
	cc := callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "SalesGroup",
		ServiceUserID:     "sales-center@company.com",
		Profile:           callcenter.Profile{Password: "password123"},
		Type:              t,
	}
	cc.ApplyDefaults()
	return cc
}

// validationError returns the *ValidationError of err, failing the test if
// err is not one.
func validationError(t *testing.T, err error) *callcenter.ValidationError {
	t.Helper()
	var ve *callcenter.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not a *callcenter.ValidationError", err, err)
	}
	return ve
}

// errorFields returns the sorted, de-duplicated fields reported by err (nil
// for a nil error).
func errorFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var out []string
	for _, fe := range validationError(t, err).Errors {
		out = append(out, fe.Field)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
