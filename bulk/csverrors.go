package bulk

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// The errors of reading a sheet: the header's (once, for the whole input)
// and a row's.

// ErrNotCSV matches (with errors.Is) the [HeaderError] of an input that is
// not CSV text at all: an Excel workbook, a zip or gzip archive, UTF-16
// text, another binary file.
var ErrNotCSV = errors.New("bulk: the input is not CSV text")

// maxNamed is how many unknown (or repeated) columns a header error names;
// the rest are counted.
const maxNamed = 5

// maxNameLen bounds each column name a header error quotes, in bytes.
const maxNameLen = 40

// HeaderError reports a CSV header that cannot be used: unknown or repeated
// column names, no header at all, or an input that is not CSV. It is
// returned once for the whole input, before any row is created. Its message
// is bounded: it names at most five unknown columns (with a "did you mean"
// where one is close to a known column) and counts the rest.
type HeaderError struct {
	// Unknown is the column names that are not bulk-sheet columns. When
	// no cell of the first line is a column name (a sheet without its
	// header, whose first row of data may hold a password), it holds only
	// those close to a column name, and Malformed says so.
	Unknown  []string
	Repeated []string // column names given more than once
	// Suggestions maps some of the Unknown names (the first few) to the
	// known column each is probably a misspelling of.
	Suggestions map[string]string
	Malformed   string // any other problem (empty input, empty column name)
	// NotCSV, when set, is the one sentence that says what the input is
	// instead of CSV and what to do (e.g. "this looks like an Excel .xlsx
	// file, not CSV: save it as CSV (UTF-8)"); the other fields are empty.
	NotCSV string

	unknown int // how many names are unknown, those not quoted included
}

// Error lists the problems.
func (e *HeaderError) Error() string {
	if e.NotCSV != "" {
		return "bulk: " + e.NotCSV
	}
	var parts []string
	if e.Malformed != "" {
		parts = append(parts, e.Malformed)
	}
	if len(e.Unknown) > 0 {
		parts = append(parts, "unknown "+nameList(e.Unknown, e.Suggestions))
	}
	if len(e.Repeated) > 0 {
		parts = append(parts, "repeated "+nameList(e.Repeated, nil))
	}
	return "bulk: CSV header: " + strings.Join(parts, "; ")
}

// Is makes a header error of an input that is not CSV match [ErrNotCSV].
func (e *HeaderError) Is(target error) bool { return target == ErrNotCSV && e.NotCSV != "" }

// nameList is `column "a"` or `columns "a" (did you mean "b"?), "c" and 7 more`.
func nameList(names []string, hints map[string]string) string {
	var b strings.Builder
	if len(names) == 1 {
		b.WriteString("column ")
	} else {
		b.WriteString("columns ")
	}
	for i, n := range names[:min(len(names), maxNamed)] {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", clip(n))
		if s, ok := hints[n]; ok {
			fmt.Fprintf(&b, " (did you mean %q?)", s)
		}
	}
	if more := len(names) - maxNamed; more > 0 {
		fmt.Fprintf(&b, " and %d more", more)
	}
	return b.String()
}

// clip shortens s to at most maxNameLen bytes (on a rune boundary) plus "…".
func clip(s string) string {
	if len(s) <= maxNameLen {
		return s
	}
	cut := maxNameLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// RowError is a problem with one CSV row: a cell that cannot be parsed, a
// wrong number of cells, or a row that fails validation. Row is the 0-based
// data row (the Result index), Line the row's line as a spreadsheet numbers
// it (the header is line 1; it is the row's first line in the file unless
// a cell above holds a line break), Column the CSV column name when one
// cell is at fault.
type RowError struct {
	Row    int
	Line   int
	Column string
	Err    error
}

// Error returns e.g. `row 2 (line 4), column wrapUpSeconds: invalid integer "3x"`.
func (e *RowError) Error() string {
	var b strings.Builder
	b.WriteString(rowAt(e.Row, e.Line))
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %s", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// rowAt names a row as errors do: "row N" (its 0-based index), and
// " (line L)" after it when the row has a line in a sheet.
func rowAt(index, line int) string {
	if line > 0 {
		return fmt.Sprintf("row %d (line %d)", index, line)
	}
	return fmt.Sprintf("row %d", index)
}

// Unwrap returns the cause (a *callcenter.FieldError, *callcenter.ValidationError, ...).
func (e *RowError) Unwrap() error { return e.Err }

// nullRequired is the problem of a null cell in a required field.
func nullRequired(field string) callcenter.FieldError {
	return callcenter.FieldError{Field: field, Message: "null: this field cannot be cleared (it is required)"}
}

// fieldError is err as the field error of the named column.
func fieldError(name string, err error) callcenter.FieldError {
	var fe callcenter.FieldError
	if errors.As(err, &fe) {
		return fe
	}
	var pfe *callcenter.FieldError
	if errors.As(err, &pfe) && pfe != nil {
		return *pfe
	}
	return callcenter.FieldError{Field: name, Message: err.Error()}
}

// rowError reports the problems of one row: the cells that could not be
// parsed first, then what validation found in the other fields. A single
// problem names its column.
func rowError(j *item, problems error) error {
	all := slices.Clone(j.cells)
	var ve *callcenter.ValidationError
	if errors.As(problems, &ve) {
		for _, fe := range ve.Errors {
			if !slices.ContainsFunc(j.cells, func(c callcenter.FieldError) bool { return c.Field == fe.Field }) {
				all = append(all, fe)
			}
		}
	} else if problems != nil {
		return &RowError{Row: j.index, Line: j.line, Err: problems}
	}
	if len(all) == 1 && len(j.cells) == 1 {
		return &RowError{Row: j.index, Line: j.line, Column: all[0].Field, Err: errors.New(all[0].Message)}
	}
	return &RowError{Row: j.index, Line: j.line, Err: &callcenter.ValidationError{Errors: all}}
}
