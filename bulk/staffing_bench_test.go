package bulk_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

const (
	benchCenters = 1000
	benchAgents  = 20
	benchLatency = 2 * time.Millisecond
)

// staffBench is a fake of benchCenters skill-based Premium call centers of
// benchAgents agents each (levels 1 to 20), answering each document after
// benchLatency, and a client of 4 sessions.
func staffBench(b *testing.B) (*broadworkstest.Server, *broadworks.Client) {
	b.Helper()
	var users []string
	for i := range benchAgents + 1 {
		users = append(users, fmt.Sprintf("agent%02d@example.com", i))
	}
	srv := broadworkstest.NewServer(broadworkstest.WithGroupUsers("SP", "G1", users...))
	b.Cleanup(srv.Close)
	c := must(broadworks.NewClient(srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTransport(broadworks.TCP), broadworks.WithSessions(4)))
	b.Cleanup(func() { c.Close() })
	ccs := make([]callcenter.CallCenter, benchCenters)
	for i := range ccs {
		ccs[i] = callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: fmt.Sprintf("cc%04d@example.com", i),
			Profile: callcenter.Profile{Password: "pw-123456"}, Type: callcenter.Premium, RoutingType: callcenter.SkillBased, Policy: callcenter.Regular}
	}
	res, err := bulk.CreateFromData(context.Background(), c, ccs, bulk.Batch(15))
	if err != nil {
		b.Fatal(err)
	}
	agents := make([]callcenter.Agent, benchAgents)
	for i := range agents {
		agents[i] = callcenter.Agent{UserID: users[i], SkillLevel: i + 1}
	}
	for _, r := range res {
		if !r.OK() {
			b.Fatal(r.Err)
		}
		if err := c.AddAgents(context.Background(), r.Data().ServiceUserID, agents...); err != nil {
			b.Fatal(err)
		}
	}
	srv.SetLatency(benchLatency)
	return srv, c
}

// staffSheet is mercury's sheet for the bench's call centers: the 20
// agents of each, plus agent20 when extra; with skill, agent00's level
// set to level (and the others' cells empty: kept).
func staffSheet(extra bool, skill int) string {
	var sb strings.Builder
	n := benchAgents
	if extra {
		n++
	}
	sb.WriteString("operation,serviceUserId")
	for i := range n {
		fmt.Fprintf(&sb, ",agentUserIdList.userId[%d]", i)
	}
	if skill > 0 {
		sb.WriteString(",agentUserIdList.skillLevel[0]")
	}
	sb.WriteString("\n")
	for c := range benchCenters {
		fmt.Fprintf(&sb, "%s,cc%04d@example.com", bulk.StaffingOperation, c)
		for i := range n {
			fmt.Fprintf(&sb, ",agent%02d@example.com", i)
		}
		if skill > 0 {
			fmt.Fprintf(&sb, ",%d", skill)
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

// BenchmarkStaffing plans and applies the staffing of 1,000 skill-based
// call centers of 20 agents each against the OCI-P fake at 2 ms a
// document, with 4 sessions and Concurrency 4: a plan (every row read, no
// change); an apply that adds one agent to every call center (mercury's
// columns, no skill column), then removes it again (the runs alternate,
// so each one changes every row); an apply that sets one agent's skill
// level on every call center (the levels alternate); and ExportAgentsCSV
// of the group. Each runs with Batch(1) (one call center a document, as
// before issue 27) and with the default batching. It reports rows/s and
// OCI-P documents per call center.
func BenchmarkStaffing(b *testing.B) {
	for _, c := range []struct {
		name  string
		plan  bool
		sheet func(i int) string // nil: the export
	}{
		{"plan", true, func(int) string { return staffSheet(true, 0) }},
		{"apply/add-or-remove-one", false, func(i int) string { return staffSheet(i%2 == 0, 0) }},
		{"apply/set-one-level", false, func(i int) string { return staffSheet(false, 5+i%2) }},
		{"export", false, nil},
	} {
		for _, batch := range []int{1, bulk.DefaultBatch} {
			b.Run(fmt.Sprintf("%s/batch=%d", c.name, batch), func(b *testing.B) {
				srv, client := staffBench(b)
				var sheets []string
				if c.sheet != nil {
					sheets = []string{c.sheet(0), c.sheet(1)}
				}
				opts := []bulk.Option{bulk.Concurrency(4), bulk.MaxDeletes(benchCenters), bulk.Batch(batch)}
				if c.plan {
					opts = append(opts, bulk.PlanOnly())
				}
				docs := srv.Stats().Documents
				var elapsed time.Duration
				i := 0
				for b.Loop() {
					start := time.Now()
					if sheets == nil {
						n, err := bulk.ExportAgentsCSV(context.Background(), client, io.Discard, "SP", "G1", bulk.Concurrency(4), bulk.Batch(batch))
						elapsed += time.Since(start)
						if err != nil || n != benchCenters {
							b.Fatal(n, err)
						}
						i++
						continue
					}
					res, err := bulk.ModifyAgentsFromCSV(context.Background(), client, strings.NewReader(sheets[i%2]), opts...)
					elapsed += time.Since(start)
					if err != nil {
						b.Fatal(err)
					}
					for _, r := range res {
						if !r.OK() || r.Status != bulk.StatusModified {
							b.Fatalf("row %d: %v %v", r.Index, r.Status, r.Err)
						}
					}
					i++
				}
				rows := float64(benchCenters * i)
				b.ReportMetric(rows/elapsed.Seconds(), "rows/s")
				b.ReportMetric(float64(srv.Stats().Documents-docs)/rows, "docs/cc")
			})
		}
	}
}
