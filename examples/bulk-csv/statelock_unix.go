//go:build unix

package main

import (
	"errors"
	"os"
	"syscall"
)

// lockState takes the lock of a -fake-state file for the whole run: an
// advisory lock (flock) on FILE.lock beside it, which the system releases
// when the process ends, however it ends. It returns errStateBusy when
// another run holds it.
func lockState(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errStateBusy
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
