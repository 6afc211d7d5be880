package livevox_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
)

// TestPasswordChangedUnderConcurrentCalls: 1, 4 and 16 goroutines share a
// client whose session login (the transport's Session) is live; the
// password changes on the server, which ends the session, while they keep
// calling. The server sees one refused login, whatever the number of
// goroutines: the REST clients' login gate has the property the OCI-P
// client's has.
func TestPasswordChangedUnderConcurrentCalls(t *testing.T) {
	ctx := context.Background()
	for _, workers := range []int{1, 4, 16} {
		t.Run(fmt.Sprintf("goroutines=%d", workers), func(t *testing.T) {
			srv, c := newFake(t, nil)
			srv.SetLatency(2 * time.Millisecond)
			run := func(calls int) (refusals int) {
				var mu sync.Mutex
				var wg sync.WaitGroup
				for range workers {
					wg.Go(func() {
						for range calls {
							_, err := c.GetCallCenterListInfo(ctx, 0)
							if err == nil {
								continue
							}
							if !errors.Is(err, livevox.ErrLoginRefused) {
								t.Errorf("err = %v", err)
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
			if err := srv.SetPassword(livevoxtest.DefaultClientName, livevoxtest.DefaultUser, "changed-by-an-administrator"); err != nil {
				t.Fatal(err)
			}
			refusals := run(10)
			refused := srv.LoginAttempts() - srv.Logins()
			t.Logf("%d goroutines, password changed mid-run: %d refused logins at the server, %d calls failed fast", workers, refused, refusals)
			if refused != 1 || refusals != 10*workers {
				t.Errorf("%d refused logins (want 1), %d calls refused (want %d)", refused, refusals, 10*workers)
			}
		})
	}
}
