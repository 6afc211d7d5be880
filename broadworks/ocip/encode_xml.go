package ocip

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
)

// appendCommandXML is the encoder of the commands this package does not
// know (a type of the caller's own, sent with its xml tags): encoding/xml,
// after the command's strings are checked for what XML 1.0 cannot carry.
// The tests also hold the package's own encoders to it.
func appendCommandXML(dst []byte, c Command) ([]byte, error) {
	if c == nil {
		return dst, errNilCommand
	}
	if v := reflect.ValueOf(c); v.Kind() == reflect.Pointer && v.IsNil() {
		// encoding/xml writes nothing for a nil pointer.
		return dst, nilCommand(c)
	}
	typ := c.OCIType()
	if !xmlchar.ValidName(typ) {
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
		if !xmlchar.IsChar(r) {
			return name, r, true
		}
	}
	return "", 0, false
}

// asciiOnly replaces every non-ASCII character of an encoded document with
// a numeric character reference. The document is valid UTF-8 (appendCommandXML
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
