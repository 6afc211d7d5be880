package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

// environment is what the command uses of its process.
type environment struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	stderrFd       int    // for terminal detection; -1: not a terminal
	stopSignals    func() // restores the default signal handling (a second Ctrl-C quits at once)
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
	c := &command{o: o, env: env, start: time.Now()}
	return c.run(ctx)
}

// command is one run of the tool.
type command struct {
	o     options
	env   environment
	start time.Time
	fake  *broadworkstest.Server // the in-process server, without -host
}

// fail prints a problem and returns its exit code.
func (c *command) fail(code int, format string, args ...any) int {
	fmt.Fprintf(c.env.stderr, "bulk-csv: "+format+"\n", args...)
	return code
}

func (c *command) run(ctx context.Context) int {
	if c.o.export != "" {
		return c.runExport(ctx)
	}
	src, err := os.Open(c.o.csv)
	if err != nil {
		return c.fail(exitUsage, "%v", err)
	}
	defer src.Close()
	// Read the sheet once first: a header that cannot be used is refused
	// before anything connects, and the rows are counted for the progress.
	total, err := c.countRows(src)
	if err != nil {
		return c.fail(exitUsage, "%s: %v", c.o.csv, err)
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return c.fail(exitUsage, "%s: %v", c.o.csv, err)
	}

	client, code := c.connect()
	if client == nil {
		return code
	}
	defer func() {
		client.Close()
		if c.fake != nil {
			if c.o.verbose {
				s := c.fake.Stats()
				fmt.Fprintf(c.env.stderr, "fake server: %d connections, %d logins, %d documents, %d commands, %d adds, %d modifies, %d deletes\n",
					s.Connections, s.Logins, s.Documents, s.Commands, s.Adds, s.Modifies, s.Deletes)
			}
			c.fake.Close()
		}
	}()

	out, err := openResults(c.o.results, c.env.stdout)
	if err != nil {
		return c.fail(exitUsage, "%v", err)
	}

	t := newTally(total)
	prog := newProgress(c.env.stderr, c.env.stderrFd, c.o.debug, c.o.progressEvery)
	opts := append(c.csvOptions(),
		bulk.Concurrency(c.o.concurrency),
		bulk.Total(total),
		bulk.OnProgress(prog.update),
	)
	if c.o.batch > 1 {
		opts = append(opts, bulk.Batch(c.o.batch))
	}
	if out.jsonl != nil {
		opts = append(opts, bulk.ResultsTo(out.jsonl))
	}
	if c.o.dryRun {
		opts = append(opts, bulk.DryRun())
		if c.o.showWire {
			opts = append(opts, bulk.ShowWire(c.env.stdout))
		}
	}
	if c.o.prune {
		opts = append(opts, bulk.Prune())
	}
	if c.o.plan {
		opts = append(opts, bulk.PlanOnly())
	}
	if c.o.resume != "" {
		prev, err := os.Open(c.o.resume)
		if err != nil {
			return c.fail(exitUsage, "%v", err)
		}
		defer prev.Close()
		opts = append(opts, bulk.Resume(prev))
	}

	// On an interrupt the run's context is cancelled: no row starts any
	// more, and the rows not started end skipped. The writes already sent
	// finish (see finishing), so every outcome is known.
	interrupted := make(chan struct{})
	watch := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			close(interrupted)
			if c.env.stopSignals != nil {
				c.env.stopSignals()
			}
			prog.note("interrupted: the rows in flight finish, the others are skipped (Ctrl-C again quits at once)")
		case <-watch:
		}
	}()

	target := finishing{client}
	var plan []bulk.Result
	var runErr error
	prog.begin(total)
	keep := func(r bulk.Result) error {
		t.add(r)
		if c.o.plan {
			plan = append(plan, r)
		}
		return out.write(r)
	}
	if c.o.apply || c.o.plan {
		var res []bulk.Result
		res, runErr = bulk.ApplyFromCSV(ctx, target, src, opts...)
		for _, r := range res {
			if err := keep(r); err != nil && runErr == nil {
				runErr = err
			}
		}
	} else {
		for r, err := range bulk.StreamCSV(ctx, target, src, opts...) {
			if err != nil {
				runErr = err
				break
			}
			if err := keep(r); err != nil {
				runErr = err
				break
			}
		}
	}
	prog.end()
	close(watch)
	if err := out.close(); err != nil && runErr == nil {
		runErr = err
	}
	wasInterrupted := false
	select {
	case <-interrupted:
		wasInterrupted = true
	default:
	}

	if c.o.plan {
		printPlan(c.env.stdout, plan)
	}
	var failedRows int
	var failedErr error
	if c.o.failed != "" {
		failedRows, failedErr = c.writeFailed(t)
	}

	t.summary(c.env.stderr, time.Since(c.start))
	code = exitOK
	switch {
	case wasInterrupted:
		code = exitInterrupted
	case runErr != nil && errors.Is(runErr, bulk.ErrSystemic):
		code = exitSystemic
	case runErr != nil:
		// A read error of the sheet, an unreadable -resume file, results
		// that cannot be written.
		code = exitUsage
	case t.notOK > 0:
		code = exitRowsFailed
	}
	var stop *bulk.StopError
	switch {
	case errors.As(runErr, &stop):
		// The library's hint names its own options; a CLI user needs flags.
		fmt.Fprintf(c.env.stderr, "bulk-csv: run stopped at row %d: %v (%d rows not sent)%s\n", stop.Row, stop.Cause, stop.Skipped, flagHint(runErr))
	case runErr != nil:
		fmt.Fprintf(c.env.stderr, "bulk-csv: %v%s\n", runErr, flagHint(runErr))
	}
	if failedErr != nil {
		fmt.Fprintf(c.env.stderr, "bulk-csv: writing %s: %v\n", c.o.failed, failedErr)
		if code == exitOK {
			code = exitRowsFailed
		}
	} else if c.o.failed != "" {
		fmt.Fprintf(c.env.stderr, "%d rows that did not end well written to %s (fix them and run again with -csv %s)\n", failedRows, c.o.failed, c.o.failed)
	}
	if wasInterrupted || code == exitSystemic {
		c.howToResume(t)
	}
	return code
}

// csvOptions are the options of the sheet reader: the reason column of a
// -failed sheet is always skipped.
func (c *command) csvOptions() []bulk.Option {
	opts := []bulk.Option{bulk.IgnoreColumns(append([]string{"reason"}, c.o.ignore...)...)}
	if c.o.delimiter != 0 {
		opts = append(opts, bulk.Delimiter(c.o.delimiter))
	}
	return opts
}

// countRows reads the sheet as the run will and counts its data rows.
func (c *command) countRows(src io.Reader) (int, error) {
	sh, err := bulk.ReadCSV(src, c.csvOptions()...)
	if err != nil {
		var he *bulk.HeaderError
		if errors.As(err, &he) && len(he.Unknown) > 0 {
			return 0, fmt.Errorf("%w (to skip a column, name it in -ignore-columns)", err)
		}
		return 0, err
	}
	n := 0
	for _, err := range sh.Rows() {
		if err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// connect makes the client (and, without -host, the fake it talks to). It
// returns nil and an exit code when it cannot.
func (c *command) connect() (*broadworks.Client, int) {
	var opts []broadworks.Option
	opts = append(opts, broadworks.WithSessions(c.o.sessions), broadworks.WithTimeout(c.o.timeout),
		broadworks.WithTransportName(func(t broadworks.Transport) string { return "-transport " + strings.ToLower(t.String()) }))
	if c.o.debug {
		opts = append(opts, broadworks.WithLogger(slog.New(slog.NewTextHandler(c.env.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
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
		fmt.Fprintln(c.env.stderr, "no -host: using an in-process fake BroadWorks server")
		c.fake = broadworkstest.NewServer()
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
		if user == "" || password == "" {
			return nil, c.fail(exitUsage, "-user and $BW_PASSWORD are required with -host")
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
	if err != nil {
		if c.fake != nil {
			c.fake.Close()
		}
		return nil, c.fail(exitUsage, "%v", err)
	}
	return client, exitOK
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

// flagHint names the flags to check after a systemic failure.
func flagHint(err error) string {
	switch {
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
	case c.o.failed != "":
		fmt.Fprintf(w, "to finish the %s left: run the same command with -csv %s\n", plural(left, "row"), c.o.failed)
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
	defer func() {
		client.Close()
		if c.fake != nil {
			c.fake.Close()
		}
	}()
	var w io.Writer = c.env.stdout
	var f *os.File
	if c.o.export != "-" {
		var err error
		if f, err = os.Create(c.o.export); err != nil {
			return c.fail(exitUsage, "%v", err)
		}
		w = f
	}
	n, err := bulk.ExportCSV(ctx, client, w, c.o.sp, c.o.group)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	switch {
	case ctx.Err() != nil:
		return c.fail(exitInterrupted, "export interrupted after %d call centers", n)
	case err != nil && errors.Is(err, bulk.ErrSystemic):
		return c.fail(exitSystemic, "%v%s", err, flagHint(err))
	case err != nil:
		return c.fail(exitRowsFailed, "%v", err)
	}
	fmt.Fprintf(c.env.stderr, "exported %d call centers of group %s of %s to %s in %s\n", n, c.o.group, c.o.sp, c.o.export, time.Since(c.start).Round(time.Millisecond))
	return exitOK
}
