package bulk_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
)

// TestPasswordChangedDuringABulkRun: a run of 600 rows with 1, 4 and 16
// sessions (as many rows at once); after 100 rows the password changes on
// the server and every session ends, as when an administrator changes it
// while the run goes on. The run stops with a refused login, and the server
// sees exactly one refused login whatever the number of sessions (a real
// server locks the account after 3 to 5).
func TestPasswordChangedDuringABulkRun(t *testing.T) {
	for _, sessions := range []int{1, 4, 16} {
		t.Run(fmt.Sprintf("sessions=%d", sessions), func(t *testing.T) {
			srv := broadworkstest.NewServer(broadworkstest.WithLatency(2 * time.Millisecond))
			defer srv.Close()
			client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(sessions)))
			defer client.Close()
			changed := false
			rs, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(600)), bulk.Concurrency(sessions),
				bulk.OnProgress(func(p bulk.Progress) {
					if p.Done == 100 && !changed {
						changed = true
						srv.AddUser(broadworkstest.DefaultUser, "changed-by-an-administrator")
						srv.ExpireSessions()
						srv.DropConnections()
					}
				}))
			refused := loginCommands(srv) - srv.Stats().Logins
			t.Logf("600 rows, %d sessions, password changed after 100: %d refused logins, %v", sessions, refused, statuses(rs))
			if !errors.Is(err, bulk.ErrLoginRefused) {
				t.Fatalf("err = %v, want a stop on the refused login", err)
			}
			if refused != 1 {
				t.Errorf("%d refused logins, want 1", refused)
			}
		})
	}
}
