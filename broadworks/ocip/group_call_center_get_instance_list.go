package ocip

import (
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
)

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

func (c *GroupCallCenterGetInstanceListRequest) appendTo(dst []byte) []byte {
	dst = slicesGrow(dst, 160+len(c.ServiceProviderID)+len(c.GroupID)+len(c.GroupDepartmentName))
	dst = appendCommandStart(dst, "GroupCallCenterGetInstanceListRequest")
	dst = appendElem(dst, "serviceProviderId", c.ServiceProviderID)
	dst = appendElem(dst, "groupId", c.GroupID)
	dst = appendOptElem(dst, "groupDepartmentName", c.GroupDepartmentName)
	return appendCommandEnd(dst)
}

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

func init() {
	register(func() decodable { return new(GroupCallCenterGetInstanceListResponse) })
}

func (r *GroupCallCenterGetInstanceListResponse) decode(d *decoder, name []byte, empty bool) bool {
	return d.decodeTableIn(name, empty, "callCenterTable", &r.CallCenterTable)
}

// Summaries reads the table by column heading. A table without a
// "Service User Id" column is an error; other missing columns read as
// empty or false.
func (r *GroupCallCenterGetInstanceListResponse) Summaries() ([]CallCenterSummary, error) {
	return callCenterSummaries(&r.CallCenterTable)
}

// CallCenterSummary is one row of a group's call-center list.
type CallCenterSummary struct {
	ServiceUserID string            `json:"service_user_id"`
	Name          string            `json:"name"`
	Video         bool              `json:"video"`
	PhoneNumber   string            `json:"phone_number,omitempty"`
	Extension     string            `json:"extension,omitempty"`
	Department    string            `json:"department,omitempty"`
	IsActive      bool              `json:"is_active"`
	Policy        callcenter.Policy `json:"policy"`
	Type          callcenter.Type   `json:"type"`
}

// callCenterSummaries reads a callCenterTable by column heading.
func callCenterSummaries(t *Table) ([]CallCenterSummary, error) {
	return tableRows(t, "callCenterTable", "Service User Id", func(t *Table, i int) CallCenterSummary {
		var policy callcenter.Policy
		var typ callcenter.Type
		_ = policy.UnmarshalText([]byte(t.Value(i, "Policy")))
		_ = typ.UnmarshalText([]byte(t.Value(i, "Type")))
		return CallCenterSummary{
			ServiceUserID: t.Value(i, "Service User Id"),
			Name:          t.Value(i, "Name"),
			Video:         strings.EqualFold(t.Value(i, "Video"), "true"),
			PhoneNumber:   t.Value(i, "Phone Number"),
			Extension:     t.Value(i, "Extension"),
			Department:    t.Value(i, "Department"),
			IsActive:      strings.EqualFold(t.Value(i, "Is Active"), "true"),
			Policy:        policy,
			Type:          typ,
		}
	})
}
