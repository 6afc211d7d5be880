package bulk_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// TestSilentLoginStopsTheRun: a server that takes the connection and never
// answers the login (a silent listener; the fake keeping every login, over
// TLS) stops a run of 100 rows over 4 sessions after one login timeout:
// one row failed, the 99 others skipped, a *StopError matching
// ErrSystemic and ErrCannotConnect with the hint, one login sent in all.
// (Before, each row waited a timeout of its own: 100 × 0.5 s.)
func TestSilentLoginStopsTheRun(t *testing.T) {
	const rows, timeout = 100, 500 * time.Millisecond
	srv := broadworkstest.NewServer()
	defer srv.Close()
	for _, typ := range []string{"LoginRequest22V5", "AuthenticationRequest"} {
		srv.Inject(fault.Fault{Path: typ, Latency: time.Minute, Times: fault.Always})
	}
	for _, tc := range []struct {
		name, addr string
		opts       []broadworks.Option
		logins     func() int // login documents the server got (-1: cannot count)
	}{
		{"silent listener, TCP", hostiletest.SilentServer(t), []broadworks.Option{broadworks.WithTransport(broadworks.TCP)}, func() int { return -1 }},
		{"fake keeping logins, TLS", srv.TLSAddr(), []broadworks.Option{broadworks.WithTLSConfig(srv.ClientTLSConfig())}, func() int { return srv.Stats().Documents }},
	} {
		client := must(broadworks.NewClient(tc.addr, broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
			append(tc.opts, broadworks.WithSessions(4), broadworks.WithTimeout(timeout))...))
		start := time.Now()
		rs, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(rows)), bulk.Concurrency(4))
		elapsed := time.Since(start)
		client.Close()
		var stop *bulk.StopError
		if !errors.As(err, &stop) || !errors.Is(err, bulk.ErrSystemic) || !errors.Is(err, bulk.ErrCannotConnect) ||
			!strings.Contains(err.Error(), "answers no OCI-P") {
			t.Errorf("%s: err = %v, want a stop on a silent login with its hint", tc.name, err)
		}
		st := statuses(rs)
		if len(rs) != rows || st[bulk.StatusFailed] != 1 || st[bulk.StatusSkipped] != rows-1 || stop == nil || stop.Skipped != rows-1 {
			t.Errorf("%s: %d results, %v, want 1 failed and the %d others skipped", tc.name, len(rs), st, rows-1)
		}
		if n := tc.logins(); n != -1 && n != 1 {
			t.Errorf("%s: %d login documents sent, want 1", tc.name, n)
		}
		t.Logf("%d rows, %s, 4 sessions, timeout %v: %v, %v", rows, tc.name, timeout, elapsed.Round(time.Millisecond), st)
	}
}
