//go:build linux

package faultengine

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// However many wait at once, each sleeps its whole time and at most
// maxTimers timerfds exist.
func TestPreciseSleepBoundsItsTimers(t *testing.T) {
	const waiters = 100
	var wg sync.WaitGroup
	short := make(chan time.Duration, waiters)
	for range waiters {
		wg.Go(func() {
			start := time.Now()
			preciseSleep(2 * time.Millisecond)
			if got := time.Since(start); got < 2*time.Millisecond {
				short <- got
			}
		})
	}
	wg.Wait()
	close(short)
	for got := range short {
		t.Errorf("a 2 ms precise sleep returned after %v", got)
	}
	if n := openTimerFDs(t); n > maxTimers {
		t.Errorf("%d timerfds open, want at most %d", n, maxTimers)
	}
}

func openTimerFDs(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	n := 0
	for _, fd := range fds {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil && target == "anon_inode:[timerfd]" {
			n++
		}
	}
	return n
}
