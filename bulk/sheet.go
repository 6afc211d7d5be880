package bulk

import (
	"io"
	"iter"
	"slices"
)

// The public side of the CSV reader: a sheet as its rows of text, for
// tools that count the rows first or copy failed rows out.

// Operation is the only value the operation column may hold.
const Operation = "call.center.create"

// Sheet is a bulk sheet opened by [ReadCSV]: its header and, through
// [Sheet.Rows], its data rows as text, read exactly as [StreamCSV] reads
// them. Tools use it to count the rows before a run (for [Total]) and to
// copy the rows that failed, in the input's own columns, into a sheet to
// fix and feed back.
type Sheet struct {
	// Header holds the header's cells as written (trimmed, byte order mark
	// removed), ignored columns included.
	Header []string
	// Delimiter separates the cells: the one given with [Delimiter], or
	// the one detected from the header line.
	Delimiter rune
	s         *sheetReader
}

// SheetRow is one data row of a [Sheet], unparsed.
type SheetRow struct {
	Index int      // the Index of the row's Result
	Line  int      // the row's line as a spreadsheet numbers it (the header is line 1; see [RowError])
	Cells []string // the row's cells as written; nil when Err is set
	Err   error    // a *RowError when the row itself cannot be read (broken quoting)
}

// ReadCSV opens a bulk sheet the way [StreamCSV] does: the same text
// encoding (byte order marks, [Encoding]), delimiter detection,
// case-forgiving header check and [IgnoreColumns] ([Encoding], [Delimiter]
// and [IgnoreColumns] are the options that matter here; the others are
// ignored). A sheet that is not text in its encoding is an
// *[EncodingError], here when the problem is in its first 8 KiB, else from
// [Sheet.Rows]. A header the run would refuse is
// the same *HeaderError here, so a tool can refuse an input before it
// connects anywhere. It takes a sheet of call centers and an agent sheet
// ([ModifyAgentsFromCSV]) alike: the header decides (see [SheetOperation]
// to tell them apart by the operation column).
func ReadCSV(src io.Reader, opts ...Option) (*Sheet, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	c.csv.kind = anySheet
	s, err := openCSV(src, c.csv)
	if err != nil {
		return nil, err
	}
	return &Sheet{Header: s.header, Delimiter: s.delim, s: s}, nil
}

// Rows yields the data rows after the header, with the indexes their
// results carry: blank lines are skipped, and a row whose quoting is broken
// is yielded with its error (reading goes on at the next line). A read
// error of the input ends the sequence. Rows reads the input once: a
// second call yields nothing.
func (sh *Sheet) Rows() iter.Seq2[SheetRow, error] {
	return func(yield func(SheetRow, error) bool) {
		for rec, err := range sh.s.records() {
			if err != nil {
				yield(SheetRow{Index: rec.index}, err)
				return
			}
			r := SheetRow{Index: rec.index, Line: rec.line, Cells: slices.Clone(rec.cells)}
			if rec.err != nil {
				r.Err = rec.err
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}
