package broadworks

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// NewAddRequest builds the add command for cc. It works on a copy (cc is
// passed by value; the command shares cc's option pointers but never writes
// through them): it applies the defaults of reference 000 (the schema requires the elements
// they fill) and normalises enum spellings ("Similtaneous" is sent as
// "Simultaneous"), then validates with [callcenter.CallCenter.Validate], so
// options the call center's type does not accept are refused here, before
// anything is sent. The error is then a *callcenter.ValidationError.
func NewAddRequest(cc callcenter.CallCenter) (*GroupCallCenterAddInstanceRequest22, error) {
	cc.ApplyDefaults()
	if err := cc.Validate(); err != nil {
		return nil, err
	}
	return addRequest(cc), nil
}

// departmentKey is the key of cc's department: a GroupDepartmentKey in
// cc's group, or an EnterpriseDepartmentKey of cc's service provider; nil
// when cc names none.
func departmentKey(cc callcenter.CallCenter) *DepartmentKey {
	d := cc.Profile.Department
	if d.Name == "" {
		return nil
	}
	if d.Level == callcenter.EnterpriseDepartment {
		return EnterpriseDepartmentKey(cc.ServiceProviderID, d.Name)
	}
	return GroupDepartmentKey(cc.ServiceProviderID, cc.GroupID, d.Name)
}

// department is the model form of a department key read back.
func department(k *DepartmentKey) callcenter.Department {
	if k == nil || k.Name == "" {
		return callcenter.Department{}
	}
	if k.XSIType == "EnterpriseDepartmentKey" || k.XSIType == "" && k.GroupID == "" {
		return callcenter.Department{Name: k.Name, Level: callcenter.EnterpriseDepartment}
	}
	return callcenter.Department{Name: k.Name, Level: callcenter.GroupDepartment}
}

// addRequest maps a defaulted, valid call center onto the add command.
func addRequest(cc callcenter.CallCenter) *GroupCallCenterAddInstanceRequest22 {
	p := cc.Profile
	return &GroupCallCenterAddInstanceRequest22{
		ServiceProviderID: cc.ServiceProviderID,
		GroupID:           cc.GroupID,
		ServiceUserID:     cc.ServiceUserID,
		ServiceInstanceProfile: ServiceInstanceAddProfileCallCenter{
			Name:                     p.Name,
			CallingLineIDLastName:    p.CallingLineIDLastName,
			CallingLineIDFirstName:   p.CallingLineIDFirstName,
			HiraganaLastName:         p.HiraganaLastName,
			HiraganaFirstName:        p.HiraganaFirstName,
			PhoneNumber:              p.PhoneNumber,
			Extension:                p.Extension,
			Password:                 Password(p.Password),
			Department:               departmentKey(cc),
			Language:                 p.Language,
			TimeZone:                 p.TimeZone,
			Aliases:                  slices.Clone(p.Aliases),
			PublicUserIdentity:       p.PublicUserIdentity,
			CallingLineIDPhoneNumber: p.CallingLineIDPhoneNumber,
		},
		Type:                                cc.Type,
		RoutingType:                         cc.RoutingType,
		Policy:                              cc.Policy,
		EnableVideo:                         *cc.EnableVideo,
		QueueLength:                         *cc.QueueLength,
		EnableReporting:                     cc.EnableReporting,
		AllowCallerToDialEscapeDigit:        *cc.AllowCallerToDialEscapeDigit,
		EscapeDigit:                         cc.EscapeDigit,
		ResetCallStatisticsUponEntryInQueue: *cc.ResetCallStatisticsUponEntryInQueue,
		AllowAgentLogoff:                    *cc.AllowAgentLogoff,
		AllowCallWaitingForAgents:           *cc.AllowCallWaitingForAgents,
		AllowCallsToAgentsInWrapUp:          cc.AllowCallsToAgentsInWrapUp,
		OverrideAgentWrapUpTime:             cc.OverrideAgentWrapUpTime,
		WrapUpSeconds:                       cc.WrapUpSeconds,
		ForceDeliveryOfCalls:                cc.ForceDeliveryOfCalls,
		ForceDeliveryWaitTimeSeconds:        cc.ForceDeliveryWaitTimeSeconds,
		EnableAutomaticStateChangeForAgents: cc.EnableAutomaticStateChangeForAgents,
		AgentStateAfterCall:                 cc.AgentStateAfterCall,
		AgentUnavailableCode:                cc.AgentUnavailableCode,
		ExternalPreferredAudioCodec:         cc.ExternalPreferredAudioCodec,
		InternalPreferredAudioCodec:         cc.InternalPreferredAudioCodec,
		PlayRingingWhenOfferingCall:         *cc.PlayRingingWhenOfferingCall,
		NetworkClassOfService:               cc.NetworkClassOfService,
	}
}

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

const (
	modifySubject   = "broadworks: modify call center request"
	fieldDepartment = "serviceInstanceProfile.department.name"
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
	p := cc.Profile
	prof := &ServiceInstanceModifyProfile{
		Name:                   p.Name,
		CallingLineIDLastName:  p.CallingLineIDLastName,
		CallingLineIDFirstName: p.CallingLineIDFirstName,
		HiraganaLastName:       p.HiraganaLastName,
		HiraganaFirstName:      p.HiraganaFirstName,
		PhoneNumber:            optional(p.PhoneNumber),
		Extension:              optional(p.Extension),
		Password:               Password(p.Password),
		Language:               p.Language,
		TimeZone:               p.TimeZone,
		PublicUserIdentity:     optional(p.PublicUserIdentity),
		CallingLineIDPhoneNumber: optional(
			p.CallingLineIDPhoneNumber),
	}
	if len(p.Aliases) > 0 {
		prof.SIPAliasList = Set(ReplacementSIPAliasList{SIPAliases: slices.Clone(p.Aliases)})
	}
	if k := departmentKey(cc); k != nil {
		if cc.ServiceProviderID == "" || k.XSIType == "GroupDepartmentKey" && cc.GroupID == "" {
			return nil, &ValidationError{Subject: modifySubject, Errors: []FieldError{{Field: fieldDepartment, Message: "needs the call center's serviceProviderId and groupId"}}}
		}
		prof.Department = Set(*k)
	}
	r := &GroupCallCenterModifyInstanceRequest22{
		ServiceUserID:                       cc.ServiceUserID,
		Type:                                cc.Type,
		RoutingType:                         cc.RoutingType,
		Policy:                              cc.Policy,
		EnableVideo:                         cc.EnableVideo,
		QueueLength:                         cc.QueueLength,
		EnableReporting:                     cc.EnableReporting,
		AllowCallerToDialEscapeDigit:        cc.AllowCallerToDialEscapeDigit,
		EscapeDigit:                         cc.EscapeDigit,
		ResetCallStatisticsUponEntryInQueue: cc.ResetCallStatisticsUponEntryInQueue,
		AllowAgentLogoff:                    cc.AllowAgentLogoff,
		AllowCallWaitingForAgents:           cc.AllowCallWaitingForAgents,
		AllowCallsToAgentsInWrapUp:          cc.AllowCallsToAgentsInWrapUp,
		OverrideAgentWrapUpTime:             cc.OverrideAgentWrapUpTime,
		ForceDeliveryOfCalls:                cc.ForceDeliveryOfCalls,
		EnableAutomaticStateChangeForAgents: cc.EnableAutomaticStateChangeForAgents,
		AgentStateAfterCall:                 cc.AgentStateAfterCall,
		AgentUnavailableCode:                optional(cc.AgentUnavailableCode),
		ExternalPreferredAudioCodec:         cc.ExternalPreferredAudioCodec,
		InternalPreferredAudioCodec:         cc.InternalPreferredAudioCodec,
		PlayRingingWhenOfferingCall:         cc.PlayRingingWhenOfferingCall,
		NetworkClassOfService:               cc.NetworkClassOfService,
	}
	if cc.WrapUpSeconds != nil {
		r.WrapUpSeconds = Set(*cc.WrapUpSeconds)
	}
	if cc.ForceDeliveryWaitTimeSeconds != nil {
		r.ForceDeliveryWaitTimeSeconds = Set(*cc.ForceDeliveryWaitTimeSeconds)
	}
	for _, f := range clear {
		var err error
		switch f {
		case ClearPhoneNumber:
			prof.PhoneNumber, err = clearOnce(prof.PhoneNumber, f)
		case ClearExtension:
			prof.Extension, err = clearOnce(prof.Extension, f)
		case ClearAliases:
			prof.SIPAliasList, err = clearOnce(prof.SIPAliasList, f)
		case ClearPublicUserIdentity:
			prof.PublicUserIdentity, err = clearOnce(prof.PublicUserIdentity, f)
		case ClearCallingLineIDPhoneNumber:
			prof.CallingLineIDPhoneNumber, err = clearOnce(prof.CallingLineIDPhoneNumber, f)
		case ClearWrapUpSeconds:
			r.WrapUpSeconds, err = clearOnce(r.WrapUpSeconds, f)
		case ClearForceDeliveryWaitTime:
			r.ForceDeliveryWaitTimeSeconds, err = clearOnce(r.ForceDeliveryWaitTimeSeconds, f)
		case ClearAgentUnavailableCode:
			r.AgentUnavailableCode, err = clearOnce(r.AgentUnavailableCode, f)
		case ClearDepartment:
			if prof.Department, err = clearOnce(prof.Department, f); err == nil {
				prof.Department = ClearDepartmentKey()
			}
		default:
			err = FieldError{Field: f, Message: "cannot be cleared (clearable: " + strings.Join(clearable, ", ") + ")"}
		}
		if err != nil {
			return nil, &ValidationError{Subject: modifySubject, Errors: []FieldError{asFieldError(err)}}
		}
	}
	if *prof != (ServiceInstanceModifyProfile{}) {
		r.ServiceInstanceProfile = prof
	}
	if *r == (GroupCallCenterModifyInstanceRequest22{ServiceUserID: r.ServiceUserID}) {
		return nil, &ValidationError{Subject: modifySubject, Errors: []FieldError{{Field: "serviceUserId", Message: "modify sets nothing"}}}
	}
	return r, nil
}

var clearable = []string{ClearPhoneNumber, ClearExtension, ClearAliases, ClearPublicUserIdentity,
	ClearCallingLineIDPhoneNumber, ClearWrapUpSeconds, ClearForceDeliveryWaitTime, ClearAgentUnavailableCode, ClearDepartment}

func asFieldError(err error) FieldError {
	var fe FieldError
	if errors.As(err, &fe) {
		return fe
	}
	return FieldError{Field: "clear", Message: err.Error()}
}

func clearOnce[T any](cur *Nillable[T], field string) (*Nillable[T], error) {
	if cur != nil {
		return nil, FieldError{Field: field, Message: "is both set and cleared"}
	}
	return Clear[T](), nil
}

func optional(s string) *Nillable[string] {
	if s == "" {
		return nil
	}
	return Set(s)
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
	set := map[string]bool{"serviceUserId": true, "serviceInstanceProfile.alias": len(cc.Profile.Aliases) > 0}
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
	return &ValidationError{Subject: ve.Subject, Errors: keep}
}

// CallCenter returns the model form of the answer. The answer names neither
// the service user id, nor the service provider, nor the group, and never
// holds the password: those fields are left for the caller to fill.
func (r *GroupCallCenterGetInstanceResponse22) CallCenter() callcenter.CallCenter {
	p := r.ServiceInstanceProfile
	cc := callcenter.CallCenter{
		Profile: callcenter.Profile{
			Name:                     p.Name,
			CallingLineIDLastName:    p.CallingLineIDLastName,
			CallingLineIDFirstName:   p.CallingLineIDFirstName,
			HiraganaLastName:         p.HiraganaLastName,
			HiraganaFirstName:        p.HiraganaFirstName,
			PhoneNumber:              p.PhoneNumber,
			Extension:                p.Extension,
			Language:                 p.Language,
			TimeZone:                 p.TimeZone,
			Aliases:                  slices.Clone(p.Aliases),
			PublicUserIdentity:       p.PublicUserIdentity,
			CallingLineIDPhoneNumber: p.CallingLineIDPhoneNumber,
			Department:               department(p.Department),
		},
		Type:                                r.Type,
		Policy:                              r.Policy,
		EnableVideo:                         new(r.EnableVideo),
		QueueLength:                         new(r.QueueLength),
		AllowCallerToDialEscapeDigit:        new(r.AllowCallerToDialEscapeDigit),
		EscapeDigit:                         r.EscapeDigit,
		ResetCallStatisticsUponEntryInQueue: new(r.ResetCallStatisticsUponEntryInQueue),
		AllowAgentLogoff:                    new(r.AllowAgentLogoff),
		AllowCallWaitingForAgents:           new(r.AllowCallWaitingForAgents),
		ExternalPreferredAudioCodec:         r.ExternalPreferredAudioCodec,
		InternalPreferredAudioCodec:         r.InternalPreferredAudioCodec,
		PlayRingingWhenOfferingCall:         new(r.PlayRingingWhenOfferingCall),
		NetworkClassOfService:               r.NetworkClassOfService,
		EnableReporting:                     r.EnableReporting,
		AllowCallsToAgentsInWrapUp:          r.AllowCallsToAgentsInWrapUp,
		OverrideAgentWrapUpTime:             r.OverrideAgentWrapUpTime,
		WrapUpSeconds:                       r.WrapUpSeconds,
		EnableAutomaticStateChangeForAgents: r.EnableAutomaticStateChangeForAgents,
		AgentStateAfterCall:                 r.AgentStateAfterCall,
		AgentUnavailableCode:                r.AgentUnavailableCode,
		RoutingType:                         r.RoutingType,
		ForceDeliveryOfCalls:                r.ForceDeliveryOfCalls,
		ForceDeliveryWaitTimeSeconds:        r.ForceDeliveryWaitTimeSeconds,
	}
	return cc.Clone()
}

// CallCenterSummary is one row of a group's call-center list.
type CallCenterSummary struct {
	ServiceUserID string            `json:"service_user_id"`
	Name          string            `json:"name"`
	Video         bool              `json:"video"`
	PhoneNumber   string            `json:"phone_number,omitempty"`
	Extension     string            `json:"extension,omitempty"`
	Department    string            `json:"department,omitempty"`
	IsActive      bool              `json:"is_active"`
	Policy        callcenter.Policy `json:"policy"`
	Type          callcenter.Type   `json:"type"`
}

// Summaries reads the table by column heading. A table without a
// "Service User Id" column is an error; other missing columns read as
// empty or false.
func (r *GroupCallCenterGetInstanceListResponse) Summaries() ([]CallCenterSummary, error) {
	return r.CallCenterTable.summaries()
}

// Summaries reads the page by column heading, as
// [GroupCallCenterGetInstanceListResponse.Summaries] does.
func (r *GroupCallCenterGetInstancePagedSortedListResponse) Summaries() ([]CallCenterSummary, error) {
	return r.CallCenterTable.summaries()
}

func (t *Table) summaries() ([]CallCenterSummary, error) {
	if t.Column("Service User Id") < 0 {
		return nil, fmt.Errorf("broadworks: callCenterTable has no \"Service User Id\" column (columns: %q)", t.Headings)
	}
	out := make([]CallCenterSummary, len(t.Rows))
	for i := range t.Rows {
		var policy callcenter.Policy
		var typ callcenter.Type
		_ = policy.UnmarshalText([]byte(t.Value(i, "Policy")))
		_ = typ.UnmarshalText([]byte(t.Value(i, "Type")))
		out[i] = CallCenterSummary{
			ServiceUserID: t.Value(i, "Service User Id"),
			Name:          t.Value(i, "Name"),
			Video:         strings.EqualFold(t.Value(i, "Video"), "true"),
			PhoneNumber:   t.Value(i, "Phone Number"),
			Extension:     t.Value(i, "Extension"),
			Department:    t.Value(i, "Department"),
			IsActive:      strings.EqualFold(t.Value(i, "Is Active"), "true"),
			Policy:        policy,
			Type:          typ,
		}
	}
	return out, nil
}

const profilePrefix = "serviceInstanceProfile."

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
// error is a *[ValidationError].
func NewModifyFieldsRequest(want callcenter.CallCenter, fields ...string) (*GroupCallCenterModifyInstanceRequest22, error) {
	want = want.Clone()
	want.Normalize()
	if err := validateNamed(want, fields); err != nil {
		return nil, err
	}
	return modifyFields(want, fields)
}

// validateNamed validates the named fields of want (and its service user
// id); problems of other fields do not matter to a modify of these.
func validateNamed(want callcenter.CallCenter, fields []string) error {
	err := want.Validate()
	var ve *ValidationError
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
	var keep []FieldError
	for _, fe := range ve.Errors {
		// An unset named field is a clear, not a missing value.
		if named(fe.Field) && !(fe.Field != "serviceUserId" && want.Get(fe.Field) == "" && strings.Contains(fe.Message, "required")) {
			keep = append(keep, fe)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return &ValidationError{Subject: modifySubject, Errors: keep}
}

// modifyFields maps the named fields of a valid want onto a modify command.
func modifyFields(want callcenter.CallCenter, fields []string) (*GroupCallCenterModifyInstanceRequest22, error) {
	r := &GroupCallCenterModifyInstanceRequest22{ServiceUserID: want.ServiceUserID}
	prof := &ServiceInstanceModifyProfile{}
	p := want.Profile
	var bad []FieldError
	for _, f := range fields {
		switch f {
		case "serviceUserId": // the key: nothing to change
		case "serviceProviderId", "groupId":
			bad = append(bad, FieldError{Field: f, Message: "cannot be changed by a modify"})
		case profilePrefix + "name":
			required(&bad, f, &prof.Name, p.Name)
		case profilePrefix + "callingLineIdLastName":
			required(&bad, f, &prof.CallingLineIDLastName, p.CallingLineIDLastName)
		case profilePrefix + "callingLineIdFirstName":
			required(&bad, f, &prof.CallingLineIDFirstName, p.CallingLineIDFirstName)
		case profilePrefix + "hiraganaLastName":
			required(&bad, f, &prof.HiraganaLastName, p.HiraganaLastName)
		case profilePrefix + "hiraganaFirstName":
			required(&bad, f, &prof.HiraganaFirstName, p.HiraganaFirstName)
		case profilePrefix + "phoneNumber":
			prof.PhoneNumber = nillable(p.PhoneNumber)
		case profilePrefix + "extension":
			prof.Extension = nillable(p.Extension)
		case profilePrefix + "password":
			required(&bad, f, &prof.Password, Password(p.Password))
		case profilePrefix + "department.name", profilePrefix + "department.level":
			k := departmentKey(want)
			switch {
			case k == nil:
				prof.Department = ClearDepartmentKey()
			case want.ServiceProviderID == "" || k.XSIType == "GroupDepartmentKey" && want.GroupID == "":
				bad = append(bad, FieldError{Field: f, Message: "needs the call center's serviceProviderId and groupId"})
			default:
				prof.Department = Set(*k)
			}
		case profilePrefix + "language":
			required(&bad, f, &prof.Language, p.Language)
		case profilePrefix + "timeZone":
			required(&bad, f, &prof.TimeZone, p.TimeZone)
		case profilePrefix + "publicUserIdentity":
			prof.PublicUserIdentity = nillable(p.PublicUserIdentity)
		case profilePrefix + "callingLineIdPhoneNumber":
			prof.CallingLineIDPhoneNumber = nillable(p.CallingLineIDPhoneNumber)
		case "type":
			required(&bad, f, &r.Type, want.Type)
		case "routingType":
			required(&bad, f, &r.RoutingType, want.RoutingType)
		case "policy":
			required(&bad, f, &r.Policy, want.Policy)
		case "enableVideo":
			flagField(&bad, f, &r.EnableVideo, want.EnableVideo)
		case "queueLength":
			flagField(&bad, f, &r.QueueLength, want.QueueLength)
		case "enableReporting":
			flagField(&bad, f, &r.EnableReporting, want.EnableReporting)
		case "allowCallerToDialEscapeDigit":
			flagField(&bad, f, &r.AllowCallerToDialEscapeDigit, want.AllowCallerToDialEscapeDigit)
		case "escapeDigit":
			required(&bad, f, &r.EscapeDigit, want.EscapeDigit)
		case "resetCallStatisticsUponEntryInQueue":
			flagField(&bad, f, &r.ResetCallStatisticsUponEntryInQueue, want.ResetCallStatisticsUponEntryInQueue)
		case "allowAgentLogoff":
			flagField(&bad, f, &r.AllowAgentLogoff, want.AllowAgentLogoff)
		case "allowCallWaitingForAgents":
			flagField(&bad, f, &r.AllowCallWaitingForAgents, want.AllowCallWaitingForAgents)
		case "allowCallsToAgentsInWrapUp":
			flagField(&bad, f, &r.AllowCallsToAgentsInWrapUp, want.AllowCallsToAgentsInWrapUp)
		case "overrideAgentWrapUpTime":
			flagField(&bad, f, &r.OverrideAgentWrapUpTime, want.OverrideAgentWrapUpTime)
		case "wrapUpSeconds":
			r.WrapUpSeconds = nillablePtr(want.WrapUpSeconds)
		case "forceDeliveryOfCalls":
			flagField(&bad, f, &r.ForceDeliveryOfCalls, want.ForceDeliveryOfCalls)
		case "forceDeliveryWaitTimeSeconds":
			r.ForceDeliveryWaitTimeSeconds = nillablePtr(want.ForceDeliveryWaitTimeSeconds)
		case "enableAutomaticStateChangeForAgents":
			flagField(&bad, f, &r.EnableAutomaticStateChangeForAgents, want.EnableAutomaticStateChangeForAgents)
		case "agentStateAfterCall":
			required(&bad, f, &r.AgentStateAfterCall, want.AgentStateAfterCall)
		case "agentUnavailableCode":
			r.AgentUnavailableCode = nillable(want.AgentUnavailableCode)
		case "externalPreferredAudioCodec":
			required(&bad, f, &r.ExternalPreferredAudioCodec, want.ExternalPreferredAudioCodec)
		case "internalPreferredAudioCodec":
			required(&bad, f, &r.InternalPreferredAudioCodec, want.InternalPreferredAudioCodec)
		case "playRingingWhenOfferingCall":
			flagField(&bad, f, &r.PlayRingingWhenOfferingCall, want.PlayRingingWhenOfferingCall)
		case "networkClassOfService":
			required(&bad, f, &r.NetworkClassOfService, want.NetworkClassOfService)
		default:
			if strings.HasPrefix(f, profilePrefix+"alias") {
				prof.SIPAliasList = Clear[ReplacementSIPAliasList]()
				if len(p.Aliases) > 0 {
					prof.SIPAliasList = Set(ReplacementSIPAliasList{SIPAliases: slices.Clone(p.Aliases)})
				}
				continue
			}
			bad = append(bad, FieldError{Field: f, Message: "is not a field of a call center"})
		}
	}
	if len(bad) > 0 {
		return nil, &ValidationError{Subject: modifySubject, Errors: bad}
	}
	if *prof != (ServiceInstanceModifyProfile{}) {
		r.ServiceInstanceProfile = prof
	}
	if *r == (GroupCallCenterModifyInstanceRequest22{ServiceUserID: r.ServiceUserID}) {
		return nil, invalid(modifySubject, "fields", "modify changes nothing")
	}
	return r, nil
}

const notClearable = "is unset in the wanted call center, and BroadWorks cannot clear it"

// required sets *dst to v, or reports that field cannot be cleared.
func required[S ~string](bad *[]FieldError, field string, dst *S, v S) {
	if v == "" {
		*bad = append(*bad, FieldError{Field: field, Message: notClearable})
		return
	}
	*dst = v
}

// flagField sets *dst to a copy of v, or reports that field cannot be
// cleared.
func flagField[T any](bad *[]FieldError, field string, dst **T, v *T) {
	if v == nil {
		*bad = append(*bad, FieldError{Field: field, Message: notClearable})
		return
	}
	cp := *v
	*dst = &cp
}

// nillable sets v, or clears the element when v is empty.
func nillable(v string) *Nillable[string] {
	if v == "" {
		return Clear[string]()
	}
	return Set(v)
}

func nillablePtr[T any](v *T) *Nillable[T] {
	if v == nil {
		return Clear[T]()
	}
	return Set(*v)
}
