package broadworks

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
)

func TestLatin1ReaderSmallReads(t *testing.T) {
	in := []byte("a\xe9\xff-\x80")
	r := &latin1Reader{r: bytes.NewReader(in)}
	var got []byte
	buf := make([]byte, 1)
	for range 100 {
		n, err := r.Read(buf)
		got = append(got, buf[:n]...)
		if err == io.EOF && len(r.pending) == 0 {
			break
		}
	}
	if string(got) != "aéÿ-\u0080" {
		t.Errorf("got %q", got)
	}
}

func doc(cmds string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">s</sessionId>` + cmds + `</BroadsoftDocument>`
}

// TestDecodeAnswerErrors: an ErrorResponse reaches the caller as an *Error
// naming the command it answers.
func TestDecodeAnswerErrors(t *testing.T) {
	data := doc(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>` +
		`<command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>[Error 4008] User not found: x@y</summary><summaryEnglish>[Error 4008] User not found: x@y</summaryEnglish></command>` +
		`<command type="Warning" xsi:type="ErrorResponse" xmlns=""><errorCode>4200</errorCode><summary>Existe</summary><summaryEnglish>[Error 4200] User already exists</summaryEnglish><detail>more</detail></command>`)
	cmds := []Command{&ocip.GroupCallCenterAddInstanceRequest22{}, &ocip.GroupCallCenterDeleteInstanceRequest{}}
	sid, resps, err := decodeAnswer([]byte(data), false, cmds)
	if err != nil || sid != "s" || len(resps) != 3 {
		t.Fatalf("%q %d responses, %v", sid, len(resps), err)
	}
	if _, ok := resps[0].(*ocip.SuccessResponse); !ok {
		t.Errorf("0: %T", resps[0])
	}
	e1, ok := resps[1].(*Error)
	if !ok || e1.Code != 4008 || e1.Type != "Error" || e1.Command != "GroupCallCenterDeleteInstanceRequest" || !errors.Is(e1, ErrNotFound) {
		t.Errorf("1: %#v", resps[1])
	}
	if e1.Error() != "broadworks: GroupCallCenterDeleteInstanceRequest: [Error 4008] User not found: x@y" {
		t.Errorf("message %q", e1.Error())
	}
	e2, ok := resps[2].(*Error)
	if !ok || e2.Code != 4200 || e2.Type != "Warning" || e2.Detail != "more" || e2.Summary != "Existe" || e2.Command != "" ||
		errors.Is(e2, ErrNotFound) || !errors.Is(e2, ErrAlreadyExists) {
		t.Errorf("2: %#v", resps[2])
	}
}

func TestReadDocument(t *testing.T) {
	one := doc(`<command xsi:type="SuccessResponse"/>`)
	prefixed := `<c:BroadsoftDocument xmlns:c="C"><sessionId>s</sessionId></c:BroadsoftDocument>`
	br := bufio.NewReaderSize(strings.NewReader("\n "+one+"\n"+prefixed+"\n"+one[:50]), 16)
	for i, want := range []string{one, prefixed} {
		got, err := readDocument(br, nil, 1<<20)
		if err != nil || string(got) != want {
			t.Fatalf("doc %d: %q, %v", i, got, err)
		}
	}
	if _, err := readDocument(br, nil, 1<<20); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated: %v", err)
	}
	if _, err := readDocument(bufio.NewReader(strings.NewReader(one)), nil, 100); !errors.Is(err, errTooLarge) {
		t.Errorf("too large: %v", err)
	}
	if _, err := readDocument(bufio.NewReader(strings.NewReader("")), nil, 100); err != io.EOF {
		t.Errorf("empty: %v", err)
	}
}

func TestSOAPFraming(t *testing.T) {
	inner := []byte(doc(`<command xsi:type="SuccessResponse"/>`))
	env := soapEnvelope(inner)
	if !regexp.MustCompile(`<ns1:processOCIMessage [^>]*xmlns:ns1="urn:com:broadsoft:webservice"><in0 xsi:type="xsd:string">&lt;\?xml`).Match(env) {
		t.Errorf("envelope %s", env)
	}
	// Read the argument back as a server would.
	var e struct {
		Body struct {
			Call struct {
				Arg string `xml:"in0"`
			} `xml:"processOCIMessage"`
		} `xml:"Body"`
	}
	if err := xml.Unmarshal(env, &e); err != nil || e.Body.Call.Arg != string(inner) {
		t.Fatalf("argument %q, %v", e.Body.Call.Arg, err)
	}
	answer := `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><processOCIMessageResponse xmlns=""><ns1:processOCIMessageReturn xmlns:ns1="urn:com:broadsoft:webservice">` +
		"&lt;?xml version=&quot;1.0&quot; encoding=&quot;ISO-8859-1&quot;?&gt;&lt;BroadsoftDocument&gt;é&lt;/BroadsoftDocument&gt;" +
		`</ns1:processOCIMessageReturn></processOCIMessageResponse></soapenv:Body></soapenv:Envelope>`
	got, err := soapReturn([]byte(answer))
	if err != nil || string(got) != `<?xml version="1.0" encoding="ISO-8859-1"?><BroadsoftDocument>é</BroadsoftDocument>` {
		t.Errorf("return %q, %v", got, err)
	}
	fault := `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>boom</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
	_, err = soapReturn([]byte(fault))
	var f *SOAPFault
	if !errors.As(err, &f) || f.String != "boom" || f.Code != "soapenv:Server" {
		t.Errorf("fault: %v", err)
	}
	if code, msg := soapFaultMessage(500, []byte(fault)); code != "soapenv:Server" || msg != "boom" {
		t.Errorf("soapFaultMessage = %q %q", code, msg)
	}
	if _, err := soapReturn([]byte(`<a/>`)); err == nil {
		t.Error("no error without processOCIMessageReturn")
	}
}

func TestHostPort(t *testing.T) {
	for _, tc := range []struct{ in, name, addr string }{
		{"as.example.com", "as.example.com", "as.example.com:2209"},
		{"as.example.com:3000", "as.example.com", "as.example.com:3000"},
		{"[2001:db8::1]:2208", "2001:db8::1", "[2001:db8::1]:2208"},
		{"2001:db8::1", "2001:db8::1", "[2001:db8::1]:2209"},
		{"[2001:db8::1]", "2001:db8::1", "[2001:db8::1]:2209"},
	} {
		name, addr, err := hostPort(tc.in, DefaultTLSPort)
		if err != "" || name != tc.name || addr != tc.addr {
			t.Errorf("hostPort(%q) = %q %q %v", tc.in, name, addr, err)
		}
	}
	for _, bad := range []string{"", "a b", "host:0", "host:99999", "http://host", ":2209"} {
		if _, _, err := hostPort(bad, DefaultTLSPort); err == "" {
			t.Errorf("hostPort(%q): no error", bad)
		}
	}
}
