package offices

import "slices"

// PlanPeriod is how often the company is billed (plan_period).
type PlanPeriod string

// Plan periods.
const (
	PlanMonthly PlanPeriod = "monthly"
	PlanYearly  PlanPeriod = "yearly"
)

var planPeriods = []PlanPeriod{PlanMonthly, PlanYearly}

// PlanPeriods returns every valid [PlanPeriod].
func PlanPeriods() []PlanPeriod { return slices.Clone(planPeriods) }

// Valid reports whether p is one of the documented plan periods.
func (p PlanPeriod) Valid() bool { return slices.Contains(planPeriods, p) }

// Currency is an office's billing currency (currency).
type Currency string

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

// Valid reports whether c is one of the documented currencies.
func (c Currency) Valid() bool { return slices.Contains(currencies, c) }

// Country is a two-letter country code. The office's own country must be
// one of the constants below; billing and E911 address countries are sent as
// given (the reference lists no values for them).
type Country string

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

// Valid reports whether c is one of the office countries Dialpad accepts.
func (c Country) Valid() bool { return slices.Contains(countries, c) }

// OperatorRouting is the strategy for dialing operators (operator_routing).
type OperatorRouting string

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

// Valid reports whether r is one of the documented strategies.
func (r OperatorRouting) Valid() bool { return slices.Contains(operatorRoutings, r) }

// Action is a routing action type (routing_options.*.action, DTMF option
// actions and no_operators_action).
type Action string

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

// Valid reports whether a is one of the documented actions.
func (a Action) Valid() bool { return slices.Contains(actions, a) }

// TargetType is the kind of target a call is routed to
// (action_target_type).
type TargetType string

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

// Valid reports whether t is one of the documented target types.
func (t TargetType) Valid() bool { return slices.Contains(targetTypes, t) }

// FirstAction is what the office does first with an incoming call
// (first_action).
type FirstAction string

// First actions.
const (
	FirstActionMenu      FirstAction = "menu"
	FirstActionOperators FirstAction = "operators"
)

var firstActions = []FirstAction{FirstActionMenu, FirstActionOperators}

// FirstActions returns every valid [FirstAction].
func FirstActions() []FirstAction { return slices.Clone(firstActions) }

// Valid reports whether f is one of the documented first actions.
func (f FirstAction) Valid() bool { return slices.Contains(firstActions, f) }

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
