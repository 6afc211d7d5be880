package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/examples/internal/cli"
)

// environment is what the command uses of its process.
type environment struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	stderrFd       int    // for terminal detection; -1: not a terminal
	stopSignals    func() // restores the default signal handling (a second Ctrl-C quits at once)
	stdin          io.Reader
	stdinTerminal  bool // someone may answer a question (deletes are confirmed there)
}

// run runs the command and returns its exit code. ctx is cancelled by an
// interrupt.
func run(ctx context.Context, args []string, env environment) int {
	o, help, err := parseFlags(args, env.getenv, env.stdout)
	if help {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "bulk-csv: %v\nRun bulk-csv -h for help.\n", err)
		return exitUsage
	}
	switch {
	case o.version:
		printVersion(env.stdout)
		return exitOK
	case o.columns:
		printColumns(env.stdout)
		return exitOK
	}
	c := &command{o: o, env: env, start: time.Now()}
	code := c.run(ctx)
	if c.fake != nil {
		code = c.closeFake(code)
	}
	return code
}

// command is one run of the tool.
type command struct {
	o     options
	env   environment
	start time.Time
	fake  *broadworkstest.Server // the in-process server, without -host
	// ignored are the columns of a -failed sheet that the run that wrote it
	// ignored (its unknown columns): skipped when it is fed back.
	ignored []string
	// -fake-state: the state's bytes as loaded (nil when the file was
	// new), and the release of its lock.
	stateLoaded []byte
	unlockState func()
	// header is the sheet's header as countRows read it.
	header []string
}

// fail prints a problem and returns its exit code.
func (c *command) fail(code int, format string, args ...any) int {
	fmt.Fprintf(c.env.stderr, "bulk-csv: "+format+"\n", args...)
	return code
}

func (c *command) run(ctx context.Context) int {
	if err := c.checkFiles(); err != nil {
		return c.fail(exitUsage, "%v", err)
	}
	if c.o.export != "" {
		return c.runExport(ctx)
	}
	if c.o.exportAgents != "" {
		return c.runExportAgents(ctx)
	}
	var src *os.File
	var agents bool // an agent sheet (agents.go)
	var plan []byte // -apply-plan
	var total int
	if c.o.applyPlan != "" {
		var err error
		if plan, err = os.ReadFile(c.o.applyPlan); err != nil {
			return c.fail(exitUsage, "%v", err)
		}
		if _, total, err = peekPlan(plan); err != nil {
			return c.fail(exitUsage, "%s: %v", c.o.applyPlan, err)
		}
	} else {
		var err error
		if src, err = os.Open(c.o.csv); err != nil {
			return c.fail(exitUsage, "%v", err)
		}
		defer src.Close()
		if agents, err = c.isAgentSheet(src); err != nil {
			return c.fail(exitUsage, "%s: %v", c.o.csv, err)
		}
		if agents {
			if err := c.checkAgentFlags(); err != nil {
				return c.fail(exitUsage, "%v", err)
			}
		} else if c.o.maxDeletesSet && !c.o.prune {
			return c.fail(exitUsage, "-max-deletes goes with -prune or -apply-plan (or -apply of an agent sheet)")
		}
		// Read the sheet once first: a header that cannot be used is refused
		// before anything connects, and the rows are counted for the progress.
		var failedRows bool
		total, failedRows, err = c.countRows(src)
		if msg, ok := encodingAdvice(c.o.csv, err); ok {
			return c.fail(exitUsage, "%s", msg)
		}
		if err != nil {
			return c.fail(exitUsage, "%s: %s", c.o.csv, errText(err))
		}
		if !agents && slices.ContainsFunc(c.header, isStaffingColumn) {
			return c.fail(exitUsage, "%s looks like an agent sheet (its columns are agentUserIdList.userId[N] and the like) but has no operation column: bulk-csv tells an agent sheet from a sheet of call centers by it.\n"+
				"  Add a column operation holding %s on each row, then see the changes with -plan -csv %s", c.o.csv, bulk.StaffingOperation, c.o.csv)
		}
		if !agents {
			if err := c.checkRequiredColumns(total); err != nil {
				return c.fail(exitUsage, "%s: %v", c.o.csv, err)
			}
		}
		if failedRows && c.o.prune {
			return c.fail(exitUsage, "%s is a sheet of failed rows (it has the %s column): it lists only some call centers, so -prune would delete the others.\n"+
				"  Apply it without -prune, or fix the full sheet and run -prune with that", c.o.csv, failedMarker)
		}
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return c.fail(exitUsage, "%s: %v", c.o.csv, err)
		}
		if c.o.resume != "" {
			if code, ok := c.checkResume(); !ok {
				return code
			}
		}
	}

	client, code := c.connect()
	if client == nil {
		return code
	}
	defer client.Close()

	out, err := openResults(c.o.results, c.env.stdout, c.start)
	if err != nil {
		return c.fail(exitUsage, "%v", err)
	}
	committed := false
	defer func() {
		if !committed {
			out.discard()
		}
	}()

	t := newTally(total)
	var prog *progress
	// On an interrupt the writes already sent finish (bounded by -timeout),
	// so that every row sent has a known outcome.
	opts := []bulk.Option{bulk.Concurrency(c.o.concurrency), bulk.Total(total), bulk.FinishInFlight()}
	rowOpts := func() []bulk.Option { // a new progress line for each pass
		prog = newProgress(c.env.stderr, c.env.stderrFd, c.o.debug, c.o.progressEvery)
		return append(slices.Clone(opts), bulk.OnProgress(prog.update))
	}
	if c.o.applyPlan == "" {
		opts = append(opts, c.csvOptions()...)
	}
	opts = append(opts, bulk.Batch(c.o.batch))
	if c.o.dryRun {
		opts = append(opts, bulk.DryRun())
		if c.o.showWire {
			opts = append(opts, bulk.ShowWire(c.env.stdout))
		}
	}
	if c.o.setPasswords {
		opts = append(opts, bulk.SetPasswords())
	}
	if c.o.resume != "" {
		prev, err := os.Open(c.o.resume)
		if err != nil {
			return c.fail(exitUsage, "%v", err)
		}
		defer prev.Close()
		opts = append(opts, bulk.Resume(prev))
	}
	var backup *backupFile
	if (c.o.apply || c.o.applyPlan != "") && c.o.backup != "none" {
		backup = &backupFile{path: c.backupPath(), auto: c.o.backup == ""}
		defer backup.close()
	}
	writing := func(o []bulk.Option) []bulk.Option {
		if out.jsonl != nil {
			o = append(o, bulk.ResultsTo(out.jsonl))
		}
		if backup != nil {
			o = append(o, bulk.BackupTo(backup))
		}
		return append(o, bulk.MaxDeletes(c.o.maxDeletes))
	}

	// On an interrupt the run's context is cancelled: no row starts any
	// more, and the rows not started end skipped. The writes already sent
	// finish (bulk.FinishInFlight), so every outcome is known.
	interrupted := make(chan struct{})
	watch := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			close(interrupted)
			if c.env.stopSignals != nil {
				c.env.stopSignals()
			}
			if prog != nil {
				prog.note("interrupted: the rows in flight finish, the others are skipped (Ctrl-C again quits at once)")
			}
		case <-watch:
		}
	}()

	target := client
	var shown []bulk.Result // the results printed as a table: a plan, or what -apply changed
	var runErr error
	var planOut *atomicFile
	keep := func(r bulk.Result) error {
		t.add(r)
		if c.o.plan || c.o.apply || c.o.applyPlan != "" {
			shown = append(shown, r)
		}
		return out.write(r)
	}
	keepAll := func(res []bulk.Result) {
		for _, r := range res {
			if err := keep(r); err != nil && runErr == nil {
				runErr = err
			}
		}
	}
	retry := "bulk-csv -plan -prune -csv SHEET -plan-out PLAN, then bulk-csv -apply-plan PLAN -yes"
	switch {
	case agents:
		o := rowOpts()
		if !c.o.dryRun {
			prog.note("reading the call centers of the sheet (nothing is written before every row's removals are counted)")
		}
		prog.begin(total)
		var res []bulk.Result
		res, runErr = c.agentsRun(ctx, client, src, o, writing)
		prog.end()
		var he *bulk.HeaderError
		if errors.As(runErr, &he) && len(res) == 0 {
			// The agent sheet's own header checks (a skill level with
			// no agent, no serviceUserId column): an input that cannot be
			// used, with no table or summary of rows that never ran.
			close(watch)
			return c.fail(exitUsage, "%s: %s", c.o.csv, strings.TrimPrefix(runErr.Error(), "bulk: "))
		}
		keepAll(res)
	case c.o.applyPlan != "":
		dels, _, _ := peekPlan(plan)
		if ok, code := c.confirmDeletes(dels, ""); !ok {
			return code
		}
		o := writing(rowOpts())
		prog.begin(total)
		var res []bulk.Result
		res, runErr = bulk.ApplyPlan(ctx, target, bytes.NewReader(plan), o...)
		prog.end()
		keepAll(res)
	case c.o.apply && c.o.prune:
		// Deletes are shown and confirmed before anything is written: a
		// plan first, then exactly that plan.
		var buf bytes.Buffer
		o := append(rowOpts(), bulk.Prune(), bulk.PlanOnly(), bulk.PlanTo(&buf))
		prog.note("reading the server to see what the sheet changes (nothing is written before the deletes are confirmed)")
		prog.begin(total)
		var planned []bulk.Result
		planned, runErr = bulk.ApplyFromCSV(ctx, target, src, o...)
		prog.end()
		if runErr == nil && ctx.Err() != nil {
			// The plan was not finished, so there is none to carry out.
			runErr = errors.New("interrupted while reading the server: nothing was written")
		}
		if runErr == nil {
			dels, _, _ := peekPlan(buf.Bytes())
			if ok, code := c.confirmDeletes(dels, strings.Replace(retry, "SHEET", c.o.csv, 1)); !ok {
				return code
			}
			o = writing(rowOpts())
			prog.begin(len(planned))
			var res []bulk.Result
			res, runErr = bulk.ApplyPlan(ctx, target, &buf, o...)
			prog.end()
			keepAll(res)
		}
	case c.o.apply || c.o.plan:
		o := rowOpts()
		if c.o.apply {
			o = writing(o)
		}
		if c.o.prune {
			o = append(o, bulk.Prune())
		}
		if c.o.plan {
			o = append(o, bulk.PlanOnly())
			if c.o.planOut != "" {
				if planOut, err = createOutput(c.o.planOut, 0o600, c.start); err != nil {
					return c.fail(exitUsage, "%v", err)
				}
				defer planOut.discard()
				o = append(o, bulk.PlanTo(planOut))
			}
		}
		prog.begin(total)
		var res []bulk.Result
		res, runErr = bulk.ApplyFromCSV(ctx, target, src, o...)
		prog.end()
		keepAll(res)
	default:
		o := rowOpts()
		if out.jsonl != nil {
			o = append(o, bulk.ResultsTo(out.jsonl))
		}
		prog.begin(total)
		for r, err := range bulk.StreamCSV(ctx, target, src, o...) {
			if err != nil {
				runErr = err
				break
			}
			if err := keep(r); err != nil {
				runErr = err
				break
			}
		}
		prog.end()
	}
	close(watch)
	if t.rows > 0 || runErr == nil {
		// The run wrote results (or had none to write): they replace an
		// earlier file. A run refused before its first row leaves it.
		if err := out.close(); err != nil && runErr == nil {
			runErr = err
		}
		committed = true
	}
	c.noteKept(out.file) // replaced at the first row
	if planOut != nil && runErr == nil {
		if err := planOut.commit(); err != nil {
			runErr = err
		} else {
			c.noteKept(planOut)
			fmt.Fprintf(c.env.stderr, "plan written to %s (mode 0600: it holds the passwords of the call centers it creates); review it, then: bulk-csv -apply-plan %s\n", c.o.planOut, c.o.planOut)
		}
	}
	wasInterrupted := false
	select {
	case <-interrupted:
		wasInterrupted = true
	default:
	}

	switch {
	case c.o.plan && agents:
		printTable(c.env.stdout, shown, "plan", nothingToDo(shown, "nothing was changed; run with -apply instead of -plan to do it"))
	case c.o.plan:
		saved := ""
		if planOut != nil && runErr == nil {
			saved = c.o.planOut
		}
		printPlan(c.env.stdout, shown, c.o.maxDeletes, c.o.prune, saved)
	case c.o.apply || c.o.applyPlan != "":
		printApplied(c.env.stdout, shown)
	}
	var failedRows int
	var failedErr error
	if c.o.failed != "" {
		failedRows, failedErr = c.writeFailed(t)
	}

	t.summary(c.env.stderr, time.Since(c.start))
	if backup != nil {
		switch {
		case backup.rows > 1 && agents:
			fmt.Fprintf(c.env.stderr, "backup: the staffing of the %s this run set out to change, as it was before, in %s (apply it with -apply -csv %s to restore it)\n", plural(backup.rows-1, "call center"), backup.path, backup.path)
		case backup.rows > 1:
			fmt.Fprintf(c.env.stderr, "backup: the %s modified or deleted, as they were, in %s (apply it with -apply -csv %s to restore them; a deleted one needs its password back: add a serviceInstanceProfile.password column and fill it in, as a password cannot be read back)\n", plural(backup.rows-1, "call center"), backup.path, backup.path)
		case backup.err != nil:
			fmt.Fprintf(c.env.stderr, "backup: %s: %v (nothing was modified or deleted without it)\n", backup.path, backup.err)
		}
	}
	code = exitOK
	switch {
	case wasInterrupted:
		code = exitInterrupted
	case runErr != nil && errors.Is(runErr, bulk.ErrSystemic):
		code = exitSystemic
	case runErr != nil:
		// A read error of the sheet, an unreadable -resume file, results
		// that cannot be written, a prune past -max-deletes.
		code = exitUsage
	case t.notOK > 0:
		code = exitRowsFailed
	case c.o.plan && c.o.detailedExit && t.pending > 0:
		code = exitChanges
	}
	var stop *bulk.StopError
	var tooMany *bulk.TooManyDeletesError
	switch {
	case errors.As(runErr, &stop):
		// The library's hint names its own options; a CLI user needs flags.
		at := ""
		if stop.Line > 0 {
			at = fmt.Sprintf(" at line %d", stop.Line)
		}
		fmt.Fprintf(c.env.stderr, "bulk-csv: run stopped%s: %v (%s not sent)%s\n", at, stop.Cause, plural(stop.Skipped, "row"), flagHint(runErr))
	case errors.As(runErr, &tooMany) && tooMany.Removals:
		fmt.Fprintf(c.env.stderr, "bulk-csv: this sheet would remove %s from their call centers, more than -max-deletes %d allows: nothing was written.\n"+
			"  Check that each row lists every agent (and supervisor) its call center keeps: a row whose list is empty removes them all; to remove them, run again with -max-deletes %d.\n",
			removals(tooMany.Deletes), tooMany.Max, tooMany.Deletes)
	case errors.As(runErr, &tooMany):
		fmt.Fprintf(c.env.stderr, "bulk-csv: this run would delete %s, more than -max-deletes %d allows: nothing was written.\n"+
			"  Check that the sheet lists every call center of its groups; to delete them all, run again with -max-deletes %d.\n", plural(tooMany.Deletes, "call center"), tooMany.Max, tooMany.Deletes)
	case runErr != nil:
		msg := errText(runErr)
		if rest, ok := strings.CutPrefix(msg, "ApplyPlan: "); ok && c.o.applyPlan != "" {
			msg = "-apply-plan " + c.o.applyPlan + ": " + rest // the plan file, not the library's function
		}
		fmt.Fprintf(c.env.stderr, "bulk-csv: %s%s\n", msg, flagHint(runErr))
	}
	if failedErr != nil {
		fmt.Fprintf(c.env.stderr, "bulk-csv: writing %s: %v\n", c.o.failed, failedErr)
		if code == exitOK {
			code = exitRowsFailed
		}
	} else if c.o.failed != "" {
		fmt.Fprintf(c.env.stderr, "%s that did not end well written to %s (%s)\n", plural(failedRows, "row"), c.o.failed, c.failedAdvice())
	}
	if wasInterrupted || code == exitSystemic {
		c.howToResume(t)
	}
	return code
}

// failedAdvice says how to feed the failed rows back. A sheet of failed
// rows lists only some call centers: it is never to be pruned with (and
// -prune refuses it), so the advice under -prune never leads to a delete.
func (c *command) failedAdvice() string {
	switch {
	case c.o.prune:
		return fmt.Sprintf("fix them in %s and run the same command again; or apply just them with -apply -csv %s, without -prune", c.o.csv, c.o.failed)
	case c.o.apply:
		return fmt.Sprintf("fix them and run again with -apply -csv %s", c.o.failed)
	}
	return fmt.Sprintf("fix them and run again with -csv %s", c.o.failed)
}

// csvOptions are the options of the sheet reader: the reason and marker
// columns of a -failed sheet are always skipped.
func (c *command) csvOptions() []bulk.Option {
	ignore := slices.Concat([]string{"reason", failedMarker}, c.o.ignore, c.ignored)
	opts := []bulk.Option{bulk.IgnoreColumns(ignore...)}
	if c.o.delimiter != 0 {
		opts = append(opts, bulk.Delimiter(c.o.delimiter))
	}
	if c.o.encoding != "" {
		e, _ := sheetEncoding(c.o.encoding) // checked with the flags
		opts = append(opts, bulk.Encoding(e))
	}
	return opts
}

// countRows reads the sheet as the run will and counts its data rows; it
// also tells whether the sheet is one of failed rows (-failed writes them
// with a column of their own).
func (c *command) countRows(src io.ReadSeeker) (int, bool, error) {
	sh, err := bulk.ReadCSV(src, c.csvOptions()...)
	var he *bulk.HeaderError
	if errors.As(err, &he) && len(he.Unknown) > 0 && he.Malformed == "" && len(he.Repeated) == 0 {
		// A sheet of failed rows keeps the columns of the sheet it came
		// from, those that run skipped (-ignore-columns) too: skip them
		// again, so that it feeds back as it is.
		if _, serr := src.Seek(0, io.SeekStart); serr != nil {
			return 0, false, serr
		}
		c.ignored = he.Unknown
		if again, aerr := bulk.ReadCSV(src, c.csvOptions()...); aerr == nil && slices.ContainsFunc(again.Header, isFailedMarker) {
			fmt.Fprintf(c.env.stderr, "note: %s is a sheet of failed rows: its columns %s are skipped, as the run that wrote it skipped them\n",
				c.o.csv, strings.Join(he.Unknown, ", "))
			sh, err = again, nil
		} else {
			c.ignored = nil
		}
	}
	if err != nil {
		if errors.As(err, &he) && len(he.Unknown) > 0 {
			return 0, false, fmt.Errorf("%w (to skip a column, name it in -ignore-columns)", err)
		}
		return 0, false, err
	}
	c.header = sh.Header
	failed := slices.ContainsFunc(sh.Header, isFailedMarker)
	n := 0
	for _, err := range sh.Rows() {
		if err != nil {
			return 0, false, err
		}
		n++
	}
	return n, failed, nil
}

// checkRequiredColumns refuses, once, a sheet whose header lacks a column
// that every row of the run needs: a column required with no default
// (callcenter.Column) for a create; for -apply and -plan, only those that
// name the call center, as the password is needed by new call centers
// alone. Each row would otherwise fail alike, rows times over.
func (c *command) checkRequiredColumns(rows int) error {
	has := func(field string) bool {
		for _, h := range c.header {
			if strings.EqualFold(strings.TrimSpace(h), field) {
				skipped := slices.ContainsFunc(slices.Concat(c.o.ignore, c.ignored), func(i string) bool { return strings.EqualFold(i, h) })
				return !skipped
			}
		}
		return false
	}
	creates := !c.o.apply && !c.o.plan
	var missing []string
	for _, col := range callcenter.Columns() {
		if !col.Required || col.Default != "" || has(col.Field) {
			continue
		}
		if !creates && col.Field == passwordColumn {
			continue
		}
		missing = append(missing, col.Field)
	}
	if len(missing) == 0 {
		return nil
	}
	names := "column " + missing[0]
	if len(missing) > 1 {
		names = "columns " + strings.Join(missing[:len(missing)-1], ", ") + " and " + missing[len(missing)-1]
	}
	if creates {
		msg := fmt.Sprintf("the header has no %s, which every call center created needs: %s be created.\n"+
			"  Add the %s and fill it in on each row (-columns describes every column)", names, noneOfRows(rows), names)
		if slices.Equal(missing, []string{passwordColumn}) {
			msg += "; to change call centers that exist, use -plan and -apply, which need a password only for new ones"
		}
		return errors.New(msg)
	}
	return fmt.Errorf("the header has no %s, which every row needs to name its call center: %s be applied.\n"+
		"  Add the %s and fill it in on each row (-columns describes every column)", names, noneOfRows(rows), names)
}

// noneOfRows is "none of the N rows could", or "the 1 row could not".
func noneOfRows(n int) string {
	if n == 1 {
		return "the 1 row could not"
	}
	return "none of the " + plural(n, "row") + " could"
}

// passwordColumn is the column of a call center's password.
const passwordColumn = "serviceInstanceProfile.password"

// connect makes the client (and, without -host, the fake it talks to). It
// returns nil and an exit code when it cannot.
func (c *command) connect() (*broadworks.Client, int) {
	var opts []broadworks.Option
	opts = append(opts, broadworks.WithSessions(c.o.sessions), broadworks.WithTimeout(c.o.timeout),
		broadworks.WithTransportName(func(t broadworks.Transport) string { return "-transport " + strings.ToLower(t.String()) }))
	if c.o.debug {
		opts = append(opts, broadworks.WithLogger(cli.DebugLogger(c.env.stderr)))
	}
	switch c.o.transport {
	case "tls":
		opts = append(opts, broadworks.WithTransport(broadworks.TLS))
	case "tcp":
		opts = append(opts, broadworks.WithTransport(broadworks.TCP))
	case "soap":
		opts = append(opts, broadworks.WithTransport(broadworks.SOAP))
	}
	host, user, password := c.o.host, c.o.user, c.env.getenv("BW_PASSWORD")
	if host == "" {
		var given []string
		if user != "" {
			given = append(given, "-user")
		}
		if password != "" {
			given = append(given, "$BW_PASSWORD")
		}
		if c.o.ca != "" {
			given = append(given, "-ca")
		}
		if len(given) > 0 {
			fmt.Fprintf(c.env.stderr, "note: %s given without -host: not used (pass -host to reach a real server)\n", strings.Join(given, " and "))
		}
		fake, code := c.startFake()
		if fake == nil {
			return nil, code
		}
		c.fake = fake
		user, password = broadworkstest.DefaultUser, broadworkstest.DefaultPassword
		switch c.o.transport {
		case "tls":
			host = c.fake.TLSAddr()
			opts = append(opts, broadworks.WithTLSConfig(c.fake.ClientTLSConfig()))
		case "tcp":
			host = c.fake.TCPAddr()
		case "soap":
			host = c.fake.SOAPURL()
			opts = append(opts, broadworks.WithSOAPURL(c.fake.SOAPURL()))
		}
	} else {
		switch {
		case user == "" && password == "":
			return nil, c.fail(exitUsage, "-user and $BW_PASSWORD are required with -host")
		case user == "":
			return nil, c.fail(exitUsage, "-user is required with -host")
		case password == "":
			return nil, c.fail(exitUsage, "$BW_PASSWORD is required with -host: the password is read from it (export BW_PASSWORD=...)")
		case c.o.transport != "soap" && strings.Contains(host, "://"):
			return nil, c.fail(exitUsage, "-host %s is a URL: use -transport soap for a SOAP URL (-transport %s takes host[:port])", host, c.o.transport)
		}
		if c.o.transport == "soap" && strings.Contains(host, "://") {
			// -host is the SOAP endpoint's URL (host[:port] takes the
			// default path).
			opts = append(opts, broadworks.WithSOAPURL(host))
		}
		if c.o.ca != "" {
			conf, err := caConfig(c.o.ca)
			if err != nil {
				return nil, c.fail(exitUsage, "-ca %s: %v", c.o.ca, err)
			}
			opts = append(opts, broadworks.WithTLSConfig(conf))
		}
	}
	client, err := broadworks.NewClient(host, user, password, opts...)
	var ve *broadworks.ValidationError
	switch {
	case errors.As(err, &ve):
		// The client names its arguments and options; a user of the tool
		// needs the flags.
		var problems []string
		for _, fe := range ve.Errors {
			problems = append(problems, optionFlag(fe.Field)+": "+fe.Message)
		}
		return nil, c.fail(exitUsage, "%s", strings.Join(problems, "; "))
	case err != nil:
		return nil, c.fail(exitUsage, "%v", err)
	}
	if c.fake != nil && c.o.verbose {
		fmt.Fprintf(c.env.stderr, "fake server: %s (-transport %s), user %s, password %s\n", host, c.o.transport, user, password)
	}
	return client, exitOK
}

// optionFlag is the flag that sets an argument or option of
// broadworks.NewClient.
func optionFlag(field string) string {
	switch field {
	case "host", "WithSOAPURL":
		return "-host"
	case "username":
		return "-user"
	case "password":
		return "$BW_PASSWORD"
	case "WithSessions":
		return "-sessions"
	case "WithTimeout":
		return "-timeout"
	case "WithTransport":
		return "-transport"
	case "WithTLSConfig":
		return "-ca"
	}
	return field
}

// caConfig is a TLS configuration that trusts the certificates of a PEM file.
func caConfig(path string) (*tls.Config, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("no PEM certificate in the file")
	}
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, nil
}

// errText is an error of bulk as the tool prints it, after its own
// "bulk-csv: ": without the library's "bulk: " before it.
func errText(err error) string {
	return strings.TrimPrefix(err.Error(), "bulk: ")
}

// removals is "1 agent or supervisor" or "N agents and supervisors".
func removals(n int) string {
	if n == 1 {
		return "1 agent or supervisor"
	}
	return fmt.Sprintf("%d agents and supervisors", n)
}

// flagHint names the flags to check after a systemic failure (or a backup
// that cannot be written).
func flagHint(err error) string {
	switch {
	case errors.Is(err, bulk.ErrBackup):
		return ": check the -backup file and its disk (nothing was modified or deleted without its backup)"
	case errors.Is(err, bulk.ErrLoginRefused):
		return ": check -user and $BW_PASSWORD"
	case errors.Is(err, bulk.ErrCannotConnect):
		return ": check -host, -transport and -ca"
	}
	return ""
}

// howToResume tells how to finish an interrupted or stopped run.
func (c *command) howToResume(t *tally) {
	w := c.env.stderr
	left := t.notOK
	if left == 0 {
		return
	}
	switch {
	case c.o.results != "" && c.o.results != "-" && !strings.EqualFold(extension(c.o.results), ".csv"):
		next := c.o.results + ".next"
		if i := strings.LastIndexByte(c.o.results, '.'); i > 0 && extension(c.o.results) != "" {
			next = c.o.results[:i] + "-resumed" + c.o.results[i:]
		}
		fmt.Fprintf(w, "to finish the %s left: run the same command with -resume %s -results %s\n", plural(left, "row"), c.o.results, next)
	case c.o.failed != "" && c.o.prune:
		fmt.Fprintf(w, "to finish the %s left: run the same command again (with the whole sheet %s: its prune is shown and confirmed again)\n", plural(left, "row"), c.o.csv)
	case c.o.failed != "":
		fmt.Fprintf(w, "to finish the %s left: %s\n", plural(left, "row"), c.failedAdvice())
	default:
		fmt.Fprintf(w, "to finish the %s left: run the same command again (rows created already show as exists);\n"+
			"  add -results FILE.jsonl to be able to -resume, or -failed FILE for a sheet of the rows left\n", plural(left, "row"))
	}
}

// runExport writes a group as a sheet.
func (c *command) runExport(ctx context.Context) int {
	client, code := c.connect()
	if client == nil {
		return code
	}
	defer client.Close()
	// The call centers are written as they are read (see exportSheet).
	// -bom puts its mark before the sheet, in a file and on stdout.
	sheet, err := c.createExport(c.o.export)
	if err != nil {
		return c.fail(exitUsage, "%v", err)
	}
	defer sheet.discard()
	if c.o.bom {
		_, err = io.WriteString(sheet, "\uFEFF")
	}
	n := 0
	if err == nil {
		n, err = bulk.ExportCSV(ctx, client, sheet, c.o.sp, c.o.group, bulk.Concurrency(c.o.concurrency), bulk.Batch(c.o.batch))
	}
	if err == nil && ctx.Err() == nil {
		err = c.finishExport(sheet)
	}
	if code, failed := c.exportFailed(ctx, err, "export interrupted after "+plural(n, "call center")); failed {
		return code
	}
	what := fmt.Sprintf("group %s of %s", c.o.group, c.o.sp)
	if c.o.group == "" {
		what = "every group of " + c.o.sp
	}
	fmt.Fprintf(c.env.stderr, "exported %s of %s to %s in %s\n", plural(n, "call center"), what, c.o.export, time.Since(c.start).Round(time.Millisecond))
	if n == 0 {
		c.warnEmptyExport(ctx, client)
	}
	return exitOK
}

// warnEmptyExport says why an export may have found no call center: a
// -sp or -group spelled otherwise than on the server (ids are compared
// exactly, case included), which some servers answer as an empty list. It
// lists the groups of -sp to tell a group that exists but is empty (a
// note) from one that does not (a warning, with the group of another case
// when there is one). The exit code stays 0: the export is right, and a
// new group has no call centers.
func (c *command) warnEmptyExport(ctx context.Context, client *broadworks.Client) {
	groups, exact := 0, false
	var near []string
	var listErr error
	for g, err := range client.ListGroups(ctx, c.o.sp) {
		if err != nil {
			listErr = err
			break
		}
		groups++
		switch {
		case g.GroupID == c.o.group:
			exact = true
		case c.o.group != "" && strings.EqualFold(g.GroupID, c.o.group):
			near = append(near, g.GroupID)
		}
	}
	w := c.env.stderr
	switch {
	case listErr == nil && c.o.group != "" && exact:
		fmt.Fprintf(w, "note: group %s of %s has no call centers: the file holds the header alone\n", c.o.group, c.o.sp)
	case listErr == nil && c.o.group == "" && groups > 0:
		none := "none of the " + plural(groups, "group") + " of " + c.o.sp + " has a call center"
		if groups == 1 {
			none = "the 1 group of " + c.o.sp + " has no call center"
		}
		fmt.Fprintf(w, "note: %s: the file holds the header alone\n", none)
	case len(near) > 0:
		fmt.Fprintf(w, "warning: %s has no group %s, but has %s: ids are compared exactly, case included (did you mean -group %s?)\n",
			c.o.sp, c.o.group, strings.Join(near, " and "), near[0])
	case listErr == nil && groups == 0:
		fmt.Fprintf(w, "warning: service provider %s lists no groups: it may not exist; check the spelling of -sp (ids are compared exactly, case included)\n", c.o.sp)
	case listErr == nil:
		fmt.Fprintf(w, "warning: %s has no group %s: check the spelling of -group (ids are compared exactly, case included)\n", c.o.sp, c.o.group)
	default:
		// Listing the groups is refused to a group's own administrator,
		// say: the group may well exist and be empty.
		fmt.Fprintf(w, "warning: nothing found, and the groups of %s could not be listed to tell why (%s): "+
			"the group may be empty, or not exist; check the spelling of -sp and -group (ids are compared exactly, case included)\n",
			c.o.sp, errText(listErr))
	}
}
