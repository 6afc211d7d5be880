package livevox

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// MaxCount is the hard cap LiveVox puts on the count of one list page.
const MaxCount = 1000

// idRef is the wire form {"id": n} of a reference to another object.
type idRef struct {
	ID int64 `json:"id"`
}

func refs(ids []int64) []idRef {
	if len(ids) == 0 {
		return nil
	}
	out := make([]idRef, len(ids))
	for i, id := range ids {
		out[i] = idRef{ID: id}
	}
	return out
}

func ids(rs []idRef) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// clientQuery is the optional ?client= of several methods.
type clientQuery struct {
	Client int64 `url:"client,omitempty"`
}

// checkID returns a *ValidationError of request unless id is a positive
// LiveVox id.
func checkID(request, field string, id int64) error {
	v := newInvalid(request)
	v.id(field, id)
	return v.err()
}

// CreateCallCenterRequest is the body of Create Call Center.
//
// Reference 002's field table names the input filter "defaultInputFilter"
// while all its JSON examples send "defaultInputFilterId"; this package
// sends the latter, as the examples (and LiveVox's servers) do.
type CreateCallCenterRequest struct {
	// ClientID, when non-zero, is sent as ?client= and creates the call
	// center under that LiveVox client instead of the user's own.
	ClientID int64 `json:"-"`
	// Name of the call center (required).
	Name string `json:"name"`
	// ManagerName is the call center's manager (optional).
	ManagerName string `json:"managerName,omitempty"`
	// BillingSystem is the call center's billing system (optional).
	BillingSystem string `json:"billingSystem,omitempty"`
	// DefaultInputFilterID is the default input filter (0: none).
	DefaultInputFilterID int64 `json:"defaultInputFilterId,omitempty"`
	// Open opens (true) or closes (false) every inbound service of the call
	// center; LiveVox defaults it to true. Leave nil unless LiveVox Customer
	// Care has configured the feature.
	Open *bool `json:"open,omitempty"`
	// ServiceIDs are services moved into the new call center (sent as the
	// "service" array of {"id": n}).
	ServiceIDs []int64 `json:"serviceIds,omitempty"`
}

const createSubject = "create call center request"

// check reports every problem of the request as a *ValidationError.
func (r *CreateCallCenterRequest) check() error {
	v := newInvalid(createSubject)
	if r == nil {
		v.add("request", "must not be nil")
		return v.err()
	}
	v.text("name", r.Name, true)
	v.text("managerName", r.ManagerName, false)
	v.text("billingSystem", r.BillingSystem, false)
	v.optionalID("client", r.ClientID)
	v.optionalID("defaultInputFilterId", r.DefaultInputFilterID)
	for i, id := range r.ServiceIDs {
		v.id(fmt.Sprintf("service[%d].id", i), id)
	}
	return v.err()
}

type createWire struct {
	Service              []idRef `json:"service,omitempty"`
	Name                 string  `json:"name"`
	ManagerName          string  `json:"managerName,omitempty"`
	BillingSystem        string  `json:"billingSystem,omitempty"`
	DefaultInputFilterID int64   `json:"defaultInputFilterId,omitempty"`
	Open                 *bool   `json:"open,omitempty"`
}

// CreateCallCenter creates a call center (POST /configuration/callCenters)
// and returns its id. Roles: Sysadmin or IT User.
//
// A user sees the new call center only once it holds a service and the user
// has access to that service (LiveVox applies such permission changes after
// about 5 minutes, or at the next login). If the error matches
// [ErrOutcomeUnknown], the call center may exist: look before retrying.
func (c *Client) CreateCallCenter(ctx context.Context, req *CreateCallCenterRequest) (int64, error) {
	if err := req.check(); err != nil {
		return 0, err
	}
	var out idRef
	path := c.path("configuration", "callCenters")
	_, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodPost,
		Path:   path,
		Query:  clientQuery{Client: req.ClientID},
		JSON: createWire{
			Service: refs(req.ServiceIDs), Name: req.Name, ManagerName: req.ManagerName,
			BillingSystem: req.BillingSystem, DefaultInputFilterID: req.DefaultInputFilterID, Open: req.Open,
		},
	}, &out)
	if err != nil {
		return 0, err
	}
	if out.ID <= 0 {
		// The server said yes but not what it made: the call center may
		// exist, as after a lost answer.
		return 0, fmt.Errorf("livevox: POST %s: the answer holds no call center id: %w", c.tc.Path(path), ErrOutcomeUnknown)
	}
	return out.ID, nil
}

// DeleteCallCenter deletes a call center (DELETE
// /configuration/callCenters/{id}). Roles: Sysadmin or IT User.
//
// LiveVox refuses to delete a call center that still holds services: the
// error is then an *Error with Code "202" that matches [ErrHasServices].
func (c *Client) DeleteCallCenter(ctx context.Context, id int64) error {
	if err := checkID("delete call center request", "id", id); err != nil {
		return err
	}
	_, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodDelete,
		Path:   c.path("configuration", "callCenters", strconv.FormatInt(id, 10)),
	}, nil)
	return err
}

// ListInfo is the metadata of a call-center list.
type ListInfo struct {
	// Size is the number of call centers in the list, counting only those
	// the user is authorized for (0, not an error, when none).
	Size int `json:"size"`
	// LastModified is when the list last changed; the zero time when
	// LiveVox does not know.
	LastModified time.Time `json:"lastModified,omitzero"`
}

// UnmarshalJSON reads lastModified as milliseconds since the Unix epoch (the
// JSON form LiveVox documents), and also accepts an XML Schema dateTime
// string.
func (li *ListInfo) UnmarshalJSON(data []byte) error {
	var w struct {
		Size         int             `json:"size"`
		LastModified json.RawMessage `json:"lastModified"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*li = ListInfo{Size: w.Size}
	raw := strings.TrimSpace(string(w.LastModified))
	switch {
	case raw == "" || raw == "null":
	case strings.HasPrefix(raw, `"`):
		var s string
		if err := json.Unmarshal(w.LastModified, &s); err != nil {
			return err
		}
		if s == "" {
			break
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return fmt.Errorf("lastModified: %w", err)
		}
		li.LastModified = t
	default:
		ms, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			f, ferr := strconv.ParseFloat(raw, 64)
			if ferr != nil {
				return fmt.Errorf("lastModified: %q is not milliseconds since the epoch", raw)
			}
			ms = int64(f)
		}
		li.LastModified = time.UnixMilli(ms).UTC()
	}
	return nil
}

// GetCallCenterListInfo returns the metadata of the call-center list (GET
// /configuration/callCenters/info). clientID, when non-zero, restricts it
// to that LiveVox client. Roles: Sysadmin, IT User, Manager or Agent.
func (c *Client) GetCallCenterListInfo(ctx context.Context, clientID int64) (*ListInfo, error) {
	v := newInvalid("call center list info request")
	v.optionalID("client", clientID)
	if err := v.err(); err != nil {
		return nil, err
	}
	var out ListInfo
	if _, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodGet,
		Path:   c.path("configuration", "callCenters", "info"),
		Query:  clientQuery{Client: clientID},
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Related lists the objects associated with a call center.
type Related struct {
	// ServiceIDs are the call center's services.
	ServiceIDs []int64 `json:"serviceIds"`
	// AgentIDs are the agents associated with the call center.
	AgentIDs []int64 `json:"agentIds"`
}

// GetCallCenterRelated returns the services and agents of a call center (GET
// /configuration/callCenters/{id}/related). Roles: Sysadmin, IT User,
// Manager or Agent.
func (c *Client) GetCallCenterRelated(ctx context.Context, id int64) (*Related, error) {
	if err := checkID("call center related request", "id", id); err != nil {
		return nil, err
	}
	var w struct {
		Service []idRef `json:"service"`
		Agent   []idRef `json:"agent"`
	}
	if _, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodGet,
		Path:   c.path("configuration", "callCenters", strconv.FormatInt(id, 10), "related"),
	}, &w); err != nil {
		return nil, err
	}
	return &Related{ServiceIDs: ids(w.Service), AgentIDs: ids(w.Agent)}, nil
}

// CallCenterSummary is one entry of the call-center list.
type CallCenterSummary struct {
	// ID of the call center.
	ID int64 `json:"callCenterId"`
	// Name of the call center.
	Name string `json:"name"`
	// ClientID is the LiveVox client of the call center (0 when absent).
	ClientID int64 `json:"clientId,omitempty"`
}

// ListCallCentersRequest selects a page of the call-center list. A nil
// *ListCallCentersRequest is the zero one: the user's own client, from the
// first entry, [MaxCount] a page.
type ListCallCentersRequest struct {
	// ClientID, when non-zero, lists that LiveVox client's call centers.
	ClientID int64 `url:"client,omitempty"`
	// Count is the page size, 1 to [MaxCount]; 0 means MaxCount.
	Count int `url:"count"`
	// Offset is the 0-based position of the first entry.
	Offset int `url:"offset"`
}

// CallCenterPage is one page of the call-center list.
type CallCenterPage struct {
	// CallCenters are the page's entries.
	CallCenters []CallCenterSummary `json:"callCenter"`
	// Next is LiveVox's URI of the next page ("" on the last page).
	Next string `json:"next,omitempty"`
}

func (r *ListCallCentersRequest) normalized() (ListCallCentersRequest, error) {
	var q ListCallCentersRequest
	if r != nil {
		q = *r
	}
	v := newInvalid("list call centers request")
	switch {
	case q.Count == 0:
		q.Count = MaxCount
	case q.Count < 0 || q.Count > MaxCount:
		v.add("count", fmt.Sprintf("must be between 1 and %d (0: %d), got %d", MaxCount, MaxCount, q.Count))
	}
	if q.Offset < 0 {
		v.add("offset", fmt.Sprintf("must not be negative, got %d", q.Offset))
	}
	v.optionalID("client", q.ClientID)
	return q, v.err()
}

// ListCallCentersPage returns one page of the call centers of a client (GET
// /configuration/callCenters?client=&count=&offset=). A nil req asks for
// the first [MaxCount] entries of the user's own client. Roles: Sysadmin,
// IT User, Manager or Agent.
//
// LiveVox lists only call centers that hold at least one service.
func (c *Client) ListCallCentersPage(ctx context.Context, req *ListCallCentersRequest) (*CallCenterPage, error) {
	q, err := req.normalized()
	if err != nil {
		return nil, err
	}
	var out CallCenterPage
	if _, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodGet,
		Path:   c.path("configuration", "callCenters"),
		Query:  q,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListCallCenters iterates over the whole call-center list, starting at
// req.Offset and fetching req.Count entries per request (0: [MaxCount]) as
// the loop needs them; it stops after the page without a next URI. A nil
// req lists the user's own client. An error ends the iteration after being
// yielded once; so does a server that answers the same page again (it
// ignores the offset), and so does a list that goes on past 10,000 pages
// or 100,000 call centers (the listing cap of every REST client of the
// module). Like [Client.ListCallCentersPage], it shows only call centers
// that hold a service.
func (c *Client) ListCallCenters(ctx context.Context, req *ListCallCentersRequest) iter.Seq2[CallCenterSummary, error] {
	return func(yield func(CallCenterSummary, error) bool) {
		q, err := req.normalized()
		if err != nil {
			yield(CallCenterSummary{}, err)
			return
		}
		rest.Lister[CallCenterSummary]{
			Name:     "livevox: ListCallCenters",
			Position: "offset",
			Key:      func(s CallCenterSummary) string { return strconv.FormatInt(s.ID, 10) },
			Fetch: func(pos string) (rest.Page[CallCenterSummary], error) {
				q.Offset, _ = strconv.Atoi(pos)
				page, err := c.ListCallCentersPage(ctx, &q)
				if err != nil {
					return rest.Page[CallCenterSummary]{}, err
				}
				next := ""
				if strings.TrimSpace(page.Next) != "" && len(page.CallCenters) > 0 {
					next = strconv.Itoa(nextOffset(page.Next, q.Offset, len(page.CallCenters)))
				}
				return rest.Page[CallCenterSummary]{Items: page.CallCenters, Next: next}, nil
			},
		}.Seq(strconv.Itoa(q.Offset))(yield)
	}
}

// nextOffset takes the offset of LiveVox's next URI when it moves forward,
// and otherwise continues after the entries received.
func nextOffset(next string, offset, got int) int {
	fallback := offset + got
	u, err := url.Parse(strings.TrimSpace(next))
	if err != nil {
		return fallback
	}
	n, err := strconv.Atoi(u.Query().Get("offset"))
	if err != nil || n <= offset {
		return fallback
	}
	return n
}

// CallCenter is a call center as Read Call Center returns it.
type CallCenter struct {
	// ID of the call center (from the request; not in LiveVox's answer).
	ID int64 `json:"id"`
	// Name of the call center.
	Name string `json:"name"`
	// ManagerName is the manager ("" when none).
	ManagerName string `json:"managerName,omitempty"`
	// BillingSystem is the billing system ("" when none).
	BillingSystem string `json:"billingSystem,omitempty"`
	// DefaultInputFilterID is the default input filter (0 when none).
	DefaultInputFilterID int64 `json:"defaultInputFilterId,omitempty"`
	// Open tells whether the inbound services of the call center are open.
	Open bool `json:"open"`
}

type callCenterWire struct {
	Name                 string `json:"name"`
	ManagerName          string `json:"managerName"`
	BillingSystem        string `json:"billingSystem"`
	DefaultInputFilterID *int64 `json:"defaultInputFilterId"`
	DefaultInputFilter   *int64 `json:"defaultInputFilter"`
	Open                 *bool  `json:"open"`
}

// GetCallCenter reads a call center (GET /configuration/callCenters/{id}).
// Roles: Sysadmin, IT User, Manager or Agent. An absent "open" reads as
// true, LiveVox's default.
func (c *Client) GetCallCenter(ctx context.Context, id int64) (*CallCenter, error) {
	if err := checkID("get call center request", "id", id); err != nil {
		return nil, err
	}
	var w callCenterWire
	if _, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodGet,
		Path:   c.path("configuration", "callCenters", strconv.FormatInt(id, 10)),
	}, &w); err != nil {
		return nil, err
	}
	cc := &CallCenter{ID: id, Name: w.Name, ManagerName: w.ManagerName, BillingSystem: w.BillingSystem, Open: true}
	switch {
	case w.DefaultInputFilterID != nil:
		cc.DefaultInputFilterID = *w.DefaultInputFilterID
	case w.DefaultInputFilter != nil:
		cc.DefaultInputFilterID = *w.DefaultInputFilter
	}
	if w.Open != nil {
		cc.Open = *w.Open
	}
	return cc, nil
}

// UpdateCallCenterRequest is the body of Update Call Center. Nil fields are
// left unchanged (not sent). At least one field must be set.
type UpdateCallCenterRequest struct {
	// Name is the new name; it must differ from every other call center's.
	Name *string `json:"name,omitempty"`
	// ManagerName is the new manager.
	ManagerName *string `json:"managerName,omitempty"`
	// BillingSystem is the new billing system.
	BillingSystem *string `json:"billingSystem,omitempty"`
	// DefaultInputFilterID is the new default input filter.
	DefaultInputFilterID *int64 `json:"defaultInputFilterId,omitempty"`
	// Open opens or closes the inbound services (see
	// CreateCallCenterRequest.Open).
	Open *bool `json:"open,omitempty"`
}

// UpdateCallCenter changes a call center (PUT
// /configuration/callCenters/{id}). Roles: Sysadmin or IT User.
func (c *Client) UpdateCallCenter(ctx context.Context, id int64, req *UpdateCallCenterRequest) error {
	v := newInvalid("update call center request")
	v.id("id", id)
	switch {
	case req == nil || *req == (UpdateCallCenterRequest{}):
		v.add("request", "no field to update (set name, managerName, billingSystem, defaultInputFilterId or open)")
	default:
		if req.Name != nil {
			v.text("name", *req.Name, true)
		}
		if req.ManagerName != nil {
			v.text("managerName", *req.ManagerName, false)
		}
		if req.BillingSystem != nil {
			v.text("billingSystem", *req.BillingSystem, false)
		}
		if req.DefaultInputFilterID != nil {
			v.id("defaultInputFilterId", *req.DefaultInputFilterID)
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	_, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodPut,
		Path:   c.path("configuration", "callCenters", strconv.FormatInt(id, 10)),
		JSON:   req,
	}, nil)
	return err
}

// AddCallCenterService moves a service into a call center (PUT
// /configuration/callCenters/{id}/services/{service}). Roles: Sysadmin or
// IT User. To let a user manipulate the call center, give the user access to
// the service; LiveVox applies that after about 5 minutes or at the next
// login.
func (c *Client) AddCallCenterService(ctx context.Context, callCenterID, serviceID int64) error {
	v := newInvalid("add call center service request")
	v.id("id", callCenterID)
	v.id("service", serviceID)
	if err := v.err(); err != nil {
		return err
	}
	_, err := c.tc.Do(ctx, &transport.Request{
		Method: http.MethodPut,
		Path: c.path("configuration", "callCenters", strconv.FormatInt(callCenterID, 10),
			"services", strconv.FormatInt(serviceID, 10)),
	}, nil)
	return err
}
