//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package broadworks

import "net"

// peekSocket cannot look at the socket on this system: a connection the
// server closed while idle is then found out when a command is sent.
func peekSocket(net.Conn) peekResult { return peekEmpty }
