package bulk

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// The CSV reader: a sheet's header mapped to columns, then each record
// parsed into a row (a call center, the cells that could not be parsed,
// and for an apply what its null and alias cells mean).

const operationColumn = "operation"

// row is one parsed input row: the call center, or why it could not be parsed.
type row struct {
	index int
	line  int
	cc    callcenter.CallCenter
	err   error                   // the row is unusable (wrong cell count, bad quoting)
	cells []callcenter.FieldError // cells that could not be parsed; the rest of cc is set

	normalized numberSet  // the number columns whose cells normalizeRow rewrote
	defaulted  defaultSet // the columns the defaults filled (set where they are applied to build a create)

	// Apply only (see applyCells).
	nulls     []string    // the fields whose cell holds null: clear them
	required  []string    // nulls in required fields: refused unless the stored value is the word null
	aliases   []aliasCell // the alias cells, when the sheet has alias columns
	aliasCols bool        // the sheet has alias columns

	plan  *planEntry // ApplyPlan: the plan's entry this row carries out
	prune bool       // Prune: a deletion, of the call center cc names

	staff *staffRow // a row of an agent sheet (staffing_csv.go); nil for call centers
}

// isPrune reports whether the row is a deletion that the sheet's rows do
// not ask for: Prune's, or a plan's of Prune.
func (rw *row) isPrune() bool { return rw.prune || rw.plan != nil && rw.plan.Prune }

// aliasCell is one alias column's cell of a row: a value, empty (keep the
// stored alias at that position), or null (remove it).
type aliasCell struct {
	index int
	value string
	null  bool
}

// nullCell is the cell text that clears a field in an apply (any case), as
// in mercury-ocip's sheets.
const nullCell = "null"

// csvOptions are the options of the CSV reader ([Delimiter],
// [IgnoreColumns]); the zero value reads the defaults.
type csvOptions struct {
	delimiter rune              // 0: detect from the header line
	encoding  encoding.Encoding // without a byte order mark; nil: UTF-8
	ignore    []string          // column names to skip, compared case-insensitively
	apply     bool              // read null cells and alias positions (set by apply runs)
	kind      sheetKind
}

// sheetKind is which sheet a reader takes: call centers (reference 000's
// columns, the zero value), an agent sheet (staffing_csv.go), or either
// (ReadCSV: the header decides).
type sheetKind int

const (
	callCenterSheet sheetKind = iota
	agentSheet
	anySheet
)

// columnSet is the columns of one kind of sheet: the canonical spelling of
// a header name, and the names a "did you mean" may offer.
type columnSet struct {
	canonical  func(h string) (string, bool)
	candidates func() []string
}

var callCenterColumns = columnSet{canonical: canonical, candidates: func() []string { _, c := known(); return c }}

// column is one header cell as the reader uses it.
type column struct {
	name string // canonical column name; "" for a skipped column
	// unnamed marks a column with an empty name after the last named one
	// (a spreadsheet's trailing empty columns): its cells must be empty.
	unnamed bool
}

// sheetReader is an opened sheet: the header has been read and checked.
type sheetReader struct {
	r      *csv.Reader
	header []string // as written, trimmed
	cols   []column
	named  int // columns up to and including the last named one
	delim  rune
	kind   sheetKind // the kind the header is of (never anySheet)
	// breaks counts the line breaks inside the cells read so far: a
	// spreadsheet shows a record as one line, however many lines of the
	// file its cells take, so a record's line there is its first line in
	// the file less the breaks before it.
	breaks int
}

// lineBreaks counts the line breaks inside a record's cells.
func lineBreaks(rec []string) int {
	n := 0
	for _, c := range rec {
		n += strings.Count(c, "\n")
	}
	return n
}

// openCSV reads and checks the header of a bulk sheet. A header problem is
// a *HeaderError; a read error is wrapped.
func openCSV(src io.Reader, opts csvOptions) (*sheetReader, error) {
	raw := bufio.NewReaderSize(src, 64<<10)
	head, err := raw.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("bulk: reading CSV header: %w", err)
	}
	if s := notCSV(head, opts.encoding == nil || opts.encoding == xunicode.UTF8); s != "" {
		return nil, &HeaderError{NotCSV: s}
	}
	br := bufio.NewReaderSize(textReader(raw, opts.encoding), 64<<10)
	head, err = br.Peek(sniffSize)
	var ee *EncodingError
	switch {
	case errors.As(err, &ee):
		return nil, ee
	case err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull):
		return nil, fmt.Errorf("bulk: reading CSV header: %w", err)
	case len(head) == 0:
		return nil, &HeaderError{Malformed: "no header row"}
	}
	if s := notCSVText(head); s != "" {
		return nil, &HeaderError{NotCSV: s}
	}
	delim := opts.delimiter
	if delim == 0 {
		delim = detectDelimiter(firstLine(head))
	} else if delim == '"' || delim == '\r' || delim == '\n' || delim == utf8.RuneError || !utf8.ValidRune(delim) {
		return nil, fmt.Errorf("bulk: Delimiter %q cannot separate CSV cells", delim)
	}
	r := csv.NewReader(br)
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, &HeaderError{Malformed: "no header row"}
	}
	if err != nil {
		return nil, fmt.Errorf("bulk: reading CSV header: %w", err)
	}
	s := &sheetReader{r: r, delim: delim, header: make([]string, len(header)), breaks: lineBreaks(header)}
	for i, h := range header {
		s.header[i] = strings.TrimSpace(h)
	}
	if err := s.headerOf(opts); err != nil {
		return nil, err
	}
	return s, nil
}

// headerOf maps the header to the columns of the sheet kind opts asks
// for; anySheet takes the kind whose columns the header has (call centers
// when both fit, as a header of operation and serviceUserId does). A
// sheet of call centers whose header is an agent sheet's is refused with
// that said.
func (s *sheetReader) headerOf(opts csvOptions) error {
	if opts.kind == agentSheet {
		s.kind = agentSheet
		return s.parseHeader(opts.ignore, agentColumns)
	}
	s.kind = callCenterSheet
	err := s.parseHeader(opts.ignore, callCenterColumns)
	if err == nil {
		return nil
	}
	if staffErr := s.parseHeader(opts.ignore, agentColumns); staffErr != nil {
		// Neither: an agent sheet's error where it is the closer one (a
		// misspelt agent column gets its "did you mean").
		var ce, ae *HeaderError
		if opts.kind == anySheet && errors.As(err, &ce) && errors.As(staffErr, &ae) && ae.unknown < ce.unknown {
			return staffErr
		}
		return err
	}
	if opts.kind == anySheet {
		s.kind = agentSheet
		return nil
	}
	return &HeaderError{Malformed: "this is an agent sheet (" + StaffingOperation + ": its columns are agentUserIdList.userId[N] and the like), not a sheet of call centers: " +
		"apply it with ModifyAgentsFromCSV (bulk-csv tells the two apart by the operation column)"}
}

// known maps the lower-cased name of every column (but the alias columns,
// matched by their prefix) to its spelling; candidates are the names a
// "did you mean" may offer.
var known = sync.OnceValues(func() (map[string]string, []string) {
	m := map[string]string{operationColumn: operationColumn}
	cand := []string{operationColumn}
	for _, c := range callcenter.Columns() {
		m[strings.ToLower(c.Field)] = c.Field
		cand = append(cand, c.Field)
	}
	for i := range callcenter.MaxAliases {
		cand = append(cand, fmt.Sprintf(callcenter.AliasField, i))
	}
	return m, cand
})

// aliasPrefix is the start of the alias columns' names.
var aliasPrefix = strings.TrimSuffix(callcenter.AliasField, "%d]")

// canonical returns the spelling of the column h names, forgiving case.
func canonical(h string) (string, bool) {
	if h == operationColumn || callcenter.IsField(h) {
		return h, true
	}
	lower := strings.ToLower(h)
	m, _ := known()
	if c, ok := m[lower]; ok {
		return c, true
	}
	if rest, ok := strings.CutPrefix(lower, strings.ToLower(aliasPrefix)); ok {
		if c := aliasPrefix + rest; callcenter.IsField(c) {
			return c, true
		}
	}
	return "", false
}

// parseHeader maps the header's names to the columns of set.
func (s *sheetReader) parseHeader(ignore []string, set columnSet) error {
	s.cols = make([]column, len(s.header))
	for i, h := range s.header {
		if h != "" {
			s.named = i + 1
		}
	}
	if s.named == 0 {
		return &HeaderError{Malformed: "the header row has no column names"}
	}
	seen := make(map[string]bool, len(s.header))
	e := &HeaderError{}
	for i, h := range s.header {
		switch {
		case h == "" && i >= s.named:
			s.cols[i].unnamed = true
		case h == "":
			if e.Malformed == "" {
				e.Malformed = fmt.Sprintf("column %d has no name", i+1)
			}
		case slices.ContainsFunc(ignore, func(n string) bool { return strings.EqualFold(strings.TrimSpace(n), h) }):
			// skipped: cols[i].name stays ""
		default:
			c, ok := set.canonical(h)
			switch {
			case !ok:
				e.Unknown = append(e.Unknown, h)
			case seen[c]:
				e.Repeated = append(e.Repeated, h)
			default:
				s.cols[i].name = c
			}
			seen[c] = ok
		}
	}
	if e.Malformed == "" && len(e.Unknown) == 0 && len(e.Repeated) == 0 {
		return nil
	}
	e.unknown = len(e.Unknown)
	if len(e.Unknown) > 0 && !slices.ContainsFunc(s.cols, func(c column) bool { return c.name != "" }) {
		// Not one cell names a column: the first line is most likely a
		// row of data (the header left out), whose cells may hold a
		// password. Only the cells close to a column name are quoted.
		n, names := len(e.Unknown), set.candidates()
		e.Unknown = slices.DeleteFunc(e.Unknown, func(u string) bool { return !nameLike(u, names) })
		if len(e.Unknown) < n {
			e.Malformed = "no cell of the first line is a column name: is the header row missing? " +
				"(its other cells are not repeated here: a row of data may hold a password)"
		}
	}
	for _, u := range e.Unknown[:min(len(e.Unknown), maxNamed)] {
		if sug, ok := suggestFrom(u, set.candidates()); ok {
			if e.Suggestions == nil {
				e.Suggestions = make(map[string]string)
			}
			e.Suggestions[u] = sug
		}
	}
	return e
}

// nameLike reports whether a cell that is no column name is close to one
// (a misspelling) or holds a long one (a header saved with another
// delimiter: "serviceUserId;type"): a header's cell, not a row's.
func nameLike(cell string, names []string) bool {
	if _, ok := suggestFrom(cell, names); ok {
		return true
	}
	lower := strings.ToLower(cell)
	return slices.ContainsFunc(names, func(n string) bool { return len(n) >= 8 && strings.Contains(lower, strings.ToLower(n)) })
}

// csvRows reads a bulk sheet, as sheetRows does.
func csvRows(src io.Reader, opts csvOptions) iter.Seq2[row, error] {
	return sheetRows(src, opts, nil, func(s *sheetReader, out *row, cells []string) {
		out.cc, out.cells, out.err = s.parseRecord(cells)
		if out.err == nil && opts.apply {
			s.applyCells(out, cells)
		}
		if out.err == nil {
			out.normalized = normalizeRow(&out.cc)
		}
	})
}

// sheetRows reads a sheet of the kind opts asks for. The header is read
// first, and checked by check when it is not nil: a header problem is
// returned as the error of the sequence's only element. Then each data
// record yields a row value, filled in by parse (which sets err, a
// *RowError, when a cell is bad; sheetRows gives it the row's index and
// line). A row of an agent sheet carries its staffRow, even one that
// cannot be read. A read error of the underlying reader ends the sequence
// with that error.
func sheetRows(src io.Reader, opts csvOptions, check func(*sheetReader) error, parse func(s *sheetReader, out *row, cells []string)) iter.Seq2[row, error] {
	return func(yield func(row, error) bool) {
		s, err := openCSV(src, opts)
		if err == nil && check != nil {
			err = check(s)
		}
		if err != nil {
			yield(row{}, err)
			return
		}
		// One row, reused: parse takes its address, which would otherwise
		// move every row (hundreds of bytes) to the heap; yield copies it.
		var out row
		for rec, err := range s.records() {
			if err != nil {
				yield(row{}, err)
				return
			}
			out = row{index: rec.index, line: rec.line}
			if opts.kind == agentSheet {
				out.staff = &staffRow{}
			}
			if rec.err != nil {
				out.err = rec.err
			} else {
				parse(s, &out, rec.cells)
				if re, ok := out.err.(*RowError); ok {
					re.Row, re.Line = rec.index, rec.line
				}
			}
			if !yield(out, nil) {
				return
			}
		}
	}
}

// rawRecord is one data record as read: its cells (reused by the next
// read) or why it cannot be read.
type rawRecord struct {
	index int // the Result index
	line  int // the record's line as a spreadsheet numbers it (the header is 1)
	cells []string
	err   *RowError
}

// records yields the data records after the header with their line and
// Result index: blank records are skipped, a record with broken quoting
// counts as a row (with its error) and reading goes on at the next line.
// A read error ends the sequence.
func (s *sheetReader) records() iter.Seq2[rawRecord, error] {
	return func(yield func(rawRecord, error) bool) {
		for index := 0; ; {
			rec, err := s.r.Read()
			if err == io.EOF {
				return
			}
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				line := perr.StartLine - s.breaks
				re := &RowError{Row: index, Line: line, Err: perr.Err}
				if !yield(rawRecord{index: index, line: line, err: re}, nil) {
					return
				}
				index++
				continue
			}
			if err != nil {
				yield(rawRecord{index: index}, fmt.Errorf("bulk: reading CSV: %w", err))
				return
			}
			line, _ := s.r.FieldPos(0)
			line -= s.breaks
			s.breaks += lineBreaks(rec)
			if isBlank(rec) {
				continue
			}
			if !yield(rawRecord{index: index, line: line, cells: rec}, nil) {
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

// parseRecord turns one record into a call center. Cells are trimmed of
// surrounding spaces; empty cells leave fields unset; cells of ignored
// columns are skipped. Cells that cannot be parsed are returned as field
// errors (all of them, not just the first) and leave their fields unset;
// err is set only when the record as a whole is unusable.
func (s *sheetReader) parseRecord(rec []string) (cc callcenter.CallCenter, bad []callcenter.FieldError, err error) {
	if len(rec) < s.named || len(rec) > len(s.cols) {
		return cc, nil, &RowError{Err: fmt.Errorf("has %d cells, the header has %d columns", len(rec), s.named)}
	}
	for i, v := range rec {
		col := s.cols[i]
		if col.name == "" {
			if col.unnamed && strings.TrimSpace(v) != "" {
				return cc, nil, &RowError{Err: fmt.Errorf("has a value in column %d, which has no name in the header", i+1)}
			}
			continue
		}
		v = strings.TrimSpace(v)
		if col.name == operationColumn {
			if v != Operation {
				msg := fmt.Sprintf("%q is not supported: want %s", v, Operation)
				if v == StaffingOperation {
					msg += " (a row of an agent sheet: apply it with ModifyAgentsFromCSV)"
				}
				bad = append(bad, callcenter.FieldError{Field: col.name, Message: msg})
			}
			continue
		}
		if err := cc.Set(col.name, v); err != nil {
			bad = append(bad, fieldError(col.name, err))
		}
	}
	return cc, bad, nil
}

// applyCells reads what a row's cells mean to an apply beyond their
// values: the fields whose cell holds null, and the alias cells by
// position. A null in a column that names the call center (or holds the
// password, which cannot be read back) is a cell error: such a field
// cannot be cleared. A null in another required field is refused once the
// stored call center is read, unless its value is the word null itself
// (then the cell says what is stored, as an export writes it).
func (s *sheetReader) applyCells(out *row, rec []string) {
	for i, v := range rec {
		col := s.cols[i]
		if col.name == "" || col.name == operationColumn {
			continue
		}
		v = strings.TrimSpace(v)
		null := strings.EqualFold(v, nullCell)
		if idx, ok := aliasColumn(col.name); ok {
			out.aliasCols = true
			out.aliases = append(out.aliases, aliasCell{index: idx, value: v, null: null})
			if null {
				// cc.Set took the word as an alias: drop it.
				out.cc.Profile.Aliases = slices.DeleteFunc(out.cc.Profile.Aliases, func(a string) bool { return a == v })
			}
			continue
		}
		if !null {
			continue
		}
		// parseRecord has set the field to the word (or refused it): unset
		// it, and drop the cell error the word may have caused.
		out.cells = slices.DeleteFunc(out.cells, func(fe callcenter.FieldError) bool { return fe.Field == col.name })
		_ = out.cc.Unset(col.name)
		if c, ok := columnOf(col.name); ok && c.Required {
			switch col.name {
			case "serviceProviderId", "groupId", "serviceUserId", passwordColumn:
				out.cells = append(out.cells, nullRequired(col.name))
			default:
				out.required = append(out.required, col.name)
			}
			continue
		}
		out.nulls = append(out.nulls, col.name)
	}
	if len(out.cells) == 0 {
		out.cells = nil
	}
}

// storedNull reports whether a stored value is the word null: the cell
// null then says what is stored (an export writes it so), and is no clear.
func storedNull(v string) bool { return strings.EqualFold(v, nullCell) }

// aliasColumn returns N of the column "serviceInstanceProfile.alias[N]".
func aliasColumn(name string) (int, bool) {
	prefix, suffix, _ := strings.Cut(callcenter.AliasField, "%d")
	digits, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	if digits, ok = strings.CutSuffix(digits, suffix); !ok {
		return 0, false
	}
	// The column as AliasField writes it, and no other spelling ("alias[01]").
	n, err := strconv.Atoi(digits)
	if err != nil || strconv.Itoa(n) != digits {
		return 0, false
	}
	return n, true
}

// columnOf returns the table's column named name.
func columnOf(name string) (callcenter.Column, bool) {
	for _, c := range callcenter.Columns() {
		if c.Field == name {
			return c, true
		}
	}
	return callcenter.Column{}, false
}
