package ocip

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"math/rand/v2"
	"net"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/modeltest"
)

// decodedResponses returns a new zero value of every response type the
// package decodes; TestDecodeCoversEveryResponseType keeps it complete.
func decodedResponses() []Response {
	var out []Response
	for _, f := range responseTypes {
		out = append(out, f())
	}
	return out
}

// responseDoc wraps command elements into a response document, declared
// as enc says: "UTF-8", "ISO-8859-1" (the characters up to U+00FF then
// written as single bytes) or "" (no declaration).
func responseDoc(commands []byte, enc string) []byte {
	var b []byte
	if enc != "" {
		b = append(b, `<?xml version="1.0" encoding="`+enc+`"?>`+"\n"...)
	}
	b = append(b, `<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+
		`<sessionId xmlns="">0f6c1b2e-aaaa-4bbb-8ccc-123456789abc</sessionId>`...)
	if enc == "ISO-8859-1" {
		for s := commands; len(s) > 0; {
			r, n := utf8.DecodeRune(s)
			switch {
			case r == utf8.RuneError && n == 1:
				b = append(b, s[0])
			case r < 0x100:
				b = append(b, byte(r))
			default:
				b = append(b, "&#"+strconv.Itoa(int(r))+";"...)
			}
			s = s[n:]
		}
	} else {
		b = append(b, commands...)
	}
	return append(b, "</BroadsoftDocument>"...)
}

// marshalResponse writes r as a command element with encoding/xml.
func marshalResponse(t testing.TB, r Response) []byte {
	t.Helper()
	var buf bytes.Buffer
	e := xml.NewEncoder(&buf)
	start := xml.StartElement{Name: xml.Name{Local: "command"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "echo"}, Value: ""},
		{Name: xml.Name{Local: "xsi:type"}, Value: r.OCIType()},
		{Name: xml.Name{Local: "xmlns"}, Value: ""},
	}}
	if err := e.EncodeElement(r, start); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDecodeCoversEveryResponseType reads the package's source: every type
// with an OCIType method whose name says it is a response must be decoded
// (registered by its file), but ErrorResponse and RawResponse, which the
// document decoder reads itself.
func TestDecodeCoversEveryResponseType(t *testing.T) {
	for _, name := range ociTypes(t, "response") {
		switch name {
		case "ErrorResponse", "RawResponse":
			continue
		}
		found := false
		for _, f := range responseTypes {
			found = found || reflect.TypeOf(f()).Elem().Name() == name
		}
		if !found {
			t.Errorf("response type %s is not registered: its file needs an init that calls register", name)
		}
	}
}

// TestDecodeMatchesEncodingXML generates values of every response type the
// package decodes (every field, a field added later included), writes them
// with encoding/xml in UTF-8 and ISO-8859-1 documents, and checks the
// decoder reads what encoding/xml reads.
func TestDecodeMatchesEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 4))
	data := make([]byte, 2048)
	for _, proto := range decodedResponses() {
		t.Run(reflect.TypeOf(proto).Elem().Name(), func(t *testing.T) {
			decoded := 0
			const n = 300
			for i := range n {
				for j := range data {
					data[j] = byte(rng.Uint32())
				}
				v := reflect.New(reflect.TypeOf(proto).Elem())
				if i > 0 {
					fill(&chooser{data: data}, v.Elem())
				}
				body := marshalResponse(t, v.Interface().(Response))
				// Two commands: the same twice, to check nothing leaks
				// from one to the next.
				body = append(body, body...)
				for _, enc := range []string{"UTF-8", "ISO-8859-1", ""} {
					doc := responseDoc(body, enc)
					for _, textual := range []bool{false, true} {
						if enc == "ISO-8859-1" && textual {
							continue
						}
						if checkSameDecode(t, doc, textual) {
							decoded++
						}
					}
				}
			}
			// Generated strings may hold what XML cannot carry, so some
			// documents are refused (by both); most must decode.
			if decoded < n {
				t.Errorf("decoded %d of %d documents", decoded, 5*n)
			}
		})
	}
}

// TestDecodeRealisticAnswers checks the decoder reads the answers of
// servers and the tests' documents as encoding/xml does, XML that servers
// rarely write included (comments, CDATA, processing instructions, a
// DOCTYPE, carriage returns, prefixes), and refuses what it refuses.
func TestDecodeRealisticAnswers(t *testing.T) {
	if !checkSameDecode(t, []byte(latin1Get), false) {
		t.Errorf("not decoded: %q", latin1Get)
	}
	for _, d := range []string{
		doc(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceListResponse"><callCenterTable><colHeading>Service User Id</colHeading><colHeading>Video</colHeading><row><col>a@b</col><col>true</col></row><row/></callCenterTable></command>`),
		"<?xml version='1.0' encoding='iso-8859-1' ?>\r\n<BroadsoftDocument protocol=\"OCI\" xmlns=\"C\">\r\n<sessionId xmlns=\"\">\n s \n</sessionId>\r\n" +
			"<command xsi:type=\"SuccessResponse\" xmlns=\"\"></command>\r\n<command xsi:type=\"c:SuccessResponse\"\r\n xmlns=\"\" />\r\n</BroadsoftDocument>\r\n",
		`<BroadsoftDocument/>`,
		doc(`<command type="Error" xsi:type="c:ErrorResponse" xmlns:c="C"><summary>x</summary></command>`),
		doc(`<command type="Warning" xsi:type="ErrorResponse"><errorCode> 4008 </errorCode><summary>[Error 4200] y</summary><detail>d</detail></command>`),
		doc(`<command xsi:type="SomeFutureResponse"><a x="1">t&amp;<b/></a></command><command xsi:type="Other"/><command xsi:type="Other"></command>`),
		doc(`<command xsi:type="AuthenticationResponse"><userId>u</userId><nonce>123</nonce><passwordAlgorithm>MD5</passwordAlgorithm></command>`),
		doc(`<command xsi:type="LoginResponse22V5"><loginType>Provisioning</loginType><locale>en_US</locale><encoding>ISO-8859-1</encoding><isEnterprise>false</isEnterprise></command>`),
		doc(`<command xsi:type="LoginResponse14sp4"><loginType>Group</loginType></command>`),
		// Comments, processing instructions, CDATA, carriage returns.
		doc(`<!-- c --><command xsi:type="SuccessResponse"/><?pi data?>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit><![CDATA[*]]></escapeDigit><queueLength>1<!-- x -->2<?p?></queueLength></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><serviceInstanceProfile><name>a<x>b</x>c<![CDATA[<&>]]>&amp;` + "\r\n\rd\r" + `</name></serviceInstanceProfile></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><enableVideo>` + "\r\ntrue\r" + `</enableVideo><policy>Circular<!--->--></policy></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit>]]&amp;></escapeDigit></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit>&#0000000000000042;</escapeDigit><name>&#xD800;</name></command>`),
		"<?xml version=\"1.0\"?><!DOCTYPE BroadsoftDocument [<!ENTITY a \"<b>\"><!-- '> --> ]><?pi?><!--x--><BroadsoftDocument><command xsi:type=\"SuccessResponse\"/></BroadsoftDocument>",
		"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?><BroadsoftDocument><sessionId>a</sessionId><sessionId>b<c/>c</sessionId></BroadsoftDocument>",
		"text before <BroadsoftDocument><command xsi:type=\"SuccessResponse\"/></BroadsoftDocument> and after",
		`<?xml encoding="ISO-8859-1" version="1.0"?><c:BroadsoftDocument xmlns:c="C"><c:command xsi:type="p:SuccessResponse"/></c:BroadsoftDocument>`,
		`<?xml?><BroadsoftDocument/>`,
		// A prefix bound to no name space: its type attribute is the
		// severity, as an unprefixed one.
		`<BroadsoftDocument xmlns:e=""><command e:type="Info" xsi:type="ErrorResponse"/><command e:type="SuccessResponse" xmlns:e="E"/></BroadsoftDocument>`,
		`<BroadsoftDocument><command xmlns:e="" e:type="Warning" xmlns:type="ErrorResponse"/></BroadsoftDocument>`,
		`<BroadsoftDocument><command xml:type="SuccessResponse" x:y:z="1"/></BroadsoftDocument>`,
		`<BroadsoftDocument><a xmlns:e=""/><command e:type="SuccessResponse"/></BroadsoftDocument>`,
	} {
		for _, textual := range []bool{false, true} {
			if !checkSameDecode(t, []byte(d), textual) && !strings.Contains(d, "x:y:z") {
				t.Errorf("not decoded (textual %v): %q", textual, d)
			}
		}
	}
	// Refused by both.
	for _, d := range []string{
		doc(`<command xsi:type="SuccessResponse"></commands>`),
		doc(`<command xsi:type="SuccessResponse">`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit>]]></escapeDigit></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><name><![CDATA[x]]</name></command>`),
		doc(`<!-- a -- b --><command xsi:type="SuccessResponse"/>`),
		doc(`<command xsi:type="SuccessResponse"><!---></command>`),
		doc(`<command xsi:type="SuccessResponse"/><!DOCTYPE x`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><name>&bogus;</name></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><name>&#xFFFE;</name></command>`),
		doc(`<command xsi:type=""/>`),
		`<?xml version="1.0" encoding="EBCDIC"?><BroadsoftDocument/>`,
		`<?xml version="1.1"?><BroadsoftDocument/>`,
		`<Other/>`,
		"",
		"<!-- only -->",
		`</BroadsoftDocument>`,
	} {
		for _, textual := range []bool{false, true} {
			if checkSameDecode(t, []byte(d), textual) && !(textual && strings.Contains(d, "EBCDIC")) {
				t.Errorf("decoded (textual %v): %q", textual, d)
			}
		}
	}
}

// TestDecodeRefusals: the documents the decoder refuses although
// encoding/xml reads them, with the reason.
func TestDecodeRefusals(t *testing.T) {
	deep := strings.Repeat("<a>", maxDepth+1) + strings.Repeat("</a>", maxDepth+1)
	for _, tc := range []struct{ doc, want string }{
		{`<!-- x --><?xml version="1.0"?><BroadsoftDocument/>`, "XML declaration not at the start"},
		{doc(`<?xml version="1.0"?><command xsi:type="SuccessResponse"/>`), "XML declaration not at the start"},
		{doc("<command xsi:type=\"SuccessResponse\"><caf\xc3\xa9/></command>"), "names outside ASCII"},
		{doc("<command xsi:type=\"SuccessResponse\" \xc3\xa9=\"1\"/>"), "names outside ASCII"},
		{doc("<?\xc3\xa9?><command xsi:type=\"SuccessResponse\"/>"), "names outside ASCII"},
		{doc(`<command xsi:type="SuccessResponse">` + deep + `</command>`), "nested deeper than 256"},
	} {
		_, _, wantErr := referenceDecode([]byte(tc.doc), false)
		if wantErr != nil {
			t.Errorf("encoding/xml refuses %q too: %v", tc.doc, wantErr)
		}
		_, _, err := DecodeDocument([]byte(tc.doc))
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want a SyntaxError saying %q", tc.doc, err, tc.want)
		}
	}
	// Not deeper than the limit: read.
	ok := strings.Repeat("<a>", maxDepth-1) + strings.Repeat("</a>", maxDepth-1)
	checkSameDecode(t, []byte(doc(`<command xsi:type="SuccessResponse">`+ok+`</command>`)), false)
}

// TestDecodeFakeAnswers sends adds, gets, modifies, lists and deletes to
// the fake over TCP (the request documents written by AppendCommand) and
// checks the decoder reads every answer as encoding/xml does.
func TestDecodeFakeAnswers(t *testing.T) {
	for _, enc := range []string{"", "UTF-8"} {
		var opts []broadworkstest.Option
		if enc != "" {
			opts = append(opts, broadworkstest.WithResponseEncoding(enc))
		}
		srv := broadworkstest.NewServer(opts...)
		t.Cleanup(srv.Close)
		conn, err := net.DialTimeout("tcp", srv.TCPAddr(), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
		br := bufio.NewReader(conn)
		const sid = "0f6c1b2e-aaaa-4bbb-8ccc-123456789abc"
		// exchange sends cmds in one document and decodes the answer.
		exchange := func(cmds ...Command) []Response {
			t.Helper()
			var bodies [][]byte
			for _, c := range cmds {
				b, err := AppendCommand(nil, c)
				if err != nil {
					t.Fatal(err)
				}
				bodies = append(bodies, b)
			}
			if _, err := conn.Write(AppendDocument(nil, sid, bodies...)); err != nil {
				t.Fatal(err)
			}
			var raw []byte
			for !bytes.HasSuffix(bytes.TrimSpace(raw), []byte("</BroadsoftDocument>")) {
				line, err := br.ReadBytes('\n')
				if err != nil {
					t.Fatal(err)
				}
				raw = append(raw, line...)
			}
			if !checkSameDecode(t, raw, false) {
				t.Fatalf("not decoded: %s", raw)
			}
			gotSID, resps, err := DecodeDocument(raw)
			if err != nil || len(resps) != len(cmds) || gotSID != sid {
				t.Fatalf("%d responses, session %q, %v: %s", len(resps), gotSID, err, raw)
			}
			return resps
		}
		auth := exchange(&AuthenticationRequest{UserID: broadworkstest.DefaultUser})[0].(*AuthenticationResponse)
		if _, ok := exchange(NewLoginRequest14sp4(broadworkstest.DefaultUser, auth.Nonce, broadworkstest.DefaultPassword))[0].(*LoginResponse14sp4); !ok {
			t.Fatal("not logged in")
		}
		var adds []Command
		for i := range 5 {
			cc := modeltest.Premium()
			cc.ServiceProviderID, cc.GroupID = "MyServiceProvider", "SalesGroup"
			cc.ServiceUserID = "fast-" + strconv.Itoa(i) + "@example.com"
			cc.Profile.Name = "Café « " + strconv.Itoa(i) + " » & <co>"
			req, err := NewAddRequest(cc)
			if err != nil {
				t.Fatal(err)
			}
			req.ServiceInstanceProfile.Department = nil
			adds = append(adds, req)
		}
		for _, r := range exchange(adds...) {
			if _, ok := r.(*SuccessResponse); !ok {
				t.Fatalf("add answered %#v", r)
			}
		}
		exchange(&GroupCallCenterGetInstanceRequest22{ServiceUserID: "fast-1@example.com"})
		mod, err := NewModifyRequest(callcenter.CallCenter{ServiceUserID: "fast-2@example.com", EscapeDigit: "*"}, ClearPhoneNumber)
		if err != nil {
			t.Fatal(err)
		}
		exchange(mod)
		exchange(&GroupCallCenterGetInstanceRequest22{ServiceUserID: "fast-2@example.com"})
		exchange(&GroupCallCenterGetInstanceListRequest{ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup"})
		exchange(&GroupCallCenterGetInstancePagedSortedListRequest{ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup",
			ResponsePagingControl: &ResponsePagingControl{ResponseStartIndex: 2, ResponsePageSize: 2}})
		exchange(&GroupCallCenterDeleteInstanceRequest{ServiceUserID: "fast-3@example.com"})
		if e, ok := exchange(&GroupCallCenterGetInstanceRequest22{ServiceUserID: "nobody@example.com"})[0].(*ErrorResponse); !ok || e.Code != 4008 {
			t.Errorf("get of nobody: %#v", e)
		}
		exchange(&LogoutRequest{UserID: broadworkstest.DefaultUser})
	}
}

// FuzzDecodeDocument compares the decoder with encoding/xml on arbitrary
// documents: the same result, or both refuse (or the decoder refuses for
// one of its documented reasons).
func FuzzDecodeDocument(f *testing.F) {
	for _, d := range []string{
		latin1Get,
		doc(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceListResponse"><callCenterTable><colHeading>Service User Id</colHeading><row><col>a&amp;b</col></row><row/></callCenterTable></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><serviceInstanceProfile><name>a&#233;&#x1F600;</name><department><name>d</name></department><alias>x</alias></serviceInstanceProfile><queueLength> 7 </queueLength><enableReporting>1</enableReporting><type>premium</type></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit>]]&amp;x</escapeDigit><name>a]b</name></command>`),
		doc(`<command type="Error" xsi:type="c:ErrorResponse" xmlns:c="C"><errorCode>4008</errorCode><summary>[Error 4008] User not found</summary></command><command xsi:type="x:Unknown"><a/></command>`),
		doc(`<!--c--><command xsi:type="GroupCallCenterGetInstanceResponse22"><name><![CDATA[a<b]]>` + "\r\n" + `</name><?p x?></command>`),
		"<?xml version=\"1.0\" encoding=\"latin1\"?><BroadsoftDocument><sessionId>\xe9</sessionId><command xsi:type=\"GroupCallCenterGetInstancePagedSortedListResponse\"><callCenterTable><colHeading>\xff</colHeading></callCenterTable></command></BroadsoftDocument>",
		"<!DOCTYPE d [<!ENTITY x '>'>]><BroadsoftDocument xmlns:e=\"\"><command e:type=\"Info\" xsi:type=\"ErrorResponse\"/></BroadsoftDocument>",
	} {
		f.Add([]byte(d), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, textual bool) {
		checkSameDecode(t, data, textual)
	})
}
