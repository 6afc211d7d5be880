package ocip

// GroupCallCenterModifyAgentListRequest sets the agent list of a
// skill-based call center, agents grouped by skill level; the answer is a
// [*SuccessResponse].
//
// The schema's request is a choice, and this type offers one side of it on
// purpose. The other side, a plain agentUserIdList (what mercury-ocip's
// call.center.update.agent.list sheet sends), replaces the list and, R25's
// documentation says, sets every agent of a skill-based Premium call
// center to skill level 1: an update of who is an agent silently resets
// every tuned skill. With SkilledAgentUserIDList each agent keeps the level
// it is listed at. A server may read the list as the whole new agent list,
// so list every agent the call center is to keep, each at its level
// (package broadworks does: see broadworks.Client.SetSkillLevels).
type GroupCallCenterModifyAgentListRequest struct {
	ServiceUserID          string                               `xml:"serviceUserId" json:"serviceUserId"`
	SkilledAgentUserIDList []CallCenterReplacementSkilledAgents `xml:"skilledAgentUserIdList" json:"skilledAgentUserIdList,omitempty"`
}

// CallCenterReplacementSkilledAgents is the agents of one skill level (1
// to 20); a cleared (Nil) list has no agent at that level.
type CallCenterReplacementSkilledAgents struct {
	SkillLevel int                             `xml:"skillLevel" json:"skillLevel"`
	Agents     Nillable[ReplacementUserIDList] `xml:"agents" json:"agents"`
}

// ReplacementUserIDList is a list of user ids that replaces another (at
// least one id).
type ReplacementUserIDList struct {
	UserIDs []string `xml:"userId" json:"userId"`
}

// OCIType returns "GroupCallCenterModifyAgentListRequest".
func (*GroupCallCenterModifyAgentListRequest) OCIType() string {
	return "GroupCallCenterModifyAgentListRequest"
}

// Idempotent returns true: setting the same list twice has the effect of
// setting it once.
func (*GroupCallCenterModifyAgentListRequest) Idempotent() bool { return true }

func (c *GroupCallCenterModifyAgentListRequest) appendTo(dst []byte) []byte {
	n := 120 + escapedLen(c.ServiceUserID)
	for _, l := range c.SkilledAgentUserIDList {
		n += 90 + len(l.Agents.Value.UserIDs)*17 + escapedLen(l.Agents.Value.UserIDs...)
	}
	dst = slicesGrow(dst, n)
	dst = appendCommandStart(dst, "GroupCallCenterModifyAgentListRequest")
	dst = appendElem(dst, "serviceUserId", c.ServiceUserID)
	for _, l := range c.SkilledAgentUserIDList {
		dst = append(dst, "<skilledAgentUserIdList>"...)
		dst = appendIntElem(dst, "skillLevel", l.SkillLevel)
		if l.Agents.Nil {
			dst = appendNil(dst, "agents")
		} else {
			dst = append(dst, "<agents>"...)
			for _, id := range l.Agents.Value.UserIDs {
				dst = appendElem(dst, "userId", id)
			}
			dst = append(dst, "</agents>"...)
		}
		dst = append(dst, "</skilledAgentUserIdList>"...)
	}
	return appendCommandEnd(dst)
}
