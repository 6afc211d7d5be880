package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// referenceURL is where reference 000, the bulk sheet's format, comes from.
const referenceURL = "https://github.com/Fourteen-IP/mercury-ocip"

// sheetColumns are the columns of the sheet in the order -columns lists
// them: the operation, callcenter's table, the aliases.
func sheetColumns() []callcenter.Column {
	op := callcenter.Column{Field: "operation", MinType: callcenter.Basic, Description: "what to do with the row (optional: every row is a call center to create, or with -apply to make the server match)",
		Allowed: bulk.Operation}
	cols := append([]callcenter.Column{op}, callcenter.Columns()...)
	return append(cols, callcenter.AliasColumns()...)
}

// printColumns prints every column of the sheet, from callcenter's table:
// its meaning, the call-center types that accept it, whether it is
// required, its default, and the values it takes.
func printColumns(w io.Writer) {
	fmt.Fprintf(w, `The columns of a bulk sheet. The sheet is reference 000's: the call-center
bulk sheet of mercury-ocip (%s),
a CSV file with one call center per row under a header of these names, in
any order and any case. Only the required columns must be there (required:
a value once the defaults are applied). An empty cell takes the default when
a call center is created and keeps the stored value with -apply; a cell
"null" clears the value with -apply. Options of a type above the row's are
refused.

`, referenceURL)
	for _, c := range sheetColumns() {
		var facts []string
		if c.Required {
			facts = append(facts, "required")
		}
		facts = append(facts, "types: "+c.Types())
		if c.Default != "" {
			facts = append(facts, fmt.Sprintf("default: %s", c.Default))
		}
		fmt.Fprintf(w, "%s\n    %s\n    %s\n    values: %s\n", c.Field, c.Description, strings.Join(facts, "; "), c.Allowed)
	}
	printAgentColumns(w)
}

// agentSheetColumns are the columns of an agent sheet (bulk's reader of
// mercury-ocip's call.center.update.agent.list sheet, with its additions),
// described from callcenter's staffing names and limits.
func agentSheetColumns() []callcenter.Column {
	return []callcenter.Column{
		{Field: "operation", Required: true, Description: "makes the sheet an agent sheet (bulk-csv tells the two sheets apart by it)",
			Allowed: bulk.StaffingOperation + " on every row"},
		{Field: "serviceUserId", Required: true, Description: "the call center to staff; it must exist, and be named in one row only",
			Allowed: "user@domain"},
		{Field: callcenter.AgentUserIDField, Description: "the agents the call center keeps, N from 0: an agent it lacks is added, one the row does not list is removed " +
			"(all cells empty, or null: no agents); a sheet without these columns keeps the agents",
			Allowed: "user@domain, one id per cell"},
		{Field: callcenter.AgentSkillLevelField, Description: "the skill level of agent N, on a skill-based call center (Premium, routingType Skill Based); " +
			fmt.Sprintf("empty: the stored level is kept (a new agent gets %d)", callcenter.DefaultSkillLevel),
			Allowed: fmt.Sprintf("%d to %d", callcenter.MinSkillLevel, callcenter.MaxSkillLevel)},
		{Field: callcenter.SupervisorUserIDField, Description: "the supervisors the call center keeps, as for agents; a sheet without these columns keeps the supervisors",
			Allowed: "user@domain, one id per cell"},
	}
}

// printAgentColumns prints the columns of an agent sheet, as printColumns
// prints those of a sheet of call centers.
func printAgentColumns(w io.Writer) {
	fmt.Fprintf(w, `
The columns of an agent sheet (operation %s: bulk-csv -plan or -apply
-csv AGENTS staffs call centers that exist). [N] is 0, 1, 2...: a column
per agent or supervisor, as many as needed. Each row is applied as a
difference: what it lists is added, what it does not is removed (limited
by -max-deletes), levels it does not give are kept.

`, bulk.StaffingOperation)
	for _, c := range agentSheetColumns() {
		field := strings.Replace(c.Field, "%d", "N", 1)
		req := ""
		if c.Required {
			req = "required; "
		}
		fmt.Fprintf(w, "%s\n    %s\n    %svalues: %s\n", field, c.Description, req, c.Allowed)
	}
}
