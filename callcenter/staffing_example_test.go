package callcenter_test

import (
	"fmt"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// A wanted agent list compared with a stored one: levels the list does not
// give are kept, new agents get the default level, the others go.
func ExampleDiffStaffing() {
	stored := callcenter.Staffing{ServiceUserID: "sales@company.com", SkillBased: true,
		Agents: []callcenter.Agent{{UserID: "ana@company.com", SkillLevel: 2}, {UserID: "ben@company.com", SkillLevel: 5}}}
	want := callcenter.Staffing{Agents: []callcenter.Agent{{UserID: "ANA@company.com"}, {UserID: "eve@company.com"}}}
	d := callcenter.DiffStaffing(stored, want)
	fmt.Println("add", d.AddAgents, "remove", d.RemoveAgents, "levels", d.SetSkills)
	fmt.Println("after", d.After.Agents)
	// Output:
	// add [{eve@company.com 0}] remove [ben@company.com] levels []
	// after [{ana@company.com 2} {eve@company.com 1}]
}
