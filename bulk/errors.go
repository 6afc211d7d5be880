package bulk

import (
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/platform"
)

// Errors that results and runs match with errors.Is. The first five are
// package platform's: the platform packages return errors matching the
// same values (broadworks.ErrOutcomeUnknown and apio.ErrOutcomeUnknown are
// bulk.ErrOutcomeUnknown).
var (
	// ErrAlreadyExists matches a vendor error saying the call center
	// exists already.
	ErrAlreadyExists = platform.ErrAlreadyExists
	// ErrOutcomeUnknown matches an error after which a write may or may not
	// have taken effect: the request was sent, then the connection broke
	// or the server failed.
	ErrOutcomeUnknown = platform.ErrOutcomeUnknown
	// ErrSystemic matches a failure that will hit every row alike: a
	// refused login ([ErrLoginRefused]) or a server that cannot be reached
	// ([ErrCannotConnect]: connection refused, DNS failure, TLS handshake
	// or certificate failure). Such a failure stops a run: its error (a
	// *StopError) matches ErrSystemic, and the rows not sent end skipped.
	ErrSystemic = platform.ErrSystemic
	// ErrLoginRefused matches a login the server refused.
	ErrLoginRefused = platform.ErrLoginRefused
	// ErrCannotConnect matches a failure to reach the server at all.
	ErrCannotConnect = platform.ErrCannotConnect
	// ErrDuplicateRow is the error of a row whose service user id an
	// earlier row of the same input already uses.
	ErrDuplicateRow = errors.New("duplicate service user id in this input")
	// ErrAmbiguous is the error of a row whose service user id names two
	// call centers the platform holds that the identity rule
	// ([callcenter.UserIDKey]) cannot tell apart, or that matches none by
	// the rule but looks like one its group holds (another Unicode form,
	// such as NFD for NFC, fullwidth letters, or ß for SS): the row is
	// refused, never guessed. A row of an agent sheet is refused the same
	// way when it names an agent or supervisor whom its call center holds
	// only under a lookalike id.
	ErrAmbiguous = errors.New("ambiguous service user id")
	// ErrTooManyDeletes matches the error of a run whose [Prune] (or
	// plan) would delete more call centers than [MaxDeletes] allows: a
	// *[TooManyDeletesError]. Such a run writes nothing.
	ErrTooManyDeletes = errors.New("bulk: too many deletes")
	// ErrBackup matches the failure to write a before-image to
	// [BackupTo]'s writer: the run stops there (a *[StopError]), and the
	// row that met it was not sent.
	ErrBackup = errors.New("bulk: the backup cannot be written")
)

// TooManyDeletesError is the error of a run that would delete more call
// centers than [MaxDeletes] allows. The run wrote nothing. It matches
// [ErrTooManyDeletes].
type TooManyDeletesError struct {
	Deletes int      // how many the run would delete
	Max     int      // the limit
	IDs     []string // the service user ids it would delete (the first 20)
	// Removals is set for an agent sheet ([ModifyAgentsFromCSV]): Deletes
	// counts agents and supervisors taken off their call centers, and IDs
	// names them ("agent a@x of sales@x").
	Removals bool
}

// Error says how many, and how to allow them.
func (e *TooManyDeletesError) Error() string {
	if e.Removals {
		return fmt.Sprintf("bulk: the sheet would remove %d agents and supervisors from their call centers, more than the limit of %d; nothing was written. "+
			"Check that each row lists every agent (and supervisor) its call center keeps: a row whose list is empty removes them all; "+
			"to remove them, allow it with MaxDeletes(%d)", e.Deletes, e.Max, e.Deletes)
	}
	return fmt.Sprintf("bulk: prune would delete %d call centers, more than the limit of %d; nothing was written. "+
		"Check that the sheet lists every call center of its groups (a filtered sheet lists only some); "+
		"to delete them all, allow it with MaxDeletes(%d)", e.Deletes, e.Max, e.Deletes)
}

// Is makes the error match [ErrTooManyDeletes].
func (e *TooManyDeletesError) Is(target error) bool { return target == ErrTooManyDeletes }

// StopError is the error of a run that a systemic failure stopped (see
// [ErrSystemic]), or a [BackupTo] writer that failed (every later modify
// and delete would fail alike, and none is sent without its backup): it
// says what happened and what to check. It unwraps to the failure, so
// errors.Is(err, ErrLoginRefused) and errors.Is(err, ErrSystemic) work. Every row still has its result: the row that met the
// failure is failed, and the rows not sent are skipped with it as cause.
type StopError struct {
	Cause error // the failure, as the row that met it reported it
	Row   int   // the index of that row
	// Line is that row's line in the sheet (see [Result.Line]); 0 when it
	// has none (a deletion of Prune, a row given as data).
	Line    int
	Skipped int // rows not sent because of it
}

// Error returns "bulk: run stopped at row N (line L): cause: what to check
// (M rows not sent)".
func (e *StopError) Error() string {
	hint := hint(e.Cause)
	if hint != "" {
		hint = ": " + hint
	}
	at := rowAt(e.Row, e.Line)
	rows := "rows"
	if e.Skipped == 1 {
		rows = "row"
	}
	return fmt.Sprintf("bulk: run stopped at %s: %v%s (%d %s not sent)", at, e.Cause, hint, e.Skipped, rows)
}

// Unwrap returns the cause.
func (e *StopError) Unwrap() error { return e.Cause }

// hint says what to check after a systemic failure or a backup that
// cannot be written ("" for other errors).
func hint(err error) string {
	var be *backupError
	switch {
	case errors.As(err, &be):
		return "check the backup's file and disk; nothing was modified or deleted without its backup"
	case errors.Is(err, ErrLoginRefused):
		return "check the user name and password (a server may lock the account after repeated failures)"
	case errors.Is(err, ErrCannotConnect):
		return "check the host, the port and the transport (TLS or plain TCP), the network, and that the server's certificate is trusted"
	}
	return ""
}
