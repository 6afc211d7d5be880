package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/examples/internal/cli"
)

// staffing staffs the Premium call center from an agent sheet (with skill
// levels and a supervisor), then adds an agent with mercury-ocip's own
// columns, which have no skill levels: the levels stay. It ends with the
// round trip: export the group's staffing, apply it, nothing sent.
func staffing(ctx context.Context, out io.Writer, client *broadworks.Client, srv *broadworkstest.Server) error {
	const sp, group, id = "MyServiceProvider", "PremiumGroup", "premium-center@company.com"
	// A real server knows the users of the group; the fake is told.
	srv.AddGroupUsers(sp, group, "ana@company.com", "ben@company.com", "chloe@company.com", "dana@company.com", "eve@company.com")
	// Skill levels count on a Premium call center that routes by skill.
	if err := client.ModifyCallCenter(ctx, callcenter.CallCenter{ServiceUserID: id, RoutingType: callcenter.SkillBased}); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nStaffing %s (now routing by skill) from sheets/agents.csv:\n", id)
	sheet, err := sheets.ReadFile("sheets/agents.csv")
	if err != nil {
		return err
	}
	plan, err := bulk.ModifyAgentsFromCSV(ctx, client, bytes.NewReader(sheet), bulk.PlanOnly())
	if err != nil {
		return err
	}
	printStaffing(out, plan)
	applied, err := bulk.ModifyAgentsFromCSV(ctx, client, bytes.NewReader(sheet))
	if err != nil {
		return err
	}
	printStaffing(out, applied)

	// mercury-ocip's sheet has no skill columns: one more agent, listed
	// with the others. The others keep their levels (mercury-ocip itself
	// would send the whole list, and R25 would set every level to 1).
	mercury := "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.userId[2],agentUserIdList.userId[3]\n" +
		bulk.StaffingOperation + "," + id + ",ana@company.com,ben@company.com,chloe@company.com,eve@company.com\n"
	fmt.Fprintln(out, "\nAdding eve with mercury-ocip's columns (no skill levels):")
	added, err := bulk.ModifyAgentsFromCSV(ctx, client, strings.NewReader(mercury))
	if err != nil {
		return err
	}
	printStaffing(out, added)
	if st, ok := added[0].Staffing(); ok {
		var lv []string
		for _, a := range st.Agents {
			lv = append(lv, fmt.Sprintf("%s %d", strings.TrimSuffix(a.UserID, "@company.com"), a.SkillLevel))
		}
		fmt.Fprintf(out, "Skill levels now: %s (eve has the default, the others kept theirs).\n", strings.Join(lv, ", "))
	}

	var export bytes.Buffer
	if _, err := bulk.ExportAgentsCSV(ctx, client, &export, sp, group); err != nil {
		return err
	}
	again, err := bulk.ModifyAgentsFromCSV(ctx, client, &export)
	if err != nil {
		return err
	}
	unchanged := countUnchanged(again)
	fmt.Fprintf(out, "Exported the staffing of %s/%s and applied it: %d of %d unchanged, nothing sent.\n", sp, group, unchanged, len(again))
	return nil
}

// printStaffing prints the sheet line, call center, ✓/✗ and the changes.
func printStaffing(out io.Writer, results []bulk.Result) {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  LINE\tCALL CENTER\tOK\tRESULT")
	for _, r := range results {
		mark, reason := "✓", outcome(r)
		for i, d := range r.Differences {
			sep := ": "
			if i > 0 {
				sep = "\n  \t\t\t  "
			}
			reason += sep + d.Error()
		}
		if !r.OK() {
			mark, reason = "✗", r.Err.Error()
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", cli.Line(r), r.Data().ServiceUserID, mark, reason)
	}
	tw.Flush()
}
