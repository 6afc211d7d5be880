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

// A server with a skill-based call center whose agents have tuned levels,
// for the examples.
func staffedExample() (*broadworkstest.Server, *broadworks.Client) {
	srv := broadworkstest.NewServer(broadworkstest.WithGroupUsers("SP", "Sales",
		"ana@company.com", "ben@company.com", "chloe@company.com", "eve@company.com"))
	client, _ := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()))
	ctx := context.Background()
	_ = client.AddCallCenter(ctx, callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "Sales", ServiceUserID: "sales@company.com",
		Profile: callcenter.Profile{Name: "Sales", Password: "password789"}, Type: callcenter.Premium, RoutingType: callcenter.SkillBased})
	_ = client.AddAgents(ctx, "sales@company.com", callcenter.Agent{UserID: "ana@company.com", SkillLevel: 2},
		callcenter.Agent{UserID: "ben@company.com", SkillLevel: 5}, callcenter.Agent{UserID: "chloe@company.com", SkillLevel: 9})
	return srv, client
}

// mercury-ocip's agent sheet, as it is: no skill columns. One agent is
// added and one removed; the agents kept keep their skill levels.
func ExampleModifyAgentsFromCSV() {
	srv, client := staffedExample()
	defer srv.Close()
	defer client.Close()
	sheet := "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],agentUserIdList.userId[2]\n" +
		"call.center.update.agent.list,sales@company.com,ana@company.com,chloe@company.com,eve@company.com\n"
	results, err := bulk.ModifyAgentsFromCSV(context.Background(), client, strings.NewReader(sheet))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range results {
		fmt.Println(r.Index, r.Status)
		for _, d := range r.Differences {
			fmt.Println(" ", d)
		}
		st, _ := r.Staffing()
		for _, a := range st.Agents {
			fmt.Println(" ", a.UserID, a.SkillLevel)
		}
	}
	// Output:
	// 0 modified
	//   agentUserIdList: remove "ben@company.com"
	//   agentUserIdList: add "eve@company.com" at skill level 1 (the default)
	//   ana@company.com 2
	//   chloe@company.com 9
	//   eve@company.com 1
}

// Export a group's staffing as an agent sheet; applied unchanged, it
// writes nothing.
func ExampleExportAgentsCSV() {
	srv, client := staffedExample()
	defer srv.Close()
	defer client.Close()
	ctx := context.Background()
	var sheet strings.Builder
	n, err := bulk.ExportAgentsCSV(ctx, client, &sheet, "SP", "Sales")
	if err != nil {
		fmt.Println(err)
		return
	}
	header, row, _ := strings.Cut(sheet.String(), "\n")
	fmt.Println(n, strings.Count(header, "agentUserIdList.userId"), strings.Count(header, "skillLevel"))
	fmt.Print(strings.TrimRight(row, ",\n"), "\n")
	results, _ := bulk.ModifyAgentsFromCSV(ctx, client, strings.NewReader(sheet.String()))
	fmt.Println(results[0].Status)
	// Output:
	// 1 8 8
	// call.center.update.agent.list,sales@company.com,ana@company.com,ben@company.com,chloe@company.com,,,,,,2,5,9
	// unchanged
}
