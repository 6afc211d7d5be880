package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// staffedServer is a fake on 127.0.0.1 with users agent0..agent11 of
// SP/G1, a skill-based Premium call center sales@ (agents 0, 1, 2 at
// levels 7, 3 and 12) and a Standard one support@ (agents 5 and 6).
func staffedServer(t *testing.T) *broadworkstest.Server {
	t.Helper()
	var users []string
	for i := range 12 {
		users = append(users, fmt.Sprintf("agent%d@example.com", i))
	}
	srv := fakeServer(t, broadworkstest.WithGroupUsers("SP", "G1", users...))
	c, err := broadworks.NewClient(srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	for _, cc := range []callcenter.CallCenter{
		{ServiceUserID: "sales@example.com", Type: callcenter.Premium, RoutingType: callcenter.SkillBased},
		{ServiceUserID: "support@example.com", Type: callcenter.Standard},
	} {
		cc.ServiceProviderID, cc.GroupID, cc.Profile.Password, cc.Policy = "SP", "G1", "pw-123456", callcenter.Regular
		cc.Profile.Name, cc.Profile.CallingLineIDFirstName, cc.Profile.CallingLineIDLastName = "N", "F", "L"
		cc.ApplyDefaults()
		if err := c.AddCallCenter(ctx, cc); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.AddAgents(ctx, "sales@example.com", callcenter.Agent{UserID: "agent0@example.com", SkillLevel: 7},
		callcenter.Agent{UserID: "agent1@example.com", SkillLevel: 3}, callcenter.Agent{UserID: "agent2@example.com", SkillLevel: 12}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddAgents(ctx, "support@example.com", callcenter.Agent{UserID: "agent5@example.com"}, callcenter.Agent{UserID: "agent6@example.com"}); err != nil {
		t.Fatal(err)
	}
	return srv
}

const agentHeader = "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.userId[2],agentUserIdList.userId[3]," +
	"agentUserIdList.userId[4],agentUserIdList.userId[5],agentUserIdList.userId[6],agentUserIdList.userId[7]\n"

func agentRow(cc string, agents ...string) string {
	cells := make([]string, 8)
	copy(cells, agents)
	return "call.center.update.agent.list," + cc + "," + strings.Join(cells, ",") + "\n"
}

func levels(t *testing.T, srv *broadworkstest.Server, id string) map[string]int {
	t.Helper()
	st, ok := srv.Staffing(id)
	if !ok {
		t.Fatalf("no %s", id)
	}
	out := map[string]int{}
	for _, a := range st.Agents {
		out[a.UserID] = a.SkillLevel
	}
	return out
}

// TestAgentSheet runs mercury's agent sheet through the tool as an
// administrator would: recognised by its operation column, refused without
// a mode, dry-run without a connection, planned, applied (the skill levels
// kept), applied again (nothing written), backed up and restored.
func TestAgentSheet(t *testing.T) {
	srv := staffedServer(t)
	dir := t.TempDir()
	sheet := filepath.Join(dir, "agents.csv")
	if err := os.WriteFile(sheet, []byte(agentHeader+agentRow("sales@example.com", "agent0@example.com", "agent1@example.com", "agent2@example.com", "agent3@example.com")+
		agentRow("support@example.com", "agent5@example.com", "agent6@example.com", "agent7@example.com")), 0o644); err != nil {
		t.Fatal(err)
	}
	host := hostArgs(srv)
	o := tool(t, goodPassword, append(host, "-csv", sheet)...)
	if o.code != exitUsage || !strings.Contains(o.stderr, "is an agent sheet (operation call.center.update.agent.list)") || !strings.Contains(o.stderr, "-plan") {
		t.Fatalf("no mode: exit %d\n%s", o.code, o.stderr)
	}
	conns := srv.Stats().Connections
	o = tool(t, goodPassword, append(host, "-dry-run", "-csv", sheet)...)
	if o.code != exitOK || !strings.Contains(o.stderr, "2 validated") || srv.Stats().Connections != conns {
		t.Fatalf("dry run: exit %d, %d connections\n%s", o.code, srv.Stats().Connections-conns, o.stderr)
	}
	o = tool(t, goodPassword, append(host, "-plan", "-detailed-exitcode", "-csv", sheet)...)
	if o.code != exitChanges || !strings.Contains(o.stdout, `add "agent3@example.com" at skill level 1 (the default)`) ||
		!strings.Contains(o.stdout, `add "agent7@example.com"`) || !strings.Contains(o.stderr, "2 to modify") {
		t.Fatalf("plan: exit %d\nstdout %s\nstderr %s", o.code, o.stdout, o.stderr)
	}
	if n := srv.CommandCount("GroupCallCenterAddAgentListRequest"); n != 2 {
		t.Fatalf("the plan wrote: %d adds in all", n)
	}
	o = tool(t, goodPassword, append(host, "-apply", "-csv", sheet, "-results", filepath.Join(dir, "r.jsonl"))...)
	if o.code != exitOK || !strings.Contains(o.stderr, "2 modified") || !strings.Contains(o.stderr, "backup: the staffing of the 2 call centers") {
		t.Fatalf("apply: exit %d\nstdout %s\nstderr %s", o.code, o.stdout, o.stderr)
	}
	want := map[string]int{"agent0@example.com": 7, "agent1@example.com": 3, "agent2@example.com": 12, "agent3@example.com": 1}
	if got := levels(t, srv, "sales@example.com"); !reflect.DeepEqual(got, want) {
		t.Fatalf("levels after the apply: %v, want %v", got, want)
	}
	if n := srv.CommandCount("GroupCallCenterModifyAgentListRequest"); n != 0 {
		t.Errorf("%d agent-list modifies sent: an addition needs none", n)
	}
	writes := srv.CommandCount("GroupCallCenterAddAgentListRequest") + srv.CommandCount("GroupCallCenterDeleteAgentListRequest")
	o = tool(t, goodPassword, append(host, "-apply", "-csv", sheet)...)
	if o.code != exitOK || !strings.Contains(o.stderr, "2 unchanged") ||
		srv.CommandCount("GroupCallCenterAddAgentListRequest")+srv.CommandCount("GroupCallCenterDeleteAgentListRequest") != writes {
		t.Fatalf("second apply: exit %d\n%s", o.code, o.stderr)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "agents.backup-*.csv"))
	if len(backups) != 1 {
		t.Fatalf("backups %q", backups)
	}
	o = tool(t, goodPassword, append(host, "-apply", "-csv", backups[0], "-backup", "none")...)
	if o.code != exitOK || !strings.Contains(o.stderr, "2 modified") {
		t.Fatalf("restore: exit %d\n%s", o.code, o.stderr)
	}
	if got := levels(t, srv, "sales@example.com"); !reflect.DeepEqual(got, map[string]int{"agent0@example.com": 7, "agent1@example.com": 3, "agent2@example.com": 12}) {
		t.Errorf("after the restore: %v", got)
	}
}

// TestAgentSheetExportAndLimit: -export-agents writes a sheet that applies
// unchanged; an empty list past -max-deletes writes nothing and exits 2;
// the flags of call-center sheets are refused.
func TestAgentSheetExportAndLimit(t *testing.T) {
	srv := staffedServer(t)
	dir := t.TempDir()
	host := hostArgs(srv)
	exported := filepath.Join(dir, "staff.csv")
	o := tool(t, goodPassword, append(host, "-export-agents", exported, "-sp", "SP", "-group", "G1")...)
	if o.code != exitOK || !strings.Contains(o.stderr, "exported the agents and supervisors of 2 call centers") {
		t.Fatalf("export: exit %d\n%s", o.code, o.stderr)
	}
	recs := readCSV(t, exported)
	if len(recs) != 3 || strings.Join(recs[0][:10], ",")+"\n" != agentHeader {
		t.Fatalf("export: %q", recs)
	}
	o = tool(t, goodPassword, append(host, "-apply", "-csv", exported)...)
	if o.code != exitOK || !strings.Contains(o.stderr, "2 unchanged") || strings.Contains(o.stderr, "warning") {
		t.Fatalf("export applied: exit %d\n%s", o.code, o.stderr)
	}
	empty := writeFile(t, "empty.csv", agentHeader+agentRow("sales@example.com")+agentRow("support@example.com"))
	o = tool(t, goodPassword, append(host, "-apply", "-csv", empty, "-max-deletes", "4")...)
	if o.code != exitUsage || !strings.Contains(o.stderr, "would remove 5 agents and supervisors") || !strings.Contains(o.stderr, "-max-deletes 5") {
		t.Fatalf("past the limit: exit %d\n%s", o.code, o.stderr)
	}
	if st, _ := srv.Staffing("sales@example.com"); len(st.Agents) != 3 || srv.CommandCount("GroupCallCenterDeleteAgentListRequest") != 0 {
		t.Fatalf("written past the limit: %+v", st)
	}
	for name, args := range map[string][]string{
		"prune":        {"-apply", "-prune", "-csv", empty},
		"plan-out":     {"-plan", "-plan-out", filepath.Join(dir, "p.json"), "-csv", empty},
		"yes":          {"-apply", "-yes", "-csv", empty},
		"both exports": {"-export", "a.csv", "-export-agents", "b.csv", "-sp", "SP", "-group", "G1"},
	} {
		if o := tool(t, goodPassword, append(host, args...)...); o.code != exitUsage {
			t.Errorf("%s: exit %d\n%s", name, o.code, o.stderr)
		}
	}
}

// TestAgentSheetTemplates: the reference's agent sheet (mercury's header
// and documentation rows) dry-runs; mercury-ocip's own template, with its
// row of value types, is read and that row refused as such (set
// MERCURY_OCIP_DIR to a git directory of Fourteen-IP/mercury-ocip).
func TestAgentSheetTemplates(t *testing.T) {
	o := tool(t, nil, "-dry-run", "-csv", "../../testdata/call.center.modify.agent.list.csv")
	if o.code != exitOK || !strings.Contains(o.stderr, "2 validated") {
		t.Fatalf("reference sheet: exit %d\n%s", o.code, o.stderr)
	}
	dir := os.Getenv("MERCURY_OCIP_DIR")
	if dir == "" {
		t.Skip("MERCURY_OCIP_DIR is not set")
	}
	b, err := exec.Command("git", "--git-dir", dir, "show", "HEAD:assets/bulk sheets/call.center.modify.agent.list.csv").Output()
	if err != nil {
		t.Fatal(err)
	}
	o = tool(t, nil, "-dry-run", "-csv", writeFile(t, "call.center.modify.agent.list.csv", string(b)))
	if o.code != exitRowsFailed || !strings.Contains(o.stderr, "1 invalid") || !strings.Contains(o.stderr, "template row of value types") {
		t.Fatalf("mercury's template: exit %d\n%s", o.code, o.stderr)
	}
}

// TestAgentSheetRehearsal: a -fake-state rehearsal of an agent sheet keeps
// the staffing from run to run. The users of the groups are listed in the
// state file (group_users: the tool cannot know production's users); the
// agents the apply adds are in the state the next run loads, so that the
// sheet then plans unchanged (before, the state dropped them without a
// word, and the fake knew no user to staff anyway).
func TestAgentSheetRehearsal(t *testing.T) {
	state := filepath.Join(t.TempDir(), "platform.json")
	if err := os.WriteFile(state, []byte(`{"format": "broadworkstest-state", "version": 2,
  "users": [], "groups": [], "departments": [],
  "group_users": [{"service_provider_id": "SP", "group_id": "G1", "user_id": "agent1@example.com"},
                  {"service_provider_id": "SP", "group_id": "G1", "user_id": "agent2@example.com"}],
  "call_centers": [{"call_center": {"service_provider_id": "SP", "group_id": "G1", "service_user_id": "sales@example.com",
     "service_instance_profile": {"name": "Sales", "calling_line_id_last_name": "L", "calling_line_id_first_name": "F"},
     "type": "Premium", "policy": "Regular", "routing_type": "Skill Based"}, "password": "pw-123456", "active": true}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	sheet := writeFile(t, "agents.csv", "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.skillLevel[0]\n"+
		"call.center.update.agent.list,sales@example.com,agent1@example.com,agent2@example.com,9\n")
	o := tool(t, nil, "-apply", "-csv", sheet, "-fake-state", state, "-backup", "none")
	if o.code != exitOK || !strings.Contains(o.stderr, "1 modified") {
		t.Fatalf("apply: exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
	o = tool(t, nil, "-plan", "-csv", sheet, "-fake-state", state, "-detailed-exitcode")
	if o.code != exitOK || !strings.Contains(o.stderr, "1 unchanged") {
		t.Errorf("plan after the apply: exit %d, want %d (the staffing kept)\n%s%s", o.code, exitOK, o.stdout, o.stderr)
	}
	b, _ := os.ReadFile(state)
	if !strings.Contains(string(b), `"skill_level": 9`) {
		t.Errorf("state:\n%s", b)
	}
}
