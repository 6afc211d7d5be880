package officestest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The documented values (reference 004), kept apart from package offices on
// purpose: the fake checks clients, it does not trust them.
var (
	planPeriods = []string{"monthly", "yearly"}
	currencies  = []string{"CAD", "JPY", "AUD", "USD", "EUR", "GBP", "NZD"}
	countries   = strings.Fields(`MY DO DK CI BG UY HK TW NO TR KH ID VN MD CY AU CR KZ SA DP UA CN GR LT KR BH JP IN PT SV
		BD EE MM LK CA RO IE PK KE NG CZ SI MA SE AR ES HU CO IS LU PY BE FI RU EG DE NL PL GB PH TH BR VE GT FR NZ IT MX
		HR LV CL MT ZA CH IL PR GH EC US SK PE SG AT PA`)
	routings    = []string{"mostskilled", "longestidle", "roundrobin", "fixedorder", "random", "simultaneous"}
	actions     = []string{"extension", "directory", "company_directory", "menu", "disabled", "message", "operator", "scripted_ivr", "voicemail", "department", "person", "bridge_target"}
	targetTypes = []string{"contact", "contactgroup", "room", "callrouter", "channel", "staffgroup", "callcenter", "department", "office", "unknown", "user", "coachinggroup"}
	firstActs   = []string{"menu", "operators"}
	// Dialpad's public API reference: e911_address is required for these.
	e911Countries = []string{"US", "CA", "AU", "FR", "GB", "NZ"}
)

// createMessage is the request body; pointers tell "absent" from zero.
type createMessage struct {
	PlanPeriod                 *string         `json:"plan_period,omitempty"`
	BillingContact             *billingContact `json:"billing_contact,omitempty"`
	FridayHours                []string        `json:"friday_hours,omitempty"`
	Currency                   *string         `json:"currency,omitempty"`
	MondayHours                []string        `json:"monday_hours,omitempty"`
	Timezone                   *string         `json:"timezone,omitempty"`
	SaturdayHours              []string        `json:"saturday_hours,omitempty"`
	RingSeconds                *int            `json:"ring_seconds,omitempty"`
	Country                    *string         `json:"country,omitempty"`
	InternationalEnabled       *bool           `json:"international_enabled,omitempty"`
	UnifiedBilling             *bool           `json:"unified_billing,omitempty"`
	SundayHours                []string        `json:"sunday_hours,omitempty"`
	BillingAddress             *billingAddress `json:"billing_address,omitempty"`
	RoutingOptions             *routingOptions `json:"routing_options,omitempty"`
	TuesdayHours               []string        `json:"tuesday_hours,omitempty"`
	AutoCallRecording          *bool           `json:"auto_call_recording,omitempty"`
	VoiceIntelligence          *voiceIntel     `json:"voice_intelligence,omitempty"`
	E911Address                *e911Address    `json:"e911_address,omitempty"`
	GroupDescription           *string         `json:"group_description,omitempty"`
	Name                       *string         `json:"name,omitempty"`
	UseSameAddress             *bool           `json:"use_same_address,omitempty"`
	FirstAction                *string         `json:"first_action,omitempty"`
	HoursOn                    *bool           `json:"hours_on,omitempty"`
	ThursdayHours              []string        `json:"thursday_hours,omitempty"`
	NoOperatorsAction          *string         `json:"no_operators_action,omitempty"`
	AnnualCommitMonthlyBilling *bool           `json:"annual_commit_monthly_billing,omitempty"`
	MainlineNumber             *string         `json:"mainline_number,omitempty"`
	Invoiced                   *bool           `json:"invoiced,omitempty"`
	WednesdayHours             []string        `json:"wednesday_hours,omitempty"`
}

type billingContact struct {
	Email *string `json:"email,omitempty"`
	Name  *string `json:"name,omitempty"`
	Phone *string `json:"phone,omitempty"`
}

type billingAddress struct {
	Region       *string `json:"region,omitempty"`
	PostalCode   *string `json:"postal_code,omitempty"`
	Country      *string `json:"country,omitempty"`
	AddressLine2 *string `json:"address_line_2,omitempty"`
	City         *string `json:"city,omitempty"`
	AddressLine1 *string `json:"address_line_1,omitempty"`
}

type e911Address struct {
	Zip      *string `json:"zip,omitempty"`
	Address2 *string `json:"address2,omitempty"`
	Country  *string `json:"country,omitempty"`
	State    *string `json:"state,omitempty"`
	Address  *string `json:"address,omitempty"`
	City     *string `json:"city,omitempty"`
}

// check adds the problems of an E911 address, its fields named after
// prefix ("" or "e911_address.").
func (a *e911Address) check(c *checker, prefix string) {
	c.str(prefix+"address", a.Address, true, true, nil)
	c.str(prefix+"address2", a.Address2, false, true, nil)
	c.str(prefix+"city", a.City, true, true, nil)
	c.str(prefix+"state", a.State, true, true, nil)
	c.str(prefix+"zip", a.Zip, true, true, nil)
	c.str(prefix+"country", a.Country, true, false, nil)
}

type routingOptions struct {
	Closed *routingInner `json:"closed,omitempty"`
	Open   *routingInner `json:"open,omitempty"`
}

type routingInner struct {
	OperatorRouting  *string    `json:"operator_routing,omitempty"`
	DTMF             []dtmfItem `json:"dtmf,omitempty"`
	Action           *string    `json:"action,omitempty"`
	ActionTargetType *string    `json:"action_target_type,omitempty"`
	TryDialOperators *bool      `json:"try_dial_operators,omitempty"`
	ActionTargetID   *int64     `json:"action_target_id,omitempty"`
}

type dtmfItem struct {
	Input   *string      `json:"input,omitempty"`
	Options *dtmfOptions `json:"options,omitempty"`
}

type dtmfOptions struct {
	Action           *string `json:"action,omitempty"`
	ActionTargetType *string `json:"action_target_type,omitempty"`
	ActionTargetID   *int64  `json:"action_target_id,omitempty"`
}

type voiceIntel struct {
	AutoStart  *bool `json:"auto_start,omitempty"`
	AllowPause *bool `json:"allow_pause,omitempty"`
}

type checker struct{ problems []string }

func (c *checker) addf(field, format string, args ...any) {
	c.problems = append(c.problems, field+": "+fmt.Sprintf(format, args...))
}

func (c *checker) str(field string, v *string, required, singleLine bool, allowed []string) {
	if v == nil {
		if required {
			c.addf(field, "is required")
		}
		return
	}
	if required && strings.TrimSpace(*v) == "" {
		c.addf(field, "must not be empty")
		return
	}
	if singleLine && strings.ContainsAny(*v, "\r\n\v\f\u0085\u2028\u2029") {
		c.addf(field, "must be a single line")
	}
	if allowed != nil && !slices.Contains(allowed, *v) {
		c.addf(field, "invalid value %q", *v)
	}
}

func (c *checker) boolean(field string, v *bool) {
	if v == nil {
		c.addf(field, "is required")
	}
}

func (c *checker) hours(field string, times []string) {
	if len(times)%2 != 0 {
		c.addf(field, "must hold pairs of times")
	}
	prev := -1
	for i, t := range times {
		tm, err := time.Parse("15:04", t)
		if err != nil || len(t) != 5 {
			c.addf(fmt.Sprintf("%s[%d]", field, i), "invalid time %q", t)
			prev = -1
			continue
		}
		m := tm.Hour()*60 + tm.Minute()
		if prev >= 0 && m <= prev {
			c.addf(fmt.Sprintf("%s[%d]", field, i), "times must be in increasing order")
		}
		prev = m
	}
}

func (c *checker) routing(field string, r *routingInner) {
	if r == nil {
		c.addf(field, "is required")
		return
	}
	c.str(field+".operator_routing", r.OperatorRouting, false, false, routings)
	c.str(field+".action", r.Action, true, false, actions)
	c.str(field+".action_target_type", r.ActionTargetType, false, false, targetTypes)
	c.boolean(field+".try_dial_operators", r.TryDialOperators)
	for i, d := range r.DTMF {
		f := fmt.Sprintf("%s.dtmf[%d]", field, i)
		if d.Input != nil && (len(*d.Input) != 1 || (*d.Input)[0] < '0' || (*d.Input)[0] > '9') {
			c.addf(f+".input", "invalid DTMF key %q (0-9)", *d.Input)
		}
		if o := d.Options; o != nil {
			c.str(f+".options.action", o.Action, false, false, actions)
			c.str(f+".options.action_target_type", o.ActionTargetType, false, false, targetTypes)
		}
	}
}

// validate returns every problem of m by the rules of reference 004 (plus
// the E911 rule of Dialpad's public reference).
func (m *createMessage) validate() []string {
	var c checker
	c.str("plan_period", m.PlanPeriod, true, false, planPeriods)
	if b := m.BillingContact; b != nil {
		c.str("billing_contact.email", b.Email, true, false, nil)
		if b.Email != nil && !strings.Contains(*b.Email, "@") {
			c.addf("billing_contact.email", "invalid email %q", *b.Email)
		}
		c.str("billing_contact.name", b.Name, true, true, nil)
		c.str("billing_contact.phone", b.Phone, false, false, nil)
	}
	c.str("currency", m.Currency, true, false, currencies)
	c.str("timezone", m.Timezone, false, false, nil)
	if m.RingSeconds != nil && (*m.RingSeconds < 10 || *m.RingSeconds > 45) {
		c.addf("ring_seconds", "must be from 10 to 45, not %d", *m.RingSeconds)
	}
	c.str("country", m.Country, true, false, countries)
	c.boolean("unified_billing", m.UnifiedBilling)
	if a := m.BillingAddress; a == nil {
		c.addf("billing_address", "is required")
	} else {
		c.str("billing_address.region", a.Region, true, true, nil)
		c.str("billing_address.postal_code", a.PostalCode, true, true, nil)
		c.str("billing_address.country", a.Country, true, false, nil)
		c.str("billing_address.address_line_2", a.AddressLine2, false, true, nil)
		c.str("billing_address.city", a.City, true, true, nil)
		c.str("billing_address.address_line_1", a.AddressLine1, true, true, nil)
	}
	if r := m.RoutingOptions; r != nil {
		c.routing("routing_options.closed", r.Closed)
		c.routing("routing_options.open", r.Open)
	}
	if e := m.E911Address; e != nil {
		e.check(&c, "e911_address.")
	} else if m.Country != nil && slices.Contains(e911Countries, *m.Country) && (m.UseSameAddress == nil || !*m.UseSameAddress) {
		c.addf("e911_address", "is required for offices in %s", *m.Country)
	}
	if d := m.GroupDescription; d != nil && utf8.RuneCountInString(*d) > 256 {
		c.addf("group_description", "must be at most 256 characters")
	}
	c.str("name", m.Name, true, true, nil)
	c.str("first_action", m.FirstAction, false, false, firstActs)
	c.str("no_operators_action", m.NoOperatorsAction, false, false, actions)
	c.boolean("annual_commit_monthly_billing", m.AnnualCommitMonthlyBilling)
	c.boolean("invoiced", m.Invoiced)
	for _, d := range m.days() {
		c.hours(d.name, d.times)
	}
	return c.problems
}

type dayHours struct {
	name  string
	times []string
}

func (m *createMessage) days() []dayHours {
	return []dayHours{
		{"monday_hours", m.MondayHours}, {"tuesday_hours", m.TuesdayHours}, {"wednesday_hours", m.WednesdayHours},
		{"thursday_hours", m.ThursdayHours}, {"friday_hours", m.FridayHours}, {"saturday_hours", m.SaturdayHours},
		{"sunday_hours", m.SundayHours},
	}
}

// office builds the OfficeProto the fake serves, applying the documented
// defaults. 64-bit integers are strings, as Dialpad sends them.
func (m *createMessage) office(id int64) map[string]any {
	o := map[string]any{
		"id":                  strconv.FormatInt(id, 10),
		"office_id":           strconv.FormatInt(id, 10),
		"name":                *m.Name,
		"country":             *m.Country,
		"state":               "active",
		"availability_status": "open",
		"is_primary_office":   false,
		"ring_seconds":        30,
		"office_settings":     map[string]any{},
	}
	weekday, weekend := []string{"08:00", "18:00"}, []string{}
	for _, d := range m.days() {
		switch {
		case d.times != nil:
			o[d.name] = d.times
		case d.name == "saturday_hours" || d.name == "sunday_hours":
			o[d.name] = weekend
		default:
			o[d.name] = weekday
		}
	}
	if m.Timezone != nil {
		o["timezone"] = *m.Timezone
	}
	if m.RingSeconds != nil {
		o["ring_seconds"] = *m.RingSeconds
	}
	if m.MainlineNumber != nil {
		o["phone_numbers"] = []string{*m.MainlineNumber}
	}
	if m.FirstAction != nil {
		o["first_action"] = *m.FirstAction
	}
	if m.NoOperatorsAction != nil {
		o["no_operators_action"] = *m.NoOperatorsAction
	}
	if m.RoutingOptions != nil {
		o["routing_options"] = m.RoutingOptions
	}
	if m.E911Address != nil {
		o["e911_address"] = m.E911Address
	}
	return o
}

// plan is the billing plan answered with a new office.
func plan() map[string]any {
	return map[string]any{
		"talk_lines":        "0",
		"fax_lines":         "0",
		"room_lines":        "0",
		"balance":           "0.00",
		"next_billing_date": strconv.FormatInt(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), 10),
	}
}

// e911Update is the body of PUT /offices/{id}/e911 (E911UpdateMessage).
type e911Update struct {
	e911Address
	UpdateAll          *bool `json:"update_all,omitempty"`
	UseValidatedOption *bool `json:"use_validated_option,omitempty"`
}

func (m *e911Update) validate() []string {
	var c checker
	m.check(&c, "")
	return c.problems
}

// operatorMessage is the body of POST and DELETE /offices/{id}/operators
// (AddOperatorMessage, RemoveOperatorMessage; role only when adding).
type operatorMessage struct {
	OperatorID   *int64  `json:"operator_id,omitempty"`
	OperatorType *string `json:"operator_type,omitempty"`
	Role         *string `json:"role,omitempty"`
}

// validateAdd and validateRemove check the body of an add (role allowed)
// and of a remove (no role).
func (m *operatorMessage) validateAdd() []string    { return m.validate(true) }
func (m *operatorMessage) validateRemove() []string { return m.validate(false) }

func (m *operatorMessage) validate(add bool) []string {
	var c checker
	if m.OperatorID == nil {
		c.addf("operator_id", "is required")
	} else if *m.OperatorID <= 0 {
		c.addf("operator_id", "must be a positive id, not %d", *m.OperatorID)
	}
	c.str("operator_type", m.OperatorType, true, false, []string{"room", "user"})
	if add {
		c.str("role", m.Role, false, false, []string{"admin", "operator"})
	} else if m.Role != nil {
		c.addf("role", "is not a field of this request")
	}
	return c.problems
}

// assignMessage is the body of POST /offices/{id}/assign_number
// (AssignNumberMessage).
type assignMessage struct {
	AreaCode *string `json:"area_code,omitempty"`
	Number   *string `json:"number,omitempty"`
	Primary  *bool   `json:"primary,omitempty"`
}

func (m *assignMessage) validate() []string {
	var c checker
	if m.Number != nil && !e164(*m.Number) {
		c.addf("number", "invalid E.164 number %q", *m.Number)
	}
	if a := m.AreaCode; a != nil && (len(*a) < 2 || len(*a) > 5 || strings.Trim(*a, "0123456789") != "") {
		c.addf("area_code", "invalid area code %q", *a)
	}
	return c.problems
}

// unassignMessage is the body of POST /offices/{id}/unassign_number
// (UnassignNumberMessage).
type unassignMessage struct {
	Number *string `json:"number,omitempty"`
}

func (m *unassignMessage) validate() []string {
	var c checker
	switch {
	case m.Number == nil:
		c.addf("number", "is required")
	case !e164(*m.Number):
		c.addf("number", "invalid E.164 number %q", *m.Number)
	}
	return c.problems
}

// e164 reports whether s is "+" and 2 to 15 digits, the first not 0.
func e164(s string) bool {
	d, ok := strings.CutPrefix(s, "+")
	return ok && len(d) >= 2 && len(d) <= 15 && d[0] != '0' && strings.Trim(d, "0123456789") == ""
}

// groupProto is a call center (CallCenterProto), department
// (DepartmentProto) or coaching team (CoachingTeamProto) as Dialpad serves
// it, with the documented defaults.
func groupProto(kind string, id int64, o *office, name, company string) map[string]any {
	country, _ := o.proto["country"].(string)
	g := map[string]any{"id": idString(id), "office_id": idString(o.id), "name": name, "country": country, "state": "active"}
	if kind == "teams" {
		g["company_id"] = company
		g["allow_trainee_eavesdrop"] = true
		g["ring_seconds"] = "30"
		return g
	}
	weekday := []string{"08:00", "18:00"}
	g["availability_status"] = "open"
	g["first_action"] = "operators"
	g["hours_on"] = false
	g["no_operators_action"] = "voicemail"
	g["ring_seconds"] = "30"
	g["timezone"] = o.proto["timezone"]
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday"} {
		g[d+"_hours"] = weekday
	}
	g["saturday_hours"], g["sunday_hours"] = []string{}, []string{}
	g["voice_intelligence"] = map[string]any{"allow_pause": true, "auto_start": true}
	if kind == "callcenters" {
		g["hold_queue"] = map[string]any{"announce_position": true, "announcement_interval_seconds": "120", "max_hold_count": "50",
			"max_hold_seconds": "900", "queue_callback_dtmf": "9", "queue_callback_threshold": "5", "queue_escape_dtmf": "*"}
		g["advanced_settings"] = map[string]any{"auto_call_recording": map[string]any{"call_recording_inbound": false, "call_recording_outbound": false}, "max_wrap_up_seconds": "0"}
		g["alerts"] = map[string]any{"cc_service_level": "95", "cc_service_level_seconds": "60"}
	} else {
		g["auto_call_recording"] = false
		g["hold_queue"] = map[string]any{"max_hold_count": "50", "max_hold_seconds": "900"}
	}
	return g
}

// userProto is a user as an operator list shows it (UserProto); s.mu is held.
func (s *Server) userProto(e *entity, officeID int64, role string) map[string]any {
	return map[string]any{
		"id": idString(e.id), "company_id": s.companies[0], "office_id": idString(e.officeID),
		"display_name": e.name, "first_name": e.name, "state": "active", "is_on_duty": true,
		"phone_numbers": append([]string{}, e.numbers...), "license": "talk",
		"group_details": []any{map[string]any{"group_id": idString(officeID), "group_type": "office", "role": role, "do_not_disturb": false}},
	}
}

// roomProto is a room as an operator list shows it (RoomProto); s.mu is held.
func (s *Server) roomProto(e *entity) map[string]any {
	return map[string]any{
		"id": idString(e.id), "company_id": s.companies[0], "office_id": idString(e.officeID), "name": e.name,
		"state": "active", "is_on_duty": true, "is_free": false, "phone_numbers": append([]string{}, e.numbers...),
	}
}

// userOrRoomProto is the answer of an operator add or remove
// (UserOrRoomProto); s.mu is held.
func (s *Server) userOrRoomProto(e *entity, onDuty bool) map[string]any {
	country := ""
	if o := s.find(e.officeID); o != nil {
		country, _ = o.proto["country"].(string)
	}
	return map[string]any{
		"id": idString(e.id), "company_id": s.companies[0], "office_id": idString(e.officeID), "name": e.name,
		"country": country, "state": "active", "is_on_duty": onDuty, "phone_numbers": append([]string{}, e.numbers...),
	}
}

// numberProto is a number (NumberProto); officeID 0 and status
// "available" for one returned to the reserved pool. s.mu is held.
func (s *Server) numberProto(num string, officeID int64, status string) map[string]any {
	p := map[string]any{"number": num, "company_id": s.companies[0], "status": status, "type": "local", "deleted": false}
	if strings.HasPrefix(num, "+1") && len(num) == 12 {
		p["area_code"] = num[2:5]
	}
	if officeID != 0 {
		p["office_id"], p["target_id"], p["target_type"] = idString(officeID), idString(officeID), "office"
	}
	return p
}

// licenses are the available licenses of every office
// (AvailableLicensesProto).
func licenses() map[string]any {
	return map[string]any{
		"additional_number_lines": "0", "contact_center_lines": "0", "fax_lines": "1", "room_lines": "5", "sell_lines": "0",
		"talk_lines": "4", "tollfree_additional_number_lines": "0", "tollfree_room_lines": "0",
		"tollfree_uberconference_lines": "0", "uberconference_lines": "0",
	}
}
