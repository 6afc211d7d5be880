package ocip

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
)

// The response decoder: a validating scanner over the whole document, with
// no encoding/xml underneath. It accepts what encoding/xml's strict decoder
// accepts and decodes it to the same values (the tests hold it to
// encoding/xml on generated, realistic and fuzzed documents), with three
// refusals of its own, none of which an OCI-P server sends:
//
//   - an XML declaration anywhere but at the start (after white space and a
//     byte order mark only): encoding/xml would switch encodings midway;
//   - element, attribute and processing-instruction names outside ASCII;
//   - elements nested deeper than maxDepth.
//
// Values are substrings of one copy of the document where they are plain
// text; text with references, carriage returns or Latin-1 bytes is decoded
// into a scratch buffer first.

// maxDepth bounds the element nesting the decoder follows.
const maxDepth = 256

// decoder reads one response document.
type decoder struct {
	data   []byte
	pos    int
	latin1 bool   // bytes from 0x80 are ISO-8859-1 characters
	str    string // data as a string, made on first use: plain values are substrings of it
	buf    []byte // scratch for values that need decoding
	acc    []byte // a value gathered from several pieces
	depth  int
	err    error

	// The response type of the last command, and its constructor: the
	// commands of a document are often all of one type.
	lastType string
	lastNew  func() decodable

	// The last token of next.
	ts, te int  // text or CDATA: data[ts:te]
	plain  bool // it needs no decoding
	ns, ne int  // start or end tag: its name, data[ns:ne]
	colon  int  // name: the index of its colon, -1 for none
}

// SyntaxError is a response document that is not well-formed XML, or that
// the decoder refuses (see [DecodeDocument]).
type SyntaxError struct {
	Msg  string
	Line int
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("XML syntax error on line %d: %s", e.Line, e.Msg)
}

// fail records the first problem and returns false.
func (d *decoder) fail(format string, args ...any) bool {
	if d.err == nil {
		line := 1 + bytes.Count(d.data[:min(d.pos, len(d.data))], []byte("\n"))
		d.err = &SyntaxError{Msg: fmt.Sprintf(format, args...), Line: line}
	}
	return false
}

func (d *decoder) eof() bool { return d.fail("unexpected EOF") }

// tok is what next found.
type tok uint8

const (
	tokEOF   tok = iota // the end of the data, or an error (d.err)
	tokText             // character data: d.ts, d.te, d.plain
	tokCDATA            // a CDATA section's content: d.ts, d.te, d.plain
	tokStart            // a start tag's name, d.ns, d.ne; its attributes are unread (see attrs)
	tokEnd              // an end tag, read whole: its name d.ns, d.ne
	tokOther            // a comment, processing instruction or directive, skipped
)

// next reads the next piece of markup or text at d.pos.
func (d *decoder) next() tok {
	data := d.data
	if d.err != nil || d.pos >= len(data) {
		return tokEOF
	}
	if data[d.pos] != '<' {
		s, e, plain, ok := d.text(0)
		if !ok {
			return tokEOF
		}
		d.ts, d.te, d.plain = s, e, plain
		return tokText
	}
	d.pos++
	if d.pos >= len(data) {
		d.eof()
		return tokEOF
	}
	switch data[d.pos] {
	case '/':
		d.pos++
		if !d.name() {
			d.fail("expected element name after </")
			return tokEOF
		}
		d.space()
		if d.pos >= len(data) {
			d.eof()
			return tokEOF
		}
		if data[d.pos] != '>' {
			d.fail("invalid characters between </%s and >", data[d.ns:d.ne])
			return tokEOF
		}
		d.pos++
		return tokEnd
	case '?':
		d.pos++
		if !d.target() {
			d.fail("expected target name after <?")
			return tokEOF
		}
		if string(data[d.ns:d.ne]) == "xml" {
			d.fail("XML declaration not at the start of the document")
			return tokEOF
		}
		i := bytes.Index(data[d.pos:], []byte("?>"))
		if i < 0 {
			d.pos = len(data)
			d.eof()
			return tokEOF
		}
		d.pos += i + 2
		return tokOther
	case '!':
		d.pos++
		return d.bang()
	}
	if !d.name() {
		d.fail("expected element name after <")
		return tokEOF
	}
	return tokStart
}

// bang reads what follows "<!": a comment, a CDATA section or a directive.
func (d *decoder) bang() tok {
	data := d.data
	if d.pos >= len(data) {
		d.eof()
		return tokEOF
	}
	switch data[d.pos] {
	case '-':
		if d.pos+1 >= len(data) {
			d.pos = len(data)
			d.eof()
			return tokEOF
		}
		if data[d.pos+1] != '-' {
			d.fail("invalid sequence <!- not part of <!--")
			return tokEOF
		}
		d.pos += 2
		// The first "--" of the comment must end it.
		i := bytes.Index(data[d.pos:], []byte("--"))
		if i < 0 || d.pos+i+2 >= len(data) {
			d.pos = len(data)
			d.eof()
			return tokEOF
		}
		d.pos += i + 2
		if data[d.pos] != '>' {
			d.fail(`invalid sequence "--" not allowed in comments`)
			return tokEOF
		}
		d.pos++
		return tokOther
	case '[':
		const open = "[CDATA["
		for i := 0; i < len(open); i++ {
			if d.pos+i >= len(data) {
				d.pos = len(data)
				d.eof()
				return tokEOF
			}
			if data[d.pos+i] != open[i] {
				d.fail("invalid <![ sequence")
				return tokEOF
			}
		}
		d.pos += len(open)
		s, e, plain, ok := d.cdata()
		if !ok {
			return tokEOF
		}
		d.ts, d.te, d.plain = s, e, plain
		return tokCDATA
	}
	// A directive (<!DOCTYPE ...>): skipped as encoding/xml skips it, up to
	// the '>' outside quotes that closes its nesting of '<' and '>'
	// (comments inside it are skipped whole). Its first byte only starts
	// it.
	d.pos++
	var quote byte
	depth := 0
	for {
		if d.pos >= len(data) {
			d.eof()
			return tokEOF
		}
		b := data[d.pos]
		d.pos++
		if quote == 0 && b == '>' && depth == 0 {
			return tokOther
		}
	handle:
		switch {
		case b == quote:
			quote = 0
		case quote != 0:
		case b == '\'' || b == '"':
			quote = b
		case b == '>':
			depth--
		case b == '<':
			for i := 0; i < 3; i++ {
				if d.pos >= len(data) {
					d.eof()
					return tokEOF
				}
				b = data[d.pos]
				d.pos++
				if b != "!--"[i] {
					depth++
					goto handle
				}
			}
			for b0, b1 := byte(0), byte(0); ; {
				if d.pos >= len(data) {
					d.eof()
					return tokEOF
				}
				b = data[d.pos]
				d.pos++
				if b0 == '-' && b1 == '-' && b == '>' {
					break
				}
				b0, b1 = b1, b
			}
		}
	}
}

// cdata scans a CDATA section's content up to "]]>" (consumed).
func (d *decoder) cdata() (start, end int, plain, ok bool) {
	data := d.data
	start, plain = d.pos, true
	j := bytes.Index(data[start:], []byte("]]>"))
	if j < 0 {
		d.pos = len(data)
		return 0, 0, false, d.fail("unexpected EOF in CDATA section")
	}
	end = start + j
	for i := start; i < end; {
		size, decoded, ok := d.char(data[:end], i)
		if !ok {
			return 0, 0, false, false
		}
		plain = plain && !decoded
		i += size
	}
	d.pos = end + 3
	return start, end, plain, true
}

// char checks the character of text at b[i] that is not markup: its size
// in bytes, and whether value must decode it (a carriage return, a Latin-1
// byte). A character XML cannot carry, or invalid UTF-8, is an error.
func (d *decoder) char(b []byte, i int) (size int, decoded, ok bool) {
	switch c := b[i]; {
	case c == '\r':
		return 1, true, true
	case c < 0x20 && c != '\t' && c != '\n':
		d.pos = i
		return 0, false, d.fail("illegal character code %U", rune(c))
	case c < utf8.RuneSelf:
		return 1, false, true
	case d.latin1:
		return 1, true, true
	}
	r, size := utf8.DecodeRune(b[i:])
	if r == utf8.RuneError && size == 1 {
		d.pos = i
		return 0, false, d.fail("invalid UTF-8")
	}
	if !xmlchar.IsChar(r) {
		d.pos = i
		return 0, false, d.fail("illegal character code %U", r)
	}
	return size, false, true
}

// space skips white space.
func (d *decoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// name reads an XML name of ASCII characters with at most one colon into
// d.ns, d.ne. It reports false, leaving d.pos, when there is none; a name
// holding a byte outside ASCII is refused (an error).
func (d *decoder) name() bool {
	data := d.data
	i := d.pos
	if i >= len(data) || xmlchar.NameBytes[data[i]]&xmlchar.NameStart == 0 {
		if i < len(data) && data[i] >= utf8.RuneSelf {
			return d.fail("names outside ASCII are not supported")
		}
		if i >= len(data) {
			return d.eof()
		}
		return false
	}
	colon := -1
	for i < len(data) && xmlchar.NameBytes[data[i]]&xmlchar.NameRest != 0 {
		if data[i] == ':' {
			if colon >= 0 {
				colon = -2 // a second one
			} else if colon == -1 {
				colon = i
			}
		}
		i++
	}
	if i < len(data) && data[i] >= utf8.RuneSelf {
		return d.fail("names outside ASCII are not supported")
	}
	if colon == -2 {
		return false
	}
	d.ns, d.ne, d.colon, d.pos = d.pos, i, colon, i
	return true
}

// target reads the target name of a processing instruction: an ASCII
// name, colons allowed anywhere after its first byte.
func (d *decoder) target() bool {
	i := d.pos
	if i >= len(d.data) {
		return d.eof()
	}
	if xmlchar.NameBytes[d.data[i]]&xmlchar.NameStart == 0 {
		if d.data[i] >= utf8.RuneSelf {
			return d.fail("names outside ASCII are not supported")
		}
		return false
	}
	for i < len(d.data) && xmlchar.NameBytes[d.data[i]]&xmlchar.NameRest != 0 {
		i++
	}
	if i < len(d.data) && d.data[i] >= utf8.RuneSelf {
		return d.fail("names outside ASCII are not supported")
	}
	d.ns, d.ne, d.pos = d.pos, i, i
	return true
}

// localPart returns the local part of a name as encoding/xml splits it.
func localPart(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[i+1:]
	}
	return name
}

// text scans character data up to the next '<' (left unread) or the end of
// the data, or, when quote is not 0, up to quote (consumed), checking it as
// XML requires. plain is false when the text needs decoding (see value).
func (d *decoder) text(quote byte) (start, end int, plain, ok bool) {
	data := d.data
	start = d.pos
	plain = true
	i := d.pos
	var b0, b1 byte // the bytes before c, as encoding/xml tracks them for "]]>"
	for i < len(data) {
		c := data[i]
		if quote == 0 && c == '>' && b0 == ']' && b1 == ']' {
			d.pos = i
			return 0, 0, false, d.fail("unescaped ]]> not in CDATA section")
		}
		switch {
		case c == '<':
			if quote != 0 {
				d.pos = i
				return 0, 0, false, d.fail("unescaped < inside quoted string")
			}
			d.pos = i
			return start, i, plain, true
		case quote != 0 && c == quote:
			d.pos = i + 1
			return start, i, plain, true
		case c == '&':
			n, _, ok := charRef(data[i:])
			if !ok {
				d.pos = i
				return 0, 0, false, d.fail("invalid character entity %s", refText(data[i:]))
			}
			plain = false
			i += n
			b0, b1 = 0, 0
			continue
		case c >= 0x20 && c < utf8.RuneSelf:
			i++ // the common case, first
		default:
			size, decoded, ok := d.char(data, i)
			if !ok {
				return 0, 0, false, false
			}
			plain = plain && !decoded
			i += size
		}
		b0, b1 = b1, c // for a multi-byte character, a byte that is not ']' stands for its last two
	}
	d.pos = i
	if quote != 0 {
		return 0, 0, false, d.eof()
	}
	return start, i, plain, true
}

// refText is the reference at the start of b, for an error.
func refText(b []byte) string {
	end := bytes.IndexAny(b[:min(len(b), 32)], "; \t\r\n<&\"'")
	if end < 0 || b[end] != ';' {
		if end < 0 {
			end = min(len(b), 32)
		}
		return string(b[:end]) + " (no semicolon)"
	}
	return string(b[:end+1])
}

// charRef reads the reference at the start of b ('&'): its length and the
// character, or ok false where XML refuses it (an entity other than the
// five predefined ones, a number that is no character XML allows).
func charRef(b []byte) (n int, r rune, ok bool) {
	if len(b) < 3 {
		return 0, 0, false
	}
	if b[1] != '#' {
		for _, e := range [...]struct {
			ref string
			c   rune
		}{{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&apos;", '\''}, {"&quot;", '"'}} {
			if bytes.HasPrefix(b, []byte(e.ref)) {
				return len(e.ref), e.c, true
			}
		}
		return 0, 0, false
	}
	i, base := 2, uint64(10)
	if b[i] == 'x' {
		i, base = 3, 16
	}
	digits := i
	var v uint64
	for ; i < len(b); i++ {
		c := b[i]
		var x byte
		switch {
		case c >= '0' && c <= '9':
			x = c - '0'
		case base == 16 && c >= 'a' && c <= 'f':
			x = c - 'a' + 10
		case base == 16 && c >= 'A' && c <= 'F':
			x = c - 'A' + 10
		default:
			goto end
		}
		if v = v*base + uint64(x); v > utf8.MaxRune {
			return 0, 0, false
		}
	}
end:
	if i == digits || i >= len(b) || b[i] != ';' {
		return 0, 0, false
	}
	r = rune(v)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError // string(rune(n)), as encoding/xml converts a surrogate
	}
	if !xmlchar.IsChar(r) {
		return 0, 0, false
	}
	return i + 1, r, true
}

// appendValue appends the text data[start:end] that text or cdata scanned,
// decoded: references resolved (not in CDATA), Latin-1 bytes as their
// characters, carriage returns and CR LF pairs as newlines.
func (d *decoder) appendValue(dst []byte, start, end int, plain, refs bool) []byte {
	if plain {
		return append(dst, d.data[start:end]...)
	}
	for i := start; i < end; {
		c := d.data[i]
		switch {
		case c == '&' && refs:
			n, r, _ := charRef(d.data[i:])
			dst = utf8.AppendRune(dst, r)
			i += n
		case c == '\r':
			dst = append(dst, '\n')
			i++
			if i < end && d.data[i] == '\n' {
				i++
			}
		case c >= utf8.RuneSelf && d.latin1:
			dst = utf8.AppendRune(dst, rune(c))
			i++
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst
}

// value returns the text data[start:end] that text scanned, decoded: the
// bytes themselves when plain, else a scratch buffer valid until the next
// call.
func (d *decoder) value(start, end int, plain bool) []byte {
	if plain {
		return d.data[start:end]
	}
	d.buf = d.appendValue(d.buf[:0], start, end, false, true)
	return d.buf
}

// stringValue is value as a string: a substring of the document when plain.
func (d *decoder) stringValue(start, end int, plain bool) string {
	if start == end {
		return ""
	}
	if plain {
		if d.str == "" {
			d.str = string(d.data)
		}
		return d.str[start:end]
	}
	return string(d.value(start, end, plain))
}

// attrSink receives what the document and command elements need of their
// attributes: the name-space prefixes they declare (and whether to no
// name space), and the type attributes, in order. It holds positions in
// the document, not strings, and room for the usual few in place.
type attrSink struct {
	nb, nt   int
	anyEmpty bool // a declaration binds a prefix to no name space
	bindings [2]binding
	types    [2]typeAttr
	moreB    []binding  // past len(bindings)
	moreT    []typeAttr // past len(types)
}

// binding is a name-space declaration xmlns:PREFIX="...": the prefix is
// data[ps:pe].
type binding struct {
	ps, pe int
	empty  bool
}

// typeAttr is a type attribute: its prefix is data[ps:pe] (empty for
// none), its value data[vs:ve] as text scanned it.
type typeAttr struct {
	ps, pe, vs, ve int
	plain          bool
}

func (a *attrSink) addBinding(b binding) {
	a.anyEmpty = a.anyEmpty || b.empty
	if a.nb < len(a.bindings) {
		a.bindings[a.nb] = b
		a.nb++
		return
	}
	a.moreB = append(a.moreB, b)
}

func (a *attrSink) addType(t typeAttr) {
	if a.nt < len(a.types) {
		a.types[a.nt] = t
		a.nt++
		return
	}
	a.moreT = append(a.moreT, t)
}

// emptyBinding reports whether the last declaration of prefix in a binds
// it to no name space; found is false when a does not declare it.
func (d *decoder) emptyBinding(a *attrSink, prefix []byte) (empty, found bool) {
	for i := len(a.moreB) - 1; i >= 0; i-- {
		if b := a.moreB[i]; bytes.Equal(d.data[b.ps:b.pe], prefix) {
			return b.empty, true
		}
	}
	for i := a.nb - 1; i >= 0; i-- {
		if b := a.bindings[i]; bytes.Equal(d.data[b.ps:b.pe], prefix) {
			return b.empty, true
		}
	}
	return false, false
}

// attrs reads the attributes of a start tag and its end; empty is true for
// an empty-element tag. sink, when not nil, receives the name-space
// declarations and type attributes.
func (d *decoder) attrs(sink *attrSink) (empty, ok bool) {
	data := d.data
	for {
		d.space()
		if d.pos >= len(data) {
			return false, d.eof()
		}
		switch data[d.pos] {
		case '/':
			if d.pos+1 >= len(data) {
				return false, d.eof()
			}
			if data[d.pos+1] != '>' {
				return false, d.fail("expected /> in element")
			}
			d.pos += 2
			return true, true
		case '>':
			d.pos++
			return false, true
		}
		if !d.name() {
			return false, d.fail("expected attribute name in element")
		}
		ns, ne, colon := d.ns, d.ne, d.colon
		d.space()
		if d.pos >= len(data) {
			return false, d.eof()
		}
		if data[d.pos] != '=' {
			return false, d.fail("attribute name without = in element")
		}
		d.pos++
		d.space()
		if d.pos >= len(data) {
			return false, d.eof()
		}
		q := data[d.pos]
		if q != '"' && q != '\'' {
			return false, d.fail("unquoted or missing attribute value in element")
		}
		d.pos++
		vs, ve, plain, ok := d.text(q)
		if !ok {
			return false, false
		}
		if sink == nil {
			continue
		}
		// The name's prefix and local part, as encoding/xml splits them.
		ps, pe, ls := ns, ns, ns
		if colon > ns && colon < ne-1 {
			ps, pe, ls = ns, colon, colon+1
		}
		if string(data[ps:pe]) == "xmlns" {
			sink.addBinding(binding{ps: ls, pe: ne, empty: vs == ve})
		}
		if string(data[ls:ne]) == "type" {
			sink.addType(typeAttr{ps: ps, pe: pe, vs: vs, ve: ve, plain: plain})
		}
	}
}

// endTag checks that the end tag next read closes name.
func (d *decoder) endTag(name []byte) bool {
	if got := d.data[d.ns:d.ne]; !bytes.Equal(got, name) {
		return d.fail("element <%s> closed by </%s>", name, got)
	}
	return true
}

// children reads the content of the element name whose start tag was read
// (empty: an empty-element tag), handing each child element to child (its
// name read, d.pos at its attributes); text, comments and the like between
// children are checked and ignored.
func (d *decoder) children(name []byte, empty bool, child func(name []byte) bool) bool {
	if empty {
		return true
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxDepth {
		return d.fail("elements nested deeper than %d", maxDepth)
	}
	for {
		switch d.next() {
		case tokStart:
			if !child(d.data[d.ns:d.ne]) {
				return false
			}
		case tokEnd:
			return d.endTag(name)
		case tokEOF:
			if d.err == nil {
				d.eof()
			}
			return false
		}
	}
}

// skip checks and skips an element whose name was read.
func (d *decoder) skip(name []byte) bool {
	empty, ok := d.attrs(nil)
	return ok && d.children(name, empty, d.skip)
}

// leaf reads the content of an element whose start tag was read as text:
// what it holds directly, CDATA sections included; child elements,
// comments and processing instructions are checked and left out, as
// encoding/xml does when it decodes an element into a string. When the
// text is one run, it is data[start:end] (decode with value); else start
// is -1 and the decoded text is d.acc.
func (d *decoder) leaf(name []byte, empty bool) (start, end int, plain, ok bool) {
	if empty {
		return d.pos, d.pos, true, true
	}
	t := d.next()
	if t == tokEnd {
		return d.pos, d.pos, true, d.endTag(name)
	}
	if t == tokText {
		start, end, plain := d.ts, d.te, d.plain
		if t = d.next(); t == tokEnd {
			return start, end, plain, d.endTag(name)
		}
		d.acc = d.appendValue(d.acc[:0], start, end, plain, true)
	} else {
		d.acc = d.acc[:0]
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxDepth {
		return 0, 0, false, d.fail("elements nested deeper than %d", maxDepth)
	}
	for ; ; t = d.next() {
		switch t {
		case tokText:
			d.acc = d.appendValue(d.acc, d.ts, d.te, d.plain, true)
		case tokCDATA:
			d.acc = d.appendValue(d.acc, d.ts, d.te, d.plain, false)
		case tokStart:
			if !d.skip(d.data[d.ns:d.ne]) {
				return 0, 0, false, false
			}
		case tokEnd:
			return -1, 0, false, d.endTag(name)
		case tokEOF:
			if d.err == nil {
				d.eof()
			}
			return 0, 0, false, false
		}
	}
}

// leafString reads a text element (see leaf) as a string.
func (d *decoder) leafString(name []byte, empty bool) (string, bool) {
	s, e, plain, ok := d.leaf(name, empty)
	switch {
	case !ok:
		return "", false
	case s < 0:
		return string(d.acc), true
	}
	return d.stringValue(s, e, plain), true
}

// leafBytes reads a text element (see leaf); the result is valid until the
// next call.
func (d *decoder) leafBytes(name []byte, empty bool) ([]byte, bool) {
	s, e, plain, ok := d.leaf(name, empty)
	switch {
	case !ok:
		return nil, false
	case s < 0:
		return d.acc, true
	}
	return d.value(s, e, plain), true
}

// The readers of a child's value: each reads the child's attributes and
// content. A value that does not parse is an error, as in encoding/xml.

func (d *decoder) stringField(name []byte, v *string) bool {
	empty, ok := d.attrs(nil)
	if !ok {
		return false
	}
	*v, ok = d.leafString(name, empty)
	return ok
}

// appendString reads a child's text and appends it to *list.
func (d *decoder) appendString(name []byte, list *[]string) bool {
	var s string
	if !d.stringField(name, &s) {
		return false
	}
	*list = append(*list, s)
	return true
}

// parsed reads a child's text and hands it to parse; a value that does
// not parse is an error.
func (d *decoder) parsed(name []byte, parse func(text []byte) error) bool {
	empty, ok := d.attrs(nil)
	if !ok {
		return false
	}
	b, ok := d.leafBytes(name, empty)
	if !ok {
		return false
	}
	if err := parse(b); err != nil {
		return d.typeError(err)
	}
	return true
}

// boolField parses a boolean as encoding/xml does.
func (d *decoder) boolField(name []byte, v *bool) bool {
	return d.parsed(name, func(b []byte) (err error) {
		*v = false
		if len(b) > 0 {
			*v, err = strconv.ParseBool(string(bytes.TrimSpace(b)))
		}
		return err
	})
}

// intField parses an int as encoding/xml does.
func (d *decoder) intField(name []byte, v *int) bool {
	return d.parsed(name, func(b []byte) error {
		*v = 0
		if len(b) == 0 {
			return nil
		}
		x, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, strconv.IntSize)
		*v = int(x)
		return err
	})
}

// textField hands the element's text to an UnmarshalText method.
func (d *decoder) textField(name []byte, v interface{ UnmarshalText([]byte) error }) bool {
	return d.parsed(name, v.UnmarshalText)
}

// typeError records a value that does not parse (the message is the
// parser's, as encoding/xml gives it).
func (d *decoder) typeError(err error) bool {
	if d.err == nil {
		d.err = err
	}
	return false
}

// struct_ reads a child that holds elements, handing each to child.
func (d *decoder) struct_(name []byte, child func(name []byte) bool) bool {
	empty, ok := d.attrs(nil)
	return ok && d.children(name, empty, child)
}
