package bulk_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
)

// TestPruneRefusalNamesTheLine: a prune cancelled by a row names that row
// as the results and the CLI's table do, by its line in the sheet (line 3
// is the second data row), not by its 0-based index alone: "row 1" beside
// a table whose LINE column says 3 sent the user to the wrong row.
func TestPruneRefusalNamesTheLine(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ name, from, to string }{
		{"a row that cannot be read", "cc1@example.com,pw-1,Basic,Circular", "cc1@example.com,pw-1,Basic,Circular,extra"},
		{"a row with no group", "SP,G1,cc1@example.com", "SP,,cc1@example.com"},
		{"an id that cannot be settled", "cc1@example.com", "cc1@@example.com"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := platforms(t)[0]
			seed(t, p, 4)
			in := strings.Replace(sheet(4), c.from, c.to, 1)
			rs, err := bulk.ApplyFromCSV(ctx, p.client, strings.NewReader(in), bulk.Prune(), bulk.PlanOnly())
			if err != nil {
				t.Fatal(err)
			}
			var cancelled []string
			for _, r := range rs {
				if r.Prune && r.Err != nil {
					cancelled = append(cancelled, r.Err.Error())
				}
			}
			if len(cancelled) == 0 {
				t.Fatalf("no prune cancelled: %v", statuses(rs))
			}
			for _, msg := range cancelled {
				if !strings.Contains(msg, "row 1 (line 3)") {
					t.Errorf("want the row named by its line, row 1 (line 3): %s", msg)
				}
			}
		})
	}
}
