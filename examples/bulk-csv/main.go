// Command bulk-csv provisions the call centers of a bulk sheet on a
// BroadWorks server over OCI-P: it creates them, or with -apply makes the
// server match the sheet, or with -export writes a group back as a sheet.
//
//	BW_PASSWORD=... bulk-csv -host bw.example.com -user admin@example.com \
//	    -csv call-centers.csv -results results.csv -failed failed.csv
//
// Install it with go install github.com/ccsdk/callcenter-go/examples/bulk-csv@latest,
// or in a clone of the repository with go install ./examples/bulk-csv;
// -version prints the version it was built at. Scripts must run that
// binary: go run prints the exit status and itself exits 1 for every
// failure.
//
// The sheet is reference 000's: the call-center bulk sheet of mercury-ocip
// (https://github.com/Fourteen-IP/mercury-ocip). -columns describes every
// column: meaning, call-center types, default and values. UTF-8 and UTF-16
// sheets are read by their byte order mark, other encodings with
// -encoding (shift_jis, windows-1252, ...); a sheet in another encoding is
// one message saying how to save it.
//
// Without -host it runs against an in-process fake server, so it can be
// tried with no network; with -fake-state FILE the fake keeps its platform
// in FILE from one run to the next, to rehearse a change:
//
//	bulk-csv -csv testdata/call.center.create.standard.csv -fake-state rehearsal.json
//
// It reports progress (rows done of the total, rate, time left) and, at the
// end, a summary on stderr: the count of each outcome, the defaults filled
// and the numbers normalized, and the causes of the rows that did not end
// well, grouped, most frequent first, each with the spreadsheet lines and
// values at fault. Results go only
// where asked: -results FILE (JSON Lines, or CSV when FILE ends in .csv;
// "-" for stdout). -failed FILE writes the rows that did not end well in
// the input's own columns plus a "reason" column: fix the cells and feed
// the file back with -csv (the reason column is ignored on input).
//
// The round trip of a group:
//
//	bulk-csv -csv sheet.csv                                  # create
//	bulk-csv -export group.csv -sp MyServiceProvider -group SupportGroup   # without -group: every group
//	# edit a cell of group.csv
//	bulk-csv -plan -csv group.csv                            # see what would change
//	bulk-csv -apply -csv group.csv                           # change it
//
// The safe way to change a production group: plan to a file, review,
// apply exactly that plan, keep the backup:
//
//	bulk-csv -plan -prune -csv group.csv -plan-out plan.json   # a table of every change; nothing written
//	bulk-csv -apply-plan plan.json -yes                         # exactly that; rows changed since are stale
//	# group.backup-TIME.csv holds what was modified or deleted: apply it to restore
//
// An agent sheet (mercury-ocip's call.center.update.agent.list: operation,
// serviceUserId, agentUserIdList.userId[N], plus agentUserIdList.skillLevel[N]
// and supervisorUserIdList.userId[N]) is recognised by its operation column
// and staffs call centers that exist, each row applied as a difference that
// keeps every skill level it does not change:
//
//	bulk-csv -dry-run -csv agents.csv                        # check it; nothing read
//	bulk-csv -plan -csv agents.csv                           # the adds, removals and level changes
//	bulk-csv -apply -csv agents.csv                          # do them (a backup sheet restores)
//	bulk-csv -export-agents staff.csv -sp MyServiceProvider -group SupportGroup
//
// Its removals (agents and supervisors taken off a call center: a row whose
// list is empty removes them all) are limited by -max-deletes as a whole
// run: past it nothing at all is written.
//
// Deletes (-prune) are limited (-max-deletes, default 10: past it nothing
// at all is written), listed and asked for on a terminal, and refused
// without -yes otherwise. -apply and -apply-plan keep the call centers they
// modify or delete, as they were, in a backup sheet (-backup). A plan file
// holds the passwords of the call centers it creates: it is written with
// mode 0600. No output ever overwrites the sheet or the results being
// resumed from (files are compared by identity, not by name), and outputs
// are written to a temporary file renamed into place (the results at their
// first row, so that a run killed outright keeps them for -resume). A file
// an output replaces (an earlier export you edited, say) is kept as
// NAME.replaced-TIME.EXT beside it, mode 0600, and the run says where.
//
// Exit codes: 0 every row ended well; 1 some rows did not; 2 usage or an
// input that cannot be used (bad flag, missing file, bad header), or
// deletes refused (not confirmed, or past -max-deletes: nothing written); 3
// the run stopped on a systemic failure (login refused, server
// unreachable); 4 with -plan -detailed-exitcode, changes are pending; 130
// interrupted (Ctrl-C, SIGTERM, or a terminal that closes: rows in flight
// finish, the others are skipped, and the summary says how to resume).
//
// -debug, or CALLCENTER_DEBUG=1, logs the OCI-P traffic to stderr: each
// exchange, and each document sent and received (secrets redacted).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// Exit codes.
const (
	exitOK          = 0   // every row ended well
	exitRowsFailed  = 1   // some rows did not
	exitUsage       = 2   // usage, or an input or output that cannot be used
	exitSystemic    = 3   // the run stopped on a systemic failure
	exitChanges     = 4   // -plan -detailed-exitcode: changes are pending
	exitInterrupted = 130 // interrupted (SIGINT, SIGTERM or SIGHUP)
)

func main() {
	// A closed terminal (SIGHUP: an SSH session that drops) ends the run
	// as Ctrl-C does, so that the writes in flight finish and every row has
	// its result; the default would kill the tool mid-write.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	env := environment{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, stderrFd: int(os.Stderr.Fd()), stopSignals: stop,
		stdin: os.Stdin, stdinTerminal: term.IsTerminal(int(os.Stdin.Fd()))}
	os.Exit(run(ctx, os.Args[1:], env))
}
