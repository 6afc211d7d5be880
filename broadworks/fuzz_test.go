package broadworks

import (
	"bufio"
	"bytes"
	"testing"
)

// FuzzDecodeResponse feeds arbitrary bytes to every decoder of server
// answers: none may panic, and whatever decodes must be usable.
func FuzzDecodeResponse(f *testing.F) {
	f.Add([]byte(latin1Get))
	f.Add([]byte(doc(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`)))
	f.Add([]byte(doc(`<command type="Error" xsi:type="c:ErrorResponse" xmlns:c="C"><errorCode>4008</errorCode><summary>[Error 4008] User not found</summary><summaryEnglish>x</summaryEnglish><detail>d</detail></command>`)))
	f.Add([]byte(doc(`<command xsi:type="GroupCallCenterGetInstanceListResponse"><callCenterTable><colHeading>Service User Id</colHeading><colHeading>Video</colHeading><row><col>a@b</col><col>true</col></row><row/></callCenterTable></command>`)))
	f.Add([]byte(doc(`<command xsi:type="AuthenticationResponse"><userId>u</userId><nonce>1</nonce><passwordAlgorithm>MD5</passwordAlgorithm></command><command xsi:type="x:Unknown"><a/></command>`)))
	f.Add([]byte(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><processOCIMessageResponse><processOCIMessageReturn>&lt;BroadsoftDocument/&gt;</processOCIMessageReturn></processOCIMessageResponse></soapenv:Body></soapenv:Envelope>`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"latin1\"?><BroadsoftDocument><command xsi:type=\"GroupCallCenterGetInstanceResponse22\"><queueLength>\xff</queueLength></command></BroadsoftDocument>"))
	f.Add([]byte(""))
	f.Add([]byte("</BroadsoftDocument>"))
	cmds := []Command{&GroupCallCenterGetInstanceRequest22{}, &GroupCallCenterAddInstanceRequest22{}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, textual := range []bool{false, true} {
			resps, err := decodeDocument(data, textual, cmds)
			if err != nil {
				continue
			}
			for _, r := range resps {
				if r == nil {
					t.Fatal("nil response without error")
				}
				_ = r.OCIType()
				switch r := r.(type) {
				case *GroupCallCenterGetInstanceResponse22:
					_ = r.CallCenter()
				case *GroupCallCenterGetInstanceListResponse:
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
