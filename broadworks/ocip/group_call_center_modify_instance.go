package ocip

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/broadworks/internal/unchecked"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// GroupCallCenterModifyInstanceRequest22 changes the elements it carries and
// leaves the others as they are; the answer is a [*SuccessResponse]. Build
// it with [NewModifyRequest] or [NewModifyFieldsRequest].
type GroupCallCenterModifyInstanceRequest22 struct {
	ServiceUserID                       string                        `xml:"serviceUserId" json:"serviceUserId"`
	ServiceInstanceProfile              *ServiceInstanceModifyProfile `xml:"serviceInstanceProfile,omitempty" json:"serviceInstanceProfile,omitempty"`
	Type                                callcenter.Type               `xml:"type,omitempty" json:"type,omitempty"`
	RoutingType                         callcenter.RoutingType        `xml:"routingType,omitempty" json:"routingType,omitempty"`
	Policy                              callcenter.Policy             `xml:"policy,omitempty" json:"policy,omitempty"`
	EnableVideo                         *bool                         `xml:"enableVideo,omitempty" json:"enableVideo,omitempty"`
	QueueLength                         *int                          `xml:"queueLength,omitempty" json:"queueLength,omitempty"`
	EnableReporting                     *bool                         `xml:"enableReporting,omitempty" json:"enableReporting,omitempty"`
	AllowCallerToDialEscapeDigit        *bool                         `xml:"allowCallerToDialEscapeDigit,omitempty" json:"allowCallerToDialEscapeDigit,omitempty"`
	EscapeDigit                         string                        `xml:"escapeDigit,omitempty" json:"escapeDigit,omitempty"`
	ResetCallStatisticsUponEntryInQueue *bool                         `xml:"resetCallStatisticsUponEntryInQueue,omitempty" json:"resetCallStatisticsUponEntryInQueue,omitempty"`
	AllowAgentLogoff                    *bool                         `xml:"allowAgentLogoff,omitempty" json:"allowAgentLogoff,omitempty"`
	AllowCallWaitingForAgents           *bool                         `xml:"allowCallWaitingForAgents,omitempty" json:"allowCallWaitingForAgents,omitempty"`
	AllowCallsToAgentsInWrapUp          *bool                         `xml:"allowCallsToAgentsInWrapUp,omitempty" json:"allowCallsToAgentsInWrapUp,omitempty"`
	OverrideAgentWrapUpTime             *bool                         `xml:"overrideAgentWrapUpTime,omitempty" json:"overrideAgentWrapUpTime,omitempty"`
	WrapUpSeconds                       *Nillable[int]                `xml:"wrapUpSeconds,omitempty" json:"wrapUpSeconds,omitempty"`
	ForceDeliveryOfCalls                *bool                         `xml:"forceDeliveryOfCalls,omitempty" json:"forceDeliveryOfCalls,omitempty"`
	ForceDeliveryWaitTimeSeconds        *Nillable[int]                `xml:"forceDeliveryWaitTimeSeconds,omitempty" json:"forceDeliveryWaitTimeSeconds,omitempty"`
	EnableAutomaticStateChangeForAgents *bool                         `xml:"enableAutomaticStateChangeForAgents,omitempty" json:"enableAutomaticStateChangeForAgents,omitempty"`
	AgentStateAfterCall                 callcenter.AgentState         `xml:"agentStateAfterCall,omitempty" json:"agentStateAfterCall,omitempty"`
	AgentUnavailableCode                *Nillable[string]             `xml:"agentUnavailableCode,omitempty" json:"agentUnavailableCode,omitempty"`
	ExternalPreferredAudioCodec         callcenter.AudioCodec         `xml:"externalPreferredAudioCodec,omitempty" json:"externalPreferredAudioCodec,omitempty"`
	InternalPreferredAudioCodec         callcenter.AudioCodec         `xml:"internalPreferredAudioCodec,omitempty" json:"internalPreferredAudioCodec,omitempty"`
	PlayRingingWhenOfferingCall         *bool                         `xml:"playRingingWhenOfferingCall,omitempty" json:"playRingingWhenOfferingCall,omitempty"`
	NetworkClassOfService               string                        `xml:"networkClassOfService,omitempty" json:"networkClassOfService,omitempty"`
}

// ServiceInstanceModifyProfile is the profile part of a modify request: every
// element is optional; the Nillable ones can be cleared.
type ServiceInstanceModifyProfile struct {
	Name                     string                             `xml:"name,omitempty" json:"name,omitempty"`
	CallingLineIDLastName    string                             `xml:"callingLineIdLastName,omitempty" json:"callingLineIdLastName,omitempty"`
	CallingLineIDFirstName   string                             `xml:"callingLineIdFirstName,omitempty" json:"callingLineIdFirstName,omitempty"`
	HiraganaLastName         string                             `xml:"hiraganaLastName,omitempty" json:"hiraganaLastName,omitempty"`
	HiraganaFirstName        string                             `xml:"hiraganaFirstName,omitempty" json:"hiraganaFirstName,omitempty"`
	PhoneNumber              *Nillable[string]                  `xml:"phoneNumber,omitempty" json:"phoneNumber,omitempty"`
	Extension                *Nillable[string]                  `xml:"extension,omitempty" json:"extension,omitempty"`
	Password                 Password                           `xml:"password,omitempty" json:"password,omitempty"`
	Department               *Nillable[DepartmentKey]           `xml:"department,omitempty" json:"department,omitempty"`
	Language                 string                             `xml:"language,omitempty" json:"language,omitempty"`
	TimeZone                 string                             `xml:"timeZone,omitempty" json:"timeZone,omitempty"`
	SIPAliasList             *Nillable[ReplacementSIPAliasList] `xml:"sipAliasList,omitempty" json:"sipAliasList,omitempty"`
	PublicUserIdentity       *Nillable[string]                  `xml:"publicUserIdentity,omitempty" json:"publicUserIdentity,omitempty"`
	CallingLineIDPhoneNumber *Nillable[string]                  `xml:"callingLineIdPhoneNumber,omitempty" json:"callingLineIdPhoneNumber,omitempty"`
}

// ReplacementSIPAliasList replaces every alias of a service instance (1 to 3).
type ReplacementSIPAliasList struct {
	SIPAliases []string `xml:"sipAlias" json:"sipAlias"`
}

// OCIType returns "GroupCallCenterModifyInstanceRequest22".
func (*GroupCallCenterModifyInstanceRequest22) OCIType() string {
	return "GroupCallCenterModifyInstanceRequest22"
}

// Idempotent returns true: sending the same change twice has the effect of
// sending it once.
func (*GroupCallCenterModifyInstanceRequest22) Idempotent() bool { return true }

// The fields [NewModifyRequest] can clear, in CSV notation.
const (
	ClearPhoneNumber              = "serviceInstanceProfile.phoneNumber"
	ClearExtension                = "serviceInstanceProfile.extension"
	ClearAliases                  = "serviceInstanceProfile.alias"
	ClearPublicUserIdentity       = "serviceInstanceProfile.publicUserIdentity"
	ClearCallingLineIDPhoneNumber = "serviceInstanceProfile.callingLineIdPhoneNumber"
	ClearWrapUpSeconds            = "wrapUpSeconds"
	ClearForceDeliveryWaitTime    = "forceDeliveryWaitTimeSeconds"
	ClearAgentUnavailableCode     = "agentUnavailableCode"
	ClearDepartment               = "serviceInstanceProfile.department.name"
)

// clearable lists the Clear* constants, in the order errors name them.
var clearable = []string{ClearPhoneNumber, ClearExtension, ClearAliases, ClearPublicUserIdentity,
	ClearCallingLineIDPhoneNumber, ClearWrapUpSeconds, ClearForceDeliveryWaitTime, ClearAgentUnavailableCode, ClearDepartment}

const (
	modifySubject = "broadworks: modify call center request"
	profilePrefix = "serviceInstanceProfile."
	notClearable  = "is unset in the wanted call center, and BroadWorks cannot clear it"
)

// NewModifyRequest builds a modify command that sends every field set on cc
// (the service user id names the call center; ServiceProviderID and GroupID
// are not part of a modify and are ignored) and clears the fields named in
// clear (the Clear* constants). No defaults are applied. The set fields are
// checked with [callcenter.CallCenter.Validate]; when cc.Type is set, the
// options it does not accept are refused. A modify that changes nothing is
// refused too. A department (Profile.Department) is sent as the key of a
// department of cc's group or enterprise, so it needs cc.ServiceProviderID
// (and cc.GroupID for a group department); [ClearDepartment] clears it.
func NewModifyRequest(cc callcenter.CallCenter, clear ...string) (*GroupCallCenterModifyInstanceRequest22, error) {
	cc = cc.Clone()
	cc.Normalize()
	if err := validateSet(cc); err != nil {
		return nil, err
	}
	b := modifyBuild{r: &GroupCallCenterModifyInstanceRequest22{ServiceUserID: cc.ServiceUserID}}
	for i := range modifyColumns {
		col := &modifyColumns[i]
		if col.set == nil {
			continue // the call center's identity
		}
		if _, problem := col.set(&b, &cc); problem != "" {
			return nil, invalid(modifySubject, col.field, problem)
		}
	}
	for _, f := range clear {
		col := modifyColumnOf[f]
		switch {
		case !slices.Contains(clearable, f) || col == nil || col.clear == nil:
			return nil, invalid(modifySubject, f, "cannot be cleared (clearable: "+strings.Join(clearable, ", ")+")")
		case col.sent(&b):
			return nil, invalid(modifySubject, f, "is both set and cleared")
		}
		col.clear(&b)
	}
	r := b.request()
	if *r == (GroupCallCenterModifyInstanceRequest22{ServiceUserID: r.ServiceUserID}) {
		return nil, invalid(modifySubject, "serviceUserId", "modify sets nothing")
	}
	return r, nil
}

// validateSet validates the fields set on cc: the problems Validate reports
// for fields that are not set ("is required") do not apply to a modify. The
// service user id is always required.
func validateSet(cc callcenter.CallCenter) error {
	err := cc.Validate()
	var ve *callcenter.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	set := map[string]bool{"serviceUserId": true, profilePrefix + "alias": len(cc.Profile.Aliases) > 0}
	for _, f := range cc.SetFields() {
		set[f] = true
	}
	var keep []callcenter.FieldError
	for _, fe := range ve.Errors {
		if set[fe.Field] {
			keep = append(keep, fe)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return &callcenter.ValidationError{Subject: ve.Subject, Errors: keep}
}

// NewModifyFieldsRequest builds the modify command that changes exactly
// the named fields (CSV notation, as [callcenter.Diff] names them;
// "serviceInstanceProfile.alias" for the alias list) of the call center
// want.ServiceUserID to want's values, and nothing else. A named field that
// is unset in want is cleared with xsi:nil where the R25 schema allows it
// (phone number, extension, department, aliases, public user identity,
// calling line id phone number, wrap-up seconds, force-delivery wait time,
// agent unavailable code); naming another unset field, an unknown field, or
// serviceProviderId or groupId (a modify cannot move a call center) is an
// error. The department key takes want's ServiceProviderID and GroupID.
// The named fields are validated with [callcenter.CallCenter.Validate]; the
// error is a *[callcenter.ValidationError].
func NewModifyFieldsRequest(want callcenter.CallCenter, fields ...string) (*GroupCallCenterModifyInstanceRequest22, error) {
	want = want.Clone()
	want.Normalize()
	if err := validateNamed(want, fields); err != nil {
		return nil, err
	}
	return modifyFields(want, fields)
}

func init() {
	unchecked.ModifyFieldsRequest = func(want callcenter.CallCenter, fields []string) (any, error) {
		want = want.Clone()
		want.Normalize()
		return modifyFields(want, fields)
	}
}

// validateNamed validates the named fields of want (and its service user
// id); problems of other fields do not matter to a modify of these.
func validateNamed(want callcenter.CallCenter, fields []string) error {
	err := want.Validate()
	var ve *callcenter.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	named := func(f string) bool {
		if f == "serviceUserId" {
			return true
		}
		for _, n := range fields {
			if n == f || strings.HasPrefix(n, profilePrefix+"alias") && strings.HasPrefix(f, profilePrefix+"alias") {
				return true
			}
		}
		return false
	}
	var keep []callcenter.FieldError
	for _, fe := range ve.Errors {
		// An unset named field is a clear, not a missing value.
		if named(fe.Field) && !(fe.Field != "serviceUserId" && want.Get(fe.Field) == "" && strings.Contains(fe.Message, "required")) {
			keep = append(keep, fe)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return &callcenter.ValidationError{Subject: modifySubject, Errors: keep}
}

// modifyFields maps the named fields of a valid want onto a modify command.
func modifyFields(want callcenter.CallCenter, fields []string) (*GroupCallCenterModifyInstanceRequest22, error) {
	b := modifyBuild{r: &GroupCallCenterModifyInstanceRequest22{ServiceUserID: want.ServiceUserID}}
	var bad []callcenter.FieldError
	for _, f := range fields {
		col := modifyColumnOf[f]
		if col == nil && strings.HasPrefix(f, profilePrefix+"alias") {
			col = modifyColumnOf[ClearAliases] // any alias column names the list
		}
		if col == nil {
			bad = append(bad, callcenter.FieldError{Field: f, Message: "is not a field of a call center"})
			continue
		}
		if col.set == nil {
			if col.identity != "" {
				bad = append(bad, callcenter.FieldError{Field: f, Message: col.identity})
			}
			continue
		}
		unset, problem := col.set(&b, &want)
		switch {
		case problem != "":
			bad = append(bad, callcenter.FieldError{Field: f, Message: problem})
		case unset && col.clear != nil:
			col.clear(&b)
		case unset:
			bad = append(bad, callcenter.FieldError{Field: f, Message: notClearable})
		}
	}
	if len(bad) > 0 {
		return nil, &callcenter.ValidationError{Subject: modifySubject, Errors: bad}
	}
	r := b.request()
	if *r == (GroupCallCenterModifyInstanceRequest22{ServiceUserID: r.ServiceUserID}) {
		return nil, invalid(modifySubject, "fields", "modify changes nothing")
	}
	return r, nil
}

// modifyBuild is a modify request being built: the profile is attached
// when it holds something.
type modifyBuild struct {
	r    *GroupCallCenterModifyInstanceRequest22
	prof ServiceInstanceModifyProfile
}

func (b *modifyBuild) request() *GroupCallCenterModifyInstanceRequest22 {
	if b.prof != (ServiceInstanceModifyProfile{}) {
		p := b.prof
		b.r.ServiceInstanceProfile = &p
	}
	return b.r
}

// modifyColumn is how one column of the model (callcenter.Columns, plus
// the alias list) goes into a modify request.
type modifyColumn struct {
	field string
	// set writes want's value of the column into the request. unset is
	// true when want leaves the column unset: nothing is written then.
	// problem says why the value cannot be sent.
	set func(b *modifyBuild, want *callcenter.CallCenter) (unset bool, problem string)
	// clear writes the element as xsi:nil; nil when R25 cannot clear it.
	clear func(b *modifyBuild)
	// sent reports whether the request carries the element.
	sent func(b *modifyBuild) bool
	// identity, for a column that names the call center (set is nil):
	// why a modify cannot change it ("" for the service user id, the
	// request's key).
	identity string
}

// modifyColumns maps every column of the model onto the modify request, in
// the model's order. A column of callcenter.Columns without an entry here
// fails TestModifyCoversEveryColumn.
var modifyColumns = []modifyColumn{
	{field: "serviceProviderId", identity: "cannot be changed by a modify"},
	{field: "groupId", identity: "cannot be changed by a modify"},
	{field: "serviceUserId"},
	text(profilePrefix+"name", func(b *modifyBuild) *string { return &b.prof.Name }, func(c *callcenter.CallCenter) string { return c.Profile.Name }),
	text(profilePrefix+"callingLineIdLastName", func(b *modifyBuild) *string { return &b.prof.CallingLineIDLastName }, func(c *callcenter.CallCenter) string { return c.Profile.CallingLineIDLastName }),
	text(profilePrefix+"callingLineIdFirstName", func(b *modifyBuild) *string { return &b.prof.CallingLineIDFirstName }, func(c *callcenter.CallCenter) string { return c.Profile.CallingLineIDFirstName }),
	text(profilePrefix+"password", func(b *modifyBuild) *Password { return &b.prof.Password }, func(c *callcenter.CallCenter) Password { return Password(c.Profile.Password) }),
	text(profilePrefix+"hiraganaLastName", func(b *modifyBuild) *string { return &b.prof.HiraganaLastName }, func(c *callcenter.CallCenter) string { return c.Profile.HiraganaLastName }),
	text(profilePrefix+"hiraganaFirstName", func(b *modifyBuild) *string { return &b.prof.HiraganaFirstName }, func(c *callcenter.CallCenter) string { return c.Profile.HiraganaFirstName }),
	nillableText(profilePrefix+"phoneNumber", func(b *modifyBuild) **Nillable[string] { return &b.prof.PhoneNumber }, func(c *callcenter.CallCenter) string { return c.Profile.PhoneNumber }),
	nillableText(profilePrefix+"extension", func(b *modifyBuild) **Nillable[string] { return &b.prof.Extension }, func(c *callcenter.CallCenter) string { return c.Profile.Extension }),
	text(profilePrefix+"language", func(b *modifyBuild) *string { return &b.prof.Language }, func(c *callcenter.CallCenter) string { return c.Profile.Language }),
	text(profilePrefix+"timeZone", func(b *modifyBuild) *string { return &b.prof.TimeZone }, func(c *callcenter.CallCenter) string { return c.Profile.TimeZone }),
	nillableText(profilePrefix+"publicUserIdentity", func(b *modifyBuild) **Nillable[string] { return &b.prof.PublicUserIdentity }, func(c *callcenter.CallCenter) string { return c.Profile.PublicUserIdentity }),
	nillableText(profilePrefix+"callingLineIdPhoneNumber", func(b *modifyBuild) **Nillable[string] { return &b.prof.CallingLineIDPhoneNumber }, func(c *callcenter.CallCenter) string { return c.Profile.CallingLineIDPhoneNumber }),
	departmentColumn(profilePrefix + "department.name"),
	departmentColumn(profilePrefix + "department.level"),
	text("type", func(b *modifyBuild) *callcenter.Type { return &b.r.Type }, func(c *callcenter.CallCenter) callcenter.Type { return c.Type }),
	text("policy", func(b *modifyBuild) *callcenter.Policy { return &b.r.Policy }, func(c *callcenter.CallCenter) callcenter.Policy { return c.Policy }),
	option("enableVideo", func(b *modifyBuild) **bool { return &b.r.EnableVideo }, func(c *callcenter.CallCenter) *bool { return c.EnableVideo }),
	option("queueLength", func(b *modifyBuild) **int { return &b.r.QueueLength }, func(c *callcenter.CallCenter) *int { return c.QueueLength }),
	option("allowCallerToDialEscapeDigit", func(b *modifyBuild) **bool { return &b.r.AllowCallerToDialEscapeDigit }, func(c *callcenter.CallCenter) *bool { return c.AllowCallerToDialEscapeDigit }),
	text("escapeDigit", func(b *modifyBuild) *string { return &b.r.EscapeDigit }, func(c *callcenter.CallCenter) string { return c.EscapeDigit }),
	option("resetCallStatisticsUponEntryInQueue", func(b *modifyBuild) **bool { return &b.r.ResetCallStatisticsUponEntryInQueue }, func(c *callcenter.CallCenter) *bool { return c.ResetCallStatisticsUponEntryInQueue }),
	option("allowAgentLogoff", func(b *modifyBuild) **bool { return &b.r.AllowAgentLogoff }, func(c *callcenter.CallCenter) *bool { return c.AllowAgentLogoff }),
	option("allowCallWaitingForAgents", func(b *modifyBuild) **bool { return &b.r.AllowCallWaitingForAgents }, func(c *callcenter.CallCenter) *bool { return c.AllowCallWaitingForAgents }),
	text("externalPreferredAudioCodec", func(b *modifyBuild) *callcenter.AudioCodec { return &b.r.ExternalPreferredAudioCodec }, func(c *callcenter.CallCenter) callcenter.AudioCodec { return c.ExternalPreferredAudioCodec }),
	text("internalPreferredAudioCodec", func(b *modifyBuild) *callcenter.AudioCodec { return &b.r.InternalPreferredAudioCodec }, func(c *callcenter.CallCenter) callcenter.AudioCodec { return c.InternalPreferredAudioCodec }),
	option("playRingingWhenOfferingCall", func(b *modifyBuild) **bool { return &b.r.PlayRingingWhenOfferingCall }, func(c *callcenter.CallCenter) *bool { return c.PlayRingingWhenOfferingCall }),
	text("routingType", func(b *modifyBuild) *callcenter.RoutingType { return &b.r.RoutingType }, func(c *callcenter.CallCenter) callcenter.RoutingType { return c.RoutingType }),
	option("enableReporting", func(b *modifyBuild) **bool { return &b.r.EnableReporting }, func(c *callcenter.CallCenter) *bool { return c.EnableReporting }),
	option("allowCallsToAgentsInWrapUp", func(b *modifyBuild) **bool { return &b.r.AllowCallsToAgentsInWrapUp }, func(c *callcenter.CallCenter) *bool { return c.AllowCallsToAgentsInWrapUp }),
	option("overrideAgentWrapUpTime", func(b *modifyBuild) **bool { return &b.r.OverrideAgentWrapUpTime }, func(c *callcenter.CallCenter) *bool { return c.OverrideAgentWrapUpTime }),
	nillableOption("wrapUpSeconds", func(b *modifyBuild) **Nillable[int] { return &b.r.WrapUpSeconds }, func(c *callcenter.CallCenter) *int { return c.WrapUpSeconds }),
	option("forceDeliveryOfCalls", func(b *modifyBuild) **bool { return &b.r.ForceDeliveryOfCalls }, func(c *callcenter.CallCenter) *bool { return c.ForceDeliveryOfCalls }),
	nillableOption("forceDeliveryWaitTimeSeconds", func(b *modifyBuild) **Nillable[int] { return &b.r.ForceDeliveryWaitTimeSeconds }, func(c *callcenter.CallCenter) *int { return c.ForceDeliveryWaitTimeSeconds }),
	option("enableAutomaticStateChangeForAgents", func(b *modifyBuild) **bool { return &b.r.EnableAutomaticStateChangeForAgents }, func(c *callcenter.CallCenter) *bool { return c.EnableAutomaticStateChangeForAgents }),
	text("agentStateAfterCall", func(b *modifyBuild) *callcenter.AgentState { return &b.r.AgentStateAfterCall }, func(c *callcenter.CallCenter) callcenter.AgentState { return c.AgentStateAfterCall }),
	nillableText("agentUnavailableCode", func(b *modifyBuild) **Nillable[string] { return &b.r.AgentUnavailableCode }, func(c *callcenter.CallCenter) string { return c.AgentUnavailableCode }),
	text("networkClassOfService", func(b *modifyBuild) *string { return &b.r.NetworkClassOfService }, func(c *callcenter.CallCenter) string { return c.NetworkClassOfService }),
	aliasColumn(),
}

// aliasColumn is the alias list (every alias[N] column), sent whole as a
// replacement list; no alias is unset.
func aliasColumn() modifyColumn {
	col := valueColumn(ClearAliases, func(c *callcenter.CallCenter) []string { return c.Profile.Aliases },
		func(a []string) bool { return len(a) == 0 },
		func(b *modifyBuild, a []string) {
			b.prof.SIPAliasList = Set(ReplacementSIPAliasList{SIPAliases: slices.Clone(a)})
		})
	col.clear = func(b *modifyBuild) { b.prof.SIPAliasList = Clear[ReplacementSIPAliasList]() }
	col.sent = func(b *modifyBuild) bool { return b.prof.SIPAliasList != nil }
	return col
}

// modifyColumnOf indexes modifyColumns by field.
var modifyColumnOf = func() map[string]*modifyColumn {
	m := make(map[string]*modifyColumn, len(modifyColumns))
	for i := range modifyColumns {
		m[modifyColumns[i].field] = &modifyColumns[i]
	}
	return m
}()

// valueColumn is a column whose value is read from the model by value:
// when unset says the value is unset nothing is written (set reports it),
// else put writes it into the request. The constructors below add how the
// element is cleared and whether the request carries it.
func valueColumn[V any](field string, value func(*callcenter.CallCenter) V, unset func(V) bool, put func(*modifyBuild, V)) modifyColumn {
	return modifyColumn{
		field: field,
		set: func(b *modifyBuild, c *callcenter.CallCenter) (bool, string) {
			v := value(c)
			if unset(v) {
				return true, ""
			}
			put(b, v)
			return false, ""
		},
	}
}

func emptyText[S ~string](v S) bool { return v == "" }

func nilOption[T any](v *T) bool { return v == nil }

// text is a column sent as an element that cannot be cleared: "" is unset.
func text[S ~string](field string, elem func(*modifyBuild) *S, value func(*callcenter.CallCenter) S) modifyColumn {
	col := valueColumn(field, value, emptyText[S], func(b *modifyBuild, v S) { *elem(b) = v })
	col.sent = func(b *modifyBuild) bool { return *elem(b) != "" }
	return col
}

// nillableText is a text column whose element can be cleared.
func nillableText(field string, elem func(*modifyBuild) **Nillable[string], value func(*callcenter.CallCenter) string) modifyColumn {
	col := valueColumn(field, value, emptyText[string], func(b *modifyBuild, v string) { *elem(b) = Set(v) })
	col.clear = func(b *modifyBuild) { *elem(b) = Clear[string]() }
	col.sent = func(b *modifyBuild) bool { return *elem(b) != nil }
	return col
}

// option is a boolean or number column whose element cannot be cleared:
// nil is unset. The request gets its own copy of the value.
func option[T any](field string, elem func(*modifyBuild) **T, value func(*callcenter.CallCenter) *T) modifyColumn {
	col := valueColumn(field, value, nilOption[T], func(b *modifyBuild, v *T) { *elem(b) = new(*v) })
	col.sent = func(b *modifyBuild) bool { return *elem(b) != nil }
	return col
}

// nillableOption is a number column whose element can be cleared.
func nillableOption[T any](field string, elem func(*modifyBuild) **Nillable[T], value func(*callcenter.CallCenter) *T) modifyColumn {
	col := valueColumn(field, value, nilOption[T], func(b *modifyBuild, v *T) { *elem(b) = Set(*v) })
	col.clear = func(b *modifyBuild) { *elem(b) = Clear[T]() }
	col.sent = func(b *modifyBuild) bool { return *elem(b) != nil }
	return col
}

// departmentColumn is one of the two department columns: both send the
// department key, of the call center's group or enterprise, which needs
// its identity.
func departmentColumn(field string) modifyColumn {
	return modifyColumn{
		field: field,
		set: func(b *modifyBuild, c *callcenter.CallCenter) (bool, string) {
			k := departmentKey(c)
			switch {
			case k == nil:
				return true, ""
			case c.ServiceProviderID == "" || k.XSIType == "GroupDepartmentKey" && c.GroupID == "":
				return false, "needs the call center's serviceProviderId and groupId"
			}
			b.prof.Department = Set(*k)
			return false, ""
		},
		clear: func(b *modifyBuild) { b.prof.Department = ClearDepartmentKey() },
		sent:  func(b *modifyBuild) bool { return b.prof.Department != nil },
	}
}

// modifyWireSize is the markup of a full modify request, with room to spare.
const modifyWireSize = 1900

func (c *GroupCallCenterModifyInstanceRequest22) appendTo(dst []byte) []byte {
	n := modifyWireSize + escapedLen(c.ServiceUserID, string(c.Type), string(c.RoutingType), string(c.Policy),
		c.EscapeDigit, string(c.AgentStateAfterCall), string(c.ExternalPreferredAudioCodec),
		string(c.InternalPreferredAudioCodec), c.NetworkClassOfService)
	if v := c.AgentUnavailableCode; v != nil {
		n += escapedLen(v.Value)
	}
	p := c.ServiceInstanceProfile
	if p != nil {
		n += escapedLen(p.Name, p.CallingLineIDLastName, p.CallingLineIDFirstName, p.HiraganaLastName,
			p.HiraganaFirstName, string(p.Password), p.Language, p.TimeZone)
		for _, v := range [...]*Nillable[string]{p.PhoneNumber, p.Extension, p.PublicUserIdentity, p.CallingLineIDPhoneNumber} {
			if v != nil {
				n += escapedLen(v.Value)
			}
		}
		if p.Department != nil {
			n += departmentLen(&p.Department.Value)
		}
		if p.SIPAliasList != nil {
			for _, a := range p.SIPAliasList.Value.SIPAliases {
				n += 22 + len(a) + len(a)/4
			}
		}
	}
	dst = slicesGrow(dst, n)
	dst = appendCommandStart(dst, "GroupCallCenterModifyInstanceRequest22")
	dst = appendElem(dst, "serviceUserId", c.ServiceUserID)
	if p != nil {
		dst = append(dst, "<serviceInstanceProfile>"...)
		dst = appendOptElem(dst, "name", p.Name)
		dst = appendOptElem(dst, "callingLineIdLastName", p.CallingLineIDLastName)
		dst = appendOptElem(dst, "callingLineIdFirstName", p.CallingLineIDFirstName)
		dst = appendOptElem(dst, "hiraganaLastName", p.HiraganaLastName)
		dst = appendOptElem(dst, "hiraganaFirstName", p.HiraganaFirstName)
		dst = appendNillableString(dst, "phoneNumber", p.PhoneNumber)
		dst = appendNillableString(dst, "extension", p.Extension)
		dst = appendOptElem(dst, "password", string(p.Password))
		switch k := p.Department; {
		case k == nil:
		case k.Nil:
			dst = appendClearedDepartment(dst, &k.Value) // it still names its concrete type
		default:
			dst = appendDepartment(dst, &k.Value)
		}
		dst = appendOptElem(dst, "language", p.Language)
		dst = appendOptElem(dst, "timeZone", p.TimeZone)
		switch l := p.SIPAliasList; {
		case l == nil:
		case l.Nil:
			dst = appendNil(dst, "sipAliasList")
		default:
			dst = append(dst, "<sipAliasList>"...)
			for _, a := range l.Value.SIPAliases {
				dst = appendElem(dst, "sipAlias", a)
			}
			dst = append(dst, "</sipAliasList>"...)
		}
		dst = appendNillableString(dst, "publicUserIdentity", p.PublicUserIdentity)
		dst = appendNillableString(dst, "callingLineIdPhoneNumber", p.CallingLineIDPhoneNumber)
		dst = append(dst, "</serviceInstanceProfile>"...)
	}
	dst = appendOptElem(dst, "type", string(c.Type))
	dst = appendOptElem(dst, "routingType", string(c.RoutingType))
	dst = appendOptElem(dst, "policy", string(c.Policy))
	dst = appendOptBool(dst, "enableVideo", c.EnableVideo)
	dst = appendOptInt(dst, "queueLength", c.QueueLength)
	dst = appendOptBool(dst, "enableReporting", c.EnableReporting)
	dst = appendOptBool(dst, "allowCallerToDialEscapeDigit", c.AllowCallerToDialEscapeDigit)
	dst = appendOptElem(dst, "escapeDigit", c.EscapeDigit)
	dst = appendOptBool(dst, "resetCallStatisticsUponEntryInQueue", c.ResetCallStatisticsUponEntryInQueue)
	dst = appendOptBool(dst, "allowAgentLogoff", c.AllowAgentLogoff)
	dst = appendOptBool(dst, "allowCallWaitingForAgents", c.AllowCallWaitingForAgents)
	dst = appendOptBool(dst, "allowCallsToAgentsInWrapUp", c.AllowCallsToAgentsInWrapUp)
	dst = appendOptBool(dst, "overrideAgentWrapUpTime", c.OverrideAgentWrapUpTime)
	dst = appendNillableInt(dst, "wrapUpSeconds", c.WrapUpSeconds)
	dst = appendOptBool(dst, "forceDeliveryOfCalls", c.ForceDeliveryOfCalls)
	dst = appendNillableInt(dst, "forceDeliveryWaitTimeSeconds", c.ForceDeliveryWaitTimeSeconds)
	dst = appendOptBool(dst, "enableAutomaticStateChangeForAgents", c.EnableAutomaticStateChangeForAgents)
	dst = appendOptElem(dst, "agentStateAfterCall", string(c.AgentStateAfterCall))
	dst = appendNillableString(dst, "agentUnavailableCode", c.AgentUnavailableCode)
	dst = appendOptElem(dst, "externalPreferredAudioCodec", string(c.ExternalPreferredAudioCodec))
	dst = appendOptElem(dst, "internalPreferredAudioCodec", string(c.InternalPreferredAudioCodec))
	dst = appendOptBool(dst, "playRingingWhenOfferingCall", c.PlayRingingWhenOfferingCall)
	dst = appendOptElem(dst, "networkClassOfService", c.NetworkClassOfService)
	return appendCommandEnd(dst)
}

func (c *GroupCallCenterModifyInstanceRequest22) secrets() []string {
	if c.ServiceInstanceProfile == nil {
		return nil
	}
	return []string{string(c.ServiceInstanceProfile.Password)}
}

// Format prints the request with the password redacted, whatever the verb.
func (c GroupCallCenterModifyInstanceRequest22) Format(f fmt.State, verb rune) {
	type plain GroupCallCenterModifyInstanceRequest22
	if c.ServiceInstanceProfile != nil {
		p := *c.ServiceInstanceProfile
		p.Password = redacted(p.Password)
		c.ServiceInstanceProfile = &p
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(c))
}

// Format prints the profile with the password redacted, whatever the verb.
func (p ServiceInstanceModifyProfile) Format(f fmt.State, verb rune) {
	type plain ServiceInstanceModifyProfile
	p.Password = redacted(p.Password)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(p))
}
