package offices_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/offices"
)

func TestValidateValid(t *testing.T) {
	for name, r := range map[string]*offices.CreateOfficeRequest{
		"minimal": validRequest("Lisbon"),
		"full":    fullRequest(),
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestValidateTable changes one thing in a valid request and expects
// exactly the listed field paths to be reported.
func TestValidateTable(t *testing.T) {
	long := strings.Repeat("é", 257)
	for _, tc := range []struct {
		name   string
		mutate func(r *offices.CreateOfficeRequest)
		want   []string
	}{
		{"name missing", func(r *offices.CreateOfficeRequest) { r.Name = "" }, []string{"name"}},
		{"name blank", func(r *offices.CreateOfficeRequest) { r.Name = "  " }, []string{"name"}},
		{"name two lines", func(r *offices.CreateOfficeRequest) { r.Name = "A\nB" }, []string{"name"}},
		{"name CR", func(r *offices.CreateOfficeRequest) { r.Name = "A\rB" }, []string{"name"}},
		{"name unicode line separator", func(r *offices.CreateOfficeRequest) { r.Name = "A\u2028B" }, []string{"name"}},
		{"country missing", func(r *offices.CreateOfficeRequest) { r.Country = "" }, []string{"country"}},
		{"country unknown", func(r *offices.CreateOfficeRequest) { r.Country = "XX" }, []string{"country"}},
		{"country lower case", func(r *offices.CreateOfficeRequest) { r.Country = "pt" }, []string{"country"}},
		{"currency unknown", func(r *offices.CreateOfficeRequest) { r.Currency = "CHF" }, []string{"currency"}},
		{"plan period unknown", func(r *offices.CreateOfficeRequest) { r.PlanPeriod = "weekly" }, []string{"plan_period"}},
		{"required booleans", func(r *offices.CreateOfficeRequest) {
			r.UnifiedBilling, r.Invoiced, r.AnnualCommitMonthlyBilling = nil, nil, nil
		}, []string{"unified_billing", "invoiced", "annual_commit_monthly_billing"}},
		{"billing address empty", func(r *offices.CreateOfficeRequest) { r.BillingAddress = offices.BillingAddress{} },
			[]string{"billing_address.address_line_1", "billing_address.city", "billing_address.region", "billing_address.postal_code", "billing_address.country"}},
		{"billing address line 2 with line break", func(r *offices.CreateOfficeRequest) { r.BillingAddress.AddressLine2 = "a\nb" },
			[]string{"billing_address.address_line_2"}},
		{"billing contact incomplete", func(r *offices.CreateOfficeRequest) { r.BillingContact = &offices.BillingContact{Phone: "1"} },
			[]string{"billing_contact.email", "billing_contact.name"}},
		{"billing contact bad email", func(r *offices.CreateOfficeRequest) {
			r.BillingContact = &offices.BillingContact{Email: "Ann <ann@example.com>", Name: "Ann"}
		}, []string{"billing_contact.email"}},
		{"e911 incomplete", func(r *offices.CreateOfficeRequest) { r.E911Address = &offices.E911Address{Address2: "x\ny"} },
			[]string{"e911_address.address", "e911_address.address2", "e911_address.city", "e911_address.state", "e911_address.zip", "e911_address.country"}},
		{"e911 needed in US", func(r *offices.CreateOfficeRequest) { r.Country = offices.CountryUS }, []string{"e911_address"}},
		{"e911 not needed with same address", func(r *offices.CreateOfficeRequest) {
			r.Country, r.UseSameAddress = offices.CountryGB, new(true)
		}, nil},
		{"group description 256", func(r *offices.CreateOfficeRequest) { r.GroupDescription = long[:256*2] }, nil},
		{"group description 257", func(r *offices.CreateOfficeRequest) { r.GroupDescription = long }, []string{"group_description"}},
		{"group description may span lines", func(r *offices.CreateOfficeRequest) { r.GroupDescription = "a\nb" }, nil},
		{"ring seconds 10", func(r *offices.CreateOfficeRequest) { r.RingSeconds = new(10) }, nil},
		{"ring seconds 45", func(r *offices.CreateOfficeRequest) { r.RingSeconds = new(45) }, nil},
		{"ring seconds 9", func(r *offices.CreateOfficeRequest) { r.RingSeconds = new(9) }, []string{"ring_seconds"}},
		{"ring seconds 46", func(r *offices.CreateOfficeRequest) { r.RingSeconds = new(46) }, []string{"ring_seconds"}},
		{"ring seconds 0", func(r *offices.CreateOfficeRequest) { r.RingSeconds = new(0) }, []string{"ring_seconds"}},
		{"first action", func(r *offices.CreateOfficeRequest) { r.FirstAction = "operator" }, []string{"first_action"}},
		{"no operators action", func(r *offices.CreateOfficeRequest) { r.NoOperatorsAction = "hangup" }, []string{"no_operators_action"}},
		{"hours bad time", func(r *offices.CreateOfficeRequest) { r.MondayHours = offices.Hours{{"8:00", "18:00"}} }, []string{"monday_hours[0]"}},
		{"hours 24:00", func(r *offices.CreateOfficeRequest) { r.TuesdayHours = offices.Hours{{"08:00", "24:00"}} }, []string{"tuesday_hours[1]"}},
		{"hours minute 60", func(r *offices.CreateOfficeRequest) { r.TuesdayHours = offices.Hours{{"08:60", "09:00"}} }, []string{"tuesday_hours[0]"}},
		{"hours reversed", func(r *offices.CreateOfficeRequest) { r.WednesdayHours = offices.Hours{{"18:00", "08:00"}} }, []string{"wednesday_hours[1]"}},
		{"hours empty span", func(r *offices.CreateOfficeRequest) { r.ThursdayHours = offices.Hours{{"08:00", "08:00"}} }, []string{"thursday_hours[1]"}},
		{"hours overlapping spans", func(r *offices.CreateOfficeRequest) {
			r.FridayHours = offices.Hours{{"08:00", "12:00"}, {"11:00", "18:00"}}
		}, []string{"friday_hours[2]"}},
		{"hours spans out of order", func(r *offices.CreateOfficeRequest) {
			r.SaturdayHours = offices.Hours{{"14:00", "18:00"}, {"08:00", "12:00"}}
		}, []string{"saturday_hours[2]"}},
		{"hours closed all day", func(r *offices.CreateOfficeRequest) { r.SundayHours = offices.ClosedAllDay() }, nil},
		{"routing options empty", func(r *offices.CreateOfficeRequest) { r.RoutingOptions = &offices.RoutingOptions{} },
			[]string{"routing_options.open.action", "routing_options.open.try_dial_operators", "routing_options.closed.action", "routing_options.closed.try_dial_operators"}},
		{"routing bad enums", func(r *offices.CreateOfficeRequest) {
			r.RoutingOptions = &offices.RoutingOptions{
				Open:   offices.RoutingOption{Action: "ring", TryDialOperators: new(true), OperatorRouting: "fastest", ActionTargetType: "team"},
				Closed: offices.RoutingOption{Action: offices.ActionVoicemail, TryDialOperators: new(false), ActionTargetID: -1},
			}
		}, []string{"routing_options.open.action", "routing_options.open.operator_routing", "routing_options.open.action_target_type", "routing_options.closed.action_target_id"}},
		{"dtmf keys", func(r *offices.CreateOfficeRequest) {
			r.RoutingOptions = &offices.RoutingOptions{
				Open: offices.RoutingOption{Action: offices.ActionMenu, TryDialOperators: new(true), DTMF: []offices.DTMF{
					{Input: "0"}, {Input: "9"}, {Input: "10"}, {Input: "*"}, {Input: "a"}, {Input: "9"},
					{Input: "5", Options: &offices.DTMFOptions{Action: "jump", ActionTargetType: "nobody"}},
				}},
				Closed: offices.RoutingOption{Action: offices.ActionVoicemail, TryDialOperators: new(false)},
			}
		}, []string{"routing_options.open.dtmf[2].input", "routing_options.open.dtmf[3].input", "routing_options.open.dtmf[4].input",
			"routing_options.open.dtmf[5].input", "routing_options.open.dtmf[6].options.action", "routing_options.open.dtmf[6].options.action_target_type"}},
		{"timezone two lines", func(r *offices.CreateOfficeRequest) { r.Timezone = "Europe/Lisbon\n" }, []string{"timezone"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := validRequest("Lisbon")
			tc.mutate(r)
			err := r.Validate()
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var ve *offices.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v (%T), want *ValidationError", err, err)
			}
			if got := fieldsOf(ve); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("fields = %q, want %q\n%v", got, tc.want, err)
			}
			for _, f := range ve.Errors {
				if f.Message == "" || !strings.Contains(err.Error(), f.Field+": ") {
					t.Errorf("problem %+v not in %q", f, err)
				}
			}
		})
	}
}

func TestValidateAllProblemsAtOnce(t *testing.T) {
	err := (&offices.CreateOfficeRequest{Country: "ZZ", RingSeconds: new(100)}).Validate()
	var ve *offices.ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	want := []string{"name", "country", "currency", "plan_period", "billing_address.address_line_1", "billing_address.city",
		"billing_address.region", "billing_address.postal_code", "billing_address.country", "unified_billing", "invoiced",
		"annual_commit_monthly_billing", "ring_seconds"}
	if got := fieldsOf(ve); !reflect.DeepEqual(got, want) {
		t.Errorf("fields = %q\nwant %q", got, want)
	}
	if !strings.Contains(err.Error(), `country: "ZZ" is not a valid value (84 values are allowed`) {
		t.Errorf("message = %v", err)
	}
	var nilReq *offices.CreateOfficeRequest
	if err := nilReq.Validate(); err == nil {
		t.Error("nil request validated")
	}
}

func TestHoursJSON(t *testing.T) {
	h := offices.Hours{{"08:00", "12:00"}, {"14:00", "18:00"}}
	b, err := json.Marshal(h)
	if err != nil || string(b) != `["08:00","12:00","14:00","18:00"]` {
		t.Fatalf("marshal = %s, %v", b, err)
	}
	var back offices.Hours
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, h) {
		t.Errorf("unmarshal = %v, %v", back, err)
	}
	for in, want := range map[string]string{"[]": "[]", "null": "null"} {
		var x offices.Hours
		if err := json.Unmarshal([]byte(in), &x); err != nil {
			t.Fatal(err)
		}
		if out, _ := json.Marshal(x); string(out) != want {
			t.Errorf("%s round trip = %s", in, out)
		}
	}
	if err := json.Unmarshal([]byte(`["08:00"]`), &back); err == nil {
		t.Error("odd number of times accepted")
	}
	if err := json.Unmarshal([]byte(`"08:00"`), &back); err == nil {
		t.Error("a string accepted as hours")
	}
	if err := (offices.Hours{{"09:00", "08:00"}}).Validate(); err == nil || !strings.Contains(err.Error(), "[1]") {
		t.Errorf("Validate = %v", err)
	}
	if got := h.Times(); !reflect.DeepEqual(got, []string{"08:00", "12:00", "14:00", "18:00"}) {
		t.Errorf("Times = %q", got)
	}
}

func TestIDJSON(t *testing.T) {
	for in, want := range map[string]offices.ID{`"5629499534213120"`: 5629499534213120, `42`: 42, `null`: 0, ` "7" `: 7} {
		var id offices.ID
		if err := json.Unmarshal([]byte(in), &id); err != nil || id != want {
			t.Errorf("%s -> %d, %v", in, id, err)
		}
	}
	for _, in := range []string{`"x"`, `1.5`, `true`, `"99999999999999999999"`} {
		var id offices.ID
		if err := json.Unmarshal([]byte(in), &id); err == nil {
			t.Errorf("%s accepted as %d", in, id)
		}
	}
	if b, _ := json.Marshal(offices.ID(12)); string(b) != "12" {
		t.Errorf("marshal = %s", b)
	}
}

func TestEnums(t *testing.T) {
	if n := len(offices.Countries()); n != 84 {
		t.Errorf("%d countries, want 84 (reference 004)", n)
	}
	checks := []struct {
		name  string
		n     int
		valid func() bool
	}{
		{"plan periods", len(offices.PlanPeriods()), func() bool { return offices.PlanYearly.Valid() && !offices.PlanPeriod("Yearly").Valid() }},
		{"currencies", len(offices.Currencies()), func() bool { return offices.CurrencyJPY.Valid() && !offices.Currency("usd").Valid() }},
		{"routings", len(offices.OperatorRoutings()), func() bool { return offices.RoutingSimultaneous.Valid() && !offices.OperatorRouting("").Valid() }},
		{"actions", len(offices.Actions()), func() bool { return offices.ActionScriptedIVR.Valid() && !offices.Action("ivr").Valid() }},
		{"target types", len(offices.TargetTypes()), func() bool { return offices.TargetCoachingGroup.Valid() && !offices.TargetType("team").Valid() }},
		{"first actions", len(offices.FirstActions()), func() bool { return offices.FirstActionOperators.Valid() && !offices.FirstAction("operator").Valid() }},
	}
	wantN := map[string]int{"plan periods": 2, "currencies": 7, "routings": 6, "actions": 12, "target types": 12, "first actions": 2}
	for _, c := range checks {
		if c.n != wantN[c.name] || !c.valid() {
			t.Errorf("%s: %d values (want %d) or Valid wrong", c.name, c.n, wantN[c.name])
		}
	}
	// The lists are copies.
	offices.Countries()[0] = "XX"
	if offices.Countries()[0] == "XX" {
		t.Error("Countries returns the package's slice")
	}
}
