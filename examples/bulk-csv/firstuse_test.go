package main

import (
	"regexp"
	"strings"
	"testing"
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
