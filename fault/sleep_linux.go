//go:build linux

package fault

import (
	"os"
	"syscall"
	"time"
	"unsafe"
)

// preciseSleep sleeps d on a timerfd(2) read through the Go poller: the
// kernel's high-resolution timer wakes the poller at once, where a Go
// timer may wait for the poller's next whole millisecond, and the
// goroutine holds no thread while it waits. If a timerfd cannot be used,
// time.Sleep sleeps what is left.
func preciseSleep(d time.Duration) {
	if d <= 0 {
		return
	}
	deadline := time.Now().Add(d)
	// Whatever happens below, the whole d is slept.
	defer func() { time.Sleep(time.Until(deadline)) }()
	const clockMonotonic, tfdNonblock, tfdCloexec = 1, syscall.O_NONBLOCK, syscall.O_CLOEXEC
	fd, _, errno := syscall.Syscall(syscall.SYS_TIMERFD_CREATE, clockMonotonic, tfdNonblock|tfdCloexec, 0)
	if errno != 0 {
		return
	}
	f := os.NewFile(fd, "timerfd")
	defer f.Close()
	spec := struct{ interval, value syscall.Timespec }{value: syscall.NsecToTimespec(d.Nanoseconds())} // struct itimerspec
	if _, _, errno := syscall.Syscall6(syscall.SYS_TIMERFD_SETTIME, fd, 0, uintptr(unsafe.Pointer(&spec)), 0, 0, 0); errno != 0 {
		return
	}
	var expirations [8]byte
	_, _ = f.Read(expirations[:]) // returns when the timer fires
}
