package broadworks

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The request envelope. Requests are declared ISO-8859-1, like those of
// the common OCI-P clients, and carry every character outside ASCII as a
// numeric character reference: the document is pure ASCII, so it reaches
// the server intact whichever encoding the server reads it with.
const (
	docStart = `<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" +
		`<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<sessionId xmlns="">`
	docSessionEnd = `</sessionId>`
	docEnd        = "</BroadsoftDocument>\n"
)

// MaxCommands is the most commands one OCI-P document (one [Client.Do]) may
// carry.
const MaxCommands = 15

// maxResponses bounds the commands decoded from one response document.
const maxResponses = 64

// encodeCommand returns the <command xsi:type="..." xmlns=""> element of c,
// in schema order, every value escaped, as ASCII.
func encodeCommand(c Command) ([]byte, error) { return AppendCommand(nil, c) }

// validName reports whether s can be an xsi:type value (an XML name).
func validName(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '.' || r == '-')
		if !ok {
			return false
		}
	}
	return true
}

// asciiOnly replaces every non-ASCII character of an encoded document with
// a numeric character reference. The document is valid UTF-8 (AppendCommand
// refuses a command holding invalid UTF-8 before encoding/xml could write
// U+FFFD for it), and markup is ASCII, so only text changes.
func asciiOnly(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	out = append(out, b[:i]...)
	for rest := b[i:]; len(rest) > 0; {
		if c := rest[0]; c < utf8.RuneSelf {
			out = append(out, c)
			rest = rest[1:]
			continue
		}
		r, size := utf8.DecodeRune(rest)
		out = append(out, "&#"...)
		out = strconv.AppendInt(out, int64(r), 10)
		out = append(out, ';')
		rest = rest[size:]
	}
	return out
}

// appendDocument appends the request document holding bodies to dst.
func appendDocument(dst []byte, sessionID string, bodies [][]byte) []byte {
	dst = append(dst, docStart...)
	dst = append(dst, sessionID...) // hex and dashes only: nothing to escape
	dst = append(dst, docSessionEnd...)
	for _, b := range bodies {
		dst = append(dst, b...)
	}
	return append(dst, docEnd...)
}

// charsetReader lets encoding/xml read the encodings OCI-P servers declare
// besides UTF-8: ISO-8859-1 (and its aliases, and US-ASCII, a subset), whose
// bytes are the first 256 Unicode code points.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1", "latin-1", "l1",
		"iso-ir-100", "cp819", "ibm819", "csisolatin1", "us-ascii", "ascii", "iso646-us":
		return &latin1Reader{r: input}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

// sameCharset is the CharsetReader for text that is already Unicode (the
// OCI-P document inside a SOAP answer keeps the declaration the server
// wrote, which no longer describes its bytes).
func sameCharset(_ string, input io.Reader) (io.Reader, error) { return input, nil }

// latin1Reader converts ISO-8859-1 bytes to UTF-8.
type latin1Reader struct {
	r       io.Reader
	in      []byte
	pending []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	if len(l.pending) > 0 {
		n := copy(p, l.pending)
		l.pending = l.pending[n:]
		return n, nil
	}
	if len(p) == 0 {
		return 0, nil
	}
	want := min((len(p)+1)/2, 32<<10)
	if cap(l.in) < want {
		l.in = make([]byte, want)
	}
	m, err := l.r.Read(l.in[:want])
	n := 0
	put := func(c byte) {
		if n < len(p) {
			p[n] = c
			n++
			return
		}
		l.pending = append(l.pending, c)
	}
	for _, c := range l.in[:m] {
		if c < utf8.RuneSelf {
			put(c)
			continue
		}
		put(0xC0 | c>>6)
		put(0x80 | c&0x3F)
	}
	return n, err
}

// decodeDocument decodes a response document into one Response per command
// element. cmds are the requests it answers (to name them in errors);
// textual is true when data is already Unicode text whatever it declares.
func decodeDocument(data []byte, textual bool, cmds []Command) ([]Response, error) {
	_, out, err := decodeSessionDocument(data, textual, cmds)
	return out, err
}

// decodeSessionDocumentXML is decodeDocument that also returns the answer's
// sessionId ("" when it has none), with encoding/xml (see decodeSessionDocument).
func decodeSessionDocumentXML(data []byte, textual bool, cmds []Command) (sessionID string, _ []Response, _ error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader
	if textual {
		d.CharsetReader = sameCharset
	} else if isASCII(data) {
		// ASCII reads the same in UTF-8 and in the encodings charsetReader
		// knows: skip the conversion.
		d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
			if _, err := charsetReader(label, nil); err != nil {
				return nil, err
			}
			return input, nil
		}
	}
	root, err := firstStart(d)
	if err != nil {
		return "", nil, err
	}
	if root.Name.Local != "BroadsoftDocument" {
		return "", nil, fmt.Errorf("response root element is <%s>, not <BroadsoftDocument>", root.Name.Local)
	}
	var out []Response
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", nil, fmt.Errorf("malformed response: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "sessionId" && len(out) == 0 {
				if err := d.DecodeElement(&sessionID, &t); err != nil {
					return "", nil, fmt.Errorf("malformed response: %w", err)
				}
				continue
			}
			if t.Name.Local != "command" {
				if err := d.Skip(); err != nil {
					return "", nil, fmt.Errorf("malformed response: %w", err)
				}
				continue
			}
			if len(out) >= maxResponses {
				return "", nil, fmt.Errorf("response holds more than %d commands", maxResponses)
			}
			var cmd Command
			if len(out) < len(cmds) {
				cmd = cmds[len(out)]
			}
			r, err := decodeCommand(d, t, cmd)
			if err != nil {
				return "", nil, err
			}
			out = append(out, r)
		case xml.EndElement:
			return strings.TrimSpace(sessionID), out, nil // the end of BroadsoftDocument: the decoder checks nesting
		}
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func firstStart(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				return xml.StartElement{}, errors.New("empty response")
			}
			return xml.StartElement{}, fmt.Errorf("malformed response: %w", err)
		}
		if t, ok := tok.(xml.StartElement); ok {
			return t, nil
		}
	}
}

// errorWire is the content of an ErrorResponse.
type errorWire struct {
	ErrorCode      string `xml:"errorCode"`
	Summary        string `xml:"summary"`
	SummaryEnglish string `xml:"summaryEnglish"`
	Detail         string `xml:"detail"`
}

func decodeCommand(d *xml.Decoder, start xml.StartElement, cmd Command) (Response, error) {
	var typ, severity string
	for _, a := range start.Attr {
		if a.Name.Local != "type" {
			continue
		}
		if a.Name.Space == "" {
			severity = a.Value // ErrorResponse's own type attribute
		} else {
			typ = a.Value // xsi:type, whatever prefix the server used
		}
	}
	if i := strings.LastIndexByte(typ, ':'); i >= 0 {
		typ = typ[i+1:]
	}
	if typ == "" {
		return nil, errors.New("malformed response: command without xsi:type")
	}
	bad := func(err error) error { return fmt.Errorf("malformed %s: %w", typ, err) }
	switch typ {
	case "SuccessResponse":
		if err := d.Skip(); err != nil {
			return nil, bad(err)
		}
		return &SuccessResponse{}, nil
	case "ErrorResponse":
		var w errorWire
		if err := d.DecodeElement(&w, &start); err != nil {
			return nil, bad(err)
		}
		e := &Error{Type: severity, Summary: w.Summary, SummaryEnglish: w.SummaryEnglish, Detail: w.Detail}
		if cmd != nil {
			e.Command = cmd.OCIType()
		}
		if s := strings.TrimSpace(w.ErrorCode); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, bad(fmt.Errorf("errorCode %q is not an integer", s))
			}
			e.Code = n
		} else if e.Code = summaryCode(w.Summary); e.Code == 0 {
			e.Code = summaryCode(w.SummaryEnglish)
		}
		return e, nil
	}
	if f, ok := responseTypes[typ]; ok {
		r := f()
		if err := d.DecodeElement(r, &start); err != nil {
			return nil, bad(err)
		}
		return r, nil
	}
	var raw struct {
		Inner []byte `xml:",innerxml"`
	}
	if err := d.DecodeElement(&raw, &start); err != nil {
		return nil, bad(err)
	}
	return &RawResponse{Type: typ, XML: raw.Inner}, nil
}

// errTooLarge is returned for a response over the size limit.
var errTooLarge = errors.New("response too large")

var docClose = []byte("BroadsoftDocument>")

// readDocument reads one document from a stream: everything up to and
// including the closing BroadsoftDocument tag, leading whitespace (the
// newline after the previous document) dropped. buf is reused. An answer
// that is not an OCI-P document (an HTTP or TLS answer, anything whose
// first element is not a BroadsoftDocument) is a *notOCIP error as soon as
// its first bytes show it, without waiting for more.
func readDocument(br *bufio.Reader, buf []byte, limit int) ([]byte, error) {
	buf = buf[:0]
	// The first byte that is not whitespace tells an answer that cannot be
	// OCI-P (an SMTP banner, a TLS alert) before any '>' comes, if ever.
	for {
		b, err := br.Peek(1)
		if err != nil {
			return nil, err
		}
		if c := b[0]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			_, _ = br.Discard(1)
			continue
		}
		if c := b[0]; c != '<' && c != 0xEF { // 0xEF: a byte order mark
			head, _ := br.Peek(min(max(br.Buffered(), 1), 40))
			_, bad := checkStart(head)
			return nil, bad
		}
		break
	}
	checked := false
	for {
		chunk, err := br.ReadSlice('>')
		if len(buf)+len(chunk) > limit {
			return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
		}
		if len(buf) == 0 {
			chunk = bytes.TrimLeft(chunk, " \t\r\n")
		}
		buf = append(buf, chunk...)
		if !checked && len(buf) > 0 {
			done, bad := checkStart(buf)
			if bad != nil {
				return nil, bad
			}
			checked = done
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(buf) > 0:
			return nil, io.ErrUnexpectedEOF
		case err != nil:
			return nil, err
		}
		if isDocClose(buf) {
			return buf, nil
		}
	}
}

// notOCIP is an answer that is not an OCI-P document: the server on the
// other end speaks another protocol (HTTP, TLS) or is not a BroadWorks
// server. Head holds its first bytes.
type notOCIP struct {
	kind string // "HTTP", "TLS" or ""
	head []byte
}

func (e *notOCIP) Error() string {
	switch e.kind {
	case "HTTP":
		line, _, _ := bytes.Cut(e.head, []byte("\n"))
		return fmt.Sprintf("an HTTP server answered (%q), not OCI-P", bytes.TrimSpace(line))
	case "TLS":
		return "a TLS record came back, not OCI-P"
	}
	return fmt.Sprintf("the answer is not an OCI-P document (it starts %q)", e.head)
}

// checkStart looks at the beginning of an answer: done when its first
// element has been seen and is a BroadsoftDocument, bad when the answer
// cannot be one. It skips a byte order mark, the XML declaration,
// processing instructions, comments and a document type declaration.
func checkStart(b []byte) (done bool, bad error) {
	notOCIPError := func() error {
		head := b[:min(len(b), 40)]
		switch {
		case bytes.HasPrefix(b, []byte("HTTP/")):
			return &notOCIP{kind: "HTTP", head: head}
		case len(b) >= 2 && (b[0] == 0x15 || b[0] == 0x16) && b[1] == 0x03:
			return &notOCIP{kind: "TLS", head: head}
		}
		return &notOCIP{head: head}
	}
	rest := bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) == 0 {
			return false, nil
		}
		if rest[0] != '<' {
			return false, notOCIPError()
		}
		var end []byte
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(rest, []byte("<!")):
			end = []byte(">")
		default:
			name := rest[1:]
			i := bytes.IndexAny(name, " \t\r\n/>")
			if i < 0 {
				return false, nil // the name goes on in the next chunk
			}
			name = name[:i]
			if c := bytes.LastIndexByte(name, ':'); c >= 0 {
				name = name[c+1:]
			}
			if string(name) != "BroadsoftDocument" {
				return false, notOCIPError()
			}
			return true, nil
		}
		i := bytes.Index(rest, end)
		if i < 0 {
			return false, nil
		}
		rest = rest[i+len(end):]
	}
}

// isDocClose reports whether b ends with </BroadsoftDocument> or
// </prefix:BroadsoftDocument>.
func isDocClose(b []byte) bool {
	if !bytes.HasSuffix(b, docClose) {
		return false
	}
	head := b[:len(b)-len(docClose)]
	if bytes.HasSuffix(head, []byte("</")) {
		return true
	}
	if len(head) == 0 || head[len(head)-1] != ':' {
		return false
	}
	i := bytes.LastIndex(head, []byte("</"))
	if i < 0 {
		return false
	}
	prefix := head[i+2 : len(head)-1]
	return len(prefix) > 0 && validName(string(prefix))
}
