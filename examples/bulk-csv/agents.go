package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/bulk"
)

// Agent sheets: mercury-ocip's call.center.update.agent.list sheet (plus
// skill and supervisor columns), told apart from a sheet of call centers
// by its operation column, and run with bulk.ModifyAgentsFromCSV; and
// -export-agents, which writes a group's staffing as one.

// checkExportAgents checks the flags of -export-agents.
func (o *options) checkExportAgents() error {
	switch {
	case o.export != "":
		return usagef("-export and -export-agents: choose one (run twice for both sheets)")
	case o.csv != "" || o.apply || o.plan || o.prune || o.dryRun || o.resume != "" || o.results != "" || o.failed != "":
		return usagef("-export-agents writes a sheet: it takes -sp, -group and the connection flags, not -csv, -apply, -plan, -prune, -dry-run, -resume, -results or -failed")
	case o.sp == "" || o.group == "":
		return usagef("-export-agents needs -sp SERVICE_PROVIDER and -group GROUP")
	}
	return nil
}

// isAgentSheet tells whether the sheet is an agent sheet, by the operation
// cell of its first data row, and rewinds it.
func (c *command) isAgentSheet(src io.ReadSeeker) (bool, error) {
	op, err := bulk.SheetOperation(src, c.csvOptions()...)
	if _, serr := src.Seek(0, io.SeekStart); serr != nil && err == nil {
		err = serr
	}
	if err != nil {
		var he *bulk.HeaderError
		var ee *bulk.EncodingError
		if errors.As(err, &he) || errors.As(err, &ee) {
			return false, nil // the run's own check says what is wrong with the header or the text
		}
		return false, err
	}
	return op == bulk.StaffingOperation, nil
}

// isStaffingColumn reports whether a header cell is a column only an agent
// sheet has.
func isStaffingColumn(h string) bool {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.HasPrefix(h, "agentuseridlist.") || strings.HasPrefix(h, "supervisoruseridlist.")
}

// checkAgentFlags refuses the flags that do not go with an agent sheet.
func (c *command) checkAgentFlags() error {
	o := c.o
	switch {
	case !o.apply && !o.plan && !o.dryRun:
		return usagef("%s is an agent sheet (operation %s): it changes the agents and supervisors of call centers that exist.\n"+
			"  See the changes with -plan, make them with -apply, or check the sheet with -dry-run", o.csv, bulk.StaffingOperation)
	case o.prune:
		return usagef("-prune is for sheets of call centers: an agent sheet removes the agents its rows do not list (limited by -max-deletes)")
	case o.planOut != "":
		return usagef("-plan-out is for sheets of call centers: the plan of an agent sheet is its table (and -results)")
	case o.setPasswords:
		return usagef("-set-passwords is for sheets of call centers: an agent sheet has no password")
	case o.showWire:
		return usagef("-show-wire shows the commands of a dry run, and an agent sheet's dry run builds none (it reads nothing, so it does not know the changes): use -plan")
	case o.yes:
		return usagef("-yes confirms deletes of call centers: an agent sheet's removals are limited by -max-deletes instead, and kept in the backup")
	}
	return nil
}

// runExportAgents writes a group's staffing as an agent sheet.
func (c *command) runExportAgents(ctx context.Context) int {
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
	sheet, err := c.createExport(c.o.exportAgents)
	if err != nil {
		return c.fail(exitUsage, "%v", err)
	}
	defer sheet.discard()
	n, err := bulk.ExportAgentsCSV(ctx, client, sheet, c.o.sp, c.o.group, bulk.Concurrency(c.o.concurrency), bulk.Batch(c.o.batch))
	if err == nil && ctx.Err() == nil {
		err = c.finishExport(sheet)
	}
	if code, failed := c.exportFailed(ctx, err, "export interrupted"); failed {
		return code
	}
	fmt.Fprintf(c.env.stderr, "exported the agents and supervisors of %s of group %s of %s to %s in %s\n",
		plural(n, "call center"), c.o.group, c.o.sp, c.o.exportAgents, time.Since(c.start).Round(time.Millisecond))
	if n == 0 {
		c.warnEmptyExport(ctx, client)
	}
	return exitOK
}

// agentsRun runs an agent sheet: a dry run, a plan or an apply (with the
// writing options: results, backup, -max-deletes).
func (c *command) agentsRun(ctx context.Context, client *broadworks.Client, src *os.File, opts []bulk.Option, writing func([]bulk.Option) []bulk.Option) ([]bulk.Result, error) {
	switch {
	case c.o.apply:
		opts = writing(opts)
	case c.o.plan:
		opts = append(opts, bulk.PlanOnly())
	}
	return bulk.ModifyAgentsFromCSV(ctx, client, src, opts...)
}
