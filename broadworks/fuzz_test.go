package broadworks

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
)

// FuzzDecodeResponse feeds arbitrary bytes to every decoder of server
// answers: none may panic, and whatever decodes must be usable.
func FuzzDecodeResponse(f *testing.F) {
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + `<BroadsoftDocument protocol="OCI" xmlns="C"><sessionId xmlns="">s</sessionId>` +
		"<command xsi:type=\"GroupCallCenterGetInstanceResponse22\" xmlns=\"\"><serviceInstanceProfile><name>Caf\xe9</name></serviceInstanceProfile><type>Standard</type><policy>Weighted</policy></command></BroadsoftDocument>"))
	f.Add([]byte(doc(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`)))
	f.Add([]byte(doc(`<command type="Error" xsi:type="c:ErrorResponse" xmlns:c="C"><errorCode>4008</errorCode><summary>[Error 4008] User not found</summary><summaryEnglish>x</summaryEnglish><detail>d</detail></command>`)))
	f.Add([]byte(doc(`<command xsi:type="GroupCallCenterGetInstanceListResponse"><callCenterTable><colHeading>Service User Id</colHeading><colHeading>Video</colHeading><row><col>a@b</col><col>true</col></row><row/></callCenterTable></command>`)))
	f.Add([]byte(doc(`<command xsi:type="AuthenticationResponse"><userId>u</userId><nonce>1</nonce><passwordAlgorithm>MD5</passwordAlgorithm></command><command xsi:type="x:Unknown"><a/></command>`)))
	f.Add([]byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><processOCIMessageResponse><processOCIMessageReturn>&lt;BroadsoftDocument/&gt;</processOCIMessageReturn></processOCIMessageResponse></soapenv:Body></soapenv:Envelope>`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"latin1\"?><BroadsoftDocument><command xsi:type=\"GroupCallCenterGetInstanceResponse22\"><queueLength>\xff</queueLength></command></BroadsoftDocument>"))
	f.Add([]byte(""))
	f.Add([]byte("</BroadsoftDocument>"))
	cmds := []Command{&ocip.GroupCallCenterGetInstanceRequest22{}, &ocip.GroupCallCenterAddInstanceRequest22{}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, textual := range []bool{false, true} {
			_, resps, err := decodeAnswer(data, textual, cmds)
			if err != nil {
				continue
			}
			for _, r := range resps {
				if r == nil {
					t.Fatal("nil response without error")
				}
				_ = r.OCIType()
				switch r := r.(type) {
				case *ocip.GroupCallCenterGetInstanceResponse22:
					_ = r.CallCenter()
				case *ocip.GroupCallCenterGetInstanceListResponse:
					_, _ = r.Summaries()
				case *Error:
					_ = r.Error()
					_ = r.sessionLost()
				}
			}
		}
		_, _ = soapReturn(data)
		br := bufio.NewReaderSize(bytes.NewReader(data), 16)
		for range 4 {
			if _, err := readDocument(br, nil, 1<<12); err != nil {
				break
			}
		}
	})
}
