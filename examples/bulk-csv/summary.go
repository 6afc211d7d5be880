package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/redact"
)

// tally counts the outcomes of a run as results arrive, and groups the
// rows that did not end well by cause. It keeps one reason per such row
// (for the -failed sheet), nothing per row that ended well.
type tally struct {
	total    int // data rows of the input
	rows     int // results seen
	notOK    int
	byStatus map[bulk.Status]int
	causes   map[string]*cause
	order    int
	failed   map[int]string // result index -> reason, for the rows that did not end well
	planned  bool           // the results are a plan (-plan): nothing was written
	pending  int            // planned changes (create, modify, delete)
	warned   map[string]*cause
	worder   int

	// What the run did that the sheet did not say: the defaults it
	// filled in (rows per column) and the numbers it normalized.
	defaulted      map[string]int
	defaultedRows  int
	normalized     map[string]*cause
	normalizedCols []string // in order of first appearance
	dryRun         bool     // the results are a dry run's
}

// cause is one group of rows that did not end well for the same reason.
type cause struct {
	text  string // status and reason, with the row's own values left out
	hint  string // the flags to check, for a systemic failure
	n     int
	rows  []ref // the first few
	first int   // order of first appearance
}

// ref names a row as the user finds it: its line in the spreadsheet (a
// deletion by its service user id), with the values its reason quoted.
type ref struct {
	label  string
	values []string
}

// refOf names the row of r, with values.
func refOf(r bulk.Result, values []string) ref {
	switch {
	case r.Prune:
		return ref{label: r.Data().ServiceUserID, values: values}
	case r.Line > 0:
		return ref{label: fmt.Sprintf("line %d", r.Line), values: values}
	case r.Data().ServiceUserID != "":
		// An entry of a plan that did not keep its sheet's lines.
		return ref{label: r.Data().ServiceUserID, values: values}
	}
	return ref{label: fmt.Sprintf("row %d", r.Index+1), values: values}
}

// maxCauseRows is how many row indexes a cause lists.
const maxCauseRows = 5

// maxCauses is how many causes the summary lists.
const maxCauses = 10

func newTally(total int) *tally {
	return &tally{total: total, byStatus: map[bulk.Status]int{}, causes: map[string]*cause{}, failed: map[int]string{}, warned: map[string]*cause{},
		defaulted: map[string]int{}, normalized: map[string]*cause{}}
}

// add counts one result.
func (t *tally) add(r bulk.Result) {
	t.rows++
	t.byStatus[r.Status]++
	t.planned = t.planned || r.Planned
	if r.Planned && r.OK() && r.Status != bulk.StatusUnchanged {
		t.pending++
	}
	for _, w := range r.Warnings {
		c := t.warned[w]
		if c == nil {
			c = &cause{text: w, first: t.worder}
			t.worder++
			t.warned[w] = c
		}
		c.n++
		if len(c.rows) < maxCauseRows {
			c.rows = append(c.rows, refOf(r, nil))
		}
	}
	t.dryRun = t.dryRun || r.Status == bulk.StatusValidated
	if d := r.Defaulted(); len(d) > 0 {
		t.defaultedRows++
		for _, col := range d {
			t.defaulted[col]++
		}
	}
	for _, col := range r.Normalized() {
		c := t.normalized[col]
		if c == nil {
			c = &cause{text: col}
			t.normalized[col] = c
			t.normalizedCols = append(t.normalizedCols, col)
		}
		c.n++
		if len(c.rows) < maxCauseRows {
			d := r.Data()
			c.rows = append(c.rows, refOf(r, []string{fmt.Sprintf("now %q", d.Get(col))}))
		}
	}
	if r.OK() {
		return
	}
	t.notOK++
	why := reason(r)
	t.failed[r.Index] = why
	d := r.Data()
	key, values := generic(why, d.ServiceUserID)
	for i, v := range values {
		// Whole and in any escaped form (the value is quoted: a " or \ of
		// the password is escaped in it), before it is cut short (a cut
		// password is no longer found).
		if pw := string(d.Profile.Password); pw != "" && (strings.Contains(v, pw) || (*redact.Redactor)(nil).RedactWith(v, pw) != v) {
			v = `"` + callcenter.Redacted + `"`
		}
		values[i] = oneLine(v, 40)
	}
	c := t.causes[key]
	if c == nil {
		c = &cause{text: key, hint: flagHint(r.Err), first: t.order}
		t.order++
		t.causes[key] = c
	}
	c.n++
	if len(c.rows) < maxCauseRows {
		c.rows = append(c.rows, refOf(r, values))
	}
}

// reason says, on one line, why a row did not end well: its status and
// its error, without the "row N (line L)" of a row error (the row is where
// the reason stands).
func reason(r bulk.Result) string {
	text := "did not end well"
	if r.Err != nil {
		text = errDetail(r.Err)
	}
	return oneLine(string(r.Status)+": "+text, 500)
}

// generic is a reason with the values particular to a row replaced by
// "…" (quoted text and the row's service user id), so that rows failing
// alike group together, and the quoted values it took out (at most
// maxValues), which the summary shows beside each row's line, cut to 40
// bytes.
func generic(why, serviceUserID string) (string, []string) {
	if len(serviceUserID) >= 3 && strings.Contains(serviceUserID, "@") {
		why = strings.ReplaceAll(why, serviceUserID, "…")
	}
	var values []string
	var b strings.Builder
	for {
		i := strings.IndexByte(why, '"')
		if i < 0 {
			break
		}
		j := i + 1
		for j < len(why) && why[j] != '"' {
			if why[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(why) {
			break
		}
		b.WriteString(why[:i])
		b.WriteString(`"…"`)
		if v := why[i : j+1]; len(values) < maxValues && v != `"…"` {
			values = append(values, v) // cut by the caller, once checked for the password
		}
		why = why[j+1:]
	}
	b.WriteString(why)
	return b.String(), values
}

// maxValues is how many values of a row the summary shows.
const maxValues = 3

// statusOrder is the order the summary lists the statuses in.
var statusOrder = []bulk.Status{
	bulk.StatusCreated, bulk.StatusModified, bulk.StatusUnchanged, bulk.StatusDeleted, bulk.StatusDone,
	bulk.StatusValidated, bulk.StatusExists, bulk.StatusInvalid, bulk.StatusStale, bulk.StatusFailed, bulk.StatusUnknown, bulk.StatusSkipped,
}

// summary writes the end-of-run summary: counts per status, time and
// rate, and the causes of the rows that did not end well, most frequent
// first.
func (t *tally) summary(w io.Writer, elapsed time.Duration) {
	var parts []string
	seen := map[bulk.Status]bool{}
	for _, s := range statusOrder {
		if n := t.byStatus[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, t.label(s)))
		}
		seen[s] = true
	}
	for s, n := range t.byStatus {
		if !seen[s] {
			parts = append(parts, fmt.Sprintf("%d %s", n, cmp.Or(string(s), "no status")))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing to do")
	}
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(t.rows) / s
	}
	fmt.Fprintf(w, "%s in %s (%.0f rows/s): %s\n", plural(t.rows, "row"), elapsed.Round(time.Millisecond), rate, strings.Join(parts, ", "))
	t.changes(w)
	if len(t.warned) > 0 {
		ws := make([]*cause, 0, len(t.warned))
		for _, c := range t.warned {
			ws = append(ws, c)
		}
		slices.SortFunc(ws, func(a, b *cause) int { return cmp.Compare(a.first, b.first) })
		for _, c := range ws {
			fmt.Fprintf(w, "warning: %s (%s)\n", warning(c.text), rowList(c.rows, c.n))
		}
	}
	if t.notOK == 0 {
		return
	}
	causes := make([]*cause, 0, len(t.causes))
	for _, c := range t.causes {
		causes = append(causes, c)
	}
	slices.SortFunc(causes, func(a, b *cause) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.first, b.first))
	})
	fmt.Fprintf(w, "%s did not end well:\n", plural(t.notOK, "row"))
	for _, c := range causes[:min(len(causes), maxCauses)] {
		line := fmt.Sprintf("%6d %s", c.n, c.text)
		if c.hint != "" {
			line += c.hint
		}
		if at := rowList(c.rows, c.n); at != "" {
			line += " (" + at + ")"
		}
		fmt.Fprintln(w, line)
	}
	if more := len(causes) - maxCauses; more > 0 {
		rest := 0
		for _, c := range causes[maxCauses:] {
			rest += c.n
		}
		rows := "rows"
		if rest == 1 {
			rows = "row"
		}
		fmt.Fprintf(w, "%6d %s for %s (see -results or -failed)\n", rest, rows, plural(more, "other cause"))
	}
}

// label names a status in the summary: in a plan, what would be done.
func (t *tally) label(s bulk.Status) string {
	if t.planned {
		switch s {
		case bulk.StatusCreated:
			return "to create"
		case bulk.StatusModified:
			return "to modify"
		case bulk.StatusDeleted:
			return "to delete"
		}
	}
	return string(s)
}

// rowList is "line 3", "lines 3, 7, 9 and 297 more", or with values
// `line 3: "x"; line 7: "y"`.
func rowList(rows []ref, n int) string {
	withValues := slices.ContainsFunc(rows, func(r ref) bool { return len(r.values) > 0 })
	s := make([]string, len(rows))
	for i, r := range rows {
		switch {
		case withValues && len(r.values) > 0:
			s[i] = r.label + ": " + strings.Join(r.values, ", ")
		case withValues || i == 0 || !strings.HasPrefix(r.label, "line ") || !strings.HasPrefix(rows[0].label, "line "):
			s[i] = r.label
		default:
			s[i] = strings.TrimPrefix(r.label, "line ")
		}
	}
	sep := ", "
	if withValues {
		sep = "; "
	}
	out := strings.Join(s, sep)
	if n > 1 && !withValues && strings.HasPrefix(out, "line ") {
		out = "lines " + strings.TrimPrefix(out, "line ")
	}
	if more := n - len(rows); more > 0 {
		out += fmt.Sprintf(" and %d more", more)
	}
	return out
}

// changes prints what the run did that the sheet did not say: the numbers
// it normalized, and the defaults it filled in (per column on a dry run or
// a plan, in one line otherwise).
func (t *tally) changes(w io.Writer) {
	for _, col := range t.normalizedCols {
		c := t.normalized[col]
		fmt.Fprintf(w, "note: %s: spaces, dashes, dots and brackets removed in %s (%s)\n", col, plural(c.n, "row"), rowList(c.rows, c.n))
	}
	if len(t.defaulted) == 0 {
		return
	}
	if !t.dryRun && !t.planned {
		fmt.Fprintf(w, "note: the sheet format's defaults filled %s left empty in %s (-dry-run lists them; -columns shows every default)\n",
			plural(len(t.defaulted), "column"), plural(t.defaultedRows, "row"))
		return
	}
	fmt.Fprintf(w, "note: the sheet format's defaults fill what the sheet leaves empty (-columns shows them all):\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range sheetColumns() {
		if n := t.defaulted[c.Field]; n > 0 {
			fmt.Fprintf(tw, "  %s\t= %s\tin %s\n", c.Field, c.Default, plural(n, "row"))
		}
	}
	tw.Flush()
}

// warning is a result's warning as the tool says it: naming its flags.
func warning(text string) string {
	if text == bulk.WarningPasswordNotSent {
		return "the password cell was not sent: the call center exists and keeps its password (-set-passwords sends it)"
	}
	return text
}

// plural is "1 row" or "2 rows".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
