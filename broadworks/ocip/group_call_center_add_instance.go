package ocip

import (
	"fmt"
	"slices"

	"github.com/ccsdk/callcenter-go/broadworks/internal/unchecked"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// GroupCallCenterAddInstanceRequest22 adds a call center to a group; the
// answer is a [*SuccessResponse]. Build it from a callcenter.CallCenter
// with [NewAddRequest]. Its fmt, JSON and slog forms redact the password;
// its XML carries it.
type GroupCallCenterAddInstanceRequest22 struct {
	ServiceProviderID                   string                              `xml:"serviceProviderId" json:"serviceProviderId"`
	GroupID                             string                              `xml:"groupId" json:"groupId"`
	ServiceUserID                       string                              `xml:"serviceUserId" json:"serviceUserId"`
	ServiceInstanceProfile              ServiceInstanceAddProfileCallCenter `xml:"serviceInstanceProfile" json:"serviceInstanceProfile"`
	Type                                callcenter.Type                     `xml:"type" json:"type"`
	RoutingType                         callcenter.RoutingType              `xml:"routingType,omitempty" json:"routingType,omitempty"`
	Policy                              callcenter.Policy                   `xml:"policy" json:"policy"`
	EnableVideo                         bool                                `xml:"enableVideo" json:"enableVideo"`
	QueueLength                         int                                 `xml:"queueLength" json:"queueLength"`
	EnableReporting                     *bool                               `xml:"enableReporting,omitempty" json:"enableReporting,omitempty"`
	AllowCallerToDialEscapeDigit        bool                                `xml:"allowCallerToDialEscapeDigit" json:"allowCallerToDialEscapeDigit"`
	EscapeDigit                         string                              `xml:"escapeDigit" json:"escapeDigit"`
	ResetCallStatisticsUponEntryInQueue bool                                `xml:"resetCallStatisticsUponEntryInQueue" json:"resetCallStatisticsUponEntryInQueue"`
	AllowAgentLogoff                    bool                                `xml:"allowAgentLogoff" json:"allowAgentLogoff"`
	AllowCallWaitingForAgents           bool                                `xml:"allowCallWaitingForAgents" json:"allowCallWaitingForAgents"`
	AllowCallsToAgentsInWrapUp          *bool                               `xml:"allowCallsToAgentsInWrapUp,omitempty" json:"allowCallsToAgentsInWrapUp,omitempty"`
	OverrideAgentWrapUpTime             *bool                               `xml:"overrideAgentWrapUpTime,omitempty" json:"overrideAgentWrapUpTime,omitempty"`
	WrapUpSeconds                       *int                                `xml:"wrapUpSeconds,omitempty" json:"wrapUpSeconds,omitempty"`
	ForceDeliveryOfCalls                *bool                               `xml:"forceDeliveryOfCalls,omitempty" json:"forceDeliveryOfCalls,omitempty"`
	ForceDeliveryWaitTimeSeconds        *int                                `xml:"forceDeliveryWaitTimeSeconds,omitempty" json:"forceDeliveryWaitTimeSeconds,omitempty"`
	EnableAutomaticStateChangeForAgents *bool                               `xml:"enableAutomaticStateChangeForAgents,omitempty" json:"enableAutomaticStateChangeForAgents,omitempty"`
	AgentStateAfterCall                 callcenter.AgentState               `xml:"agentStateAfterCall,omitempty" json:"agentStateAfterCall,omitempty"`
	AgentUnavailableCode                string                              `xml:"agentUnavailableCode,omitempty" json:"agentUnavailableCode,omitempty"`
	ExternalPreferredAudioCodec         callcenter.AudioCodec               `xml:"externalPreferredAudioCodec" json:"externalPreferredAudioCodec"`
	InternalPreferredAudioCodec         callcenter.AudioCodec               `xml:"internalPreferredAudioCodec" json:"internalPreferredAudioCodec"`
	PlayRingingWhenOfferingCall         bool                                `xml:"playRingingWhenOfferingCall" json:"playRingingWhenOfferingCall"`
	NetworkClassOfService               string                              `xml:"networkClassOfService,omitempty" json:"networkClassOfService,omitempty"`
}

// ServiceInstanceAddProfileCallCenter is the profile of a call center being
// added, in schema order.
type ServiceInstanceAddProfileCallCenter struct {
	Name                     string         `xml:"name" json:"name"`
	CallingLineIDLastName    string         `xml:"callingLineIdLastName" json:"callingLineIdLastName"`
	CallingLineIDFirstName   string         `xml:"callingLineIdFirstName" json:"callingLineIdFirstName"`
	HiraganaLastName         string         `xml:"hiraganaLastName,omitempty" json:"hiraganaLastName,omitempty"`
	HiraganaFirstName        string         `xml:"hiraganaFirstName,omitempty" json:"hiraganaFirstName,omitempty"`
	PhoneNumber              string         `xml:"phoneNumber,omitempty" json:"phoneNumber,omitempty"`
	Extension                string         `xml:"extension,omitempty" json:"extension,omitempty"`
	Password                 Password       `xml:"password" json:"password"`
	Department               *DepartmentKey `xml:"department,omitempty" json:"department,omitempty"`
	Language                 string         `xml:"language,omitempty" json:"language,omitempty"`
	TimeZone                 string         `xml:"timeZone,omitempty" json:"timeZone,omitempty"`
	Aliases                  []string       `xml:"alias,omitempty" json:"alias,omitempty"`
	PublicUserIdentity       string         `xml:"publicUserIdentity,omitempty" json:"publicUserIdentity,omitempty"`
	CallingLineIDPhoneNumber string         `xml:"callingLineIdPhoneNumber,omitempty" json:"callingLineIdPhoneNumber,omitempty"`
}

// OCIType returns "GroupCallCenterAddInstanceRequest22".
func (*GroupCallCenterAddInstanceRequest22) OCIType() string {
	return "GroupCallCenterAddInstanceRequest22"
}

// Idempotent returns false: an add is never sent twice.
func (*GroupCallCenterAddInstanceRequest22) Idempotent() bool { return false }

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

func init() {
	unchecked.AddRequest = func(cc callcenter.CallCenter) any {
		cc.ApplyDefaults() // a no-op after bulk's; keeps the mapping total
		return addRequest(cc)
	}
}

// addRequest maps a defaulted call center onto the add command.
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
			Department:               departmentKey(&cc),
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

// addWireSize is the markup of a full add request, with room to spare.
const addWireSize = 1800

func (c *GroupCallCenterAddInstanceRequest22) appendTo(dst []byte) []byte {
	p := &c.ServiceInstanceProfile
	n := addWireSize + escapedLen(c.ServiceProviderID, c.GroupID, c.ServiceUserID,
		p.Name, p.CallingLineIDLastName, p.CallingLineIDFirstName, p.HiraganaLastName, p.HiraganaFirstName,
		p.PhoneNumber, p.Extension, string(p.Password), p.Language, p.TimeZone, p.PublicUserIdentity,
		p.CallingLineIDPhoneNumber, string(c.Type), string(c.RoutingType), string(c.Policy), c.EscapeDigit,
		string(c.AgentStateAfterCall), c.AgentUnavailableCode, string(c.ExternalPreferredAudioCodec),
		string(c.InternalPreferredAudioCodec), c.NetworkClassOfService)
	for _, a := range p.Aliases {
		n += 16 + len(a) + len(a)/4
	}
	n += departmentLen(p.Department)
	dst = slicesGrow(dst, n)
	dst = appendCommandStart(dst, "GroupCallCenterAddInstanceRequest22")
	dst = appendElem(dst, "serviceProviderId", c.ServiceProviderID)
	dst = appendElem(dst, "groupId", c.GroupID)
	dst = appendElem(dst, "serviceUserId", c.ServiceUserID)
	dst = append(dst, "<serviceInstanceProfile>"...)
	dst = appendElem(dst, "name", p.Name)
	dst = appendElem(dst, "callingLineIdLastName", p.CallingLineIDLastName)
	dst = appendElem(dst, "callingLineIdFirstName", p.CallingLineIDFirstName)
	dst = appendOptElem(dst, "hiraganaLastName", p.HiraganaLastName)
	dst = appendOptElem(dst, "hiraganaFirstName", p.HiraganaFirstName)
	dst = appendOptElem(dst, "phoneNumber", p.PhoneNumber)
	dst = appendOptElem(dst, "extension", p.Extension)
	dst = appendElem(dst, "password", string(p.Password))
	if p.Department != nil {
		dst = appendDepartment(dst, p.Department)
	}
	dst = appendOptElem(dst, "language", p.Language)
	dst = appendOptElem(dst, "timeZone", p.TimeZone)
	for _, a := range p.Aliases {
		// omitempty applies to each element of the slice.
		dst = appendOptElem(dst, "alias", a)
	}
	dst = appendOptElem(dst, "publicUserIdentity", p.PublicUserIdentity)
	dst = appendOptElem(dst, "callingLineIdPhoneNumber", p.CallingLineIDPhoneNumber)
	dst = append(dst, "</serviceInstanceProfile>"...)
	dst = appendElem(dst, "type", string(c.Type))
	dst = appendOptElem(dst, "routingType", string(c.RoutingType))
	dst = appendElem(dst, "policy", string(c.Policy))
	dst = appendBoolElem(dst, "enableVideo", c.EnableVideo)
	dst = appendIntElem(dst, "queueLength", c.QueueLength)
	dst = appendOptBool(dst, "enableReporting", c.EnableReporting)
	dst = appendBoolElem(dst, "allowCallerToDialEscapeDigit", c.AllowCallerToDialEscapeDigit)
	dst = appendElem(dst, "escapeDigit", c.EscapeDigit)
	dst = appendBoolElem(dst, "resetCallStatisticsUponEntryInQueue", c.ResetCallStatisticsUponEntryInQueue)
	dst = appendBoolElem(dst, "allowAgentLogoff", c.AllowAgentLogoff)
	dst = appendBoolElem(dst, "allowCallWaitingForAgents", c.AllowCallWaitingForAgents)
	dst = appendOptBool(dst, "allowCallsToAgentsInWrapUp", c.AllowCallsToAgentsInWrapUp)
	dst = appendOptBool(dst, "overrideAgentWrapUpTime", c.OverrideAgentWrapUpTime)
	dst = appendOptInt(dst, "wrapUpSeconds", c.WrapUpSeconds)
	dst = appendOptBool(dst, "forceDeliveryOfCalls", c.ForceDeliveryOfCalls)
	dst = appendOptInt(dst, "forceDeliveryWaitTimeSeconds", c.ForceDeliveryWaitTimeSeconds)
	dst = appendOptBool(dst, "enableAutomaticStateChangeForAgents", c.EnableAutomaticStateChangeForAgents)
	dst = appendOptElem(dst, "agentStateAfterCall", string(c.AgentStateAfterCall))
	dst = appendOptElem(dst, "agentUnavailableCode", c.AgentUnavailableCode)
	dst = appendElem(dst, "externalPreferredAudioCodec", string(c.ExternalPreferredAudioCodec))
	dst = appendElem(dst, "internalPreferredAudioCodec", string(c.InternalPreferredAudioCodec))
	dst = appendBoolElem(dst, "playRingingWhenOfferingCall", c.PlayRingingWhenOfferingCall)
	dst = appendOptElem(dst, "networkClassOfService", c.NetworkClassOfService)
	return appendCommandEnd(dst)
}

func (c *GroupCallCenterAddInstanceRequest22) secrets() []string {
	return []string{string(c.ServiceInstanceProfile.Password)}
}

// Format prints the request with the password redacted, whatever the verb.
func (c GroupCallCenterAddInstanceRequest22) Format(f fmt.State, verb rune) {
	type plain GroupCallCenterAddInstanceRequest22
	c.ServiceInstanceProfile.Password = redacted(c.ServiceInstanceProfile.Password)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(c))
}

// Format prints the profile with the password redacted, whatever the verb.
func (p ServiceInstanceAddProfileCallCenter) Format(f fmt.State, verb rune) {
	type plain ServiceInstanceAddProfileCallCenter
	p.Password = redacted(p.Password)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(p))
}
