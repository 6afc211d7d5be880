package offices

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

// BillingContact is the billing point of contact. Email and Name are
// required when a contact is given.
type BillingContact struct {
	Email string `json:"email"`
	// Name is single-line.
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
}

// E911Address is an emergency address. Every field but Address2 is
// required; all but Country are single-line.
type E911Address struct {
	Address  string  `json:"address"`
	Address2 string  `json:"address2,omitempty"`
	City     string  `json:"city"`
	State    string  `json:"state"`
	Zip      string  `json:"zip"`
	Country  Country `json:"country"`
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
