package bulk_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// memStaff is a platform whose every call center exists with the agents
// a1@x (level 3) and a2@x (level 9), routing by skill when its id starts
// with "s"; it writes nothing anywhere.
type memStaff struct{ memTarget }

func (m *memStaff) BulkOps() platform.Ops { return m }

func (m *memStaff) ReadStaffing(_ context.Context, id string) (callcenter.Staffing, bool, error) {
	skill := strings.HasPrefix(id, "s")
	st := callcenter.Staffing{ServiceUserID: id, SkillBased: skill, Supervisors: []string{"s@x"},
		Agents: []callcenter.Agent{{UserID: "a1@x", SkillLevel: 3}, {UserID: "a2@x", SkillLevel: 9}}}
	if !skill {
		st.Agents[0].SkillLevel, st.Agents[1].SkillLevel = 0, 0
	}
	return st, true, nil
}

func (m *memStaff) BuildStaffing(d callcenter.StaffingDiff) (any, error) { return d, nil }

func (m *memStaff) SendStaffing(context.Context, any) (string, error) { return "ok", nil }

// FuzzAgentSheet feeds arbitrary bytes to the agent sheet's reader, in a
// dry run and in a plan: never a panic, and when the input is accepted
// every data row gets exactly one result, in order, ending well exactly
// when it has no error.
func FuzzAgentSheet(f *testing.F) {
	if b, err := os.ReadFile("../testdata/call.center.modify.agent.list.csv"); err == nil {
		f.Add(string(b))
	}
	f.Add(mercuryHeader + mercuryRow("s@x", "a1@x", "A2@X", "new@x") + mercuryRow("p@x"))
	f.Add(strings.ReplaceAll(mercuryHeader, "\n", "\r\n") + bulk.StaffingOperation + ",string,none | string,none | string,,,,,,")
	f.Add("serviceUserId;agentUserIdList.userId[0];agentUserIdList.skillLevel[0];supervisorUserIdList.userId[3]\ns@x;a1@x;21;null\np@x;null;;\n")
	f.Add("SERVICEUSERID,AGENTUSERIDLIST.USERID[9999],agentUserIdList.skillLevel[9999]\n\"s@x\",\"a\nb@x\",x\n")
	f.Fuzz(func(t *testing.T, in string) {
		for _, opt := range []bulk.Option{bulk.DryRun(), bulk.PlanOnly()} {
			res, err := bulk.ModifyAgentsFromCSV(context.Background(), &memStaff{*newMem()}, strings.NewReader(in), opt, bulk.Concurrency(2))
			if err != nil {
				var he *bulk.HeaderError
				if len(res) != 0 && !errors.As(err, &he) {
					for i, r := range res {
						if r.Index != i {
							t.Fatalf("result %d has index %d", i, r.Index)
						}
					}
				}
				continue
			}
			if want := countRows(in); len(res) != want {
				t.Fatalf("%d results for %d data rows", len(res), want)
			}
			for i, r := range res {
				if r.Index != i || r.Success == (r.Err != nil) {
					t.Fatalf("result %d: index %d, success %v, err %v", i, r.Index, r.Success, r.Err)
				}
				if _, ok := r.Staffing(); !ok {
					t.Fatalf("result %d has no staffing", i)
				}
			}
		}
	})
}
