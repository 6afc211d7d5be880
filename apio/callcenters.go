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
	"unicode"

	"github.com/ccsdk/callcenter-go/callcenter"
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

// decodeAnswer decodes the answer to a create or update (method, path). A
// body that cannot be read is an error matching [ErrOutcomeUnknown]: APIO
// answered 2xx, so it most likely acted, but what it made cannot be told.
func (c *Client) decodeAnswer(body []byte, method, path, tenantID, groupID string) (*CallCenterInstance, error) {
	in, err := decodeInstance(body, tenantID, groupID)
	if err != nil {
		return nil, &outcomeError{call: method + " /" + path, err: errors.New(c.tc.Redactor().Redact(err.Error()))}
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
	if req == nil {
		return nil, invalid(subjectCreate, FieldError{Field: "request", Message: "is nil"})
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	body, path, err := c.create(ctx, req)
	if err != nil {
		return nil, err
	}
	return c.decodeAnswer(body, http.MethodPost, path, req.CallCenter.ServiceProviderID, req.CallCenter.GroupID)
}

// create sends a create request and returns APIO's answer.
// It also returns the request path, for errors.
func (c *Client) create(ctx context.Context, req *CreateCallCenterRequest) ([]byte, string, error) {
	cc := &req.CallCenter
	path, err := groupPath(subjectCreate, cc.ServiceProviderID, cc.GroupID)
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
		return nil, fmt.Errorf("apio: GET /%s: decoding call center: %s", path, c.tc.Redactor().Redact(err.Error()))
	case in == nil:
		return nil, fmt.Errorf("apio: GET /%s: the answer holds no call center", path)
	}
	return in, nil
}

// ListCallCenters yields the call centers of a group, with their
// department and active status:
// GET /api/v1/tenants/{tenant}/groups/{group}/services/call_centers/.
// APIO answers with the whole list at once (it does not page): the request
// is sent when the loop starts, and an error is yielded once, last, with a
// zero summary.
func (c *Client) ListCallCenters(ctx context.Context, tenantID, groupID string) iter.Seq2[CallCenterSummary, error] {
	return func(yield func(CallCenterSummary, error) bool) {
		list, err := c.listCallCenters(ctx, tenantID, groupID)
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
	if req == nil {
		return nil, invalid(subjectUpdate, FieldError{Field: "request", Message: "is nil"})
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	body, path, err := c.update(ctx, req)
	if err != nil {
		return nil, err
	}
	return c.decodeAnswer(body, http.MethodPut, path, req.CallCenter.ServiceProviderID, req.CallCenter.GroupID)
}

// update sends an update request and returns APIO's answer and the path.
func (c *Client) update(ctx context.Context, req *UpdateCallCenterRequest) ([]byte, string, error) {
	cc := &req.CallCenter
	path, err := instancePath(subjectUpdate, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
	if err != nil {
		return nil, "", err
	}
	var body []byte
	_, err = c.tc.Do(ctx, &transport.Request{Method: http.MethodPut, Path: path, JSON: req.body(true), Secrets: secrets(cc)}, &body)
	return body, path, err
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
