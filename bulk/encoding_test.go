package bulk_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/ccsdk/callcenter-go/bulk"
)

// encoded is s in the encoding e.
func encoded(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const kanaSheet = "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,serviceInstanceProfile.hiraganaLastName,serviceInstanceProfile.name\n" +
	"SP,G1,a@x,pw,セールス,Zürich Süd\n" +
	"SP,G1,b@x,pw,センター,Ünter\n"

// TestEncodings: UTF-16 in either byte order is read by its byte order
// mark; Shift_JIS and Windows-1252 sheets are read with Encoding; read as
// UTF-8 (by mistake) they are one *EncodingError naming the line and the
// encoding they are likely in, not an error per cell; a sheet not valid in
// the encoding it is read in is one error too. A rune cut between two
// reads is no error.
func TestEncodings(t *testing.T) {
	names := func(in string, opts ...bulk.Option) ([]string, error) {
		res, err := bulk.CreateFromCSV(context.Background(), newMem(), iotest.OneByteReader(strings.NewReader(in)), append(opts, bulk.DryRun())...)
		var out []string
		for _, r := range res {
			d := r.Data()
			out = append(out, d.Profile.HiraganaLastName+"/"+d.Profile.Name+"/"+fmt.Sprint(r.Err))
		}
		return out, err
	}
	utf16le := encoded(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), kanaSheet)
	want := "[セールス/Zürich Süd/<nil> センター/Ünter/<nil>]"
	for name, tc := range map[string]struct {
		in   string
		opts []bulk.Option
	}{
		"utf-8":                  {kanaSheet, nil},
		"utf-8 bom":              {"\uFEFF" + kanaSheet, nil},
		"utf-16le bom":           {utf16le, nil},
		"utf-16be bom":           {encoded(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), kanaSheet), nil},
		"utf-16 bom wins":        {utf16le, []bulk.Option{bulk.Encoding(japanese.ShiftJIS)}},
		"shift_jis":              {encoded(t, japanese.ShiftJIS, strings.NewReplacer("ü", "u", "Ü", "U").Replace(kanaSheet)), []bulk.Option{bulk.Encoding(japanese.ShiftJIS)}},
		"windows-1252":           {encoded(t, charmap.Windows1252, strings.NewReplacer("セールス", "", "センター", "").Replace(kanaSheet)), []bulk.Option{bulk.Encoding(charmap.Windows1252)}},
		"utf-8 given as unicode": {kanaSheet, []bulk.Option{bulk.Encoding(unicode.UTF8)}},
	} {
		got, err := names(tc.in, tc.opts...)
		w := want
		switch name {
		case "shift_jis":
			w = "[セールス/Zurich Sud/<nil> センター/Unter/<nil>]"
		case "windows-1252":
			w = "[/Zürich Süd/<nil> /Ünter/<nil>]"
		}
		if err != nil || fmt.Sprint(got) != w {
			t.Errorf("%s: %v, %v; want %s", name, got, err, w)
		}
	}

	for name, tc := range map[string]struct {
		in       string
		opts     []bulk.Option
		line     int
		enc      string
		likely   string
		rowsRead int
	}{
		"shift_jis read as utf-8":    {encoded(t, japanese.ShiftJIS, strings.NewReplacer("ü", "u", "Ü", "U").Replace(kanaSheet)), nil, 2, "utf-8", "shift_jis", 0},
		"windows-1252 read as utf-8": {encoded(t, charmap.Windows1252, strings.NewReplacer("セールス", "", "センター", "").Replace(kanaSheet)), nil, 2, "utf-8", "windows-1252", 0},
		"bad shift_jis":              {"serviceUserId,serviceInstanceProfile.name\na@x,A\nb@x,\x82\xa0\xff\n", []bulk.Option{bulk.Encoding(japanese.ShiftJIS)}, 3, "shift_jis", "", 0},
		// Past the first 8 KiB the rows before are read, then the error ends the run.
		"bad byte on line 400": {sheet(398) + "call.center.create,SP,G1,x@x,pw\xff,Basic,Circular\n", nil, 400, "utf-8", "windows-1252", 398},
	} {
		res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(tc.in), append(tc.opts, bulk.DryRun())...)
		var ee *bulk.EncodingError
		if !errors.As(err, &ee) || ee.Line != tc.line || ee.Encoding != tc.enc || ee.Likely != tc.likely || len(res) != tc.rowsRead {
			t.Errorf("%s: %d results, %v (%+v); want an EncodingError on line %d, %s, likely %q, after %d rows", name, len(res), err, ee, tc.line, tc.enc, tc.likely, tc.rowsRead)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, fmt.Sprintf("line %d is not %s text", tc.line, tc.enc)) || !strings.Contains(msg, "CSV UTF-8") {
			t.Errorf("%s: %q", name, msg)
		}
		if _, err := bulk.ReadCSV(strings.NewReader(tc.in), tc.opts...); tc.rowsRead == 0 && !errors.As(err, &ee) {
			t.Errorf("%s: ReadCSV: %v, want the EncodingError before any row", name, err)
		}
	}
}

// TestUTF8ReadInAnotherEncoding: a UTF-8 sheet without a byte order mark
// (LibreOffice, Google Sheets, a script) read with Encoding(windows-1252)
// or Encoding(shift_jis), as a command line kept from an earlier sheet
// says, would be stored changed without an error: Pässwörd as PÃ¤sswÃ¶rd
// or Pﾃ､sswﾃｶrd, the password too. It is one *EncodingError on the first
// line with characters outside ASCII, before any row; a sheet really in
// that encoding is read as before, also when that line comes after the
// first reads, and an ASCII sheet reads in any encoding.
func TestUTF8ReadInAnotherEncoding(t *testing.T) {
	const sheet = "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,serviceInstanceProfile.name\n" +
		"SP,G1,a@x,plain-pw,A\n" +
		"SP,G1,b@x,Pässwörd,Café Zürich\n"
	long := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,serviceInstanceProfile.name\n" +
		strings.Repeat("SP,G1,a@x,plain-pw,A\n", 5000) + "SP,G1,b@x,Pässwörd,Café Zürich\n"
	for _, e := range []encoding.Encoding{charmap.Windows1252, japanese.ShiftJIS, charmap.ISO8859_15} {
		for name, in := range map[string]string{"short": sheet, "long": long} {
			for _, src := range []func(string) io.Reader{
				func(s string) io.Reader { return strings.NewReader(s) },
				func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
			} {
				res, err := bulk.CreateFromCSV(context.Background(), newMem(), src(in), bulk.Encoding(e), bulk.DryRun())
				var ee *bulk.EncodingError
				wantLine := strings.Count(in, "\n")
				if !errors.As(err, &ee) || ee.Likely != "utf-8" || ee.Line != wantLine {
					t.Errorf("%v, %s: %d results, %v; want an EncodingError on line %d, likely utf-8", e, name, len(res), err, wantLine)
					continue
				}
				if name == "short" && len(res) != 0 {
					t.Errorf("%v: %d rows read before the error", e, len(res))
				}
				for _, r := range res {
					if d := r.Data(); strings.ContainsAny(d.Profile.Name+string(d.Profile.Password), "ÃﾃÂ") {
						t.Errorf("%v: a row read changed: %+v", e, d)
					}
				}
				if msg := err.Error(); !strings.Contains(msg, "UTF-8 text, not") {
					t.Errorf("%v: %q", e, msg)
				}
			}
		}
		// The sheet in e itself, and ASCII, read as before.
		if e == japanese.ShiftJIS {
			continue // no ä in Shift_JIS
		}
		res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(encoded(t, e, long)), bulk.Encoding(e), bulk.DryRun())
		if err != nil || len(res) != 5001 || string(res[5000].Data().Profile.Password) != "Pässwörd" {
			t.Errorf("%v: the sheet in its own encoding: %d rows, %v", e, len(res), err)
		}
	}
	kana := encoded(t, japanese.ShiftJIS, strings.NewReplacer("ü", "u", "Ü", "U").Replace(kanaSheet))
	if res, err := bulk.CreateFromCSV(context.Background(), newMem(), iotest.OneByteReader(strings.NewReader(kana)), bulk.Encoding(japanese.ShiftJIS), bulk.DryRun()); err != nil || len(res) != 2 {
		t.Errorf("shift_jis: %d rows, %v", len(res), err)
	}
	ascii := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password\nSP,G1,a@x,pw-1\n"
	if res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(ascii), bulk.Encoding(japanese.ShiftJIS), bulk.DryRun()); err != nil || len(res) != 1 {
		t.Errorf("ascii: %d rows, %v", len(res), err)
	}
}
