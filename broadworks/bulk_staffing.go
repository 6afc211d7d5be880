package broadworks

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// The staffing half of the seam to package bulk (bulk.ModifyAgentsFromCSV,
// bulk.ExportAgentsCSV): read a call center's staffing, and change it by
// differences, never by a list that resets skill levels.

var (
	_ platform.Staffer         = bulkOps{}
	_ platform.StaffingBatcher = bulkOps{}
)

// ReadStaffing reads the staffing of the call center serviceUserID in one
// document of three commands: GroupCallCenterGetInstanceRequest22 (does it
// route by skill?), the first page of
// GroupCallCenterGetAgentPagedSortedListRequest (more pages follow only for
// a call center with more than [WithPageSize] agents) and
// GroupCallCenterGetSupervisorListRequest16. found is false, with a nil
// error, when the server answers "User not found" for the call center.
// Agents have skill levels only where the call center routes by skill.
func (o bulkOps) ReadStaffing(ctx context.Context, serviceUserID string) (callcenter.Staffing, bool, error) {
	cmd, err := o.BuildReadStaffing(serviceUserID)
	if err != nil {
		return callcenter.Staffing{}, false, err
	}
	answers, errs := o.exchange(ctx, []any{cmd}, "ReadStaffing")
	st, _ := answers[0].(*callcenter.Staffing)
	if errs[0] != nil || st == nil {
		return callcenter.Staffing{}, false, errs[0]
	}
	return *st, true, nil
}

// staffingRead is the read BuildReadStaffing returns: the three requests
// of ReadStaffing.
type staffingRead struct {
	get  *ocip.GroupCallCenterGetInstanceRequest22
	page *ocip.GroupCallCenterGetAgentPagedSortedListRequest
	sup  *ocip.GroupCallCenterGetSupervisorListRequest16
	size int // the page size asked for
}

// BuildReadStaffing returns the read of the staffing of the call center
// serviceUserID, for Exchange: the three commands ReadStaffing sends,
// answered as ReadStaffing answers (a *callcenter.Staffing, or nil when
// there is no such call center). It does no I/O.
func (o bulkOps) BuildReadStaffing(serviceUserID string) (any, error) {
	size := o.c.cfg.pageSize
	page, err := agentPage("broadworks: read staffing request", serviceUserID, 1, size)
	if err != nil {
		return nil, err
	}
	return &staffingRead{
		get:  &ocip.GroupCallCenterGetInstanceRequest22{ServiceUserID: serviceUserID},
		page: page,
		sup:  &ocip.GroupCallCenterGetSupervisorListRequest16{ServiceUserID: serviceUserID},
		size: size,
	}, nil
}

// staffingAnswer is the answer of a staffing read from the responses to
// its three commands: the staffing (the agents' further pages read now,
// for a call center with more than a page of them), or nil (with a nil
// error) when the server answers "User not found".
func (o bulkOps) staffingAnswer(ctx context.Context, rd *staffingRead, resps []Response) (any, error) {
	c := o.c
	serviceUserID := rd.get.ServiceUserID
	var cc *ocip.GroupCallCenterGetInstanceResponse22
	switch r := resps[0].(type) {
	case *Error:
		if errors.Is(r, ErrNotFound) {
			return nil, nil
		}
		return nil, r
	case *ocip.GroupCallCenterGetInstanceResponse22:
		cc = r
	default:
		return nil, c.unexpected(rd.get, r)
	}
	st := callcenter.Staffing{ServiceUserID: serviceUserID, Agents: []callcenter.Agent{}, Supervisors: []string{},
		SkillBased: cc.Type == callcenter.Premium && cc.RoutingType == callcenter.SkillBased}
	for _, r := range resps[1:] {
		if e, ok := r.(*Error); ok {
			return nil, e
		}
	}
	rows, err := c.agentRows(rd.page, resps[1])
	if err != nil {
		return nil, err
	}
	if len(rows) == rd.size {
		// More than a page: the rest, page by page, with the first again
		// (ListAgents stops at a server that ignores paging).
		rows = rows[:0]
		for a, err := range c.ListAgents(ctx, serviceUserID) {
			if err != nil {
				return nil, err
			}
			rows = append(rows, a)
		}
	}
	for _, a := range rows {
		level := 0
		if st.SkillBased {
			level = a.SkillLevel
		}
		st.Agents = append(st.Agents, callcenter.Agent{UserID: strings.TrimSpace(a.UserID), SkillLevel: level})
	}
	sups, err := c.supervisorRows(rd.sup, resps[2])
	if err != nil {
		return nil, err
	}
	for _, s := range sups {
		st.Supervisors = append(st.Supervisors, strings.TrimSpace(s.UserID))
	}
	return &st, nil
}

// BuildStaffing returns the commands that make the change d, in the order
// they go in one document: the removals (agents, supervisors), the
// additions (agents by skill level on a call center that routes by skill,
// supervisors), then, when d sets skill levels, one
// GroupCallCenterModifyAgentListRequest listing every agent of d.After at
// its level (skilledAgentUserIdList: none is reset, none dropped). The
// result is a []Command. It does no I/O. A change that sets levels on a
// call center that does not route by skill, or has nothing to change, is
// an error.
func (bulkOps) BuildStaffing(d callcenter.StaffingDiff) (any, error) {
	const subject = "broadworks: staffing change"
	if d.Empty() {
		return nil, invalid(subject, "serviceUserId", "nothing to change")
	}
	id := d.ServiceUserID
	if err := checkIDs(subject, "serviceUserId", id); err != nil {
		return nil, err
	}
	var cmds []Command
	if len(d.RemoveAgents) > 0 {
		if err := checkList(subject, "agentUserId", d.RemoveAgents); err != nil {
			return nil, err
		}
		cmds = append(cmds, &ocip.GroupCallCenterDeleteAgentListRequest{ServiceUserID: id, AgentUserIDs: d.RemoveAgents})
	}
	if len(d.RemoveSupervisors) > 0 {
		if err := checkList(subject, "supervisorUserId", d.RemoveSupervisors); err != nil {
			return nil, err
		}
		cmds = append(cmds, &ocip.GroupCallCenterDeleteSupervisorListRequest{ServiceUserID: id, SupervisorUserIDs: d.RemoveSupervisors})
	}
	if len(d.AddAgents) > 0 {
		if err := checkStaff(subject, id, "agentUserId", d.AddAgents, nil); err != nil {
			return nil, err
		}
		add := d.AddAgents
		if d.After.SkillBased {
			// Every new agent at its level (R25's default, 1, when none).
			add = make([]callcenter.Agent, len(d.AddAgents))
			for i, a := range d.AddAgents {
				add[i] = a
				if add[i].SkillLevel == 0 {
					add[i].SkillLevel = callcenter.DefaultSkillLevel
				}
			}
		} else if slicesAnyLevel(add) {
			return nil, invalid(subject, "agentUserIdList.skillLevel", id+" does not route calls by skill: its agents have no skill level")
		}
		cmds = append(cmds, addAgentsRequest(id, add))
	}
	if len(d.AddSupervisors) > 0 {
		if err := checkStaff(subject, id, "supervisorUserId", nil, d.AddSupervisors); err != nil {
			return nil, err
		}
		cmds = append(cmds, &ocip.GroupCallCenterAddSupervisorListRequest{ServiceUserID: id, SupervisorUserIDs: d.AddSupervisors})
	}
	if len(d.SetSkills) > 0 {
		if !d.After.SkillBased {
			return nil, invalid(subject, "agentUserIdList.skillLevel", id+" does not route calls by skill: its agents have no skill level")
		}
		for i, a := range d.After.Agents {
			if msg := callcenter.SkillLevelProblem(a.SkillLevel); msg != "" {
				return nil, invalid(subject, fmt.Sprintf(callcenter.AgentSkillLevelField, i), msg)
			}
		}
		after := d.After
		after.ServiceUserID = id
		cmds = append(cmds, skilledListRequest(after))
	}
	return cmds, nil
}

func slicesAnyLevel(agents []callcenter.Agent) bool {
	for _, a := range agents {
		if a.SkillLevel != 0 {
			return true
		}
	}
	return false
}

// checkList checks ids of a list to send.
func checkList(subject, field string, ids []string) error {
	for i, id := range ids {
		if err := checkIDs(subject, fmt.Sprintf("%s[%d]", field, i), id); err != nil {
			return err
		}
	}
	return nil
}

// SendStaffing sends the commands BuildStaffing returned in one document.
// The answer is "SuccessResponse" when every command succeeded. Otherwise
// the error is the first refusal (an [*Error]; the other commands of the
// document may have been carried out), or the exchange's failure (matching
// [ErrOutcomeUnknown] when a command that is never sent twice may have
// been carried out). Exchange sends such a change together with other
// commands, answered the same way.
func (o bulkOps) SendStaffing(ctx context.Context, cmd any) (string, error) {
	if cmds, ok := cmd.([]Command); !ok || len(cmds) == 0 {
		return "", fmt.Errorf("broadworks: SendStaffing needs the []broadworks.Command BuildStaffing returned, not %T", cmd)
	}
	answers, errs := o.exchange(ctx, []any{cmd}, "SendStaffing")
	text, _ := answers[0].(string)
	return text, errs[0]
}
