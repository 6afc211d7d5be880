package broadworkstest

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
)

// conn speaks raw OCI-P to the server.
type conn struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func dial(t *testing.T, addr string, tlsConf *tls.Config) *conn {
	t.Helper()
	var c net.Conn
	var err error
	if tlsConf != nil {
		c, err = tls.Dial("tcp", addr, tlsConf)
	} else {
		c, err = net.Dial("tcp", addr)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	return &conn{t: t, c: c, br: bufio.NewReader(c)}
}

const docHead = `<?xml version="1.0" encoding="UTF-8"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">`

func document(session string, cmds ...string) string {
	return docHead + session + `</sessionId>` + strings.Join(cmds, "") + `</BroadsoftDocument>`
}

func cmd(typ, body string) string {
	return `<command xsi:type="` + typ + `" xmlns="">` + body + `</command>`
}

// send writes a document and returns the answer's raw bytes.
func (c *conn) send(doc string) []byte {
	c.t.Helper()
	if _, err := io.WriteString(c.c, doc+"\n"); err != nil {
		c.t.Fatal(err)
	}
	resp, err := readDoc(c.br, 1<<20)
	if err != nil {
		c.t.Fatalf("reading answer: %v", err)
	}
	return resp
}

var nonceRe = regexp.MustCompile(`<nonce>([^<]+)</nonce>`)

func (c *conn) nonceLogin(session, user, password string) []byte {
	c.t.Helper()
	resp := c.send(document(session, cmd("AuthenticationRequest", "<userId>"+user+"</userId>")))
	m := nonceRe.FindSubmatch(resp)
	if m == nil || !bytes.Contains(resp, []byte("<passwordAlgorithm>MD5</passwordAlgorithm>")) {
		c.t.Fatalf("no nonce: %s", resp)
	}
	return c.send(document(session, cmd("LoginRequest14sp4", "<userId>"+user+"</userId><signedPassword>"+signPassword(string(m[1]), password)+"</signedPassword>")))
}

const addBasic = `<serviceProviderId>sp</serviceProviderId><groupId>g</groupId><serviceUserId>%ID%</serviceUserId>` +
	`<serviceInstanceProfile><name>Caf&#233; ½</name><callingLineIdLastName>L</callingLineIdLastName><callingLineIdFirstName>F</callingLineIdFirstName>` +
	`<hiraganaLastName>セールス</hiraganaLastName><password>p@ss&amp;word</password></serviceInstanceProfile>` +
	`<type>Basic</type><policy>Circular</policy><enableVideo>false</enableVideo><queueLength>3</queueLength>` +
	`<allowCallerToDialEscapeDigit>false</allowCallerToDialEscapeDigit><escapeDigit>3</escapeDigit>` +
	`<resetCallStatisticsUponEntryInQueue>true</resetCallStatisticsUponEntryInQueue><allowAgentLogoff>true</allowAgentLogoff>` +
	`<allowCallWaitingForAgents>true</allowCallWaitingForAgents><externalPreferredAudioCodec>None</externalPreferredAudioCodec>` +
	`<internalPreferredAudioCodec>None</internalPreferredAudioCodec><playRingingWhenOfferingCall>true</playRingingWhenOfferingCall>`

func add(id string) string {
	return cmd("GroupCallCenterAddInstanceRequest22", strings.ReplaceAll(addBasic, "%ID%", id))
}

func TestNonceLoginAndLatin1Answers(t *testing.T) {
	s := NewServer()
	defer s.Close()
	c := dial(t, s.TCPAddr(), nil)
	if resp := c.send(document("s1", add("x@example.com"))); !bytes.Contains(resp, []byte("[Error 5404] Unauthorized transaction.")) {
		t.Errorf("command before login: %s", resp)
	}
	if resp := c.nonceLogin("s1", DefaultUser, "wrong"); !bytes.Contains(resp, []byte("[Error 4962] Invalid password")) {
		t.Errorf("wrong password: %s", resp)
	}
	resp := c.nonceLogin("s1", DefaultUser, DefaultPassword)
	if !bytes.Contains(resp, []byte(`xsi:type="LoginResponse14sp4"`)) {
		t.Fatalf("login: %s", resp)
	}
	resp = c.send(document("s1", add("x@example.com"), add("x@example.com"), cmd("GroupCallCenterGetInstanceRequest22", "<serviceUserId>x@example.com</serviceUserId>")))
	if !bytes.HasPrefix(resp, []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>`)) {
		t.Errorf("answer not declared ISO-8859-1: %s", resp)
	}
	for _, want := range []string{
		`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`,
		`<summary>[Error 4200] User already exists: x@example.com</summary>`,
		"<name>Caf\xe9 \xbd</name>", // Latin-1 as single bytes
		"<hiraganaLastName>&#12475;&#12540;&#12523;&#12473;</hiraganaLastName>", // the rest as references
	} {
		if !bytes.Contains(resp, []byte(want)) {
			t.Errorf("answer lacks %q:\n%s", want, resp)
		}
	}
	stored, ok := s.CallCenter("x@example.com")
	if !ok || string(stored.Profile.Password) != "p@ss&word" || stored.Profile.Name != "Café ½" || stored.Profile.HiraganaLastName != "セールス" {
		t.Errorf("stored %+v", stored)
	}
	// The session belongs to its connection.
	other := dial(t, s.TCPAddr(), nil)
	if resp := other.send(document("s1", add("y@example.com"))); !bytes.Contains(resp, []byte("[Error 5404]")) {
		t.Errorf("session used from another connection: %s", resp)
	}
	if st := s.Stats(); st.Logins != 1 || st.Adds != 1 || st.Connections != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestClearPasswordOnlyOverTLS(t *testing.T) {
	s := NewServer()
	defer s.Close()
	login := document("s2", cmd("LoginRequest22V5", "<userId>"+DefaultUser+"</userId><password>"+DefaultPassword+"</password>"))
	if resp := dial(t, s.TCPAddr(), nil).send(login); !bytes.Contains(resp, []byte("[Error 4962]")) {
		t.Errorf("clear password over plain TCP accepted: %s", resp)
	}
	if resp := dial(t, s.TLSAddr(), s.ClientTLSConfig()).send(login); !bytes.Contains(resp, []byte(`xsi:type="LoginResponse22V5"`)) {
		t.Errorf("login over TLS: %s", resp)
	}
}

func TestSchemaAndTypeRules(t *testing.T) {
	s := NewServer(WithGroup("sp", "g"))
	defer s.Close()
	c := dial(t, s.TCPAddr(), nil)
	c.nonceLogin("s", DefaultUser, DefaultPassword)
	swapped := strings.Replace(add("a@example.com"), "<type>Basic</type><policy>Circular</policy>", "<policy>Circular</policy><type>Basic</type>", 1)
	reporting := strings.Replace(add("b@example.com"), "<allowCallerToDialEscapeDigit>", "<enableReporting>true</enableReporting><allowCallerToDialEscapeDigit>", 1)
	premiumOnly := strings.Replace(add("c@example.com"), "<type>Basic</type>", "<type>Standard</type><routingType>Skill Based</routingType>", 1)
	badRange := strings.Replace(add("d@example.com"), "<queueLength>3</queueLength>", "<queueLength>526</queueLength>", 1)
	noDomain := add("nodomain")
	otherGroup := strings.Replace(add("e@example.com"), "<groupId>g</groupId>", "<groupId>other</groupId>", 1)
	resp := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(string(c.send(document("s", swapped, reporting, premiumOnly, badRange, noDomain, otherGroup))))
	for _, want := range []string{
		"[Error 4003] <type> is out of schema order",
		"[Error 4004] enableReporting is not available for a Basic call center",
		"[Error 4004] routingType is not available for a Standard call center",
		"[Error 4003] <queueLength> value",
		"[Error 4003] <serviceUserId> \"nodomain\" must be user@domain",
		"[Error 4152] Group not found: sp:other",
	} {
		if !strings.Contains(resp, want) {
			t.Errorf("answer lacks %q:\n%s", want, resp)
		}
	}
	if n := len(s.CallCenters()); n != 0 {
		t.Errorf("%d call centers stored", n)
	}
}

func TestFaults(t *testing.T) {
	s := NewServer()
	defer s.Close()
	s.Inject(fault.Fault{ServiceUserID: "err@example.com", Status: 4000, Message: "[Error 4000] Injected", Times: fault.Always})
	s.Inject(fault.Fault{Path: "GroupCallCenterAddInstanceRequest22", Drop: true, AfterHandling: true, Times: 1})
	c := dial(t, s.TCPAddr(), nil)
	c.nonceLogin("s", DefaultUser, DefaultPassword) // login commands are not hit by untyped faults
	if _, err := io.WriteString(c.c, document("s", add("applied@example.com"))+"\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := readDoc(c.br, 1<<20); err == nil {
		t.Fatal("answer despite the drop fault")
	}
	if _, ok := s.CallCenter("applied@example.com"); !ok {
		t.Error("Apply: the dropped document was not carried out")
	}
	c = dial(t, s.TCPAddr(), nil)
	c.nonceLogin("s", DefaultUser, DefaultPassword)
	resp := string(c.send(document("s", add("err@example.com"), add("ok@example.com"))))
	if !strings.Contains(resp, "<summary>[Error 4000] Injected</summary>") || !strings.Contains(resp, "SuccessResponse") {
		t.Errorf("answer %s", resp)
	}
	if st := s.Stats(); st.Drops != 1 || st.Adds != 2 || st.Logins != 2 {
		t.Errorf("stats %+v", st)
	}
	if fs := s.FaultStats(); fs.Dropped != 1 || fs.Statuses != 1 {
		t.Errorf("fault stats %+v", fs)
	}
	if n := s.CommandCount("GroupCallCenterAddInstanceRequest22"); n != 3 {
		t.Errorf("%d adds received", n)
	}
	s.ClearFaults()
	s.SetCommandDelay(time.Millisecond)
	if resp := string(c.send(document("s", add("err2@example.com")))); !strings.Contains(resp, "SuccessResponse") {
		t.Errorf("after ClearFaults: %s", resp)
	}
}

func TestSOAPSessionCookie(t *testing.T) {
	s := NewServer()
	defer s.Close()
	post := func(doc, cookie string) string {
		var b bytes.Buffer
		b.WriteString(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><processOCIMessage><in0>`)
		b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(doc))
		b.WriteString(`</in0></processOCIMessage></soapenv:Body></soapenv:Envelope>`)
		req, _ := http.NewRequest(http.MethodPost, s.SOAPTLSURL(), &b)
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		req.Header.Set("SOAPAction", `""`)
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "JSESSIONID", Value: cookie})
		}
		hc := &http.Client{Transport: &http.Transport{TLSClientConfig: s.ClientTLSConfig()}}
		defer hc.CloseIdleConnections()
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		for _, c := range resp.Cookies() {
			if c.Name == "JSESSIONID" {
				return c.Value + "|" + string(body)
			}
		}
		return "|" + string(body)
	}
	login := post(document("soap", cmd("LoginRequest22V5", "<userId>"+DefaultUser+"</userId><password>"+DefaultPassword+"</password>")), "")
	cookie, body, _ := strings.Cut(login, "|")
	if cookie == "" || !strings.Contains(body, "LoginResponse22V5") {
		t.Fatalf("login: %s", login)
	}
	list := document("soap", cmd("GroupCallCenterGetInstanceListRequest", "<serviceProviderId>sp</serviceProviderId><groupId>g</groupId>"))
	if r := post(list, ""); !strings.Contains(r, "[Error 5404]") {
		t.Errorf("without the cookie: %s", r)
	}
	if r := post(list, cookie); !strings.Contains(r, "GroupCallCenterGetInstanceListResponse") || !strings.Contains(r, "&lt;colHeading&gt;Service User Id&lt;/colHeading&gt;") {
		t.Errorf("with the cookie: %s", r)
	}
}

func TestCloseEndsConnections(t *testing.T) {
	s := NewServer()
	c := dial(t, s.TCPAddr(), nil)
	c.nonceLogin("s", DefaultUser, DefaultPassword)
	s.Close() // returns once every connection goroutine has ended
	s.Close()
	if _, err := io.Copy(io.Discard, c.br); err != nil { // nil: the server closed it
		t.Errorf("connection still open after Close: %v", err)
	}
}

// TestCommandDelay: a document waits for the latency plus the command
// delay once per command it carries.
func TestCommandDelay(t *testing.T) {
	s := NewServer(WithLatency(3*time.Millisecond), WithCommandDelay(2*time.Millisecond))
	defer s.Close()
	c := dial(t, s.TCPAddr(), nil)
	c.nonceLogin("s", DefaultUser, DefaultPassword)
	before := s.Stats().Delay
	c.send(document("s", add("a@example.com"), add("b@example.com"), add("c@example.com"), add("d@example.com")))
	if got := s.Stats().Delay - before; got != 3*time.Millisecond+4*2*time.Millisecond {
		t.Errorf("a document of 4 commands: %v", got)
	}
	s.SetCommandDelay(5 * time.Millisecond)
	before = s.Stats().Delay
	c.send(document("s", add("e@example.com")))
	if got := s.Stats().Delay - before; got != 8*time.Millisecond {
		t.Errorf("a document of 1 command: %v", got)
	}
}
