// Quickstart starts an in-process BroadWorks OCI-P server (the fake from
// broadworks/broadworkstest), creates the call centers of the three sample
// sheets of the bulk template on it, prints one line per row, dry-runs a
// sheet with mistakes to show the errors a user gets before anything is
// sent, and then shows the round trip of every later day, the safe way:
// export a group as a sheet, edit one cell, plan to a file, review, apply
// exactly that plan, keep the backup. Last, it staffs a call center from an
// agent sheet (sheets/agents.csv: agents with skill levels, a supervisor),
// adds an agent with mercury-ocip's columns, which have no skill levels,
// and shows that the levels stay. It needs no flags and no network:
//
//	go run ./examples/quickstart
//
// -debug, or CALLCENTER_DEBUG=1, logs the OCI-P traffic to stderr (secrets
// redacted); -h prints the usage. It always runs against its own server, so
// it takes no -host.
package main

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/examples/internal/cli"
)

//go:embed sheets/*.csv
var sheets embed.FS

const about = `Quickstart starts an in-process BroadWorks OCI-P server, creates the call
centers of the three sample sheets on it, dry-runs a sheet with mistakes,
then shows the safe round trip of every later day: export a group, edit a
cell, plan to a file, apply exactly that plan, keep the backup; and staffs
a call center from an agent sheet, keeping skill levels. It needs no
network and no flags.`

func main() {
	cli.Main("quickstart", about, func(ctx context.Context, cmd *cli.Program) error {
		cmd.Parse(os.Args[1:])
		return run(ctx, os.Stdout, cmd.Logger())
	})
}

// run runs the tour, logging the OCI-P traffic to debug (nil: silent).
func run(ctx context.Context, out io.Writer, debug *slog.Logger) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()

	// A BroadWorks server of our own on 127.0.0.1, reached over OCI-P/TLS
	// as a real one would be.
	srv := broadworkstest.NewServer()
	defer srv.Close()
	opts := []broadworks.Option{broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(2)}
	if debug != nil {
		opts = append(opts, broadworks.WithLogger(debug))
	}
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, opts...)
	if err != nil {
		return err
	}
	defer client.Close()

	fmt.Fprintln(out, "Creating the call centers of the sample sheets:")
	var all []bulk.Result
	for _, name := range []string{"call.center.create.basic.csv", "call.center.create.standard.csv", "call.center.create.premium.csv"} {
		f, err := sheets.Open("sheets/" + name)
		if err != nil {
			return err
		}
		results, err := bulk.CreateFromCSV(ctx, client, f, bulk.Concurrency(2))
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		all = append(all, results...)
	}
	printTable(out, all)
	fmt.Fprintf(out, "The server now holds %d call centers.\n\n", len(srv.CallCenters()))

	fmt.Fprintln(out, "Dry run of sheets/mistakes.csv (nothing is sent):")
	f, err := sheets.Open("sheets/mistakes.csv")
	if err != nil {
		return err
	}
	defer f.Close()
	results, err := bulk.CreateFromCSV(ctx, client, f, bulk.DryRun())
	if err != nil {
		return err
	}
	printTable(out, results)
	if err := roundTrip(ctx, out, client); err != nil {
		return err
	}
	return staffing(ctx, out, client, srv)
}

// roundTrip exports a group, edits one cell of the sheet, shows the plan,
// applies it, and applies it again to show that nothing more is sent.
func roundTrip(ctx context.Context, out io.Writer, client *broadworks.Client) error {
	const sp, group = "MyServiceProvider", "SalesGroup"
	var sheet bytes.Buffer
	n, err := bulk.ExportCSV(ctx, client, &sheet, sp, group)
	if err != nil {
		return err
	}
	noun := "call centers"
	if n == 1 {
		noun = "call center"
	}
	fmt.Fprintf(out, "\nExported %d %s of %s/%s as a sheet (passwords left empty: Apply keeps them).\n", n, noun, sp, group)

	// Edit one cell, as an administrator would in a spreadsheet: the
	// queue length of the first call center.
	rows, err := csv.NewReader(&sheet).ReadAll()
	if err != nil {
		return err
	}
	if len(rows) < 2 {
		return fmt.Errorf("the export of %s/%s has no rows", sp, group)
	}
	col := slices.Index(rows[0], "queueLength")
	if col < 0 { // no call center sets it yet: add the column
		for i := range rows {
			rows[i] = append(rows[i], "")
		}
		col, rows[0][len(rows[0])-1] = len(rows[0])-1, "queueLength"
	}
	rows[1][col] = "25"
	fmt.Fprintf(out, "Edited queueLength of %s to 25.\n\n", rows[1][slices.Index(rows[0], "serviceUserId")])
	var edited bytes.Buffer
	w := csv.NewWriter(&edited)
	if err := w.WriteAll(rows); err != nil {
		return err
	}

	// The safe path: plan to a file, review it, apply exactly that plan,
	// keep the backup of what it changes. (A plan file holds the passwords
	// of the call centers it creates: keep it private, mode 0600.)
	fmt.Fprintln(out, "Plan (nothing is written):")
	var planFile bytes.Buffer
	plan, err := bulk.ApplyFromCSV(ctx, client, bytes.NewReader(edited.Bytes()), bulk.PlanOnly(), bulk.PlanTo(&planFile))
	if err != nil {
		return err
	}
	printTable(out, plan)

	fmt.Fprintln(out, "\nApply the plan, exactly (a call center changed since would be stale, and left alone):")
	var backup bytes.Buffer
	applied, err := bulk.ApplyPlan(ctx, client, &planFile, bulk.BackupTo(&backup))
	if err != nil {
		return err
	}
	printTable(out, applied)
	if kept, err := csv.NewReader(&backup).ReadAll(); err == nil && len(kept) > 1 {
		q := slices.Index(kept[0], "queueLength")
		fmt.Fprintf(out, "\nKept a backup of %d call center as it was (queueLength %s): applying that sheet undoes the change.\n", len(kept)-1, kept[1][q])
	}

	again, err := bulk.ApplyFromCSV(ctx, client, bytes.NewReader(edited.Bytes()))
	if err != nil {
		return err
	}
	unchanged := countUnchanged(again)
	fmt.Fprintf(out, "\nApplied again: %d of %d unchanged, nothing sent.\n", unchanged, len(again))
	return nil
}

// countUnchanged counts the results that found the platform as the sheet
// says.
func countUnchanged(results []bulk.Result) int {
	n := 0
	for _, r := range results {
		if r.Status == bulk.StatusUnchanged {
			n++
		}
	}
	return n
}

// outcome is a result's status as the tables print it: "would be …" when
// it is only planned.
func outcome(r bulk.Result) string {
	if r.Planned {
		return "would be " + string(r.Status)
	}
	return string(r.Status)
}

// printTable prints the sheet line, service user id, type, ✓/✗ and the reason.
func printTable(out io.Writer, results []bulk.Result) {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  LINE\tSERVICE USER ID\tTYPE\tOK\tRESULT")
	for _, r := range results {
		mark, reason := "✓", outcome(r)
		if len(r.Differences) > 0 && r.Success {
			reason += ": " + r.Differences[0].Field
			for _, d := range r.Differences[1:] {
				reason += ", " + d.Field
			}
		}
		if !r.Success {
			mark = "✗"
			reason = strings.ReplaceAll(r.Err.Error(), "; ", "\n  \t\t\t\t  ")
		}
		d := r.Data()
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", cli.Line(r), d.ServiceUserID, d.Type, mark, reason)
	}
	tw.Flush()
}
