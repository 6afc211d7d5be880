package broadworkstest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// clientDoc is the document the client writes around its commands.
func clientDoc(commands ...[]byte) []byte {
	return ocip.AppendDocument(nil, "0f6c1b2e-aaaa-4bbb-8ccc-123456789abc", commands...)
}

type treeCase struct {
	name    string
	data    []byte
	textual bool
}

// clientCommands returns the body of every command type the client sends.
func clientCommands(t testing.TB) map[string][]byte {
	t.Helper()
	full := callcenter.CallCenter{
		ServiceProviderID: "SP & Co", GroupID: "G<1>", ServiceUserID: "premium-center@company.com",
		Profile: callcenter.Profile{
			Name: "Café \"Premium\" 'x'", CallingLineIDLastName: "Prémium", CallingLineIDFirstName: "Center",
			Password: "pa<ss>&word'9", HiraganaLastName: "セールス", HiraganaFirstName: "センター 😀",
			PhoneNumber: "+81355555555", Extension: "5000", Language: "Japanese", TimeZone: "Asia/Tokyo",
			Aliases: []string{"cc1@example.com", "cc2@example.com"}, PublicUserIdentity: "sales@example.com",
			CallingLineIDPhoneNumber: "+81355555556",
			Department:               callcenter.Department{Name: "Ventes ]]> & Co", Level: callcenter.EnterpriseDepartment},
		},
		Type: callcenter.Premium, Policy: "Simultaneous", RoutingType: callcenter.PriorityBased,
		EnableVideo: new(true), QueueLength: new(25), EnableReporting: new(true),
		AllowCallerToDialEscapeDigit: new(true), EscapeDigit: "#", WrapUpSeconds: new(30),
		AgentStateAfterCall: callcenter.WrapUp, AgentUnavailableCode: "3",
		ExternalPreferredAudioCodec: callcenter.CodecG722, InternalPreferredAudioCodec: callcenter.CodecOPUS,
		NetworkClassOfService: "Premium",
	}
	basic := callcenter.CallCenter{
		ServiceProviderID: "sp", GroupID: "g", ServiceUserID: "basic@example.com",
		Profile: callcenter.Profile{Name: "Basic", CallingLineIDLastName: "B", CallingLineIDFirstName: "C", Password: "secret1",
			Department: callcenter.Department{Name: "Sales"}},
		Type: callcenter.Basic,
	}
	cmds := map[string]broadworks.Command{
		"get":    &ocip.GroupCallCenterGetInstanceRequest22{ServiceUserID: "a&b@example.com"},
		"delete": &ocip.GroupCallCenterDeleteInstanceRequest{ServiceUserID: "d@example.com"},
		"list":   &ocip.GroupCallCenterGetInstanceListRequest{ServiceProviderID: "sp", GroupID: "g", GroupDepartmentName: "Dépt"},
		"paged": &ocip.GroupCallCenterGetInstancePagedSortedListRequest{ServiceProviderID: "sp", GroupID: "g",
			ResponsePagingControl: &ocip.ResponsePagingControl{ResponseStartIndex: 1, ResponsePageSize: 50}},
		"active": &ocip.GroupCallCenterModifyActiveInstanceListRequest{ServiceActivations: []ocip.ServiceActivation{
			{ServiceUserID: "a@example.com", IsActive: true}, {ServiceUserID: "b@example.com"}}},
	}
	var err error
	if cmds["addFull"], err = ocip.NewAddRequest(full); err != nil {
		t.Fatal(err)
	}
	if cmds["addBasic"], err = ocip.NewAddRequest(basic); err != nil {
		t.Fatal(err)
	}
	if cmds["modify"], err = ocip.NewModifyRequest(full); err != nil {
		t.Fatal(err)
	}
	if cmds["modifyClear"], err = ocip.NewModifyRequest(callcenter.CallCenter{ServiceUserID: "x@example.com"},
		ocip.ClearDepartment, ocip.ClearAliases, ocip.ClearPhoneNumber, ocip.ClearExtension); err != nil {
		t.Fatal(err)
	}
	if cmds["modifyFields"], err = ocip.NewModifyFieldsRequest(full, "serviceInstanceProfile.name", "queueLength", "serviceInstanceProfile.department.name"); err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]byte)
	for name, c := range cmds {
		b, err := ocip.AppendCommand(nil, c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b
	}
	// The session commands are unexported in broadworks: written as
	// AppendCommand writes them.
	for name, body := range map[string]string{
		"auth":     `<userId>admin&amp;1</userId>`,
		"login14":  `<userId>admin</userId><signedPassword>0123456789abcdef0123456789abcdef</signedPassword>`,
		"login22":  `<userId>admin</userId><password>p&lt;&#233;&#12475;</password>`,
		"logout":   `<userId>admin</userId>`,
		"authType": ``,
	} {
		typ := map[string]string{"auth": "AuthenticationRequest", "login14": "LoginRequest14sp4",
			"login22": "LoginRequest22V5", "logout": "LogoutRequest", "authType": "AuthenticationRequest"}[name]
		out[name] = []byte(`<command xsi:type="` + typ + `" xmlns="">` + body + `</command>`)
	}
	return out
}

var ncr = regexp.MustCompile(`&#([0-9]+);`)

// utf8Doc turns the references to non-ASCII characters of an ASCII
// document into the characters themselves.
func utf8Doc(doc []byte) []byte {
	return ncr.ReplaceAllFunc(doc, func(m []byte) []byte {
		v, _ := strconv.Atoi(string(m[2 : len(m)-1]))
		if v < 0x80 {
			return m
		}
		return []byte(string(rune(v)))
	})
}

func soapOf(doc []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><ns1:processOCIMessage soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:com:broadsoft:webservice"><in0 xsi:type="xsd:string">`)
	_ = xml.EscapeText(&b, doc)
	b.WriteString(`</in0></ns1:processOCIMessage></soapenv:Body></soapenv:Envelope>`)
	return b.Bytes()
}

// clientCases returns full documents as the client sends them, one per
// command type and one with fifteen commands, in each encoding and over
// both transports.
func clientCases(t testing.TB) []treeCase {
	cmds := clientCommands(t)
	docs := map[string][]byte{}
	var all []byte
	n := 0
	for name, b := range cmds {
		docs[name] = clientDoc(b)
		if n < 15 {
			all = append(all, b...)
			n++
		}
	}
	docs["fifteen"] = clientDoc(all)
	var out []treeCase
	for name, ascii := range docs {
		u := utf8Doc(ascii)
		utf8Decl := bytes.Replace(u, []byte(`encoding="ISO-8859-1"`), []byte(`encoding="UTF-8"`), 1)
		out = append(out,
			treeCase{name + "/ascii-latin1-decl", ascii, false},
			treeCase{name + "/latin1", encodeText(u, true), false},
			treeCase{name + "/utf8", utf8Decl, false},
			treeCase{name + "/no-decl", bytes.TrimPrefix(u, []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>`)), false},
			treeCase{name + "/soap-inner", u, true},
			treeCase{name + "/soap-envelope", soapOf(ascii), false},
		)
	}
	return out
}

// referenceTree is the tree encoding/xml reads of a request document (with
// RawToken, as the fake's parser reads it: no name-space translation, end
// tags matched by local name), the reference the tests hold parseTree to.
func referenceTree(data []byte, textual bool) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if textual {
			return r, nil
		}
		if isLatin1Label(label) {
			b, err := io.ReadAll(r)
			if err != nil {
				return nil, err
			}
			return bytes.NewReader(latin1ToUTF8(b)), nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	var root *node
	var stack []*node
	count := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if root == nil || len(stack) > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxNodes || len(stack) >= maxDepth {
				return nil, errTooLarge
			}
			n := newNode(t.Name.Local, t.Attr)
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1].name != t.Name.Local {
				return nil, fmt.Errorf("unexpected end element </%s>", t.Name.Local)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
}

// deliberate reports whether err is one of the refusals of documents that
// encoding/xml reads (see parse.go).
func deliberate(err error) bool {
	for _, s := range []string{"XML declaration not at the start", "names outside ASCII"} {
		if strings.Contains(err.Error(), s) {
			return true
		}
	}
	return false
}

// compareTrees checks parseTree on data against referenceTree: the same
// tree, or both refuse it (or parseTree refuses it for one of its
// documented reasons). It reports whether parseTree read the document. A
// parser reused for another document first, and twice, must read it the
// same.
func compareTrees(t *testing.T, name string, data []byte, textual bool) (read bool) {
	t.Helper()
	want, wantErr := referenceTree(data, textual)
	got, err := parseTree(data, textual)
	switch {
	case err != nil && wantErr == nil && !deliberate(err):
		t.Errorf("%s: parseTree refuses (%v) what encoding/xml reads:\n%q", name, err, data)
	case err == nil && wantErr != nil:
		t.Errorf("%s: parseTree reads what encoding/xml refuses (%v):\n%q", name, wantErr, data)
	case err == nil && !reflect.DeepEqual(got, want):
		t.Errorf("%s: trees differ\nours: %s\nxml:  %s\n%q", name, dump(got), dump(want), data)
	}
	var p treeParser
	if _, err := p.parseDoc([]byte(warmDoc), false); err != nil {
		t.Fatalf("the warm-up document: %v", err)
	}
	for round := range 2 {
		again, err2 := p.parseDoc(data, textual)
		if (err2 == nil) != (err == nil) || err == nil && !reflect.DeepEqual(again, got) {
			t.Errorf("%s: reused parser (round %d): %s, %v; want %s, %v", name, round, dump(again), err2, dump(got), err)
		}
	}
	return err == nil
}

// warmDoc fills a parser's buffers before the document under test: names,
// attributes, text split around children, references.
const warmDoc = `<BroadsoftDocument protocol="OCI" xmlns="C"><sessionId xmlns="">s&amp;1</sessionId>` +
	`<command xsi:type="X" xmlns=""><a x='1'>t<b y="&lt;">u</b>v<c/>w</a><name>n</name><name>m</name></command></BroadsoftDocument>`

func dump(n *node) string {
	if n == nil {
		return "<nil>"
	}
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		fmt.Fprintf(&b, "{%q typ=%q nil=%v attrs=%#v text=%q", n.name, n.typ, n.isNil, n.attrs, n.text)
		for _, k := range n.kids {
			walk(k)
		}
		b.WriteString("}")
	}
	walk(n)
	return b.String()
}

func TestParseTreeClientDocuments(t *testing.T) {
	cases := clientCases(t)
	if len(cases) < 15*6 {
		t.Fatalf("only %d client documents", len(cases))
	}
	for _, c := range cases {
		if !compareTrees(t, c.name, c.data, c.textual) {
			t.Errorf("%s: a client document refused", c.name)
		}
	}
	// The SOAP argument, as the fake reads it, is a client document too.
	for _, c := range cases {
		if !strings.HasSuffix(c.name, "/soap-envelope") {
			continue
		}
		arg, err := soapArgument(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !compareTrees(t, c.name+"/argument", []byte(arg), true) {
			t.Errorf("%s: the SOAP argument refused", c.name)
		}
	}
}

// A document the fake reads as commands, checked value by value so the
// comparison is not only against encoding/xml.
func TestParseTreeValues(t *testing.T) {
	doc := []byte("<?xml version='1.0' encoding='latin1' standalone='yes'?>\n <r:Root a='1 &amp; &#x41;&#66;' b:c=\"&quot;&apos;\" xmlns:b='u'>\n" +
		"<k xsi:type='p:T' xsi:nil='1'/><k x:nil='true'>caf\xe9 &lt;&gt;]</k ><e></e></r:Root>\n\t")
	root, err := parseTree(doc, false)
	if err != nil {
		t.Fatal(err)
	}
	if root.name != "Root" || len(root.kids) != 3 || root.text != "\n" {
		t.Fatalf("root = %s", dump(root))
	}
	wantAttrs := []xml.Attr{{Name: xml.Name{Local: "a"}, Value: "1 & AB"}, {Name: xml.Name{Space: "b", Local: "c"}, Value: `"'`},
		{Name: xml.Name{Space: "xmlns", Local: "b"}, Value: "u"}}
	if !reflect.DeepEqual(root.attrs, wantAttrs) {
		t.Errorf("attrs = %#v", root.attrs)
	}
	k := root.all("k")
	if len(k) != 2 || k[0].typ != "T" || !k[0].isNil || k[1].typ != "" || !k[1].isNil || k[1].text != "café <>]" {
		t.Errorf("k = %s", dump(root))
	}
	if e := root.kid("e"); e == nil || e.text != "" || e.kids != nil || e.attrs == nil {
		t.Errorf("e = %s", dump(root))
	}
	compareTrees(t, "values", doc, false)
	// Textual: the same bytes read as UTF-8 are invalid, and refused by both.
	if _, err := parseTree(doc, true); err == nil {
		t.Error("invalid UTF-8 read in a textual document")
	}
	compareTrees(t, "values/textual", doc, true)
}

func TestParseTreeEdgeCases(t *testing.T) {
	const decl = `<?xml version="1.0" encoding="ISO-8859-1"?>`
	read := []string{
		`<a/>`,
		"\n\t <a/> \n",
		`<?xml version="1.0"?><a/>`,
		`<?xml version='1.0' encoding="utf-8" ?><a/>`,
		`<?xml version="1.0" encoding="US-ASCII"?><a>x</a>`,
		`<?xml version="1.0" standalone="no"?><a/>`,
		`<a x="1"y='2'/>`,
		`<a x = "1" />`,
		`<a:b xmlns:a="u"></a:b >`,
		`<a><b/> <c>t</c> u<d/>v</a>`,
		`<a x="&lt;&gt;&amp;&apos;&quot;&#9;&#10;&#x1F600;&#xd7ff;&#xE000;&#xFFFD;&#x10FFFF;">]]&gt;</a>`,
		`<a x="]]>">]</a>`,
		`<a>` + "\u00e9\u3042\U0001F600\x7f" + `</a>`,
		`<a>&#65;&#x0000041;</a>`,
		`<a b.c-d_e="1" _f="2"/>`,
		`<a xsi:type="xsd:string" xsi:nil="false"/>`,
		`<a b="1" b="2"/>`, // encoding/xml keeps both
		// What clients seldom write, read as encoding/xml reads it.
		`x<a/>`, `<a/>x`, `<a></x:a>`, `<x:a></a>`, `<:a/>`, `<a:/>`, `<a x:="1"/>`,
		`<!DOCTYPE a><a/>`, `<!DOCTYPE a [<!ENTITY b "<c>"><!-- '> --> ]><a/>`, `<a><![CDATA[x<y>&z]]></a>`,
		`<a>1<![CDATA[2]]>3<!-- c -->4<?p x?>5</a>`, `<!-- c --><a/>`, `<a/><!-- c -->`, `<?pi x?><a/>`, `<a><?pi x?></a>`,
		`<?xml version = "1.0"?><a/>`, `<?xml encoding="UTF-8"?><a/>`, `<?xml version="1.0" encoding=""?><a/>`,
		`<?xml version="1.0"encoding="UTF-8"?><a/>`, `<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>`,
		`<?xmlversion="1.0"?><a/>`, `<?xml-stylesheet x?><a/>`, `<?XML version="1.0"?><a/>`, "\ufeff<a/>",
		`<a>&#000000065;</a>`, `<a>&#xD800;</a>`, "<a>\r\n\rx\r</a>", "<a x=\"\r\n\"/>", "\r<a/>",
		"<a><![CDATA[\r\n]]></a>",
	}
	refused := []string{
		``, ` `, `x`, `<a/><b/>`, `<a>`, `<a></b>`, `</a>`,
		`<?xml version="1.1"?><a/>`, `<?xml version="1.0" encoding="EBCDIC"?><a/>`, `<?xml version="1.0" encoding="UTF-16"?><a/>`,
		`<a>&foo;</a>`, `<a>&lt</a>`, `<a>&#;</a>`, `<a>&#x;</a>`, `<a>&#X41;</a>`, `<a>&#0;</a>`,
		`<a>&#xFFFE;</a>`, `<a>&#x110000;</a>`, `<a>&#1a;</a>`, `<a>& </a>`, `<a x="&bad;"/>`,
		`<a>]]></a>`, `<a x="<"/>`, `<a x=1/>`, `<a x/>`, `<a x="1/>`, `<a x="1' />`, `<a / >`, `< a/>`, `<1a/>`, `<-a/>`,
		`<a:b:c/>`, `<a><!-- x -- y --></a>`, `<a><![CDATA[x]]</a>`, `<a><![CDAT[x]]></a>`, `<!DOCTYPE a`,
		"<a>\x01</a>", "<a>\x00</a>", "<a>\xff</a>", "<a>\xed\xa0\x80</a>",
		"<a>\xef\xbf\xbe</a>", "<a>\xc3</a>", `<a>`, `<a x="1"`, `<a`, `<`, `<a></a`, `<a>text`,
		strings.Repeat("<a>", maxDepth+1) + strings.Repeat("</a>", maxDepth+1),
		"<r>" + strings.Repeat("<a/>", maxNodes) + "</r>",
		decl + "<a>\x00</a>",
		// Read by encoding/xml, refused by the fake (no client writes them).
		`<a/><?xml version="1.0" encoding="latin1"?>`, `<!-- c --><?xml version="1.0"?><a/>`, "<a\u00e9/>", "<a \u00e9='1'/>",
	}
	for _, d := range read {
		for _, textual := range []bool{false, true} {
			if !compareTrees(t, "read "+d, []byte(d), textual) {
				t.Errorf("%q (textual %v): refused", d, textual)
			}
			if !strings.HasPrefix(d, "<?xml") && !strings.HasPrefix(d, "\ufeff") && !compareTrees(t, "read+decl "+d, []byte(decl+"\n"+d), textual) {
				t.Errorf("%q (textual %v) after a declaration: refused", d, textual)
			}
		}
	}
	for _, d := range refused {
		for _, textual := range []bool{false, true} {
			if compareTrees(t, "refused "+d, []byte(d), textual) && !(textual && strings.Contains(d, "encoding=\"E") || textual && strings.Contains(d, "UTF-16")) {
				t.Errorf("%.80q (textual %v): read", d, textual)
			}
		}
	}
	// At the limits both read.
	atLimit := []string{
		strings.Repeat("<a>", maxDepth) + strings.Repeat("</a>", maxDepth),
		"<r>" + strings.Repeat("<a/>", maxNodes-1) + "</r>",
	}
	for _, d := range atLimit {
		if !compareTrees(t, "limit", []byte(d), false) {
			t.Errorf("%.40q...: refused", d)
		}
	}
	// Latin-1 bytes, every one, in text and attributes.
	var all []byte
	for c := 0x20; c < 0x100; c++ {
		if c != '<' && c != '&' && c != '"' && c != 0x7f || c >= 0x80 {
			all = append(all, byte(c))
		}
	}
	latin := []byte(decl + `<a x="` + string(all) + `">` + strings.ReplaceAll(string(all), "]]>", "") + `</a>`)
	if !compareTrees(t, "latin1", latin, false) {
		t.Error("Latin-1 document refused")
	}
	compareTrees(t, "latin1/textual", latin, true)
}

func FuzzParseTree(f *testing.F) {
	for _, c := range clientCases(f) {
		if len(c.data) < 4000 {
			f.Add(c.data, c.textual)
		}
	}
	for _, s := range []string{`<a x='&#65;'>&lt;<b/></a>`, `<?xml version="1.0" encoding="latin1"?><a>` + "\xe9" + `</a>`,
		`<a><![CDATA[x]]></a>`, `<a></x:a>`, "<a>\r\n</a>", `<!DOCTYPE a [<!-- x -->]><a>1<!--c-->2<?p?></a>`} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, textual bool) {
		compareTrees(t, "fuzz", data, textual)
	})
}
