package bulk

import (
	"fmt"
	"io"
	"iter"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// The agent sheet: mercury-ocip's call.center.update.agent.list sheet
// (operation, serviceUserId, agentUserIdList.userId[N]) and its additions
// (agentUserIdList.skillLevel[N], supervisorUserIdList.userId[N]), read
// into rows of wanted staffing.

// maxStaffColumns bounds N in the list columns of an agent sheet.
const maxStaffColumns = 10_000

// The list columns of an agent sheet, by their name without the index.
var staffLists = []string{
	strings.TrimSuffix(callcenter.AgentUserIDField, "[%d]"),
	strings.TrimSuffix(callcenter.AgentSkillLevelField, "[%d]"),
	strings.TrimSuffix(callcenter.SupervisorUserIDField, "[%d]"),
}

// staffColumn splits an agent sheet's column name into its list and
// index: ("agentUserIdList.userId", 3) for "agentUserIdList.userId[3]".
func staffColumn(name string) (list string, index int, ok bool) {
	open := strings.IndexByte(name, '[')
	if open < 0 || !strings.HasSuffix(name, "]") {
		return "", 0, false
	}
	n, err := strconv.Atoi(name[open+1 : len(name)-1])
	if err != nil || n < 0 || n >= maxStaffColumns || strconv.Itoa(n) != name[open+1:len(name)-1] {
		return "", 0, false
	}
	return name[:open], n, true
}

// agentColumns is the column set of an agent sheet; names are forgiven
// their case.
var agentColumns = columnSet{
	canonical: func(h string) (string, bool) {
		for _, c := range []string{operationColumn, "serviceUserId"} {
			if strings.EqualFold(h, c) {
				return c, true
			}
		}
		list, n, ok := staffColumn(h)
		if !ok {
			return "", false
		}
		for _, l := range staffLists {
			if strings.EqualFold(list, l) {
				return fmt.Sprintf("%s[%d]", l, n), true
			}
		}
		return "", false
	},
	candidates: func() []string {
		return []string{operationColumn, "serviceUserId", fmt.Sprintf(callcenter.AgentUserIDField, 0),
			fmt.Sprintf(callcenter.AgentSkillLevelField, 0), fmt.Sprintf(callcenter.SupervisorUserIDField, 0)}
	},
}

// staffRow is a row of an agent sheet: the staffing it asks for and, once
// the run has read it (staffing_run.go), the call center's.
type staffRow struct {
	// want is what the row asks: a nil list where the sheet has no column
	// of it (the stored list is kept); a level of 0 keeps the stored one.
	want             callcenter.Staffing
	agentCols        bool     // the sheet has agentUserIdList.userId columns
	skillCols        bool     // ... agentUserIdList.skillLevel columns
	supervisorCols   bool     // ... supervisorUserIdList.userId columns
	levelCols        []string // the skill column of each agent of want ("" for none)
	agentIDCols      []string // the column of each agent of want
	supervisorIDCols []string // the column of each supervisor of want

	// Read before anything is written (scopeStaffing).
	read    bool
	stored  callcenter.Staffing
	found   bool
	readErr error
	problem error // what the call center cannot take (levels where it does not route by skill)
	diff    callcenter.StaffingDiff
}

// staffInput is an agent sheet as a run's input.
func staffInput(src io.Reader) input {
	return func(cfg *config) iter.Seq2[row, error] {
		opts := cfg.csv
		opts.kind = agentSheet
		return staffRows(src, opts)
	}
}

// staffRows reads an agent sheet (opts.kind is agentSheet), as sheetRows
// does.
func staffRows(src io.Reader, opts csvOptions) iter.Seq2[row, error] {
	return sheetRows(src, opts, (*sheetReader).checkStaffHeader, (*sheetReader).parseStaffRecord)
}

// checkStaffHeader refuses an agent sheet's header that rows could not be
// read by: no serviceUserId column, or a skill level column without the
// agent column of its position.
func (s *sheetReader) checkStaffHeader() error {
	names := map[string]bool{}
	for _, c := range s.cols {
		names[c.name] = true
	}
	if !names["serviceUserId"] {
		return &HeaderError{Malformed: "no serviceUserId column: an agent sheet names each row's call center in it"}
	}
	for _, c := range s.cols {
		if _, n, ok := staffColumn(c.name); ok && c.name == fmt.Sprintf(callcenter.AgentSkillLevelField, n) {
			if agent := fmt.Sprintf(callcenter.AgentUserIDField, n); !names[agent] {
				return &HeaderError{Malformed: fmt.Sprintf("column %s has no column %s: a skill level belongs to the agent of its position", c.name, agent)}
			}
		}
	}
	return nil
}

// typeHint matches the cells of mercury-ocip's template row of value types
// ("string", "none | string").
var typeHint = regexp.MustCompile(`(?i)^(none\s*\|\s*)?(string|integer|boolean)$`)

// staffSlot is one position of a row's agent list.
type staffSlot struct {
	id, level       string // the cells, trimmed
	idCol, levelCol string // the column names ("" when the sheet has none)
}

// parseStaffRecord reads one record of an agent sheet into out: the call
// center's id (out.cc.ServiceUserID, for the run's duplicate and resume
// checks), the staffing the row asks (out.staff.want) and the cells that
// cannot be used (out.cells, by column).
func (s *sheetReader) parseStaffRecord(out *row, rec []string) {
	sr := out.staff
	if len(rec) < s.named || len(rec) > len(s.cols) {
		out.err = &RowError{Err: fmt.Errorf("has %d cells, the header has %d columns", len(rec), s.named)}
		return
	}
	bad := func(col, msg string) { out.cells = append(out.cells, callcenter.FieldError{Field: col, Message: msg}) }
	agents := map[int]*staffSlot{}
	slot := func(n int) *staffSlot {
		if agents[n] == nil {
			agents[n] = &staffSlot{}
		}
		return agents[n]
	}
	var supervisors []staffSlot
	hints := 0
	var id string
	for i, v := range rec {
		col := s.cols[i]
		v = strings.TrimSpace(v)
		if col.name == "" {
			if col.unnamed && v != "" {
				out.err = &RowError{Err: fmt.Errorf("has a value in column %d, which has no name in the header", i+1)}
				return
			}
			continue
		}
		if typeHint.MatchString(v) && !strings.Contains(v, "@") {
			hints++
		}
		switch col.name {
		case operationColumn:
			if v != StaffingOperation {
				msg := fmt.Sprintf("%q is not supported in an agent sheet: want %s", v, StaffingOperation)
				if v == Operation {
					msg += " (a row that creates a call center: those go in a sheet of their own)"
				}
				bad(col.name, msg)
			}
			continue
		case "serviceUserId":
			id = v
			continue
		}
		list, n, _ := staffColumn(col.name)
		switch list {
		case staffLists[0]:
			sr.agentCols = true
			slot(n).id, slot(n).idCol = v, col.name
		case staffLists[1]:
			sr.skillCols = true
			slot(n).level, slot(n).levelCol = v, col.name
		case staffLists[2]:
			sr.supervisorCols = true
			supervisors = append(supervisors, staffSlot{id: v, idCol: col.name})
		}
	}
	out.cc.ServiceUserID = id
	sr.want.ServiceUserID = id
	if hints >= 2 && typeHint.MatchString(id) {
		out.err = &RowError{Err: fmt.Errorf("is mercury-ocip's template row of value types (%q, \"none | string\"), not data: delete it and fill in rows of your own", id)}
		return
	}
	switch {
	case id == "":
		bad("serviceUserId", "is required")
	default:
		if msg := callcenter.UserIDProblem(id); msg != "" {
			bad("serviceUserId", msg)
		}
	}
	if sr.agentCols {
		sr.want.Agents, sr.levelCols, sr.agentIDCols = agentList(agents, bad)
	}
	if sr.supervisorCols {
		sr.want.Supervisors, sr.supervisorIDCols = supervisorList(supervisors, bad)
	}
	if len(out.cells) == 0 {
		out.cells = nil
	}
}

// agentList reads the agent cells of a row by position: a user id with an
// optional skill level; null (in one cell, the others empty) for no
// agents; an empty list removes every agent, as in mercury-ocip. It
// returns the agents and, for each, its skill level column and its id
// column.
func agentList(slots map[int]*staffSlot, bad func(col, msg string)) ([]callcenter.Agent, []string, []string) {
	list := []callcenter.Agent{}
	var levelCols, idCols []string
	seen := staffIDs{}
	var nullCol string
	filled := 0
	for _, n := range slices.Sorted(maps.Keys(slots)) {
		sl := slots[n]
		switch {
		case strings.EqualFold(sl.id, nullCell):
			nullCol = sl.idCol
			if sl.level != "" {
				bad(sl.levelCol, "a skill level without an agent (its agentUserIdList.userId cell holds null)")
			}
			continue
		case sl.id == "":
			if sl.level != "" {
				bad(sl.levelCol, fmt.Sprintf("a skill level without an agent: %s is empty", sl.idCol))
			}
			continue
		}
		filled++
		a := callcenter.Agent{UserID: sl.id}
		switch {
		case sl.level == "":
		case strings.EqualFold(sl.level, nullCell):
			bad(sl.levelCol, "null: a skill level cannot be cleared (leave the cell empty to keep the stored level)")
		default:
			l, err := strconv.Atoi(sl.level)
			if err != nil {
				bad(sl.levelCol, fmt.Sprintf("%q is not a skill level: want a whole number from %d to %d", sl.level, callcenter.MinSkillLevel, callcenter.MaxSkillLevel))
			} else if msg := callcenter.SkillLevelProblem(l); msg != "" {
				bad(sl.levelCol, msg)
			} else {
				a.SkillLevel = l
			}
		}
		if seen.admit(sl.id, sl.idCol, bad) {
			list = append(list, a)
			levelCols = append(levelCols, sl.levelCol)
			idCols = append(idCols, sl.idCol)
		}
	}
	if nullCol != "" && filled > 0 {
		bad(nullCol, "null means no agents: the other agentUserIdList.userId cells must be empty")
	}
	return list, levelCols, idCols
}

// supervisorList reads the supervisor cells of a row, as agentList does:
// the supervisors and the column of each.
func supervisorList(slots []staffSlot, bad func(col, msg string)) ([]string, []string) {
	list := []string{}
	var idCols []string
	seen := staffIDs{}
	var nullCol string
	filled := 0
	for _, sl := range slots {
		switch {
		case strings.EqualFold(sl.id, nullCell):
			nullCol = sl.idCol
			continue
		case sl.id == "":
			continue
		}
		filled++
		if seen.admit(sl.id, sl.idCol, bad) {
			list = append(list, sl.id)
			idCols = append(idCols, sl.idCol)
		}
	}
	if nullCol != "" && filled > 0 {
		bad(nullCol, "null means no supervisors: the other supervisorUserIdList.userId cells must be empty")
	}
	return list, idCols
}

// staffIDs is the user ids a row's list (of agents, or of supervisors)
// has taken, by [callcenter.UserIDKey], with the column of each.
type staffIDs map[string]string

// admit takes the id of cell col into the list, or says through bad why
// it cannot be: an id that is not a user's, or one the list has already.
func (seen staffIDs) admit(id, col string, bad func(col, msg string)) bool {
	if problem := staffIDProblem(id); problem != "" {
		bad(col, problem)
		return false
	}
	k := callcenter.UserIDKey(id)
	if first, dup := seen[k]; dup {
		bad(col, fmt.Sprintf("%q is in %s already (user ids compare without regard to case)", id, first))
		return false
	}
	seen[k] = col
	return true
}

// staffIDProblem says what is wrong with an agent's or supervisor's id in
// a cell ("" when nothing).
func staffIDProblem(id string) string {
	if strings.EqualFold(id, "none") {
		return `"none" is not a user id: mercury-ocip's template writes it for an empty cell; leave the cell empty`
	}
	return callcenter.UserIDProblem(id)
}
