package ocip

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
)

// referenceDecode is the decoder the package had before its own: the same
// document decoded with encoding/xml (into the response types through
// their xml tags), the reference the tests hold decodeDocument to.
func referenceDecode(data []byte, textual bool) (sessionID string, _ []Response, _ error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		if xmlchar.IsLatin1(label) {
			return &latin1Reader{r: input}, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	if textual {
		d.CharsetReader = func(_ string, input io.Reader) (io.Reader, error) { return input, nil }
	}
	var root xml.StartElement
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				return "", nil, errors.New("empty response")
			}
			return "", nil, fmt.Errorf("malformed response: %w", err)
		}
		if t, ok := tok.(xml.StartElement); ok {
			root = t
			break
		}
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
			r, err := referenceCommand(d, t)
			if err != nil {
				return "", nil, err
			}
			out = append(out, r)
		case xml.EndElement:
			return strings.TrimSpace(sessionID), out, nil
		}
	}
}

func referenceCommand(d *xml.Decoder, start xml.StartElement) (Response, error) {
	var typ, severity string
	for _, a := range start.Attr {
		if a.Name.Local != "type" {
			continue
		}
		if a.Name.Space == "" {
			severity = a.Value
		} else {
			typ = a.Value
		}
	}
	if i := strings.LastIndexByte(typ, ':'); i >= 0 {
		typ = typ[i+1:]
	}
	if typ == "" {
		return nil, errors.New("malformed response: command without xsi:type")
	}
	bad := func(err error) error { return fmt.Errorf("malformed %s: %w", typ, err) }
	if typ == "ErrorResponse" {
		var w struct {
			ErrorCode      string `xml:"errorCode"`
			Summary        string `xml:"summary"`
			SummaryEnglish string `xml:"summaryEnglish"`
			Detail         string `xml:"detail"`
		}
		if err := d.DecodeElement(&w, &start); err != nil {
			return nil, bad(err)
		}
		e := &ErrorResponse{Type: severity, Summary: w.Summary, SummaryEnglish: w.SummaryEnglish, Detail: w.Detail}
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

// latin1Reader converts ISO-8859-1 bytes to UTF-8.
type latin1Reader struct {
	r       io.Reader
	pending []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	if len(l.pending) == 0 {
		in := make([]byte, max(len(p)/2, 1))
		n, err := l.r.Read(in)
		for _, c := range in[:n] {
			l.pending = utf8.AppendRune(l.pending, rune(c))
		}
		if n == 0 {
			return 0, err
		}
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}

// deliberate reports whether err is one of the refusals of documents that
// encoding/xml reads (see decode.go).
func deliberate(err error) bool {
	var se *SyntaxError
	if !errors.As(err, &se) {
		return false
	}
	for _, s := range []string{"XML declaration not at the start", "names outside ASCII", "nested deeper than"} {
		if strings.Contains(se.Msg, s) {
			return true
		}
	}
	return false
}

// checkSameDecode fails unless decodeDocument gives what the encoding/xml
// reference gives for data: the same session id and responses, or an error
// from both (or a deliberate refusal of its own). It reports whether
// decodeDocument decoded data.
func checkSameDecode(t testingTB, data []byte, textual bool) bool {
	t.Helper()
	id, got, err := decodeDocument(data, textual)
	wantID, want, wantErr := referenceDecode(data, textual)
	switch {
	case err != nil && wantErr != nil:
		return false
	case err != nil:
		if !deliberate(err) {
			t.Fatalf("the decoder refuses (%v) what encoding/xml reads (textual %v):\n%q", err, textual, data)
		}
		return false
	case wantErr != nil:
		t.Fatalf("the decoder reads what encoding/xml refuses (%v) (textual %v):\n%q\n%s", wantErr, textual, data, dump(got))
	}
	if id != wantID {
		t.Fatalf("sessionId %q, encoding/xml %q:\n%q", id, wantID, data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the decoder and encoding/xml disagree on (textual %v)\n%q\nours %s\nxml  %s", textual, data, dump(got), dump(want))
	}
	return true
}

// testingTB is the part of testing.TB checkSameDecode uses.
type testingTB interface {
	Helper()
	Fatalf(format string, args ...any)
}

func dump(rs []Response) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(sprintValue(reflect.ValueOf(r))), "\n", " "))
		b.WriteString("; ")
	}
	return b.String()
}

// sprintValue prints a value with its pointers followed.
func sprintValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		return "&" + sprintValue(v.Elem())
	case reflect.Struct:
		var b strings.Builder
		b.WriteString(v.Type().Name() + "{")
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				b.WriteString(v.Type().Field(i).Name + ":" + sprintValue(v.Field(i)) + " ")
			}
		}
		return b.String() + "}"
	case reflect.Slice:
		if v.IsNil() {
			return "nil"
		}
		var b strings.Builder
		b.WriteString("[")
		for i := range v.Len() {
			b.WriteString(sprintValue(v.Index(i)) + " ")
		}
		return b.String() + "]"
	case reflect.String:
		return strconv.Quote(v.String())
	}
	return fmt.Sprint(v.Interface())
}
