package broadworks

import (
	"errors"
	"net"
	"time"
)

type peekResult int

const (
	peekEmpty  peekResult = iota // nothing waiting: the connection looks alive
	peekData                     // bytes waiting (a newline, TLS records, or an unsolicited message)
	peekClosed                   // the peer closed or reset the connection
)

// idleOK reports whether an idle connection can take a new document: the
// server has not closed it and has sent nothing but whitespace (the newline
// after the last answer) or TLS housekeeping records.
func (sc *streamConn) idleOK() bool {
	for range 3 {
		for sc.br.Buffered() > 0 {
			b, _ := sc.br.Peek(1)
			if !isSpace(b[0]) {
				return false // an unsolicited message, e.g. a server LogoutRequest
			}
			_, _ = sc.br.Discard(1)
		}
		switch peekSocket(sc.nc) {
		case peekEmpty:
			return true
		case peekClosed:
			return false
		}
		// Read what is there: a newline, or TLS records that the TLS layer
		// consumes; a short deadline, as it may hold no application data.
		_ = sc.nc.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		_, err := sc.br.Peek(1)
		_ = sc.nc.SetReadDeadline(time.Time{})
		var ne net.Error
		if err != nil && !(errors.As(err, &ne) && ne.Timeout()) {
			return false
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }
