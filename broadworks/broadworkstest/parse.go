package broadworkstest

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
)

// The fake's one XML parser, its own (it shares nothing with the client's
// codec but the XML name characters of internal/xmlchar, a fact of the XML
// spec, so that it can catch the client's mistakes): it builds the tree
// of a request document as encoding/xml's RawToken reads it (the tests
// hold it to that, on the documents clients send, on handmade and fuzzed
// ones): names split at their colon, text with references resolved and
// line ends normalised, CDATA as text, comments, processing instructions
// and directives skipped; end tags must close their element by local
// name. It refuses, as encoding/xml does, every document that is not
// well-formed, and also three that it reads but no client writes: an XML
// declaration anywhere but at the start, names outside ASCII, and more
// than maxNodes elements or maxDepth levels.

const (
	maxDepth = 32
	maxNodes = 20000
)

var errTooLarge = errors.New("document too large or too deep")

// parseTree parses a request document. textual is true for a document that
// is already Unicode text (SOAP), whatever it declares.
func parseTree(data []byte, textual bool) (*node, error) {
	var p treeParser
	return p.parseDoc(data, textual)
}

// parse is parseTree with st's parser: the tree is valid until st's next
// document.
func (st *docState) parse(data []byte, textual bool) (*node, error) {
	return st.p.parseDoc(data, textual)
}

// newNode returns the node of a start tag.
func newNode(name string, attrs []xml.Attr) *node {
	n := &node{}
	initNode(n, name, attrs)
	return n
}

// initNode sets a node's name and attributes (Name.Space is the prefix),
// and its xsi:type and xsi:nil read from any prefixed attribute but xmlns.
func initNode(n *node, name string, attrs []xml.Attr) {
	n.name, n.attrs = name, attrs
	for _, a := range attrs {
		if a.Name.Space == "" || a.Name.Space == "xmlns" {
			continue
		}
		switch a.Name.Local {
		case "type":
			n.typ = a.Value
			if i := strings.LastIndexByte(n.typ, ':'); i >= 0 {
				n.typ = n.typ[i+1:]
			}
		case "nil":
			n.isNil = a.Value == "true" || a.Value == "1"
		}
	}
}

// isLatin1Label reports whether the fake reads a document declared enc as
// ISO-8859-1.
func isLatin1Label(enc string) bool {
	switch strings.ToLower(enc) {
	case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii":
		return true
	}
	return false
}

func isASCII(b []byte) bool { return asciiPrefix(b) == len(b) }

// asciiPrefix returns the length of b's leading ASCII bytes, looking at
// eight at a time.
func asciiPrefix(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	return i
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+16)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

// skipSpace returns the index of the first byte from i on that is not
// XML white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// declaration reads the XML declaration at the start of b ("<?xml"
// followed by no name byte), as encoding/xml reads one: its version, if
// given, 1.0; its encoding the first "encoding=" followed by a quote. n is
// its length.
func declaration(b []byte) (enc string, n int, err error) {
	i := skipSpace(b, len("<?xml"))
	end := bytes.Index(b[i:], []byte("?>"))
	if end < 0 {
		return "", 0, io.ErrUnexpectedEOF
	}
	content := string(b[i : i+end])
	if v := pseudoAttr(content, "version"); v != "" && v != "1.0" {
		return "", 0, fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", v)
	}
	return pseudoAttr(content, "encoding"), i + end + 2, nil
}

// pseudoAttr finds name's value in a declaration: after the first
// `name=` that a quote follows, up to the next such quote.
func pseudoAttr(s, name string) string {
	key := name + "="
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], key)
		if k < 0 || i+k+len(key) >= len(s) {
			return ""
		}
		i += k + len(key)
		if q := s[i]; q == '"' || q == '\'' {
			v, _, ok := strings.Cut(s[i+1:], string(q))
			if !ok {
				return ""
			}
			return v
		}
		i++
	}
	return ""
}

// frame is an open element.
type frame struct {
	n      *node
	local  string // its local name, which its end tag must repeat
	kids   int    // where its children start in treeParser.pending
	text   bool   // it has text, at treeParser.arena[ts:te]
	ts, te int
}

// span is where the text of a node lies in treeParser.arena.
type span struct {
	n      *node
	ts, te int
}

// treeParser holds what parseTree reuses: within a document, every name
// (and short attribute value) is one string however often it occurs, and
// all element text is one string that the nodes' texts are slices of;
// across the documents of one connection (see docState), the name strings
// and the node, pointer, attribute and text buffers. A tree is valid until
// the parser's next document.
type treeParser struct {
	b       []byte // the document after the declaration, UTF-8
	buf     []byte // an attribute value with references resolved
	arena   []byte // the text of every element, references resolved
	spans   []span
	pending []*node
	nodes   []node
	ptrs    []*node
	attrs   []xml.Attr
	names   map[string]string
	recent  [64]string // names seen lately, by nameSlot: most lookups end here
}

// Bounds on what a treeParser keeps between documents.
const (
	maxKeptNodes = 4096
	maxKeptNames = 1024
	maxKeptText  = 1 << 20
	maxNameValue = 64 // longer attribute values are not kept as names
)

// parseDoc is parseTree with p's buffers.
func (p *treeParser) parseDoc(data []byte, textual bool) (*node, error) {
	body := data
	for i := 0; ; {
		i = skipSpace(body, i)
		if bytes.HasPrefix(body[i:], []byte("\xef\xbb\xbf")) { // byte order marks
			i += 3
			continue
		}
		if !bytes.HasPrefix(body[i:], []byte("<?xml")) || len(body) > i+5 && (xmlchar.NameBytes[body[i+5]] != 0 || body[i+5] >= utf8.RuneSelf) {
			break
		}
		enc, n, err := declaration(body[i:])
		if err != nil {
			return nil, err
		}
		rest := body[i+n:]
		switch {
		case textual || enc == "" || strings.EqualFold(enc, "utf-8"):
		case isLatin1Label(enc):
			if !isASCII(rest) {
				rest = latin1ToUTF8(rest)
			}
		default:
			return nil, fmt.Errorf("xml: opening charset %q: unsupported encoding %q", enc, enc)
		}
		// What precedes the declaration is white space and byte order
		// marks: valid UTF-8, nothing of the tree.
		body = rest
		break
	}
	p.b = body
	root, err := p.parse()
	p.b = nil
	return root, err
}

// parse reads the element tree of p.b and what surrounds it.
func (p *treeParser) parse() (*node, error) {
	b := p.b
	// Every element has a '<': one slab for all nodes, one for all children
	// lists. (Counting the '<' not followed by '/' would be tighter, but
	// costs a second, slower pass.) A reused node is zeroed when it is
	// taken.
	limit := max(bytes.Count(b, []byte("<")), 1)
	if cap(p.nodes) >= limit {
		p.nodes = p.nodes[:limit]
	} else {
		p.nodes = make([]node, limit)
	}
	if cap(p.ptrs) < 2*limit {
		p.ptrs = make([]*node, 2*limit)
	}
	nodes := p.nodes
	ptrs := p.ptrs[:2*limit]
	p.pending, ptrs = ptrs[:0:limit], ptrs[limit:limit]
	if p.attrs == nil {
		p.attrs = make([]xml.Attr, 0, 16)
	}
	p.attrs, p.arena, p.spans = p.attrs[:0], p.arena[:0], p.spans[:0]
	defer p.trim()
	var stack [maxDepth]frame
	depth, count := 0, 0
	var root *node
	i := 0
	for {
		if i >= len(b) {
			if root == nil || depth > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			p.setTexts()
			return root, nil
		}
		if b[i] != '<' {
			var err error
			if depth == 0 { // text around the root: checked, not kept
				p.buf, i, err = p.scanText(p.buf[:0], i, 0)
			} else {
				i, err = p.nodeText(&stack[depth-1], func(dst []byte) ([]byte, int, error) { return p.scanText(dst, i, 0) })
			}
			if err != nil {
				return nil, err
			}
			continue
		}
		i++
		if i >= len(b) {
			return nil, io.ErrUnexpectedEOF
		}
		switch b[i] {
		case '/': // end tag
			ne, local, err := scanName(b, i+1, 1)
			if err != nil {
				return nil, err
			}
			if depth == 0 {
				return nil, fmt.Errorf("unexpected end element </%s>", local)
			}
			f := &stack[depth-1]
			if string(local) != f.local {
				return nil, fmt.Errorf("unexpected end element </%s>", local)
			}
			i = skipSpace(b, ne)
			if i >= len(b) {
				return nil, io.ErrUnexpectedEOF
			}
			if b[i] != '>' {
				return nil, fmt.Errorf("invalid characters between </%s and >", local)
			}
			i++
			p.close(f, &ptrs)
			depth--
			continue
		case '?': // processing instruction
			ne, target, err := scanName(b, i+1, -1)
			if err != nil {
				return nil, err
			}
			if string(target) == "xml" {
				return nil, errors.New("XML declaration not at the start of the document")
			}
			end := bytes.Index(b[ne:], []byte("?>"))
			if end < 0 {
				return nil, io.ErrUnexpectedEOF
			}
			i = ne + end + 2
			continue
		case '!':
			var err error
			if bytes.HasPrefix(b[i:], []byte("![")) { // CDATA
				if !bytes.HasPrefix(b[i:], []byte("![CDATA[")) {
					if len(b)-i < len("![CDATA[") && bytes.HasPrefix([]byte("![CDATA["), b[i:]) {
						return nil, io.ErrUnexpectedEOF
					}
					return nil, errors.New("invalid <![ sequence")
				}
				i += len("![CDATA[")
				if depth == 0 {
					p.buf, i, err = p.scanCDATA(p.buf[:0], i)
				} else {
					i, err = p.nodeText(&stack[depth-1], func(dst []byte) ([]byte, int, error) { return p.scanCDATA(dst, i) })
				}
			} else {
				i, err = skipBang(b, i+1)
			}
			if err != nil {
				return nil, err
			}
			continue
		}
		// Start tag.
		ne, local, err := scanName(b, i, 1)
		if err != nil {
			return nil, err
		}
		if depth == 0 && root != nil {
			return nil, errors.New("more than one root element")
		}
		count++
		if count > maxNodes || depth >= maxDepth || count > len(nodes) {
			return nil, errTooLarge
		}
		firstAttr := len(p.attrs)
		empty := false
		i = ne
		for {
			i = skipSpace(b, i)
			if i >= len(b) {
				return nil, io.ErrUnexpectedEOF
			}
			if c := b[i]; c == '/' {
				if i+1 >= len(b) {
					return nil, io.ErrUnexpectedEOF
				}
				if b[i+1] != '>' {
					return nil, errors.New("expected /> in element")
				}
				i += 2
				empty = true
				break
			} else if c == '>' {
				i++
				break
			}
			an, alocal, err := scanName(b, i, 1)
			if err != nil {
				return nil, err
			}
			var a xml.Attr
			a.Name.Local = p.name(alocal)
			if prefix := b[i:an]; len(alocal) < len(prefix) {
				a.Name.Space = p.name(prefix[:len(prefix)-len(alocal)-1])
			}
			i = skipSpace(b, an)
			if i >= len(b) {
				return nil, io.ErrUnexpectedEOF
			}
			if b[i] != '=' {
				return nil, errors.New("attribute name without = in element")
			}
			i = skipSpace(b, i+1)
			if i >= len(b) {
				return nil, io.ErrUnexpectedEOF
			}
			if b[i] != '"' && b[i] != '\'' {
				return nil, errors.New("unquoted or missing attribute value in element")
			}
			if p.buf, i, err = p.scanText(p.buf[:0], i+1, b[i]); err != nil {
				return nil, err
			}
			if len(p.buf) <= maxNameValue {
				a.Value = p.name(p.buf)
			} else {
				a.Value = string(p.buf)
			}
			p.attrs = append(p.attrs, a)
		}
		n := &nodes[count-1]
		*n = node{}
		// A slice of p.attrs: if a later append moves p.attrs, this one
		// keeps the old array, which nothing writes to any more.
		name := p.name(local)
		initNode(n, name, p.attrs[firstAttr:len(p.attrs):len(p.attrs)])
		if depth == 0 {
			root = n
		} else {
			p.pending = append(p.pending, n)
		}
		stack[depth] = frame{n: n, local: name, kids: len(p.pending)}
		depth++
		if empty {
			p.close(&stack[depth-1], &ptrs)
			depth--
		}
	}
}

// nodeText appends the text that scan reads to f's node: the node's text
// is one slice of the arena, so text again after a child's is moved to
// the end first. It returns the index after the text.
func (p *treeParser) nodeText(f *frame, scan func(dst []byte) ([]byte, int, error)) (int, error) {
	switch {
	case !f.text:
		f.text, f.ts = true, len(p.arena)
	case f.te != len(p.arena):
		p.arena = append(p.arena, p.arena[f.ts:f.te]...)
		f.ts = len(p.arena) - (f.te - f.ts)
	}
	var next int
	var err error
	p.arena, next, err = scan(p.arena)
	f.te = len(p.arena)
	return next, err
}

// skipBang skips what follows "<!" at b[i:] that is not a CDATA section: a
// comment, whose first "--" must end it, or a directive (<!DOCTYPE ...>),
// up to the '>' outside quotes that closes its nesting of '<' and '>'
// (comments inside it skipped whole; its first byte only starts it), as
// encoding/xml reads them. It returns the index after it.
func skipBang(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, io.ErrUnexpectedEOF
	}
	if b[i] == '-' {
		if i+1 >= len(b) {
			return 0, io.ErrUnexpectedEOF
		}
		if b[i+1] != '-' {
			return 0, errors.New("invalid sequence <!- not part of <!--")
		}
		j := bytes.Index(b[i+2:], []byte("--"))
		if j < 0 || i+2+j+2 >= len(b) {
			return 0, io.ErrUnexpectedEOF
		}
		if b[i+2+j+2] != '>' {
			return 0, errors.New(`invalid sequence "--" not allowed in comments`)
		}
		return i + 2 + j + 3, nil
	}
	i++ // the directive's first byte
	var quote byte
	depth := 0
	for {
		if i >= len(b) {
			return 0, io.ErrUnexpectedEOF
		}
		c := b[i]
		i++
		if quote == 0 && c == '>' && depth == 0 {
			return i, nil
		}
		for again := true; again; {
			again = false
			switch {
			case c == quote:
				quote = 0
			case quote != 0:
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				depth--
			case c == '<':
				k := 0
				for ; k < 3; k++ {
					if i >= len(b) {
						return 0, io.ErrUnexpectedEOF
					}
					c = b[i]
					i++
					if c != "!--"[k] {
						break
					}
				}
				if k < 3 {
					depth++
					again = true // c is handled in its turn
					continue
				}
				end := bytes.Index(b[i:], []byte("-->"))
				if end < 0 {
					return 0, io.ErrUnexpectedEOF
				}
				i += end + 3
			}
		}
	}
}

// setTexts gives every node with text its text, all of them slices of one
// string.
func (p *treeParser) setTexts() {
	if len(p.spans) == 0 {
		return
	}
	all := string(p.arena)
	for _, sp := range p.spans {
		sp.n.text = all[sp.ts:sp.te]
	}
}

// trim drops what is not worth keeping for the next document: buffers
// grown by an unusually large one, and the name strings once there are
// many (a client sending ever new names).
func (p *treeParser) trim() {
	if cap(p.nodes) > maxKeptNodes {
		p.nodes, p.ptrs, p.pending = nil, nil, nil
	}
	if cap(p.attrs) > maxKeptNodes {
		p.attrs = nil
	}
	if cap(p.arena) > maxKeptText {
		p.arena = nil
	}
	if cap(p.spans) > maxKeptNodes {
		p.spans = nil
	}
	if len(p.names) > maxKeptNames {
		p.names = nil
	}
}

// close gives f's node the children gathered since it opened, and its text.
func (p *treeParser) close(f *frame, ptrs *[]*node) {
	if f.text {
		p.spans = append(p.spans, span{f.n, f.ts, f.te})
	}
	kids := p.pending[f.kids:]
	if len(kids) == 0 {
		return
	}
	start := len(*ptrs)
	*ptrs = append(*ptrs, kids...)
	f.n.kids = (*ptrs)[start:len(*ptrs):len(*ptrs)]
	p.pending = p.pending[:f.kids]
}

// name returns b as a string, the same string for the same bytes: the
// usual attribute names without allocating, the others once per parser.
func (p *treeParser) name(b []byte) string {
	switch string(b) {
	case "":
		return ""
	case "xmlns":
		return "xmlns"
	case "xsi":
		return "xsi"
	case "type":
		return "type"
	case "nil":
		return "nil"
	case "protocol":
		return "protocol"
	}
	slot := &p.recent[nameSlot(b)]
	if *slot == string(b) {
		return *slot
	}
	s, ok := p.names[string(b)]
	if !ok {
		s = string(b)
		if p.names == nil {
			p.names = make(map[string]string, 64)
		}
		p.names[s] = s
	}
	*slot = s
	return s
}

// nameSlot picks a name's slot in treeParser.recent (b is not empty).
func nameSlot(b []byte) int {
	return (len(b)*7 + int(b[0]) + int(b[len(b)-1])*3 + int(b[len(b)/2])*5) & 63
}

// scanName reads an ASCII XML name at b[i:] (a letter, '_' or ':', then
// letters, digits, '_', ':', '.', '-') with at most maxColons colons (-1:
// any). It returns the index after it and its local part: what follows
// its colon, when a colon has something on both sides, else the whole
// name, as encoding/xml splits names.
func scanName(b []byte, i, maxColons int) (end int, local []byte, err error) {
	if i >= len(b) {
		return 0, nil, io.ErrUnexpectedEOF
	}
	if xmlchar.NameBytes[b[i]]&xmlchar.NameStart == 0 {
		if b[i] >= utf8.RuneSelf {
			return 0, nil, errors.New("names outside ASCII are not supported")
		}
		return 0, nil, fmt.Errorf("expected a name, found %q", b[i])
	}
	colon, colons := -1, 0
	j := i
	for j < len(b) && xmlchar.NameBytes[b[j]]&xmlchar.NameRest != 0 {
		if b[j] == ':' {
			colon, colons = j, colons+1
		}
		j++
	}
	if j < len(b) && b[j] >= utf8.RuneSelf {
		return 0, nil, errors.New("names outside ASCII are not supported")
	}
	if maxColons >= 0 && colons > maxColons {
		return 0, nil, fmt.Errorf("invalid name %q", b[i:j])
	}
	if colons == 1 && colon > i && colon < j-1 {
		return j, b[colon+1 : j], nil
	}
	return j, b[i:j], nil
}

// scanText reads character data at b[i:] up to '<' (quote 0: the end of
// the document ends it too) or up to the closing quote (returning the
// index after it), appending it to dst with references resolved and line
// ends normalised (CR LF and CR become LF), and refusing what XML refuses:
// an unknown entity, a reference to a character XML does not allow, "]]>"
// outside quotes, '<' inside them, control characters, invalid UTF-8.
func (p *treeParser) scanText(dst []byte, i int, quote byte) (out []byte, next int, err error) {
	b := p.b
	seg := i
	for i < len(b) {
		c := b[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '<' && c != '&' && c != ']' && c != '"' && c != '\'' || c == '\n' || c == '\t' {
			i++
			continue
		}
		switch {
		case c == '<':
			if quote != 0 {
				return dst, 0, errors.New("unescaped < inside quoted string")
			}
			return append(dst, b[seg:i]...), i, nil
		case c == '"' || c == '\'':
			if c == quote {
				return append(dst, b[seg:i]...), i + 1, nil
			}
			i++
		case c == ']':
			if quote == 0 && bytes.HasPrefix(b[i:], []byte("]]>")) {
				return dst, 0, errors.New("unescaped ]]> not in CDATA section")
			}
			i++
		case c == '&':
			dst = append(dst, b[seg:i]...)
			var n int
			if dst, n = appendRef(dst, b[i:]); n == 0 {
				return dst, 0, fmt.Errorf("invalid character entity at %q", b[i:min(len(b), i+12)])
			}
			i += n
			seg = i
		case c == '\r':
			dst = append(dst, b[seg:i]...)
			dst = append(dst, '\n')
			i++
			if i < len(b) && b[i] == '\n' {
				i++
			}
			seg = i
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				return dst, 0, errors.New("invalid UTF-8")
			}
			if !isInCharacterRange(r) {
				return dst, 0, fmt.Errorf("illegal character code %U", r)
			}
			i += size
		default:
			return dst, 0, fmt.Errorf("illegal character code %U", rune(c))
		}
	}
	if quote != 0 {
		return dst, 0, io.ErrUnexpectedEOF
	}
	return append(dst, b[seg:i]...), i, nil
}

// scanCDATA reads a CDATA section's content at b[i:] up to "]]>",
// appending it to dst with line ends normalised and its characters
// checked. It returns the index after "]]>".
func (p *treeParser) scanCDATA(dst []byte, i int) (out []byte, next int, err error) {
	b := p.b
	end := bytes.Index(b[i:], []byte("]]>"))
	if end < 0 {
		return dst, 0, io.ErrUnexpectedEOF
	}
	end += i
	for i < end {
		c := b[i]
		switch {
		case c == '\r':
			dst = append(dst, '\n')
			i++
			if i < end && b[i] == '\n' {
				i++
			}
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:end])
			if r == utf8.RuneError && size == 1 {
				return dst, 0, errors.New("invalid UTF-8")
			}
			if !isInCharacterRange(r) {
				return dst, 0, fmt.Errorf("illegal character code %U", r)
			}
			dst = append(dst, b[i:i+size]...)
			i += size
		case c < 0x20 && c != '\t' && c != '\n':
			return dst, 0, fmt.Errorf("illegal character code %U", rune(c))
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst, end + 3, nil
}

// appendRef resolves the entity or character reference at the start of b
// ("&..."), returning the bytes it took, 0 if it is not one XML accepts. A
// reference to a surrogate reads as U+FFFD, as encoding/xml reads it.
func appendRef(dst, b []byte) ([]byte, int) {
	if len(b) < 3 {
		return dst, 0
	}
	if b[1] != '#' {
		for _, e := range [...]struct {
			ref string
			c   byte
		}{{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&apos;", '\''}, {"&quot;", '"'}} {
			if bytes.HasPrefix(b, []byte(e.ref)) {
				return append(dst, e.c), len(e.ref)
			}
		}
		return dst, 0
	}
	j, base := 2, rune(10)
	if b[j] == 'x' {
		j, base = 3, 16
	}
	start := j
	v := rune(0)
	for ; j < len(b); j++ {
		var d rune
		switch c := b[j]; {
		case '0' <= c && c <= '9':
			d = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			d = rune(c-'A') + 10
		default:
			d = -1
		}
		if d < 0 {
			break
		}
		if v = v*base + d; v > utf8.MaxRune {
			return dst, 0
		}
	}
	if j == start || j >= len(b) || b[j] != ';' {
		return dst, 0
	}
	if v >= 0xD800 && v <= 0xDFFF {
		v = utf8.RuneError
	}
	if !isInCharacterRange(v) {
		return dst, 0
	}
	return utf8.AppendRune(dst, v), j + 1
}

// isInCharacterRange reports whether r is a character XML 1.0 allows.
func isInCharacterRange(r rune) bool {
	return r == 0x09 ||
		r == 0x0A ||
		r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
