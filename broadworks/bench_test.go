package broadworks

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/internal/modeltest"
)

// BenchmarkCreates measures creates per second over loopback TLS against
// the fake answering each document 2 ms after it arrived: one session with
// one command per document, four sessions, and fifteen commands per
// document, each as a fraction of its latency bound (sessions × commands
// per document / 2 ms), one goroutine per session. (Two per session, so
// that one builds and encodes its next document while the other's is on
// the wire, measured no faster: see BENCHMARKS.md.)
func BenchmarkCreates(b *testing.B) {
	for _, bc := range []struct {
		name            string
		sessions, batch int
	}{
		{"sessions=1/batch=1", 1, 1},
		{"sessions=4/batch=1", 4, 1},
		{"sessions=1/batch=15", 1, 15},
		{"sessions=4/batch=15", 4, 15},
	} {
		b.Run(bc.name, func(b *testing.B) {
			srv := broadworkstest.NewServer(broadworkstest.WithLatency(benchLatency))
			defer srv.Close()
			c, err := NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				WithTLSConfig(srv.ClientTLSConfig()), WithSessions(bc.sessions))
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			ctx := context.Background()
			// Log every session in before timing.
			var wg sync.WaitGroup
			for range bc.sessions {
				wg.Go(func() {
					if _, err := c.ListCallCentersPage(ctx, "sp", "g", 1, 1); err != nil {
						b.Error(err)
					}
				})
			}
			wg.Wait()
			var next atomic.Int64
			b.ResetTimer()
			start := time.Now()
			for range bc.sessions {
				wg.Go(func() {
					cc := modeltest.Premium() // the call center of the figures of BENCHMARKS.md
					for {
						first := int(next.Add(int64(bc.batch))) - bc.batch
						if first >= b.N {
							return
						}
						n := min(bc.batch, b.N-first)
						cmds := make([]Command, n)
						for i := range n {
							cc.ServiceUserID = fmt.Sprintf("bench-%d@example.com", first+i)
							req, err := ocip.NewAddRequest(cc)
							if err != nil {
								b.Error(err)
								return
							}
							cmds[i] = req
						}
						resps, err := c.Do(ctx, cmds...)
						if err != nil {
							b.Error(err)
							return
						}
						for _, r := range resps {
							if _, ok := r.(*ocip.SuccessResponse); !ok {
								b.Errorf("answer %#v", r)
								return
							}
						}
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			if got := srv.Stats().Adds; got != b.N {
				b.Fatalf("%d adds applied, want %d", got, b.N)
			}
			rate := float64(b.N) / elapsed.Seconds()
			b.ReportMetric(rate, "creates/s")
			b.ReportMetric(100*rate/(float64(bc.sessions*bc.batch)/benchLatency.Seconds()), "%bound")
		})
	}
}

// benchLatency is the fake's simulated delay per document.
var benchLatency = 2 * time.Millisecond

// BenchmarkListGroup lists a group of 10,000 call centers over TLS against
// the fake answering each document 20 ms after it arrived, in pages of
// 500 (the default before issue 27) and 2,000 (DefaultPageSize now).
func BenchmarkListGroup(b *testing.B) {
	const rows = 10_000
	srv := broadworkstest.NewServer()
	defer srv.Close()
	c, err := NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, WithTLSConfig(srv.ClientTLSConfig()))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	for i := 0; i < rows; i += MaxCommands {
		cmds := make([]Command, min(MaxCommands, rows-i))
		for j := range cmds {
			cc := modeltest.Premium()
			cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID = "SP", "G", fmt.Sprintf("cc%05d@example.com", i+j)
			cc.Profile.Aliases, cc.Profile.PhoneNumber, cc.Profile.Extension, cc.Profile.CallingLineIDPhoneNumber, cc.Profile.PublicUserIdentity = nil, "", "", "", ""
			if cmds[j], err = ocip.NewAddRequest(cc); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := c.Do(ctx, cmds...); err != nil {
			b.Fatal(err)
		}
	}
	srv.SetLatency(20 * time.Millisecond)
	for _, size := range []int{500, DefaultPageSize} {
		b.Run(fmt.Sprintf("page=%d", size), func(b *testing.B) {
			lc, err := NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				WithTLSConfig(srv.ClientTLSConfig()), WithPageSize(size))
			if err != nil {
				b.Fatal(err)
			}
			defer lc.Close()
			docs := srv.Stats().Documents
			for b.Loop() {
				n := 0
				for _, err := range lc.ListCallCenters(ctx, "SP", "G") {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != rows {
					b.Fatalf("%d listed", n)
				}
			}
			b.ReportMetric(float64(srv.Stats().Documents-docs)/float64(b.N), "docs/list")
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/list")
		})
	}
}
