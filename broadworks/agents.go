package broadworks

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// The staffing of a call center: its agents (with their skill levels, on a
// call center that routes by skill) and its supervisors.

// AgentSummary is one row of a call center's agent list, as
// [Client.ListAgents] yields it: see [ocip.AgentSummary].
type AgentSummary = ocip.AgentSummary

// SupervisorSummary is one row of a call center's supervisor list, as
// [Client.ListSupervisors] yields it: see [ocip.SupervisorSummary].
type SupervisorSummary = ocip.SupervisorSummary

// MaxListAgents bounds what [Client.ListAgents] reads of one call center:
// past this many agents it stops with an error (a call center holds far
// fewer), as it does when the server sends an agent twice (a server that
// ignores paging), so that a broken server cannot keep a listing going.
const MaxListAgents = 100_000

// ListAgents yields the agents of the call center serviceUserID, a page at
// a time as the loop asks for them (GroupCallCenterGetAgentPagedSortedListRequest
// of R25, pages of [WithPageSize] rows), in the server's order: the
// priority order of the list, or on a call center that routes by skill,
// by skill level first. Each has its skill level where the call center
// routes by skill. R25's lists have no join status (whether an agent has
// joined the queue): that is per agent, UserCallCenterGetRequest23's, which
// this package does not send. An error ends the sequence (yielded once,
// with a zero summary); a call center that does not exist is an [*Error]
// matching [ErrNotFound].
func (c *Client) ListAgents(ctx context.Context, serviceUserID string) iter.Seq2[AgentSummary, error] {
	what := "agents of " + c.red.Excerpt(serviceUserID, 161)
	return pager[AgentSummary]{
		size: c.cfg.pageSize, bound: MaxListAgents,
		key: func(a AgentSummary) string { return callcenter.UserIDKey(a.UserID) },
		page: func(start, size int) ([]AgentSummary, error) {
			return c.ListAgentsPage(ctx, serviceUserID, start, size)
		},
		twice: func(AgentSummary) error {
			return fmt.Errorf("broadworks: listing the %s stopped: the server sent a row twice (it ignores paging)", what)
		},
		tooMany: fmt.Errorf("broadworks: listing the %s stopped after %d rows: the server keeps sending pages", what, MaxListAgents),
	}.all()
}

// ListAgentsPage returns one page of the agents of the call center
// serviceUserID: at most pageSize (1 to [MaxPageSize]) rows from row
// startIndex on (1 is the first row). A page shorter than pageSize is the
// last one.
func (c *Client) ListAgentsPage(ctx context.Context, serviceUserID string, startIndex, pageSize int) ([]AgentSummary, error) {
	const subject = "broadworks: list agents request"
	req, err := agentPage(subject, serviceUserID, startIndex, pageSize)
	if err != nil {
		return nil, err
	}
	return listRows(ctx, c, req, (*ocip.GroupCallCenterGetAgentPagedSortedListResponse).Agents)
}

// agentPage builds the request of one page of agents.
func agentPage(subject, serviceUserID string, startIndex, pageSize int) (*ocip.GroupCallCenterGetAgentPagedSortedListRequest, error) {
	if err := checkIDs(subject, "serviceUserId", serviceUserID); err != nil {
		return nil, err
	}
	paging, err := pagingControl(subject, startIndex, pageSize)
	if err != nil {
		return nil, err
	}
	return &ocip.GroupCallCenterGetAgentPagedSortedListRequest{ServiceUserID: serviceUserID, ResponsePagingControl: paging}, nil
}

// agentRows reads the answer to a page of agents.
func (c *Client) agentRows(req Command, r Response) ([]AgentSummary, error) {
	return rowsOf(c, req, r, (*ocip.GroupCallCenterGetAgentPagedSortedListResponse).Agents)
}

// AddAgents adds agents to the call center serviceUserID
// (GroupCallCenterAddAgentListRequest, one document). On a call center that
// routes by skill, give each agent its SkillLevel (1 to 20); one without a
// level gets [callcenter.DefaultSkillLevel], as R25 documents. On other
// call centers leave the levels 0: the server refuses levels there. The
// agents are refused before sending when an id is not of the form
// user@domain, is given twice, or a level is out of range; the server
// refuses users that are not users of the call center's service provider
// or are agents already. The agents the call center has keep their places
// and levels. It is never sent twice.
func (c *Client) AddAgents(ctx context.Context, serviceUserID string, agents ...callcenter.Agent) error {
	const subject = "broadworks: add agents request"
	if err := checkStaff(subject, serviceUserID, "agentUserId", agents, nil); err != nil {
		return err
	}
	return c.expectSuccess(ctx, addAgentsRequest(serviceUserID, agents))
}

// addAgentsRequest builds the add of agents (valid): by skill level when
// any has one, else as plain ids.
func addAgentsRequest(serviceUserID string, agents []callcenter.Agent) *ocip.GroupCallCenterAddAgentListRequest {
	req := &ocip.GroupCallCenterAddAgentListRequest{ServiceUserID: serviceUserID}
	if !slices.ContainsFunc(agents, func(a callcenter.Agent) bool { return a.SkillLevel != 0 }) {
		for _, a := range agents {
			req.AgentUserIDs = append(req.AgentUserIDs, a.UserID)
		}
		return req
	}
	byLevel := map[int][]string{}
	for _, a := range agents {
		l := a.SkillLevel
		if l == 0 {
			l = callcenter.DefaultSkillLevel
		}
		byLevel[l] = append(byLevel[l], a.UserID)
	}
	for l := callcenter.MinSkillLevel; l <= callcenter.MaxSkillLevel; l++ {
		if ids := byLevel[l]; len(ids) > 0 {
			req.AgentSkillLists = append(req.AgentSkillLists, ocip.CallCenterSkillAgentList{SkillLevel: l, Agents: ids})
		}
	}
	return req
}

// RemoveAgents removes agents from the call center serviceUserID
// (GroupCallCenterDeleteAgentListRequest, one document); the others keep
// their places and levels. The server refuses ids that are not agents of
// the call center. It is never sent twice.
func (c *Client) RemoveAgents(ctx context.Context, serviceUserID string, userIDs ...string) error {
	const subject = "broadworks: remove agents request"
	agents := make([]callcenter.Agent, len(userIDs))
	for i, id := range userIDs {
		agents[i].UserID = id
	}
	if err := checkStaff(subject, serviceUserID, "agentUserId", agents, nil); err != nil {
		return err
	}
	return c.expectSuccess(ctx, &ocip.GroupCallCenterDeleteAgentListRequest{ServiceUserID: serviceUserID, AgentUserIDs: slices.Clone(userIDs)})
}

// SetSkillLevels sets the skill levels (1 to 20) of agents of the call
// center serviceUserID, which must route by skill; the other agents keep
// theirs. R25 sets levels with GroupCallCenterModifyAgentListRequest and a
// server may read its list as the whole agent list, so SetSkillLevels reads
// the list first ([Client.ListAgents]) and sends every agent, each at its
// level, changed or not: no agent is dropped and no level reset (the plain
// agentUserIdList form, which resets every level to 1, is never sent). An
// agent named that the call center does not have is refused before
// sending, and so is a call center whose list shows no skill levels (it
// does not route by skill). An agent added by someone else between the
// read and the write is not in the list sent.
func (c *Client) SetSkillLevels(ctx context.Context, serviceUserID string, agents ...callcenter.Agent) error {
	const subject = "broadworks: set skill levels request"
	if err := checkStaff(subject, serviceUserID, "agentUserId", agents, nil); err != nil {
		return err
	}
	ve := &ValidationError{Subject: subject}
	want := map[string]int{}
	for i, a := range agents {
		if a.SkillLevel == 0 {
			ve.Errors = append(ve.Errors, FieldError{Field: fmt.Sprintf(callcenter.AgentSkillLevelField, i), Message: "is required"})
		}
		want[callcenter.UserIDKey(a.UserID)] = a.SkillLevel
	}
	if len(ve.Errors) > 0 {
		return ve
	}
	st := callcenter.Staffing{ServiceUserID: serviceUserID, SkillBased: true}
	for a, err := range c.ListAgents(ctx, serviceUserID) {
		if err != nil {
			return err
		}
		if a.SkillLevel == 0 {
			return fmt.Errorf("broadworks: set skill levels of %s: the agent list shows no skill level for %s: the call center does not route by skill (Premium, routingType Skill Based)",
				c.red.Excerpt(serviceUserID, 161), c.red.Excerpt(a.UserID, 161))
		}
		st.Agents = append(st.Agents, callcenter.Agent{UserID: a.UserID, SkillLevel: a.SkillLevel})
	}
	d := callcenter.StaffingDiff{ServiceUserID: serviceUserID}
	for i, a := range agents {
		j := slices.IndexFunc(st.Agents, func(s callcenter.Agent) bool { return callcenter.SameUserID(s.UserID, a.UserID) })
		if j < 0 {
			ve.Errors = append(ve.Errors, FieldError{Field: fmt.Sprintf(callcenter.AgentUserIDField, i), Message: fmt.Sprintf("%q is not an agent of %s", a.UserID, serviceUserID)})
			continue
		}
		d.SetSkills = append(d.SetSkills, callcenter.SkillChange{UserID: st.Agents[j].UserID, From: st.Agents[j].SkillLevel, To: a.SkillLevel})
	}
	if len(ve.Errors) > 0 {
		return ve
	}
	return c.expectSuccess(ctx, skilledListRequest(d.ApplyTo(st)))
}

// skilledListRequest builds the modify that sets every agent of after (a
// skill-based staffing whose agents all have levels) at its level: one
// skilledAgentUserIdList per level, in level order, each in after's order.
func skilledListRequest(after callcenter.Staffing) *ocip.GroupCallCenterModifyAgentListRequest {
	req := &ocip.GroupCallCenterModifyAgentListRequest{ServiceUserID: after.ServiceUserID}
	byLevel := map[int][]string{}
	for _, a := range after.Agents {
		byLevel[a.SkillLevel] = append(byLevel[a.SkillLevel], a.UserID)
	}
	for l := callcenter.MinSkillLevel; l <= callcenter.MaxSkillLevel; l++ {
		if ids := byLevel[l]; len(ids) > 0 {
			req.SkilledAgentUserIDList = append(req.SkilledAgentUserIDList, ocip.CallCenterReplacementSkilledAgents{
				SkillLevel: l, Agents: ocip.Nillable[ocip.ReplacementUserIDList]{Value: ocip.ReplacementUserIDList{UserIDs: ids}}})
		}
	}
	return req
}

// ListSupervisors yields the supervisors of the call center serviceUserID
// (GroupCallCenterGetSupervisorListRequest16: R25 does not page it, so it
// is one request). An error ends the sequence; a call center that does not
// exist is an [*Error] matching [ErrNotFound].
func (c *Client) ListSupervisors(ctx context.Context, serviceUserID string) iter.Seq2[SupervisorSummary, error] {
	return func(yield func(SupervisorSummary, error) bool) {
		rows, err := c.supervisors(ctx, serviceUserID)
		if err != nil {
			yield(SupervisorSummary{}, err)
			return
		}
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func (c *Client) supervisors(ctx context.Context, serviceUserID string) ([]SupervisorSummary, error) {
	if err := checkIDs("broadworks: list supervisors request", "serviceUserId", serviceUserID); err != nil {
		return nil, err
	}
	req := &ocip.GroupCallCenterGetSupervisorListRequest16{ServiceUserID: serviceUserID}
	return listRows(ctx, c, req, (*ocip.GroupCallCenterGetSupervisorListResponse16).Supervisors)
}

// supervisorRows reads the answer to a supervisor list.
func (c *Client) supervisorRows(req Command, r Response) ([]SupervisorSummary, error) {
	return rowsOf(c, req, r, (*ocip.GroupCallCenterGetSupervisorListResponse16).Supervisors)
}

// AddSupervisors adds supervisors to the call center serviceUserID
// (GroupCallCenterAddSupervisorListRequest, one document), with
// [Client.AddAgents]' checks. It is never sent twice.
func (c *Client) AddSupervisors(ctx context.Context, serviceUserID string, userIDs ...string) error {
	if err := checkStaff("broadworks: add supervisors request", serviceUserID, "supervisorUserId", nil, userIDs); err != nil {
		return err
	}
	return c.expectSuccess(ctx, &ocip.GroupCallCenterAddSupervisorListRequest{ServiceUserID: serviceUserID, SupervisorUserIDs: slices.Clone(userIDs)})
}

// RemoveSupervisors removes supervisors from the call center
// serviceUserID (GroupCallCenterDeleteSupervisorListRequest, one
// document). It is never sent twice.
func (c *Client) RemoveSupervisors(ctx context.Context, serviceUserID string, userIDs ...string) error {
	if err := checkStaff("broadworks: remove supervisors request", serviceUserID, "supervisorUserId", nil, userIDs); err != nil {
		return err
	}
	return c.expectSuccess(ctx, &ocip.GroupCallCenterDeleteSupervisorListRequest{ServiceUserID: serviceUserID, SupervisorUserIDs: slices.Clone(userIDs)})
}

// checkStaff checks the arguments of a staffing request: the call center's
// id, and at least one agent or supervisor (field names the list), each valid
// ([callcenter.Staffing.Validate]: user@domain, none twice, levels 0 or 1
// to 20) and sendable.
func checkStaff(subject, serviceUserID, field string, agents []callcenter.Agent, supervisors []string) error {
	if err := checkIDs(subject, "serviceUserId", serviceUserID); err != nil {
		return err
	}
	if len(agents) == 0 && len(supervisors) == 0 {
		return invalid(subject, field, "at least one is required")
	}
	st := callcenter.Staffing{ServiceUserID: serviceUserID, Agents: agents, Supervisors: supervisors}
	var ve *ValidationError
	if errors.As(st.Validate(), &ve) {
		ve.Subject = subject
		return ve
	}
	for i, a := range agents {
		if err := checkIDs(subject, fmt.Sprintf(callcenter.AgentUserIDField, i), a.UserID); err != nil {
			return err
		}
	}
	for i, id := range supervisors {
		if err := checkIDs(subject, fmt.Sprintf(callcenter.SupervisorUserIDField, i), id); err != nil {
			return err
		}
	}
	return nil
}
