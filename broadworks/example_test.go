package broadworks_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// Create, read and list call centers over OCI-P/TLS, here against the
// in-process test server. Against a real server:
//
//	client := broadworks.NewClient("as.example.com", user, password)
func Example() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	defer client.Close()
	ctx := context.Background()

	support := callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "SupportGroup",
		ServiceUserID:     "support-center@company.com",
		Profile:           callcenter.Profile{Name: "Support Call Center", Password: "password456", HiraganaLastName: "サポート"},
		Type:              callcenter.Standard,
		Policy:            "Similtaneous", // the document's spelling; sent as "Simultaneous"
		EnableReporting:   new(true),
		WrapUpSeconds:     new(30),
	}
	if err := client.AddCallCenter(ctx, support); err != nil {
		fmt.Println("add:", err)
		return
	}
	cc, err := client.GetCallCenter(ctx, "support-center@company.com")
	if err != nil {
		fmt.Println("get:", err)
		return
	}
	fmt.Println(cc.Profile.Name, cc.Profile.HiraganaLastName, cc.Type, cc.Policy, *cc.WrapUpSeconds, *cc.QueueLength)

	list, err := client.ListCallCenters(ctx, "MyServiceProvider", "SupportGroup")
	if err != nil {
		fmt.Println("list:", err)
		return
	}
	for _, s := range list {
		fmt.Println(s.ServiceUserID, s.Type, s.Policy)
	}

	// The server refuses a second call center with the same id.
	var e *broadworks.Error
	if err := client.AddCallCenter(ctx, support); errors.As(err, &e) {
		fmt.Println(e.Code, e.Summary)
	}
	// A Basic call center with a Standard option is refused before sending.
	basic := support
	basic.ServiceUserID, basic.Type = "basic@company.com", callcenter.Basic
	fmt.Println(client.AddCallCenter(ctx, basic))
	// Output:
	// Support Call Center サポート Standard Simultaneous 30 3
	// support-center@company.com Standard Simultaneous
	// 4200 [Error 4200] User already exists: support-center@company.com
	// invalid call center: enableReporting: is not available for Basic call centers (Standard and Premium only); wrapUpSeconds: is not available for Basic call centers (Standard and Premium only)
}

// Up to 15 commands travel in one document; each gets its own answer.
func ExampleClient_Do() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := broadworks.NewClient(srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTransport(broadworks.TCP))
	defer client.Close()

	var cmds []broadworks.Command
	for _, id := range []string{"a@example.com", "b@example.com", "a@example.com"} {
		add, err := broadworks.NewAddRequest(callcenter.CallCenter{
			ServiceProviderID: "sp", GroupID: "group", ServiceUserID: id,
			Profile: callcenter.Profile{Password: "s3cret!"},
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		cmds = append(cmds, add)
	}
	cmds = append(cmds, &broadworks.GroupCallCenterGetInstanceListRequest{ServiceProviderID: "sp", GroupID: "group"})
	resps, err := client.Do(context.Background(), cmds...)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range resps {
		switch r := r.(type) {
		case *broadworks.Error:
			fmt.Println("refused:", r.Summary)
		case *broadworks.GroupCallCenterGetInstanceListResponse:
			fmt.Println("rows:", len(r.CallCenterTable.Rows))
		default:
			fmt.Println(r.OCIType())
		}
	}
	// Output:
	// SuccessResponse
	// SuccessResponse
	// refused: [Error 4200] User already exists: a@example.com
	// rows: 2
}
