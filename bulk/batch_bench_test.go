package bulk_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

// The benchmarks of issue 27: plan, apply with 10% of the rows changed,
// export and create of a group of 10,000 call centers against the OCI-P
// fake over TLS, with a simulated round trip per document (and, for the
// second figure, a processing delay per command). Each reports rows/s,
// OCI-P documents per row and the fraction of the batched latency bound:
// 15 rows per document × sessions / the time the fake takes for a document
// of 15 (latency + 15 × command delay).
//
// BENCH_ROWS (default 10,000) sets the group's size; BENCH_CASES, when
// set, keeps the cases named by one of its comma-separated words, or under
// one (e.g. "latency=20ms/sessions=4" for both batch sizes).

// batchBenchCase is one configuration of the fake and the client.
type batchBenchCase struct {
	latency, cmdDelay time.Duration
	sessions, batch   int
}

func (c batchBenchCase) String() string {
	s := fmt.Sprintf("latency=%v/sessions=%d/batch=%d", c.latency, c.sessions, c.batch)
	if c.cmdDelay > 0 {
		s = fmt.Sprintf("latency=%v/cmd=%v/sessions=%d/batch=%d", c.latency, c.cmdDelay, c.sessions, c.batch)
	}
	return s
}

// bound is the batched latency bound in rows per second.
func (c batchBenchCase) bound() float64 {
	doc := c.latency + 15*c.cmdDelay
	return 15 * float64(c.sessions) / doc.Seconds()
}

// batchBenchCases are the cases of the issue: 2 ms and 20 ms, 1 and 4
// sessions, batched (the default); the second figure with a command delay.
func batchBenchCases() []batchBenchCase {
	var out []batchBenchCase
	for _, lat := range []time.Duration{2 * time.Millisecond, 20 * time.Millisecond} {
		for _, s := range []int{1, 4} {
			out = append(out, batchBenchCase{latency: lat, sessions: s, batch: bulk.DefaultBatch})
		}
	}
	// The server's own work dominates: 1 ms per command on top of a 2 ms
	// round trip, batched and not.
	for _, batch := range []int{1, bulk.DefaultBatch} {
		out = append(out, batchBenchCase{latency: 2 * time.Millisecond, cmdDelay: time.Millisecond, sessions: 4, batch: batch})
	}
	// The path before batching, at the reference point.
	out = append(out, batchBenchCase{latency: 20 * time.Millisecond, sessions: 4, batch: 1})
	return out
}

func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 10_000
}

func benchSelected(name string) bool {
	sel := os.Getenv("BENCH_CASES")
	if sel == "" {
		return true
	}
	for w := range strings.SplitSeq(sel, ",") {
		if w != "" && (name == w || strings.HasPrefix(name, w+"/")) {
			return true
		}
	}
	return false
}

// groupSheet is a sheet of n call centers of one group, Basic, Standard
// and Premium in turn; queue is the queue length of every tenth row (the
// rows an apply of another queue changes).
func groupSheet(n, queue int) string {
	var sb strings.Builder
	sb.WriteString("serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.password,type,policy,queueLength\n")
	for i := range n {
		q := 10
		if i%10 == 0 {
			q = queue
		}
		typ := [...]string{"Basic", "Standard", "Premium"}[i%3]
		fmt.Fprintf(&sb, "SP,G,cc%05d@example.com,Center %d,pw-%d,%s,Circular,%d\n", i, i, i, typ, q)
	}
	return sb.String()
}

// batchBench is a fake holding a group of rows call centers.
type batchBench struct {
	srv  *broadworkstest.Server
	rows int
}

func newBatchBench(b *testing.B) *batchBench {
	rows := benchRows()
	srv := broadworkstest.NewServer()
	b.Cleanup(srv.Close)
	client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(4)))
	defer client.Close()
	res, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(groupSheet(rows, 10)), bulk.Concurrency(4))
	if err != nil || len(res) != rows || len(srv.CallCenters()) != rows {
		b.Fatalf("setup: %v, %d results, %d stored", err, len(res), len(srv.CallCenters()))
	}
	return &batchBench{srv: srv, rows: rows}
}

// each runs run for every selected case, with a client of the case's
// sessions, and reports the figures. run does one whole run and returns
// the rows it handled.
func (bb *batchBench) each(b *testing.B, cases []batchBenchCase, run func(b *testing.B, c batchBenchCase, client *broadworks.Client) int) {
	for _, c := range cases {
		if !benchSelected(c.String()) {
			continue
		}
		b.Run(c.String(), func(b *testing.B) {
			client := must(broadworks.NewClient(bb.srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				broadworks.WithTLSConfig(bb.srv.ClientTLSConfig()), broadworks.WithSessions(c.sessions)))
			defer client.Close()
			bb.srv.SetLatency(c.latency)
			bb.srv.SetCommandDelay(c.cmdDelay)
			defer bb.srv.SetLatency(0)
			defer bb.srv.SetCommandDelay(0)
			docs, rows := 0, 0
			var elapsed time.Duration
			for b.Loop() {
				before := bb.srv.Stats().Documents
				start := time.Now()
				rows += run(b, c, client)
				elapsed += time.Since(start)
				docs += bb.srv.Stats().Documents - before
			}
			rate := float64(rows) / elapsed.Seconds()
			b.ReportMetric(rate, "rows/s")
			b.ReportMetric(float64(docs)/float64(rows), "docs/row")
			b.ReportMetric(100*rate/c.bound(), "%bound")
			b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/run")
		})
	}
}

// BenchmarkBatchedPlan plans a sheet of the whole group, all unchanged
// (ApplyFromCSV with PlanOnly): a list of the group and a read per row.
func BenchmarkBatchedPlan(b *testing.B) {
	bb := newBatchBench(b)
	sheet := groupSheet(bb.rows, 10)
	bb.each(b, batchBenchCases(), func(b *testing.B, c batchBenchCase, client *broadworks.Client) int {
		res, err := bulk.ApplyFromCSV(context.Background(), client, strings.NewReader(sheet), bulk.PlanOnly(),
			bulk.Concurrency(c.sessions), bulk.Batch(c.batch))
		if err != nil || len(res) != bb.rows {
			b.Fatalf("%v, %d results", err, len(res))
		}
		for _, r := range res {
			if r.Status != bulk.StatusUnchanged {
				b.Fatalf("row %d: %s %v", r.Index, r.Status, r.Err)
			}
		}
		return len(res)
	})
}

// BenchmarkBatchedApply applies a sheet in which every tenth row has
// another queue length than stored: a list, a read per row and a modify
// per tenth row. Runs alternate between two sheets, so each changes the
// same 10%.
func BenchmarkBatchedApply(b *testing.B) {
	bb := newBatchBench(b)
	sheets := []string{groupSheet(bb.rows, 25), groupSheet(bb.rows, 10)}
	n := 0
	bb.each(b, batchBenchCases(), func(b *testing.B, c batchBenchCase, client *broadworks.Client) int {
		sheet := sheets[n%2]
		n++
		res, err := bulk.ApplyFromCSV(context.Background(), client, strings.NewReader(sheet),
			bulk.Concurrency(c.sessions), bulk.Batch(c.batch))
		if err != nil || len(res) != bb.rows {
			b.Fatalf("%v, %d results", err, len(res))
		}
		modified := 0
		for _, r := range res {
			switch r.Status {
			case bulk.StatusModified:
				modified++
			case bulk.StatusUnchanged:
			default:
				b.Fatalf("row %d: %s %v", r.Index, r.Status, r.Err)
			}
		}
		if modified != (bb.rows+9)/10 {
			b.Fatalf("%d rows modified, want %d", modified, (bb.rows+9)/10)
		}
		return len(res)
	})
}

// BenchmarkBatchedExport exports the group: a list and a read per call
// center, written as read.
func BenchmarkBatchedExport(b *testing.B) {
	bb := newBatchBench(b)
	bb.each(b, batchBenchCases(), func(b *testing.B, c batchBenchCase, client *broadworks.Client) int {
		n, err := bulk.ExportCSV(context.Background(), client, io.Discard, "SP", "G", bulk.Concurrency(c.sessions), bulk.Batch(c.batch))
		if err != nil || n != bb.rows {
			b.Fatalf("%v, %d rows", err, n)
		}
		return n
	})
}

// BenchmarkBatchedCreate creates the group with the default options but
// Concurrency, on a new fake each run.
func BenchmarkBatchedCreate(b *testing.B) {
	rows := benchRows()
	sheet := groupSheet(rows, 10)
	cases := []batchBenchCase{
		{latency: 20 * time.Millisecond, sessions: 1, batch: bulk.DefaultBatch},
		{latency: 20 * time.Millisecond, sessions: 4, batch: bulk.DefaultBatch},
	}
	for _, c := range cases {
		if !benchSelected(c.String()) {
			continue
		}
		b.Run(c.String(), func(b *testing.B) {
			docs, done := 0, 0
			var elapsed time.Duration
			for b.Loop() {
				srv := broadworkstest.NewServer(broadworkstest.WithLatency(c.latency))
				client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
					broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(c.sessions)))
				start := time.Now()
				res, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet), bulk.Concurrency(c.sessions))
				elapsed += time.Since(start)
				docs += srv.Stats().Documents
				if err != nil || len(res) != rows || len(srv.CallCenters()) != rows {
					b.Fatalf("%v, %d results, %d stored", err, len(res), len(srv.CallCenters()))
				}
				done += rows
				client.Close()
				srv.Close()
			}
			rate := float64(done) / elapsed.Seconds()
			b.ReportMetric(rate, "rows/s")
			b.ReportMetric(float64(docs)/float64(done), "docs/row")
			b.ReportMetric(100*rate/c.bound(), "%bound")
			b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/run")
		})
	}
}
