package ocip

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// AppendCommand appends to dst the <command xsi:type="TYPE" xmlns="">
// element of cmd exactly as a client writes it into a request document,
// and returns the extended slice. The elements are written in schema order,
// every value escaped as XML 1.0 requires, as ASCII: characters outside
// ASCII become numeric character references. Nothing is ever replaced: a
// value holding a character XML 1.0 cannot carry (a control character other
// than tab, newline and carriage return, U+FFFE, U+FFFF) or invalid UTF-8
// is an error, a *[callcenter.ValidationError] naming the element, and
// nothing is written.
//
// The request types of this package append themselves without reflection;
// any other [Command] (a request type of your own) is encoded with
// encoding/xml, as [Command] documents, after its string fields are checked
// the same way. On error dst is returned unchanged.
func AppendCommand(dst []byte, cmd Command) ([]byte, error) {
	n := len(dst)
	a, ok := cmd.(appender)
	if !ok {
		out, err := appendCommandXML(dst, cmd)
		if err != nil {
			return dst[:n], err
		}
		return out, nil
	}
	if v := reflect.ValueOf(cmd); v.Kind() == reflect.Pointer && v.IsNil() {
		return dst, nilCommand(cmd)
	}
	out := a.appendTo(dst)
	if i := bytes.IndexByte(out[n:], unsendableMark); i >= 0 {
		return dst[:n], unsendableError(cmd, out[n:], i)
	}
	return out, nil
}

// appender is a request type of this package: it writes its own command
// element (see each message's file).
type appender interface {
	Command
	appendTo(dst []byte) []byte
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

func nilCommand(cmd Command) error {
	if cmd == nil {
		return errNilCommand
	}
	return fmt.Errorf("broadworks: nil %T command", cmd)
}

// invalid returns a *callcenter.ValidationError for subject with one
// problem.
func invalid(subject, field, message string) *callcenter.ValidationError {
	return &callcenter.ValidationError{Subject: subject, Errors: []callcenter.FieldError{{Field: field, Message: message}}}
}

// slicesGrow makes room for n more bytes with one allocation at most: an
// empty dst gets exactly n (a single command), a dst already holding
// commands at least doubles, so that appending a document's commands one by
// one copies them a bounded number of times, not once per command.
func slicesGrow(dst []byte, n int) []byte {
	if cap(dst)-len(dst) >= n {
		return dst
	}
	out := make([]byte, len(dst), max(len(dst)+n, 2*cap(dst)))
	copy(out, dst)
	return out
}

// The element writers. Element names are constants of the message files:
// they need no escaping.

func appendCommandStart(dst []byte, typ string) []byte {
	dst = append(dst, `<command xsi:type="`...)
	dst = append(dst, typ...)
	return append(dst, `" xmlns="">`...)
}

func appendCommandEnd(dst []byte) []byte { return append(dst, "</command>"...) }

// appendUserIDCommand writes a command whose only element is elem.
func appendUserIDCommand(dst []byte, typ, elem, id string) []byte {
	dst = slicesGrow(dst, 2*len(elem)+len(typ)+len(id)+48)
	dst = appendCommandStart(dst, typ)
	dst = appendElem(dst, elem, id)
	return appendCommandEnd(dst)
}

// appendIDListCommand writes a command of a service user id followed by
// a list of ids, each in an element elem.
func appendIDListCommand(dst []byte, typ, serviceUserID, elem string, ids []string) []byte {
	dst = slicesGrow(dst, len(typ)+64+escapedLen(serviceUserID)+len(ids)*(2*len(elem)+5)+escapedLen(ids...))
	dst = appendCommandStart(dst, typ)
	dst = appendElem(dst, "serviceUserId", serviceUserID)
	for _, id := range ids {
		dst = appendElem(dst, elem, id)
	}
	return appendCommandEnd(dst)
}

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
		if r == utf8.RuneError && width == 1 || !xmlchar.IsChar(r) {
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

// escapedLen bounds the room the strings take once escaped, for most
// values: non-ASCII text may need more, which append then finds.
func escapedLen(ss ...string) int {
	n := 0
	for _, s := range ss {
		n += len(s) + len(s)/4
	}
	return n
}
