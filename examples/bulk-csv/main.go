// Command bulk-csv creates the call centers of a bulk sheet on a BroadWorks
// server over OCI-P and writes one JSON line per row.
//
//	BW_PASSWORD=... go run ./examples/bulk-csv -host bw.example.com -user admin@example.com \
//	    -csv call-centers.csv -concurrency 4 -results results.jsonl
//
// Without -host it runs against an in-process fake server, so it can be
// tried with no network:
//
//	go run ./examples/bulk-csv -csv testdata/call.center.create.standard.csv
//
// -dry-run validates every row and builds its command without connecting.
// -resume reruns only the rows a previous results file does not mark as
// succeeded. Progress goes to stderr; results to -results (default stdout).
// -debug, or CALLCENTER_DEBUG=1, logs the OCI-P traffic to stderr (secrets
// redacted).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bulk-csv:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bulk-csv", flag.ContinueOnError)
	fs.SetOutput(stderr)
	host := fs.String("host", "", "BroadWorks host[:port]; empty: an in-process fake server")
	user := fs.String("user", "", "OCI-P user id (password from $BW_PASSWORD)")
	csvPath := fs.String("csv", "", "bulk sheet to create (required)")
	dryRun := fs.Bool("dry-run", false, "validate and build commands; send nothing")
	concurrency := fs.Int("concurrency", 4, "rows created at once (and OCI-P sessions opened)")
	resultsPath := fs.String("results", "", "write results as JSON Lines to this file (default stdout)")
	resume := fs.String("resume", "", "previous results file: rerun only the rows that did not succeed")
	mode := fs.String("transport", "tls", "tls, tcp or soap")
	debug := fs.Bool("debug", os.Getenv("CALLCENTER_DEBUG") == "1", "debug logging to stderr (secrets redacted; default on with CALLCENTER_DEBUG=1)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *csvPath == "" {
		fs.Usage()
		return errors.New("-csv is required")
	}
	src, err := os.Open(*csvPath)
	if err != nil {
		return err
	}
	defer src.Close()

	var out io.Writer = stdout
	if *resultsPath != "" {
		flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
		if *resultsPath == *resume {
			return errors.New("-results must differ from -resume: the previous results are read while the new ones are written")
		}
		f, err := os.OpenFile(*resultsPath, flags, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}

	opts := []broadworks.Option{broadworks.WithSessions(*concurrency)}
	if *debug {
		opts = append(opts, broadworks.WithLogger(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	switch strings.ToLower(*mode) {
	case "tls":
		opts = append(opts, broadworks.WithTransport(broadworks.TLS))
	case "tcp":
		opts = append(opts, broadworks.WithTransport(broadworks.TCP))
	case "soap":
		opts = append(opts, broadworks.WithTransport(broadworks.SOAP))
	default:
		return fmt.Errorf("-transport %q: want tls, tcp or soap", *mode)
	}
	password := os.Getenv("BW_PASSWORD")
	if *host == "" {
		srv := broadworkstest.NewServer()
		defer srv.Close()
		fmt.Fprintln(stderr, "no -host: using an in-process fake BroadWorks server")
		*user, password = broadworkstest.DefaultUser, broadworkstest.DefaultPassword
		switch strings.ToLower(*mode) {
		case "tls":
			*host = srv.TLSAddr()
			opts = append(opts, broadworks.WithTLSConfig(srv.ClientTLSConfig()))
		case "tcp":
			*host = srv.TCPAddr()
		case "soap":
			*host = srv.SOAPURL()
			opts = append(opts, broadworks.WithSOAPURL(srv.SOAPURL()))
		}
	} else if *user == "" || password == "" {
		return errors.New("-user and $BW_PASSWORD are required with -host")
	}
	client := broadworks.NewClient(*host, *user, password, opts...)
	defer client.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bopts := []bulk.Option{
		bulk.Concurrency(*concurrency),
		bulk.ResultsTo(out),
		bulk.OnProgress(func(p bulk.Progress) {
			fmt.Fprintf(stderr, "\rrows done %d, succeeded %d, failed %d", p.Done, p.Succeeded, p.Failed)
		}),
	}
	if *dryRun {
		bopts = append(bopts, bulk.DryRun())
	}
	if *resume != "" {
		prev, err := os.Open(*resume)
		if err != nil {
			return err
		}
		defer prev.Close()
		bopts = append(bopts, bulk.Resume(prev))
	}
	var failed int
	for r, err := range bulk.StreamCSV(ctx, client, src, bopts...) {
		if err != nil {
			fmt.Fprintln(stderr)
			return err
		}
		if !r.Success {
			failed++
		}
	}
	fmt.Fprintln(stderr)
	if failed > 0 {
		return fmt.Errorf("%d rows failed (see the results)", failed)
	}
	return nil
}
