package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// The tests of safe apply (issue 22) and of the files the tool writes
// (issue 23): the built binary in its own process, against a fake the test
// starts on 127.0.0.1.

// createGroup creates n Standard call centers cc<i>@example.com (password
// pw-<i>) on srv with the tool and exports the group as a sheet.
func createGroup(t *testing.T, srv *broadworkstest.Server, n int) (export string) {
	t.Helper()
	host := hostArgs(srv)
	if o := tool(t, goodPassword, append(host, "-csv", sheet(t, n, nil))...); o.code != exitOK {
		t.Fatalf("create: exit %d\n%s", o.code, o.stderr)
	}
	export = filepath.Join(t.TempDir(), "group.csv")
	if o := tool(t, goodPassword, append(host, "-export", export, "-sp", "SP", "-group", "G1")...); o.code != exitOK {
		t.Fatalf("export: exit %d\n%s", o.code, o.stderr)
	}
	return export
}

// firstRows writes the header and the first n rows of a sheet to a file
// of its own: a sheet filtered in a spreadsheet.
func firstRows(t *testing.T, path string, n int) string {
	t.Helper()
	recs := readCSV(t, path)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(recs[:n+1])
	return writeFile(t, "filtered.csv", b.String())
}

func writes(srv *broadworkstest.Server) int {
	st := srv.Stats()
	return st.Adds + st.Modifies + st.Deletes
}

var backupLine = regexp.MustCompile(`backup: the (\d+) call centers? modified or deleted, as they were, in (\S+) \(apply it`)

// TestFilteredSheetPrune is the scenario of issue 22: an export of 100 call
// centers filtered to 1 row, applied with -prune. Without -yes nothing is
// written (exit 2) and the way on is given; with -yes the default
// -max-deletes 10 still writes nothing; allowed, the 99 are deleted and
// kept in a backup, which restores them once their passwords are filled in.
func TestFilteredSheetPrune(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	export := createGroup(t, srv, 100)
	before := srv.CallCenters()
	filtered := firstRows(t, export, 1)
	w := writes(srv)

	o := tool(t, goodPassword, append(host, "-apply", "-prune", "-csv", filtered)...)
	if o.code != exitUsage || writes(srv) != w || !strings.Contains(o.stderr, "would delete 99 call centers, more than -max-deletes 10 allows: nothing was written") ||
		!strings.Contains(o.stderr, "run again with -max-deletes 99 -yes") {
		t.Fatalf("without -yes: exit %d, %d writes\n%s", o.code, writes(srv)-w, o.stderr)
	}
	t.Logf("-apply -prune of a 1-row sheet of a 100-call-center group, without -yes:\n%s", o.stderr)
	o = tool(t, goodPassword, append(host, "-apply", "-prune", "-yes", "-csv", filtered)...)
	if o.code != exitUsage || writes(srv) != w || !strings.Contains(o.stderr, "more than -max-deletes 10 allows: nothing was written") {
		t.Fatalf("-yes, default -max-deletes: exit %d, %d writes\n%s", o.code, writes(srv)-w, o.stderr)
	}
	o = tool(t, goodPassword, append(host, "-apply", "-prune", "-yes", "-max-deletes", "99", "-csv", filtered)...)
	if o.code != exitOK || srv.Stats().Deletes != 99 || len(srv.CallCenters()) != 1 {
		t.Fatalf("allowed: exit %d, %+v\n%s", o.code, srv.Stats(), o.stderr)
	}
	m := backupLine.FindStringSubmatch(o.stderr)
	if m == nil || m[1] != "99" {
		t.Fatalf("the summary does not name the backup of 99:\n%s", o.stderr)
	}
	// The backup has no password column (a password cannot be read back):
	// the summary says to add one, as the restore below does.
	if !strings.Contains(o.stderr, "add a serviceInstanceProfile.password column and fill it in") {
		t.Errorf("the summary does not say how to give the deleted call centers their passwords:\n%s", o.stderr)
	}
	if !strings.Contains(o.stdout, "deleted") || strings.Count(o.stdout, "\n") < 99 {
		t.Errorf("-apply does not list what it deleted:\n%s", o.stdout)
	}
	if fi, err := os.Stat(m[2]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup %s: %v %v", m[2], fi, err)
	}
	t.Logf("allowed:\n%s", o.stderr)

	// Restore: the backup with the passwords filled in.
	recs := readCSV(t, m[2])
	recs[0] = append(recs[0], "serviceInstanceProfile.password")
	id := slices.Index(recs[0], "serviceUserId")
	for i := 1; i < len(recs); i++ {
		recs[i] = append(recs[i], "pw-"+strings.TrimSuffix(strings.TrimPrefix(recs[i][id], "cc"), "@example.com"))
	}
	var b bytes.Buffer
	csv.NewWriter(&b).WriteAll(recs)
	o = tool(t, goodPassword, append(host, "-apply", "-csv", writeFile(t, "restore.csv", b.String()))...)
	if o.code != exitOK || !strings.Contains(o.stderr, "99 created") {
		t.Fatalf("restore: exit %d\n%s", o.code, o.stderr)
	}
	after := srv.CallCenters()
	if len(after) != len(before) {
		t.Fatalf("restored %d of %d", len(after), len(before))
	}
	for i := range before {
		if !reflect.DeepEqual(before[i], after[i]) {
			t.Errorf("%s restored as\n%+v\nwas\n%+v", before[i].ServiceUserID, after[i], before[i])
		}
	}
}

// TestDeletesNeedYesWithoutTerminal: under the limit, a prune still needs
// -yes when stdin is not a terminal; refused, it writes nothing and says how
// to go on: review a plan first, or run again with -yes, two ways (the
// message once read "review: plan, then apply-plan" and "then: run the same
// command with -yes", as if both were steps of one).
func TestDeletesNeedYesWithoutTerminal(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	export := createGroup(t, srv, 6)
	filtered := firstRows(t, export, 3)
	w := writes(srv)
	o := tool(t, goodPassword, append(host, "-apply", "-prune", "-csv", filtered)...)
	if o.code != exitUsage || writes(srv) != w || !strings.Contains(o.stderr, "would delete 3 call centers: nothing was written") ||
		!strings.Contains(o.stderr, "-yes") || !strings.Contains(o.stderr, "cc5@example.com") ||
		!strings.Contains(o.stderr, "review first: bulk-csv -plan -prune -csv "+filtered+" -plan-out PLAN, then bulk-csv -apply-plan PLAN -yes\n") ||
		!strings.Contains(o.stderr, "or at once:   run the same command with -yes\n") {
		t.Fatalf("exit %d, %d writes\n%s", o.code, writes(srv)-w, o.stderr)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(filtered), "filtered.backup")); err == nil {
		t.Error("a refused run left a backup")
	}
	o = tool(t, goodPassword, append(host, "-apply", "-prune", "-yes", "-csv", filtered)...)
	if o.code != exitOK || srv.Stats().Deletes != 3 {
		t.Fatalf("-yes: exit %d %+v\n%s", o.code, srv.Stats(), o.stderr)
	}
}

// TestTerminalConfirm: on a terminal the deletes are listed and asked for;
// "yes" goes on, anything else writes nothing.
func TestTerminalConfirm(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	export := createGroup(t, srv, 4)
	filtered := firstRows(t, export, 2)
	for _, answer := range []string{"no", "yes"} {
		w := writes(srv)
		o := ttyTool(t, answer+"\n", append(host, "-apply", "-prune", "-csv", filtered)...)
		if !strings.Contains(o.stderr, "Delete these 2 call centers?") || !strings.Contains(o.stderr, "cc3@example.com") {
			t.Fatalf("%s: no question:\n%s", answer, o.stderr)
		}
		switch answer {
		case "no":
			if o.code != exitUsage || writes(srv) != w || !strings.Contains(o.stderr, "not confirmed: nothing was written") {
				t.Fatalf("no: exit %d, %d writes\n%s", o.code, writes(srv)-w, o.stderr)
			}
		case "yes":
			if o.code != exitOK || srv.Stats().Deletes != 2 {
				t.Fatalf("yes: exit %d %+v\n%s", o.code, srv.Stats(), o.stderr)
			}
		}
	}
}

// ttyTool runs the tool with its stdin on a terminal (a pseudo-terminal)
// to which input is typed.
func ttyTool(t *testing.T, input string, args ...string) outcome {
	t.Helper()
	master, slave, err := openPTY()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer master.Close()
	defer slave.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Env = append(cleanEnv(), goodPassword...)
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { // drain the echo
		buf := make([]byte, 1024)
		for {
			if _, err := master.Read(buf); err != nil {
				return
			}
		}
	}()
	if _, err := master.Write([]byte(input)); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return outcome{stdout.String(), stderr.String(), code}
}

// TestStalePlan: a plan saved with -plan-out (mode 0600) is applied with
// -apply-plan; a row changed since the plan is stale and not written; the
// others are carried out.
func TestStalePlan(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	export := createGroup(t, srv, 5)
	recs := readCSV(t, export)
	col := slices.Index(recs[0], "wrapUpSeconds")
	recs[2][col] = "45" // cc1
	recs[3][col] = "46" // cc2
	var b bytes.Buffer
	csv.NewWriter(&b).WriteAll(recs)
	edited := writeFile(t, "edited.csv", b.String())
	planFile := filepath.Join(filepath.Dir(edited), "plan.json")
	o := tool(t, goodPassword, append(host, "-plan", "-csv", edited, "-plan-out", planFile)...)
	if o.code != exitOK || !strings.Contains(o.stderr, "plan written to "+planFile) {
		t.Fatalf("plan: exit %d\n%s", o.code, o.stderr)
	}
	if fi, err := os.Stat(planFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("plan file: %v %v", fi, err)
	}
	// Someone changes cc2 meanwhile.
	other := writeFile(t, "other.csv", "serviceProviderId,groupId,serviceUserId,wrapUpSeconds\nSP,G1,cc2@example.com,50\n")
	if o := tool(t, goodPassword, append(host, "-apply", "-csv", other)...); o.code != exitOK {
		t.Fatalf("other change: %d\n%s", o.code, o.stderr)
	}
	m := srv.Stats().Modifies
	o = tool(t, goodPassword, append(host, "-apply-plan", planFile)...)
	if o.code != exitRowsFailed || !strings.Contains(o.stderr, "1 modified") || !strings.Contains(o.stderr, "1 stale") || !strings.Contains(o.stderr, "plan again") {
		t.Fatalf("apply-plan: exit %d\n%s", o.code, o.stderr)
	}
	t.Logf("-apply-plan of a plan with one row changed since:\n%s%s", o.stdout, o.stderr)
	if srv.Stats().Modifies != m+1 {
		t.Errorf("-apply-plan sent %d modifies, want 1", srv.Stats().Modifies-m)
	}
	if cc, _ := srv.CallCenter("cc2@example.com"); *cc.WrapUpSeconds != 50 {
		t.Errorf("the stale row was written: %d", *cc.WrapUpSeconds)
	}
	if cc, _ := srv.CallCenter("cc1@example.com"); *cc.WrapUpSeconds != 45 {
		t.Errorf("cc1 not modified: %d", *cc.WrapUpSeconds)
	}
}

// TestDetailedExitcode: -plan -detailed-exitcode exits 0 when the server
// matches the sheet, 4 when changes are pending, 1 when rows cannot be
// applied.
func TestDetailedExitcode(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	export := createGroup(t, srv, 3)
	if o := tool(t, goodPassword, append(host, "-plan", "-detailed-exitcode", "-csv", export)...); o.code != exitOK {
		t.Errorf("matching: exit %d\n%s", o.code, o.stderr)
	}
	in := sheet(t, 4, nil) // one more row: a create
	if o := tool(t, goodPassword, append(host, "-plan", "-detailed-exitcode", "-csv", in)...); o.code != exitChanges {
		t.Errorf("pending: exit %d\n%s", o.code, o.stderr)
	}
	if o := tool(t, goodPassword, append(host, "-plan", "-detailed-exitcode", "-prune", "-csv", firstRows(t, export, 2))...); o.code != exitChanges {
		t.Errorf("a delete pending: exit %d\n%s", o.code, o.stderr)
	}
	bad := sheet(t, 4, map[int]string{3: "x"})
	if o := tool(t, goodPassword, append(host, "-plan", "-detailed-exitcode", "-csv", bad)...); o.code != exitRowsFailed {
		t.Errorf("invalid row: exit %d\n%s", o.code, o.stderr)
	}
	if st := srv.Stats(); st.Adds != 3 || st.Modifies != 0 || st.Deletes != 0 {
		t.Errorf("plans wrote: %+v", st)
	}
}

// TestFailedSheetAndPrune: a -failed sheet is recognisable and -prune
// refuses it; the advice printed under -prune never suggests pruning with
// it.
func TestFailedSheetAndPrune(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	createGroup(t, srv, 4)
	in := sheet(t, 4, map[int]string{1: "3x"})
	failed := filepath.Join(t.TempDir(), "failed.csv")
	o := tool(t, goodPassword, append(host, "-apply", "-prune", "-yes", "-csv", in, "-failed", failed)...)
	if o.code != exitRowsFailed {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	if strings.Contains(o.stderr, "run again with -csv "+failed) || !strings.Contains(o.stderr, "without -prune") {
		t.Errorf("advice under -prune:\n%s", o.stderr)
	}
	w := writes(srv)
	o = tool(t, goodPassword, append(host, "-apply", "-prune", "-yes", "-csv", failed)...)
	if o.code != exitUsage || !strings.Contains(o.stderr, "is a sheet of failed rows") || writes(srv) != w {
		t.Fatalf("-prune of a failed sheet: exit %d, %d writes\n%s", o.code, writes(srv)-w, o.stderr)
	}
	if len(srv.CallCenters()) != 4 {
		t.Errorf("%d call centers left", len(srv.CallCenters()))
	}
}

// TestPasswordCellsCLI: -apply warns that the password cells of existing
// call centers were not sent; -set-passwords sends them.
func TestPasswordCellsCLI(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	createGroup(t, srv, 2)
	in := writeFile(t, "pw.csv", sheetHeader+"\ncall.center.create,SP,G1,cc0@example.com,changed,Standard,Circular,30\n")
	o := tool(t, goodPassword, append(host, "-apply", "-csv", in)...)
	if o.code != exitOK || !strings.Contains(o.stderr, "warning: the password cell was not sent") || !strings.Contains(o.stderr, "-set-passwords") || srv.Stats().Modifies != 0 {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	// -apply -prune plans first and carries out the plan: the warning too.
	pruneIn := writeFile(t, "pw-prune.csv", sheetHeader+"\ncall.center.create,SP,G1,cc0@example.com,changed,Standard,Circular,30\n"+
		"call.center.create,SP,G1,cc1@example.com,,Standard,Circular,30\n")
	o = tool(t, goodPassword, append(host, "-apply", "-prune", "-csv", pruneIn)...)
	if o.code != exitOK || !strings.Contains(o.stderr, "warning: the password cell was not sent") || !regexp.MustCompile(`cc0@example.com .*warning: the password cell was not sent`).MatchString(o.stdout) || srv.Stats().Modifies != 0 {
		t.Fatalf("-apply -prune: exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
	o = tool(t, goodPassword, append(host, "-apply", "-set-passwords", "-csv", in)...)
	if cc, _ := srv.CallCenter("cc0@example.com"); o.code != exitOK || cc.Profile.Password != "changed" || !strings.Contains(o.stdout, "password") {
		t.Fatalf("-set-passwords: exit %d, password %q\n%s%s", o.code, string(cc.Profile.Password), o.stdout, o.stderr)
	}
}

// TestApplyListsChanges: -apply prints what it changed, as -plan does.
func TestApplyListsChanges(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	createGroup(t, srv, 2)
	in := sheet(t, 3, map[int]string{1: "99"}) // cc1 modified, cc2 created
	o := tool(t, goodPassword, append(host, "-apply", "-csv", in)...)
	if o.code != exitOK || !strings.Contains(o.stdout, "modified") || !strings.Contains(o.stdout, "cc1@example.com") ||
		!strings.Contains(o.stdout, "created") || !strings.Contains(o.stdout, "applied: 1 unchanged, 1 modified, 1 created") ||
		!regexp.MustCompile(`cc0@example.com .*warning: the password cell was not sent`).MatchString(o.stdout) {
		t.Errorf("exit %d\nstdout %s\nstderr %s", o.code, o.stdout, o.stderr)
	}
}

// TestOutputsNeverClobberInputs (issue 23): outputs are compared with the
// inputs by identity (./ paths, symlinks), never overwrite the sheet or
// the results being resumed from, replace a file only when written whole,
// and a file that may hold passwords is 0600 even when it existed.
func TestOutputsNeverClobberInputs(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	in := sheet(t, 3, nil)
	content, _ := os.ReadFile(in)
	dir, base := filepath.Split(in)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	results := filepath.Join(dir, "r.jsonl")
	if err := os.WriteFile(results, []byte(`{"index":0,"success":false,"status":"unknown","data":{"service_user_id":"cc0@example.com"}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rcontent, _ := os.ReadFile(results)
	for name, args := range map[string][]string{
		"-results ./sheet":  {"-csv", in, "-results", dir + "./" + base},
		"-failed ./sheet":   {"-csv", in, "-failed", dir + "./" + base},
		"-failed symlink":   {"-csv", in, "-failed", link},
		"-results symlink":  {"-csv", link, "-results", in},
		"-resume = results": {"-csv", in, "-resume", results, "-results", dir + "./r.jsonl"},
		"-backup = sheet":   {"-apply", "-csv", in, "-backup", link},
	} {
		o := tool(t, goodPassword, append(slices.Clone(host), args...)...)
		if o.code != exitUsage {
			t.Errorf("%s: exit %d\n%s", name, o.code, o.stderr)
		}
		if now, _ := os.ReadFile(in); !bytes.Equal(now, content) {
			t.Fatalf("%s: the sheet was written", name)
		}
		if now, _ := os.ReadFile(results); !bytes.Equal(now, rcontent) {
			t.Fatalf("%s: the results resumed from were written", name)
		}
	}
	if st := srv.Stats(); st.Commands != 0 {
		t.Errorf("refused runs reached the server: %+v", st)
	}

	// A failed export leaves the old file whole.
	old := writeFile(t, "old-export.csv", "old content\n")
	bad := fakeServer(t, broadworkstest.WithGroup("SP", "OTHER")) // G1 does not exist there
	o := tool(t, goodPassword, append(hostArgs(bad), "-export", old, "-sp", "SP", "-group", "G1")...)
	if now, _ := os.ReadFile(old); o.code == exitOK || string(now) != "old content\n" {
		t.Errorf("failed export: exit %d, file now %q", o.code, now)
	}

	// Files that may hold passwords are 0600, even when they were 0644.
	failed := writeFile(t, "failed.csv", "old\n")
	planOut := writeFile(t, "plan.json", "old\n")
	os.Chmod(failed, 0o644)
	os.Chmod(planOut, 0o644)
	tool(t, goodPassword, append(slices.Clone(host), "-csv", sheet(t, 2, map[int]string{0: "x"}), "-failed", failed)...)
	tool(t, goodPassword, append(slices.Clone(host), "-plan", "-csv", in, "-plan-out", planOut)...)
	for _, f := range []string{failed, planOut} {
		fi, err := os.Stat(f)
		if b, _ := os.ReadFile(f); err != nil || fi.Mode().Perm() != 0o600 || string(b) == "old\n" {
			t.Errorf("%s: mode %v, %v, content %.40q", f, fi.Mode().Perm(), err, b)
		}
	}
	// A plan holds the passwords of what it creates: that is why.
	if b, _ := os.ReadFile(planOut); !strings.Contains(string(b), `"password": "pw-0"`) {
		t.Errorf("the plan lacks the password of a create: %.300s", b)
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(filepath.Dir(failed))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestIdentityCLI: a sheet naming call centers in another case applies to
// them (unchanged), and its prune deletes nothing.
func TestIdentityCLI(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	export := createGroup(t, srv, 3)
	b, _ := os.ReadFile(export)
	upper := writeFile(t, "upper.csv", strings.ReplaceAll(string(b), "@example.com", "@EXAMPLE.COM"))
	w := writes(srv)
	o := tool(t, goodPassword, append(host, "-apply", "-prune", "-csv", upper)...)
	if o.code != exitOK || writes(srv) != w || !strings.Contains(o.stderr, "3 unchanged") {
		t.Errorf("exit %d, %d writes\n%s", o.code, writes(srv)-w, o.stderr)
	}
	var ids []string
	for _, cc := range srv.CallCenters() {
		ids = append(ids, cc.ServiceUserID)
	}
	if !slices.Equal(ids, []string{"cc0@example.com", "cc1@example.com", "cc2@example.com"}) || !callcenter.SameUserID(ids[0], "CC0@EXAMPLE.COM") {
		t.Errorf("stored %q", ids)
	}
}
