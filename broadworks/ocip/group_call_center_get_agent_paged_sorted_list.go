package ocip

import (
	"strconv"
	"strings"
)

// GroupCallCenterGetAgentPagedSortedListRequest lists one page of the
// agents of a call center (R25). The server sorts them as the call center
// routes: by priority (the order of the agent list, the hunt order of the
// Regular and Circular policies), or on a skill-based call center by skill
// level first. The answer is a
// [*GroupCallCenterGetAgentPagedSortedListResponse]. R25 also offers
// GroupCallCenterGetAgentListRequest, without paging, whose "Skill Level"
// column is documented for AS data mode only; this paged request is the
// one package broadworks sends. The search criteria of the schema
// (searchCriteriaUserId and the others) are not offered: the client lists
// every agent.
type GroupCallCenterGetAgentPagedSortedListRequest struct {
	ServiceUserID         string                 `xml:"serviceUserId" json:"serviceUserId"`
	ResponsePagingControl *ResponsePagingControl `xml:"responsePagingControl,omitempty" json:"responsePagingControl,omitempty"`
}

// OCIType returns "GroupCallCenterGetAgentPagedSortedListRequest".
func (*GroupCallCenterGetAgentPagedSortedListRequest) OCIType() string {
	return "GroupCallCenterGetAgentPagedSortedListRequest"
}

// Idempotent returns true.
func (*GroupCallCenterGetAgentPagedSortedListRequest) Idempotent() bool { return true }

func (c *GroupCallCenterGetAgentPagedSortedListRequest) appendTo(dst []byte) []byte {
	dst = slicesGrow(dst, 260+escapedLen(c.ServiceUserID))
	dst = appendCommandStart(dst, "GroupCallCenterGetAgentPagedSortedListRequest")
	dst = appendElem(dst, "serviceUserId", c.ServiceUserID)
	dst = appendPaging(dst, c.ResponsePagingControl)
	return appendCommandEnd(dst)
}

// GroupCallCenterGetAgentPagedSortedListResponse holds one page of the
// agentTable, with the columns "User Id", "Last Name", "First Name",
// "Hiragana Last Name", "Hiragana First Name", "Weight", "Phone Number",
// "Extension", "Department", "Email Address" and "Skill Level".
// [GroupCallCenterGetAgentPagedSortedListResponse.Agents] reads it by
// column heading. The table has no join status (whether an agent has
// joined the call center's queue): R25 gives that per agent, in the
// "Available" column of UserCallCenterGetResponse23.
type GroupCallCenterGetAgentPagedSortedListResponse struct {
	AgentTable Table `xml:"agentTable" json:"agentTable"`
}

// OCIType returns "GroupCallCenterGetAgentPagedSortedListResponse".
func (*GroupCallCenterGetAgentPagedSortedListResponse) OCIType() string {
	return "GroupCallCenterGetAgentPagedSortedListResponse"
}

func init() {
	register(func() decodable { return new(GroupCallCenterGetAgentPagedSortedListResponse) })
}

func (r *GroupCallCenterGetAgentPagedSortedListResponse) decode(d *decoder, name []byte, empty bool) bool {
	return d.decodeTableIn(name, empty, "agentTable", &r.AgentTable)
}

// AgentSummary is one row of a call center's agent list.
type AgentSummary struct {
	UserID            string `json:"user_id"`
	LastName          string `json:"last_name,omitempty"`
	FirstName         string `json:"first_name,omitempty"`
	HiraganaLastName  string `json:"hiragana_last_name,omitempty"`
	HiraganaFirstName string `json:"hiragana_first_name,omitempty"`
	// Weight is the agent's share of the calls of a call center with the
	// Weighted policy (0 when the answer has none).
	Weight       int    `json:"weight,omitempty"`
	PhoneNumber  string `json:"phone_number,omitempty"`
	Extension    string `json:"extension,omitempty"`
	Department   string `json:"department,omitempty"`
	EmailAddress string `json:"email_address,omitempty"`
	// SkillLevel is the agent's skill level (1 to 20) as the answer gives
	// it; 0 when the answer gives none or one that is not a number.
	SkillLevel int `json:"skill_level,omitempty"`
}

// Agents reads the page by column heading. A table without a "User Id"
// column is an error; other missing columns read as empty or 0.
func (r *GroupCallCenterGetAgentPagedSortedListResponse) Agents() ([]AgentSummary, error) {
	return tableRows(&r.AgentTable, "agentTable", "User Id", func(t *Table, i int) AgentSummary {
		return AgentSummary{
			UserID:            t.Value(i, "User Id"),
			LastName:          t.Value(i, "Last Name"),
			FirstName:         t.Value(i, "First Name"),
			HiraganaLastName:  t.Value(i, "Hiragana Last Name"),
			HiraganaFirstName: t.Value(i, "Hiragana First Name"),
			Weight:            number(t.Value(i, "Weight")),
			PhoneNumber:       t.Value(i, "Phone Number"),
			Extension:         t.Value(i, "Extension"),
			Department:        t.Value(i, "Department"),
			EmailAddress:      t.Value(i, "Email Address"),
			SkillLevel:        number(t.Value(i, "Skill Level")),
		}
	})
}

// number reads a table cell as a non-negative integer (0 when it is not
// one).
func number(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}
