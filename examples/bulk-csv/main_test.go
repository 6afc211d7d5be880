package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/csv"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/platform"
)

// The tests build the command and run it as a separate process, against
// its in-process fake (no -host) or against a fake they start themselves
// on 127.0.0.1, so that they can count what reached the server.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// binary builds bulk-csv once for all the tests.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "bulk-csv-test")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "bulk-csv")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

type outcome struct {
	stdout, stderr string
	code           int
}

// tool runs bulk-csv with args (and env entries such as BW_PASSWORD=x),
// within a minute.
func tool(t *testing.T, env []string, args ...string) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Env = append(cleanEnv(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running bulk-csv: %v", err)
	}
	return outcome{stdout.String(), stderr.String(), code}
}

// cleanEnv is the test's environment without the variables the tool reads.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "BW_PASSWORD=") && !strings.HasPrefix(kv, "CALLCENTER_DEBUG=") {
			env = append(env, kv)
		}
	}
	return env
}

const sheetHeader = "operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,type,policy,wrapUpSeconds"

// sheet writes a sheet of n Standard call centers cc<i>@example.com; bad
// maps a row to its wrapUpSeconds cell (e.g. "3x" to make it invalid).
func sheet(t *testing.T, n int, bad map[int]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(sheetHeader + "\n")
	for i := range n {
		w := "30"
		if v, ok := bad[i]; ok {
			w = v
		}
		fmt.Fprintf(&b, "call.center.create,SP,G1,cc%d@example.com,pw-%d,Standard,Circular,%s\n", i, i, w)
	}
	return writeFile(t, "sheet.csv", b.String())
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

type jsonResult struct {
	Index   int     `json:"index"`
	Success bool    `json:"success"`
	Status  string  `json:"status"`
	Detail  *string `json:"detail"`
}

func readJSONL(t *testing.T, path string) []jsonResult {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []jsonResult
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r jsonResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, r)
	}
	return out
}

// fakeServer starts a fake on 127.0.0.1 for the tool to reach with -host.
func fakeServer(t *testing.T, opts ...broadworkstest.Option) *broadworkstest.Server {
	t.Helper()
	srv := broadworkstest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// hostArgs are the flags that point the tool at srv over plain OCI-P.
func hostArgs(srv *broadworkstest.Server) []string {
	return []string{"-host", srv.TCPAddr(), "-transport", "tcp", "-user", broadworkstest.DefaultUser}
}

var goodPassword = []string{"BW_PASSWORD=" + broadworkstest.DefaultPassword}

// TestHelp: -h prints the usage with the exit codes and exits 0, without
// "flag: help requested".
func TestHelp(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		o := tool(t, nil, arg)
		if o.code != exitOK || !strings.Contains(o.stdout, "Exit codes:") || !strings.Contains(o.stdout, "130  interrupted") ||
			!strings.Contains(o.stdout, "-ignore-columns") || strings.Contains(o.stdout+o.stderr, "help requested") {
			t.Errorf("%s: exit %d\nstdout %q\nstderr %q", arg, o.code, o.stdout, o.stderr)
		}
	}
}

// TestUsageErrors: every kind of unusable command line or input exits 2
// with a line saying what is wrong, before anything is sent.
func TestUsageErrors(t *testing.T) {
	good := sheet(t, 2, nil)
	xlsx := writeFile(t, "book.xlsx", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00\x00[Content_Types].xml")
	typo := writeFile(t, "typo.csv", "serviceUserId,wrapupSecs,colour\na@x,30,red\n")
	for name, tc := range map[string]struct {
		args []string
		env  []string
		want string
	}{
		"unknown flag":       {[]string{"-nope"}, nil, "flag provided but not defined: -nope"},
		"no -csv":            {nil, nil, "-csv FILE is required"},
		"missing file":       {[]string{"-csv", filepath.Join(t.TempDir(), "absent.csv")}, nil, "no such file"},
		"concurrency 0":      {[]string{"-csv", good, "-concurrency", "0"}, nil, "-concurrency 0: want 1 or more"},
		"concurrency -3":     {[]string{"-csv", good, "-concurrency", "-3"}, nil, "-concurrency -3: want 1 or more"},
		"batch 0":            {[]string{"-csv", good, "-batch", "0"}, nil, "-batch 0: want 1 or more"},
		"sessions 0":         {[]string{"-csv", good, "-sessions", "0"}, nil, "-sessions 0: want 1 or more"},
		"timeout 0":          {[]string{"-csv", good, "-timeout", "0s"}, nil, "-timeout 0s"},
		"bad transport":      {[]string{"-csv", good, "-transport", "udp"}, nil, `-transport "udp"`},
		"prune alone":        {[]string{"-csv", good, "-prune"}, nil, "-prune goes with -apply or -plan"},
		"show-wire alone":    {[]string{"-csv", good, "-show-wire"}, nil, "-show-wire goes with -dry-run"},
		"export without sp":  {[]string{"-export", "x.csv"}, nil, "-export needs -sp"},
		"host without creds": {[]string{"-csv", good, "-host", "127.0.0.1:1"}, nil, "-user and $BW_PASSWORD are required with -host"},
		"bad ca":             {[]string{"-csv", good, "-host", "127.0.0.1:1", "-user", "u", "-ca", good}, goodPassword, "no PEM certificate"},
		"xlsx":               {[]string{"-csv", xlsx}, nil, "this looks like an Excel .xlsx file (a zip archive), not CSV: save it as CSV (UTF-8)"},
		"header typo":        {[]string{"-csv", typo}, nil, `unknown columns "wrapupSecs" (did you mean "wrapUpSeconds"?), "colour" (to skip a column, name it in -ignore-columns)`},
		"argument":           {[]string{"-csv", good, "extra"}, nil, `unexpected argument "extra"`},
		// -yes confirms deletes: where nothing is deleted it is a slip
		// (the user meant -prune), not a confirmation.
		"-yes without -prune": {[]string{"-apply", "-yes", "-csv", good}, nil, "-yes confirms deletes: it goes with -apply -prune or -apply-plan"},
		"-plan -prune -yes":   {[]string{"-plan", "-prune", "-yes", "-csv", good}, nil, "-yes confirms deletes"},
	} {
		o := tool(t, tc.env, tc.args...)
		if o.code != exitUsage || !strings.Contains(o.stderr, tc.want) || o.stdout != "" {
			t.Errorf("%s: exit %d, stdout %q\nstderr %q\nwant %q", name, o.code, o.stdout, o.stderr, tc.want)
		}
		if strings.Count(o.stderr, "\n") > 3 {
			t.Errorf("%s: more than three lines: %q", name, o.stderr)
		}
	}
}

// TestAllRowsEndWell: exit 0, nothing on stdout without -results, a
// summary on stderr, no carriage returns when stderr is not a terminal.
func TestAllRowsEndWell(t *testing.T) {
	o := tool(t, nil, "-csv", sheet(t, 30, nil))
	if o.code != exitOK || o.stdout != "" || !strings.Contains(o.stderr, "30 rows in ") || !strings.Contains(o.stderr, "30 created") ||
		strings.Contains(o.stderr, "did not end well") || strings.Contains(o.stderr, "\r") {
		t.Errorf("exit %d\nstdout %q\nstderr %q", o.code, o.stdout, o.stderr)
	}
	// -results - writes JSON Lines to stdout.
	o = tool(t, nil, "-csv", sheet(t, 3, nil), "-results", "-")
	lines := strings.Split(strings.TrimSpace(o.stdout), "\n")
	if o.code != exitOK || len(lines) != 3 || !strings.Contains(lines[2], `"index":2`) {
		t.Errorf("-results -: exit %d, %d lines: %q", o.code, len(lines), o.stdout)
	}
}

// TestRowsFailSummaryResultsAndFailedSheet: some rows invalid -> exit 1; the
// summary groups the causes; CSV results have a row per input row; the
// failed sheet holds exactly the failed rows in the input's columns plus a
// reason, and once fixed it goes straight back in as -csv.
func TestRowsFailSummaryResultsAndFailedSheet(t *testing.T) {
	in := sheet(t, 40, map[int]string{3: "3x", 17: "3x", 25: "x9", 31: "4000"})
	dir := t.TempDir()
	results, failed := filepath.Join(dir, "results.csv"), filepath.Join(dir, "failed.csv")
	o := tool(t, nil, "-csv", in, "-results", results, "-failed", failed)
	if o.code != exitRowsFailed {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	for _, want := range []string{
		"40 rows in ", "36 created, 4 invalid",
		"4 rows did not end well:",
		// Spreadsheet lines (the header is line 1) with the values at fault.
		`     3 invalid: column wrapUpSeconds: invalid integer "…" (line 5: "3x"; line 19: "3x"; line 27: "x9")`,
		"     1 invalid: callcenter: invalid call center: wrapUpSeconds: 4000 is out of range 1 to 3600 (line 33)",
		"     1 invalid: ",
		"4 rows that did not end well written to " + failed,
	} {
		if !strings.Contains(o.stderr, want) {
			t.Errorf("summary lacks %q:\n%s", want, o.stderr)
		}
	}
	t.Logf("stderr of a run with failures:\n%s", o.stderr)

	recs := readCSV(t, results)
	if len(recs) != 41 || strings.Join(recs[0], ",") != "index,serviceUserId,status,success,detail,differences" {
		t.Fatalf("results: %d records, header %q", len(recs), recs[0])
	}
	if r := recs[4]; r[0] != "3" || r[1] != "cc3@example.com" || r[2] != "invalid" || r[3] != "false" || !strings.Contains(r[4], "wrapUpSeconds") {
		t.Errorf("results row 3: %q", r)
	}
	if r := recs[1]; r[2] != "created" || r[3] != "true" || r[4] != "" {
		t.Errorf("results row 0: %q", r)
	}

	if fi, err := os.Stat(failed); err != nil {
		t.Error(err)
	} else if fi.Mode().Perm() != 0o600 {
		t.Errorf("failed sheet (it holds passwords): mode %v, want 0600", fi.Mode().Perm())
	}
	sheetRecs := readCSV(t, failed)
	if len(sheetRecs) != 5 || strings.Join(sheetRecs[0], ",") != sheetHeader+",reason,failedRowsOf" {
		t.Fatalf("failed sheet: %q", sheetRecs)
	}
	for i, id := range []string{"cc3@example.com", "cc17@example.com", "cc25@example.com", "cc31@example.com"} {
		r := sheetRecs[i+1]
		if r[3] != id || !strings.HasPrefix(r[8], "invalid: ") || r[4] != "pw-"+strings.TrimSuffix(strings.TrimPrefix(id, "cc"), "@example.com") {
			t.Errorf("failed sheet row %d: %q", i, r)
		}
	}

	// Fed back unchanged: the same rows fail again, and the reason column
	// is no unknown column.
	o = tool(t, nil, "-csv", failed)
	if o.code != exitRowsFailed || !strings.Contains(o.stderr, "4 rows in ") || !strings.Contains(o.stderr, "4 invalid") {
		t.Errorf("failed sheet fed back: exit %d\n%s", o.code, o.stderr)
	}
	// Fixed in a "spreadsheet": every row ends well.
	b, _ := os.ReadFile(failed)
	fixed := strings.NewReplacer(",3x,", ",30,", ",x9,", ",30,", ",4000,", ",30,").Replace(string(b))
	o = tool(t, nil, "-csv", writeFile(t, "fixed.csv", fixed), "-v")
	if o.code != exitOK || !strings.Contains(o.stderr, "4 created") || !strings.Contains(o.stderr, "4 adds") {
		t.Errorf("fixed sheet: exit %d\n%s", o.code, o.stderr)
	}
}

// TestSystemicFailure: a refused login stops the run (exit 3): one row
// fails, the rest are skipped, the summary names the cause once with the
// flags to check, and the server saw one login attempt per session, not
// one per row. A port with nothing listening is exit 3 too.
func TestSystemicFailure(t *testing.T) {
	srv := fakeServer(t)
	in := sheet(t, 300, nil)
	failed := filepath.Join(t.TempDir(), "failed.csv")
	o := tool(t, []string{"BW_PASSWORD=wrong-password"}, append(hostArgs(srv), "-csv", in, "-concurrency", "2", "-failed", failed)...)
	if o.code != exitSystemic {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	for _, want := range []string{"300 rows in ", "skipped", "login refused", "check -user and $BW_PASSWORD", "to finish the 300 rows left: fix them and run again with -csv " + failed} {
		if !strings.Contains(o.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, o.stderr)
		}
	}
	if strings.Contains(o.stderr, "wrong-password") {
		t.Errorf("the password is in the output:\n%s", o.stderr)
	}
	if n := srv.CommandCount("LoginRequest22V5") + srv.CommandCount("LoginRequest14sp4"); n < 1 || n > 2 {
		t.Errorf("%d login attempts for 300 rows and 2 sessions", n)
	}
	if recs := readCSV(t, failed); len(recs) != 301 {
		t.Errorf("failed sheet: %d records, want 301", len(recs))
	}
	t.Logf("stderr of a refused login:\n%s", o.stderr)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	o = tool(t, goodPassword, "-host", addr, "-transport", "tcp", "-user", "u", "-csv", in)
	if o.code != exitSystemic || !strings.Contains(o.stderr, "check -host, -transport and -ca") || !strings.Contains(o.stderr, "skipped") {
		t.Errorf("nothing listening: exit %d\n%s", o.code, o.stderr)
	}
}

// TestInterruptThenResume: Ctrl-C mid-run exits 130 with every row in the
// results (created or skipped, none failed) and a way to resume; the
// resumed run creates the rest, and the server received each row's add
// exactly once.
func TestInterruptThenResume(t *testing.T) {
	const rows = 120
	srv := fakeServer(t)
	srv.SetLatency(20 * time.Millisecond)
	in := sheet(t, rows, nil)
	dir := t.TempDir()
	first, second := filepath.Join(dir, "results.jsonl"), filepath.Join(dir, "results-resumed.jsonl")

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), append(hostArgs(srv), "-csv", in, "-concurrency", "2", "-results", first)...)
	cmd.Env = append(cleanEnv(), goodPassword...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for srv.Stats().Adds < 10 {
		if ctx.Err() != nil {
			t.Fatal("no adds within a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit %v\n%s", err, stderr.String())
	}
	if want := "run the same command with -resume " + first + " -results " + second; !strings.Contains(stderr.String(), want) ||
		!strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
	res := readJSONL(t, first)
	created, skipped := 0, 0
	for i, r := range res {
		switch {
		case r.Index != i:
			t.Fatalf("result %d has index %d", i, r.Index)
		case r.Status == "created":
			created++
		case r.Status == "skipped":
			skipped++
		default:
			t.Errorf("row %d: %s %v", i, r.Status, *r.Detail)
		}
	}
	adds := srv.Stats().Adds
	if len(res) != rows || created != adds || skipped != rows-created || skipped == 0 {
		t.Fatalf("%d results: %d created, %d skipped; the server added %d", len(res), created, skipped, adds)
	}
	t.Logf("interrupted after %d of %d rows:\n%s", created, rows, stderr.String())

	srv.SetLatency(0)
	o := tool(t, goodPassword, append(hostArgs(srv), "-csv", in, "-resume", first, "-results", second)...)
	if o.code != exitOK || !strings.Contains(o.stderr, fmt.Sprintf("%d created, %d done", rows-created, created)) {
		t.Fatalf("resume: exit %d\n%s", o.code, o.stderr)
	}
	if n, st := srv.CommandCount("GroupCallCenterAddInstanceRequest22"), srv.Stats(); n != rows || st.Adds != rows || len(srv.CallCenters()) != rows {
		t.Errorf("the server received %d adds and added %d call centers (holds %d) for %d rows", n, st.Adds, len(srv.CallCenters()), rows)
	}
}

// TestDryRunShowWire: -dry-run -show-wire prints one OCI-P command per row
// and sends nothing.
func TestDryRunShowWire(t *testing.T) {
	srv := fakeServer(t)
	client, err := broadworks.NewClient(srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTransport(broadworks.TCP))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if _, ok := client.BulkOps().(platform.WireEncoder); !ok {
		t.Skip("broadworks' bulk operations do not encode wire bytes yet (platform.WireEncoder)")
	}
	o := tool(t, goodPassword, append(hostArgs(srv), "-csv", sheet(t, 5, nil), "-dry-run", "-show-wire")...)
	if o.code != exitOK || strings.Count(o.stdout, `<command xsi:type="GroupCallCenterAddInstanceRequest22"`) != 5 ||
		!strings.Contains(o.stdout, "<serviceUserId>cc4@example.com</serviceUserId>") || !strings.Contains(o.stderr, "5 validated") {
		t.Errorf("exit %d\nstdout %q\nstderr %q", o.code, o.stdout, o.stderr)
	}
	if st := srv.Stats(); st.Adds != 0 || st.Commands != 0 {
		t.Errorf("a dry run reached the server: %+v", st)
	}
}

// TestExportPlanApplyPrune: the round trip against one server: create,
// export, edit one cell, plan (nothing written), apply (one modify), prune.
func TestExportPlanApplyPrune(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	if o := tool(t, goodPassword, append(host, "-csv", sheet(t, 3, nil))...); o.code != exitOK {
		t.Fatalf("create: exit %d\n%s", o.code, o.stderr)
	}
	export := filepath.Join(t.TempDir(), "group.csv")
	o := tool(t, goodPassword, append(host, "-export", export, "-sp", "SP", "-group", "G1")...)
	if o.code != exitOK || !strings.Contains(o.stderr, "exported 3 call centers") {
		t.Fatalf("export: exit %d\n%s", o.code, o.stderr)
	}
	recs := readCSV(t, export)
	col := -1
	for i, h := range recs[0] {
		if h == "wrapUpSeconds" {
			col = i
		}
	}
	if len(recs) != 4 || col < 0 {
		t.Fatalf("export: %q", recs)
	}
	recs[2][col] = "45"
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(recs[:3]) // leave the third call center out, for -prune
	edited := writeFile(t, "edited.csv", b.String())

	o = tool(t, goodPassword, append(host, "-plan", "-prune", "-csv", edited)...)
	if o.code != exitOK || !strings.Contains(o.stdout, "modify") || !strings.Contains(o.stdout, "delete") ||
		!strings.Contains(o.stdout, "plan: 1 unchanged, 1 modify, 1 delete") || !strings.Contains(o.stderr, "1 to modify, 1 unchanged, 1 to delete") {
		t.Errorf("plan: exit %d\nstdout %s\nstderr %s", o.code, o.stdout, o.stderr)
	}
	if st := srv.Stats(); st.Modifies != 0 || st.Deletes != 0 {
		t.Errorf("a plan wrote: %+v", st)
	}
	o = tool(t, goodPassword, append(host, "-apply", "-csv", edited)...)
	if st := srv.Stats(); o.code != exitOK || st.Modifies != 1 || st.Deletes != 0 || !strings.Contains(o.stderr, "1 modified, 1 unchanged") {
		t.Errorf("apply: exit %d, %+v\n%s", o.code, st, o.stderr)
	}
	o = tool(t, goodPassword, append(host, "-apply", "-prune", "-yes", "-csv", edited)...)
	if st := srv.Stats(); o.code != exitOK || st.Modifies != 1 || st.Deletes != 1 || !strings.Contains(o.stderr, "2 unchanged, 1 deleted") {
		t.Errorf("apply -prune: exit %d, %+v\n%s", o.code, st, o.stderr)
	}
}

// TestPrivateCA: -ca trusts a server certificate that the system does not;
// without it the TLS handshake fails, which stops the run (exit 3).
func TestPrivateCA(t *testing.T) {
	srv := fakeServer(t)
	conn, err := tls.Dial("tcp", srv.TLSAddr(), srv.ClientTLSConfig())
	if err != nil {
		t.Fatal(err)
	}
	cert := conn.ConnectionState().PeerCertificates[0]
	conn.Close()
	ca := writeFile(t, "ca.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})))
	in := sheet(t, 2, nil)
	args := []string{"-host", srv.TLSAddr(), "-transport", "tls", "-user", broadworkstest.DefaultUser, "-csv", in}
	if o := tool(t, goodPassword, append(args, "-ca", ca)...); o.code != exitOK || !strings.Contains(o.stderr, "2 created") {
		t.Errorf("with -ca: exit %d\n%s", o.code, o.stderr)
	}
	if o := tool(t, goodPassword, args...); o.code != exitSystemic {
		t.Errorf("without -ca: exit %d\n%s", o.code, o.stderr)
	}
}

// TestCredentialsWithoutHost: -user and $BW_PASSWORD without -host get a
// note that they are not used.
func TestCredentialsWithoutHost(t *testing.T) {
	o := tool(t, []string{"BW_PASSWORD=secret"}, "-csv", sheet(t, 1, nil), "-user", "admin@example.com")
	if o.code != exitOK || !strings.Contains(o.stderr, "note: -user and $BW_PASSWORD given without -host: not used") {
		t.Errorf("exit %d\n%s", o.code, o.stderr)
	}
}

// TestSemicolonSheetAndIgnoredColumns: a ';' sheet with a notes column
// reads with -ignore-columns, and its failed sheet keeps the ';'.
func TestSemicolonSheetAndIgnoredColumns(t *testing.T) {
	in := writeFile(t, "eu.csv", "serviceProviderId;groupId;serviceUserId;serviceInstanceProfile.password;type;policy;Notes;WRAPUPSECONDS\n"+
		"SP;G1;a@example.com;pw;Standard;Circular;first, with a comma;30\n"+
		"SP;G1;b@example.com;pw;Standard;Circular;;zero\n")
	failed := filepath.Join(t.TempDir(), "failed.csv")
	o := tool(t, nil, "-csv", in, "-ignore-columns", "notes", "-failed", failed)
	if o.code != exitRowsFailed || !strings.Contains(o.stderr, "1 created, 1 invalid") {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	b, _ := os.ReadFile(failed)
	if lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(b), "\uFEFF")), "\n"); len(lines) != 2 ||
		!strings.HasSuffix(lines[0], ";Notes;WRAPUPSECONDS;reason;failedRowsOf") || !strings.HasPrefix(lines[1], "SP;G1;b@example.com;") {
		t.Errorf("failed sheet: %q", b)
	}
}

// TestProgressLines: when stderr is not a terminal, progress comes as
// plain lines (no carriage returns) with the total, the rate and the time
// left.
func TestProgressLines(t *testing.T) {
	srv := fakeServer(t)
	srv.SetLatency(20 * time.Millisecond)
	o := tool(t, goodPassword, append(hostArgs(srv), "-csv", sheet(t, 40, nil), "-concurrency", "1", "-batch", "1", "-progress", "50ms")...)
	if o.code != exitOK || strings.Contains(o.stderr, "\r") {
		t.Fatalf("exit %d\n%q", o.code, o.stderr)
	}
	lines := 0
	for l := range strings.SplitSeq(o.stderr, "\n") {
		if strings.Contains(l, "/40 rows (") {
			lines++
			if !strings.Contains(l, "rows/s") && !strings.Contains(l, "waiting for the first answer") {
				t.Errorf("progress line %q", l)
			}
		}
	}
	if lines == 0 {
		t.Errorf("no progress line in a run of 40 rows at 20 ms each:\n%s", o.stderr)
	}
}

// TestBatchedByDefault: the tool sends 15 commands to a document unless
// told -batch 1, in creates, plans, applies and exports, with the same
// outcomes: the same counts, the same exports, the same stored call
// centers.
func TestBatchedByDefault(t *testing.T) {
	in := sheet(t, 150, map[int]string{7: "x"})
	edited := strings.ReplaceAll(readFile(t, in), ",30\n", ",45\n")
	edited = writeFile(t, "edited.csv", strings.Replace(edited, "cc3@example.com,pw-3,Standard,Circular,45", "cc3@example.com,pw-3,Standard,Circular,30", 1))
	type run struct {
		counts []string
		export string
		docs   int
	}
	do := func(batch []string) (out run) {
		srv := fakeServer(t)
		host := append(hostArgs(srv), batch...)
		summary := regexp.MustCompile(`rows? in [^:]*: (.*)`)
		for _, args := range [][]string{{"-csv", in}, {"-plan", "-csv", edited}, {"-apply", "-csv", edited, "-backup", "none"}} {
			o := tool(t, goodPassword, append(host, args...)...)
			m := summary.FindStringSubmatch(o.stderr)
			if o.code != exitRowsFailed || m == nil {
				t.Fatalf("%v %v: exit %d\n%s", batch, args, o.code, o.stderr)
			}
			out.counts = append(out.counts, m[1])
		}
		export := filepath.Join(t.TempDir(), "export.csv")
		if o := tool(t, goodPassword, append(host, "-export", export, "-sp", "SP", "-group", "G1")...); o.code != exitOK {
			t.Fatalf("export: exit %d\n%s", o.code, o.stderr)
		}
		out.export, out.docs = readFile(t, export), srv.Stats().Documents
		return out
	}
	batched, alone := do(nil), do([]string{"-batch", "1"})
	t.Logf("batched: %q in %d documents; -batch 1: %d documents", batched.counts, batched.docs, alone.docs)
	if !slices.Equal(batched.counts, alone.counts) || batched.export != alone.export {
		t.Errorf("batched %q, -batch 1 %q; exports equal %v", batched.counts, alone.counts, batched.export == alone.export)
	}
	if batched.docs*5 > alone.docs {
		t.Errorf("%d documents batched, %d with -batch 1", batched.docs, alone.docs)
	}
}

// TestBatchAndSessions: -batch sends up to 15 creates per document over
// the -sessions asked for, and every row is created once.
func TestBatchAndSessions(t *testing.T) {
	srv := fakeServer(t)
	o := tool(t, goodPassword, append(hostArgs(srv), "-csv", sheet(t, 60, nil), "-batch", "15", "-concurrency", "2", "-sessions", "2", "-timeout", "10s")...)
	st := srv.Stats()
	if o.code != exitOK || st.Adds != 60 || srv.CommandCount("GroupCallCenterAddInstanceRequest22") != 60 || st.Connections > 2 || st.Documents > 12 {
		t.Errorf("exit %d, %+v\n%s", o.code, st, o.stderr)
	}
}
