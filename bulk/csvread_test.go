package bulk

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// readAll runs the CSV reader the engine uses over in and returns its rows,
// or the error that ended it.
func readAll(t *testing.T, in string, opts ...Option) ([]row, error) {
	t.Helper()
	var c config
	for _, o := range opts {
		o(&c)
	}
	var out []row
	for r, err := range csvRows(strings.NewReader(in), c.csv) {
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

func headerError(t *testing.T, err error) *HeaderError {
	t.Helper()
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Fatalf("err = %v (%T), want a *HeaderError", err, err)
	}
	return he
}

// TestCSVDelimiterDetected: a sheet saved with ';' (Excel in much of
// Europe) or tabs reads like a comma-separated one, commas inside cells
// included; Delimiter overrides the detection.
func TestCSVDelimiterDetected(t *testing.T) {
	for name, sep := range map[string]string{"semicolon": ";", "tab": "\t", "comma": ","} {
		in := strings.Join([]string{"serviceUserId", "serviceInstanceProfile.name", "wrapUpSeconds"}, sep) + "\n" +
			strings.Join([]string{"a@x", `"Sales, North"`, "30"}, sep) + "\n"
		rows, err := readAll(t, in)
		if err != nil || len(rows) != 1 {
			t.Fatalf("%s: %v, %d rows", name, err, len(rows))
		}
		cc := rows[0].cc
		if cc.ServiceUserID != "a@x" || cc.Profile.Name != "Sales, North" || cc.WrapUpSeconds == nil || *cc.WrapUpSeconds != 30 || len(rows[0].cells) != 0 {
			t.Errorf("%s: read %+v (cells %v)", name, cc, rows[0].cells)
		}
		sh, err := ReadCSV(strings.NewReader(in))
		if err != nil || string(sh.Delimiter) != sep {
			t.Errorf("%s: ReadCSV delimiter %q, %v", name, sh.Delimiter, err)
		}
	}

	// Delimiter wins over detection: with ',' the ';' header is one unknown column.
	_, err := readAll(t, "serviceUserId;type\na@x;Basic\n", Delimiter(','))
	if he := headerError(t, err); !slices.Equal(he.Unknown, []string{"serviceUserId;type"}) {
		t.Errorf("Delimiter(','): unknown %q", he.Unknown)
	}
	// A given '|' is used.
	rows, err := readAll(t, "serviceUserId|type\na@x|Basic\n", Delimiter('|'))
	if err != nil || len(rows) != 1 || rows[0].cc.ServiceUserID != "a@x" || rows[0].cc.Type != callcenter.Basic {
		t.Errorf("Delimiter('|'): %v, %+v", err, rows)
	}
	// A delimiter that cannot separate cells is refused, not a panic.
	for _, d := range []rune{'"', '\n', '\r', -1} {
		if _, err := readAll(t, "serviceUserId\na@x\n", Delimiter(d)); err == nil || !strings.Contains(err.Error(), "Delimiter") {
			t.Errorf("Delimiter(%q): err %v", d, err)
		}
	}
}

// TestCSVHeaderForgivesCase: header names match whatever their case, alias
// columns included, and the repeat of a column in another case is a repeat.
func TestCSVHeaderForgivesCase(t *testing.T) {
	rows, err := readAll(t, "SERVICEUSERID,wrapupseconds,ServiceInstanceProfile.Alias[1],OPERATION,Type\n"+
		"a@x,45,b@x,call.center.create,standard\n")
	if err != nil || len(rows) != 1 {
		t.Fatalf("%v, %d rows", err, len(rows))
	}
	cc := rows[0].cc
	if cc.ServiceUserID != "a@x" || cc.WrapUpSeconds == nil || *cc.WrapUpSeconds != 45 ||
		!slices.Equal(cc.Profile.Aliases, []string{"b@x"}) || cc.Type != callcenter.Standard || len(rows[0].cells) != 0 {
		t.Errorf("read %+v, cells %v", cc, rows[0].cells)
	}
	_, err = readAll(t, "serviceUserId,ServiceUserID\na@x,a@x\n")
	if he := headerError(t, err); !slices.Equal(he.Repeated, []string{"ServiceUserID"}) || len(he.Unknown) != 0 {
		t.Errorf("repeat in another case: %+v", he)
	}
	// serviceInstanceProfile.alias[01] is no alias column in any case.
	_, err = readAll(t, "serviceUserId,serviceinstanceprofile.alias[01]\na@x,b@x\n")
	if he := headerError(t, err); len(he.Unknown) != 1 {
		t.Errorf("alias[01]: %+v", he)
	}
}

// TestCSVDidYouMean: a near miss is answered with the column meant; a name
// close to nothing gets no suggestion.
func TestCSVDidYouMean(t *testing.T) {
	for name, want := range map[string]string{
		"wrapupSecs":                      "wrapUpSeconds",
		"wrapUpSecond":                    "wrapUpSeconds",
		"queueLenght":                     "queueLength",
		"wrap_up_seconds":                 "wrapUpSeconds",
		"Wrap Up Seconds":                 "wrapUpSeconds",
		"callingLineIdLastName":           "serviceInstanceProfile.callingLineIdLastName",
		"servceUserId":                    "serviceUserId",
		"operaton":                        "operation",
		"serviceInstanceProfile.alais[0]": "serviceInstanceProfile.alias[0]",
		"colour":                          "",
		"notes":                           "",
		strings.Repeat("x", 500):          "",
	} {
		_, err := readAll(t, "serviceUserId,"+name+"\na@x,1\n")
		he := headerError(t, err)
		if !slices.Equal(he.Unknown, []string{name}) {
			t.Errorf("%q: unknown %q", name, he.Unknown)
			continue
		}
		got, ok := he.Suggestions[name]
		if got != want || ok != (want != "") {
			t.Errorf("%q: suggestion %q, want %q", name, got, want)
		}
		msg := err.Error()
		if hint := fmt.Sprintf("(did you mean %q?)", want); (want != "") != strings.Contains(msg, hint) {
			t.Errorf("%q: message %q (hint %q)", name, msg, hint)
		}
	}
}

// TestCSVIgnoreColumns: ignored columns (any case) are skipped, whatever
// they hold; without the option they are unknown.
func TestCSVIgnoreColumns(t *testing.T) {
	in := "serviceUserId,notes,type,Reason\na@x,call me,Basic,\"failed: exists, with other data\"\nb@x,,premium,\n"
	_, err := readAll(t, in)
	if he := headerError(t, err); !slices.Equal(he.Unknown, []string{"notes", "Reason"}) {
		t.Errorf("without IgnoreColumns: unknown %q", he.Unknown)
	}
	rows, err := readAll(t, in, IgnoreColumns("NOTES"), IgnoreColumns("reason", "absent"))
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v, %d rows", err, len(rows))
	}
	if rows[0].cc.ServiceUserID != "a@x" || rows[0].cc.Type != callcenter.Basic || rows[1].cc.Type != callcenter.Premium ||
		len(rows[0].cells)+len(rows[1].cells) != 0 || rows[0].err != nil {
		t.Errorf("rows %+v", rows)
	}
	// A column can be ignored even when it is a known one.
	rows, err = readAll(t, "serviceUserId,wrapUpSeconds\na@x,not a number\n", IgnoreColumns("wrapUpSeconds"))
	if err != nil || len(rows) != 1 || rows[0].cc.WrapUpSeconds != nil || len(rows[0].cells) != 0 {
		t.Errorf("ignoring a known column: %v, %+v", err, rows)
	}
}

// TestCSVNotCSV: input that is not CSV text gets one short plain sentence
// saying what it is, matching ErrNotCSV, instead of escapes as column names.
func TestCSVNotCSV(t *testing.T) {
	utf16 := func(s string, bom bool) string {
		var b bytes.Buffer
		if bom {
			b.WriteString("\xFF\xFE")
		}
		for _, c := range []byte(s) {
			b.WriteByte(c)
			b.WriteByte(0)
		}
		return b.String()
	}
	binary := make([]byte, 2048)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	for name, tc := range map[string]struct{ in, want string }{
		"xlsx":         {"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00\x00\x90\x04\x00\x00\x13\x00[Content_Types].xml", "Excel .xlsx"},
		"xls":          {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00", "Excel .xls"},
		"gzip":         {"\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03", "gzip"},
		"pdf":          {"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "PDF"},
		"utf16 no bom": {utf16("serviceUserId,type\r\na@x,Basic\r\n", false), "UTF-16"},
		"binary":       {string(binary), "binary"},
		"png":          {"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"},
	} {
		_, err := readAll(t, tc.in)
		he := headerError(t, err)
		msg := err.Error()
		if !errors.Is(err, ErrNotCSV) || he.NotCSV == "" || len(he.Unknown) != 0 || !strings.Contains(msg, tc.want) ||
			!strings.Contains(msg, "CSV") || strings.Contains(msg, `\x`) || strings.ContainsAny(msg, "\n\x00") || len(msg) > 120 {
			t.Errorf("%s: %q", name, msg)
		}
		if _, err := ReadCSV(strings.NewReader(tc.in)); !errors.Is(err, ErrNotCSV) {
			t.Errorf("%s: ReadCSV: %v", name, err)
		}
	}
	// A sheet with a UTF-8 byte order mark and non-ASCII data is CSV.
	rows, err := readAll(t, "\xEF\xBB\xBFserviceUserId,serviceInstanceProfile.name\na@x,Zürich Süd\n")
	if err != nil || len(rows) != 1 || rows[0].cc.Profile.Name != "Zürich Süd" {
		t.Errorf("UTF-8 with BOM: %v %+v", err, rows)
	}
}

// TestCSVHeaderErrorBounded: a 100,000-column header of unknown names
// gives an error that names five and counts the rest, in a few hundred
// bytes; long names are clipped. The error value still holds every name.
func TestCSVHeaderErrorBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("serviceUserId")
	for i := range 100_000 {
		fmt.Fprintf(&b, ",col%d", i)
	}
	b.WriteString("\n")
	_, err := readAll(t, b.String())
	he := headerError(t, err)
	msg := err.Error()
	if len(he.Unknown) != 100_000 || len(msg) > 400 || !strings.Contains(msg, `"col4"`) || strings.Contains(msg, `"col5"`) ||
		!strings.Contains(msg, "and 99995 more") {
		t.Errorf("%d unknown, message (%d bytes) %q", len(he.Unknown), len(msg), msg)
	}
	long := strings.Repeat("é", 300)
	_, err = readAll(t, "serviceUserId,"+long+"\n")
	msg = err.Error()
	if len(msg) > 200 || !strings.Contains(msg, "…") || !strings.Contains(msg, `unknown column "éé`) {
		t.Errorf("long name: (%d bytes) %q", len(msg), msg)
	}
	// Repeats are bounded the same way.
	_, err = readAll(t, "serviceUserId"+strings.Repeat(",serviceUserId", 50)+"\n")
	if he := headerError(t, err); len(he.Repeated) != 50 || !strings.Contains(err.Error(), "and 45 more") {
		t.Errorf("repeats: %q", err)
	}
	// One empty column name in the middle is named once.
	_, err = readAll(t, "serviceUserId,,type,,policy\n")
	if he := headerError(t, err); he.Malformed != "column 2 has no name" {
		t.Errorf("empty names: %q", err)
	}
	if _, err := readAll(t, ",,,\na,b,c,d\n"); headerError(t, err).Malformed != "the header row has no column names" {
		t.Errorf("no names: %v", err)
	}
	for _, in := range []string{"", "\xEF\xBB\xBF"} {
		if _, err := readAll(t, in); headerError(t, err).Malformed != "no header row" {
			t.Errorf("%q: %v", in, err)
		}
	}
}

// TestCSVTrailingUnnamedColumns: empty column names after the last named
// column (a spreadsheet's trailing empty columns) are skipped when their
// cells are empty or missing, and a value in one is that row's error.
func TestCSVTrailingUnnamedColumns(t *testing.T) {
	rows, err := readAll(t, "serviceUserId,type,,\na@x,Basic,,\nb@x,Basic\nc@x,Basic,,oops\nd@x\n")
	if err != nil || len(rows) != 4 {
		t.Fatalf("%v, %d rows", err, len(rows))
	}
	if rows[0].err != nil || rows[1].err != nil || rows[0].cc.ServiceUserID != "a@x" || rows[1].cc.ServiceUserID != "b@x" {
		t.Errorf("rows 0, 1: %+v %+v", rows[0], rows[1])
	}
	var re *RowError
	if !errors.As(rows[2].err, &re) || re.Row != 2 || re.Line != 4 || !strings.Contains(re.Error(), "column 4") {
		t.Errorf("row 2: %v", rows[2].err)
	}
	if !errors.As(rows[3].err, &re) || re.Row != 3 || !strings.Contains(re.Error(), "has 1 cells, the header has 2 columns") {
		t.Errorf("row 3: %v", rows[3].err)
	}
}

// TestCSVCellErrors: a cell that cannot be parsed is a field error naming
// its column (once: not "wrapUpSeconds: wrapUpSeconds: ...").
func TestCSVCellErrors(t *testing.T) {
	rows, err := readAll(t, "serviceUserId;WRAPUPSECONDS\na@x;3x\n")
	if err != nil || len(rows) != 1 || len(rows[0].cells) != 1 {
		t.Fatalf("%v, %+v", err, rows)
	}
	fe := rows[0].cells[0]
	if fe.Field != "wrapUpSeconds" || strings.Contains(fe.Message, "wrapUpSeconds") || fe.Message == "" {
		t.Errorf("field error %+v", fe)
	}
}

// TestReadCSV: ReadCSV reads the header and the rows as the run does: the
// same indexes (blank lines skipped, a row with broken quoting counted),
// the cells as written, ignored columns in the header.
func TestReadCSV(t *testing.T) {
	in := "\xEF\xBB\xBFserviceUserId;type;reason\n a@x ;Basic;old\n;;\nb\"x;Basic;\nc@x;\"Premium\";\n"
	sh, err := ReadCSV(strings.NewReader(in), IgnoreColumns("reason"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sh.Header, []string{"serviceUserId", "type", "reason"}) || sh.Delimiter != ';' {
		t.Errorf("header %q, delimiter %q", sh.Header, sh.Delimiter)
	}
	var got []SheetRow
	for r, err := range sh.Rows() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	if len(got) != 3 {
		t.Fatalf("%d rows: %+v", len(got), got)
	}
	if got[0].Index != 0 || got[0].Line != 2 || !slices.Equal(got[0].Cells, []string{" a@x ", "Basic", "old"}) {
		t.Errorf("row 0: %+v", got[0])
	}
	var re *RowError
	if got[1].Index != 1 || got[1].Cells != nil || !errors.As(got[1].Err, &re) || re.Line != 4 {
		t.Errorf("row 1: %+v", got[1])
	}
	if got[2].Index != 2 || got[2].Line != 5 || !slices.Equal(got[2].Cells, []string{"c@x", "Premium", ""}) {
		t.Errorf("row 2: %+v", got[2])
	}
	// The run gives the same rows the same indexes.
	rows, err := readAll(t, in, IgnoreColumns("reason"))
	if err != nil || len(rows) != 3 || rows[0].cc.ServiceUserID != "a@x" || rows[1].err == nil || rows[2].index != 2 || rows[2].cc.Type != callcenter.Premium {
		t.Errorf("csvRows: %v %+v", err, rows)
	}
	// A header the run refuses is refused here too.
	if _, err := ReadCSV(strings.NewReader("serviceUserId,reason\n")); headerError(t, err).Unknown[0] != "reason" {
		t.Errorf("ReadCSV without IgnoreColumns: %v", err)
	}
}

// FuzzCSVRead: for any input the reader never panics; ReadCSV and the
// run's reader agree on the header and on every row's index and line; and
// the rows are the records encoding/csv finds with the delimiter ReadCSV
// reports (blank ones aside, a malformed one counting as a row).
// plainText is a sheet's text as encoding/csv reads it: without a UTF-8
// byte order mark, and decoded from UTF-16 when it has a UTF-16 one (as the
// reader decodes it).
func plainText(in string) string {
	if strings.HasPrefix(in, "\xFF\xFE") || strings.HasPrefix(in, "\xFE\xFF") {
		out, _ := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().String(in)
		return out
	}
	return strings.TrimPrefix(in, "\xEF\xBB\xBF")
}

func FuzzCSVRead(f *testing.F) {
	f.Add("serviceUserId;type\nx@y;\"Ba\nsic\"\n")
	f.Add("serviceUserId\ttype\tnotes\nx@y\tBasic\t\"a\tb\"\n\n\t\t\n")
	f.Add("SERVICEUSERID,wrapupsecs,reason\na@x,3,\"b\"\"c\"\n\"bad\n")
	f.Add("PK\x03\x04")
	f.Add("\xFF\xFEs\x00")
	f.Add("serviceUserId,,\na,,x\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, rerr := readAll(t, in, IgnoreColumns("reason", "notes"))
		sh, err := ReadCSV(strings.NewReader(in), IgnoreColumns("reason", "notes"))
		if err != nil {
			if rerr == nil || len(rows) != 0 || rerr.Error() != err.Error() {
				t.Fatalf("ReadCSV: %v; the run: %v after %d rows", err, rerr, len(rows))
			}
			return
		}
		var got []SheetRow
		var readErr error
		for r, err := range sh.Rows() {
			if err != nil {
				readErr = err
				break
			}
			got = append(got, r)
		}
		if (readErr == nil) != (rerr == nil) || len(got) != len(rows) {
			t.Fatalf("ReadCSV: %d rows, %v; the run: %d rows, %v", len(got), readErr, len(rows), rerr)
		}
		for i := range got {
			if got[i].Index != i || rows[i].index != i || got[i].Line != rows[i].line || (got[i].Err != nil) != (got[i].Cells == nil) {
				t.Fatalf("row %d: ReadCSV %+v, the run %+v", i, got[i], rows[i])
			}
		}
		if readErr != nil {
			return
		}
		r := csv.NewReader(strings.NewReader(plainText(in)))
		r.Comma, r.FieldsPerRecord = sh.Delimiter, -1
		if _, err := r.Read(); err != nil {
			t.Fatalf("encoding/csv cannot read the header ReadCSV read: %v", err)
		}
		n := 0
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				n++
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(strings.Join(rec, "")) != "" {
				n++
			}
		}
		if n != len(rows) {
			t.Fatalf("encoding/csv with %q finds %d rows, the reader %d", sh.Delimiter, n, len(rows))
		}
	})
}

// TestCSVHeaderMissingHidesTheRow: a sheet saved without its header starts
// with a row of data, a password among its cells, wherever the columns
// are. The error says the header is missing and quotes none of the row's
// cells, in its message or its fields; a real header with a typo still
// gets its "did you mean".
func TestCSVHeaderMissingHidesTheRow(t *testing.T) {
	const pw = "Pässwörd€1"
	for _, first := range []string{
		"call.center.create,SP,G1,cc@example.com,Name,Last,First," + pw + ",Basic,Circular",
		pw + ",SP,G1,cc@example.com",
		"SP,G1,cc@example.com,x,y,z,w," + pw,
	} {
		_, err := readAll(t, first+"\n"+first+"\n")
		he := headerError(t, err)
		if strings.Contains(err.Error(), pw) || strings.Contains(fmt.Sprintf("%+v", *he), pw) {
			t.Errorf("the row's password is in the error: %q / %+v", err, *he)
		}
		if !strings.Contains(he.Malformed, "is the header row missing?") {
			t.Errorf("%q: does not say the header is missing: %q", first, err)
		}
	}
	// A header of names, one of them misspelled, is a header: named.
	_, err := readAll(t, "serviceUserId,polcy\n")
	if msg := err.Error(); !strings.Contains(msg, `unknown column "polcy" (did you mean "policy"?)`) || strings.Contains(msg, "missing") {
		t.Errorf("typo: %q", msg)
	}
	// Not one known name, but close to some: those are quoted.
	_, err = readAll(t, "serviceUserld,polcy,"+pw+"\n")
	if msg := err.Error(); !strings.Contains(msg, `"polcy" (did you mean "policy"?)`) || strings.Contains(msg, pw) {
		t.Errorf("near names: %q", msg)
	}
}
