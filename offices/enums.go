package offices

import (
	"slices"
)

// PlanPeriod is how often the company is billed (plan_period).
type PlanPeriod string

// Valid reports whether p is one of the documented plan periods.
func (p PlanPeriod) Valid() bool { return slices.Contains(planPeriods, p) }

// Plan periods.
const (
	PlanMonthly PlanPeriod = "monthly"
	PlanYearly  PlanPeriod = "yearly"
)

var planPeriods = []PlanPeriod{PlanMonthly, PlanYearly}

// PlanPeriods returns every valid [PlanPeriod].
func PlanPeriods() []PlanPeriod { return slices.Clone(planPeriods) }

// Currency is an office's billing currency (currency).
type Currency string

// Valid reports whether c is one of the documented currencies.
func (c Currency) Valid() bool { return slices.Contains(currencies, c) }

// Billing currencies.
const (
	CurrencyAUD Currency = "AUD"
	CurrencyCAD Currency = "CAD"
	CurrencyEUR Currency = "EUR"
	CurrencyGBP Currency = "GBP"
	CurrencyJPY Currency = "JPY"
	CurrencyNZD Currency = "NZD"
	CurrencyUSD Currency = "USD"
)

var currencies = []Currency{CurrencyAUD, CurrencyCAD, CurrencyEUR, CurrencyGBP, CurrencyJPY, CurrencyNZD, CurrencyUSD}

// Currencies returns every valid [Currency].
func Currencies() []Currency { return slices.Clone(currencies) }

// Country is a two-letter country code. The office's own country must be
// one of the constants below; billing and E911 address countries are sent as
// given (the reference lists no values for them).
type Country string

// Valid reports whether c is one of the office countries Dialpad accepts.
func (c Country) Valid() bool { return slices.Contains(countries, c) }

// Office countries accepted by Dialpad (reference 004, field country).
const (
	CountryAR Country = "AR" // Argentina
	CountryAT Country = "AT" // Austria
	CountryAU Country = "AU" // Australia
	CountryBD Country = "BD" // Bangladesh
	CountryBE Country = "BE" // Belgium
	CountryBG Country = "BG" // Bulgaria
	CountryBH Country = "BH" // Bahrain
	CountryBR Country = "BR" // Brazil
	CountryCA Country = "CA" // Canada
	CountryCH Country = "CH" // Switzerland
	CountryCI Country = "CI" // Côte d'Ivoire
	CountryCL Country = "CL" // Chile
	CountryCN Country = "CN" // China
	CountryCO Country = "CO" // Colombia
	CountryCR Country = "CR" // Costa Rica
	CountryCY Country = "CY" // Cyprus
	CountryCZ Country = "CZ" // Czechia
	CountryDE Country = "DE" // Germany
	CountryDK Country = "DK" // Denmark
	CountryDO Country = "DO" // Dominican Republic
	CountryDP Country = "DP" // DP (listed by Dialpad; not an ISO 3166-1 code)
	CountryEC Country = "EC" // Ecuador
	CountryEE Country = "EE" // Estonia
	CountryEG Country = "EG" // Egypt
	CountryES Country = "ES" // Spain
	CountryFI Country = "FI" // Finland
	CountryFR Country = "FR" // France
	CountryGB Country = "GB" // United Kingdom
	CountryGH Country = "GH" // Ghana
	CountryGR Country = "GR" // Greece
	CountryGT Country = "GT" // Guatemala
	CountryHK Country = "HK" // Hong Kong
	CountryHR Country = "HR" // Croatia
	CountryHU Country = "HU" // Hungary
	CountryID Country = "ID" // Indonesia
	CountryIE Country = "IE" // Ireland
	CountryIL Country = "IL" // Israel
	CountryIN Country = "IN" // India
	CountryIS Country = "IS" // Iceland
	CountryIT Country = "IT" // Italy
	CountryJP Country = "JP" // Japan
	CountryKE Country = "KE" // Kenya
	CountryKH Country = "KH" // Cambodia
	CountryKR Country = "KR" // South Korea
	CountryKZ Country = "KZ" // Kazakhstan
	CountryLK Country = "LK" // Sri Lanka
	CountryLT Country = "LT" // Lithuania
	CountryLU Country = "LU" // Luxembourg
	CountryLV Country = "LV" // Latvia
	CountryMA Country = "MA" // Morocco
	CountryMD Country = "MD" // Moldova
	CountryMM Country = "MM" // Myanmar
	CountryMT Country = "MT" // Malta
	CountryMX Country = "MX" // Mexico
	CountryMY Country = "MY" // Malaysia
	CountryNG Country = "NG" // Nigeria
	CountryNL Country = "NL" // Netherlands
	CountryNO Country = "NO" // Norway
	CountryNZ Country = "NZ" // New Zealand
	CountryPA Country = "PA" // Panama
	CountryPE Country = "PE" // Peru
	CountryPH Country = "PH" // Philippines
	CountryPK Country = "PK" // Pakistan
	CountryPL Country = "PL" // Poland
	CountryPR Country = "PR" // Puerto Rico
	CountryPT Country = "PT" // Portugal
	CountryPY Country = "PY" // Paraguay
	CountryRO Country = "RO" // Romania
	CountryRU Country = "RU" // Russia
	CountrySA Country = "SA" // Saudi Arabia
	CountrySE Country = "SE" // Sweden
	CountrySG Country = "SG" // Singapore
	CountrySI Country = "SI" // Slovenia
	CountrySK Country = "SK" // Slovakia
	CountrySV Country = "SV" // El Salvador
	CountryTH Country = "TH" // Thailand
	CountryTR Country = "TR" // Türkiye
	CountryTW Country = "TW" // Taiwan
	CountryUA Country = "UA" // Ukraine
	CountryUS Country = "US" // United States
	CountryUY Country = "UY" // Uruguay
	CountryVE Country = "VE" // Venezuela
	CountryVN Country = "VN" // Vietnam
	CountryZA Country = "ZA" // South Africa
)

// countries lists every [Country] constant, in code order.
var countries = []Country{
	CountryAR, CountryAT, CountryAU, CountryBD, CountryBE, CountryBG, CountryBH, CountryBR, CountryCA, CountryCH,
	CountryCI, CountryCL, CountryCN, CountryCO, CountryCR, CountryCY, CountryCZ, CountryDE, CountryDK, CountryDO,
	CountryDP, CountryEC, CountryEE, CountryEG, CountryES, CountryFI, CountryFR, CountryGB, CountryGH, CountryGR,
	CountryGT, CountryHK, CountryHR, CountryHU, CountryID, CountryIE, CountryIL, CountryIN, CountryIS, CountryIT,
	CountryJP, CountryKE, CountryKH, CountryKR, CountryKZ, CountryLK, CountryLT, CountryLU, CountryLV, CountryMA,
	CountryMD, CountryMM, CountryMT, CountryMX, CountryMY, CountryNG, CountryNL, CountryNO, CountryNZ, CountryPA,
	CountryPE, CountryPH, CountryPK, CountryPL, CountryPR, CountryPT, CountryPY, CountryRO, CountryRU, CountrySA,
	CountrySE, CountrySG, CountrySI, CountrySK, CountrySV, CountryTH, CountryTR, CountryTW, CountryUA, CountryUS,
	CountryUY, CountryVE, CountryVN, CountryZA,
}

// Countries returns every valid office [Country].
func Countries() []Country { return slices.Clone(countries) }

// OperatorRouting is the strategy for dialing operators (operator_routing).
type OperatorRouting string

// Valid reports whether r is one of the documented strategies.
func (r OperatorRouting) Valid() bool { return slices.Contains(operatorRoutings, r) }

// Operator routing strategies.
const (
	RoutingMostSkilled  OperatorRouting = "mostskilled"
	RoutingLongestIdle  OperatorRouting = "longestidle"
	RoutingRoundRobin   OperatorRouting = "roundrobin"
	RoutingFixedOrder   OperatorRouting = "fixedorder"
	RoutingRandom       OperatorRouting = "random"
	RoutingSimultaneous OperatorRouting = "simultaneous"
)

var operatorRoutings = []OperatorRouting{RoutingMostSkilled, RoutingLongestIdle, RoutingRoundRobin, RoutingFixedOrder, RoutingRandom, RoutingSimultaneous}

// OperatorRoutings returns every valid [OperatorRouting].
func OperatorRoutings() []OperatorRouting { return slices.Clone(operatorRoutings) }

// Action is a routing action type (routing_options.*.action, DTMF option
// actions and no_operators_action).
type Action string

// Valid reports whether a is one of the documented actions.
func (a Action) Valid() bool { return slices.Contains(actions, a) }

// Routing actions.
const (
	ActionExtension        Action = "extension"
	ActionDirectory        Action = "directory"
	ActionCompanyDirectory Action = "company_directory"
	ActionMenu             Action = "menu"
	ActionDisabled         Action = "disabled"
	ActionMessage          Action = "message"
	ActionOperator         Action = "operator"
	ActionScriptedIVR      Action = "scripted_ivr"
	ActionVoicemail        Action = "voicemail"
	ActionDepartment       Action = "department"
	ActionPerson           Action = "person"
	ActionBridgeTarget     Action = "bridge_target"
)

var actions = []Action{ActionExtension, ActionDirectory, ActionCompanyDirectory, ActionMenu, ActionDisabled, ActionMessage,
	ActionOperator, ActionScriptedIVR, ActionVoicemail, ActionDepartment, ActionPerson, ActionBridgeTarget}

// Actions returns every valid [Action].
func Actions() []Action { return slices.Clone(actions) }

// TargetType is the kind of target a call is routed to
// (action_target_type).
type TargetType string

// Valid reports whether t is one of the documented target types.
func (t TargetType) Valid() bool { return slices.Contains(targetTypes, t) }

// Target types.
const (
	TargetContact       TargetType = "contact"
	TargetContactGroup  TargetType = "contactgroup"
	TargetRoom          TargetType = "room"
	TargetCallRouter    TargetType = "callrouter"
	TargetChannel       TargetType = "channel"
	TargetStaffGroup    TargetType = "staffgroup"
	TargetCallCenter    TargetType = "callcenter"
	TargetDepartment    TargetType = "department"
	TargetOffice        TargetType = "office"
	TargetUnknown       TargetType = "unknown"
	TargetUser          TargetType = "user"
	TargetCoachingGroup TargetType = "coachinggroup"
)

var targetTypes = []TargetType{TargetContact, TargetContactGroup, TargetRoom, TargetCallRouter, TargetChannel, TargetStaffGroup,
	TargetCallCenter, TargetDepartment, TargetOffice, TargetUnknown, TargetUser, TargetCoachingGroup}

// TargetTypes returns every valid [TargetType].
func TargetTypes() []TargetType { return slices.Clone(targetTypes) }

// FirstAction is what the office does first with an incoming call
// (first_action).
type FirstAction string

// Valid reports whether f is one of the documented first actions.
func (f FirstAction) Valid() bool { return slices.Contains(firstActions, f) }

// First actions.
const (
	FirstActionMenu      FirstAction = "menu"
	FirstActionOperators FirstAction = "operators"
)

var firstActions = []FirstAction{FirstActionMenu, FirstActionOperators}

// FirstActions returns every valid [FirstAction].
func FirstActions() []FirstAction { return slices.Clone(firstActions) }

// AvailabilityStatus is whether an office is open now (read only; not in
// reference 004: values from Dialpad's public OfficeProto schema).
type AvailabilityStatus string

// Availability statuses.
const (
	StatusOpen          AvailabilityStatus = "open"
	StatusClosed        AvailabilityStatus = "closed"
	StatusHolidayOpen   AvailabilityStatus = "holiday_open"
	StatusHolidayClosed AvailabilityStatus = "holiday_closed"
)

// State is an office's enablement state (read only; values from Dialpad's
// public OfficeProto schema).
type State string

// Office states.
const (
	StateActive    State = "active"
	StatePending   State = "pending"
	StateSuspended State = "suspended"
	StateCancelled State = "cancelled"
	StateDeleted   State = "deleted"
)

// OperatorType is the kind of an office operator (operator_type).
type OperatorType string

// Valid reports whether t is one of the documented operator types.
func (t OperatorType) Valid() bool { return slices.Contains(operatorTypes, t) }

// Operator types.
const (
	OperatorRoom OperatorType = "room"
	OperatorUser OperatorType = "user"
)

var operatorTypes = []OperatorType{OperatorRoom, OperatorUser}

// OperatorRole is the role of a new operator (role).
type OperatorRole string

// Valid reports whether r is one of the documented operator roles.
func (r OperatorRole) Valid() bool { return slices.Contains(operatorRoles, r) }

// Operator roles.
const (
	RoleAdmin    OperatorRole = "admin"
	RoleOperator OperatorRole = "operator"
)

var operatorRoles = []OperatorRole{RoleAdmin, RoleOperator}

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
