// Quickstart starts an in-process BroadWorks OCI-P server (the fake from
// broadworks/broadworkstest), creates the call centers of the three sample
// sheets of the bulk template on it, prints one line per row, and then
// dry-runs a sheet with mistakes to show the errors a user gets before
// anything is sent. It needs no flags and no network:
//
//	go run ./examples/quickstart
//
// CALLCENTER_DEBUG=1 logs the OCI-P traffic to stderr (secrets redacted).
package main

import (
	"context"
	"embed"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

//go:embed sheets/*.csv
var sheets embed.FS

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()

	// A BroadWorks server of our own on 127.0.0.1, reached over OCI-P/TLS
	// as a real one would be.
	srv := broadworkstest.NewServer()
	defer srv.Close()
	opts := []broadworks.Option{broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(2)}
	if os.Getenv("CALLCENTER_DEBUG") == "1" {
		opts = append(opts, broadworks.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	client := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, opts...)
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
	return nil
}

// printTable prints row, service user id, type, ✓/✗ and the reason.
func printTable(out io.Writer, results []bulk.Result) {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  ROW\tSERVICE USER ID\tTYPE\tOK\tRESULT")
	for _, r := range results {
		mark, reason := "✓", string(r.Status)
		if !r.Success {
			mark = "✗"
			reason = strings.ReplaceAll(r.Err.Error(), "; ", "\n  \t\t\t\t  ")
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", r.Index, r.Data.ServiceUserID, r.Data.Type, mark, reason)
	}
	tw.Flush()
}
