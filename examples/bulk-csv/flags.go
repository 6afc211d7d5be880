package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// options are the command line, parsed and checked.
type options struct {
	host, user, transport, ca string
	timeout                   time.Duration
	sessions                  int

	csv                string
	concurrency, batch int
	dryRun, showWire   bool
	apply, prune, plan bool
	export, sp, group  string
	exportAgents       string // -export-agents (agents.go)

	planOut, applyPlan string // -plan-out, -apply-plan
	maxDeletes         int
	maxDeletesSet      bool // -max-deletes given (an agent sheet's -apply takes it too)
	yes                bool
	backup             string // "" for the default name, "none" for none
	detailedExit       bool
	setPasswords       bool

	results, failed, resume string
	ignore                  []string
	delimiter               rune

	debug, verbose bool
	progressEvery  time.Duration // plain progress lines when stderr is not a terminal; 0: none

	version, columns bool   // -version, -columns: print and exit
	fakeState        string // -fake-state: the in-process fake's state file
	encoding         string // -encoding: the sheet's encoding without a byte order mark
	bom              bool   // -bom: an export starts with a UTF-8 byte order mark
}

const usageHead = `Usage: bulk-csv -csv FILE [flags]              create the call centers of a sheet
       bulk-csv -apply -csv FILE [-prune] [flags]  make the server match the sheet
       bulk-csv -plan -csv FILE [-prune] [-plan-out PLAN] [flags]
                                                   show what -apply would do (and save it)
       bulk-csv -apply-plan PLAN [flags]           carry out a saved plan, exactly
       bulk-csv -export FILE -sp SP [-group G]     write a group (or every group of SP) as a sheet
       bulk-csv -columns                           describe every column (call centers, agents)
       bulk-csv -version                           print the version
       bulk-csv -plan|-apply|-dry-run -csv AGENTS  staff call centers from an agent sheet
                                                   (operation call.center.update.agent.list)
       bulk-csv -export-agents FILE -sp SP -group G
                                                   write a group's agents and supervisors as one

The safe way to change a production group:
       bulk-csv -export group.csv -sp SP -group G      # what is there now
       # edit group.csv
       bulk-csv -plan -prune -csv group.csv -plan-out plan.json   # review the table
       bulk-csv -apply-plan plan.json -yes             # exactly that; a backup is kept

The sheet is reference 000's: the call-center bulk sheet of mercury-ocip
(https://github.com/Fourteen-IP/mercury-ocip), one row per call center;
-columns describes its columns.

Without -host, bulk-csv runs against an in-process fake BroadWorks server;
with -fake-state FILE that fake keeps its call centers in FILE from one run
to the next, to rehearse a change with no server. The password is read
from $BW_PASSWORD.

An output that replaces a file (-export, -export-agents, -results, -failed,
-plan-out) keeps it as NAME.replaced-TIME.EXT beside it (mode 0600) and
says so; nothing is written over the sheet being read.

Flags:
`

const usageTail = `
Exit codes:
  0    every row ended well
  1    some rows did not (see the summary, -results and -failed)
  2    usage, or an input or output that cannot be used (bad flag, missing
       file, bad header); or deletes refused (not confirmed with -yes or
       at the terminal, or more than -max-deletes): nothing was written
  3    the run stopped on a systemic failure (login refused, server
       unreachable): the rows not sent are skipped
  4    -plan -detailed-exitcode: changes are pending
  130  interrupted (Ctrl-C, SIGTERM, or the terminal closed): rows in
       flight finished, the others are skipped; resume with -resume
       RESULTS.jsonl
`

// usageError is a command line that cannot be used.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// parseFlags parses args. help reports -h; err is a *usageError.
func parseFlags(args []string, getenv func(string) string, stdout io.Writer) (o options, help bool, err error) {
	fs := flag.NewFlagSet("bulk-csv", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.host, "host", "", "BroadWorks `host[:port]` (SOAP: the URL); empty: an in-process fake server")
	fs.StringVar(&o.user, "user", "", "OCI-P user id (the password comes from $BW_PASSWORD)")
	fs.StringVar(&o.transport, "transport", "tls", "`mode`: tls, tcp or soap")
	fs.StringVar(&o.ca, "ca", "", "PEM `file` of the certificate authority to trust (a private CA)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "bound of each request to the server")
	fs.IntVar(&o.sessions, "sessions", 0, "OCI-P sessions to open (default: -concurrency)")
	fs.StringVar(&o.csv, "csv", "", "the bulk sheet to read: a CSV `file`")
	fs.IntVar(&o.concurrency, "concurrency", 4, "OCI-P documents in flight at once (with -batch 1: rows handled at once)")
	fs.IntVar(&o.batch, "batch", 15, "commands sent together in one OCI-P document (at most 15): creates, modifies, deletes, staffing changes, and the reads of -plan, -apply, -apply-plan, -export and -export-agents; 1 sends each alone (the results are the same)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "validate every row and build its command; send nothing")
	fs.BoolVar(&o.showWire, "show-wire", false, "with -dry-run: print each command's XML to stdout")
	fs.BoolVar(&o.apply, "apply", false, "make the server match the sheet: create, modify what differs, leave the rest")
	fs.BoolVar(&o.prune, "prune", false, "with -apply or -plan: also delete the call centers of the sheet's groups that it does not list")
	fs.BoolVar(&o.plan, "plan", false, "print what -apply would do (a table and a count per action); change nothing")
	fs.StringVar(&o.planOut, "plan-out", "", "with -plan: save the plan to this `file` (JSON, mode 0600: it holds the passwords of the call centers it creates) for -apply-plan")
	fs.StringVar(&o.applyPlan, "apply-plan", "", "carry out the plan saved by -plan -plan-out in this `file`, exactly: rows changed since are not written (stale)")
	fs.IntVar(&o.maxDeletes, "max-deletes", 10, "the most call centers -prune may delete in a run, or agents and supervisors an agent sheet's -apply may remove; past it nothing at all is written")
	fs.BoolVar(&o.yes, "yes", false, "delete without asking (-prune, -apply-plan); without it deletes are asked for on a terminal and refused otherwise")
	fs.StringVar(&o.backup, "backup", "", "with -apply or -apply-plan: keep the call centers as they were before each modify or delete in this sheet `file` (default: SHEET.backup-TIME.csv beside the sheet; none: keep nothing)")
	fs.BoolVar(&o.detailedExit, "detailed-exitcode", false, "with -plan: exit 0 when the server matches the sheet, 4 when changes are pending (1 when rows cannot be applied)")
	fs.BoolVar(&o.setPasswords, "set-passwords", false, "with -apply or -plan: send the password cells of call centers that exist (by default they are not sent, with a warning)")
	fs.StringVar(&o.export, "export", "", "write the call centers of -sp (and -group) to this sheet (`file`, - for stdout)")
	fs.StringVar(&o.exportAgents, "export-agents", "", "write the agents and supervisors of the call centers of -sp/-group to this agent sheet (`file`, - for stdout)")
	fs.StringVar(&o.sp, "sp", "", "service provider id, for -export and -export-agents")
	fs.StringVar(&o.group, "group", "", "group id, for -export (without it: every group of -sp) and -export-agents")
	fs.StringVar(&o.results, "results", "", "write one result per row to this `file`: JSON Lines, or CSV when it ends in .csv; - for stdout")
	fs.StringVar(&o.failed, "failed", "", "write the rows that did not end well to this sheet (`file`), with a reason column, to fix and feed back with -csv")
	fs.StringVar(&o.resume, "resume", "", "JSON Lines results `file` of an earlier run: rerun only the rows that did not end well")
	ignore := fs.String("ignore-columns", "", "comma-separated `columns` of the sheet to skip (a \"reason\" column always is)")
	delim := fs.String("delimiter", "", "cell separator of the sheet: , ; or tab (default: detected from the header)")
	fs.BoolVar(&o.debug, "debug", getenv("CALLCENTER_DEBUG") == "1", "log the OCI-P traffic to stderr: each exchange, and each document sent and received (secrets redacted; default on with CALLCENTER_DEBUG=1)")
	fs.DurationVar(&o.progressEvery, "progress", plainEvery, "when stderr is not a terminal, print a progress line this often (0: never)")
	fs.BoolVar(&o.verbose, "v", false, "verbose: say more about the run (with the in-process fake: its address, user and password, and its counters)")
	fs.BoolVar(&o.version, "version", false, "print the version of bulk-csv and exit")
	fs.BoolVar(&o.columns, "columns", false, "describe every column of a sheet of call centers (meaning, call-center types, default, values) and of an agent sheet, and exit")
	fs.StringVar(&o.fakeState, "fake-state", "", "without -host: load the in-process fake's call centers from this `file` (if it exists) and save them back at the end (mode 0600: it holds passwords), so that runs can rehearse a change with no server")
	fs.StringVar(&o.encoding, "encoding", "", "the sheet's text `encoding` when it has no byte order mark: utf-8 (default), shift_jis, windows-1252, utf-16le, euc-kr, gbk... (UTF-8 and UTF-16 files with a byte order mark are read as such)")
	fs.BoolVar(&o.bom, "bom", false, "with -export: start the file with a UTF-8 byte order mark, so that Excel reads its non-ASCII text right")

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usageHead)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			fmt.Fprint(stdout, usageTail)
			return o, true, nil
		}
		return o, false, &usageError{err.Error()}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if o.version || o.columns {
		if fs.NArg() > 0 || len(set) > 1 {
			return o, false, usagef("-version and -columns take no other flag")
		}
		return o, false, nil
	}
	o.maxDeletesSet = set["max-deletes"]

	switch {
	case fs.NArg() > 0:
		return o, false, usagef("unexpected argument %q (flags come first, e.g. -csv FILE)", fs.Arg(0))
	case o.concurrency < 1:
		return o, false, usagef("-concurrency %d: want 1 or more", o.concurrency)
	case o.batch < 1:
		return o, false, usagef("-batch %d: want 1 or more", o.batch)
	case o.batch > 15:
		return o, false, usagef("-batch %d: OCI-P takes at most 15 commands in a document", o.batch)
	case set["sessions"] && o.sessions < 1:
		return o, false, usagef("-sessions %d: want 1 or more", o.sessions)
	case o.timeout <= 0:
		return o, false, usagef("-timeout %v: want a duration above 0, e.g. 30s", o.timeout)
	case o.progressEvery < 0:
		return o, false, usagef("-progress %v: want a duration of 0 (never) or more", o.progressEvery)
	case o.maxDeletes < 0:
		return o, false, usagef("-max-deletes %d: want 0 or more", o.maxDeletes)
	}
	if o.sessions == 0 {
		o.sessions = o.concurrency
	}
	switch strings.ToLower(o.transport) {
	case "tls", "tcp", "soap":
		o.transport = strings.ToLower(o.transport)
	default:
		return o, false, usagef("-transport %q: want tls, tcp or soap", o.transport)
	}
	switch *delim {
	case "":
	case "tab", `\t`:
		o.delimiter = '\t'
	default:
		r, n := utf8.DecodeRuneInString(*delim)
		if n != len(*delim) || r == '"' || r == '\n' || r == '\r' || r == utf8.RuneError {
			return o, false, usagef("-delimiter %q: want one character such as , ; or tab", *delim)
		}
		o.delimiter = r
	}
	for c := range strings.SplitSeq(*ignore, ",") {
		if c = strings.TrimSpace(c); c != "" {
			o.ignore = append(o.ignore, c)
		}
	}

	if o.encoding != "" {
		if _, err := sheetEncoding(o.encoding); err != nil {
			return o, false, err
		}
	}
	switch {
	case o.fakeState != "" && o.host != "":
		return o, false, usagef("-fake-state is the in-process fake's: it goes without -host")
	case o.fakeState == "-":
		return o, false, usagef("-fake-state needs a file name")
	case o.bom && o.export == "":
		return o, false, usagef("-bom goes with -export (sheets the tool writes itself, -failed and backups, always have one)")
	case o.encoding != "" && o.csv == "":
		return o, false, usagef("-encoding says how the -csv sheet is written: it goes with -csv")
	}

	writes := o.apply || o.applyPlan != ""
	switch {
	case o.planOut != "" && !o.plan:
		return o, false, usagef("-plan-out goes with -plan")
	case o.planOut == "-":
		return o, false, usagef("-plan-out needs a file name (a plan holds passwords: it is written with mode 0600)")
	case o.detailedExit && !o.plan:
		return o, false, usagef("-detailed-exitcode goes with -plan")
	case set["backup"] && !writes:
		return o, false, usagef("-backup goes with -apply or -apply-plan (the runs that modify or delete)")
	case o.setPasswords && !o.apply && !o.plan:
		return o, false, usagef("-set-passwords goes with -apply or -plan")
	case set["max-deletes"] && !o.prune && o.applyPlan == "" && !o.apply:
		return o, false, usagef("-max-deletes goes with -prune, -apply-plan, or -apply of an agent sheet")
	case o.yes && !(o.apply && o.prune) && o.applyPlan == "":
		return o, false, usagef("-yes confirms deletes: it goes with -apply -prune or -apply-plan (this run deletes nothing)")
	case o.backup == "-":
		return o, false, usagef("-backup needs a file name (or none)")
	}
	if o.applyPlan != "" {
		switch {
		case o.csv != "" || o.apply || o.plan || o.prune || o.dryRun || o.export != "" || o.exportAgents != "" || o.setPasswords:
			return o, false, usagef("-apply-plan carries out a saved plan as it is: it takes no -csv, -apply, -plan, -prune, -dry-run, -export or -set-passwords (they were decided when the plan was made)")
		case o.failed != "":
			return o, false, usagef("-failed writes rows of the input sheet: with -apply-plan there is none; use -results")
		case o.sp != "" || o.group != "":
			return o, false, usagef("-sp and -group go with -export and -export-agents")
		}
		return o, false, nil
	}
	if o.exportAgents != "" {
		if err := o.checkExportAgents(); err != nil {
			return o, false, err
		}
		return o, false, nil
	}
	if o.export != "" {
		switch {
		case o.csv != "" || o.apply || o.plan || o.prune || o.dryRun || o.resume != "" || o.results != "" || o.failed != "":
			return o, false, usagef("-export writes a sheet: it takes -sp, -group and the connection flags, not -csv, -apply, -plan, -prune, -dry-run, -resume, -results or -failed")
		case o.sp == "":
			return o, false, usagef("-export needs -sp SERVICE_PROVIDER (and -group GROUP for one group; without it, every group of the service provider)")
		}
		return o, false, nil
	}
	switch {
	case o.csv == "":
		return o, false, usagef("-csv FILE is required (or -export FILE, or -export-agents FILE)")
	case o.sp != "" || o.group != "":
		return o, false, usagef("-sp and -group go with -export and -export-agents (a sheet names its groups in its own columns)")
	case o.apply && o.plan:
		return o, false, usagef("-apply and -plan: choose one (-plan shows what -apply would do)")
	case o.prune && !o.apply && !o.plan:
		return o, false, usagef("-prune goes with -apply or -plan")
	case o.dryRun && (o.apply || o.plan):
		return o, false, usagef("-dry-run creates nothing already; with -apply, use -plan to see what it would do")
	case o.showWire && !o.dryRun:
		return o, false, usagef("-show-wire goes with -dry-run")
	case o.resume != "" && strings.EqualFold(extension(o.resume), ".csv"):
		return o, false, usagef("-resume %s: -resume reads JSON Lines results (-results FILE.jsonl), not a CSV file; to rerun failed rows from a sheet, use -csv with a -failed sheet", o.resume)
	case o.failed == "-":
		return o, false, usagef("-failed needs a file name")
	}
	return o, false, nil
}

// extension is the file name extension of p (".csv"), or "".
func extension(p string) string {
	i := strings.LastIndexByte(p, '.')
	if i < 0 || strings.ContainsAny(p[i:], `/\`) {
		return ""
	}
	return p[i:]
}
