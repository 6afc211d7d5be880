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
// the reading with an *[EncodingError], and so does a sheet that is UTF-8
// text after all (its first line with characters outside ASCII is valid
// UTF-8): read in e, its names and passwords would be stored changed.
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
	// it. "utf-8" for a sheet read in another encoding ([Encoding]) that
	// is UTF-8 text: read in that encoding it would be stored changed.
	Likely string
}

// Error says which line, and how to save the sheet.
func (e *EncodingError) Error() string {
	if e.Likely == "utf-8" && e.Encoding != "utf-8" {
		return fmt.Sprintf("bulk: line %d is UTF-8 text, not %s: read as %s its characters outside ASCII would change (Pässwörd would be stored as something else); read it as UTF-8 (no Encoding)",
			e.Line, e.Encoding, e.Encoding)
	}
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
	name := encodingName(enc)
	var raw io.Reader = src
	if asciiCompatible(enc) && !bytes.HasPrefix(head, []byte("\xFF\xFE")) && !bytes.HasPrefix(head, []byte("\xFE\xFF")) {
		raw = &notUTF8{r: src, name: name, line: 1}
	}
	return &checkedText{r: transform.NewReader(raw, enc.NewDecoder()), name: name, line: 1}
}

// asciiCompatible reports whether enc writes ASCII as ASCII (Shift_JIS,
// Windows-1252, ISO-8859-x, EUC...; not UTF-16).
func asciiCompatible(enc encoding.Encoding) bool {
	b, err := enc.NewEncoder().String("A,\n")
	return err == nil && b == "A,\n"
}

// notUTF8 passes on the bytes of a sheet read in an encoding other than
// UTF-8 (Encoding) and refuses one that is UTF-8 after all: every such
// encoding reads the bytes of UTF-8 too, as other characters (Pässwörd as
// PÃ¤sswÃ¶rd in Windows-1252, Pﾃ､sswﾃｶrd in Shift_JIS), so that the
// sheet would be stored changed, passwords included, without an error. It
// holds back the first line with a byte outside ASCII until its end: when
// that line is valid UTF-8 (which text in those encodings, whose bytes
// outside ASCII do not pair up as UTF-8 does, practically never is), the
// reading ends with an *EncodingError whose Likely is "utf-8"; otherwise
// every byte passes.
type notUTF8 struct {
	r       io.Reader
	name    string
	line    int    // the line of held[0]
	held    []byte // read, not passed on yet
	decided bool   // the first line with a byte outside ASCII was seen
	err     error  // the reader's error, passed once held is empty
}

// maxHeldLine bounds how much of the first line outside ASCII is held to
// decide: a longer line is decided on its first 64 KiB.
const maxHeldLine = 64 << 10

func (g *notUTF8) Read(p []byte) (int, error) {
	for !g.decided {
		i := bytes.IndexFunc(g.held, isNotASCII)
		if i < 0 && len(g.held) > 0 {
			return g.pass(p, len(g.held)) // ASCII so far
		}
		if i >= 0 {
			if start := bytes.LastIndexByte(g.held[:i], '\n') + 1; start > 0 {
				return g.pass(p, start) // the lines before it
			}
			// held starts with the line of the first byte outside ASCII.
			end := bytes.IndexByte(g.held[i:], '\n')
			if end >= 0 || g.err != nil || len(g.held) >= maxHeldLine {
				line := g.held
				if end >= 0 {
					line = line[:i+end]
				}
				line = line[:min(len(line), maxHeldLine)]
				g.decided = true
				if utf8.Valid(line[:completeRunes(line)]) {
					g.held, g.err = nil, &EncodingError{Line: g.line, Encoding: g.name, Likely: "utf-8"}
				}
				break
			}
		}
		if g.err != nil {
			break // the input ended (or failed) with nothing held
		}
		if g.held == nil {
			g.held = make([]byte, 0, 32<<10)
		}
		if len(g.held) == cap(g.held) {
			g.held = append(g.held[:len(g.held):len(g.held)], make([]byte, 32<<10)...)[:len(g.held)]
		}
		n, err := g.r.Read(g.held[len(g.held):cap(g.held)])
		g.held, g.err = g.held[:len(g.held)+n], err
	}
	switch {
	case len(g.held) > 0:
		return g.pass(p, len(g.held))
	case g.err != nil:
		return 0, g.err
	}
	return g.r.Read(p)
}

// pass passes on the first n held bytes, as many as p takes.
func (g *notUTF8) pass(p []byte, n int) (int, error) {
	n = copy(p, g.held[:n])
	g.line += bytes.Count(g.held[:n], []byte("\n"))
	g.held = g.held[n:]
	return n, nil
}

func isNotASCII(r rune) bool { return r >= utf8.RuneSelf }

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
