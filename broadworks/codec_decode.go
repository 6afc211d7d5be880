package broadworks

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The response decoder of the common case, without encoding/xml: the
// answers of adds, modifies, deletes (SuccessResponse), gets and lists, in
// the documents servers write. It is a validating scanner for the subset of
// XML those documents use; anything outside it (comments, CDATA, processing
// instructions other than the XML declaration, DOCTYPE, ErrorResponse and
// the response types it does not know, deep nesting, and every input that
// is not well-formed) makes it give up, and the caller decodes with
// encoding/xml, which then gives the same result or the error. So for all
// it accepts it must give exactly what encoding/xml gives; the tests check
// both decoders agree on generated and fuzzed documents.

// maxFastDepth bounds the element nesting the fast decoder follows.
const maxFastDepth = 32

type fastDecoder struct {
	data   []byte
	pos    int
	latin1 bool   // bytes from 0x80 are ISO-8859-1 characters
	str    string // data as a string, made on first use: values are substrings of it
	buf    []byte // scratch for values with references or Latin-1 characters
	depth  int
}

// decodeFast decodes data like decodeSessionDocumentXML; ok is false when
// it cannot tell (see above).
func decodeFast(data []byte, textual bool, cmds []Command) (sessionID string, out []Response, ok bool) {
	d := fastDecoder{data: data}
	if !d.prolog(textual) {
		return "", nil, false
	}
	ns, ne, ok := d.name()
	if !ok || string(localPart(data[ns:ne])) != "BroadsoftDocument" {
		return "", nil, false
	}
	empty, ok := d.attrs(nil)
	if !ok {
		return "", nil, false
	}
	if empty {
		return "", nil, true
	}
	root := data[ns:ne]
	for {
		if _, _, _, _, ok := d.text(0); !ok || d.pos >= len(data) {
			return "", nil, false
		}
		// d.data[d.pos] == '<'
		d.pos++
		if d.pos < len(data) && data[d.pos] == '/' {
			if !d.endTag(root) {
				return "", nil, false
			}
			return strings.TrimSpace(sessionID), out, true
		}
		cs, ce, ok := d.name()
		if !ok {
			return "", nil, false
		}
		name := data[cs:ce]
		switch string(localPart(name)) {
		case "sessionId":
			if len(out) > 0 {
				if !d.skipElement(name) {
					return "", nil, false
				}
				continue
			}
			empty, ok := d.attrs(nil)
			if !ok {
				return "", nil, false
			}
			// Its own string: a substring would keep the document.
			s, e, plain, ok := d.leaf(name, empty)
			if !ok {
				return "", nil, false
			}
			sessionID = string(d.value(s, e, plain))
		case "command":
			if len(out) >= maxResponses {
				return "", nil, false
			}
			r, ok := d.command(name)
			if !ok {
				return "", nil, false
			}
			if out == nil {
				out = make([]Response, 0, max(len(cmds), 1))
			}
			out = append(out, r)
		default:
			if !d.skipElement(name) {
				return "", nil, false
			}
		}
	}
}

// prolog reads what precedes the root element, up to and including its
// '<': white space and an XML declaration, which sets the encoding.
func (d *fastDecoder) prolog(textual bool) bool {
	d.space()
	if bytes.HasPrefix(d.data[d.pos:], []byte("<?xml")) {
		d.pos += len("<?xml")
		var version, encoding []byte
		seen := 0
		for {
			n := d.pos
			d.space()
			if bytes.HasPrefix(d.data[d.pos:], []byte("?>")) {
				d.pos += 2
				break
			}
			if d.pos == n {
				return false // attributes are separated by white space
			}
			ks := d.pos
			for d.pos < len(d.data) && d.data[d.pos] >= 'a' && d.data[d.pos] <= 'z' {
				d.pos++
			}
			bit := 0
			switch string(d.data[ks:d.pos]) {
			case "version":
				bit = 1
			case "encoding":
				bit = 2
			case "standalone":
				bit = 4
			default:
				return false
			}
			if seen&bit != 0 || d.pos+1 >= len(d.data) || d.data[d.pos] != '=' {
				return false
			}
			seen |= bit
			q := d.data[d.pos+1]
			if q != '"' && q != '\'' {
				return false
			}
			d.pos += 2
			vs := d.pos
			for d.pos < len(d.data) && isDeclValueByte(d.data[d.pos]) {
				d.pos++
			}
			if d.pos >= len(d.data) || d.data[d.pos] != q {
				return false
			}
			v := d.data[vs:d.pos]
			d.pos++
			switch bit {
			case 1:
				version = v
			case 2:
				encoding = v
			}
		}
		if len(version) > 0 && string(version) != "1.0" {
			return false
		}
		if len(encoding) > 0 && !bytes.EqualFold(encoding, []byte("utf-8")) && !textual {
			if string(encoding) != "ISO-8859-1" {
				if _, err := charsetReader(string(encoding), strings.NewReader("")); err != nil {
					return false
				}
			}
			d.latin1 = true // the encodings charsetReader reads are ISO-8859-1 and its subset
		}
		d.space()
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '<' {
		return false
	}
	d.pos++
	return true
}

func isDeclValueByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == ':'
}

func (d *fastDecoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// name reads an XML name of ASCII characters with at most one colon.
func (d *fastDecoder) name() (start, end int, ok bool) {
	i := d.pos
	if i >= len(d.data) || !isFastNameStart(d.data[i]) {
		return 0, 0, false
	}
	colons := 0
	for i < len(d.data) && isFastNameByte(d.data[i]) {
		if d.data[i] == ':' {
			colons++
		}
		i++
	}
	if colons > 1 || i < len(d.data) && d.data[i] >= utf8.RuneSelf {
		return 0, 0, false
	}
	start, d.pos = d.pos, i
	return start, i, true
}

func isFastNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
}

// localPart returns the local part of a name as encoding/xml splits it.
func localPart(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[i+1:]
	}
	return name
}

// typeAttr receives the type attributes of a command element.
type typeAttr struct {
	xsiType []byte
}

// attrs reads the attributes of a start tag and its end; empty is true
// for an empty-element tag. When ta is not nil it receives the value of
// the last prefixed "type" attribute.
func (d *fastDecoder) attrs(ta *typeAttr) (empty, ok bool) {
	for {
		d.space()
		if d.pos >= len(d.data) {
			return false, false
		}
		switch d.data[d.pos] {
		case '/':
			if d.pos+1 >= len(d.data) || d.data[d.pos+1] != '>' {
				return false, false
			}
			d.pos += 2
			return true, true
		case '>':
			d.pos++
			return false, true
		}
		ns, ne, ok := d.name()
		if !ok {
			return false, false
		}
		d.space()
		if d.pos >= len(d.data) || d.data[d.pos] != '=' {
			return false, false
		}
		d.pos++
		d.space()
		if d.pos >= len(d.data) {
			return false, false
		}
		q := d.data[d.pos]
		if q != '"' && q != '\'' {
			return false, false
		}
		d.pos++
		vs, ve, plain, cr, ok := d.text(q)
		if !ok {
			return false, false
		}
		name := d.data[ns:ne]
		if vs == ve && bytes.HasPrefix(name, []byte("xmlns:")) {
			// A prefix bound to no name space: encoding/xml then gives
			// its attributes no name space. Leave that to it.
			return false, false
		}
		if ta == nil {
			continue
		}
		if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 && string(name[i+1:]) == "type" {
			if cr {
				return false, false
			}
			v := d.value(vs, ve, plain)
			if !plain {
				v = bytes.Clone(v)
			}
			ta.xsiType = v
		}
	}
}

// endTag reads the rest of an end tag after "</" (d.pos at '/'), which
// must close name.
func (d *fastDecoder) endTag(name []byte) bool {
	d.pos++
	ns, ne, ok := d.name()
	if !ok || !bytes.Equal(d.data[ns:ne], name) {
		return false
	}
	d.space()
	if d.pos >= len(d.data) || d.data[d.pos] != '>' {
		return false
	}
	d.pos++
	return true
}

// text scans character data up to the next '<' (left unread) or, when
// quote is not 0, up to quote (consumed), validating it as encoding/xml
// does. plain is false when the text holds references or Latin-1
// characters (see value); cr when it holds carriage returns.
func (d *fastDecoder) text(quote byte) (start, end int, plain, cr, ok bool) {
	data := d.data
	start = d.pos
	plain = true
	i := d.pos
	var b0, b1 byte // the bytes before c, references skipped, as encoding/xml tracks them
	for i < len(data) {
		c := data[i]
		if quote == 0 && c == '>' && b0 == ']' && b1 == ']' {
			return 0, 0, false, false, false // "]]>" outside CDATA
		}
		switch {
		case c == '<':
			if quote != 0 {
				return 0, 0, false, false, false
			}
			d.pos = i
			return start, i, plain, cr, true
		case quote != 0 && c == quote:
			d.pos = i + 1
			return start, i, plain, cr, true
		case c == '&':
			n, _, ok := charRef(data[i:])
			if !ok {
				return 0, 0, false, false, false
			}
			plain = false
			i += n
			continue // encoding/xml leaves b0 and b1 as they were
		case c == '\r':
			cr = true
			i++
		case c < 0x20 && c != '\t' && c != '\n':
			return 0, 0, false, false, false
		case c < utf8.RuneSelf:
			i++
		case d.latin1:
			plain = false
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
				return 0, 0, false, false, false
			}
			i += size
		}
		b0, b1 = b1, c // for a multi-byte character, a byte that is not ']' stands for its last two
	}
	if quote != 0 {
		return 0, 0, false, false, false
	}
	d.pos = i
	return start, i, plain, cr, true
}

// charRef reads the reference at the start of b ('&'): its length and the
// character, or ok false where encoding/xml would refuse it.
func charRef(b []byte) (n int, r rune, ok bool) {
	semi := bytes.IndexByte(b[:min(len(b), 16)], ';')
	if semi < 0 {
		return 0, 0, false
	}
	switch ref := string(b[1:semi]); ref {
	case "amp":
		return semi + 1, '&', true
	case "lt":
		return semi + 1, '<', true
	case "gt":
		return semi + 1, '>', true
	case "apos":
		return semi + 1, '\'', true
	case "quot":
		return semi + 1, '"', true
	}
	if semi < 3 || b[1] != '#' {
		return 0, 0, false
	}
	digits, base := b[2:semi], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, 0, false
	}
	var v uint64
	for _, c := range digits {
		var x byte
		switch {
		case c >= '0' && c <= '9':
			x = c - '0'
		case base == 16 && c >= 'a' && c <= 'f':
			x = c - 'a' + 10
		case base == 16 && c >= 'A' && c <= 'F':
			x = c - 'A' + 10
		default:
			return 0, 0, false
		}
		v = v*uint64(base) + uint64(x)
		if v > utf8.MaxRune {
			return 0, 0, false
		}
	}
	r = rune(v)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError // string(rune(n)), as encoding/xml converts it
	}
	if !isXMLChar(r) {
		return 0, 0, false
	}
	return semi + 1, r, true
}

// value returns the text data[start:end] scanned by text: the bytes
// themselves when plain, else decoded into d.buf (valid until the next
// call).
func (d *fastDecoder) value(start, end int, plain bool) []byte {
	if plain {
		return d.data[start:end]
	}
	b := d.buf[:0]
	for i := start; i < end; {
		c := d.data[i]
		switch {
		case c == '&':
			n, r, _ := charRef(d.data[i:])
			b = utf8.AppendRune(b, r)
			i += n
		case c >= utf8.RuneSelf && d.latin1:
			b = utf8.AppendRune(b, rune(c))
			i++
		default:
			b = append(b, c)
			i++
		}
	}
	d.buf = b
	return b
}

// stringValue is value as a string: a substring of the document when plain.
func (d *fastDecoder) stringValue(start, end int, plain bool) string {
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

// leaf reads the content of a text-only element whose start tag was read.
func (d *fastDecoder) leaf(name []byte, empty bool) (start, end int, plain, ok bool) {
	if empty {
		return d.pos, d.pos, true, true
	}
	start, end, plain, cr, ok := d.text(0)
	if !ok || cr || d.pos+1 >= len(d.data) || d.data[d.pos+1] != '/' {
		return 0, 0, false, false
	}
	d.pos++
	if !d.endTag(name) {
		return 0, 0, false, false
	}
	return start, end, plain, true
}

func (d *fastDecoder) leafString(name []byte, empty bool) (string, bool) {
	s, e, plain, ok := d.leaf(name, empty)
	if !ok {
		return "", false
	}
	return d.stringValue(s, e, plain), true
}

func (d *fastDecoder) leafBytes(name []byte, empty bool) ([]byte, bool) {
	s, e, plain, ok := d.leaf(name, empty)
	if !ok {
		return nil, false
	}
	return d.value(s, e, plain), true
}

// leafBool parses a boolean as encoding/xml does.
func (d *fastDecoder) leafBool(name []byte, empty bool, v *bool) bool {
	b, ok := d.leafBytes(name, empty)
	if !ok {
		return false
	}
	if len(b) == 0 {
		*v = false
		return true
	}
	x, err := strconv.ParseBool(string(bytes.TrimSpace(b)))
	*v = x
	return err == nil
}

// leafInt parses an int as encoding/xml does.
func (d *fastDecoder) leafInt(name []byte, empty bool, v *int) bool {
	b, ok := d.leafBytes(name, empty)
	if !ok {
		return false
	}
	if len(b) == 0 {
		*v = 0
		return true
	}
	x, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, strconv.IntSize)
	*v = int(x)
	return err == nil
}

// children reads the content of the element name whose start tag was
// read, handing each child element to child (d.pos after the child's name);
// text between children is checked and ignored.
func (d *fastDecoder) children(name []byte, empty bool, child func(name []byte) bool) bool {
	if empty {
		return true
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxFastDepth {
		return false
	}
	for {
		if _, _, _, _, ok := d.text(0); !ok || d.pos >= len(d.data) {
			return false
		}
		d.pos++
		if d.pos < len(d.data) && d.data[d.pos] == '/' {
			return d.endTag(name)
		}
		s, e, ok := d.name()
		if !ok || !child(d.data[s:e]) {
			return false
		}
	}
}

// skipElement checks and skips an element whose name was read.
func (d *fastDecoder) skipElement(name []byte) bool {
	empty, ok := d.attrs(nil)
	if !ok {
		return false
	}
	return d.children(name, empty, d.skipElement)
}

// command decodes a command element whose name was read.
func (d *fastDecoder) command(name []byte) (Response, bool) {
	var ta typeAttr
	empty, ok := d.attrs(&ta)
	if !ok {
		return nil, false
	}
	typ := ta.xsiType
	if i := bytes.LastIndexByte(typ, ':'); i >= 0 {
		typ = typ[i+1:]
	}
	switch string(typ) {
	case "SuccessResponse":
		return &SuccessResponse{}, d.children(name, empty, d.skipElement)
	case "GroupCallCenterGetInstanceResponse22":
		r := new(GroupCallCenterGetInstanceResponse22)
		return r, d.getResponse(r, name, empty)
	case "GroupCallCenterGetInstanceListResponse":
		r := new(GroupCallCenterGetInstanceListResponse)
		return r, d.tableResponse(&r.CallCenterTable, name, empty)
	case "GroupCallCenterGetInstancePagedSortedListResponse":
		r := new(GroupCallCenterGetInstancePagedSortedListResponse)
		return r, d.tableResponse(&r.CallCenterTable, name, empty)
	}
	return nil, false // ErrorResponse (rare: encoding/xml decodes it), unknown types
}

// elem reads the start tag of a child and reports whether it was an
// empty-element tag.
func (d *fastDecoder) elem() (empty, ok bool) { return d.attrs(nil) }

func (d *fastDecoder) stringField(name []byte, v *string) bool {
	empty, ok := d.elem()
	if !ok {
		return false
	}
	*v, ok = d.leafString(name, empty)
	return ok
}

func (d *fastDecoder) boolField(name []byte, v *bool) bool {
	empty, ok := d.elem()
	return ok && d.leafBool(name, empty, v)
}

func (d *fastDecoder) intField(name []byte, v *int) bool {
	empty, ok := d.elem()
	return ok && d.leafInt(name, empty, v)
}

// textField hands the element's text to an UnmarshalText method.
func (d *fastDecoder) textField(name []byte, v interface{ UnmarshalText([]byte) error }) bool {
	empty, ok := d.elem()
	if !ok {
		return false
	}
	b, ok := d.leafBytes(name, empty)
	return ok && v.UnmarshalText(b) == nil
}

// getPointers holds the optional values of one get answer: one
// allocation for all of them.
type getPointers struct {
	b [6]bool
	i [2]int
}

func (d *fastDecoder) getResponse(r *GroupCallCenterGetInstanceResponse22, name []byte, empty bool) bool {
	var p *getPointers
	optBool := func(name []byte, v **bool, slot int) bool {
		if *v == nil {
			if p == nil {
				p = new(getPointers)
			}
			*v = &p.b[slot]
		}
		return d.boolField(name, *v)
	}
	optInt := func(name []byte, v **int, slot int) bool {
		if *v == nil {
			if p == nil {
				p = new(getPointers)
			}
			*v = &p.i[slot]
		}
		return d.intField(name, *v)
	}
	return d.children(name, empty, func(n []byte) bool {
		switch string(localPart(n)) {
		case "serviceInstanceProfile":
			empty, ok := d.elem()
			return ok && d.readProfile(&r.ServiceInstanceProfile, n, empty)
		case "type":
			return d.textField(n, &r.Type)
		case "routingType":
			return d.textField(n, &r.RoutingType)
		case "policy":
			return d.textField(n, &r.Policy)
		case "enableVideo":
			return d.boolField(n, &r.EnableVideo)
		case "queueLength":
			return d.intField(n, &r.QueueLength)
		case "enableReporting":
			return optBool(n, &r.EnableReporting, 0)
		case "allowCallerToDialEscapeDigit":
			return d.boolField(n, &r.AllowCallerToDialEscapeDigit)
		case "escapeDigit":
			return d.stringField(n, &r.EscapeDigit)
		case "resetCallStatisticsUponEntryInQueue":
			return d.boolField(n, &r.ResetCallStatisticsUponEntryInQueue)
		case "allowAgentLogoff":
			return d.boolField(n, &r.AllowAgentLogoff)
		case "allowCallWaitingForAgents":
			return d.boolField(n, &r.AllowCallWaitingForAgents)
		case "allowCallsToAgentsInWrapUp":
			return optBool(n, &r.AllowCallsToAgentsInWrapUp, 1)
		case "overrideAgentWrapUpTime":
			return optBool(n, &r.OverrideAgentWrapUpTime, 2)
		case "wrapUpSeconds":
			return optInt(n, &r.WrapUpSeconds, 0)
		case "forceDeliveryOfCalls":
			return optBool(n, &r.ForceDeliveryOfCalls, 3)
		case "forceDeliveryWaitTimeSeconds":
			return optInt(n, &r.ForceDeliveryWaitTimeSeconds, 1)
		case "enableAutomaticStateChangeForAgents":
			return optBool(n, &r.EnableAutomaticStateChangeForAgents, 4)
		case "agentStateAfterCall":
			return d.textField(n, &r.AgentStateAfterCall)
		case "agentUnavailableCode":
			return d.stringField(n, &r.AgentUnavailableCode)
		case "externalPreferredAudioCodec":
			return d.textField(n, &r.ExternalPreferredAudioCodec)
		case "internalPreferredAudioCodec":
			return d.textField(n, &r.InternalPreferredAudioCodec)
		case "playRingingWhenOfferingCall":
			return d.boolField(n, &r.PlayRingingWhenOfferingCall)
		case "callCenterQueueThresholdsIsActive":
			return optBool(n, &r.CallCenterQueueThresholdsIsActive, 5)
		case "networkClassOfService":
			return d.stringField(n, &r.NetworkClassOfService)
		}
		return d.skipElement(n)
	})
}

func (d *fastDecoder) readProfile(p *ServiceInstanceReadProfile19sp1, name []byte, empty bool) bool {
	return d.children(name, empty, func(n []byte) bool {
		switch string(localPart(n)) {
		case "name":
			return d.stringField(n, &p.Name)
		case "callingLineIdLastName":
			return d.stringField(n, &p.CallingLineIDLastName)
		case "callingLineIdFirstName":
			return d.stringField(n, &p.CallingLineIDFirstName)
		case "hiraganaLastName":
			return d.stringField(n, &p.HiraganaLastName)
		case "hiraganaFirstName":
			return d.stringField(n, &p.HiraganaFirstName)
		case "phoneNumber":
			return d.stringField(n, &p.PhoneNumber)
		case "extension":
			return d.stringField(n, &p.Extension)
		case "countryCode":
			return d.stringField(n, &p.CountryCode)
		case "nationalPrefix":
			return d.stringField(n, &p.NationalPrefix)
		case "department":
			if p.Department == nil {
				p.Department = new(DepartmentKey)
			}
			k := p.Department
			empty, ok := d.elem() // the xsi:type attribute is not decoded
			return ok && d.children(n, empty, func(n []byte) bool {
				switch string(localPart(n)) {
				case "serviceProviderId":
					return d.stringField(n, &k.ServiceProviderID)
				case "groupId":
					return d.stringField(n, &k.GroupID)
				case "name":
					return d.stringField(n, &k.Name)
				}
				return d.skipElement(n)
			})
		case "language":
			return d.stringField(n, &p.Language)
		case "timeZone":
			return d.stringField(n, &p.TimeZone)
		case "timeZoneDisplayName":
			return d.stringField(n, &p.TimeZoneDisplayName)
		case "alias":
			var s string
			if !d.stringField(n, &s) {
				return false
			}
			p.Aliases = append(p.Aliases, s)
			return true
		case "publicUserIdentity":
			return d.stringField(n, &p.PublicUserIdentity)
		case "callingLineIdPhoneNumber":
			return d.stringField(n, &p.CallingLineIDPhoneNumber)
		}
		return d.skipElement(n)
	})
}

func (d *fastDecoder) tableResponse(t *Table, name []byte, empty bool) bool {
	return d.children(name, empty, func(n []byte) bool {
		if string(localPart(n)) != "callCenterTable" {
			return d.skipElement(n)
		}
		empty, ok := d.elem()
		return ok && d.table(t, n, empty)
	})
}

func (d *fastDecoder) table(t *Table, name []byte, empty bool) bool {
	return d.children(name, empty, func(n []byte) bool {
		switch string(localPart(n)) {
		case "colHeading":
			var s string
			if !d.stringField(n, &s) {
				return false
			}
			t.Headings = append(t.Headings, s)
			return true
		case "row":
			t.Rows = append(t.Rows, TableRow{})
			row := &t.Rows[len(t.Rows)-1]
			empty, ok := d.elem()
			return ok && d.children(n, empty, func(n []byte) bool {
				if string(localPart(n)) != "col" {
					return d.skipElement(n)
				}
				var s string
				if !d.stringField(n, &s) {
					return false
				}
				if row.Cols == nil {
					row.Cols = make([]string, 0, max(len(t.Headings), 1))
				}
				row.Cols = append(row.Cols, s)
				return true
			})
		}
		return d.skipElement(n)
	})
}

func isFastNameByte(c byte) bool {
	return isFastNameStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// decodeSessionDocument is decodeDocument that also returns the answer's
// sessionId ("" when it has none): the fast decoder first, encoding/xml for
// whatever it leaves.
func decodeSessionDocument(data []byte, textual bool, cmds []Command) (sessionID string, _ []Response, _ error) {
	if id, out, ok := decodeFast(data, textual, cmds); ok {
		return id, out, nil
	}
	return decodeSessionDocumentXML(data, textual, cmds)
}
