package broadworkstest

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"strings"
	"unicode/utf8"
)

// parseTreeFast parses the documents clients send without encoding/xml:
// an optional XML declaration (version 1.0; encoding UTF-8, ISO-8859-1 or
// US-ASCII and their usual labels, or none), then one element tree of
// ASCII names, quoted attributes, text with the predefined entities and
// character references, and whitespace around the root. It builds the tree
// parseTreeXML builds. ok is false for anything else (DOCTYPE, CDATA,
// comments, processing instructions, unknown entities, other encodings,
// carriage returns, non-ASCII names, end tags spelled unlike their start
// tags, limits exceeded, any malformation): parseTreeXML decides those.
func parseTreeFast(data []byte, textual bool) (root *node, ok bool) {
	var p fastParser
	return p.parseDoc(data, textual)
}

// isLatin1Label reports whether parseTreeXML reads enc as ISO-8859-1.
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

// skipSpace returns the index of the first byte from i on that is not a
// space, tab or newline.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
		i++
	}
	return i
}

// parseDecl reads the XML declaration at the start of b, strictly:
// `<?xml version="1.0"`, then optionally ` encoding="label"`, then
// optionally ` standalone="yes|no"`, spaces and `?>`, in quotes of either
// kind and no spaces around the equals signs (where encoding/xml's own
// reading of declarations would differ). n is the length of the declaration.
func parseDecl(b []byte) (enc string, n int, ok bool) {
	i := len("<?xml")
	j := skipSpace(b, i)
	if j == i || !bytes.HasPrefix(b[j:], []byte("version=")) {
		return "", 0, false
	}
	v, i, ok := declValue(b, j+len("version="))
	if !ok || v != "1.0" {
		return "", 0, false
	}
	sawEnc, sawStandalone := false, false
	for {
		j := skipSpace(b, i)
		if bytes.HasPrefix(b[j:], []byte("?>")) {
			return enc, j + 2, true
		}
		if j == i {
			return "", 0, false
		}
		switch {
		case !sawEnc && !sawStandalone && bytes.HasPrefix(b[j:], []byte("encoding=")):
			if enc, i, ok = declValue(b, j+len("encoding=")); !ok || enc == "" {
				return "", 0, false
			}
			sawEnc = true
		case !sawStandalone && bytes.HasPrefix(b[j:], []byte("standalone=")):
			if v, i, ok = declValue(b, j+len("standalone=")); !ok || v != "yes" && v != "no" {
				return "", 0, false
			}
			sawStandalone = true
		default:
			return "", 0, false
		}
	}
}

// declValue reads a quoted value of letters, digits, '.', '_' and '-' at
// b[i:], returning it and the index after the closing quote.
func declValue(b []byte, i int) (string, int, bool) {
	if i >= len(b) || b[i] != '"' && b[i] != '\'' {
		return "", 0, false
	}
	q := b[i]
	for j := i + 1; j < len(b); j++ {
		c := b[j]
		switch {
		case c == q:
			return string(b[i+1 : j]), j + 1, true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '-':
		default:
			return "", 0, false
		}
	}
	return "", 0, false
}

// frame is an open element.
type frame struct {
	n      *node
	ns, ne int  // its name as written, b[ns:ne]
	kids   int  // where its children start in fastParser.pending
	text   bool // it has text, at fastParser.arena[ts:te]
	ts, te int
}

// span is where the text of a node lies in fastParser.arena.
type span struct {
	n      *node
	ts, te int
}

// fastParser holds what parseTreeFast reuses: within a document, every
// name (and short attribute value) is one string however often it occurs,
// and all element text is one string that the nodes' texts are slices of;
// across the documents of one connection (see docState), the name strings
// and the node, pointer, attribute and text buffers. A tree is valid until
// the parser's next document.
type fastParser struct {
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

// Bounds on what a fastParser keeps between documents.
const (
	maxKeptNodes = 4096
	maxKeptNames = 1024
	maxKeptText  = 1 << 20
	maxNameValue = 64 // longer attribute values are not kept as names
)

// parseDoc is parseTreeFast with p's buffers.
func (p *fastParser) parseDoc(data []byte, textual bool) (root *node, ok bool) {
	body := data[skipSpace(data, 0):]
	if bytes.HasPrefix(body, []byte("<?xml")) {
		enc, n, ok := parseDecl(body)
		if !ok {
			return nil, false
		}
		body = body[n:]
		switch {
		case enc == "" || strings.EqualFold(enc, "utf-8"):
		case isLatin1Label(enc):
			if !textual && !isASCII(body) {
				body = latin1ToUTF8(body)
			}
		default:
			return nil, false
		}
	}
	p.b = body
	root, ok = p.parse()
	p.b = nil
	return root, ok
}

// parse reads the element tree and the whitespace around it.
func (p *fastParser) parse() (*node, bool) {
	b := p.b
	// Every element has a '<': one slab for all nodes, one for all children
	// lists. (Counting the '<' not followed by '/' would be tighter, but
	// costs a second, slower pass.) A reused node is zeroed when it is
	// taken.
	limit := bytes.Count(b, []byte("<"))
	if limit <= 0 {
		return nil, false
	}
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
		if depth == 0 {
			i = skipSpace(b, i)
			if i == len(b) {
				if root == nil {
					return nil, false
				}
				p.setTexts()
				return root, true
			}
			if root != nil {
				return nil, false // more than whitespace after the root
			}
		}
		if i >= len(b) {
			return nil, false // unclosed elements
		}
		if b[i] != '<' {
			if depth == 0 {
				return nil, false
			}
			f := &stack[depth-1]
			switch {
			case !f.text:
				f.text, f.ts = true, len(p.arena)
			case f.te != len(p.arena):
				// Text again after a child's: move the earlier text to the
				// end, so that the two are one slice.
				p.arena = append(p.arena, p.arena[f.ts:f.te]...)
				f.ts = len(p.arena) - (f.te - f.ts)
			}
			var ok bool
			if p.arena, i, ok = p.scanText(p.arena, i, 0); !ok {
				return nil, false
			}
			f.te = len(p.arena)
			continue
		}
		i++
		if i >= len(b) {
			return nil, false
		}
		if b[i] == '/' { // end tag
			ns := i + 1
			ne, _, ok := scanName(b, ns)
			if !ok || depth == 0 {
				return nil, false
			}
			f := &stack[depth-1]
			if !bytes.Equal(b[ns:ne], b[f.ns:f.ne]) {
				return nil, false
			}
			i = skipSpace(b, ne)
			if i >= len(b) || b[i] != '>' {
				return nil, false
			}
			i++
			p.close(f, &ptrs)
			depth--
			continue
		}
		// Start tag (or, failing the name, markup left to encoding/xml).
		ns := i
		ne, colon, ok := scanName(b, ns)
		if !ok {
			return nil, false
		}
		count++
		if count > maxNodes || depth >= maxDepth || count > len(nodes) {
			return nil, false
		}
		name := b[ns:ne]
		if colon >= 0 {
			name = b[colon+1 : ne]
		}
		firstAttr := len(p.attrs)
		empty := false
		i = ne
		for {
			i = skipSpace(b, i)
			if i >= len(b) {
				return nil, false
			}
			if c := b[i]; c == '/' {
				if i+1 >= len(b) || b[i+1] != '>' {
					return nil, false
				}
				i += 2
				empty = true
				break
			} else if c == '>' {
				i++
				break
			}
			an, acolon, ok := scanName(b, i)
			if !ok {
				return nil, false
			}
			var a xml.Attr
			if acolon >= 0 {
				a.Name.Space, a.Name.Local = p.name(b[i:acolon]), p.name(b[acolon+1:an])
			} else {
				a.Name.Local = p.name(b[i:an])
			}
			i = skipSpace(b, an)
			if i >= len(b) || b[i] != '=' {
				return nil, false
			}
			i = skipSpace(b, i+1)
			if i >= len(b) || b[i] != '"' && b[i] != '\'' {
				return nil, false
			}
			if p.buf, i, ok = p.scanText(p.buf[:0], i+1, b[i]); !ok {
				return nil, false
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
		initNode(n, p.name(name), p.attrs[firstAttr:len(p.attrs):len(p.attrs)])
		if depth == 0 {
			root = n
		} else {
			p.pending = append(p.pending, n)
		}
		stack[depth] = frame{n: n, ns: ns, ne: ne, kids: len(p.pending)}
		depth++
		if empty {
			p.close(&stack[depth-1], &ptrs)
			depth--
		}
	}
}

// setTexts gives every node with text its text, all of them slices of one
// string.
func (p *fastParser) setTexts() {
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
func (p *fastParser) trim() {
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
func (p *fastParser) close(f *frame, ptrs *[]*node) {
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
func (p *fastParser) name(b []byte) string {
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

// nameSlot picks a name's slot in fastParser.recent (b is not empty).
func nameSlot(b []byte) int {
	return (len(b)*7 + int(b[0]) + int(b[len(b)-1])*3 + int(b[len(b)/2])*5) & 63
}

// nameBytes classifies the bytes of an ASCII XML name.
var nameBytes = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_':
			t[c] = nameStart | nameRest
		case '0' <= c && c <= '9' || c == '.' || c == '-':
			t[c] = nameRest
		}
	}
	return t
}()

const (
	nameStart = 1 << iota // may start a name
	nameRest              // may continue one
)

// scanName reads an ASCII XML name at b[i:]: a letter or '_', then
// letters, digits, '_', '.', '-', and at most one ':' inside. It returns
// the index after it and that of the colon (-1 for none). ok is false for
// a name followed by a byte encoding/xml would take as part of it (any
// non-ASCII byte) or by the end of the input.
func scanName(b []byte, i int) (end, colon int, ok bool) {
	if i >= len(b) {
		return 0, 0, false
	}
	if nameBytes[b[i]]&nameStart == 0 {
		return 0, 0, false
	}
	colon = -1
	j := i + 1
	for {
		for j < len(b) && nameBytes[b[j]]&nameRest != 0 {
			j++
		}
		if j >= len(b) || b[j] != ':' {
			break
		}
		if colon >= 0 {
			return 0, 0, false
		}
		colon = j
		j++
	}
	if j >= len(b) || b[j] >= utf8.RuneSelf || colon == j-1 {
		return 0, 0, false
	}
	return j, colon, true
}

// scanText reads character data at b[i:] up to '<' (quote 0) or up to the
// closing quote (returning the index after it), appending it to dst with
// references resolved. ok is false for whatever parseTreeXML would refuse
// or might read otherwise: an unknown entity, a reference to a character
// XML does not allow, "]]>" outside quotes, '<' inside them, control
// characters (carriage returns included, which encoding/xml rewrites),
// invalid UTF-8, the end of the input.
func (p *fastParser) scanText(dst []byte, i int, quote byte) (out []byte, next int, ok bool) {
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
				return dst, 0, false
			}
			return append(dst, b[seg:i]...), i, true
		case c == '"' || c == '\'':
			if c == quote {
				return append(dst, b[seg:i]...), i + 1, true
			}
			i++
		case c == ']':
			if quote == 0 && bytes.HasPrefix(b[i:], []byte("]]>")) {
				return dst, 0, false
			}
			i++
		case c == '&':
			dst = append(dst, b[seg:i]...)
			var n int
			if dst, n = appendRef(dst, b[i:]); n == 0 {
				return dst, 0, false
			}
			i += n
			seg = i
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 || !isInCharacterRange(r) {
				return dst, 0, false
			}
			i += size
		default:
			return dst, 0, false
		}
	}
	return dst, 0, false
}

// appendRef resolves the entity or character reference at the start of b
// ("&..."), returning the bytes it took, 0 if it is not one parseTreeFast
// accepts.
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
	v, digits := rune(0), 0
	for ; j < len(b) && digits <= 8; j, digits = j+1, digits+1 {
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
		v = v*base + d
	}
	if digits == 0 || digits > 8 || j >= len(b) || b[j] != ';' || !isInCharacterRange(v) {
		return dst, 0
	}
	return utf8.AppendRune(dst, v), j + 1
}

// isInCharacterRange reports whether r is a character XML 1.0 allows, as
// encoding/xml decides it.
func isInCharacterRange(r rune) bool {
	return r == 0x09 ||
		r == 0x0A ||
		r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
