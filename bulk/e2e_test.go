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
	client := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(4))
	defer client.Close()

	in := sheet(30) + "call.center.create,SP,G1,cc3@example.com,pw,Basic,Circular\n" // a duplicate row
	res, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(in), bulk.Concurrency(4))
	if err != nil || len(res) != 31 {
		t.Fatalf("%v, %d results", err, len(res))
	}
	created := map[string]bool{}
	for _, r := range res {
		if r.Success {
			created[strings.ToLower(r.Data.ServiceUserID)] = true
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
// delay per command, at concurrency 1 and 8 (with as many sessions).
func BenchmarkEndToEnd(b *testing.B) {
	const rows = 200
	for _, conc := range []int{1, 8} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				srv := broadworkstest.NewServer(broadworkstest.WithCommandDelay(2 * time.Millisecond))
				client := broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
					broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(conc))
				b.StartTimer()
				res, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(rows)), bulk.Concurrency(conc))
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
