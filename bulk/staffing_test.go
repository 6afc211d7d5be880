package bulk_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/platform"
)

// staffFake is a fake with users u00..u39@example.com of SP/G1 and three
// call centers: skill@ (Premium, Skill Based), prio@ (Premium, Priority
// Based) and basic@ (Basic).
type staffFake struct {
	srv    *broadworkstest.Server
	client *broadworks.Client
}

// The three call centers of a staffFake.
const (
	skillCC = "skill@example.com"
	prioCC  = "prio@example.com"
	basicCC = "basic@example.com"
)

func user(i int) string { return fmt.Sprintf("u%02d@example.com", i) }

func newStaffFake(t testing.TB, opts ...broadworkstest.Option) *staffFake {
	t.Helper()
	var users []string
	for i := range 40 {
		users = append(users, user(i))
	}
	srv := broadworkstest.NewServer(append([]broadworkstest.Option{broadworkstest.WithGroupUsers("SP", "G1", users...)}, opts...)...)
	t.Cleanup(srv.Close)
	c := must(broadworks.NewClient(srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTransport(broadworks.TCP), broadworks.WithSessions(4)))
	t.Cleanup(func() { c.Close() })
	for _, cc := range []callcenter.CallCenter{
		{ServiceUserID: skillCC, Type: callcenter.Premium, RoutingType: callcenter.SkillBased},
		{ServiceUserID: prioCC, Type: callcenter.Premium, RoutingType: callcenter.PriorityBased},
		{ServiceUserID: basicCC, Type: callcenter.Basic},
	} {
		cc.ServiceProviderID, cc.GroupID, cc.Profile.Password = "SP", "G1", "pw-123456"
		cc.Policy = callcenter.Regular
		if err := c.AddCallCenter(context.Background(), cc); err != nil {
			t.Fatal(err)
		}
	}
	return &staffFake{srv: srv, client: c}
}

// staff sets the agents of a call center of the fake directly.
func (f *staffFake) staff(t testing.TB, id string, agents ...callcenter.Agent) {
	t.Helper()
	if err := f.client.AddAgents(context.Background(), id, agents...); err != nil {
		t.Fatal(err)
	}
}

func (f *staffFake) staffing(t testing.TB, id string) callcenter.Staffing {
	t.Helper()
	st, ok := f.srv.Staffing(id)
	if !ok {
		t.Fatalf("no call center %s", id)
	}
	return st
}

// writes counts the staffing writes the fake has received.
func (f *staffFake) writes() int {
	n := 0
	for _, typ := range []string{"GroupCallCenterAddAgentListRequest", "GroupCallCenterDeleteAgentListRequest", "GroupCallCenterModifyAgentListRequest",
		"GroupCallCenterAddSupervisorListRequest", "GroupCallCenterDeleteSupervisorListRequest"} {
		n += f.srv.CommandCount(typ)
	}
	return n
}

// sameAgents compares agent lists without regard to order.
func sameAgents(a, b []callcenter.Agent) bool {
	sorted := func(x []callcenter.Agent) []callcenter.Agent {
		return slices.SortedFunc(slices.Values(x), func(p, q callcenter.Agent) int { return strings.Compare(p.UserID, q.UserID) })
	}
	return reflect.DeepEqual(sorted(a), sorted(b))
}

func lvl(id string, level int) callcenter.Agent {
	return callcenter.Agent{UserID: id, SkillLevel: level}
}

const mercuryHeader = "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.userId[2],agentUserIdList.userId[3]," +
	"agentUserIdList.userId[4],agentUserIdList.userId[5],agentUserIdList.userId[6],agentUserIdList.userId[7]\n"

// mercuryRow is a row of mercury's sheet (eight agent cells).
func mercuryRow(cc string, agents ...string) string {
	cells := make([]string, 8)
	copy(cells, agents)
	return bulk.StaffingOperation + "," + cc + "," + strings.Join(cells, ",") + "\n"
}

func modify(t testing.TB, f *staffFake, sheet string, opts ...bulk.Option) []bulk.Result {
	t.Helper()
	res, err := bulk.ModifyAgentsFromCSV(context.Background(), f.client, strings.NewReader(sheet), opts...)
	if err != nil {
		t.Fatalf("ModifyAgentsFromCSV: %v", err)
	}
	return res
}

// TestStaffingKeepsSkillLevels is the promise of issue 25: a skill-based
// Premium call center keeps the skill levels of its agents when one agent
// is added from mercury's sheet, which has no skill columns (mercury-ocip
// itself sends the whole list as a plain agentUserIdList, and R25 then
// sets every agent to level 1).
func TestStaffingKeepsSkillLevels(t *testing.T) {
	f := newStaffFake(t)
	f.staff(t, skillCC, lvl(user(0), 7), lvl(user(1), 3), lvl(user(2), 12))
	res := modify(t, f, mercuryHeader+mercuryRow(skillCC, user(0), user(1), user(2), user(3)))
	if r := res[0]; r.Status != bulk.StatusModified || !r.OK() || len(r.Differences) != 1 ||
		r.Differences[0].Message != `add "u03@example.com" at skill level 1 (the default)` {
		t.Fatalf("result %+v", r)
	}
	got := f.staffing(t, skillCC)
	want := []callcenter.Agent{lvl(user(1), 3), lvl(user(0), 7), lvl(user(2), 12), lvl(user(3), 1)}
	if !reflect.DeepEqual(got.Agents, want) {
		t.Fatalf("stored %+v\nwant   %+v: the levels the sheet does not give must stay", got.Agents, want)
	}
	if n := f.srv.CommandCount("GroupCallCenterModifyAgentListRequest"); n != 0 {
		t.Errorf("%d modifies of the agent list sent for an addition", n)
	}
	// A sheet with a skill column changes that one level, and only it.
	sheet := "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.userId[2],agentUserIdList.userId[3],agentUserIdList.skillLevel[1]\n" +
		bulk.StaffingOperation + "," + skillCC + "," + user(0) + "," + user(1) + "," + user(2) + "," + user(3) + ",5\n"
	res = modify(t, f, sheet)
	if r := res[0]; r.Status != bulk.StatusModified || len(r.Differences) != 1 || r.Differences[0].Message != `"u01@example.com": want 5, stored 3` {
		t.Fatalf("result %+v", r)
	}
	want[0].SkillLevel = 5
	if got := f.staffing(t, skillCC); !sameAgents(got.Agents, want) {
		t.Fatalf("stored %+v\nwant   %+v", got.Agents, want)
	}
	st, ok := res[0].Staffing()
	if !ok || !sameAgents(st.Agents, want) {
		t.Errorf("the result's staffing %+v, %v", st, ok)
	}
}

// TestStaffingTwiceWritesNothing: a sheet applied a second time finds
// every call center as it says and sends no write.
func TestStaffingTwiceWritesNothing(t *testing.T) {
	f := newStaffFake(t)
	f.staff(t, skillCC, lvl(user(0), 4), lvl(user(1), 9))
	f.staff(t, basicCC, lvl(user(5), 0))
	sheet := "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.skillLevel[0],agentUserIdList.skillLevel[1],supervisorUserIdList.userId[0]\n" +
		strings.Join([]string{bulk.StaffingOperation, skillCC, user(1), user(2), "2", "", user(30)}, ",") + "\n" +
		strings.Join([]string{bulk.StaffingOperation, prioCC, user(3), user(4), "", "", ""}, ",") + "\n" +
		strings.Join([]string{bulk.StaffingOperation, basicCC, user(6), "", "", "", user(31)}, ",") + "\n"
	first := modify(t, f, sheet)
	for _, r := range first {
		if r.Status != bulk.StatusModified || !r.OK() {
			t.Fatalf("first run: %+v", r)
		}
	}
	writes := f.writes()
	second := modify(t, f, sheet)
	for _, r := range second {
		if r.Status != bulk.StatusUnchanged || !r.OK() {
			t.Errorf("second run: %+v", r)
		}
	}
	if n := f.writes() - writes; n != 0 {
		t.Errorf("the second run sent %d writes", n)
	}
	if got := f.staffing(t, skillCC); !reflect.DeepEqual(got.Agents, []callcenter.Agent{lvl(user(2), 1), lvl(user(1), 2)}) || !slices.Equal(got.Supervisors, []string{user(30)}) {
		t.Errorf("skill: %+v", got)
	}
	if got := f.staffing(t, basicCC); !reflect.DeepEqual(got.Agents, []callcenter.Agent{{UserID: user(6)}}) {
		t.Errorf("basic: %+v", got)
	}
}

// TestMercuryTemplates: the sheet of the reference (mercury-ocip's header,
// the rows of its documentation) reads and dry-runs; so does mercury's own
// template file, whose second line is its row of value types, refused as
// such. (That file is not in the repository: set MERCURY_OCIP_DIR to a
// git directory of github.com/Fourteen-IP/mercury-ocip.)
func TestMercuryTemplates(t *testing.T) {
	f := newStaffFake(t)
	connections := f.srv.Stats().Connections
	ref, err := os.ReadFile("../testdata/call.center.modify.agent.list.csv")
	if err != nil {
		t.Fatal(err)
	}
	res := modify(t, f, string(ref), bulk.DryRun())
	if len(res) != 2 || !res[0].OK() || !res[1].OK() || res[0].Status != bulk.StatusValidated {
		t.Fatalf("reference sheet: %+v", res)
	}
	st, _ := res[0].Staffing()
	if len(st.Agents) != 4 || st.Agents[3].UserID != "alice.brown@company.com" || st.Supervisors != nil {
		t.Errorf("reference row 0: %+v", st)
	}
	if n := f.srv.Stats().Connections - connections; n != 0 {
		t.Errorf("a dry run connected (%d connections)", n)
	}
	op, err := bulk.SheetOperation(bytes.NewReader(ref))
	if err != nil || op != bulk.StaffingOperation {
		t.Errorf("SheetOperation: %q, %v", op, err)
	}
	// The shape of mercury's template: CRLF, no final line break, the row
	// of value types.
	hint := strings.ReplaceAll(mercuryHeader, "\n", "\r\n") + bulk.StaffingOperation + ",string,none | string,none | string,none |string,none | string,none | string,none | string,none | string,none | string"
	checkTemplate := func(name, sheet string) {
		t.Helper()
		res := modify(t, f, sheet, bulk.DryRun())
		if len(res) != 1 || res[0].Status != bulk.StatusInvalid || !strings.Contains(res[0].Err.Error(), "template row of value types") {
			t.Errorf("%s: %+v", name, res)
		}
	}
	checkTemplate("value-type row", hint)
	dir := os.Getenv("MERCURY_OCIP_DIR")
	if dir == "" {
		t.Log("MERCURY_OCIP_DIR is not set: mercury-ocip's own template file is not read")
		return
	}
	out, err := exec.Command("git", "--git-dir", dir, "show", "HEAD:assets/bulk sheets/call.center.modify.agent.list.csv").Output()
	if err != nil {
		t.Fatalf("reading mercury-ocip's template: %v", err)
	}
	checkTemplate("mercury-ocip's template", string(out))
	if op, err := bulk.SheetOperation(bytes.NewReader(out)); err != nil || op != bulk.StaffingOperation {
		t.Errorf("SheetOperation of mercury's template: %q, %v", op, err)
	}
}

// TestStaffingDryRunAndPlan: a dry run checks every row and reads nothing;
// a plan reads and lists the adds, removals and skill changes, and writes
// nothing.
func TestStaffingDryRunAndPlan(t *testing.T) {
	f := newStaffFake(t)
	f.staff(t, skillCC, lvl(user(0), 4), lvl(user(1), 9))
	sheet := "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.skillLevel[0],agentUserIdList.skillLevel[1]\n" +
		strings.Join([]string{bulk.StaffingOperation, skillCC, user(1), user(2), "2", "6"}, ",") + "\n" +
		strings.Join([]string{bulk.StaffingOperation, "bad id", "none", user(2), "21", "null"}, ",") + "\n" +
		strings.Join([]string{bulk.StaffingOperation, "SKILL@example.com", "", "", "", ""}, ",") + "\n"
	docs, writes := f.srv.Stats().Documents, f.writes()
	dry := modify(t, f, sheet, bulk.DryRun())
	// Rows 0 and 2 name one call center: neither is applied (see
	// TestStaffingSplitRowsRefused); without row 2, row 0 is valid.
	if !errors.Is(dry[0].Err, bulk.ErrDuplicateRow) || dry[1].Status != bulk.StatusInvalid || !errors.Is(dry[2].Err, bulk.ErrDuplicateRow) {
		t.Fatalf("dry run: %+v", dry)
	}
	sheet, _, _ = strings.Cut(sheet, bulk.StaffingOperation+",SKILL@example.com")
	dry = modify(t, f, sheet, bulk.DryRun())
	if dry[0].Status != bulk.StatusValidated || dry[1].Status != bulk.StatusInvalid {
		t.Fatalf("dry run: %+v", dry)
	}
	var re *bulk.RowError
	var ve *callcenter.ValidationError
	if !errors.As(dry[1].Err, &re) || !errors.As(dry[1].Err, &ve) {
		t.Fatalf("row 1: %v", dry[1].Err)
	}
	for _, col := range []string{"serviceUserId", "agentUserIdList.userId[0]", "agentUserIdList.skillLevel[0]", "agentUserIdList.skillLevel[1]"} {
		if !ve.Has(col) {
			t.Errorf("row 1: no problem for %s: %v", col, ve)
		}
	}
	if n := f.srv.Stats().Documents - docs; n != 0 {
		t.Errorf("a dry run sent %d documents", n)
	}
	plan := modify(t, f, sheet, bulk.PlanOnly())
	r := plan[0]
	want := []string{`agentUserIdList: remove "u00@example.com"`, `agentUserIdList: add "u02@example.com" at skill level 6`,
		`agentUserIdList.skillLevel: "u01@example.com": want 2, stored 9`}
	var got []string
	for _, d := range r.Differences {
		got = append(got, d.Error())
	}
	if r.Status != bulk.StatusModified || !r.Planned || !slices.Equal(got, want) || r.Command() == nil {
		t.Fatalf("plan: %+v\ndifferences %q", r, got)
	}
	if n := f.writes() - writes; n != 0 {
		t.Errorf("a plan wrote %d times", n)
	}
}

// TestStaffingSplitRowsRefused: a call center whose list is split over
// two rows (mercury's template has eight agent columns; a twelfth agent
// goes in a second row by a slip) is not staffed by its first row alone,
// which would remove the agents of the second: every row of it is refused,
// each naming the other's line, and nothing is written; in a dry run too.
// The other rows of the sheet run as usual.
func TestStaffingSplitRowsRefused(t *testing.T) {
	f := newStaffFake(t)
	var twelve []callcenter.Agent
	var ids []string
	for i := range 12 {
		twelve, ids = append(twelve, lvl(user(i), 0)), append(ids, user(i))
	}
	f.staff(t, prioCC, twelve...)
	before := f.staffing(t, prioCC)
	sheet := mercuryHeader + mercuryRow(prioCC, ids[:8]...) + mercuryRow(basicCC, user(20)) + mercuryRow(strings.ToUpper(prioCC), ids[8:]...)
	for _, run := range []struct {
		name string
		opts []bulk.Option
	}{{"dry run", []bulk.Option{bulk.DryRun()}}, {"plan", []bulk.Option{bulk.PlanOnly()}}, {"apply", nil}} {
		opts := run.opts
		writes := f.writes()
		res := modify(t, f, sheet, opts...)
		for _, i := range []int{0, 2} {
			other := map[int]string{0: "line 4", 2: "line 2"}[i]
			if res[i].Status != bulk.StatusInvalid || res[i].OK() || !errors.Is(res[i].Err, bulk.ErrDuplicateRow) ||
				!strings.Contains(res[i].Err.Error(), other) {
				t.Errorf("%s: row %d: %s %v, want invalid, a duplicate naming %s", run.name, i, res[i].Status, res[i].Err, other)
			}
		}
		if !res[1].OK() {
			t.Errorf("%s: the other row: %+v", run.name, res[1])
		}
		if got := f.staffing(t, prioCC); !got.Holds(before) || !before.Holds(got) {
			t.Fatalf("%s: %s lost agents: %+v", run.name, prioCC, got)
		}
		if opts != nil {
			if n := f.writes() - writes; n != 0 {
				t.Errorf("%s: %d writes", run.name, n)
			}
		}
	}
}

// TestStaffingRemovalLimit: an empty list (all its cells empty) removes
// every agent of its call center, and removals past MaxDeletes make the
// run write nothing at all.
func TestStaffingRemovalLimit(t *testing.T) {
	f := newStaffFake(t)
	var twelve []callcenter.Agent
	for i := range 12 {
		twelve = append(twelve, lvl(user(i), 0))
	}
	f.staff(t, prioCC, twelve...)
	sheet := mercuryHeader + mercuryRow(basicCC, user(20)) + mercuryRow(prioCC)
	writes := f.writes()
	_, err := bulk.ModifyAgentsFromCSV(context.Background(), f.client, strings.NewReader(sheet))
	var tm *bulk.TooManyDeletesError
	if !errors.As(err, &tm) || !errors.Is(err, bulk.ErrTooManyDeletes) || tm.Deletes != 12 || !tm.Removals || len(tm.IDs) != 12 ||
		!strings.Contains(err.Error(), "remove 12 agents and supervisors") {
		t.Fatalf("err %v (%+v)", err, tm)
	}
	if n := f.writes() - writes; n != 0 {
		t.Fatalf("%d writes past the limit", n)
	}
	res := modify(t, f, sheet, bulk.MaxDeletes(12))
	if res[0].Status != bulk.StatusModified || res[1].Status != bulk.StatusModified || len(f.staffing(t, prioCC).Agents) != 0 {
		t.Fatalf("with MaxDeletes(12): %+v", res)
	}
	// null in the first cell says the same explicitly.
	f.staff(t, prioCC, lvl(user(1), 0))
	res = modify(t, f, mercuryHeader+mercuryRow(prioCC, "NULL"))
	if res[0].Status != bulk.StatusModified || len(f.staffing(t, prioCC).Agents) != 0 {
		t.Fatalf("null: %+v", res)
	}
}

// TestStaffingBackupRestores: the backup of a run, applied, puts back
// every agent, level and supervisor the run changed.
func TestStaffingBackupRestores(t *testing.T) {
	f := newStaffFake(t)
	f.staff(t, skillCC, lvl(user(0), 7), lvl(user(1), 3), lvl(user(2), 12))
	if err := f.client.AddSupervisors(context.Background(), skillCC, user(30)); err != nil {
		t.Fatal(err)
	}
	f.staff(t, basicCC, lvl(user(5), 0), lvl(user(6), 0))
	before := []callcenter.Staffing{f.staffing(t, skillCC), f.staffing(t, basicCC)}
	sheet := "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.skillLevel[0],supervisorUserIdList.userId[0]\n" +
		strings.Join([]string{bulk.StaffingOperation, skillCC, user(1), user(9), "8", user(31)}, ",") + "\n" +
		strings.Join([]string{bulk.StaffingOperation, basicCC, user(7), "", "", ""}, ",") + "\n"
	var backup bytes.Buffer
	res := modify(t, f, sheet, bulk.BackupTo(&backup))
	for _, r := range res {
		if r.Status != bulk.StatusModified {
			t.Fatalf("%+v", r)
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(backup.Bytes())).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("backup %q: %v", backup.String(), err)
	}
	restored := modify(t, f, backup.String(), bulk.MaxDeletes(100))
	for _, r := range restored {
		if r.Status != bulk.StatusModified {
			t.Fatalf("restore: %+v", r)
		}
	}
	for i, id := range []string{skillCC, basicCC} {
		if got := f.staffing(t, id); !got.Holds(before[i]) || !before[i].Holds(got) {
			t.Errorf("%s after the restore: %+v, before the run: %+v", id, got, before[i])
		}
	}
}

// TestExportAgentsRoundTrip: a group's export reads back, applied
// unchanged writes nothing, and has mercury's columns first.
func TestExportAgentsRoundTrip(t *testing.T) {
	f := newStaffFake(t)
	var many []callcenter.Agent
	for i := range 10 {
		many = append(many, lvl(user(i), 20-i))
	}
	f.staff(t, skillCC, many...)
	f.staff(t, basicCC, lvl(user(20), 0), lvl(user(21), 0))
	if err := f.client.AddSupervisors(context.Background(), prioCC, user(30), user(31)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	n, err := bulk.ExportAgentsCSV(context.Background(), f.client, &out, "SP", "G1")
	if err != nil || n != 3 {
		t.Fatalf("export: %d, %v", n, err)
	}
	rows, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0][:10], ",") + "\n"; got != mercuryHeader {
		t.Errorf("header starts %q, not mercury's", got)
	}
	if !slices.Contains(rows[0], "agentUserIdList.userId[9]") || !slices.Contains(rows[0], "agentUserIdList.skillLevel[9]") ||
		!slices.Contains(rows[0], "supervisorUserIdList.userId[1]") || len(rows) != 4 {
		t.Errorf("export:\n%s", out.String())
	}
	writes := f.writes()
	res := modify(t, f, out.String())
	for _, r := range res {
		if r.Status != bulk.StatusUnchanged || len(r.Warnings) > 0 {
			t.Errorf("applying the export: %+v", r)
		}
	}
	if f.writes() != writes {
		t.Errorf("applying the export wrote %d times", f.writes()-writes)
	}
}

// TestStaffingRefusals: rows the platform's state refuses, and options
// and sheets that are not for an agent sheet.
func TestStaffingRefusals(t *testing.T) {
	f := newStaffFake(t)
	sheet := "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.skillLevel[0]\n" +
		bulk.StaffingOperation + "," + basicCC + "," + user(1) + ",3\n" +
		bulk.StaffingOperation + ",missing@example.com," + user(1) + ",\n" +
		bulk.StaffingOperation + "," + prioCC + ",nobody@example.com,\n" +
		bulk.StaffingOperation + "," + skillCC + "," + basicCC + ",\n"
	res := modify(t, f, sheet)
	var re *bulk.RowError
	if res[0].Status != bulk.StatusInvalid || !errors.As(res[0].Err, &re) || !strings.Contains(res[0].Err.Error(), "agentUserIdList.skillLevel[0]") ||
		!strings.Contains(res[0].Err.Error(), "does not route calls by skill") {
		t.Errorf("a level on a Basic call center: %+v", res[0])
	}
	if res[1].Status != bulk.StatusFailed || !errors.Is(res[1].Err, platform.ErrNotFound) {
		t.Errorf("a missing call center: %+v", res[1])
	}
	var be *broadworks.Error
	if res[2].Status != bulk.StatusFailed || !errors.As(res[2].Err, &be) || be.Code != 4008 {
		t.Errorf("an unknown user: %+v", res[2])
	}
	if res[3].Status != bulk.StatusFailed || !errors.As(res[3].Err, &be) || be.Code != broadworkstest.CodeNotAUser {
		t.Errorf("a call center as agent: %+v", res[3])
	}
	for _, o := range []bulk.Option{bulk.Prune(), bulk.SetPasswords(), bulk.PlanTo(&bytes.Buffer{})} {
		opts := []bulk.Option{o}
		if _, err := bulk.ModifyAgentsFromCSV(context.Background(), f.client, strings.NewReader(sheet), append(opts, bulk.PlanOnly())...); err == nil {
			t.Errorf("an option for call centers was taken")
		}
	}
	if _, err := bulk.ModifyAgentsFromCSV(context.Background(), newMem(), strings.NewReader(sheet)); err == nil || !strings.Contains(err.Error(), "platform.Staffer") {
		t.Errorf("a platform that cannot staff: %v", err)
	}
	if _, err := bulk.ExportAgentsCSV(context.Background(), newMem(), &bytes.Buffer{}, "SP", "G1"); err == nil {
		t.Error("export from a platform that cannot staff: no error")
	}
	var he *bulk.HeaderError
	for name, bad := range map[string]string{
		"no serviceUserId":    "operation,agentUserIdList.userId[0]\n",
		"level without agent": "serviceUserId,agentUserIdList.skillLevel[2]\n",
		"unknown column":      "serviceUserId,agentUserIdList.usrId[0]\n",
	} {
		if _, err := bulk.ModifyAgentsFromCSV(context.Background(), f.client, strings.NewReader(bad+"x,y\n")); !errors.As(err, &he) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := bulk.ModifyAgentsFromCSV(context.Background(), f.client, strings.NewReader("serviceUserId,agentUserIdList.usrId[0]\n")); err == nil ||
		!strings.Contains(err.Error(), `did you mean "agentUserIdList.userId[0]"`) {
		t.Errorf("no suggestion: %v", err)
	}
	if _, err := bulk.CreateFromCSV(context.Background(), f.client, strings.NewReader(mercuryHeader+mercuryRow(skillCC, user(1)))); !errors.As(err, &he) ||
		!strings.Contains(err.Error(), "agent sheet") {
		t.Errorf("CreateFromCSV of an agent sheet: %v", err)
	}
}

// TestStaffingRereadKeepsConcurrentChange: a row that sets levels reads
// its call center again just before writing, so an agent another
// administrator added since the run first read it stays.
func TestStaffingRereadKeepsConcurrentChange(t *testing.T) {
	f := newStaffFake(t)
	f.staff(t, skillCC, lvl(user(0), 4), lvl(user(1), 9))
	hook := &hookedTarget{Target: f.client, onRead: func(n int) {
		if n == 2 { // the second read: just before the write
			f.staff(t, skillCC, lvl(user(7), 5))
		}
	}}
	sheet := "serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.skillLevel[0]\n" + skillCC + "," + user(0) + "," + user(1) + ",1\n"
	res, err := bulk.ModifyAgentsFromCSV(context.Background(), hook, strings.NewReader(sheet))
	if err != nil || res[0].Status != bulk.StatusModified {
		t.Fatalf("%+v, %v", res, err)
	}
	want := []callcenter.Agent{lvl(user(0), 1), lvl(user(7), 5), lvl(user(1), 9)}
	if got := f.staffing(t, skillCC).Agents; !reflect.DeepEqual(got, want) {
		t.Errorf("stored %+v, want %+v (u07, added meanwhile, kept)", got, want)
	}
}

// hookedTarget calls onRead before each staffing read of its client.
type hookedTarget struct {
	bulk.Target
	onRead func(n int)
	reads  int
}

func (h *hookedTarget) BulkOps() platform.Ops { return hookedOps{h.Target.BulkOps(), h} }

type hookedOps struct {
	platform.Ops
	h *hookedTarget
}

func (o hookedOps) ReadStaffing(ctx context.Context, id string) (callcenter.Staffing, bool, error) {
	o.h.reads++
	o.h.onRead(o.h.reads)
	return o.Ops.(platform.Staffer).ReadStaffing(ctx, id)
}

func (o hookedOps) BuildStaffing(d callcenter.StaffingDiff) (any, error) {
	return o.Ops.(platform.Staffer).BuildStaffing(d)
}

func (o hookedOps) SendStaffing(ctx context.Context, cmd any) (string, error) {
	return o.Ops.(platform.Staffer).SendStaffing(ctx, cmd)
}

// TestStaffingSettlesFailures: a refused command of a row's document
// leaves the others carried out, and the result says where the call
// center is and what is left; a lost answer is settled by reading.
func TestStaffingSettlesFailures(t *testing.T) {
	f := newStaffFake(t)
	f.staff(t, prioCC, lvl(user(0), 0), lvl(user(1), 0))
	f.srv.Inject(fault.Fault{Path: "GroupCallCenterAddAgentListRequest", Status: 4500})
	res := modify(t, f, mercuryHeader+mercuryRow(prioCC, user(0), user(2)))
	r := res[0]
	st, _ := r.Staffing()
	if r.Status != bulk.StatusFailed || len(r.Differences) != 1 || r.Differences[0].Message != `add "u02@example.com"` ||
		!reflect.DeepEqual(st.Agents, []callcenter.Agent{{UserID: user(0)}}) {
		t.Fatalf("refused add: %+v", r)
	}
	if !strings.Contains(r.Err.Error(), "holds part of the change") {
		t.Errorf("refused add after a removal: %v", r.Err)
	}
	// A row whose every change was refused does not say that part of it
	// took effect: the call center is as it was.
	f.srv.Inject(fault.Fault{Path: "GroupCallCenterAddAgentListRequest", Status: 4500})
	none := modify(t, f, mercuryHeader+mercuryRow(prioCC, user(0), user(3)))[0]
	if none.Status != bulk.StatusFailed || !strings.Contains(none.Err.Error(), "none of the row's changes took effect") ||
		strings.Contains(none.Err.Error(), "part of the change") || !reflect.DeepEqual(f.staffing(t, prioCC).Agents, []callcenter.Agent{{UserID: user(0)}}) {
		t.Errorf("refused add alone: %+v", none)
	}
	// Applied again, only the rest goes out.
	if res := modify(t, f, mercuryHeader+mercuryRow(prioCC, user(0), user(2))); res[0].Status != bulk.StatusModified || len(res[0].Differences) != 1 {
		t.Fatalf("again: %+v", res[0])
	}
	// The connection drops after the document was carried out.
	f.srv.Inject(fault.Fault{Path: "GroupCallCenterDeleteAgentListRequest", Drop: true, AfterHandling: true})
	res = modify(t, f, mercuryHeader+mercuryRow(prioCC, user(2)))
	if r := res[0]; r.Status != bulk.StatusModified || !r.OK() || !strings.Contains(r.Response, "settled") {
		t.Fatalf("lost answer: %+v", r)
	}
	if got := f.staffing(t, prioCC).Agents; !reflect.DeepEqual(got, []callcenter.Agent{{UserID: user(2)}}) {
		t.Errorf("stored %+v", got)
	}
}

// TestStaffingSystemicStop: a refused login stops the run before any
// write; every row has its result.
func TestStaffingSystemicStop(t *testing.T) {
	f := newStaffFake(t)
	bad := must(broadworks.NewClient(f.srv.TCPAddr(), broadworkstest.DefaultUser, "wrong-password", broadworks.WithTransport(broadworks.TCP)))
	t.Cleanup(func() { bad.Close() })
	sheet := mercuryHeader + mercuryRow(skillCC, user(1)) + mercuryRow(prioCC, user(2)) + mercuryRow(basicCC, user(3))
	res, err := bulk.ModifyAgentsFromCSV(context.Background(), bad, strings.NewReader(sheet))
	var stop *bulk.StopError
	if !errors.As(err, &stop) || !errors.Is(err, bulk.ErrLoginRefused) || len(res) != 3 {
		t.Fatalf("%v, %d results", err, len(res))
	}
	failed := 0
	for _, r := range res {
		switch r.Status {
		case bulk.StatusFailed:
			failed++
			if r.Index != stop.Row {
				t.Errorf("row %d failed, the stop names row %d", r.Index, stop.Row)
			}
		case bulk.StatusSkipped:
		default:
			t.Errorf("row %d: %v", r.Index, r.Status)
		}
	}
	if failed != 1 {
		t.Errorf("%d rows failed: only the one that met the refusal may", failed)
	}
	if s := f.srv.Stats(); s.Logins > 1 || f.writes() != 0 {
		t.Errorf("logins %d, writes %d", s.Logins, f.writes())
	}
}

// TestStaffingResume: a run resumed from its results reruns only the rows
// that did not end well; the results file reads back with the staffing.
func TestStaffingResume(t *testing.T) {
	f := newStaffFake(t)
	sheet := mercuryHeader + mercuryRow(skillCC, user(1)) + mercuryRow("missing@example.com", user(2))
	var results bytes.Buffer
	first := modify(t, f, sheet, bulk.ResultsTo(&results))
	if first[0].Status != bulk.StatusModified || first[1].Status != bulk.StatusFailed {
		t.Fatalf("%+v", first)
	}
	var back bulk.Result
	line, _, _ := strings.Cut(results.String(), "\n")
	if err := json.Unmarshal([]byte(line), &back); err != nil {
		t.Fatal(err)
	}
	if st, ok := back.Staffing(); !ok || back.Data().ServiceUserID != skillCC || !reflect.DeepEqual(st.Agents, []callcenter.Agent{lvl(user(1), 1)}) ||
		!strings.Contains(line, `"operation":"call.center.update.agent.list"`) {
		t.Errorf("results line %s read back as %+v", line, back)
	}
	docs := f.srv.Stats().Documents
	again := modify(t, f, sheet, bulk.Resume(strings.NewReader(results.String())))
	if again[0].Status != bulk.StatusDone || again[1].Status != bulk.StatusFailed {
		t.Fatalf("resumed: %+v", again)
	}
	if n := f.srv.Stats().Documents - docs; n != 1 {
		t.Errorf("the resumed run sent %d documents, want 1 (the failed row's read)", n)
	}
}

// TestSheetOperation tells the sheets apart by their operation column.
func TestSheetOperation(t *testing.T) {
	for sheet, want := range map[string]string{
		"operation,serviceUserId\n\n" + bulk.StaffingOperation + ",x@y\n":                                      bulk.StaffingOperation,
		"operation;serviceUserId;groupId\r\ncall.center.create;x@y;G\r\n":                                      bulk.Operation,
		"\uFEFFOPERATION,serviceUserId,agentUserIdList.userId[0]\n  " + bulk.StaffingOperation + " ,x@y,a@b\n": bulk.StaffingOperation,
		"serviceUserId\nx@y\n": "",
		"operation\n":          "",
	} {
		got, err := bulk.SheetOperation(strings.NewReader(sheet))
		if err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", sheet, got, err, want)
		}
	}
	if _, err := bulk.SheetOperation(strings.NewReader("operation,nonsense\n")); err == nil {
		t.Error("a header of neither sheet: no error")
	}
}
