package offices

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/mail"
	"slices"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// decodeCreated reads Dialpad's {"office": {...}, "plan": {...}} answer
// (OfficeUpdateResponse), or a bare office.
func decodeCreated(raw []byte) (*Office, error) {
	var env struct {
		Office *Office `json:"office"`
		Plan   *Plan   `json:"plan"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, err
	}
	if env.Office != nil {
		env.Office.Plan = env.Plan
		return env.Office, nil
	}
	var o Office
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	if o.ID == 0 {
		return nil, errors.New("no office in the answer")
	}
	return &o, nil
}

// ListOptions filter and page GET /api/v2/offices. A nil *ListOptions is
// the zero one: every office, from the first page, in the server's page
// size.
type ListOptions struct {
	// ActiveOnly returns only active offices (active_only).
	ActiveOnly bool `url:"active_only,omitempty"`
	// Cursor is the Cursor of the previous page (empty: first page).
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size (0: the server's default). Dialpad's OpenAPI
	// spec does not list it for this operation; a server may ignore it.
	Limit int `url:"limit,omitempty"`
}

// Office is an office as Dialpad returns it (OfficeProto). Reference 004
// does not describe responses; the fields follow Dialpad's public API
// reference. Fields the server leaves out stay zero.
type Office struct {
	// ID is the office id (OfficeID repeats it).
	ID       ID `json:"id"`
	OfficeID ID `json:"office_id,omitempty"`
	// Name is the office name.
	Name string `json:"name,omitempty"`
	// Country is where the office is situated.
	Country Country `json:"country,omitempty"`
	// State is the enablement state (active, pending, ...).
	State State `json:"state,omitempty"`
	// AvailabilityStatus is whether the office is open now.
	AvailabilityStatus AvailabilityStatus `json:"availability_status,omitempty"`
	// IsPrimaryOffice is true for the company's primary office.
	IsPrimaryOffice bool `json:"is_primary_office,omitempty"`
	// Timezone is a tz database name.
	Timezone string `json:"timezone,omitempty"`
	// PhoneNumbers are the numbers assigned to the office.
	PhoneNumbers []string `json:"phone_numbers,omitempty"`
	// E911Address is the emergency address.
	E911Address *E911Address `json:"e911_address,omitempty"`
	// FirstAction is what happens first on an incoming call.
	FirstAction FirstAction `json:"first_action,omitempty"`
	// NoOperatorsAction is what happens when no one can answer.
	NoOperatorsAction Action `json:"no_operators_action,omitempty"`
	// RingSeconds is how long the main line rings before voicemail.
	RingSeconds Int `json:"ring_seconds,omitempty"`
	// RoutingOptions routes calls while open and closed.
	RoutingOptions *RoutingOptions `json:"routing_options,omitempty"`
	// MondayHours to SundayHours are the opening hours.
	MondayHours    Hours `json:"monday_hours,omitzero"`
	TuesdayHours   Hours `json:"tuesday_hours,omitzero"`
	WednesdayHours Hours `json:"wednesday_hours,omitzero"`
	ThursdayHours  Hours `json:"thursday_hours,omitzero"`
	FridayHours    Hours `json:"friday_hours,omitzero"`
	SaturdayHours  Hours `json:"saturday_hours,omitzero"`
	SundayHours    Hours `json:"sunday_hours,omitzero"`
	// OfficeSettings holds office-specific settings.
	OfficeSettings *OfficeSettings `json:"office_settings,omitempty"`
	// Plan is the billing plan Dialpad returned together with a newly
	// created office (Create only; nil from Get and List).
	Plan *Plan `json:"plan,omitempty"`
}

// OfficeSettings are office-specific settings (read only here).
type OfficeSettings struct {
	AllowDeviceGuestLogin         bool `json:"allow_device_guest_login,omitempty"`
	BlockCallerIDDisabled         bool `json:"block_caller_id_disabled,omitempty"`
	BridgedTargetRecordingAllowed bool `json:"bridged_target_recording_allowed,omitempty"`
	DisableDeskPhoneSelfProvision bool `json:"disable_desk_phone_self_provision,omitempty"`
	DisableIVRVoicemail           bool `json:"disable_ivr_voicemail,omitempty"`
	NoRecordingMessageOnUserCalls bool `json:"no_recording_message_on_user_calls,omitempty"`
	SetCallerIDDisabled           bool `json:"set_caller_id_disabled,omitempty"`
}

// Plan is an office's billing plan (PlanProto) as returned with a created
// office: line allocations, balance and next billing date.
type Plan struct {
	AdditionalNumberLines         Int `json:"additional_number_lines,omitempty"`
	ContactCenterLines            Int `json:"contact_center_lines,omitempty"`
	FaxLines                      Int `json:"fax_lines,omitempty"`
	RoomLines                     Int `json:"room_lines,omitempty"`
	SellLines                     Int `json:"sell_lines,omitempty"`
	TalkLines                     Int `json:"talk_lines,omitempty"`
	TollfreeAdditionalNumberLines Int `json:"tollfree_additional_number_lines,omitempty"`
	TollfreeRoomLines             Int `json:"tollfree_room_lines,omitempty"`
	TollfreeUberconferenceLines   Int `json:"tollfree_uberconference_lines,omitempty"`
	UberconferenceLines           Int `json:"uberconference_lines,omitempty"`
	// Balance is the remaining balance in USD, as a decimal string.
	Balance string `json:"balance,omitempty"`
	// NextBillingDate is the UTC timestamp of the next billing cycle's start.
	NextBillingDate Int `json:"next_billing_date,omitempty"`
	// PPUAddress is the "place of primary use" address.
	PPUAddress *BillingAddress `json:"ppu_address,omitempty"`
}

// OfficePage is one page of a list of offices.
type OfficePage struct {
	Items []*Office `json:"items"`
	// Cursor fetches the next page; empty on the last page.
	Cursor string `json:"cursor,omitempty"`
}

func (p *OfficePage) page() ([]*Office, string) { return p.Items, p.Cursor }

// CreateOfficeRequest is the body of POST /api/v2/offices (Dialpad "Office
// -- Create": creates a secondary office), field for field as reference 004.
//
// Required fields are plain values (strings, structs) or, for the required
// booleans, pointers that must be set: use new(true) / new(false). Optional
// fields are pointers, nil slices or empty strings when unset and are then
// left out of the JSON, so Dialpad applies its own defaults.
//
// Call [CreateOfficeRequest.Validate] to check a request; [Client.Create]
// does so before sending.
type CreateOfficeRequest struct {
	// Name is the office name (required, single line).
	Name string `json:"name"`
	// Country is the office country (required, one of the Country constants).
	Country Country `json:"country"`
	// Currency is the billing currency (required).
	Currency Currency `json:"currency"`
	// PlanPeriod is how often the company is billed (required).
	PlanPeriod PlanPeriod `json:"plan_period"`
	// BillingAddress is the billing address (required).
	BillingAddress BillingAddress `json:"billing_address"`
	// UnifiedBilling: send a unified invoice (required).
	UnifiedBilling *bool `json:"unified_billing,omitempty"`
	// Invoiced: the payment will be paid by invoice (required).
	Invoiced *bool `json:"invoiced,omitempty"`
	// AnnualCommitMonthlyBilling: the primary office's plan is annual commit,
	// monthly billing (required).
	AnnualCommitMonthlyBilling *bool `json:"annual_commit_monthly_billing,omitempty"`

	// BillingContact is the billing point of contact (optional).
	BillingContact *BillingContact `json:"billing_contact,omitempty"`
	// E911Address is the emergency address. Reference 004 marks it optional;
	// Dialpad's public API reference adds that it is required for offices in
	// US, CA, AU, FR, GB and NZ, and Validate enforces that unless
	// UseSameAddress is true.
	E911Address *E911Address `json:"e911_address,omitempty"`
	// UseSameAddress: the billing address is also the emergency address.
	UseSameAddress *bool `json:"use_same_address,omitempty"`
	// GroupDescription describes the office (at most 256 characters).
	GroupDescription string `json:"group_description,omitempty"`
	// MainlineNumber is the office's main line.
	MainlineNumber string `json:"mainline_number,omitempty"`
	// Timezone is a tz database name such as "America/New_York". It is not
	// checked locally: the server's tz database is the authority.
	Timezone string `json:"timezone,omitempty"`
	// InternationalEnabled: the office may make international calls.
	InternationalEnabled *bool `json:"international_enabled,omitempty"`
	// AutoCallRecording: record every call of the office (server default
	// false).
	AutoCallRecording *bool `json:"auto_call_recording,omitempty"`
	// HoursOn: calls are taken only during the weekday hours below (server
	// default false: always open).
	HoursOn *bool `json:"hours_on,omitempty"`
	// MondayHours to SundayHours are the opening hours per weekday. Nil
	// leaves the server default (08:00–18:00 Monday to Friday, closed at
	// weekends); [ClosedAllDay] sends an empty list.
	MondayHours    Hours `json:"monday_hours,omitzero"`
	TuesdayHours   Hours `json:"tuesday_hours,omitzero"`
	WednesdayHours Hours `json:"wednesday_hours,omitzero"`
	ThursdayHours  Hours `json:"thursday_hours,omitzero"`
	FridayHours    Hours `json:"friday_hours,omitzero"`
	SaturdayHours  Hours `json:"saturday_hours,omitzero"`
	SundayHours    Hours `json:"sunday_hours,omitzero"`
	// RingSeconds is how long the group line rings before voicemail (10–45).
	RingSeconds *int `json:"ring_seconds,omitempty"`
	// FirstAction is what happens first when the office receives a call.
	FirstAction FirstAction `json:"first_action,omitempty"`
	// NoOperatorsAction is what happens when no one can answer.
	NoOperatorsAction Action `json:"no_operators_action,omitempty"`
	// RoutingOptions routes calls while open and while closed.
	RoutingOptions *RoutingOptions `json:"routing_options,omitempty"`
	// VoiceIntelligence configures Dialpad Vi for the office.
	VoiceIntelligence *VoiceIntelligence `json:"voice_intelligence,omitempty"`
}

// Validate checks r against reference 004 and returns nil or a
// *ValidationError listing every problem at once: required fields (including
// those of optional objects that are given), enum values, ring_seconds
// 10–45, group_description at most 256 characters, no line breaks in
// single-line fields, hours as ordered HH:MM pairs, DTMF keys 0–9 (each
// once per menu), a plausible billing contact email, and an E911 address
// for the countries that need one (see E911Address).
func (r *CreateOfficeRequest) Validate() error {
	return validate("create office request", r, func(v *problems) {
		v.singleLine("name", r.Name, true)
		enum(v, "country", r.Country, true)
		enum(v, "currency", r.Currency, true)
		enum(v, "plan_period", r.PlanPeriod, true)
		r.BillingAddress.check(v, "billing_address")
		required(v, "unified_billing", r.UnifiedBilling)
		required(v, "invoiced", r.Invoiced)
		required(v, "annual_commit_monthly_billing", r.AnnualCommitMonthlyBilling)

		if c := r.BillingContact; c != nil {
			c.check(v, "billing_contact")
		}
		if a := r.E911Address; a != nil {
			a.check(v, "e911_address")
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
		enum(v, "first_action", r.FirstAction, false)
		enum(v, "no_operators_action", r.NoOperatorsAction, false)
		if o := r.RoutingOptions; o != nil {
			o.Open.check(v, "routing_options.open")
			o.Closed.check(v, "routing_options.closed")
		}
	})
}

func (r *CreateOfficeRequest) days() []day {
	return []day{
		{"monday_hours", r.MondayHours}, {"tuesday_hours", r.TuesdayHours}, {"wednesday_hours", r.WednesdayHours},
		{"thursday_hours", r.ThursdayHours}, {"friday_hours", r.FridayHours}, {"saturday_hours", r.SaturdayHours},
		{"sunday_hours", r.SundayHours},
	}
}

// BillingAddress is a billing address (Dialpad's BillingContactMessage).
// Every field but AddressLine2 is required; all are single-line.
type BillingAddress struct {
	AddressLine1 string `json:"address_line_1"`
	AddressLine2 string `json:"address_line_2,omitempty"`
	City         string `json:"city"`
	Region       string `json:"region"`
	PostalCode   string `json:"postal_code"`
	// Country is the address country, e.g. CountryUS. The reference lists
	// no values for it, so any non-empty code is sent.
	Country Country `json:"country"`
}

func (a *BillingAddress) check(v *problems, at string) {
	v.singleLine(at+".address_line_1", a.AddressLine1, true)
	v.singleLine(at+".address_line_2", a.AddressLine2, false)
	v.singleLine(at+".city", a.City, true)
	v.singleLine(at+".region", a.Region, true)
	v.singleLine(at+".postal_code", a.PostalCode, true)
	v.singleLine(at+".country", string(a.Country), true)
}

// BillingContact is the billing point of contact. Email and Name are
// required when a contact is given.
type BillingContact struct {
	Email string `json:"email"`
	// Name is single-line.
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
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

// RoutingOptions holds the call routing while the office is open and while
// it is closed. Both are required when RoutingOptions is given.
type RoutingOptions struct {
	Open   RoutingOption `json:"open"`
	Closed RoutingOption `json:"closed"`
}

// RoutingOption is how calls are routed in one state (open or closed).
type RoutingOption struct {
	// Action is what happens if no operators are available (required).
	Action Action `json:"action"`
	// TryDialOperators: dial operators on inbound calls (required).
	TryDialOperators *bool `json:"try_dial_operators,omitempty"`
	// OperatorRouting is the strategy for dialing operators.
	OperatorRouting OperatorRouting `json:"operator_routing,omitempty"`
	// ActionTargetType and ActionTargetID name the target calls are routed
	// to.
	ActionTargetType TargetType `json:"action_target_type,omitempty"`
	ActionTargetID   ID         `json:"action_target_id,omitempty"`
	// DTMF is the keypad menu.
	DTMF []DTMF `json:"dtmf,omitempty"`
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

// DTMF is one keypad menu entry.
type DTMF struct {
	// Input is the key, "0" to "9".
	Input string `json:"input,omitempty"`
	// Options is what happens when the key is pressed.
	Options *DTMFOptions `json:"options,omitempty"`
}

// DTMFOptions is the action of a keypad menu entry.
type DTMFOptions struct {
	Action           Action     `json:"action,omitempty"`
	ActionTargetType TargetType `json:"action_target_type,omitempty"`
	ActionTargetID   ID         `json:"action_target_id,omitempty"`
}

// VoiceIntelligence configures Dialpad Vi (both default to true on the
// server).
type VoiceIntelligence struct {
	// AutoStart starts Vi automatically on calls.
	AutoStart *bool `json:"auto_start,omitempty"`
	// AllowPause lets users start and stop Vi during calls.
	AllowPause *bool `json:"allow_pause,omitempty"`
}

// AvailableLicenses are the licenses an office can still use
// (AvailableLicensesProto).
type AvailableLicenses struct {
	AdditionalNumberLines         Int `json:"additional_number_lines,omitempty"`
	ContactCenterLines            Int `json:"contact_center_lines,omitempty"`
	FaxLines                      Int `json:"fax_lines,omitempty"`
	RoomLines                     Int `json:"room_lines,omitempty"`
	SellLines                     Int `json:"sell_lines,omitempty"`
	TalkLines                     Int `json:"talk_lines,omitempty"`
	TollfreeAdditionalNumberLines Int `json:"tollfree_additional_number_lines,omitempty"`
	TollfreeRoomLines             Int `json:"tollfree_room_lines,omitempty"`
	TollfreeUberconferenceLines   Int `json:"tollfree_uberconference_lines,omitempty"`
	UberconferenceLines           Int `json:"uberconference_lines,omitempty"`
}

// OffDutyStatuses are the off-duty statuses configured for an office
// (OffDutyStatusesProto).
type OffDutyStatuses struct {
	// ID is the office id.
	ID              ID       `json:"id,omitempty"`
	OffDutyStatuses []string `json:"off_duty_statuses,omitempty"`
}

// Limits from reference 004.
const (
	MinRingSeconds         = 10
	MaxRingSeconds         = 45
	MaxGroupDescriptionLen = 256 // characters (runes), not bytes
)

// e911Countries are the office countries for which Dialpad's public API
// reference requires an E911 address (reference 004 does not say).
var e911Countries = []Country{CountryUS, CountryCA, CountryAU, CountryFR, CountryGB, CountryNZ}

type day struct {
	field string
	hours Hours
}

// Create validates req and creates a secondary office (POST
// /api/v2/offices). An invalid request returns a *ValidationError and sends
// nothing. A 429 answer is retried; a create whose outcome is unknown (the
// connection broke after the request was sent, a 5xx came back, or a 2xx
// whose body cannot be read) is not, and its error matches
// ErrOutcomeUnknown. The returned office carries the plan Dialpad sent with
// it.
func (c *Client) Create(ctx context.Context, req *CreateOfficeRequest) (*Office, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	var raw []byte
	resp, err := c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "offices", JSON: req}, &raw)
	if err != nil {
		return nil, err
	}
	office, err := decodeCreated(raw)
	if err != nil {
		return nil, fmt.Errorf("offices: POST %s: the office was created (HTTP %d) but the answer could not be read (%w): %s",
			c.tc.Path("offices"), resp.StatusCode, ErrOutcomeUnknown, c.tc.Redactor().Excerpt(err.Error(), 512))
	}
	return office, nil
}

// Get returns the office with the given id (GET /api/v2/offices/{id}). An
// unknown id gives an error matching ErrNotFound; a non-positive one a
// *ValidationError.
func (c *Client) Get(ctx context.Context, id ID) (*Office, error) {
	if err := checkID("get office request", "id", id); err != nil {
		return nil, err
	}
	var o Office
	path := officePath(id, "")
	if _, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, &o); err != nil {
		return nil, err
	}
	if o.ID == 0 {
		return nil, fmt.Errorf("offices: GET %s: no office in the answer", c.tc.Path(path))
	}
	return &o, nil
}

// ListOfficesPage returns one page of the offices the API key can see
// (GET /api/v2/offices); opts may be nil (the first page, unfiltered). Pass
// the page's Cursor in opts to get the next page; it is empty on the last
// one.
func (c *Client) ListOfficesPage(ctx context.Context, opts *ListOptions) (*OfficePage, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &ListOptions{}
	}
	if opts.Limit < 0 {
		v := problems{subject: "list offices request"}
		v.add("limit", "must not be negative, not %d", opts.Limit)
		return nil, v.err()
	}
	var p OfficePage
	if _, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: "offices", Query: opts}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListOffices returns every office the API key can see, fetching pages
// lazily as the loop advances: c.ListOffices(ctx, nil) lists them all, and
// opts.Cursor, if set, is where it starts. An
// error ends the sequence after being yielded once; so does a server that
// hands back the same cursor twice, and a list that goes on past 10,000
// pages or 100,000 offices (the listing cap of every REST client of the
// module).
func (c *Client) ListOffices(ctx context.Context, opts *ListOptions) iter.Seq2[*Office, error] {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	return pages("ListOffices", o.Cursor, func(cursor string) (cursorPage[Office], error) {
		o.Cursor = cursor
		return c.ListOfficesPage(ctx, &o)
	})
}

// GetPlan returns the billing plan of an office (GET
// /api/v2/offices/{id}/plan, PlanProto).
func (c *Client) GetPlan(ctx context.Context, officeID ID) (*Plan, error) {
	return get[Plan](ctx, c, "get plan request", officeID, "/plan", nil)
}

// GetAvailableLicenses returns the licenses an office can still use (GET
// /api/v2/offices/{id}/available_licenses).
func (c *Client) GetAvailableLicenses(ctx context.Context, officeID ID) (*AvailableLicenses, error) {
	return get[AvailableLicenses](ctx, c, "get available licenses request", officeID, "/available_licenses", nil)
}

// GetOffDutyStatuses returns the off-duty statuses configured for an
// office (GET /api/v2/offices/{id}/offdutystatuses).
func (c *Client) GetOffDutyStatuses(ctx context.Context, officeID ID) (*OffDutyStatuses, error) {
	return get[OffDutyStatuses](ctx, c, "list off-duty statuses request", officeID, "/offdutystatuses", nil)
}
