package offices

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits from reference 004.
const (
	MinRingSeconds         = 10
	MaxRingSeconds         = 45
	MaxGroupDescriptionLen = 256 // characters (runes), not bytes
)

// e911Countries are the office countries for which Dialpad's public API
// reference requires an E911 address (reference 004 does not say).
var e911Countries = []Country{CountryUS, CountryCA, CountryAU, CountryFR, CountryGB, CountryNZ}

// problems collects the FieldErrors of one request.
type problems struct {
	subject string
	errs    []FieldError
}

func (v *problems) add(field, format string, args ...any) {
	v.errs = append(v.errs, FieldError{Field: strings.TrimPrefix(field, "."), Message: fmt.Sprintf(format, args...)})
}

// err returns nil or a *ValidationError with the subject "offices: " +
// v.subject.
func (v *problems) err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Subject: "offices: " + v.subject, Errors: v.errs}
}

// Validate checks r against reference 004 and returns nil or a
// *ValidationError listing every problem at once: required fields (including
// those of optional objects that are given), enum values, ring_seconds
// 10–45, group_description at most 256 characters, no line breaks in
// single-line fields, hours as ordered HH:MM pairs, DTMF keys 0–9 (each
// once per menu), a plausible billing contact email, and an E911 address
// for the countries that need one (see E911Address).
func (r *CreateOfficeRequest) Validate() error {
	v := problems{subject: "create office request"}
	if r == nil {
		v.add("request", "is nil")
		return v.err()
	}
	v.singleLine("name", r.Name, true)
	enum(&v, "country", r.Country, true)
	enum(&v, "currency", r.Currency, true)
	enum(&v, "plan_period", r.PlanPeriod, true)
	r.BillingAddress.check(&v, "billing_address")
	required(&v, "unified_billing", r.UnifiedBilling)
	required(&v, "invoiced", r.Invoiced)
	required(&v, "annual_commit_monthly_billing", r.AnnualCommitMonthlyBilling)

	if c := r.BillingContact; c != nil {
		c.check(&v, "billing_contact")
	}
	if a := r.E911Address; a != nil {
		a.check(&v, "e911_address")
	} else if slices.Contains(e911Countries, r.Country) && (r.UseSameAddress == nil || !*r.UseSameAddress) {
		v.add("e911_address", "is required for offices in %s (or set use_same_address)", r.Country)
	}
	if n := utf8.RuneCountInString(r.GroupDescription); n > MaxGroupDescriptionLen {
		v.add("group_description", "is %d characters long; at most %d are allowed", n, MaxGroupDescriptionLen)
	}
	v.singleLine("mainline_number", r.MainlineNumber, false)
	v.singleLine("timezone", r.Timezone, false)
	for _, d := range r.days() {
		d.hours.check(d.field, v.add)
	}
	if s := r.RingSeconds; s != nil && (*s < MinRingSeconds || *s > MaxRingSeconds) {
		v.add("ring_seconds", "is %d; choose from %d to %d seconds", *s, MinRingSeconds, MaxRingSeconds)
	}
	enum(&v, "first_action", r.FirstAction, false)
	enum(&v, "no_operators_action", r.NoOperatorsAction, false)
	if o := r.RoutingOptions; o != nil {
		o.Open.check(&v, "routing_options.open")
		o.Closed.check(&v, "routing_options.closed")
	}
	return v.err()
}

type day struct {
	field string
	hours Hours
}

func (r *CreateOfficeRequest) days() []day {
	return []day{
		{"monday_hours", r.MondayHours}, {"tuesday_hours", r.TuesdayHours}, {"wednesday_hours", r.WednesdayHours},
		{"thursday_hours", r.ThursdayHours}, {"friday_hours", r.FridayHours}, {"saturday_hours", r.SaturdayHours},
		{"sunday_hours", r.SundayHours},
	}
}

func (a *BillingAddress) check(v *problems, at string) {
	v.singleLine(at+".address_line_1", a.AddressLine1, true)
	v.singleLine(at+".address_line_2", a.AddressLine2, false)
	v.singleLine(at+".city", a.City, true)
	v.singleLine(at+".region", a.Region, true)
	v.singleLine(at+".postal_code", a.PostalCode, true)
	v.singleLine(at+".country", string(a.Country), true)
}

func (c *BillingContact) check(v *problems, at string) {
	switch {
	case c.Email == "":
		v.add(at+".email", "is required")
	default:
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			v.add(at+".email", "%q is not an email address", c.Email)
		}
	}
	v.singleLine(at+".name", c.Name, true)
	v.singleLine(at+".phone", c.Phone, false)
}

func (a *E911Address) check(v *problems, at string) {
	v.singleLine(at+".address", a.Address, true)
	v.singleLine(at+".address2", a.Address2, false)
	v.singleLine(at+".city", a.City, true)
	v.singleLine(at+".state", a.State, true)
	v.singleLine(at+".zip", a.Zip, true)
	v.singleLine(at+".country", string(a.Country), true)
}

func (o *RoutingOption) check(v *problems, at string) {
	enum(v, at+".action", o.Action, true)
	required(v, at+".try_dial_operators", o.TryDialOperators)
	enum(v, at+".operator_routing", o.OperatorRouting, false)
	enum(v, at+".action_target_type", o.ActionTargetType, false)
	if o.ActionTargetID < 0 {
		v.add(at+".action_target_id", "is negative (%d)", o.ActionTargetID)
	}
	seen := map[string]int{}
	for i, d := range o.DTMF {
		f := fmt.Sprintf("%s.dtmf[%d]", at, i)
		if d.Input != "" {
			if len(d.Input) != 1 || d.Input[0] < '0' || d.Input[0] > '9' {
				v.add(f+".input", "%q is not a DTMF key (want one digit, 0 to 9)", d.Input)
			} else if j, dup := seen[d.Input]; dup {
				v.add(f+".input", "key %s is already used by dtmf[%d]", d.Input, j)
			} else {
				seen[d.Input] = i
			}
		}
		if opt := d.Options; opt != nil {
			enum(v, f+".options.action", opt.Action, false)
			enum(v, f+".options.action_target_type", opt.ActionTargetType, false)
			if opt.ActionTargetID < 0 {
				v.add(f+".options.action_target_id", "is negative (%d)", opt.ActionTargetID)
			}
		}
	}
}

// validEnum is satisfied by the enum types of this package.
type validEnum interface {
	~string
	Valid() bool
}

// values lists the valid values of an enum type, for error messages.
func values[T validEnum]() []T {
	var zero T
	switch any(zero).(type) {
	case Country:
		return any(countries).([]T)
	case Currency:
		return any(currencies).([]T)
	case PlanPeriod:
		return any(planPeriods).([]T)
	case Action:
		return any(actions).([]T)
	case TargetType:
		return any(targetTypes).([]T)
	case OperatorRouting:
		return any(operatorRoutings).([]T)
	case FirstAction:
		return any(firstActions).([]T)
	case OperatorType:
		return any(operatorTypes).([]T)
	case OperatorRole:
		return any(operatorRoles).([]T)
	}
	return nil
}

func enum[T validEnum](v *problems, field string, val T, req bool) {
	switch {
	case val == "":
		if req {
			v.add(field, "is required")
		}
	case !val.Valid():
		all := values[T]()
		if len(all) > 12 {
			v.add(field, "%q is not a valid value (%d values are allowed, e.g. %q)", string(val), len(all), all[:6])
			return
		}
		v.add(field, "%q is not a valid value; allowed: %q", string(val), all)
	}
}

func required(v *problems, field string, b *bool) {
	if b == nil {
		v.add(field, "is required (set it to true or false)")
	}
}

// singleLine checks a "[single-line only]" field: no line breaks (nor
// other vertical whitespace).
func (v *problems) singleLine(field, s string, req bool) {
	if s == "" {
		if req {
			v.add(field, "is required")
		}
		return
	}
	if req && strings.TrimSpace(s) == "" {
		v.add(field, "is blank")
		return
	}
	if i := strings.IndexAny(s, "\r\n\v\f\u0085\u2028\u2029"); i >= 0 {
		v.add(field, "must be a single line (line break at byte %d)", i)
	}
	if !utf8.ValidString(s) {
		v.add(field, "is not valid UTF-8")
	}
}
