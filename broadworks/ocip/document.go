package ocip

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
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

// AppendDocument appends to dst the request document of a session holding
// commands, each a command element as [AppendCommand] wrote it, and returns
// the extended slice. sessionID is written as it is: a client's session
// ids are UUIDs, which need no escaping.
func AppendDocument(dst []byte, sessionID string, commands ...[]byte) []byte {
	dst = append(dst, docStart...)
	dst = append(dst, sessionID...)
	dst = append(dst, docSessionEnd...)
	for _, b := range commands {
		dst = append(dst, b...)
	}
	return append(dst, docEnd...)
}

// maxResponses bounds the commands decoded from one response document.
const maxResponses = 64

// DecodeDocument decodes a response document as a server sends it (bytes
// in the encoding its XML declaration names: UTF-8, or ISO-8859-1 and its
// aliases) into its session id (white space trimmed, "" when it has none)
// and one [Response] per command element, in order: a typed response of
// this package, [*SuccessResponse], [*ErrorResponse], or [*RawResponse] for
// a type the package does not know.
//
// It reads what encoding/xml's strict decoder reads, to the same values,
// and refuses, with a [*SyntaxError], every document that is not
// well-formed, and three that are but that no OCI-P server sends: an XML
// declaration after anything but white space, names outside ASCII, and
// elements nested more than 256 deep. A value that does not parse (a
// boolean, a number, an enumeration) is an error naming the response type;
// so is a document with more than 64 commands.
func DecodeDocument(data []byte) (sessionID string, responses []Response, err error) {
	return decodeDocument(data, false)
}

// DecodeDocumentText is [DecodeDocument] for a document that is already
// Unicode text (UTF-8) whatever its declaration says: the document a SOAP
// answer carries as a string keeps the declaration the server wrote.
func DecodeDocumentText(data []byte) (sessionID string, responses []Response, err error) {
	return decodeDocument(data, true)
}

// decoders keeps decoders, and their scratch buffers, for reuse.
var decoders = sync.Pool{New: func() any { return new(decoder) }}

// maxKeptScratch bounds the scratch buffers a decoder keeps for reuse.
const maxKeptScratch = 64 << 10

func decodeDocument(data []byte, textual bool) (sessionID string, _ []Response, _ error) {
	d := decoders.Get().(*decoder)
	*d = decoder{data: data, buf: d.buf[:0], acc: d.acc[:0]}
	defer func() {
		buf, acc := d.buf, d.acc
		if cap(buf) > maxKeptScratch {
			buf = nil
		}
		if cap(acc) > maxKeptScratch {
			acc = nil
		}
		*d = decoder{buf: buf, acc: acc} // nothing of the document stays
		decoders.Put(d)
	}()
	if !d.prolog(textual) {
		if d.err == errEmpty {
			return "", nil, d.err
		}
		return "", nil, malformed(d.err)
	}
	root := data[d.ns:d.ne]
	if local := localPart(root); string(local) != "BroadsoftDocument" {
		return "", nil, fmt.Errorf("response root element is <%s>, not <BroadsoftDocument>", local)
	}
	var rootAttrs attrSink
	empty, ok := d.attrs(&rootAttrs)
	if !ok {
		return "", nil, malformed(d.err)
	}
	if empty {
		return "", nil, nil
	}
	// The responses gather here, then go into a slice of their number.
	var room [16]Response
	out := room[:0]
	for {
		switch d.next() {
		case tokEnd:
			if !d.endTag(root) {
				return "", nil, malformed(d.err)
			}
			var rs []Response
			if len(out) > 0 {
				rs = make([]Response, len(out))
				copy(rs, out)
			}
			return strings.TrimSpace(sessionID), rs, nil
		case tokEOF:
			if d.err == nil {
				d.eof()
			}
			return "", nil, malformed(d.err)
		case tokStart:
		default:
			continue
		}
		name := data[d.ns:d.ne]
		switch string(localPart(name)) {
		case "sessionId":
			if len(out) > 0 {
				break
			}
			empty, ok := d.attrs(nil)
			if !ok {
				return "", nil, malformed(d.err)
			}
			b, ok := d.leafBytes(name, empty)
			if !ok {
				return "", nil, malformed(d.err)
			}
			sessionID = string(b) // its own string: a substring would keep the document
			continue
		case "command":
			if len(out) >= maxResponses {
				return "", nil, fmt.Errorf("response holds more than %d commands", maxResponses)
			}
			r, err := d.command(name, &rootAttrs)
			if err != nil {
				return "", nil, err
			}
			out = append(out, r)
			continue
		}
		if !d.skip(name) {
			return "", nil, malformed(d.err)
		}
	}
}

var errEmpty = errors.New("empty response")

// malformed wraps a problem of the document itself.
func malformed(err error) error { return fmt.Errorf("malformed response: %w", err) }

// prolog reads what precedes the root element, up to and including its
// name: white space, byte order marks, an XML declaration (which sets the
// encoding), then text, comments, processing instructions and directives.
func (d *decoder) prolog(textual bool) bool {
	for d.pos < len(d.data) {
		if c := d.data[d.pos]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			d.pos++
		} else if bytes.HasPrefix(d.data[d.pos:], []byte("\xef\xbb\xbf")) {
			d.pos += 3
		} else {
			break
		}
	}
	if bytes.HasPrefix(d.data[d.pos:], []byte("<?xml")) &&
		(d.pos+5 >= len(d.data) || xmlchar.NameBytes[d.data[d.pos+5]]&xmlchar.NameRest == 0 && d.data[d.pos+5] < utf8.RuneSelf) {
		if !d.declaration(textual) {
			return false
		}
	}
	for {
		switch d.next() {
		case tokStart:
			return true
		case tokEnd:
			return d.fail("unexpected end element </%s>", localPart(d.data[d.ns:d.ne]))
		case tokEOF:
			if d.err == nil {
				d.err = errEmpty
			}
			return false
		}
	}
}

// declaration reads the XML declaration at d.pos: its version must be
// 1.0 (or absent), its encoding UTF-8 or ISO-8859-1 (any encoding for a
// textual document). Its pseudo-attributes are found as encoding/xml finds
// them: the first "name=" followed by a quote.
func (d *decoder) declaration(textual bool) bool {
	d.pos += len("<?xml")
	d.space()
	end := bytes.Index(d.data[d.pos:], []byte("?>"))
	if end < 0 {
		d.pos = len(d.data)
		return d.eof()
	}
	content := d.data[d.pos : d.pos+end]
	d.pos += end + 2
	if v := declValue(content, "version"); len(v) > 0 && string(v) != "1.0" {
		d.err = fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", v)
		return false
	}
	enc := declValue(content, "encoding")
	switch {
	case len(enc) == 0 || bytes.EqualFold(enc, []byte("utf-8")) || textual:
	case xmlchar.IsLatin1(string(enc)):
		d.latin1 = true
	default:
		d.err = fmt.Errorf("xml: opening charset %q: unsupported encoding %q", enc, enc)
		return false
	}
	return true
}

// declValue finds param's value in a declaration's content: after the
// first occurrence of `param=` that a quote follows, up to the next such
// quote (nil when there is none).
func declValue(content []byte, param string) []byte {
	for i := 0; i < len(content); {
		k := bytes.Index(content[i:], []byte(param))
		if k < 0 || i+k+len(param)+1 >= len(content) {
			return nil
		}
		i += k + len(param)
		if content[i] != '=' {
			continue
		}
		i++
		if q := content[i]; q == '"' || q == '\'' {
			j := bytes.IndexByte(content[i+1:], q)
			if j < 0 {
				return nil
			}
			return content[i+1 : i+1+j]
		}
		i++
	}
	return nil
}

// command decodes a command element whose name was read. root holds the
// name-space declarations of the document element, which decide with the
// command's own whether a prefixed type attribute is the xsi:type or, like
// an unprefixed one, the severity of an ErrorResponse.
func (d *decoder) command(name []byte, root *attrSink) (Response, error) {
	var sink attrSink
	empty, ok := d.attrs(&sink)
	if !ok {
		return nil, malformed(d.err)
	}
	var typ, severity typeAttr
	var hasType, hasSeverity bool
	classify := func(a typeAttr) {
		prefix := d.data[a.ps:a.pe]
		if len(prefix) == 0 {
			severity, hasSeverity = a, true
			return
		}
		if (sink.anyEmpty || root.anyEmpty) && string(prefix) != "xmlns" && string(prefix) != "xml" {
			empty, found := d.emptyBinding(&sink, prefix)
			if !found {
				empty, _ = d.emptyBinding(root, prefix)
			}
			if empty { // a prefix bound to no name space names none
				severity, hasSeverity = a, true
				return
			}
		}
		typ, hasType = a, true
	}
	for _, a := range sink.types[:sink.nt] {
		classify(a)
	}
	for _, a := range sink.moreT {
		classify(a)
	}
	var typeName []byte
	if hasType {
		typeName = d.value(typ.vs, typ.ve, typ.plain)
		if i := bytes.LastIndexByte(typeName, ':'); i >= 0 {
			typeName = typeName[i+1:]
		}
	}
	if len(typeName) == 0 {
		return nil, errors.New("malformed response: command without xsi:type")
	}
	var r Response
	switch string(typeName) {
	case "ErrorResponse":
		e := new(ErrorResponse)
		if hasSeverity {
			e.Type = string(d.value(severity.vs, severity.ve, severity.plain))
		}
		ok, r = e.decode(d, name, empty), e
	default:
		f, known := d.lastNew, d.lastType == string(typeName)
		if !known {
			f, known = responseTypes[string(typeName)]
		}
		if known {
			v := f()
			d.lastType, d.lastNew = v.OCIType(), f
			ok, r = v.decode(d, name, empty), v
		} else {
			raw := &RawResponse{Type: string(typeName)}
			raw.XML, ok = d.inner(name, empty)
			r = raw
		}
	}
	if !ok {
		return nil, fmt.Errorf("malformed %s: %w", r.OCIType(), d.err)
	}
	return r, nil
}

// inner checks the content of an element whose start tag was read and
// returns it as written (nil for an empty-element tag), as UTF-8.
func (d *decoder) inner(name []byte, empty bool) ([]byte, bool) {
	if empty {
		return nil, true
	}
	start := d.pos
	if !d.children(name, false, d.skip) {
		return nil, false
	}
	end := bytes.LastIndex(d.data[start:d.pos], []byte("</")) + start
	raw := d.data[start:end]
	if !d.latin1 {
		return bytes.Clone(raw), true
	}
	out := make([]byte, 0, len(raw))
	for _, c := range raw {
		out = utf8.AppendRune(out, rune(c))
	}
	return out, true
}

// decodable is a response type of this package: it reads its own content.
type decodable interface {
	Response
	// decode reads the content of the command element name whose start
	// tag was read (empty: an empty-element tag).
	decode(d *decoder, name []byte, empty bool) bool
}

// responseTypes maps the response types this package decodes to a new
// value of each. Every message's file adds its own response types in an
// init function (with register), so that a new message is one new file.
var responseTypes = map[string]func() decodable{}

// register adds the response type that f makes to responseTypes.
func register(f func() decodable) {
	typ := f().OCIType()
	if _, dup := responseTypes[typ]; dup {
		panic("ocip: response type " + typ + " registered twice")
	}
	responseTypes[typ] = f
}
