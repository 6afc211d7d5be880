package offices

import "slices"

// The request and response types of the office operations other than
// create, get and list, field for field as Dialpad's OpenAPI spec
// (dialpad_api_spec.json) describes them; the spec's name of each is in
// its comment. 64-bit integers are read from JSON numbers or strings
// (Dialpad sends them as strings).

// UpdateE911Request is the body of PUT /api/v2/offices/{id}/e911
// (E911UpdateMessage). Every field but Address2, UpdateAll and
// UseValidatedOption is required; all but Country are single-line.
type UpdateE911Request struct {
	// Address is line 1 of the new E911 address.
	Address string `json:"address"`
	// Address2 is line 2 (optional; the server's default is "").
	Address2 string `json:"address2,omitempty"`
	City     string `json:"city"`
	// State is the state or province.
	State string `json:"state"`
	Zip   string `json:"zip"`
	// Country is the country of the address, e.g. "us".
	Country Country `json:"country"`
	// UpdateAll updates the E911 address of every user of the office too.
	UpdateAll *bool `json:"update_all,omitempty"`
	// UseValidatedOption uses the address as Dialpad's address validation
	// corrected it.
	UseValidatedOption *bool `json:"use_validated_option,omitempty"`
}

// OperatorType is the kind of an office operator (operator_type).
type OperatorType string

// Operator types.
const (
	OperatorRoom OperatorType = "room"
	OperatorUser OperatorType = "user"
)

var operatorTypes = []OperatorType{OperatorRoom, OperatorUser}

// Valid reports whether t is one of the documented operator types.
func (t OperatorType) Valid() bool { return slices.Contains(operatorTypes, t) }

// OperatorRole is the role of a new operator (role).
type OperatorRole string

// Operator roles.
const (
	RoleAdmin    OperatorRole = "admin"
	RoleOperator OperatorRole = "operator"
)

var operatorRoles = []OperatorRole{RoleAdmin, RoleOperator}

// Valid reports whether r is one of the documented operator roles.
func (r OperatorRole) Valid() bool { return slices.Contains(operatorRoles, r) }

// AddOperatorRequest is the body of POST /api/v2/offices/{id}/operators
// (AddOperatorMessage): it makes a user or a room an operator of the
// office's mainline.
type AddOperatorRequest struct {
	// OperatorID is the id of the user or room (required).
	OperatorID ID `json:"operator_id"`
	// OperatorType is OperatorUser or OperatorRoom (required).
	OperatorType OperatorType `json:"operator_type"`
	// Role is RoleOperator (the server's default) or RoleAdmin.
	Role OperatorRole `json:"role,omitempty"`
}

// RemoveOperatorRequest is the body of DELETE
// /api/v2/offices/{id}/operators (RemoveOperatorMessage).
type RemoveOperatorRequest struct {
	// OperatorID is the id of the user or room (required).
	OperatorID ID `json:"operator_id"`
	// OperatorType is OperatorUser or OperatorRoom (required).
	OperatorType OperatorType `json:"operator_type"`
}

// UserOrRoom is the operator an add or remove acted on (UserOrRoomProto).
type UserOrRoom struct {
	ID        ID     `json:"id,omitempty"`
	CompanyID ID     `json:"company_id,omitempty"`
	OfficeID  ID     `json:"office_id,omitempty"`
	Name      string `json:"name,omitempty"`
	Country   string `json:"country,omitempty"`
	ImageURL  string `json:"image_url,omitempty"`
	// IsOnDuty is whether the entity is acting as an operator now.
	IsOnDuty     bool     `json:"is_on_duty,omitempty"`
	PhoneNumbers []string `json:"phone_numbers,omitempty"`
	State        State    `json:"state,omitempty"`
}

// Operators are the mainline operators of an office (OperatorCollection):
// users and rooms.
type Operators struct {
	Users []*User `json:"users,omitempty"`
	Rooms []*Room `json:"rooms,omitempty"`
}

// Operator is one mainline operator as [Client.ListOperators] yields it:
// exactly one of User and Room is set, as Type says.
type Operator struct {
	Type OperatorType
	User *User
	Room *Room
}

// License is the license type of a user (license).
type License string

// Licenses.
const (
	LicenseAdmins            License = "admins"
	LicenseAgents            License = "agents"
	LicenseDPDEAll           License = "dpde_all"
	LicenseDPDEOne           License = "dpde_one"
	LicenseLiteLines         License = "lite_lines"
	LicenseLiteSupportAgents License = "lite_support_agents"
	LicenseMagentaLines      License = "magenta_lines"
	LicenseTalk              License = "talk"
)

// OnDutyStatus is what an operator is doing (on_duty_status).
type OnDutyStatus string

// On-duty statuses.
const (
	DutyAvailable   OnDutyStatus = "available"
	DutyBusy        OnDutyStatus = "busy"
	DutyOccupied    OnDutyStatus = "occupied"
	DutyOccupiedEnd OnDutyStatus = "occupied-end"
	DutyUnavailable OnDutyStatus = "unavailable"
	DutyWrapup      OnDutyStatus = "wrapup"
	DutyWrapupEnd   OnDutyStatus = "wrapup-end"
)

// GroupType is the kind of a group or number target (group_type,
// target_type of a number).
type GroupType string

// Group types.
const (
	GroupCallCenter    GroupType = "callcenter"
	GroupCallRouter    GroupType = "callrouter"
	GroupChannel       GroupType = "channel"
	GroupCoachingGroup GroupType = "coachinggroup"
	GroupCoachingTeam  GroupType = "coachingteam"
	GroupDepartment    GroupType = "department"
	GroupOffice        GroupType = "office"
	GroupRoom          GroupType = "room"
	GroupStaffGroup    GroupType = "staffgroup"
	GroupUnknown       GroupType = "unknown"
	GroupUser          GroupType = "user"
)

// GroupRole is a user's role in a group (role of GroupDetailsProto).
type GroupRole string

// Group roles.
const (
	GroupRoleAdmin      GroupRole = "admin"
	GroupRoleOperator   GroupRole = "operator"
	GroupRoleSupervisor GroupRole = "supervisor"
)

// GroupDetails is a user's membership of a group (GroupDetailsProto).
type GroupDetails struct {
	DoNotDisturb bool      `json:"do_not_disturb,omitempty"`
	GroupID      ID        `json:"group_id,omitempty"`
	GroupType    GroupType `json:"group_type,omitempty"`
	Role         GroupRole `json:"role,omitempty"`
}

// User is a Dialpad user (UserProto). Timestamps are kept as the server
// sends them (ISO 8601, UTC).
type User struct {
	ID                          ID              `json:"id,omitempty"`
	AdminOfficeIDs              []ID            `json:"admin_office_ids,omitempty"`
	CompanyID                   ID              `json:"company_id,omitempty"`
	Country                     string          `json:"country,omitempty"`
	DateActive                  string          `json:"date_active,omitempty"`
	DateAdded                   string          `json:"date_added,omitempty"`
	DateFirstLogin              string          `json:"date_first_login,omitempty"`
	DisplayName                 string          `json:"display_name,omitempty"`
	DoNotDisturb                bool            `json:"do_not_disturb,omitempty"`
	DutyStatusReason            string          `json:"duty_status_reason,omitempty"`
	DutyStatusStarted           string          `json:"duty_status_started,omitempty"`
	Emails                      []string        `json:"emails,omitempty"`
	Extension                   string          `json:"extension,omitempty"`
	FirstName                   string          `json:"first_name,omitempty"`
	ForwardingNumbers           []string        `json:"forwarding_numbers,omitempty"`
	GroupDetails                []*GroupDetails `json:"group_details,omitempty"`
	ImageURL                    string          `json:"image_url,omitempty"`
	InternationalDialingEnabled bool            `json:"international_dialing_enabled,omitempty"`
	IsAdmin                     bool            `json:"is_admin,omitempty"`
	IsAvailable                 bool            `json:"is_available,omitempty"`
	IsOnDuty                    bool            `json:"is_on_duty,omitempty"`
	IsOnline                    bool            `json:"is_online,omitempty"`
	IsSuperAdmin                bool            `json:"is_super_admin,omitempty"`
	JobTitle                    string          `json:"job_title,omitempty"`
	Language                    string          `json:"language,omitempty"`
	LastName                    string          `json:"last_name,omitempty"`
	License                     License         `json:"license,omitempty"`
	Location                    string          `json:"location,omitempty"`
	Muted                       bool            `json:"muted,omitempty"`
	OfficeID                    ID              `json:"office_id,omitempty"`
	OnDutyStarted               string          `json:"on_duty_started,omitempty"`
	OnDutyStatus                OnDutyStatus    `json:"on_duty_status,omitempty"`
	PhoneNumbers                []string        `json:"phone_numbers,omitempty"`
	State                       State           `json:"state,omitempty"`
	StatusMessage               string          `json:"status_message,omitempty"`
	Timezone                    string          `json:"timezone,omitempty"`
}

// Room is a Dialpad room (RoomProto).
type Room struct {
	ID        ID     `json:"id,omitempty"`
	CompanyID ID     `json:"company_id,omitempty"`
	Country   string `json:"country,omitempty"`
	ImageURL  string `json:"image_url,omitempty"`
	// IsFree is true when the room consumes no paid license.
	IsFree       bool     `json:"is_free,omitempty"`
	IsOnDuty     bool     `json:"is_on_duty,omitempty"`
	Name         string   `json:"name,omitempty"`
	OfficeID     ID       `json:"office_id,omitempty"`
	PhoneNumbers []string `json:"phone_numbers,omitempty"`
	State        State    `json:"state,omitempty"`
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

// AssignNumberRequest is the body of POST
// /api/v2/offices/{id}/assign_number (AssignNumberMessage). With neither
// Number nor AreaCode, Dialpad takes a number from the company's reserved
// pool.
type AssignNumberRequest struct {
	// AreaCode is where to find an available number (digits only).
	AreaCode string `json:"area_code,omitempty"`
	// Number is the number to assign, E.164 ("+14155551234").
	Number string `json:"number,omitempty"`
	// Primary makes it the office's primary number (server default true).
	Primary *bool `json:"primary,omitempty"`
}

// UnassignNumberRequest is the body of POST
// /api/v2/offices/{id}/unassign_number (UnassignNumberMessage).
type UnassignNumberRequest struct {
	// Number is the number to unassign, E.164 (required).
	Number string `json:"number"`
}

// NumberStatus is a number's assignment status (status).
type NumberStatus string

// Number statuses.
const (
	NumberAvailable     NumberStatus = "available"
	NumberCallCenter    NumberStatus = "call_center"
	NumberCallRouter    NumberStatus = "call_router"
	NumberDepartment    NumberStatus = "department"
	NumberDynamicCaller NumberStatus = "dynamic_caller"
	NumberOffice        NumberStatus = "office"
	NumberPending       NumberStatus = "pending"
	NumberPorting       NumberStatus = "porting"
	NumberRoom          NumberStatus = "room"
	NumberUser          NumberStatus = "user"
)

// NumberType is the kind of a number (type).
type NumberType string

// Number types.
const (
	NumberFree     NumberType = "free"
	NumberLocal    NumberType = "local"
	NumberMobile   NumberType = "mobile"
	NumberSoftbank NumberType = "softbank"
	NumberTollfree NumberType = "tollfree"
)

// Number is a phone number (NumberProto).
type Number struct {
	AreaCode  string `json:"area_code,omitempty"`
	CompanyID ID     `json:"company_id,omitempty"`
	// Deleted is true when the number has been ported out of Dialpad (or
	// released).
	Deleted bool `json:"deleted,omitempty"`
	// Number is the E.164 number.
	Number     string       `json:"number,omitempty"`
	OfficeID   ID           `json:"office_id,omitempty"`
	Status     NumberStatus `json:"status,omitempty"`
	TargetID   ID           `json:"target_id,omitempty"`
	TargetType GroupType    `json:"target_type,omitempty"`
	Type       NumberType   `json:"type,omitempty"`
}

// AutoCallRecording chooses the calls of a call center that are recorded
// (AutoCallRecording).
type AutoCallRecording struct {
	AllowPauseRecording   *bool `json:"allow_pause_recording,omitempty"`
	CallRecordingInbound  *bool `json:"call_recording_inbound,omitempty"`
	CallRecordingOutbound *bool `json:"call_recording_outbound,omitempty"`
}

// AdvancedSettings are a call center's advanced settings
// (AdvancedSettings).
type AdvancedSettings struct {
	AutoCallRecording *AutoCallRecording `json:"auto_call_recording,omitempty"`
	// MaxWrapUpSeconds is the post-call wrap-up time (default 0).
	MaxWrapUpSeconds Int `json:"max_wrap_up_seconds,omitempty"`
}

// Alerts say when a call center's supervisors are alerted (Alerts).
type Alerts struct {
	// CCServiceLevel is the service level, in percent, below which they
	// are alerted (default 95).
	CCServiceLevel Int `json:"cc_service_level,omitempty"`
	// CCServiceLevelSeconds is how soon inbound calls should be answered
	// (default 60).
	CCServiceLevelSeconds Int `json:"cc_service_level_seconds,omitempty"`
}

// CallCenterHoldQueue is a call center's hold queue
// (HoldQueueCallCenter).
type CallCenterHoldQueue struct {
	AllowQueueCallback          *bool  `json:"allow_queue_callback,omitempty"`
	AnnouncePosition            *bool  `json:"announce_position,omitempty"`
	AnnouncementIntervalSeconds Int    `json:"announcement_interval_seconds,omitempty"`
	MaxHoldCount                Int    `json:"max_hold_count,omitempty"`
	MaxHoldSeconds              Int    `json:"max_hold_seconds,omitempty"`
	QueueCallbackDTMF           string `json:"queue_callback_dtmf,omitempty"`
	QueueCallbackThreshold      Int    `json:"queue_callback_threshold,omitempty"`
	QueueEscapeDTMF             string `json:"queue_escape_dtmf,omitempty"`
	StayInQueueAfterClosing     *bool  `json:"stay_in_queue_after_closing,omitempty"`
	UnattendedQueue             *bool  `json:"unattended_queue,omitempty"`
}

// DepartmentHoldQueue is a department's hold queue (HoldQueueDepartment).
type DepartmentHoldQueue struct {
	AllowQueuing   *bool `json:"allow_queuing,omitempty"`
	MaxHoldCount   Int   `json:"max_hold_count,omitempty"`
	MaxHoldSeconds Int   `json:"max_hold_seconds,omitempty"`
}

// CallCenter is a call center of an office (CallCenterProto).
type CallCenter struct {
	ID                 ID                   `json:"id,omitempty"`
	OfficeID           ID                   `json:"office_id,omitempty"`
	Name               string               `json:"name,omitempty"`
	Country            string               `json:"country,omitempty"`
	State              State                `json:"state,omitempty"`
	AdvancedSettings   *AdvancedSettings    `json:"advanced_settings,omitempty"`
	Alerts             *Alerts              `json:"alerts,omitempty"`
	AvailabilityStatus AvailabilityStatus   `json:"availability_status,omitempty"`
	FirstAction        FirstAction          `json:"first_action,omitempty"`
	GroupDescription   string               `json:"group_description,omitempty"`
	HoldQueue          *CallCenterHoldQueue `json:"hold_queue,omitempty"`
	HoursOn            bool                 `json:"hours_on,omitempty"`
	NoOperatorsAction  Action               `json:"no_operators_action,omitempty"`
	PhoneNumbers       []string             `json:"phone_numbers,omitempty"`
	RingSeconds        Int                  `json:"ring_seconds,omitempty"`
	RoutingOptions     *RoutingOptions      `json:"routing_options,omitempty"`
	Timezone           string               `json:"timezone,omitempty"`
	VoiceIntelligence  *VoiceIntelligence   `json:"voice_intelligence,omitempty"`
	MondayHours        Hours                `json:"monday_hours,omitzero"`
	TuesdayHours       Hours                `json:"tuesday_hours,omitzero"`
	WednesdayHours     Hours                `json:"wednesday_hours,omitzero"`
	ThursdayHours      Hours                `json:"thursday_hours,omitzero"`
	FridayHours        Hours                `json:"friday_hours,omitzero"`
	SaturdayHours      Hours                `json:"saturday_hours,omitzero"`
	SundayHours        Hours                `json:"sunday_hours,omitzero"`
}

// Department is a department of an office (DepartmentProto).
type Department struct {
	ID                 ID                   `json:"id,omitempty"`
	OfficeID           ID                   `json:"office_id,omitempty"`
	Name               string               `json:"name,omitempty"`
	Country            string               `json:"country,omitempty"`
	State              State                `json:"state,omitempty"`
	AutoCallRecording  bool                 `json:"auto_call_recording,omitempty"`
	AvailabilityStatus AvailabilityStatus   `json:"availability_status,omitempty"`
	FirstAction        FirstAction          `json:"first_action,omitempty"`
	GroupDescription   string               `json:"group_description,omitempty"`
	HoldQueue          *DepartmentHoldQueue `json:"hold_queue,omitempty"`
	HoursOn            bool                 `json:"hours_on,omitempty"`
	NoOperatorsAction  Action               `json:"no_operators_action,omitempty"`
	PhoneNumbers       []string             `json:"phone_numbers,omitempty"`
	RingSeconds        Int                  `json:"ring_seconds,omitempty"`
	RoutingOptions     *RoutingOptions      `json:"routing_options,omitempty"`
	Timezone           string               `json:"timezone,omitempty"`
	VoiceIntelligence  *VoiceIntelligence   `json:"voice_intelligence,omitempty"`
	MondayHours        Hours                `json:"monday_hours,omitzero"`
	TuesdayHours       Hours                `json:"tuesday_hours,omitzero"`
	WednesdayHours     Hours                `json:"wednesday_hours,omitzero"`
	ThursdayHours      Hours                `json:"thursday_hours,omitzero"`
	FridayHours        Hours                `json:"friday_hours,omitzero"`
	SaturdayHours      Hours                `json:"saturday_hours,omitzero"`
	SundayHours        Hours                `json:"sunday_hours,omitzero"`
}

// CoachingTeam is a coaching team of an office (CoachingTeamProto).
type CoachingTeam struct {
	ID                    ID       `json:"id,omitempty"`
	OfficeID              ID       `json:"office_id,omitempty"`
	CompanyID             ID       `json:"company_id,omitempty"`
	Name                  string   `json:"name,omitempty"`
	Country               string   `json:"country,omitempty"`
	State                 State    `json:"state,omitempty"`
	AllowTraineeEavesdrop bool     `json:"allow_trainee_eavesdrop,omitempty"`
	PhoneNumbers          []string `json:"phone_numbers,omitempty"`
	RingSeconds           Int      `json:"ring_seconds,omitempty"`
	TeamDescription       string   `json:"team_description,omitempty"`
}

// CallCenterPage is one page of an office's call centers
// (CallCenterCollection).
type CallCenterPage struct {
	Items []*CallCenter `json:"items"`
	// Cursor fetches the next page; empty on the last page.
	Cursor string `json:"cursor,omitempty"`
}

// DepartmentPage is one page of an office's departments
// (DepartmentCollection).
type DepartmentPage struct {
	Items  []*Department `json:"items"`
	Cursor string        `json:"cursor,omitempty"`
}

// CoachingTeamPage is one page of an office's coaching teams
// (CoachingTeamCollection).
type CoachingTeamPage struct {
	Items  []*CoachingTeam `json:"items"`
	Cursor string          `json:"cursor,omitempty"`
}
