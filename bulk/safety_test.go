package bulk_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

// loginCommands counts the login requests the fake received, refused ones
// included.
func loginCommands(srv *broadworkstest.Server) int {
	return srv.CommandCount("LoginRequest14sp4") + srv.CommandCount("LoginRequest22V5")
}

// A wrong password stops a bulk run after one refused login per session at
// most, never one per row (a real server locks the account).
func TestWrongPasswordStopsTheRun(t *testing.T) {
	for _, sessions := range []int{1, 4} {
		srv := broadworkstest.NewServer()
		client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, "wrong-password-123",
			broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(sessions)))
		start := time.Now()
		rs, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(500)), bulk.Concurrency(sessions))
		elapsed := time.Since(start)
		logins := loginCommands(srv)
		client.Close()
		srv.Close()
		var stop *bulk.StopError
		if !errors.As(err, &stop) || !errors.Is(err, bulk.ErrLoginRefused) {
			t.Fatalf("%d sessions: err = %v, want a stop on a refused login", sessions, err)
		}
		if strings.Contains(err.Error(), "wrong-password-123") {
			t.Errorf("the run's error shows the password: %v", err)
		}
		if len(rs) != 500 || statuses(rs)[bulk.StatusSkipped] != 499 || stop.Skipped != 499 {
			t.Errorf("%d sessions: %d results, %v", sessions, len(rs), statuses(rs))
		}
		if logins < 1 || logins > sessions {
			t.Errorf("%d sessions: %d logins tried for 500 rows, want 1 to %d", sessions, logins, sessions)
		}
		t.Logf("500 rows, wrong password, %d sessions: %d logins tried, %d skipped, %v", sessions, logins, stop.Skipped, elapsed.Round(time.Millisecond))
	}
}

// TLS against the plain OCI-P port and a closed port stop the run at the
// first failure, with a hint, instead of waiting per row.
func TestUnreachableServerStopsTheRun(t *testing.T) {
	srv := broadworkstest.NewServer()
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	for _, tc := range []struct {
		name, addr, hint string
	}{
		{"TLS to the plain port", srv.TCPAddr(), "plain OCI-P port"},
		{"closed port", closed, "check the host, the port and the transport"},
	} {
		client := must(broadworks.NewClient(tc.addr, broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
			broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(4), broadworks.WithTimeout(2*time.Second)))
		start := time.Now()
		rs, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(50)), bulk.Concurrency(4))
		elapsed := time.Since(start)
		client.Close()
		if !errors.Is(err, bulk.ErrCannotConnect) || !strings.Contains(err.Error(), tc.hint) {
			t.Errorf("%s: err = %v, want ErrCannotConnect with %q", tc.name, err, tc.hint)
		}
		st := statuses(rs)
		if len(rs) != 50 || st[bulk.StatusSkipped] != 49 || st[bulk.StatusFailed] != 1 {
			t.Errorf("%s: %d results, %v: want the rows not sent skipped", tc.name, len(rs), st)
		}
		t.Logf("50 rows, %s: %v, %v", tc.name, elapsed.Round(time.Millisecond), st)
	}
}
