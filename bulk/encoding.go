package bulk

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The text encoding of a sheet. A byte order mark decides (UTF-8, UTF-16
// little or big endian); without one the sheet is UTF-8 unless [Encoding]
// names another. The text is checked as it is read: a sheet that is not
// text in its encoding (Excel on Japanese Windows saves "CSV" as
// Shift_JIS, on Western Windows as Windows-1252) is one *EncodingError for
// the whole sheet, not a problem in every cell.

// Encoding reads a sheet without a byte order mark in the encoding e (from
// golang.org/x/text/encoding: japanese.ShiftJIS, charmap.Windows1252, or
// any of htmlindex.Get's), instead of UTF-8. A byte order mark still
// decides: UTF-8, UTF-16LE or UTF-16BE. Bytes that are not text in e end
// the reading with an *[EncodingError].
func Encoding(e encoding.Encoding) Option { return func(c *config) { c.csv.encoding = e } }

// EncodingError is the error of a sheet whose bytes are not text in its
// encoding (UTF-8 unless [Encoding] or a byte order mark says otherwise),
// such as a Shift_JIS sheet read as UTF-8: it is returned once for the
// sheet, when the reading reaches the first such line (before any row
// when it is in the sheet's first 8 KiB).
type EncodingError struct {
	// Line is the first line of the file that holds bytes the encoding
	// cannot read.
	Line int
	// Encoding names the encoding the sheet was read in, as
	// htmlindex names it ("utf-8", "shift_jis").
	Encoding string
	// Likely names an encoding the line reads well in ("shift_jis",
	// "windows-1252"), when one was found: the sheet was probably saved in
	// it.
	Likely string
}

// Error says which line, and how to save the sheet.
func (e *EncodingError) Error() string {
	likely := ""
	if e.Likely != "" {
		likely = fmt.Sprintf(" (it reads as %s)", e.Likely)
	}
	return fmt.Sprintf("bulk: line %d is not %s text%s: save the sheet as CSV UTF-8 (Excel: Save As, \"CSV UTF-8 (Comma delimited)\"), or read it in its own encoding (Encoding)",
		e.Line, e.Encoding, likely)
}

// textReader returns the text of a sheet as UTF-8, checked: src from its
// start, decoded by its byte order mark, or else by enc (nil: UTF-8).
func textReader(src *bufio.Reader, enc encoding.Encoding) io.Reader {
	head, _ := src.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		src.Discard(3)
		enc = nil
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		src.Discard(2)
		enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		src.Discard(2)
		enc = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	}
	if enc == nil || enc == xunicode.UTF8 {
		return &checkedText{r: src, name: "utf-8", line: 1, utf8: true}
	}
	return &checkedText{r: transform.NewReader(src, enc.NewDecoder()), name: encodingName(enc), line: 1}
}

// encodingName is enc's name as htmlindex gives it, or its String.
func encodingName(enc encoding.Encoding) string {
	if n, err := htmlindex.Name(enc); err == nil {
		return n
	}
	if s, ok := enc.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%v", enc)
}

// checkedText passes text on while it is text in its encoding: valid UTF-8
// read as such, or, after a decoder, no U+FFFD (what decoders put for bytes
// they cannot read). At the first problem it ends with an *EncodingError.
type checkedText struct {
	r    io.Reader
	name string
	utf8 bool // the input is UTF-8 as it is: check its validity
	line int  // the line of the next byte
	held [utf8.UTFMax]byte
	nh   int // bytes of an incomplete rune held from the last read
	err  error
}

func (c *checkedText) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if len(p) < 2*utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	n := copy(p, c.held[:c.nh])
	m, err := c.r.Read(p[n:])
	n += m
	end := n
	if err == nil {
		end = completeRunes(p[:n])
	}
	c.nh = copy(c.held[:], p[end:n])
	if err == io.EOF && c.nh > 0 {
		end, c.nh = n, 0 // a rune cut off at the end: invalid, found below
	}
	text := p[:end]
	if bad := c.firstBad(text); bad >= 0 {
		lineStart := bytes.LastIndexByte(text[:bad], '\n') + 1
		c.err = &EncodingError{Line: c.line + bytes.Count(text[:bad], []byte("\n")), Encoding: c.name}
		if c.utf8 {
			c.err.(*EncodingError).Likely = likelyEncoding(text[lineStart:])
		}
		return lineStart, nil
	}
	c.line += bytes.Count(text, []byte("\n"))
	return end, err
}

// firstBad is the index of the first byte that is not text, or -1.
func (c *checkedText) firstBad(b []byte) int {
	if !c.utf8 {
		return bytes.IndexRune(b, utf8.RuneError)
	}
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// completeRunes is the length of b without an incomplete rune at its end.
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// likelyEncoding names an encoding the bytes of a line that is not UTF-8
// read well in: shift_jis when they read as Shift_JIS and hold Japanese
// (kana or kanji: the half-width katakana of single bytes are what Latin-1
// letters read as), else windows-1252 when they read as it ("" when
// neither).
func likelyEncoding(line []byte) string {
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if text, err := japanese.ShiftJIS.NewDecoder().Bytes(line); err == nil && !bytes.ContainsRune(text, utf8.RuneError) &&
		bytes.ContainsFunc(text, func(r rune) bool { return r >= 0x3040 && r <= 0x30FF || unicode.Is(unicode.Han, r) }) {
		return "shift_jis"
	}
	if text, err := charmap.Windows1252.NewDecoder().Bytes(line); err == nil && !bytes.ContainsRune(text, utf8.RuneError) {
		return "windows-1252"
	}
	return ""
}
