package ocip

// GroupCallCenterAddAgentListRequest adds agents to a call center; the
// answer is a [*SuccessResponse]. The schema makes it a choice: agents
// without a skill level (AgentUserIDs; on a skill-based call center R25
// gives each the skill level 1) or agents by skill level
// (AgentSkillLists, for a skill-based Premium call center). Set one of the
// two: the type writes what it holds, and the server refuses both.
type GroupCallCenterAddAgentListRequest struct {
	ServiceUserID   string                     `xml:"serviceUserId" json:"serviceUserId"`
	AgentUserIDs    []string                   `xml:"agentUserId" json:"agentUserId,omitempty"`
	AgentSkillLists []CallCenterSkillAgentList `xml:"agentSkillList" json:"agentSkillList,omitempty"`
}

// CallCenterSkillAgentList is the agents of one skill level (1 to 20).
type CallCenterSkillAgentList struct {
	SkillLevel int      `xml:"skillLevel" json:"skillLevel"`
	Agents     []string `xml:"agent" json:"agent,omitempty"`
}

// OCIType returns "GroupCallCenterAddAgentListRequest".
func (*GroupCallCenterAddAgentListRequest) OCIType() string {
	return "GroupCallCenterAddAgentListRequest"
}

// Idempotent returns false: sent again after it worked, the server would
// refuse agents it holds already, so it is never sent twice.
func (*GroupCallCenterAddAgentListRequest) Idempotent() bool { return false }

func (c *GroupCallCenterAddAgentListRequest) appendTo(dst []byte) []byte {
	dst = appendIDListCommand(dst, "GroupCallCenterAddAgentListRequest", c.ServiceUserID, "agentUserId", c.AgentUserIDs)
	if len(c.AgentSkillLists) == 0 {
		return dst
	}
	dst = dst[:len(dst)-len("</command>")]
	for _, l := range c.AgentSkillLists {
		dst = append(dst, "<agentSkillList>"...)
		dst = appendIntElem(dst, "skillLevel", l.SkillLevel)
		for _, a := range l.Agents {
			dst = appendElem(dst, "agent", a)
		}
		dst = append(dst, "</agentSkillList>"...)
	}
	return appendCommandEnd(dst)
}
