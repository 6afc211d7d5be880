package broadworks

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// soapConn sends documents with processOCIMessage through the shared HTTP
// transport. Its cookie jar keeps the HTTP session of the OCI-P session.
type soapConn struct {
	c    *Client
	tc   *transport.Client
	path string
	max  int
}

func (c *Client) newSOAP() (*soapConn, error) {
	u, err := url.Parse(c.soapURL)
	if err != nil {
		return nil, err
	}
	dir, file := path.Split(u.Path)
	u.Path, u.RawPath = dir, ""
	hc := *c.httpBase
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	hc.Jar = jar
	cfg := c.cfg.Config
	cfg.BaseURL = u.String()
	cfg.HTTPClient = &hc
	cfg.DecodeError = soapFaultMessage
	cfg.WrapError = httpError
	cfg.Timeout = c.cfg.timeout
	cfg.MaxBody = int64(c.cfg.maxResponse) * 6 // escaping may grow the document
	tc, err := transport.New(cfg)
	if err != nil {
		return nil, err
	}
	return &soapConn{c: c, tc: tc, path: file, max: c.cfg.maxResponse}, nil
}

func (sc *soapConn) textual() bool { return true }
func (sc *soapConn) stream() bool  { return false }
func (sc *soapConn) close()        {}

var soapHeader = http.Header{"SOAPAction": {`""`}}

// exchange posts doc. An HTTP error answer comes back as an [*Error], a
// failure without answer as a [*ConnError] (matching ErrCannotConnect when
// the server could not be reached, ErrOutcomeUnknown when a command that is
// not idempotent may have reached it).
func (sc *soapConn) exchange(ctx context.Context, doc []byte, idempotent bool, secrets []string) ([]byte, bool, error) {
	var body []byte
	_, err := sc.tc.Do(ctx, &transport.Request{
		Method:      http.MethodPost,
		Path:        sc.path,
		Body:        soapEnvelope(doc),
		ContentType: "text/xml; charset=utf-8",
		Header:      soapHeader,
		NoAuth:      true,
		Retryable:   idempotent,
		Secrets:     secrets,
	}, &body)
	if err != nil {
		unknown := errors.Is(err, ErrOutcomeUnknown)
		var e *Error
		if errors.As(err, &e) {
			return nil, unknown, err
		}
		ce := &ConnError{Op: opExchange, Addr: sc.c.addr, OutcomeUnknown: unknown, Err: err,
			msg: strings.TrimPrefix(sc.c.red.Excerpt(err.Error(), 1024, secrets...), vendor+": ")}
		return nil, unknown, ce
	}
	inner, err := soapReturn(body)
	if err == nil && len(inner) > sc.max {
		err = fmt.Errorf("%w: more than %d bytes", errTooLarge, sc.max)
	}
	if err != nil {
		return nil, true, &ConnError{Op: opDecode, Addr: sc.c.addr, OutcomeUnknown: !idempotent, Err: err,
			msg: sc.c.red.Excerpt(err.Error(), 1024, secrets...)}
	}
	return inner, true, nil
}

// SOAP framing: processOCIMessage(in0) of urn:com:broadsoft:webservice,
// rpc/encoded style as BroadWorks' Axis service expects.
const (
	soapStart = `<?xml version="1.0" encoding="UTF-8"?>` +
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<soapenv:Body><ns1:processOCIMessage soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:com:broadsoft:webservice">` +
		`<in0 xsi:type="xsd:string">`
	soapEnd = `</in0></ns1:processOCIMessage></soapenv:Body></soapenv:Envelope>`
)

// soapEnvelope wraps an OCI-P document, escaped as text.
func soapEnvelope(doc []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(soapStart) + len(doc) + len(doc)/4 + len(soapEnd))
	b.WriteString(soapStart)
	_ = xml.EscapeText(&b, doc) // writes to a bytes.Buffer never fail
	b.WriteString(soapEnd)
	return b.Bytes()
}

// SOAPFault is a SOAP fault answered instead of an OCI-P document.
type SOAPFault struct {
	Code   string
	String string
}

// Error returns "broadworks: SOAP fault CODE: STRING".
func (f *SOAPFault) Error() string {
	return fmt.Sprintf("broadworks: SOAP fault %s: %s", f.Code, f.String)
}

// soapReturn extracts the OCI-P document from a processOCIMessage answer.
func soapReturn(body []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charsetReader
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				return nil, errors.New("SOAP answer without processOCIMessageReturn")
			}
			return nil, fmt.Errorf("malformed SOAP answer: %w", err)
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch t.Name.Local {
		case "processOCIMessageReturn":
			var s string
			if err := d.DecodeElement(&s, &t); err != nil {
				return nil, fmt.Errorf("malformed SOAP answer: %w", err)
			}
			return []byte(s), nil
		case "Fault":
			var f struct {
				Code   string `xml:"faultcode"`
				String string `xml:"faultstring"`
			}
			if err := d.DecodeElement(&f, &t); err != nil {
				return nil, fmt.Errorf("malformed SOAP fault: %w", err)
			}
			return nil, &SOAPFault{Code: f.Code, String: f.String}
		}
	}
}

// soapFaultMessage is the transport's DecodeError for SOAP: the fault code
// and string of an HTTP error answer.
func soapFaultMessage(_ int, body []byte) (code, message string) {
	_, err := soapReturn(body)
	var f *SOAPFault
	if errors.As(err, &f) {
		return f.Code, f.String
	}
	return "", ""
}

// charsetReader lets encoding/xml read a SOAP answer in the encodings
// OCI-P servers declare besides UTF-8: ISO-8859-1 (and its aliases, and
// US-ASCII, a subset), whose bytes are the first 256 Unicode code points.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	if xmlchar.IsLatin1(label) {
		return &latin1Reader{r: input}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

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
