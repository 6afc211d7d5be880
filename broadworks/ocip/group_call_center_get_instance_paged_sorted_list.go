package ocip

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

func (c *GroupCallCenterGetInstancePagedSortedListRequest) appendTo(dst []byte) []byte {
	dst = slicesGrow(dst, 300+escapedLen(c.ServiceProviderID, c.GroupID))
	dst = appendCommandStart(dst, "GroupCallCenterGetInstancePagedSortedListRequest")
	dst = appendElem(dst, "serviceProviderId", c.ServiceProviderID)
	dst = appendElem(dst, "groupId", c.GroupID)
	dst = appendPaging(dst, c.ResponsePagingControl)
	return appendCommandEnd(dst)
}

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

func init() {
	register(func() decodable { return new(GroupCallCenterGetInstancePagedSortedListResponse) })
}

func (r *GroupCallCenterGetInstancePagedSortedListResponse) decode(d *decoder, name []byte, empty bool) bool {
	return d.decodeTableIn(name, empty, "callCenterTable", &r.CallCenterTable)
}

// Summaries reads the page by column heading, as
// [GroupCallCenterGetInstanceListResponse.Summaries] does.
func (r *GroupCallCenterGetInstancePagedSortedListResponse) Summaries() ([]CallCenterSummary, error) {
	return callCenterSummaries(&r.CallCenterTable)
}
