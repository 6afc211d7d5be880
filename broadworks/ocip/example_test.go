package ocip_test

import (
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// AppendCommand writes a command's element as the client sends it, for a
// dry run that proves every row can be written, or to show the wire.
func ExampleAppendCommand() {
	var buf []byte
	for _, id := range []string{"sales@example.com", "support&co@example.com"} {
		var err error
		buf, err = ocip.AppendCommand(buf[:0], &ocip.GroupCallCenterGetInstanceRequest22{ServiceUserID: id})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(string(buf))
	}
	// Output:
	// <command xsi:type="GroupCallCenterGetInstanceRequest22" xmlns=""><serviceUserId>sales@example.com</serviceUserId></command>
	// <command xsi:type="GroupCallCenterGetInstanceRequest22" xmlns=""><serviceUserId>support&amp;co@example.com</serviceUserId></command>
}

// NewAddRequest applies the defaults of the bulk sheet and validates the
// call center, so that nothing invalid is ever sent.
func ExampleNewAddRequest() {
	cc := callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "SalesGroup",
		ServiceUserID:     "sales-center@example.com",
		Profile:           callcenter.Profile{Password: "password123"},
		Type:              callcenter.Basic,
		WrapUpSeconds:     new(30), // a Standard option
	}
	_, err := ocip.NewAddRequest(cc)
	var ve *callcenter.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Errors {
			fmt.Printf("%s: %s\n", fe.Field, fe.Message)
		}
	}
	cc.Type = callcenter.Standard
	req, err := ocip.NewAddRequest(cc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.ServiceInstanceProfile.Name, req.Policy, *req.WrapUpSeconds, req.ServiceInstanceProfile.Password)
	// Output:
	// wrapUpSeconds: is not available for Basic call centers (Standard and Premium only)
	// Default Call Center Name Circular 30 [REDACTED]
}

// NewModifyFieldsRequest changes exactly the fields named, here after a
// comparison with the stored call center; an unset field is cleared.
func ExampleNewModifyFieldsRequest() {
	stored := callcenter.CallCenter{ServiceUserID: "sales@example.com", Profile: callcenter.Profile{Name: "Sales", Extension: "5000"}}
	want := callcenter.CallCenter{ServiceUserID: "sales@example.com", Profile: callcenter.Profile{Name: "Sales Desk"}}
	var fields []string
	for _, d := range callcenter.Diff(want, stored) {
		fields = append(fields, d.Field)
	}
	fields = append(fields, ocip.ClearExtension)
	req, err := ocip.NewModifyFieldsRequest(want, fields...)
	if err != nil {
		fmt.Println(err)
		return
	}
	wire, err := ocip.AppendCommand(nil, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(wire))
	// Output:
	// <command xsi:type="GroupCallCenterModifyInstanceRequest22" xmlns=""><serviceUserId>sales@example.com</serviceUserId><serviceInstanceProfile><name>Sales Desk</name><extension xsi:nil="true"></extension></serviceInstanceProfile></command>
}

// DecodeDocument reads an answer into one Response per command.
func ExampleDecodeDocument() {
	answer := []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>
<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">0f6c1b2e</sessionId>` +
		`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>` +
		`<command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns=""><summary>[Error 4008] User not found: x@example.com</summary></command>` +
		`</BroadsoftDocument>`)
	session, resps, err := ocip.DecodeDocument(answer)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(session)
	for _, r := range resps {
		switch r := r.(type) {
		case *ocip.SuccessResponse:
			fmt.Println("success")
		case *ocip.ErrorResponse:
			fmt.Println(r.Code, r.Summary)
		}
	}
	// Output:
	// 0f6c1b2e
	// success
	// 4008 [Error 4008] User not found: x@example.com
}
