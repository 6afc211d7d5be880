package broadworkstest

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
)

// node is one element of a parsed request.
type node struct {
	name  string
	typ   string // xsi:type without prefix
	isNil bool   // xsi:nil="true"
	attrs []xml.Attr
	text  string
	kids  []*node
}

func (n *node) kid(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

func (n *node) all(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// readDoc reads one request document from a stream, up to the closing
// BroadsoftDocument tag.
func readDoc(br *bufio.Reader, limit int) ([]byte, error) { return readDocInto(br, nil, limit) }

// readDocInto is readDoc reusing buf. It copies what the reader holds in
// one piece and looks for the closing tag with bytes.Index, consuming no
// byte past it (the next document may already be buffered).
func readDocInto(br *bufio.Reader, buf []byte, limit int) ([]byte, error) {
	const end = "BroadsoftDocument>"
	buf = buf[:0]
	for {
		if _, err := br.Peek(1); err != nil {
			return nil, err
		}
		chunk, _ := br.Peek(br.Buffered())
		if len(buf) == 0 {
			trimmed := bytes.TrimLeft(chunk, " \t\r\n")
			_, _ = br.Discard(len(chunk) - len(trimmed))
			if chunk = trimmed; len(chunk) == 0 {
				continue
			}
		}
		old := len(buf)
		buf = append(buf, chunk...)
		for from := max(0, old-len(end)-2); ; {
			i := bytes.Index(buf[from:], []byte(end))
			if i < 0 {
				break
			}
			i += from
			if closesDocument(buf, i) {
				stop := i + len(end)
				if stop > limit {
					return nil, errors.New("request too large")
				}
				_, _ = br.Discard(stop - old)
				return buf[:stop], nil
			}
			from = i + len(end)
		}
		if len(buf) > limit {
			return nil, errors.New("request too large")
		}
		_, _ = br.Discard(len(chunk))
	}
}

// closesDocument reports whether the "BroadsoftDocument>" at buf[i:] ends
// a closing tag of the document element: "</" right before it, or "</"
// and a prefix name with its colon.
func closesDocument(buf []byte, i int) bool {
	if i >= 2 && buf[i-2] == '<' && buf[i-1] == '/' {
		return true
	}
	if i < 1 || buf[i-1] != ':' {
		return false
	}
	j := bytes.LastIndexByte(buf[:i-1], '<')
	if j < 0 || j+2 >= i-1 || buf[j+1] != '/' {
		return false
	}
	prefix := buf[j+2 : i-1]
	if xmlchar.NameBytes[prefix[0]]&xmlchar.NameStart == 0 || bytes.IndexByte(prefix, ':') >= 0 {
		return false
	}
	for _, c := range prefix[1:] {
		if xmlchar.NameBytes[c]&xmlchar.NameRest == 0 {
			return false
		}
	}
	return true
}

// elem is one element of a schema sequence.
type elem struct {
	name     string
	min, max int
}

func req(name string) elem { return elem{name, 1, 1} }
func opt(name string) elem { return elem{name, 0, 1} }

// checkSeq checks that n's children follow seq, in order.
func checkSeq(n *node, seq []elem) error {
	i := 0
	for _, e := range seq {
		count := 0
		for i < len(n.kids) && n.kids[i].name == e.name && count < e.max {
			count++
			i++
		}
		if count < e.min {
			if n.kid(e.name) != nil {
				return fmt.Errorf("<%s> is out of schema order in <%s>", e.name, n.name)
			}
			return fmt.Errorf("<%s> is missing in <%s>", e.name, n.name)
		}
	}
	if i < len(n.kids) {
		k := n.kids[i]
		for _, e := range seq {
			if e.name == k.name {
				return fmt.Errorf("<%s> is out of schema order (or repeated) in <%s>", k.name, n.name)
			}
		}
		return fmt.Errorf("unexpected element <%s> in <%s>", k.name, n.name)
	}
	return nil
}

// values reads typed values from elements, keeping the first problem.
type values struct{ err error }

func (v *values) fail(format string, args ...any) {
	if v.err == nil {
		v.err = fmt.Errorf(format, args...)
	}
}

// str returns the trimmed text of n's child name ("" when absent), checking
// its length in characters as xs:token counts it (spaces collapsed).
func (v *values) str(n *node, name string, lo, hi int) string {
	k := n.kid(name)
	if k == nil || k.isNil {
		return ""
	}
	s := strings.TrimSpace(k.text)
	if c := tokenLen(s); c < lo || c > hi {
		v.fail("<%s> must be %d to %d characters, has %d", name, lo, hi, c)
	}
	return s
}

// tokenLen is the length in characters of s once xs:token has collapsed
// its whitespace (tabs and line breaks to spaces, runs of spaces to one,
// none at either end).
func tokenLen(s string) int {
	n, space := 0, true
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			if !space {
				n++
			}
			space = true
			continue
		}
		space = false
		n++
	}
	if space && n > 0 {
		n--
	}
	return n
}

func (v *values) enum(n *node, name string, allowed []string) string {
	s := v.str(n, name, 0, 200)
	if n.kid(name) == nil || n.kid(name).isNil {
		return ""
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	v.fail("<%s> value %q is not one of %s", name, s, strings.Join(allowed, ", "))
	return s
}

func (v *values) boolean(n *node, name string) *bool {
	k := n.kid(name)
	if k == nil {
		return nil
	}
	switch strings.TrimSpace(k.text) {
	case "true", "1":
		return new(true)
	case "false", "0":
		return new(false)
	}
	v.fail("<%s> value %q is not a boolean", name, k.text)
	return nil
}

func (v *values) integer(n *node, name string, lo, hi int) *int {
	k := n.kid(name)
	if k == nil || k.isNil {
		return nil
	}
	i, err := strconv.Atoi(strings.TrimSpace(k.text))
	if err != nil || i < lo || i > hi {
		v.fail("<%s> value %q is not an integer from %d to %d", name, k.text, lo, hi)
		return nil
	}
	return &i
}

// out writes a response document.
type out struct{ b bytes.Buffer }

func (o *out) raw(s string) { o.b.WriteString(s) }

func (o *out) el(name, val string) {
	o.b.WriteByte('<')
	o.b.WriteString(name)
	o.b.WriteByte('>')
	_ = xml.EscapeText(&o.b, []byte(val))
	o.b.WriteString("</")
	o.b.WriteString(name)
	o.b.WriteByte('>')
}

func (o *out) opt(name, val string) {
	if val != "" {
		o.el(name, val)
	}
}

func (o *out) boolean(name string, v bool) { o.el(name, strconv.FormatBool(v)) }

func (o *out) optBool(name string, v *bool) {
	if v != nil {
		o.boolean(name, *v)
	}
}

func (o *out) optInt(name string, v *int) {
	if v != nil {
		o.el(name, strconv.Itoa(*v))
	}
}

// encodeText turns a UTF-8 document into the bytes the server sends: for
// ISO-8859-1, Latin-1 characters become single bytes and the others numeric
// character references; for text (SOAP) only the characters outside Latin-1
// become references.
func encodeText(doc []byte, latin1Bytes bool) []byte {
	return appendText(make([]byte, 0, len(doc)+16), doc, latin1Bytes)
}

// appendText appends doc encoded as encodeText does to outb.
func appendText(outb, doc []byte, latin1Bytes bool) []byte {
	i := asciiPrefix(doc)
	outb = append(outb, doc[:i]...) // ASCII is the same in every form
	doc = doc[i:]
	for len(doc) > 0 {
		r, size := utf8.DecodeRune(doc)
		doc = doc[size:]
		switch {
		case r < utf8.RuneSelf:
			outb = append(outb, byte(r))
		case r <= 0xFF && latin1Bytes:
			outb = append(outb, byte(r))
		case r <= 0xFF:
			outb = utf8.AppendRune(outb, r)
		default:
			outb = append(outb, "&#"...)
			outb = strconv.AppendInt(outb, int64(r), 10)
			outb = append(outb, ';')
		}
	}
	return outb
}
