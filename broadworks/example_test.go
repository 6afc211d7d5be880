package broadworks_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
)

// Create, read and list call centers over OCI-P/TLS, here against the
// in-process test server. Against a real server:
//
//	client, err := broadworks.NewClient("as.example.com", user, password)
func Example() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	ctx := context.Background()

	support := callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "SupportGroup",
		ServiceUserID:     "support-center@company.com",
		Profile: callcenter.Profile{Name: "Support Call Center", Password: "password456", HiraganaLastName: "サポート",
			Department: callcenter.Department{Name: "Support"}},
		Type:            callcenter.Standard,
		Policy:          "Similtaneous", // the document's spelling; sent as "Simultaneous"
		EnableReporting: new(true),
		WrapUpSeconds:   new(30),
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
	fmt.Println(cc.Profile.Name, cc.Profile.HiraganaLastName, cc.Profile.Department.Name, cc.Profile.Department.Level,
		cc.Type, cc.Policy, *cc.WrapUpSeconds, *cc.QueueLength)

	// The server refuses a second call center with the same id.
	var e *broadworks.Error
	if err := client.AddCallCenter(ctx, support); errors.As(err, &e) {
		fmt.Println(e.Code, e.Summary, errors.Is(err, broadworks.ErrAlreadyExists))
	}
	// A Basic call center with a Standard option is refused before sending.
	basic := support
	basic.ServiceUserID, basic.Type = "basic@company.com", callcenter.Basic
	fmt.Println(client.AddCallCenter(ctx, basic))
	// Output:
	// Support Call Center サポート Support Group Standard Simultaneous 30 3
	// 4200 [Error 4200] User already exists: support-center@company.com true
	// callcenter: invalid call center: enableReporting: is not available for Basic call centers (Standard and Premium only); wrapUpSeconds: is not available for Basic call centers (Standard and Premium only)
}

// ListCallCenters reads a group's call centers a page at a time as the
// loop asks for them; SetActive changes the status of several at once.
func ExampleClient_ListCallCenters() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithPageSize(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	ctx := context.Background()
	for _, id := range []string{"c@example.com", "a@example.com", "b@example.com"} {
		if err := client.AddCallCenter(ctx, callcenter.CallCenter{ServiceProviderID: "sp", GroupID: "group",
			ServiceUserID: id, Profile: callcenter.Profile{Password: "s3cret!"}}); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := client.SetActive(ctx, false, "a@example.com", "c@example.com"); err != nil {
		fmt.Println(err)
		return
	}
	for s, err := range client.ListCallCenters(ctx, "sp", "group") {
		if err != nil {
			fmt.Println("list:", err)
			return
		}
		fmt.Println(s.ServiceUserID, s.Type, "active:", s.IsActive)
	}
	// Output:
	// a@example.com Basic active: false
	// b@example.com Basic active: true
	// c@example.com Basic active: false
}

// An add whose answer is lost may or may not have been carried out: the
// error matches ErrOutcomeUnknown, the client never sends it again, and the
// caller looks the call center up before trying again.
func ExampleErrOutcomeUnknown() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	ctx := context.Background()

	// The server carries the add out, then the connection breaks.
	srv.Inject(fault.Fault{Path: "GroupCallCenterAddInstanceRequest22", Drop: true, AfterHandling: true})
	cc := callcenter.CallCenter{ServiceProviderID: "sp", GroupID: "group", ServiceUserID: "sales@example.com",
		Profile: callcenter.Profile{Password: "s3cret!"}}
	err = client.AddCallCenter(ctx, cc)
	fmt.Println("outcome unknown:", errors.Is(err, broadworks.ErrOutcomeUnknown))
	if errors.Is(err, broadworks.ErrOutcomeUnknown) {
		_, err := client.GetCallCenter(ctx, cc.ServiceUserID)
		fmt.Println("stored:", err == nil)
	}
	// Output:
	// outcome unknown: true
	// stored: true
}

// Up to 15 commands travel in one document; each gets its own answer.
func ExampleClient_Do() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client, err := broadworks.NewClient(srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTransport(broadworks.TCP))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()

	var cmds []broadworks.Command
	for _, id := range []string{"a@example.com", "b@example.com", "a@example.com"} {
		add, err := ocip.NewAddRequest(callcenter.CallCenter{
			ServiceProviderID: "sp", GroupID: "group", ServiceUserID: id,
			Profile: callcenter.Profile{Password: "s3cret!"},
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		cmds = append(cmds, add)
	}
	cmds = append(cmds, &ocip.GroupCallCenterGetInstanceListRequest{ServiceProviderID: "sp", GroupID: "group"})
	resps, err := client.Do(context.Background(), cmds...)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range resps {
		switch r := r.(type) {
		case *broadworks.Error:
			fmt.Println("refused:", r.Summary)
		case *ocip.GroupCallCenterGetInstanceListResponse:
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

// NewClient reports every problem of its arguments at once.
func ExampleNewClient() {
	_, err := broadworks.NewClient("as.example.com:99999", "", "secret")
	fmt.Println(err)
	var ve *broadworks.ValidationError
	fmt.Println(errors.As(err, &ve), len(ve.Errors))
	// Output:
	// broadworks: invalid NewClient arguments: username: is required; host: "as.example.com:99999": bad port
	// true 2
}
