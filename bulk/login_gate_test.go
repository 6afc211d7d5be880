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
// sessions (as many rows at once), and batched (as many batches at once,
// more rows); after 100 rows, with every session logged in, the password
// changes on
// the server and every session ends, as when an administrator changes it
// while the run goes on. The run stops with a refused login, and the server
// sees exactly one refused login whatever the number of sessions (a real
// server locks the account after 3 to 5).
func TestPasswordChangedDuringABulkRun(t *testing.T) {
	for _, tc := range []struct{ sessions, batch, rows int }{{1, 1, 600}, {4, 1, 600}, {16, 1, 600}, {1, 15, 600}, {4, 15, 1500}, {16, 15, 3000}} {
		sessions, rows := tc.sessions, tc.rows
		t.Run(fmt.Sprintf("sessions=%d/batch=%d", sessions, tc.batch), func(t *testing.T) {
			srv := broadworkstest.NewServer(broadworkstest.WithLatency(2 * time.Millisecond))
			defer srv.Close()
			client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(sessions)))
			defer client.Close()
			changed := false
			rs, err := bulk.CreateFromCSV(context.Background(), client, strings.NewReader(sheet(rows)), bulk.Concurrency(sessions), bulk.Batch(tc.batch),
				bulk.OnProgress(func(p bulk.Progress) {
					// (Once every session has logged in: a run that batches
					// has done 100 rows before the last of 16 sessions, which
					// take turns to log in, is logged in.)
					if p.Done >= 100 && !changed && srv.Stats().Logins >= sessions {
						changed = true
						srv.AddUser(broadworkstest.DefaultUser, "changed-by-an-administrator")
						srv.ExpireSessions()
						srv.DropConnections()
					}
				}))
			refused := loginCommands(srv) - srv.Stats().Logins
			t.Logf("%d rows, %d sessions, batch %d, password changed after 100: %d refused logins, %v", rows, sessions, tc.batch, refused, statuses(rs))
			if !errors.Is(err, bulk.ErrLoginRefused) {
				t.Fatalf("err = %v, want a stop on the refused login", err)
			}
			if refused != 1 {
				t.Errorf("%d refused logins, want 1", refused)
			}
		})
	}
}
