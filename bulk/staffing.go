package bulk

import (
	"context"
	"io"
	"strings"

	"github.com/ccsdk/callcenter-go/platform"
)

// StaffingOperation is the operation word of an agent sheet, as in
// mercury-ocip's sheet of the same name (template
// call.center.modify.agent.list.csv).
const StaffingOperation = "call.center.update.agent.list"

// ModifyAgentsFromCSV staffs the call centers of an agent sheet: it makes
// the agents (with their skill levels) and the supervisors of each row's
// call center what the row lists, and returns one result per data row, in
// order. The Target's Ops must be a [platform.Staffer] (a
// *broadworks.Client is).
//
// The sheet is mercury-ocip's call.center.update.agent.list, read as it
// is: the columns operation (call.center.update.agent.list), serviceUserId
// (the call center) and agentUserIdList.userId[N] (N from 0, as many as
// needed, mercury's template has 0 to 7), in any order, names forgiven
// their case. Two kinds of optional columns are added:
// agentUserIdList.skillLevel[N] (1 to 20: the level of the agent of the
// same position, for a call center that routes by skill, Premium with
// routingType Skill Based) and supervisorUserIdList.userId[N].
//
// Each row is applied as a difference, never as a list that replaces the
// stored one: the agents it lists that the call center lacks are added,
// the agents it does not list are removed, the skill levels it changes are
// set, and so for supervisors. An agent it keeps keeps its skill level
// unless the row gives another: a sheet without skill columns (mercury's
// own) adds and removes agents of a skill-based call center without
// touching any level (mercury-ocip sends the whole list as a plain
// agentUserIdList, which R25 documents to set every agent of such a call
// center to level 1). A new agent without a level gets level 1, R25's
// default. The order of the list is not applied: an agent is added at the
// end of the call center's list, and a row that lists the agents of a call
// center that does not route by skill in another order than the call
// center holds them gets a warning ([Result.Warnings]).
//
// What a row's cells mean: the list is the cells of the row's list columns
// that hold an id; all of them empty means no agents (so every agent is
// removed, as in mercury-ocip), and so does null (any case) in one cell
// with the others empty. A sheet without any agentUserIdList.userId column
// says nothing of agents: they are kept (where the sheet has no supervisor
// column either, so that the row says nothing at all, the result warns
// that mercury-ocip would have removed them). Likewise for supervisors: a
// sheet without their columns keeps them. An empty skill cell keeps the
// stored level; a skill cell on a call center that does not route by skill
// is refused. Ids compare by the identity rule ([callcenter.UserIDKey]) and
// must have the form user@domain; an id twice in a row is refused, and so
// is every row of a call center the sheet names in more than one row (each
// row is the whole list: applying one would remove the agents of the
// others), in a dry run too. The template row of mercury's file ("string",
// "none | string") is refused as what it is.
//
// Safe apply: the whole sheet is read, and every row's call center read,
// before anything is written. Removals (an agent or a supervisor taken off
// a call center; the one thing a slip of the sheet can lose, such as an
// empty list) are limited by [MaxDeletes] (default [DefaultMaxDeletes]) for
// the whole run: a run past it writes nothing and returns a
// *[TooManyDeletesError] with Removals set. [BackupTo] writes, before each
// call center is changed, its staffing as a row of an agent sheet (every
// agent, level and supervisor): applying that sheet puts back what the run
// changed. A row that sets skill levels reads its call center again just
// before writing, so that what another administrator changed meanwhile is
// kept. A row's changes go in one request (for OCI-P one document:
// removals, additions, then the list of every agent at its level), and a
// failure is settled by reading the call center again: the result says
// where it is now (with the changes still to make in Differences).
//
// Like the other runs, it batches by default ([Batch]): where the Ops are
// a [platform.StaffingBatcher] (broadworks' are), the reads and changes of
// the rows in flight go out together, each whole (OCI-P reads a call
// center's staffing with three commands, so five call centers are read in
// a document of 15), with the same results as one call center a request;
// what must come first still does, row by row (the backup row before its
// change, the read before a change of levels).
//
// Options: [DryRun] checks every row and reads nothing (status validated);
// [PlanOnly] reads and compares and writes nothing (each result Planned,
// StatusModified with the adds, removals and skill changes in
// Differences, or StatusUnchanged); [Concurrency], [ResultsTo], [Resume],
// [OnProgress], [Total], [BackupTo], [MaxDeletes], [Batch],
// [FinishInFlight], [Delimiter] and [IgnoreColumns] work as for the other
// runs. [Prune], [PlanTo], [SetPasswords] and [ApplyPlan] are for sheets
// of call centers: with them the run returns an error; [ShowWire] does
// nothing here.
//
// Statuses: StatusModified (changed, Differences say how), StatusUnchanged
// (staffed as the row says; nothing sent), StatusValidated (a dry run),
// StatusInvalid (a cell, or a level for a call center that does not route
// by skill), StatusFailed (no such call center, a refusal, a read that
// failed), StatusUnknown, StatusSkipped, StatusDone (resumed). Each result
// holds the staffing ([Result.Staffing]): after the change, as stored, or
// as the row asks when nothing was read.
func ModifyAgentsFromCSV(ctx context.Context, t Target, src io.Reader, opts ...Option) ([]Result, error) {
	return runAll(ctx, staffMode(t), staffInput(src), 0, opts)
}

// staffMode is the mode of an agent sheet's run.
func staffMode(t Target) mode {
	ops, staff, err := opsWith[platform.Staffer](t, "bulk: %T's Ops cannot staff call centers (no ReadStaffing, BuildStaffing and SendStaffing: see platform.Staffer)")
	return mode{ops: ops, staff: staff, err: err}
}

// SheetOperation returns the operation of a sheet: the operation cell of
// its first data row ([Operation] for a sheet of call centers,
// [StaffingOperation] for an agent sheet, or whatever the cell holds,
// trimmed), or "" when the sheet has no operation column or no data row.
// It reads the sheet as [ReadCSV] does (byte order mark, delimiter,
// [IgnoreColumns]) up to that row only, so a tool can choose the run
// (CreateFromCSV, ApplyFromCSV or ModifyAgentsFromCSV) by it. A header
// that neither kind of sheet takes is a *HeaderError.
func SheetOperation(src io.Reader, opts ...Option) (string, error) {
	cfg := newConfig(opts)
	o := cfg.csv
	o.kind = anySheet
	s, err := openCSV(src, o)
	if err != nil {
		return "", err
	}
	col := -1
	for i, c := range s.cols {
		if c.name == operationColumn {
			col = i
		}
	}
	if col < 0 {
		return "", nil
	}
	for rec, err := range s.records() {
		if err != nil {
			return "", err
		}
		if rec.err != nil || col >= len(rec.cells) {
			continue
		}
		return strings.TrimSpace(rec.cells[col]), nil
	}
	return "", nil
}
