package bulk_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

// TestEndToEndBroadWorks runs a sheet through a real *broadworks.Client
// against the OCI-P fake and checks that the fake holds exactly the rows
// reported created.
func TestEndToEndBroadWorks(t *testing.T) {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(4)))
	defer client.Close()

	in := sheet(30) + "call.center.create,SP,G1,cc3@example.com,pw,Basic,Circular\n" // a duplicate row
	res, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(in), bulk.Concurrency(4))
	if err != nil || len(res) != 31 {
		t.Fatalf("%v, %d results", err, len(res))
	}
	created := map[string]bool{}
	for _, r := range res {
		if r.Success {
			created[strings.ToLower(r.Data().ServiceUserID)] = true
		}
	}
	if len(created) != 30 || res[30].Success {
		t.Fatalf("created %d, duplicate row %+v", len(created), res[30])
	}
	stored := srv.CallCenters()
	if len(stored) != 30 {
		t.Fatalf("server holds %d", len(stored))
	}
	for _, cc := range stored {
		if !created[strings.ToLower(cc.ServiceUserID)] {
			t.Errorf("server holds %s, not reported created", cc.ServiceUserID)
		}
	}
}

// BenchmarkEndToEnd measures creates per second through bulk, the OCI-P
// client and the fake over TLS on loopback, with a 2 ms simulated server
// delay per command, at concurrency 1 and 8 (with as many sessions), one
// command per document (Batch(1): the figures of BENCHMARKS.md predate
// batching by default; BenchmarkBatchedCreate measures the default).
func BenchmarkEndToEnd(b *testing.B) {
	const rows = 200
	for _, conc := range []int{1, 8} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				srv := broadworkstest.NewServer(broadworkstest.WithCommandDelay(2 * time.Millisecond))
				client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
					broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(conc)))
				b.StartTimer()
				res, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(rows)), bulk.Concurrency(conc), bulk.Batch(1))
				b.StopTimer()
				if err != nil || len(res) != rows || len(srv.CallCenters()) != rows {
					b.Fatalf("%v: %d results, %d stored", err, len(res), len(srv.CallCenters()))
				}
				client.Close()
				srv.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "creates/s")
		})
	}
}

// TestEndToEndBatch sends the rows 15 to an OCI-P document.
func TestEndToEndBatch(t *testing.T) {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(2)))
	defer client.Close()
	res, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(40)), bulk.Concurrency(2), bulk.Batch(15))
	if err != nil || len(res) != 40 {
		t.Fatalf("%v, %d results", err, len(res))
	}
	for i, r := range res {
		if r.Index != i || !r.Success || r.Status != bulk.StatusCreated {
			t.Errorf("row %d: %s %v", i, r.Status, r.Err)
		}
	}
	st := srv.Stats()
	if len(srv.CallCenters()) != 40 || srv.CommandCount("GroupCallCenterAddInstanceRequest22") != 40 {
		t.Errorf("stored %d, adds %d", len(srv.CallCenters()), srv.CommandCount("GroupCallCenterAddInstanceRequest22"))
	}
	// 40 rows in batches of at most 15: at most 4 documents of adds, plus
	// the login documents.
	if st.Documents > 4+2*3 {
		t.Errorf("%d documents for 40 rows in batches of 15: %+v", st.Documents, st)
	}
}

// BenchmarkEndToEndBatch measures creates per second through bulk when the
// server's delay is per document (a round trip), as on a real network: one
// command per document against 15, at concurrency 1 and 4.
func BenchmarkEndToEndBatch(b *testing.B) {
	const rows = 300
	for _, tc := range []struct{ conc, batch int }{{1, 1}, {1, 15}, {4, 1}, {4, 15}} {
		b.Run(fmt.Sprintf("concurrency=%d/batch=%d", tc.conc, tc.batch), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				srv := broadworkstest.NewServer(broadworkstest.WithLatency(2 * time.Millisecond))
				client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
					broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(tc.conc)))
				b.StartTimer()
				res, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(rows)),
					bulk.Concurrency(tc.conc), bulk.Batch(tc.batch))
				b.StopTimer()
				if err != nil || len(res) != rows || len(srv.CallCenters()) != rows {
					b.Fatalf("%v: %d results, %d stored", err, len(res), len(srv.CallCenters()))
				}
				client.Close()
				srv.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "creates/s")
		})
	}
}
