package broadworks_test

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// staffServer is a fake with a skill-based Premium call center, a Basic
// one, and users u0..u9@example.com of their service provider.
func staffServer(t *testing.T) (*broadworkstest.Server, callcenter.CallCenter, callcenter.CallCenter) {
	t.Helper()
	var users []string
	for i := range 10 {
		users = append(users, "u"+string(rune('0'+i))+"@example.com")
	}
	srv := newServer(t, broadworkstest.WithGroupUsers("MyServiceProvider", "SalesGroup", users...))
	skill, plain := premium("skill@example.com"), basic("plain@example.com")
	c := clientFor(t, srv, "TCP")
	for _, cc := range []callcenter.CallCenter{skill, plain} {
		if err := c.AddCallCenter(context.Background(), cc); err != nil {
			t.Fatal(err)
		}
	}
	return srv, skill, plain
}

func agentsOf(t *testing.T, c *broadworks.Client, id string) []callcenter.Agent {
	t.Helper()
	var out []callcenter.Agent
	for a, err := range c.ListAgents(context.Background(), id) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, callcenter.Agent{UserID: a.UserID, SkillLevel: a.SkillLevel})
	}
	return out
}

// TestStaffing adds, lists, re-levels and removes agents and supervisors
// over every transport, against the fake.
func TestStaffing(t *testing.T) {
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv, skill, plain := staffServer(t)
			c := clientFor(t, srv, mode, broadworks.WithPageSize(2))
			ctx := context.Background()
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u0@example.com", SkillLevel: 7},
				callcenter.Agent{UserID: "u1@example.com", SkillLevel: 3}, callcenter.Agent{UserID: "U2@example.com"}))
			// Sorted by skill level; the one added without a level has 1.
			want := []callcenter.Agent{{UserID: "U2@example.com", SkillLevel: 1}, {UserID: "u1@example.com", SkillLevel: 3}, {UserID: "u0@example.com", SkillLevel: 7}}
			if got := agentsOf(t, c, skill.ServiceUserID); !reflect.DeepEqual(got, want) {
				t.Fatalf("agents %+v, want %+v", got, want)
			}
			must(c.SetSkillLevels(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "U0@EXAMPLE.COM", SkillLevel: 2}))
			want = []callcenter.Agent{{UserID: "U2@example.com", SkillLevel: 1}, {UserID: "u0@example.com", SkillLevel: 2}, {UserID: "u1@example.com", SkillLevel: 3}}
			if got := agentsOf(t, c, skill.ServiceUserID); !reflect.DeepEqual(got, want) {
				t.Fatalf("after SetSkillLevels: %+v, want %+v", got, want)
			}
			must(c.RemoveAgents(ctx, skill.ServiceUserID, "u2@example.com"))
			if got := agentsOf(t, c, skill.ServiceUserID); len(got) != 2 || got[0].SkillLevel != 2 || got[1].SkillLevel != 3 {
				t.Fatalf("after RemoveAgents: %+v", got)
			}
			// A Basic call center: agents without levels, in list order.
			must(c.AddAgents(ctx, plain.ServiceUserID, callcenter.Agent{UserID: "u5@example.com"}, callcenter.Agent{UserID: "u4@example.com"}))
			if got := agentsOf(t, c, plain.ServiceUserID); !reflect.DeepEqual(got, []callcenter.Agent{{UserID: "u5@example.com"}, {UserID: "u4@example.com"}}) {
				t.Fatalf("plain agents %+v", got)
			}
			must(c.AddSupervisors(ctx, plain.ServiceUserID, "u8@example.com", "u9@example.com"))
			must(c.RemoveSupervisors(ctx, plain.ServiceUserID, "U8@example.com"))
			var sups []string
			for s, err := range c.ListSupervisors(ctx, plain.ServiceUserID) {
				must(err)
				sups = append(sups, s.UserID)
			}
			if !slices.Equal(sups, []string{"u9@example.com"}) {
				t.Fatalf("supervisors %q", sups)
			}
			st, _ := srv.Staffing(plain.ServiceUserID)
			if !slices.Equal(st.Supervisors, sups) || len(st.Agents) != 2 {
				t.Errorf("fake state %+v", st)
			}
		})
	}
}

// TestStaffingRefusals: the client refuses bad arguments before sending;
// the fake refuses what R25 and the platform do, with their codes.
func TestStaffingRefusals(t *testing.T) {
	srv, skill, plain := staffServer(t)
	c := clientFor(t, srv, "TCP")
	ctx := context.Background()
	before := srv.Stats().Commands
	var ve *broadworks.ValidationError
	for name, err := range map[string]error{
		"level 21":       c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u0@example.com", SkillLevel: 21}),
		"twice":          c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u0@example.com"}, callcenter.Agent{UserID: "U0@example.com"}),
		"no domain":      c.AddSupervisors(ctx, skill.ServiceUserID, "u0"),
		"none":           c.RemoveAgents(ctx, skill.ServiceUserID),
		"control":        c.AddAgents(ctx, "cc\n@example.com", callcenter.Agent{UserID: "u0@example.com"}),
		"level required": c.SetSkillLevels(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u0@example.com"}),
	} {
		if !errors.As(err, &ve) {
			t.Errorf("%s: %v, want a *ValidationError", name, err)
		}
	}
	if n := srv.Stats().Commands - before; n != 0 {
		t.Errorf("%d commands sent for refused arguments", n)
	}
	code := func(err error) int {
		var e *broadworks.Error
		if !errors.As(err, &e) {
			t.Fatalf("%v: not a *broadworks.Error", err)
		}
		return e.Code
	}
	if err := c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "nobody@example.com"}); code(err) != 4008 || !errors.Is(err, broadworks.ErrNotFound) {
		t.Errorf("unknown user: %v", err)
	}
	if err := c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: plain.ServiceUserID}); code(err) != broadworkstest.CodeNotAUser {
		t.Errorf("a call center as agent: %v", err)
	}
	if err := c.AddAgents(ctx, plain.ServiceUserID, callcenter.Agent{UserID: "u0@example.com", SkillLevel: 4}); code(err) != broadworkstest.CodeNotSkillBased {
		t.Errorf("a level on a Basic call center: %v", err)
	}
	if err := c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u0@example.com"}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "U0@example.com"}); code(err) != broadworkstest.CodeAlreadyStaff {
		t.Errorf("an agent twice: %v", err)
	}
	if err := c.RemoveAgents(ctx, skill.ServiceUserID, "u1@example.com"); code(err) != broadworkstest.CodeNotStaff {
		t.Errorf("removing a user who is no agent: %v", err)
	}
	if err := c.SetSkillLevels(ctx, plain.ServiceUserID, callcenter.Agent{UserID: "u0@example.com", SkillLevel: 2}); err == nil {
		t.Error("SetSkillLevels on a Basic call center: no error")
	}
	if err := c.SetSkillLevels(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u7@example.com", SkillLevel: 2}); !errors.As(err, &ve) {
		t.Errorf("SetSkillLevels of a user who is no agent: %v", err)
	}
	var err error
	for _, e := range c.ListAgents(ctx, "missing@example.com") {
		err = e
	}
	if !errors.Is(err, broadworks.ErrNotFound) {
		t.Errorf("agents of a missing call center: %v", err)
	}
}

// plainAgentList is GroupCallCenterModifyAgentListRequest as mercury-ocip
// sends it: the form this module never sends.
type plainAgentList struct {
	ServiceUserID string   `xml:"serviceUserId"`
	UserIDs       []string `xml:"agentUserIdList>userId"`
}

func (*plainAgentList) OCIType() string { return "GroupCallCenterModifyAgentListRequest" }

// TestFakeResetsSkillsOnPlainList: the fake does what R25 documents for
// the plain agentUserIdList (every agent of a skill-based call center back
// to level 1), so a client that sent it would fail the skill tests.
func TestFakeResetsSkillsOnPlainList(t *testing.T) {
	srv, skill, _ := staffServer(t)
	c := clientFor(t, srv, "TCP")
	ctx := context.Background()
	if err := c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u0@example.com", SkillLevel: 9}, callcenter.Agent{UserID: "u1@example.com", SkillLevel: 4}); err != nil {
		t.Fatal(err)
	}
	resps, err := c.Do(ctx, &plainAgentList{ServiceUserID: skill.ServiceUserID, UserIDs: []string{"u0@example.com", "u1@example.com", "u2@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, isErr := resps[0].(*broadworks.Error); isErr {
		t.Fatal(resps[0])
	}
	for _, a := range agentsOf(t, c, skill.ServiceUserID) {
		if a.SkillLevel != 1 {
			t.Errorf("%s at level %d after a plain list: the fake must reset it to 1 as R25 documents", a.UserID, a.SkillLevel)
		}
	}
}

// TestStaffingSeamWire: a read is one document of three commands; a
// change is one document, removals first, then additions, then the
// skilled list of every agent; the plain agentUserIdList never goes out.
func TestStaffingSeamWire(t *testing.T) {
	srv, skill, _ := staffServer(t)
	proxy := newProxy(t, srv.TCPAddr())
	c := mustClient(t, proxy.ln.Addr().String(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
	ctx := context.Background()
	if err := c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u0@example.com", SkillLevel: 9},
		callcenter.Agent{UserID: "u1@example.com", SkillLevel: 4}, callcenter.Agent{UserID: "u2@example.com", SkillLevel: 4}); err != nil {
		t.Fatal(err)
	}
	ops := c.BulkOps().(platform.Staffer)
	mark := func() int { proxy.mu.Lock(); defer proxy.mu.Unlock(); return proxy.out.Len() }
	since := func(at int) string { proxy.mu.Lock(); defer proxy.mu.Unlock(); return proxy.out.String()[at:] }
	at := mark()
	stored, found, err := ops.ReadStaffing(ctx, "SKILL@example.com")
	if err != nil || !found {
		t.Fatal(found, err)
	}
	wantStored := callcenter.Staffing{ServiceUserID: "SKILL@example.com", SkillBased: true,
		Agents:      []callcenter.Agent{{UserID: "u1@example.com", SkillLevel: 4}, {UserID: "u2@example.com", SkillLevel: 4}, {UserID: "u0@example.com", SkillLevel: 9}},
		Supervisors: []string{}}
	if !reflect.DeepEqual(stored, wantStored) {
		t.Fatalf("read %+v\nwant %+v", stored, wantStored)
	}
	cmdType := regexp.MustCompile(`<command xsi:type="(\w+)"`)
	types := func(doc string) []string {
		var out []string
		for _, m := range cmdType.FindAllStringSubmatch(doc, -1) {
			out = append(out, m[1])
		}
		return out
	}
	read := since(at)
	if got := types(read); !slices.Equal(got, []string{"GroupCallCenterGetInstanceRequest22", "GroupCallCenterGetAgentPagedSortedListRequest", "GroupCallCenterGetSupervisorListRequest16"}) ||
		strings.Count(read, "<BroadsoftDocument") != 1 {
		t.Fatalf("read sent %q in %d documents", got, strings.Count(read, "<BroadsoftDocument"))
	}
	// u2 leaves, u3 joins without a level, u0 goes to level 2, a
	// supervisor joins.
	d := callcenter.DiffStaffing(stored, callcenter.Staffing{
		Agents:      []callcenter.Agent{{UserID: "u0@example.com", SkillLevel: 2}, {UserID: "u1@example.com"}, {UserID: "u3@example.com"}},
		Supervisors: []string{"u9@example.com"}})
	cmd, err := ops.BuildStaffing(d)
	if err != nil {
		t.Fatal(err)
	}
	at = mark()
	if _, err := ops.SendStaffing(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	write := since(at)
	if got := types(write); !slices.Equal(got, []string{"GroupCallCenterDeleteAgentListRequest", "GroupCallCenterAddAgentListRequest",
		"GroupCallCenterAddSupervisorListRequest", "GroupCallCenterModifyAgentListRequest"}) || strings.Count(write, "<BroadsoftDocument") != 1 {
		t.Fatalf("write sent %q in %d documents", got, strings.Count(write, "<BroadsoftDocument"))
	}
	for _, want := range []string{
		`<agentSkillList><skillLevel>1</skillLevel><agent>u3@example.com</agent></agentSkillList>`,
		`<skilledAgentUserIdList><skillLevel>1</skillLevel><agents><userId>u3@example.com</userId></agents></skilledAgentUserIdList>` +
			`<skilledAgentUserIdList><skillLevel>2</skillLevel><agents><userId>u0@example.com</userId></agents></skilledAgentUserIdList>` +
			`<skilledAgentUserIdList><skillLevel>4</skillLevel><agents><userId>u1@example.com</userId></agents></skilledAgentUserIdList>`,
	} {
		if !strings.Contains(write, want) {
			t.Errorf("the write lacks %s:\n%s", want, write)
		}
	}
	if strings.Contains(write, "agentUserIdList") {
		t.Errorf("the plain agentUserIdList was sent:\n%s", write)
	}
	now, _ := srv.Staffing(skill.ServiceUserID)
	if !now.Holds(d.After) || !slices.Equal(now.Supervisors, []string{"u9@example.com"}) {
		t.Errorf("stored %+v, want %+v", now, d.After)
	}
	if _, found, err := ops.ReadStaffing(ctx, "missing@example.com"); found || err != nil {
		t.Errorf("missing call center: found %v, %v", found, err)
	}
}
