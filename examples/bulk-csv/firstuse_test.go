package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/fault"
)

// The problems a new administrator met on a first use of the tool: each
// test runs the built binary against a fake, as the administrator did.

// TestTableNamesSheetLines: the table of a plan, an apply and an
// -apply-plan names each row by its line in the sheet (line 2 is the
// first data row), a deletion (no sheet row) by "-", never by a 0-based
// index; a warning shared by many rows is printed once.
func TestTableNamesSheetLines(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	export := createGroup(t, srv, 6)
	two := firstRows(t, export, 2)
	in := withPasswords(t, two)

	plan := writeFile(t, "x", "")
	plan = strings.TrimSuffix(plan, "x") + "plan.json"
	o := tool(t, goodPassword, append(host, "-plan", "-prune", "-csv", in, "-plan-out", plan)...)
	if o.code != exitOK {
		t.Fatalf("plan: exit %d\n%s", o.code, o.stderr)
	}
	checkLines(t, "plan", o.stdout, "delete")

	o = tool(t, goodPassword, append(host, "-apply-plan", plan, "-yes")...)
	if o.code != exitOK {
		t.Fatalf("apply-plan: exit %d\n%s", o.code, o.stderr)
	}
	checkLines(t, "apply-plan", o.stdout, "deleted")
	if n := strings.Count(o.stdout, "backed up without its password"); n != 1 {
		t.Errorf("the deletes' password warning printed %d times, want once:\n%s", n, o.stdout)
	}
	// The summary names the rows of the plan by their lines too.
	if strings.Contains(o.stderr, "row 0") || !strings.Contains(o.stderr, "(lines 2, 3)") {
		t.Errorf("summary of -apply-plan:\n%s", o.stderr)
	}
}

// checkLines checks a table: the sheet's rows at lines 2 and 3, the four
// deletions with "-", and no other row label.
func checkLines(t *testing.T, what, table, del string) {
	t.Helper()
	if !strings.Contains(table, "LINE ") {
		t.Errorf("%s: no LINE column:\n%s", what, table)
	}
	rows := regexp.MustCompile(`(?m)^(\S+)\s+(unchanged|`+del+`)\s`).FindAllStringSubmatch(table, -1)
	var labels []string
	for _, r := range rows {
		labels = append(labels, r[1]+" "+r[2])
	}
	want := "2 unchanged,3 unchanged,- " + del + ",- " + del + ",- " + del + ",- " + del
	if strings.Join(labels, ",") != want {
		t.Errorf("%s: rows %q, want %s\n%s", what, labels, want, table)
	}
}

// withPasswords adds a password column to an exported sheet (an export
// has none), so that its rows are complete.
func withPasswords(t *testing.T, path string) string {
	t.Helper()
	recs := readCSV(t, path)
	var b strings.Builder
	for i, r := range recs {
		cell := "serviceInstanceProfile.password"
		if i > 0 {
			cell = "pw-x"
		}
		b.WriteString(strings.Join(append(r, cell), ",") + "\n")
	}
	return writeFile(t, "with-passwords.csv", b.String())
}

// TestOutputsKeepWhatTheyReplace: -export over an edited sheet, -failed
// and -results over earlier files keep the file they replace, under a new
// name (mode 0600), and say where it went; a file that holds the same
// bytes is not kept twice.
func TestOutputsKeepWhatTheyReplace(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	dir := t.TempDir()
	edited := filepath.Join(dir, "group.csv")
	const mine = "serviceProviderId,groupId,serviceUserId\nSP,G1,my-edit@example.com\n"
	if err := os.WriteFile(edited, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	tool(t, goodPassword, append(host, "-csv", sheet(t, 2, nil))...)
	for run := 1; run <= 2; run++ {
		o := tool(t, goodPassword, append(host, "-export", edited, "-sp", "SP", "-group", "G1")...)
		if o.code != exitOK || !strings.Contains(readFile(t, edited), "cc1@example.com") {
			t.Fatalf("export %d: exit %d\n%s", run, o.code, o.stderr)
		}
		// The second export writes the same bytes: nothing to keep.
		kept, _ := filepath.Glob(filepath.Join(dir, "group.replaced-*.csv"))
		if len(kept) != 1 {
			t.Fatalf("export %d: kept %q\n%s", run, kept, o.stderr)
		}
		if said := strings.Contains(o.stderr, "note: "+edited+" existed: it is kept as "+kept[0]); said != (run == 1) {
			t.Errorf("export %d: says where the earlier file went: %v\n%s", run, said, o.stderr)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "group.replaced-*.csv"))
	if !slices.ContainsFunc(kept, func(p string) bool { return readFile(t, p) == mine }) {
		t.Errorf("no kept file holds the edited sheet: %q", kept)
	}
	for _, p := range kept {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("kept file %s: %v %v, want mode 0600", p, fi.Mode(), err)
		}
	}

	// -failed and -results over files of an earlier run.
	failed, results := filepath.Join(dir, "failed.csv"), filepath.Join(dir, "results.jsonl")
	os.WriteFile(failed, []byte("fixed by hand\n"), 0o600)
	os.WriteFile(results, []byte("{}\n"), 0o644)
	o := tool(t, goodPassword, append(host, "-csv", sheet(t, 3, map[int]string{2: "3x"}), "-failed", failed, "-results", results)...)
	if o.code != exitRowsFailed {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	for _, pattern := range []string{"failed.replaced-*.csv", "results.replaced-*.jsonl"} {
		if m, _ := filepath.Glob(filepath.Join(dir, pattern)); len(m) != 1 {
			t.Errorf("%s: %q\n%s", pattern, m, o.stderr)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "failed.replaced-*.csv")); len(m) == 1 && readFile(t, m[0]) != "fixed by hand\n" {
		t.Errorf("kept failed sheet: %q", readFile(t, m[0]))
	}
}

// TestEmptyExportWarns: an export that finds no call center says why it
// may have (a -group in another case, a -sp that lists no groups) on
// stderr, and exits 0: the file is a right export of what is there.
func TestEmptyExportWarns(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	createGroup(t, srv, 1)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-sp", "SP", "-group", "g1"}, "warning: SP has no group g1, but has G1: ids are compared exactly, case included (did you mean -group G1?)"},
		{[]string{"-sp", "sp", "-group", "G1"}, "warning: service provider sp lists no groups: it may not exist; check the spelling of -sp"},
		{[]string{"-sp", "Nope"}, "warning: service provider Nope lists no groups"},
	} {
		out := filepath.Join(t.TempDir(), "x.csv")
		o := tool(t, goodPassword, append(append(host, "-export", out), c.args...)...)
		if o.code != exitOK || !strings.Contains(o.stderr, "exported 0 call centers") || !strings.Contains(o.stderr, c.want) {
			t.Errorf("%v: exit %d, want 0 and %q\n%s", c.args, o.code, c.want, o.stderr)
		}
		agentArgs := c.args
		if len(agentArgs) == 2 { // -export-agents needs a -group
			agentArgs = append(agentArgs, "-group", "G1")
		}
		o = tool(t, goodPassword, append(append(host, "-export-agents", out), agentArgs...)...)
		if !strings.Contains(o.stderr, "warning: ") {
			t.Errorf("-export-agents %v: no warning\n%s", c.args, o.stderr)
		}
	}
	// A group's own administrator may not list its provider's groups: the
	// warning says the check could not be made and why, not that the group
	// does not exist.
	srv.Inject(fault.Fault{Path: "GroupGetListInServiceProviderPagedSortedListRequest", Times: fault.Always, Status: 4001, Message: "Access denied"})
	out := filepath.Join(t.TempDir(), "x.csv")
	o := tool(t, goodPassword, append(host, "-export", out, "-sp", "SP", "-group", "Empty")...)
	if o.code != exitOK || !strings.Contains(o.stderr, "the groups of SP could not be listed to tell why (") ||
		!strings.Contains(o.stderr, "Access denied") || !strings.Contains(o.stderr, "the group may be empty, or not exist") {
		t.Errorf("groups not listable: exit %d\n%s", o.code, o.stderr)
	}
}

// TestMissingRequiredColumnOnce: a create sheet without a column every
// create needs is one header error (exit 2, nothing sent), not one error
// per row; -plan and -apply of the same sheet go on, as call centers that
// exist need no password.
func TestMissingRequiredColumnOnce(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	createGroup(t, srv, 3)
	var b strings.Builder
	b.WriteString("operation,serviceProviderId,groupId,serviceUserId,type,policy,wrapUpSeconds\n")
	for i := range 300 {
		fmt.Fprintf(&b, "call.center.create,SP,G1,cc%d@example.com,Standard,Circular,30\n", i)
	}
	in := writeFile(t, "no-password.csv", b.String())
	before := srv.Stats().Documents
	o := tool(t, goodPassword, append(host, "-csv", in)...)
	if o.code != exitUsage || strings.Count(o.stderr, "serviceInstanceProfile.password") != 2 ||
		!strings.Contains(o.stderr, "the header has no column serviceInstanceProfile.password, which every call center created needs: none of the 300 rows could be created") ||
		strings.Contains(o.stderr, "is required") || srv.Stats().Documents != before {
		t.Errorf("create: exit %d, want %d, one header error\n%s", o.code, exitUsage, o.stderr)
	}
	// The three that exist plan as unchanged; the new ones need a
	// password, row by row.
	o = tool(t, goodPassword, append(host, "-plan", "-csv", firstRows(t, in, 3))...)
	if o.code != exitOK || !strings.Contains(o.stdout, "plan: 3 unchanged") {
		t.Errorf("plan: exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
	o = tool(t, goodPassword, append(host, "-apply", "-csv", in)...)
	if o.code != exitRowsFailed || !strings.Contains(o.stderr, "297 invalid") {
		t.Errorf("apply: exit %d\n%s", o.code, o.stderr)
	}
	// Without the column that names the call center, -apply is refused.
	noID := writeFile(t, "no-id.csv", "serviceProviderId,groupId,policy\nSP,G1,Uniform\nSP,G1,Regular\n")
	o = tool(t, goodPassword, append(host, "-apply", "-csv", noID)...)
	if o.code != exitUsage || !strings.Contains(o.stderr, "the header has no column serviceUserId, which every row needs to name its call center") {
		t.Errorf("apply without serviceUserId: exit %d\n%s", o.code, o.stderr)
	}
}

// TestAgentSheetHeaderErrorsInCLIWords: an agent sheet without its
// operation column is named and told what to add, in the tool's words (no
// Go function); an agent sheet's header error prints no "plan: no rows"
// that contradicts its exit 2.
func TestAgentSheetHeaderErrorsInCLIWords(t *testing.T) {
	noOp := writeFile(t, "agents.csv", "serviceUserId,agentUserIdList.userId[0]\nsales@example.com,a@example.com\n")
	for _, mode := range []string{"-plan", "-apply", "-dry-run"} {
		o := tool(t, nil, mode, "-csv", noOp)
		if o.code != exitUsage || !strings.Contains(o.stderr, noOp+" looks like an agent sheet") ||
			!strings.Contains(o.stderr, "Add a column operation holding call.center.update.agent.list on each row") ||
			strings.Contains(o.stderr, "ModifyAgentsFromCSV") || o.stdout != "" {
			t.Errorf("%s: exit %d\nstdout %s\nstderr %s", mode, o.code, o.stdout, o.stderr)
		}
	}
	badLevel := writeFile(t, "levels.csv", "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.skillLevel[1]\n"+
		"call.center.update.agent.list,sales@example.com,a@example.com,3\n")
	for _, mode := range []string{"-plan", "-apply"} {
		o := tool(t, nil, mode, "-csv", badLevel)
		if o.code != exitUsage || o.stdout != "" || !strings.Contains(o.stderr, "bulk-csv: "+badLevel+": CSV header: column agentUserIdList.skillLevel[1] has no column agentUserIdList.userId[1]") {
			t.Errorf("%s: exit %d\nstdout %s\nstderr %s", mode, o.code, o.stdout, o.stderr)
		}
	}
}

// TestFirstUseWording: the messages a new administrator met say the
// thing once, in the right number, and only what is true.
func TestFirstUseWording(t *testing.T) {
	in := sheet(t, 2, nil)
	// Only the password missing: only it is named.
	o := tool(t, nil, "-csv", in, "-host", "bw.example.com", "-user", "admin")
	if o.code != exitUsage || !strings.Contains(o.stderr, "bulk-csv: $BW_PASSWORD is required with -host") || strings.Contains(o.stderr, "-user and") {
		t.Errorf("no password: exit %d\n%s", o.code, o.stderr)
	}
	o = tool(t, []string{"BW_PASSWORD=x"}, "-csv", in, "-host", "bw.example.com")
	if o.code != exitUsage || !strings.Contains(o.stderr, "bulk-csv: -user is required with -host") {
		t.Errorf("no user: exit %d\n%s", o.code, o.stderr)
	}
	// A dry run does not say it uses a server: it sends nothing.
	o = tool(t, nil, "-dry-run", "-csv", in)
	if o.code != exitOK || strings.Contains(o.stderr, "fake BroadWorks server") {
		t.Errorf("dry run: exit %d\n%s", o.code, o.stderr)
	}
	// UTF-16 without a byte order mark: the flag that reads it.
	u16 := writeFile(t, "u16.csv", string(utf16le(readFile(t, in))))
	o = tool(t, nil, "-dry-run", "-csv", u16)
	if o.code != exitUsage || !strings.Contains(o.stderr, "Read it as it is with -encoding utf-16le") || strings.Contains(o.stderr, "bulk: ") {
		t.Errorf("UTF-16: exit %d\n%s", o.code, o.stderr)
	}
	if o = tool(t, nil, "-dry-run", "-csv", u16, "-encoding", "utf-16le"); o.code != exitOK {
		t.Errorf("UTF-16 with -encoding utf-16le: exit %d\n%s", o.code, o.stderr)
	}

	srv := fakeServer(t)
	host := hostArgs(srv)
	createGroup(t, srv, 2)
	// A plan with nothing to do does not say to run it.
	o = tool(t, goodPassword, append(host, "-plan", "-csv", in)...)
	if o.code != exitOK || !strings.Contains(o.stdout, "plan: 2 unchanged (nothing to do: the server matches the sheet)") || strings.Contains(o.stdout, "-apply") {
		t.Errorf("plan with nothing to do: exit %d\n%s", o.code, o.stdout)
	}
	// One failed row is one row.
	failed := filepath.Join(t.TempDir(), "failed.csv")
	o = tool(t, goodPassword, append(host, "-csv", sheet(t, 3, map[int]string{2: "3x"}), "-failed", failed)...)
	if !strings.Contains(o.stderr, "1 row that did not end well written to") {
		t.Errorf("failed rows: exit %d\n%s", o.code, o.stderr)
	}
	// A limit of one character is one character.
	esc := writeFile(t, "esc.csv", sheetHeader+",escapeDigit\ncall.center.create,SP,G1,e@example.com,pw,Standard,Circular,30,12\n")
	o = tool(t, nil, "-dry-run", "-csv", esc)
	if !strings.Contains(o.stderr, "must be 1 character (has 2)") {
		t.Errorf("escape digit: exit %d\n%s", o.code, o.stderr)
	}
}

// utf16le is s in UTF-16, little endian, without a byte order mark (s is
// ASCII).
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := range len(s) {
		b = append(b, s[i], 0)
	}
	return b
}

// agentColumnTable is the README's table of an agent sheet's columns, as
// TestREADMEAgentColumns expects it.
func agentColumnTable() string {
	var b strings.Builder
	b.WriteString("| column | what it holds | values |\n| --- | --- | --- |\n")
	for _, c := range agentSheetColumns() {
		name := "`" + strings.Replace(c.Field, "%d", "N", 1) + "`"
		if c.Required {
			name += " (required)"
		}
		b.WriteString("| " + name + " | " + c.Description + " | " + strings.ReplaceAll(c.Allowed, "|", `\|`) + " |\n")
	}
	return b.String()
}

// TestREADMEAgentColumns: the README lists the columns of an agent sheet
// as -columns describes them. When it fails, the table it wants is
// printed: paste it between the markers.
func TestREADMEAgentColumns(t *testing.T) {
	readme := readFile(t, "../../README.md")
	const begin, end = "<!-- agent columns: generated from agentSheetColumns(); TestREADMEAgentColumns keeps it so -->\n", "<!-- end of agent columns -->"
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no agent column table between %q and %q; it should read:\n%s", begin, end, agentColumnTable())
	}
	if got, want := readme[i+len(begin):j], agentColumnTable(); got != want {
		t.Errorf("README.md's agent column table differs from agentSheetColumns(); it should read:\n%s", want)
	}
	o := tool(t, nil, "-columns")
	for _, c := range agentSheetColumns() {
		if !strings.Contains(o.stdout, "\n"+strings.Replace(c.Field, "%d", "N", 1)+"\n    "+c.Description+"\n") {
			t.Errorf("-columns lacks the agent sheet's %s", c.Field)
		}
	}
}

// TestOneOfOneReadsRight: the header error of a one-row sheet and the note
// of an export over a service provider with one group speak of that one
// thing, not of "none of the 1 row" or "none of the 1 group ... has".
func TestOneOfOneReadsRight(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	in := writeFile(t, "one.csv", "operation,serviceProviderId,groupId,serviceUserId,type,policy\ncall.center.create,SP,G1,cc0@example.com,Basic,Circular\n")
	o := tool(t, goodPassword, append(host, "-csv", in)...)
	if o.code != exitUsage || !strings.Contains(o.stderr, "which every call center created needs: the 1 row could not be created") {
		t.Errorf("one row without a password column: exit %d\n%s", o.code, o.stderr)
	}
	srv.AddGroup("SP2", "Empty")
	o = tool(t, goodPassword, append(host, "-export", filepath.Join(t.TempDir(), "x.csv"), "-sp", "SP2")...)
	if o.code != exitOK || !strings.Contains(o.stderr, "note: the 1 group of SP2 has no call center") {
		t.Errorf("an export of a service provider with one empty group: exit %d\n%s", o.code, o.stderr)
	}
}

// TestPruneRefusalSummaryHasNoEmptyParens: the summary line of a prune
// cancelled by a row that cannot be read names no call center (there is
// none) and ends with the cause, not with an empty "()".
func TestPruneRefusalSummaryHasNoEmptyParens(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	createGroup(t, srv, 2)
	in := writeFile(t, "broken.csv", "operation,serviceProviderId,groupId,serviceUserId\ncall.center.create,SP,G1,cc0@example.com\ncall.center.create,SP,G1,cc1@example.com,extra\n")
	o := tool(t, goodPassword, append(host, "-plan", "-prune", "-csv", in)...)
	if !strings.Contains(o.stderr, "prune: not done: row 1 (line 3) cannot be read") || strings.Contains(o.stderr, "()") {
		t.Errorf("exit %d: want the prune's cause named by its line, no empty ()\n%s", o.code, o.stderr)
	}
}
