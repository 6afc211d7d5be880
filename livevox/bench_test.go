package livevox_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
	"golang.org/x/time/rate"
)

func benchClient(b *testing.B, srv *livevoxtest.Server) *livevox.Client {
	b.Helper()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	c, err := livevox.NewClient(livevox.Credentials{AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword},
		livevox.WithBaseURL(srv.URL), livevox.WithRateLimit(rate.Inf, 0), livevox.WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = c.Close(); hc.CloseIdleConnections() })
	return c
}

// BenchmarkCreateCallCenter measures creates through the fake from
// parallel goroutines sharing one client and one session.
func BenchmarkCreateCallCenter(b *testing.B) {
	srv := livevoxtest.NewServer()
	defer srv.Close()
	c := benchClient(b, srv)
	ctx := context.Background()
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			name := fmt.Sprintf("cc-%d", n.Add(1))
			if _, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: name}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "creates/s")
	b.ReportMetric(float64(srv.Logins()), "logins")
}

// BenchmarkListCallCenters measures iterating 5000 call centers in pages of
// 1000.
func BenchmarkListCallCenters(b *testing.B) {
	srv := livevoxtest.NewServer()
	defer srv.Close()
	client := srv.ClientID(livevoxtest.DefaultClientName)
	for i := range 5000 {
		if _, err := srv.AddCallCenter(client, fmt.Sprintf("cc-%05d", i), srv.AddService(client)); err != nil {
			b.Fatal(err)
		}
	}
	c := benchClient(b, srv)
	ctx := context.Background()
	for b.Loop() {
		n := 0
		for _, err := range c.ListCallCenters(ctx, nil) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 5000 {
			b.Fatalf("listed %d", n)
		}
	}
	b.ReportMetric(float64(b.N*5000)/b.Elapsed().Seconds(), "entries/s")
}
