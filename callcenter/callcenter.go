// Package callcenter is the vendor-neutral model of a BroadWorks-style call
// center: its types (Basic, Standard, Premium), routing policies, per-type
// options, the defaults of the bulk sheet and the validation rules. It does no
// I/O; the vendor packages (broadworks, apio) and bulk all read it.
//
// The shortest use:
//
//	cc := callcenter.CallCenter{
//		ServiceProviderID: "MyServiceProvider",
//		GroupID:           "SalesGroup",
//		ServiceUserID:     "sales-center@company.com",
//		Profile:           callcenter.Profile{Password: "s3cret"},
//		Type:              callcenter.Standard,
//		WrapUpSeconds:     new(30),
//	}
//	cc.ApplyDefaults()
//	if err := cc.Validate(); err != nil {
//		// err is a *callcenter.ValidationError listing every problem.
//	}
//
// Options without a default are pointers or typed strings, so that "unset"
// differs from false, 0 or "". Field names in errors use the CSV column
// notation of the bulk sheet (serviceInstanceProfile.password, wrapUpSeconds).
//
// # Reference 000
//
// The docs of this module call the bulk sheet's format "reference 000": it
// is the call-center bulk sheet of mercury-ocip
// (https://github.com/Fourteen-IP/mercury-ocip), a Python library for
// BroadWorks' OCI-P. A sheet is a CSV file with one call center per row;
// its columns are named in dotted notation (serviceProviderId,
// serviceInstanceProfile.name, serviceInstanceProfile.alias[0], wrapUpSeconds),
// the types Basic, Standard and Premium accept more options in turn, and
// empty cells take the defaults it gives. The same data as JSON uses the
// snake_case of the column names, nested as their dots say
// ({"service_instance_profile": {"name": ...}}). [Columns]
// describes every column; this package keeps the sheet as mercury-ocip
// writes it, so that its sheets and data work here unchanged.
package callcenter

import (
	"fmt"
	"log/slog"
	"slices"
)

// CallCenter is one call-center instance as the bulk sheet of reference 000
// describes it. JSON field names are the snake_case form of the CSV columns,
// so the document's data examples decode directly into a []CallCenter.
type CallCenter struct {
	ServiceProviderID string  `json:"service_provider_id"`
	GroupID           string  `json:"group_id"`
	ServiceUserID     string  `json:"service_user_id"`
	Profile           Profile `json:"service_instance_profile"`
	Type              Type    `json:"type,omitempty"`
	Policy            Policy  `json:"policy,omitempty"`

	// Options for every type.
	EnableVideo                         *bool      `json:"enable_video,omitempty"`
	QueueLength                         *int       `json:"queue_length,omitempty"`
	AllowCallerToDialEscapeDigit        *bool      `json:"allow_caller_to_dial_escape_digit,omitempty"`
	EscapeDigit                         string     `json:"escape_digit,omitempty"`
	ResetCallStatisticsUponEntryInQueue *bool      `json:"reset_call_statistics_upon_entry_in_queue,omitempty"`
	AllowAgentLogoff                    *bool      `json:"allow_agent_logoff,omitempty"`
	AllowCallWaitingForAgents           *bool      `json:"allow_call_waiting_for_agents,omitempty"`
	ExternalPreferredAudioCodec         AudioCodec `json:"external_preferred_audio_codec,omitempty"`
	InternalPreferredAudioCodec         AudioCodec `json:"internal_preferred_audio_codec,omitempty"`
	PlayRingingWhenOfferingCall         *bool      `json:"play_ringing_when_offering_call,omitempty"`
	NetworkClassOfService               string     `json:"network_class_of_service,omitempty"`

	// Standard and Premium options.
	EnableReporting                     *bool      `json:"enable_reporting,omitempty"`
	AllowCallsToAgentsInWrapUp          *bool      `json:"allow_calls_to_agents_in_wrap_up,omitempty"`
	OverrideAgentWrapUpTime             *bool      `json:"override_agent_wrap_up_time,omitempty"`
	WrapUpSeconds                       *int       `json:"wrap_up_seconds,omitempty"`
	EnableAutomaticStateChangeForAgents *bool      `json:"enable_automatic_state_change_for_agents,omitempty"`
	AgentStateAfterCall                 AgentState `json:"agent_state_after_call,omitempty"`
	AgentUnavailableCode                string     `json:"agent_unavailable_code,omitempty"`

	// Premium options.
	RoutingType                  RoutingType `json:"routing_type,omitempty"`
	ForceDeliveryOfCalls         *bool       `json:"force_delivery_of_calls,omitempty"`
	ForceDeliveryWaitTimeSeconds *int        `json:"force_delivery_wait_time_seconds,omitempty"`
}

// Profile is the service-instance profile of a call center
// (the serviceInstanceProfile.* columns).
type Profile struct {
	Name                     string   `json:"name,omitempty"`
	CallingLineIDLastName    string   `json:"calling_line_id_last_name,omitempty"`
	CallingLineIDFirstName   string   `json:"calling_line_id_first_name,omitempty"`
	Password                 Secret   `json:"password,omitempty"`
	HiraganaLastName         string   `json:"hiragana_last_name,omitempty"`
	HiraganaFirstName        string   `json:"hiragana_first_name,omitempty"`
	PhoneNumber              string   `json:"phone_number,omitempty"`
	Extension                string   `json:"extension,omitempty"`
	Language                 string   `json:"language,omitempty"`
	TimeZone                 string   `json:"time_zone,omitempty"`
	Aliases                  []string `json:"alias,omitempty"`
	PublicUserIdentity       string   `json:"public_user_identity,omitempty"`
	CallingLineIDPhoneNumber string   `json:"calling_line_id_phone_number,omitempty"`
	// Department is the department the call center belongs to (columns
	// serviceInstanceProfile.department.name and .level); the zero value
	// is none.
	Department Department `json:"department,omitzero"`
}

// Department names a department of the group or of its enterprise (service
// provider). Level "" means [GroupDepartment].
type Department struct {
	Name  string          `json:"name,omitempty"`
	Level DepartmentLevel `json:"level,omitempty"`
}

// DepartmentLevel says where a department is defined.
type DepartmentLevel string

// The department levels (column serviceInstanceProfile.department.level).
const (
	GroupDepartment      DepartmentLevel = "Group"
	EnterpriseDepartment DepartmentLevel = "Enterprise"
)

// Secret is a string that never prints: fmt (every verb), log/slog and
// encoding/json show it as [Redacted]. Decoding JSON into a Secret works as
// for a string. Use string(s) where the clear value is really needed, such
// as on the wire.
type Secret string

// Redacted is what a non-empty [Secret] prints as.
const Redacted = "[REDACTED]"

func (s Secret) shown() string {
	if s == "" {
		return ""
	}
	return Redacted
}

// String returns [Redacted] (or "" for an empty secret).
func (s Secret) String() string { return s.shown() }

// GoString returns [Redacted] quoted, for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("%q", s.shown()) }

// Format prints [Redacted] whatever the verb.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'q' || (verb == 'v' && f.Flag('#')) {
		fmt.Fprintf(f, "%q", s.shown())
		return
	}
	fmt.Fprint(f, s.shown())
}

// LogValue makes log/slog print [Redacted].
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.shown()) }

// MarshalText writes [Redacted], so JSON and other text encodings never carry
// the clear value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.shown()), nil }

// UnmarshalText stores the clear value.
func (s *Secret) UnmarshalText(b []byte) error { *s = Secret(b); return nil }

// Normalize rewrites enum values given in any accepted spelling (such as
// "similtaneous" or "Weighted Call Distribution") to their canonical wire
// values, and removes the spaces, dashes, dots and brackets from the phone
// numbers and the extension ("(212) 555-0110" becomes "2125550110"; the dash
// of BroadWorks' E.164 notation "+1-2125550110" stays). Unknown values, and
// numbers with any other character, are left as they are for
// [CallCenter.Validate] to report with the rule.
func (c *CallCenter) Normalize() {
	c.Profile.PhoneNumber = normalizeNumber(c.Profile.PhoneNumber, true)
	c.Profile.CallingLineIDPhoneNumber = normalizeNumber(c.Profile.CallingLineIDPhoneNumber, true)
	c.Profile.Extension = normalizeNumber(c.Profile.Extension, false)
	c.Type = types.normalise(c.Type)
	c.Policy = policies.normalise(c.Policy)
	c.RoutingType = routingTypes.normalise(c.RoutingType)
	c.AgentStateAfterCall = agentStates.normalise(c.AgentStateAfterCall)
	c.ExternalPreferredAudioCodec = codecs.normalise(c.ExternalPreferredAudioCodec)
	c.InternalPreferredAudioCodec = codecs.normalise(c.InternalPreferredAudioCodec)
}

// The defaults of reference 000.
const (
	DefaultName                   = "Default Call Center Name"
	DefaultCallingLineIDLastName  = "Default CLID Last Name"
	DefaultCallingLineIDFirstName = "Default CLID First Name"
	DefaultType                   = Basic
	DefaultPolicy                 = Circular
	DefaultQueueLength            = 3
	DefaultEscapeDigit            = "3"
	DefaultAudioCodec             = CodecNone
)

// ApplyDefaults fills every unset field that reference 000 gives a default,
// and nothing else: the Standard and Premium options have no defaults and stay
// unset. It also calls [CallCenter.Normalize]. It never overwrites a value
// that is set.
func (c *CallCenter) ApplyDefaults() {
	c.Normalize()
	setStr := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	setStr(&c.Profile.Name, DefaultName)
	setStr(&c.Profile.CallingLineIDLastName, DefaultCallingLineIDLastName)
	setStr(&c.Profile.CallingLineIDFirstName, DefaultCallingLineIDFirstName)
	if c.Type == "" {
		c.Type = DefaultType
	}
	if c.Policy == "" {
		c.Policy = DefaultPolicy
	}
	setStr(&c.EscapeDigit, DefaultEscapeDigit)
	if c.ExternalPreferredAudioCodec == "" {
		c.ExternalPreferredAudioCodec = DefaultAudioCodec
	}
	if c.InternalPreferredAudioCodec == "" {
		c.InternalPreferredAudioCodec = DefaultAudioCodec
	}
	// The optional values the defaults fill come from one allocation, not
	// one each (bulk defaults millions of rows); each field still points to
	// a value of its own.
	var d *defaultValues
	block := func() *defaultValues {
		if d == nil {
			d = &defaultValues{queueLength: DefaultQueueLength, on: [4]bool{true, true, true, true}}
		}
		return d
	}
	for i, p := range [...]**bool{&c.EnableVideo, &c.AllowCallerToDialEscapeDigit} {
		if *p == nil {
			*p = &block().off[i]
		}
	}
	for i, p := range [...]**bool{&c.ResetCallStatisticsUponEntryInQueue, &c.AllowAgentLogoff, &c.AllowCallWaitingForAgents, &c.PlayRingingWhenOfferingCall} {
		if *p == nil {
			*p = &block().on[i]
		}
	}
	if c.QueueLength == nil {
		c.QueueLength = &block().queueLength
	}
}

// defaultValues holds the values ApplyDefaults points optional fields to.
type defaultValues struct {
	queueLength int
	off         [2]bool
	on          [4]bool
}

// Clone returns a deep copy of c: its pointers and alias slice are not shared.
func (c CallCenter) Clone() CallCenter {
	c.Profile.Aliases = slices.Clone(c.Profile.Aliases)
	for i := range fields {
		f := &fields[i]
		if f.clone != nil {
			f.clone(&c)
		}
	}
	return c
}
