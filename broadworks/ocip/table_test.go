package ocip

import "testing"

// TestTableReadersNeedKeyColumn holds each table reader to its documented
// contract: a table without its key column is an error that names the
// table, the column and the columns it has; otherwise every row is read.
func TestTableReadersNeedKeyColumn(t *testing.T) {
	noKey := Table{Headings: []string{"Name"}, Rows: []TableRow{{Cols: []string{"x"}}}}
	cases := []struct {
		name string
		read func(Table) (int, error)
		want string
	}{
		{"agents", func(tb Table) (int, error) {
			rows, err := (&GroupCallCenterGetAgentPagedSortedListResponse{AgentTable: tb}).Agents()
			return len(rows), err
		}, `broadworks: agentTable has no "User Id" column (columns: ["Name"])`},
		{"supervisors", func(tb Table) (int, error) {
			rows, err := (&GroupCallCenterGetSupervisorListResponse16{SupervisorTable: tb}).Supervisors()
			return len(rows), err
		}, `broadworks: supervisorTable has no "User Id" column (columns: ["Name"])`},
		{"groups", func(tb Table) (int, error) {
			rows, err := (&GroupGetListInServiceProviderPagedSortedListResponse{GroupTable: tb}).Summaries()
			return len(rows), err
		}, `broadworks: groupTable has no "Group Id" column (columns: ["Name"])`},
		{"call centers", func(tb Table) (int, error) {
			rows, err := (&GroupCallCenterGetInstanceListResponse{CallCenterTable: tb}).Summaries()
			return len(rows), err
		}, `broadworks: callCenterTable has no "Service User Id" column (columns: ["Name"])`},
	}
	keys := map[string]string{"agents": "User Id", "supervisors": "User Id", "groups": "Group Id", "call centers": "Service User Id"}
	for _, c := range cases {
		n, err := c.read(noKey)
		if err == nil || err.Error() != c.want || n != 0 {
			t.Errorf("%s without its key column: %d rows, error %v; want %s", c.name, n, err, c.want)
		}
		withKey := Table{Headings: []string{keys[c.name]}, Rows: []TableRow{{Cols: []string{"a"}}, {Cols: []string{"b"}}}}
		if n, err := c.read(withKey); err != nil || n != 2 {
			t.Errorf("%s with its key column: %d rows, error %v; want 2 rows", c.name, n, err)
		}
	}
}
