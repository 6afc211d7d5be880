package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/examples/internal/cli"
)

// results is where -results goes: JSON Lines written by bulk itself
// (jsonl, so that -resume can read them), or CSV written here.
type results struct {
	jsonl io.Writer   // for bulk.ResultsTo; nil when not JSON Lines
	csv   *csv.Writer // nil when not CSV
	buf   *bufio.Writer
	file  *atomicFile
}

// resultColumns are the columns of a CSV results file.
var resultColumns = []string{"index", "serviceUserId", "status", "success", "detail", "differences"}

// openResults opens -results: "" for none, "-" for stdout (JSON Lines), a
// name ending in .csv for CSV, any other name for JSON Lines.
func openResults(path string, stdout io.Writer, start time.Time) (*results, error) {
	r := &results{}
	switch {
	case path == "":
		return r, nil
	case path == "-":
		r.jsonl = stdout
		return r, nil
	}
	// A temporary file beside path, renamed over it at the first result:
	// a run refused before its first row leaves an earlier file whole, and
	// a run killed outright leaves the results of every row it finished
	// under path (not in a temporary file), for -resume.
	f, err := createOutput(path, 0o644, start)
	if err != nil {
		return nil, err
	}
	r.file = f
	if strings.EqualFold(extension(path), ".csv") {
		// The header waits in the buffer for the first row.
		r.buf = bufio.NewWriter(journal{f})
		r.csv = csv.NewWriter(r.buf)
		if err := r.csv.Write(resultColumns); err != nil {
			f.discard()
			return nil, err
		}
		return r, nil
	}
	// Each line is one Write straight to the file.
	r.jsonl = journal{f}
	return r, nil
}

// discard drops the results of a run refused before its first row.
func (r *results) discard() { r.file.discard() }

// write adds one result to a CSV results file (JSON Lines are written by
// bulk).
func (r *results) write(res bulk.Result) error {
	if r.csv == nil {
		return nil
	}
	detail := ""
	if res.Err != nil {
		detail = res.Err.Error()
	} else if res.Planned {
		detail = "planned"
	}
	diffs := make([]string, len(res.Differences))
	for i, d := range res.Differences {
		diffs[i] = d.Error()
	}
	if err := r.csv.Write([]string{strconv.Itoa(res.Index), res.Data().ServiceUserID, string(res.Status),
		strconv.FormatBool(res.OK()), detail, strings.Join(diffs, "; ")}); err != nil {
		return err
	}
	// Each row reaches the file as it ends, as JSON Lines do.
	r.csv.Flush()
	return errors.Join(r.csv.Error(), r.buf.Flush())
}

// close flushes and closes the file.
func (r *results) close() error {
	var errs []error
	if r.csv != nil {
		r.csv.Flush()
		errs = append(errs, r.csv.Error(), r.buf.Flush())
	}
	if err := errors.Join(errs...); err != nil {
		r.file.discard()
		return fmt.Errorf("writing results: %w", err)
	}
	return r.file.commit()
}

// writeFailed writes the -failed sheet: the header of the input plus a
// reason column (or its own reason column, refilled), and the rows that did
// not end well as they are in the input (passwords included, so the file
// is readable by its owner only), in its delimiter, with a UTF-8 byte order
// mark so that spreadsheets read non-ASCII text right. bulk reads it back
// (the reason column is ignored).
func (c *command) writeFailed(t *tally) (int, error) {
	src, err := os.Open(c.o.csv)
	if err != nil {
		return 0, err
	}
	defer src.Close()
	sh, err := bulk.ReadCSV(src, c.csvOptions()...)
	if err != nil {
		return 0, err
	}
	// The rows keep their password cells, as the input has them: only the
	// owner may read the file (0600 even where an older file was not: the
	// new one replaces it).
	f, err := createOutput(c.o.failed, 0o600, c.start)
	if err != nil {
		return 0, err
	}
	defer f.discard()
	bw := bufio.NewWriter(f)
	bw.WriteString("\uFEFF")
	w := csv.NewWriter(bw)
	w.Comma = sh.Delimiter
	header := slices.Clone(sh.Header)
	reason := slices.IndexFunc(header, func(h string) bool { return strings.EqualFold(h, "reason") })
	if reason < 0 {
		reason = len(header)
		header = append(header, "reason")
	}
	marker := slices.IndexFunc(header, func(h string) bool { return strings.EqualFold(h, failedMarker) })
	if marker < 0 {
		marker = len(header)
		header = append(header, failedMarker)
	}
	from := filepath.Base(c.o.csv)
	w.Write(header)
	n := 0
	for row, err := range sh.Rows() {
		if err != nil {
			return n, err
		}
		why, ok := t.failed[row.Index]
		if !ok {
			continue
		}
		if row.Cells == nil {
			fmt.Fprintf(c.env.stderr, "note: line %d cannot be copied to %s: %v; fix it in %s\n", row.Line, c.o.failed, errDetail(row.Err), c.o.csv)
			continue
		}
		cells := row.Cells
		for len(cells) < len(header) {
			cells = append(cells, "")
		}
		cells[reason], cells[marker] = why, from
		w.Write(cells)
		n++
	}
	w.Flush()
	if err := errors.Join(w.Error(), bw.Flush()); err != nil {
		return n, err
	}
	err = f.commit()
	c.noteKept(f)
	return n, err
}

// failedMarker is the column that marks a sheet written by -failed: it
// holds only some rows, so -prune refuses it. Its cells name the sheet the
// rows came from; the reader skips it.
const failedMarker = "failedRowsOf"

// isFailedMarker reports whether a header cell is failedMarker.
func isFailedMarker(h string) bool { return strings.EqualFold(h, failedMarker) }

// printPlan prints the actions of a plan, one row per call center that
// would change (or cannot be applied), and a count per action; with
// -prune, a note when the deletes are past -max-deletes.
func printPlan(w io.Writer, plan []bulk.Result, maxDeletes int, prune bool, saved string) {
	tail := "nothing was changed; run with -apply instead of -plan to do it, or save it with -plan-out and apply it with -apply-plan"
	if saved != "" {
		tail = "nothing was changed; to do exactly this: -apply-plan " + saved
	}
	printTable(w, plan, "plan", nothingToDo(plan, tail))
	if dels := countStatus(plan, bulk.StatusDeleted); prune && dels > maxDeletes {
		are := plural(dels, "delete") + " are"
		if dels == 1 {
			are = "1 delete is"
		}
		fmt.Fprintf(w, "note: %s more than -max-deletes %d allows: -apply would write nothing (allow them with -max-deletes %d)\n", are, maxDeletes, dels)
	}
}

// nothingToDo is the tail of a plan's count line: tail when the plan has
// changes to make, else what there is to do instead (nothing, or fix the
// rows that cannot be applied): never "run with -apply to do it" for a
// plan with nothing to do.
func nothingToDo(plan []bulk.Result, tail string) string {
	cannot := false
	for _, r := range plan {
		switch {
		case !r.OK():
			cannot = true
		case r.Planned && r.Status != bulk.StatusUnchanged:
			return tail
		}
	}
	if cannot {
		return "nothing was changed; nothing to do but the rows that cannot be applied: fix them and plan again"
	}
	return "nothing to do: the server matches the sheet"
}

// printApplied prints what an apply changed, as printPlan shows a plan.
func printApplied(w io.Writer, done []bulk.Result) {
	printTable(w, done, "applied", "")
}

func countStatus(rs []bulk.Result, s bulk.Status) int {
	n := 0
	for _, r := range rs {
		if r.Status == s && r.OK() {
			n++
		}
	}
	return n
}

// printTable prints one row per call center changed (or that cannot be
// applied) and a count per action, after the word what. A row names its
// line in the sheet ("-" for a deletion, which has none); a warning that
// several rows share is printed once, under the table, and the rows point
// to it.
func printTable(w io.Writer, plan []bulk.Result, what, tail string) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	header := false // printed before the first row that would change
	counts := map[string]int{}
	var order []string
	var notes []string // the warnings several rows show, in order of first appearance
	noteOf := map[string]int{}
	shared := map[string]int{} // rows that show each warning
	for _, r := range plan {
		if showsWarnings(r) {
			for _, w := range r.Warnings {
				shared[w]++
			}
		}
	}
	for _, r := range plan {
		action := planAction(r)
		if counts[action] == 0 {
			order = append(order, action)
		}
		counts[action]++
		if r.Status == bulk.StatusUnchanged && r.OK() && len(r.Warnings) == 0 || r.Status == bulk.StatusDone {
			continue
		}
		var detail string
		switch {
		case len(r.Differences) > 0:
			diffs := make([]string, len(r.Differences))
			for i, d := range r.Differences {
				diffs[i] = d.Error()
			}
			detail = strings.Join(diffs, "; ")
		case r.Err != nil:
			detail = errDetail(r.Err)
		case showsWarnings(r):
			ws := make([]string, len(r.Warnings))
			for i, w := range r.Warnings {
				if shared[w] == 1 {
					ws[i] = "warning: " + warning(w)
					continue
				}
				n, ok := noteOf[w]
				if !ok {
					notes = append(notes, w)
					n = len(notes)
					noteOf[w] = n
				}
				ws[i] = fmt.Sprintf("warning %d (below)", n)
			}
			detail = strings.Join(ws, "; ")
		case r.Response != "" && r.Status == bulk.StatusDeleted:
			detail = r.Response
		}
		_, staffing := r.Staffing() // an agent sheet's row: no group
		if !header {
			if staffing {
				fmt.Fprintln(tw, "LINE\tACTION\tCALL CENTER\tCHANGES")
			} else {
				fmt.Fprintln(tw, "LINE\tACTION\tSERVICE USER ID\tGROUP\tCHANGES")
			}
			header = true
		}
		d := r.Data()
		if staffing {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", cli.Line(r), action, d.ServiceUserID, oneLine(detail, 200))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", cli.Line(r), action, d.ServiceUserID, d.ServiceProviderID+"/"+d.GroupID, oneLine(detail, 200))
	}
	tw.Flush()
	for i, n := range notes {
		fmt.Fprintf(w, "warning %d: %s\n", i+1, warning(n))
	}
	parts := make([]string, len(order))
	for i, a := range order {
		parts[i] = fmt.Sprintf("%d %s", counts[a], a)
	}
	if len(parts) == 0 {
		parts = append(parts, "no rows")
	}
	if tail != "" {
		tail = " (" + tail + ")"
	}
	fmt.Fprintf(w, "%s: %s%s\n", what, strings.Join(parts, ", "), tail)
}

// showsWarnings reports whether the table shows r's warnings: a row with
// nothing more to say (no differences, no error) has them as its CHANGES.
func showsWarnings(r bulk.Result) bool {
	return len(r.Warnings) > 0 && len(r.Differences) == 0 && r.Err == nil
}

// errDetail is a result's error as a table or summary shows it beside the
// row's line: without the "row N (line L)" of a row error, which names the
// row by its 0-based index.
func errDetail(err error) string {
	var re *bulk.RowError
	if errors.As(err, &re) && err == error(re) {
		if re.Column != "" {
			return "column " + re.Column + ": " + re.Err.Error()
		}
		return re.Err.Error()
	}
	return err.Error()
}

// planAction names what the plan would do with a row.
func planAction(r bulk.Result) string {
	if !r.OK() {
		return "cannot: " + string(r.Status)
	}
	if !r.Planned {
		return string(r.Status)
	}
	switch r.Status {
	case bulk.StatusCreated:
		return "create"
	case bulk.StatusModified:
		return "modify"
	case bulk.StatusUnchanged:
		return "unchanged"
	case bulk.StatusDeleted:
		return "delete"
	}
	return string(r.Status)
}

// oneLine is s on one line, at most n bytes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		cut := n
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
