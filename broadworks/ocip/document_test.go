package ocip

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/modeltest"
)

// The element order of GroupCallCenterAddInstanceRequest22 and of
// ServiceInstanceAddProfileCallCenter in the R25 schema.
var (
	schemaAddOrder = []string{"serviceProviderId", "groupId", "serviceUserId", "serviceInstanceProfile", "type", "routingType",
		"policy", "enableVideo", "queueLength", "enableReporting", "allowCallerToDialEscapeDigit", "escapeDigit",
		"resetCallStatisticsUponEntryInQueue", "allowAgentLogoff", "allowCallWaitingForAgents", "allowCallsToAgentsInWrapUp",
		"overrideAgentWrapUpTime", "wrapUpSeconds", "forceDeliveryOfCalls", "forceDeliveryWaitTimeSeconds",
		"enableAutomaticStateChangeForAgents", "agentStateAfterCall", "agentUnavailableCode", "externalPreferredAudioCodec",
		"internalPreferredAudioCodec", "playRingingWhenOfferingCall", "networkClassOfService"}
	schemaProfileOrder = []string{"name", "callingLineIdLastName", "callingLineIdFirstName", "hiraganaLastName",
		"hiraganaFirstName", "phoneNumber", "extension", "password", "department", "language", "timeZone", "alias",
		"publicUserIdentity", "callingLineIdPhoneNumber"}
)

func TestEncodeAddDocument(t *testing.T) {
	req, err := NewAddRequest(modeltest.Premium())
	if err != nil {
		t.Fatal(err)
	}
	body, err := AppendCommand(nil, req)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(AppendDocument(nil, "0f6c1b2e-aaaa-4bbb-8ccc-123456789abc", body))
	want := `<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" +
		`<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<sessionId xmlns="">0f6c1b2e-aaaa-4bbb-8ccc-123456789abc</sessionId>` +
		`<command xsi:type="GroupCallCenterAddInstanceRequest22" xmlns="">` +
		`<serviceProviderId>SP &amp; Co</serviceProviderId><groupId>G&lt;1&gt;</groupId>` +
		`<serviceUserId>premium-center@company.com</serviceUserId>` +
		`<serviceInstanceProfile><name>Caf&#233; &#34;Premium&#34;</name><callingLineIdLastName>Premium</callingLineIdLastName>` +
		`<callingLineIdFirstName>Center</callingLineIdFirstName>` +
		`<hiraganaLastName>&#12475;&#12540;&#12523;&#12473;</hiraganaLastName><hiraganaFirstName>&#12475;&#12531;&#12479;&#12540;</hiraganaFirstName>` +
		`<phoneNumber>+81355555555</phoneNumber><extension>5000</extension><password>pa&lt;ss&gt;&amp;word&#39;9</password>` +
		`<language>Japanese</language><timeZone>Asia/Tokyo</timeZone><alias>cc1@example.com</alias><alias>cc2@example.com</alias>` +
		`<publicUserIdentity>sales@example.com</publicUserIdentity><callingLineIdPhoneNumber>+81355555556</callingLineIdPhoneNumber>` +
		`</serviceInstanceProfile>` +
		`<type>Premium</type><routingType>Priority Based</routingType><policy>Simultaneous</policy><enableVideo>true</enableVideo>` +
		`<queueLength>25</queueLength><enableReporting>true</enableReporting><allowCallerToDialEscapeDigit>true</allowCallerToDialEscapeDigit>` +
		`<escapeDigit>#</escapeDigit><resetCallStatisticsUponEntryInQueue>false</resetCallStatisticsUponEntryInQueue>` +
		`<allowAgentLogoff>false</allowAgentLogoff><allowCallWaitingForAgents>false</allowCallWaitingForAgents>` +
		`<allowCallsToAgentsInWrapUp>true</allowCallsToAgentsInWrapUp><overrideAgentWrapUpTime>false</overrideAgentWrapUpTime>` +
		`<wrapUpSeconds>30</wrapUpSeconds><forceDeliveryOfCalls>false</forceDeliveryOfCalls>` +
		`<forceDeliveryWaitTimeSeconds>9</forceDeliveryWaitTimeSeconds>` +
		`<enableAutomaticStateChangeForAgents>true</enableAutomaticStateChangeForAgents><agentStateAfterCall>Wrap-Up</agentStateAfterCall>` +
		`<agentUnavailableCode>3</agentUnavailableCode><externalPreferredAudioCodec>G722</externalPreferredAudioCodec>` +
		`<internalPreferredAudioCodec>OPUS</internalPreferredAudioCodec><playRingingWhenOfferingCall>false</playRingingWhenOfferingCall>` +
		`<networkClassOfService>Premium</networkClassOfService></command></BroadsoftDocument>` + "\n"
	if doc != want {
		t.Errorf("document:\n%s\nwant:\n%s", doc, want)
	}
	for i := 0; i < len(doc); i++ {
		if doc[i] >= 0x80 {
			t.Fatalf("byte %d of the document is not ASCII", i)
		}
	}
	// Element order is the schema's, for the command and the profile.
	assertOrder(t, doc, "command", schemaAddOrder)
	assertOrder(t, doc, "serviceInstanceProfile", schemaProfileOrder)

	// Every value reaches a reader intact, in whatever encoding it reads
	// the (ASCII) document.
	var back struct {
		Cmd struct {
			SP      string `xml:"serviceProviderId"`
			Profile struct {
				Name     string `xml:"name"`
				Hiragana string `xml:"hiraganaLastName"`
				Password string `xml:"password"`
			} `xml:"serviceInstanceProfile"`
		} `xml:"command"`
	}
	d := xml.NewDecoder(strings.NewReader(doc))
	d.CharsetReader = latin1Charset
	if err := d.Decode(&back); err != nil {
		t.Fatal(err)
	}
	if back.Cmd.SP != "SP & Co" || back.Cmd.Profile.Name != `Café "Premium"` || back.Cmd.Profile.Hiragana != "セールス" || back.Cmd.Profile.Password != "pa<ss>&word'9" {
		t.Errorf("decoded back: %+v", back)
	}
}

// assertOrder checks that the children of the first element named parent
// appear in the order of schema.
func assertOrder(t *testing.T, doc, parent string, schema []string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	d.CharsetReader = latin1Charset
	depth, in := 0, -1
	var names []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tt := tok.(type) {
		case xml.StartElement:
			depth++
			if in < 0 && tt.Name.Local == parent {
				in = depth
			} else if in > 0 && depth == in+1 {
				names = append(names, tt.Name.Local)
			}
		case xml.EndElement:
			if depth == in {
				in = -2
			}
			depth--
		}
	}
	last := -1
	for _, n := range names {
		i := slices.Index(schema, n)
		if i < 0 || i < last {
			t.Fatalf("<%s> children %v are not in schema order %v", parent, names, schema)
		}
		last = i
	}
}

func TestEncodeModifyRequest(t *testing.T) {
	req, err := NewModifyRequest(callcenter.CallCenter{
		ServiceUserID: "cc@example.com",
		Profile:       callcenter.Profile{Name: "New", Aliases: []string{"a@example.com"}},
		Type:          callcenter.Standard,
		QueueLength:   new(0),
		EnableVideo:   new(false),
	}, ClearWrapUpSeconds, ClearPhoneNumber, ClearAgentUnavailableCode)
	if err != nil {
		t.Fatal(err)
	}
	body, err := AppendCommand(nil, req)
	if err != nil {
		t.Fatal(err)
	}
	want := `<command xsi:type="GroupCallCenterModifyInstanceRequest22" xmlns=""><serviceUserId>cc@example.com</serviceUserId>` +
		`<serviceInstanceProfile><name>New</name><phoneNumber xsi:nil="true"></phoneNumber>` +
		`<sipAliasList><sipAlias>a@example.com</sipAlias></sipAliasList></serviceInstanceProfile>` +
		`<type>Standard</type><enableVideo>false</enableVideo><queueLength>0</queueLength>` +
		`<wrapUpSeconds xsi:nil="true"></wrapUpSeconds><agentUnavailableCode xsi:nil="true"></agentUnavailableCode></command>`
	if string(body) != want {
		t.Errorf("modify:\n%s\nwant:\n%s", body, want)
	}
}

func TestNewModifyRequestRefuses(t *testing.T) {
	for name, tc := range map[string]struct {
		cc    callcenter.CallCenter
		clear []string
		field string
	}{
		"type option":   {callcenter.CallCenter{ServiceUserID: "a@b.c", Type: callcenter.Basic, WrapUpSeconds: new(10)}, nil, "wrapUpSeconds"},
		"range":         {callcenter.CallCenter{ServiceUserID: "a@b.c", QueueLength: new(600)}, nil, "queueLength"},
		"no id":         {callcenter.CallCenter{QueueLength: new(6)}, nil, "serviceUserId"},
		"nothing":       {callcenter.CallCenter{ServiceUserID: "a@b.c"}, nil, "serviceUserId"},
		"set and clear": {callcenter.CallCenter{ServiceUserID: "a@b.c", WrapUpSeconds: new(10)}, []string{ClearWrapUpSeconds}, "wrapUpSeconds"},
		"unknown clear": {callcenter.CallCenter{ServiceUserID: "a@b.c"}, []string{"policy"}, "policy"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := NewModifyRequest(tc.cc, tc.clear...)
			var ve *callcenter.ValidationError
			if !errors.As(err, &ve) || !ve.Has(tc.field) {
				t.Fatalf("err = %v, want a ValidationError on %s", err, tc.field)
			}
		})
	}
}

func TestNewAddRequestRefusesTypeOptions(t *testing.T) {
	cc := modeltest.Premium()
	cc.Type = callcenter.Basic
	_, err := NewAddRequest(cc)
	var ve *callcenter.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want *callcenter.ValidationError", err)
	}
	for _, f := range []string{"routingType", "enableReporting", "wrapUpSeconds", "forceDeliveryOfCalls", "agentUnavailableCode"} {
		if !ve.Has(f) {
			t.Errorf("no error for %s in %v", f, err)
		}
	}
	if strings.Contains(err.Error(), "pa<ss>") {
		t.Error("the error shows the password")
	}
}

func TestCommandsRedactPassword(t *testing.T) {
	add, err := NewAddRequest(modeltest.Premium())
	if err != nil {
		t.Fatal(err)
	}
	mod, err := NewModifyRequest(callcenter.CallCenter{ServiceUserID: "a@b.c", Profile: callcenter.Profile{Password: "n3w-Secret"}})
	if err != nil {
		t.Fatal(err)
	}
	login := &LoginRequest22V5{UserID: "admin", Password: "n3w-Secret"}
	for _, cmd := range []Command{add, mod, login} {
		var shown []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%t"} {
			shown = append(shown, fmt.Sprintf(verb, cmd), fmt.Sprintf(verb, reflect.ValueOf(cmd).Elem().Interface()))
		}
		j, err := json.Marshal(cmd)
		if err != nil {
			t.Fatal(err)
		}
		shown = append(shown, string(j))
		var logs bytes.Buffer
		slog.New(slog.NewJSONHandler(&logs, nil)).Info("cmd", "command", cmd)
		slog.New(slog.NewTextHandler(&logs, nil)).Info("cmd", "command", cmd)
		shown = append(shown, logs.String())
		for _, s := range shown {
			if strings.Contains(s, "pa<ss>") || strings.Contains(s, "word'9") || strings.Contains(s, "n3w-Secret") || strings.Contains(s, "pa\\u003css") {
				t.Errorf("%s shows the password: %s", cmd.OCIType(), s)
			}
		}
		if !strings.Contains(string(j), callcenter.Redacted) {
			t.Errorf("JSON of %s has no %s: %s", cmd.OCIType(), callcenter.Redacted, j)
		}
	}
	// The wire carries the real value.
	for _, tc := range []struct {
		cmd  Command
		want string
	}{{add, "<password>pa&lt;ss&gt;&amp;word&#39;9</password>"}, {mod, "<password>n3w-Secret</password>"}, {login, "<password>n3w-Secret</password>"}} {
		b, err := AppendCommand(nil, tc.cmd)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tc.want) {
			t.Errorf("XML of %s lacks %s: %s", tc.cmd.OCIType(), tc.want, b)
		}
	}
}

func TestSignPassword(t *testing.T) {
	// MD5("1234567890:" + SHA1("secret")), computed independently.
	got := NewLoginRequest14sp4("u", "1234567890", "secret")
	if want := "54ad7a2a0d93f0a0736345ad7af8b68b"; string(got.SignedPassword) != want || got.UserID != "u" {
		t.Errorf("NewLoginRequest14sp4 = %q %q, want signed password %s", got.UserID, string(got.SignedPassword), want)
	}
}

const latin1Get = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
	`<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">s</sessionId>` +
	`<command echo="" xsi:type="GroupCallCenterGetInstanceResponse22" xmlns=""><serviceInstanceProfile>` +
	"<name>Caf\xe9 \xbfQu\xe9?</name><callingLineIdLastName>L</callingLineIdLastName><callingLineIdFirstName>F</callingLineIdFirstName>" +
	`<hiraganaLastName>&#12475;&#12540;&#12523;&#12473;</hiraganaLastName><countryCode>81</countryCode>` +
	`<department xsi:type="GroupDepartmentKey"><serviceProviderId>sp</serviceProviderId><groupId>g</groupId><name>Sales</name></department>` +
	`<timeZone>Asia/Tokyo</timeZone><timeZoneDisplayName>(GMT+09:00) Asia/Tokyo</timeZoneDisplayName>` +
	`<alias>a1@example.com</alias><alias>a2@example.com</alias></serviceInstanceProfile>` +
	`<type>Standard</type><policy>Weighted</policy><enableVideo>1</enableVideo><queueLength>10</queueLength>` +
	`<enableReporting>true</enableReporting><allowCallerToDialEscapeDigit>false</allowCallerToDialEscapeDigit><escapeDigit>*</escapeDigit>` +
	`<resetCallStatisticsUponEntryInQueue>true</resetCallStatisticsUponEntryInQueue><allowAgentLogoff>true</allowAgentLogoff>` +
	`<allowCallWaitingForAgents>false</allowCallWaitingForAgents><wrapUpSeconds>45</wrapUpSeconds>` +
	`<agentStateAfterCall>Wrap-Up</agentStateAfterCall><externalPreferredAudioCodec>None</externalPreferredAudioCodec>` +
	`<internalPreferredAudioCodec>G711</internalPreferredAudioCodec><playRingingWhenOfferingCall>true</playRingingWhenOfferingCall>` +
	`<callCenterQueueThresholdsIsActive>false</callCenterQueueThresholdsIsActive><newElementOfALaterRelease>x</newElementOfALaterRelease>` +
	`</command></BroadsoftDocument>`

func TestDecodeLatin1Response(t *testing.T) {
	_, resps, err := DecodeDocument([]byte(latin1Get))
	if err != nil {
		t.Fatal(err)
	}
	r, ok := resps[0].(*GroupCallCenterGetInstanceResponse22)
	if !ok {
		t.Fatalf("response %T", resps[0])
	}
	cc := r.CallCenter()
	if cc.Profile.Name != "Café ¿Qué?" || cc.Profile.HiraganaLastName != "セールス" {
		t.Errorf("names %q %q", cc.Profile.Name, cc.Profile.HiraganaLastName)
	}
	if r.ServiceInstanceProfile.Department == nil || r.ServiceInstanceProfile.Department.Name != "Sales" || r.ServiceInstanceProfile.CountryCode != "81" {
		t.Errorf("profile %+v", r.ServiceInstanceProfile)
	}
	if cc.Type != callcenter.Standard || cc.Policy != callcenter.Weighted || !*cc.EnableVideo || *cc.QueueLength != 10 ||
		!*cc.EnableReporting || *cc.WrapUpSeconds != 45 || cc.EscapeDigit != "*" || cc.AgentStateAfterCall != callcenter.WrapUp ||
		cc.InternalPreferredAudioCodec != callcenter.CodecG711 || *cc.AllowCallWaitingForAgents || cc.RoutingType != "" ||
		!slices.Equal(cc.Profile.Aliases, []string{"a1@example.com", "a2@example.com"}) {
		t.Errorf("call center %+v", cc)
	}

	// The same document as Unicode text (SOAP) with its stale declaration.
	text := []byte(string(latin1ToUTF8ForTest([]byte(latin1Get))))
	_, resps, err = DecodeDocumentText(text)
	if err != nil {
		t.Fatal(err)
	}
	if got := resps[0].(*GroupCallCenterGetInstanceResponse22).ServiceInstanceProfile.Name; got != "Café ¿Qué?" {
		t.Errorf("textual name %q", got)
	}
}

func latin1ToUTF8ForTest(b []byte) []byte {
	var out []byte
	for _, c := range b {
		out = append(out, string(rune(c))...)
	}
	return out
}

func doc(cmds string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">s</sessionId>` + cmds + `</BroadsoftDocument>`
}

func TestDecodeResponses(t *testing.T) {
	data := doc(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>` +
		`<command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>[Error 4008] User not found: x@y</summary><summaryEnglish>[Error 4008] User not found: x@y</summaryEnglish></command>` +
		`<command type="Warning" xsi:type="ErrorResponse" xmlns=""><errorCode>4200</errorCode><summary>Existe</summary><summaryEnglish>[Error 4200] User already exists</summaryEnglish><detail>more</detail></command>` +
		`<command xsi:type="GroupCallCenterGetInstanceListResponse" xmlns=""><callCenterTable><colHeading>Type</colHeading><colHeading>Service User Id</colHeading>` +
		`<colHeading>Extra</colHeading><colHeading>Is Active</colHeading><colHeading>Policy</colHeading><colHeading>Name</colHeading><colHeading>Video</colHeading>` +
		`<row><col>Premium</col><col>a@b.c</col><col>?</col><col>false</col><col>Uniform</col><col>A &amp; B</col><col>true</col></row>` +
		`<row><col>Basic</col><col>d@e.f</col><col>?</col><col>true</col><col>Circular</col><col>D</col><col>false</col></row></callCenterTable></command>` +
		`<command xsi:type="SomeFutureResponse" xmlns=""><a>1</a></command>`)
	_, resps, err := DecodeDocument([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(resps) != 5 {
		t.Fatalf("%d responses", len(resps))
	}
	if _, ok := resps[0].(*SuccessResponse); !ok {
		t.Errorf("0: %T", resps[0])
	}
	e1, ok := resps[1].(*ErrorResponse)
	if !ok || e1.Code != 4008 || e1.Type != "Error" || e1.SummaryEnglish != "[Error 4008] User not found: x@y" {
		t.Errorf("1: %#v", resps[1])
	}
	e2, ok := resps[2].(*ErrorResponse)
	if !ok || e2.Code != 4200 || e2.Type != "Warning" || e2.Detail != "more" || e2.Summary != "Existe" {
		t.Errorf("2: %#v", resps[2])
	}
	list, ok := resps[3].(*GroupCallCenterGetInstanceListResponse)
	if !ok {
		t.Fatalf("3: %T", resps[3])
	}
	sums, err := list.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	want := []CallCenterSummary{
		{ServiceUserID: "a@b.c", Name: "A & B", Video: true, IsActive: false, Policy: callcenter.Uniform, Type: callcenter.Premium},
		{ServiceUserID: "d@e.f", Name: "D", Video: false, IsActive: true, Policy: callcenter.Circular, Type: callcenter.Basic},
	}
	if !slices.Equal(sums, want) {
		t.Errorf("summaries %+v, want %+v", sums, want)
	}
	raw, ok := resps[4].(*RawResponse)
	if !ok || raw.Type != "SomeFutureResponse" || string(raw.XML) != "<a>1</a>" {
		t.Errorf("4: %#v", resps[4])
	}
}

func TestDecodeMalformed(t *testing.T) {
	for name, data := range map[string]string{
		"empty":          "",
		"not xml":        "hello",
		"wrong root":     `<Other/>`,
		"truncated":      doc(`<command xsi:type="SuccessResponse">`)[:120],
		"no type":        doc(`<command/>`),
		"bad code":       doc(`<command xsi:type="c:ErrorResponse" xmlns:c="C"><errorCode>x</errorCode><summary>s</summary></command>`),
		"bad bool":       doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><enableVideo>maybe</enableVideo></command>`),
		"bad int":        doc(`<command xsi:type="GroupCallCenterGetInstanceResponse22"><queueLength>many</queueLength></command>`),
		"unknown enc":    `<?xml version="1.0" encoding="EBCDIC"?><BroadsoftDocument/>`,
		"mismatched tag": doc(`<command xsi:type="SuccessResponse"></commandx>`),
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := DecodeDocument([]byte(data)); err == nil {
				t.Errorf("no error for %q", data)
			}
		})
	}
	var many strings.Builder
	for range maxResponses + 1 {
		many.WriteString(`<command xsi:type="SuccessResponse"/>`)
	}
	if _, _, err := DecodeDocument([]byte(doc(many.String()))); err == nil {
		t.Error("no error for too many responses")
	}
}

// latin1Charset lets encoding/xml read the ISO-8859-1 documents of the tests.
func latin1Charset(label string, input io.Reader) (io.Reader, error) {
	if !strings.EqualFold(label, "ISO-8859-1") {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return &latin1Reader{r: input}, nil
}
