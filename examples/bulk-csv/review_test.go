package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The process tests of the hostile review of safe apply and the tool's
// files: each case lost data or reported falsely before its fix.

// TestKilledRunKeepsItsResults: a run killed outright (SIGKILL, an
// out-of-memory kill, a machine that stops) keeps the results of every
// row it finished under the -results name, so that -resume works. Before
// the fix they were only in a hidden temporary file: -resume found no file,
// or, worse, the results of an earlier run under that name, which would
// have reported rows done that this run never wrote.
func TestKilledRunKeepsItsResults(t *testing.T) {
	const rows = 60
	for _, name := range []string{"results.jsonl", "results.csv"} {
		t.Run(name, func(t *testing.T) {
			srv := fakeServer(t)
			srv.SetLatency(20 * time.Millisecond)
			in := sheet(t, rows, nil)
			dir := t.TempDir()
			results := filepath.Join(dir, name)
			earlier := "an earlier run's results\n"
			if err := os.WriteFile(results, []byte(earlier), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			// One row per document, so that the adds counted below are rows
			// answered (15 to a document would be sent before any is).
			cmd := exec.CommandContext(ctx, binary(t), append(hostArgs(srv), "-csv", in, "-concurrency", "2", "-batch", "1", "-results", results)...)
			cmd.Env = append(cleanEnv(), goodPassword...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			for srv.Stats().Adds < 10 {
				if ctx.Err() != nil {
					t.Fatal("no adds within a minute")
				}
				time.Sleep(5 * time.Millisecond)
			}
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("the results are in a temporary file: %s", e.Name())
				}
			}
			b, err := os.ReadFile(results)
			if err != nil || string(b) == earlier || !strings.Contains(string(b), "created") {
				t.Fatalf("after the kill, %s holds %.200q (%v)", name, b, err)
			}
			if name != "results.jsonl" {
				return
			}
			res := readJSONL(t, results)
			for i, r := range res {
				if r.Index != i || r.Status != "created" {
					t.Fatalf("result %d: index %d, %s", i, r.Index, r.Status)
				}
			}
			if len(res) < 5 || len(res) > srv.Stats().Adds {
				t.Fatalf("%d results kept, %d adds", len(res), srv.Stats().Adds)
			}
			srv.SetLatency(0)
			o := tool(t, goodPassword, append(hostArgs(srv), "-csv", in, "-resume", results, "-results", filepath.Join(dir, "results-resumed.jsonl"))...)
			if o.code != exitOK || !strings.Contains(o.stderr, " done") || srv.Stats().Adds != rows || len(srv.CallCenters()) != rows {
				t.Fatalf("resume: exit %d, %d adds, %d stored\n%s", o.code, srv.Stats().Adds, len(srv.CallCenters()), o.stderr)
			}
		})
	}
}

// TestResultsToADirectory: -results naming a directory is refused before
// anything is sent (before the fix the whole run was sent, then its results
// could not be put in place and were thrown away).
func TestResultsToADirectory(t *testing.T) {
	srv := fakeServer(t)
	o := tool(t, goodPassword, append(hostArgs(srv), "-csv", sheet(t, 3, nil), "-results", t.TempDir())...)
	if o.code != exitUsage || srv.Stats().Commands != 0 || !strings.Contains(o.stderr, "is a directory") {
		t.Fatalf("exit %d, %d commands\n%s", o.code, srv.Stats().Commands, o.stderr)
	}
}

// TestBackupThatCannotBeWritten: a backup that cannot be written is found
// before anything is read or asked (exit 2, no command sent); one that
// fails during the run stops it at its first write (the library's
// TestBackupFailureStopsTheRun). Before the fix every row of the run was
// read and failed in turn, after the deletes had been confirmed.
func TestBackupThatCannotBeWritten(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	export := createGroup(t, srv, 5)
	before := srv.Stats().Commands
	for _, args := range [][]string{
		{"-apply", "-csv", export, "-backup", filepath.Join(t.TempDir(), "no-such-dir", "b.csv")},
		{"-apply", "-prune", "-yes", "-csv", export, "-backup", filepath.Join(export, "b.csv")}, // under a file
	} {
		o := tool(t, goodPassword, append(host, args...)...)
		if o.code != exitUsage || srv.Stats().Commands != before || !strings.Contains(o.stderr, "the backup cannot be written") {
			t.Errorf("%q: exit %d, %d commands\n%s", args, o.code, srv.Stats().Commands-before, o.stderr)
		}
	}
	if o := tool(t, goodPassword, append(host, "-apply", "-csv", export, "-backup", "none")...); o.code != exitOK {
		t.Errorf("-backup none: exit %d\n%s", o.code, o.stderr)
	}
}

// TestHangupEndsLikeAnInterrupt: a terminal that closes (an SSH session
// that drops: SIGHUP) ends the run as Ctrl-C does: the writes in flight
// finish, the rest are skipped, and every row has its result for -resume.
// Before the fix the tool died at once: the rows in flight had no result
// and the run's outcome was unknown.
func TestHangupEndsLikeAnInterrupt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGHUP to send on Windows")
	}
	const rows = 60
	srv := fakeServer(t)
	srv.SetLatency(20 * time.Millisecond)
	in := sheet(t, rows, nil)
	results := filepath.Join(t.TempDir(), "results.jsonl")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), append(hostArgs(srv), "-csv", in, "-concurrency", "2", "-results", results)...)
	cmd.Env = append(cleanEnv(), goodPassword...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for srv.Stats().Adds < 10 {
		if ctx.Err() != nil {
			t.Fatal("no adds within a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("after SIGHUP: %v", err)
	}
	res := readJSONL(t, results)
	created := 0
	for _, r := range res {
		if r.Status == "created" {
			created++
		}
	}
	if len(res) != rows || created != srv.Stats().Adds {
		t.Fatalf("%d results, %d created; the server added %d", len(res), created, srv.Stats().Adds)
	}
}

// TestInterruptWhilePlanning: Ctrl-C while -apply -prune reads the server
// (before the deletes are shown) writes nothing and says so. Before the
// fix it went on to carry out the plan it had not written, and ended with
// "bulk: ApplyPlan: reading the plan: EOF".
func TestInterruptWhilePlanning(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	filtered := firstRows(t, createGroup(t, srv, 40), 35)
	srv.SetLatency(20 * time.Millisecond)
	w, reads := writes(srv), srv.Stats().Commands
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), append(host, "-apply", "-prune", "-yes", "-csv", filtered, "-concurrency", "2")...)
	cmd.Env = append(cleanEnv(), goodPassword...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for srv.Stats().Commands < reads+10 {
		if ctx.Err() != nil {
			t.Fatal("no reads within a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted || writes(srv) != w || strings.Contains(stderr.String(), "EOF") ||
		!strings.Contains(stderr.String(), "interrupted while reading the server: nothing was written") {
		t.Fatalf("%v, %d writes\n%s", err, writes(srv)-w, stderr.String())
	}
}
