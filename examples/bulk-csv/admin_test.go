package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// The tests of issue 26: the tool as a new administrator installs, learns
// and rehearses it. Each runs the built binary in its own process.

// TestVersion: -version prints the module version (a binary built from a
// checkout is "(devel)") and exits 0; it takes no other flag.
func TestVersion(t *testing.T) {
	o := tool(t, nil, "-version")
	if o.code != exitOK || !strings.HasPrefix(o.stdout, "bulk-csv ") || !strings.Contains(o.stdout, "module github.com/ccsdk/callcenter-go") || o.stderr != "" {
		t.Errorf("exit %d\nstdout %q\nstderr %q", o.code, o.stdout, o.stderr)
	}
	if o := tool(t, nil, "-version", "-csv", "x.csv"); o.code != exitUsage || !strings.Contains(o.stderr, "-version and -columns take no other flag") {
		t.Errorf("-version -csv: exit %d\n%s", o.code, o.stderr)
	}
}

// TestVersionString: what -version says for a binary installed at a
// version (go install ...@v1.2.3), and for one built from a checkout
// (the commit, +dirty when it had changes).
func TestVersionString(t *testing.T) {
	main := debug.Module{Path: "github.com/ccsdk/callcenter-go", Version: "v1.2.3"}
	if got := version(&debug.BuildInfo{GoVersion: "go1.26.1", Main: main}, true); got != "bulk-csv v1.2.3 (go1.26.1, module github.com/ccsdk/callcenter-go)" {
		t.Errorf("installed: %q", got)
	}
	main.Version = "(devel)"
	settings := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-07T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}
	if got := version(&debug.BuildInfo{GoVersion: "go1.26.1", Main: main, Settings: settings}, true); got != "bulk-csv (devel) 0123456789ab+dirty 2026-12-07T10:00:00Z (go1.26.1, module github.com/ccsdk/callcenter-go)" {
		t.Errorf("checkout: %q", got)
	}
	if got := version(nil, false); !strings.Contains(got, "unknown version") {
		t.Errorf("no build info: %q", got)
	}
}

// TestGoRunCollapsesExitCodes holds the README to what it says: go run
// prints "exit status 2" and exits 1, so scripts must run the binary that
// go install or go build made.
func TestGoRunCollapsesExitCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program again")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", ".", "-concurrency", "0")
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(string(out), "exit status 2") {
		t.Errorf("go run: %v\n%s", err, out)
	}
}

// TestColumnsListsTheSheet: -columns describes every column of the sheet,
// from callcenter's table: its meaning, the types that accept it, its
// default and its values, and says what reference 000 is.
func TestColumnsListsTheSheet(t *testing.T) {
	o := tool(t, nil, "-columns")
	if o.code != exitOK || o.stderr != "" || !strings.Contains(o.stdout, "mercury-ocip (https://github.com/Fourteen-IP/mercury-ocip)") {
		t.Fatalf("exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
	cols := append(callcenter.Columns(), callcenter.AliasColumns()...)
	if len(cols) != 43 {
		t.Errorf("%d columns, want 40 and 3 aliases", len(cols))
	}
	for _, c := range cols {
		block := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(c.Field) + `\n    (.*)\n    (.*)\n    values: (.*)\n`).FindStringSubmatch(o.stdout)
		if block == nil {
			t.Errorf("%s is not listed:\n%s", c.Field, o.stdout)
			continue
		}
		if block[1] != c.Description || !strings.Contains(block[2], "types: "+c.Types()) || block[3] != c.Allowed ||
			c.Default != "" && !strings.Contains(block[2], "default: "+c.Default) || c.Required != strings.HasPrefix(block[2], "required") {
			t.Errorf("%s: %q", c.Field, block[0])
		}
	}
	for _, want := range []string{
		"wrapUpSeconds\n    the wrap-up time after a call, in seconds\n    types: Standard, Premium\n    values: 1 to 3600\n",
		"serviceInstanceProfile.name\n    the call center's name\n    required; types: all; default: Default Call Center Name\n",
		"routingType\n    how calls are routed: by priority or by skill\n    types: Premium\n    values: Priority Based or Skill Based; any case\n",
	} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("-columns lacks %q", want)
		}
	}
}

// columnTable is the README's table of the sheet's columns, as
// TestREADMEColumns expects it: one row per column of callcenter's table.
func columnTable() string {
	var b strings.Builder
	b.WriteString("| column | what it holds | types | default | values |\n| --- | --- | --- | --- | --- |\n")
	for _, c := range sheetColumns() {
		name := "`" + c.Field + "`"
		if c.Required {
			name += " (required)"
		}
		def := c.Default
		if def != "" {
			def = "`" + def + "`"
		}
		b.WriteString("| " + name + " | " + c.Description + " | " + c.Types() + " | " + def + " | " + strings.ReplaceAll(c.Allowed, "|", `\|`) + " |\n")
	}
	return b.String()
}

// TestREADMEColumns: the README's column table is callcenter's column
// table, column for column. When it fails, the table it wants is printed:
// paste it between the markers.
func TestREADMEColumns(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- columns: generated from callcenter.Columns(); TestREADMEColumns keeps it so -->\n", "<!-- end of columns -->"
	readme := string(b)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no column table between %q and %q", begin, end)
	}
	if got, want := readme[i+len(begin):j], columnTable(); got != want {
		t.Errorf("README.md's column table differs from callcenter.Columns(); it should read:\n%s", want)
	}
}

// TestFakeStateRehearsal is the rehearsal of issue 26, with no server:
// the sample sheets created, a group exported, edited (a value changed, a
// call center left out), planned, the plan applied, and the group exported
// again, every run on the platform of one -fake-state file (0600: it holds
// passwords). -v prints the fake's credentials. A state file that cannot
// be read stops the run before anything, and is left as it was.
func TestFakeStateRehearsal(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "platform.json")
	run := func(code int, args ...string) outcome {
		t.Helper()
		o := tool(t, nil, append(args, "-fake-state", state)...)
		if o.code != code {
			t.Fatalf("%q: exit %d, want %d\n%s%s", args, o.code, code, o.stdout, o.stderr)
		}
		return o
	}
	for _, kind := range []string{"basic", "standard", "premium"} {
		run(exitOK, "-csv", "../../testdata/call.center.create."+kind+".csv")
	}
	more := writeFile(t, "more.csv", "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,type,policy\n"+
		"MyServiceProvider,SalesGroup,sales-2@company.com,pw-2,Basic,Uniform\nMyServiceProvider,SalesGroup,sales-3@company.com,pw-3,Basic,Uniform\n")
	o := run(exitOK, "-csv", more, "-v")
	if !strings.Contains(o.stderr, "user "+broadworkstest.DefaultUser+", password "+broadworkstest.DefaultPassword) ||
		!strings.Contains(o.stderr, "(-fake-state "+state+": 3 call centers)") || !strings.Contains(o.stderr, "fake state saved to "+state+" (5 call centers)") {
		t.Errorf("-v: %s", o.stderr)
	}
	if fi, err := os.Stat(state); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v %v", fi, err)
	}
	group := filepath.Join(dir, "sales.csv")
	run(exitOK, "-export", group, "-sp", "MyServiceProvider", "-group", "SalesGroup")
	recs := readCSV(t, group)
	if len(recs) != 4 {
		t.Fatalf("export: %q", recs)
	}
	// The edit: sales-2 leaves, sales-3's queue grows.
	var edited bytes.Buffer
	w := csv.NewWriter(&edited)
	queue := -1
	for i, h := range recs[0] {
		if h == "queueLength" {
			queue = i
		}
	}
	for _, r := range recs {
		switch r[2] {
		case "sales-2@company.com":
			continue
		case "sales-3@company.com":
			r[queue] = "12"
		}
		w.Write(r)
	}
	w.Flush()
	editedFile := writeFile(t, "sales-edited.csv", edited.String())
	plan := filepath.Join(dir, "plan.json")
	o = run(exitOK, "-plan", "-prune", "-csv", editedFile, "-plan-out", plan)
	if !regexp.MustCompile(`modify +sales-3@company.com .*queueLength: want "12", stored "3"`).MatchString(o.stdout) ||
		!regexp.MustCompile(`delete +sales-2@company.com`).MatchString(o.stdout) {
		t.Errorf("plan:\n%s", o.stdout)
	}
	// Without -yes and no terminal: nothing written, and one way to go on
	// (the plan was reviewed when it was made).
	o = run(exitUsage, "-apply-plan", plan)
	if !strings.Contains(o.stderr, "These are the plan's:\n  to carry them out, run the same command with -yes") ||
		strings.Contains(o.stderr, "review first") {
		t.Errorf("-apply-plan without -yes:\n%s", o.stderr)
	}
	run(exitOK, "-apply-plan", plan, "-yes", "-backup", filepath.Join(dir, "backup.csv"))
	run(exitOK, "-export", group, "-sp", "MyServiceProvider", "-group", "SalesGroup")
	if got := readCSV(t, group); len(got) != 3 || got[1][2] != "sales-3@company.com" || got[1][queue] != "12" || got[2][2] != "sales-center@company.com" {
		t.Errorf("after the apply: %q", got)
	}
	o = run(exitOK, "-plan", "-csv", editedFile, "-detailed-exitcode")
	if !strings.Contains(o.stdout, "plan: 2 unchanged") {
		t.Errorf("plan after the apply: %s", o.stdout)
	}

	before, _ := os.ReadFile(state)
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"with -host":  {[]string{"-csv", more, "-host", "127.0.0.1:1", "-fake-state", state}, "-fake-state is the in-process fake's: it goes without -host"},
		"as -csv":     {[]string{"-csv", state, "-fake-state", state}, "an output never overwrites an input"},
		"not a state": {[]string{"-csv", more, "-fake-state", writeFile(t, "other.json", `{"format": "something else"}`)}, "not a saved state"},
	} {
		o := tool(t, nil, tc.args...)
		if o.code != exitUsage || !strings.Contains(o.stderr, tc.want) {
			t.Errorf("%s: exit %d\n%s", name, o.code, o.stderr)
		}
	}
	if after, _ := os.ReadFile(state); !bytes.Equal(before, after) {
		t.Error("a refused run changed the state file")
	}
}

// TestSpreadsheetValuesRedacted: the summary shows each row's value at
// fault beside its line, but never a password, even when a message quotes
// it.
func TestSpreadsheetValuesRedacted(t *testing.T) {
	in := writeFile(t, "pw.csv", sheetHeader+"\ncall.center.create,SP,G1,Secret-Pw-1,Secret-Pw-1,Standard,Circular,30\n"+
		"call.center.create,SP,G1,not-an-id,pw-2,Standard,Circular,30\n")
	o := tool(t, nil, "-csv", in, "-dry-run")
	if o.code != exitRowsFailed || strings.Contains(o.stderr, "Secret-Pw-1") || !strings.Contains(o.stderr, `line 2: "[REDACTED]"; line 3: "not-an-id"`) {
		t.Errorf("exit %d\n%s", o.code, o.stderr)
	}
	// A password the quoting escapes (" and \), and one longer than the
	// 40 bytes a value is cut to: redacted whole, not shown escaped or in
	// part.
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(strings.Split(sheetHeader, ","))
	escaped, long := `Se"cret\Pw-1`, "Long-Secret-Password-That-Goes-On-And-On-0123456789"
	for _, pw := range []string{escaped, long} {
		w.Write([]string{"call.center.create", "SP", "G1", pw, pw, "Standard", "Circular", "30"})
	}
	w.Flush()
	o = tool(t, nil, "-csv", writeFile(t, "pw2.csv", b.String()), "-dry-run")
	if o.code != exitRowsFailed || !strings.Contains(o.stderr, `line 2: "[REDACTED]"; line 3: "[REDACTED]"`) ||
		strings.Contains(o.stderr, `Se\"cret`) || strings.Contains(o.stderr, `cret\\Pw`) || strings.Contains(o.stderr, "Long-Secret-Pass") {
		t.Errorf("escaped and long passwords: exit %d\n%s", o.code, o.stderr)
	}
}

// TestSheetEncodings: a Shift_JIS sheet (Excel's "CSV" on Japanese
// Windows) read as UTF-8 is one message that says how to save it and which
// -encoding reads it, before anything is sent; with -encoding shift_jis
// its hiragana reach the server intact; a UTF-16 sheet is read by its
// byte order mark; an unknown encoding is a usage error.
func TestSheetEncodings(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	var rows strings.Builder
	rows.WriteString("serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,serviceInstanceProfile.hiraganaLastName,type\n")
	for i := range 97 {
		rows.WriteString("SP,G1,kana" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + "@example.com,pw,セールス,Basic\n")
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().String(rows.String())
	if err != nil {
		t.Fatal(err)
	}
	in := writeFile(t, "excel.csv", sjis)
	o := tool(t, goodPassword, append(host, "-csv", in)...)
	if o.code != exitUsage || strings.Count(o.stderr, "\n") > 2 || !strings.Contains(o.stderr, "line 2 is not UTF-8 text: it reads as Shift_JIS") ||
		!strings.Contains(o.stderr, `Save the sheet as "CSV UTF-8 (Comma delimited)"`) || !strings.Contains(o.stderr, "-encoding shift_jis") || srv.Stats().Commands != 0 {
		t.Errorf("read as UTF-8: exit %d, %d commands\n%s", o.code, srv.Stats().Commands, o.stderr)
	}
	o = tool(t, goodPassword, append(host, "-csv", in, "-encoding", "shift_jis")...)
	if cc, _ := srv.CallCenter("kanaa@example.com"); o.code != exitOK || !strings.Contains(o.stderr, "97 created") || cc.Profile.HiraganaLastName != "セールス" {
		t.Errorf("-encoding shift_jis: exit %d, stored %q\n%s", o.code, cc.Profile.HiraganaLastName, o.stderr)
	}
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(rows.String(), "@example.com", "@utf16.example.com"))
	o = tool(t, goodPassword, append(host, "-csv", writeFile(t, "unicode.txt", utf16))...)
	if cc, _ := srv.CallCenter("kanab@utf16.example.com"); o.code != exitOK || cc.Profile.HiraganaLastName != "セールス" {
		t.Errorf("UTF-16: exit %d\n%s", o.code, o.stderr)
	}
	if o := tool(t, nil, "-csv", in, "-encoding", "klingon"); o.code != exitUsage || !strings.Contains(o.stderr, `-encoding "klingon": not an encoding`) {
		t.Errorf("unknown encoding: exit %d\n%s", o.code, o.stderr)
	}
	// A UTF-8 sheet without a byte order mark read with a command line
	// kept from a Windows-1252 sheet: refused, nothing stored changed.
	utf8Sheet := writeFile(t, "utf8.csv", sheetHeader+"\ncall.center.create,SP,G1,zurich@example.com,Pässwörd-Zürich,Standard,Circular,30\n")
	for _, enc := range []string{"windows-1252", "shift_jis"} {
		o := tool(t, goodPassword, append(host, "-csv", utf8Sheet, "-encoding", enc)...)
		if _, stored := srv.CallCenter("zurich@example.com"); o.code != exitUsage || stored || !strings.Contains(o.stderr, "line 2 is UTF-8 text, not "+strings.ToUpper(enc)) ||
			!strings.Contains(o.stderr, "Leave out -encoding") || strings.Contains(o.stderr, "Pässwörd-Zürich") {
			t.Errorf("UTF-8 read as %s: exit %d, stored %v\n%s", enc, o.code, stored, o.stderr)
		}
	}
}

// TestFailedSheetFeedsBackAsItIs: a run that skipped a notes column
// (-ignore-columns) writes a -failed sheet that keeps it; fed back with
// -csv alone, the sheet is read (the column skipped again, with a note),
// not refused for an unknown column.
func TestFailedSheetFeedsBackAsItIs(t *testing.T) {
	in := writeFile(t, "notes.csv", sheetHeader+",notes\ncall.center.create,SP,G1,a@example.com,pw,Standard,Circular,30,fine\n"+
		"call.center.create,SP,G1,b@example.com,pw,Standard,Circular,3x,fix me\n")
	failed := filepath.Join(t.TempDir(), "failed.csv")
	if o := tool(t, nil, "-csv", in, "-ignore-columns", "notes", "-failed", failed); o.code != exitRowsFailed {
		t.Fatalf("exit %d\n%s", o.code, o.stderr)
	}
	o := tool(t, nil, "-csv", failed)
	if o.code != exitRowsFailed || !strings.Contains(o.stderr, "its columns notes are skipped") || !strings.Contains(o.stderr, "1 invalid") {
		t.Errorf("fed back: exit %d\n%s", o.code, o.stderr)
	}
	b, _ := os.ReadFile(failed)
	fixed := writeFile(t, "fixed.csv", strings.Replace(string(b), ",3x,", ",30,", 1))
	if o := tool(t, nil, "-csv", fixed); o.code != exitOK || !strings.Contains(o.stderr, "1 created") {
		t.Errorf("fixed: exit %d\n%s", o.code, o.stderr)
	}
	// A sheet that is no failed sheet still refuses its unknown columns.
	if o := tool(t, nil, "-csv", in); o.code != exitUsage || !strings.Contains(o.stderr, `unknown column "notes"`) {
		t.Errorf("plain sheet: exit %d\n%s", o.code, o.stderr)
	}
}

// TestExportServiceProvider: -export with -sp alone writes every group of
// the service provider; -bom starts the file with a UTF-8 byte order mark
// (for Excel); the export applies back unchanged.
func TestExportServiceProvider(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	in := writeFile(t, "groups.csv", sheetHeader+"\ncall.center.create,SP,G1,a@example.com,pw,Standard,Circular,30\n"+
		"call.center.create,SP,G2,b@example.com,pw,Standard,Circular,30\ncall.center.create,Other,G1,c@example.com,pw,Standard,Circular,30\n")
	if o := tool(t, goodPassword, append(host, "-csv", in)...); o.code != exitOK {
		t.Fatalf("create: exit %d\n%s", o.code, o.stderr)
	}
	out := filepath.Join(t.TempDir(), "sp.csv")
	o := tool(t, goodPassword, append(host, "-export", out, "-sp", "SP", "-bom")...)
	b, _ := os.ReadFile(out)
	if o.code != exitOK || !bytes.HasPrefix(b, []byte("\uFEFF")) || !strings.Contains(o.stderr, "exported 2 call centers of every group of SP") ||
		!bytes.Contains(b, []byte("SP,G1,a@example.com")) || !bytes.Contains(b, []byte("SP,G2,b@example.com")) || bytes.Contains(b, []byte("c@example.com")) {
		t.Errorf("exit %d\n%s\n%s", o.code, b, o.stderr)
	}
	before := writes(srv)
	if o := tool(t, goodPassword, append(host, "-apply", "-csv", out)...); o.code != exitOK || writes(srv) != before || !strings.Contains(o.stderr, "2 unchanged") {
		t.Errorf("applied back: exit %d, %d writes\n%s", o.code, writes(srv)-before, o.stderr)
	}
	if o := tool(t, nil, "-csv", in, "-bom"); o.code != exitUsage || !strings.Contains(o.stderr, "-bom goes with -export") {
		t.Errorf("-bom without -export: exit %d\n%s", o.code, o.stderr)
	}
}

// TestResumeChecksItsFile: a results file whose last line was cut off
// resumes, saying so; the results of another sheet are one usage error
// (exit 2), not an error per row, and nothing is sent.
func TestResumeChecksItsFile(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	in := sheet(t, 6, map[int]string{4: "3x"})
	results := filepath.Join(t.TempDir(), "results.jsonl")
	if o := tool(t, goodPassword, append(host, "-csv", in, "-results", results)...); o.code != exitRowsFailed {
		t.Fatalf("first run: exit %d\n%s", o.code, o.stderr)
	}
	b, _ := os.ReadFile(results)
	torn := writeFile(t, "torn.jsonl", string(b[:len(b)-20]))
	fixed := sheet(t, 6, nil)
	o := tool(t, goodPassword, append(host, "-csv", fixed, "-resume", torn)...)
	if o.code != exitOK || !strings.Contains(o.stderr, "the last line of "+torn+" is cut off") || !strings.Contains(o.stderr, "1 created, 4 done, 1 exists") {
		t.Errorf("torn: exit %d\n%s", o.code, o.stderr)
	}
	other := writeFile(t, "other.csv", strings.ReplaceAll(readFileString(t, fixed), "cc", "dd"))
	before := srv.Stats().Commands
	o = tool(t, goodPassword, append(host, "-csv", other, "-resume", results)...)
	if o.code != exitUsage || !strings.Contains(o.stderr, "holds the results of another sheet: 6 of the 6 rows") || strings.Count(o.stderr, "\n") > 2 ||
		srv.Stats().Commands != before {
		t.Errorf("another sheet's results: exit %d, %d commands\n%s", o.code, srv.Stats().Commands-before, o.stderr)
	}
}

func readFileString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestNoSilentChange: a dry run lists the defaults it filled, per column,
// with counts; phone numbers and extensions written with spaces, dashes
// and brackets are normalized with a note and stored so; one that cannot
// be a number is refused with the rule.
func TestNoSilentChange(t *testing.T) {
	in := writeFile(t, "numbers.csv", "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,serviceInstanceProfile.name,serviceInstanceProfile.phoneNumber,serviceInstanceProfile.extension\n"+
		"SP,G1,a@example.com,pw,A,212 555 0110,50-00\n"+
		"SP,G1,b@example.com,pw,,(212) 555-0111,\n"+
		"SP,G1,c@example.com,pw,C,+1-212-555-0112,\n")
	o := tool(t, nil, "-csv", in, "-dry-run")
	for _, want := range []string{
		"3 validated",
		`note: serviceInstanceProfile.phoneNumber: spaces, dashes, dots and brackets removed in 3 rows (line 2: now "2125550110"; line 3: now "2125550111"; line 4: now "+1-2125550112")`,
		`note: serviceInstanceProfile.extension: spaces, dashes, dots and brackets removed in 1 row (line 2: now "5000")`,
		"note: the sheet format's defaults fill what the sheet leaves empty",
	} {
		if o.code != exitOK || !strings.Contains(o.stderr, want) {
			t.Errorf("dry run lacks %q: exit %d\n%s", want, o.code, o.stderr)
		}
	}
	for _, re := range []string{
		`\n  serviceInstanceProfile\.name += Default Call Center Name +in 1 row\n`,
		`\n  type +=\s+Basic +in 3 rows\n`, `\n  queueLength +=\s+3 +in 3 rows\n`,
	} {
		if !regexp.MustCompile(re).MatchString(o.stderr) {
			t.Errorf("dry run lacks %s:\n%s", re, o.stderr)
		}
	}
	srv := fakeServer(t)
	o = tool(t, goodPassword, append(hostArgs(srv), "-csv", in)...)
	a, _ := srv.CallCenter("a@example.com")
	if o.code != exitOK || a.Profile.PhoneNumber != "2125550110" || a.Profile.Extension != "5000" ||
		!strings.Contains(o.stderr, "note: the sheet format's defaults filled 15 columns left empty in 3 rows") {
		t.Errorf("create: exit %d, stored %q %q\n%s", o.code, a.Profile.PhoneNumber, a.Profile.Extension, o.stderr)
	}
	bad := writeFile(t, "bad.csv", "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,serviceInstanceProfile.phoneNumber\nSP,G1,d@example.com,pw,212-555-CALL\n")
	if o := tool(t, nil, "-csv", bad, "-dry-run"); o.code != exitRowsFailed || !strings.Contains(o.stderr, `is not a phone number: want digits; an E.164 number starts with +`) ||
		!strings.Contains(o.stderr, `(line 2: "212-555-CALL")`) {
		t.Errorf("bad number: exit %d\n%s", o.code, o.stderr)
	}
}

// TestHintsNameFlags: what the tool prints names its own flags, never the
// library's options: a host the client refuses, the warning of a password
// cell not sent; and -debug shows each OCI-P document, redacted.
func TestHintsNameFlags(t *testing.T) {
	in := sheet(t, 2, nil)
	o := tool(t, []string{"BW_PASSWORD=x"}, "-csv", in, "-host", "http://bw.example.com/oci", "-user", "admin")
	if o.code != exitUsage || !strings.Contains(o.stderr, `bulk-csv: -host http://bw.example.com/oci is a URL: use -transport soap for a SOAP URL (-transport tls takes host[:port])`) || strings.Contains(o.stderr, "NewClient") {
		t.Errorf("bad host: exit %d\n%s", o.code, o.stderr)
	}
	srv := fakeServer(t)
	host := hostArgs(srv)
	createGroup(t, srv, 2)
	o = tool(t, goodPassword, append(host, "-plan", "-csv", in)...)
	if !strings.Contains(o.stdout+o.stderr, "-set-passwords sends it") || strings.Contains(o.stdout+o.stderr, "SetPasswords") {
		t.Errorf("password warning:\n%s%s", o.stdout, o.stderr)
	}
	o = tool(t, goodPassword, append(host, "-csv", sheet(t, 1, nil), "-debug")...)
	docs := regexp.MustCompile(`level=DOC msg="broadworks: document" .*direction=(sent|received)`).FindAllString(o.stderr, -1)
	if o.code != exitRowsFailed && o.code != exitOK || len(docs) < 4 || !strings.Contains(o.stderr, "GroupCallCenterAddInstanceRequest22") ||
		!strings.Contains(o.stderr, "[REDACTED]</password>") || strings.Contains(o.stderr, "pw-0") || strings.Contains(o.stderr, broadworkstest.DefaultPassword) {
		t.Errorf("-debug: exit %d, %d documents\n%s", o.code, len(docs), o.stderr)
	}
}

// TestFakeStateNeverLosesARun: a -fake-state file that another run saved
// while this one ran (where no lock keeps them apart) is not overwritten:
// this run's platform is saved beside it and the run does not exit 0; a
// state that cannot be saved where it is named is refused before anything
// runs (not found out at the end, the run's work lost); and -export-agents
// never writes over the state file.
func TestFakeStateNeverLosesARun(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "platform.json")
	if o := tool(t, nil, "-csv", "../../testdata/call.center.create.basic.csv", "-fake-state", state); o.code != exitOK {
		t.Fatalf("first run: exit %d\n%s", o.code, o.stderr)
	}
	loaded, _ := os.ReadFile(state)
	var stderr bytes.Buffer
	c := &command{o: options{fakeState: state}, env: environment{stderr: &stderr}, start: time.Date(2026, 12, 7, 15, 30, 0, 0, time.UTC)}
	if code := c.startFakeForTest(t); code != exitOK {
		t.Fatalf("start: %d %s", code, stderr.String())
	}
	other := append(bytes.Clone(loaded), ' ') // another run saved meanwhile
	if err := os.WriteFile(state, other, 0o600); err != nil {
		t.Fatal(err)
	}
	conflict := filepath.Join(dir, "platform.conflict-20261207-153000.json")
	if code := c.closeFake(exitOK); code == exitOK || !strings.Contains(stderr.String(), "changed since this run loaded it") || !strings.Contains(stderr.String(), conflict) {
		t.Errorf("close: exit %d\n%s", code, stderr.String())
	}
	if now, _ := os.ReadFile(state); !bytes.Equal(now, other) {
		t.Error("the other run's state was overwritten")
	}
	if b, err := os.ReadFile(conflict); err != nil || !bytes.Contains(b, []byte("sales-center@company.com")) {
		t.Errorf("this run's state: %v\n%s", err, b)
	}

	missing := filepath.Join(dir, "no-such-dir", "platform.json")
	o := tool(t, nil, "-csv", "../../testdata/call.center.create.basic.csv", "-fake-state", missing)
	if o.code != exitUsage || !strings.Contains(o.stderr, "could not be saved") || strings.Contains(o.stderr, "created") {
		t.Errorf("unsavable state: exit %d\n%s", o.code, o.stderr)
	}
	if o := tool(t, nil, "-export-agents", state, "-sp", "MyServiceProvider", "-group", "SalesGroup", "-fake-state", state); o.code != exitUsage {
		t.Errorf("-export-agents over the state: exit %d\n%s", o.code, o.stderr)
	}
	if now, _ := os.ReadFile(state); !bytes.Equal(now, other) {
		t.Error("-export-agents wrote the state file")
	}
}

// startFakeForTest starts c's fake as a run does.
func (c *command) startFakeForTest(t *testing.T) int {
	t.Helper()
	fake, code := c.startFake()
	c.fake = fake
	return code
}
