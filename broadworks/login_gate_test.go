package broadworks_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
)

// refusedLogins is how many logins the fake refused.
func refusedLogins(srv *broadworkstest.Server) int {
	return loginAttempts(srv) - srv.Stats().Logins
}

// TestPasswordChangedMidRun: n sessions are logged in and busy; the
// password changes on the server and every session is ended (as a real
// server does); the calls go on from n goroutines. At most one login is
// refused per client in the hold period, whatever n, on every transport,
// and every call after the change fails with a systemic login refusal.
func TestPasswordChangedMidRun(t *testing.T) {
	for _, mode := range transports {
		for _, sessions := range []int{1, 4, 16} {
			t.Run(fmt.Sprintf("%s/sessions=%d", mode, sessions), func(t *testing.T) {
				srv := newServer(t)
				srv.SetLatency(5 * time.Millisecond) // the calls overlap: every session opens
				c := clientFor(t, srv, mode, broadworks.WithSessions(sessions))
				ctx := context.Background()
				run := func(calls int) (refusals int) {
					var mu sync.Mutex
					var wg sync.WaitGroup
					for range sessions {
						wg.Go(func() {
							for range calls {
								_, err := c.GetCallCenter(ctx, "nobody@example.com")
								if errors.Is(err, broadworks.ErrNotFound) {
									continue
								}
								if !errors.Is(err, broadworks.ErrLoginRefused) || !errors.Is(err, broadworks.ErrSystemic) {
									t.Errorf("err = %v, want not found or a login refusal", err)
								}
								mu.Lock()
								refusals++
								mu.Unlock()
							}
						})
					}
					wg.Wait()
					return refusals
				}
				if n := run(3); n != 0 {
					t.Fatalf("%d refusals before the change", n)
				}
				if got := srv.Stats().Logins; got != sessions {
					t.Fatalf("%d sessions logged in, want %d: the test would prove less", got, sessions)
				}
				srv.AddUser(broadworkstest.DefaultUser, "changed-on-the-server")
				srv.ExpireSessions()
				srv.DropConnections()
				refusals := run(10)
				refused := refusedLogins(srv)
				t.Logf("%s, %d sessions: password changed mid-run: %d refused logins at the server, %d calls failed fast", mode, sessions, refused, refusals)
				if refused != 1 {
					t.Errorf("%d refused logins, want 1", refused)
				}
				if refusals != 10*sessions {
					t.Errorf("%d calls refused, want %d", refusals, 10*sessions)
				}
			})
		}
	}
}
