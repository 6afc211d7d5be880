package broadworks_test

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/ccsdk/callcenter-go/broadworks"
)

const soapEndpoint = "https://as.example.com/webservice/services/ProvisioningService"

// soapArg returns the OCI-P document carried by a processOCIMessage request.
func soapArg(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Body struct {
			Call struct {
				XMLName xml.Name
				Arg     string `xml:"in0"`
			} `xml:"processOCIMessage"`
		} `xml:"Body"`
	}
	if err := xml.Unmarshal(body, &e); err != nil {
		t.Fatalf("request body: %v\n%s", err, body)
	}
	if e.Body.Call.XMLName.Space != "urn:com:broadsoft:webservice" {
		t.Errorf("processOCIMessage namespace %q", e.Body.Call.XMLName.Space)
	}
	return e.Body.Call.Arg
}

func soapAnswer(doc string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><processOCIMessageResponse xmlns=""><ns1:processOCIMessageReturn xmlns:ns1="urn:com:broadsoft:webservice">`)
	_ = xml.EscapeText(&b, []byte(doc))
	b.WriteString(`</ns1:processOCIMessageReturn></processOCIMessageResponse></soapenv:Body></soapenv:Envelope>`)
	return b.String()
}

var sessionRe = regexp.MustCompile(`<sessionId xmlns="">([^<]+)</sessionId>`)

// TestSOAPRequestShape checks the HTTP requests of the SOAP transport:
// method, URL built from the host, headers, exact body, and the session
// cookie kept between calls.
func TestSOAPRequestShape(t *testing.T) {
	mt := httpmock.NewMockTransport()
	var docs []string
	mt.RegisterResponder(http.MethodPost, soapEndpoint, func(req *http.Request) (*http.Response, error) {
		if ct := req.Header.Get("Content-Type"); ct != "text/xml; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if sa := req.Header.Values("SOAPAction"); len(sa) != 1 || sa[0] != `""` {
			t.Errorf("SOAPAction %q", sa)
		}
		body, _ := io.ReadAll(req.Body)
		doc := soapArg(t, body)
		docs = append(docs, doc)
		sid := sessionRe.FindStringSubmatch(doc)
		if sid == nil {
			t.Fatalf("no session id in %s", doc)
		}
		head := `<?xml version="1.0" encoding="ISO-8859-1"?><BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">` + sid[1] + `</sessionId>`
		switch {
		case strings.Contains(doc, `xsi:type="LoginRequest22V5"`):
			resp := httpmock.NewStringResponse(200, soapAnswer(head+`<command echo="" xsi:type="LoginResponse22V5" xmlns=""><loginType>System</loginType><locale>en_US</locale><encoding>ISO-8859-1</encoding><isEnterprise>false</isEnterprise><userDomain>example.com</userDomain></command></BroadsoftDocument>`))
			resp.Header.Set("Set-Cookie", "JSESSIONID=abc123; Path=/; Secure; HttpOnly")
			return resp, nil
		case strings.Contains(doc, `xsi:type="GroupCallCenterDeleteInstanceRequest"`):
			if c, err := req.Cookie("JSESSIONID"); err != nil || c.Value != "abc123" {
				t.Errorf("session cookie not sent: %v", req.Header)
			}
			return httpmock.NewStringResponse(200, soapAnswer(head+`<command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>[Error 4008] User not found: cc&amp;1@example.com</summary><summaryEnglish>[Error 4008] User not found: cc&amp;1@example.com</summaryEnglish></command></BroadsoftDocument>`)), nil
		case strings.Contains(doc, `xsi:type="LogoutRequest"`):
			return httpmock.NewStringResponse(200, soapAnswer(head+`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/></BroadsoftDocument>`)), nil
		}
		return httpmock.NewStringResponse(500, `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>unexpected</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`), nil
	})
	c := mustClient(t, "as.example.com", "admin@example.com", "s3cret<pw>", broadworks.WithTransport(broadworks.SOAP),
		broadworks.WithHTTPClient(&http.Client{Transport: mt}))
	err := c.DeleteCallCenter(context.Background(), "cc&1@example.com")
	var e *broadworks.Error
	if !errors.As(err, &e) || e.Code != 4008 || e.Summary != "[Error 4008] User not found: cc&1@example.com" {
		t.Fatalf("delete: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("%d requests", len(docs))
	}
	sid := sessionRe.FindStringSubmatch(docs[0])[1]
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(sid) {
		t.Errorf("session id %q is not a UUID", sid)
	}
	head := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<BroadsoftDocument protocol=\"OCI\" xmlns=\"C\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><sessionId xmlns=\"\">" + sid + "</sessionId>"
	want := []string{
		head + `<command xsi:type="LoginRequest22V5" xmlns=""><userId>admin@example.com</userId><password>s3cret&lt;pw&gt;</password></command></BroadsoftDocument>` + "\n",
		head + `<command xsi:type="GroupCallCenterDeleteInstanceRequest" xmlns=""><serviceUserId>cc&amp;1@example.com</serviceUserId></command></BroadsoftDocument>` + "\n",
		head + `<command xsi:type="LogoutRequest" xmlns=""><userId>admin@example.com</userId></command></BroadsoftDocument>` + "\n",
	}
	for i := range want {
		if docs[i] != want[i] {
			t.Errorf("request %d:\n%s\nwant:\n%s", i, docs[i], want[i])
		}
	}
}

// TestSOAPFault: an HTTP 500 SOAP fault is an error naming the fault; for
// an add it leaves the outcome unknown (a gateway may have passed it on).
func TestSOAPFault(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, soapEndpoint, func(req *http.Request) (*http.Response, error) {
		body, _ := io.ReadAll(req.Body)
		doc := soapArg(t, body)
		if strings.Contains(doc, "LoginRequest22V5") {
			sid := sessionRe.FindStringSubmatch(doc)[1]
			return httpmock.NewStringResponse(200, soapAnswer(`<BroadsoftDocument protocol="OCI" xmlns="C"><sessionId xmlns="">`+sid+`</sessionId><command xsi:type="LoginResponse22V5" xmlns="" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><loginType>System</loginType></command></BroadsoftDocument>`)), nil
		}
		return httpmock.NewStringResponse(500, `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>java.lang.NullPointerException</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`), nil
	})
	c := mustClient(t, "as.example.com", "admin", "pw", broadworks.WithTransport(broadworks.SOAP),
		broadworks.WithHTTPClient(&http.Client{Transport: mt}), broadworks.WithRetry(-1, 0, 0))
	defer c.Close()
	err := c.AddCallCenter(context.Background(), basic("a@example.com"))
	var he *broadworks.Error
	if !errors.Is(err, broadworks.ErrOutcomeUnknown) || !errors.As(err, &he) || he.StatusCode != 500 ||
		he.FaultCode != "soapenv:Server.userException" || he.Summary != "java.lang.NullPointerException" ||
		he.Method != http.MethodPost || he.Path == "" || he.Command != "GroupCallCenterAddInstanceRequest22" {
		t.Errorf("err = %v (%+v)", err, he)
	}
}

// TestSOAPErrorQuotingRequest: a server error that quotes the request back
// (escaped, cut anywhere) must not show the call center's password.
func TestSOAPErrorQuotingRequest(t *testing.T) {
	const secret = "TopSecretCCpw9"
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, soapEndpoint, func(req *http.Request) (*http.Response, error) {
		body, _ := io.ReadAll(req.Body)
		doc := soapArg(t, body)
		if strings.Contains(doc, "LoginRequest22V5") {
			sid := sessionRe.FindStringSubmatch(doc)[1]
			return httpmock.NewStringResponse(200, soapAnswer(`<BroadsoftDocument protocol="OCI" xmlns="C"><sessionId xmlns="">`+sid+`</sessionId><command xsi:type="LoginResponse22V5" xmlns="" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><loginType>System</loginType></command></BroadsoftDocument>`)), nil
		}
		// Quote the raw envelope from just before the password, cut short.
		raw := string(body)
		i := strings.Index(raw, secret)
		return httpmock.NewStringResponse(500, "bad request near: "+raw[max(0, i-20):i+len(secret)-3]+" ... "+raw[i:]), nil
	})
	c := mustClient(t, "as.example.com", "admin", "login-pw", broadworks.WithTransport(broadworks.SOAP),
		broadworks.WithHTTPClient(&http.Client{Transport: mt}), broadworks.WithRetry(-1, 0, 0))
	defer c.Close()
	cc := basic("a@example.com")
	cc.Profile.Password = secret
	err := c.AddCallCenter(context.Background(), cc)
	if err == nil || !errors.Is(err, broadworks.ErrOutcomeUnknown) {
		t.Fatalf("err = %v", err)
	}
	if s := err.Error(); strings.Contains(s, secret) || strings.Contains(s, secret[:len(secret)-3]) {
		t.Errorf("the password shows in the error: %s", s)
	}
}
