package broadworks

import (
	"context"
	"fmt"
	"iter"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// AddCallCenter creates cc (GroupCallCenterAddInstanceRequest22) after
// applying defaults and validating it (see [ocip.NewAddRequest]): options its
// type does not accept, and control characters in any value, are refused
// before anything is sent. It is never sent twice: when the answer is lost
// the error matches [ErrOutcomeUnknown].
func (c *Client) AddCallCenter(ctx context.Context, cc callcenter.CallCenter) error {
	req, err := ocip.NewAddRequest(cc)
	if err != nil {
		return err
	}
	return c.expectSuccess(ctx, req)
}

// GetCallCenter reads a call center (GroupCallCenterGetInstanceRequest22).
// The result has ServiceUserID set but not ServiceProviderID, GroupID or the
// password, which the answer does not carry; its department is read back
// as Profile.Department. A missing call center gives an [*Error] matching
// [ErrNotFound].
func (c *Client) GetCallCenter(ctx context.Context, serviceUserID string) (*callcenter.CallCenter, error) {
	req, err := getRequest(serviceUserID)
	if err != nil {
		return nil, err
	}
	r, err := c.do1(ctx, req)
	if err != nil {
		return nil, err
	}
	return c.getAnswer(req, r)
}

// getRequest is the GroupCallCenterGetInstanceRequest22 of GetCallCenter.
func getRequest(serviceUserID string) (*ocip.GroupCallCenterGetInstanceRequest22, error) {
	if err := checkIDs("broadworks: get call center request", "serviceUserId", serviceUserID); err != nil {
		return nil, err
	}
	return &ocip.GroupCallCenterGetInstanceRequest22{ServiceUserID: serviceUserID}, nil
}

// getAnswer is GetCallCenter's call center from the answer r to req (not
// an ErrorResponse).
func (c *Client) getAnswer(req *ocip.GroupCallCenterGetInstanceRequest22, r Response) (*callcenter.CallCenter, error) {
	got, ok := r.(*ocip.GroupCallCenterGetInstanceResponse22)
	if !ok {
		return nil, c.unexpected(req, r)
	}
	cc := got.CallCenter()
	cc.ServiceUserID = req.ServiceUserID
	return &cc, nil
}

// ModifyCallCenter changes the fields set on cc, on the call center named
// by cc.ServiceUserID, and clears the fields named in clear (the Clear*
// constants of package ocip); see [ocip.NewModifyRequest]. Fields left
// unset keep their value. To change exactly a list of fields, send an
// [ocip.NewModifyFieldsRequest] with [Client.Do].
func (c *Client) ModifyCallCenter(ctx context.Context, cc callcenter.CallCenter, clear ...string) error {
	req, err := ocip.NewModifyRequest(cc, clear...)
	if err != nil {
		return err
	}
	return c.expectSuccess(ctx, req)
}

// DeleteCallCenter deletes a call center
// (GroupCallCenterDeleteInstanceRequest). A missing one gives an [*Error]
// matching [ErrNotFound]. It is never sent twice.
func (c *Client) DeleteCallCenter(ctx context.Context, serviceUserID string) error {
	if err := checkIDs("broadworks: delete call center request", "serviceUserId", serviceUserID); err != nil {
		return err
	}
	return c.expectSuccess(ctx, &ocip.GroupCallCenterDeleteInstanceRequest{ServiceUserID: serviceUserID})
}

// SetActive sets the active status of the call centers serviceUserIDs at
// once (GroupCallCenterModifyActiveInstanceListRequest, one document for
// all). The list ([Client.ListCallCenters]) shows the status as IsActive.
func (c *Client) SetActive(ctx context.Context, active bool, serviceUserIDs ...string) error {
	const subject = "broadworks: modify active call centers request"
	if len(serviceUserIDs) == 0 {
		return invalid(subject, "serviceUserId", "at least one is required")
	}
	req := &ocip.GroupCallCenterModifyActiveInstanceListRequest{ServiceActivations: make([]ocip.ServiceActivation, len(serviceUserIDs))}
	for i, id := range serviceUserIDs {
		if err := checkIDs(subject, fmt.Sprintf("serviceUserId[%d]", i), id); err != nil {
			return err
		}
		req.ServiceActivations[i] = ocip.ServiceActivation{ServiceUserID: id, IsActive: active}
	}
	return c.expectSuccess(ctx, req)
}

// MaxListCallCenters bounds what [Client.ListCallCenters] reads of one
// group: past this many call centers it stops with an error (a group holds
// far fewer). It also stops, with an error, as soon as the server sends a
// row it has sent before (a server that ignores paging), so that a broken
// or hostile server cannot keep a listing, and a prune or an export built
// on it, going forever.
const MaxListCallCenters = 100_000

// ListCallCenters yields the call centers of a group, sorted by service
// user id, reading them a page at a time
// (GroupCallCenterGetInstancePagedSortedListRequest of R25, pages of
// [WithPageSize] rows) as the loop asks for them. An error ends the
// sequence: it is yielded once, with a zero summary. A listing that goes
// past [MaxListCallCenters] rows, or meets a row twice, ends with an error
// (so at most MaxListCallCenters/pageSize + 1 pages are read).
func (c *Client) ListCallCenters(ctx context.Context, serviceProviderID, groupID string) iter.Seq2[CallCenterSummary, error] {
	return pager[CallCenterSummary]{
		size: c.cfg.pageSize, bound: MaxListCallCenters,
		key: func(s CallCenterSummary) string { return s.ServiceUserID },
		page: func(start, size int) ([]CallCenterSummary, error) {
			return c.ListCallCentersPage(ctx, serviceProviderID, groupID, start, size)
		},
		twice: func(s CallCenterSummary) error {
			return fmt.Errorf("broadworks: listing %s/%s stopped: the server sent %q twice (it ignores paging)",
				serviceProviderID, groupID, c.red.Excerpt(s.ServiceUserID, 161))
		},
		tooMany: fmt.Errorf("broadworks: listing %s/%s stopped after %d call centers (MaxListCallCenters): the server keeps sending pages",
			serviceProviderID, groupID, MaxListCallCenters),
	}.all()
}

// ListCallCentersPage returns one page of the call centers of a group,
// sorted by service user id: at most pageSize (1 to [MaxPageSize]) rows
// from row startIndex on (1 is the first row). A page shorter than pageSize
// is the last one.
func (c *Client) ListCallCentersPage(ctx context.Context, serviceProviderID, groupID string, startIndex, pageSize int) ([]CallCenterSummary, error) {
	const subject = "broadworks: list call centers request"
	if err := checkIDs(subject, "serviceProviderId", serviceProviderID, "groupId", groupID); err != nil {
		return nil, err
	}
	paging, err := pagingControl(subject, startIndex, pageSize)
	if err != nil {
		return nil, err
	}
	req := &ocip.GroupCallCenterGetInstancePagedSortedListRequest{
		ServiceProviderID: serviceProviderID, GroupID: groupID, ResponsePagingControl: paging,
	}
	return listRows(ctx, c, req, (*ocip.GroupCallCenterGetInstancePagedSortedListResponse).Summaries)
}
