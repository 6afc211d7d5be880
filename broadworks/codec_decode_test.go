package broadworks

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
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
)

// checkSameDecode fails unless the fast decoder, where it decodes data,
// gives what encoding/xml gives. It reports whether the fast decoder did.
func checkSameDecode(t testing.TB, data []byte, textual bool, cmds []Command) bool {
	t.Helper()
	id, got, ok := decodeFast(data, textual, cmds)
	if !ok {
		return false
	}
	wantID, want, err := decodeSessionDocumentXML(data, textual, cmds)
	if err != nil {
		t.Fatalf("fast decoder accepted what encoding/xml refuses (%v):\n%q", err, data)
	}
	if id != wantID {
		t.Fatalf("sessionId %q, encoding/xml %q:\n%q", id, wantID, data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fast decoder and encoding/xml disagree on (textual %v)\n%q\nfast %s\nxml  %s", textual, data, dump(got), dump(want))
	}
	return true
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

// fastResponses are the response types the fast decoder decodes.
func fastResponses() []Response {
	return []Response{
		new(SuccessResponse),
		new(GroupCallCenterGetInstanceResponse22),
		new(GroupCallCenterGetInstanceListResponse),
		new(GroupCallCenterGetInstancePagedSortedListResponse),
	}
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

// TestDecodeFastMatchesEncodingXML generates values of every response type
// the fast decoder knows (every field, a field added later included),
// writes them with encoding/xml in UTF-8 and ISO-8859-1 documents, and
// checks both decoders read the same values back.
func TestDecodeFastMatchesEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 4))
	data := make([]byte, 2048)
	for _, proto := range fastResponses() {
		t.Run(reflect.TypeOf(proto).Elem().Name(), func(t *testing.T) {
			fast := 0
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
						if checkSameDecode(t, doc, textual, nil) {
							fast++
						}
					}
				}
			}
			// Generated strings often hold ']' (left to encoding/xml),
			// but most values must take the fast path.
			if fast < n {
				t.Errorf("the fast decoder decoded %d of %d documents", fast, 5*n)
			}
		})
	}
}

// TestDecodeFastRealisticAnswers checks the fast decoder decodes the
// answers this package's tests use, with the same result.
func TestDecodeFastRealisticAnswers(t *testing.T) {
	cmds := []Command{&GroupCallCenterGetInstanceRequest22{}}
	if !checkSameDecode(t, []byte(latin1Get), false, cmds) {
		t.Errorf("fast decoder gave up on %q", latin1Get)
	}
	for _, d := range []string{
		doc(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceListResponse"><callCenterTable><colHeading>Service User Id</colHeading><colHeading>Video</colHeading><row><col>a@b</col><col>true</col></row><row/></callCenterTable></command>`),
		"<?xml version='1.0' encoding='iso-8859-1' ?>\r\n<BroadsoftDocument protocol=\"OCI\" xmlns=\"C\">\r\n<sessionId xmlns=\"\">\n s \n</sessionId>\r\n" +
			"<command xsi:type=\"SuccessResponse\" xmlns=\"\"></command>\r\n<command xsi:type=\"c:SuccessResponse\"\r\n xmlns=\"\" />\r\n</BroadsoftDocument>\r\n",
		`<BroadsoftDocument/>`,
	} {
		for _, textual := range []bool{false, true} {
			if !checkSameDecode(t, []byte(d), textual, cmds) {
				t.Errorf("fast decoder gave up on %q", d)
			}
		}
	}
	// What it leaves to encoding/xml.
	for _, d := range []string{
		doc(`<command type="Error" xsi:type="c:ErrorResponse" xmlns:c="C"><summary>x</summary></command>`),
		doc(`<command xsi:type="SomeFutureResponse"><a/></command>`),
		doc(`<!-- c --><command xsi:type="SuccessResponse"/>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit><![CDATA[*]]></escapeDigit></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit>]]></escapeDigit></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit>]]&amp;></escapeDigit></command>`),
		doc(`<command xsi:type="SuccessResponse"></commands>`),
		doc(`<command xsi:type="SuccessResponse">`),
		`<?xml version="1.0" encoding="EBCDIC"?><BroadsoftDocument/>`,
		`<?xml version="1.1"?><BroadsoftDocument/>`,
		`<Other/>`,
		"",
	} {
		if _, _, ok := decodeFast([]byte(d), false, nil); ok {
			t.Errorf("fast decoder decoded %q", d)
		}
	}
}

// TestDecodeFastFakeAnswers sends adds, gets, modifies, lists and deletes
// to the fake over TCP (the request documents written by AppendCommand) and
// checks both decoders agree on every answer, and that the fast one
// decodes the answers of the common case.
func TestDecodeFastFakeAnswers(t *testing.T) {
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
		// exchange sends cmds in one document and decodes the answer with
		// both decoders; fast says the fast one must decode it.
		exchange := func(fast bool, cmds ...Command) []Response {
			t.Helper()
			var bodies [][]byte
			for _, c := range cmds {
				b, err := AppendCommand(nil, c)
				if err != nil {
					t.Fatal(err)
				}
				bodies = append(bodies, b)
			}
			if _, err := conn.Write(appendDocument(nil, sid, bodies)); err != nil {
				t.Fatal(err)
			}
			raw, err := readDocument(br, nil, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			if !checkSameDecode(t, raw, false, cmds) && fast {
				t.Errorf("fast decoder gave up on the fake's answer %s", raw)
			}
			_, resps, err := decodeSessionDocumentXML(raw, false, cmds)
			if err != nil || len(resps) != len(cmds) {
				t.Fatalf("%d responses, %v: %s", len(resps), err, raw)
			}
			return resps
		}
		auth := exchange(false, &authenticationRequest{UserID: broadworkstest.DefaultUser})[0].(*authenticationResponse)
		exchange(false, &loginRequest14sp4{UserID: broadworkstest.DefaultUser,
			SignedPassword: Password(broadworkstest.SignPassword(auth.Nonce, broadworkstest.DefaultPassword))})
		var adds []Command
		for i := range 5 {
			cc := fullPremium()
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
		for _, r := range exchange(true, adds...) {
			if _, ok := r.(*SuccessResponse); !ok {
				t.Fatalf("add answered %#v", r)
			}
		}
		exchange(true, &GroupCallCenterGetInstanceRequest22{ServiceUserID: "fast-1@example.com"})
		mod, err := NewModifyRequest(callcenter.CallCenter{ServiceUserID: "fast-2@example.com", EscapeDigit: "*"}, ClearPhoneNumber)
		if err != nil {
			t.Fatal(err)
		}
		exchange(true, mod)
		exchange(true, &GroupCallCenterGetInstanceRequest22{ServiceUserID: "fast-2@example.com"})
		exchange(true, &GroupCallCenterGetInstanceListRequest{ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup"})
		exchange(true, &GroupCallCenterGetInstancePagedSortedListRequest{ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup",
			ResponsePagingControl: &ResponsePagingControl{ResponseStartIndex: 2, ResponsePageSize: 2}})
		exchange(true, &GroupCallCenterDeleteInstanceRequest{ServiceUserID: "fast-3@example.com"})
		exchange(false, &GroupCallCenterGetInstanceRequest22{ServiceUserID: "nobody@example.com"}) // an ErrorResponse
	}
}

// FuzzDecodeFast compares the two decoders on arbitrary documents.
func FuzzDecodeFast(f *testing.F) {
	for _, d := range []string{
		latin1Get,
		doc(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceListResponse"><callCenterTable><colHeading>Service User Id</colHeading><row><col>a&amp;b</col></row><row/></callCenterTable></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><serviceInstanceProfile><name>a&#233;&#x1F600;</name><department><name>d</name></department><alias>x</alias></serviceInstanceProfile><queueLength> 7 </queueLength><enableReporting>1</enableReporting><type>premium</type></command>`),
		doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><escapeDigit>]]&amp;x</escapeDigit><name>a]b</name></command>`),
		"<?xml version=\"1.0\" encoding=\"latin1\"?><BroadsoftDocument><sessionId>\xe9</sessionId><command xsi:type=\"GroupCallCenterGetInstancePagedSortedListResponse\"><callCenterTable><colHeading>\xff</colHeading></callCenterTable></command></BroadsoftDocument>",
	} {
		f.Add([]byte(d), false)
	}
	cmds := []Command{&GroupCallCenterGetInstanceRequest22{}, &GroupCallCenterAddInstanceRequest22{}}
	f.Fuzz(func(t *testing.T, data []byte, textual bool) {
		checkSameDecode(t, data, textual, cmds)
	})
}
