package apio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// segment escapes one path segment with url.PathEscape (a service user id
// keeps its @, as in reference 001), refusing values that cannot be one.
func segment(field, v string) (string, *FieldError) {
	switch {
	case v == "":
		return "", &FieldError{Field: field, Message: "is required"}
	case v == "." || v == "..":
		return "", &FieldError{Field: field, Message: fmt.Sprintf("%q cannot be a path segment", v)}
	case strings.ContainsFunc(v, unicode.IsControl):
		return "", &FieldError{Field: field, Message: "must not contain control characters"}
	}
	return url.PathEscape(v), nil
}

// groupPath returns api/v1/tenants/{tenant}/groups/{group}/services/call_centers/
// (with APIO's trailing slash), or a *ValidationError of subject.
func groupPath(subject, tenantID, groupID string) (string, error) {
	return pathOf(subject, tenantID, groupID, nil)
}

// instancePath returns groupPath + {serviceUserId}/.
func instancePath(subject, tenantID, groupID, serviceUserID string) (string, error) {
	return pathOf(subject, tenantID, groupID, &serviceUserID)
}

func pathOf(subject, tenantID, groupID string, serviceUserID *string) (string, error) {
	var errs []FieldError
	seg := func(field, v string) string {
		s, fe := segment(field, v)
		if fe != nil {
			errs = append(errs, *fe)
		}
		return s
	}
	p := "api/v1/tenants/" + seg("serviceProviderId", tenantID) + "/groups/" + seg("groupId", groupID) + "/services/call_centers/"
	if serviceUserID != nil {
		p += seg("serviceUserId", *serviceUserID) + "/"
	}
	if err := invalid(subject, errs...); err != nil {
		return "", err
	}
	return p, nil
}

// decodeError reads APIO's error bodies: {"error": "message"}, or
// {"errors": [{"message": ...}, ...]} as some APIO versions send for
// validation errors (APIO's web UI reads both).
func decodeError(_ int, body []byte) (code, message string) {
	var e struct {
		Error  json.RawMessage   `json:"error"`
		Errors []json.RawMessage `json:"errors"`
	}
	if json.Unmarshal(body, &e) != nil {
		return "", ""
	}
	text := func(raw json.RawMessage) string {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		var o struct {
			Message string `json:"message"`
			Field   string `json:"field"`
		}
		if json.Unmarshal(raw, &o) == nil && o.Message != "" {
			if o.Field != "" {
				return o.Field + ": " + o.Message
			}
			return o.Message
		}
		return ""
	}
	if len(e.Error) > 0 {
		if s := text(e.Error); s != "" {
			return "", s
		}
	}
	var msgs []string
	for _, raw := range e.Errors {
		if s := text(raw); s != "" {
			msgs = append(msgs, s)
		}
	}
	return "", strings.Join(msgs, "; ")
}

// decodeInstance reads a call center from an answer: {"callCenterInstance":
// {...}} as GET returns it, or the instance itself ("similar to GET" says
// reference 001 of the create and update answers). It returns nil for an
// answer that holds no instance.
func decodeInstance(body []byte, tenantID, groupID string) (*CallCenterInstance, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	var env struct {
		Instance *CallCenterInstance `json:"callCenterInstance"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, err
	}
	in := env.Instance
	if in == nil {
		in = new(CallCenterInstance)
		if err := json.Unmarshal(body, in); err != nil {
			return nil, err
		}
		if in.ServiceUserID == "" {
			return nil, nil
		}
	}
	in.TenantID, in.GroupID = tenantID, groupID
	return in, nil
}

// write sends a create (POST) or an update (PUT) of cc with body to path
// and returns APIO's answer: its text and the call center it holds (nil
// for none). A 2xx whose body cannot be read is an error matching
// [ErrOutcomeUnknown].
func (c *Client) write(ctx context.Context, method, path string, cc *callcenter.CallCenter, body any) ([]byte, *CallCenterInstance, error) {
	var raw []byte
	if _, err := c.tc.Do(ctx, &transport.Request{Method: method, Path: path, JSON: body, Secrets: secrets(cc)}, &raw); err != nil {
		return nil, nil, err
	}
	in, err := c.decodeAnswer(raw, method, path, cc.ServiceProviderID, cc.GroupID)
	return raw, in, err
}

// decodeAnswer decodes the answer to a create or update (method, path). A
// body that cannot be read is an error matching [ErrOutcomeUnknown]: APIO
// answered 2xx, so it most likely acted, but what it made cannot be told.
func (c *Client) decodeAnswer(body []byte, method, path, tenantID, groupID string) (*CallCenterInstance, error) {
	in, err := decodeInstance(body, tenantID, groupID)
	if err != nil {
		return nil, &outcomeError{call: method + " " + c.tc.Path(path), err: errors.New(c.tc.Redactor().Redact(err.Error()))}
	}
	return in, nil
}

// CreateCallCenter creates a call center:
// POST /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/.
// The request is validated first (see [CreateCallCenterRequest.Validate];
// call CallCenter.ApplyDefaults before for the bulk sheet's defaults). It
// returns the call center APIO answers with, or nil if its answer holds
// none. An error after which the call center may exist matches
// [ErrOutcomeUnknown] (a lost answer, a 5xx, or a 2xx whose body cannot be
// read); the create is never retried then. A call center that exists
// already gives an error matching [ErrAlreadyExists].
func (c *Client) CreateCallCenter(ctx context.Context, req *CreateCallCenterRequest) (*CallCenterInstance, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	_, in, err := c.create(ctx, req)
	return in, err
}

// create sends a create request and returns APIO's answer (see
// [Client.write]).
func (c *Client) create(ctx context.Context, req *CreateCallCenterRequest) ([]byte, *CallCenterInstance, error) {
	cc := &req.CallCenter
	path, err := groupPath(subjectCreate, cc.ServiceProviderID, cc.GroupID)
	if err != nil {
		return nil, nil, err
	}
	return c.write(ctx, http.MethodPost, path, cc, req.body(true))
}

// GetCallCenter reads a call center:
// GET /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/{serviceUserId}/.
// A call center that does not exist gives an error matching [ErrNotFound].
func (c *Client) GetCallCenter(ctx context.Context, tenantID, groupID, serviceUserID string) (*CallCenterInstance, error) {
	path, err := instancePath(subjectCall, tenantID, groupID, serviceUserID)
	if err != nil {
		return nil, err
	}
	var body []byte
	if _, err := c.tc.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, &body); err != nil {
		return nil, err
	}
	in, err := decodeInstance(body, tenantID, groupID)
	switch {
	case err != nil:
		return nil, fmt.Errorf("apio: GET %s: decoding call center: %s", c.tc.Path(path), c.tc.Redactor().Redact(err.Error()))
	case in == nil:
		return nil, fmt.Errorf("apio: GET %s: the answer holds no call center", c.tc.Path(path))
	}
	return in, nil
}

// ListCallCenters yields the call centers of a group, with their
// department and active status:
// GET /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/.
// APIO answers with the whole list at once (it does not page): the request
// is sent when the loop starts, and an error is yielded once, last, with a
// zero summary. A list longer than 100,000 call centers (the listing cap of
// every REST client of the module) ends with an error after that many.
func (c *Client) ListCallCenters(ctx context.Context, tenantID, groupID string) iter.Seq2[CallCenterSummary, error] {
	return rest.Lister[CallCenterSummary]{
		Name: "apio: ListCallCenters",
		Fetch: func(string) (rest.Page[CallCenterSummary], error) {
			list, err := c.listCallCenters(ctx, tenantID, groupID)
			return rest.Page[CallCenterSummary]{Items: list}, err
		},
	}.Seq("")
}

// listCallCenters reads the list of a group.
func (c *Client) listCallCenters(ctx context.Context, tenantID, groupID string) ([]CallCenterSummary, error) {
	path, err := groupPath(subjectCall, tenantID, groupID)
	if err != nil {
		return nil, err
	}
	var out struct {
		CallCenters []CallCenterSummary `json:"call_centers"`
	}
	if _, err := c.tc.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, &out); err != nil {
		return nil, err
	}
	return out.CallCenters, nil
}

// UpdateCallCenter changes the fields of a call center that req sets, and
// clears those req.Clear names:
// PUT /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/{serviceUserId}/.
// It returns the call center APIO answers with, or nil if its answer holds
// none. APIO checks the values; the client checks that the call center is
// named, the department and the fields to clear (see
// [UpdateCallCenterRequest.Validate]). A 2xx whose body cannot be read
// gives an error matching [ErrOutcomeUnknown] (the update was most likely
// carried out).
func (c *Client) UpdateCallCenter(ctx context.Context, req *UpdateCallCenterRequest) (*CallCenterInstance, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	_, in, err := c.update(ctx, req)
	return in, err
}

// update sends an update request and returns APIO's answer (see
// [Client.write]).
func (c *Client) update(ctx context.Context, req *UpdateCallCenterRequest) ([]byte, *CallCenterInstance, error) {
	cc := &req.CallCenter
	path, err := instancePath(subjectUpdate, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
	if err != nil {
		return nil, nil, err
	}
	return c.write(ctx, http.MethodPut, path, cc, req.body(true))
}

// DeleteCallCenter deletes a call center:
// DELETE /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/{serviceUserId}/.
// A call center that does not exist gives an error matching [ErrNotFound].
func (c *Client) DeleteCallCenter(ctx context.Context, tenantID, groupID, serviceUserID string) error {
	_, err := c.delete(ctx, tenantID, groupID, serviceUserID)
	return err
}

// delete deletes a call center and returns APIO's answer.
func (c *Client) delete(ctx context.Context, tenantID, groupID, serviceUserID string) ([]byte, error) {
	path, err := instancePath(subjectCall, tenantID, groupID, serviceUserID)
	if err != nil {
		return nil, err
	}
	var body []byte
	_, err = c.tc.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path}, &body)
	return body, err
}

// SetActive makes the named call centers of a group active (or inactive) in
// one request. See [Client.SetActiveStatus].
func (c *Client) SetActive(ctx context.Context, tenantID, groupID string, active bool, serviceUserIDs ...string) error {
	statuses := make([]ActiveStatus, len(serviceUserIDs))
	for i, id := range serviceUserIDs {
		statuses[i] = ActiveStatus{ServiceUserID: id, Active: active}
	}
	return c.SetActiveStatus(ctx, tenantID, groupID, statuses)
}

// SetActiveStatus sets the active state of one or more call centers of a
// group in one request:
// PUT /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/active_instance/
// with {"services": [{"serviceUserId", "active"}, ...]}. (The example
// request of reference 001 repeats call_centers/ in the path; its heading,
// followed here, does not.) [Client.ListCallCenters] shows the state.
func (c *Client) SetActiveStatus(ctx context.Context, tenantID, groupID string, statuses []ActiveStatus) error {
	var errs []FieldError
	path, err := groupPath(subjectActive, tenantID, groupID)
	if err != nil {
		errs, _ = asFieldErrors(err)
	}
	if len(statuses) == 0 {
		errs = append(errs, FieldError{Field: "services", Message: "needs at least one call center"})
	}
	for i, s := range statuses {
		if s.ServiceUserID == "" || strings.ContainsFunc(s.ServiceUserID, unicode.IsControl) {
			errs = append(errs, FieldError{Field: fmt.Sprintf("services[%d].serviceUserId", i), Message: "is required, without control characters"})
		}
	}
	if err := invalid(subjectActive, errs...); err != nil {
		return err
	}
	body := struct {
		Services []ActiveStatus `json:"services"`
	}{statuses}
	_, err = c.tc.Do(ctx, &transport.Request{Method: http.MethodPut, Path: path + "active_instance/", JSON: body}, nil)
	return err
}

// secrets lists the call center's password for the transport to scrub from
// an error answer, in case the server quotes it back ("invalid password:
// ..."). It is not registered with the client's Redactor: a bulk run would
// register millions.
func secrets(cc *callcenter.CallCenter) []string {
	if cc.Profile.Password == "" {
		return nil
	}
	return []string{string(cc.Profile.Password)}
}

// Department is a department key as APIO writes it: tenantId, groupId and
// departmentName for a group department; GroupID is empty for an
// enterprise (tenant) department. Requests build it from the model's
// [callcenter.Profile.Department] (see [CreateCallCenterRequest]); set one
// yourself only for a department key outside the call center's own tenant
// and group.
type Department struct {
	TenantID string `json:"tenantId,omitempty"`
	GroupID  string `json:"groupId,omitempty"`
	Name     string `json:"departmentName"`
	// FullPathName is the department's path, such as
	// "parent \ child". Only list answers carry it; leave it empty in
	// requests.
	FullPathName string `json:"fullPathName,omitempty"`
}

// Settings are the call-center options under the names APIO gives them,
// which are also the column names of the bulk sheet. A nil pointer or an
// empty string is unset and is not sent.
type Settings struct {
	RoutingType                         callcenter.RoutingType `json:"routingType,omitempty"`
	EnableVideo                         *bool                  `json:"enableVideo,omitempty"`
	QueueLength                         *int                   `json:"queueLength,omitempty"`
	EnableReporting                     *bool                  `json:"enableReporting,omitempty"`
	AllowCallerToDialEscapeDigit        *bool                  `json:"allowCallerToDialEscapeDigit,omitempty"`
	EscapeDigit                         string                 `json:"escapeDigit,omitempty"`
	ResetCallStatisticsUponEntryInQueue *bool                  `json:"resetCallStatisticsUponEntryInQueue,omitempty"`
	AllowAgentLogoff                    *bool                  `json:"allowAgentLogoff,omitempty"`
	AllowCallWaitingForAgents           *bool                  `json:"allowCallWaitingForAgents,omitempty"`
	AllowCallsToAgentsInWrapUp          *bool                  `json:"allowCallsToAgentsInWrapUp,omitempty"`
	OverrideAgentWrapUpTime             *bool                  `json:"overrideAgentWrapUpTime,omitempty"`
	WrapUpSeconds                       *int                   `json:"wrapUpSeconds,omitempty"`
	ForceDeliveryOfCalls                *bool                  `json:"forceDeliveryOfCalls,omitempty"`
	ForceDeliveryWaitTimeSeconds        *int                   `json:"forceDeliveryWaitTimeSeconds,omitempty"`
	EnableAutomaticStateChangeForAgents *bool                  `json:"enableAutomaticStateChangeForAgents,omitempty"`
	AgentStateAfterCall                 callcenter.AgentState  `json:"agentStateAfterCall,omitempty"`
	AgentUnavailableCode                string                 `json:"agentUnavailableCode,omitempty"`
	ExternalPreferredAudioCodec         callcenter.AudioCodec  `json:"externalPreferredAudioCodec,omitempty"`
	InternalPreferredAudioCodec         callcenter.AudioCodec  `json:"internalPreferredAudioCodec,omitempty"`
	PlayRingingWhenOfferingCall         *bool                  `json:"playRingingWhenOfferingCall,omitempty"`
	NetworkClassOfService               string                 `json:"networkClassOfService,omitempty"`
}

// settingsOf copies the options of cc.
func settingsOf(cc *callcenter.CallCenter) Settings {
	return Settings{
		RoutingType:                         cc.RoutingType,
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
		WrapUpSeconds:                       cc.WrapUpSeconds,
		ForceDeliveryOfCalls:                cc.ForceDeliveryOfCalls,
		ForceDeliveryWaitTimeSeconds:        cc.ForceDeliveryWaitTimeSeconds,
		EnableAutomaticStateChangeForAgents: cc.EnableAutomaticStateChangeForAgents,
		AgentStateAfterCall:                 cc.AgentStateAfterCall,
		AgentUnavailableCode:                cc.AgentUnavailableCode,
		ExternalPreferredAudioCodec:         cc.ExternalPreferredAudioCodec,
		InternalPreferredAudioCodec:         cc.InternalPreferredAudioCodec,
		PlayRingingWhenOfferingCall:         cc.PlayRingingWhenOfferingCall,
		NetworkClassOfService:               cc.NetworkClassOfService,
	}
}

// cells returns the options as bulk-sheet cells (column, text; "" when
// unset), so that callcenter.CallCenter.Set and Type.Allows, the model's one
// table, parse them and decide which the type accepts.
func (s *Settings) cells() [][2]string {
	b := func(p *bool) string {
		if p == nil {
			return ""
		}
		return strconv.FormatBool(*p)
	}
	n := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	return [][2]string{
		{"routingType", string(s.RoutingType)},
		{"enableVideo", b(s.EnableVideo)},
		{"queueLength", n(s.QueueLength)},
		{"enableReporting", b(s.EnableReporting)},
		{"allowCallerToDialEscapeDigit", b(s.AllowCallerToDialEscapeDigit)},
		{"escapeDigit", s.EscapeDigit},
		{"resetCallStatisticsUponEntryInQueue", b(s.ResetCallStatisticsUponEntryInQueue)},
		{"allowAgentLogoff", b(s.AllowAgentLogoff)},
		{"allowCallWaitingForAgents", b(s.AllowCallWaitingForAgents)},
		{"allowCallsToAgentsInWrapUp", b(s.AllowCallsToAgentsInWrapUp)},
		{"overrideAgentWrapUpTime", b(s.OverrideAgentWrapUpTime)},
		{"wrapUpSeconds", n(s.WrapUpSeconds)},
		{"forceDeliveryOfCalls", b(s.ForceDeliveryOfCalls)},
		{"forceDeliveryWaitTimeSeconds", n(s.ForceDeliveryWaitTimeSeconds)},
		{"enableAutomaticStateChangeForAgents", b(s.EnableAutomaticStateChangeForAgents)},
		{"agentStateAfterCall", string(s.AgentStateAfterCall)},
		{"agentUnavailableCode", s.AgentUnavailableCode},
		{"externalPreferredAudioCodec", string(s.ExternalPreferredAudioCodec)},
		{"internalPreferredAudioCodec", string(s.InternalPreferredAudioCodec)},
		{"playRingingWhenOfferingCall", b(s.PlayRingingWhenOfferingCall)},
		{"networkClassOfService", s.NetworkClassOfService},
	}
}

// InstanceProfile is the serviceInstanceProfile of a call center as APIO
// returns it (it never returns the password). APIO's names differ from the
// bulk sheet's for the calling-line-id fields: cliFirstName, cliLastName,
// cliPhoneNumber. Reference 001 does not show the hiragana names and the
// aliases; they follow APIO's convention of OCI-P names in camelCase.
type InstanceProfile struct {
	Name               string      `json:"name,omitempty"`
	Department         *Department `json:"department,omitempty"`
	CLIFirstName       string      `json:"cliFirstName,omitempty"`
	CLILastName        string      `json:"cliLastName,omitempty"`
	HiraganaFirstName  string      `json:"hiraganaFirstName,omitempty"`
	HiraganaLastName   string      `json:"hiraganaLastName,omitempty"`
	PhoneNumber        string      `json:"phoneNumber,omitempty"`
	Extension          string      `json:"extension,omitempty"`
	CLIPhoneNumber     string      `json:"cliPhoneNumber,omitempty"`
	Language           string      `json:"language,omitempty"`
	TimeZone           string      `json:"timeZone,omitempty"`
	PublicUserIdentity string      `json:"publicUserIdentity,omitempty"`
	Aliases            []string    `json:"aliases,omitempty"`
}

func profileOf(p *callcenter.Profile, dept *Department) InstanceProfile {
	return InstanceProfile{
		Name:               p.Name,
		Department:         dept,
		CLIFirstName:       p.CallingLineIDFirstName,
		CLILastName:        p.CallingLineIDLastName,
		HiraganaFirstName:  p.HiraganaFirstName,
		HiraganaLastName:   p.HiraganaLastName,
		PhoneNumber:        p.PhoneNumber,
		Extension:          p.Extension,
		CLIPhoneNumber:     p.CallingLineIDPhoneNumber,
		Language:           p.Language,
		TimeZone:           p.TimeZone,
		PublicUserIdentity: p.PublicUserIdentity,
		Aliases:            p.Aliases,
	}
}

// CallCenterInstance is a call center as APIO returns it
// (the "callCenterInstance" of GET .../call_centers/{id}/).
type CallCenterInstance struct {
	// TenantID and GroupID are the tenant and group the instance was read
	// from (they are in the path, not in APIO's answer).
	TenantID string `json:"-"`
	GroupID  string `json:"-"`

	ServiceUserID string            `json:"serviceUserId"`
	Profile       InstanceProfile   `json:"serviceInstanceProfile"`
	Type          callcenter.Type   `json:"type,omitempty"`
	Policy        callcenter.Policy `json:"policy,omitempty"`
	Settings
	CallCenterQueueThresholdsIsActive *bool `json:"callCenterQueueThresholdsIsActive,omitempty"`
}

// CallCenter maps the instance back into the vendor-neutral model: tenant
// and group become ServiceProviderID and GroupID, cliFirstName and
// cliLastName the calling-line-id names, the department the model's
// Profile.Department (Level [callcenter.GroupDepartment] when APIO names a
// group, else [callcenter.EnterpriseDepartment]). The password stays empty
// (APIO never returns it).
//
// APIO's answer carries every option whatever the type (reference 001's
// Basic example has routingType, wrapUpSeconds 0 and the other Standard and
// Premium options); options the instance's type does not accept
// ([callcenter.Type.Allows]) are left unset, so that the result obeys the
// model's per-type rules. So are values the model cannot represent (an enum
// value it does not know).
func (in *CallCenterInstance) CallCenter() callcenter.CallCenter {
	p := &in.Profile
	cc := callcenter.CallCenter{
		ServiceProviderID: in.TenantID,
		GroupID:           in.GroupID,
		ServiceUserID:     in.ServiceUserID,
		Profile: callcenter.Profile{
			Name:                     p.Name,
			CallingLineIDLastName:    p.CLILastName,
			CallingLineIDFirstName:   p.CLIFirstName,
			HiraganaLastName:         p.HiraganaLastName,
			HiraganaFirstName:        p.HiraganaFirstName,
			PhoneNumber:              p.PhoneNumber,
			Extension:                p.Extension,
			Language:                 p.Language,
			TimeZone:                 p.TimeZone,
			Aliases:                  slices.Clone(p.Aliases),
			PublicUserIdentity:       p.PublicUserIdentity,
			CallingLineIDPhoneNumber: p.CLIPhoneNumber,
			Department:               p.Department.model(),
		},
		Type:   in.Type,
		Policy: in.Policy,
	}
	for _, c := range in.Settings.cells() {
		if c[1] != "" && cc.Type.Allows(c[0]) {
			_ = cc.Set(c[0], c[1]) // a value Set cannot parse stays unset, as documented
		}
	}
	return cc
}

// model returns the model's view of the department key d (the zero value
// for none).
func (d *Department) model() callcenter.Department {
	if d == nil || d.Name == "" {
		return callcenter.Department{}
	}
	if d.GroupID == "" {
		return callcenter.Department{Name: d.Name, Level: callcenter.EnterpriseDepartment}
	}
	return callcenter.Department{Name: d.Name, Level: callcenter.GroupDepartment}
}

// departmentKey returns APIO's department key of the model's department of
// cc (nil for none): a group department of cc's tenant and group, or an
// enterprise department of its tenant.
func departmentKey(cc *callcenter.CallCenter) *Department {
	d := cc.Profile.Department
	if d.Name == "" {
		return nil
	}
	key := &Department{TenantID: cc.ServiceProviderID, Name: d.Name}
	if d.Level != callcenter.EnterpriseDepartment {
		key.GroupID = cc.GroupID
	}
	return key
}

// CallCenterSummary is one entry of the list of a group's call centers.
type CallCenterSummary struct {
	ServiceUserID string            `json:"serviceUserId"`
	Name          string            `json:"name"`
	PhoneNumber   string            `json:"phoneNumber"`
	Extension     string            `json:"extension"`
	Department    *Department       `json:"department,omitempty"`
	Active        bool              `json:"active"`
	Policy        callcenter.Policy `json:"policy"`
	Type          callcenter.Type   `json:"type"`
}

// ActiveStatus is the wanted active state of one call center.
type ActiveStatus struct {
	ServiceUserID string `json:"serviceUserId"`
	Active        bool   `json:"active"`
}

// CreateCallCenterRequest creates a call center in a group. The tenant and
// group come from CallCenter.ServiceProviderID and CallCenter.GroupID; every
// other field of CallCenter that is set is sent, under APIO's names, the
// model's department (CallCenter.Profile.Department) as APIO's department
// key of the call center's tenant and group.
//
// Its fmt, log/slog and JSON forms never show the password: JSON gives the
// body APIO receives with the password as [callcenter.Redacted]. Only the
// request actually sent carries the clear password.
type CreateCallCenterRequest struct {
	CallCenter callcenter.CallCenter
	// Department, when set, is sent as the department key instead of the
	// one built from CallCenter.Profile.Department (which must then be
	// empty): for a key naming another tenant or group, as reference 001's
	// example does.
	Department *Department
	// TemplateName names an APIO template that fills in settings (optional).
	TemplateName string
}

// Validate checks the request without I/O: a tenant and group, and the call
// center's fields by [callcenter.CallCenter.Validate], except that
// serviceUserId and the password may be left empty, for APIO to generate
// (its AUTOMATIC_ID_RULES and password settings); and the department. It
// returns nil or a *[ValidationError] with Subject "apio: create call
// center request" listing every problem, fields named in bulk-sheet
// notation (a nil request is one: "request is nil").
func (r *CreateCallCenterRequest) Validate() error {
	if r == nil {
		return invalid(subjectCreate, FieldError{Field: "request", Message: "is nil"})
	}
	cc := r.CallCenter
	if cc.ServiceUserID == "" {
		cc.ServiceUserID = "generated@apio.invalid"
	}
	if cc.Profile.Password == "" {
		cc.Profile.Password = "generated"
	}
	errs, err := asFieldErrors(cc.Validate())
	if err != nil {
		return err
	}
	errs = append(errs, departmentErrors(r.Department, &r.CallCenter)...)
	return invalid(subjectCreate, errs...)
}

// departmentErrors checks an explicit department key against the model's
// department.
func departmentErrors(d *Department, cc *callcenter.CallCenter) []FieldError {
	if d == nil {
		return nil
	}
	var errs []FieldError
	if d.Name == "" {
		errs = append(errs, FieldError{Field: "serviceInstanceProfile.department.departmentName", Message: "is required"})
	}
	if cc.Profile.Department != (callcenter.Department{}) {
		errs = append(errs, FieldError{Field: "serviceInstanceProfile.department",
			Message: "is set twice: in CallCenter.Profile.Department and in the request's Department; set one"})
	}
	return errs
}

// department returns the department key to send: the explicit one, else
// the model's.
func department(explicit *Department, cc *callcenter.CallCenter) *Department {
	if explicit != nil {
		return explicit
	}
	return departmentKey(cc)
}

// body returns the JSON body of the request, with the password in clear or
// redacted.
func (r *CreateCallCenterRequest) body(clear bool) wireCallCenter {
	cc := &r.CallCenter
	return wireCallCenter{
		ServiceUserID: cc.ServiceUserID,
		Profile:       wireProfile{InstanceProfile: profileOf(&cc.Profile, department(r.Department, cc)), Password: newPassword(cc.Profile.Password, clear)},
		Type:          cc.Type,
		Policy:        cc.Policy,
		TemplateName:  r.TemplateName,
		Settings:      settingsOf(cc),
	}
}

// MarshalJSON writes the body APIO receives, with the password redacted.
func (r CreateCallCenterRequest) MarshalJSON() ([]byte, error) { return json.Marshal(r.body(false)) }

// UpdateCallCenterRequest changes a call center. CallCenter.ServiceProviderID
// (the tenant), GroupID and ServiceUserID name it; every other field of
// CallCenter that is set is changed (the model's department as APIO's
// department key, as in [CreateCallCenterRequest]), the fields Clear names
// are cleared, and the others are left as they are. Like
// [CreateCallCenterRequest], it never shows the password but in the request
// sent.
type UpdateCallCenterRequest struct {
	CallCenter callcenter.CallCenter
	// Department, when set, is sent as the department key instead of the
	// one built from CallCenter.Profile.Department (which must then be
	// empty).
	Department *Department
	// Clear names fields to clear (sent as JSON null), in bulk-sheet
	// notation: the optional profile fields (serviceInstanceProfile.phoneNumber,
	// .extension, .hiraganaLastName, .hiraganaFirstName, .language,
	// .timeZone, .publicUserIdentity, .callingLineIdPhoneNumber),
	// serviceInstanceProfile.department (or .department.name), the alias
	// list serviceInstanceProfile.alias, and wrapUpSeconds,
	// forceDeliveryWaitTimeSeconds, agentUnavailableCode and
	// networkClassOfService. Other fields cannot be cleared (BroadWorks'
	// modify request has no empty value for them).
	Clear []string
}

// Validate checks the request without I/O: the call center is named, the
// department key has a name, and every field of Clear can be cleared and is
// not also set. It returns nil or a *[ValidationError] with Subject "apio:
// update call center request" (a nil request is one: "request is nil").
func (r *UpdateCallCenterRequest) Validate() error {
	if r == nil {
		return invalid(subjectUpdate, FieldError{Field: "request", Message: "is nil"})
	}
	cc := &r.CallCenter
	var errs []FieldError
	if _, err := instancePath(subjectUpdate, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID); err != nil {
		errs, _ = asFieldErrors(err)
	}
	errs = append(errs, departmentErrors(r.Department, cc)...)
	if d := cc.Profile.Department; d.Name == "" && d.Level != "" {
		errs = append(errs, FieldError{Field: "serviceInstanceProfile.department.name", Message: "is required when serviceInstanceProfile.department.level is set"})
	}
	for _, f := range r.Clear {
		k, ok := clearable[f]
		switch {
		case !ok:
			errs = append(errs, FieldError{Field: f, Message: "cannot be cleared"})
		case k.isSet(r):
			errs = append(errs, FieldError{Field: f, Message: "is both set and cleared"})
		}
	}
	return invalid(subjectUpdate, errs...)
}

// clearKey is where a clearable field lives in APIO's body.
type clearKey struct {
	profile bool   // in serviceInstanceProfile
	key     string // APIO's name
	field   string // the model's column, for isSet ("" for the department and aliases)
}

// isSet reports whether the request also sets the field.
func (k clearKey) isSet(r *UpdateCallCenterRequest) bool {
	switch k.key {
	case "department":
		return r.Department != nil || r.CallCenter.Profile.Department.Name != ""
	case "aliases":
		return len(r.CallCenter.Profile.Aliases) > 0
	}
	return r.CallCenter.Get(k.field) != ""
}

// clearable maps the fields an update can clear to APIO's names.
var clearable = func() map[string]clearKey {
	m := map[string]clearKey{
		"serviceInstanceProfile.department":      {profile: true, key: "department"},
		"serviceInstanceProfile.department.name": {profile: true, key: "department"},
		"serviceInstanceProfile.alias":           {profile: true, key: "aliases"},
	}
	for col, key := range map[string]string{
		"hiraganaLastName": "hiraganaLastName", "hiraganaFirstName": "hiraganaFirstName",
		"phoneNumber": "phoneNumber", "extension": "extension", "language": "language", "timeZone": "timeZone",
		"publicUserIdentity": "publicUserIdentity", "callingLineIdPhoneNumber": "cliPhoneNumber",
	} {
		m["serviceInstanceProfile."+col] = clearKey{profile: true, key: key, field: "serviceInstanceProfile." + col}
	}
	for _, col := range []string{"wrapUpSeconds", "forceDeliveryWaitTimeSeconds", "agentUnavailableCode", "networkClassOfService"} {
		m[col] = clearKey{key: col, field: col}
	}
	return m
}()

// body returns the JSON body: the changed fields only, and null for each
// field to clear.
func (r *UpdateCallCenterRequest) body(clear bool) wireCallCenter {
	cc := &r.CallCenter
	w := wireCallCenter{
		Profile:  wireProfile{InstanceProfile: profileOf(&cc.Profile, department(r.Department, cc)), Password: newPassword(cc.Profile.Password, clear)},
		Type:     cc.Type,
		Policy:   cc.Policy,
		Settings: settingsOf(cc),
	}
	for _, f := range r.Clear {
		k, ok := clearable[f]
		switch {
		case !ok:
		case k.profile && !slices.Contains(w.Profile.nulls, k.key):
			w.Profile.nulls = append(w.Profile.nulls, k.key)
		case !k.profile && !slices.Contains(w.nulls, k.key):
			w.nulls = append(w.nulls, k.key)
		}
	}
	return w
}

// MarshalJSON writes the body APIO receives, with the password redacted.
func (r UpdateCallCenterRequest) MarshalJSON() ([]byte, error) { return json.Marshal(r.body(false)) }

// wireCallCenter is the JSON body of a create or update.
type wireCallCenter struct {
	ServiceUserID string            `json:"serviceUserId,omitempty"`
	Profile       wireProfile       `json:"serviceInstanceProfile,omitzero"`
	Type          callcenter.Type   `json:"type,omitempty"`
	Policy        callcenter.Policy `json:"policy,omitempty"`
	TemplateName  string            `json:"templateName,omitempty"`
	Settings
	nulls []string // APIO names sent as null (cleared)
}

// MarshalJSON writes the fields, then a null for each name of nulls.
func (w wireCallCenter) MarshalJSON() ([]byte, error) {
	type plain wireCallCenter // without this method
	b, err := json.Marshal(plain(w))
	if err != nil {
		return nil, err
	}
	return withNulls(b, w.nulls), nil
}

// wireProfile is the serviceInstanceProfile of a create or update.
type wireProfile struct {
	InstanceProfile
	Password password `json:"password,omitzero"`
	nulls    []string // APIO names sent as null (cleared)
}

// IsZero reports a profile that sets and clears nothing, so that omitzero
// leaves it out.
func (p wireProfile) IsZero() bool {
	return len(p.nulls) == 0 && p.Password.IsZero() && reflect.ValueOf(p.InstanceProfile).IsZero()
}

// MarshalJSON writes the fields, then a null for each name of nulls.
func (p wireProfile) MarshalJSON() ([]byte, error) {
	type plain wireProfile // without this method
	b, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withNulls(b, p.nulls), nil
}

// withNulls adds "name":null members to the JSON object obj.
func withNulls(obj []byte, names []string) []byte {
	if len(names) == 0 || len(obj) < 2 {
		return obj
	}
	out := append([]byte(nil), obj[:len(obj)-1]...) // without the closing }
	for _, n := range names {
		if len(out) > 1 {
			out = append(out, ',')
		}
		k, _ := json.Marshal(n)
		out = append(out, k...)
		out = append(out, ":null"...)
	}
	return append(out, '}')
}

// password is a password on its way into a request body. JSON writes it in
// clear only when it was made for the wire; fmt and log/slog never show it.
type password struct {
	value string
	clear bool
}

func newPassword(s callcenter.Secret, clear bool) password {
	return password{value: string(s), clear: clear && s != ""}
}

// IsZero reports an unset password, so that omitzero leaves it out.
func (p password) IsZero() bool { return p.value == "" }

// MarshalJSON writes the clear value for the wire, else [callcenter.Redacted].
func (p password) MarshalJSON() ([]byte, error) {
	if p.clear {
		return json.Marshal(p.value)
	}
	return json.Marshal(callcenter.Secret(p.value).String())
}

// String returns [callcenter.Redacted].
func (p password) String() string { return callcenter.Secret(p.value).String() }

// Format prints [callcenter.Redacted] whatever the verb.
func (p password) Format(f fmt.State, verb rune) { callcenter.Secret(p.value).Format(f, verb) }

// LogValue makes log/slog print [callcenter.Redacted].
func (p password) LogValue() slog.Value { return callcenter.Secret(p.value).LogValue() }
