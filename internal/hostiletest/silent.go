package hostiletest

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// SilentServer listens on 127.0.0.1, accepts every connection, reads what
// comes and never answers: the server that a per-request timeout must
// bound. It returns the host:port; the listener and every connection close
// when the test ends.
func SilentServer(t testing.TB) string {
	t.Helper()
	addr, _ := CountingSilentServer(t)
	return addr
}

// CountingSilentServer is [SilentServer] that also reports how many
// connections it has accepted (each attempt of a client opens one: an
// attempt that timed out leaves its connection unusable).
func CountingSilentServer(t testing.TB) (addr string, accepted func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	var n atomic.Int64
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			n.Add(1)
			wg.Go(func() { _, _ = io.Copy(io.Discard, c) })
		}
	})
	return ln.Addr().String(), func() int { return int(n.Load()) }
}
