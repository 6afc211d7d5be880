package ocip

// GroupGetListInServiceProviderPagedSortedListRequest lists one page of the
// groups of a service provider or enterprise (R25), sorted by group id.
// The answer is a [*GroupGetListInServiceProviderPagedSortedListResponse].
type GroupGetListInServiceProviderPagedSortedListRequest struct {
	ServiceProviderID     string                 `xml:"serviceProviderId" json:"serviceProviderId"`
	ResponsePagingControl *ResponsePagingControl `xml:"responsePagingControl,omitempty" json:"responsePagingControl,omitempty"`
}

// OCIType returns "GroupGetListInServiceProviderPagedSortedListRequest".
func (*GroupGetListInServiceProviderPagedSortedListRequest) OCIType() string {
	return "GroupGetListInServiceProviderPagedSortedListRequest"
}

// Idempotent returns true.
func (*GroupGetListInServiceProviderPagedSortedListRequest) Idempotent() bool { return true }

func (c *GroupGetListInServiceProviderPagedSortedListRequest) appendTo(dst []byte) []byte {
	dst = slicesGrow(dst, 300+escapedLen(c.ServiceProviderID))
	dst = appendCommandStart(dst, "GroupGetListInServiceProviderPagedSortedListRequest")
	dst = appendElem(dst, "serviceProviderId", c.ServiceProviderID)
	dst = appendPaging(dst, c.ResponsePagingControl)
	return appendCommandEnd(dst)
}

// GroupGetListInServiceProviderPagedSortedListResponse holds one page of
// the groupTable, with columns "Group Id", "Group Name", "User Limit" and
// "Group External Id". [GroupGetListInServiceProviderPagedSortedListResponse.Summaries]
// reads it by column heading.
type GroupGetListInServiceProviderPagedSortedListResponse struct {
	GroupTable Table `xml:"groupTable" json:"groupTable"`
}

// OCIType returns "GroupGetListInServiceProviderPagedSortedListResponse".
func (*GroupGetListInServiceProviderPagedSortedListResponse) OCIType() string {
	return "GroupGetListInServiceProviderPagedSortedListResponse"
}

func init() {
	register(func() decodable { return new(GroupGetListInServiceProviderPagedSortedListResponse) })
}

func (r *GroupGetListInServiceProviderPagedSortedListResponse) decode(d *decoder, name []byte, empty bool) bool {
	return d.decodeTableIn(name, empty, "groupTable", &r.GroupTable)
}

// GroupSummary is one row of a service provider's group list.
type GroupSummary struct {
	GroupID    string `json:"group_id"`
	Name       string `json:"name,omitempty"`
	UserLimit  string `json:"user_limit,omitempty"`
	ExternalID string `json:"external_id,omitempty"`
}

// Summaries reads the page by column heading. A table without a "Group Id"
// column is an error; other missing columns read as empty.
func (r *GroupGetListInServiceProviderPagedSortedListResponse) Summaries() ([]GroupSummary, error) {
	return tableRows(&r.GroupTable, "groupTable", "Group Id", func(t *Table, i int) GroupSummary {
		return GroupSummary{
			GroupID:    t.Value(i, "Group Id"),
			Name:       t.Value(i, "Group Name"),
			UserLimit:  t.Value(i, "User Limit"),
			ExternalID: t.Value(i, "Group External Id"),
		}
	})
}
