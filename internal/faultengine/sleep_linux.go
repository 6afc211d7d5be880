//go:build linux

package faultengine

import (
	"os"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// preciseSleep sleeps d on a timerfd(2) read through the Go poller: the
// kernel's high-resolution timer wakes the poller at once, where a Go
// timer may wait for the poller's next whole millisecond, and the
// goroutine holds no thread while it waits. Timers are reused (one-shot:
// a read that returned leaves one disarmed), at most [maxTimers] of them;
// a wait beyond that, or one whose timerfd fails, is slept by time.Sleep.
func preciseSleep(d time.Duration) {
	if d <= 0 {
		return
	}
	deadline := time.Now().Add(d)
	// Whatever happens below, the whole d is slept.
	defer func() { time.Sleep(time.Until(deadline)) }()
	var t *timerFD
	select {
	case t = <-timers:
	default:
		if timerCount.Add(1) > maxTimers {
			timerCount.Add(-1)
			return // that many precise waits at once: this one is a Go timer's
		}
		const clockMonotonic = 1
		fd, _, errno := syscall.Syscall(syscall.SYS_TIMERFD_CREATE, clockMonotonic, syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if errno != 0 {
			timerCount.Add(-1)
			return
		}
		// (Not f.Fd() later: it would put the descriptor in blocking mode.)
		t = &timerFD{f: os.NewFile(fd, "timerfd"), fd: fd}
	}
	spec := struct{ interval, value syscall.Timespec }{value: syscall.NsecToTimespec(d.Nanoseconds())} // struct itimerspec
	if _, _, errno := syscall.Syscall6(syscall.SYS_TIMERFD_SETTIME, t.fd, 0, uintptr(unsafe.Pointer(&spec)), 0, 0, 0); errno != 0 {
		t.close()
		return
	}
	var expirations [8]byte
	if _, err := t.f.Read(expirations[:]); err != nil { // returns when the timer fires
		t.close()
		return
	}
	timers <- t // never blocks: at most maxTimers exist
}

func (t *timerFD) close() {
	t.f.Close()
	timerCount.Add(-1)
}

// timerFD is a timerfd and its descriptor.
type timerFD struct {
	f  *os.File
	fd uintptr
}

// maxTimers bounds the timerfds made (and kept open for reuse, so a
// process with fakes holds at most this many descriptors for them).
const maxTimers = 16

var (
	timers     = make(chan *timerFD, maxTimers) // the idle ones
	timerCount atomic.Int32                     // how many exist
)
