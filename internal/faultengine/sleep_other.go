//go:build !linux

package faultengine

import "time"

// preciseSleep sleeps d (no high-resolution sleep here: the Go timer).
func preciseSleep(d time.Duration) { time.Sleep(d) }
