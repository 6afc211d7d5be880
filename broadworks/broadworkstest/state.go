package broadworkstest

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// The fake's state saved and loaded, so that a sequence of programs can
// work on one platform (bulk-csv -fake-state FILE rehearses create, export,
// edit, plan, apply and prune across runs with no server).
//
// The state is one JSON object:
//
//	{
//	  "format": "broadworkstest-state",
//	  "version": 1,
//	  "users": [{"user_id": "admin@example.com", "password": "..."}],
//	  "groups": [{"service_provider_id": "SP", "group_id": "G1"}],
//	  "departments": [{"service_provider_id": "SP", "group_id": "G1", "name": "Sales"}],
//	  "group_users": [{"service_provider_id": "SP", "group_id": "G1", "user_id": "agent1@example.com"}],
//	  "call_centers": [{"call_center": {...}, "password": "...", "active": true,
//	                    "agents": [{"user_id": "agent1@example.com", "skill_level": 7}],
//	                    "supervisors": ["boss@example.com"]}]
//	}
//
// A call center is the JSON of callcenter.CallCenter (its password, which
// that JSON never shows, beside it). A new kind of thing the fake holds is
// a new key, and raises the version: LoadState reads every version up to
// its own (a key a file lacks is empty) and refuses later ones, so that no
// fake drops what it does not know. Version 2 added the group users and
// the call centers' agents and supervisors; a state without any is
// written as version 1, which older fakes read.

// StateFormat is the "format" of a saved state.
const StateFormat = "broadworkstest-state"

// StateVersion is the version of the state this package writes, and the
// latest it reads.
const StateVersion = 2

type stateDoc struct {
	Format      string        `json:"format"`
	Version     int           `json:"version"`
	Users       []stateUser   `json:"users"`
	Groups      []stateGroup  `json:"groups"`
	Departments []stateDept   `json:"departments"`
	GroupUsers  []stateMember `json:"group_users,omitempty"` // version 2
	CallCenters []stateCenter `json:"call_centers"`
}

type stateMember struct {
	ServiceProviderID string `json:"service_provider_id"`
	GroupID           string `json:"group_id"`
	UserID            string `json:"user_id"`
}

type stateAgent struct {
	UserID     string `json:"user_id"`
	SkillLevel int    `json:"skill_level,omitempty"`
}

type stateUser struct {
	UserID   string `json:"user_id"`
	Password string `json:"password"`
}

type stateGroup struct {
	ServiceProviderID string `json:"service_provider_id"`
	GroupID           string `json:"group_id"`
}

type stateDept struct {
	ServiceProviderID string `json:"service_provider_id"`
	GroupID           string `json:"group_id,omitempty"` // "" for an enterprise department
	Name              string `json:"name"`
}

type stateCenter struct {
	CallCenter  callcenter.CallCenter `json:"call_center"`
	Password    string                `json:"password"`
	Active      bool                  `json:"active"`
	Agents      []stateAgent          `json:"agents,omitempty"`      // version 2
	Supervisors []string              `json:"supervisors,omitempty"` // version 2
}

// SaveState writes what the server holds (users and their passwords,
// declared groups and departments, the users of the groups, call centers
// with their passwords, active status, agents with their skill levels and
// supervisors) as one JSON document that [Server.LoadState] reads back,
// sorted, so that two saves of the same state are the same bytes. It holds
// passwords in clear: keep it private (bulk-csv writes it with mode 0600).
// Counters, sessions and faults are not saved.
func (s *Server) SaveState(w io.Writer) error {
	s.mu.Lock()
	doc := stateDoc{Format: StateFormat, Version: 1, Users: []stateUser{}, Groups: []stateGroup{}, Departments: []stateDept{}, CallCenters: []stateCenter{}}
	for u, p := range s.users {
		doc.Users = append(doc.Users, stateUser{u, p})
	}
	for g := range s.groups {
		doc.Groups = append(doc.Groups, stateGroup{g.sp, g.group})
	}
	for d := range s.depts {
		doc.Departments = append(doc.Departments, stateDept{d.sp, d.group, d.name})
	}
	for _, m := range s.members {
		doc.GroupUsers = append(doc.GroupUsers, stateMember{m.sp, m.group, m.id})
	}
	for _, st := range s.centers {
		cc := st.cc()
		pw := string(cc.Profile.Password)
		cc.Profile.Password = ""
		c := stateCenter{CallCenter: cc, Password: pw, Active: !st.inactive, Supervisors: slices.Clone(st.supervisors)}
		for _, a := range st.agents {
			c.Agents = append(c.Agents, stateAgent{a.id, a.level})
		}
		doc.CallCenters = append(doc.CallCenters, c)
	}
	s.mu.Unlock()
	if len(doc.GroupUsers) > 0 || slices.ContainsFunc(doc.CallCenters, func(c stateCenter) bool { return len(c.Agents)+len(c.Supervisors) > 0 }) {
		doc.Version = 2 // what version 1 cannot carry: older fakes refuse it rather than drop it
	}
	slices.SortFunc(doc.GroupUsers, func(a, b stateMember) int {
		return cmp.Or(strings.Compare(a.ServiceProviderID, b.ServiceProviderID), strings.Compare(a.GroupID, b.GroupID), strings.Compare(a.UserID, b.UserID))
	})
	slices.SortFunc(doc.Users, func(a, b stateUser) int { return strings.Compare(a.UserID, b.UserID) })
	slices.SortFunc(doc.Groups, func(a, b stateGroup) int {
		return cmp.Or(strings.Compare(a.ServiceProviderID, b.ServiceProviderID), strings.Compare(a.GroupID, b.GroupID))
	})
	slices.SortFunc(doc.Departments, func(a, b stateDept) int {
		return cmp.Or(strings.Compare(a.ServiceProviderID, b.ServiceProviderID), strings.Compare(a.GroupID, b.GroupID), strings.Compare(a.Name, b.Name))
	})
	slices.SortFunc(doc.CallCenters, func(a, b stateCenter) int {
		return strings.Compare(a.CallCenter.ServiceUserID, b.CallCenter.ServiceUserID)
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// LoadState replaces what the server holds with a state [Server.SaveState]
// wrote: its users (the default user stays unless the state gives it
// another password), groups, departments, users of the groups and call
// centers with their agents and supervisors (a version 1 state written by
// SaveState has no users of groups: the server keeps those it has, with
// any the document lists added). A document that is not
// such a state, of a later version, holding a call center without a
// service user id or two that are one id to BroadWorks, or an agent or
// supervisor who is not a user of a group of the call center's service
// provider, is refused, and the server is left as it was.
func (s *Server) LoadState(r io.Reader) error {
	var doc stateDoc
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("broadworkstest: reading the state: %w", err)
	}
	switch {
	case doc.Format != StateFormat:
		return fmt.Errorf("broadworkstest: not a saved state (format %q, want %q)", doc.Format, StateFormat)
	case doc.Version < 1 || doc.Version > StateVersion:
		return fmt.Errorf("broadworkstest: state version %d: this version reads 1 to %d", doc.Version, StateVersion)
	}
	centers := make(map[string]*stored, len(doc.CallCenters))
	for i, c := range doc.CallCenters {
		cc := c.CallCenter
		if strings.TrimSpace(cc.ServiceUserID) == "" || cc.ServiceProviderID == "" || cc.GroupID == "" {
			return fmt.Errorf("broadworkstest: state: call center %d has no service user id, service provider or group", i)
		}
		key := callcenter.UserIDKey(cc.ServiceUserID)
		if _, dup := centers[key]; dup {
			return fmt.Errorf("broadworkstest: state: %q is in it twice", cc.ServiceUserID)
		}
		cc.Profile.Password = callcenter.Secret(c.Password)
		st := newStored(&cc)
		st.inactive = !c.Active
		centers[key] = st
	}
	members := map[string]member{}
	if doc.Version < 2 {
		s.mu.Lock()
		for k, m := range s.members {
			members[k] = m
		}
		s.mu.Unlock()
	}
	for _, m := range doc.GroupUsers {
		if strings.TrimSpace(m.UserID) == "" || m.ServiceProviderID == "" || m.GroupID == "" {
			return errors.New("broadworkstest: state: a group user has no user id, service provider or group")
		}
		if _, isCenter := centers[callcenter.UserIDKey(m.UserID)]; isCenter {
			return fmt.Errorf("broadworkstest: state: %q is a call center and a group user", m.UserID)
		}
		members[callcenter.UserIDKey(m.UserID)] = member{sp: m.ServiceProviderID, group: m.GroupID, id: strings.TrimSpace(m.UserID)}
	}
	for _, c := range doc.CallCenters {
		st := centers[callcenter.UserIDKey(c.CallCenter.ServiceUserID)]
		staff := map[string]bool{}
		check := func(id, what string) error {
			m, ok := members[callcenter.UserIDKey(id)]
			switch {
			case !ok:
				return fmt.Errorf("broadworkstest: state: %s %q of %q is not a group user (list it in group_users)", what, id, c.CallCenter.ServiceUserID)
			case m.sp != st.sp:
				return fmt.Errorf("broadworkstest: state: %s %q of %q is a user of another service provider", what, id, c.CallCenter.ServiceUserID)
			case staff[what+callcenter.UserIDKey(id)]:
				return fmt.Errorf("broadworkstest: state: %s %q is on %q twice", what, id, c.CallCenter.ServiceUserID)
			}
			staff[what+callcenter.UserIDKey(id)] = true
			return nil
		}
		for _, a := range c.Agents {
			if err := check(a.UserID, "agent"); err != nil {
				return err
			}
			if a.SkillLevel != 0 && (a.SkillLevel < skillLimit.min || a.SkillLevel > skillLimit.max) {
				return fmt.Errorf("broadworkstest: state: agent %q of %q has skill level %d", a.UserID, c.CallCenter.ServiceUserID, a.SkillLevel)
			}
			st.agents = append(st.agents, agentEntry{id: strings.TrimSpace(a.UserID), level: a.SkillLevel})
		}
		for _, id := range c.Supervisors {
			if err := check(id, "supervisor"); err != nil {
				return err
			}
			st.supervisors = append(st.supervisors, strings.TrimSpace(id))
		}
	}
	for _, u := range doc.Users {
		if u.UserID == "" {
			return errors.New("broadworkstest: state: a user has no id")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users = map[string]string{DefaultUser: DefaultPassword}
	for _, u := range doc.Users {
		s.users[u.UserID] = u.Password
	}
	s.groups = map[groupKey]bool{}
	for _, g := range doc.Groups {
		s.groups[groupKey{g.ServiceProviderID, g.GroupID}] = true
	}
	s.depts = map[deptKey]bool{}
	for _, d := range doc.Departments {
		s.depts[deptKey{d.ServiceProviderID, d.GroupID, d.Name}] = true
	}
	s.centers = centers
	// A version 1 state that lists no group users keeps the server's own
	// (members started from them); one that lists some, as the bulk-csv
	// README tells a rehearsal to add to the file the tool wrote, adds
	// them: dropping them would refuse every agent the sheet names, and
	// the next save would erase them from the file.
	s.members = members
	return nil
}
