package broadworks

import (
	"context"
	"errors"
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
	return func(yield func(GroupSummary, error) bool) {
		size := c.cfg.pageSize
		seen := make(map[string]struct{})
		for start := 1; ; {
			page, err := c.ListGroupsPage(ctx, serviceProviderID, start, size)
			if err != nil {
				yield(GroupSummary{}, err)
				return
			}
			for _, g := range page {
				if _, dup := seen[g.GroupID]; dup {
					yield(GroupSummary{}, fmt.Errorf("broadworks: listing the groups of %s stopped: the server sent %q twice (it ignores paging)",
						serviceProviderID, c.red.Excerpt(g.GroupID, 30)))
					return
				}
				if len(seen) == MaxListGroups {
					yield(GroupSummary{}, fmt.Errorf("broadworks: listing the groups of %s stopped after %d groups (MaxListGroups): the server keeps sending pages",
						serviceProviderID, MaxListGroups))
					return
				}
				seen[g.GroupID] = struct{}{}
				if !yield(g, nil) {
					return
				}
			}
			if len(page) < size {
				return
			}
			start += len(page)
		}
	}
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
	if startIndex < 1 {
		return nil, invalid(subject, "responseStartIndex", "must be at least 1")
	}
	if pageSize < 1 || pageSize > MaxPageSize {
		return nil, invalid(subject, "responsePageSize", fmt.Sprintf("must be 1 to %d", MaxPageSize))
	}
	req := &ocip.GroupGetListInServiceProviderPagedSortedListRequest{
		ServiceProviderID:     serviceProviderID,
		ResponsePagingControl: &ocip.ResponsePagingControl{ResponseStartIndex: startIndex, ResponsePageSize: pageSize},
	}
	r, err := c.do1(ctx, req)
	if err != nil {
		return nil, err
	}
	got, ok := r.(*ocip.GroupGetListInServiceProviderPagedSortedListResponse)
	if !ok {
		return nil, c.unexpected(req, r)
	}
	rows, err := got.Summaries()
	if err != nil {
		return nil, errors.New(c.red.Excerpt(err.Error(), 512))
	}
	return rows, nil
}
