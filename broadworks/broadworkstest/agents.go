package broadworkstest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Staffing: the users of the groups, and the agents and supervisors of the
// call centers (GroupCallCenterGetAgentPagedSortedListRequest,
// AddAgentListRequest, DeleteAgentListRequest, ModifyAgentListRequest,
// GetSupervisorListRequest16, AddSupervisorListRequest,
// DeleteSupervisorListRequest).

// Error numbers of the staffing commands. A user id that names no user is
// "[Error 4008] User not found: ID", as for a call center
// ([CodeUserNotFound]): the number and wording real servers give for a
// user id they do not know (the project's notes on real servers, and
// answers of real servers captured in the tests of public OCI-P client
// code, such as "[Error 4008] User not found: 6172251560@…"). The numbers
// below are the fake's own, invented: no public source found gives a real
// server's number for these refusals. Their texts say what is refused.
const (
	CodeAlreadyStaff  = 4009 // invented: the user is an agent (supervisor) of the call center already, or is listed twice
	CodeNotStaff      = 4010 // invented: the user is not an agent (supervisor) of the call center
	CodeNotSkillBased = 4011 // invented: skill levels for a call center that does not route by skill
	CodeNotAUser      = 4012 // invented: the id is a call center's, and a call center cannot be an agent or supervisor
)

// skillLimit is R25's CallCenterAgentSkillLevel, the fake's own copy
// (TestSkillLimitMatchesSchemaR25 holds it to the schema).
var skillLimit = limit{"CallCenterAgentSkillLevel", 1, 20}

// member is a user of a group: one who may be an agent or a supervisor.
type member struct{ sp, group, id string }

// agentEntry is one agent of a call center, in list order.
type agentEntry struct {
	id    string
	level int // kept on every call center; shown where it routes by skill
}

// WithGroupUsers declares users of a group, who may then be agents and
// supervisors of the call centers of the group's service provider. Only
// declared users can be: a call center is not a user, and creating one
// declares nothing. Ids compare by the identity rule
// ([callcenter.UserIDKey]).
func WithGroupUsers(serviceProviderID, groupID string, userIDs ...string) Option {
	return func(s *Server) { s.addMembers(serviceProviderID, groupID, userIDs) }
}

// AddGroupUsers declares users of a group (see [WithGroupUsers]).
func (s *Server) AddGroupUsers(serviceProviderID, groupID string, userIDs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addMembers(serviceProviderID, groupID, userIDs)
}

func (s *Server) addMembers(sp, group string, ids []string) {
	for _, id := range ids {
		s.members[callcenter.UserIDKey(id)] = member{sp: sp, group: group, id: strings.TrimSpace(id)}
	}
}

// Staffing returns the agents (with their skill levels, on a call center
// that routes by skill) and the supervisors of the stored call center
// serviceUserID, in list order.
func (s *Server) Staffing(serviceUserID string) (callcenter.Staffing, bool) {
	return readCenter(s, serviceUserID, staffingOf)
}

// staffingOf is the staffing of st, as Staffing returns it.
func staffingOf(st *stored) callcenter.Staffing {
	out := callcenter.Staffing{ServiceUserID: st.id, SkillBased: skillBased(st), Agents: []callcenter.Agent{}, Supervisors: slices.Clone(st.supervisors)}
	for _, a := range st.agents {
		level := 0
		if out.SkillBased {
			level = a.level
		}
		out.Agents = append(out.Agents, callcenter.Agent{UserID: a.id, SkillLevel: level})
	}
	if out.Supervisors == nil {
		out.Supervisors = []string{}
	}
	return out
}

// skillBased reports whether st routes calls by skill: a Premium call
// center whose routingType is Skill Based.
func skillBased(st *stored) bool {
	cc := st.cc()
	return cc.Type == callcenter.Premium && cc.RoutingType == callcenter.SkillBased
}

// staffID reads one user id of a staffing command: a token of R25's UserId
// (1 to 161 characters).
func staffID(v *values, k *node) string {
	id := strings.TrimSpace(k.text)
	if n := tokenLen(id); n < 1 || n > 161 {
		v.fail("<%s> must be 1 to 161 characters, has %d", k.name, n)
	}
	return id
}

// staffUser checks that id may be on st's staff: a declared user of st's
// service provider, not a call center. code is 0 when it may.
func (s *Server) staffUser(st *stored, id string) (code int, msg string) {
	k := callcenter.UserIDKey(id)
	if _, isCenter := s.centers[k]; isCenter {
		return CodeNotAUser, id + " is a call center, not a user: it cannot be an agent or a supervisor"
	}
	m, ok := s.members[k]
	if !ok || m.sp != st.sp {
		return CodeUserNotFound, "User not found: " + id
	}
	return 0, ""
}

// staffCommand reads the call center of a staffing command, checking the
// command's elements against seq. nil means the answer is written.
func (s *Server) staffCommand(o *out, c *node, seq []elem) *stored {
	if err := checkSeq(c, seq); err != nil {
		errorResponse(o, CodeSchema, err.Error())
		return nil
	}
	var v values
	id := v.token(c, "serviceUserId", "serviceUserId")
	if v.err != nil {
		errorResponse(o, CodeSchema, v.err.Error())
		return nil
	}
	st := s.centers[callcenter.UserIDKey(id)]
	if st == nil {
		errorResponse(o, CodeUserNotFound, "User not found: "+id)
	}
	return st
}

// newEntries checks users to add to a list of st (agents or supervisors,
// named by what): each a user who may be on staff, none listed twice,
// none on the list already (held reports that). All or nothing: the
// error answer is written and ok is false on the first problem.
func (s *Server) newEntries(o *out, st *stored, what string, ids []string, held func(key string) bool) bool {
	seen := map[string]bool{}
	for _, id := range ids {
		k := callcenter.UserIDKey(id)
		if code, msg := s.staffUser(st, id); code != 0 {
			errorResponse(o, code, msg)
			return false
		}
		if seen[k] || held(k) {
			errorResponse(o, CodeAlreadyStaff, fmt.Sprintf("%s is %s of %s already (or listed twice)", id, what, st.id))
			return false
		}
		seen[k] = true
	}
	return true
}

// getAgents answers GroupCallCenterGetAgentPagedSortedListRequest: the
// rows from responseStartIndex on, at most responsePageSize (1 to 2000);
// sorted by skill level, then list order, on a call center that routes by
// skill; in list order (the priority) otherwise.
func (s *Server) getAgents(o *out, c *node) {
	st := s.staffCommand(o, c, []elem{req("serviceUserId"), opt("responsePagingControl")})
	if st == nil {
		return
	}
	start, size, ok := paging(o, c)
	if !ok {
		return
	}
	skill := skillBased(st)
	rows := slices.Clone(st.agents)
	if skill {
		slices.SortStableFunc(rows, func(a, b agentEntry) int { return a.level - b.level })
	}
	dataStart(o, "GroupCallCenterGetAgentPagedSortedListResponse")
	o.raw("<agentTable>")
	for _, h := range []string{"User Id", "Last Name", "First Name", "Hiragana Last Name", "Hiragana First Name", "Weight",
		"Phone Number", "Extension", "Department", "Email Address", "Skill Level"} {
		o.el("colHeading", h)
	}
	for _, a := range pageOf(rows, start, size) {
		level := ""
		if skill {
			level = strconv.Itoa(a.level)
		}
		o.raw("<row>")
		for _, v := range []string{a.id, lastName(a.id), "Agent", "", "", "", "", "", "", a.id, level} {
			o.el("col", v)
		}
		o.raw("</row>")
	}
	o.raw("</agentTable></command>")
}

// lastName is the last name the fake gives a user: its user part.
func lastName(id string) string {
	user, _, _ := strings.Cut(id, "@")
	return user
}

// paging reads the responsePagingControl of c (the defaults when absent:
// row 1 on, 2000 rows). ok is false when the answer is written.
func paging(o *out, c *node) (start, size int, ok bool) {
	start, size = 1, 2000
	pc := c.kid("responsePagingControl")
	if pc == nil {
		return start, size, true
	}
	if err := checkSeq(pc, []elem{req("responseStartIndex"), req("responsePageSize")}); err != nil {
		errorResponse(o, CodeSchema, err.Error()+" (the fake supports no sort order or search criteria)")
		return 0, 0, false
	}
	var v values
	if n := v.integer(pc, "responseStartIndex", 1, 1<<31-1); n != nil {
		start = *n
	}
	if n := v.integer(pc, "responsePageSize", 1, 2000); n != nil {
		size = *n
	}
	if v.err != nil {
		errorResponse(o, CodeSchema, v.err.Error())
		return 0, 0, false
	}
	return start, size, true
}

// addAgents answers GroupCallCenterAddAgentListRequest: agentUserId
// elements (on a call center that routes by skill each gets level 1, as
// R25 documents) or agentSkillList elements (only on a call center that
// routes by skill). All or nothing.
func (s *Server) addAgents(o *out, c *node) {
	st := s.staffCommand(o, c, []elem{req("serviceUserId"), {"agentUserId", 0, 1 << 20}, {"agentSkillList", 0, 1 << 20}})
	if st == nil {
		return
	}
	plain, lists := c.all("agentUserId"), c.all("agentSkillList")
	if (len(plain) == 0) == (len(lists) == 0) {
		errorResponse(o, CodeSchema, "<GroupCallCenterAddAgentListRequest> needs agentUserId elements or agentSkillList elements (a choice): it has "+
			strconv.Itoa(len(plain))+" and "+strconv.Itoa(len(lists)))
		return
	}
	var v values
	var add []agentEntry
	for _, k := range plain {
		add = append(add, agentEntry{id: staffID(&v, k), level: callcenter.DefaultSkillLevel})
	}
	for _, l := range lists {
		if err := checkSeq(l, []elem{req("skillLevel"), {"agent", 0, 1 << 20}}); err != nil {
			errorResponse(o, CodeSchema, err.Error())
			return
		}
		level := v.integer(l, "skillLevel", skillLimit.min, skillLimit.max)
		for _, k := range l.all("agent") {
			if level != nil {
				add = append(add, agentEntry{id: staffID(&v, k), level: *level})
			}
		}
	}
	if v.err != nil {
		errorResponse(o, CodeSchema, v.err.Error())
		return
	}
	if len(lists) > 0 && !skillBased(st) {
		errorResponse(o, CodeNotSkillBased, st.id+" does not route calls by skill (a Premium call center with routingType Skill Based does): its agents have no skill level")
		return
	}
	ids := make([]string, len(add))
	for i, a := range add {
		ids[i] = a.id
	}
	if !s.newEntries(o, st, "an agent", ids, func(k string) bool { return st.agentIndex(k) >= 0 }) {
		return
	}
	st.agents = append(st.agents, add...)
	success(o)
}

// agentIndex returns the position of the agent with identity key k, or -1.
func (st *stored) agentIndex(k string) int {
	return slices.IndexFunc(st.agents, func(a agentEntry) bool { return callcenter.UserIDKey(a.id) == k })
}

// removeEntries removes ids (agents or supervisors of st, named by what,
// found in *list by index) from *list, keeping the others in their order,
// and answers success. All or nothing: an id not on the list, or given
// twice, is refused with an error answer and nothing is removed.
func removeEntries[T any](o *out, st *stored, what string, ids []string, list *[]T, index func(key string) int) {
	drop := map[int]bool{}
	for _, id := range ids {
		i := index(callcenter.UserIDKey(id))
		if i < 0 || drop[i] {
			errorResponse(o, CodeNotStaff, fmt.Sprintf("%s is not %s of %s (or is listed twice)", id, what, st.id))
			return
		}
		drop[i] = true
	}
	kept := (*list)[:0:0]
	for i, e := range *list {
		if !drop[i] {
			kept = append(kept, e)
		}
	}
	*list = kept
	success(o)
}

// deleteAgents answers GroupCallCenterDeleteAgentListRequest. All or
// nothing; the others keep their place and level.
func (s *Server) deleteAgents(o *out, c *node) {
	deleteStaff(s, o, c, "agentUserId", "an agent", func(st *stored) (*[]agentEntry, func(string) int) { return &st.agents, st.agentIndex })
}

// deleteStaff answers a delete of agents or supervisors: the user ids of
// the elements name of c, removed from the list of the call center that
// list picks (with its index), as removeEntries does.
func deleteStaff[T any](s *Server, o *out, c *node, name, what string, list func(*stored) (*[]T, func(key string) int)) {
	st := s.staffCommand(o, c, []elem{req("serviceUserId"), {name, 1, 1 << 20}})
	if st == nil {
		return
	}
	ids, ok := staffIDs(o, c, name)
	if !ok {
		return
	}
	entries, index := list(st)
	removeEntries(o, st, what, ids, entries, index)
}

// modifyAgents answers GroupCallCenterModifyAgentListRequest, reading the
// list it sends as the whole new agent list (the stricter reading of R25,
// under which a client that lists only some agents loses the others):
//   - agentUserIdList: the agents, in that order, each at skill level 1
//     (R25 documents this reset for skill-based Premium call centers);
//     xsi:nil removes every agent;
//   - skilledAgentUserIdList (only on a call center that routes by skill):
//     the agents of each level, level by level as listed; a level whose
//     agents are xsi:nil has none.
//
// All or nothing.
func (s *Server) modifyAgents(o *out, c *node) {
	st := s.staffCommand(o, c, []elem{req("serviceUserId"), opt("agentUserIdList"), {"skilledAgentUserIdList", 0, 1 << 20}})
	if st == nil {
		return
	}
	plain, skilled := c.kid("agentUserIdList"), c.all("skilledAgentUserIdList")
	if plain != nil && len(skilled) > 0 {
		errorResponse(o, CodeSchema, "<GroupCallCenterModifyAgentListRequest> takes agentUserIdList or skilledAgentUserIdList (a choice), not both")
		return
	}
	var v values
	var list []agentEntry
	userIDs := func(n *node) bool {
		if n.isNil {
			return true
		}
		if err := checkSeq(n, []elem{{"userId", 1, 1 << 20}}); err != nil {
			errorResponse(o, CodeSchema, err.Error())
			return false
		}
		return true
	}
	switch {
	case plain != nil:
		if !userIDs(plain) {
			return
		}
		for _, k := range plain.kids {
			list = append(list, agentEntry{id: staffID(&v, k), level: callcenter.DefaultSkillLevel})
		}
	case len(skilled) > 0:
		for _, l := range skilled {
			if err := checkSeq(l, []elem{req("skillLevel"), req("agents")}); err != nil {
				errorResponse(o, CodeSchema, err.Error())
				return
			}
			level := v.integer(l, "skillLevel", skillLimit.min, skillLimit.max)
			agents := l.kid("agents")
			if !userIDs(agents) {
				return
			}
			for _, k := range agents.kids {
				if level != nil {
					list = append(list, agentEntry{id: staffID(&v, k), level: *level})
				}
			}
		}
		if v.err == nil && !skillBased(st) {
			errorResponse(o, CodeNotSkillBased, st.id+" does not route calls by skill (a Premium call center with routingType Skill Based does): its agents have no skill level")
			return
		}
	default:
		success(o) // nothing to change
		return
	}
	if v.err != nil {
		errorResponse(o, CodeSchema, v.err.Error())
		return
	}
	ids := make([]string, len(list))
	for i, a := range list {
		ids[i] = a.id
	}
	if !s.newEntries(o, st, "listed as an agent", ids, func(string) bool { return false }) {
		return
	}
	st.agents = list
	success(o)
}

// getSupervisors answers GroupCallCenterGetSupervisorListRequest16.
func (s *Server) getSupervisors(o *out, c *node) {
	st := s.staffCommand(o, c, []elem{req("serviceUserId")})
	if st == nil {
		return
	}
	dataStart(o, "GroupCallCenterGetSupervisorListResponse16")
	o.raw("<supervisorTable>")
	for _, h := range []string{"User Id", "Last Name", "First Name", "Hiragana Last Name", "Hiragana First Name",
		"Phone Number", "Extension", "Department", "Email Address"} {
		o.el("colHeading", h)
	}
	for _, id := range st.supervisors {
		o.raw("<row>")
		for _, v := range []string{id, lastName(id), "Supervisor", "", "", "", "", "", id} {
			o.el("col", v)
		}
		o.raw("</row>")
	}
	o.raw("</supervisorTable></command>")
}

// supervisorIndex returns the position of the supervisor with identity
// key k, or -1.
func (st *stored) supervisorIndex(k string) int {
	return slices.IndexFunc(st.supervisors, func(id string) bool { return callcenter.UserIDKey(id) == k })
}

// staffIDs reads the user ids of the elements name (agentUserId or
// supervisorUserId) of c. ok is false when an error was answered.
func staffIDs(o *out, c *node, name string) (ids []string, ok bool) {
	var v values
	for _, k := range c.all(name) {
		ids = append(ids, staffID(&v, k))
	}
	if v.err != nil {
		errorResponse(o, CodeSchema, v.err.Error())
		return nil, false
	}
	return ids, true
}

// addSupervisors answers GroupCallCenterAddSupervisorListRequest. All or
// nothing.
func (s *Server) addSupervisors(o *out, c *node) {
	st := s.staffCommand(o, c, []elem{req("serviceUserId"), {"supervisorUserId", 1, 1 << 20}})
	if st == nil {
		return
	}
	ids, ok := staffIDs(o, c, "supervisorUserId")
	if !ok || !s.newEntries(o, st, "a supervisor", ids, func(k string) bool { return st.supervisorIndex(k) >= 0 }) {
		return
	}
	st.supervisors = append(st.supervisors, ids...)
	success(o)
}

// deleteSupervisors answers GroupCallCenterDeleteSupervisorListRequest.
// All or nothing.
func (s *Server) deleteSupervisors(o *out, c *node) {
	deleteStaff(s, o, c, "supervisorUserId", "a supervisor", func(st *stored) (*[]string, func(string) int) { return &st.supervisors, st.supervisorIndex })
}
