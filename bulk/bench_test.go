package bulk_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

// dryTarget is a real OCI-P client whose commands are built but, in a dry
// run, never sent: nothing listens at its address.
func dryTarget() bulk.Target {
	return must(broadworks.NewClient("127.0.0.1:1", "admin@example.com", "unused"))
}

const benchHeader = "operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.callingLineIdLastName,serviceInstanceProfile.callingLineIdFirstName,serviceInstanceProfile.password,serviceInstanceProfile.alias[0],type,policy,enableReporting,wrapUpSeconds,routingType,forceDeliveryWaitTimeSeconds\n"

// benchRow writes data row i: Basic, Standard and Premium in turn.
func benchRow(b []byte, i int) []byte {
	switch i % 3 {
	case 0:
		return fmt.Appendf(b, "call.center.create,SP,G%d,cc%d@example.com,Sales %d,Sales,Center,pw-%d,a%d@example.com,Basic,Circular,,,,\n", i%50, i, i%1000, i, i)
	case 1:
		return fmt.Appendf(b, "call.center.create,SP,G%d,cc%d@example.com,Support %d,Support,Center,pw-%d,,Standard,Similtaneous,true,30,,\n", i%50, i, i%1000, i)
	}
	return fmt.Appendf(b, "call.center.create,SP,G%d,cc%d@example.com,Premium %d,Premium,Center,pw-%d,,Premium,Weighted Call Distribution,true,30,Skill Based,9\n", i%50, i, i%1000, i)
}

// benchSheet returns a sheet of rows data rows (see benchRow).
func benchSheet(rows int) string {
	var sb strings.Builder
	sb.WriteString(benchHeader)
	var buf []byte
	for i := range rows {
		buf = benchRow(buf[:0], i)
		sb.Write(buf)
	}
	return sb.String()
}

// rowsReader generates a bulk sheet of n rows on the fly, so the input
// itself takes no memory.
type rowsReader struct {
	n, i int
	buf  []byte
}

func newRowsReader(n int) *rowsReader { return &rowsReader{n: n, buf: []byte(benchHeader)} }

func (r *rowsReader) Read(p []byte) (int, error) {
	for len(r.buf) < len(p) && r.i < r.n {
		r.buf = benchRow(r.buf, r.i)
		r.i++
	}
	if len(r.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.buf)
	r.buf = r.buf[:copy(r.buf, r.buf[n:])]
	return n, nil
}

// BenchmarkParseValidateBuild measures the dry-run path: CSV parsing,
// defaults, validation and building the OCI-P add command, with no network.
func BenchmarkParseValidateBuild(b *testing.B) {
	const rows = 10000
	in := benchSheet(rows)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for r, err := range bulk.StreamCSV(context.Background(), dryTarget(), strings.NewReader(in), bulk.DryRun(), bulk.Concurrency(runtime.GOMAXPROCS(0))) {
			if err != nil || !r.Success {
				b.Fatal(err, r.Err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows*b.N), "ns/row")
}

// BenchmarkStreamPeakHeap streams generated sheets of growing size through
// a dry run and reports the peak live heap: it must stay flat as rows grow.
func BenchmarkStreamPeakHeap(b *testing.B) {
	for _, rows := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				runtime.GC()
				stop := sampleHeap(&peak)
				n := 0
				for r, err := range bulk.StreamCSV(context.Background(), dryTarget(), newRowsReader(rows), bulk.DryRun(), bulk.Concurrency(runtime.GOMAXPROCS(0))) {
					if err != nil || !r.Success {
						b.Fatal(err, r.Err)
					}
					n++
				}
				stop()
				if n != rows {
					b.Fatalf("%d rows", n)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// sampleHeap records the largest heap (live and not yet collected objects)
// seen every millisecond until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*peak = max(*peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// BenchmarkDryRunWire is the dry run as issue 18 measures it: every row is
// parsed, defaulted, validated, built and encoded to its OCI-P wire bytes
// (which are then discarded), through the convenience API (CreateFromCSV,
// every result held) and the streaming one (StreamCSV), with the peak heap.
func BenchmarkDryRunWire(b *testing.B) {
	for _, api := range []string{"CreateFromCSV", "StreamCSV"} {
		for _, rows := range []int{10_000, 100_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/rows=%d", api, rows), func(b *testing.B) {
				var peak uint64
				for b.Loop() {
					runtime.GC()
					stop := sampleHeap(&peak)
					n := 0
					opts := []bulk.Option{bulk.DryRun(), bulk.Concurrency(runtime.GOMAXPROCS(0))}
					if api == "CreateFromCSV" {
						results, err := bulk.CreateFromCSV(context.Background(), dryTarget(), newRowsReader(rows), opts...)
						if err != nil {
							b.Fatal(err)
						}
						n = len(results)
						runtime.KeepAlive(results)
					} else {
						for r, err := range bulk.StreamCSV(context.Background(), dryTarget(), newRowsReader(rows), opts...) {
							if err != nil || !r.Success {
								b.Fatal(err, r.Err)
							}
							n++
						}
					}
					stop()
					if n != rows {
						b.Fatalf("%d rows", n)
					}
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				b.ReportMetric(float64(peak)/float64(rows), "peak-B/row")
				b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}

// BenchmarkPlanExisting plans a sheet of 10,000 call centers that all
// exist already (one lookup each, no write) against the OCI-P fake over
// TLS, 4 sessions, concurrency 4.
func BenchmarkPlanExisting(b *testing.B) {
	const rows = 10_000
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(4)))
	defer client.Close()
	in := benchSheet(rows)
	ctx := context.Background()
	if _, err := bulk.CreateFromCSV(ctx, client, strings.NewReader(in), bulk.Concurrency(4), bulk.Batch(15)); err != nil {
		b.Fatal(err)
	}
	adds := srv.CommandCount("GroupCallCenterAddInstanceRequest22")
	b.ResetTimer()
	for b.Loop() {
		results, err := bulk.ApplyFromCSV(ctx, client, strings.NewReader(in), bulk.PlanOnly(), bulk.Concurrency(4))
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range results {
			if r.Status != bulk.StatusUnchanged {
				b.Fatalf("row %d: %s %v", r.Index, r.Status, r.Err)
			}
		}
	}
	b.StopTimer()
	if n := srv.CommandCount("GroupCallCenterAddInstanceRequest22"); n != adds {
		b.Fatalf("planning sent %d creates", n-adds)
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
