package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"

	"github.com/ccsdk/callcenter-go/bulk"
)

// sheetEncoding returns the encoding -encoding names: a name or label of
// the WHATWG encoding standard (what browsers accept: shift_jis, sjis,
// windows-1252, latin1, utf-16le, euc-kr, gbk...), or else an IANA name
// (windows-31j, ibm437...).
func sheetEncoding(name string) (encoding.Encoding, error) {
	if e, err := htmlindex.Get(name); err == nil {
		return e, nil
	}
	if e, err := ianaindex.IANA.Encoding(name); err == nil && e != nil {
		return e, nil
	}
	return nil, usagef("-encoding %q: not an encoding this tool knows; try utf-8, shift_jis, windows-1252, iso-8859-15, utf-16le, euc-kr or gbk", name)
}

// encodingAdvice is the one message for a sheet that is not text in the
// encoding it was read in: which line, what it likely is, and how to save
// it or read it as it is.
func encodingAdvice(path string, err error) (string, bool) {
	var he *bulk.HeaderError
	if errors.As(err, &he) && strings.Contains(he.NotCSV, "UTF-16") {
		// UTF-16 without a byte order mark: which byte order, by where
		// the NUL bytes of its ASCII letters are.
		enc := "utf-16le"
		if head, rerr := readHead(path, 2); rerr == nil && len(head) == 2 && head[0] == 0 && head[1] != 0 {
			enc = "utf-16be"
		}
		return fmt.Sprintf("%s is UTF-16 text without a byte order mark.\n"+
			"  Read it as it is with -encoding %s, or save it as \"CSV UTF-8 (Comma delimited)\" (Excel: File > Save As)", path, enc), true
	}
	var ee *bulk.EncodingError
	if !errors.As(err, &ee) {
		return "", false
	}
	if ee.Likely == "utf-8" && ee.Encoding != "utf-8" {
		return fmt.Sprintf("%s: line %d is UTF-8 text, not %s: read as %s its letters outside ASCII, passwords included, would be stored changed (Pässwörd as something else).\n"+
			"  Leave out -encoding: a UTF-8 sheet needs none", path, ee.Line, strings.ToUpper(ee.Encoding), strings.ToUpper(ee.Encoding)), true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: line %d is not %s text", path, ee.Line, strings.ToUpper(ee.Encoding))
	switch ee.Likely {
	case "shift_jis":
		b.WriteString(": it reads as Shift_JIS, which Excel on Japanese Windows saves as \"CSV\"")
	case "windows-1252":
		b.WriteString(": it may be Windows-1252, which Excel on Western Windows saves as \"CSV\"")
	}
	b.WriteString(".\n  Save the sheet as \"CSV UTF-8 (Comma delimited)\" (Excel: File > Save As), or read it as it is")
	if ee.Likely != "" {
		fmt.Fprintf(&b, " with -encoding %s", ee.Likely)
	} else {
		b.WriteString(" with -encoding NAME (its encoding)")
	}
	return b.String(), true
}

// readHead returns the first n bytes of a file (fewer if it is shorter).
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	m, err := io.ReadFull(f, b)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	return b[:m], err
}
