package broadworks

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AppendCommand appends to dst the <command xsi:type="TYPE" xmlns="">
// element of cmd exactly as the client writes it into a request document,
// and returns the extended slice. The elements are written in schema order,
// every value escaped as XML 1.0 requires, as ASCII: characters outside
// ASCII become numeric character references. Nothing is ever replaced: a
// value holding a character XML 1.0 cannot carry (a control character other
// than tab, newline and carriage return, U+FFFE, U+FFFF) or invalid UTF-8
// is an error, a *[ValidationError] naming the element, and nothing is
// written.
//
// The request types of this package append themselves without reflection;
// any other [Command] (a request type of your own sent through [Client.Do])
// is encoded with encoding/xml, as the package documents for Command,
// after its string fields are checked the same way. On error dst is
// returned unchanged.
func AppendCommand(dst []byte, cmd Command) ([]byte, error) {
	n := len(dst)
	out, ok, err := appendKnown(dst, cmd)
	if !ok {
		out, err = appendCommandXML(dst, cmd)
	} else if err == nil {
		if i := bytes.IndexByte(out[n:], unsendableMark); i >= 0 {
			err = unsendableError(cmd, out[n:], i)
		}
	}
	if err != nil {
		return dst[:n], err
	}
	return out, nil
}

// unsendableMark is what appendEscaped writes, followed by the character's
// code (-1: invalid UTF-8) and the mark again, where a value holds a
// character XML 1.0 cannot carry. No encoded text holds it otherwise (every
// control character is either a reference or such a mark), so AppendCommand
// finds it with one IndexByte and turns it into an error.
const unsendableMark = 0

// unsendableError is the error for the mark at out[i]: it names the
// element (or, for an attribute, its element) that holds the character.
func unsendableError(cmd Command, out []byte, i int) error {
	elem := "?"
	if lt := bytes.LastIndexByte(out[:i], '<'); lt >= 0 {
		name := out[lt+1 : i]
		if end := bytes.IndexAny(name, " >"); end >= 0 {
			name = name[:end]
		}
		elem = string(name)
	}
	code := -1
	if end := bytes.IndexByte(out[i+1:], unsendableMark); end >= 0 {
		code, _ = strconv.Atoi(string(out[i+1 : i+1+end]))
	}
	return invalid("broadworks: "+cmd.OCIType(), elem, unsendableMessage(rune(code)))
}

// unsendableMessage says what is wrong with a character XML 1.0 cannot
// carry (r < 0: invalid UTF-8).
func unsendableMessage(r rune) string {
	switch {
	case r < 0:
		return "is not valid UTF-8: nothing is sent"
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf("has the control character %U, which XML 1.0 cannot carry: nothing is sent", r)
	}
	return fmt.Sprintf("has %U, which XML 1.0 cannot carry: nothing is sent", r)
}

var errNilCommand = errors.New("broadworks: nil command")

// appendKnown appends cmd when it is a request type of this package; ok is
// false for any other type.
func appendKnown(dst []byte, cmd Command) (out []byte, ok bool, err error) {
	switch c := cmd.(type) {
	case nil:
		return dst, true, errNilCommand
	case *GroupCallCenterAddInstanceRequest22:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		return c.appendWire(dst), true, nil
	case *GroupCallCenterModifyInstanceRequest22:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		return c.appendWire(dst), true, nil
	case *GroupCallCenterGetInstanceRequest22:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		return appendUserIDCommand(dst, "GroupCallCenterGetInstanceRequest22", "serviceUserId", c.ServiceUserID), true, nil
	case *GroupCallCenterDeleteInstanceRequest:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		return appendUserIDCommand(dst, "GroupCallCenterDeleteInstanceRequest", "serviceUserId", c.ServiceUserID), true, nil
	case *GroupCallCenterGetInstanceListRequest:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		dst = slicesGrow(dst, 160+len(c.ServiceProviderID)+len(c.GroupID)+len(c.GroupDepartmentName))
		dst = appendCommandStart(dst, "GroupCallCenterGetInstanceListRequest")
		dst = appendElem(dst, "serviceProviderId", c.ServiceProviderID)
		dst = appendElem(dst, "groupId", c.GroupID)
		dst = appendOptElem(dst, "groupDepartmentName", c.GroupDepartmentName)
		return appendCommandEnd(dst), true, nil
	case *GroupCallCenterGetInstancePagedSortedListRequest:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		dst = slicesGrow(dst, 300+escapedLen(c.ServiceProviderID, c.GroupID))
		dst = appendCommandStart(dst, "GroupCallCenterGetInstancePagedSortedListRequest")
		dst = appendElem(dst, "serviceProviderId", c.ServiceProviderID)
		dst = appendElem(dst, "groupId", c.GroupID)
		if p := c.ResponsePagingControl; p != nil {
			dst = append(dst, "<responsePagingControl>"...)
			dst = appendIntElem(dst, "responseStartIndex", p.ResponseStartIndex)
			dst = appendIntElem(dst, "responsePageSize", p.ResponsePageSize)
			dst = append(dst, "</responsePagingControl>"...)
		}
		return appendCommandEnd(dst), true, nil
	case *GroupCallCenterModifyActiveInstanceListRequest:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		n := 100
		for _, a := range c.ServiceActivations {
			n += 90 + escapedLen(a.ServiceUserID)
		}
		dst = slicesGrow(dst, n)
		dst = appendCommandStart(dst, "GroupCallCenterModifyActiveInstanceListRequest")
		for _, a := range c.ServiceActivations {
			dst = append(dst, "<serviceActivation>"...)
			dst = appendElem(dst, "serviceUserId", a.ServiceUserID)
			dst = appendBoolElem(dst, "isActive", a.IsActive)
			dst = append(dst, "</serviceActivation>"...)
		}
		return appendCommandEnd(dst), true, nil
	case *authenticationRequest:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		return appendUserIDCommand(dst, "AuthenticationRequest", "userId", c.UserID), true, nil
	case *loginRequest14sp4:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		dst = slicesGrow(dst, 120+len(c.UserID)+len(c.SignedPassword))
		dst = appendCommandStart(dst, "LoginRequest14sp4")
		dst = appendElem(dst, "userId", c.UserID)
		dst = appendElem(dst, "signedPassword", string(c.SignedPassword))
		return appendCommandEnd(dst), true, nil
	case *loginRequest22V5:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		dst = slicesGrow(dst, 120+len(c.UserID)+len(c.Password))
		dst = appendCommandStart(dst, "LoginRequest22V5")
		dst = appendElem(dst, "userId", c.UserID)
		dst = appendElem(dst, "password", string(c.Password))
		return appendCommandEnd(dst), true, nil
	case *logoutRequest:
		if c == nil {
			return dst, true, nilCommand(cmd)
		}
		return appendUserIDCommand(dst, "LogoutRequest", "userId", c.UserID), true, nil
	}
	return dst, false, nil
}

func nilCommand(cmd Command) error {
	return fmt.Errorf("broadworks: nil %T command", cmd)
}

// appendCommandXML is the encoding/xml path: the encoder of user-defined
// commands, and the reference the hand-written encoders are tested against.
func appendCommandXML(dst []byte, c Command) ([]byte, error) {
	if c == nil {
		return dst, errNilCommand
	}
	if v := reflect.ValueOf(c); v.Kind() == reflect.Pointer && v.IsNil() {
		// encoding/xml writes nothing for a nil pointer.
		return dst, nilCommand(c)
	}
	typ := c.OCIType()
	if !validName(typ) {
		return dst, fmt.Errorf("broadworks: invalid command type %q", typ)
	}
	// encoding/xml would write U+FFFD for what XML cannot carry: refuse
	// instead, as the hand-written encoders do.
	if field, r, bad := unsendable(reflect.ValueOf(c), "command"); bad {
		return dst, invalid("broadworks: "+typ, field, unsendableMessage(r))
	}
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	start := xml.StartElement{
		Name: xml.Name{Local: "command"},
		Attr: []xml.Attr{
			{Name: xml.Name{Local: "xsi:type"}, Value: typ},
			{Name: xml.Name{Local: "xmlns"}, Value: ""},
		},
	}
	if err := enc.EncodeElement(c, start); err != nil {
		return dst, fmt.Errorf("broadworks: encoding %s: %w", typ, err)
	}
	if err := enc.Close(); err != nil {
		return dst, fmt.Errorf("broadworks: encoding %s: %w", typ, err)
	}
	return append(dst, asciiOnly(buf.Bytes())...), nil
}

// unsendable looks through what encoding/xml writes of v (exported fields
// not tagged "-", pointers, slices, interfaces; a cleared [Nillable] only
// for its xsi:type) for a string holding invalid UTF-8 (r = -1) or a
// character XML 1.0 cannot carry. field is the element (or attribute) name.
func unsendable(v reflect.Value, name string) (field string, r rune, bad bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return "", 0, false
		}
		if v.Type().Implements(clearerType) {
			if typ, nilled := v.Interface().(clearer).cleared(); nilled {
				return textUnsendable(typ, name)
			}
		}
		return unsendable(v.Elem(), name)
	case reflect.String:
		return textUnsendable(v.String(), name)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			if v.Kind() == reflect.Slice {
				return textUnsendable(string(v.Bytes()), name)
			}
			return "", 0, false
		}
		for i := range v.Len() {
			if f, r, bad := unsendable(v.Index(i), name); bad {
				return f, r, bad
			}
		}
	case reflect.Struct:
		if v.Type().Implements(clearerType) {
			if typ, nilled := v.Interface().(clearer).cleared(); nilled {
				return textUnsendable(typ, name)
			}
		}
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			tag, _, _ := strings.Cut(sf.Tag.Get("xml"), ",")
			if !sf.IsExported() || tag == "-" {
				continue
			}
			if tag == "" {
				tag = sf.Name
			}
			if f, r, bad := unsendable(v.Field(i), tag); bad {
				return f, r, bad
			}
		}
	}
	return "", 0, false
}

// clearer is a [Nillable]: when cleared, only its xsi:type is written.
type clearer interface {
	cleared() (xsiType string, nilled bool)
}

var clearerType = reflect.TypeFor[clearer]()

// textUnsendable finds in s invalid UTF-8 (r = -1) or a character XML 1.0
// cannot carry.
func textUnsendable(s, name string) (string, rune, bool) {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return name, -1, true
			}
		}
		if !isXMLChar(r) {
			return name, r, true
		}
	}
	return "", 0, false
}

// slicesGrow makes room for n more bytes with one allocation at most: an
// empty dst gets exactly n (encodeCommand's single command), a dst already
// holding commands at least doubles, so that appending a document's
// commands one by one copies them a bounded number of times, not once per
// command.
func slicesGrow(dst []byte, n int) []byte {
	if cap(dst)-len(dst) >= n {
		return dst
	}
	out := make([]byte, len(dst), max(len(dst)+n, 2*cap(dst)))
	copy(out, dst)
	return out
}

func appendCommandStart(dst []byte, typ string) []byte {
	dst = append(dst, `<command xsi:type="`...)
	dst = append(dst, typ...)
	return append(dst, `" xmlns="">`...)
}

func appendCommandEnd(dst []byte) []byte { return append(dst, "</command>"...) }

func appendUserIDCommand(dst []byte, typ, elem, id string) []byte {
	dst = slicesGrow(dst, 2*len(elem)+len(typ)+len(id)+48)
	dst = appendCommandStart(dst, typ)
	dst = appendElem(dst, elem, id)
	return appendCommandEnd(dst)
}

// The element writers. Element names are constants of this file: they need
// no escaping.

func appendOpen(dst []byte, name string) []byte {
	dst = append(dst, '<')
	dst = append(dst, name...)
	return append(dst, '>')
}

func appendClose(dst []byte, name string) []byte {
	dst = append(dst, "</"...)
	dst = append(dst, name...)
	return append(dst, '>')
}

// appendElem writes <name>value</name>, value escaped.
func appendElem(dst []byte, name, value string) []byte {
	dst = appendOpen(dst, name)
	dst = appendEscaped(dst, value)
	return appendClose(dst, name)
}

// appendOptElem writes <name>value</name> unless value is empty
// (omitempty).
func appendOptElem(dst []byte, name, value string) []byte {
	if value == "" {
		return dst
	}
	return appendElem(dst, name, value)
}

func appendBoolElem(dst []byte, name string, v bool) []byte {
	dst = appendOpen(dst, name)
	dst = strconv.AppendBool(dst, v)
	return appendClose(dst, name)
}

func appendOptBool(dst []byte, name string, v *bool) []byte {
	if v == nil {
		return dst
	}
	return appendBoolElem(dst, name, *v)
}

func appendIntElem(dst []byte, name string, v int) []byte {
	dst = appendOpen(dst, name)
	dst = strconv.AppendInt(dst, int64(v), 10)
	return appendClose(dst, name)
}

func appendOptInt(dst []byte, name string, v *int) []byte {
	if v == nil {
		return dst
	}
	return appendIntElem(dst, name, *v)
}

// appendNil writes the cleared form of a Nillable element.
func appendNil(dst []byte, name string) []byte {
	dst = append(dst, '<')
	dst = append(dst, name...)
	dst = append(dst, ` xsi:nil="true">`...)
	return appendClose(dst, name)
}

func appendNillableString(dst []byte, name string, v *Nillable[string]) []byte {
	switch {
	case v == nil:
		return dst
	case v.Nil:
		return appendNil(dst, name)
	}
	return appendElem(dst, name, v.Value)
}

func appendNillableInt(dst []byte, name string, v *Nillable[int]) []byte {
	switch {
	case v == nil:
		return dst
	case v.Nil:
		return appendNil(dst, name)
	}
	return appendIntElem(dst, name, v.Value)
}

// appendDepartment writes a DepartmentKey element, its xsi:type (when set)
// as an attribute.
func appendDepartment(dst []byte, k *DepartmentKey) []byte {
	if k.XSIType == "" {
		dst = append(dst, "<department>"...)
	} else {
		dst = append(dst, `<department xsi:type="`...)
		dst = appendEscaped(dst, k.XSIType)
		dst = append(dst, `">`...)
	}
	dst = appendElem(dst, "serviceProviderId", k.ServiceProviderID)
	dst = appendOptElem(dst, "groupId", k.GroupID)
	dst = appendElem(dst, "name", k.Name)
	return append(dst, "</department>"...)
}

func departmentLen(k *DepartmentKey) int {
	if k == nil {
		return 0
	}
	return 120 + escapedLen(k.XSIType, k.ServiceProviderID, k.GroupID, k.Name)
}

// escapeClass says, for each byte, whether appendEscaped copies it as it is
// (0), writes an entity for it (1), or decodes a rune there (2: bytes from
// 0x80, control characters).
var escapeClass = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = 2
	}
	for _, c := range []byte("\"'&<>\t\n\r") {
		t[c] = 1
	}
	for c := 0x80; c < 256; c++ {
		t[c] = 2
	}
	return t
}()

// appendEscaped appends s escaped as encoding/xml escapes text and
// attribute values, then as [asciiOnly] turns the result into ASCII: the
// five markup characters and tab, newline and carriage return become
// references, and every character outside ASCII a decimal character
// reference. A character XML 1.0 cannot carry (or invalid UTF-8) is not
// replaced: it is written as an unsendableMark, which AppendCommand
// refuses.
func appendEscaped(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch escapeClass[c] {
		case 0:
			i++
			continue
		case 1:
			dst = append(dst, s[last:i]...)
			switch c {
			case '"':
				dst = append(dst, "&#34;"...)
			case '\'':
				dst = append(dst, "&#39;"...)
			case '&':
				dst = append(dst, "&amp;"...)
			case '<':
				dst = append(dst, "&lt;"...)
			case '>':
				dst = append(dst, "&gt;"...)
			case '\t':
				dst = append(dst, "&#x9;"...)
			case '\n':
				dst = append(dst, "&#xA;"...)
			case '\r':
				dst = append(dst, "&#xD;"...)
			}
			i++
			last = i
			continue
		}
		dst = append(dst, s[last:i]...)
		r, width := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && width == 1 || !isXMLChar(r) {
			// Never replaced: AppendCommand finds the mark and refuses.
			code := int64(r)
			if r == utf8.RuneError {
				code = -1
			}
			dst = append(dst, unsendableMark)
			dst = strconv.AppendInt(dst, code, 10)
			dst = append(dst, unsendableMark)
			i += width
			last = i
			continue
		}
		dst = append(dst, "&#"...)
		dst = strconv.AppendInt(dst, int64(r), 10)
		dst = append(dst, ';')
		i += width
		last = i
	}
	return append(dst, s[last:]...)
}

// isXMLChar reports whether r is a Char of XML 1.0.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// escapedLen bounds the room the strings take once escaped, for most
// values: non-ASCII text may need more, which append then finds.
func escapedLen(ss ...string) int {
	n := 0
	for _, s := range ss {
		n += len(s) + len(s)/4
	}
	return n
}

// addWireSize is the markup of a full add request, with room to spare.
const addWireSize = 1800

func (c *GroupCallCenterAddInstanceRequest22) appendWire(dst []byte) []byte {
	p := &c.ServiceInstanceProfile
	n := addWireSize + escapedLen(c.ServiceProviderID, c.GroupID, c.ServiceUserID,
		p.Name, p.CallingLineIDLastName, p.CallingLineIDFirstName, p.HiraganaLastName, p.HiraganaFirstName,
		p.PhoneNumber, p.Extension, string(p.Password), p.Language, p.TimeZone, p.PublicUserIdentity,
		p.CallingLineIDPhoneNumber, string(c.Type), string(c.RoutingType), string(c.Policy), c.EscapeDigit,
		string(c.AgentStateAfterCall), c.AgentUnavailableCode, string(c.ExternalPreferredAudioCodec),
		string(c.InternalPreferredAudioCodec), c.NetworkClassOfService)
	for _, a := range p.Aliases {
		n += 16 + len(a) + len(a)/4
	}
	n += departmentLen(p.Department)
	dst = slicesGrow(dst, n)
	dst = appendCommandStart(dst, "GroupCallCenterAddInstanceRequest22")
	dst = appendElem(dst, "serviceProviderId", c.ServiceProviderID)
	dst = appendElem(dst, "groupId", c.GroupID)
	dst = appendElem(dst, "serviceUserId", c.ServiceUserID)
	dst = append(dst, "<serviceInstanceProfile>"...)
	dst = appendElem(dst, "name", p.Name)
	dst = appendElem(dst, "callingLineIdLastName", p.CallingLineIDLastName)
	dst = appendElem(dst, "callingLineIdFirstName", p.CallingLineIDFirstName)
	dst = appendOptElem(dst, "hiraganaLastName", p.HiraganaLastName)
	dst = appendOptElem(dst, "hiraganaFirstName", p.HiraganaFirstName)
	dst = appendOptElem(dst, "phoneNumber", p.PhoneNumber)
	dst = appendOptElem(dst, "extension", p.Extension)
	dst = appendElem(dst, "password", string(p.Password))
	if p.Department != nil {
		dst = appendDepartment(dst, p.Department)
	}
	dst = appendOptElem(dst, "language", p.Language)
	dst = appendOptElem(dst, "timeZone", p.TimeZone)
	for _, a := range p.Aliases {
		// omitempty applies to each element of the slice.
		dst = appendOptElem(dst, "alias", a)
	}
	dst = appendOptElem(dst, "publicUserIdentity", p.PublicUserIdentity)
	dst = appendOptElem(dst, "callingLineIdPhoneNumber", p.CallingLineIDPhoneNumber)
	dst = append(dst, "</serviceInstanceProfile>"...)
	dst = appendElem(dst, "type", string(c.Type))
	dst = appendOptElem(dst, "routingType", string(c.RoutingType))
	dst = appendElem(dst, "policy", string(c.Policy))
	dst = appendBoolElem(dst, "enableVideo", c.EnableVideo)
	dst = appendIntElem(dst, "queueLength", c.QueueLength)
	dst = appendOptBool(dst, "enableReporting", c.EnableReporting)
	dst = appendBoolElem(dst, "allowCallerToDialEscapeDigit", c.AllowCallerToDialEscapeDigit)
	dst = appendElem(dst, "escapeDigit", c.EscapeDigit)
	dst = appendBoolElem(dst, "resetCallStatisticsUponEntryInQueue", c.ResetCallStatisticsUponEntryInQueue)
	dst = appendBoolElem(dst, "allowAgentLogoff", c.AllowAgentLogoff)
	dst = appendBoolElem(dst, "allowCallWaitingForAgents", c.AllowCallWaitingForAgents)
	dst = appendOptBool(dst, "allowCallsToAgentsInWrapUp", c.AllowCallsToAgentsInWrapUp)
	dst = appendOptBool(dst, "overrideAgentWrapUpTime", c.OverrideAgentWrapUpTime)
	dst = appendOptInt(dst, "wrapUpSeconds", c.WrapUpSeconds)
	dst = appendOptBool(dst, "forceDeliveryOfCalls", c.ForceDeliveryOfCalls)
	dst = appendOptInt(dst, "forceDeliveryWaitTimeSeconds", c.ForceDeliveryWaitTimeSeconds)
	dst = appendOptBool(dst, "enableAutomaticStateChangeForAgents", c.EnableAutomaticStateChangeForAgents)
	dst = appendOptElem(dst, "agentStateAfterCall", string(c.AgentStateAfterCall))
	dst = appendOptElem(dst, "agentUnavailableCode", c.AgentUnavailableCode)
	dst = appendElem(dst, "externalPreferredAudioCodec", string(c.ExternalPreferredAudioCodec))
	dst = appendElem(dst, "internalPreferredAudioCodec", string(c.InternalPreferredAudioCodec))
	dst = appendBoolElem(dst, "playRingingWhenOfferingCall", c.PlayRingingWhenOfferingCall)
	dst = appendOptElem(dst, "networkClassOfService", c.NetworkClassOfService)
	return appendCommandEnd(dst)
}

// modifyWireSize is the markup of a full modify request, with room to spare.
const modifyWireSize = 1900

func (c *GroupCallCenterModifyInstanceRequest22) appendWire(dst []byte) []byte {
	n := modifyWireSize + escapedLen(c.ServiceUserID, string(c.Type), string(c.RoutingType), string(c.Policy),
		c.EscapeDigit, string(c.AgentStateAfterCall), string(c.ExternalPreferredAudioCodec),
		string(c.InternalPreferredAudioCodec), c.NetworkClassOfService)
	if v := c.AgentUnavailableCode; v != nil {
		n += escapedLen(v.Value)
	}
	p := c.ServiceInstanceProfile
	if p != nil {
		n += escapedLen(p.Name, p.CallingLineIDLastName, p.CallingLineIDFirstName, p.HiraganaLastName,
			p.HiraganaFirstName, string(p.Password), p.Language, p.TimeZone)
		for _, v := range [...]*Nillable[string]{p.PhoneNumber, p.Extension, p.PublicUserIdentity, p.CallingLineIDPhoneNumber} {
			if v != nil {
				n += escapedLen(v.Value)
			}
		}
		if p.Department != nil {
			n += departmentLen(&p.Department.Value)
		}
		if p.SIPAliasList != nil {
			for _, a := range p.SIPAliasList.Value.SIPAliases {
				n += 22 + len(a) + len(a)/4
			}
		}
	}
	dst = slicesGrow(dst, n)
	dst = appendCommandStart(dst, "GroupCallCenterModifyInstanceRequest22")
	dst = appendElem(dst, "serviceUserId", c.ServiceUserID)
	if p != nil {
		dst = append(dst, "<serviceInstanceProfile>"...)
		dst = appendOptElem(dst, "name", p.Name)
		dst = appendOptElem(dst, "callingLineIdLastName", p.CallingLineIDLastName)
		dst = appendOptElem(dst, "callingLineIdFirstName", p.CallingLineIDFirstName)
		dst = appendOptElem(dst, "hiraganaLastName", p.HiraganaLastName)
		dst = appendOptElem(dst, "hiraganaFirstName", p.HiraganaFirstName)
		dst = appendNillableString(dst, "phoneNumber", p.PhoneNumber)
		dst = appendNillableString(dst, "extension", p.Extension)
		dst = appendOptElem(dst, "password", string(p.Password))
		switch k := p.Department; {
		case k == nil:
		case k.Nil:
			// A cleared department still names its concrete type.
			if k.Value.XSIType == "" {
				dst = appendNil(dst, "department")
			} else {
				dst = append(dst, `<department xsi:type="`...)
				dst = appendEscaped(dst, k.Value.XSIType)
				dst = append(dst, `" xsi:nil="true"></department>`...)
			}
		default:
			dst = appendDepartment(dst, &k.Value)
		}
		dst = appendOptElem(dst, "language", p.Language)
		dst = appendOptElem(dst, "timeZone", p.TimeZone)
		switch l := p.SIPAliasList; {
		case l == nil:
		case l.Nil:
			dst = appendNil(dst, "sipAliasList")
		default:
			dst = append(dst, "<sipAliasList>"...)
			for _, a := range l.Value.SIPAliases {
				dst = appendElem(dst, "sipAlias", a)
			}
			dst = append(dst, "</sipAliasList>"...)
		}
		dst = appendNillableString(dst, "publicUserIdentity", p.PublicUserIdentity)
		dst = appendNillableString(dst, "callingLineIdPhoneNumber", p.CallingLineIDPhoneNumber)
		dst = append(dst, "</serviceInstanceProfile>"...)
	}
	dst = appendOptElem(dst, "type", string(c.Type))
	dst = appendOptElem(dst, "routingType", string(c.RoutingType))
	dst = appendOptElem(dst, "policy", string(c.Policy))
	dst = appendOptBool(dst, "enableVideo", c.EnableVideo)
	dst = appendOptInt(dst, "queueLength", c.QueueLength)
	dst = appendOptBool(dst, "enableReporting", c.EnableReporting)
	dst = appendOptBool(dst, "allowCallerToDialEscapeDigit", c.AllowCallerToDialEscapeDigit)
	dst = appendOptElem(dst, "escapeDigit", c.EscapeDigit)
	dst = appendOptBool(dst, "resetCallStatisticsUponEntryInQueue", c.ResetCallStatisticsUponEntryInQueue)
	dst = appendOptBool(dst, "allowAgentLogoff", c.AllowAgentLogoff)
	dst = appendOptBool(dst, "allowCallWaitingForAgents", c.AllowCallWaitingForAgents)
	dst = appendOptBool(dst, "allowCallsToAgentsInWrapUp", c.AllowCallsToAgentsInWrapUp)
	dst = appendOptBool(dst, "overrideAgentWrapUpTime", c.OverrideAgentWrapUpTime)
	dst = appendNillableInt(dst, "wrapUpSeconds", c.WrapUpSeconds)
	dst = appendOptBool(dst, "forceDeliveryOfCalls", c.ForceDeliveryOfCalls)
	dst = appendNillableInt(dst, "forceDeliveryWaitTimeSeconds", c.ForceDeliveryWaitTimeSeconds)
	dst = appendOptBool(dst, "enableAutomaticStateChangeForAgents", c.EnableAutomaticStateChangeForAgents)
	dst = appendOptElem(dst, "agentStateAfterCall", string(c.AgentStateAfterCall))
	dst = appendNillableString(dst, "agentUnavailableCode", c.AgentUnavailableCode)
	dst = appendOptElem(dst, "externalPreferredAudioCodec", string(c.ExternalPreferredAudioCodec))
	dst = appendOptElem(dst, "internalPreferredAudioCodec", string(c.InternalPreferredAudioCodec))
	dst = appendOptBool(dst, "playRingingWhenOfferingCall", c.PlayRingingWhenOfferingCall)
	dst = appendOptElem(dst, "networkClassOfService", c.NetworkClassOfService)
	return appendCommandEnd(dst)
}
