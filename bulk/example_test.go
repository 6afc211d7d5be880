package bulk_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// A dry run parses, defaults and validates every row and builds its OCI-P
// command without connecting: mistakes show up before anything is sent.
// Here the second row gives a Basic call center a Standard-only option.
func ExampleCreateFromCSV() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	defer client.Close()

	sheet := strings.NewReader(`operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.password,type,policy,enableReporting
call.center.create,MyServiceProvider,SupportGroup,support@company.com,Support,password456,Standard,Circular,true
call.center.create,MyServiceProvider,SalesGroup,sales@company.com,Sales,password123,Basic,Circular,true
`)
	results, err := bulk.CreateFromCSV(context.Background(), client, sheet, bulk.DryRun())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range results {
		fmt.Println(r.Index, r.Data.ServiceUserID, r.Status, r.Err)
	}
	fmt.Println("connections opened:", srv.Stats().Connections)
	// Output:
	// 0 support@company.com validated <nil>
	// 1 sales@company.com invalid row 1 (line 3): invalid call center: enableReporting: is not available for Basic call centers (Standard and Premium only)
	// connections opened: 0
}

// Create call centers given as data, four at a time; results come back in
// input order.
func ExampleCreateFromData() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(4))
	defer client.Close()

	var data []callcenter.CallCenter
	for _, id := range []string{"a@company.com", "b@company.com", "a@company.com"} {
		data = append(data, callcenter.CallCenter{
			ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup", ServiceUserID: id,
			Profile: callcenter.Profile{Name: "Sales " + id, Password: "password123"},
			Type:    callcenter.Basic, Policy: callcenter.Circular,
		})
	}
	results, err := bulk.CreateFromData(context.Background(), client, data, bulk.Concurrency(4))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range results {
		fmt.Println(r.Index, r.Data.ServiceUserID, r.Success, r.Status, r.Err)
	}
	fmt.Println("stored:", len(srv.CallCenters()))
	// Output:
	// 0 a@company.com true created <nil>
	// 1 b@company.com true created <nil>
	// 2 a@company.com false invalid row 2, column serviceUserId: duplicate service user id in this input: "a@company.com" is in an earlier row too
	// stored: 2
}

// StreamCSV yields each result as soon as it and every earlier row are
// done, so a huge sheet runs in flat memory.
func ExampleStreamCSV() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(2))
	defer client.Close()

	sheet := strings.NewReader(`serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.password,type,policy
MyServiceProvider,SalesGroup,one@company.com,One,password123,Basic,Circular
MyServiceProvider,SalesGroup,two@company.com,Two,password123,Basic,Uniform
MyServiceProvider,SalesGroup,three@company.com,Three,,Basic,Circular
`)
	for r, err := range bulk.StreamCSV(context.Background(), client, sheet, bulk.Concurrency(2)) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(r.Index, r.Data.ServiceUserID, r.Status)
	}
	// Output:
	// 0 one@company.com created
	// 1 two@company.com created
	// 2 three@company.com invalid
}
