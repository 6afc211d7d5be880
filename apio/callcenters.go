package apio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// segment escapes one path segment with url.PathEscape (a service user id
// keeps its @, as in reference 001), refusing values that cannot be one.
func segment(field, v string) (string, error) {
	switch v {
	case "":
		return "", fmt.Errorf("apio: %w", &callcenter.FieldError{Field: field, Message: "is required"})
	case ".", "..":
		return "", fmt.Errorf("apio: %w", &callcenter.FieldError{Field: field, Message: fmt.Sprintf("%q cannot be a path segment", v)})
	}
	return url.PathEscape(v), nil
}

// groupPath returns api/v1/tenants/{tenant}/groups/{group}/services/call_centers/
// (with APIO's trailing slash).
func groupPath(tenantID, groupID string) (string, error) {
	t, err := segment("serviceProviderId", tenantID)
	if err != nil {
		return "", err
	}
	g, err := segment("groupId", groupID)
	if err != nil {
		return "", err
	}
	return "api/v1/tenants/" + t + "/groups/" + g + "/services/call_centers/", nil
}

// instancePath returns groupPath + {serviceUserId}/.
func instancePath(tenantID, groupID, serviceUserID string) (string, error) {
	p, err := groupPath(tenantID, groupID)
	if err != nil {
		return "", err
	}
	id, err := segment("serviceUserId", serviceUserID)
	if err != nil {
		return "", err
	}
	return p + id + "/", nil
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
// call ("POST /api/...") names the request in errors.
func decodeInstance(body []byte, tenantID, groupID, call string) (*CallCenterInstance, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	var env struct {
		Instance *CallCenterInstance `json:"callCenterInstance"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("apio: %s: decoding call center: %w", call, err)
	}
	in := env.Instance
	if in == nil {
		in = new(CallCenterInstance)
		if err := json.Unmarshal(body, in); err != nil {
			return nil, fmt.Errorf("apio: %s: decoding call center: %w", call, err)
		}
		if in.ServiceUserID == "" {
			return nil, nil
		}
	}
	in.TenantID, in.GroupID = tenantID, groupID
	return in, nil
}

// CreateCallCenter creates a call center:
// POST /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/.
// The request is validated first (see [CreateCallCenterRequest.Validate];
// call CallCenter.ApplyDefaults before for the bulk sheet's defaults). It
// returns the call center APIO answers with, or nil if its answer holds
// none. An error after which the call center may exist matches
// [ErrOutcomeUnknown]; the create is never retried then.
func (c *Client) CreateCallCenter(ctx context.Context, req *CreateCallCenterRequest) (*CallCenterInstance, error) {
	if req == nil {
		return nil, errors.New("apio: CreateCallCenter: request is nil")
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	body, path, err := c.create(ctx, req)
	if err != nil {
		return nil, err
	}
	return decodeInstance(body, req.CallCenter.ServiceProviderID, req.CallCenter.GroupID, "POST /"+path)
}

// create sends a create request and returns APIO's answer.
// It also returns the request path, for errors.
func (c *Client) create(ctx context.Context, req *CreateCallCenterRequest) ([]byte, string, error) {
	cc := &req.CallCenter
	path, err := groupPath(cc.ServiceProviderID, cc.GroupID)
	if err != nil {
		return nil, "", err
	}
	var body []byte
	_, err = c.tc.Do(ctx, &transport.Request{Method: http.MethodPost, Path: path, JSON: req.body(true), Secrets: secrets(cc)}, &body)
	return body, path, err
}

// GetCallCenter reads a call center:
// GET /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/{serviceUserId}/.
// A call center that does not exist gives an error matching [ErrNotFound].
func (c *Client) GetCallCenter(ctx context.Context, tenantID, groupID, serviceUserID string) (*CallCenterInstance, error) {
	path, err := instancePath(tenantID, groupID, serviceUserID)
	if err != nil {
		return nil, err
	}
	var body []byte
	if _, err := c.tc.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, &body); err != nil {
		return nil, err
	}
	in, err := decodeInstance(body, tenantID, groupID, "GET /"+path)
	if err == nil && in == nil {
		err = fmt.Errorf("apio: GET %s: the answer holds no call center", path)
	}
	return in, err
}

// ListCallCenters lists the call centers of a group, with their department
// and active flag: GET /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/.
// APIO answers with the whole list at once.
func (c *Client) ListCallCenters(ctx context.Context, tenantID, groupID string) ([]CallCenterSummary, error) {
	path, err := groupPath(tenantID, groupID)
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

// CallCenters yields the call centers of a group, as [Client.ListCallCenters]
// returns them. The request is sent when the loop starts; an error is
// yielded once, last.
func (c *Client) CallCenters(ctx context.Context, tenantID, groupID string) iter.Seq2[CallCenterSummary, error] {
	return func(yield func(CallCenterSummary, error) bool) {
		list, err := c.ListCallCenters(ctx, tenantID, groupID)
		if err != nil {
			yield(CallCenterSummary{}, err)
			return
		}
		for _, s := range list {
			if !yield(s, nil) {
				return
			}
		}
	}
}

// UpdateCallCenter changes the fields of a call center that req sets:
// PUT /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/{serviceUserId}/.
// It returns the call center APIO answers with, or nil if its answer holds
// none. APIO checks the values; the client only checks that the call center
// is named.
func (c *Client) UpdateCallCenter(ctx context.Context, req *UpdateCallCenterRequest) (*CallCenterInstance, error) {
	if req == nil {
		return nil, errors.New("apio: UpdateCallCenter: request is nil")
	}
	cc := &req.CallCenter
	path, err := instancePath(cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
	if err != nil {
		return nil, err
	}
	if err := validDepartment(req.Department); err != nil {
		return nil, err
	}
	var body []byte
	if _, err := c.tc.Do(ctx, &transport.Request{Method: http.MethodPut, Path: path, JSON: req.body(true), Secrets: secrets(cc)}, &body); err != nil {
		return nil, err
	}
	return decodeInstance(body, cc.ServiceProviderID, cc.GroupID, "PUT /"+path)
}

// DeleteCallCenter deletes a call center:
// DELETE /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/{serviceUserId}/.
// A call center that does not exist gives an error matching [ErrNotFound].
func (c *Client) DeleteCallCenter(ctx context.Context, tenantID, groupID, serviceUserID string) error {
	path, err := instancePath(tenantID, groupID, serviceUserID)
	if err != nil {
		return err
	}
	_, err = c.tc.Do(ctx, &transport.Request{Method: http.MethodDelete, Path: path}, nil)
	return err
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
// followed here, does not.)
func (c *Client) SetActiveStatus(ctx context.Context, tenantID, groupID string, statuses []ActiveStatus) error {
	path, err := groupPath(tenantID, groupID)
	if err != nil {
		return err
	}
	if len(statuses) == 0 {
		return fmt.Errorf("apio: %w", &callcenter.FieldError{Field: "services", Message: "needs at least one call center"})
	}
	for i, s := range statuses {
		if s.ServiceUserID == "" {
			return fmt.Errorf("apio: %w", &callcenter.FieldError{Field: fmt.Sprintf("services[%d].serviceUserId", i), Message: "is required"})
		}
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
