package bulk

import (
	"bytes"
	"unicode/utf8"
)

// Sniffing: what an input is (CSV text, or a workbook, an archive, UTF-16
// text...) and which delimiter its header line uses.

// sniffSize is how much of the input is looked at to detect what it is.
const sniffSize = 8 << 10

// firstLine is b up to its first line feed.
func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// notCSV says, in one sentence, what the start of an input is when it is
// not CSV text, and "" when it may be: a workbook, an archive, a PDF by
// their signatures, and, when head is text as it stands (UTF-8, or
// another encoding that keeps ASCII as it is: not UTF-16), a binary file.
func notCSV(head []byte, asText bool) string {
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
	case !asText || bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return "" // UTF-16: read by its byte order mark or its encoding
	case !utf8.Valid(firstLine(head)) && bytes.ContainsFunc(head, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\r' && r != '\n' }):
		// Not UTF-8, and control characters no text of any encoding has.
		return "this is a binary file, not CSV text: " + save
	}
	return notCSVText(head)
}

// notCSVText says what text (UTF-8, decoded) is when it is not CSV: UTF-16
// read without its byte order mark, or a binary file.
func notCSVText(head []byte) string {
	const save = "save it as CSV (UTF-8)"
	line := firstLine(head)
	if bytes.IndexByte(line, 0) >= 0 {
		if utf16ish(line) {
			return "this looks like UTF-16 text without a byte order mark, not UTF-8: " + save
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
