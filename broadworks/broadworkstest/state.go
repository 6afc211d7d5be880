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
//	  "call_centers": [{"call_center": {...}, "password": "...", "active": true}]
//	}
//
// A call center is the JSON of callcenter.CallCenter (its password, which
// that JSON never shows, beside it). A new kind of thing the fake holds is
// a new key, and raises the version: LoadState reads every version up to
// its own (a key a file lacks is empty) and refuses later ones, so that no
// fake drops what it does not know.

// StateFormat is the "format" of a saved state.
const StateFormat = "broadworkstest-state"

// StateVersion is the version of the state this package writes, and the
// latest it reads.
const StateVersion = 1

type stateDoc struct {
	Format      string        `json:"format"`
	Version     int           `json:"version"`
	Users       []stateUser   `json:"users"`
	Groups      []stateGroup  `json:"groups"`
	Departments []stateDept   `json:"departments"`
	CallCenters []stateCenter `json:"call_centers"`
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
	CallCenter callcenter.CallCenter `json:"call_center"`
	Password   string                `json:"password"`
	Active     bool                  `json:"active"`
}

// SaveState writes what the server holds (users and their passwords,
// declared groups and departments, call centers with their passwords and
// active status) as one JSON document that [Server.LoadState] reads back,
// sorted, so that two saves of the same state are the same bytes. It holds
// passwords in clear: keep it private (bulk-csv writes it with mode 0600).
// Counters, sessions and faults are not saved.
func (s *Server) SaveState(w io.Writer) error {
	s.mu.Lock()
	doc := stateDoc{Format: StateFormat, Version: StateVersion, Users: []stateUser{}, Groups: []stateGroup{}, Departments: []stateDept{}, CallCenters: []stateCenter{}}
	for u, p := range s.users {
		doc.Users = append(doc.Users, stateUser{u, p})
	}
	for g := range s.groups {
		doc.Groups = append(doc.Groups, stateGroup{g.sp, g.group})
	}
	for d := range s.depts {
		doc.Departments = append(doc.Departments, stateDept{d.sp, d.group, d.name})
	}
	for _, st := range s.centers {
		cc := st.cc()
		pw := string(cc.Profile.Password)
		cc.Profile.Password = ""
		doc.CallCenters = append(doc.CallCenters, stateCenter{CallCenter: cc, Password: pw, Active: !st.inactive})
	}
	s.mu.Unlock()
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
// another password), groups, departments and call centers. A document that
// is not such a state, of a later version, or holding a call center without
// a service user id or two that are one id to BroadWorks is refused, and
// the server is left as it was.
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
	return nil
}
