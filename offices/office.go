package offices

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// ID is a Dialpad object id, a 64-bit integer. It is sent as a JSON number
// and read from either a number or a string holding one: Dialpad's API
// serves 64-bit integers as JSON strings ("id": "5620703441190912").
type ID int64

// String returns the id in decimal.
func (id ID) String() string { return strconv.FormatInt(int64(id), 10) }

// UnmarshalJSON accepts 123, "123" and null (zero).
func (id *ID) UnmarshalJSON(b []byte) error {
	n, err := parseInt(b)
	if err != nil {
		return fmt.Errorf("offices: id: %w", err)
	}
	*id = ID(n)
	return nil
}

// Int is an integer in a response, read from a JSON number or a string
// holding one (Dialpad sends 64-bit integers as strings).
type Int int64

// UnmarshalJSON accepts 12, "12" and null (zero).
func (n *Int) UnmarshalJSON(b []byte) error {
	v, err := parseInt(b)
	if err != nil {
		return err
	}
	*n = Int(v)
	return nil
}

func parseInt(b []byte) (int64, error) {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return 0, nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return 0, err
		}
		b = []byte(s)
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%.32q is not an integer", b)
	}
	return v, nil
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
