package bulk

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Operation is the only value the operation column may hold.
const Operation = "call.center.create"

const operationColumn = "operation"

// HeaderError reports a CSV header that cannot be used: unknown or repeated
// column names, or no header at all. It is returned once for the whole
// input, before any row is created.
type HeaderError struct {
	Unknown   []string // column names that are not bulk-sheet columns
	Repeated  []string // column names given more than once
	Malformed string   // any other problem (empty input, empty column name)
}

// Error lists the problems.
func (e *HeaderError) Error() string {
	var parts []string
	if e.Malformed != "" {
		parts = append(parts, e.Malformed)
	}
	if len(e.Unknown) > 0 {
		parts = append(parts, fmt.Sprintf("unknown columns %q", e.Unknown))
	}
	if len(e.Repeated) > 0 {
		parts = append(parts, fmt.Sprintf("repeated columns %q", e.Repeated))
	}
	return "bulk: CSV header: " + strings.Join(parts, "; ")
}

// RowError is a problem with one CSV row: a cell that cannot be parsed, a
// wrong number of cells, or a row that fails validation. Row is the 0-based
// data row (the Result index), Line the 1-based line in the file where the
// row starts, Column the CSV column name when one cell is at fault.
type RowError struct {
	Row    int
	Line   int
	Column string
	Err    error
}

// Error returns e.g. `row 2 (line 4), column wrapUpSeconds: invalid integer "3x"`.
func (e *RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "row %d", e.Row)
	if e.Line > 0 {
		fmt.Fprintf(&b, " (line %d)", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %s", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the cause (a *callcenter.FieldError, *callcenter.ValidationError, ...).
func (e *RowError) Unwrap() error { return e.Err }

// row is one parsed input row: the call center, or why it could not be parsed.
type row struct {
	index int
	line  int
	cc    callcenter.CallCenter
	err   error                   // the row is unusable (wrong cell count, bad quoting)
	cells []callcenter.FieldError // cells that could not be parsed; the rest of cc is set
}

// csvRows reads a bulk sheet. The header is read first: a header problem is
// returned as the error of the sequence's only element. Then each data row
// yields a row value (err set when a cell is bad). A read error of the
// underlying reader ends the sequence with that error.
// csvOptions are the options of the CSV reader ([Delimiter],
// [IgnoreColumns]); the zero value reads the defaults.
type csvOptions struct{}

func csvRows(src io.Reader, opts csvOptions) iter.Seq2[row, error] {
	return func(yield func(row, error) bool) {
		br := bufio.NewReaderSize(src, 64<<10)
		if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
			br.Discard(3)
		}
		r := csv.NewReader(br)
		r.FieldsPerRecord = -1
		r.ReuseRecord = true
		header, err := r.Read()
		if err == io.EOF {
			yield(row{}, &HeaderError{Malformed: "no header row"})
			return
		}
		if err != nil {
			yield(row{}, fmt.Errorf("bulk: reading CSV header: %w", err))
			return
		}
		cols, herr := parseHeader(header)
		if herr != nil {
			yield(row{}, herr)
			return
		}
		for index := 0; ; {
			rec, err := r.Read()
			if err == io.EOF {
				return
			}
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				// A quoting problem: the record is unusable but reading goes
				// on at the next line, so it is this row's error.
				re := &RowError{Row: index, Line: perr.StartLine, Err: perr.Err}
				if !yield(row{index: index, line: perr.StartLine, err: re}, nil) {
					return
				}
				index++
				continue
			}
			if err != nil {
				yield(row{}, fmt.Errorf("bulk: reading CSV: %w", err))
				return
			}
			line, _ := r.FieldPos(0)
			if isBlank(rec) {
				continue
			}
			out := row{index: index, line: line}
			out.cc, out.cells, out.err = parseRecord(cols, rec)
			if out.err != nil {
				re := out.err.(*RowError)
				re.Row, re.Line = index, line
			}
			if !yield(out, nil) {
				return
			}
			index++
		}
	}
}

// isBlank reports whether a record has only empty cells (a line of commas).
func isBlank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func parseHeader(header []string) ([]string, error) {
	cols := make([]string, len(header))
	seen := make(map[string]bool, len(header))
	e := &HeaderError{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		cols[i] = h
		switch {
		case h == "":
			e.Malformed = fmt.Sprintf("column %d has no name", i+1)
		case seen[h]:
			e.Repeated = append(e.Repeated, h)
		case h != operationColumn && !callcenter.IsField(h):
			e.Unknown = append(e.Unknown, h)
		}
		seen[h] = true
	}
	if e.Malformed != "" || len(e.Unknown) > 0 || len(e.Repeated) > 0 {
		return nil, e
	}
	return cols, nil
}

// parseRecord turns one record into a call center. Cells are trimmed of
// surrounding spaces; empty cells leave fields unset. Cells that cannot be
// parsed are returned as field errors (all of them, not just the first) and
// leave their fields unset; err is set only when the record as a whole is
// unusable.
func parseRecord(cols, rec []string) (cc callcenter.CallCenter, bad []callcenter.FieldError, err error) {
	if len(rec) != len(cols) {
		return cc, nil, &RowError{Err: fmt.Errorf("has %d cells, the header has %d columns", len(rec), len(cols))}
	}
	for i, col := range cols {
		v := strings.TrimSpace(rec[i])
		if col == operationColumn {
			if v != Operation {
				bad = append(bad, callcenter.FieldError{Field: col, Message: fmt.Sprintf("%q is not supported: want %s", v, Operation)})
			}
			continue
		}
		if err := cc.Set(col, v); err != nil {
			var fe *callcenter.FieldError
			if !errors.As(err, &fe) {
				fe = &callcenter.FieldError{Field: col, Message: err.Error()}
			}
			bad = append(bad, *fe)
		}
	}
	return cc, bad, nil
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
