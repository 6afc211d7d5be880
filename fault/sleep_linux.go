//go:build linux

package fault

import (
	"os"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// preciseSleep sleeps d on a timerfd(2) read through the Go poller: the
// kernel's high-resolution timer wakes the poller at once, where a Go
// timer may wait for the poller's next whole millisecond, and the
// goroutine holds no thread while it waits. Timers are reused (one-shot:
// a read that returned leaves one disarmed). If a timerfd cannot be used,
// time.Sleep sleeps what is left.
func preciseSleep(d time.Duration) {
	if d <= 0 {
		return
	}
	deadline := time.Now().Add(d)
	// Whatever happens below, the whole d is slept.
	defer func() { time.Sleep(time.Until(deadline)) }()
	t, _ := timers.Get().(*timerFD)
	if t == nil {
		const clockMonotonic = 1
		fd, _, errno := syscall.Syscall(syscall.SYS_TIMERFD_CREATE, clockMonotonic, syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if errno != 0 {
			return
		}
		// (Not f.Fd() later: it would put the descriptor in blocking mode.)
		t = &timerFD{f: os.NewFile(fd, "timerfd"), fd: fd} // the finalizer closes it once the pool drops it
	}
	spec := struct{ interval, value syscall.Timespec }{value: syscall.NsecToTimespec(d.Nanoseconds())} // struct itimerspec
	if _, _, errno := syscall.Syscall6(syscall.SYS_TIMERFD_SETTIME, t.fd, 0, uintptr(unsafe.Pointer(&spec)), 0, 0, 0); errno != 0 {
		t.f.Close()
		return
	}
	var expirations [8]byte
	if _, err := t.f.Read(expirations[:]); err != nil { // returns when the timer fires
		t.f.Close()
		return
	}
	timers.Put(t)
}

// timerFD is a timerfd and its descriptor.
type timerFD struct {
	f  *os.File
	fd uintptr
}

// timers holds idle timerfds.
var timers sync.Pool
