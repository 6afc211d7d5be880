package bulk

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Writing agent sheets: the export of a group's staffing and the backup
// of what a run changes, both read back by ModifyAgentsFromCSV.

// minAgentColumns is the agent columns an agent sheet has at least:
// mercury-ocip's template has eight.
const minAgentColumns = 8

// staffLayout is the columns of an agent sheet to write.
type staffLayout struct {
	agentCols, skillCols, supervisorCols bool
	agents, supervisors                  int // list columns of each
}

// layoutFor sizes a layout for staffings: at least minAgentColumns agent
// columns and one supervisor column.
func layoutFor(agentCols, supervisorCols bool, staffings ...callcenter.Staffing) staffLayout {
	l := staffLayout{agentCols: agentCols, supervisorCols: supervisorCols, agents: minAgentColumns, supervisors: 1}
	for _, st := range staffings {
		l.agents = max(l.agents, len(st.Agents))
		l.supervisors = max(l.supervisors, len(st.Supervisors))
		l.skillCols = l.skillCols || st.SkillBased
	}
	l.skillCols = l.skillCols && agentCols
	return l
}

// header is the layout's header row.
func (l staffLayout) header() []string {
	h := []string{operationColumn, "serviceUserId"}
	if l.agentCols {
		for i := range l.agents {
			h = append(h, fmt.Sprintf(callcenter.AgentUserIDField, i))
		}
		if l.skillCols {
			for i := range l.agents {
				h = append(h, fmt.Sprintf(callcenter.AgentSkillLevelField, i))
			}
		}
	}
	if l.supervisorCols {
		for i := range l.supervisors {
			h = append(h, fmt.Sprintf(callcenter.SupervisorUserIDField, i))
		}
	}
	return h
}

// record is st as a row of the layout: every agent (with its level where
// the call center routes by skill) and supervisor; an empty list is a row
// of empty cells, which reads back as none. ok is false when st has more
// of either than the layout has columns.
func (l staffLayout) record(st callcenter.Staffing) (rec []string, ok bool) {
	if l.agentCols && len(st.Agents) > l.agents || l.supervisorCols && len(st.Supervisors) > l.supervisors {
		return nil, false
	}
	rec = []string{StaffingOperation, st.ServiceUserID}
	if l.agentCols {
		ids := make([]string, l.agents)
		levels := make([]string, l.agents)
		for i, a := range st.Agents {
			ids[i] = a.UserID
			if st.SkillBased && a.SkillLevel != 0 {
				levels[i] = strconv.Itoa(a.SkillLevel)
			}
		}
		rec = append(rec, ids...)
		if l.skillCols {
			rec = append(rec, levels...)
		}
	}
	if l.supervisorCols {
		sups := make([]string, l.supervisors)
		copy(sups, st.Supervisors)
		rec = append(rec, sups...)
	}
	return rec, true
}

// staffBackup writes the before-images of an agent sheet's run (BackupTo)
// as an agent sheet: applying it puts back what the run changed. Rows come
// from several workers.
type staffBackup struct {
	mu     sync.Mutex
	w      *csv.Writer
	layout staffLayout
	wrote  bool
}

// newStaffBackup sizes the backup of a run from what the rows that change
// hold now and will hold: the lists the sheet has columns of.
func newStaffBackup(w io.Writer, rows []row) *staffBackup {
	var agentCols, supervisorCols bool
	var sts []callcenter.Staffing
	for _, rw := range rows {
		sr := rw.staff
		if sr == nil || !sr.found || sr.problem != nil || sr.diff.Empty() {
			continue
		}
		agentCols, supervisorCols = agentCols || sr.agentCols, supervisorCols || sr.supervisorCols
		sts = append(sts, sr.stored, sr.diff.After)
	}
	return &staffBackup{w: csv.NewWriter(w), layout: layoutFor(agentCols, supervisorCols, sts...)}
}

// staleBackupError is a call center that holds more agents or supervisors
// than when the run read it and sized its backup: its row is not written
// (StatusStale).
type staleBackupError struct{ id string }

func (e *staleBackupError) Error() string {
	return fmt.Sprintf("%s has more agents or supervisors than when the run read it (its backup row would not fit): changed since; apply the sheet again", e.id)
}

// write writes st, the staffing a change is about to replace (nothing
// without BackupTo): a *staleBackupError when it does not fit, a
// *backupError when it cannot be written.
func (b *staffBackup) write(st callcenter.Staffing) error {
	if b == nil {
		return nil
	}
	rec, ok := b.layout.record(st)
	if !ok {
		return &staleBackupError{st.ServiceUserID}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.wrote {
		if err := b.w.Write(b.layout.header()); err != nil {
			return &backupError{err}
		}
		b.wrote = true
	}
	if err := b.w.Write(rec); err != nil {
		return &backupError{err}
	}
	b.w.Flush() // each row reaches w before its change is sent
	if err := b.w.Error(); err != nil {
		return &backupError{err}
	}
	return nil
}
