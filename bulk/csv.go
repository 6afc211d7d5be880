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
	"sync"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Operation is the only value the operation column may hold.
const Operation = "call.center.create"

const operationColumn = "operation"

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
	Unknown  []string // column names that are not bulk-sheet columns
	Repeated []string // column names given more than once
	// Suggestions maps some of the Unknown names (the first few) to the
	// known column each is probably a misspelling of.
	Suggestions map[string]string
	Malformed   string // any other problem (empty input, empty column name)
	// NotCSV, when set, is the one sentence that says what the input is
	// instead of CSV and what to do (e.g. "this looks like an Excel .xlsx
	// file, not CSV: save it as CSV (UTF-8)"); the other fields are empty.
	NotCSV string
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

	// Apply only (see applyCells).
	nulls     []string    // the fields whose cell holds null: clear them
	required  []string    // nulls in required fields: refused unless the stored value is the word null
	aliases   []aliasCell // the alias cells, when the sheet has alias columns
	aliasCols bool        // the sheet has alias columns

	plan *planEntry // ApplyPlan: the plan's entry this row carries out
}

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
	delimiter rune     // 0: detect from the header line
	ignore    []string // column names to skip, compared case-insensitively
	apply     bool     // read null cells and alias positions (set by apply runs)
}

// Delimiter sets the character that separates the cells of a CSV sheet.
// Without it the reader takes the one of ',', ';' and tab that the header
// line uses most (',' when it uses none), so sheets saved by a spreadsheet
// set to a European locale read as they are. Quote, carriage return and
// line feed cannot be delimiters.
func Delimiter(r rune) Option { return func(c *config) { c.csv.delimiter = r } }

// IgnoreColumns makes the CSV reader skip the named columns (compared
// without regard to case) instead of refusing them as unknown: notes,
// a "reason" column of a sheet of failed rows, anything kept beside the
// data. A name that is not in the header is no error. Calls add up.
func IgnoreColumns(names ...string) Option {
	return func(c *config) { c.csv.ignore = append(c.csv.ignore, names...) }
}

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
}

// sniffSize is how much of the input is looked at to detect what it is.
const sniffSize = 8 << 10

// openCSV reads and checks the header of a bulk sheet. A header problem is
// a *HeaderError; a read error is wrapped.
func openCSV(src io.Reader, opts csvOptions) (*sheetReader, error) {
	br := bufio.NewReaderSize(src, 64<<10)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("bulk: reading CSV header: %w", err)
	}
	if len(head) == 0 {
		return nil, &HeaderError{Malformed: "no header row"}
	}
	if s := notCSV(head); s != "" {
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
	s := &sheetReader{r: r, delim: delim, header: make([]string, len(header))}
	for i, h := range header {
		s.header[i] = strings.TrimSpace(h)
	}
	if err := s.parseHeader(opts.ignore); err != nil {
		return nil, err
	}
	return s, nil
}

// firstLine is b up to its first line feed.
func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// notCSV says, in one sentence, what the start of an input is when it is
// not CSV text, and "" when it may be.
func notCSV(head []byte) string {
	const save = "save it as CSV (UTF-8)"
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "this looks like an Excel .xlsx file (a zip archive), not CSV: " + save
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "this looks like an old Excel .xls file, not CSV: " + save
	case bytes.HasPrefix(head, []byte("\x1F\x8B")):
		return "this is a gzip-compressed file, not CSV: decompress it first"
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "this is a PDF document, not CSV: export the sheet as CSV (UTF-8) instead"
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return "this is UTF-16 text (Excel's \"Unicode text\"), not UTF-8: " + save
	}
	line := firstLine(head)
	if bytes.IndexByte(line, 0) >= 0 {
		if utf16ish(line) {
			return "this looks like UTF-16 text, not UTF-8: " + save
		}
		return "this is a binary file, not CSV text: " + save
	}
	if nuls := bytes.Count(head, []byte{0}); nuls > 4 && nuls*100 > len(head) {
		return "this is a binary file, not CSV text: " + save
	}
	for _, c := range line {
		if c < 0x20 && c != '\t' && c != '\r' || c == 0x7F {
			return "this is a binary file, not CSV text: " + save
		}
	}
	if !utf8.Valid(line) {
		if bytes.ContainsFunc(head, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\r' && r != '\n' }) {
			return "this is a binary file, not CSV text: " + save
		}
		return "the header line is not UTF-8 text: " + save
	}
	return ""
}

// utf16ish reports whether b has NUL bytes in every other position, as
// UTF-16 text of mostly ASCII characters has.
func utf16ish(b []byte) bool {
	var even, odd int
	for i, c := range b {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(b) / 2
	return half > 0 && (even*10 >= half*8 && odd*10 < half || odd*10 >= half*8 && even*10 < half)
}

// detectDelimiter picks the one of ',', ';' and tab that the header line
// uses most outside quotes (',' on a tie or when none is used).
func detectDelimiter(line []byte) rune {
	var comma, semi, tab int
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			comma++
		case c == ';':
			semi++
		case c == '\t':
			tab++
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
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

// parseHeader maps the header's names to columns.
func (s *sheetReader) parseHeader(ignore []string) error {
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
			c, ok := canonical(h)
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
	for _, u := range e.Unknown[:min(len(e.Unknown), maxNamed)] {
		if sug, ok := suggest(u); ok {
			if e.Suggestions == nil {
				e.Suggestions = make(map[string]string)
			}
			e.Suggestions[u] = sug
		}
	}
	return e
}

// suggest returns the known column closest to an unknown name, when one is
// close enough to be a likely misspelling: the same name but for spaces,
// underscores or hyphens, the last part of a dotted name
// ("callingLineIdLastName" for serviceInstanceProfile.callingLineIdLastName),
// or a few edits away.
func suggest(name string) (string, bool) {
	if len(name) > 80 {
		return "", false
	}
	n := squash(name)
	if n == "" {
		return "", false
	}
	_, cand := known()
	limit := min(len(n)/4+1, 3)
	best, bestD := "", limit+1
	for _, c := range cand {
		full := squash(c)
		last := full
		if i := strings.LastIndexByte(c, '.'); i >= 0 {
			last = squash(c[i+1:])
		}
		if n == full || n == last {
			return c, true
		}
		if d := min(distance(n, full), distance(n, last)); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != ""
}

// squash lower-cases s and drops spaces, underscores and hyphens.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// distance is the Levenshtein distance between a and b, in bytes (the
// names compared are ASCII).
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// csvRows reads a bulk sheet. The header is read first: a header problem is
// returned as the error of the sequence's only element. Then each data row
// yields a row value (err set when a cell is bad). A read error of the
// underlying reader ends the sequence with that error.
func csvRows(src io.Reader, opts csvOptions) iter.Seq2[row, error] {
	return func(yield func(row, error) bool) {
		s, err := openCSV(src, opts)
		if err != nil {
			yield(row{}, err)
			return
		}
		for rec, err := range s.records() {
			if err != nil {
				yield(row{}, err)
				return
			}
			index, line := rec.index, rec.line
			out := row{index: index, line: line}
			if rec.err != nil {
				out.err = rec.err
			} else {
				out.cc, out.cells, out.err = s.parseRecord(rec.cells)
				if out.err == nil && opts.apply {
					s.applyCells(&out, rec.cells)
				}
				if out.err != nil {
					re := out.err.(*RowError)
					re.Row, re.Line = index, line
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
	line  int // 1-based line where the record starts
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
				re := &RowError{Row: index, Line: perr.StartLine, Err: perr.Err}
				if !yield(rawRecord{index: index, line: perr.StartLine, err: re}, nil) {
					return
				}
				index++
				continue
			}
			if err != nil {
				yield(rawRecord{index: index}, fmt.Errorf("bulk: reading CSV: %w", err))
				return
			}
			if isBlank(rec) {
				continue
			}
			line, _ := s.r.FieldPos(0)
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
				bad = append(bad, callcenter.FieldError{Field: col.name, Message: fmt.Sprintf("%q is not supported: want %s", v, Operation)})
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

// nullRequired is the problem of a null cell in a required field.
func nullRequired(field string) callcenter.FieldError {
	return callcenter.FieldError{Field: field, Message: "null: this field cannot be cleared (it is required)"}
}

// storedNull reports whether a stored value is the word null: the cell
// null then says what is stored (an export writes it so), and is no clear.
func storedNull(v string) bool { return strings.EqualFold(v, nullCell) }

// aliasColumn returns N of the column "serviceInstanceProfile.alias[N]".
func aliasColumn(name string) (int, bool) {
	var n int
	if _, err := fmt.Sscanf(name, callcenter.AliasField, &n); err != nil || fmt.Sprintf(callcenter.AliasField, n) != name {
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
	Line  int      // the 1-based line where the row starts
	Cells []string // the row's cells as written; nil when Err is set
	Err   error    // a *RowError when the row itself cannot be read (broken quoting)
}

// ReadCSV opens a bulk sheet the way [StreamCSV] does: the same byte order
// mark handling, delimiter detection, case-forgiving header check and
// [IgnoreColumns] ([Delimiter] and [IgnoreColumns] are the options that
// matter here; the others are ignored). A header the run would refuse is
// the same *HeaderError here, so a tool can refuse an input before it
// connects anywhere.
func ReadCSV(src io.Reader, opts ...Option) (*Sheet, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
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
