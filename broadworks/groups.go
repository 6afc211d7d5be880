package broadworks

import (
	"context"
	"fmt"
	"iter"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
)

// GroupSummary is one row of a service provider's group list, as
// [Client.ListGroups] yields it: see [ocip.GroupSummary].
type GroupSummary = ocip.GroupSummary

// MaxListGroups bounds what [Client.ListGroups] reads of one service
// provider, as [MaxListCallCenters] bounds a group's list.
const MaxListGroups = 100_000

// ListGroups yields the groups of a service provider (or enterprise),
// sorted by group id, reading them a page at a time
// (GroupGetListInServiceProviderPagedSortedListRequest of R25, pages of
// [WithPageSize] rows) as the loop asks for them. An error ends the
// sequence: it is yielded once, with a zero summary. A listing that goes
// past [MaxListGroups] rows, or meets a row twice, ends with an error.
func (c *Client) ListGroups(ctx context.Context, serviceProviderID string) iter.Seq2[GroupSummary, error] {
	return pager[GroupSummary]{
		size: c.cfg.pageSize, bound: MaxListGroups,
		key: func(g GroupSummary) string { return g.GroupID },
		page: func(start, size int) ([]GroupSummary, error) {
			return c.ListGroupsPage(ctx, serviceProviderID, start, size)
		},
		twice: func(g GroupSummary) error {
			return fmt.Errorf("broadworks: listing the groups of %s stopped: the server sent %q twice (it ignores paging)",
				serviceProviderID, c.red.Excerpt(g.GroupID, 30))
		},
		tooMany: fmt.Errorf("broadworks: listing the groups of %s stopped after %d groups (MaxListGroups): the server keeps sending pages",
			serviceProviderID, MaxListGroups),
	}.all()
}

// ListGroupsPage returns one page of the groups of a service provider,
// sorted by group id: at most pageSize (1 to [MaxPageSize]) rows from row
// startIndex on (1 is the first row). A page shorter than pageSize is the
// last one.
func (c *Client) ListGroupsPage(ctx context.Context, serviceProviderID string, startIndex, pageSize int) ([]GroupSummary, error) {
	const subject = "broadworks: list groups request"
	if err := checkIDs(subject, "serviceProviderId", serviceProviderID); err != nil {
		return nil, err
	}
	paging, err := pagingControl(subject, startIndex, pageSize)
	if err != nil {
		return nil, err
	}
	req := &ocip.GroupGetListInServiceProviderPagedSortedListRequest{ServiceProviderID: serviceProviderID, ResponsePagingControl: paging}
	return listRows(ctx, c, req, (*ocip.GroupGetListInServiceProviderPagedSortedListResponse).Summaries)
}
