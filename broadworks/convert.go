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
)

// NewModifyRequest builds a modify command that sends every field set on cc
// (the service user id names the call center; ServiceProviderID and GroupID
// are not part of a modify and are ignored) and clears the fields named in
// clear (the Clear* constants). No defaults are applied. The set fields are
// checked with [callcenter.CallCenter.Validate]; when cc.Type is set, the
// options it does not accept are refused. A modify that changes nothing is
// refused too.
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
		default:
			err = &callcenter.FieldError{Field: f, Message: "cannot be cleared (clearable: " + strings.Join(clearable, ", ") + ")"}
		}
		if err != nil {
			return nil, &callcenter.ValidationError{Errors: []callcenter.FieldError{*asFieldError(err)}}
		}
	}
	if *prof != (ServiceInstanceModifyProfile{}) {
		r.ServiceInstanceProfile = prof
	}
	if *r == (GroupCallCenterModifyInstanceRequest22{ServiceUserID: r.ServiceUserID}) {
		return nil, &callcenter.ValidationError{Errors: []callcenter.FieldError{{Field: "serviceUserId", Message: "modify sets nothing"}}}
	}
	return r, nil
}

var clearable = []string{ClearPhoneNumber, ClearExtension, ClearAliases, ClearPublicUserIdentity,
	ClearCallingLineIDPhoneNumber, ClearWrapUpSeconds, ClearForceDeliveryWaitTime, ClearAgentUnavailableCode}

func asFieldError(err error) *callcenter.FieldError {
	var fe *callcenter.FieldError
	if errors.As(err, &fe) {
		return fe
	}
	return &callcenter.FieldError{Field: "clear", Message: err.Error()}
}

func clearOnce[T any](cur *Nillable[T], field string) (*Nillable[T], error) {
	if cur != nil {
		return nil, &callcenter.FieldError{Field: field, Message: "is both set and cleared"}
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
	return &callcenter.ValidationError{Errors: keep}
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
	t := &r.CallCenterTable
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
