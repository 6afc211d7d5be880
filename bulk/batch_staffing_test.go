package bulk_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
)

// Agent sheets batched (issue 27 on issue 25's runs): the same results as
// one call center a document, and lost documents settled row by row.

// staffTwinCenters is how many call centers a staffing twin adds to the
// three of a staffFake: staff0..staff44, a third skill-based Premium, a
// third priority-based Premium, a third Basic.
const staffTwinCenters = 45

// staffTwinID is the id of the twin's call center i.
func staffTwinID(i int) string { return fmt.Sprintf("staff%02d@example.com", i) }

// newStaffTwin returns a staffFake with staffTwinCenters more call
// centers, each with two agents (levels 5 and 6 where it routes by skill)
// and, for every fourth, a supervisor.
func newStaffTwin(t *testing.T) *staffFake {
	t.Helper()
	f := newStaffFake(t)
	ctx := context.Background()
	for i := range staffTwinCenters {
		cc := callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: staffTwinID(i),
			Profile: callcenter.Profile{Password: "pw-123456"}, Policy: callcenter.Regular}
		switch i % 3 {
		case 0:
			cc.Type, cc.RoutingType = callcenter.Premium, callcenter.SkillBased
		case 1:
			cc.Type, cc.RoutingType = callcenter.Premium, callcenter.PriorityBased
		default:
			cc.Type = callcenter.Basic
		}
		if err := f.client.AddCallCenter(ctx, cc); err != nil {
			t.Fatal(err)
		}
		k := i % 10
		a, b := callcenter.Agent{UserID: user(k)}, callcenter.Agent{UserID: user(k + 1)}
		if i%3 == 0 {
			a.SkillLevel, b.SkillLevel = 5, 6
		}
		f.staff(t, cc.ServiceUserID, a, b)
		if i%4 == 0 {
			if err := f.client.AddSupervisors(ctx, cc.ServiceUserID, user(30)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return f
}

// state describes the staffing of every call center of the fake.
func (f *staffFake) state(t *testing.T) string {
	t.Helper()
	ids := []string{skillCC, prioCC, basicCC}
	for i := range staffTwinCenters {
		ids = append(ids, staffTwinID(i))
	}
	var out []string
	for _, id := range ids {
		st, _ := f.srv.Staffing(id)
		out = append(out, fmt.Sprintf("%+v", st))
	}
	return strings.Join(out, "\n")
}

// staffTwinHeader is the header of the twin's sheets: three agents with
// their levels and a supervisor.
const staffTwinHeader = "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.userId[2]," +
	"agentUserIdList.skillLevel[0],agentUserIdList.skillLevel[1],agentUserIdList.skillLevel[2],supervisorUserIdList.userId[0]\n"

// staffTwinRow is a row of staffTwinHeader.
func staffTwinRow(cc string, agents [3]string, levels [3]string, supervisor string) string {
	return fmt.Sprintf("%s,%s,%s,%s\n", bulk.StaffingOperation, cc, strings.Join(agents[:], ","), strings.Join(append(levels[:], supervisor), ","))
}

// staffTwinSheet changes the twin's call centers five ways (i%5: as
// stored, an agent added, one removed, a level changed or a supervisor
// added, and all of these at once), and adds the rows that fail: an
// unknown user (refused by the platform inside its document), a level on
// a call center that does not route by skill, a call center that does not
// exist, and a call center twice.
func staffTwinSheet() string {
	var sb strings.Builder
	sb.WriteString(staffTwinHeader)
	for i := range staffTwinCenters {
		k, skill := i%10, i%3 == 0
		lv := func(l ...string) [3]string {
			var out [3]string
			if skill {
				copy(out[:], l)
			}
			return out
		}
		sup := ""
		if i%4 == 0 {
			sup = user(30)
		}
		switch i % 5 {
		case 0:
			sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k), user(k + 1)}, lv(), sup))
		case 1:
			sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k), user(k + 1), user(k + 2)}, lv(), sup))
		case 2:
			sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k)}, lv(), sup))
		case 3:
			if skill {
				sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k), user(k + 1)}, lv("9"), sup))
			} else {
				sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k), user(k + 1)}, lv(), user(31)))
			}
		case 4:
			sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k + 1), user(k + 2)}, lv("4", "3"), user(32)))
		}
	}
	sb.WriteString(staffTwinRow(skillCC, [3]string{user(20), "ghost@example.com"}, [3]string{}, ""))
	sb.WriteString(staffTwinRow(basicCC, [3]string{user(21)}, [3]string{"3"}, ""))
	sb.WriteString(staffTwinRow("missing@example.com", [3]string{user(22)}, [3]string{}, ""))
	sb.WriteString(staffTwinRow(prioCC, [3]string{user(23)}, [3]string{}, ""))
	sb.WriteString(staffTwinRow(staffTwinID(1), [3]string{user(24)}, [3]string{}, ""))
	return sb.String()
}

// staffResultLines describes each result of an agent sheet, every field
// of it, one line each.
func staffResultLines(rs []bulk.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		err := ""
		if r.Err != nil {
			err = r.Err.Error()
		}
		st, ok := r.Staffing()
		out[i] = fmt.Sprintf("%d line=%d %s ok=%v planned=%v response=%q err=%q diffs=%v warnings=%q staffing=%v %+v", r.Index, r.Line, r.Status, r.OK(), r.Planned,
			r.Response, err, r.Differences, r.Warnings, ok, st)
	}
	return out
}

// TestBatchedStaffingEqualsUnbatched runs the same agent sheets on two
// fakes built alike, one with Batch(1) and one with the default batching,
// and compares every result row for row, the backups, the exports and the
// staffing the fakes hold afterwards: a dry run, a plan, an apply with
// adds, removals, level changes, supervisors and failing rows (an unknown
// user refused inside a document, a level on a call center that does not
// route by skill, a call center that does not exist, a call center named in two rows, both refused),
// the same apply again, ExportAgentsCSV, and the backup applied. Batched,
// a call center's staffing read (3 commands) goes 5 to a document, and
// its change with others: the plan takes a fifth of the documents.
func TestBatchedStaffingEqualsUnbatched(t *testing.T) {
	ctx := context.Background()
	plain, batched := newStaffTwin(t), newStaffTwin(t)
	rows := float64(staffTwinCenters + 5)
	docs := func(f *staffFake) int { return f.srv.Stats().Documents }
	both := func(step string, run func(f *staffFake, opts []bulk.Option) ([]bulk.Result, error)) (a, b []bulk.Result, da, db int) {
		t.Helper()
		d0, d1 := docs(plain), docs(batched)
		a, errA := run(plain, []bulk.Option{bulk.Batch(1)})
		b, errB := run(batched, nil)
		da, db = docs(plain)-d0, docs(batched)-d1
		if fmt.Sprint(errA) != fmt.Sprint(errB) {
			t.Errorf("%s: error %v unbatched, %v batched", step, errA, errB)
		}
		la, lb := staffResultLines(a), staffResultLines(b)
		if len(la) != len(lb) {
			t.Errorf("%s: %d results unbatched, %d batched", step, len(la), len(lb))
		}
		for i := range min(len(la), len(lb)) {
			if la[i] != lb[i] {
				t.Errorf("%s: row %d differs:\nunbatched %s\nbatched   %s", step, i, la[i], lb[i])
			}
		}
		if sa, sb := plain.state(t), batched.state(t); sa != sb {
			t.Errorf("%s: the fakes differ afterwards:\n%s\n--\n%s", step, sa, sb)
		}
		t.Logf("%s: %d rows, %v; documents a row: %.3f unbatched, %.3f batched", step, len(a), statuses(a), float64(da)/rows, float64(db)/rows)
		return a, b, da, db
	}
	sheet := staffTwinSheet()
	modifyRun := func(sheet string, more ...bulk.Option) func(f *staffFake, opts []bulk.Option) ([]bulk.Result, error) {
		return func(f *staffFake, opts []bulk.Option) ([]bulk.Result, error) {
			return bulk.ModifyAgentsFromCSV(ctx, f.client, strings.NewReader(sheet), append(append(opts, bulk.MaxDeletes(1000)), more...)...)
		}
	}

	if _, _, _, db := both("dry run", modifyRun(sheet, bulk.DryRun())); db != 0 {
		t.Errorf("a dry run sent %d documents", db)
	}
	plan, _, da, db := both("plan", modifyRun(sheet, bulk.PlanOnly()))
	if st := statuses(plan); st[bulk.StatusModified] < 30 || st[bulk.StatusUnchanged] < 5 || st[bulk.StatusInvalid] != 3 || st[bulk.StatusFailed] != 1 {
		t.Errorf("plan: %v", st)
	}
	if db*3 > da {
		t.Errorf("plan: %d documents batched, %d unbatched", db, da)
	}

	var backupA, backupB bytes.Buffer
	applied, _, _, _ := both("apply", func(f *staffFake, opts []bulk.Option) ([]bulk.Result, error) {
		out := &backupA
		if f == batched {
			out = &backupB
		}
		return modifyRun(sheet, bulk.BackupTo(out))(f, opts)
	})
	var refused bool
	for _, r := range applied {
		if r.Status == bulk.StatusFailed && strings.Contains(fmt.Sprint(r.Err), "ghost@example.com") {
			refused = true
		}
	}
	if !refused || plain.writes() != batched.writes() {
		t.Errorf("apply: the unknown user's refusal %v; %d writes unbatched, %d batched", refused, plain.writes(), batched.writes())
	}
	if a, b := sortedLines(backupA.String()), sortedLines(backupB.String()); a != b || strings.Count(a, "\n") < 30 {
		t.Errorf("the backups differ:\n%s\n--\n%s", a, b)
	}

	writes := batched.writes()
	again, _, _, _ := both("apply again", modifyRun(sheet))
	for _, r := range again {
		if r.OK() && r.Status != bulk.StatusUnchanged {
			t.Errorf("applied again: row %d %s", r.Index, r.Status)
		}
	}
	if batched.writes() != writes+1 { // the refused row's add, sent again and refused again
		t.Errorf("applied again: %d writes", batched.writes()-writes)
	}

	var exportA, exportB bytes.Buffer
	na, errA := bulk.ExportAgentsCSV(ctx, plain.client, &exportA, "SP", "G1", bulk.Batch(1))
	d := docs(batched)
	nb, errB := bulk.ExportAgentsCSV(ctx, batched.client, &exportB, "SP", "G1")
	if errA != nil || errB != nil || na != staffTwinCenters+3 || na != nb || exportA.String() != exportB.String() {
		t.Errorf("export: %d, %v unbatched; %d, %v batched; equal %v", na, errA, nb, errB, exportA.String() == exportB.String())
	}
	if n := docs(batched) - d; n > 2+(na+4)/5 { // the listing, and 5 call centers a document
		t.Errorf("the batched export took %d documents for %d call centers", n, nb)
	}
	if _, err := bulk.ExportAgentsCSV(ctx, batched.client, &bytes.Buffer{}, "SP", "G1", bulk.DryRun()); err == nil || !strings.Contains(err.Error(), "ExportAgentsCSV takes") {
		t.Errorf("ExportAgentsCSV with DryRun: %v", err)
	}

	restored, _, _, _ := both("apply the backup", func(f *staffFake, opts []bulk.Option) ([]bulk.Result, error) {
		backup := backupA.String()
		if f == batched {
			backup = backupB.String()
		}
		// Its rows in one order for both (they come as the call centers
		// are changed).
		header, rows, _ := strings.Cut(backup, "\n")
		return modifyRun(header+"\n"+sortedLines(rows)+"\n")(f, opts)
	})
	if !okAll(restored) {
		t.Errorf("restore: %v", statuses(restored))
	}
}

// TestBatchedStaffingLostDocuments: documents of an agent sheet's apply
// (batched: reads and changes of several call centers each) are lost, one
// once carried out and one before: every row is settled by reading its
// call center again, and its result says where it is (modified when the
// fake holds what the row asks, failed with what is left otherwise); no
// addition is sent twice; applying the sheet again finishes every row.
func TestBatchedStaffingLostDocuments(t *testing.T) {
	ctx := context.Background()
	f := newStaffTwin(t)
	var sb strings.Builder
	sb.WriteString(staffTwinHeader)
	for i := range staffTwinCenters {
		k := i % 10
		sb.WriteString(staffTwinRow(staffTwinID(i), [3]string{user(k), user(k + 1), user(k + 2)}, [3]string{}, ""))
	}
	sheet := sb.String()
	const add = "GroupCallCenterAddAgentListRequest"
	f.srv.Inject(fault.Fault{Path: add, ServiceUserID: staffTwinID(7), Drop: true, AfterHandling: true})
	f.srv.Inject(fault.Fault{Path: add, ServiceUserID: staffTwinID(31), Drop: true})
	adds := f.srv.CommandCount(add)
	res, err := bulk.ModifyAgentsFromCSV(ctx, f.client, strings.NewReader(sheet), bulk.MaxDeletes(1000))
	if err != nil {
		t.Fatal(err)
	}
	if n := f.srv.CommandCount(add) - adds; n != staffTwinCenters {
		t.Errorf("%d additions sent for %d rows", n, staffTwinCenters)
	}
	if f.srv.FaultStats().Dropped != 2 {
		t.Errorf("%d documents dropped", f.srv.FaultStats().Dropped)
	}
	var failed int
	for _, r := range res {
		id := staffTwinID(r.Index)
		stored, _ := f.srv.Staffing(id)
		st, _ := r.Staffing()
		k := r.Index % 10
		holds := slices.ContainsFunc(stored.Agents, func(a callcenter.Agent) bool { return a.UserID == user(k+2) })
		switch {
		case r.Status == bulk.StatusModified && holds && sameAgents(st.Agents, stored.Agents):
		case r.Status == bulk.StatusFailed && !holds && errors.Is(r.Err, bulk.ErrOutcomeUnknown) && len(r.Differences) > 0:
			failed++
		default:
			t.Errorf("row %d (%s): %s %v, holds the new agent %v: %v", r.Index, id, r.Status, r.Err, holds, stored.Agents)
		}
	}
	if failed == 0 {
		t.Error("no row failed: the document lost before it was carried out changed nothing?")
	}
	again, err := bulk.ModifyAgentsFromCSV(ctx, f.client, strings.NewReader(sheet), bulk.MaxDeletes(1000))
	if err != nil || statuses(again)[bulk.StatusModified] != failed || !okAll(again) {
		t.Errorf("applied again: %v %v (%d had failed)", statuses(again), err, failed)
	}
}
