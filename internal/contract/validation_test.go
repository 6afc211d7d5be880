package contract_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/ucontact"
)

// badNewClients are, per package, NewClient calls with two bad arguments
// and the two fields each must name.
var badNewClients = map[string][]struct {
	call   func() error
	fields []string
}{
	"broadworks": {
		{func() error { _, err := broadworks.NewClient("", "", "Pa55word-0123"); return err }, []string{"username", "host"}},
		{func() error {
			_, err := broadworks.NewClient("as.example.com:99999", "admin", "", broadworks.WithSessions(4))
			return err
		}, []string{"password", "host"}},
	},
	"apio": {
		{func() error { _, err := apio.NewClient("ftp://apio.example.com", apio.WithToken(" ")); return err }, []string{"baseURL", "WithToken.token"}},
		{func() error { _, err := apio.NewClient("", apio.WithLogin("", "Pa55word-0123")); return err }, []string{"baseURL", "WithLogin.username"}},
	},
	"livevox": {
		{func() error {
			_, err := livevox.NewClient(livevox.Credentials{ClientName: "ACME", UserName: "u", Password: "p"}, livevox.WithBaseURL("api.livevox.com"))
			return err
		}, []string{"Credentials.AccessToken", "WithBaseURL"}},
		{func() error {
			_, err := livevox.NewClient(livevox.Credentials{AccessToken: "a", ClientName: "ACME", UserName: "u"}, livevox.WithRegion("EU1"))
			return err
		}, []string{"Credentials.Password", "WithRegion"}},
	},
	"ucontact": {
		{func() error {
			_, err := ucontact.NewClient("acme.ucontactcloud.com", ucontact.WithLogin("", "Pa55word-0123"))
			return err
		}, []string{"baseURL", "WithLogin.user"}},
		{func() error {
			_, err := ucontact.NewClient("https://acme.ucontactcloud.com", ucontact.WithAPIToken("t 1"), ucontact.WithRecordingHosts("ftp://x", ""))
			return err
		}, []string{"WithAPIToken", "WithRecordingHosts.telephony"}},
	},
	"offices": {
		{func() error { _, err := offices.NewClient("", offices.WithBaseURL("x")); return err }, []string{"apiKey", "WithBaseURL"}},
	},
}

// TestNewClientReportsEveryProblem: every package's NewClient, given two
// bad arguments, reports both at once: one *ValidationError (matched with
// errors.As) with two FieldErrors, one per argument, Subject "PACKAGE:
// NewClient arguments".
func TestNewClientReportsEveryProblem(t *testing.T) {
	for _, v := range vendors {
		cases := badNewClients[v.dir]
		if len(cases) == 0 {
			t.Errorf("%s: no NewClient case: add one to badNewClients", v.dir)
		}
		for i, tc := range cases {
			err := tc.call()
			var ve *callcenter.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%s #%d: %v (%T), want a *ValidationError", v.dir, i+1, err, err)
				continue
			}
			var got []string
			for _, fe := range ve.Errors {
				got = append(got, fe.Field)
			}
			if !slices.Equal(got, tc.fields) || ve.Subject != v.dir+": NewClient arguments" {
				t.Errorf("%s #%d: Subject %q, fields %q; want %q, fields %q (%v)", v.dir, i+1, ve.Subject, got, v.dir+": NewClient arguments", tc.fields, err)
			}
		}
	}
}

// TestValidationErrorReadsPackageFirst: bad input reads "PACKAGE: invalid
// WHAT: field: message" in all five packages and in callcenter (bad
// NewClient arguments, a request refused before sending, a call center
// that is not valid), and errors.As and Has still find the problems.
func TestValidationErrorReadsPackageFirst(t *testing.T) {
	check := func(pkg, what, field string, err error) {
		t.Helper()
		var ve *callcenter.ValidationError
		want := pkg + ": invalid "
		if !errors.As(err, &ve) || !ve.Has(field) || !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), pkg+": ") != 1 {
			t.Errorf("%s, %s: %q, want a *ValidationError naming %s, reading %q…", pkg, what, err, field, want)
		}
	}
	for _, v := range vendors {
		for _, tc := range badNewClients[v.dir] {
			check(v.dir, "NewClient", tc.fields[0], tc.call())
		}
	}
	for vendor, kit := range prefixKits { // the REST clients' requests
		c, err := kit.open("http://127.0.0.1:1", "Pa55word-0123", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		err = c.invalid(context.Background())
		var ve *callcenter.ValidationError
		if !errors.As(err, &ve) || len(ve.Errors) == 0 {
			t.Errorf("%s: bad request: %v, want a *ValidationError", vendor, err)
		} else {
			check(vendor, "bad request", ve.Errors[0].Field, err)
		}
		_ = c.close()
	}
	bw, err := broadworks.NewClient("127.0.0.1:1", "admin", "Pa55word-0123")
	if err != nil {
		t.Fatal(err)
	}
	defer bw.Close()
	_, err = bw.ListAgentsPage(context.Background(), "", 1, 10)
	check("broadworks", "bad request", "serviceUserId", err)
	check("callcenter", "call center", "serviceUserId", callcenter.CallCenter{}.Validate())
	check("callcenter", "staffing", "serviceUserId", callcenter.Staffing{}.Validate())
}
