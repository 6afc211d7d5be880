package ocip

// GroupCallCenterDeleteAgentListRequest removes agents (at least one) from
// a call center; the answer is a [*SuccessResponse]. The others keep their
// place and skill level.
type GroupCallCenterDeleteAgentListRequest struct {
	ServiceUserID string   `xml:"serviceUserId" json:"serviceUserId"`
	AgentUserIDs  []string `xml:"agentUserId" json:"agentUserId"`
}

// OCIType returns "GroupCallCenterDeleteAgentListRequest".
func (*GroupCallCenterDeleteAgentListRequest) OCIType() string {
	return "GroupCallCenterDeleteAgentListRequest"
}

// Idempotent returns false: sent again after it worked, the server would
// refuse agents it no longer holds, so it is never sent twice.
func (*GroupCallCenterDeleteAgentListRequest) Idempotent() bool { return false }

func (c *GroupCallCenterDeleteAgentListRequest) appendTo(dst []byte) []byte {
	return appendIDListCommand(dst, "GroupCallCenterDeleteAgentListRequest", c.ServiceUserID, "agentUserId", c.AgentUserIDs)
}
