package callcenter_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

func agents(pairs ...any) []callcenter.Agent {
	out := []callcenter.Agent{}
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, callcenter.Agent{UserID: pairs[i].(string), SkillLevel: pairs[i+1].(int)})
	}
	return out
}

// TestDiffStaffingKeepsSkills: a wanted list without levels keeps every
// stored level and adds the new agent at the default level; nothing of
// the agents kept is in the diff.
func TestDiffStaffingKeepsSkills(t *testing.T) {
	stored := callcenter.Staffing{ServiceUserID: "cc@x", SkillBased: true,
		Agents: agents("a@x", 7, "b@x", 3, "c@x", 12), Supervisors: []string{"s@x"}}
	want := callcenter.Staffing{ServiceUserID: "cc@x", Agents: agents("A@X", 0, "b@x", 0, "c@x", 0, "new@x", 0)}
	d := callcenter.DiffStaffing(stored, want)
	if !reflect.DeepEqual(d.AddAgents, agents("new@x", 0)) || d.RemoveAgents != nil || d.SetSkills != nil ||
		d.AddSupervisors != nil || d.RemoveSupervisors != nil {
		t.Fatalf("diff %+v", d)
	}
	if got := d.After.Agents; !reflect.DeepEqual(got, agents("a@x", 7, "b@x", 3, "c@x", 12, "new@x", callcenter.DefaultSkillLevel)) {
		t.Errorf("after %+v", got)
	}
	if !reflect.DeepEqual(d.After.Supervisors, []string{"s@x"}) {
		t.Errorf("supervisors not kept: %q", d.After.Supervisors)
	}
}

func TestDiffStaffing(t *testing.T) {
	stored := callcenter.Staffing{ServiceUserID: "cc@x", SkillBased: true,
		Agents: agents("a@x", 7, "b@x", 3, "c@x", 12), Supervisors: []string{"s@x", "t@x"}}
	want := callcenter.Staffing{Agents: agents("b@x", 5, "c@x", 12, "d@x", 9), Supervisors: []string{"T@x", "u@x"}}
	d := callcenter.DiffStaffing(stored, want)
	wantDiff := callcenter.StaffingDiff{ServiceUserID: "cc@x",
		AddAgents: agents("d@x", 9), RemoveAgents: []string{"a@x"}, SetSkills: []callcenter.SkillChange{{UserID: "b@x", From: 3, To: 5}},
		AddSupervisors: []string{"u@x"}, RemoveSupervisors: []string{"s@x"},
		After: callcenter.Staffing{ServiceUserID: "cc@x", SkillBased: true, Agents: agents("b@x", 5, "c@x", 12, "d@x", 9), Supervisors: []string{"t@x", "u@x"}}}
	if !reflect.DeepEqual(d, wantDiff) {
		t.Fatalf("got  %+v\nwant %+v", d, wantDiff)
	}
	if d.Removals() != 2 || d.Empty() {
		t.Errorf("removals %d, empty %v", d.Removals(), d.Empty())
	}
	if !d.After.Holds(want) || stored.Holds(want) {
		t.Errorf("Holds: after %v, stored %v", d.After.Holds(want), stored.Holds(want))
	}
	// An empty list removes all; a nil one keeps all.
	d = callcenter.DiffStaffing(stored, callcenter.Staffing{Agents: []callcenter.Agent{}})
	if len(d.RemoveAgents) != 3 || len(d.After.Agents) != 0 || len(d.After.Supervisors) != 2 {
		t.Errorf("empty list: %+v", d)
	}
	if d := callcenter.DiffStaffing(stored, callcenter.Staffing{}); !d.Empty() || !reflect.DeepEqual(d.After.Agents, stored.Agents) {
		t.Errorf("nil lists: %+v", d)
	}
	// Levels do not count on a call center that does not route by skill.
	plain := callcenter.Staffing{Agents: agents("a@x", 0)}
	if d := callcenter.DiffStaffing(plain, callcenter.Staffing{Agents: agents("a@x", 4, "b@x", 2)}); len(d.SetSkills) != 0 ||
		!reflect.DeepEqual(d.AddAgents, agents("b@x", 0)) || d.After.Agents[1].SkillLevel != 0 {
		t.Errorf("not skill based: %+v", d)
	}
}

// TestRebaseKeepsOthersChanges: a diff made on an older read, rebased on a
// newer one, keeps an agent another administrator added meanwhile, and
// drops what is done already.
func TestRebaseKeepsOthersChanges(t *testing.T) {
	old := callcenter.Staffing{ServiceUserID: "cc@x", SkillBased: true, Agents: agents("a@x", 7, "b@x", 3)}
	d := callcenter.DiffStaffing(old, callcenter.Staffing{Agents: agents("a@x", 2, "c@x", 4)})
	fresh := callcenter.Staffing{ServiceUserID: "cc@x", SkillBased: true, Agents: agents("a@x", 7, "c@x", 1, "z@x", 5)}
	r := d.Rebase(fresh)
	if r.RemoveAgents != nil || r.AddAgents != nil ||
		!reflect.DeepEqual(r.SetSkills, []callcenter.SkillChange{{UserID: "c@x", From: 1, To: 4}, {UserID: "a@x", From: 7, To: 2}}) {
		t.Fatalf("rebased %+v", r)
	}
	if !reflect.DeepEqual(r.After.Agents, agents("a@x", 2, "c@x", 4, "z@x", 5)) {
		t.Errorf("after %+v: z@x, added meanwhile, must stay", r.After.Agents)
	}
}

func TestStaffingValidate(t *testing.T) {
	good := callcenter.Staffing{ServiceUserID: "cc@x", Agents: agents("a@x", 1, "b@x", 20, "c@x", 0), Supervisors: []string{"s@x", "a@x"}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := callcenter.Staffing{ServiceUserID: "cc", Agents: agents("a@x", 21, "A@x", 1, "", 0, "nodomain", -1), Supervisors: []string{"s@x", "S@X"}}
	var ve *callcenter.ValidationError
	if !errors.As(bad.Validate(), &ve) {
		t.Fatalf("no validation error: %v", bad.Validate())
	}
	for _, f := range []string{"serviceUserId", "agentUserIdList.skillLevel[0]", "agentUserIdList.userId[1]", "agentUserIdList.userId[2]",
		"agentUserIdList.userId[3]", "agentUserIdList.skillLevel[3]", "supervisorUserIdList.userId[1]"} {
		if !ve.Has(f) {
			t.Errorf("no problem for %s: %v", f, ve)
		}
	}
	if len(ve.Errors) != 7 {
		t.Errorf("%d problems: %v", len(ve.Errors), ve)
	}
}

// TestStaffingJSON: nil (say nothing) and empty (none) lists survive a
// round trip.
func TestStaffingJSON(t *testing.T) {
	for _, s := range []callcenter.Staffing{
		{ServiceUserID: "cc@x"},
		{ServiceUserID: "cc@x", Agents: []callcenter.Agent{}, Supervisors: []string{}},
		{ServiceUserID: "cc@x", SkillBased: true, Agents: agents("a@x", 3), Supervisors: []string{"s@x"}},
	} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back callcenter.Staffing
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%s: read back %+v", b, back)
		}
	}
}
