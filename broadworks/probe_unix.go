//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package broadworks

import (
	"crypto/tls"
	"errors"
	"net"
	"syscall"
)

// peekSocket looks, without blocking and without consuming anything,
// whether the socket under nc has data waiting or has been closed by the
// peer.
func peekSocket(nc net.Conn) peekResult {
	if tc, ok := nc.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return peekEmpty
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return peekEmpty
	}
	var buf [1]byte
	var n int
	var rerr error
	err = rc.Read(func(fd uintptr) bool {
		// Go's network sockets are non-blocking: no data means EAGAIN.
		n, _, rerr = syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK)
		return true
	})
	switch {
	case err != nil:
		return peekClosed
	case errors.Is(rerr, syscall.EAGAIN), errors.Is(rerr, syscall.EWOULDBLOCK), errors.Is(rerr, syscall.EINTR):
		return peekEmpty
	case rerr != nil:
		return peekClosed
	case n > 0:
		return peekData
	}
	return peekClosed // n == 0: the peer closed the connection
}
