package bulk_test

import (
	"context"
	"errors"
	"fmt"
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
