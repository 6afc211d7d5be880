package bulk_test

import (
	"bytes"
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
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		fmt.Println(err)
		return
	}
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
		fmt.Println(r.Index, r.Data().ServiceUserID, r.Status, r.Err)
	}
	fmt.Println("connections opened:", srv.Stats().Connections)
	// Output:
	// 0 support@company.com validated <nil>
	// 1 sales@company.com invalid row 1 (line 3): callcenter: invalid call center: enableReporting: is not available for Basic call centers (Standard and Premium only)
	// connections opened: 0
}

// Create call centers given as data, four at a time; results come back in
// input order.
func ExampleCreateFromData() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(4))
	if err != nil {
		fmt.Println(err)
		return
	}
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
		fmt.Println(r.Index, r.Data().ServiceUserID, r.Success, r.Status, r.Err)
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
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(2))
	if err != nil {
		fmt.Println(err)
		return
	}
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
		fmt.Println(r.Index, r.Data().ServiceUserID, r.Status)
	}
	// Output:
	// 0 one@company.com created
	// 1 two@company.com created
	// 2 three@company.com invalid
}

// Check a sheet with a dry run first, keeping its results; then create,
// resuming from them. A dry run's rows are not done, so the real run sends
// them; a rerun with the real run's results sends nothing more.
func ExampleResume() {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client, err := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	const sheet = `serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.password,type,policy
MyServiceProvider,SalesGroup,one@company.com,One,password123,Basic,Circular
MyServiceProvider,SalesGroup,two@company.com,Two,password123,Basic,Uniform
`
	ctx := context.Background()
	var checked, created bytes.Buffer
	if _, err := bulk.CreateFromCSV(ctx, client, strings.NewReader(sheet), bulk.DryRun(), bulk.ResultsTo(&checked)); err != nil {
		fmt.Println(err)
		return
	}
	for _, prev := range []*bytes.Buffer{&checked, &created} {
		results, err := bulk.CreateFromCSV(ctx, client, strings.NewReader(sheet), bulk.Resume(bytes.NewReader(prev.Bytes())), bulk.ResultsTo(&created))
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range results {
			fmt.Println(r.Index, r.Data().ServiceUserID, r.Status)
		}
	}
	fmt.Println("creates sent:", srv.CommandCount("GroupCallCenterAddInstanceRequest22"))
	// Output:
	// 0 one@company.com created
	// 1 two@company.com created
	// 0 one@company.com done
	// 1 two@company.com done
	// creates sent: 2
}

// Apply a sheet as the desired state: see the plan, then apply it. Only the
// changed fields are sent; an equal call center is left alone.
func ExampleApplyFromCSV() {
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
	first := `serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.password,type,policy,queueLength
MyServiceProvider,SalesGroup,one@company.com,One,password123,Basic,Circular,10
MyServiceProvider,SalesGroup,two@company.com,Two,password123,Basic,Circular,10
`
	if _, err := bulk.ApplyFromCSV(ctx, client, strings.NewReader(first)); err != nil {
		fmt.Println(err)
		return
	}
	// Next day: one queue is longer, a call center is added; the
	// passwords are left empty (kept).
	next := `serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.password,type,policy,queueLength
MyServiceProvider,SalesGroup,one@company.com,One,,Basic,Circular,25
MyServiceProvider,SalesGroup,two@company.com,Two,,Basic,Circular,10
MyServiceProvider,SalesGroup,three@company.com,Three,password123,Basic,Circular,10
`
	for _, opts := range [][]bulk.Option{{bulk.PlanOnly()}, nil} {
		results, err := bulk.ApplyFromCSV(ctx, client, strings.NewReader(next), opts...)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range results {
			fmt.Println(r.Index, r.Data().ServiceUserID, r.Status, r.Planned, r.Differences)
		}
	}
	// Output:
	// 0 one@company.com modified true [queueLength: want "25", stored "10"]
	// 1 two@company.com unchanged true []
	// 2 three@company.com created true []
	// 0 one@company.com modified false [queueLength: want "25", stored "10"]
	// 1 two@company.com unchanged false []
	// 2 three@company.com created false []
}

// Export a group as a sheet; applying it unchanged sends nothing.
func ExampleExportCSV() {
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
	sheet := `serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.password,type,policy
MyServiceProvider,SalesGroup,one@company.com,One,password123,Basic,Circular
`
	if _, err := bulk.CreateFromCSV(ctx, client, strings.NewReader(sheet)); err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	n, err := bulk.ExportCSV(ctx, client, &out, "MyServiceProvider", "SalesGroup")
	if err != nil {
		fmt.Println(err)
		return
	}
	header, _, _ := strings.Cut(out.String(), "\n")
	fmt.Println(n, "exported; columns:", strings.Count(header, ",")+1, "password column:", strings.Contains(header, "password"))
	results, err := bulk.ApplyFromCSV(ctx, client, &out)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(results[0].Data().ServiceUserID, results[0].Status)
	// Output:
	// 1 exported; columns: 42 password column: false
	// one@company.com unchanged
}
