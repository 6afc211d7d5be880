package broadworks

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"log/slog"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Command is one OCI-P request, the content of a <command xsi:type="...">
// element. The request types of this package are Commands and encode
// themselves without reflection (see [AppendCommand]); other requests can be
// sent through [Client.Do] by defining a struct with xml tags, its fields in
// the element order of the OCI-P schema, and an OCIType method: those are
// encoded with encoding/xml, after their string fields are checked for
// what XML 1.0 cannot carry (refused, never replaced).
//
// A Command may also have a method Idempotent() bool. Commands without it are
// taken as not idempotent: they are never sent twice (see [ErrOutcomeUnknown]).
type Command interface {
	// OCIType returns the command's xsi:type, e.g. "GroupCallCenterDeleteInstanceRequest".
	OCIType() string
}

// Response is one OCI-P response: [*SuccessResponse], [*Error] (an
// ErrorResponse), a typed data response of this package, or [*RawResponse]
// for a response type this package does not know.
type Response interface {
	// OCIType returns the response's xsi:type without namespace prefix, e.g. "SuccessResponse".
	OCIType() string
}

type idempotenter interface{ Idempotent() bool }

func isIdempotent(c Command) bool {
	i, ok := c.(idempotenter)
	return ok && i.Idempotent()
}

// SuccessResponse is the empty answer to a request that carried out its work.
type SuccessResponse struct{}

// OCIType returns "SuccessResponse".
func (*SuccessResponse) OCIType() string { return "SuccessResponse" }

// RawResponse is a response whose type this package does not decode. XML
// holds the content of its command element (UTF-8).
type RawResponse struct {
	Type string
	XML  []byte
}

// OCIType returns the response's type.
func (r *RawResponse) OCIType() string { return r.Type }

// Password is a secret carried on the wire in clear text (a password in a
// profile or a login). It has no MarshalText method, so encoding/xml writes
// the real value; fmt (every verb), encoding/json and log/slog show
// [callcenter.Redacted] instead.
type Password string

func (p Password) shown() string {
	if p == "" {
		return ""
	}
	return callcenter.Redacted
}

// String returns [callcenter.Redacted] (or "" when empty).
func (p Password) String() string { return p.shown() }

// GoString returns the redacted form quoted, for %#v.
func (p Password) GoString() string { return fmt.Sprintf("%q", p.shown()) }

// Format prints the redacted form whatever the verb.
func (p Password) Format(f fmt.State, verb rune) {
	if verb == 'q' || (verb == 'v' && f.Flag('#')) {
		fmt.Fprintf(f, "%q", p.shown())
		return
	}
	fmt.Fprint(f, p.shown())
}

// MarshalJSON writes the redacted form.
func (p Password) MarshalJSON() ([]byte, error) { return json.Marshal(p.shown()) }

// LogValue makes log/slog print the redacted form.
func (p Password) LogValue() slog.Value { return slog.StringValue(p.shown()) }

// Nillable is an optional element of a modify request that can also be
// cleared: a nil *Nillable leaves the element out (no change), Nil sends
// xsi:nil="true" (clear the value), anything else sends Value.
type Nillable[T any] struct {
	Value T
	Nil   bool
}

// Set returns a Nillable that sets v.
func Set[T any](v T) *Nillable[T] { return &Nillable[T]{Value: v} }

// Clear returns a Nillable that clears the element.
func Clear[T any]() *Nillable[T] { return &Nillable[T]{Nil: true} }

// MarshalXML writes the value, or an empty element with xsi:nil="true".
// A cleared value of an abstract schema type (a [DepartmentKey]) keeps its
// xsi:type (xsi:type="GroupDepartmentKey" xsi:nil="true"): the schema does
// not allow an element of an abstract type without one, nil or not.
func (n Nillable[T]) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if n.Nil {
		if t, ok := any(n.Value).(xsiTyped); ok && t.xsiType() != "" {
			start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "xsi:type"}, Value: t.xsiType()})
		}
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "xsi:nil"}, Value: "true"})
		return e.EncodeElement("", start)
	}
	return e.EncodeElement(n.Value, start)
}

// cleared reports whether n clears its element, and the xsi:type the
// cleared element keeps ("" for none): all that is written of it then.
func (n Nillable[T]) cleared() (xsiType string, nilled bool) {
	if !n.Nil {
		return "", false
	}
	if t, ok := any(n.Value).(xsiTyped); ok {
		return t.xsiType(), true
	}
	return "", true
}

// MarshalJSON writes null when Nil, else the value.
func (n Nillable[T]) MarshalJSON() ([]byte, error) {
	if n.Nil {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
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

// GroupCallCenterAddInstanceRequest22 adds a call center to a group. Build it
// from a callcenter.CallCenter with [NewAddRequest]. Its fmt, JSON and slog
// forms redact the password; its XML carries it.
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

// OCIType returns "GroupCallCenterAddInstanceRequest22".
func (*GroupCallCenterAddInstanceRequest22) OCIType() string {
	return "GroupCallCenterAddInstanceRequest22"
}

// Idempotent returns false: an add is never sent twice.
func (*GroupCallCenterAddInstanceRequest22) Idempotent() bool { return false }

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

// DepartmentKey names a group or enterprise department: the abstract
// DepartmentKey of the schema, sent as a GroupDepartmentKey or an
// EnterpriseDepartmentKey (XSIType; GroupID is empty for an enterprise
// department). Build it with [GroupDepartmentKey] or
// [EnterpriseDepartmentKey].
type DepartmentKey struct {
	// XSIType is "GroupDepartmentKey" or "EnterpriseDepartmentKey". Read
	// answers leave it empty; the GroupID tells then.
	XSIType           string `xml:"xsi:type,attr,omitempty" json:"type,omitempty"`
	ServiceProviderID string `xml:"serviceProviderId" json:"serviceProviderId"`
	GroupID           string `xml:"groupId,omitempty" json:"groupId,omitempty"`
	Name              string `xml:"name" json:"name"`
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

// OCIType returns "GroupCallCenterGetInstanceResponse22".
func (*GroupCallCenterGetInstanceResponse22) OCIType() string {
	return "GroupCallCenterGetInstanceResponse22"
}

// ReplacementSIPAliasList replaces every alias of a service instance (1 to 3).
type ReplacementSIPAliasList struct {
	SIPAliases []string `xml:"sipAlias" json:"sipAlias"`
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

// GroupCallCenterModifyInstanceRequest22 changes the elements it carries and
// leaves the others as they are. Build it with [NewModifyRequest].
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

// OCIType returns "GroupCallCenterModifyInstanceRequest22".
func (*GroupCallCenterModifyInstanceRequest22) OCIType() string {
	return "GroupCallCenterModifyInstanceRequest22"
}

// Idempotent returns true: sending the same change twice has the effect of
// sending it once.
func (*GroupCallCenterModifyInstanceRequest22) Idempotent() bool { return true }

// GroupCallCenterDeleteInstanceRequest deletes a call center.
type GroupCallCenterDeleteInstanceRequest struct {
	ServiceUserID string `xml:"serviceUserId" json:"serviceUserId"`
}

// OCIType returns "GroupCallCenterDeleteInstanceRequest".
func (*GroupCallCenterDeleteInstanceRequest) OCIType() string {
	return "GroupCallCenterDeleteInstanceRequest"
}

// Idempotent returns false: a repeated delete would answer "User not found"
// for a delete that worked, so it is never sent twice.
func (*GroupCallCenterDeleteInstanceRequest) Idempotent() bool { return false }

// GroupCallCenterGetInstanceListRequest lists the call centers of a group.
// The answer is a [*GroupCallCenterGetInstanceListResponse].
type GroupCallCenterGetInstanceListRequest struct {
	ServiceProviderID   string `xml:"serviceProviderId" json:"serviceProviderId"`
	GroupID             string `xml:"groupId" json:"groupId"`
	GroupDepartmentName string `xml:"groupDepartmentName,omitempty" json:"groupDepartmentName,omitempty"`
}

// OCIType returns "GroupCallCenterGetInstanceListRequest".
func (*GroupCallCenterGetInstanceListRequest) OCIType() string {
	return "GroupCallCenterGetInstanceListRequest"
}

// Idempotent returns true.
func (*GroupCallCenterGetInstanceListRequest) Idempotent() bool { return true }

// GroupCallCenterGetInstanceListResponse holds the callCenterTable with
// columns "Service User Id", "Name", "Video", "Phone Number", "Extension",
// "Department", "Is Active", "Policy", "Type". [GroupCallCenterGetInstanceListResponse.Summaries]
// reads it by column heading.
type GroupCallCenterGetInstanceListResponse struct {
	CallCenterTable Table `xml:"callCenterTable" json:"callCenterTable"`
}

// OCIType returns "GroupCallCenterGetInstanceListResponse".
func (*GroupCallCenterGetInstanceListResponse) OCIType() string {
	return "GroupCallCenterGetInstanceListResponse"
}

// Table is an OCITable: column headings, then rows of columns. Look columns
// up by heading ([Table.Column]), never by position: servers may add or move
// columns.
type Table struct {
	Headings []string   `xml:"colHeading" json:"colHeading"`
	Rows     []TableRow `xml:"row" json:"row"`
}

// TableRow is one row of a [Table].
type TableRow struct {
	Cols []string `xml:"col" json:"col"`
}

// Column returns the index of the column headed heading, or -1.
func (t *Table) Column(heading string) int {
	for i, h := range t.Headings {
		if h == heading {
			return i
		}
	}
	return -1
}

// Value returns the cell of row under heading ("" when the column or the
// cell is missing).
func (t *Table) Value(row int, heading string) string {
	c := t.Column(heading)
	if c < 0 || row < 0 || row >= len(t.Rows) || c >= len(t.Rows[row].Cols) {
		return ""
	}
	return t.Rows[row].Cols[c]
}

// xsiTyped is a value of an abstract schema type, sent with its xsi:type.
type xsiTyped interface{ xsiType() string }

func (k DepartmentKey) xsiType() string { return k.XSIType }

// ClearDepartmentKey is the cleared department of a modify profile:
// xsi:nil, with the xsi:type the schema requires of the abstract
// DepartmentKey.
func ClearDepartmentKey() *Nillable[DepartmentKey] {
	return &Nillable[DepartmentKey]{Nil: true, Value: DepartmentKey{XSIType: "GroupDepartmentKey"}}
}

// GroupDepartmentKey returns the key of the department name of group
// groupID of service provider serviceProviderID.
func GroupDepartmentKey(serviceProviderID, groupID, name string) *DepartmentKey {
	return &DepartmentKey{XSIType: "GroupDepartmentKey", ServiceProviderID: serviceProviderID, GroupID: groupID, Name: name}
}

// EnterpriseDepartmentKey returns the key of the department name of the
// enterprise (service provider) serviceProviderID.
func EnterpriseDepartmentKey(serviceProviderID, name string) *DepartmentKey {
	return &DepartmentKey{XSIType: "EnterpriseDepartmentKey", ServiceProviderID: serviceProviderID, Name: name}
}

// ResponsePagingControl asks for the rows from ResponseStartIndex (1 for
// the first row) on, at most ResponsePageSize (1 to [MaxPageSize]) of them.
type ResponsePagingControl struct {
	ResponseStartIndex int `xml:"responseStartIndex" json:"responseStartIndex"`
	ResponsePageSize   int `xml:"responsePageSize" json:"responsePageSize"`
}

// GroupCallCenterGetInstancePagedSortedListRequest lists one page of the
// call centers of a group (R25), sorted by service user id. The answer is a
// [*GroupCallCenterGetInstancePagedSortedListResponse].
type GroupCallCenterGetInstancePagedSortedListRequest struct {
	ServiceProviderID     string                 `xml:"serviceProviderId" json:"serviceProviderId"`
	GroupID               string                 `xml:"groupId" json:"groupId"`
	ResponsePagingControl *ResponsePagingControl `xml:"responsePagingControl,omitempty" json:"responsePagingControl,omitempty"`
}

// OCIType returns "GroupCallCenterGetInstancePagedSortedListRequest".
func (*GroupCallCenterGetInstancePagedSortedListRequest) OCIType() string {
	return "GroupCallCenterGetInstancePagedSortedListRequest"
}

// Idempotent returns true.
func (*GroupCallCenterGetInstancePagedSortedListRequest) Idempotent() bool { return true }

// GroupCallCenterGetInstancePagedSortedListResponse holds one page of the
// callCenterTable, with the columns of
// [GroupCallCenterGetInstanceListResponse].
type GroupCallCenterGetInstancePagedSortedListResponse struct {
	CallCenterTable Table `xml:"callCenterTable" json:"callCenterTable"`
}

// OCIType returns "GroupCallCenterGetInstancePagedSortedListResponse".
func (*GroupCallCenterGetInstancePagedSortedListResponse) OCIType() string {
	return "GroupCallCenterGetInstancePagedSortedListResponse"
}

// ServiceActivation is the active status wanted for one call center.
type ServiceActivation struct {
	ServiceUserID string `xml:"serviceUserId" json:"serviceUserId"`
	IsActive      bool   `xml:"isActive" json:"isActive"`
}

// GroupCallCenterModifyActiveInstanceListRequest sets the active status of
// call centers (any number, of any group the login may administer).
type GroupCallCenterModifyActiveInstanceListRequest struct {
	ServiceActivations []ServiceActivation `xml:"serviceActivation,omitempty" json:"serviceActivation,omitempty"`
}

// OCIType returns "GroupCallCenterModifyActiveInstanceListRequest".
func (*GroupCallCenterModifyActiveInstanceListRequest) OCIType() string {
	return "GroupCallCenterModifyActiveInstanceListRequest"
}

// Idempotent returns true: setting a status twice has the effect of
// setting it once.
func (*GroupCallCenterModifyActiveInstanceListRequest) Idempotent() bool { return true }

// Login, authentication and logout commands: the client sends them itself.

type authenticationRequest struct {
	UserID string `xml:"userId"`
}

func (*authenticationRequest) OCIType() string  { return "AuthenticationRequest" }
func (*authenticationRequest) Idempotent() bool { return true }

type authenticationResponse struct {
	UserID            string `xml:"userId"`
	Nonce             string `xml:"nonce"`
	PasswordAlgorithm string `xml:"passwordAlgorithm"`
}

func (*authenticationResponse) OCIType() string { return "AuthenticationResponse" }

type loginRequest14sp4 struct {
	UserID         string   `xml:"userId"`
	SignedPassword Password `xml:"signedPassword"`
}

func (*loginRequest14sp4) OCIType() string  { return "LoginRequest14sp4" }
func (*loginRequest14sp4) Idempotent() bool { return true }

type loginRequest22V5 struct {
	UserID   string   `xml:"userId"`
	Password Password `xml:"password"`
}

func (*loginRequest22V5) OCIType() string  { return "LoginRequest22V5" }
func (*loginRequest22V5) Idempotent() bool { return true }

// loginResponse decodes LoginResponse14sp4 and LoginResponse22V5 alike.
type loginResponse struct {
	typ        string
	LoginType  string `xml:"loginType"`
	Locale     string `xml:"locale"`
	Encoding   string `xml:"encoding"`
	UserDomain string `xml:"userDomain"`
}

func (r *loginResponse) OCIType() string { return r.typ }

type logoutRequest struct {
	UserID string `xml:"userId"`
}

func (*logoutRequest) OCIType() string  { return "LogoutRequest" }
func (*logoutRequest) Idempotent() bool { return true }

// responseTypes maps the response types this package decodes to a
// constructor.
var responseTypes = map[string]func() Response{
	"GroupCallCenterGetInstanceResponse22":   func() Response { return new(GroupCallCenterGetInstanceResponse22) },
	"GroupCallCenterGetInstanceListResponse": func() Response { return new(GroupCallCenterGetInstanceListResponse) },
	"GroupCallCenterGetInstancePagedSortedListResponse": func() Response {
		return new(GroupCallCenterGetInstancePagedSortedListResponse)
	},
	"AuthenticationResponse": func() Response { return new(authenticationResponse) },
	"LoginResponse14sp4":     func() Response { return &loginResponse{typ: "LoginResponse14sp4"} },
	"LoginResponse22V5":      func() Response { return &loginResponse{typ: "LoginResponse22V5"} },
}
