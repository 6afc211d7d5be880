package callcenter

import (
	"fmt"
	"slices"
	"strconv"
)

// Staffing: who answers a call center's calls (its agents, with their skill
// levels where the call center routes by skill) and who supervises them.

// The skill levels of R25 (type CallCenterAgentSkillLevel): an agent of a
// skill-based call center has a level from MinSkillLevel to MaxSkillLevel.
// An agent added to such a call center without a level gets
// DefaultSkillLevel: R25's documentation of GroupCallCenterAddAgentListRequest
// says so, and it is also the level that GroupCallCenterModifyAgentListRequest
// with a plain agentUserIdList sets every agent to, which is why no part of
// this module sends that form.
const (
	MinSkillLevel     = 1
	MaxSkillLevel     = 20
	DefaultSkillLevel = 1
)

// The CSV notation of the staffing sheet's list columns (mercury-ocip's
// call.center.update.agent.list sheet and its additions), with %d for the
// position: an agent's user id and skill level share a position.
const (
	AgentUserIDField      = "agentUserIdList.userId[%d]"
	AgentSkillLevelField  = "agentUserIdList.skillLevel[%d]"
	SupervisorUserIDField = "supervisorUserIdList.userId[%d]"
)

// Agent is one agent of a call center: a user who answers its calls.
type Agent struct {
	UserID string `json:"user_id"`
	// SkillLevel is the agent's skill level on a skill-based call center
	// (Premium, routingType Skill Based): MinSkillLevel to MaxSkillLevel.
	// 0 means none: the agents of other call centers have none, and in a
	// wanted staffing ([DiffStaffing]) 0 keeps the stored level (or gives a
	// new agent DefaultSkillLevel).
	SkillLevel int `json:"skill_level,omitempty"`
}

// Staffing is the agents and supervisors of one call center.
//
// As read from a platform it is complete. As wanted (a row of a staffing
// sheet, the argument of [DiffStaffing]), a nil list says nothing about
// that list (the stored one is kept), while an empty non-nil list means
// none: JSON keeps the difference (null and []).
type Staffing struct {
	ServiceUserID string `json:"service_user_id"`
	// SkillBased reports whether the call center routes calls by skill
	// (Premium, routingType Skill Based): only then do its agents have
	// skill levels. It is the call center's, as a platform reads it; a
	// wanted staffing leaves it false.
	SkillBased  bool     `json:"skill_based,omitempty"`
	Agents      []Agent  `json:"agents"`
	Supervisors []string `json:"supervisors"`
}

// Clone returns a copy of s that shares no list with it (nil lists stay
// nil).
func (s Staffing) Clone() Staffing {
	s.Agents = slices.Clone(s.Agents)
	s.Supervisors = slices.Clone(s.Supervisors)
	return s
}

// UserIDProblem says what is wrong with a user id of OCI-P (a call
// center's, an agent's, a supervisor's): it must be one line of 1 to 161
// characters (R25's UserId, an xs:token: spaces collapse) of the form
// user@domain. R25 lets a user id leave the domain out (the system's
// default domain then applies), but the lists of a call center show
// agents with their domain, so an id without one could not be compared
// with them. It returns "" when the id is fine.
func UserIDProblem(id string) string {
	if msg := length(1, 161)(id); msg != "" {
		return msg
	}
	return userID(id)
}

// Validate checks s as data to send: a valid service user id; valid agent
// and supervisor ids (see [UserIDProblem]), none twice by the identity
// rule of [UserIDKey]; skill levels of 0 (none) or MinSkillLevel to
// MaxSkillLevel. Fields are named in the sheet's notation
// ("agentUserIdList.userId[2]", by position in the lists). It returns nil
// or a *ValidationError listing every problem.
func (s Staffing) Validate() error {
	ve := &ValidationError{Subject: "callcenter: call center staffing"}
	add := func(field, msg string) { ve.Errors = append(ve.Errors, FieldError{Field: field, Message: msg}) }
	if s.ServiceUserID == "" {
		add("serviceUserId", "is required")
	} else if msg := UserIDProblem(s.ServiceUserID); msg != "" {
		add("serviceUserId", msg)
	}
	seen := map[string]int{}
	for i, a := range s.Agents {
		field := fmt.Sprintf(AgentUserIDField, i)
		switch msg := UserIDProblem(a.UserID); {
		case a.UserID == "":
			add(field, "is required")
		case msg != "":
			add(field, msg)
		default:
			k := UserIDKey(a.UserID)
			if j, dup := seen[k]; dup {
				add(field, fmt.Sprintf("%q is agent %d already (user ids compare without regard to case)", a.UserID, j))
			} else {
				seen[k] = i
			}
		}
		if msg := SkillLevelProblem(a.SkillLevel); msg != "" && a.SkillLevel != 0 {
			add(fmt.Sprintf(AgentSkillLevelField, i), msg)
		}
	}
	clear(seen)
	for i, id := range s.Supervisors {
		field := fmt.Sprintf(SupervisorUserIDField, i)
		switch msg := UserIDProblem(id); {
		case id == "":
			add(field, "is required")
		case msg != "":
			add(field, msg)
		default:
			k := UserIDKey(id)
			if j, dup := seen[k]; dup {
				add(field, fmt.Sprintf("%q is supervisor %d already (user ids compare without regard to case)", id, j))
			} else {
				seen[k] = i
			}
		}
	}
	if len(ve.Errors) > 0 {
		return ve
	}
	return nil
}

// SkillLevelProblem says what is wrong with a skill level ("" when it is
// MinSkillLevel to MaxSkillLevel).
func SkillLevelProblem(level int) string {
	if level >= MinSkillLevel && level <= MaxSkillLevel {
		return ""
	}
	return "must be " + strconv.Itoa(MinSkillLevel) + " to " + strconv.Itoa(MaxSkillLevel) + ", not " + strconv.Itoa(level)
}

// SkillChange is a skill level set on an agent a call center keeps.
type SkillChange struct {
	UserID string `json:"user_id"` // as the call center holds it
	From   int    `json:"from"`
	To     int    `json:"to"`
}

// StaffingDiff is what changes a stored staffing into a wanted one: agents
// and supervisors to add and to remove, and skill levels to set on agents
// the call center keeps. Ids to remove and skill changes carry the stored
// spelling of an id, ids to add the wanted one.
type StaffingDiff struct {
	ServiceUserID     string        `json:"service_user_id"`
	AddAgents         []Agent       `json:"add_agents,omitempty"`
	RemoveAgents      []string      `json:"remove_agents,omitempty"`
	SetSkills         []SkillChange `json:"set_skills,omitempty"`
	AddSupervisors    []string      `json:"add_supervisors,omitempty"`
	RemoveSupervisors []string      `json:"remove_supervisors,omitempty"`
	// After is the staffing the change leaves: the stored one with the
	// changes made, in the stored order with the new agents (and
	// supervisors) last. On a skill-based call center every agent of After
	// has a skill level (a new agent without one: DefaultSkillLevel).
	After Staffing `json:"after"`
}

// Empty reports whether d changes nothing.
func (d StaffingDiff) Empty() bool {
	return len(d.AddAgents) == 0 && len(d.RemoveAgents) == 0 && len(d.SetSkills) == 0 &&
		len(d.AddSupervisors) == 0 && len(d.RemoveSupervisors) == 0
}

// Removals is how many users d takes off the call center: agents and
// supervisors removed (a user who is both counts twice).
func (d StaffingDiff) Removals() int { return len(d.RemoveAgents) + len(d.RemoveSupervisors) }

// DiffStaffing returns what changes stored (as a platform read it) into
// want. Ids compare by the identity rule of [UserIDKey]. A nil list of
// want keeps the stored list; otherwise the list is the wanted one:
// stored entries it lacks are removed, its entries the call center lacks
// are added. Skill levels count only on a skill-based call center
// (stored.SkillBased): there an agent of want with a level other than its
// stored one gets it, and one with level 0 keeps its level (or, when new,
// gets DefaultSkillLevel); elsewhere the levels of want are not looked at.
// want should be valid ([Staffing.Validate]): of two agents with one
// identity, the first counts.
func DiffStaffing(stored, want Staffing) StaffingDiff {
	d := StaffingDiff{ServiceUserID: stored.ServiceUserID}
	if d.ServiceUserID == "" {
		d.ServiceUserID = want.ServiceUserID
	}
	if want.Agents != nil {
		held := make(map[string]Agent, len(stored.Agents))
		for _, a := range stored.Agents {
			held[UserIDKey(a.UserID)] = a
		}
		wanted := make(map[string]bool, len(want.Agents))
		for _, a := range want.Agents {
			k := UserIDKey(a.UserID)
			if wanted[k] {
				continue
			}
			wanted[k] = true
			s, ok := held[k]
			switch {
			case !ok:
				if !stored.SkillBased {
					a.SkillLevel = 0
				}
				d.AddAgents = append(d.AddAgents, a)
			case stored.SkillBased && a.SkillLevel != 0 && a.SkillLevel != s.SkillLevel:
				d.SetSkills = append(d.SetSkills, SkillChange{UserID: s.UserID, From: s.SkillLevel, To: a.SkillLevel})
			}
		}
		for _, s := range stored.Agents {
			if !wanted[UserIDKey(s.UserID)] {
				d.RemoveAgents = append(d.RemoveAgents, s.UserID)
			}
		}
	}
	if want.Supervisors != nil {
		d.AddSupervisors, d.RemoveSupervisors = diffIDs(stored.Supervisors, want.Supervisors)
	}
	d.After = d.ApplyTo(stored)
	return d
}

// diffIDs returns the ids of want that stored lacks and the ids of stored
// that want lacks, by the identity rule.
func diffIDs(stored, want []string) (add, remove []string) {
	held := make(map[string]bool, len(stored))
	for _, id := range stored {
		held[UserIDKey(id)] = true
	}
	wanted := make(map[string]bool, len(want))
	for _, id := range want {
		k := UserIDKey(id)
		if wanted[k] {
			continue
		}
		wanted[k] = true
		if !held[k] {
			add = append(add, id)
		}
	}
	for _, id := range stored {
		if !wanted[UserIDKey(id)] {
			remove = append(remove, id)
		}
	}
	return add, remove
}

// ApplyTo returns s with d's changes made: d's removals taken out, its
// skill levels set, its additions appended (those s holds already are not
// added twice). On a skill-based s every agent ends with a level (an
// addition without one: DefaultSkillLevel); elsewhere none has one.
func (d StaffingDiff) ApplyTo(s Staffing) Staffing {
	out := Staffing{ServiceUserID: s.ServiceUserID, SkillBased: s.SkillBased, Agents: []Agent{}, Supervisors: []string{}}
	if out.ServiceUserID == "" {
		out.ServiceUserID = d.ServiceUserID
	}
	removed := keys(d.RemoveAgents)
	skills := make(map[string]int, len(d.SetSkills))
	for _, c := range d.SetSkills {
		skills[UserIDKey(c.UserID)] = c.To
	}
	held := map[string]bool{}
	level := func(l int) int {
		switch {
		case !s.SkillBased:
			return 0
		case l == 0:
			return DefaultSkillLevel
		}
		return l
	}
	for _, a := range s.Agents {
		k := UserIDKey(a.UserID)
		if removed[k] || held[k] {
			continue
		}
		held[k] = true
		if to, ok := skills[k]; ok {
			a.SkillLevel = to
		}
		a.SkillLevel = level(a.SkillLevel)
		out.Agents = append(out.Agents, a)
	}
	for _, a := range d.AddAgents {
		k := UserIDKey(a.UserID)
		if held[k] {
			continue
		}
		held[k] = true
		a.SkillLevel = level(a.SkillLevel)
		out.Agents = append(out.Agents, a)
	}
	removed = keys(d.RemoveSupervisors)
	clear(held)
	for _, id := range slices.Concat(s.Supervisors, d.AddSupervisors) {
		k := UserIDKey(id)
		if removed[k] || held[k] {
			continue
		}
		held[k] = true
		out.Supervisors = append(out.Supervisors, id)
	}
	return out
}

// Rebase returns d made against fresh, a newer read of the same call
// center: only the changes d holds, and only those fresh still needs.
// Removals of users fresh no longer holds are dropped; additions of users
// fresh holds already are dropped (on a skill-based call center the
// level d gives such an agent is set instead); skill changes are made
// from fresh's levels (and dropped for agents fresh no longer holds).
// Nothing fresh holds that d does not name is touched, so what another
// administrator changed meanwhile stays. After is fresh with the changes.
func (d StaffingDiff) Rebase(fresh Staffing) StaffingDiff {
	out := StaffingDiff{ServiceUserID: d.ServiceUserID}
	held := make(map[string]Agent, len(fresh.Agents))
	for _, a := range fresh.Agents {
		held[UserIDKey(a.UserID)] = a
	}
	for _, id := range d.RemoveAgents {
		if a, ok := held[UserIDKey(id)]; ok {
			out.RemoveAgents = append(out.RemoveAgents, a.UserID)
		}
	}
	setSkill := func(a Agent, to int) {
		if fresh.SkillBased && to != 0 && to != a.SkillLevel {
			out.SetSkills = append(out.SetSkills, SkillChange{UserID: a.UserID, From: a.SkillLevel, To: to})
		}
	}
	for _, a := range d.AddAgents {
		if s, ok := held[UserIDKey(a.UserID)]; ok {
			setSkill(s, a.SkillLevel)
			continue
		}
		if !fresh.SkillBased {
			a.SkillLevel = 0
		}
		out.AddAgents = append(out.AddAgents, a)
	}
	for _, c := range d.SetSkills {
		if s, ok := held[UserIDKey(c.UserID)]; ok {
			setSkill(s, c.To)
		}
	}
	sup := keys(fresh.Supervisors)
	for _, id := range d.RemoveSupervisors {
		if sup[UserIDKey(id)] {
			out.RemoveSupervisors = append(out.RemoveSupervisors, id)
		}
	}
	for _, id := range d.AddSupervisors {
		if !sup[UserIDKey(id)] {
			out.AddSupervisors = append(out.AddSupervisors, id)
		}
	}
	out.After = out.ApplyTo(fresh)
	return out
}

// Holds reports whether s holds what want says, by the identity rule: the
// same agents and supervisors (where want's lists are not nil), and, on a
// skill-based s, want's skill levels where want gives one. Order does not
// count.
func (s Staffing) Holds(want Staffing) bool {
	if want.Agents != nil {
		if len(s.Agents) != len(uniqueAgents(want.Agents)) {
			return false
		}
		held := make(map[string]int, len(s.Agents))
		for _, a := range s.Agents {
			held[UserIDKey(a.UserID)] = a.SkillLevel
		}
		for _, a := range want.Agents {
			l, ok := held[UserIDKey(a.UserID)]
			if !ok || s.SkillBased && a.SkillLevel != 0 && a.SkillLevel != l {
				return false
			}
		}
	}
	if want.Supervisors != nil {
		add, remove := diffIDs(s.Supervisors, want.Supervisors)
		if len(add) > 0 || len(remove) > 0 {
			return false
		}
	}
	return true
}

// uniqueAgents returns the agents of a with distinct identities (the first
// of each).
func uniqueAgents(a []Agent) []Agent {
	seen := map[string]bool{}
	var out []Agent
	for _, x := range a {
		if k := UserIDKey(x.UserID); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

func keys(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[UserIDKey(id)] = true
	}
	return m
}
