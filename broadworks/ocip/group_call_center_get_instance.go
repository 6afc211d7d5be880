package ocip

import (
	"slices"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// GroupCallCenterGetInstanceRequest22 reads one call center. The answer is a
// [*GroupCallCenterGetInstanceResponse22].
type GroupCallCenterGetInstanceRequest22 struct {
	ServiceUserID string `xml:"serviceUserId" json:"serviceUserId"`
}

// OCIType returns "GroupCallCenterGetInstanceRequest22".
func (*GroupCallCenterGetInstanceRequest22) OCIType() string {
	return "GroupCallCenterGetInstanceRequest22"
}

// Idempotent returns true.
func (*GroupCallCenterGetInstanceRequest22) Idempotent() bool { return true }

func (c *GroupCallCenterGetInstanceRequest22) appendTo(dst []byte) []byte {
	return appendUserIDCommand(dst, "GroupCallCenterGetInstanceRequest22", "serviceUserId", c.ServiceUserID)
}

// GroupCallCenterGetInstanceResponse22 is the answer to
// [GroupCallCenterGetInstanceRequest22]. [GroupCallCenterGetInstanceResponse22.CallCenter]
// turns it into the model.
type GroupCallCenterGetInstanceResponse22 struct {
	ServiceInstanceProfile              ServiceInstanceReadProfile19sp1 `xml:"serviceInstanceProfile" json:"serviceInstanceProfile"`
	Type                                callcenter.Type                 `xml:"type" json:"type"`
	RoutingType                         callcenter.RoutingType          `xml:"routingType,omitempty" json:"routingType,omitempty"`
	Policy                              callcenter.Policy               `xml:"policy" json:"policy"`
	EnableVideo                         bool                            `xml:"enableVideo" json:"enableVideo"`
	QueueLength                         int                             `xml:"queueLength" json:"queueLength"`
	EnableReporting                     *bool                           `xml:"enableReporting,omitempty" json:"enableReporting,omitempty"`
	AllowCallerToDialEscapeDigit        bool                            `xml:"allowCallerToDialEscapeDigit" json:"allowCallerToDialEscapeDigit"`
	EscapeDigit                         string                          `xml:"escapeDigit" json:"escapeDigit"`
	ResetCallStatisticsUponEntryInQueue bool                            `xml:"resetCallStatisticsUponEntryInQueue" json:"resetCallStatisticsUponEntryInQueue"`
	AllowAgentLogoff                    bool                            `xml:"allowAgentLogoff" json:"allowAgentLogoff"`
	AllowCallWaitingForAgents           bool                            `xml:"allowCallWaitingForAgents" json:"allowCallWaitingForAgents"`
	AllowCallsToAgentsInWrapUp          *bool                           `xml:"allowCallsToAgentsInWrapUp,omitempty" json:"allowCallsToAgentsInWrapUp,omitempty"`
	OverrideAgentWrapUpTime             *bool                           `xml:"overrideAgentWrapUpTime,omitempty" json:"overrideAgentWrapUpTime,omitempty"`
	WrapUpSeconds                       *int                            `xml:"wrapUpSeconds,omitempty" json:"wrapUpSeconds,omitempty"`
	ForceDeliveryOfCalls                *bool                           `xml:"forceDeliveryOfCalls,omitempty" json:"forceDeliveryOfCalls,omitempty"`
	ForceDeliveryWaitTimeSeconds        *int                            `xml:"forceDeliveryWaitTimeSeconds,omitempty" json:"forceDeliveryWaitTimeSeconds,omitempty"`
	EnableAutomaticStateChangeForAgents *bool                           `xml:"enableAutomaticStateChangeForAgents,omitempty" json:"enableAutomaticStateChangeForAgents,omitempty"`
	AgentStateAfterCall                 callcenter.AgentState           `xml:"agentStateAfterCall,omitempty" json:"agentStateAfterCall,omitempty"`
	AgentUnavailableCode                string                          `xml:"agentUnavailableCode,omitempty" json:"agentUnavailableCode,omitempty"`
	ExternalPreferredAudioCodec         callcenter.AudioCodec           `xml:"externalPreferredAudioCodec" json:"externalPreferredAudioCodec"`
	InternalPreferredAudioCodec         callcenter.AudioCodec           `xml:"internalPreferredAudioCodec" json:"internalPreferredAudioCodec"`
	PlayRingingWhenOfferingCall         bool                            `xml:"playRingingWhenOfferingCall" json:"playRingingWhenOfferingCall"`
	CallCenterQueueThresholdsIsActive   *bool                           `xml:"callCenterQueueThresholdsIsActive,omitempty" json:"callCenterQueueThresholdsIsActive,omitempty"`
	NetworkClassOfService               string                          `xml:"networkClassOfService,omitempty" json:"networkClassOfService,omitempty"`
}

// ServiceInstanceReadProfile19sp1 is the profile of a call center as read
// back (it has no password).
type ServiceInstanceReadProfile19sp1 struct {
	Name                     string         `xml:"name" json:"name"`
	CallingLineIDLastName    string         `xml:"callingLineIdLastName" json:"callingLineIdLastName"`
	CallingLineIDFirstName   string         `xml:"callingLineIdFirstName" json:"callingLineIdFirstName"`
	HiraganaLastName         string         `xml:"hiraganaLastName,omitempty" json:"hiraganaLastName,omitempty"`
	HiraganaFirstName        string         `xml:"hiraganaFirstName,omitempty" json:"hiraganaFirstName,omitempty"`
	PhoneNumber              string         `xml:"phoneNumber,omitempty" json:"phoneNumber,omitempty"`
	Extension                string         `xml:"extension,omitempty" json:"extension,omitempty"`
	CountryCode              string         `xml:"countryCode,omitempty" json:"countryCode,omitempty"`
	NationalPrefix           string         `xml:"nationalPrefix,omitempty" json:"nationalPrefix,omitempty"`
	Department               *DepartmentKey `xml:"department,omitempty" json:"department,omitempty"`
	Language                 string         `xml:"language,omitempty" json:"language,omitempty"`
	TimeZone                 string         `xml:"timeZone,omitempty" json:"timeZone,omitempty"`
	TimeZoneDisplayName      string         `xml:"timeZoneDisplayName,omitempty" json:"timeZoneDisplayName,omitempty"`
	Aliases                  []string       `xml:"alias,omitempty" json:"alias,omitempty"`
	PublicUserIdentity       string         `xml:"publicUserIdentity,omitempty" json:"publicUserIdentity,omitempty"`
	CallingLineIDPhoneNumber string         `xml:"callingLineIdPhoneNumber,omitempty" json:"callingLineIdPhoneNumber,omitempty"`
}

// OCIType returns "GroupCallCenterGetInstanceResponse22".
func (*GroupCallCenterGetInstanceResponse22) OCIType() string {
	return "GroupCallCenterGetInstanceResponse22"
}

func init() {
	register(func() decodable { return new(GroupCallCenterGetInstanceResponse22) })
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

// getPointers holds the optional values of one get answer: one
// allocation for all of them.
type getPointers struct {
	b [6]bool
	i [2]int
}

func (r *GroupCallCenterGetInstanceResponse22) decode(d *decoder, name []byte, empty bool) bool {
	var p *getPointers
	optBool := func(name []byte, v **bool, slot int) bool {
		if *v == nil {
			if p == nil {
				p = new(getPointers)
			}
			*v = &p.b[slot]
		}
		return d.boolField(name, *v)
	}
	optInt := func(name []byte, v **int, slot int) bool {
		if *v == nil {
			if p == nil {
				p = new(getPointers)
			}
			*v = &p.i[slot]
		}
		return d.intField(name, *v)
	}
	return d.children(name, empty, func(n []byte) bool {
		switch string(localPart(n)) {
		case "serviceInstanceProfile":
			return d.struct_(n, r.ServiceInstanceProfile.decodeChild(d))
		case "type":
			return d.textField(n, &r.Type)
		case "routingType":
			return d.textField(n, &r.RoutingType)
		case "policy":
			return d.textField(n, &r.Policy)
		case "enableVideo":
			return d.boolField(n, &r.EnableVideo)
		case "queueLength":
			return d.intField(n, &r.QueueLength)
		case "enableReporting":
			return optBool(n, &r.EnableReporting, 0)
		case "allowCallerToDialEscapeDigit":
			return d.boolField(n, &r.AllowCallerToDialEscapeDigit)
		case "escapeDigit":
			return d.stringField(n, &r.EscapeDigit)
		case "resetCallStatisticsUponEntryInQueue":
			return d.boolField(n, &r.ResetCallStatisticsUponEntryInQueue)
		case "allowAgentLogoff":
			return d.boolField(n, &r.AllowAgentLogoff)
		case "allowCallWaitingForAgents":
			return d.boolField(n, &r.AllowCallWaitingForAgents)
		case "allowCallsToAgentsInWrapUp":
			return optBool(n, &r.AllowCallsToAgentsInWrapUp, 1)
		case "overrideAgentWrapUpTime":
			return optBool(n, &r.OverrideAgentWrapUpTime, 2)
		case "wrapUpSeconds":
			return optInt(n, &r.WrapUpSeconds, 0)
		case "forceDeliveryOfCalls":
			return optBool(n, &r.ForceDeliveryOfCalls, 3)
		case "forceDeliveryWaitTimeSeconds":
			return optInt(n, &r.ForceDeliveryWaitTimeSeconds, 1)
		case "enableAutomaticStateChangeForAgents":
			return optBool(n, &r.EnableAutomaticStateChangeForAgents, 4)
		case "agentStateAfterCall":
			return d.textField(n, &r.AgentStateAfterCall)
		case "agentUnavailableCode":
			return d.stringField(n, &r.AgentUnavailableCode)
		case "externalPreferredAudioCodec":
			return d.textField(n, &r.ExternalPreferredAudioCodec)
		case "internalPreferredAudioCodec":
			return d.textField(n, &r.InternalPreferredAudioCodec)
		case "playRingingWhenOfferingCall":
			return d.boolField(n, &r.PlayRingingWhenOfferingCall)
		case "callCenterQueueThresholdsIsActive":
			return optBool(n, &r.CallCenterQueueThresholdsIsActive, 5)
		case "networkClassOfService":
			return d.stringField(n, &r.NetworkClassOfService)
		}
		return d.skip(n)
	})
}

// decodeChild returns the reader of the children of a read profile.
func (p *ServiceInstanceReadProfile19sp1) decodeChild(d *decoder) func(n []byte) bool {
	return func(n []byte) bool {
		switch string(localPart(n)) {
		case "name":
			return d.stringField(n, &p.Name)
		case "callingLineIdLastName":
			return d.stringField(n, &p.CallingLineIDLastName)
		case "callingLineIdFirstName":
			return d.stringField(n, &p.CallingLineIDFirstName)
		case "hiraganaLastName":
			return d.stringField(n, &p.HiraganaLastName)
		case "hiraganaFirstName":
			return d.stringField(n, &p.HiraganaFirstName)
		case "phoneNumber":
			return d.stringField(n, &p.PhoneNumber)
		case "extension":
			return d.stringField(n, &p.Extension)
		case "countryCode":
			return d.stringField(n, &p.CountryCode)
		case "nationalPrefix":
			return d.stringField(n, &p.NationalPrefix)
		case "department":
			return d.decodeDepartment(n, &p.Department)
		case "language":
			return d.stringField(n, &p.Language)
		case "timeZone":
			return d.stringField(n, &p.TimeZone)
		case "timeZoneDisplayName":
			return d.stringField(n, &p.TimeZoneDisplayName)
		case "alias":
			return d.appendString(n, &p.Aliases)
		case "publicUserIdentity":
			return d.stringField(n, &p.PublicUserIdentity)
		case "callingLineIdPhoneNumber":
			return d.stringField(n, &p.CallingLineIDPhoneNumber)
		}
		return d.skip(n)
	}
}
